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
import { deleteApplied, ensureHistoryTables, readHistory, upsertApplied, type AppliedEntry, type HistoryRecord } from './history';
import { historyStatements, statementsDigest } from './history-statements';
import { redactPasswords } from '../redact';
import { acquireDeployLock, describeHolders, releaseDeployLock, type LockHolder } from './lock';
import { silentLogger, type DeployLogger } from './log';
import {
  deployabilityProblems,
  planMigrations,
  type AppliedMigrationStatus,
  type DriftAllowances,
  type DriftProblem,
  type PendingMigration,
} from './plan';
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

function describeFailure(run: MigrationRun, appliedBefore: number, settings: ExecutionSettings): string {
  const error = run.error!;
  const kept = appliedBefore > 0 ? ` The ${appliedBefore} migration(s) applied before it in this run stay applied (deploys never roll back).` : '';
  if (error.kind === 'connection-lost') {
    return `The database connection was lost while applying ${run.file}: ${error.message}. ${run.note ?? ''}${kept} Deploy again once the database is reachable: only migrations missing from the history run.`;
  }
  if (!run.transactional && run.statementsRun.length > 0) {
    const ran = run.statementsRun.map((s) => `${s.file}:${s.line}`).join(', ');
    const rest = run.statementsNotRun.map((s) => `${s.file}:${s.line}`).join(', ');
    return (
      `${run.file} ran partially ("-- transaction: none"): statements already committed: ${ran}; failed: ${error.file}:${error.line}` +
      `${rest ? `; not run: ${rest}` : ''}. It is not recorded as applied. Either make the file safe to run again from the start ` +
      `(IF NOT EXISTS / IF EXISTS; drop an INVALID index left by a failed CREATE INDEX CONCURRENTLY) and deploy again, or finish the ` +
      `remaining statements by hand and record the migration with "migration-gate repair --status applied ${run.version}".${kept}`
    );
  }
  const cause =
    error.kind === 'lock-timeout'
      ? ` It could not get its locks within lock_timeout (${settings.lockTimeoutMs} ms) in ${run.attempts} attempt(s): other sessions hold conflicting locks (long transactions or queries on the same tables; see pg_stat_activity). Retry when traffic is lower or raise the lock timeout.`
      : error.kind === 'statement-timeout'
        ? ` A statement ran longer than statement_timeout (${settings.statementTimeoutMs} ms): raise it, or split the work (e.g. batches in a "-- transaction: none" migration).`
        : '';
  const unrecorded = run.note ?? `Nothing of ${run.file} was applied: its transaction was rolled back and it is not recorded.`;
  return (
    `${unrecorded}${cause}${kept} Fix forward: correct ${run.file} (editing it is safe while no environment has applied it; where one has, ` +
    `record the edit there with "migration-gate repair --status applied ${run.version}"), then deploy again: only migrations missing from the history run.`
  );
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

async function runDeploy(options: DeployOptions): Promise<DeployResult> {
  const startedAt = new Date();
  const started = performance.now();
  const dry = !!options.dryRun;
  const context = options.context ?? {};
  const secrets = maskSecrets(options.databaseUrl);
  const resolved: Resolved = {
    log: options.logger ?? silentLogger,
    scrub: (text) => scrubSecrets(text, secrets),
    applicationName: options.applicationName ?? defaultApplicationName(dry ? 'plan' : 'deploy', context),
  };
  const { log, scrub } = resolved;
  const settings: ExecutionSettings = { ...DEFAULT_EXECUTION_SETTINGS, ...options.execution };
  const audit = newAuditRecord({
    command: 'deploy',
    context,
    database: safeTarget(options.databaseUrl),
    applicationName: resolved.applicationName,
    toolVersion: TOOL_VERSION,
    startedAt,
  });
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
    audit,
  };
  const conclude = (outcome: DeployOutcome, message: string, error?: DeployError): DeployResult => {
    result.outcome = outcome;
    result.ok = outcome === 'applied' || outcome === 'up-to-date' || outcome === 'dry-run-passed';
    result.message = message;
    if (error) result.error = error;
    audit.outcome = outcome;
    audit.error = error ? error.message : null;
    return result;
  };

  let set: MigrationSet;
  try {
    set = await loadMigrationSet(options);
    result.directory = set.directory;
  } catch (err) {
    finishTiming(audit, started);
    return conclude('refused', (err as Error).message, { kind: 'invalid-migrations', message: (err as Error).message });
  }

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
    const message = scrub((err as Error).message);
    finishTiming(audit, started);
    return conclude('connection-failed', message, { kind: (err as { kind?: string }).kind === 'pooler' ? 'pooler' : 'connection', message });
  }
  connection.client.on('notice', (notice) => log({ level: 'debug', event: 'server-notice', message: scrub(notice.message ?? '') }));
  log({ level: 'debug', event: 'connected', message: `Connected to ${audit.database.host}:${audit.database.port}/${audit.database.name} as ${audit.database.user} (application_name "${resolved.applicationName}").` });

  let holdsLock = false;
  try {
    if (dry) return await planRun(connection, set, options, settings, resolved, result, conclude);

    let waited = false;
    const lock = await acquireDeployLock(connection.client, {
      waitMs: options.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS,
      pollMs: options.lockPollMs ?? DEFAULT_LOCK_POLL_MS,
      onBusy: (holders) => {
        waited = true;
        log({ level: 'info', event: 'lock-busy', message: `Another deploy holds the deploy lock (${describeHolders(holders)}); waiting up to ${options.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS} ms.`, data: { holders } });
      },
    });
    audit.lockWaitMs = lock.waitedMs;
    if (!lock.acquired) {
      result.lockHolders = lock.holders;
      const message = `Another deploy is running against this database: the deploy lock is held by ${describeHolders(lock.holders)}. Gave up after waiting ${lock.waitedMs} ms; nothing was changed. Deploy again when it has finished (or wait longer).`;
      log({ level: 'error', event: 'lock-unavailable', message, data: { holders: lock.holders } });
      return conclude('lock-unavailable', message, { kind: 'lock-unavailable', message });
    }
    holdsLock = true;
    if (waited) log({ level: 'info', event: 'lock-acquired', message: `Waited ${lock.waitedMs} ms for the deploy lock.`, data: { waitedMs: lock.waitedMs } });

    if ((await ensureHistoryTables(connection.client)).created) {
      log({ level: 'info', event: 'history-created', message: 'Created the migration history tables in schema supabase_migrations.' });
    }
    await writeAuditRow(connection.client, audit);

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
      return conclude('refused', message, { kind: 'invalid-migrations', message });
    }
    if (plan.blocking.length > 0) {
      const message = `Deploy refused: the migration history does not match the migrations folder:\n${plan.blocking.map((d) => `  - ${d.message}`).join('\n')}`;
      for (const d of plan.blocking) log({ level: 'error', event: 'drift', message: d.message });
      result.forwardFix =
        'Applied migrations are never edited, deleted or reordered: restore the file or revert the edit, and put further changes in a new migration. ' +
        'When the history itself is wrong, correct it with "migration-gate repair --status applied|reverted <version>" (the same as "supabase migration repair").';
      return conclude('refused', message, { kind: 'drift', message });
    }
    if (options.gate) {
      const candidates = plan.pending.map((p) => ({ version: p.version, file: p.file, checksum: migrationFor(set, p.version).checksum }));
      const decision = await options.gate(candidates);
      applyGateContext(audit, decision.context);
      if (!decision.proceed) {
        log({ level: 'error', event: 'gate-refused', message: decision.message });
        result.migrations = plan.pending.map((p) => notRun(migrationFor(set, p.version), 'Not run: the deploy gate refused the deploy.'));
        return conclude('refused', decision.message, { kind: 'gate', message: decision.message });
      }
    }
    if (plan.pending.length === 0) {
      const count = plan.applied.length;
      return conclude('up-to-date', count > 0 ? `Nothing to deploy: all ${count} migration(s) are already applied.` : `Nothing to deploy: there are no migrations in ${result.directory}.`);
    }

    audit.restorePoint = await captureRestorePoint(connection.client);
    log({
      level: 'info',
      event: 'restore-point',
      message: `Restore point before changes: server time ${audit.restorePoint.serverTime}${audit.restorePoint.walLsn ? `, WAL LSN ${audit.restorePoint.walLsn}` : ''}.`,
    });
    await writeAuditRow(connection.client, audit);

    const ctx: ExecutionContext = {
      client: connection.client,
      settings,
      log,
      scrub,
      historyEntry: (migration, durationMs, attempts) => appliedEntry(migration, { durationMs, attempts, gitSha: context.gitSha ?? null, auditId: audit.id }),
    };
    let failure: MigrationRun | undefined;
    for (const [index, pending] of plan.pending.entries()) {
      const migration = migrationFor(set, pending.version);
      if (failure) {
        result.migrations.push(notRun(migration, `Not run: ${failure.file} failed first.`));
        continue;
      }
      log({ level: 'info', event: 'migration-start', message: `Applying ${migration.path} (${index + 1}/${plan.pending.length})${pending.transactional ? '' : ' statement by statement (-- transaction: none)'}...`, data: { version: pending.version } });
      const run = pending.transactional ? await applyInTransaction(ctx, migration) : await applyStatementByStatement(ctx, migration);
      result.migrations.push(run);
      audit.migrationDurations[run.version] = Math.round(run.durationMs);
      if (run.status === 'applied') {
        audit.appliedVersions.push(run.version);
        log({ level: 'info', event: 'migration-applied', message: `Applied ${run.file} in ${Math.round(run.durationMs)} ms${run.attempts > 1 ? ` (${run.attempts} attempts)` : ''}.`, data: { version: run.version, durationMs: run.durationMs, attempts: run.attempts } });
      } else {
        failure = run;
        log({ level: 'error', event: 'migration-failed', message: formatMigrationError(run.error!), data: { version: run.version } });
      }
    }
    if (failure) {
      const appliedBefore = audit.appliedVersions.length;
      result.forwardFix = describeFailure(failure, appliedBefore, settings);
      const error = failure.error!;
      const what = error.kind === 'connection-lost' ? `The database connection was lost while applying ${failure.file}` : `${failure.file} failed`;
      return conclude(
        'failed',
        `${what}: ${formatMigrationError(error)}${appliedBefore > 0 ? `\n${appliedBefore} migration(s) were applied before it.` : ''}`,
        { kind: error.kind === 'connection-lost' ? 'connection-lost' : 'migration', message: `${error.file}:${error.line}:${error.column}: ${error.message}`, migration: error },
      );
    }
    const versions = audit.appliedVersions;
    return conclude('applied', `Applied ${versions.length} migration(s) in ${Math.round(performance.now() - started)} ms: ${versions.join(', ')}.`);
  } catch (err) {
    // Failures outside a migration: reading history, taking the lock, writing the audit row.
    const lost = isConnectionLoss(err) || connection.lost !== undefined;
    const message = scrub(
      lost
        ? `The database connection was lost before or between migrations (${(err as Error).message}). Every migration is recorded in the same transaction that applies it, so the history still matches the schema; deploy again once the database is reachable.`
        : `Deploy stopped by an unexpected database error: ${(err as Error).message}`,
    );
    const pendingLeft = new Set(audit.versions.filter((v) => !result.migrations.some((m) => m.version === v)));
    for (const version of pendingLeft) result.migrations.push(notRun(migrationFor(set, version), 'Not run: the deploy stopped before it.'));
    log({ level: 'error', event: 'migration-failed', message });
    return conclude('failed', message, { kind: lost ? 'connection-lost' : 'internal', message });
  } finally {
    finishTiming(audit, started);
    if (!dry) await finalizeAudit(connection, options, resolved, audit, holdsLock);
    if (holdsLock && !connection.lost) await releaseDeployLock(connection.client).catch(() => undefined);
    await connection.close();
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

async function planRun(
  connection: DatabaseConnection,
  set: MigrationSet,
  options: DeployOptions,
  settings: ExecutionSettings,
  resolved: Resolved,
  result: DeployResult,
  conclude: (outcome: DeployOutcome, message: string, error?: DeployError) => DeployResult,
): Promise<DeployResult> {
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
  for (const run of runs) result.audit.migrationDurations[run.version] = Math.round(run.durationMs);
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
}

/**
 * Applied, pending and drifted versions. Only reads, so it works through a transaction pooler
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
    return {
      directory: set.directory,
      historyExists: history.exists,
      applied: plan.applied,
      pending: plan.pending,
      drift: plan.drift,
      problems: fileProblems(set, history.records, plan.pending),
      notes: plan.notes,
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
    result = { ok: true, message, changes, audit };
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
