import { aLock, blocksWrites, LOCKING_STATEMENT_KINDS, type RelationLock } from './locks';
import { NO_VIOLATIONS, type Rule } from './rule';
import { statementLabel, violation } from './sql';

/** The first lock that blocks writes to a table that may hold data (an indexed loop: this runs for most DDL). */
function firstWriteBlockingLock(locks: RelationLock[]): RelationLock | undefined {
  for (let i = 0; i < locks.length; i++) if (locks[i].existing && blocksWrites(locks[i].level)) return locks[i];
  return undefined;
}

export const requireLockTimeout: Rule = {
  id: 'require-lock-timeout',
  summary: 'A statement that needs a write-blocking lock on an existing table runs without lock_timeout set earlier in the file.',
  rationale:
    'A DDL statement waits for its lock behind any long-running query, and while it waits every new query on that table queues ' +
    'behind it: even an instant ALTER can stall all traffic to the table for as long as the slowest transaction runs. A ' +
    'lock_timeout makes the migration fail fast instead, to be retried. Reported once per file, at the first such statement; a warning.',
  safeAlternative:
    "Start the migration with SET lock_timeout = '5s'; (or SET LOCAL inside a transaction) and retry on timeout.",
  defaultSeverity: 'warning',
  kinds: LOCKING_STATEMENT_KINDS,
  predicts: 'access-exclusive',
  oncePerMigration: true,
  checkStatement(statement, context) {
    if (context.state.lockTimeoutSet) return NO_VIOLATIONS;
    const lock = firstWriteBlockingLock(context.state.locksOf(statement));
    if (!lock) return NO_VIOLATIONS;
    return [
      violation(
        context,
        statement,
        undefined,
        `${statementLabel(statement)} waits for ${aLock(lock.level)} on ${lock.relation} with no lock_timeout set, so queries queue behind it while it waits.`,
        context.migration.directives.transactional
          ? "Add SET LOCAL lock_timeout = '5s'; before this statement (near the top of the migration)."
          : "Add SET lock_timeout = '5s'; before this statement (SET LOCAL has no effect outside a transaction).",
      ),
    ];
  },
};
