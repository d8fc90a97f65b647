import { Client } from 'pg';
import { markEnvironment, readEnvironmentMarker, readEnvironmentMarkers } from '../../../packages/core/src/db/environment-marker';
import { createTestDatabase, type TestDatabase } from '../../support/database';

describe('environment marker', () => {
  let db: TestDatabase;
  let client: Client;

  beforeEach(async () => {
    db = await createTestDatabase('marker');
    client = new Client({ connectionString: db.url });
    await client.connect();
  });

  afterEach(async () => {
    await client.end();
    await db.drop();
  });

  it('reads nothing from a database that was never marked (no table, no error)', async () => {
    expect(await readEnvironmentMarker(client)).toBeUndefined();
    expect(await db.query("select to_regclass('supabase_migrations.gate_environment') as t")).toEqual([{ t: null }]);
  });

  it('creates the table on first use and records who marked it', async () => {
    const marker = await markEnvironment(client, 'production', 'deploy-bot');
    expect(marker).toMatchObject({ name: 'production', markedBy: 'deploy-bot' });
    expect(marker.markedAt).toBeInstanceOf(Date);
    expect(await readEnvironmentMarker(client)).toEqual(marker);
    const columns = await db.query<{ column_name: string; data_type: string }>(
      "select column_name, data_type from information_schema.columns where table_schema = 'supabase_migrations' and table_name = 'gate_environment' order by ordinal_position",
    );
    expect(columns).toEqual([
      { column_name: 'name', data_type: 'text' },
      { column_name: 'marked_at', data_type: 'timestamp with time zone' },
      { column_name: 'marked_by', data_type: 'text' },
    ]);
  });

  it('upserts: marking again refreshes the row, and a new name replaces the old one', async () => {
    const first = await markEnvironment(client, 'staging', 'alice');
    const again = await markEnvironment(client, 'staging', 'bob');
    expect(await readEnvironmentMarkers(client)).toEqual([again]);
    expect(again.markedAt.getTime()).toBeGreaterThanOrEqual(first.markedAt.getTime());
    await markEnvironment(client, 'production');
    expect((await readEnvironmentMarkers(client)).map((m) => [m.name, m.markedBy])).toEqual([['production', null]]);
  });

  it('joins the caller’s transaction, so a rolled-back deploy leaves no marker', async () => {
    await client.query('begin');
    await markEnvironment(client, 'production', 'deploy-bot');
    await client.query('rollback');
    expect(await readEnvironmentMarker(client)).toBeUndefined();
  });

  it('refuses an empty name', async () => {
    await expect(markEnvironment(client, '  ')).rejects.toThrow(/must not be empty/);
  });
});
