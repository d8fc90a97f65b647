import { NO_VIOLATIONS, type Rule } from './rule';
import { qualifiedFromParts, strings, violation, type PgNode } from './sql';

export const banDropTable: Rule = {
  id: 'ban-drop-table',
  summary: 'DROP TABLE on a table that may hold data.',
  rationale:
    'Dropping a table deletes every row for good, and any application version still running fails on its next query to it. ' +
    'An error by default: the loss cannot be undone without restoring a backup.',
  safeAlternative:
    'Remove every read and write of the table from the application and deploy that first; drop the table in a later migration, ' +
    'after a backup, and record why it is safe with `-- gate:allow ban-drop-table <reason>`.',
  defaultSeverity: 'error',
  kinds: ['DropStmt'],
  checkStatement(statement, context) {
    if (statement.kind !== 'DropStmt' || statement.node.removeType !== 'OBJECT_TABLE') return NO_VIOLATIONS;
    return (statement.node.objects ?? [])
      .map((o: PgNode) => qualifiedFromParts(strings(o.List?.items)))
      .filter((table: string) => context.state.isExistingTable(table))
      .map((table: string) => violation(context, statement, undefined, `DROP TABLE ${table} deletes the table and all of its rows.`));
  },
};
