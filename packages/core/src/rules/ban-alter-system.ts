import { NO_VIOLATIONS, type Rule } from './rule';
import { violation } from './sql';

export const banAlterSystem: Rule = {
  id: 'ban-alter-system',
  summary: 'ALTER SYSTEM in a migration.',
  rationale:
    'ALTER SYSTEM writes postgresql.auto.conf: it changes the configuration of the whole server, for every database on it, outside ' +
    'any transaction, and the change is not part of the schema the migrations describe. PostgreSQL refuses it inside a transaction ' +
    'block, so as written the deploy fails; moving it to a `-- transaction: none` file (what the server\'s hint suggests) would make ' +
    'it succeed on one environment and silently differ on the others. Managed platforms such as Supabase refuse it. An error.',
  safeAlternative:
    'Scope the setting to what the migration owns: ALTER DATABASE ... SET, ALTER ROLE ... SET, or SET LOCAL in the migration. ' +
    'Change server settings through the platform (Supabase: `supabase postgres-config update` or the dashboard) or its configuration management.',
  defaultSeverity: 'error',
  kinds: ['AlterSystemStmt'],
  checkStatement(statement, context) {
    if (statement.kind !== 'AlterSystemStmt') return NO_VIOLATIONS;
    const setting = statement.node.setstmt?.name;
    const what = setting ? `the server setting ${setting}` : 'server settings';
    return [violation(context, statement, undefined, `ALTER SYSTEM changes ${what} for the whole server and every database on it, outside the migration's transaction.`)];
  },
};
