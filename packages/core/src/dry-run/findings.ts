/**
 * Turns dry-run outcomes into report findings, worded for the pull-request comment.
 */
import type { Finding, MigrationFile, Severity } from '../model';
import type { ExtensionEmulation } from './emulations/types';
import type { PreparedDistribution } from './platform/distribution';
import type { DryRunError, MigrationReplay, StatementReplay, TracedLock } from './types';

/** SQLSTATEs of "X does not exist": after an earlier file failed, such an error may be its echo. */
const UNDEFINED_OBJECT_CODES = new Set(['42P01', '42703', '42883', '42704', '3F000', '42P02']);

export interface ErrorFindingContext {
  /** Files replayed before this one that failed or could not be replayed. */
  earlierFailures?: readonly string[];
  /** Severity for a base-migration failure (default warning). */
  baseSeverity?: Extract<Severity, 'warning' | 'error'>;
  /** The file's own COMMIT before the failing statement, at this line (push mode). */
  committedThroughLine?: number;
  /** Extensions replayed as empty stand-ins: their objects are missing. */
  standIns?: readonly string[];
  /** This new migration replayed after an earlier one failed (named), where a deploy would have stopped. */
  afterStop?: string;
  /** The new migrations after this failing one, replayed anyway (a deploy stops here). */
  replayedAfter?: readonly string[];
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${Number((ms / 1000).toFixed(1))} s`;
}

/** Hints for errors whose fix the dry-run knows better than Postgres's generic hint. */
function knownHint(error: DryRunError, statementTimeoutMs: number): string | undefined {
  if (error.timedOut) {
    return `Statements that run longer than ${formatMs(statementTimeoutMs)} on an empty database will be far slower on real data. Look for waits (pg_sleep, locks held by another session), loops or heavy backfills; raise statementTimeoutMs if it is genuinely slow.`;
  }
  if (error.code === '25001') return 'This statement cannot run inside a transaction block. Put it in its own migration that starts with `-- transaction: none`.';
  if (/extension ".*" is not available|could not open extension control file/i.test(error.message)) {
    return "The dry-run's PostgreSQL build does not ship this extension. To replay it, give shadowDatabaseUrl pointing at a server that has it (e.g. a supabase/postgres service container).";
  }
  return undefined;
}

/**
 * A failed replay as a finding. A base (applied) migration that cannot be replayed is a warning
 * unless the check is strict: it is not the pull request's fault. A "does not exist" error after
 * an earlier file failed is a warning too, naming that file, since it may only echo that failure.
 */
export function errorFinding(error: DryRunError, statementTimeoutMs: number, notReplayed: readonly string[], context: ErrorFindingContext = {}): Finding {
  const timeoutText = `Stopped by the dry-run's statement timeout after ${formatMs(statementTimeoutMs)}: the statement did not finish.`;
  const what = error.timedOut ? timeoutText : `PostgreSQL rejected this statement: ${error.message}${error.detail ? ` (${error.detail})` : ''}.`;
  const prefix =
    error.phase === 'base'
      ? 'This migration is already in the base branch (applied history) and cannot be replayed, so later files replay without what it does. '
      : error.phase === 'preamble'
        ? 'The dry-run preamble failed. '
        : '';
  const earlier = context.earlierFailures ?? [];
  const standIns = context.standIns ?? [];
  const missingObject = error.code !== undefined && UNDEFINED_OBJECT_CODES.has(error.code);
  const echo = missingObject && (earlier.length > 0 || standIns.length > 0);
  const causes = [
    earlier.length ? `${earlier.length === 1 ? 'an earlier file that could not be replayed' : 'earlier files that could not be replayed'}: ${earlier.slice(-3).join(', ')}` : '',
    standIns.length ? `the empty stand-in for ${standIns.map((n) => `"${n}"`).join(', ')}, an extension the dry-run does not know` : '',
  ].filter(Boolean);
  const echoText = echo ? ` This may follow from ${causes.join(', or ')}.` : '';
  const skipped = notReplayed.length ? ` Not replayed because of this: ${notReplayed.join(', ')}.` : '';
  const stop = context.replayedAfter?.length
    ? ` A deploy stops here; the dry-run replayed the later migrations anyway, without this one's changes, to report their own problems: ${context.replayedAfter.slice(0, 5).join(', ')}${context.replayedAfter.length > 5 ? `, … ${context.replayedAfter.length - 5} more` : ''}.`
    : context.afterStop
      ? ` A deploy would not reach this migration: it stops at ${context.afterStop}, which failed first; this result is from a replay without it.`
      : '';
  const committed =
    context.committedThroughLine !== undefined
      ? ` The file's own COMMIT at line ${context.committedThroughLine} had already committed the statements before it: \`supabase db push\` leaves those applied, without a history row, and stops here.`
      : '';
  const hint = [error.hint, knownHint(error, statementTimeoutMs)].filter(Boolean).join(' ');
  // After the first failure, a later file's result is a consequence or a preview, not the verdict.
  const severity: Severity = error.phase === 'base' ? (context.baseSeverity ?? 'warning') : echo || context.afterStop ? 'warning' : 'error';
  return {
    ruleId: 'dry-run-error',
    severity,
    message: `${prefix}${what}${committed}${echoText}${stop}${skipped}`,
    ...(hint ? { hint } : {}),
    file: error.file,
    line: error.line,
    column: error.column,
    source: 'dry-run',
  };
}

function statementName(statement: StatementReplay): string {
  const words = statement.excerpt.replace(/\s+/g, ' ').trim().split(' ');
  const verb = words[0]?.toUpperCase() ?? '';
  const object = words[1]?.toUpperCase() ?? '';
  if (verb === 'CREATE' && (object === 'UNIQUE' || object === 'OR')) return `${verb} ${object} ${words[2]?.toUpperCase() ?? ''}`.trim();
  return `${verb} ${object}`.trim();
}

/**
 * One finding per statement that took an ACCESS EXCLUSIVE lock on a table that production
 * already has: `dry-run-rewrite` when it also rewrote one, else `dry-run-access-exclusive`.
 */
export function lockFinding(file: string, statement: StatementReplay): Finding | undefined {
  // The real extension's locking is not what its emulation does: make no claim about it.
  if (statement.emulated?.length) return undefined;
  const exclusive = (statement.locks ?? []).filter((l) => l.mode === 'ACCESS EXCLUSIVE');
  if (!exclusive.length) return undefined;
  const rewritten = (statement.locks ?? []).filter((l) => l.rewritten);
  const names = (locks: TracedLock[]) => locks.map((l) => l.relation).join(', ');
  const held = statement.heldUntilCommitMs ?? statement.durationMs;
  const parts = [
    `${statementName(statement)} takes an ACCESS EXCLUSIVE lock on ${names(exclusive)}, which already exist${exclusive.length === 1 ? 's' : ''} in production.`,
    `Every read and write of ${exclusive.length === 1 ? 'that table' : 'those tables'} waits until the migration commits (the statement ran ${formatMs(statement.durationMs)}, the lock was held ${formatMs(held)} on the empty dry-run database), and so does every query queued behind it.`,
  ];
  if (rewritten.length) parts.push(`It rewrote ${names(rewritten)} (new storage), so on a large table it takes as long as copying the table.`);
  const hint = rewritten.length
    ? 'Avoid the rewrite: add a new column and backfill it in batches, or change the type in steps that keep the storage (e.g. varchar(n) to text). Set lock_timeout so the migration gives up instead of blocking traffic.'
    : "Set a short lock_timeout (e.g. `set lock_timeout = '3s';`) before it so it fails fast instead of queuing traffic behind it, and keep slow statements out of the same migration: the lock is held until commit.";
  return {
    ruleId: rewritten.length ? 'dry-run-rewrite' : 'dry-run-access-exclusive',
    severity: 'warning',
    message: parts.join(' '),
    hint,
    file,
    line: statement.line,
    column: statement.column,
    source: 'dry-run',
  };
}

/** Notes on how files were replayed that a reviewer should know: a BEGIN never committed, work committed before a failure. */
export function replayNoteFindings(migrations: readonly MigrationReplay[]): Finding[] {
  const findings: Finding[] = [];
  for (const m of migrations) {
    if (m.unclosedBeginLine !== undefined) {
      findings.push({
        ruleId: 'dry-run-unclosed-transaction',
        severity: 'warning',
        message:
          'This BEGIN is never committed in the file. `supabase db push` sends a file as one batch, so the transaction stays open on its connection: the file and its history row are committed only if a later file commits, and are lost when the connection closes. The dry-run committed it to go on.',
        hint: 'End the transaction in the same file (COMMIT), or drop BEGIN: each migration already runs in one transaction.',
        file: m.file,
        line: m.unclosedBeginLine,
        column: 1,
        source: 'dry-run',
      });
    }
  }
  return findings;
}

/** Where new migrations create extensions the dry-run only emulates or stands in for. */
export function extensionFindings(fresh: readonly MigrationFile[], distribution: PreparedDistribution | undefined, active: readonly ExtensionEmulation[]): Finding[] {
  if (!distribution) return [];
  const findings: Finding[] = [];
  for (const migration of fresh) {
    for (const statement of migration.statements) {
      if (statement.kind !== 'CreateExtensionStmt') continue;
      const name = String(statement.node?.extname ?? '');
      const emulation = active.find((e) => e.name === name);
      const standIn = distribution.standIns.includes(name);
      const refused = distribution.refused.find((r) => r.name === name);
      if (!emulation && !standIn && !refused) continue;
      const message = emulation
        ? `The dry-run's server does not ship ${name}: statements using it were replayed against an emulation of ${name} ${emulation.version} (${emulation.behaviour ?? 'its schema, types, functions and operators, without their behaviour'}). Errors in how it is used are caught; its performance and locking are not.`
        : standIn
          ? `The dry-run does not know the extension "${name}": it was replayed as an empty stand-in, so statements that use its objects will fail in the dry-run.`
          : `The dry-run cannot stand in for the extension "${name}": ${refused!.reason}.`;
      findings.push({
        ruleId: 'dry-run-extension',
        severity: 'notice',
        message,
        hint: 'For a replay against the real extension, give shadowDatabaseUrl pointing at a server that has it (e.g. a supabase/postgres service container).',
        file: migration.path,
        line: statement.line,
        column: statement.column,
        source: 'dry-run',
      });
    }
  }
  return findings;
}
