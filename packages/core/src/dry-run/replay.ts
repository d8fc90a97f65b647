/**
 * Replaying one migration file, the way it reaches a real database:
 *
 *  - `push`: as `supabase db push` sends it, one batch in one implicit transaction that the
 *    file's own BEGIN / COMMIT / ROLLBACK reshape (applied history, and any file that controls
 *    its own transactions);
 *  - `engine`: as the deploy engine applies a new migration, statement by statement in one
 *    transaction, with the locks each statement takes on tables that existed before;
 *  - `autocommit`: a `-- transaction: none` file, statement by statement, each on its own.
 */
import type { MigrationFile, Statement } from '../model';
import { locateError } from '../locate-error';
import { SourceMap } from '../source-map';
import type { EmulationMatcher } from './emulations/touches';
import type { StatementRewrite } from './emulations/types';
import { locksTakenByStatement, mayLockExisting, readHeldLocks, refreshExistingRelations, relationNames, type HeldLock, type RelationMap } from './locks';
import { hasTransactionControl, lastCommitBefore, unclosedBegin } from './prescan';
import { StatementFailure, syntheticFailure, type ReplaySession } from './session';
import type { DryRunError, MigrationReplay, ReplayMode, ReplayPhase, StatementReplay } from './types';

export interface ReplayContext {
  session: ReplaySession;
  phase: ReplayPhase;
  /** Set for new migrations when lock tracing is on. */
  existing?: RelationMap;
  /** Emulations' rewrites of statements they cannot take as written. */
  rewrite(statement: Statement): StatementRewrite | undefined;
  /** Labels statements that touch emulated objects. */
  emulations: EmulationMatcher;
}

export interface MigrationOutcome {
  replay: MigrationReplay;
  error?: DryRunError;
  lockTracingMs: number;
}

export function replayModeOf(migration: MigrationFile, phase: ReplayPhase): ReplayMode {
  if (!migration.directives.transactional) return 'autocommit';
  if (phase === 'base' || hasTransactionControl(migration)) return 'push';
  return 'engine';
}

/** The migration changes its search_path (SET, set_config): unqualified names may then reach any schema. */
function setsSearchPath(migration: MigrationFile): boolean {
  return /search_path/i.test(migration.text);
}

function excerpt(statement: Statement): string {
  const firstLine = statement.text.split('\n')[0].trim();
  return firstLine.length > 100 ? `${firstLine.slice(0, 97)}...` : firstLine;
}

export function toDryRunError(phase: DryRunError['phase'], file: string, version: string | null, text: string, statement: Statement, failure: StatementFailure): DryRunError {
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

/** The SQL to send for a statement, after the emulations' rewrites; throws when an emulation refuses it. */
function sqlFor(statement: Statement, context: ReplayContext): string {
  const rewrite = context.rewrite(statement);
  if (!rewrite) return statement.text;
  if ('error' in rewrite) throw syntheticFailure(rewrite.error);
  return rewrite.sql;
}

function statementEntry(statement: Statement, context: ReplayContext): StatementReplay {
  const emulated = context.emulations.touchedBy(statement.text);
  return {
    statementIndex: statement.index,
    line: statement.line,
    column: statement.column,
    kind: statement.kind,
    excerpt: excerpt(statement),
    durationMs: 0,
    ...(emulated.length ? { emulated } : {}),
  };
}

function newReplay(migration: MigrationFile, context: ReplayContext, mode: ReplayMode): MigrationReplay {
  return { file: migration.path, version: migration.version, phase: context.phase, transactional: migration.directives.transactional, mode, status: 'applied', durationMs: 0, statements: [] };
}

function finishReplay(replay: MigrationReplay, started: number): void {
  replay.durationMs = performance.now() - started;
  const emulated = [...new Set(replay.statements.flatMap((s) => s.emulated ?? []))];
  if (emulated.length) replay.emulated = emulated;
}

function failed(replay: MigrationReplay, migration: MigrationFile, context: ReplayContext, statement: Statement, failure: StatementFailure, lockTracingMs: number): MigrationOutcome {
  replay.status = 'failed';
  return { replay, error: toDryRunError(context.phase, migration.path, migration.version, migration.text, statement, failure), lockTracingMs };
}

/** A dollar-quote tag starting with `base` that does not occur in `text`. */
function dollarTag(text: string, base: string): string {
  let tag = base;
  while (text.includes(`$${tag}$`)) tag += 'x';
  return `$${tag}$`;
}

/** A statement that raises `message`: the body and the message need different quotes. */
function raisingStatement(message: string): string {
  const quote = dollarTag(message, 'message');
  const body = dollarTag(message, 'body');
  return `do ${body}begin raise exception using message = ${quote}${message}${quote}, errcode = '22023'; end${body}`;
}

/**
 * `push`: the whole file as one batch. A statement an emulation refuses is replaced by one that
 * raises its error, so the server still decides what the file's own COMMITs had made permanent.
 */
async function replayAsPush(migration: MigrationFile, context: ReplayContext): Promise<MigrationOutcome> {
  const { session } = context;
  const started = performance.now();
  const replay = newReplay(migration, context, 'push');
  const texts = migration.statements.map((statement) => {
    try {
      return sqlFor(statement, context);
    } catch (err) {
      return raisingStatement((err as StatementFailure).message);
    }
  });
  await session.rollback();
  await session.execute('reset all');
  const result = await session.executeBatch(texts);
  if (context.phase === 'new') replay.statements = migration.statements.map((s) => statementEntry(s, context));
  if (result.failure) {
    await session.rollback();
    const statement = migration.statements[Math.min(result.completed, migration.statements.length - 1)];
    const committed = lastCommitBefore(migration.statements, statement.index);
    if (committed) replay.committedThroughLine = committed.line;
    finishReplay(replay, started);
    return failed(replay, migration, context, statement, result.failure, 0);
  }
  const open = unclosedBegin(migration.statements);
  if (open) {
    // The author meant the work to be kept; commit it so later files replay on top of it.
    replay.unclosedBeginLine = open.line;
    await session.execute('commit');
  }
  finishReplay(replay, started);
  return { replay, lockTracingMs: 0 };
}

/** `engine` and `autocommit`: statement by statement, tracing locks in a transactional new migration. */
async function replayStatementByStatement(migration: MigrationFile, context: ReplayContext, mode: 'engine' | 'autocommit'): Promise<MigrationOutcome> {
  const { session } = context;
  const transactional = mode === 'engine';
  const replay = newReplay(migration, context, mode);
  const recordStatements = context.phase === 'new';
  const trace = transactional && context.existing !== undefined;
  let lockTracingMs = 0;
  const started = performance.now();
  // Each migration starts from a clean session, as if deployed on its own connection (the
  // rollback ends a transaction a non-transactional migration may have left open).
  await session.rollback();
  await session.execute('discard all');
  if (transactional) await session.execute('begin');
  let heldBefore: HeldLock[] = [];
  const existingNames = trace ? relationNames(context.existing!, setsSearchPath(migration)) : undefined;
  const startedAt: number[] = [];
  // Tracing time spent so far, so that a lock's hold time leaves out the tracer's own queries.
  const tracingBefore: number[] = [];
  let current: Statement | undefined;
  try {
    for (const statement of migration.statements) {
      current = statement;
      const entry = statementEntry(statement, context);
      const sql = sqlFor(statement, context);
      startedAt[statement.index] = performance.now();
      tracingBefore[statement.index] = lockTracingMs;
      entry.durationMs = await session.execute(sql);
      if (trace && mayLockExisting(statement, existingNames!)) {
        const traceStarted = performance.now();
        const heldAfter = await session.internal((client) => readHeldLocks(client, context.existing!));
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
    finishReplay(replay, started);
    return failed(replay, migration, context, current, err, lockTracingMs);
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
  finishReplay(replay, started);
  return { replay, lockTracingMs };
}

export async function replayMigration(migration: MigrationFile, context: ReplayContext): Promise<MigrationOutcome> {
  const mode = replayModeOf(migration, context.phase);
  if (mode === 'push') {
    const outcome = await replayAsPush(migration, context);
    // A batch cannot be traced; later files still need to know what now exists.
    if (context.existing) await context.session.internal((client) => refreshExistingRelations(client, context.existing!));
    return outcome;
  }
  return replayStatementByStatement(migration, context, mode);
}
