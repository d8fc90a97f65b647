/**
 * The drift itself: what the migrations would have built (the replayed catalog) against what the
 * database has, object by object, each difference said the way a person would say it, with the
 * definition on both sides. Pure: snapshots in, differences out.
 *
 * The kinds the schema summary of the dry-run knows are compared by its differ; the rest
 * (sequences, grants, publications) here. Anything else found in the snapshots is still reported,
 * as unclassified: a difference is never dropped because no rule knew its kind.
 */
import { diffSchemaSnapshots, oneLine, type FieldChange, type SchemaChange, type SchemaSnapshot } from '../dry-run/schema-diff';
import { redactPasswords } from '../redact';
import { captureStatements } from './capture-sql';
import { definitionOf } from './definitions';
import { applyExclusions, type Exclusions } from './exclusions';
import { normalisePair } from './normalise';

export type DriftChange = 'only-in-database' | 'only-in-migrations' | 'differs';

export interface DriftDifference {
  /** schema, extension, enum, table, column, constraint, index, policy, trigger, view, function, sequence, grant, publication, publication-table, or a kind no rule knows. */
  kind: string;
  change: DriftChange;
  /** Qualified name, e.g. `public.books.price_cents`, `public.is_admin(uuid)`, `table public.books to anon`. */
  name: string;
  table?: string;
  /** One sentence: `column public.books.price_cents exists in the database but in no migration`. */
  message: string;
  /** The object's definition in the database, as SQL; null when it does not have it. */
  database: string | null;
  /** The definition the migrations produce; null when they do not create it. */
  migrations: string | null;
  /** For `differs`: each field, `before` as the migrations have it, `after` as the database does. */
  fields?: FieldChange[];
  /** Statements that make the migrations describe the database; `-- REVIEW:` lines where a person must decide. */
  capture: string[];
  /** false when no rule knew this kind of difference (it is reported all the same). */
  classified: boolean;
}

export interface Comparison {
  differences: DriftDifference[];
  notes: string[];
}

/** Creation order: what others depend on first. The capture migration follows it, drops in reverse. */
export const KIND_ORDER = ['schema', 'extension', 'enum', 'sequence', 'function', 'table', 'column', 'constraint', 'index', 'view', 'policy', 'trigger', 'grant', 'publication', 'publication-table'];

/** Top-level snapshot records and who compares them; helpers are only read for definitions. */
const COMPARED_BY_SCHEMA_DIFF = ['schemas', 'extensions', 'tables', 'columns', 'indexes', 'constraints', 'policies', 'functions', 'views', 'triggers', 'enums', 'publicationTables'];
const COMPARED_HERE: Record<string, string> = { sequences: 'sequence', grants: 'grant', publications: 'publication' };
const HELPERS = ['functionDefinitions', 'sqlNames'];

const FIELD_LABELS: Record<string, string> = {
  notNull: 'not null',
  withCheck: 'with check',
  securityDefiner: 'security definer',
  config: 'settings',
  definitionHash: 'body',
  rowSecurity: 'row level security',
  forceRowSecurity: 'forced row level security',
  allTables: 'for all tables',
  ownedBy: 'owned by',
};

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return 'none';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.length ? value.join(', ') : 'none';
  if (typeof value === 'object') return JSON.stringify(value);
  return oneLine(String(value));
}

function describeFields(fields: FieldChange[]): string {
  return fields
    .map((f) => (f.field === 'definitionHash' ? 'the body differs' : `${FIELD_LABELS[f.field] ?? f.field} ${show(f.before)} in the migrations, ${show(f.after)} in the database`))
    .join('; ');
}

/** How a person names the object: `column public.books.price_cents`, `policy "read own" on public.books`. */
function label(kind: string, name: string, m: SchemaSnapshot, d: SchemaSnapshot): string {
  switch (kind) {
    case 'constraint': {
      const c = d.constraints[name] ?? m.constraints[name];
      return `${c.type} constraint ${c.name} on ${c.table}`;
    }
    case 'index': {
      const i = d.indexes[name] ?? m.indexes[name];
      return `index ${name} on ${i.table}`;
    }
    case 'policy': {
      const p = d.policies[name] ?? m.policies[name];
      return `policy "${p.name}" on ${p.table}`;
    }
    case 'trigger': {
      const t = d.triggers[name] ?? m.triggers[name];
      return `trigger ${t.name} on ${t.table}`;
    }
    case 'table':
      return `${(d.tables[name] ?? m.tables[name]).kind} ${name}`;
    case 'view':
      return `${(d.views[name] ?? m.views[name]).materialized ? 'materialized view' : 'view'} ${name}`;
    case 'function':
      return `${(d.functions[name] ?? m.functions[name]).kind} ${name}`;
    case 'publication-table': {
      const p = d.publicationTables[name] ?? m.publicationTables[name];
      return `table ${p.table} in publication ${p.publication}`;
    }
    case 'grant': {
      const g = d.grants?.[name] ?? m.grants![name];
      return `grant on ${g.kind} ${g.object} to ${g.grantee}`;
    }
    default:
      return `${kind} ${name}`;
  }
}

function message(kind: string, change: DriftChange, name: string, m: SchemaSnapshot, d: SchemaSnapshot, fields?: FieldChange[]): string {
  const what = label(kind, name, m, d);
  if (change === 'only-in-database') {
    if (kind === 'grant') {
      const g = d.grants![name];
      return `grant of ${g.privileges.join(', ')} on ${g.kind} ${g.object} to ${g.grantee} exists in the database but in no migration`;
    }
    return `${what} exists in the database but in no migration`;
  }
  if (change === 'only-in-migrations') return `${what} is created by the migrations but is missing from the database`;
  if (kind === 'enum') {
    const before = m.enums[name].labels;
    const after = d.enums[name].labels;
    const extra = after.filter((l) => !before.includes(l)).map((l) => `'${l}'`);
    const missing = before.filter((l) => !after.includes(l)).map((l) => `'${l}'`);
    const parts = [];
    if (extra.length) parts.push(`value${extra.length > 1 ? 's' : ''} ${extra.join(', ')} exist${extra.length > 1 ? '' : 's'} in the database but in no migration`);
    if (missing.length) parts.push(`value${missing.length > 1 ? 's' : ''} ${missing.join(', ')} from the migrations ${missing.length > 1 ? 'are' : 'is'} missing`);
    if (!parts.length) parts.push(`its values are in another order (${after.join(', ')} in the database)`);
    return `enum ${name}: ${parts.join('; ')}`;
  }
  return `${what} differs: ${describeFields(fields ?? [])}`;
}

const CHANGE_OF: Record<SchemaChange['action'], DriftChange> = { added: 'only-in-database', dropped: 'only-in-migrations', changed: 'differs' };

/** A password written into a function body (`create role ... password '...'`) is never shown. */
function redacted(definition: string | null): string | null {
  return definition === null ? null : redactPasswords(definition);
}

function build(kind: string, change: DriftChange, name: string, m: SchemaSnapshot, d: SchemaSnapshot, extra: { table?: string; fields?: FieldChange[]; classified?: boolean } = {}): DriftDifference {
  const difference: DriftDifference = {
    kind,
    change,
    name,
    ...(extra.table ? { table: extra.table } : {}),
    message: '',
    database: redacted(definitionOf(kind, name, d)),
    migrations: redacted(definitionOf(kind, name, m)),
    ...(extra.fields ? { fields: extra.fields } : {}),
    capture: [],
    classified: extra.classified ?? true,
  };
  difference.message = extra.classified === false ? unclassifiedMessage(difference) : message(kind, change, name, m, d, extra.fields);
  difference.capture = captureStatements(difference, m, d).map(redactPasswords);
  return difference;
}

function unclassifiedMessage(d: DriftDifference): string {
  const where = d.change === 'only-in-database' ? 'exists in the database but in no migration' : d.change === 'only-in-migrations' ? 'is created by the migrations but is missing from the database' : `differs: ${describeFields(d.fields ?? [])}`;
  return `${d.kind} ${d.name} ${where} (a kind of difference the drift check does not classify: review it by hand)`;
}

function fieldChanges(before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] {
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f])).map((field) => ({ field, before: before[field], after: after[field] }));
}

/** Records compared key by key and field by field, for the kinds the schema diff does not know. */
function compareRecords(kind: string, before: Record<string, unknown> = {}, after: Record<string, unknown> = {}, m: SchemaSnapshot, d: SchemaSnapshot, classified: boolean): DriftDifference[] {
  const out: DriftDifference[] = [];
  for (const [key, value] of Object.entries(after)) {
    if (before[key] === undefined) out.push(build(kind, 'only-in-database', key, m, d, { classified }));
    else {
      const fields = typeof value === 'object' && value !== null ? fieldChanges(before[key] as Record<string, unknown>, value as Record<string, unknown>) : JSON.stringify(value) === JSON.stringify(before[key]) ? [] : [{ field: 'value', before: before[key], after: value }];
      if (fields.length) out.push(build(kind, 'differs', key, m, d, { fields, classified }));
    }
  }
  for (const key of Object.keys(before)) if (after[key] === undefined) out.push(build(kind, 'only-in-migrations', key, m, d, { classified }));
  return out;
}

/** The grants of a table (or function) created or missing outside the migrations come with it: listed once, under it. */
function grantOfReportedObject(g: DriftDifference, reported: Map<string, DriftChange>, m: SchemaSnapshot, d: SchemaSnapshot): boolean {
  if (g.change === 'differs') return false;
  const grant = (g.change === 'only-in-database' ? d : m).grants?.[g.name];
  return !!grant && reported.get(grant.object) === g.change;
}

function kindRank(kind: string): number {
  const rank = KIND_ORDER.indexOf(kind);
  return rank < 0 ? KIND_ORDER.length : rank;
}

/**
 * Every difference between the replayed catalog (`replayed`) and the database's (`database`),
 * after leaving out what `exclusions` says and normalising what differs without meaning.
 */
export function compareSnapshots(replayed: SchemaSnapshot, database: SchemaSnapshot, exclusions: Exclusions): Comparison {
  const { migrations: m, database: d, extensionVersionNotes } = normalisePair(applyExclusions(replayed, exclusions), applyExclusions(database, exclusions));
  const differences: DriftDifference[] = diffSchemaSnapshots(m, d).map((c) => {
    const kind = c.kind === 'publication' ? 'publication-table' : c.kind;
    return build(kind, CHANGE_OF[c.action], c.name, m, d, { table: c.table, fields: c.fields });
  });
  const reportedWhole = new Map(differences.filter((x) => x.change !== 'differs').map((x) => [x.name, x.change]));
  for (const [record, kind] of Object.entries(COMPARED_HERE)) {
    const found = compareRecords(kind, m[record as keyof SchemaSnapshot] as Record<string, unknown>, d[record as keyof SchemaSnapshot] as Record<string, unknown>, m, d, true);
    differences.push(...found.filter((x) => kind !== 'grant' || !grantOfReportedObject(x, reportedWhole, m, d)));
  }
  const known = new Set([...COMPARED_BY_SCHEMA_DIFF, ...Object.keys(COMPARED_HERE), ...HELPERS]);
  const unknown = [...new Set([...Object.keys(m), ...Object.keys(d)])].filter((k) => !known.has(k));
  for (const record of unknown) {
    differences.push(...compareRecords(record, (m as unknown as Record<string, Record<string, unknown>>)[record], (d as unknown as Record<string, Record<string, unknown>>)[record], m, d, false));
  }
  differences.sort((a, b) => kindRank(a.kind) - kindRank(b.kind) || a.name.localeCompare(b.name));
  return { differences, notes: extensionVersionNotes };
}
