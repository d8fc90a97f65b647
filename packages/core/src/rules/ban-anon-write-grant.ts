import type { Rule } from './rule';
import { roleNames, violation, type PgNode } from './sql';

const WRITE_PRIVILEGES = new Set(['insert', 'update', 'delete', 'truncate']);

/** The write privileges in a privilege list; an absent list means ALL. */
function writePrivileges(privileges: PgNode[] | undefined): string[] {
  if (!privileges) return ['ALL'];
  return privileges.map((p: PgNode) => p.AccessPriv?.priv_name as string).filter((name) => WRITE_PRIVILEGES.has(name)).map((name) => name.toUpperCase());
}

export const banAnonWriteGrant: Rule = {
  id: 'ban-anon-write-grant',
  summary: 'GRANT of INSERT, UPDATE, DELETE, TRUNCATE or ALL on tables to anon (or PUBLIC).',
  rationale:
    'anon is every unauthenticated visitor holding the public API key. Granting it write privileges states that strangers may ' +
    'change the data and re-opens tables a hardened project had revoked; only RLS stands in between, and TRUNCATE is not subject ' +
    'to RLS at all. A warning, since on a default Supabase project anon already holds these privileges and RLS is the real gate.',
  safeAlternative:
    'Grant writes to authenticated (and guard them with RLS policies), or expose a narrow SECURITY INVOKER function for the one ' +
    'write anonymous users need.',
  defaultSeverity: 'warning',
  supabaseOnly: true,
  checkStatement(statement, context) {
    let grant: PgNode | undefined;
    if (statement.kind === 'GrantStmt') grant = statement.node;
    else if (statement.kind === 'AlterDefaultPrivilegesStmt') grant = statement.node.action;
    if (!grant?.is_grant || grant.objtype !== 'OBJECT_TABLE') return [];
    const privileges = writePrivileges(grant.privileges);
    if (privileges.length === 0) return [];
    const defaults = statement.kind === 'AlterDefaultPrivilegesStmt' ? ' on future tables' : '';
    return roleNames(grant.grantees)
      .filter((role) => role.name === 'anon' || role.name === 'public')
      .map((role) =>
        violation(
          context,
          statement,
          role.location,
          `GRANT ${privileges.join(', ')}${defaults} to ${role.name === 'public' ? 'PUBLIC (which includes anon)' : 'anon'} lets unauthenticated API users change data.`,
        ),
      );
  },
};
