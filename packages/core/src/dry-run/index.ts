/**
 * Public surface of the dry-run. `dryRun` does the work; the rest is for rendering and testing.
 */
export { dryRun, DEFAULT_STATEMENT_TIMEOUT_MS } from './run';
export { DryRunCancelledError } from './cancellation';
export { renderDryRunMarkdown } from './markdown';
export { diffSchemaSnapshots, emptySchemaSnapshot } from './schema-diff';
export type { SchemaChange, SchemaChangeAction, SchemaObjectKind, SchemaSnapshot, FieldChange } from './schema-diff';
export { takeSchemaSnapshot } from './catalog';
export type * from './types';
