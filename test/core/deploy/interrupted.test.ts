/**
 * Deploys that never finish their audit row: a deploy process killed with SIGKILL, and a deploy
 * whose server went down (fast shutdown) and came back. The row must already say which versions
 * that attempt applied (each migration records itself in the row as it commits), `status` must
 * list it, and the next deploy must close it as "interrupted" under the lock and say so. History,
 * schema and audit table are compared after every fault.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { Client } from 'pg';
import { deploy, migrationStatus, formatStatusReport } from '../../../packages/core/src/deploy';
import { ROOT } from '../../support/action-runner';
import { createTestDatabase, urlForDatabase, type TestDatabase } from '../../support/database';
import { startRestartablePostgres, type RestartablePostgres } from '../../support/restartable-postgres';
import { collectingLogger, migrationFolder, publicTables, recordedVersions, withClient, type MigrationFolder } from './support';

const MIGRATIONS = 10;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const versionOf = (i: number) => `202403010000${String(i).padStart(2, '0')}`;
const ALL_VERSIONS = Array.from({ length: MIGRATIONS }, (_, i) => versionOf(i));

type Query = <T = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>;

interface AuditRow {
  id: string;
  outcome: string;
  applied_versions: string[];
  finished_at: string | null;
  error: string | null;
}

function queryOn(url: string): Query {
  return (sql, params) => withClient(url, async (c) => (await c.query(sql, params)).rows);
}

async function slowFolder(): Promise<MigrationFolder> {
  const files: Record<string, string> = {};
  // A short sleep per migration gives the fault time to land between and inside migrations.
  for (let i = 0; i < MIGRATIONS; i++) files[`${versionOf(i)}_t${i}.sql`] = `create table t${i} (id int primary key);\nselect pg_sleep(0.08);\n`;
  return migrationFolder(files);
}

async function auditRows(query: Query): Promise<AuditRow[]> {
  return query<AuditRow>(`select id::text, outcome, applied_versions, finished_at::text, error from supabase_migrations.gate_audit order by id`);
}

/** Versions gate_applied attributes to each audit row (only versions still in the history). */
async function appliedByAudit(query: Query): Promise<Map<string, string[]>> {
  const rows = await query<{ audit_id: string; versions: string[] }>(
    `select g.audit_id::text, array_agg(g.version order by g.version) as versions
       from supabase_migrations.gate_applied g join supabase_migrations.schema_migrations h using (version)
      group by g.audit_id`,
  );
  return new Map(rows.map((r) => [r.audit_id, r.versions]));
}

/** Tables t<i> match the recorded versions, and every audit row names exactly what it applied. */
async function expectRecordsAgree(query: Query): Promise<string[]> {
  const tables = (await publicTables(query)).filter((t) => /^t\d+$/.test(t));
  const versions = await recordedVersions(query);
  expect(versions).toEqual(tables.map((t) => versionOf(Number(t.slice(1)))).sort());
  const byAudit = await appliedByAudit(query);
  for (const row of await auditRows(query)) expect({ id: row.id, applied: [...row.applied_versions].sort() }).toEqual({ id: row.id, applied: byAudit.get(row.id) ?? [] });
  return versions;
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 20000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(20);
  }
}

async function appliedCount(query: Query): Promise<number> {
  const [row] = await query<{ n: number }>(`select case when to_regclass('supabase_migrations.gate_applied') is null then -1 else (select count(*)::int from supabase_migrations.gate_applied) end as n`);
  return row.n;
}

async function deployLockHeld(query: Query): Promise<boolean> {
  const [row] = await query<{ held: boolean }>(`select exists (select from pg_locks where locktype = 'advisory' and classid = 1835492453 and objid = 1886154617 and granted) as held`);
  return row.held;
}

/** The next deploy closes the dead row, says so, and finishes the job; status then lists the attempt as interrupted. */
async function expectNextDeployClosesIt(url: string, query: Query, dead: AuditRow): Promise<void> {
  const before = await migrationStatus({ databaseUrl: url, migrationsDir: folder.dir });
  expect(before.interrupted.map((a) => [a.id, a.outcome, a.appliedVersions])).toEqual([[Number(dead.id), 'running', dead.applied_versions]]);
  expect(formatStatusReport(before)).toContain(`Audit row ${dead.id} (deploy to staging`);

  const { logger, entries } = collectingLogger();
  const rerun = await deploy({ databaseUrl: url, migrationsDir: folder.dir, context: { environment: 'staging' }, logger });
  expect(rerun.outcome).toBe('applied');
  expect(rerun.interrupted.map((a) => [a.id, a.outcome, a.appliedVersions])).toEqual([[Number(dead.id), 'interrupted', dead.applied_versions]]);
  const warning = entries.find((e) => e.event === 'interrupted-attempt');
  expect(warning).toMatchObject({ level: 'warning', data: { auditId: Number(dead.id) } });
  expect(warning!.message).toContain(dead.applied_versions.length > 0 ? `it applied ${dead.applied_versions.length} migration(s): ${dead.applied_versions.join(', ')}` : 'it applied no migration');
  expect(rerun.migrations.map((m) => m.version)).toEqual(ALL_VERSIONS.filter((v) => !dead.applied_versions.includes(v)));

  const closed = (await auditRows(query)).find((r) => r.id === dead.id)!;
  expect(closed).toMatchObject({ outcome: 'interrupted', applied_versions: dead.applied_versions });
  expect(closed.finished_at).not.toBeNull();
  expect(closed.error).toContain(`Interrupted: the process stopped`);
  expect(closed.error).toContain(`Closed by the deploy of audit row ${rerun.audit.id}`);
  expect(await expectRecordsAgree(query)).toEqual(ALL_VERSIONS);

  const after = await migrationStatus({ databaseUrl: url, migrationsDir: folder.dir });
  expect(after.interrupted.map((a) => [a.id, a.outcome])).toEqual([[Number(dead.id), 'interrupted']]);
  expect(formatStatusReport(after)).toMatch(new RegExp(`Interrupted deploys \\(1\\):\\n  - Audit row ${dead.id} .* was interrupted: `));
}

let folder: MigrationFolder;
beforeAll(async () => {
  folder = await slowFolder();
});
afterAll(() => folder.cleanup());

describe('deploy process killed with SIGKILL', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase('deploy_sigkill');
  });
  afterEach(() => db.drop());

  // 0: killed right after it took the lock and wrote its row; 2 and 6: between or inside migrations.
  it.each([0, 2, 6])('leaves a row that already names its applied versions (killed after %i), closed by the next deploy', async (appliedBeforeKill) => {
    const query = queryOn(db.url);
    const child = spawn(process.execPath, [path.join(ROOT, 'bench/run-ts.js'), path.join(ROOT, 'packages/cli/src/bin.ts'), 'deploy', folder.dir, '--database-url', db.url, '--environment', 'staging'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    try {
      await waitFor('the deploy to make progress', async () => (await auditRows(query)).length > 0 && (await appliedCount(query)) >= appliedBeforeKill);
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
    } finally {
      child.kill('SIGKILL');
    }
    // The server notices the dead client, rolls back its open migration and frees the lock.
    await waitFor('the killed session to end', async () => !(await deployLockHeld(query)));

    const [dead] = await auditRows(query);
    expect(dead.outcome).toBe('running');
    expect(dead.finished_at).toBeNull();
    expect(dead.applied_versions.length).toBeGreaterThanOrEqual(appliedBeforeKill);
    expect(dead.applied_versions.length).toBeLessThan(MIGRATIONS);
    expect(await expectRecordsAgree(query)).toEqual(dead.applied_versions);
    await expectNextDeployClosesIt(db.url, query, dead);
  }, 60_000);
});

describe('deploy whose server shut down and came back', () => {
  let server: RestartablePostgres;
  beforeAll(async () => {
    server = await startRestartablePostgres();
  }, 60_000);
  afterAll(() => server?.stop());

  it('cannot finish its row while the server is down; the row still says what it applied, and the next deploy closes it', async () => {
    const url = urlForDatabase('restart_target', server.url);
    await withClient(server.url, (c: Client) => c.query('create database restart_target'));
    const query = queryOn(url);
    const deploying = deploy({ databaseUrl: url, migrationsDir: folder.dir, context: { environment: 'staging' }, connectTimeoutMs: 2000 });
    await waitFor('three migrations', async () => (await appliedCount(query)) >= 3);
    await server.shutdown();
    const result = await deploying;
    expect(result.outcome).toBe('failed');
    expect(result.error?.kind).toBe('connection-lost');
    // The final state could not be written anywhere: the server was gone.
    expect(result.audit.recordError).toMatch(/Could not write the final state of audit row \d+ \(it still says "running"\)/);
    await server.start();

    const [dead] = await auditRows(query);
    expect(dead.outcome).toBe('running');
    expect(dead.applied_versions.length).toBeGreaterThanOrEqual(3);
    expect(await expectRecordsAgree(query)).toEqual(dead.applied_versions);
    await expectNextDeployClosesIt(url, query, dead);
  }, 60_000);
});
