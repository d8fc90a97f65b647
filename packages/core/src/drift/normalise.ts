/**
 * What differs between a replayed object and a hand-made one without meaning, removed before the
 * comparison (docs/drift.md lists each rule and why):
 *
 *  - whitespace in function bodies: the dashboard's SQL editor and a migration file indent
 *    differently; the body is compared with runs of whitespace collapsed;
 *  - the order of a policy's roles: `to anon, authenticated` and `to authenticated, anon` are the
 *    same policy;
 *  - names Postgres generated: a constraint or index created without a name is named after its
 *    table and columns (`books_price_check`, `books_title_idx`), with a number added on a clash,
 *    so the same definition can carry `_check` in one database and `_check1` in the other. Such a
 *    pair is matched by its definition;
 *  - extension versions: the target's platform upgrades extensions; a different version is a note.
 */
import { createHash } from 'node:crypto';
import type { SchemaSnapshot } from '../dry-run/schema-diff';

export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The name Postgres gives an unnamed constraint or index: `<table>_<columns>_<suffix>[n]`. */
function looksGenerated(name: string, table: string): boolean {
  const tableName = table.slice(table.lastIndexOf('.') + 1);
  return name.startsWith(`${tableName}_`) && /_(pkey|key|fkey|check|excl|idx)\d*$/.test(name);
}

function normaliseFunctions(snapshot: SchemaSnapshot): SchemaSnapshot['functions'] {
  const bodies = snapshot.functionDefinitions;
  if (!bodies) return snapshot.functions;
  return Object.fromEntries(
    Object.entries(snapshot.functions).map(([key, f]) => {
      const body = bodies[key]?.body;
      return [key, body === undefined ? f : { ...f, definitionHash: createHash('sha256').update(collapseWhitespace(body)).digest('hex').slice(0, 32) }];
    }),
  );
}

function normalisePolicies(snapshot: SchemaSnapshot): SchemaSnapshot['policies'] {
  return Object.fromEntries(Object.entries(snapshot.policies).map(([key, p]) => [key, { ...p, roles: [...p.roles].sort() }]));
}

const INDEX_NAME = /^(CREATE (?:UNIQUE )?INDEX )(\S+) ON /;

function indexName(index: { definition: string }): string {
  return INDEX_NAME.exec(index.definition)?.[2] ?? '';
}

/** An index definition without its own name, to match generated names. */
function indexShape(definition: string): string {
  return definition.replace(INDEX_NAME, '$1ON ');
}

/**
 * Renames, in `target`, each generated-name constraint or index that exists only there to the
 * name of the only-in-`reference` twin with the same definition on the same table.
 */
function matchGeneratedNames<T extends { table: string }>(
  reference: Record<string, T>,
  target: Record<string, T>,
  nameOf: (value: T) => string,
  shapeOf: (value: T) => string,
  rename: (value: T, name: string) => { key: string; value: T },
): Record<string, T> {
  const unmatched = Object.entries(reference).filter(([key, value]) => target[key] === undefined && looksGenerated(nameOf(value), value.table));
  const result: Record<string, T> = {};
  for (const [key, value] of Object.entries(target)) {
    if (reference[key] !== undefined || !looksGenerated(nameOf(value), value.table)) {
      result[key] = value;
      continue;
    }
    const twin = unmatched.findIndex(([, candidate]) => candidate.table === value.table && shapeOf(candidate) === shapeOf(value));
    if (twin < 0) {
      result[key] = value;
      continue;
    }
    const [[, referenceValue]] = unmatched.splice(twin, 1);
    const renamed = rename(value, nameOf(referenceValue));
    result[renamed.key] = renamed.value;
  }
  return result;
}

export interface NormalisedPair {
  migrations: SchemaSnapshot;
  database: SchemaSnapshot;
  /** Extension versions that differ: a note, not drift. */
  extensionVersionNotes: string[];
}

function withoutVersions(extensions: SchemaSnapshot['extensions']): SchemaSnapshot['extensions'] {
  return Object.fromEntries(Object.entries(extensions).map(([name, e]) => [name, { schema: e.schema, version: '' }]));
}

/** Both snapshots with the meaningless differences above removed; `migrations` is the replayed one. */
export function normalisePair(migrations: SchemaSnapshot, database: SchemaSnapshot): NormalisedPair {
  const extensionVersionNotes = Object.entries(database.extensions)
    .filter(([name, e]) => migrations.extensions[name] && migrations.extensions[name].version !== e.version)
    .map(([name, e]) => `extension ${name} is version ${e.version} in the database and ${migrations.extensions[name].version} in the replay (the platform upgrades extensions; not drift)`);
  const normalise = (s: SchemaSnapshot): SchemaSnapshot => ({ ...s, extensions: withoutVersions(s.extensions), functions: normaliseFunctions(s), policies: normalisePolicies(s) });
  const m = normalise(migrations);
  const d = normalise(database);
  d.constraints = matchGeneratedNames(
    m.constraints,
    d.constraints,
    (c) => c.name,
    (c) => `${c.type} ${c.definition}`,
    (c, name) => ({ key: `${c.table}.${name}`, value: { ...c, name } }),
  );
  d.indexes = matchGeneratedNames(
    m.indexes,
    d.indexes,
    indexName,
    (i) => indexShape(i.definition),
    (i, name) => {
      const schema = i.table.slice(0, i.table.indexOf('.'));
      return { key: `${schema}.${name}`, value: { ...i, definition: i.definition.replace(INDEX_NAME, `$1${name} ON `) } };
    },
  );
  return { migrations: m, database: d, extensionVersionNotes };
}
