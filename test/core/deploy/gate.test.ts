/**
 * The deploy gate: production's approval / promotion / override decision, taken under the lock
 * with the exact plan, before anything runs, and always audited.
 */
import { deploy } from '../../../packages/core/src/deploy';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { migrationFolder, publicTables, recordedVersions, type MigrationFolder } from './support';

describe('deploy gate', () => {
  let db: TestDatabase;
  let folder: MigrationFolder;

  beforeEach(async () => {
    db = await createTestDatabase('gate');
    folder = await migrationFolder({
      '20240101000000_one.sql': 'create table one (id int);\n',
      '20240102000000_two.sql': 'create table two (id int);\n',
    });
  });
  afterEach(async () => {
    await folder.cleanup();
    await db.drop();
  });

  it('refuses before anything runs, with the gate message, and audits the refusal', async () => {
    const seen: string[] = [];
    const result = await deploy({
      databaseUrl: db.url,
      migrationsDir: folder.dir,
      context: { environment: 'production' },
      gate: async (pending) => {
        seen.push(...pending.map((p) => `${p.version}:${p.checksum.slice(0, 8)}`));
        return { proceed: false, message: 'Version 20240102000000 has not succeeded on staging.', context: { override: { reason: 'tried', bypassedGates: [] } } };
      },
    });
    expect(seen).toHaveLength(2);
    expect(result.migrations.map((m) => [m.version, m.status])).toEqual([
      ['20240101000000', 'not-run'],
      ['20240102000000', 'not-run'],
    ]);
    expect(result.outcome).toBe('refused');
    expect(result.error).toEqual({ kind: 'gate', message: 'Version 20240102000000 has not succeeded on staging.' });
    expect(await publicTables(db.query)).toEqual([]);
    expect(await recordedVersions(db.query)).toEqual([]);
    const [row] = await db.query<{ outcome: string; error: string; environment: string; override: boolean; override_reason: string }>(
      'select outcome, error, environment, override, override_reason from supabase_migrations.gate_audit',
    );
    expect(row).toEqual({ outcome: 'refused', error: 'Version 20240102000000 has not succeeded on staging.', environment: 'production', override: true, override_reason: 'tried' });
  });

  it('records what the gate learnt (approvers) in the audit row of a successful deploy', async () => {
    const approvers = [{ login: 'alice', comment: 'ship it', environment: 'production' }];
    const result = await deploy({ databaseUrl: db.url, migrationsDir: folder.dir, gate: async () => ({ proceed: true, context: { approvers } }) });
    expect(result.outcome).toBe('applied');
    expect(result.audit.approvers).toEqual(approvers);
    const [row] = await db.query<{ approvers: unknown }>('select approvers from supabase_migrations.gate_audit where id = $1', [result.audit.id]);
    expect(row.approvers).toEqual(approvers);
    expect(await recordedVersions(db.query)).toEqual(['20240101000000', '20240102000000']);
  });
});
