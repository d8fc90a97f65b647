import type { Rule } from './rule';
import { alterTableOf, violation } from './sql';

export const banDropColumn: Rule = {
  id: 'ban-drop-column',
  summary: 'ALTER TABLE ... DROP COLUMN on an existing table.',
  rationale:
    'The column\'s data is gone once the migration commits, and application code that still selects or inserts it breaks ' +
    '(including `select *` consumers and PostgREST clients). An error by default because the data loss is irreversible.',
  safeAlternative:
    'Deploy application code that no longer reads or writes the column first; drop it in a later migration and record the ' +
    'reason with `-- gate:allow ban-drop-column <reason>`.',
  defaultSeverity: 'error',
  kinds: ['AlterTableStmt'],
  checkStatement(statement, context) {
    const alter = alterTableOf(statement);
    if (!alter || !context.state.isExistingTable(alter.table)) return [];
    return alter.commands
      .filter((cmd) => cmd.subtype === 'AT_DropColumn')
      .map((cmd) => violation(context, statement, undefined, `Dropping column ${alter.table}.${cmd.name} deletes its data.`));
  },
};
