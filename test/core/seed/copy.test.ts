import { markEnvironment } from '../../../packages/core/src/db/environment-marker';
import { resolveSeedConfig } from '../../../packages/core/src/seed/config';
import { copyAnonymised, type CopyResult } from '../../../packages/core/src/seed/copy';
import { ProductionRefusedError, SeedError } from '../../../packages/core/src/seed/errors';
import { seedDatabase } from '../../../packages/core/src/seed/seed';
import { databaseWithSchema, dumpTables, FIXTURE_SCHEMA, FIXTURE_TABLES, FIXTURES, rowCounts, type SchemaDatabase } from './helpers';
import * as path from 'node:path';

/** A folder without supabase/seed.sql. */
const EMPTY_PROJECT = FIXTURES;

/**
 * Personal data in the source is made unmistakable (every value carries a marker no generator
 * produces), so that "no source value in the target" can be checked by searching for the markers
 * and for each value itself.
 */
const DISTINCTIVE_PERSONAL_DATA = `
  update organizations set name = 'SrcOrg ' || substr(id::text, 1, 8);
  update users set email = 'src.person' || id || '@leak.example', first_name = 'Srcfirst' || id, last_name = 'Srclast' || id,
                   phone = '+1 555 01' || lpad(id::text, 4, '0'), last_login_ip = ('192.0.2.' || (id % 250))::inet;
  update orders set note = 'SECRET-NOTE-' || substr(id::text, 1, 8);
  update user_profiles set birth_date = date '1901-01-01' + user_id::int;
  update products set name = 'Catalogue item ' || id;`;

const COPY_CONFIG = {
  copy: {
    limit: 30,
    tables: { orders: { limit: 200 } },
    pii: ['orders.note'],
    masks: { 'users.email': 'hash', 'users.age': { keep: 'an age alone identifies nobody' }, 'products.name': { keep: 'catalogue data, not personal' } },
  },
};

async function errorOf(work: Promise<unknown>): Promise<Error & { details?: SeedError['details']; reason?: string }> {
  try {
    await work;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected the copy to fail');
}

describe('anonymised copy', () => {
  let source: SchemaDatabase;
  let target: SchemaDatabase;
  let result: CopyResult;
  let personalValues: string[];

  beforeAll(async () => {
    source = await databaseWithSchema(FIXTURE_SCHEMA, 'copysrc');
    await seedDatabase(source.client, { seed: 5, rows: 60, root: EMPTY_PROJECT });
    await source.client.query(DISTINCTIVE_PERSONAL_DATA);
    const { rows } = await source.client.query<{ value: string }>(`
      select email as value from users union all select first_name from users union all select last_name from users
      union all select phone from users where phone is not null union all select host(last_login_ip) from users where last_login_ip is not null
      union all select name from organizations union all select note from orders where note is not null
      union all select birth_date::text from user_profiles where birth_date is not null`);
    personalValues = rows.map((r) => r.value);
    target = await databaseWithSchema(FIXTURE_SCHEMA, 'copytgt');
    result = await copyAnonymised(source.client, target.client, { config: resolveSeedConfig(COPY_CONFIG), seed: 3, hashKey: 'test-key', environment: 'staging' });
  });

  afterAll(async () => {
    await source.close();
    await target.close();
  });

  it('never writes a configured, listed or detected personal value to the target', async () => {
    const dump = await dumpTables(target.client, FIXTURE_TABLES);
    expect(dump.length).toBeGreaterThan(1000);
    for (const marker of ['Src', 'leak.example', 'SECRET-NOTE', '+1 555 01', '192.0.2.', '1901-']) expect(dump).not.toContain(marker);
    expect(personalValues.length).toBeGreaterThan(300);
    expect(personalValues.filter((value) => dump.includes(value))).toEqual([]);
  });

  it('copies a column kept with a reason unchanged', async () => {
    const names = await target.query<{ name: string }>('select name from products');
    expect(names.length).toBe(30);
    for (const { name } of names) expect(name).toMatch(/^Catalogue item \d+$/);
  });

  it('lists what it masked and why, including a reasoned keep', () => {
    const byColumn = Object.fromEntries(result.masked.map((m) => [m.column.replace('public.', ''), `${m.rule} ${m.origin}${m.reason ? `: ${m.reason}` : ''}`]));
    expect(byColumn).toEqual({
      'organizations.name': 'fake detected',
      'products.name': 'keep configured: catalogue data, not personal',
      'user_profiles.birth_date': 'fake detected',
      'users.email': 'hash configured',
      'users.first_name': 'fake detected',
      'users.last_name': 'fake detected',
      'users.phone': 'fake detected',
      'users.last_login_ip': 'fake detected',
      'orders.note': 'fake listed',
    });
  });

  it('masks with realistic values of the same kind, and hashes keep the shape of an email', async () => {
    const users = await target.query<{ email: string; first_name: string; ip: string | null }>('select email, first_name, host(last_login_ip) as ip from users');
    expect(users.length).toBe(30);
    for (const u of users) {
      expect(u.email).toMatch(/^[0-9a-f]{16}@example\.invalid$/);
      expect(u.first_name).toMatch(/^[A-Z][A-Za-z' -]+$/);
      if (u.ip !== null) expect(u.ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    }
    expect(new Set(users.map((u) => u.email)).size).toBe(30);
  });

  it('copies a subset whose children follow the sampled parents', async () => {
    const counts = await rowCounts(target.client, FIXTURE_TABLES);
    expect(counts.users).toBe(30);
    expect(counts.organizations).toBe(30);
    const copiedUsers = (await target.query<{ id: string }>('select id from users')).map((u) => u.id);
    const [expected] = await source.query<{ n: number }>('select count(*)::int as n from orders where user_id = any($1::bigint[])', [copiedUsers]);
    expect(counts.orders).toBe(expected.n);
    expect(counts.orders).toBeGreaterThan(0);
    // Unmasked columns arrive unchanged: the same order has the same total in both databases.
    const sourceTotals = await source.query<{ id: string; total: string }>('select id, total from orders where user_id = any($1::bigint[]) order by id', [copiedUsers]);
    expect(await target.query('select id, total from orders order by id')).toEqual(sourceTotals);
  });

  it('moves identity and serial sequences past the copied keys', async () => {
    const [maxUser] = await target.query<{ max: string }>('select max(id) as max from users');
    const [organization] = await target.query<{ id: string }>('select id from organizations limit 1');
    const [inserted] = await target.query<{ id: string }>(
      "insert into users (organization_id, email, first_name, last_name) values ($1, 'new@example.test', 'New', 'User') returning id",
      [organization.id],
    );
    expect(Number(inserted.id)).toBeGreaterThan(Number(maxUser.max));
  });
});

describe('anonymised copy refusals', () => {
  let source: SchemaDatabase;
  let target: SchemaDatabase;

  beforeAll(async () => {
    source = await databaseWithSchema(FIXTURE_SCHEMA, 'copysrc');
    await seedDatabase(source.client, { seed: 5, rows: 10, root: EMPTY_PROJECT });
  });
  beforeEach(async () => {
    target = await databaseWithSchema(FIXTURE_SCHEMA, 'copytgt');
  });
  afterEach(() => target.close());
  afterAll(() => source.close());

  it('refuses to keep a detected personal column without a reason, and writes nothing', async () => {
    const config = resolveSeedConfig({ copy: { masks: { 'users.email': 'keep' } } });
    const error = await errorOf(copyAnonymised(source.client, target.client, { config }));
    expect(error).toBeInstanceOf(SeedError);
    expect(error.message).toMatch(/Refusing to copy public\.users\.email unmasked: it looks like personal data \(email\)/);
    expect(error.details).toMatchObject({ table: 'public.users', column: 'email' });
    expect(await rowCounts(target.client, FIXTURE_TABLES)).toEqual(Object.fromEntries(FIXTURE_TABLES.map((t) => [t, 0])));
  });

  it('refuses a mask that would break a foreign key', async () => {
    const config = resolveSeedConfig({ copy: { masks: { 'users.id': 'fake' } } });
    const error = await errorOf(copyAnonymised(source.client, target.client, { config }));
    expect(error.message).toMatch(/Cannot mask public\.users\.id with "fake": it is part of a foreign key/);
  });

  it('refuses a production target by its marker', async () => {
    await markEnvironment(target.client, 'production');
    const error = await errorOf(copyAnonymised(source.client, target.client, { environment: 'staging' }));
    expect(error).toBeInstanceOf(ProductionRefusedError);
    expect(await rowCounts(target.client, ['users'])).toEqual({ users: 0 });
  });
});
