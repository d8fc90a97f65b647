/** Public API of the deploy engine (used by the CLI and the deploy actions). */
export {
  deploy,
  migrationStatus,
  repairHistory,
  defaultApplicationName,
  DEFAULT_LOCK_WAIT_MS,
  DEFAULT_LOCK_POLL_MS,
  type DatabaseOptions,
  type MigrationSource,
  type DeployOptions,
  type DeployGate,
  type GateCandidate,
  type GateDecision,
  type DeployResult,
  type DeployError,
  type DeployErrorKind,
  type FileProblem,
  type StatusOptions,
  type StatusReport,
  type RepairOptions,
  type RepairResult,
  type RepairChange,
} from './engine';
export type { AuditContext, AuditRecord, AuditOutcome, DeployOutcome, DriftAudit, PartialStatements, RestorePoint } from './audit';
export { DEFAULT_EXECUTION_SETTINGS, type ExecutionSettings, type MigrationRun, type MigrationRunStatus } from './execute';
export { HISTORY_SCHEMA, HISTORY_TABLE, APPLIED_TABLE, AUDIT_TABLE, type HistoryRecord } from './history';
export { describeInterruptedAttempt, type InterruptedAttempt } from './interrupted';
export type { InvalidIndex } from './concurrent-index';
export type { EarlierPartialAttempt } from './partial-attempts';
export { historyStatements, statementsMatchText } from './history-statements';
export { DEPLOY_LOCK_KEY, type LockHolder } from './lock';
export type { DeployLogger, LogEntry, LogEvent, LogLevel } from './log';
export { planMigrations, type AppliedMigrationStatus, type DriftAllowances, type DriftProblem, type MigrationPlan, type PendingMigration } from './plan';
export { formatDeployResult, formatRepairResult, formatStatusReport } from './report';
export { formatMigrationError, type MigrationError, type MigrationErrorKind, type StatementRef } from './sql-errors';
export { parseDuration } from './duration';
export { ConnectionError, detectTransactionPooler, maskSecrets, scrubSecrets, type SslMode, type TlsOptions } from '../db/connection';
export { TOOL_VERSION } from '../version';
