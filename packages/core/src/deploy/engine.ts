/**
 * The deploy engine: `deploy` (apply pending migrations, or dry-run them), `migrationStatus` and
 * `repairHistory`. Every function returns a plain, JSON-serialisable result instead of throwing
 * for expected failures (bad folder, unreachable database, drift, failing SQL), so the CLI and the
 * GitHub action can always print and store what happened.
 */
import { discoverMigrations, DEFAULT_MIGRATIONS_DIR } from '../discovery';
import type { Finding, MigrationFile, MigrationSet } from '../model';
import { TOOL_VERSION } from '../version';
import { loadParser } from '../parser';
import {
  isConnectionLoss,
  maskSecrets,
  openConnection,
  parseDatabaseUrl,
  scrubSecrets,
  type DatabaseConnection,
  type TlsOptions,
} from '../db/connection';
import { ENVIRONMENT_MARKER_TABLE, markEnvironment } from '../db/environment-marker';
import { captureRestorePoint, auditTableExists, newAuditRecord, writeAuditRow, type AuditContext, type AuditRecord, type DeployOutcome } from './audit';
import {
  applyInTransaction,
  applyStatementByStatement,
  dryRun,
  notRun,
  DEFAULT_EXECUTION_SETTINGS,
  type ExecutionContext,
  type ExecutionSettings,
  type MigrationRun,
} from './execute';
import { describeFailure } from './failure-text';
import { deleteApplied, ensureHistoryTables, readHistory, upsertApplied, type AppliedEntry, type HistoryRecord } from './history';
import { historyStatements, statementsDigest } from './history-statements';
import { redactPasswords } from '../redact';
import { closeInterruptedAttempts, describeInterruptedAttempt, listInterruptedAttempts, type InterruptedAttempt } from './interrupted';
import { acquireDeployLock, describeHolders, releaseDeployLock, type LockHolder } from './lock';
import { silentLogger, type DeployLogger } from './log';
import {
  deployabilityProblems,
  planMigrations,
  type AppliedMigrationStatus,
  type DriftAllowances,
  type DriftProblem,
  type MigrationPlan,
  type PendingMigration,
} from './plan';
import { describeEarlierAttempts, earlierPartialAttempts, savePartialStatements } from './partial-attempts';
import { formatMigrationError, type MigrationError } from './sql-errors';

export interface DatabaseOptions {
  /** postgres://user:password@host:port/database[?sslmode=...] */
  databaseUrl: string;
  /** TLS mode / CA certificate, overriding the URL's sslmode and sslrootcert. */
  tls?: TlsOptions;
  /** Connect through a transaction-mode pooler (port 6543, pgbouncer=true) anyway; only warns. */
  allowTransactionPooler?: boolean;
  /** Shown in pg_stat_activity (and to a deploy waiting for the lock); default names the command, environment, commit and pid. */
  applicationName?: string;
  connectTimeoutMs?: number;
}

export interface MigrationSource {
  /** Folder of `<version>_<name>.sql` files (default supabase/migrations); ignored when `migrations` is given. */
  migrationsDir?: string;
  /** A set discovered already (e.g. by the validation step), so the deploy uses exactly what was checked. */
  migrations?: MigrationSet;
  /** Paths in messages are relative to this folder (default: the working directory). */
  displayRoot?: string;
}

export interface DeployOptions extends DatabaseOptions, MigrationSource {
  /** Plan only: run pending transactional migrations in a transaction that is rolled back. */
  dryRun?: boolean;
  /** Drift to tolerate; by default any drift refuses the deploy. */
  allow?: DriftAllowances;
  execution?: Partial<ExecutionSettings>;
  /** How long to wait while another deploy holds the lock (default 60 s; 0 = give up at once). */
  lockWaitMs?: number;
  /** How often to try the lock while waiting (default 500 ms). */
  lockPollMs?: number;
  context?: AuditContext;
  logger?: DeployLogger;
  /**
   * Decides, under the deploy lock and with the exact plan, whether the deploy may go ahead
   * (production: approval, staging promotion, override). Called before anything is applied,
   * also when nothing is pending, so that a refusal is always audited.
   */
  gate?: DeployGate;
  /**
   * After a successful deploy (or one with nothing to do), mark the database as this environment
   * in supabase_migrations.gate_environment, still under the lock. Production deploys pass
   * "production" so that seeding refuses the database.
   */
  markEnvironment?: string;
}

export interface GateCandidate {
  version: string;
  file: string;
  checksum: string;
}

export type GateDecision = { proceed: true; context?: Partial<AuditContext> } | { proceed: false; message: string; context?: Partial<AuditContext> };

export type DeployGate = (pending: GateCandidate[]) => Promise<GateDecision>;

/** The history entry of one migration, as both a deploy and a repair record it. */
function appliedEntry(
  migration: MigrationFile,
  run: Pick<AppliedEntry, 'durationMs' | 'attempts' | 'gitSha' | 'auditId' | 'repaired'>,
): AppliedEntry {
  // Stored redacted: the Supabase CLI keeps statements only for display (and `migration fetch`),
  // and a password must not sit in a table every database user with access to the schema can read.
  const statements = historyStatements(migration).map(redactPasswords);
  return {
    version: migration.version!,
    name: migration.name ?? '',
    statements,
    statementsSha256: statementsDigest(statements),
    checksum: migration.checksum,
    transactional: migration.directives.transactional,
    toolVersion: TOOL_VERSION,
    ...run,
  };
}

/** What a gate learnt (approvers, override) belongs in the audit row of the attempt. */
function applyGateContext(audit: AuditRecord, context: Partial<AuditContext> | undefined): void {
  if (!context) return;
  if (context.approvers) audit.approvers = context.approvers;
  if (context.drift) audit.drift = context.drift;
  if (context.override) {
    audit.override = true;
    audit.overrideReason = context.override.reason;
    audit.bypassedGates = context.override.bypassedGates ?? [];
  }
}

export const DEFAULT_LOCK_WAIT_MS = 60_000;
export const DEFAULT_LOCK_POLL_MS = 500;

/** A problem in the local files that stops a deploy before anything runs. */
export interface FileProblem {
  file: string;
  line: number;
  message: string;
}

export type DeployErrorKind =
  | 'invalid-migrations'
  | 'drift'
  | 'connection'
  | 'pooler'
  | 'lock-unavailable'
  | 'migration'
  | 'connection-lost'
  | 'gate'
  | 'internal';

export interface DeployError {
  kind: DeployErrorKind;
  message: string;
  /** For kind "migration" (and a connection lost mid-migration): where it failed. */
  migration?: MigrationError;
}

export interface DeployResult {
  outcome: DeployOutcome;
  ok: boolean;
  dryRun: boolean;
  /** One paragraph saying what happened. */
  message: string;
  /** Folder as shown to the user. */
  directory: string;
  /** Pending migrations at the start, with what happened to each. */
  migrations: MigrationRun[];
  /** Applied migrations as found at the start, with their drift state. */
  applied: AppliedMigrationStatus[];
  drift: DriftProblem[];
  problems: FileProblem[];
  notes: string[];
  error?: DeployError;
  /** What to do next after a failure; migrations are never rolled back automatically. */
  forwardFix?: string;
  lockHolders?: LockHolder[];
  /** Earlier attempts this deploy found dead (audit rows left "running") and closed as interrupted. */
  interrupted: InterruptedAttempt[];
  /** Whether `markEnvironment` was written. */
  environmentMarker?: { name: string; written: boolean; error?: string };
  audit: AuditRecord;
}

interface Resolved {
  log: DeployLogger;
  scrub: (text: string) => string;
  applicationName: string;
}

function truncateBytes(text: string, maxBytes: number): string {
  let result = text;
  while (Buffer.byteLength(result) > maxBytes) result = result.slice(0, -1);
  return result;
}

/** Postgres keeps 63 bytes of application_name. */
export function defaultApplicationName(command: string, context: AuditContext = {}): string {
  const parts = ['migration-gate', command, context.environment, context.gitSha?.slice(0, 7), `pid ${process.pid}`].filter(Boolean);
  return truncateBytes(parts.join(' '), 63);
}

function safeTarget(url: string): AuditRecord['database'] {
  try {
    const t = parseDatabaseUrl(url);
    return { host: t.host, port: t.port, name: t.database, user: t.user };
  } catch {
    return { host: '', port: 0, name: '', user: '' };
  }
}

async function loadMigrationSet(source: MigrationSource): Promise<MigrationSet> {
  if (source.migrations) return source.migrations;
  await loadParser();
  return discoverMigrations(source.migrationsDir ?? DEFAULT_MIGRATIONS_DIR, { displayRoot: source.displayRoot });
}

/**
 * Local problems that block: error findings of files that are not applied (an applied file is
 * checked by checksum instead), and transaction control inside pending transactional files.
 */
function fileProblems(set: MigrationSet, records: readonly HistoryRecord[], pending: readonly PendingMigration[]): FileProblem[] {
  const appliedFiles = new Set(set.migrations.filter((m) => m.version && records.some((r) => r.version === m.version)).map((m) => m.path));
  const problems: FileProblem[] = set.findings
    .filter((f: Finding) => f.severity === 'error' && !f.suppressed && !appliedFiles.has(f.file))
    .map((f) => ({ file: f.file, line: f.line, message: f.message }));
  const pendingVersions = new Set(pending.map((p) => p.version));
  for (const migration of set.migrations) {
    if (migration.version && pendingVersions.has(migration.version)) problems.push(...deployabilityProblems(migration));
  }
  return problems;
}

function migrationFor(set: MigrationSet, version: string): MigrationFile {
  return set.migrations.find((m) => m.version === version)!;
}

/** Replaces secrets in every string of a JSON-like value (statement excerpts can quote them too). */
function scrubDeep<T>(value: T, scrub: (text: string) => string): T {
  if (typeof value === 'string') return scrub(value) as T;
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, scrub)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubDeep(v, scrub)])) as T;
  }
  return value;
}

/**
 * Applies pending migrations (or, with `dryRun`, checks them in a rolled-back transaction).
 * Never throws for database or migration problems: see `DeployResult.outcome` and `error`.
 * No string in the result contains the database password.
 */
export async function deploy(options: DeployOptions): Promise<DeployResult> {
  const secrets = maskSecrets(options.databaseUrl);
  return scrubDeep(await runDeploy(options), (text) => scrubSecrets(text, secrets));
}

/** One deploy attempt in progress: what it was asked, what it found so far, and its audit record. */
interface DeployRun {
  options: DeployOptions;
  dry: boolean;
  /** performance.now() at the start. */
  started: number;
  settings: ExecutionSettings;
  resolved: Resolved;
  audit: AuditRecord;
  result: DeployResult;
}

function startDeployRun(options: DeployOptions): DeployRun {
  const startedAt = new Date();
  const dry = !!options.dryRun;
  const context = options.context ?? {};
  const secrets = maskSecrets(options.databaseUrl);
  const resolved: Resolved = {
    log: options.logger ?? silentLogger,
    scrub: (text) => scrubSecrets(text, secrets),
    applicationName: options.applicationName ?? defaultApplicationName(dry ? 'plan' : 'deploy', context),
  };
  const audit = newAuditRecord({ command: 'deploy', context, database: safeTarget(options.databaseUrl), applicationName: resolved.applicationName, toolVersion: TOOL_VERSION, startedAt });
  const result: DeployResult = {
    outcome: 'refused',
    ok: false,
    dryRun: dry,
    message: '',
    directory: options.migrations?.directory ?? options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR,
    migrations: [],
    applied: [],
    drift: [],
    problems: [],
    notes: [],
    interrupted: [],
    audit,
  };
  return { options, dry, started: performance.now(), settings: { ...DEFAULT_EXECUTION_SETTINGS, ...options.execution }, resolved, audit, result };
}

function concludeRun(run: DeployRun, outcome: DeployOutcome, message: string, error?: DeployError): DeployResult {
  const { result, audit } = run;
  result.outcome = outcome;
  result.ok = outcome === 'applied' || outcome === 'up-to-date' || outcome === 'dry-run-passed';
  result.message = message;
  if (error) result.error = error;
  audit.outcome = outcome;
  audit.error = error ? error.message : null;
  return result;
}

async function runDeploy(options: DeployOptions): Promise<DeployResult> {
  const run = startDeployRun(options);
  const { audit, resolved } = run;
  let set: MigrationSet;
  try {
    set = await loadMigrationSet(options);
    run.result.directory = set.directory;
  } catch (err) {
    finishTiming(audit, run.started);
    return concludeRun(run, 'refused', (err as Error).message, { kind: 'invalid-migrations', message: (err as Error).message });
  }
  const connection = await connectForDeploy(run);
  if (!connection) return run.result;

  const lock = { held: false };
  try {
    if (run.dry) return await planRun(run, connection, set);
    const result = await deployUnderLock(run, connection, set, lock);
    if (result.ok && options.markEnvironment) await markDeployedEnvironment(run, connection, options.markEnvironment);
    return result;
  } catch (err) {
    return concludeUnexpected(run, connection, set, err);
  } finally {
    finishTiming(audit, run.started);
    if (!run.dry) await finalizeAudit(connection, options, resolved, audit, lock.held);
    if (lock.held && !connection.lost) await releaseDeployLock(connection.client).catch(() => undefined);
    await connection.close();
  }
}

/** Opens the deploy's connection; on failure concludes the run and returns undefined. */
async function connectForDeploy(run: DeployRun): Promise<DatabaseConnection | undefined> {
  const { options, resolved, audit } = run;
  const { log } = resolved;
  let connection: DatabaseConnection;
  try {
    connection = await openConnection(options.databaseUrl, {
      applicationName: resolved.applicationName,
      tls: options.tls,
      connectTimeoutMs: options.connectTimeoutMs,
      allowTransactionPooler: options.allowTransactionPooler,
      onWarning: (message) => log({ level: 'warning', event: 'pooler-allowed', message }),
    });
  } catch (err) {
    const message = resolved.scrub((err as Error).message);
    finishTiming(audit, run.started);
    concludeRun(run, 'connection-failed', message, { kind: (err as { kind?: string }).kind === 'pooler' ? 'pooler' : 'connection', message });
    return undefined;
  }
  connection.client.on('notice', (notice) => log({ level: 'debug', event: 'server-notice', message: resolved.scrub(notice.message ?? '') }));
  log({ level: 'debug', event: 'connected', message: `Connected to ${audit.database.host}:${audit.database.port}/${audit.database.name} as ${audit.database.user} (application_name "${resolved.applicationName}").` });
  return connection;
}

/** Everything between taking the lock and the last migration. `lock.held` tells the caller whether to release it. */
async function deployUnderLock(run: DeployRun, connection: DatabaseConnection, set: MigrationSet, lock: { held: boolean }): Promise<DeployResult> {
  const { audit, resolved, result, started } = run;
  if (!(await takeDeployLock(run, connection))) return result;
  lock.held = true;
  await openAuditRecord(run, connection);
  const plan = await planUnderLock(run, connection, set);
  if (!plan) return result;
  if (!(await passGate(run, set, plan))) return result;
  if (plan.pending.length === 0) {
    const count = plan.applied.length;
    return concludeRun(run, 'up-to-date', count > 0 ? `Nothing to deploy: all ${count} migration(s) are already applied.` : `Nothing to deploy: there are no migrations in ${result.directory}.`);
  }
  audit.restorePoint = await captureRestorePoint(connection.client);
  resolved.log({
    level: 'info',
    event: 'restore-point',
    message: `Restore point before changes: server time ${audit.restorePoint.serverTime}${audit.restorePoint.walLsn ? `, WAL LSN ${audit.restorePoint.walLsn}` : ''}.`,
  });
  await writeAuditRow(connection.client, audit);
  const failure = await applyPending(run, connection, set, plan);
  if (failure) return concludeFailedMigration(run, failure);
  const versions = result.migrations.filter((m) => m.status === 'applied').map((m) => m.version);
  return concludeRun(run, 'applied', `Applied ${versions.length} migration(s) in ${Math.round(performance.now() - started)} ms: ${versions.join(', ')}.`);
}

/** Waits for the deploy lock; when it stays busy, concludes the run as lock-unavailable and returns false. */
async function takeDeployLock(run: DeployRun, connection: DatabaseConnection): Promise<boolean> {
  const { options, audit, resolved } = run;
  const { log } = resolved;
  const waitMs = options.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS;
  let waited = false;
  const lock = await acquireDeployLock(connection.client, {
    waitMs,
    pollMs: options.lockPollMs ?? DEFAULT_LOCK_POLL_MS,
    onBusy: (holders) => {
      waited = true;
      log({ level: 'info', event: 'lock-busy', message: `Another deploy holds the deploy lock (${describeHolders(holders)}); waiting up to ${waitMs} ms.`, data: { holders } });
    },
  });
  audit.lockWaitMs = lock.waitedMs;
  if (!lock.acquired) {
    run.result.lockHolders = lock.holders;
    const message = `Another deploy is running against this database: the deploy lock is held by ${describeHolders(lock.holders)}. Gave up after waiting ${lock.waitedMs} ms; nothing was changed. Deploy again when it has finished (or wait longer).`;
    log({ level: 'error', event: 'lock-unavailable', message, data: { holders: lock.holders } });
    concludeRun(run, 'lock-unavailable', message, { kind: 'lock-unavailable', message });
    return false;
  }
  if (waited) log({ level: 'info', event: 'lock-acquired', message: `Waited ${lock.waitedMs} ms for the deploy lock.`, data: { waitedMs: lock.waitedMs } });
  return true;
}

/**
 * Under the lock: the history tables, this attempt's audit row, and the rows of earlier attempts
 * that died without finishing theirs (closed as interrupted, and said so).
 */
async function openAuditRecord(run: DeployRun, connection: DatabaseConnection): Promise<void> {
  const { log } = run.resolved;
  if ((await ensureHistoryTables(connection.client)).created) {
    log({ level: 'info', event: 'history-created', message: 'Created the migration history tables in schema supabase_migrations.' });
  }
  await writeAuditRow(connection.client, run.audit);
  run.result.interrupted = await closeInterruptedAttempts(connection.client, run.audit.id);
  for (const attempt of run.result.interrupted) {
    log({ level: 'warning', event: 'interrupted-attempt', message: `${describeInterruptedAttempt(attempt)} Marked "interrupted".`, data: { auditId: attempt.id } });
  }
}

/** Reads the history and plans; on file problems or drift concludes the run as refused and returns undefined. */
async function planUnderLock(run: DeployRun, connection: DatabaseConnection, set: MigrationSet): Promise<MigrationPlan | undefined> {
  const { audit, result, options } = run;
  const { log } = run.resolved;
  const history = await readHistory(connection.client);
  const plan = planMigrations(set.migrations, history.records, options.allow);
  result.applied = plan.applied;
  result.drift = plan.drift;
  result.notes = plan.notes;
  for (const note of plan.notes) log({ level: 'info', event: 'note', message: note });
  for (const d of plan.drift.filter((p) => p.allowed)) log({ level: 'warning', event: 'drift', message: `Allowed: ${d.message}` });
  audit.versions = plan.pending.map((p) => p.version);
  audit.checksums = Object.fromEntries(plan.pending.map((p) => [p.version, migrationFor(set, p.version).checksum]));

  result.problems = fileProblems(set, history.records, plan.pending);
  if (result.problems.length > 0) {
    const message = `Deploy refused: ${result.problems.length} problem(s) in the migration files must be fixed first:\n${result.problems.map((p) => `  ${p.file}:${p.line}: ${p.message}`).join('\n')}`;
    concludeRun(run, 'refused', message, { kind: 'invalid-migrations', message });
    return undefined;
  }
  if (plan.blocking.length > 0) {
    const message = `Deploy refused: the migration history does not match the migrations folder:\n${plan.blocking.map((d) => `  - ${d.message}`).join('\n')}`;
    for (const d of plan.blocking) log({ level: 'error', event: 'drift', message: d.message });
    result.forwardFix =
      'Applied migrations are never edited, deleted or reordered: restore the file or revert the edit, and put further changes in a new migration. ' +
      'When the history itself is wrong, correct it with "migration-gate repair --status applied|reverted <version>" (the same as "supabase migration repair").';
    concludeRun(run, 'refused', message, { kind: 'drift', message });
    return undefined;
  }
  return plan;
}

/** Asks the caller's gate (production: approval, staging, override); on refusal concludes the run and returns false. */
async function passGate(run: DeployRun, set: MigrationSet, plan: MigrationPlan): Promise<boolean> {
  const { gate } = run.options;
  if (!gate) return true;
  const decision = await gate(plan.pending.map((p) => ({ version: p.version, file: p.file, checksum: migrationFor(set, p.version).checksum })));
  applyGateContext(run.audit, decision.context);
  if (decision.proceed) return true;
  run.resolved.log({ level: 'error', event: 'gate-refused', message: decision.message });
  run.result.migrations = plan.pending.map((p) => notRun(migrationFor(set, p.version), 'Not run: the deploy gate refused the deploy.'));
  concludeRun(run, 'refused', decision.message, { kind: 'gate', message: decision.message });
  return false;
}

/** Runs the pending migrations in order, stopping at the first failure, which it returns. */
async function applyPending(run: DeployRun, connection: DatabaseConnection, set: MigrationSet, plan: MigrationPlan): Promise<MigrationRun | undefined> {
  const { audit, result } = run;
  const { log } = run.resolved;
  const ctx = executionContext(run, connection);
  let failure: MigrationRun | undefined;
  for (const [index, pending] of plan.pending.entries()) {
    const migration = migrationFor(set, pending.version);
    if (failure) {
      result.migrations.push(notRun(migration, `Not run: ${failure.file} failed first.`));
      continue;
    }
    log({ level: 'info', event: 'migration-start', message: `Applying ${migration.path} (${index + 1}/${plan.pending.length})${pending.transactional ? '' : ' statement by statement (-- transaction: none)'}...`, data: { version: pending.version } });
    const migrationRun = pending.transactional ? await applyInTransaction(ctx, migration) : await applyNonTransactional(run, ctx, migration);
    result.migrations.push(migrationRun);
    audit.migrationDurations[migrationRun.version] = Math.round(migrationRun.durationMs);
    if (migrationRun.status === 'applied') {
      audit.appliedVersions.push(migrationRun.version);
      log({ level: 'info', event: 'migration-applied', message: `Applied ${migrationRun.file} in ${Math.round(migrationRun.durationMs)} ms${migrationRun.attempts > 1 ? ` (${migrationRun.attempts} attempts)` : ''}.`, data: { version: migrationRun.version, durationMs: migrationRun.durationMs, attempts: migrationRun.attempts } });
    } else {
      failure = migrationRun;
      log({ level: 'error', event: 'migration-failed', message: formatMigrationError(migrationRun.error!), data: { version: migrationRun.version } });
    }
  }
  return failure;
}

function executionContext(run: DeployRun, connection: DatabaseConnection): ExecutionContext {
  const { audit, settings, resolved } = run;
  const gitSha = run.options.context?.gitSha ?? null;
  return {
    client: connection.client,
    settings,
    log: resolved.log,
    scrub: resolved.scrub,
    historyEntry: (migration, durationMs, attempts) => appliedEntry(migration, { durationMs, attempts, gitSha, auditId: audit.id }),
    onStatementCommitted: async (migration, committed) => {
      audit.partialStatements[migration.version!] = { checksum: migration.checksum, committed: committed.map((s) => ({ index: s.index, line: s.line })) };
      // Best effort: a failure here (the connection went away) surfaces on the next statement.
      await savePartialStatements(connection.client, audit.id!, audit.partialStatements).catch(() => undefined);
    },
  };
}

/**
 * A `-- transaction: none` migration, linked to earlier attempts that left some of its statements
 * in effect: warned about before it runs again from statement 1, and named if it fails.
 */
async function applyNonTransactional(run: DeployRun, ctx: ExecutionContext, migration: MigrationFile): Promise<MigrationRun> {
  const earlier = await earlierPartialAttempts(ctx.client, migration.version!, run.audit.id);
  if (earlier.length > 0) {
    ctx.log({
      level: 'warning',
      event: 'partial-attempt',
      message: `${migration.path} ran partially before: ${describeEarlierAttempts(earlier, migration.checksum)}. Those statements are still in effect; running the file again from its first statement.`,
      data: { version: migration.version, auditIds: earlier.map((e) => e.auditId) },
    });
  }
  const migrationRun = await applyStatementByStatement(ctx, migration);
  if (migrationRun.status === 'applied') delete run.audit.partialStatements[migration.version!];
  return earlier.length > 0 ? { ...migrationRun, earlierAttempts: earlier } : migrationRun;
}

function concludeFailedMigration(run: DeployRun, failure: MigrationRun): DeployResult {
  const appliedBefore = run.result.migrations.filter((m) => m.status === 'applied').length;
  run.result.forwardFix = describeFailure(failure, appliedBefore, run.settings);
  const error = failure.error!;
  const what = error.kind === 'connection-lost' ? `The database connection was lost while applying ${failure.file}` : `${failure.file} failed`;
  return concludeRun(run, 'failed', `${what}: ${formatMigrationError(error)}${appliedBefore > 0 ? `\n${appliedBefore} migration(s) were applied before it.` : ''}`, {
    kind: error.kind === 'connection-lost' ? 'connection-lost' : 'migration',
    message: `${error.file}:${error.line}:${error.column}: ${error.message}`,
    migration: error,
  });
}

/** Failures outside a migration: reading history, taking the lock, writing the audit row. */
function concludeUnexpected(run: DeployRun, connection: DatabaseConnection, set: MigrationSet, err: unknown): DeployResult {
  const { result, audit } = run;
  const lost = isConnectionLoss(err) || connection.lost !== undefined;
  const message = run.resolved.scrub(
    lost
      ? `The database connection was lost before or between migrations (${(err as Error).message}). Every migration is recorded in the same transaction that applies it, so the history still matches the schema; deploy again once the database is reachable.`
      : `Deploy stopped by an unexpected database error: ${(err as Error).message}`,
  );
  const pendingLeft = new Set(audit.versions.filter((v) => !result.migrations.some((m) => m.version === v)));
  for (const version of pendingLeft) result.migrations.push(notRun(migrationFor(set, version), 'Not run: the deploy stopped before it.'));
  run.resolved.log({ level: 'error', event: 'migration-failed', message });
  return concludeRun(run, 'failed', message, { kind: lost ? 'connection-lost' : 'internal', message });
}

/**
 * Records which environment this database is (`supabase_migrations.gate_environment`) after a
 * successful deploy, still under the lock; seeding refuses a database marked production. A failure
 * is reported, not fatal: the migrations are applied and audited either way.
 */
async function markDeployedEnvironment(run: DeployRun, connection: DatabaseConnection, name: string): Promise<void> {
  try {
    await markEnvironment(connection.client, name, run.audit.actor ?? undefined);
    run.result.environmentMarker = { name, written: true };
    run.resolved.log({ level: 'info', event: 'environment-marker', message: `Marked the database as the "${name}" environment (${ENVIRONMENT_MARKER_TABLE}); seed refuses it.` });
  } catch (err) {
    const error = run.resolved.scrub((err as Error).message);
    run.result.environmentMarker = { name, written: false, error };
    run.resolved.log({ level: 'warning', event: 'environment-marker', message: `Could not mark the database as the "${name}" environment (${ENVIRONMENT_MARKER_TABLE}): ${error}. Seed cannot recognise it as ${name} by its marker.` });
  }
}

function finishTiming(audit: AuditRecord, started: number): void {
  audit.durationMs = Math.round(performance.now() - started);
  audit.finishedAt = new Date().toISOString();
}

/**
 * Writes the final audit row. On the deploy's own connection when it is alive, otherwise on a
 * fresh one, so a failure caused by a dropped connection is still recorded. Without the lock the
 * row is only written if the table exists: creating tables belongs to the lock holder.
 */
async function finalizeAudit(connection: DatabaseConnection, options: DatabaseOptions, resolved: Resolved, audit: AuditRecord, holdsLock: boolean): Promise<void> {
  const write = async (target: DatabaseConnection, lockHeld: boolean) => {
    if (audit.id === null && !lockHeld && !(await auditTableExists(target.client))) {
      audit.recordError = 'The audit table does not exist yet and this run did not hold the deploy lock to create it.';
      return;
    }
    await writeAuditRow(target.client, audit);
    resolved.log({ level: 'debug', event: 'audit', message: `Audit row ${audit.id} written (${audit.outcome}).` });
  };
  try {
    if (!connection.lost) {
      try {
        return await write(connection, holdsLock);
      } catch (err) {
        // The drop may only surface now, on this query; anything else is a real failure to record.
        if (!isConnectionLoss(err) && !connection.lost) throw err;
      }
    }
    const fresh = await openConnection(options.databaseUrl, {
      applicationName: truncateBytes(`${resolved.applicationName} audit`, 63),
      tls: options.tls,
      connectTimeoutMs: options.connectTimeoutMs,
      allowTransactionPooler: options.allowTransactionPooler,
    });
    try {
      await write(fresh, false);
    } finally {
      await fresh.close();
    }
  } catch (err) {
    audit.recordError = resolved.scrub(
      `Could not write the ${audit.id === null ? 'audit row' : `final state of audit row ${audit.id} (it still says "running")`}: ${(err as Error).message}`,
    );
    resolved.log({ level: 'warning', event: 'audit', message: audit.recordError });
  }
}

/** `plan` (dry run): reads only, and tries the pending transactional migrations in a transaction that is rolled back. */
async function planRun(run: DeployRun, connection: DatabaseConnection, set: MigrationSet): Promise<DeployResult> {
  const { options, settings, resolved, result } = run;
  const conclude = (outcome: DeployOutcome, message: string, error?: DeployError) => concludeRun(run, outcome, message, error);
  const history = await readHistory(connection.client);
  const plan = planMigrations(set.migrations, history.records, options.allow);
  result.applied = plan.applied;
  result.drift = plan.drift;
  result.notes = plan.notes;
  result.audit.versions = plan.pending.map((p) => p.version);
  result.audit.checksums = Object.fromEntries(plan.pending.map((p) => [p.version, migrationFor(set, p.version).checksum]));
  result.problems = fileProblems(set, history.records, plan.pending);
  if (result.problems.length > 0) {
    const message = `Plan: ${result.problems.length} problem(s) in the migration files must be fixed before a deploy:\n${result.problems.map((p) => `  ${p.file}:${p.line}: ${p.message}`).join('\n')}`;
    return conclude('refused', message, { kind: 'invalid-migrations', message });
  }
  if (plan.blocking.length > 0) {
    const message = `Plan: a deploy would be refused, the migration history does not match the migrations folder:\n${plan.blocking.map((d) => `  - ${d.message}`).join('\n')}`;
    return conclude('refused', message, { kind: 'drift', message });
  }
  if (plan.pending.length === 0) return conclude('dry-run-passed', `Nothing to deploy: all ${plan.applied.length} migration(s) are already applied.`);
  const runs = await dryRun({ client: connection.client, settings, log: resolved.log, scrub: resolved.scrub }, plan.pending.map((p) => migrationFor(set, p.version)));
  result.migrations = runs;
  for (const migrationRun of runs) result.audit.migrationDurations[migrationRun.version] = Math.round(migrationRun.durationMs);
  const failed = runs.find((r) => r.status === 'dry-run-failed');
  if (failed) {
    const error = failed.error!;
    return conclude('dry-run-failed', `Dry run: ${failed.file} would fail: ${formatMigrationError(error)}\nThe database was not changed.`, {
      kind: error.kind === 'connection-lost' ? 'connection-lost' : 'migration',
      message: `${error.file}:${error.line}:${error.column}: ${error.message}`,
      migration: error,
    });
  }
  const skipped = runs.filter((r) => r.status === 'dry-run-skipped').length;
  return conclude(
    'dry-run-passed',
    `Dry run: ${runs.length - skipped} pending migration(s) ran successfully in a transaction that was rolled back${skipped ? `; ${skipped} "-- transaction: none" migration(s) were not executed` : ''}. The database was not changed.`,
  );
}

export interface StatusOptions extends DatabaseOptions, MigrationSource {
  allow?: DriftAllowances;
}

export interface StatusReport {
  directory: string;
  /** false when the database has no migration history yet. */
  historyExists: boolean;
  applied: AppliedMigrationStatus[];
  pending: PendingMigration[];
  drift: DriftProblem[];
  problems: FileProblem[];
  notes: string[];
  /** Attempts that died without finishing their audit row (most recent `interruptedTotal` at most 20). */
  interrupted: InterruptedAttempt[];
  interruptedTotal: number;
}

/**
 * Applied, pending and drifted versions, and interrupted attempts. Only reads, so it works through a transaction pooler
 * too. Throws ConnectionError when the database cannot be reached.
 */
export async function migrationStatus(options: StatusOptions): Promise<StatusReport> {
  const set = await loadMigrationSet(options);
  const connection = await openConnection(options.databaseUrl, {
    applicationName: options.applicationName ?? defaultApplicationName('status'),
    tls: options.tls,
    connectTimeoutMs: options.connectTimeoutMs,
    allowTransactionPooler: true,
  });
  try {
    const history = await readHistory(connection.client);
    const plan = planMigrations(set.migrations, history.records, options.allow);
    const interrupted = await listInterruptedAttempts(connection.client);
    return {
      directory: set.directory,
      historyExists: history.exists,
      applied: plan.applied,
      pending: plan.pending,
      drift: plan.drift,
      problems: fileProblems(set, history.records, plan.pending),
      notes: plan.notes,
      interrupted: interrupted.attempts,
      interruptedTotal: interrupted.total,
    };
  } catch (err) {
    throw new Error(scrubSecrets((err as Error).message, connection.secrets));
  } finally {
    await connection.close();
  }
}

export interface RepairOptions extends DatabaseOptions, MigrationSource {
  /** applied: record the versions from their local files (accepting edits); reverted: forget them. */
  status: 'applied' | 'reverted';
  versions: string[];
  context?: AuditContext;
  logger?: DeployLogger;
  lockWaitMs?: number;
  lockPollMs?: number;
}

export interface RepairChange {
  version: string;
  action: 'inserted' | 'updated' | 'deleted' | 'not-recorded';
}

export interface RepairResult {
  ok: boolean;
  message: string;
  changes: RepairChange[];
  /** Earlier attempts found dead (audit rows left "running") and closed as interrupted. */
  interrupted?: InterruptedAttempt[];
  audit: AuditRecord;
}

/**
 * `migration-gate repair`, the counterpart of `supabase migration repair`: fixes the history
 * without running any migration SQL. All versions change in one transaction, under the deploy lock.
 */
export async function repairHistory(options: RepairOptions): Promise<RepairResult> {
  const started = performance.now();
  const context = options.context ?? {};
  const log = options.logger ?? silentLogger;
  const secrets = maskSecrets(options.databaseUrl);
  const applicationName = options.applicationName ?? defaultApplicationName('repair', context);
  const audit = newAuditRecord({ command: 'repair', context, database: safeTarget(options.databaseUrl), applicationName, toolVersion: TOOL_VERSION, startedAt: new Date() });
  audit.versions = [...options.versions].sort();
  const fail = (message: string): RepairResult => {
    audit.outcome = 'failed';
    audit.error = message;
    finishTiming(audit, started);
    return { ok: false, message, changes: [], audit };
  };
  const invalid = options.versions.filter((v) => !/^\d+$/.test(v));
  if (options.versions.length === 0) return fail('Name at least one version to repair.');
  if (invalid.length > 0) return fail(`Not a migration version: ${invalid.join(', ')} (expected the digits before the first "_" of the file name).`);

  let migrations: MigrationFile[] = [];
  if (options.status === 'applied') {
    const set = await loadMigrationSet(options);
    const missing: string[] = [];
    for (const version of audit.versions) {
      const migration = set.migrations.find((m) => m.version === version);
      if (!migration || !migration.parsed) missing.push(version);
      else migrations.push(migration);
    }
    if (missing.length > 0) {
      return fail(`Cannot mark ${missing.join(', ')} as applied: no parseable ${missing.length === 1 ? 'file' : 'files'} ${missing.map((v) => `${v}_*.sql`).join(', ')} in ${set.directory}. Recording a version needs its file (for the name, statements and checksum).`);
    }
    audit.checksums = Object.fromEntries(migrations.map((m) => [m.version!, m.checksum]));
  }

  let connection: DatabaseConnection;
  try {
    connection = await openConnection(options.databaseUrl, { applicationName, tls: options.tls, connectTimeoutMs: options.connectTimeoutMs, allowTransactionPooler: options.allowTransactionPooler });
  } catch (err) {
    return fail(scrubSecrets((err as Error).message, secrets));
  }
  let holdsLock = false;
  let result: RepairResult;
  try {
    const lock = await acquireDeployLock(connection.client, { waitMs: options.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS, pollMs: options.lockPollMs ?? DEFAULT_LOCK_POLL_MS });
    audit.lockWaitMs = lock.waitedMs;
    if (!lock.acquired) {
      audit.outcome = 'lock-unavailable';
      audit.error = `A deploy is running (lock held by ${describeHolders(lock.holders)}); repair again when it has finished.`;
      finishTiming(audit, started);
      return { ok: false, message: audit.error, changes: [], audit };
    }
    holdsLock = true;
    await ensureHistoryTables(connection.client);
    await writeAuditRow(connection.client, audit);
    const interrupted = await closeInterruptedAttempts(connection.client, audit.id);
    for (const attempt of interrupted) log({ level: 'warning', event: 'interrupted-attempt', message: `${describeInterruptedAttempt(attempt)} Marked "interrupted".`, data: { auditId: attempt.id } });
    const changes: RepairChange[] = [];
    await connection.client.query('begin');
    if (options.status === 'applied') {
      for (const migration of migrations) {
        const action = await upsertApplied(
          connection.client,
          appliedEntry(migration, { durationMs: 0, attempts: 0, gitSha: context.gitSha ?? null, auditId: audit.id, repaired: true }),
        );
        changes.push({ version: migration.version!, action });
      }
    } else {
      const deleted = new Set(await deleteApplied(connection.client, audit.versions));
      for (const version of audit.versions) changes.push({ version, action: deleted.has(version) ? 'deleted' : 'not-recorded' });
    }
    await connection.client.query('commit');
    audit.outcome = 'repaired';
    audit.appliedVersions = options.status === 'applied' ? audit.versions : [];
    const message = `Repaired migration history: ${changes.map((c) => `${c.version} ${c.action}`).join(', ')} (status ${options.status}). No migration SQL was run.`;
    log({ level: 'info', event: 'summary', message });
    result = { ok: true, message, changes, interrupted, audit };
  } catch (err) {
    await connection.client.query('rollback').catch(() => undefined);
    const message = scrubSecrets(`Repair failed, the history is unchanged: ${(err as Error).message}`, secrets);
    audit.outcome = 'failed';
    audit.error = message;
    result = { ok: false, message, changes: [], audit };
  } finally {
    finishTiming(audit, started);
    if (holdsLock) await finalizeAudit(connection, options, { log, scrub: (t) => scrubSecrets(t, secrets), applicationName }, audit, true);
    if (holdsLock && !connection.lost) await releaseDeployLock(connection.client).catch(() => undefined);
    await connection.close();
  }
  return result;
}
