/**
 * deploy-staging end to end: the dist bundle on a push to develop, a real Postgres database, a
 * real git history, and the OpenAPI-checked GitHub stand-in for deployments and PR comments.
 */
import { mdText } from '../../packages/core/src/report/markdown-safe';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runAction, ROOT } from '../support/action-runner';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { buildPullRequestSimple } from '../support/github-examples';
import { FakeGitHubRepository } from '../support/github-fake-repo';
import { paginated, useGitHubServer } from '../support/github-server';

const MIGRATIONS = 'supabase/migrations';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.com', '-c', 'init.defaultBranch=develop', ...args], { cwd, encoding: 'utf8' }).trim();
}

describe('deploy-staging action (dist bundle)', () => {
  const server = useGitHubServer();
  let db: TestDatabase;
  let dir: string;
  const pullBySha = new Map<string, number>();

  beforeEach(async () => {
    db = await createTestDatabase('staging');
    dir = mkdtempSync(path.join(os.tmpdir(), 'mg-staging-e2e-'));
    mkdirSync(path.join(dir, MIGRATIONS), { recursive: true });
    git(dir, 'init', '-q');
    // Each fixture migration arrives through its own merged pull request.
    const files = readdirSync(path.join(ROOT, 'test/fixtures/deploy/basic')).sort();
    files.forEach((file, i) => {
      cpSync(path.join(ROOT, 'test/fixtures/deploy/basic', file), path.join(dir, MIGRATIONS, file));
      git(dir, 'add', '.');
      git(dir, 'commit', '-qm', `add ${file}`);
      pullBySha.set(git(dir, 'rev-parse', 'HEAD'), 100 + i);
    });
    server().on('GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls', (request) => {
      const number = pullBySha.get(request.params.commit_sha!);
      return paginated(request, number ? [buildPullRequestSimple({ owner: 'acme', repo: 'app', number, mergedAt: '2026-11-20T10:00:00Z' })] : []);
    });
  });
  afterEach(async () => {
    rmSync(dir, { recursive: true, force: true });
    await db.drop();
  });

  function run(inputs: Record<string, string> = {}) {
    const head = git(dir, 'rev-parse', 'HEAD');
    return runAction({
      action: 'deploy-staging',
      workspace: dir,
      eventName: 'push',
      event: { ref: 'refs/heads/develop', after: head },
      apiUrl: server().url,
      inputs: { 'database-url': db.url, 'migrations-dir': MIGRATIONS, 'github-token': 'test-token', ...inputs },
    });
  }

  it('applies pending migrations, records them for production, comments on the PRs that introduced them, and audits', async () => {
    const github = new FakeGitHubRepository(server(), 'acme', 'app');
    const result = await run();
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const versions = ['20240101000000', '20240102000000', '20240103000000'];
    expect(result.outputs['applied-versions']).toBe(versions.join(' '));
    expect(result.outputs.outcome).toBe('applied');

    const history = await db.query<{ version: string; name: string }>('select version, name from supabase_migrations.schema_migrations order by version');
    expect(history.map((h) => h.version)).toEqual(versions);
    const [audit] = await db.query<{ id: string; environment: string; outcome: string; actor: string; trigger: string; workflow_run_url: string }>(
      'select id, environment, outcome, actor, trigger, workflow_run_url from supabase_migrations.gate_audit',
    );
    expect(audit).toMatchObject({ environment: 'staging', outcome: 'applied', actor: 'octocat', trigger: 'push', workflow_run_url: 'https://github.com/acme/app/actions/runs/4242' });
    expect(result.outputs['audit-id']).toBe(String(audit.id));
    expect(JSON.parse(result.outputFiles['audit-json']).audit.appliedVersions).toEqual(versions);

    const deployments = github.deployments;
    expect(deployments).toHaveLength(1);
    expect(deployments[0]).toMatchObject({ environment: 'staging', task: 'deploy:migrations' });
    expect((deployments[0].payload as { versions: string[] }).versions).toEqual(versions);
    expect(github.statusesOf(deployments[0].id).map((s) => s.state)).toEqual(['success']);

    for (const number of [100, 101, 102]) {
      const [notice] = github.commentsOn(number);
      expect(notice.body).toContain('Migration Gate: applied to **staging** in [run 17](https://github.com/acme/app/actions/runs/4242)');
    }
    // Each pull request hears about the version it introduced, and only that one.
    versions.forEach((version, i) => {
      const body = github.commentsOn(100 + i)[0].body ?? '';
      expect(body).toContain(`: \`${version}\`.`);
      for (const other of versions.filter((v) => v !== version)) expect(body).not.toContain(other);
    });
    expect(result.summary).toContain('### Migration Gate: staging deploy :white_check_mark: applied');
    // The URL and its password are masked before anything else is logged.
    expect(result.stdout.split('\n')[0]).toBe(`::add-mask::${db.url}`);
  });

  it('says there is nothing to do on the next push, without new comments', async () => {
    const github = new FakeGitHubRepository(server(), 'acme', 'app');
    await run();
    const again = await run();
    expect(again.code).toBe(0);
    expect(again.outputs.outcome).toBe('up-to-date');
    expect(again.stdout).toContain('Nothing to deploy: all 3 migration(s) are already applied.');
    expect(github.commentsOn(100)).toHaveLength(1);
  });

  it('closes the audit row a killed deploy left "running", and says so as a warning and in the summary', async () => {
    new FakeGitHubRepository(server(), 'acme', 'app');
    await run();
    // What a deploy killed after taking the lock leaves behind (test/core/deploy/interrupted.test.ts kills real ones).
    const [dead] = await db.query<{ id: string }>(
      `insert into supabase_migrations.gate_audit (command, environment, outcome, versions, applied_versions, actor, started_at)
       values ('deploy', 'staging', 'running', '{20240101000000}', '{20240101000000}', 'rhea', now() - interval '1 hour') returning id::text`,
    );
    const result = await run();
    expect(result.code).toBe(0);
    const warning = result.annotations.find((a) => a.level === 'warning' && a.message.startsWith(`Audit row ${dead.id} `));
    expect(warning?.message).toContain('by rhea');
    expect(warning?.message).toContain('was interrupted: it applied 1 migration(s): 20240101000000. Marked "interrupted".');
    expect(result.summary).toContain(`> [!WARNING]\n> ${mdText(`Audit row ${dead.id} (deploy to staging by rhea`)}`);
    expect(await db.query(`select outcome from supabase_migrations.gate_audit where id = $1`, [dead.id])).toEqual([{ outcome: 'interrupted' }]);
  });

  it('stops at a failing migration with its file and line, keeps the earlier ones, and prints the way forward', async () => {
    new FakeGitHubRepository(server(), 'acme', 'app');
    writeFileSync(path.join(dir, MIGRATIONS, '20240104000000_broken.sql'), 'create table ok_then (id int);\n\ninsert into missing_table values (1);\n');
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'broken');
    const result = await run();
    expect(result.code).toBe(1);
    expect(result.outputs.outcome).toBe('failed');
    // One error annotation, at the failing statement, carrying the way forward.
    const errors = result.annotations.filter((a) => a.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0].properties).toMatchObject({ file: `${MIGRATIONS}/20240104000000_broken.sql`, line: '3', col: '13', title: 'Migration Gate: deploy failed' });
    expect(errors[0].message).toContain('Fix forward: correct');
    expect(result.stdout).toContain(`${MIGRATIONS}/20240104000000_broken.sql:3`);
    expect(result.stdout).toContain('relation "missing_table" does not exist');
    expect((await db.query<{ v: string }>('select max(version) as v from supabase_migrations.schema_migrations'))[0].v).toBe('20240103000000');
    expect(await db.query("select 1 from pg_tables where tablename = 'ok_then'")).toEqual([]);
  });

  it('refuses a transaction-mode pooler URL with the fix', async () => {
    const pooler = db.url.replace(/:(\d+)\//, ':6543/');
    const result = await run({ 'database-url': pooler });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/transaction/i);
    expect(result.stdout).toContain('5432');
  });
});
