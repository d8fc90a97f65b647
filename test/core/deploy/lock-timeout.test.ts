import { Client } from 'pg';
import { deploy } from '../../../packages/core/src/deploy';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { collectingLogger, migrationFolder, recordedVersions, type MigrationFolder } from './support';

const execution = { lockTimeoutMs: 100, lockRetries: 3, lockRetryDelayMs: 100, maxLockRetryDelayMs: 200 };

describe('deploy: lock timeouts', () => {
  let db: TestDatabase;
  let folder: MigrationFolder;
  let blocker: Client;

  beforeEach(async () => {
    db = await createTestDatabase('deploy_lock');
    await db.query('create table busy (id int)');
    folder = await migrationFolder({ '20240101000000_alter_busy.sql': 'alter table busy add column extra text;\n' });
    blocker = new Client({ connectionString: db.url });
    await blocker.connect();
    await blocker.query('begin');
    await blocker.query('lock table busy in access share mode');
  });
  afterEach(async () => {
    await blocker.end().catch(() => undefined);
    await folder.cleanup();
    await db.drop();
  });

  it('retries with backoff, logging every retry, and succeeds once the lock is released', async () => {
    const { logger, entries } = collectingLogger();
    const deploying = deploy({ databaseUrl: db.url, migrationsDir: folder.dir, displayRoot: folder.dir, execution, logger });
    // Release after the first retry was logged, so at least one retry must have happened.
    for (let i = 0; i < 100 && !entries.some((e) => e.event === 'lock-timeout-retry'); i++) await new Promise((r) => setTimeout(r, 20));
    await blocker.query('rollback');
    const result = await deploying;

    expect(result.outcome).toBe('applied');
    const retries = entries.filter((e) => e.event === 'lock-timeout-retry');
    expect(retries.length).toBeGreaterThanOrEqual(1);
    expect(retries[0]).toMatchObject({
      level: 'warning',
      data: { file: '20240101000000_alter_busy.sql', line: 1, attempt: 1, maxAttempts: 4, delayMs: 100 },
    });
    expect(retries[0].message).toContain('20240101000000_alter_busy.sql:1: lock timeout (canceling statement due to lock timeout); attempt 1 of 4 failed, retrying in 100 ms.');
    expect(result.migrations[0].attempts).toBe(retries.length + 1);
    expect(await db.query(`select attempts from supabase_migrations.gate_applied`)).toEqual([{ attempts: retries.length + 1 }]);
    expect(await db.query(`select count(*)::int as n from information_schema.columns where table_name = 'busy' and column_name = 'extra'`)).toEqual([{ n: 1 }]);
  });

  it('fails after the last retry with the lock advice, leaving nothing applied', async () => {
    const { logger, entries } = collectingLogger();
    const result = await deploy({ databaseUrl: db.url, migrationsDir: folder.dir, displayRoot: folder.dir, execution, logger });

    expect(result.outcome).toBe('failed');
    const retries = entries.filter((e) => e.event === 'lock-timeout-retry');
    expect(retries.map((e) => [e.data?.attempt, e.data?.delayMs])).toEqual([
      [1, 100],
      [2, 200],
      [3, 200],
    ]);
    expect(result.migrations[0]).toMatchObject({ status: 'failed', attempts: 4, error: { kind: 'lock-timeout', code: '55P03', line: 1 } });
    expect(result.forwardFix).toContain('could not get its locks within lock_timeout (100 ms) in 4 attempt(s)');
    expect(await recordedVersions((sql) => db.query(sql))).toEqual([]);
  });

  it('applies the statement timeout per migration', async () => {
    await blocker.query('rollback');
    await folder.write('20240102000000_slow.sql', 'select pg_sleep(2);\n');
    const result = await deploy({ databaseUrl: db.url, migrationsDir: folder.dir, displayRoot: folder.dir, execution: { statementTimeoutMs: 200 } });
    expect(result.outcome).toBe('failed');
    expect(result.migrations[1]).toMatchObject({ status: 'failed', attempts: 1, error: { kind: 'statement-timeout', code: '57014', file: '20240102000000_slow.sql' } });
    expect(result.forwardFix).toContain('ran longer than statement_timeout (200 ms)');
    expect(await recordedVersions((sql) => db.query(sql))).toEqual(['20240101000000']);
  });
});
