import packageJson from '../../../package.json';

/** The package version, reported in every output so a report can be traced to the tool that wrote it. */
export const TOOL_VERSION: string = packageJson.version;
