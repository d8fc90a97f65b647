import { Client } from 'pg';
import { deploy, DEPLOY_LOCK_KEY, type DeployResult, type LogEntry } from '../../../packages/core/src/deploy';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { collectingLogger, migrationFolder, type MigrationFolder } from './support';

const MIGRATIONS = 12;
const DEPLOYS = 8;

describe('deploy: concurrent runs against one database', () => {
  let db: TestDatabase;
  let folder: MigrationFolder;
  beforeAll(async () => {
    const files: Record<string, string> = {
      // Every migration logs itself here; a migration that ran twice would leave two rows.
      '20240101000000_log.sql': 'create table apply_log (version text not null, at timestamptz not null default clock_timestamp());\n',
    };
    for (let i = 1; i < MIGRATIONS; i++) {
      const version = `202401010000${String(i).padStart(2, '0')}`;
      files[`${version}_step_${i}.sql`] =
        `create table step_${i} (id int primary key);\n` + `select pg_sleep(0.01);\n` + `insert into apply_log (version) values ('${version}');\n`;
    }
    folder = await migrationFolder(files);
  });
  afterAll(() => folder.cleanup());
  beforeEach(async () => {
    db = await createTestDatabase('deploy_conc');
  });
  afterEach(() => db.drop());

  it(`${DEPLOYS} deploys started at once apply every migration exactly once`, async () => {
    const logs: LogEntry[][] = [];
    const results: DeployResult[] = await Promise.all(
      Array.from({ length: DEPLOYS }, () => {
        const { logger, entries } = collectingLogger();
        logs.push(entries);
        return deploy({ databaseUrl: db.url, migrationsDir: folder.dir, lockWaitMs: 30_000, lockPollMs: 20, logger });
      }),
    );

    expect(results.map((r) => r.error)).toEqual(Array(DEPLOYS).fill(undefined));
    expect(results.every((r) => r.ok)).toBe(true);
    const appliedPerRun = results.map((r) => r.migrations.filter((m) => m.status === 'applied').length);
    expect(appliedPerRun.reduce((a, b) => a + b, 0)).toBe(MIGRATIONS);
    expect(results.filter((r) => r.outcome === 'applied')).toHaveLength(1);
    expect(results.filter((r) => r.outcome === 'up-to-date')).toHaveLength(DEPLOYS - 1);

    // Nothing but waiting for the lock: no errors, and the only warnings/infos about others are lock waits.
    const all = logs.flat();
    expect(all.filter((e) => e.level === 'error' || e.level === 'warning')).toEqual([]);
    const waited = logs.filter((entries) => entries.some((e) => e.event === 'lock-busy'));
    expect(waited.length).toBeGreaterThanOrEqual(1);
    for (const entries of waited) expect(entries.find((e) => e.event === 'lock-busy')!.message).toMatch(/Another deploy holds the deploy lock \(pid \d+, application_name "migration-gate deploy/);

    const log = await db.query<{ version: string; n: number }>('select version, count(*)::int as n from apply_log group by version order by version');
    expect(log).toHaveLength(MIGRATIONS - 1);
    expect(log.every((r) => r.n === 1)).toBe(true);
    const history = await db.query<{ version: string }>('select version from supabase_migrations.schema_migrations order by version');
    expect(history.map((h) => h.version)).toEqual(results.find((r) => r.outcome === 'applied')!.migrations.map((m) => m.version));
    expect(await db.query('select count(*)::int as n from supabase_migrations.gate_applied')).toEqual([{ n: MIGRATIONS }]);
    const audits = await db.query<{ outcome: string; n: number }>('select outcome, count(*)::int as n from supabase_migrations.gate_audit group by outcome order by outcome');
    expect(audits).toEqual([
      { outcome: 'applied', n: 1 },
      { outcome: 'up-to-date', n: DEPLOYS - 1 },
    ]);
  });

  it('gives up cleanly after the wait, naming the session that holds the lock', async () => {
    const holder = new Client({ connectionString: db.url, application_name: 'someone-else-deploying' });
    await holder.connect();
    try {
      await holder.query(`select pg_advisory_lock(${DEPLOY_LOCK_KEY})`);
      const holderPid = (await holder.query('select pg_backend_pid() as pid')).rows[0].pid;
      const { logger, entries } = collectingLogger();
      const result = await deploy({ databaseUrl: db.url, migrationsDir: folder.dir, lockWaitMs: 300, lockPollMs: 50, logger });

      expect(result.outcome).toBe('lock-unavailable');
      expect(result.ok).toBe(false);
      expect(result.message).toContain(`pid ${holderPid}, application_name "someone-else-deploying"`);
      expect(result.message).toContain('nothing was changed');
      expect(result.lockHolders).toEqual([expect.objectContaining({ pid: holderPid, applicationName: 'someone-else-deploying' })]);
      expect(result.audit.lockWaitMs).toBeGreaterThanOrEqual(300);
      expect(entries.map((e) => e.event)).toEqual(expect.arrayContaining(['lock-busy', 'lock-unavailable']));
      // The history tables are the lock holder's to create; a run without the lock leaves no trace.
      expect(await db.query(`select to_regnamespace('supabase_migrations') as s`)).toEqual([{ s: null }]);
      expect(result.audit.recorded).toBe(false);
    } finally {
      await holder.end();
    }
  });
});
