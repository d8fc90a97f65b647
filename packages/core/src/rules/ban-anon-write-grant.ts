import type { Statement } from '../model';
import { NO_VIOLATIONS, type Rule, type RuleContext, type Violation } from './rule';
import { tableWritePrivileges, type SchemaState, type TableInfo } from './schema-state';
import { defaultPrivilegeSchemas, relationName, roleNames, strings, violation, type PgNode } from './sql';

const NO_RLS = 'the table has no row level security in the checked migrations, so nothing stands between anon and the data';
/** Only the end of the migrations can tell: reported unless the table has RLS there. */
const UNLESS_RLS_AT_END: unique symbol = Symbol('unless the table has row level security at the end');

/**
 * Why granting writes on `table` to anon goes beyond Supabase's defaults, which give anon every
 * table privilege and leave access to row level security; undefined when it only restates them.
 */
function exposure(table: TableInfo | undefined, context: RuleContext): string | typeof UNLESS_RLS_AT_END | undefined {
  if (!table) return 'no checked migration shows the table, so nothing shows row level security guarding it';
  // `supabase db diff` grants each privilege in its own statement: one finding per table and file is enough.
  if (context.state.anonWritesGrantedInCurrentMigration(table)) return undefined;
  if (table.anonWritesRevoked) return 'an earlier migration revoked these privileges from anon, and this grant re-opens the table';
  return UNLESS_RLS_AT_END;
}

/**
 * Followed to the end of the checked migrations (like require-rls-on-exposed-table): a table that
 * gets RLS later restates the default, one dropped later is not reported.
 */
function lacksRls(table: TableInfo, finalState: SchemaState): boolean {
  const final = finalState.tableById(table.id);
  return final !== undefined && !final.rowLevelSecurity;
}

function grantedTables(grant: PgNode, context: RuleContext): { name: string; table?: TableInfo }[] {
  if (grant.targtype === 'ACL_TARGET_ALL_IN_SCHEMA') {
    return strings(grant.objects).flatMap((schema) => context.state.tablesInSchema(schema).map((table) => ({ name: table.name, table })));
  }
  return (grant.objects ?? [])
    .filter((o: PgNode) => o.RangeVar)
    .map((o: PgNode) => {
      const name = relationName(o.RangeVar);
      return { name, table: context.state.table(name) };
    });
}

export const banAnonWriteGrant: Rule = {
  id: 'ban-anon-write-grant',
  summary: 'GRANT of INSERT, UPDATE, DELETE, TRUNCATE or ALL to anon (or PUBLIC) on a table without row level security, or one a migration had revoked them on.',
  rationale:
    'anon is every unauthenticated visitor holding the public API key. Supabase itself grants anon every table privilege in the ' +
    'public schema and leaves access to row level security, so `supabase db diff` writes those grants for every table: on a table ' +
    'with RLS enabled they restate the default and are not reported. On a table without RLS the grant lets strangers change the ' +
    'data; after a migration revoked anon\'s writes (a hardened project), or revoked them from default privileges, a grant re-opens ' +
    'what was closed on purpose. A warning.',
  safeAlternative:
    'Enable row level security on the table (with policies for what anon may do), grant writes to authenticated only, or expose ' +
    'a narrow SECURITY INVOKER function for the one write anonymous users need.',
  defaultSeverity: 'warning',
  kinds: ['GrantStmt', 'AlterDefaultPrivilegesStmt'],
  supabaseOnly: true,
  checkStatement(statement, context) {
    if (statement.kind === 'AlterDefaultPrivilegesStmt') return checkDefaultPrivileges(statement, context);
    if (statement.kind !== 'GrantStmt') return NO_VIOLATIONS;
    const grant = statement.node;
    if (!grant.is_grant || grant.objtype !== 'OBJECT_TABLE') return NO_VIOLATIONS;
    const privileges = tableWritePrivileges(grant.privileges);
    if (privileges.length === 0) return NO_VIOLATIONS;
    const roles = roleNames(grant.grantees).filter((role) => role.name === 'anon' || role.name === 'public');
    if (roles.length === 0) return NO_VIOLATIONS;
    const candidates: { name: string; table?: TableInfo; why: string | typeof UNLESS_RLS_AT_END }[] = [];
    for (const { name, table } of grantedTables(grant, context)) {
      const why = exposure(table, context);
      if (why) candidates.push({ name, table, why });
    }
    if (candidates.length === 0) return NO_VIOLATIONS;
    context.afterAll((finalState) => {
      const exposed = candidates.flatMap(({ name, table, why }): { name: string; why: string }[] => {
        if (why !== UNLESS_RLS_AT_END) return [{ name, why }];
        return lacksRls(table as TableInfo, finalState) ? [{ name, why: NO_RLS }] : [];
      });
      if (exposed.length === 0) return NO_VIOLATIONS;
      const first = exposed[0];
      const others = exposed.length > 1 ? ` (and ${exposed.length - 1} more table${exposed.length > 2 ? 's' : ''}: ${exposed.slice(1, 4).map((e) => e.name).join(', ')}${exposed.length > 4 ? ', ...' : ''})` : '';
      return roles.map((role) =>
        violation(
          context,
          statement,
          role.location,
          `GRANT ${privileges.join(', ')} on ${first.name}${others} to ${role.name === 'public' ? 'PUBLIC (which includes anon)' : 'anon'} lets unauthenticated API users change data: ${first.why}.`,
        ),
      );
    });
    return NO_VIOLATIONS;
  },
};

/** ALTER DEFAULT PRIVILEGES ... GRANT writes ON TABLES TO anon restates Supabase's defaults, unless a migration had revoked them. */
function checkDefaultPrivileges(statement: Statement, context: RuleContext): Violation[] {
  const node = statement.node;
  const grant = node.action;
  if (!grant?.is_grant || grant.objtype !== 'OBJECT_TABLE') return NO_VIOLATIONS;
  const privileges = tableWritePrivileges(grant.privileges);
  if (privileges.length === 0) return NO_VIOLATIONS;
  const reopened = defaultPrivilegeSchemas(node).filter((schema) => context.state.anonTableWritesRevokedByDefault(schema));
  if (reopened.length === 0) return NO_VIOLATIONS;
  return roleNames(grant.grantees)
    .filter((role) => role.name === 'anon' || role.name === 'public')
    .map((role) =>
      violation(
        context,
        statement,
        role.location,
        `GRANT ${privileges.join(', ')} on future tables${reopened[0] === '*' ? '' : ` in ${reopened.join(', ')}`} to ${role.name === 'public' ? 'PUBLIC (which includes anon)' : 'anon'} re-opens what an earlier migration revoked: new tables there become writable by unauthenticated API users unless they enable row level security.`,
      ),
    );
}
