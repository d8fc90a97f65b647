/**
 * The "what now" paragraph after a failed migration. Deploys never roll back, so the text must
 * say exactly what is in effect: for a transactional migration nothing (its transaction rolled
 * back), for a `-- transaction: none` migration the statements that committed, in this attempt
 * and in earlier ones, and any INVALID index a concurrent build left behind.
 */
import { describeInvalidIndexes } from './concurrent-index';
import type { ExecutionSettings, MigrationRun } from './execute';
import { describeEarlierAttempts } from './partial-attempts';
import type { StatementRef } from './sql-errors';

const at = (refs: readonly StatementRef[]) => refs.map((s) => `${s.file}:${s.line}`).join(', ');

export function describeFailure(run: MigrationRun, appliedBefore: number, settings: ExecutionSettings): string {
  const kept = appliedBefore > 0 ? ` The ${appliedBefore} migration(s) applied before it in this run stay applied (deploys never roll back).` : '';
  if (run.error!.kind === 'connection-lost') {
    return `The database connection was lost while applying ${run.file}: ${run.error!.message}. ${run.note ?? ''}${kept} Deploy again once the database is reachable: only migrations missing from the history run.`;
  }
  return (run.transactional ? describeTransactionalFailure(run, settings) : describeNonTransactionalFailure(run)) + kept;
}

function describeTransactionalFailure(run: MigrationRun, settings: ExecutionSettings): string {
  const error = run.error!;
  const cause =
    error.kind === 'lock-timeout'
      ? ` It could not get its locks within lock_timeout (${settings.lockTimeoutMs} ms) in ${run.attempts} attempt(s): other sessions hold conflicting locks (long transactions or queries on the same tables; see pg_stat_activity). Retry when traffic is lower or raise the lock timeout.`
      : error.kind === 'statement-timeout'
        ? ` A statement ran longer than statement_timeout (${settings.statementTimeoutMs} ms): raise it, or split the work (e.g. batches in a "-- transaction: none" migration).`
        : '';
  const unrecorded = run.note ?? `Nothing of ${run.file} was applied: its transaction was rolled back and it is not recorded.`;
  return (
    `${unrecorded}${cause} Fix forward: correct ${run.file} (editing it is safe while no environment has applied it; where one has, ` +
    `record the edit there with "migration-gate repair --status applied ${run.version}"), then deploy again: only migrations missing from the history run.`
  );
}

/** Statement by statement: what this attempt committed, what earlier attempts left, what a concurrent index build left. */
function describeNonTransactionalFailure(run: MigrationRun): string {
  const error = run.error!;
  const rest = run.statementsNotRun.length > 0 ? `; not run: ${at(run.statementsNotRun)}` : '';
  const parts =
    run.statementsRun.length > 0
      ? [`${run.file} ran partially ("-- transaction: none"): statements already committed: ${at(run.statementsRun)}; failed: ${error.file}:${error.line}${rest}.`]
      : [`${run.file} ("-- transaction: none") failed at its first statement, ${error.file}:${error.line}, so this attempt committed none of its statements${rest}.`];
  if (run.note) parts.push(run.note);
  if (run.earlierAttempts?.length) {
    parts.push(
      `Still in effect from earlier attempts: ${describeEarlierAttempts(run.earlierAttempts, run.checksum)}. ` +
        'Running the file again from the start repeats those statements, which is why one of them can now fail (for example "already exists").',
    );
  }
  if (run.invalidIndexes?.length && error.kind !== 'invalid-index') parts.push(describeInvalidIndexes(run.invalidIndexes));
  parts.push(
    'It is not recorded as applied. Either make the file safe to run again from the start (IF NOT EXISTS / IF EXISTS) and deploy again, ' +
      `or finish the remaining statements by hand and record the migration with "migration-gate repair --status applied ${run.version}".`,
  );
  return parts.join(' ');
}
