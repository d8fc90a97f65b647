import * as path from 'node:path';
import { Client } from 'pg';
import { markEnvironment } from '../../../packages/core/src/db/environment-marker';
import { resolveSeedConfig } from '../../../packages/core/src/seed/config';
import { ProductionRefusedError, SeedError } from '../../../packages/core/src/seed/errors';
import { UnbreakableCycleError } from '../../../packages/core/src/seed/order';
import { seedDatabase, type SeedResult } from '../../../packages/core/src/seed/seed';
import { serverUrl, urlForDatabase } from '../../support/database';
import { databaseWithSchema, dumpTables, FIXTURE_SCHEMA, FIXTURE_TABLES, FIXTURES, rowCounts, type SchemaDatabase } from './helpers';

/** A folder without supabase/seed.sql. */
const EMPTY_PROJECT = FIXTURES;
const PROJECT = path.join(FIXTURES, 'project');

async function errorOf(work: Promise<unknown>): Promise<Error & { details?: SeedError['details']; reason?: string }> {
  try {
    await work;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected the seed to fail');
}

describe('seeding the fixture schema', () => {
  let db: SchemaDatabase;
  let result: SeedResult;

  beforeAll(async () => {
    db = await databaseWithSchema(FIXTURE_SCHEMA);
    const config = resolveSeedConfig({ tables: { order_items: { rows: 60 }, user_profiles: { rows: 25 } } });
    result = await seedDatabase(db.client, { config, seed: 7, rows: 40, root: EMPTY_PROJECT, environment: 'development' });
  });

  afterAll(() => db.close());

  it('writes the requested rows to every table and reports them', async () => {
    const expected = { order_items: 60, orders: 40, organizations: 40, products: 40, tags: 40, user_profiles: 25, users: 40 };
    expect(await rowCounts(db.client, FIXTURE_TABLES)).toEqual(expected);
    expect(Object.fromEntries(result.tables.map((t) => [t.table.replace('public.', ''), t.rows]))).toEqual(expected);
    expect(result.rowsInserted).toBe(285);
    expect(result).toMatchObject({ seed: 7, environment: 'development', sqlFiles: [], warnings: [] });
  });

  it('satisfies every CHECK it can read without Postgres having to reject a row', () => {
    expect(result.tables.filter((t) => t.rejected > 0)).toEqual([]);
  });

  it('leaves identity and serial keys to the database and numbers a default-less integer key itself', async () => {
    expect(await db.query('select min(id)::int as min, max(id)::int as max from users')).toEqual([{ min: 1, max: 40 }]);
    expect(await db.query('select min(id) as min, max(id) as max from products')).toEqual([{ min: 1, max: 40 }]);
    expect(await db.query('select min(id) as min, max(id) as max from tags')).toEqual([{ min: 1, max: 40 }]);
  });

  it('links the self-reference as a tree (each manager an earlier user) and both sides of the cycle', async () => {
    const [managers] = await db.query<{ linked: number; forward: number }>(
      'select count(manager_id)::int as linked, count(*) filter (where manager_id >= id)::int as forward from users',
    );
    expect(managers.linked).toBeGreaterThan(10);
    expect(managers.forward).toBe(0);
    const [contacts] = await db.query<{ linked: number }>('select count(billing_contact_id)::int as linked from organizations');
    expect(contacts.linked).toBeGreaterThan(20);
    expect(result.tables.find((t) => t.table === 'public.users')!.updated).toBe(managers.linked);
  });

  it('gives one-to-one rows distinct parents and spreads many-to-one rows over them', async () => {
    const [profiles] = await db.query<{ n: number; distinct: number }>('select count(*)::int as n, count(distinct user_id)::int as distinct from user_profiles');
    expect(profiles).toEqual({ n: 25, distinct: 25 });
    const [orders] = await db.query<{ users: number }>('select count(distinct user_id)::int as users from orders');
    expect(orders.users).toBeGreaterThan(15);
  });

  it('makes values that look like what the column names say', async () => {
    const users = await db.query<{ email: string; first_name: string; avatar_url: string; last_login_ip: string | null; age: number | null }>(
      'select email, first_name, avatar_url, host(last_login_ip) as last_login_ip, age from users',
    );
    for (const u of users) {
      expect(u.email).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
      expect(u.first_name).toMatch(/^[A-Z][A-Za-z' -]+$/);
      if (u.avatar_url !== null) expect(u.avatar_url).toMatch(/^https:\/\//);
      if (u.last_login_ip !== null) expect(u.last_login_ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
      if (u.age !== null) expect(u.age).toBeGreaterThanOrEqual(18);
    }
    const channels = await db.query<{ channel: string }>('select distinct channel from orders order by 1');
    expect(channels.map((c) => c.channel)).toEqual(['android', 'ios', 'web']);
    const statuses = await db.query<{ n: number }>('select count(distinct status)::int as n from orders');
    expect(statuses[0].n).toBeGreaterThan(1);
  });

  it('spreads timestamps over the past before the reference date', async () => {
    const [range] = await db.query<{ earliest: Date; latest: Date }>('select min(created_at) as earliest, max(created_at) as latest from users');
    expect(range.latest.getTime()).toBeLessThanOrEqual(Date.parse('2025-01-01T00:00:00Z'));
    expect(range.latest.getTime() - range.earliest.getTime()).toBeGreaterThan(180 * 86_400_000);
  });
});

describe('one-to-one keys', () => {
  it('stops at one row per parent and says why', async () => {
    const db = await databaseWithSchema(`
      create table members (id serial primary key, full_name text not null);
      create table member_settings (member_id int primary key references members (id), theme text not null);`);
    try {
      const config = resolveSeedConfig({ tables: { members: { rows: 12 }, member_settings: { rows: 20 } } });
      const result = await seedDatabase(db.client, { config, root: EMPTY_PROJECT });
      expect(result.tables).toEqual([
        { table: 'public.member_settings', rows: 12, updated: 0, rejected: 0 },
        { table: 'public.members', rows: 12, updated: 0, rejected: 0 },
      ]);
      expect(result.warnings).toEqual(['public.member_settings: 12 of 20 rows: each row needs its own parent through a one-to-one key, and the parents ran out.']);
      expect(await db.query('select count(distinct member_id)::int as n from member_settings')).toEqual([{ n: 12 }]);
    } finally {
      await db.close();
    }
  });
});

describe('NOT NULL self-references', () => {
  let db: SchemaDatabase;
  afterEach(() => db.close());

  it('point at an earlier row when the key is generated here, the first row at itself', async () => {
    db = await databaseWithSchema(`create table categories (code varchar(12) primary key, parent_code varchar(12) not null references categories (code))`);
    await seedDatabase(db.client, { rows: 30, root: EMPTY_PROJECT });
    const rows = await db.query<{ code: string; parent_code: string }>('select code, parent_code from categories');
    expect(rows).toHaveLength(30);
    const roots = rows.filter((r) => r.code === r.parent_code);
    expect(roots).toHaveLength(1);
    // Following parents from any row ends at the root: no cycles other than the root's own.
    const parentOf = new Map(rows.map((r) => [r.code, r.parent_code]));
    for (const row of rows) {
      let code = row.code;
      for (let hops = 0; hops < 30 && parentOf.get(code) !== code; hops++) code = parentOf.get(code)!;
      expect(code).toBe(roots[0].code);
    }
  });

  it('are reported when the database numbers the key, since no first row could point anywhere', async () => {
    db = await databaseWithSchema(`create table nodes (id serial primary key, parent_id int not null references nodes (id))`);
    const error = await errorOf(seedDatabase(db.client, { rows: 3, root: EMPTY_PROJECT }));
    expect(error.details).toMatchObject({ table: 'public.nodes', column: 'parent_id', constraint: 'nodes_parent_id_fkey' });
    expect(error.message).toMatch(/NOT NULL reference to the same table, and the referenced key is filled by the database/);
  });
});

describe('determinism', () => {
  it('gives identical rows for the same seed and different rows for another seed', async () => {
    const databases = await Promise.all([1, 2, 3].map(() => databaseWithSchema(FIXTURE_SCHEMA)));
    try {
      const dumps: string[] = [];
      for (const [i, db] of databases.entries()) {
        await seedDatabase(db.client, { seed: i < 2 ? 101 : 102, rows: 15, root: EMPTY_PROJECT });
        dumps.push(await dumpTables(db.client, FIXTURE_TABLES));
      }
      expect(dumps[0].length).toBeGreaterThan(2000);
      expect(dumps[1]).toBe(dumps[0]);
      expect(dumps[2]).not.toBe(dumps[0]);
    } finally {
      await Promise.all(databases.map((db) => db.close()));
    }
  });
});

describe('failures leave nothing behind', () => {
  let db: SchemaDatabase;
  afterEach(() => db.close());

  it('reports a CHECK no row can satisfy with its table, column and constraint, and rolls back the parent rows', async () => {
    db = await databaseWithSchema(`
      create table makers (id serial primary key, name text not null);
      create table widgets (
        id serial primary key,
        maker_id int not null references makers (id),
        size int not null constraint widgets_size_check check (size > 10 and size < 5)
      );`);
    const error = await errorOf(seedDatabase(db.client, { rows: 20, root: EMPTY_PROJECT }));
    expect(error).toBeInstanceOf(SeedError);
    expect(error.details).toMatchObject({ table: 'public.widgets', column: 'size', constraint: 'widgets_size_check', code: '23514' });
    expect(error.message).toMatch(/public\.widgets.*after 10 attempts.*column size, constraint widgets_size_check/s);
    expect(await rowCounts(db.client, ['makers', 'widgets'])).toEqual({ makers: 0, widgets: 0 });
  });

  it('regenerates rows a CHECK it cannot read rejects, and still fills the table', async () => {
    db = await databaseWithSchema(`create table vouchers (id serial primary key, code text not null check (code ~ '^[A-R]'))`);
    const result = await seedDatabase(db.client, { rows: 50, root: EMPTY_PROJECT });
    expect(result.tables).toEqual([{ table: 'public.vouchers', rows: 50, updated: 0, rejected: expect.any(Number) }]);
    expect(result.tables[0].rejected).toBeGreaterThan(0);
    expect(await rowCounts(db.client, ['vouchers'])).toEqual({ vouchers: 50 });
  });

  it('names a NOT NULL foreign key to a skipped, empty table', async () => {
    db = await databaseWithSchema(FIXTURE_SCHEMA);
    const error = await errorOf(seedDatabase(db.client, { config: resolveSeedConfig({ skip: ['organizations'] }), rows: 5, root: EMPTY_PROJECT }));
    expect(error.details).toMatchObject({ table: 'public.users', column: 'organization_id', constraint: 'users_organization_id_fkey' });
    expect(error.message).toContain('public.organizations, which has no rows');
    expect(await rowCounts(db.client, FIXTURE_TABLES)).toEqual(Object.fromEntries(FIXTURE_TABLES.map((t) => [t, 0])));
  });

  it('reports a cycle of NOT NULL foreign keys', async () => {
    db = await databaseWithSchema(`
      create table chickens (id int primary key, egg_id int not null);
      create table eggs (id int primary key, chicken_id int not null references chickens (id));
      alter table chickens add foreign key (egg_id) references eggs (id);`);
    const error = await errorOf(seedDatabase(db.client, { rows: 3, root: EMPTY_PROJECT }));
    expect(error).toBeInstanceOf(UnbreakableCycleError);
    expect(error.message).toMatch(/public\.chickens, public\.eggs reference each other through NOT NULL foreign keys/);
  });
});

describe('production refusal', () => {
  let db: SchemaDatabase;
  beforeEach(async () => {
    db = await databaseWithSchema(FIXTURE_SCHEMA);
  });
  afterEach(() => db.close());

  it('refuses the production environment by name, including configured names, and writes nothing', async () => {
    for (const environment of ['production', 'Prod']) {
      const error = await errorOf(seedDatabase(db.client, { environment, root: EMPTY_PROJECT }));
      expect(error).toBeInstanceOf(ProductionRefusedError);
      expect(error.reason).toBe('environment');
      expect(error.message).toContain(`the environment "${environment}" is a production environment`);
    }
    const live = await errorOf(seedDatabase(db.client, { environment: 'live', config: resolveSeedConfig({ productionEnvironments: ['live'] }), root: EMPTY_PROJECT }));
    expect(live).toBeInstanceOf(ProductionRefusedError);
    expect(await rowCounts(db.client, FIXTURE_TABLES)).toEqual(Object.fromEntries(FIXTURE_TABLES.map((t) => [t, 0])));
  });

  it('refuses a database named production or prod (any case, or a configured production name), whatever environment it is told', async () => {
    const admin = new Client({ connectionString: serverUrl() });
    await admin.connect();
    const suffix = String(process.pid);
    for (const [name, config] of [
      ['Prod', undefined],
      [`live_${suffix}`, resolveSeedConfig({ productionEnvironments: [`live_${suffix}`] })],
    ] as const) {
      await admin.query(`drop database if exists "${name}"`);
      await admin.query(`create database "${name}"`);
      const client = new Client({ connectionString: urlForDatabase(name) });
      await client.connect();
      try {
        await client.query(FIXTURE_SCHEMA);
        const error = await errorOf(seedDatabase(client, { environment: 'staging', config, root: EMPTY_PROJECT }));
        expect(error).toBeInstanceOf(ProductionRefusedError);
        expect(error.reason).toBe('database-name');
        expect(error.message).toContain(`Refusing to seed: the database is named "${name}", a production name`);
        expect(await rowCounts(client, FIXTURE_TABLES)).toEqual(Object.fromEntries(FIXTURE_TABLES.map((t) => [t, 0])));
      } finally {
        await client.end();
        await admin.query(`drop database if exists "${name}"`);
      }
    }
    await admin.end();
  });

  it('refuses a database the production deploy marked, whatever environment name it is given', async () => {
    await markEnvironment(db.client, 'production', 'deploy-bot');
    const error = await errorOf(seedDatabase(db.client, { environment: 'staging', root: EMPTY_PROJECT }));
    expect(error).toBeInstanceOf(ProductionRefusedError);
    expect(error.reason).toBe('marker');
    expect(error.message).toMatch(/marked as the "production" environment \(supabase_migrations\.gate_environment, marked .* by deploy-bot\)/);
    expect(await rowCounts(db.client, FIXTURE_TABLES)).toEqual(Object.fromEntries(FIXTURE_TABLES.map((t) => [t, 0])));
  });

  it('seeds a database marked as staging, warning when the given name disagrees', async () => {
    await markEnvironment(db.client, 'staging');
    const result = await seedDatabase(db.client, { environment: 'preview', rows: 2, root: EMPTY_PROJECT });
    expect(result.marker).toBe('staging');
    expect(result.warnings).toEqual(['The database is marked as the "staging" environment, but the run was told "preview".']);
    expect(result.rowsInserted).toBe(14);
  });
});

describe('supabase/seed.sql and the configuration', () => {
  let db: SchemaDatabase;
  afterEach(() => db.close());

  it('applies seed.sql first, generates around its rows, and follows the configuration', async () => {
    db = await databaseWithSchema(FIXTURE_SCHEMA);
    const { loadSeedConfig } = await import('../../../packages/core/src/seed/config');
    const config = await loadSeedConfig(path.join(PROJECT, 'seed.config.json'));
    const result = await seedDatabase(db.client, { config, root: PROJECT });
    expect(result.sqlFiles).toEqual(['supabase/seed.sql']);
    expect(result.seed).toBe(11);
    expect(await rowCounts(db.client, FIXTURE_TABLES)).toEqual({ order_items: 20, orders: 30, organizations: 21, products: 20, tags: 23, user_profiles: 0, users: 21 });
    expect(result.tables.map((t) => t.table)).not.toContain('public.user_profiles');
    expect(await db.query('select email from users where id = 1000')).toEqual([{ email: 'owner@seeded.example' }]);
    expect(await db.query('select id, label from tags where id <= 3 order by id')).toEqual([
      { id: 1, label: 'alpha' },
      { id: 2, label: 'beta' },
      { id: 3, label: 'gamma' },
    ]);
    expect(await db.query('select min(id) as first from tags where id > 3')).toEqual([{ first: 4 }]);
    // Known up front, not discovered through rejected inserts.
    expect(result.tables.find((t) => t.table === 'public.tags')!.rejected).toBe(0);
    expect(await db.query("select count(*)::int as n from users where id <> 1000 and phone is distinct from '+64 21 000 0000'")).toEqual([{ n: 0 }]);
    expect(await db.query('select distinct channel from orders')).toEqual([{ channel: 'web' }]);
    const websites = await db.query<{ website: string | null }>("select website from organizations where name <> 'Seeded Org From seed.sql'");
    for (const { website } of websites) if (website !== null) expect(website).toMatch(/^[a-z0-9-]+\.[a-z]+$/);
    // created_at was left to its default, now(): one transaction, one timestamp for every row.
    expect(await db.query('select count(distinct created_at)::int as n from organizations')).toEqual([{ n: 1 }]);
  });

  it('rolls back seed.sql with everything else, naming the file and line that failed', async () => {
    db = await databaseWithSchema(FIXTURE_SCHEMA);
    const { mkdtempSync, mkdirSync, writeFileSync, rmSync } = await import('node:fs');
    const os = await import('node:os');
    const root = mkdtempSync(path.join(os.tmpdir(), 'mg-seed-sql-'));
    try {
      mkdirSync(path.join(root, 'supabase'));
      writeFileSync(path.join(root, 'supabase', 'seed.sql'), "insert into tags (id, label) values (1, 'kept?');\n\ninsert into tags (id, label) values (1, 'duplicate');\n");
      const error = await errorOf(seedDatabase(db.client, { root }));
      expect(error).toBeInstanceOf(SeedError);
      expect(error.message).toMatch(/^supabase\/seed\.sql line 3: duplicate key value violates unique constraint "tags_pkey"/);
      expect(error.details).toMatchObject({ table: 'public.tags', constraint: 'tags_pkey' });
      expect(await rowCounts(db.client, ['tags'])).toEqual({ tags: 0 });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
