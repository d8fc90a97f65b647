/** Databases for the seed tests: a fresh database on the suite's server with a schema applied, and a connected client. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '../../support/database';

export const FIXTURES = path.join(__dirname, '../../fixtures/seed');
export const FIXTURE_SCHEMA = readFileSync(path.join(FIXTURES, 'schema.sql'), 'utf8');
export const FIXTURE_TABLES = ['order_items', 'orders', 'organizations', 'products', 'tags', 'user_profiles', 'users'];

export interface SchemaDatabase extends TestDatabase {
  client: Client;
  close(): Promise<void>;
}

export async function databaseWithSchema(schemaSql: string, prefix = 'seed'): Promise<SchemaDatabase> {
  const db = await createTestDatabase(prefix);
  const client = new Client({ connectionString: db.url });
  await client.connect();
  await client.query(schemaSql);
  return {
    ...db,
    client,
    async close() {
      await client.end();
      await db.drop();
    },
  };
}

export async function rowCounts(client: Client, tables: string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = Number((await client.query(`select count(*) as n from ${table}`)).rows[0].n);
  return counts;
}

/** Every row of every table as text, in a stable order: equal dumps mean identical data. */
export async function dumpTables(client: Client, tables: string[]): Promise<string> {
  const parts: string[] = [];
  for (const table of tables) {
    const { rows } = await client.query(`select coalesce(string_agg(t::text, E'\\n' order by t::text), '') as dump from ${table} t`);
    parts.push(`${table}\n${rows[0].dump}`);
  }
  return parts.join('\n');
}
