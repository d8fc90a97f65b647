import { deploy, migrationStatus, repairHistory, type DeployOptions } from '../../../packages/core/src/deploy';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { migrationFolder, recordedVersions, type MigrationFolder } from './support';

const FIRST = '20240101000000_first.sql';
const SECOND = '20240201000000_second.sql';

describe('deploy: drift between the folder and the history', () => {
  let db: TestDatabase;
  let folder: MigrationFolder;
  const run = (extra: Partial<DeployOptions> = {}) =>
    deploy({ databaseUrl: db.url, migrationsDir: folder.dir, displayRoot: folder.dir, ...extra });

  beforeEach(async () => {
    db = await createTestDatabase('deploy_drift');
    folder = await migrationFolder({
      [FIRST]: 'create table first (id int);\n',
      [SECOND]: 'create table second (id int);\n',
    });
    expect((await run()).outcome).toBe('applied');
  });
  afterEach(async () => {
    await folder.cleanup();
    await db.drop();
  });

  it('refuses when an applied file was edited, naming it, and accepts it after repair', async () => {
    await folder.write(FIRST, 'create table first (id int, extra text);\n');
    await folder.write('20240301000000_third.sql', 'create table third (id int);\n');

    const result = await run();
    expect(result.outcome).toBe('refused');
    expect(result.error?.kind).toBe('drift');
    expect(result.drift).toEqual([expect.objectContaining({ kind: 'changed', version: '20240101000000', file: FIRST, allowed: false })]);
    expect(result.message).toContain(`${FIRST} was edited after it was applied on `);
    expect(result.message).toContain('revert the edit and put the change in a new migration (fix forward)');
    expect(result.message).toContain('migration-gate repair --status applied 20240101000000');
    expect(result.forwardFix).toContain('supabase migration repair');
    expect(await db.query(`select to_regclass('third') as t`)).toEqual([{ t: null }]);
    expect(await db.query(`select outcome from supabase_migrations.gate_audit order by id desc limit 1`)).toEqual([{ outcome: 'refused' }]);

    const allowed = await run({ allow: { changed: true } });
    expect(allowed.outcome).toBe('applied');
    expect(allowed.migrations.map((m) => m.version)).toEqual(['20240301000000']);

    const repaired = await repairHistory({ databaseUrl: db.url, migrationsDir: folder.dir, status: 'applied', versions: ['20240101000000'] });
    expect(repaired).toMatchObject({ ok: true, changes: [{ version: '20240101000000', action: 'updated' }] });
    const status = await migrationStatus({ databaseUrl: db.url, migrationsDir: folder.dir });
    expect(status.drift).toEqual([]);
    expect(status.applied.map((a) => a.state)).toEqual(['verified', 'verified', 'verified']);
    expect(await db.query(`select repaired from supabase_migrations.gate_applied where version = '20240101000000'`)).toEqual([{ repaired: true }]);
    expect(await db.query(`select command, outcome, versions from supabase_migrations.gate_audit order by id desc limit 1`)).toEqual([
      { command: 'repair', outcome: 'repaired', versions: ['20240101000000'] },
    ]);
  });

  it('refuses when an applied version has no local file, and continues once it is reverted in the history', async () => {
    await folder.remove(FIRST);
    await folder.write('20240301000000_third.sql', 'create table third (id int);\n');

    const result = await run();
    expect(result.outcome).toBe('refused');
    expect(result.drift).toEqual([expect.objectContaining({ kind: 'missing-local', version: '20240101000000', allowed: false })]);
    expect(result.message).toContain('Version 20240101000000 (first) is recorded as applied but there is no 20240101000000_*.sql in the migrations folder');
    expect(result.message).toContain('migration-gate repair --status reverted 20240101000000');

    const repaired = await repairHistory({ databaseUrl: db.url, migrationsDir: folder.dir, status: 'reverted', versions: ['20240101000000', '20240909000000'] });
    expect(repaired.changes).toEqual([
      { version: '20240101000000', action: 'deleted' },
      { version: '20240909000000', action: 'not-recorded' },
    ]);
    expect(await db.query(`select count(*)::int as n from supabase_migrations.gate_applied where version = '20240101000000'`)).toEqual([{ n: 0 }]);
    expect((await run()).outcome).toBe('applied');
    expect(await recordedVersions((sql) => db.query(sql))).toEqual(['20240201000000', '20240301000000']);
  });

  it('refuses a new file older than the newest applied one unless out-of-order is allowed', async () => {
    await folder.write('20240115000000_late_branch.sql', 'create table late_branch (id int);\n');

    const result = await run();
    expect(result.outcome).toBe('refused');
    expect(result.drift).toEqual([expect.objectContaining({ kind: 'out-of-order', version: '20240115000000', file: '20240115000000_late_branch.sql' })]);
    expect(result.message).toContain('20240115000000_late_branch.sql is new but older than the newest applied migration (20240201000000)');
    expect(await db.query(`select to_regclass('late_branch') as t`)).toEqual([{ t: null }]);

    const status = await migrationStatus({ databaseUrl: db.url, migrationsDir: folder.dir });
    expect(status.pending).toEqual([expect.objectContaining({ version: '20240115000000', outOfOrder: true })]);

    const allowed = await run({ allow: { outOfOrder: true } });
    expect(allowed.outcome).toBe('applied');
    expect(allowed.migrations.map((m) => m.version)).toEqual(['20240115000000']);
  });

  it('repair --status applied needs the local file', async () => {
    const result = await repairHistory({ databaseUrl: db.url, migrationsDir: folder.dir, status: 'applied', versions: ['20991231000000'] });
    expect(result.ok).toBe(false);
    expect(result.message).toContain('no parseable file 20991231000000_*.sql');
    expect(await recordedVersions((sql) => db.query(sql))).toEqual(['20240101000000', '20240201000000']);
  });
});
