import { NO_VIOLATIONS, type Rule } from './rule';
import { relationName, violation, type PgNode } from './sql';

export const banTruncate: Rule = {
  id: 'ban-truncate',
  summary: 'TRUNCATE of a table that may hold data.',
  rationale:
    'TRUNCATE deletes every row without firing row triggers and takes an ACCESS EXCLUSIVE lock; with CASCADE it empties every ' +
    'table that references it too. An error by default because the data is gone once it commits.',
  safeAlternative:
    'Delete the rows you mean to remove with a bounded DELETE in a `-- kind: data` migration, or record why emptying the table ' +
    'is intended with `-- gate:allow ban-truncate <reason>`.',
  defaultSeverity: 'error',
  kinds: ['TruncateStmt'],
  checkStatement(statement, context) {
    if (statement.kind !== 'TruncateStmt') return NO_VIOLATIONS;
    const cascade = statement.node.behavior === 'DROP_CASCADE' ? ' (CASCADE also empties every table that references it)' : '';
    return (statement.node.relations ?? [])
      .map((r: PgNode) => r.RangeVar)
      .filter((rangeVar: PgNode) => context.state.isExistingTable(relationName(rangeVar)))
      .map((rangeVar: PgNode) => violation(context, statement, rangeVar.location, `TRUNCATE deletes every row of ${relationName(rangeVar)}${cascade}.`));
  },
};
