import { NO_VIOLATIONS, type Rule } from './rule';
import { violation } from './sql';

export const banDropDatabase: Rule = {
  id: 'ban-drop-database',
  summary: 'DROP DATABASE in a migration.',
  rationale:
    'A migration changes the schema of the database it runs in; DROP DATABASE removes a whole database, every table and every ' +
    'row, with no undo. PostgreSQL also refuses it inside a transaction block, so as written the deploy fails, and moving it to a ' +
    '`-- transaction: none` file (what the server\'s hint suggests) would only make it succeed. An error.',
  safeAlternative:
    'Retire a database outside migrations, by hand and after a backup, with the platform\'s tools. To remove objects from this ' +
    'database, drop them one by one in a reviewed migration.',
  defaultSeverity: 'error',
  kinds: ['DropdbStmt'],
  checkStatement(statement, context) {
    if (statement.kind !== 'DropdbStmt') return NO_VIOLATIONS;
    const name = String(statement.node.dbname ?? '');
    return [violation(context, statement, undefined, `DROP DATABASE ${name} destroys a whole database and everything in it; it has no place in a migration.`)];
  },
};
