/**
 * Helpers for the deploy tests: throwaway migration folders and a logger that keeps what it got.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import type { LogEntry } from '../../../packages/core/src/deploy';

export const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'deploy');

export interface MigrationFolder {
  dir: string;
  write(fileName: string, sql: string): Promise<void>;
  remove(fileName: string): Promise<void>;
  cleanup(): Promise<void>;
}

/** A temporary folder holding the given `<version>_<name>.sql` files (or a copy of a fixture folder). */
export async function migrationFolder(files: Record<string, string> = {}, copyFrom?: string): Promise<MigrationFolder> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mg-deploy-'));
  if (copyFrom) await fs.cp(copyFrom, dir, { recursive: true });
  const folder: MigrationFolder = {
    dir,
    write: (fileName, sql) => fs.writeFile(path.join(dir, fileName), sql),
    remove: (fileName) => fs.rm(path.join(dir, fileName)),
    cleanup: () => fs.rm(dir, { recursive: true, force: true }),
  };
  for (const [name, sql] of Object.entries(files)) await folder.write(name, sql);
  return folder;
}

export function collectingLogger(): { logger: (entry: LogEntry) => void; entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  return { logger: (entry) => entries.push(entry), entries };
}

export async function withClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Tables in the public schema, sorted. */
export async function publicTables(query: (sql: string) => Promise<Record<string, unknown>[]>): Promise<string[]> {
  const rows = await query(`select tablename from pg_tables where schemaname = 'public' order by tablename`);
  return rows.map((r) => String(r.tablename));
}

/** Versions in schema_migrations, sorted; [] when the table does not exist. */
export async function recordedVersions(query: (sql: string) => Promise<Record<string, unknown>[]>): Promise<string[]> {
  const exists = await query(`select to_regclass('supabase_migrations.schema_migrations') is not null as present`);
  if (!exists[0].present) return [];
  const rows = await query(`select version from supabase_migrations.schema_migrations order by version`);
  return rows.map((r) => String(r.version));
}
