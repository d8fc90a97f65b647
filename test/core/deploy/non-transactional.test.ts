import { Client } from 'pg';
import { deploy } from '../../../packages/core/src/deploy';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { collectingLogger, migrationFolder, recordedVersions } from './support';

describe('deploy: "-- transaction: none" migrations', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase('deploy_notx');
  });
  afterEach(() => db.drop());

  it('runs CREATE INDEX CONCURRENTLY statement by statement and records the migration once all succeed', async () => {
    const folder = await migrationFolder({
      '20240101000000_orders.sql': 'create table orders (id int primary key, customer int);\ninsert into orders select g, g % 10 from generate_series(1, 100) g;\n',
      '20240102000000_index.sql': '-- transaction: none\ncreate index concurrently orders_customer on orders (customer);\ncreate index concurrently if not exists orders_customer_id on orders (customer, id);\n',
    });
    try {
      const result = await deploy({ databaseUrl: db.url, migrationsDir: folder.dir });
      expect(result.outcome).toBe('applied');
      expect(result.migrations[1]).toMatchObject({ transactional: false, status: 'applied' });
      expect(await db.query(`select indexname from pg_indexes where tablename = 'orders' order by indexname`)).toEqual([
        { indexname: 'orders_customer' },
        { indexname: 'orders_customer_id' },
        { indexname: 'orders_pkey' },
      ]);
      expect(await db.query(`select indisvalid from pg_index where indexrelid = 'orders_customer'::regclass`)).toEqual([{ indisvalid: true }]);
      expect(await db.query(`select statements, (select transactional from supabase_migrations.gate_applied g where g.version = h.version) from supabase_migrations.schema_migrations h where version = '20240102000000'`)).toEqual([
        {
          statements: ['-- transaction: none\ncreate index concurrently orders_customer on orders (customer)', 'create index concurrently if not exists orders_customer_id on orders (customer, id)'],
          transactional: false,
        },
      ]);
    } finally {
      await folder.cleanup();
    }
  });

  it('reports exactly which statements ran (file:line) when one fails, and leaves the migration unrecorded', async () => {
    const folder = await migrationFolder({
      '20240201000000_partial.sql': [
        '-- transaction: none',
        'create table partial_a (x int);',
        '',
        'create index concurrently partial_a_x',
        '  on partial_a (x);',
        'insert into no_such_table values (1);',
        'create table partial_b (x int);',
        '',
      ].join('\n'),
    });
    try {
      const result = await deploy({ databaseUrl: db.url, migrationsDir: folder.dir, displayRoot: folder.dir });
      expect(result.outcome).toBe('failed');
      const [run] = result.migrations;
      expect(run.status).toBe('failed');
      expect(run.statementsRun.map((s) => [s.file, s.line, s.summary])).toEqual([
        ['20240201000000_partial.sql', 2, 'create table partial_a (x int)'],
        ['20240201000000_partial.sql', 4, 'create index concurrently partial_a_x'],
      ]);
      expect(run.failedStatement).toMatchObject({ line: 6, index: 2 });
      expect(run.statementsNotRun.map((s) => s.line)).toEqual([7]);
      expect(run.error).toMatchObject({ code: '42P01', file: '20240201000000_partial.sql', line: 6, column: 13, message: 'relation "no_such_table" does not exist' });
      expect(result.forwardFix).toContain(
        'statements already committed: 20240201000000_partial.sql:2, 20240201000000_partial.sql:4; failed: 20240201000000_partial.sql:6; not run: 20240201000000_partial.sql:7',
      );
      expect(result.forwardFix).toContain('migration-gate repair --status applied 20240201000000');

      // What ran stays; nothing is recorded; nothing was rolled back.
      expect(await db.query(`select to_regclass('partial_a')::text as a, to_regclass('partial_a_x')::text as ix, to_regclass('partial_b')::text as b`)).toEqual([
        { a: 'partial_a', ix: 'partial_a_x', b: null },
      ]);
      expect(await recordedVersions((sql) => db.query(sql))).toEqual([]);
      expect(await db.query(`select outcome, applied_versions from supabase_migrations.gate_audit`)).toEqual([{ outcome: 'failed', applied_versions: [] }]);
    } finally {
      await folder.cleanup();
    }
  });
});

describe('deploy: a "-- transaction: none" migration run again after a partial failure', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase('deploy_notx_rerun');
  });
  afterEach(() => db.drop());

  it('links the re-run to the earlier attempt, names the statements still in effect, and never claims a rollback', async () => {
    const file = '20240301000000_partial.sql';
    const folder = await migrationFolder({
      [file]: '-- transaction: none\ncreate table rerun_a (x int);\ncreate index concurrently rerun_a_x on rerun_a (x);\ninsert into rerun_missing values (1);\n',
    });
    try {
      const first = await deploy({ databaseUrl: db.url, migrationsDir: folder.dir, displayRoot: folder.dir });
      expect(first.outcome).toBe('failed');
      expect(await db.query(`select partial_statements from supabase_migrations.gate_audit where id = $1`, [first.audit.id])).toEqual([
        { partial_statements: { '20240301000000': { checksum: first.migrations[0].checksum, committed: [{ index: 0, line: 2 }, { index: 1, line: 3 }] } } },
      ]);

      // The third statement is fixed, the first is still not safe to repeat.
      await folder.write(file, '-- transaction: none\ncreate table rerun_a (x int);\ncreate index concurrently rerun_a_x on rerun_a (x);\ncreate table rerun_missing (x int);\n');
      const { logger, entries } = collectingLogger();
      const second = await deploy({ databaseUrl: db.url, migrationsDir: folder.dir, displayRoot: folder.dir, logger });
      expect(second.outcome).toBe('failed');
      expect(second.error?.migration).toMatchObject({ line: 2, message: 'relation "rerun_a" already exists' });
      const earlier = `audit row ${first.audit.id} (failed, started ${first.audit.startedAt.slice(0, 10)}`;
      expect(entries.find((e) => e.event === 'partial-attempt')).toMatchObject({ level: 'warning', data: { version: '20240301000000', auditIds: [first.audit.id] } });
      expect(entries.find((e) => e.event === 'partial-attempt')!.message).toContain(`${file} ran partially before: ${earlier}`);
      expect(second.forwardFix).toContain(`${file} ("-- transaction: none") failed at its first statement, ${file}:2, so this attempt committed none of its statements; not run: ${file}:3, ${file}:4.`);
      expect(second.forwardFix).toContain(`Still in effect from earlier attempts: ${earlier}`);
      expect(second.forwardFix).toContain('committed the statement(s) at line(s) 2, 3 of the file as it was then (it has been edited since)');
      expect(second.forwardFix).not.toMatch(/rolled back/);
      expect(second.migrations[0].earlierAttempts?.map((a) => a.auditId)).toEqual([first.audit.id]);

      await folder.write(file, '-- transaction: none\ncreate table if not exists rerun_a (x int);\ncreate index concurrently if not exists rerun_a_x on rerun_a (x);\ncreate table rerun_missing (x int);\n');
      const third = await deploy({ databaseUrl: db.url, migrationsDir: folder.dir, displayRoot: folder.dir });
      expect(third.outcome).toBe('applied');
      expect(await recordedVersions((sql) => db.query(sql))).toEqual(['20240301000000']);
      expect(await db.query(`select outcome, applied_versions, partial_statements from supabase_migrations.gate_audit order by id`)).toEqual([
        { outcome: 'failed', applied_versions: [], partial_statements: { '20240301000000': expect.anything() } },
        { outcome: 'failed', applied_versions: [], partial_statements: {} },
        { outcome: 'applied', applied_versions: ['20240301000000'], partial_statements: {} },
      ]);
    } finally {
      await folder.cleanup();
    }
  });
});

describe('deploy: CREATE INDEX CONCURRENTLY that leaves an INVALID index', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase('deploy_cic');
    await db.query(`create table members (id int primary key, email text); insert into members select g, 'user' || (g % 50) || '@example.com' from generate_series(1, 200) g;`);
  });
  afterEach(() => db.drop());

  const indexState = (name: string) => db.query(`select c.relname, i.indisvalid, i.indisready from pg_class c join pg_index i on i.indexrelid = c.oid where c.relname = $1`, [name]);

  it('drops the invalid index its own failed build created, says so, and records nothing', async () => {
    const file = '20240401000000_unique_email.sql';
    const folder = await migrationFolder({ [file]: '-- transaction: none\ncreate unique index concurrently members_email_key on members (email);\n' });
    try {
      const result = await deploy({ databaseUrl: db.url, migrationsDir: folder.dir, displayRoot: folder.dir });
      expect(result.outcome).toBe('failed');
      expect(result.error?.migration).toMatchObject({ code: '23505', line: 2 });
      expect(result.migrations[0].invalidIndexes).toEqual([{ name: 'public.members_email_key', ready: false, createdByThisAttempt: true, dropped: true, dropStatement: 'DROP INDEX CONCURRENTLY public.members_email_key;' }]);
      expect(result.forwardFix).toContain('The concurrent build left the INVALID index public.members_email_key (pg_index.indisvalid = false, indisready = false); this deploy had created it and dropped it again, so nothing of that statement remains.');
      expect(result.forwardFix).not.toMatch(/rolled back/);
      expect(await indexState('members_email_key')).toEqual([]);
      expect(await recordedVersions((sql) => db.query(sql))).toEqual([]);

      // With the duplicates gone the same file runs cleanly: nothing was left in its way.
      await db.query(`delete from members where id > 50`);
      expect((await deploy({ databaseUrl: db.url, migrationsDir: folder.dir })).outcome).toBe('applied');
      expect(await indexState('members_email_key')).toEqual([{ relname: 'members_email_key', indisvalid: true, indisready: true }]);
    } finally {
      await folder.cleanup();
    }
  });

  it('never records an IF NOT EXISTS build that skipped an invalid index it did not create, and names the DROP to run', async () => {
    // An earlier build failed outside this deploy and left its invalid index.
    await expect(db.query(`create unique index concurrently members_email_key on members (email)`)).rejects.toThrow(/could not create unique index/);
    expect(await indexState('members_email_key')).toEqual([{ relname: 'members_email_key', indisvalid: false, indisready: false }]);
    const file = '20240401000000_unique_email.sql';
    const folder = await migrationFolder({ [file]: '-- transaction: none\ncreate unique index concurrently if not exists members_email_key on members (email);\n' });
    try {
      const result = await deploy({ databaseUrl: db.url, migrationsDir: folder.dir, displayRoot: folder.dir });
      expect(result.outcome).toBe('failed');
      expect(result.error?.migration).toMatchObject({ kind: 'invalid-index', file, line: 2 });
      expect(result.message).toContain(
        'the statement succeeded but left no valid index: The index public.members_email_key is INVALID (pg_index.indisvalid = false, indisready = false) and existed before this deploy (an earlier failed build, or made by hand), so it was left in place: run "DROP INDEX CONCURRENTLY public.members_email_key;" before deploying again.',
      );
      expect(await indexState('members_email_key')).toEqual([{ relname: 'members_email_key', indisvalid: false, indisready: false }]);
      expect(await recordedVersions((sql) => db.query(sql))).toEqual([]);
      expect(await db.query(`select outcome, applied_versions from supabase_migrations.gate_audit`)).toEqual([{ outcome: 'failed', applied_versions: [] }]);

      // Without IF NOT EXISTS the build fails on the name; the message still names the invalid index, not a rollback.
      await folder.write(file, '-- transaction: none\ncreate unique index concurrently members_email_key on members (email);\n');
      const again = await deploy({ databaseUrl: db.url, migrationsDir: folder.dir, displayRoot: folder.dir });
      expect(again.error?.migration).toMatchObject({ code: '42P07', line: 2 });
      expect(again.forwardFix).toContain('run "DROP INDEX CONCURRENTLY public.members_email_key;" before deploying again');
      expect(again.forwardFix).not.toMatch(/rolled back/);
    } finally {
      await folder.cleanup();
    }
  });

  it('drops the invalid index of a build cancelled while it waited (pg_cancel_backend)', async () => {
    const blocker = new Client({ connectionString: db.url });
    await blocker.connect();
    const watcher = new Client({ connectionString: db.url });
    await watcher.connect();
    const folder = await migrationFolder({ '20240401000000_email_idx.sql': '-- transaction: none\ncreate index concurrently members_email_idx on members (email);\n' });
    try {
      // An open writing transaction: the concurrent build registers its index, then waits for it.
      await blocker.query(`begin; insert into members values (1000, 'late@example.com')`);
      const deploying = deploy({ databaseUrl: db.url, migrationsDir: folder.dir, displayRoot: folder.dir, applicationName: 'mg-cic-victim' });
      let cancelled = false;
      for (let i = 0; i < 400 && !cancelled; i++) {
        const { rows } = await watcher.query(`select pid from pg_stat_activity where application_name = 'mg-cic-victim' and query like 'create index concurrently%' and wait_event_type = 'Lock'`);
        if (rows.length > 0) cancelled = (await watcher.query('select pg_cancel_backend($1) as ok', [rows[0].pid])).rows[0].ok;
        else await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(cancelled).toBe(true);
      await blocker.query('commit');
      const result = await deploying;
      expect(result.outcome).toBe('failed');
      expect(result.error?.migration?.message).toBe('canceling statement due to user request');
      expect(result.migrations[0].invalidIndexes).toEqual([expect.objectContaining({ name: 'public.members_email_idx', ready: false, createdByThisAttempt: true, dropped: true })]);
      expect(result.forwardFix).toContain('INVALID index public.members_email_idx (pg_index.indisvalid = false, indisready = false); this deploy had created it and dropped it again');
      expect(await indexState('members_email_idx')).toEqual([]);
      expect(await recordedVersions((sql) => db.query(sql))).toEqual([]);
    } finally {
      await blocker.end();
      await watcher.end();
      await folder.cleanup();
    }
  });
});
