/**
 * Running one migration against a connection: in its own transaction together with its history
 * row, or statement by statement for `-- transaction: none`, or inside a transaction that is
 * rolled back (dry run). Lock timeouts are retried with backoff; nothing that was committed is
 * ever undone.
 */
import type { Client } from 'pg';
import type { MigrationFile, Statement } from '../model';
import { concurrentIndexTarget, describeInvalidIndexes, indexesOf, settleInvalidIndexes, type ConcurrentIndexTarget, type InvalidIndex } from './concurrent-index';
import { recordAppliedSql, type AppliedEntry } from './history';
import type { EarlierPartialAttempt } from './partial-attempts';
import type { DeployLogger } from './log';
import { executableStatements } from './plan';
import { migrationError, statementRef, type MigrationError, type StatementRef } from './sql-errors';

export interface ExecutionSettings {
  /** `lock_timeout` for every migration; a migration may still SET its own. */
  lockTimeoutMs: number;
  /** `statement_timeout` for every migration. */
  statementTimeoutMs: number;
  /** How many times a lock timeout (SQLSTATE 55P03) is retried before the migration fails. */
  lockRetries: number;
  /** First retry delay; doubles on every further retry, up to maxLockRetryDelayMs. */
  lockRetryDelayMs: number;
  maxLockRetryDelayMs: number;
}

export const DEFAULT_EXECUTION_SETTINGS: ExecutionSettings = {
  lockTimeoutMs: 5_000,
  statementTimeoutMs: 10 * 60_000,
  lockRetries: 3,
  lockRetryDelayMs: 1_000,
  maxLockRetryDelayMs: 30_000,
};

export type MigrationRunStatus = 'applied' | 'failed' | 'not-run' | 'dry-run-ok' | 'dry-run-failed' | 'dry-run-skipped';

export interface MigrationRun {
  version: string;
  name: string;
  file: string;
  checksum: string;
  transactional: boolean;
  status: MigrationRunStatus;
  /** Wall time including lock-timeout retries. */
  durationMs: number;
  attempts: number;
  /**
   * Statements that ran and stay in effect. For a transactional migration that is all of them
   * when applied and none otherwise; for `-- transaction: none` a failure leaves these in place.
   */
  statementsRun: StatementRef[];
  failedStatement?: StatementRef;
  statementsNotRun: StatementRef[];
  error?: MigrationError;
  /** The connection dropped during COMMIT: the server may or may not have applied it. */
  commitOutcomeUnknown?: boolean;
  /** INVALID indexes a failed `CREATE INDEX CONCURRENTLY` left (or found), and what became of them. */
  invalidIndexes?: InvalidIndex[];
  /** `-- transaction: none`: earlier attempts whose committed statements of this file are still in effect. */
  earlierAttempts?: EarlierPartialAttempt[];
  note?: string;
}

export interface ExecutionContext {
  client: Client;
  settings: ExecutionSettings;
  log: DeployLogger;
  scrub: (text: string) => string;
  /** Builds the history entry once the statements ran (duration and attempts known). */
  historyEntry: (migration: MigrationFile, durationMs: number, attempts: number) => AppliedEntry;
  /** `-- transaction: none`: called after each statement committed, with every statement committed so far. */
  onStatementCommitted?: (migration: MigrationFile, committed: StatementRef[]) => Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Milliseconds since `started`, to 0.01 ms: enough for per-migration timings, short in JSON. */
const elapsed = (started: number) => Math.round((performance.now() - started) * 100) / 100;

function retryDelay(settings: ExecutionSettings, retry: number): number {
  return Math.min(settings.maxLockRetryDelayMs, settings.lockRetryDelayMs * 2 ** (retry - 1));
}

function timeoutSettings(settings: ExecutionSettings, scope: 'local' | 'session'): string {
  const set = scope === 'local' ? 'set local' : 'set';
  const ms = (n: number) => `'${Math.max(0, Math.round(n))}ms'`;
  return `${set} lock_timeout = ${ms(settings.lockTimeoutMs)}; ${set} statement_timeout = ${ms(settings.statementTimeoutMs)}`;
}

function baseRun(migration: MigrationFile): Omit<MigrationRun, 'status' | 'durationMs' | 'attempts' | 'statementsRun' | 'statementsNotRun'> {
  return {
    version: migration.version!,
    name: migration.name ?? '',
    file: migration.path,
    checksum: migration.checksum,
    transactional: migration.directives.transactional,
  };
}

export function notRun(migration: MigrationFile, note?: string): MigrationRun {
  return {
    ...baseRun(migration),
    status: 'not-run',
    durationMs: 0,
    attempts: 0,
    statementsRun: [],
    statementsNotRun: executableStatements(migration).map((s) => statementRef(migration.path, s)),
    ...(note ? { note } : {}),
  };
}

/** Logs a lock-timeout retry and waits; returns false when the retries are used up. */
async function retryAfterLockTimeout(ctx: Pick<ExecutionContext, 'settings' | 'log'>, error: MigrationError, attempt: number): Promise<boolean> {
  if (error.kind !== 'lock-timeout' || attempt > ctx.settings.lockRetries) return false;
  const delay = retryDelay(ctx.settings, attempt);
  ctx.log({
    level: 'warning',
    event: 'lock-timeout-retry',
    message: `${error.file}:${error.line}: lock timeout (${error.message}); attempt ${attempt} of ${ctx.settings.lockRetries + 1} failed, retrying in ${delay} ms.`,
    data: { file: error.file, line: error.line, attempt, maxAttempts: ctx.settings.lockRetries + 1, delayMs: delay },
  });
  await sleep(delay);
  return true;
}

function connectionLostNote(phase: 'setup' | 'statements' | 'commit'): string {
  if (phase === 'commit') {
    return 'The connection dropped while recording and committing, so the server may or may not have applied this migration. Its history row is in the same transaction, so the history tells which: run "migration-gate status".';
  }
  return 'The connection dropped before the migration committed; the server rolled its transaction back, so it is neither applied nor recorded.';
}

/** One transaction: the statements and the history row commit together or not at all. */
export async function applyInTransaction(ctx: ExecutionContext, migration: MigrationFile): Promise<MigrationRun> {
  const { client } = ctx;
  const statements = executableStatements(migration);
  const refs = statements.map((s) => statementRef(migration.path, s));
  const started = performance.now();
  for (let attempt = 1; ; attempt++) {
    let current: Statement | undefined;
    let phase: 'setup' | 'statements' | 'commit' = 'setup';
    try {
      // RESET ALL first: a previous migration may have changed search_path or role for the session.
      await client.query(`begin; reset all; ${timeoutSettings(ctx.settings, 'local')}`);
      phase = 'statements';
      for (const statement of statements) {
        current = statement;
        await client.query(statement.text);
      }
      current = undefined;
      phase = 'commit';
      // RESET ROLE: the history row is written by the deploying login, whatever role the migration switched to.
      await client.query(`reset role;\n${recordAppliedSql(ctx.historyEntry(migration, elapsed(started), attempt))};\ncommit`);
      return { ...baseRun(migration), status: 'applied', durationMs: elapsed(started), attempts: attempt, statementsRun: refs, statementsNotRun: [] };
    } catch (err) {
      const error = migrationError(err, migration.path, current, ctx.scrub);
      if (error.kind !== 'connection-lost') {
        await client.query('rollback').catch(() => undefined);
        if (await retryAfterLockTimeout(ctx, error, attempt)) continue;
        if (phase === 'commit') error.message = `recording the migration in supabase_migrations failed, so it was rolled back: ${error.message}`;
      }
      const failedIndex = current ? statements.indexOf(current) : -1;
      return {
        ...baseRun(migration),
        status: 'failed',
        durationMs: elapsed(started),
        attempts: attempt,
        statementsRun: [],
        ...(failedIndex >= 0 ? { failedStatement: refs[failedIndex] } : {}),
        statementsNotRun: failedIndex >= 0 ? refs.slice(failedIndex + 1) : phase === 'setup' ? refs : [],
        error,
        ...(error.kind === 'connection-lost' ? { note: connectionLostNote(phase), commitOutcomeUnknown: phase === 'commit' } : {}),
      };
    }
  }
}

/**
 * `-- transaction: none`: each statement commits on its own (CREATE INDEX CONCURRENTLY needs
 * that). The history row is written only after the last one succeeded, so a partial failure
 * leaves the migration pending and the report lists exactly what already ran.
 */
export async function applyStatementByStatement(ctx: ExecutionContext, migration: MigrationFile): Promise<MigrationRun> {
  const { client } = ctx;
  const statements = executableStatements(migration);
  const refs = statements.map((s) => statementRef(migration.path, s));
  const started = performance.now();
  let attempts = 1;
  const failed = (error: MigrationError, index: number, extra: Partial<MigrationRun> = {}): MigrationRun => ({
    ...baseRun(migration),
    status: 'failed',
    durationMs: elapsed(started),
    attempts,
    statementsRun: refs.slice(0, Math.max(0, index)),
    ...(index >= 0 && index < refs.length ? { failedStatement: refs[index] } : {}),
    statementsNotRun: index >= 0 ? refs.slice(index + 1) : [],
    error,
    ...extra,
  });
  try {
    await client.query(`reset all; ${timeoutSettings(ctx.settings, 'session')}`);
  } catch (err) {
    return failed(migrationError(err, migration.path, undefined, ctx.scrub), 0, { statementsNotRun: refs, failedStatement: undefined });
  }
  for (let i = 0; i < statements.length; i++) {
    const outcome = await runCommittingStatement(ctx, migration, statements[i], i);
    attempts = Math.max(attempts, outcome.attempts);
    if (outcome.error) return failed(outcome.error, i, outcome.extra);
    await ctx.onStatementCommitted?.(migration, refs.slice(0, i + 1));
  }
  try {
    await client.query(`reset role;\n${recordAppliedSql(ctx.historyEntry(migration, elapsed(started), attempts))}`);
  } catch (err) {
    const error = migrationError(err, migration.path, undefined, ctx.scrub);
    return {
      ...failed(error, statements.length),
      note:
        error.kind === 'connection-lost'
          ? 'All statements ran, but the connection dropped while recording the migration; it may be unrecorded although its changes are in place.'
          : 'All statements ran, but recording the migration in the history failed; its changes are in place but it is not recorded.',
      commitOutcomeUnknown: error.kind === 'connection-lost',
    };
  }
  return { ...baseRun(migration), status: 'applied', durationMs: elapsed(started), attempts, statementsRun: refs, statementsNotRun: [] };
}

interface StatementOutcome {
  attempts: number;
  error?: MigrationError;
  extra?: Partial<MigrationRun>;
}

/**
 * One statement of a `-- transaction: none` migration, in autocommit, with lock-timeout retries.
 * A concurrent index build is checked for validity afterwards, whether it failed or not.
 */
async function runCommittingStatement(ctx: ExecutionContext, migration: MigrationFile, statement: Statement, index: number): Promise<StatementOutcome> {
  const target = concurrentIndexTarget(statement);
  for (let attempt = 1; ; attempt++) {
    try {
      const before = target ? await indexesOf(ctx.client, target) : [];
      const failure = await ctx.client.query(statement.text).then(
        () => undefined,
        (err: unknown) => err,
      );
      if (failure === undefined) {
        const invalid = target ? await settleInvalidIndexes(ctx.client, target, before) : [];
        return invalid.length === 0 ? { attempts: attempt } : { attempts: attempt, error: invalidIndexError(migration, statement, invalid), extra: { invalidIndexes: invalid } };
      }
      const error = migrationError(failure, migration.path, statement, ctx.scrub);
      if (error.kind === 'connection-lost') return { attempts: attempt, error, extra: { note: connectionLostMidStatement(index, target) } };
      // The file may have opened its own transaction; leave the session usable for the audit record.
      await ctx.client.query('rollback').catch(() => undefined);
      const invalid = target ? await settleInvalidIndexes(ctx.client, target, before) : [];
      // A retry can only succeed when no invalid index is left in its way.
      if (invalid.every((i) => i.dropped) && (await retryAfterLockTimeout(ctx, error, attempt))) continue;
      return { attempts: attempt, error, extra: invalid.length > 0 ? { invalidIndexes: invalid } : {} };
    } catch (err) {
      // Reading or dropping the index failed: the connection is gone, or the catalog is not readable.
      const error = migrationError(err, migration.path, statement, ctx.scrub);
      return { attempts: attempt, error, extra: error.kind === 'connection-lost' ? { note: connectionLostMidStatement(index, target) } : {} };
    }
  }
}

function invalidIndexError(migration: MigrationFile, statement: Statement, invalid: InvalidIndex[]): MigrationError {
  return {
    kind: 'invalid-index',
    message: `the statement succeeded but left no valid index: ${describeInvalidIndexes(invalid)}`,
    file: migration.path,
    line: statement.line,
    column: statement.column,
    statement: statementRef(migration.path, statement),
  };
}

function connectionLostMidStatement(index: number, target: ConcurrentIndexTarget | undefined): string {
  const invalid = target
    ? ` It was building an index concurrently, which may be left INVALID: list such indexes with "select indexrelid::regclass from pg_index where not indisvalid" and drop them with DROP INDEX CONCURRENTLY before deploying again.`
    : '';
  return `The connection dropped during statement ${index + 1}; whether that statement took effect is unknown. Statements before it are committed.${invalid}`;
}

/**
 * Runs pending migrations inside one transaction that is always rolled back, each under a
 * savepoint so later ones see the earlier ones' changes. Stops at the first failure, as a deploy would.
 */
export async function dryRun(ctx: Omit<ExecutionContext, 'historyEntry'>, migrations: readonly MigrationFile[]): Promise<MigrationRun[]> {
  const { client } = ctx;
  const runs: MigrationRun[] = [];
  let stoppedBy: string | undefined;
  await client.query('begin');
  try {
    for (const migration of migrations) {
      if (stoppedBy) {
        runs.push(notRun(migration, `Not checked: ${stoppedBy} failed first.`));
        continue;
      }
      const statements = executableStatements(migration);
      const refs = statements.map((s) => statementRef(migration.path, s));
      if (!migration.directives.transactional) {
        runs.push({
          ...baseRun(migration),
          status: 'dry-run-skipped',
          durationMs: 0,
          attempts: 0,
          statementsRun: [],
          statementsNotRun: refs,
          note: 'Not executed in the dry run: a "-- transaction: none" migration cannot run inside the rolled-back transaction. Later migrations are checked without its changes.',
        });
        continue;
      }
      const started = performance.now();
      for (let attempt = 1; ; attempt++) {
        let current: Statement | undefined;
        try {
          await client.query(`savepoint gate_dry_run; reset all; ${timeoutSettings(ctx.settings, 'local')}`);
          for (const statement of statements) {
            current = statement;
            await client.query(statement.text);
          }
          await client.query('release savepoint gate_dry_run');
          runs.push({ ...baseRun(migration), status: 'dry-run-ok', durationMs: elapsed(started), attempts: attempt, statementsRun: [], statementsNotRun: [] });
          break;
        } catch (err) {
          const error = migrationError(err, migration.path, current, ctx.scrub);
          if (error.kind !== 'connection-lost') {
            await client.query('rollback to savepoint gate_dry_run').catch(() => undefined);
            if (await retryAfterLockTimeout(ctx, error, attempt)) continue;
          }
          const failedIndex = current ? statements.indexOf(current) : -1;
          runs.push({
            ...baseRun(migration),
            status: 'dry-run-failed',
            durationMs: elapsed(started),
            attempts: attempt,
            statementsRun: [],
            ...(failedIndex >= 0 ? { failedStatement: refs[failedIndex] } : {}),
            statementsNotRun: failedIndex >= 0 ? refs.slice(failedIndex + 1) : refs,
            error,
          });
          stoppedBy = migration.path;
          break;
        }
      }
    }
  } finally {
    await client.query('rollback').catch(() => undefined);
  }
  return runs;
}
