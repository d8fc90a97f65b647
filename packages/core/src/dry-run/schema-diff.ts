/**
 * What a set of migrations changed, from two catalog snapshots (before and after them). Pure:
 * snapshots are plain data, so the diff is tested without a database.
 */

export interface ColumnInfo {
  /** schema.table */
  table: string;
  name: string;
  type: string;
  notNull: boolean;
  default: string | null;
  identity: 'always' | 'by default' | null;
  generated: 'stored' | 'virtual' | null;
  /** attnum: only used to list a new table's columns in order. */
  position: number;
}

export interface SchemaSnapshot {
  schemas: Record<string, Record<string, never>>;
  extensions: Record<string, { schema: string; version: string }>;
  /** Key: schema.table */
  tables: Record<string, { kind: string; rowSecurity: boolean; forceRowSecurity: boolean }>;
  /** Key: schema.table.column */
  columns: Record<string, ColumnInfo>;
  /** Key: schema.index */
  indexes: Record<string, { table: string; definition: string }>;
  /** Key: schema.table.constraint */
  constraints: Record<string, { table: string; name: string; type: string; definition: string }>;
  /** Key: schema.table.policy */
  policies: Record<string, { table: string; name: string; command: string; permissive: boolean; roles: string[]; using: string | null; withCheck: string | null }>;
  /** Key: schema.name(identity arguments) */
  functions: Record<string, { kind: string; returns: string; language: string; securityDefiner: boolean; volatility: string; config: string[]; definitionHash: string }>;
  /** Key: schema.view */
  views: Record<string, { materialized: boolean; definition: string }>;
  /** Key: schema.table.trigger */
  triggers: Record<string, { table: string; name: string; definition: string; enabled: boolean }>;
  /** Key: schema.type */
  enums: Record<string, { labels: string[] }>;
  /** Key: publication:schema.table */
  publicationTables: Record<string, { publication: string; table: string }>;
  // Read only with `detail: 'full'` (the drift check); the schema diff below does not look at them.
  /** Key: schema.sequence (not those behind identity columns). */
  sequences?: Record<string, SequenceInfo>;
  /** Key: `<kind> <object> to <grantee>`, e.g. `table public.books to anon`. */
  grants?: Record<string, GrantInfo>;
  /** Key: publication name. */
  publications?: Record<string, { allTables: boolean; operations: string[] }>;
  /** Key: as in `functions`. */
  functionDefinitions?: Record<string, { body: string; definition: string }>;
  /** `relation schema.name`, `function schema.name(args)`, `type schema.name` → the name as SQL writes it (quoted). */
  sqlNames?: Record<string, string>;
}

export interface SequenceInfo {
  type: string;
  start: string;
  increment: string;
  min: string;
  max: string;
  cache: string;
  cycle: boolean;
  /** schema.table.column of a serial column that owns it. */
  ownedBy: string | null;
}

export interface GrantInfo {
  /** table, view, materialized view, sequence, function or procedure. */
  kind: string;
  /** schema.name, or schema.name(arguments) for routines. */
  object: string;
  /** A role name or PUBLIC. */
  grantee: string;
  /** Lower case, sorted: select, insert, ... / execute. */
  privileges: string[];
}

export type SchemaObjectKind = 'schema' | 'extension' | 'table' | 'column' | 'index' | 'constraint' | 'policy' | 'function' | 'view' | 'trigger' | 'enum' | 'publication';

export type SchemaChangeAction = 'added' | 'changed' | 'dropped';

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface SchemaChange {
  kind: SchemaObjectKind;
  action: SchemaChangeAction;
  /** Qualified name, e.g. `public.profiles`, `public.profiles.username`, `public.is_admin(uuid)`. */
  name: string;
  /** The table it belongs to (columns, indexes, constraints, policies, triggers, publication entries). */
  table?: string;
  /** For `changed`: which fields differ. */
  fields?: FieldChange[];
  /** One line for a reviewer, e.g. `column public.profiles.bio text added`. */
  summary: string;
}

const KIND_ORDER: SchemaObjectKind[] = ['schema', 'extension', 'enum', 'table', 'column', 'constraint', 'index', 'policy', 'trigger', 'view', 'function', 'publication'];
const ACTION_ORDER: SchemaChangeAction[] = ['added', 'changed', 'dropped'];

export function emptySchemaSnapshot(): SchemaSnapshot {
  return { schemas: {}, extensions: {}, tables: {}, columns: {}, indexes: {}, constraints: {}, policies: {}, functions: {}, views: {}, triggers: {}, enums: {}, publicationTables: {} };
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function fieldChanges<T extends object>(before: T, after: T, ignore: readonly string[] = []): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of Object.keys(after)) {
    if (ignore.includes(field)) continue;
    const a = (before as Record<string, unknown>)[field];
    const b = (after as Record<string, unknown>)[field];
    if (!sameValue(a, b)) changes.push({ field, before: a, after: b });
  }
  return changes;
}

/** A column's type and modifiers as in CREATE TABLE: `integer default 0 not null`. */
export function describeColumn(c: ColumnInfo): string {
  const parts = [c.type];
  if (c.identity) parts.push(`generated ${c.identity} as identity`);
  else if (c.generated) parts.push(`generated always as (${c.default}) ${c.generated}`);
  else if (c.default !== null) parts.push(`default ${c.default}`);
  if (c.notNull) parts.push('not null');
  return parts.join(' ');
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return 'none';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.length ? value.join(', ') : 'none';
  return String(value);
}

function describeFields(fields: FieldChange[], labels: Record<string, string> = {}): string {
  return fields.map((f) => `${labels[f.field] ?? f.field}: ${oneLine(show(f.before))} → ${oneLine(show(f.after))}`).join('; ');
}

type Policy = SchemaSnapshot['policies'][string];

/** Deparsed expressions and definitions span lines; a summary is one line. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function describePolicy(p: Policy): string {
  let text = `policy "${p.name}" on ${p.table}${p.permissive ? '' : ' as restrictive'} for ${p.command.toLowerCase()} to ${p.roles.join(', ')}`;
  if (p.using) text += ` using (${oneLine(p.using)})`;
  if (p.withCheck) text += ` with check (${oneLine(p.withCheck)})`;
  return text;
}

type FunctionInfo = SchemaSnapshot['functions'][string];

function describeFunction(name: string, f: FunctionInfo): string {
  const traits = [f.language, f.volatility];
  if (f.securityDefiner) traits.push('security definer');
  traits.push(...f.config);
  return `${f.kind} ${name}${f.returns ? ` returns ${f.returns}` : ''} (${traits.join(', ')})`;
}

interface Differ<T> {
  kind: SchemaObjectKind;
  table?: (key: string, value: T) => string;
  /** Fields whose change is not reported (or reported differently). */
  ignore?: readonly string[];
  added: (key: string, value: T) => string;
  dropped: (key: string, value: T) => string;
  changed: (key: string, before: T, after: T, fields: FieldChange[]) => string;
}

function diffRecords<T extends object>(before: Record<string, T>, after: Record<string, T>, differ: Differ<T>, out: SchemaChange[], skip: (key: string, value: T, action: SchemaChangeAction) => boolean): void {
  for (const [key, value] of Object.entries(after)) {
    const old = before[key];
    const table = differ.table?.(key, value);
    if (old === undefined) {
      if (!skip(key, value, 'added')) out.push({ kind: differ.kind, action: 'added', name: key, ...(table ? { table } : {}), summary: differ.added(key, value) });
      continue;
    }
    const fields = fieldChanges(old, value, differ.ignore);
    if (fields.length && !skip(key, value, 'changed')) {
      out.push({ kind: differ.kind, action: 'changed', name: key, ...(table ? { table } : {}), fields, summary: differ.changed(key, old, value, fields) });
    }
  }
  for (const [key, value] of Object.entries(before)) {
    if (after[key] !== undefined || skip(key, value, 'dropped')) continue;
    const table = differ.table?.(key, value);
    out.push({ kind: differ.kind, action: 'dropped', name: key, ...(table ? { table } : {}), summary: differ.dropped(key, value) });
  }
}

/**
 * The changes from `before` to `after`. A new table's columns are listed in the table's line
 * rather than one by one; a dropped table's columns, indexes, constraints, policies and triggers
 * are implied by the table and not listed.
 */
export function diffSchemaSnapshots(before: SchemaSnapshot, after: SchemaSnapshot): SchemaChange[] {
  const out: SchemaChange[] = [];
  const tableAdded = (table: string) => before.tables[table] === undefined && after.tables[table] !== undefined;
  const tableDropped = (table: string) => before.tables[table] !== undefined && after.tables[table] === undefined;
  const noSkip = () => false;
  const childOfDroppedTable = (table: string, action: SchemaChangeAction) => action === 'dropped' && tableDropped(table);

  diffRecords(before.schemas, after.schemas, { kind: 'schema', added: (k) => `schema ${k} added`, dropped: (k) => `schema ${k} dropped`, changed: (k) => `schema ${k} changed` }, out, noSkip);

  diffRecords(
    before.extensions,
    after.extensions,
    {
      kind: 'extension',
      added: (k, e) => `extension ${k} ${e.version} added (schema ${e.schema})`,
      dropped: (k) => `extension ${k} dropped`,
      changed: (k, _b, _a, fields) => `extension ${k}: ${describeFields(fields)}`,
    },
    out,
    noSkip,
  );

  diffRecords(
    before.enums,
    after.enums,
    {
      kind: 'enum',
      added: (k, e) => `enum ${k} added (${e.labels.map((l) => `'${l}'`).join(', ')})`,
      dropped: (k) => `enum ${k} dropped`,
      changed: (k, b, a) => {
        const addedLabels = a.labels.filter((l) => !b.labels.includes(l));
        const removedLabels = b.labels.filter((l) => !a.labels.includes(l));
        const parts = [];
        if (addedLabels.length) parts.push(`values added: ${addedLabels.map((l) => `'${l}'`).join(', ')}`);
        if (removedLabels.length) parts.push(`values removed: ${removedLabels.map((l) => `'${l}'`).join(', ')}`);
        if (!parts.length) parts.push('values reordered');
        return `enum ${k}: ${parts.join('; ')}`;
      },
    },
    out,
    noSkip,
  );

  const columnsOf = (table: string) =>
    Object.values(after.columns)
      .filter((c) => c.table === table)
      .sort((a, b) => a.position - b.position);
  diffRecords(
    before.tables,
    after.tables,
    {
      kind: 'table',
      added: (k, t) => {
        const columns = columnsOf(k).map((c) => `${c.name} ${describeColumn(c)}`);
        const kind = t.kind === 'table' ? 'table' : t.kind;
        return `${kind} ${k} added (${columns.join(', ')})${t.rowSecurity ? ', row level security enabled' : ''}`;
      },
      dropped: (k, t) => `${t.kind === 'table' ? 'table' : t.kind} ${k} dropped`,
      changed: (k, _b, a, fields) =>
        `table ${k}: ${fields
          .map((f) =>
            f.field === 'rowSecurity' ? `row level security ${a.rowSecurity ? 'enabled' : 'disabled'}` : f.field === 'forceRowSecurity' ? `row level security ${a.forceRowSecurity ? 'forced' : 'no longer forced'}` : describeFields([f]),
          )
          .join('; ')}`,
    },
    out,
    noSkip,
  );

  diffRecords(
    before.columns,
    after.columns,
    {
      kind: 'column',
      table: (_k, c) => c.table,
      ignore: ['position'],
      added: (k, c) => `column ${k} ${describeColumn(c)} added`,
      dropped: (k, c) => `column ${k} ${c.type} dropped`,
      changed: (k, _b, _a, fields) => `column ${k}: ${describeFields(fields, { notNull: 'not null' })}`,
    },
    out,
    (_k, c, action) => (action === 'added' && tableAdded(c.table)) || childOfDroppedTable(c.table, action),
  );

  diffRecords(
    before.constraints,
    after.constraints,
    {
      kind: 'constraint',
      table: (_k, c) => c.table,
      added: (_k, c) => `${c.type} constraint ${c.name} on ${c.table} added: ${c.definition}`,
      dropped: (_k, c) => `${c.type} constraint ${c.name} on ${c.table} dropped`,
      changed: (_k, b, a) => `${a.type} constraint ${a.name} on ${a.table} changed: ${b.definition} → ${a.definition}`,
    },
    out,
    (_k, c, action) => childOfDroppedTable(c.table, action),
  );

  diffRecords(
    before.indexes,
    after.indexes,
    {
      kind: 'index',
      table: (_k, i) => i.table,
      added: (_k, i) => `index added: ${i.definition}`,
      dropped: (k, i) => `index ${k} on ${i.table} dropped`,
      changed: (_k, b, a) => `index changed: ${b.definition} → ${a.definition}`,
    },
    out,
    (_k, i, action) => childOfDroppedTable(i.table, action),
  );

  diffRecords(
    before.policies,
    after.policies,
    {
      kind: 'policy',
      table: (_k, p) => p.table,
      added: (_k, p) => `${describePolicy(p)} added`,
      dropped: (_k, p) => `policy "${p.name}" on ${p.table} dropped`,
      changed: (_k, _b, a, fields) => `policy "${a.name}" on ${a.table} changed: ${describeFields(fields, { withCheck: 'with check' })}`,
    },
    out,
    (_k, p, action) => childOfDroppedTable(p.table, action),
  );

  diffRecords(
    before.triggers,
    after.triggers,
    {
      kind: 'trigger',
      table: (_k, t) => t.table,
      added: (_k, t) => `trigger added: ${t.definition}`,
      dropped: (_k, t) => `trigger ${t.name} on ${t.table} dropped`,
      changed: (_k, b, a, fields) =>
        fields.length === 1 && fields[0].field === 'enabled' ? `trigger ${a.name} on ${a.table} ${a.enabled ? 'enabled' : 'disabled'}` : `trigger changed: ${b.definition} → ${a.definition}`,
    },
    out,
    (_k, t, action) => childOfDroppedTable(t.table, action),
  );

  diffRecords(
    before.views,
    after.views,
    {
      kind: 'view',
      added: (k, v) => `${v.materialized ? 'materialized view' : 'view'} ${k} added`,
      dropped: (k, v) => `${v.materialized ? 'materialized view' : 'view'} ${k} dropped`,
      changed: (k, _b, a) => `${a.materialized ? 'materialized view' : 'view'} ${k}: definition changed`,
    },
    out,
    noSkip,
  );

  diffRecords(
    before.functions,
    after.functions,
    {
      kind: 'function',
      added: (k, f) => `${describeFunction(k, f)} added`,
      dropped: (k, f) => `${f.kind} ${k} dropped`,
      changed: (k, _b, a, fields) => {
        const described = fields.filter((f) => f.field !== 'definitionHash');
        const parts = described.length ? [describeFields(described, { securityDefiner: 'security definer', config: 'settings' })] : [];
        if (fields.some((f) => f.field === 'definitionHash') && !described.length) parts.push('body changed');
        return `${a.kind} ${k}: ${parts.join('; ')}`;
      },
    },
    out,
    noSkip,
  );

  diffRecords(
    before.publicationTables,
    after.publicationTables,
    {
      kind: 'publication',
      table: (_k, p) => p.table,
      added: (_k, p) => `table ${p.table} added to publication ${p.publication}`,
      dropped: (_k, p) => `table ${p.table} removed from publication ${p.publication}`,
      changed: (_k, p) => `publication ${p.publication} entry for ${p.table} changed`,
    },
    out,
    (_k, p, action) => childOfDroppedTable(p.table, action),
  );

  return out.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || ACTION_ORDER.indexOf(a.action) - ACTION_ORDER.indexOf(b.action) || a.name.localeCompare(b.name));
}
