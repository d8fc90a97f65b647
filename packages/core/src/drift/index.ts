/** Public surface of the drift check. */
export { checkDrift, type DriftCheckOptions, type DriftReport, type DriftStatus, type ReplayProblem } from './check';
export { compareSnapshots, type Comparison, type DriftChange, type DriftDifference } from './compare';
export { draftCapture, type CaptureDraft } from './capture';
export { PLATFORM_EXTENSIONS, PLATFORM_SCHEMAS, TOOL_SCHEMAS, resolveExclusions, type ExclusionOptions, type Exclusions } from './exclusions';
export { chainGates, driftGate, parseDriftMode, DRIFT_MODES, type DriftGateInput, type DriftGateState, type DriftMode } from './gate';
export { formatDriftJson, formatDriftText, renderDriftMarkdown } from './render';
export { DRIFT_ISSUE_LABEL, driftIssueMarker, syncDriftIssue, type DriftIssueAction, type DriftIssueInput, type DriftIssueResult } from './issue';
