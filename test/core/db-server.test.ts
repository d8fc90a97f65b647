import { Client } from 'pg';
import { startPostgres } from '../../packages/core/src/db/server';
import { createTestDatabase } from '../support/database';
import { existsSync } from 'node:fs';

describe('embedded PostgreSQL server', () => {
  it('serves the suite a real server and isolated databases', async () => {
    const db = await createTestDatabase();
    try {
      await db.query('create table t (id int primary key)');
      const rows = await db.query<{ server_version_num: string }>('show server_version_num');
      expect(Number(rows[0].server_version_num)).toBeGreaterThanOrEqual(150000);
    } finally {
      await db.drop();
    }
  });

  it('starts a throwaway server as an unprivileged user and removes its data on stop', async () => {
    const server = await startPostgres({ label: 'mg-server-test' });
    const client = new Client({ connectionString: server.url });
    await client.connect();
    const { rows } = await client.query('select current_setting($1) as v, pg_backend_pid() as pid', ['fsync']);
    expect(rows[0].v).toBe('off');
    await client.end();
    expect(existsSync(server.dataDir)).toBe(true);
    await server.stop();
    expect(existsSync(server.dataDir)).toBe(false);
    await server.stop(); // idempotent
  });
});
