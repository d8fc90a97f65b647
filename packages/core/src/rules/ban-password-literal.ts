import { NO_VIOLATIONS, type Rule } from './rule';
import { defElems, violation, type PgNode } from './sql';

/** Statements whose options may carry a password, and how to name them in a message. */
const PASSWORD_CARRIERS: Record<string, string> = {
  CreateRoleStmt: 'CREATE ROLE',
  AlterRoleStmt: 'ALTER ROLE',
  CreateUserMappingStmt: 'CREATE USER MAPPING',
  AlterUserMappingStmt: 'ALTER USER MAPPING',
};

/** CREATE ROLE names its role as a string, ALTER ROLE and user mappings as a RoleSpec (maybe CURRENT_USER). */
function roleOf(node: PgNode): string {
  if (typeof node.role === 'string') return node.role;
  const spec = node.role ?? node.user;
  if (spec?.rolename) return spec.rolename;
  return spec?.roletype ? String(spec.roletype).replace(/^ROLESPEC_/, '').toLowerCase() : 'the role';
}

export const banPasswordLiteral: Rule = {
  id: 'ban-password-literal',
  summary: "CREATE/ALTER ROLE (or a user mapping) with PASSWORD '<literal>': a secret committed to git.",
  rationale:
    'A migration is committed, reviewed, copied into every clone and every CI run, and its text is stored in the history table ' +
    '(`supabase_migrations.schema_migrations.statements`). A password written in it is a leaked secret from the first push, even ' +
    'when hashed (SCRAM and MD5 hashes can be attacked offline), and every environment ends up with the same one. An error; the ' +
    'report never repeats the literal.',
  safeAlternative:
    'Create the role without a password (or PASSWORD NULL) and set it outside migrations from a secret store, e.g. `ALTER ROLE ... ' +
    'PASSWORD` run by the deploy with a masked secret, psql\'s \\password, or the platform\'s dashboard. Rotate the password that was committed.',
  defaultSeverity: 'error',
  kinds: Object.keys(PASSWORD_CARRIERS),
  checkStatement(statement, context) {
    let label = PASSWORD_CARRIERS[statement.kind];
    if (!label) return NO_VIOLATIONS;
    // CREATE USER and CREATE GROUP are CREATE ROLE under other names; say what was written.
    if (statement.node.stmt_type === 'ROLESTMT_USER') label = 'CREATE USER';
    else if (statement.node.stmt_type === 'ROLESTMT_GROUP') label = 'CREATE GROUP';
    const name = roleOf(statement.node);
    return defElems(statement.node.options)
      .filter((option) => option.defname === 'password' && option.arg?.String !== undefined)
      .map((option) =>
        // The literal itself is deliberately left out of the message: reports are logged and commented.
        violation(context, statement, option.location, `${label} ${name} sets a password written in the migration: the secret is now in git history and in the migration history table.`),
      );
  },
};
