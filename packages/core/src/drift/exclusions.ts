/**
 * What the drift check leaves out: schemas the platform manages (their objects change with every
 * platform upgrade and no migration creates them), the tool's own history tables, and extensions
 * the platform installs in every project. Objects that migrations attach to platform tables are
 * still compared: policies on `storage.objects`, triggers on `auth.users` that call a function of
 * the project.
 */
import type { SchemaSnapshot } from '../dry-run/schema-diff';
import { SUPABASE_BASELINE_EXTENSIONS, SUPABASE_PREINSTALLED_EXTENSIONS } from '../supabase/baseline';

/** Schemas Supabase creates and upgrades itself. */
export const PLATFORM_SCHEMAS: readonly string[] = [
  'auth', 'storage', 'realtime', '_realtime', 'extensions', 'graphql', 'graphql_public', 'vault', 'pgsodium', 'pgsodium_masks',
  'net', 'cron', 'supabase_functions', 'pgbouncer', '_analytics', '_supavisor', 'pgtle',
];

/** The history and audit tables (the Supabase CLI's and this tool's). */
export const TOOL_SCHEMAS: readonly string[] = ['supabase_migrations'];

/** Extensions every Supabase project has whether or not a migration asked for them. */
export const PLATFORM_EXTENSIONS: readonly string[] = [...SUPABASE_PREINSTALLED_EXTENSIONS, ...SUPABASE_BASELINE_EXTENSIONS.map((e) => e.name), 'pgsodium', 'pgjwt', 'plpgsql'];

export interface ExclusionOptions {
  /** A Supabase project: the platform's schemas and extensions are left out. */
  supabase: boolean;
  /** More schemas to leave out (e.g. one a tool outside the migrations manages). */
  excludeSchemas?: readonly string[];
  /** Platform schemas to compare anyway. */
  includeSchemas?: readonly string[];
}

export interface Exclusions {
  /** Every schema left out, sorted. */
  schemas: string[];
  /** Platform schemas among them: user policies and triggers on their tables are still compared. */
  platformSchemas: string[];
  extensions: string[];
}

export function resolveExclusions(options: ExclusionOptions): Exclusions {
  const include = new Set(options.includeSchemas ?? []);
  const extra = options.excludeSchemas ?? [];
  const platform = options.supabase ? PLATFORM_SCHEMAS.filter((s) => !include.has(s)) : [];
  const schemas = [...new Set([...platform, ...TOOL_SCHEMAS, ...extra])].filter((s) => !include.has(s)).sort();
  return {
    schemas,
    // A schema excluded by name is left out whole, platform or not.
    platformSchemas: platform.filter((s) => !extra.includes(s)),
    extensions: options.supabase ? [...PLATFORM_EXTENSIONS] : ['plpgsql'],
  };
}

/** `public.books.title` → `public`; identifiers with dots in them are rare enough to split on the first. */
function schemaOf(qualified: string): string {
  const dot = qualified.indexOf('.');
  return dot < 0 ? qualified : qualified.slice(0, dot);
}

/** The schema of the function a trigger calls, from `... EXECUTE FUNCTION schema.name(...)`. */
function triggerFunctionSchema(definition: string): string | undefined {
  const match = /EXECUTE (?:FUNCTION|PROCEDURE) ("(?:[^"]|"")+"|[^.(\s]+)\./.exec(definition);
  return match ? match[1].replace(/^"|"$/g, '').replace(/""/g, '"') : undefined;
}

function keep<T>(record: Record<string, T> | undefined, test: (key: string, value: T) => boolean): Record<string, T> | undefined {
  if (!record) return record;
  return Object.fromEntries(Object.entries(record).filter(([key, value]) => test(key, value)));
}

/** A copy of the snapshot without what `exclusions` leaves out. */
export function applyExclusions(snapshot: SchemaSnapshot, exclusions: Exclusions): SchemaSnapshot {
  const excluded = new Set(exclusions.schemas);
  const platform = new Set(exclusions.platformSchemas);
  const inScope = (qualified: string) => !excluded.has(schemaOf(qualified));
  // Things a migration attaches to a platform table belong to the project.
  const onPlatformTable = (table: string) => platform.has(schemaOf(table));
  return {
    ...snapshot,
    schemas: keep(snapshot.schemas, (name) => !excluded.has(name))!,
    extensions: keep(snapshot.extensions, (name) => !exclusions.extensions.includes(name))!,
    tables: keep(snapshot.tables, inScope)!,
    columns: keep(snapshot.columns, (_k, c) => inScope(c.table))!,
    indexes: keep(snapshot.indexes, (_k, i) => inScope(i.table))!,
    constraints: keep(snapshot.constraints, (_k, c) => inScope(c.table))!,
    policies: keep(snapshot.policies, (_k, p) => inScope(p.table) || onPlatformTable(p.table))!,
    functions: keep(snapshot.functions, inScope)!,
    views: keep(snapshot.views, inScope)!,
    triggers: keep(snapshot.triggers, (_k, t) => {
      if (inScope(t.table)) return true;
      const fnSchema = triggerFunctionSchema(t.definition);
      return onPlatformTable(t.table) && fnSchema !== undefined && !excluded.has(fnSchema);
    })!,
    enums: keep(snapshot.enums, inScope)!,
    publicationTables: keep(snapshot.publicationTables, (_k, p) => inScope(p.table))!,
    sequences: keep(snapshot.sequences, inScope),
    grants: keep(snapshot.grants, (_k, g) => inScope(g.object)),
    functionDefinitions: keep(snapshot.functionDefinitions, inScope),
  };
}
