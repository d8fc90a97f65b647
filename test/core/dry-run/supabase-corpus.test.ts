/**
 * How much of real-world Supabase SQL replays on the Supabase baseline. Each corpus migration
 * (modelled on public patterns: starters, docs examples, `supabase db pull/diff` output) is
 * replayed on its own fresh shadow database. The expected failures are listed with their
 * reason: all of them need something the embedded PostgreSQL build or the baseline does not
 * have, which is what the README states.
 */
import * as path from 'node:path';
import { discoverMigrations } from '../../../packages/core/src/discovery';
import { dryRun } from '../../../packages/core/src/dry-run';
import type { MigrationFile } from '../../../packages/core/src/model';
import { loadParser } from '../../../packages/core/src/parser';
import { serverUrl } from '../../support/database';

const CORPUS = path.join(__dirname, '../../fixtures/dry-run/supabase-corpus');

/** File → the error it must stop at (line, SQLSTATE, message). */
const EXPECTED_FAILURES: Record<string, { line: number; code: string; message: string }> = {
  '20230101000005_documents_pgvector.sql': { line: 2, code: '0A000', message: 'extension "vector" is not available' },
  '20230101000006_cron_cleanup.sql': { line: 1, code: '0A000', message: 'extension "pg_cron" is not available' },
  '20230101000007_order_webhook_pg_net.sql': { line: 1, code: '0A000', message: 'extension "pg_net" is not available' },
  '20230101000019_remote_schema_dump.sql': { line: 15, code: '0A000', message: 'extension "pgsodium" is not available' },
  '20230101000028_places_postgis.sql': { line: 1, code: '0A000', message: 'extension "postgis" is not available' },
  '20230101000029_json_schema_check.sql': { line: 1, code: '0A000', message: 'extension "pg_jsonschema" is not available' },
  // Vault is an extension the platform preinstalls; the suite's plain server does not have it.
  '20230101000035_vault_secret.sql': { line: 1, code: '3F000', message: 'schema "vault" does not exist' },
};

let corpus: MigrationFile[] = [];

beforeAll(async () => {
  await loadParser();
  const set = await discoverMigrations(CORPUS);
  expect(set.findings).toEqual([]);
  corpus = set.migrations;
});

it('replays each corpus migration on a fresh baseline with the expected outcome: at least three quarters cleanly', async () => {
  expect(corpus.length).toBeGreaterThanOrEqual(30);
  let clean = 0;
  for (const migration of corpus) {
    const result = await dryRun({ migrations: [migration], newVersions: [migration.version!], shadowDatabaseUrl: serverUrl(), supabaseBaseline: true });
    if (result.ok) clean++;
    const expected = EXPECTED_FAILURES[migration.fileName];
    if (!expected) {
      expect({ file: migration.fileName, errors: result.errors }).toEqual({ file: migration.fileName, errors: [] });
      continue;
    }
    expect({ file: migration.fileName, error: result.errors[0] }).toEqual({ file: migration.fileName, error: expect.objectContaining(expected) });
    if (expected.code === '0A000') expect(result.findings[0].hint).toContain('shadowDatabaseUrl');
  }
  expect(clean).toBe(corpus.length - Object.keys(EXPECTED_FAILURES).length);
  expect(clean / corpus.length).toBeGreaterThanOrEqual(0.75);
}, 240_000);
