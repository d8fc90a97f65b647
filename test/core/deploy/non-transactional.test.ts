import { deploy } from '../../../packages/core/src/deploy';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { migrationFolder, recordedVersions } from './support';

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
