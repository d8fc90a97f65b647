/**
 * The seed action from its dist bundle, as GitHub runs it, against a real Postgres database.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runAction } from '../support/action-runner';
import { createTestDatabase, type TestDatabase } from '../support/database';

const SCHEMA = `
create type post_status as enum ('draft', 'published');
create table authors (id bigint generated always as identity primary key, email text not null unique, name varchar(40) not null);
create table posts (
  id uuid primary key default gen_random_uuid(),
  author_id bigint not null references authors (id),
  title text not null check (char_length(title) >= 5),
  status post_status not null,
  price numeric(8, 2) check (price > 0)
);`;

describe('seed action (dist bundle)', () => {
  let db: TestDatabase;
  let workspace: string;

  beforeEach(async () => {
    db = await createTestDatabase('seedbundle');
    await db.query(SCHEMA);
    workspace = mkdtempSync(path.join(os.tmpdir(), 'mg-seed-bundle-'));
    writeFileSync(path.join(workspace, 'seed.config.json'), JSON.stringify({ tables: { posts: { rows: 12 } } }));
  });
  afterEach(async () => {
    rmSync(workspace, { recursive: true, force: true });
    await db.drop();
  });

  function run(inputs: Record<string, string> = {}) {
    return runAction({
      action: 'seed',
      workspace,
      eventName: 'workflow_dispatch',
      event: {},
      inputs: { 'database-url': db.url, config: 'seed.config.json', seed: '7', rows: '4', environment: 'preview', ...inputs },
    });
  }

  it('fills the tables with rows that satisfy the schema, masking the URL first', async () => {
    const result = await run();
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe(`::add-mask::${db.url}`);
    expect(result.outputs['rows-inserted']).toBe('16');
    expect(JSON.parse(result.outputs.tables)).toEqual({ 'public.authors': 4, 'public.posts': 12 });
    const [counts] = await db.query<{ authors: string; posts: string; short: string }>(
      "select (select count(*) from authors) as authors, (select count(*) from posts) as posts, (select count(*) from posts where char_length(title) < 5) as short",
    );
    expect(counts).toEqual({ authors: '4', posts: '12', short: '0' });
  });

  it('refuses the production environment and writes nothing', async () => {
    const result = await run({ environment: 'production' });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/::error::Refusing to seed/);
    expect(await db.query('select 1 from authors')).toEqual([]);
  });
});
