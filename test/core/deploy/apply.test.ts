import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { deploy, DEPLOY_LOCK_KEY } from '../../../packages/core/src/deploy';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { collectingLogger, FIXTURES, migrationFolder, type MigrationFolder } from './support';

const BASIC = path.join(FIXTURES, 'basic');
const sha256 = (file: string) => createHash('sha256').update(readFileSync(path.join(BASIC, file))).digest('hex');

const context = {
  environment: 'staging',
  gitSha: '0123456789abcdef0123456789abcdef01234567',
  actor: 'octocat',
  workflowRunUrl: 'https://github.com/acme/app/actions/runs/42',
  trigger: 'push',
  approvers: [{ login: 'reviewer', approvedAt: '2024-05-01T10:00:00Z' }],
};

describe('deploy: applying migrations', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase('deploy_apply');
  });
  afterEach(async () => {
    await db.drop();
  });

  it('applies pending migrations, recording the Supabase history, checksums and an audit row', async () => {
    const { logger, entries } = collectingLogger();
    const result = await deploy({ databaseUrl: db.url, migrationsDir: BASIC, context, logger });

    expect(result.outcome).toBe('applied');
    expect(result.ok).toBe(true);
    expect(result.migrations.map((m) => [m.version, m.status])).toEqual([
      ['20240101000000', 'applied'],
      ['20240102000000', 'applied'],
      ['20240103000000', 'applied'],
    ]);

    const history = await db.query('select version, name, statements from supabase_migrations.schema_migrations order by version');
    expect(history).toEqual([
      {
        version: '20240101000000',
        name: 'create_profiles',
        statements: [
          '-- Profiles for every user\ncreate table profiles (\n  id bigint generated always as identity primary key,\n  name text not null\n)',
          "comment on table profiles is 'one row per user; semicolons; in strings'",
        ],
      },
      { version: '20240102000000', name: 'add_email', statements: ['alter table profiles add column email text', '-- trailing note'] },
      {
        version: '20240103000000',
        name: 'functions',
        statements: [
          'create function profile_count() returns bigint language sql as $$ select count(*) from profiles; $$',
          '/* a function whose body holds semicolons outside any quotes */\ncreate function one() returns int language sql\nbegin atomic\n  select 1;\nend',
        ],
      },
    ]);

    const applied = await db.query<{ version: string; checksum: string; git_sha: string; audit_id: string; transactional: boolean; attempts: number; duration_ms: number }>(
      'select version, checksum, git_sha, audit_id, transactional, attempts, duration_ms from supabase_migrations.gate_applied order by version',
    );
    expect(applied.map((a) => [a.version, a.checksum])).toEqual([
      ['20240101000000', sha256('20240101000000_create_profiles.sql')],
      ['20240102000000', sha256('20240102000000_add_email.sql')],
      ['20240103000000', sha256('20240103000000_functions.sql')],
    ]);
    expect(new Set(applied.map((a) => Number(a.audit_id)))).toEqual(new Set([result.audit.id]));
    expect(applied.every((a) => a.git_sha === context.gitSha && a.transactional && a.attempts === 1 && a.duration_ms >= 0)).toBe(true);

    const [audit] = await db.query<Record<string, any>>('select * from supabase_migrations.gate_audit');
    expect(audit).toMatchObject({
      id: String(result.audit.id),
      command: 'deploy',
      environment: 'staging',
      outcome: 'applied',
      versions: ['20240101000000', '20240102000000', '20240103000000'],
      applied_versions: ['20240101000000', '20240102000000', '20240103000000'],
      git_sha: context.gitSha,
      actor: 'octocat',
      workflow_run_url: context.workflowRunUrl,
      trigger: 'push',
      override: false,
      override_reason: null,
      bypassed_gates: [],
      approvers: context.approvers,
      error: null,
    });
    expect(audit.checksums).toEqual({
      '20240101000000': sha256('20240101000000_create_profiles.sql'),
      '20240102000000': sha256('20240102000000_add_email.sql'),
      '20240103000000': sha256('20240103000000_functions.sql'),
    });
    expect(Object.keys(audit.migration_durations).sort()).toEqual(['20240101000000', '20240102000000', '20240103000000']);
    expect(audit.restore_point_lsn).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
    expect(audit.restore_point_time.getTime()).toBeLessThanOrEqual(audit.finished_at.getTime());
    expect(audit.started_at.getTime()).toBeLessThanOrEqual(audit.finished_at.getTime());
    expect(audit.application_name).toMatch(/^migration-gate deploy staging 0123456/);

    // The returned record is the row, as JSON.
    expect(result.audit).toMatchObject({ recorded: true, outcome: 'applied', appliedVersions: audit.applied_versions, restorePoint: { walLsn: audit.restore_point_lsn } });
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);

    expect(await db.query(`select profile_count() as n, one() as one`)).toEqual([{ n: '0', one: 1 }]);
    expect(entries.filter((e) => e.event === 'migration-applied')).toHaveLength(3);
    // The session lock is released at the end.
    expect(await db.query(`select count(*)::int as n from pg_locks where locktype = 'advisory'`)).toEqual([{ n: 0 }]);
    expect(DEPLOY_LOCK_KEY).toBe(BigInt('0x6d676465706c6f79').toString());
  });

  it('applies nothing on a second run and says so, still writing an audit row', async () => {
    await deploy({ databaseUrl: db.url, migrationsDir: BASIC });
    const before = await db.query('select version, applied_at from supabase_migrations.gate_applied order by version');

    const again = await deploy({ databaseUrl: db.url, migrationsDir: BASIC, context });
    expect(again.outcome).toBe('up-to-date');
    expect(again.ok).toBe(true);
    expect(again.message).toBe('Nothing to deploy: all 3 migration(s) are already applied.');
    expect(again.migrations).toEqual([]);
    expect(again.applied.map((a) => a.state)).toEqual(['verified', 'verified', 'verified']);
    expect(await db.query('select version, applied_at from supabase_migrations.gate_applied order by version')).toEqual(before);
    const audits = await db.query<{ outcome: string; versions: string[] }>('select outcome, versions from supabase_migrations.gate_audit order by id');
    expect(audits).toEqual([
      { outcome: 'applied', versions: ['20240101000000', '20240102000000', '20240103000000'] },
      { outcome: 'up-to-date', versions: [] },
    ]);
  });

  describe('a failing migration', () => {
    let folder: MigrationFolder;
    beforeEach(async () => {
      folder = await migrationFolder({
        '20240201000000_items.sql': 'create table items (id int primary key);\n',
        '20240202000000_seed.sql': 'insert into items values (1);\n\ninsert into items\n  values (1);\n',
        '20240203000000_later.sql': 'create table later (id int);\n',
      });
    });
    afterEach(() => folder.cleanup());

    it('stops at file:line with detail, keeps earlier migrations, records nothing of it, and audits the failure', async () => {
      const result = await deploy({ databaseUrl: db.url, migrationsDir: folder.dir, displayRoot: folder.dir, context });

      expect(result.outcome).toBe('failed');
      expect(result.ok).toBe(false);
      expect(result.migrations.map((m) => [m.version, m.status])).toEqual([
        ['20240201000000', 'applied'],
        ['20240202000000', 'failed'],
        ['20240203000000', 'not-run'],
      ]);
      expect(result.error?.migration).toMatchObject({
        kind: 'sql',
        code: '23505',
        file: '20240202000000_seed.sql',
        line: 3,
        column: 1,
        detail: 'Key (id)=(1) already exists.',
        statement: { index: 1, line: 3 },
      });
      expect(result.message).toContain('20240202000000_seed.sql:3:1: duplicate key value violates unique constraint "items_pkey" (SQLSTATE 23505)');
      expect(result.message).toContain('Detail: Key (id)=(1) already exists.');
      expect(result.forwardFix).toContain('Fix forward');
      expect(result.forwardFix).toContain('The 1 migration(s) applied before it in this run stay applied');

      expect(await db.query('select version from supabase_migrations.schema_migrations')).toEqual([{ version: '20240201000000' }]);
      expect(await db.query('select count(*)::int as n from items')).toEqual([{ n: 0 }]);
      const [audit] = await db.query<Record<string, any>>('select outcome, error, versions, applied_versions from supabase_migrations.gate_audit');
      expect(audit).toEqual({
        outcome: 'failed',
        error: '20240202000000_seed.sql:3:1: duplicate key value violates unique constraint "items_pkey"',
        versions: ['20240201000000', '20240202000000', '20240203000000'],
        applied_versions: ['20240201000000'],
      });
      expect(result.audit).toMatchObject({ recorded: true, outcome: 'failed', error: audit.error });
    });
  });

  it('refuses files that open or commit transactions of their own, before changing anything', async () => {
    const folder = await migrationFolder({
      '20240301000000_wrapped.sql': 'begin;\ncreate table wrapped (id int);\ncommit;\n',
      '20240302000000_split.sql': 'create table first_half (id int);\ncommit;\ncreate table second_half (id int);\n',
    });
    try {
      const refused = await deploy({ databaseUrl: db.url, migrationsDir: folder.dir, displayRoot: folder.dir });
      expect(refused.outcome).toBe('refused');
      expect(refused.problems).toEqual([expect.objectContaining({ file: '20240302000000_split.sql', line: 2 })]);
      expect(await db.query(`select to_regclass('wrapped') as t`)).toEqual([{ t: null }]);

      await folder.remove('20240302000000_split.sql');
      // A whole-file BEGIN ... COMMIT wrapper is replaced by the deploy's own transaction.
      const applied = await deploy({ databaseUrl: db.url, migrationsDir: folder.dir, displayRoot: folder.dir });
      expect(applied.outcome).toBe('applied');
      expect(await db.query(`select to_regclass('wrapped')::text as t`)).toEqual([{ t: 'wrapped' }]);
    } finally {
      await folder.cleanup();
    }
  });

  it('records statements verbatim, including quotes, backslashes and $n placeholders', async () => {
    const sql = "create function add_one(int) returns int language sql as 'select $1 + 1';\ncomment on function add_one(int) is E'it''s \\\\ \"$2\"';\n";
    const folder = await migrationFolder({ '20240601000000_placeholders.sql': sql });
    try {
      expect((await deploy({ databaseUrl: db.url, migrationsDir: folder.dir })).outcome).toBe('applied');
      expect(await db.query('select statements from supabase_migrations.schema_migrations')).toEqual([
        { statements: ["create function add_one(int) returns int language sql as 'select $1 + 1'", "comment on function add_one(int) is E'it''s \\\\ \"$2\"'"] },
      ]);
      expect(await db.query(`select add_one(1) as two, obj_description('add_one(int)'::regprocedure) as comment`)).toEqual([{ two: 2, comment: 'it\'s \\ "$2"' }]);
    } finally {
      await folder.cleanup();
    }
  });

  it('resets session settings between migrations', async () => {
    const folder = await migrationFolder({
      '20240401000000_empty_search_path.sql': "select set_config('search_path', '', false);\n",
      '20240402000000_unqualified.sql': 'create table unqualified (id int);\n',
    });
    try {
      const result = await deploy({ databaseUrl: db.url, migrationsDir: folder.dir });
      expect(result.outcome).toBe('applied');
      expect(await db.query(`select schemaname from pg_tables where tablename = 'unqualified'`)).toEqual([{ schemaname: 'public' }]);
    } finally {
      await folder.cleanup();
    }
  });

  it('writes the history as the deploying login even when a migration switches role', async () => {
    const role = `mg_app_${Date.now().toString(36)}`;
    const folder = await migrationFolder({
      '20240701000000_as_app.sql': `create role ${role};\ngrant create, usage on schema public to ${role};\nset role ${role};\ncreate table owned_by_app (id int);\n`,
    });
    try {
      const result = await deploy({ databaseUrl: db.url, migrationsDir: folder.dir });
      expect(result.error).toBeUndefined();
      expect(await db.query(`select tableowner from pg_tables where tablename = 'owned_by_app'`)).toEqual([{ tableowner: role }]);
      expect(await db.query('select applied_by from supabase_migrations.gate_applied')).toEqual([{ applied_by: 'postgres' }]);
    } finally {
      await folder.cleanup();
      await db.query(`drop owned by ${role}`).catch(() => undefined);
      await db.query(`drop role if exists ${role}`);
    }
  });

  it('refuses invalid files (syntax errors) with file:line and applies nothing', async () => {
    const folder = await migrationFolder({
      '20240501000000_ok.sql': 'create table ok (id int);\n',
      '20240502000000_broken.sql': 'create table broken (id int;\n',
    });
    try {
      const result = await deploy({ databaseUrl: db.url, migrationsDir: folder.dir, displayRoot: folder.dir });
      expect(result.outcome).toBe('refused');
      expect(result.error?.kind).toBe('invalid-migrations');
      expect(result.problems).toEqual([expect.objectContaining({ file: '20240502000000_broken.sql', line: 1 })]);
      expect(await db.query(`select to_regclass('ok') as t`)).toEqual([{ t: null }]);
      const [audit] = await db.query<{ outcome: string }>('select outcome from supabase_migrations.gate_audit');
      expect(audit.outcome).toBe('refused');
    } finally {
      await folder.cleanup();
    }
  });

  it('reports a missing migrations folder without touching the database', async () => {
    const result = await deploy({ databaseUrl: db.url, migrationsDir: path.join(FIXTURES, 'does-not-exist') });
    expect(result.outcome).toBe('refused');
    expect(result.message).toMatch(/does not exist/);
    expect(result.audit.recorded).toBe(false);
    expect(await db.query(`select to_regnamespace('supabase_migrations') as s`)).toEqual([{ s: null }]);
  });
});
