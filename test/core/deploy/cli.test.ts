/** The deploy, plan, status and repair commands, run in-process against the suite's server. */
import * as path from 'node:path';
import { EXIT } from '../../../packages/cli/src/command';
import { deployCommand } from '../../../packages/cli/src/commands/deploy';
import { planCommand } from '../../../packages/cli/src/commands/plan';
import { repairCommand } from '../../../packages/cli/src/commands/repair';
import { seedCommand } from '../../../packages/cli/src/commands/seed';
import { statusCommand } from '../../../packages/cli/src/commands/status';
import type { CommandModule } from '../../../packages/cli/src/command';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { FIXTURES, migrationFolder, recordedVersions } from './support';

const BASIC = path.join(FIXTURES, 'basic');

async function run(command: CommandModule, argv: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(values)) {
      // Assigning undefined to process.env would store the string "undefined".
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
  apply(env);
  try {
    const code = await command.run(argv);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    apply(saved);
  }
}

describe('CLI: deploy, plan, status, repair', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase('deploy_cli');
  });
  afterEach(() => db.drop());

  it('plans, deploys (URL from DATABASE_URL), reports status and repairs, with readable text', async () => {
    const plan = await run(planCommand, [BASIC, '--database-url', db.url]);
    expect(plan.code).toBe(EXIT.ok);
    expect(plan.stdout).toContain('Pending migrations (dry run):');
    expect(plan.stdout).toMatch(/20240101000000 {2}create_profiles +ok \(rolled back\)/);
    expect(await recordedVersions((sql) => db.query(sql))).toEqual([]);

    const deployed = await run(deployCommand, [BASIC, '--environment', 'staging', '--git-sha', 'abc1234'], { DATABASE_URL: db.url, GITHUB_ACTOR: 'octocat' });
    expect(deployed.code).toBe(EXIT.ok);
    expect(deployed.stdout).toMatch(/Applied 3 migration\(s\) in \d+ ms: 20240101000000, 20240102000000, 20240103000000\./);
    expect(deployed.stdout).toMatch(/Audit record \d+ written to supabase_migrations.gate_audit \(applied\)\./);
    expect(deployed.stderr).toContain('Applying ');
    expect(await db.query('select environment, git_sha, actor, trigger from supabase_migrations.gate_audit')).toEqual([
      { environment: 'staging', git_sha: 'abc1234', actor: 'octocat', trigger: process.env.GITHUB_EVENT_NAME ?? 'cli' },
    ]);

    const again = await run(deployCommand, [BASIC, '--database-url', db.url, '--quiet']);
    expect(again.code).toBe(EXIT.ok);
    expect(again.stdout).toContain('Nothing to deploy: all 3 migration(s) are already applied.');
    expect(again.stderr).toBe('');

    const folder = await migrationFolder({}, BASIC);
    try {
      await folder.remove('20240102000000_add_email.sql');
      await folder.write('20240104000000_more.sql', 'create table more (id int);\n');
      const status = await run(statusCommand, [folder.dir, '--database-url', db.url]);
      expect(status.code).toBe(EXIT.findings);
      expect(status.stdout).toMatch(/Applied \(3\):\n {2}20240101000000 {2}create_profiles +ok \(checksum\)/);
      expect(status.stdout).toMatch(/20240102000000 {2}add_email +MISSING local file/);
      expect(status.stdout).toMatch(/Pending \(1\):\n {2}20240104000000 {2}more/);
      expect(status.stdout).toContain('Drift (1):');

      const refused = await run(deployCommand, [folder.dir, '--database-url', db.url]);
      expect(refused.code).toBe(EXIT.findings);
      expect(refused.stdout).toContain('Deploy refused: the migration history does not match the migrations folder');

      const repaired = await run(repairCommand, ['--status', 'reverted', '20240102000000', '--dir', folder.dir, '--database-url', db.url]);
      expect(repaired.code).toBe(EXIT.ok);
      expect(repaired.stdout).toContain('Repaired migration history: 20240102000000 deleted (status reverted). No migration SQL was run.');

      const json = await run(statusCommand, [folder.dir, '--database-url', db.url, '--format', 'json']);
      expect(json.code).toBe(EXIT.ok);
      const report = JSON.parse(json.stdout);
      expect(report.applied.map((a: { version: string }) => a.version)).toEqual(['20240101000000', '20240103000000']);
      expect(report.pending.map((p: { version: string }) => p.version)).toEqual(['20240104000000']);
    } finally {
      await folder.cleanup();
    }
  });

  it('deploy --environment production (or prod) marks the database as production, so seed refuses it; staging does not', async () => {
    const staging = await run(deployCommand, [BASIC, '--database-url', db.url, '--environment', 'staging', '--quiet']);
    expect(staging.code).toBe(EXIT.ok);
    expect(await db.query(`select to_regclass('supabase_migrations.gate_environment') as t`)).toEqual([{ t: null }]);

    const production = await run(deployCommand, [BASIC, '--database-url', db.url, '--environment', 'Prod', '--quiet'], { GITHUB_ACTOR: 'octocat' });
    expect(production.code).toBe(EXIT.ok);
    expect(production.stdout).toContain('Marked the database as the "production" environment.');
    expect(await db.query('select name, marked_by from supabase_migrations.gate_environment')).toEqual([{ name: 'production', marked_by: 'octocat' }]);

    const seeded = await run(seedCommand, ['--database-url', db.url, '--environment', 'staging']);
    expect(seeded.code).toBe(EXIT.findings);
    expect(seeded.stderr).toContain('Refusing to seed: this database is marked as the "production" environment');
  });

  it('prints the full result as JSON and exits 1 when a migration fails', async () => {
    const folder = await migrationFolder({ '20240101000000_bad.sql': 'create table t (id int);\nselect 1/0;\n' });
    try {
      const result = await run(deployCommand, [folder.dir, '--database-url', db.url, '--format', 'json', '--quiet']);
      expect(result.code).toBe(EXIT.findings);
      const parsed = JSON.parse(result.stdout);
      expect(parsed).toMatchObject({ outcome: 'failed', error: { kind: 'migration', migration: { code: '22012', line: 2 } }, audit: { outcome: 'failed', recorded: true } });
      expect(result.stderr).toContain('division by zero');
    } finally {
      await folder.cleanup();
    }
  });

  it('exits 2 with the reason for unusable arguments and unreachable databases', async () => {
    const noUrl = await run(deployCommand, [BASIC], { DATABASE_URL: undefined });
    expect(noUrl.code).toBe(EXIT.usage);
    expect(noUrl.stderr).toContain('No database: pass --database-url <postgres://...> or set DATABASE_URL.');

    const badDuration = await run(deployCommand, [BASIC, '--database-url', db.url, '--lock-timeout', 'soon']);
    expect(badDuration.code).toBe(EXIT.usage);
    expect(badDuration.stderr).toContain('--lock-timeout "soon" is not a duration');

    const pooler = await run(deployCommand, [BASIC, '--database-url', 'postgres://u:pw@aws-0-us-east-1.pooler.supabase.com:6543/postgres']);
    expect(pooler.code).toBe(EXIT.usage);
    expect(pooler.stdout).toContain('session pooler on port 5432');

    const repair = await run(repairCommand, ['--status', 'fixed', '20240101000000', '--database-url', db.url]);
    expect(repair.code).toBe(EXIT.usage);
    expect(repair.stderr).toContain('--status must be "applied" or "reverted".');
  });
});
