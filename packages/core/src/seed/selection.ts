/**
 * Which tables a run writes: every table of the user's schemas (platform-managed schemas left
 * out), plus tables named explicitly in the configuration, minus the `skip` patterns.
 */
import { MANAGED_SCHEMAS, qualifyTableName, type SeedConfig } from './config';
import { SeedError } from './errors';
import type { SchemaModel, TableInfo } from './introspect';

function patternMatcher(pattern: string): (qualified: string) => boolean {
  const qualified = qualifyTableName(pattern);
  const regex = new RegExp(`^${qualified.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return (name) => regex.test(name);
}

/** The tables to write, sorted by name; throws when the configuration names a table or column that does not exist. */
export function chooseTables(schema: SchemaModel, config: SeedConfig, extraTableNames: string[] = []): TableInfo[] {
  const missing = [...Object.keys(config.tables), ...extraTableNames].filter((name) => !schema.tables.has(name));
  if (missing.length > 0) {
    throw new SeedError(`The seed configuration names tables that do not exist: ${[...new Set(missing)].join(', ')}. Known tables: ${[...schema.tables.keys()].join(', ') || 'none'}.`);
  }
  for (const [name, settings] of Object.entries(config.tables)) {
    const table = schema.tables.get(name)!;
    const unknown = Object.keys(settings.columns).filter((column) => !table.columns.some((c) => c.name === column));
    if (unknown.length > 0) {
      throw new SeedError(`The seed configuration names columns that ${name} does not have: ${unknown.join(', ')}. Its columns: ${table.columns.map((c) => c.name).join(', ')}.`, {
        table: name,
        column: unknown[0],
      });
    }
  }
  const skipped = config.skip.map(patternMatcher);
  const explicit = new Set([...Object.keys(config.tables), ...extraTableNames]);
  const schemaAllowed = (name: string) => (config.schemas ? config.schemas.includes(name) : !(MANAGED_SCHEMAS as readonly string[]).includes(name));
  return [...schema.tables.values()]
    .filter((t) => (explicit.has(t.qualified) || schemaAllowed(t.schema)) && !skipped.some((matches) => matches(t.qualified)))
    .sort((a, b) => (a.qualified < b.qualified ? -1 : a.qualified > b.qualified ? 1 : 0));
}
