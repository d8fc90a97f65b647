import { deploy } from '../../../packages/core/src/deploy';
import { locateErrorInStatement } from '../../../packages/core/src/locate-error';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { migrationFolder, type MigrationFolder } from './support';

describe('plan (dry run)', () => {
  let db: TestDatabase;
  let folder: MigrationFolder;
  beforeEach(async () => {
    db = await createTestDatabase('deploy_plan');
  });
  afterEach(async () => {
    await folder?.cleanup();
    await db.drop();
  });

  it('runs pending migrations in a rolled-back transaction, later ones seeing earlier ones, and changes nothing', async () => {
    folder = await migrationFolder({
      '20240101000000_a.sql': 'create table a (id int primary key);\n',
      '20240102000000_b.sql': 'alter table a add column label text;\ninsert into a values (1, $$one$$);\n',
      '20240103000000_index.sql': '-- transaction: none\ncreate index concurrently a_label on a (label);\n',
    });
    const result = await deploy({ databaseUrl: db.url, migrationsDir: folder.dir, dryRun: true });

    expect(result.outcome).toBe('dry-run-passed');
    expect(result.ok).toBe(true);
    expect(result.migrations.map((m) => [m.version, m.status])).toEqual([
      ['20240101000000', 'dry-run-ok'],
      ['20240102000000', 'dry-run-ok'],
      ['20240103000000', 'dry-run-skipped'],
    ]);
    expect(result.message).toContain('The database was not changed');
    expect(result.audit.recorded).toBe(false);
    expect(await db.query(`select to_regclass('a') as a, to_regnamespace('supabase_migrations') as s`)).toEqual([{ a: null, s: null }]);
  });

  it('reports the failing statement at the file line and column Postgres points at', async () => {
    folder = await migrationFolder({
      '20240101000000_b.sql': 'create table b (id int);\n',
      '20240102000000_query.sql': "-- a comment first\ninsert into b values (1);\nselect 'é', id,\n       missing_col\n  from b;\n",
      '20240103000000_after.sql': 'create table after (id int);\n',
    });
    const result = await deploy({ databaseUrl: db.url, migrationsDir: folder.dir, displayRoot: folder.dir, dryRun: true });

    expect(result.outcome).toBe('dry-run-failed');
    expect(result.migrations.map((m) => m.status)).toEqual(['dry-run-ok', 'dry-run-failed', 'not-run']);
    expect(result.error?.migration).toMatchObject({
      kind: 'sql',
      code: '42703',
      file: '20240102000000_query.sql',
      line: 4,
      column: 8,
      message: 'column "missing_col" does not exist',
      statement: { index: 1, line: 3, column: 1 },
    });
    expect(result.message).toContain('20240102000000_query.sql:4:8: column "missing_col" does not exist (SQLSTATE 42703)');
    expect(result.migrations[2].note).toBe('Not checked: 20240102000000_query.sql failed first.');
    expect(await db.query(`select to_regclass('b') as b`)).toEqual([{ b: null }]);
  });

  it('reports the hint Postgres gives', async () => {
    folder = await migrationFolder({ '20240101000000_hint.sql': 'create table h (id int);\nselect * from h where id = lenght($$x$$);\n' });
    const result = await deploy({ databaseUrl: db.url, migrationsDir: folder.dir, displayRoot: folder.dir, dryRun: true });
    expect(result.error?.migration).toMatchObject({ code: '42883', line: 2, column: 28, hint: expect.stringMatching(/No function matches the given name and argument types/) });
    expect(result.message).toMatch(/\n {2}Hint: No function matches/);
  });

  it('plans nothing when everything is applied', async () => {
    folder = await migrationFolder({ '20240101000000_a.sql': 'create table a (id int);\n' });
    await deploy({ databaseUrl: db.url, migrationsDir: folder.dir });
    const result = await deploy({ databaseUrl: db.url, migrationsDir: folder.dir, dryRun: true });
    expect(result).toMatchObject({ outcome: 'dry-run-passed', migrations: [], message: 'Nothing to deploy: all 1 migration(s) are already applied.' });
  });
});

describe('locateErrorInStatement', () => {
  it('counts characters, not UTF-16 units, from the statement start', () => {
    const text = "select '😀', x,\n  y";
    const statement = { text, line: 10, column: 5, kind: 'SelectStmt', node: {}, byteStart: 100, byteEnd: 100 + Buffer.byteLength(text) };
    const at = (position: string) => locateErrorInStatement(statement, { message: 'm', position });
    expect(at('1')).toEqual({ line: 10, column: 5 });
    expect(at('13')).toEqual({ line: 10, column: 17 }); // "x"
    expect(at('18')).toEqual({ line: 11, column: 3 }); // "y"
  });
});
