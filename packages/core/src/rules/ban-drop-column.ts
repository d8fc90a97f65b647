import type { Statement } from '../model';
import { NO_VIOLATIONS, type Rule, type RuleContext, type Violation } from './rule';
import { alterTableOf, violation, type AlterTable } from './sql';

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
    if (!alter || !context.state.isExistingTable(alter.table)) return NO_VIOLATIONS;
    return droppedColumns(statement, context, alter);
  },
};

/** A helper, so that its closures are built for existing tables only (see sql.ts). */
function droppedColumns(statement: Statement, context: RuleContext, alter: AlterTable): Violation[] {
  return alter.commands
    .filter((cmd) => cmd.subtype === 'AT_DropColumn')
    .map((cmd) => violation(context, statement, undefined, `Dropping column ${alter.table}.${cmd.name} deletes its data.`));
}
