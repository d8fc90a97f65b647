import { NO_VIOLATIONS, type Rule } from './rule';
import { relationName, violation } from './sql';

export const renamingTable: Rule = {
  id: 'renaming-table',
  summary: 'ALTER TABLE ... RENAME TO on an existing table.',
  rationale:
    'The rename itself is instant, but every application version, API client (PostgREST exposes tables by name) and report that ' +
    'uses the old name breaks the moment it commits, and during a deploy the old code is still running. ' +
    'A warning rather than an error: the damage depends on callers the gate cannot see.',
  safeAlternative:
    'Create the new table (or rename and leave a view with the old name: `CREATE VIEW old_name AS SELECT * FROM new_name`), move ' +
    'callers over, and remove the old name in a later release.',
  defaultSeverity: 'warning',
  kinds: ['RenameStmt'],
  predicts: 'access-exclusive',
  checkStatement(statement, context) {
    if (statement.kind !== 'RenameStmt' || statement.node.renameType !== 'OBJECT_TABLE') return NO_VIOLATIONS;
    const table = relationName(statement.node.relation);
    if (!context.state.isExistingTable(table)) return NO_VIOLATIONS;
    return [violation(context, statement, statement.node.relation.location, `Renaming ${table} to ${statement.node.newname} breaks every client still using the old name.`)];
  },
};
