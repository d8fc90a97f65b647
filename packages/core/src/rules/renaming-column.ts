import { NO_VIOLATIONS, type Rule } from './rule';
import { relationName, violation } from './sql';

export const renamingColumn: Rule = {
  id: 'renaming-column',
  summary: 'ALTER TABLE ... RENAME COLUMN on an existing table.',
  rationale:
    'Application code and API clients that still use the old column name fail as soon as the migration commits; during a rolling ' +
    'deploy the old version is always still running. A warning rather than an error: the damage depends on callers the gate cannot see.',
  safeAlternative:
    'Add the new column, write to both and backfill, move reads to the new column, then drop the old one in a later release ' +
    '(or expose the table through a view that keeps the old name during the transition).',
  defaultSeverity: 'warning',
  kinds: ['RenameStmt'],
  predicts: 'access-exclusive',
  checkStatement(statement, context) {
    const node = statement.node;
    if (statement.kind !== 'RenameStmt' || node.renameType !== 'OBJECT_COLUMN' || node.relationType !== 'OBJECT_TABLE') return NO_VIOLATIONS;
    const table = relationName(node.relation);
    if (!context.state.isExistingTable(table)) return NO_VIOLATIONS;
    return [violation(context, statement, node.relation.location, `Renaming ${table}.${node.subname} to ${node.newname} breaks every client still using the old name.`)];
  },
};
