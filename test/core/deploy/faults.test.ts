/**
 * Killing the deploy's connection (pg_terminate_backend from another session) at random moments:
 * the history must always match the schema, and a re-run must finish the job.
 */
import { Client } from 'pg';
import { deploy, type DeployResult } from '../../../packages/core/src/deploy';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { migrationFolder, publicTables, recordedVersions, type MigrationFolder } from './support';

const MIGRATIONS = 8;
const RUNS = 16;
const APPLICATION_NAME = 'mg-fault-victim';

/** Deterministic pseudo-random numbers (mulberry32) so a failing seed can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function versionOf(i: number): string {
  return `202402010000${String(i).padStart(2, '0')}`;
}

describe('deploy: connection killed mid-run', () => {
  let folder: MigrationFolder;
  beforeAll(async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < MIGRATIONS; i++) {
      // Several statements and a short sleep per migration widen the window in which a kill lands mid-migration.
      files[`${versionOf(i)}_t${i}.sql`] = [
        `create table t${i} (id int primary key, note text)`,
        `insert into t${i} select g, 'row ' || g from generate_series(1, 50) g`,
        `select pg_sleep(0.015)`,
        `create index t${i}_note on t${i} (note)`,
        `comment on table t${i} is 'migration ${i}'`,
      ].join(';\n') + ';\n';
    }
    folder = await migrationFolder(files);
  });
  afterAll(() => folder.cleanup());

  /** Tables t<i> that exist vs versions recorded: they must name the same migrations. */
  async function expectHistoryMatchesSchema(db: TestDatabase): Promise<string[]> {
    const tables = (await publicTables((sql) => db.query(sql))).filter((t) => /^t\d+$/.test(t));
    const versions = await recordedVersions((sql) => db.query(sql));
    expect(versions).toEqual(tables.map((t) => versionOf(Number(t.slice(1)))).sort());
    if (versions.length > 0) {
      // Our detail row exists for exactly the recorded versions.
      const gate = await db.query<{ version: string }>('select version from supabase_migrations.gate_applied order by version');
      expect(gate.map((g) => g.version)).toEqual(versions);
      // Every audit row was finished (the process lived to write it, on a fresh connection if need
      // be) and names exactly the versions gate_applied attributes to it.
      const audit = await db.query<{ id: string; outcome: string; applied: string[]; attributed: string[] }>(
        `select a.id::text, a.outcome, array(select unnest(a.applied_versions) order by 1) as applied,
                array(select g.version from supabase_migrations.gate_applied g where g.audit_id = a.id order by 1) as attributed
           from supabase_migrations.gate_audit a order by a.id`,
      );
      for (const row of audit) {
        expect(row.outcome).not.toBe('running');
        expect(row.applied).toEqual(row.attributed);
      }
    }
    return versions;
  }

  it(`keeps history and schema in step across ${RUNS} runs killed at random points, and a re-run finishes`, async () => {
    const seed = Number(process.env.FAULT_SEED ?? Date.now() % 100000);
    const next = random(seed);
    const killed: string[] = [];
    let killedMidMigration = 0;
    for (let run = 0; run < RUNS; run++) {
      const db = await createTestDatabase('deploy_fault');
      try {
        const killer = new Client({ connectionString: db.url });
        await killer.connect();
        const killAfterMs = Math.floor(next() * 260);
        let result: DeployResult;
        try {
          const deploying = deploy({ databaseUrl: db.url, migrationsDir: folder.dir, applicationName: APPLICATION_NAME });
          await sleep(killAfterMs);
          const { rows } = await killer.query(
            'select pg_terminate_backend(pid) as ok from pg_stat_activity where datname = current_database() and application_name = $1',
            [APPLICATION_NAME],
          );
          if (rows.length > 0) killed.push(`${killAfterMs}ms`);
          result = await deploying;
        } finally {
          await killer.end();
        }
        const context = `seed ${seed}, run ${run}, kill after ${killAfterMs} ms, outcome ${result.outcome}`;
        try {
          const recorded = await expectHistoryMatchesSchema(db);
          if (result.outcome === 'failed') {
            expect(result.error?.kind).toBe('connection-lost');
            if (result.migrations.some((m) => m.status === 'failed')) killedMidMigration++;
            expect(result.message).toMatch(/connection (was lost|dropped)/i);
          } else {
            expect(result.outcome).toBe('applied');
            expect(recorded).toHaveLength(MIGRATIONS);
          }
          const rerun = await deploy({ databaseUrl: db.url, migrationsDir: folder.dir });
          expect(rerun.error).toBeUndefined();
          expect(rerun.migrations.map((m) => m.version)).toEqual(Array.from({ length: MIGRATIONS }, (_, i) => versionOf(i)).filter((v) => !recorded.includes(v)));
          expect(await expectHistoryMatchesSchema(db)).toHaveLength(MIGRATIONS);
        } catch (err) {
          (err as Error).message = `${context}\n${(err as Error).message}`;
          throw err;
        }
      } finally {
        await db.drop();
      }
    }
    // The kills must actually have hit deploys in flight for this test to mean anything.
    expect(killed.length).toBeGreaterThanOrEqual(RUNS / 2);
    expect(killedMidMigration).toBeGreaterThanOrEqual(1);
  }, 180_000);

  it('says what happened when the connection drops in the middle of a migration', async () => {
    const db = await createTestDatabase('deploy_fault');
    const killer = new Client({ connectionString: db.url });
    await killer.connect();
    try {
      const slow = await migrationFolder({
        '20240301000000_first.sql': 'create table first (id int);\n',
        '20240302000000_slow.sql': 'create table slow (id int);\nselect pg_sleep(5);\n',
      });
      try {
        const deploying = deploy({ databaseUrl: db.url, migrationsDir: slow.dir, displayRoot: slow.dir, applicationName: APPLICATION_NAME });
        // Wait until the slow statement is running, then kill it.
        for (let i = 0; i < 200; i++) {
          const { rows } = await killer.query(`select pid from pg_stat_activity where application_name = $1 and query like 'select pg_sleep%' and state = 'active'`, [APPLICATION_NAME]);
          if (rows.length > 0) {
            await killer.query('select pg_terminate_backend($1)', [rows[0].pid]);
            break;
          }
          await sleep(25);
        }
        const result = await deploying;
        expect(result.outcome).toBe('failed');
        expect(result.error).toMatchObject({ kind: 'connection-lost', migration: { file: '20240302000000_slow.sql', line: 2 } });
        expect(result.forwardFix).toMatch(/The database connection was lost while applying 20240302000000_slow.sql: terminating connection due to administrator command/);
        expect(result.forwardFix).toMatch(/rolled its transaction back, so it is neither applied nor recorded/);
        expect(await recordedVersions((sql) => db.query(sql))).toEqual(['20240301000000']);
        expect(await db.query(`select to_regclass('slow') as t`)).toEqual([{ t: null }]);
        // The audit row was finished on a fresh connection.
        expect(result.audit.recorded).toBe(true);
        expect(await db.query('select outcome from supabase_migrations.gate_audit')).toEqual([{ outcome: 'failed' }]);
      } finally {
        await slow.cleanup();
      }
    } finally {
      await killer.end();
      await db.drop();
    }
  });
});
