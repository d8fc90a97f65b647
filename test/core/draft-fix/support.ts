import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { analyzeMigration } from '../../../packages/core/src/discovery';
import type { MigrationFile } from '../../../packages/core/src/model';

export const FIXTURES = path.join(__dirname, '../../fixtures/draft-fix');

/** A fixture as discovery would read it from `supabase/migrations/`. Requires `loadParser()`. */
export function loadFixture(fileName: string): MigrationFile {
  const { migration, findings } = analyzeMigration(fileName, readFileSync(path.join(FIXTURES, fileName)), `supabase/migrations/${fileName}`);
  if (findings.length > 0) throw new Error(`fixture ${fileName}: ${findings.map((f) => f.message).join('; ')}`);
  return migration;
}

/** Reads generated SQL back as a migration, the way the deploy would. */
export function readBack(fileName: string, sql: string): ReturnType<typeof analyzeMigration> {
  return analyzeMigration(fileName, Buffer.from(sql), `supabase/migrations/${fileName}`);
}

/**
 * Runs statements one at a time on one connection, outside any transaction, as a
 * `-- transaction: none` migration runs. Stops at the first failure and returns its index.
 */
export async function runStatementByStatement(url: string, migration: MigrationFile): Promise<{ failedAt?: number; error?: Error }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    for (const statement of migration.statements) {
      try {
        await client.query(statement.text);
      } catch (err) {
        return { failedAt: statement.index, error: err as Error };
      }
    }
    return {};
  } finally {
    await client.end();
  }
}

/** Runs a migration the way the deploy does: in one transaction unless it says `-- transaction: none`. */
export async function applyMigration(url: string, migration: MigrationFile): Promise<void> {
  if (!migration.directives.transactional) {
    const { error } = await runStatementByStatement(url, migration);
    if (error) throw error;
    return;
  }
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    // A multi-statement simple query runs as one implicit transaction.
    await client.query(migration.text);
  } finally {
    await client.end();
  }
}

/**
 * Roles are shared by all databases of the test server, so creating one tolerates another test
 * file having created it, even at the same moment.
 */
export const CREATE_AUTHENTICATED_ROLE = `
do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'authenticated') then
    begin
      create role authenticated nologin noinherit;
    exception when duplicate_object or unique_violation then
      null;
    end;
  end if;
end
$$`;

const USER_SCHEMAS = `n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_%'`;

/** The parts of the catalog a migration in these fixtures can change, as sorted text lines. */
export const CATALOG_QUERIES = {
  schemas: `select n.nspname || ' ' || coalesce(n.nspacl::text, '') as line from pg_namespace n where ${USER_SCHEMAS}`,
  relations: `select n.nspname || '.' || c.relname || ' kind=' || c.relkind::text || ' rls=' || c.relrowsecurity || ' acl=' || coalesce(c.relacl::text, '') as line
    from pg_class c join pg_namespace n on n.oid = c.relnamespace where ${USER_SCHEMAS}`,
  columns: `select n.nspname || '.' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' notnull=' || a.attnotnull
      || ' default=' || coalesce(pg_get_expr(d.adbin, d.adrelid), '') || ' acl=' || coalesce(a.attacl::text, '') as line
    from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
    left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
    where ${USER_SCHEMAS} and a.attnum > 0 and not a.attisdropped`,
  indexes: `select schemaname || '.' || indexname || ' ' || indexdef as line from pg_indexes where schemaname not in ('pg_catalog', 'information_schema')`,
  invalidIndexes: `select i.indexrelid::regclass::text as line from pg_index i where not i.indisvalid`,
  constraints: `select n.nspname || '.' || c.conname || ' ' || pg_get_constraintdef(c.oid) as line from pg_constraint c join pg_namespace n on n.oid = c.connamespace where ${USER_SCHEMAS}`,
  policies: `select schemaname || '.' || tablename || ' ' || policyname as line from pg_policies`,
  routines: `select p.oid::regprocedure::text as line from pg_proc p join pg_namespace n on n.oid = p.pronamespace where ${USER_SCHEMAS}`,
  triggers: `select t.tgrelid::regclass::text || ' ' || t.tgname as line from pg_trigger t where not t.tgisinternal`,
  types: `select n.nspname || '.' || t.typname || ' ' || t.typtype::text || ' ' || coalesce((select string_agg(e.enumlabel, ',' order by e.enumsortorder) from pg_enum e where e.enumtypid = t.oid), '') as line
    from pg_type t join pg_namespace n on n.oid = t.typnamespace
    where ${USER_SCHEMAS} and (t.typtype in ('e', 'd') or (t.typtype = 'c' and (select relkind from pg_class where oid = t.typrelid) = 'c'))`,
  extensions: `select extname as line from pg_extension`,
} as const;

export type CatalogSnapshot = Record<keyof typeof CATALOG_QUERIES, string[]>;

export async function catalogSnapshot(query: (sql: string) => Promise<{ line: string }[]>): Promise<CatalogSnapshot> {
  const snapshot = {} as CatalogSnapshot;
  for (const [part, sql] of Object.entries(CATALOG_QUERIES) as [keyof typeof CATALOG_QUERIES, string][]) {
    snapshot[part] = (await query(sql)).map((row) => row.line).sort();
  }
  return snapshot;
}
