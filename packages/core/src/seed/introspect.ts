/**
 * What the seeder needs to know about the target schema, read from pg_catalog after the
 * migrations ran: tables, column types (through domains and arrays), defaults, identity and
 * generated columns, keys, unique constraints, CHECK expressions and foreign keys.
 */
import type { ClientBase } from 'pg';

export type TypeKind =
  | 'smallint'
  | 'integer'
  | 'bigint'
  | 'numeric'
  | 'real'
  | 'double'
  | 'money'
  | 'text'
  | 'char'
  | 'boolean'
  | 'date'
  | 'timestamp'
  | 'timestamptz'
  | 'time'
  | 'timetz'
  | 'interval'
  | 'uuid'
  | 'json'
  | 'jsonb'
  | 'inet'
  | 'cidr'
  | 'macaddr'
  | 'bytea'
  | 'tsvector'
  | 'enum'
  | 'array'
  | 'other';

export interface SqlType {
  kind: TypeKind;
  /** As format_type prints it, e.g. `character varying(40)`, `public.order_status`. */
  name: string;
  /** The name to cast to: `int4`, `"public"."order_status"`. */
  sqlName: string;
  maxLength?: number;
  precision?: number;
  scale?: number;
  /** Enum labels in their declared order. */
  labels?: string[];
  element?: SqlType;
  /** CHECK expressions of the domains this type goes through; they name the value `VALUE`. */
  domainChecks: { name: string; expression: string }[];
}

export interface ColumnInfo {
  name: string;
  position: number;
  type: SqlType;
  notNull: boolean;
  defaultExpression?: string;
  identity?: 'always' | 'by default';
  generated: boolean;
}

export interface KeyConstraint {
  name: string;
  columns: string[];
}

export interface CheckConstraint {
  name: string;
  expression: string;
  columns: string[];
}

export interface ForeignKey {
  name: string;
  columns: string[];
  /** `schema.table` */
  references: string;
  referencedColumns: string[];
  deferrable: boolean;
}

export interface TableInfo {
  schema: string;
  name: string;
  /** `schema.table`, unquoted. */
  qualified: string;
  columns: ColumnInfo[];
  primaryKey?: KeyConstraint;
  /** Unique constraints and plain-column unique indexes (the primary key excluded). */
  uniques: KeyConstraint[];
  checks: CheckConstraint[];
  foreignKeys: ForeignKey[];
}

export interface SchemaModel {
  tables: Map<string, TableInfo>;
}

const USER_SCHEMAS = `n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp\\_%'`;

const TABLES_SQL = `
  select c.oid::int8 as oid, n.nspname as schema, c.relname as name
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
   where c.relkind in ('r', 'p') and not c.relispartition and ${USER_SCHEMAS}
     and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
   order by n.nspname, c.relname`;

const COLUMNS_SQL = `
  select a.attrelid::int8 as table_oid, a.attname as name, a.attnum as position, a.atttypid::int8 as type_oid, a.atttypmod as typmod,
         a.attnotnull as not_null, pg_get_expr(ad.adbin, ad.adrelid) as default_expression, a.attidentity::text as identity,
         a.attgenerated::text as generated
    from pg_attribute a left join pg_attrdef ad on ad.adrelid = a.attrelid and ad.adnum = a.attnum
   where a.attrelid = any($1::oid[]) and a.attnum > 0 and not a.attisdropped
   order by a.attrelid, a.attnum`;

const TYPES_SQL = `
  select t.oid::int8 as oid, t.typname as name, n.nspname as schema, t.typtype::text as type_type, t.typcategory::text as category,
         t.typelem::int8 as element_oid, t.typbasetype::int8 as base_oid, t.typtypmod as base_typmod,
         (select array_agg(e.enumlabel::text order by e.enumsortorder) from pg_enum e where e.enumtypid = t.oid) as labels,
         (select coalesce(json_agg(json_build_object('name', k.conname, 'expression', pg_get_expr(k.conbin, 0)) order by k.conname), '[]')
            from pg_constraint k where k.contypid = t.oid and k.contype = 'c') as domain_checks
    from pg_type t join pg_namespace n on n.oid = t.typnamespace
   where t.oid = any($1::oid[])`;

const CONSTRAINTS_SQL = `
  select k.conrelid::int8 as table_oid, k.conname as name, k.contype::text as type, k.conkey::int2[] as columns,
         k.confrelid::int8 as referenced_oid, k.confkey::int2[] as referenced_columns, k.condeferrable as deferrable,
         case when k.contype = 'c' then pg_get_expr(k.conbin, k.conrelid) end as expression
    from pg_constraint k
   where k.conrelid = any($1::oid[]) and k.contype in ('p', 'u', 'f', 'c')
   order by k.conrelid, k.conname`;

// Unique indexes created without a constraint still reject duplicates; expression and partial
// ones cannot be tracked column by column and are left to Postgres (rows are then retried).
const UNIQUE_INDEXES_SQL = `
  select i.indrelid::int8 as table_oid, ic.relname as name, i.indkey::int2[] as columns
    from pg_index i join pg_class ic on ic.oid = i.indexrelid
   where i.indrelid = any($1::oid[]) and i.indisunique and i.indexprs is null and i.indpred is null
     and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid and k.conrelid = i.indrelid)
   order by i.indrelid, ic.relname`;

interface TypeRow {
  oid: string;
  name: string;
  schema: string;
  type_type: string;
  category: string;
  element_oid: string;
  base_oid: string;
  base_typmod: number;
  labels: string[] | null;
  domain_checks: { name: string; expression: string }[];
}

const BUILTIN_KINDS: Record<string, TypeKind> = {
  int2: 'smallint',
  int4: 'integer',
  int8: 'bigint',
  numeric: 'numeric',
  float4: 'real',
  float8: 'double',
  money: 'money',
  text: 'text',
  varchar: 'text',
  name: 'text',
  citext: 'text',
  bpchar: 'char',
  bool: 'boolean',
  date: 'date',
  timestamp: 'timestamp',
  timestamptz: 'timestamptz',
  time: 'time',
  timetz: 'timetz',
  interval: 'interval',
  uuid: 'uuid',
  json: 'json',
  jsonb: 'jsonb',
  inet: 'inet',
  cidr: 'cidr',
  macaddr: 'macaddr',
  macaddr8: 'macaddr',
  bytea: 'bytea',
  tsvector: 'tsvector',
};

/** Loads the rows of the types `oids` and of every type they are built on. */
async function loadTypes(client: ClientBase, oids: string[]): Promise<Map<string, TypeRow>> {
  const types = new Map<string, TypeRow>();
  let wanted = [...new Set(oids)];
  while (wanted.length > 0) {
    const { rows } = await client.query<TypeRow>(TYPES_SQL, [wanted]);
    for (const row of rows) types.set(String(row.oid), row);
    wanted = [
      ...new Set(
        rows.flatMap((r) => [r.category === 'A' ? String(r.element_oid) : '0', r.type_type === 'd' ? String(r.base_oid) : '0']).filter((oid) => oid !== '0' && !types.has(oid)),
      ),
    ];
  }
  return types;
}

function describeType(types: Map<string, TypeRow>, oid: string, typmod: number, inheritedChecks: SqlType['domainChecks'] = []): SqlType {
  const row = types.get(oid);
  if (!row) return { kind: 'other', name: `type ${oid}`, sqlName: 'text', domainChecks: inheritedChecks };
  const displayName = row.schema === 'pg_catalog' ? row.name : `${row.schema}.${row.name}`;
  const sqlName = row.schema === 'pg_catalog' ? row.name : `${quoteIdent(row.schema)}.${quoteIdent(row.name)}`;
  if (row.type_type === 'd') {
    const domainTypmod = row.base_typmod >= 0 ? row.base_typmod : typmod;
    const baseType = describeType(types, String(row.base_oid), domainTypmod, [...inheritedChecks, ...row.domain_checks]);
    return { ...baseType, name: displayName, sqlName };
  }
  if (row.type_type === 'e') return { kind: 'enum', name: displayName, sqlName, labels: row.labels ?? [], domainChecks: inheritedChecks };
  if (row.category === 'A') {
    // An array column's typmod (varchar(20)[]) describes its elements.
    const element = describeType(types, String(row.element_oid), typmod);
    return { kind: 'array', name: `${element.name}[]`, sqlName: `${element.sqlName}[]`, element, domainChecks: inheritedChecks };
  }
  const kind = row.schema === 'pg_catalog' || row.name === 'citext' ? (BUILTIN_KINDS[row.name] ?? 'other') : 'other';
  const type: SqlType = { kind, name: displayName, sqlName, domainChecks: inheritedChecks };
  if ((row.name === 'varchar' || row.name === 'bpchar') && typmod >= 4) type.maxLength = typmod - 4;
  if (row.name === 'bpchar' && typmod < 4) type.maxLength = 1;
  if (row.name === 'numeric' && typmod >= 4) {
    type.precision = ((typmod - 4) >> 16) & 0xffff;
    type.scale = (typmod - 4) & 0xffff;
  }
  return type;
}

function namesOf(columnsByNumber: Map<number, string>, numbers: number[] | null): string[] {
  return (numbers ?? []).map((n) => columnsByNumber.get(n) ?? `#${n}`);
}

/** Reads every user table of the database (extension-owned tables and partitions excluded). */
export async function introspectSchema(client: ClientBase): Promise<SchemaModel> {
  const { rows: tableRows } = await client.query<{ oid: string; schema: string; name: string }>(TABLES_SQL);
  const oids = tableRows.map((t) => String(t.oid));
  // One connection runs one query at a time: these run in turn.
  const { rows: columnRows } = await client.query<{
    table_oid: string;
    name: string;
    position: number;
    type_oid: string;
    typmod: number;
    not_null: boolean;
    default_expression: string | null;
    identity: string;
    generated: string;
  }>(COLUMNS_SQL, [oids]);
  const { rows: constraintRows } = await client.query<{
    table_oid: string;
    name: string;
    type: 'p' | 'u' | 'f' | 'c';
    columns: number[] | null;
    referenced_oid: string;
    referenced_columns: number[] | null;
    deferrable: boolean;
    expression: string | null;
  }>(CONSTRAINTS_SQL, [oids]);
  const { rows: indexRows } = await client.query<{ table_oid: string; name: string; columns: number[] }>(UNIQUE_INDEXES_SQL, [oids]);
  const types = await loadTypes(
    client,
    columnRows.map((c) => String(c.type_oid)),
  );

  const byOid = new Map<string, TableInfo>();
  const columnNumbers = new Map<string, Map<number, string>>();
  for (const t of tableRows) {
    byOid.set(String(t.oid), { schema: t.schema, name: t.name, qualified: `${t.schema}.${t.name}`, columns: [], uniques: [], checks: [], foreignKeys: [] });
    columnNumbers.set(String(t.oid), new Map());
  }
  for (const c of columnRows) {
    const table = byOid.get(String(c.table_oid));
    if (!table) continue;
    columnNumbers.get(String(c.table_oid))!.set(c.position, c.name);
    table.columns.push({
      name: c.name,
      position: c.position,
      type: describeType(types, String(c.type_oid), c.typmod),
      notNull: c.not_null,
      defaultExpression: c.default_expression ?? undefined,
      identity: c.identity === 'a' ? 'always' : c.identity === 'd' ? 'by default' : undefined,
      generated: c.generated !== '',
    });
  }
  for (const k of constraintRows) {
    const table = byOid.get(String(k.table_oid));
    if (!table) continue;
    const columns = namesOf(columnNumbers.get(String(k.table_oid))!, k.columns);
    if (k.type === 'p') table.primaryKey = { name: k.name, columns };
    else if (k.type === 'u') table.uniques.push({ name: k.name, columns });
    else if (k.type === 'c') table.checks.push({ name: k.name, expression: k.expression ?? 'true', columns });
    else {
      const referenced = byOid.get(String(k.referenced_oid));
      if (!referenced) continue;
      table.foreignKeys.push({
        name: k.name,
        columns,
        references: referenced.qualified,
        referencedColumns: namesOf(columnNumbers.get(String(k.referenced_oid))!, k.referenced_columns),
        deferrable: k.deferrable,
      });
    }
  }
  for (const index of indexRows) {
    const table = byOid.get(String(index.table_oid));
    if (table) table.uniques.push({ name: index.name, columns: namesOf(columnNumbers.get(String(index.table_oid))!, index.columns) });
  }
  return { tables: new Map([...byOid.values()].map((t) => [t.qualified, t])) };
}

/** `"schema"."table"` */
export function quoteTable(table: Pick<TableInfo, 'schema' | 'name'>): string {
  return `${quoteIdent(table.schema)}.${quoteIdent(table.name)}`;
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** True when the database fills the column from a sequence (identity, serial, or a nextval default). */
export function isSequenceFilled(column: ColumnInfo): boolean {
  return column.identity !== undefined || /^nextval\(/i.test(column.defaultExpression ?? '');
}
