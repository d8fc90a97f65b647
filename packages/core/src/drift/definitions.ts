/**
 * An object's definition as SQL, from a snapshot: shown on both sides of a difference, and the
 * statement a drafted capture migration uses to create it. Names are written as SQL writes them
 * (the catalog's own quoting, kept in the snapshot's `sqlNames`).
 */
import { quoteIdentifier, quoteLiteral } from '../draft-fix/sql-text';
import { describeColumn, type SchemaSnapshot } from '../dry-run/schema-diff';

export type NameKind = 'relation' | 'function' | 'type';

/** `public.books` as SQL writes it; each dot-separated part quoted when the catalog did not give the name. */
export function sqlName(snapshot: SchemaSnapshot, kind: NameKind, key: string): string {
  const known = snapshot.sqlNames?.[`${kind} ${key}`];
  if (known) return known;
  if (kind === 'function') {
    const open = key.indexOf('(');
    return `${sqlName(snapshot, 'relation', key.slice(0, open))}${key.slice(open)}`;
  }
  const dot = key.indexOf('.');
  return dot < 0 ? quoteIdentifier(key) : `${quoteIdentifier(key.slice(0, dot))}.${quoteIdentifier(key.slice(dot + 1))}`;
}

export function columnSql(snapshot: SchemaSnapshot, key: string): string {
  const c = snapshot.columns[key];
  return `${quoteIdentifier(c.name)} ${describeColumn(c)}`;
}

function tableSql(snapshot: SchemaSnapshot, key: string): string {
  const columns = Object.entries(snapshot.columns)
    .filter(([, c]) => c.table === key)
    .sort(([, a], [, b]) => a.position - b.position)
    .map(([columnKey]) => `  ${columnSql(snapshot, columnKey)}`);
  const t = snapshot.tables[key];
  const lines = [`create table ${sqlName(snapshot, 'relation', key)} (\n${columns.join(',\n')}\n);`];
  if (t.rowSecurity) lines.push(`alter table ${sqlName(snapshot, 'relation', key)} enable row level security;`);
  if (t.forceRowSecurity) lines.push(`alter table ${sqlName(snapshot, 'relation', key)} force row level security;`);
  return lines.join('\n');
}

function policySql(snapshot: SchemaSnapshot, key: string): string {
  const p = snapshot.policies[key];
  const roles = p.roles.map((r) => (r === 'public' ? 'public' : quoteIdentifier(r))).join(', ');
  let text = `create policy ${quoteIdentifier(p.name)} on ${sqlName(snapshot, 'relation', p.table)}${p.permissive ? '' : ' as restrictive'} for ${p.command.toLowerCase()} to ${roles}`;
  if (p.using) text += ` using (${p.using})`;
  if (p.withCheck) text += ` with check (${p.withCheck})`;
  return `${text};`;
}

function sequenceSql(snapshot: SchemaSnapshot, key: string): string {
  const s = snapshot.sequences![key];
  const owned = s.ownedBy ? ` owned by ${sqlName(snapshot, 'relation', s.ownedBy.slice(0, s.ownedBy.lastIndexOf('.')))}.${quoteIdentifier(s.ownedBy.slice(s.ownedBy.lastIndexOf('.') + 1))}` : '';
  return `create sequence ${sqlName(snapshot, 'relation', key)} as ${s.type} increment by ${s.increment} minvalue ${s.min} maxvalue ${s.max} start with ${s.start} cache ${s.cache}${s.cycle ? ' cycle' : ''}${owned};`;
}

function grantParts(snapshot: SchemaSnapshot, key: string): { privileges: string; target: string; grantee: string } {
  const g = snapshot.grants![key];
  const routine = g.kind === 'function' || g.kind === 'procedure';
  const objectKind = routine ? g.kind : g.kind === 'sequence' ? 'sequence' : 'table';
  return {
    privileges: g.privileges.join(', '),
    target: `${objectKind} ${sqlName(snapshot, routine ? 'function' : 'relation', g.object)}`,
    grantee: g.grantee === 'PUBLIC' ? 'public' : quoteIdentifier(g.grantee),
  };
}

export function grantSql(snapshot: SchemaSnapshot, key: string): string {
  const { privileges, target, grantee } = grantParts(snapshot, key);
  return `grant ${privileges} on ${target} to ${grantee};`;
}

/** Revokes what `key` grants, or everything on its object from its grantee. */
export function revokeSql(snapshot: SchemaSnapshot, key: string, all = false): string {
  const { privileges, target, grantee } = grantParts(snapshot, key);
  return `revoke ${all ? 'all' : privileges} on ${target} from ${grantee};`;
}

/** The definition of `key` of `kind` in `snapshot`, as SQL; null when the snapshot does not have it. */
export function definitionOf(kind: string, key: string, snapshot: SchemaSnapshot): string | null {
  switch (kind) {
    case 'schema':
      return snapshot.schemas[key] ? `create schema ${quoteIdentifier(key)};` : null;
    case 'extension': {
      const e = snapshot.extensions[key];
      return e ? `create extension ${quoteIdentifier(key)} with schema ${quoteIdentifier(e.schema)};` : null;
    }
    case 'enum': {
      const e = snapshot.enums[key];
      return e ? `create type ${sqlName(snapshot, 'type', key)} as enum (${e.labels.map(quoteLiteral).join(', ')});` : null;
    }
    case 'table':
      return snapshot.tables[key] ? tableSql(snapshot, key) : null;
    case 'column': {
      const c = snapshot.columns[key];
      return c ? `alter table ${sqlName(snapshot, 'relation', c.table)} add column ${columnSql(snapshot, key)};` : null;
    }
    case 'constraint': {
      const c = snapshot.constraints[key];
      return c ? `alter table ${sqlName(snapshot, 'relation', c.table)} add constraint ${quoteIdentifier(c.name)} ${c.definition};` : null;
    }
    case 'index':
      return snapshot.indexes[key] ? `${snapshot.indexes[key].definition};` : null;
    case 'policy':
      return snapshot.policies[key] ? policySql(snapshot, key) : null;
    case 'trigger':
      return snapshot.triggers[key] ? `${snapshot.triggers[key].definition};` : null;
    case 'view': {
      const v = snapshot.views[key];
      return v ? `create ${v.materialized ? 'materialized view' : 'or replace view'} ${sqlName(snapshot, 'relation', key)} as\n${v.definition.trim().replace(/;$/, '')};` : null;
    }
    case 'function': {
      const definition = snapshot.functionDefinitions?.[key]?.definition;
      if (definition) return `${definition.trim()};`;
      return snapshot.functions[key] ? `-- ${key}: definition not read` : null;
    }
    case 'sequence':
      return snapshot.sequences?.[key] ? sequenceSql(snapshot, key) : null;
    case 'grant':
      return snapshot.grants?.[key] ? grantSql(snapshot, key) : null;
    case 'publication': {
      const p = snapshot.publications?.[key];
      if (!p) return null;
      return `create publication ${quoteIdentifier(key)}${p.allTables ? ' for all tables' : ''} with (publish = ${quoteLiteral(p.operations.join(', '))});`;
    }
    case 'publication-table': {
      const p = snapshot.publicationTables[key];
      return p ? `alter publication ${quoteIdentifier(p.publication)} add table ${sqlName(snapshot, 'relation', p.table)};` : null;
    }
    default:
      return null;
  }
}

