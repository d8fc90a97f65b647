/**
 * Turns dry-run outcomes into report findings, worded for the pull-request comment.
 */
import type { Finding } from '../model';
import type { DryRunError, StatementReplay, TracedLock } from './types';

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

export function errorFinding(error: DryRunError, statementTimeoutMs: number, notReplayed: readonly string[]): Finding {
  const timeoutText = `Stopped by the dry-run's statement timeout after ${formatMs(statementTimeoutMs)}: the statement did not finish.`;
  const what = error.timedOut ? timeoutText : `PostgreSQL rejected this statement: ${error.message}${error.detail ? ` (${error.detail})` : ''}.`;
  const prefix = error.phase === 'base' ? 'Replaying this base-branch migration failed. ' : error.phase === 'preamble' ? 'The dry-run preamble failed. ' : '';
  const skipped = notReplayed.length ? ` Not replayed because of this: ${notReplayed.join(', ')}.` : '';
  const hint = [error.hint, knownHint(error, statementTimeoutMs)].filter(Boolean).join(' ');
  return {
    ruleId: 'dry-run-error',
    // The base is what it is: a failure there cannot be fixed in this pull request.
    severity: error.phase === 'base' ? 'warning' : 'error',
    message: `${prefix}${what}${skipped}`,
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
