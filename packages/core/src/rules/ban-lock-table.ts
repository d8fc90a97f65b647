import { blocksWrites, lockName, LockLevel } from './locks';
import { NO_VIOLATIONS, type Rule } from './rule';
import { relationName, violation, type PgNode } from './sql';

export const banLockTable: Rule = {
  id: 'ban-lock-table',
  summary: 'LOCK TABLE in a mode that blocks writes (SHARE or stronger) on an existing table.',
  rationale:
    'An explicit LOCK holds the table until the migration\'s transaction ends, blocking writes (and, in ACCESS EXCLUSIVE mode, ' +
    'reads) for the whole migration rather than for one statement. A warning: taking locks in a fixed order is sometimes the ' +
    'deliberate cure for deadlocks, which `gate:allow` can record.',
  safeAlternative:
    'Let each statement take the lock it needs, keep the migration short, and set lock_timeout; if the explicit lock is ' +
    'deliberate, record why with `-- gate:allow ban-lock-table <reason>`.',
  defaultSeverity: 'warning',
  kinds: ['LockStmt'],
  predicts: 'access-exclusive',
  checkStatement(statement, context) {
    if (statement.kind !== 'LockStmt') return NO_VIOLATIONS;
    const mode = (statement.node.mode ?? LockLevel.AccessExclusive) as number;
    if (!blocksWrites(mode)) return NO_VIOLATIONS;
    return (statement.node.relations ?? [])
      .map((r: PgNode) => r.RangeVar)
      .filter((r: PgNode) => context.state.isExistingTable(relationName(r)))
      .map((r: PgNode) => violation(context, statement, r.location, `LOCK TABLE ${relationName(r)} IN ${lockName(mode)} MODE blocks ${mode === LockLevel.AccessExclusive ? 'reads and writes' : 'writes'} until the migration commits.`));
  },
};
