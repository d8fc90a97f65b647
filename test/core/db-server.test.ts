import { Client } from 'pg';
import { findPostgresBinaries, readMajorVersion, startPostgres } from '../../packages/core/src/db/server';
import { cpSync, lstatSync, mkdtempSync, readdirSync, rmSync, unlinkSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
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

describe('binary package without its library symlinks (install scripts skipped)', () => {
  it('recreates the links and runs', () => {
    const distRoot = path.dirname(findPostgresBinaries().binDir);
    const copy = mkdtempSync(path.join(os.tmpdir(), 'mg-hydrate-'));
    try {
      cpSync(path.dirname(distRoot), copy, { recursive: true, verbatimSymlinks: true });
      const lib = path.join(copy, 'native', 'lib');
      const links = readdirSync(lib).filter((f) => lstatSync(path.join(lib, f)).isSymbolicLink());
      expect(links.length).toBeGreaterThan(0);
      for (const link of links) unlinkSync(path.join(lib, link));
      expect(readMajorVersion(path.join(copy, 'native', 'bin'))).toBeGreaterThanOrEqual(15);
      expect(readdirSync(lib).filter((f) => lstatSync(path.join(lib, f)).isSymbolicLink()).sort()).toEqual(links.sort());
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
