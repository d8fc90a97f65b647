/**
 * The dry-run: replay the migrations on a throwaway database and report what happened.
 *
 *   1. shadow database (embedded server, or a fresh database on a provided server)
 *   2. Supabase baseline and the user's preamble
 *   3. base migrations (already deployed; failures are warnings)
 *   4. new migrations, statement by statement, with the locks each takes on existing tables
 *   5. schema diff between the catalog before and after the new migrations
 *
 * Everything it creates is removed in `finally`, including when the run is aborted or the
 * process receives SIGINT/SIGTERM.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Client, type DatabaseError } from 'pg';
import { openShadowDatabase, type ShadowDatabase } from '../db/shadow';
import type { Finding, MigrationFile, Statement } from '../model';
import { loadParser, parseSql } from '../parser';
import { SourceMap } from '../source-map';
import { isSupabaseProject, SUPABASE_DATABASE_SQL, SUPABASE_ROLES_SQL } from '../supabase/baseline';
import { DryRunCancelledError, trapTerminationSignals, type SignalTrap } from './cancellation';
import { takeSchemaSnapshot } from './catalog';
import { errorFinding, lockFinding } from './findings';
import { locateError } from '../locate-error';
import { locksTakenByStatement, readExistingRelations, readHeldLocks, refreshExistingRelations, type HeldLock, type RelationMap } from './locks';
import { diffSchemaSnapshots, type SchemaChange } from './schema-diff';
import type { DryRunError, DryRunOptions, DryRunResult, DryRunTimings, MigrationReplay, ReplayPhase, StatementReplay } from './types';

export const DEFAULT_STATEMENT_TIMEOUT_MS = 60_000;
/** The client-side watchdog fires this long after the server's statement_timeout should have. */
const WATCHDOG_GRACE_MS = 2_000;

/** A statement failed; carries what Postgres said. */
class StatementFailure extends Error {
  constructor(
    readonly error: DatabaseError,
    readonly timedOut: boolean,
  ) {
    super(error.message);
  }
}

/**
 * The replay session. Each statement is sent on its own (simple query protocol), watched by a
 * timer that cancels it from the control connection if the server's statement_timeout does not
 * (a migration may `set statement_timeout = 0`); aborting cancels it the same way.
 */
class ReplaySession {
  private running = false;

  private constructor(
    readonly client: Client,
    readonly pid: number,
    private readonly shadow: ShadowDatabase,
    private readonly statementTimeoutMs: number,
    private readonly signal: AbortSignal,
  ) {
    signal.addEventListener('abort', () => {
      if (this.running) void shadow.cancelBackend(pid);
    });
  }

  static async open(shadow: ShadowDatabase, statementTimeoutMs: number, signal: AbortSignal): Promise<ReplaySession> {
    // Startup parameters become the session's defaults, which DISCARD ALL restores between migrations.
    const client = new Client({ connectionString: shadow.url, statement_timeout: statementTimeoutMs, application_name: 'migration-gate-dry-run' });
    // Migrations may RAISE NOTICE; the client must not treat the messages as unhandled.
    client.on('notice', () => undefined);
    client.on('error', () => undefined);
    await client.connect();
    const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
    return new ReplaySession(client, rows[0].pid, shadow, statementTimeoutMs, signal);
  }

  /** Runs one statement; returns its duration in ms, or throws StatementFailure. */
  async execute(sql: string): Promise<number> {
    this.throwIfAborted();
    let watchdogFired = false;
    const watchdog = setTimeout(() => {
      watchdogFired = true;
      void this.shadow.cancelBackend(this.pid);
    }, this.statementTimeoutMs + WATCHDOG_GRACE_MS);
    const started = performance.now();
    this.running = true;
    try {
      await this.client.query(sql);
      return performance.now() - started;
    } catch (err) {
      this.throwIfAborted();
      const error = err as DatabaseError;
      if (typeof error.code !== 'string') throw err; // connection lost: not the migration's fault
      const timedOut = error.code === '57014' && (watchdogFired || /statement timeout/.test(error.message));
      throw new StatementFailure(error, timedOut);
    } finally {
      this.running = false;
      clearTimeout(watchdog);
    }
  }

  /** Internal queries (locks, catalog): no watchdog, but abortable. */
  async internal<T>(fn: (client: Client) => Promise<T>): Promise<T> {
    this.throwIfAborted();
    this.running = true;
    try {
      return await fn(this.client);
    } finally {
      this.running = false;
    }
  }

  /** Ends a failed transaction; ignores errors (the connection may be in any state). */
  async rollback(): Promise<void> {
    await this.client.query('rollback').catch(() => undefined);
  }

  throwIfAborted(): void {
    if (this.signal.aborted) throw this.signal.reason instanceof Error ? this.signal.reason : new DryRunCancelledError(String(this.signal.reason));
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => undefined);
  }
}

function isTransactionControl(statement: Statement): boolean {
  return statement.kind === 'TransactionStmt' && ['TRANS_STMT_BEGIN', 'TRANS_STMT_START', 'TRANS_STMT_COMMIT'].includes(statement.node?.kind);
}

function excerpt(statement: Statement): string {
  const firstLine = statement.text.split('\n')[0].trim();
  return firstLine.length > 100 ? `${firstLine.slice(0, 97)}...` : firstLine;
}

interface MigrationOutcome {
  replay: MigrationReplay;
  error?: DryRunError;
  lockTracingMs: number;
}

interface ReplayContext {
  session: ReplaySession;
  phase: ReplayPhase;
  /** Set for new migrations when lock tracing is on. */
  existing?: RelationMap;
}

function toDryRunError(phase: DryRunError['phase'], file: string, version: string | null, text: string, statement: Statement, failure: StatementFailure): DryRunError {
  const { error } = failure;
  const position = locateError(new SourceMap(text), statement, error);
  return {
    phase,
    file,
    version,
    statementIndex: statement.index,
    line: position.line,
    column: position.column,
    message: failure.timedOut ? `canceling statement due to statement timeout` : error.message,
    ...(error.detail ? { detail: error.detail } : {}),
    ...(error.hint ? { hint: error.hint } : {}),
    ...(error.code ? { code: error.code } : {}),
    ...(error.where ? { where: error.where } : {}),
    timedOut: failure.timedOut,
  };
}

async function replayMigration(migration: MigrationFile, context: ReplayContext): Promise<MigrationOutcome> {
  const { session, phase } = context;
  const transactional = migration.directives.transactional;
  const replay: MigrationReplay = { file: migration.path, version: migration.version, phase, transactional, status: 'applied', durationMs: 0, statements: [] };
  const recordStatements = phase === 'new';
  const trace = transactional && context.existing !== undefined;
  let lockTracingMs = 0;
  const started = performance.now();
  // Each migration starts from a clean session, as if deployed on its own connection (the
  // rollback ends a transaction a non-transactional migration may have left open).
  await session.rollback();
  await session.execute('discard all');
  if (transactional) await session.execute('begin');
  let heldBefore: HeldLock[] = [];
  const startedAt: number[] = [];
  // Tracing time spent so far, so that a lock's hold time leaves out the tracer's own queries.
  const tracingBefore: number[] = [];
  let current: Statement | undefined;
  try {
    for (const statement of migration.statements) {
      current = statement;
      const entry: StatementReplay = { statementIndex: statement.index, line: statement.line, column: statement.column, kind: statement.kind, excerpt: excerpt(statement), durationMs: 0 };
      // The migration already runs in one transaction; its own BEGIN/COMMIT would end it early.
      if (transactional && isTransactionControl(statement)) {
        if (recordStatements) replay.statements.push({ ...entry, skipped: true });
        continue;
      }
      startedAt[statement.index] = performance.now();
      tracingBefore[statement.index] = lockTracingMs;
      entry.durationMs = await session.execute(statement.text);
      if (trace) {
        const traceStarted = performance.now();
        const heldAfter = await session.internal(readHeldLocks);
        entry.locks = locksTakenByStatement(heldBefore, heldAfter, context.existing!);
        heldBefore = heldAfter;
        lockTracingMs += performance.now() - traceStarted;
      }
      if (recordStatements) replay.statements.push(entry);
    }
    if (transactional) await session.execute('commit');
  } catch (err) {
    if (transactional) await session.rollback();
    if (!(err instanceof StatementFailure) || !current) throw err;
    replay.status = 'failed';
    replay.durationMs = performance.now() - started;
    return { replay, error: toDryRunError(phase, migration.path, migration.version, migration.text, current, err), lockTracingMs };
  }
  const committedAt = performance.now();
  for (const entry of replay.statements) {
    if (entry.locks?.length) entry.heldUntilCommitMs = committedAt - startedAt[entry.statementIndex] - (lockTracingMs - tracingBefore[entry.statementIndex]);
    else delete entry.locks;
  }
  if (!trace && context.existing) {
    const refreshStarted = performance.now();
    await session.internal((client) => refreshExistingRelations(client, context.existing!));
    lockTracingMs += performance.now() - refreshStarted;
  }
  replay.durationMs = performance.now() - started;
  return { replay, lockTracingMs };
}

function isRetryableCatalogRace(err: unknown): boolean {
  const code = (err as { code?: string }).code;
  return code === '23505' || code === 'XX000' || code === '40001' || code === '40P01';
}

async function applySupabaseBaseline(client: Client): Promise<void> {
  // Roles are server-wide: concurrent runs on one provided server race to create them.
  for (let attempt = 1; ; attempt++) {
    try {
      await client.query(SUPABASE_ROLES_SQL);
      break;
    } catch (err) {
      if (attempt < 5 && isRetryableCatalogRace(err)) continue;
      const message = (err as Error).message;
      throw new Error(
        `The Supabase baseline could not create its roles on the shadow server: ${message}. ` +
          'Fix: give the shadowDatabaseUrl user CREATEROLE (or create the roles anon, authenticated, service_role, authenticator once), or turn the Supabase baseline off.',
      );
    }
  }
  try {
    await client.query(SUPABASE_DATABASE_SQL);
  } catch (err) {
    throw new Error(`The Supabase baseline could not be applied to the shadow database: ${(err as Error).message}`);
  }
}

/** Applies the user's preamble statement by statement, so an error points at its line. */
async function applyPreamble(session: ReplaySession, preamblePath: string): Promise<DryRunError | undefined> {
  const display = path.relative(process.cwd(), path.resolve(preamblePath)).split(path.sep).join('/') || preamblePath;
  let text: string;
  try {
    text = await fs.readFile(preamblePath, 'utf8');
  } catch (err) {
    throw new Error(`Cannot read the dry-run preamble ${display}: ${(err as Error).message}`);
  }
  const parsed = parseSql(text);
  if (parsed.error) {
    return { phase: 'preamble', file: display, version: null, statementIndex: 0, line: parsed.error.line, column: parsed.error.column, message: parsed.error.message, timedOut: false };
  }
  let current: Statement | undefined;
  try {
    await session.execute('begin');
    for (const statement of parsed.statements) {
      current = statement;
      await session.execute(statement.text);
    }
    await session.execute('commit');
  } catch (err) {
    await session.rollback();
    if (!(err instanceof StatementFailure) || !current) throw err;
    return toDryRunError('preamble', display, null, text, current, err);
  }
  return undefined;
}

function compareVersions(a: MigrationFile, b: MigrationFile): number {
  return (a.version ?? '').localeCompare(b.version ?? '') || a.fileName.localeCompare(b.fileName);
}

function timingsSkeleton(): DryRunTimings {
  return { installMs: 0, serverStartMs: 0, baselineMs: 0, baseReplayMs: 0, newReplayMs: 0, lockTracingMs: 0, schemaSnapshotMs: 0, cleanupMs: 0, totalMs: 0 };
}

/**
 * Replays `options.migrations` on a throwaway database: base migrations first, then the new
 * ones (`options.newVersions`) with lock tracing, and reports failures, locks and schema changes.
 * Throws for problems of the environment (no server, no binaries, no privileges), with the fix
 * in the message; problems of the migrations come back as findings.
 */
export async function dryRun(options: DryRunOptions): Promise<DryRunResult> {
  const started = performance.now();
  const timings = timingsSkeleton();
  const statementTimeoutMs = options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
  const lockTrace = options.lockTrace ?? true;
  const newVersions = new Set(options.newVersions);
  const firstDir = options.migrations[0] ? path.dirname(options.migrations[0].absolutePath) : undefined;
  const supabaseBaseline = options.supabaseBaseline ?? (firstDir !== undefined && isSupabaseProject(firstDir));

  const abort = new AbortController();
  const forwardAbort = () => abort.abort(new DryRunCancelledError(String(options.signal?.reason ?? 'aborted')));
  if (options.signal?.aborted) forwardAbort();
  options.signal?.addEventListener('abort', forwardAbort);
  const trap: SignalTrap | undefined = options.handleSignals === false ? undefined : trapTerminationSignals((signal) => abort.abort(new DryRunCancelledError(`received ${signal}`)));

  let shadow: ShadowDatabase | undefined;
  let session: ReplaySession | undefined;
  try {
    await loadParser();
    options.onProgress?.(options.shadowDatabaseUrl ? 'Creating the shadow database ...' : 'Starting a throwaway PostgreSQL server ...');
    shadow = await openShadowDatabase({ shadowDatabaseUrl: options.shadowDatabaseUrl, postgresVersion: options.postgresVersion, install: { onInstall: options.onProgress, ...options.install } });
    timings.installMs = shadow.timings.installMs;
    timings.serverStartMs = shadow.timings.serverStartMs + shadow.timings.createDatabaseMs;
    options.onProgress?.(
      shadow.kind === 'url' ? `Shadow database ${shadow.databaseName} created (PostgreSQL ${shadow.serverVersion}).` : `PostgreSQL ${shadow.serverVersion} started (data in ${shadow.dataDir}).`,
    );
    if (abort.signal.aborted) throw abort.signal.reason;

    const baselineStarted = performance.now();
    if (supabaseBaseline) {
      const admin = new Client({ connectionString: shadow.url, application_name: 'migration-gate-baseline' });
      await admin.connect();
      try {
        await applySupabaseBaseline(admin);
      } finally {
        await admin.end().catch(() => undefined);
      }
    }
    // Opened after the baseline so that the database-level search_path it sets applies.
    session = await ReplaySession.open(shadow, statementTimeoutMs, abort.signal);
    const errors: DryRunError[] = [];
    const migrations: MigrationReplay[] = [];
    const notReplayed: DryRunResult['notReplayed'] = [];
    const findings: Finding[] = [];
    const server: DryRunResult['server'] = {
      kind: shadow.kind,
      majorVersion: shadow.majorVersion,
      version: shadow.serverVersion,
      database: shadow.databaseName,
      ...(shadow.dataDir ? { dataDir: shadow.dataDir } : {}),
      ...(shadow.binarySource ? { binarySource: shadow.binarySource } : {}),
    };
    const finish = (schemaChanges: SchemaChange[], schemaChangesComplete: boolean): DryRunResult => ({
      ok: !errors.some((e) => e.phase !== 'base'),
      findings,
      errors,
      migrations,
      notReplayed,
      schemaChanges,
      schemaChangesComplete,
      server,
      supabaseBaseline,
      ...(options.preamblePath ? { preamble: options.preamblePath } : {}),
      timings,
    });

    if (options.preamblePath) {
      const preambleError = await applyPreamble(session, options.preamblePath);
      if (preambleError) {
        errors.push(preambleError);
        findings.push(errorFinding(preambleError, statementTimeoutMs, []));
        for (const m of options.migrations) notReplayed.push({ file: m.path, version: m.version, reason: 'the dry-run preamble failed' });
        timings.baselineMs = performance.now() - baselineStarted;
        return finish([], false);
      }
    }
    timings.baselineMs = performance.now() - baselineStarted;

    const replayable = (m: MigrationFile) => m.version !== null && m.parsed;
    const base = options.migrations.filter((m) => !(m.version && newVersions.has(m.version))).sort(compareVersions);
    const fresh = options.migrations.filter((m) => m.version && newVersions.has(m.version)).sort(compareVersions);

    const baseStarted = performance.now();
    for (const migration of base) {
      if (!replayable(migration)) continue; // the CLI skips badly named files; unparsable ones are reported by the parser
      const outcome = await replayMigration(migration, { session, phase: 'base' });
      migrations.push(outcome.replay);
      if (outcome.error) {
        errors.push(outcome.error);
        findings.push(errorFinding(outcome.error, statementTimeoutMs, []));
      }
    }
    timings.baseReplayMs = performance.now() - baseStarted;

    const snapshotStarted = performance.now();
    const before = await session.internal(takeSchemaSnapshot);
    timings.schemaSnapshotMs += performance.now() - snapshotStarted;
    let existing: RelationMap | undefined;
    if (lockTrace) {
      const traceStarted = performance.now();
      existing = await session.internal(readExistingRelations);
      timings.lockTracingMs += performance.now() - traceStarted;
    }

    const newStarted = performance.now();
    let failedAt: number | undefined;
    let applied = 0;
    for (let i = 0; i < fresh.length; i++) {
      const migration = fresh[i];
      if (!migration.parsed) {
        notReplayed.push({ file: migration.path, version: migration.version, reason: 'its SQL does not parse (see the syntax error)' });
        migrations.push({ file: migration.path, version: migration.version, phase: 'new', transactional: migration.directives.transactional, status: 'not-replayed', reason: 'syntax error', durationMs: 0, statements: [] });
        failedAt = i;
        break;
      }
      const outcome = await replayMigration(migration, { session, phase: 'new', existing });
      timings.lockTracingMs += outcome.lockTracingMs;
      migrations.push(outcome.replay);
      // A failed migration rolled back: its locks were never held in a deploy that fails the same way.
      if (!outcome.error) {
        for (const statement of outcome.replay.statements) {
          const finding = lockFinding(migration.path, statement);
          if (finding) findings.push(finding);
        }
      }
      if (outcome.error) {
        errors.push(outcome.error);
        failedAt = i;
        break;
      }
      applied++;
    }
    if (failedAt !== undefined) {
      const stoppedBy = fresh[failedAt];
      const later = fresh.slice(failedAt + 1);
      for (const m of later) {
        notReplayed.push({ file: m.path, version: m.version, reason: `${stoppedBy.fileName} failed before it` });
        migrations.push({ file: m.path, version: m.version, phase: 'new', transactional: m.directives.transactional, status: 'not-replayed', reason: `${stoppedBy.fileName} failed`, durationMs: 0, statements: [] });
      }
      const error = errors.find((e) => e.phase === 'new');
      if (error) findings.push(errorFinding(error, statementTimeoutMs, later.map((m) => m.fileName)));
    }
    timings.newReplayMs = performance.now() - newStarted;

    let schemaChanges: SchemaChange[] = [];
    if (applied > 0 || (failedAt !== undefined && !fresh[failedAt].directives.transactional)) {
      const afterStarted = performance.now();
      const after = await session.internal(takeSchemaSnapshot);
      schemaChanges = diffSchemaSnapshots(before, after);
      timings.schemaSnapshotMs += performance.now() - afterStarted;
    }
    return finish(schemaChanges, failedAt === undefined);
  } catch (err) {
    if (abort.signal.aborted) throw abort.signal.reason;
    throw err;
  } finally {
    const cleanupStarted = performance.now();
    await session?.close();
    await shadow?.dispose();
    timings.cleanupMs = performance.now() - cleanupStarted;
    timings.totalMs = performance.now() - started;
    options.signal?.removeEventListener('abort', forwardAbort);
    trap?.release();
  }
}
