/**
 * A target database shaped like a Supabase project's (the platform's roles, schemas and tables),
 * deployed from the drift fixtures with the deploy engine, as production would be.
 */
import * as path from 'node:path';
import { deploy } from '../../../packages/core/src/deploy';
import { SUPABASE_DATABASE_SQL, SUPABASE_ROLES_SQL } from '../../../packages/core/src/supabase/baseline';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { withClient } from '../deploy/support';

export const DRIFT_FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'drift', 'supabase', 'migrations');

/** Applies the platform's part of a Supabase database (what exists before any migration). */
export async function applySupabasePlatform(url: string): Promise<void> {
  await withClient(url, async (client) => {
    await client.query(SUPABASE_ROLES_SQL);
    await client.query(SUPABASE_DATABASE_SQL);
  });
}

/** A fresh database with the platform baseline and the fixtures deployed by the engine. */
export async function deployedTarget(migrationsDir = DRIFT_FIXTURES): Promise<TestDatabase> {
  const database = await createTestDatabase('drift');
  await applySupabasePlatform(database.url);
  const result = await deploy({ databaseUrl: database.url, migrationsDir });
  if (result.outcome !== 'applied') throw new Error(`Deploying the fixtures failed: ${result.message}`);
  return database;
}
