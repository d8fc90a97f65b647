/**
 * Compatibility with the Supabase CLI's migration history (supabase/cli pkg/migration): the CLI's
 * statements are reproduced here as SQL text and hand-derived arrays, not by running the CLI.
 */
import * as path from 'node:path';
import { deploy, migrationStatus } from '../../../packages/core/src/deploy';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { FIXTURES, migrationFolder, recordedVersions, withClient } from './support';

const BASIC = path.join(FIXTURES, 'basic');

/** What the CLI runs before recording anything (its CreateMigrationTable batch). */
const CLI_CREATE_HISTORY = [
  "SET lock_timeout = '4s'",
  'CREATE SCHEMA IF NOT EXISTS supabase_migrations',
  'CREATE TABLE IF NOT EXISTS supabase_migrations.schema_migrations (version text NOT NULL PRIMARY KEY)',
  'ALTER TABLE supabase_migrations.schema_migrations ADD COLUMN IF NOT EXISTS statements text[]',
  'ALTER TABLE supabase_migrations.schema_migrations ADD COLUMN IF NOT EXISTS name text',
].join(';\n');
const CLI_INSERT = 'INSERT INTO supabase_migrations.schema_migrations(version, name, statements) VALUES($1, $2, $3)';
const CLI_LIST = 'SELECT version FROM supabase_migrations.schema_migrations ORDER BY version';
const CLI_SELECT = "SELECT version, coalesce(name, '') as name, statements FROM supabase_migrations.schema_migrations";

/** The basic fixture's statements as the CLI's splitter cuts them (comments kept, trailing semicolons trimmed). */
const CLI_STATEMENTS: Record<string, [string, string[]]> = {
  '20240101000000': [
    'create_profiles',
    [
      '-- Profiles for every user\ncreate table profiles (\n  id bigint generated always as identity primary key,\n  name text not null\n)',
      "comment on table profiles is 'one row per user; semicolons; in strings'",
    ],
  ],
  '20240102000000': ['add_email', ['alter table profiles add column email text', '-- trailing note']],
};

describe('history compatibility with the Supabase CLI', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase('deploy_compat');
  });
  afterEach(() => db.drop());

  it('writes a history the CLI reads: same table shape, versions, names and statements', async () => {
    expect((await deploy({ databaseUrl: db.url, migrationsDir: BASIC })).outcome).toBe('applied');

    await withClient(db.url, async (cli) => {
      // The CLI's idempotent setup runs cleanly over our tables and changes nothing.
      await cli.query(CLI_CREATE_HISTORY);
      const columns = await cli.query(
        `select column_name, data_type, is_nullable from information_schema.columns
          where table_schema = 'supabase_migrations' and table_name = 'schema_migrations' order by ordinal_position`,
      );
      expect(columns.rows).toEqual([
        { column_name: 'version', data_type: 'text', is_nullable: 'NO' },
        { column_name: 'statements', data_type: 'ARRAY', is_nullable: 'YES' },
        { column_name: 'name', data_type: 'text', is_nullable: 'YES' },
      ]);
      const pk = await cli.query(`select pg_get_constraintdef(oid) as def from pg_constraint where conrelid = 'supabase_migrations.schema_migrations'::regclass`);
      expect(pk.rows).toEqual([{ def: 'PRIMARY KEY (version)' }]);

      // `supabase migration list`: every local version is on the remote, nothing missing either way.
      const remote = (await cli.query(CLI_LIST)).rows.map((r) => r.version);
      expect(remote).toEqual(['20240101000000', '20240102000000', '20240103000000']);
      const rows = (await cli.query(CLI_SELECT)).rows;
      for (const [version, [name, statements]] of Object.entries(CLI_STATEMENTS)) {
        expect(rows.find((r) => r.version === version)).toEqual({ version, name, statements });
      }

      // `supabase db push` of a later migration, next to our tables.
      await cli.query(CLI_INSERT, ['20240104000000', 'from_cli', ['create table from_cli (id int)']]);
      await cli.query('create table from_cli (id int)');
    });

    const folder = await migrationFolder({ '20240104000000_from_cli.sql': 'create table from_cli (id int);\n' }, BASIC);
    try {
      const status = await migrationStatus({ databaseUrl: db.url, migrationsDir: folder.dir });
      expect(status.pending).toEqual([]);
      expect(status.drift).toEqual([]);
      expect(status.applied.map((a) => [a.version, a.appliedBy, a.verifiedBy, a.state])).toEqual([
        ['20240101000000', 'migration-gate', 'checksum', 'verified'],
        ['20240102000000', 'migration-gate', 'checksum', 'verified'],
        ['20240103000000', 'migration-gate', 'checksum', 'verified'],
        ['20240104000000', 'other', 'statements', 'verified'],
      ]);
    } finally {
      await folder.cleanup();
    }

    // `supabase migration repair` of the whole history truncates the table: our tables must not block it.
    await db.query('TRUNCATE supabase_migrations.schema_migrations');
    const afterTruncate = await migrationStatus({ databaseUrl: db.url, migrationsDir: BASIC });
    expect(afterTruncate.applied).toEqual([]);
    expect(afterTruncate.pending.map((p) => p.version)).toEqual(['20240101000000', '20240102000000', '20240103000000']);
  });

  it('reads a history the CLI created and continues it, verifying CLI rows by their statements', async () => {
    await withClient(db.url, async (cli) => {
      await cli.query(CLI_CREATE_HISTORY);
      for (const [version, [name, statements]] of Object.entries(CLI_STATEMENTS)) {
        await cli.query('begin');
        for (const statement of statements) await cli.query(statement);
        await cli.query(CLI_INSERT, [version, name, statements]);
        await cli.query('commit');
      }
    });

    const result = await deploy({ databaseUrl: db.url, migrationsDir: BASIC });
    expect(result.outcome).toBe('applied');
    expect(result.migrations.map((m) => m.version)).toEqual(['20240103000000']);
    expect(result.applied.map((a) => [a.version, a.appliedBy, a.verifiedBy, a.state])).toEqual([
      ['20240101000000', 'other', 'statements', 'verified'],
      ['20240102000000', 'other', 'statements', 'verified'],
    ]);
    expect(await recordedVersions((sql) => db.query(sql))).toEqual(['20240101000000', '20240102000000', '20240103000000']);

    // An edit to a CLI-applied file is caught through the recorded statements.
    const folder = await migrationFolder({}, BASIC);
    try {
      await folder.write('20240102000000_add_email.sql', 'alter table profiles add column email varchar(200);\n-- trailing note\n');
      const refused = await deploy({ databaseUrl: db.url, migrationsDir: folder.dir, displayRoot: folder.dir });
      expect(refused.outcome).toBe('refused');
      expect(refused.drift).toEqual([expect.objectContaining({ kind: 'changed', version: '20240102000000' })]);
      expect(refused.message).toContain('its statements differ from those recorded in supabase_migrations.schema_migrations');

      // Reformatting (whitespace, semicolons) is not an edit.
      await folder.write('20240102000000_add_email.sql', 'alter table profiles\n    add column email text;;\n\n-- trailing note');
      expect((await deploy({ databaseUrl: db.url, migrationsDir: folder.dir })).outcome).toBe('up-to-date');
    } finally {
      await folder.cleanup();
    }
  });

  it('accepts rows of an old CLI that recorded versions only, noting that they cannot be verified', async () => {
    await db.query('create schema supabase_migrations');
    await db.query('create table supabase_migrations.schema_migrations (version text not null primary key)');
    await db.query(`insert into supabase_migrations.schema_migrations values ('20240101000000')`);
    await db.query(`create table profiles (id bigint generated always as identity primary key, name text not null)`);

    const result = await deploy({ databaseUrl: db.url, migrationsDir: BASIC, displayRoot: BASIC });
    expect(result.outcome).toBe('applied');
    expect(result.migrations.map((m) => m.version)).toEqual(['20240102000000', '20240103000000']);
    expect(result.applied).toEqual([expect.objectContaining({ version: '20240101000000', state: 'unverified', verifiedBy: 'none' })]);
    expect(result.notes).toEqual(['20240101000000_create_profiles.sql: recorded without statements (by an older Supabase CLI), so whether the file changed since it was applied cannot be checked.']);
    // The table gained the CLI's newer columns, as the CLI itself would add them.
    expect(await db.query(`select version, name, statements from supabase_migrations.schema_migrations where version = '20240101000000'`)).toEqual([
      { version: '20240101000000', name: null, statements: null },
    ]);
  });
});
