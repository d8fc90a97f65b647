/**
 * deploy-production end to end: the dist bundle, a real Postgres database, a real git history,
 * and every GitHub call through the OpenAPI-checked stand-in: approved / not approved / no
 * reviewers / API down / token without permission; override by an admin, by a reader, without a
 * reason; promotion from staging records; PR lookup from commits; comment bodies.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort } from '../../packages/core/src/db/server';
import { mdText } from '../../packages/core/src/report/markdown-safe';
import { runAction, ROOT } from '../support/action-runner';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { buildBasicError, buildCollaboratorPermission, buildEnvironmentApproval, buildPullRequestSimple, buildUser } from '../support/github-examples';
import { FakeGitHubRepository } from '../support/github-fake-repo';
import { paginated, useGitHubServer } from '../support/github-server';

const MIGRATIONS = 'supabase/migrations';
const FIXTURES = path.join(ROOT, 'test/fixtures/deploy/basic');
const VERSIONS = ['20240101000000', '20240102000000', '20240103000000'];
const APPROVALS = 'GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals';
const PERMISSION = 'GET /repos/{owner}/{repo}/collaborators/{username}/permission';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' }).trim();
}

function checksums(): Record<string, string> {
  return Object.fromEntries(readdirSync(FIXTURES).sort().map((f) => [f.slice(0, 14), createHash('sha256').update(readFileSync(path.join(FIXTURES, f))).digest('hex')]));
}

describe('deploy-production action (dist bundle)', () => {
  const server = useGitHubServer();
  let db: TestDatabase;
  let dir: string;
  let github: FakeGitHubRepository;
  const pullBySha = new Map<string, number>();

  beforeEach(async () => {
    db = await createTestDatabase('prod');
    dir = mkdtempSync(path.join(os.tmpdir(), 'mg-prod-e2e-'));
    mkdirSync(path.join(dir, MIGRATIONS), { recursive: true });
    // A plain Postgres project that happens to use the Supabase folder layout.
    writeFileSync(path.join(dir, '.migration-gate.json'), JSON.stringify({ supabase: false }));
    git(dir, 'init', '-q');
    readdirSync(FIXTURES)
      .sort()
      .forEach((file, i) => {
        cpSync(path.join(FIXTURES, file), path.join(dir, MIGRATIONS, file));
        git(dir, 'add', '.');
        git(dir, 'commit', '-qm', `add ${file}`);
        pullBySha.set(git(dir, 'rev-parse', 'HEAD'), 200 + i);
      });
    github = new FakeGitHubRepository(server(), 'acme', 'app');
    server().on('GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls', (request) => {
      const number = pullBySha.get(request.params.commit_sha!);
      return paginated(request, number ? [buildPullRequestSimple({ owner: 'acme', repo: 'app', number, mergedAt: '2026-11-20T10:00:00Z' })] : []);
    });
  });
  afterEach(async () => {
    rmSync(dir, { recursive: true, force: true });
    await db.drop();
  });

  function approvals(...reviews: { login: string; state: 'approved' | 'rejected'; comment?: string; environment?: string }[]): void {
    server().on(APPROVALS, () => ({
      status: 200,
      body: reviews.map((r) => buildEnvironmentApproval({ environments: [r.environment ?? 'production'], state: r.state, user: buildUser(r.login), comment: r.comment })),
    }));
  }

  function stagingRecord(sums: Record<string, string> = checksums(), states: ('success' | 'failure')[] = ['success']): void {
    github.seedDeployment({ sha: 'a'.repeat(40), environment: 'staging', task: 'deploy:migrations', payload: { tool: 'migration-gate', versions: Object.keys(sums), checksums: sums }, states });
  }

  function permission(login: string, roleName: string, classic: string): void {
    server().on(PERMISSION, () => ({ status: 200, body: buildCollaboratorPermission({ user: buildUser(login), permission: classic, roleName }) }));
  }

  function run(inputs: Record<string, string> = {}, options: { eventName?: string; actor?: string; apiUrl?: string; githubSha?: string } = {}) {
    return runAction({
      action: 'deploy-production',
      workspace: dir,
      eventName: options.eventName ?? 'push',
      event: options.eventName === 'workflow_dispatch' ? { inputs: { reason: inputs['override-reason'] ?? '' }, ref: 'refs/heads/main' } : { ref: 'refs/heads/main', after: git(dir, 'rev-parse', 'HEAD') },
      apiUrl: options.apiUrl ?? server().url,
      env: { GITHUB_ACTOR: options.actor ?? 'octocat', ...(options.githubSha ? { GITHUB_SHA: options.githubSha } : {}) },
      inputs: { 'database-url': db.url, 'migrations-dir': MIGRATIONS, 'github-token': 'test-token', ...inputs },
    });
  }

  async function appliedVersions(): Promise<string[]> {
    const exists = await db.query<{ ok: boolean }>("select to_regclass('supabase_migrations.schema_migrations') is not null as ok");
    if (!exists[0].ok) return [];
    return (await db.query<{ version: string }>('select version from supabase_migrations.schema_migrations order by version')).map((r) => r.version);
  }

  async function auditRows() {
    return db.query<{ outcome: string; override: boolean; override_reason: string | null; bypassed_gates: string[]; approvers: unknown[]; actor: string; error: string | null; restore_point_lsn: string | null }>(
      'select outcome, override, override_reason, bypassed_gates, approvers, actor, error, restore_point_lsn::text from supabase_migrations.gate_audit order by id',
    );
  }

  it('deploys when approved in this run and everything passed staging with the same checksums; records who approved', async () => {
    approvals({ login: 'alice', state: 'approved', comment: 'Reviewed the plan, go' });
    stagingRecord();
    const result = await run();
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(await appliedVersions()).toEqual(VERSIONS);
    const [audit] = await auditRows();
    expect(audit).toMatchObject({ outcome: 'applied', override: false, approvers: [expect.objectContaining({ login: 'alice', comment: 'Reviewed the plan, go', environment: 'production' })] });
    expect(audit.restore_point_lsn).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
    expect(result.outputs.approvers).toBe('alice');
    expect(result.summary).toContain('| Environment approval | :white_check_mark: approved by @alice (@alice: "Reviewed the plan, go") |');
    expect(result.summary).toContain('| Staging first | :white_check_mark: every version succeeded on staging with the same checksum |');
    expect(github.commentsOn(201)[0].body).toContain('Migration Gate: applied to **production**');
    // Each pull request's notice names the version it introduced, not the whole deploy.
    expect(github.commentsOn(201)[0].body).toContain(`: \`${VERSIONS[1]}\`.`);
    expect(github.commentsOn(201)[0].body).not.toContain(VERSIONS[0]);
    expect(github.commentsOn(201)[0].body).not.toContain(VERSIONS[2]);
    // The production marker that makes `seed` refuse this database.
    expect(await db.query('select name from supabase_migrations.gate_environment')).toEqual([{ name: 'production' }]);
  });

  it('refuses without an approval in this run, explaining how to configure the environment, and audits it', async () => {
    approvals();
    stagingRecord();
    const result = await run();
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('nobody approved the \\"production\\" environment in this run'.replace(/\\"/g, '"'));
    expect(result.stdout).toContain('Settings > Environments > production > Required reviewers');
    expect(await appliedVersions()).toEqual([]);
    expect((await auditRows()).map((r) => r.outcome)).toEqual(['refused']);
    // The refusal is annotated once (not once by the engine's log and again by the step failure).
    const errors = result.annotations.filter((a) => a.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toContain('nobody approved the "production" environment in this run');
  });

  it('deploys without an approval only when require-approval is false, and records that', async () => {
    approvals();
    stagingRecord();
    const result = await run({ 'require-approval': 'false' });
    expect(result.code).toBe(0);
    const [audit] = await auditRows();
    expect(audit.approvers).toEqual([{ approvalRequired: false, environment: 'production' }]);
    expect(result.summary).toContain(':warning: not required (`require-approval: false`)');
  });

  it('refuses when a reviewer rejected the environment', async () => {
    approvals({ login: 'alice', state: 'approved' }, { login: 'bob', state: 'rejected', comment: 'not today' });
    stagingRecord();
    const result = await run();
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('the production environment was rejected in this run by bob');
    expect(await appliedVersions()).toEqual([]);
  });

  it('fails closed when GitHub cannot be reached', async () => {
    const closedPort = await freePort();
    const result = await run({}, { apiUrl: `http://127.0.0.1:${closedPort}` });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/Could not reach GitHub/);
    expect(result.stdout).toContain('No deploy happened: the production gate fails closed');
    expect(await appliedVersions()).toEqual([]);
  });

  it('names the missing permission when the token may not read approvals', async () => {
    server().on(APPROVALS, () => ({ status: 403, body: buildBasicError('Resource not accessible by integration') }));
    const result = await run();
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('actions: read');
    expect(await appliedVersions()).toEqual([]);
  });

  it('blocks versions never seen on staging, and versions staging applied with another checksum', async () => {
    approvals({ login: 'alice', state: 'approved' });
    const sums = checksums();
    stagingRecord({ [VERSIONS[0]]: sums[VERSIONS[0]], [VERSIONS[1]]: 'f'.repeat(64) });
    const result = await run();
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`version ${VERSIONS[2]} has not succeeded on staging`);
    expect(result.stdout).toContain(`staging applied version ${VERSIONS[1]} with checksum ffffffffffff`);
    expect(await appliedVersions()).toEqual([]);
  });

  it('blocks lint errors in pending migrations unless a gate:allow accepts them', async () => {
    approvals({ login: 'alice', state: 'approved' });
    const file = '20240104000000_drop_email.sql';
    writeFileSync(path.join(dir, MIGRATIONS, file), "set lock_timeout = '5s';\nalter table profiles drop column email;\n");
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'drop email');
    stagingRecord({ ...checksums(), '20240104000000': createHash('sha256').update(readFileSync(path.join(dir, MIGRATIONS, file))).digest('hex') });
    const blocked = await run();
    expect(blocked.code).toBe(1);
    expect(blocked.stdout).toContain(`lint error(s) in pending migrations: ${MIGRATIONS}/${file}:2 [ban-drop-column]`);
    expect(await appliedVersions()).toEqual([]);

    writeFileSync(path.join(dir, MIGRATIONS, file), "-- gate:allow ban-drop-column email moved to auth.users in v3, no reader left\nset lock_timeout = '5s';\nalter table profiles drop column email;\n");
    git(dir, 'commit', '-qam', 'accept the drop');
    stagingRecord({ ...checksums(), '20240104000000': createHash('sha256').update(readFileSync(path.join(dir, MIGRATIONS, file))).digest('hex') });
    const accepted = await run();
    expect(accepted.code).toBe(0);
    expect(await appliedVersions()).toEqual([...VERSIONS, '20240104000000']);
  });

  it('lets an admin override the staging gate with a reason: audited, announced on every PR, in the summary, with a follow-up issue', async () => {
    approvals({ login: 'alice', state: 'approved' });
    permission('ann', 'admin', 'admin');
    const reason = 'Checkout is down; hotfix index for incident INC-42';
    const result = await run({ override: 'true', 'override-reason': reason, 'open-follow-up-issue': 'true' }, { eventName: 'workflow_dispatch', actor: 'ann' });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(await appliedVersions()).toEqual(VERSIONS);
    const [audit] = await auditRows();
    expect(audit).toMatchObject({ outcome: 'applied', override: true, override_reason: reason, bypassed_gates: ['staging-promotion'], actor: 'ann' });
    expect(result.summary).toContain('> **Emergency override** of the production deploy by @ann.');
    expect(result.summary).toContain('Bypassed: `staging-promotion`.');
    VERSIONS.forEach((version, i) => {
      const comments = github.commentsOn(200 + i);
      expect(comments).toHaveLength(1);
      // The reason is someone's free text: escaped for markdown (it renders as typed).
      expect(comments[0].body).toContain(`> Reason: ${mdText(reason)}`);
      expect(comments[0].body).toContain(`Migration Gate: applied to **production** in [run 17](https://github.com/acme/app/actions/runs/4242): \`${version}\`.`);
    });
    // On record before anything was applied: comments and issue first, then the migrations, then the outcome in place.
    const calls = server().calls();
    const firstComment = calls.findIndex((c) => c.startsWith('POST /repos/acme/app/issues/') && c.endsWith('/comments'));
    const issueOpened = calls.indexOf('POST /repos/acme/app/issues');
    expect(firstComment).toBeGreaterThanOrEqual(0);
    expect(issueOpened).toBeGreaterThan(firstComment);
    expect(calls.filter((c) => c.startsWith('PATCH /repos/acme/app/issues/comments/'))).toHaveLength(3);
    expect(github.issues).toHaveLength(1);
    expect(github.issues[0].title).toBe('Review emergency migration override by @ann (run 17)');
    expect(github.issues[0].body).toContain(`Outcome: applied. Applied: ${VERSIONS.map((v) => `\`${v}\``).join(', ')}.`);
  });

  it('refuses an authorised override that a gate it cannot bypass refused, says so everywhere, and opens no review issue', async () => {
    approvals();
    permission('ann', 'admin', 'admin');
    const result = await run({ 'override-reason': 'Checkout is down', 'open-follow-up-issue': 'true' }, { eventName: 'workflow_dispatch', actor: 'ann' });
    expect(result.code).toBe(1);
    expect(await appliedVersions()).toEqual([]);
    const [audit] = await auditRows();
    expect(audit).toMatchObject({ outcome: 'refused', override: true, bypassed_gates: [] });
    const refused = '**Emergency override refused** of the production deploy by @ann.';
    expect(result.summary).toContain(refused);
    expect(result.summary).toContain(`> Refused: ${mdText('Deploy refused: nobody approved the "production" environment in this run')}`);
    expect(result.summary).toContain('Nothing was applied and nothing was bypassed.');
    expect(result.summary).not.toContain('every gate passed');
    for (const number of [200, 201, 202]) {
      expect(github.commentsOn(number)).toHaveLength(1);
      expect(github.commentsOn(number)[0].body).toContain(refused);
      expect(github.commentsOn(number)[0].body).not.toContain('every gate passed');
    }
    expect(github.issues).toEqual([]);
    expect(result.annotations.filter((a) => a.level === 'error')).toHaveLength(1);
  });

  it('refuses an override, before applying anything, when the token cannot comment on the pull requests (pull-requests: write)', async () => {
    approvals({ login: 'alice', state: 'approved' });
    permission('ann', 'admin', 'admin');
    server().on('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', () => ({ status: 403, body: buildBasicError('Resource not accessible by integration') }));
    const result = await run({ 'override-reason': 'Checkout is down' }, { eventName: 'workflow_dispatch', actor: 'ann' });
    expect(result.code).toBe(1);
    expect(await appliedVersions()).toEqual([]);
    expect(result.stdout).toContain('Emergency override refused: it must be on record on GitHub before anything is applied, and recording it failed.');
    expect(result.stdout).toContain('pull-requests: write');
    expect((await auditRows()).map((r) => [r.outcome, r.override])).toEqual([['refused', true]]);
    expect(result.summary).toContain('**Emergency override refused**');
  });

  it('refuses an override that asks for a follow-up issue when the token cannot open one (issues: write), and says so on the pull requests', async () => {
    approvals({ login: 'alice', state: 'approved' });
    permission('ann', 'admin', 'admin');
    server().on('POST /repos/{owner}/{repo}/issues', () => ({ status: 403, body: buildBasicError('Resource not accessible by integration') }));
    const result = await run({ 'override-reason': 'Checkout is down', 'open-follow-up-issue': 'true' }, { eventName: 'workflow_dispatch', actor: 'ann' });
    expect(result.code).toBe(1);
    expect(await appliedVersions()).toEqual([]);
    expect(result.stdout).toContain('issues: write');
    // The comments written before the refusal now say it was refused.
    for (const number of [200, 201, 202]) {
      expect(github.commentsOn(number)).toHaveLength(1);
      expect(github.commentsOn(number)[0].body).toContain('**Emergency override refused**');
      expect(github.commentsOn(number)[0].body).toContain('Migration Gate: not applied to **production**');
    }
  });

  it('records the commit actually checked out, and the run\'s GITHUB_SHA beside it, when an override deploys another ref', async () => {
    approvals({ login: 'alice', state: 'approved' });
    permission('ann', 'admin', 'admin');
    const head = git(dir, 'rev-parse', 'HEAD');
    const defaultBranchHead = 'd'.repeat(40);
    const result = await run({ 'override-reason': 'hotfix from release/1.2' }, { eventName: 'workflow_dispatch', actor: 'ann', githubSha: defaultBranchHead });
    expect(result.code).toBe(0);
    expect(await db.query('select git_sha, workflow_sha, application_name from supabase_migrations.gate_audit')).toEqual([
      { git_sha: head, workflow_sha: defaultBranchHead, application_name: `migration-gate deploy production ${head.slice(0, 7)} pid ${JSON.parse(result.outputFiles['audit-json']).audit.applicationName.split(' pid ')[1]}` },
    ]);
    expect(await db.query('select distinct git_sha from supabase_migrations.gate_applied')).toEqual([{ git_sha: head }]);
    expect(JSON.parse(result.outputFiles['audit-json']).audit).toMatchObject({ gitSha: head, workflowSha: defaultBranchHead });
  });

  it('refuses an override by a reader, and audits the refusal', async () => {
    approvals({ login: 'alice', state: 'approved' });
    permission('rita', 'read', 'read');
    const result = await run({ override: 'true', 'override-reason': 'I want it now' }, { eventName: 'workflow_dispatch', actor: 'rita' });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Emergency override refused: rita has the read role, below the required maintain');
    expect(await appliedVersions()).toEqual([]);
    const [audit] = await auditRows();
    expect(audit).toMatchObject({ outcome: 'refused', override: true, override_reason: 'I want it now', actor: 'rita' });
    expect(github.commentsOn(200)[0].body).toContain('**Emergency override refused**');
  });

  it('refuses an override without a reason', async () => {
    approvals({ login: 'alice', state: 'approved' });
    permission('ann', 'admin', 'admin');
    const result = await run({ override: 'true', 'override-reason': '   ' }, { eventName: 'workflow_dispatch', actor: 'ann' });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Emergency override refused: An emergency override needs a reason: set the input "override-reason"');
    expect(await appliedVersions()).toEqual([]);
  });

  it('does not roll back: a failing migration stops the deploy and the report carries a drafted forward fix', async () => {
    approvals({ login: 'alice', state: 'approved' });
    permission('ann', 'admin', 'admin');
    writeFileSync(
      path.join(dir, MIGRATIONS, '20240104000000_index_profiles.sql'),
      "-- transaction: none\nset lock_timeout = '5s';\ncreate index concurrently profiles_name_idx on profiles (name);\ncreate unique index concurrently profiles_missing_idx on profiles (no_such_column);\n",
    );
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'index');
    const result = await run({ 'override-reason': 'incident' }, { eventName: 'workflow_dispatch', actor: 'ann' });
    expect(result.code).toBe(1);
    expect(await appliedVersions()).toEqual(VERSIONS);
    expect(result.summary).toContain('DRAFT');
    expect(result.summary).toContain('drop index concurrently if exists');
    expect(result.summary).toContain('profiles_name_idx');
  });
});
