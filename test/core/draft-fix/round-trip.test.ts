/**
 * The drafts against a real PostgreSQL: apply a fixture migration to a fresh database, apply its
 * draft the way the deploy would, and compare the catalog with the state before the migration.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { draftForwardFix } from '../../../packages/core/src/draft-fix';
import { loadParser } from '../../../packages/core/src/parser';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import {
  CREATE_AUTHENTICATED_ROLE,
  FIXTURES,
  applyMigration,
  catalogSnapshot,
  loadFixture,
  readBack,
  runStatementByStatement,
  type CatalogSnapshot,
} from './support';

let db: TestDatabase;
const snapshot = () => catalogSnapshot((sql) => db.query<{ line: string }>(sql));

beforeAll(loadParser);

beforeEach(async () => {
  db = await createTestDatabase('draft_fix');
  await db.query(CREATE_AUTHENTICATED_ROLE);
  await db.query(readFileSync(path.join(FIXTURES, 'base-schema.sql'), 'utf8'));
});

afterEach(() => db.drop());

/** Applies the draft as the deploy would run a migration with its header directives. */
async function applyDraft(fileName: string, sql: string): Promise<void> {
  const { migration, findings } = readBack(fileName, sql);
  expect(findings).toEqual([]);
  await applyMigration(db.url, migration);
}

function without(snapshot: CatalogSnapshot, part: keyof CatalogSnapshot, matching: RegExp): CatalogSnapshot {
  return { ...snapshot, [part]: snapshot[part].filter((line) => !matching.test(line)) };
}

describe('draft forward fix on a real database', () => {
  it('undoes create table, indexes, an added column, RLS, a policy, a function and a grant; a dropped column stays gone', async () => {
    const before = await snapshot();
    const migration = loadFixture('20240301100000_create_orders.sql');
    await applyMigration(db.url, migration);
    const applied = await snapshot();
    expect(applied.relations.some((line) => line.startsWith('public.orders '))).toBe(true);

    const draft = draftForwardFix(migration);
    expect(draft.sql).toContain('-- transaction: none');
    await applyDraft(draft.fileName, draft.sql);

    // The column the migration dropped is the one thing listed for manual work that the catalog shows.
    expect(draft.manual.map((step) => step.line)).toEqual([26, 30]);
    expect(await snapshot()).toEqual(without(before, 'columns', /^public\.profiles\.avatar_url /));
    // Data changes are not undone: the inserted profile is still there.
    expect(await db.query('select id from public.profiles order by id')).toEqual([{ id: '1' }, { id: '2' }, { id: '42' }]);
  });

  it('undoes schemas, extensions, types, domains, sequences, views, triggers, procedures, renames, NOT NULL and grants exactly', async () => {
    const before = await snapshot();
    const migration = loadFixture('20240402090000_every_mapping.sql');
    await applyMigration(db.url, migration);
    expect(await snapshot()).not.toEqual(before);

    const draft = draftForwardFix(migration);
    expect(draft.manual).toEqual([]);
    await applyDraft(draft.fileName, draft.sql);

    expect(await snapshot()).toEqual(before);
  });

  it('after a part-way failure outside a transaction, undoes what ran and the INVALID index the failed build left', async () => {
    await db.query(`insert into public.profiles (id, display_name) values (3, 'Ada')`);
    const before = await snapshot();
    const migration = loadFixture('20240601080000_concurrent_index.sql');

    const run = await runStatementByStatement(db.url, migration);
    expect(run.error?.message).toMatch(/could not create unique index/);
    expect(run.failedAt).toBe(2);
    expect((await snapshot()).invalidIndexes).toEqual(['profiles_display_name_key']);

    const draft = draftForwardFix(migration, { failedStatementIndex: run.failedAt });
    expect(draft.sql).not.toContain('verified');
    await applyDraft(draft.fileName, draft.sql);

    expect(await snapshot()).toEqual(before);
  });
});
