/**
 * A provided server (shadowDatabaseUrl) is shared: roles are server-wide and other runs, or the
 * team's own databases, live there too. A dry-run drops the roles it added and keeps the ones
 * that were there, and sweeps shadow databases that runs killed outright left behind.
 */
import * as path from 'node:path';
import { Client } from 'pg';
import { startPostgres, type RunningPostgres } from '../../../packages/core/src/db/server';
import { discoverMigrations } from '../../../packages/core/src/discovery';
import { dryRun } from '../../../packages/core/src/dry-run';
import { loadParser } from '../../../packages/core/src/parser';
import { SUPABASE_ROLES } from '../../../packages/core/src/supabase/baseline';

const MIGRATIONS = path.join(__dirname, '../../fixtures/dry-run/supabase-project/supabase/migrations');
let server: RunningPostgres;

beforeAll(async () => {
  await loadParser();
  // A server of its own: the suite's shared one has the Supabase roles from other suites.
  server = await startPostgres({ label: 'migration-gate-test-provided' });
});
afterAll(() => server?.stop());

async function query<T extends Record<string, unknown>>(sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: server.url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

const roleNames = SUPABASE_ROLES.map((r) => r.name).filter((n) => n !== 'postgres');

it('drops the roles it created and keeps the ones that existed', async () => {
  await query('create role anon nologin');
  const { migrations } = await discoverMigrations(MIGRATIONS);
  const result = await dryRun({ migrations, newVersions: ['20240201090000'], shadowDatabaseUrl: server.url, handleSignals: false });
  expect(result.errors.filter((e) => e.phase === 'new')).toEqual([]);
  const left = (await query<{ rolname: string }>('select rolname from pg_roles where rolname = any($1) order by rolname', [roleNames])).map((r) => r.rolname);
  expect(left).toEqual(['anon']);
});

it('sweeps a shadow database whose run died on this host', async () => {
  const abandoned = 'migration_gate_shadow_0000deadbeef';
  await query(`create database ${abandoned}`);
  const owner = { host: require('node:os').hostname(), pid: 2 ** 22 + 12345, startedAt: new Date().toISOString() };
  await query(`comment on database ${abandoned} is 'migration-gate dry-run ${JSON.stringify(owner)}'`);
  const { migrations } = await discoverMigrations(MIGRATIONS);
  await dryRun({ migrations, newVersions: [], shadowDatabaseUrl: server.url, supabaseBaseline: false, handleSignals: false });
  expect(await query('select 1 from pg_database where datname = $1', [abandoned])).toEqual([]);
});
