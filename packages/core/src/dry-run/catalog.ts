/**
 * A snapshot of the user-visible schema, read from pg_catalog: enough to tell a reviewer what
 * a pull request's migrations add, change and drop. System schemas and objects that belong to
 * extensions are left out (an extension is listed once, not with its hundred functions).
 */
import type { Client } from 'pg';
import type { SchemaSnapshot } from './schema-diff';

const SCHEMA_FILTER = (column: string) =>
  `${column} not in ('pg_catalog', 'information_schema') and ${column} not like 'pg\\_toast%' and ${column} not like 'pg\\_temp\\_%'`;

/** True for objects created by CREATE EXTENSION (pg_depend deptype 'e'). */
const NOT_EXTENSION_MEMBER = (catalog: string, oid: string) =>
  `not exists (select 1 from pg_depend d where d.classid = '${catalog}'::regclass and d.objid = ${oid} and d.deptype = 'e')`;

const RELATION_KIND_NAMES = "case c.relkind when 'r' then 'table' when 'p' then 'partitioned table' when 'f' then 'foreign table' end";

const QUERIES = {
  schemas: `select n.nspname as name from pg_namespace n where ${SCHEMA_FILTER('n.nspname')} and ${NOT_EXTENSION_MEMBER('pg_namespace', 'n.oid')}`,
  extensions: `select e.extname as name, e.extversion as version, n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname <> 'plpgsql'`,
  tables: `select n.nspname as schema, c.relname as name, ${RELATION_KIND_NAMES} as kind, c.relrowsecurity as "rowSecurity", c.relforcerowsecurity as "forceRowSecurity"
             from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where c.relkind in ('r', 'p', 'f') and not c.relispartition and ${SCHEMA_FILTER('n.nspname')} and ${NOT_EXTENSION_MEMBER('pg_class', 'c.oid')}`,
  columns: `select n.nspname as schema, c.relname as "table", a.attname as name, format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as "notNull",
                   pg_get_expr(ad.adbin, ad.adrelid) as "default", a.attidentity::text as identity, a.attgenerated::text as generated, a.attnum as position
              from pg_attribute a
              join pg_class c on c.oid = a.attrelid
              join pg_namespace n on n.oid = c.relnamespace
              left join pg_attrdef ad on ad.adrelid = a.attrelid and ad.adnum = a.attnum
             where a.attnum > 0 and not a.attisdropped and c.relkind in ('r', 'p', 'f') and not c.relispartition
               and ${SCHEMA_FILTER('n.nspname')} and ${NOT_EXTENSION_MEMBER('pg_class', 'c.oid')}`,
  // Indexes that back a primary key, unique or exclusion constraint are reported as the constraint.
  indexes: `select n.nspname as schema, ic.relname as name, tn.nspname || '.' || tc.relname as "table", pg_get_indexdef(i.indexrelid) as definition
              from pg_index i
              join pg_class ic on ic.oid = i.indexrelid
              join pg_namespace n on n.oid = ic.relnamespace
              join pg_class tc on tc.oid = i.indrelid
              join pg_namespace tn on tn.oid = tc.relnamespace
             where ${SCHEMA_FILTER('n.nspname')} and not tc.relispartition and ${NOT_EXTENSION_MEMBER('pg_class', 'ic.oid')}
               and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid and k.conrelid = i.indrelid and k.contype in ('p', 'u', 'x'))`,
  constraints: `select n.nspname || '.' || c.relname as "table", k.conname as name,
                       case k.contype when 'p' then 'primary key' when 'u' then 'unique' when 'f' then 'foreign key' when 'c' then 'check' when 'x' then 'exclusion' end as type,
                       pg_get_constraintdef(k.oid) as definition
                  from pg_constraint k
                  join pg_class c on c.oid = k.conrelid
                  join pg_namespace n on n.oid = c.relnamespace
                 where k.contype in ('p', 'u', 'f', 'c', 'x') and k.conparentid = 0 and ${SCHEMA_FILTER('n.nspname')} and ${NOT_EXTENSION_MEMBER('pg_class', 'c.oid')}`,
  policies: `select p.schemaname || '.' || p.tablename as "table", p.policyname as name, p.cmd as command, p.permissive = 'PERMISSIVE' as permissive,
                    p.roles::text[] as roles, p.qual as using, p.with_check as "withCheck"
               from pg_policies p where ${SCHEMA_FILTER('p.schemaname')}`,
  functions: `select n.nspname as schema, p.proname as name, pg_get_function_identity_arguments(p.oid) as arguments,
                     case p.prokind when 'p' then 'procedure' else 'function' end as kind,
                     coalesce(pg_get_function_result(p.oid), '') as returns, l.lanname as language, p.prosecdef as "securityDefiner",
                     case p.provolatile when 'i' then 'immutable' when 's' then 'stable' else 'volatile' end as volatility,
                     coalesce(p.proconfig, '{}') as config, md5(pg_get_functiondef(p.oid)) as "definitionHash"
                from pg_proc p
                join pg_namespace n on n.oid = p.pronamespace
                join pg_language l on l.oid = p.prolang
               where p.prokind in ('f', 'p') and ${SCHEMA_FILTER('n.nspname')} and ${NOT_EXTENSION_MEMBER('pg_proc', 'p.oid')}`,
  views: `select n.nspname as schema, c.relname as name, c.relkind = 'm' as materialized, pg_get_viewdef(c.oid, true) as definition
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
           where c.relkind in ('v', 'm') and ${SCHEMA_FILTER('n.nspname')} and ${NOT_EXTENSION_MEMBER('pg_class', 'c.oid')}`,
  triggers: `select n.nspname || '.' || c.relname as "table", t.tgname as name, pg_get_triggerdef(t.oid) as definition, t.tgenabled::text <> 'D' as enabled
               from pg_trigger t
               join pg_class c on c.oid = t.tgrelid
               join pg_namespace n on n.oid = c.relnamespace
              where not t.tgisinternal and t.tgparentid = 0 and ${SCHEMA_FILTER('n.nspname')}`,
  enums: `select n.nspname as schema, t.typname as name, array_agg(e.enumlabel::text order by e.enumsortorder) as labels
            from pg_type t
            join pg_namespace n on n.oid = t.typnamespace
            join pg_enum e on e.enumtypid = t.oid
           where ${SCHEMA_FILTER('n.nspname')} and ${NOT_EXTENSION_MEMBER('pg_type', 't.oid')}
           group by n.nspname, t.typname`,
  publicationTables: `select pubname as publication, schemaname || '.' || tablename as "table" from pg_publication_tables`,
};

/**
 * Read only for a full snapshot (the drift check): what the pull-request summary does not show
 * but a database can drift in. Grants are those to the API roles and PUBLIC; sequences that back
 * an identity column are reported on the column.
 */
const FULL_DETAIL_QUERIES = {
  sequences: `select n.nspname || '.' || c.relname as key, format_type(s.seqtypid, null) as type, s.seqstart::text as start, s.seqincrement::text as increment,
                     s.seqmin::text as min, s.seqmax::text as max, s.seqcache::text as cache, s.seqcycle as cycle,
                     (select tn.nspname || '.' || tc.relname || '.' || a.attname from pg_depend d
                        join pg_class tc on tc.oid = d.refobjid join pg_namespace tn on tn.oid = tc.relnamespace
                        join pg_attribute a on a.attrelid = d.refobjid and a.attnum = d.refobjsubid
                       where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'a' limit 1) as "ownedBy",
                     c.oid::regclass::text as sql
                from pg_sequence s join pg_class c on c.oid = s.seqrelid join pg_namespace n on n.oid = c.relnamespace
               where ${SCHEMA_FILTER('n.nspname')} and ${NOT_EXTENSION_MEMBER('pg_class', 'c.oid')}
                 and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'i')`,
  relationGrants: `select case c.relkind when 'S' then 'sequence' when 'v' then 'view' when 'm' then 'materialized view' else 'table' end as kind,
                          n.nspname || '.' || c.relname as object, c.oid::regclass::text as sql,
                          case when acl.grantee = 0 then 'PUBLIC' else pg_get_userbyid(acl.grantee) end as grantee,
                          array_agg(lower(acl.privilege_type) order by acl.privilege_type) as privileges
                     from pg_class c join pg_namespace n on n.oid = c.relnamespace,
                          lateral aclexplode(coalesce(c.relacl, acldefault(case when c.relkind = 'S' then 's' else 'r' end::"char", c.relowner))) acl
                    where c.relkind in ('r', 'p', 'v', 'm', 'f', 'S') and not c.relispartition and ${SCHEMA_FILTER('n.nspname')} and ${NOT_EXTENSION_MEMBER('pg_class', 'c.oid')}
                      and (acl.grantee = 0 or pg_get_userbyid(acl.grantee) = any($1))
                    group by 1, 2, 3, 4`,
  functionGrants: `select case p.prokind when 'p' then 'procedure' else 'function' end as kind,
                          n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' as object, p.oid::regprocedure::text as sql,
                          case when acl.grantee = 0 then 'PUBLIC' else pg_get_userbyid(acl.grantee) end as grantee,
                          array_agg(lower(acl.privilege_type) order by acl.privilege_type) as privileges
                     from pg_proc p join pg_namespace n on n.oid = p.pronamespace,
                          lateral aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) acl
                    where p.prokind in ('f', 'p') and ${SCHEMA_FILTER('n.nspname')} and ${NOT_EXTENSION_MEMBER('pg_proc', 'p.oid')}
                      and (acl.grantee = 0 or pg_get_userbyid(acl.grantee) = any($1))
                    group by 1, 2, 3, 4`,
  publications: `select pubname as name, puballtables as "allTables",
                        array_remove(array[case when pubinsert then 'insert' end, case when pubupdate then 'update' end, case when pubdelete then 'delete' end, case when pubtruncate then 'truncate' end], null) as operations
                   from pg_publication`,
  // The body as written (prosrc), or the deparsed one of a BEGIN ATOMIC body; the whole CREATE for the draft.
  functionDefinitions: `select n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' as key, p.oid::regprocedure::text as sql,
                               case when p.prosqlbody is not null then pg_get_function_sqlbody(p.oid) else p.prosrc end as body, pg_get_functiondef(p.oid) as definition
                          from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                         where p.prokind in ('f', 'p') and ${SCHEMA_FILTER('n.nspname')} and ${NOT_EXTENSION_MEMBER('pg_proc', 'p.oid')}`,
  // Names as SQL writes them (quoted where needed), for drafted statements.
  relationNames: `select n.nspname || '.' || c.relname as key, c.oid::regclass::text as sql from pg_class c join pg_namespace n on n.oid = c.relnamespace
                   where c.relkind in ('r', 'p', 'f', 'v', 'm', 'i', 'I') and ${SCHEMA_FILTER('n.nspname')}`,
  typeNames: `select n.nspname || '.' || t.typname as key, t.oid::regtype::text as sql from pg_type t join pg_namespace n on n.oid = t.typnamespace
               where t.typtype = 'e' and ${SCHEMA_FILTER('n.nspname')}`,
};

/** Roles whose grants a full snapshot reads: Supabase's API roles (PUBLIC is always read). */
export const GRANTEE_ROLES: readonly string[] = ['anon', 'authenticated', 'service_role'];

type Row = Record<string, any>;

/**
 * Reads the snapshot; a handful of catalog queries, a few milliseconds on a migration-sized
 * schema. `full` adds what only the drift check compares (sequences, grants, publications,
 * function bodies and definitions, names as SQL writes them). Runs with an empty search path so that every definition names its objects with their
 * schema, the same way before and after (a migration may change the search path).
 */
export async function takeSchemaSnapshot(client: Client, options: { detail?: 'summary' | 'full' } = {}): Promise<SchemaSnapshot> {
  await client.query('begin read only');
  try {
    await client.query('set local search_path = pg_catalog');
    const snapshot = await readSnapshot(client);
    if (options.detail === 'full') await readFullDetail(client, snapshot);
    return snapshot;
  } finally {
    await client.query('rollback');
  }
}

async function readFullDetail(client: Client, snapshot: SchemaSnapshot): Promise<void> {
  const read = async (sql: string, params: unknown[] = []): Promise<Row[]> => (await client.query(sql, params)).rows;
  const sqlNames: Record<string, string> = {};
  snapshot.sequences = {};
  for (const r of await read(FULL_DETAIL_QUERIES.sequences)) {
    snapshot.sequences[r.key] = { type: r.type, start: r.start, increment: r.increment, min: r.min, max: r.max, cache: r.cache, cycle: r.cycle, ownedBy: r.ownedBy ?? null };
    sqlNames[`relation ${r.key}`] = r.sql;
  }
  snapshot.grants = {};
  const grantRows = [...(await read(FULL_DETAIL_QUERIES.relationGrants, [GRANTEE_ROLES])), ...(await read(FULL_DETAIL_QUERIES.functionGrants, [GRANTEE_ROLES]))];
  for (const r of grantRows) {
    snapshot.grants[`${r.kind} ${r.object} to ${r.grantee}`] = { kind: r.kind, object: r.object, grantee: r.grantee, privileges: r.privileges };
    sqlNames[`${r.kind === 'function' || r.kind === 'procedure' ? 'function' : 'relation'} ${r.object}`] = r.sql;
  }
  snapshot.publications = {};
  for (const r of await read(FULL_DETAIL_QUERIES.publications)) snapshot.publications[r.name] = { allTables: r.allTables, operations: r.operations };
  snapshot.functionDefinitions = {};
  for (const r of await read(FULL_DETAIL_QUERIES.functionDefinitions)) {
    snapshot.functionDefinitions[r.key] = { body: r.body ?? '', definition: r.definition };
    sqlNames[`function ${r.key}`] = r.sql;
  }
  for (const r of await read(FULL_DETAIL_QUERIES.relationNames)) sqlNames[`relation ${r.key}`] = r.sql;
  for (const r of await read(FULL_DETAIL_QUERIES.typeNames)) sqlNames[`type ${r.key}`] = r.sql;
  snapshot.sqlNames = sqlNames;
}

async function readSnapshot(client: Client): Promise<SchemaSnapshot> {
  const read = async (sql: string): Promise<Row[]> => (await client.query(sql)).rows;
  // One after the other: a pg client runs one query at a time anyway.
  const schemas = await read(QUERIES.schemas);
  const extensions = await read(QUERIES.extensions);
  const tables = await read(QUERIES.tables);
  const columns = await read(QUERIES.columns);
  const indexes = await read(QUERIES.indexes);
  const constraints = await read(QUERIES.constraints);
  const policies = await read(QUERIES.policies);
  const functions = await read(QUERIES.functions);
  const views = await read(QUERIES.views);
  const triggers = await read(QUERIES.triggers);
  const enums = await read(QUERIES.enums);
  const publicationTables = await read(QUERIES.publicationTables);
  const snapshot: SchemaSnapshot = {
    schemas: {},
    extensions: {},
    tables: {},
    columns: {},
    indexes: {},
    constraints: {},
    policies: {},
    functions: {},
    views: {},
    triggers: {},
    enums: {},
    publicationTables: {},
  };
  for (const r of schemas) snapshot.schemas[r.name] = {};
  for (const r of extensions) snapshot.extensions[r.name] = { schema: r.schema, version: r.version };
  for (const r of tables) snapshot.tables[`${r.schema}.${r.name}`] = { kind: r.kind, rowSecurity: r.rowSecurity, forceRowSecurity: r.forceRowSecurity };
  for (const r of columns) {
    const table = `${r.schema}.${r.table}`;
    snapshot.columns[`${table}.${r.name}`] = {
      table,
      name: r.name,
      type: r.type,
      notNull: r.notNull,
      default: r.default ?? null,
      identity: r.identity === 'a' ? 'always' : r.identity === 'd' ? 'by default' : null,
      generated: r.generated === 's' ? 'stored' : r.generated === 'v' ? 'virtual' : null,
      position: r.position,
    };
  }
  for (const r of indexes) snapshot.indexes[`${r.schema}.${r.name}`] = { table: r.table, definition: r.definition };
  for (const r of constraints) snapshot.constraints[`${r.table}.${r.name}`] = { table: r.table, name: r.name, type: r.type, definition: r.definition };
  for (const r of policies) {
    snapshot.policies[`${r.table}.${r.name}`] = { table: r.table, name: r.name, command: r.command, permissive: r.permissive, roles: r.roles, using: r.using ?? null, withCheck: r.withCheck ?? null };
  }
  for (const r of functions) {
    snapshot.functions[`${r.schema}.${r.name}(${r.arguments})`] = {
      kind: r.kind,
      returns: r.returns,
      language: r.language,
      securityDefiner: r.securityDefiner,
      volatility: r.volatility,
      config: r.config,
      definitionHash: r.definitionHash,
    };
  }
  for (const r of views) snapshot.views[`${r.schema}.${r.name}`] = { materialized: r.materialized, definition: r.definition };
  for (const r of triggers) snapshot.triggers[`${r.table}.${r.name}`] = { table: r.table, name: r.name, definition: r.definition, enabled: r.enabled };
  for (const r of enums) snapshot.enums[`${r.schema}.${r.name}`] = { labels: r.labels };
  for (const r of publicationTables) snapshot.publicationTables[`${r.publication}:${r.table}`] = { publication: r.publication, table: r.table };
  return snapshot;
}
