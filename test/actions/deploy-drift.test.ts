/**
 * The drift gate of both deploy actions, end to end: the dist bundles, a Supabase-shaped database
 * with two applied migrations and a column added by hand, a third migration pending, and GitHub
 * through the OpenAPI-checked stand-in.
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { deploy } from '../../packages/core/src/deploy';
import { runAction } from '../support/action-runner';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { buildCollaboratorPermission, buildEnvironmentApproval, buildUser } from '../support/github-examples';
import { FakeGitHubRepository } from '../support/github-fake-repo';
import { paginated, useGitHubServer } from '../support/github-server';
import { applySupabasePlatform, DRIFT_FIXTURES } from '../core/drift/support';

jest.setTimeout(180_000);

const MIGRATIONS = 'supabase/migrations';
const PENDING = '20240103000000_profiles_on_signup.sql';

describe('deploy actions check schema drift before applying', () => {
  const server = useGitHubServer();
  let db: TestDatabase;
  let dir: string;
  let github: FakeGitHubRepository;

  beforeEach(async () => {
    db = await createTestDatabase('dgate');
    dir = mkdtempSync(path.join(os.tmpdir(), 'mg-drift-e2e-'));
    mkdirSync(path.join(dir, MIGRATIONS), { recursive: true });
    cpSync(DRIFT_FIXTURES, path.join(dir, MIGRATIONS), { recursive: true });
    // Production as it was: the platform, then the first two migrations, deployed.
    const applied = mkdtempSync(path.join(os.tmpdir(), 'mg-drift-applied-'));
    for (const file of ['20240101000000_create_books.sql', '20240102000000_books_functions.sql']) cpSync(path.join(DRIFT_FIXTURES, file), path.join(applied, file));
    await applySupabasePlatform(db.url);
    expect((await deploy({ databaseUrl: db.url, migrationsDir: applied })).outcome).toBe('applied');
    rmSync(applied, { recursive: true, force: true });
    github = new FakeGitHubRepository(server(), 'acme', 'app');
    server().on('GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls', (request) => paginated(request, []));
  });
  afterEach(async () => {
    rmSync(dir, { recursive: true, force: true });
    await db.drop();
  });

  const addColumnByHand = () => db.query('alter table public.books add column isbn text');

  function readyForProduction(): void {
    server().on('GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals', () => ({
      status: 200,
      body: [buildEnvironmentApproval({ environments: ['production'], state: 'approved', user: buildUser('alice'), comment: 'go' })],
    }));
    const checksum = createHash('sha256').update(readFileSync(path.join(DRIFT_FIXTURES, PENDING))).digest('hex');
    github.seedDeployment({ sha: 'a'.repeat(40), environment: 'staging', task: 'deploy:migrations', payload: { tool: 'migration-gate', versions: ['20240103000000'], checksums: { '20240103000000': checksum } }, states: ['success'] });
  }

  function run(action: 'deploy-production' | 'deploy-staging', inputs: Record<string, string> = {}, eventName = 'push', actor = 'octocat') {
    return runAction({
      action,
      workspace: dir,
      eventName,
      event: eventName === 'workflow_dispatch' ? { inputs: { reason: inputs['override-reason'] ?? '' }, ref: 'refs/heads/main' } : { ref: 'refs/heads/main', after: 'b'.repeat(40) },
      apiUrl: server().url,
      env: { GITHUB_ACTOR: actor },
      inputs: { 'database-url': db.url, 'migrations-dir': MIGRATIONS, 'github-token': 'test-token', comment: 'false', 'record-deployment': 'false', ...inputs },
    });
  }

  async function lastAudit() {
    const rows = await db.query<{ outcome: string; override: boolean; bypassed_gates: string[]; drift: { mode: string; status: string; differences: number; summary: string[]; bypassed: boolean } | null }>(
      'select outcome, override, bypassed_gates, drift from supabase_migrations.gate_audit order by id desc limit 1',
    );
    return rows[0];
  }

  const applied = async () => (await db.query<{ version: string }>('select version from supabase_migrations.schema_migrations order by version')).map((r) => r.version);

  it('production refuses on drift (default drift: fail): nothing applied, the audit row and the summary say why', async () => {
    readyForProduction();
    await addColumnByHand();
    const result = await run('deploy-production');
    expect(result.code).toBe(1);
    expect(await applied()).toEqual(['20240101000000', '20240102000000']);
    expect(result.stdout).toContain('Deploy refused: a migration is never applied on top of an unreviewed schema.');
    expect(result.stdout).toContain('column public.books.isbn exists in the database but in no migration');
    expect(await lastAudit()).toMatchObject({
      outcome: 'refused',
      override: false,
      drift: { mode: 'fail', status: 'drift', differences: 1, summary: ['column public.books.isbn exists in the database but in no migration'], bypassed: false },
    });
    expect(result.summary).toContain('### Schema drift: 1 difference — deploy refused (drift: fail)');
    expect(result.summary).toContain('| column | `public.books.isbn` | only in the database |');
    expect(result.summary).toMatch(/_capture_drift\.sql/);
  });

  it('the emergency override bypasses drift on production, recorded in the audit row and the summary', async () => {
    readyForProduction();
    await addColumnByHand();
    server().on('GET /repos/{owner}/{repo}/collaborators/{username}/permission', () => ({ status: 200, body: buildCollaboratorPermission({ user: buildUser('ann'), permission: 'admin', roleName: 'admin' }) }));
    const result = await run('deploy-production', { override: 'true', 'override-reason': 'hotfix: login broken' }, 'workflow_dispatch', 'ann');
    expect(result.code).toBe(0);
    expect(await applied()).toEqual(['20240101000000', '20240102000000', '20240103000000']);
    const audit = await lastAudit();
    expect(audit).toMatchObject({ outcome: 'applied', override: true, drift: { mode: 'fail', status: 'drift', differences: 1, bypassed: true } });
    expect(audit.bypassed_gates).toContain('drift');
    expect(result.summary).toContain('### Schema drift: 1 difference — bypassed by the emergency override');
  });

  it('production deploys when there is no drift, and records the check', async () => {
    readyForProduction();
    const result = await run('deploy-production');
    expect(result.code).toBe(0);
    expect(await lastAudit()).toMatchObject({ outcome: 'applied', drift: { mode: 'fail', status: 'no-drift', differences: 0, bypassed: false } });
    expect(result.summary).toContain('### Schema drift: none');
  });

  it('staging warns by default (drift: warn) and deploys, saying so', async () => {
    await addColumnByHand();
    const result = await run('deploy-staging');
    expect(result.code).toBe(0);
    expect(await applied()).toEqual(['20240101000000', '20240102000000', '20240103000000']);
    expect(result.annotations.some((a) => a.level === 'warning' && a.message.includes('column public.books.isbn exists in the database but in no migration'))).toBe(true);
    expect(await lastAudit()).toMatchObject({ outcome: 'applied', drift: { mode: 'warn', status: 'drift', differences: 1 } });
    expect(result.summary).toContain('### Schema drift: 1 difference — deployed anyway (drift: warn)');
  });

  it('drift: fail on staging refuses too; drift: off does not check', async () => {
    await addColumnByHand();
    const refused = await run('deploy-staging', { drift: 'fail' });
    expect(refused.code).toBe(1);
    expect(await lastAudit()).toMatchObject({ outcome: 'refused', drift: { mode: 'fail', status: 'drift' } });
    const off = await run('deploy-staging', { drift: 'off' });
    expect(off.code).toBe(0);
    expect(await lastAudit()).toMatchObject({ outcome: 'applied', drift: { mode: 'off', status: 'not-checked' } });
    expect(off.summary).toContain('Not checked (drift: off).');
  });

  it('rejects a drift value it does not know', async () => {
    const result = await run('deploy-staging', { drift: 'maybe' });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Input "drift" must be fail, warn or off, not "maybe".');
  });
});
