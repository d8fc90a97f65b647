/**
 * The validate action end to end: the committed dist bundle, run as GitHub runs it, against a
 * real git repository and the OpenAPI-checked stand-in for api.github.com.
 */
import { mdText } from '../../packages/core/src/report/markdown-safe';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, unlinkSync, writeFileSync, readdirSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort } from '../../packages/core/src/db/server';
import { runAction, ROOT } from '../support/action-runner';
import { buildUser } from '../support/github-examples';
import { FakeGitHubRepository } from '../support/github-fake-repo';
import { useGitHubServer } from '../support/github-server';

const MIGRATIONS = 'supabase/migrations';
const UNSAFE = `${MIGRATIONS}/20240410083000_add_posts_status.sql`;
const MARKER = '<!-- migration-gate:validate -->';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' }).trim();
}

/** A repository whose main branch has the first four example migrations and whose PR adds the last two. */
function examplePullRequestRepo(): { dir: string; baseSha: string; headSha: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mg-validate-e2e-'));
  cpSync(path.join(ROOT, 'examples', 'supabase-project'), dir, { recursive: true });
  const newFiles = readdirSync(path.join(dir, MIGRATIONS)).sort().slice(4);
  const held = newFiles.map((f) => [f, path.join(dir, MIGRATIONS, f)] as const);
  const contents = held.map(([, p]) => require('node:fs').readFileSync(p));
  for (const [, p] of held) unlinkSync(p);
  git(dir, 'init', '-q');
  git(dir, 'add', '.');
  git(dir, 'commit', '-qm', 'base');
  const baseSha = git(dir, 'rev-parse', 'HEAD');
  git(dir, 'checkout', '-qb', 'feature');
  held.forEach(([, p], i) => writeFileSync(p, contents[i]));
  git(dir, 'add', '.');
  git(dir, 'commit', '-qm', 'add posts status');
  return { dir, baseSha, headSha: git(dir, 'rev-parse', 'HEAD') };
}

describe('validate action (dist bundle)', () => {
  const server = useGitHubServer();
  let repo: { dir: string; baseSha: string; headSha: string };

  beforeEach(() => {
    repo = examplePullRequestRepo();
  });
  afterEach(() => rmSync(repo.dir, { recursive: true, force: true }));

  function event() {
    return { action: 'synchronize', number: 7, pull_request: { number: 7, base: { ref: 'main', sha: repo.baseSha }, head: { ref: 'feature', sha: repo.headSha } } };
  }

  async function run(inputs: Record<string, string> = {}) {
    return runAction({
      action: 'validate',
      workspace: repo.dir,
      eventName: 'pull_request',
      event: event(),
      apiUrl: server().url,
      inputs: { 'migrations-dir': MIGRATIONS, 'github-token': 'test-token', comment: 'true', 'dry-run': 'false', ...inputs },
    });
  }

  it('fails the step, annotates the unsafe lines, writes the summary and outputs, and creates one PR comment', async () => {
    const github = new FakeGitHubRepository(server(), 'acme', 'app');
    const result = await run();
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);

    const errors = result.annotations.filter((a) => a.level === 'error' && a.properties.file);
    expect(errors.map((a) => [a.properties.file, a.properties.line, a.properties.col, a.properties.title])).toEqual([
      [UNSAFE, '2', '37', 'adding-required-field'],
      [UNSAFE, '6', '1', 'ban-drop-column'],
    ]);
    expect(result.stdout).toContain('::error::Migration Gate found 2 error(s) and 2 warning(s) (fail-on: error).');

    // Only the PR's two new migrations were checked; the base's four give context.
    expect(result.outputs['pending-versions']).toBe('20240410083000 20240411090000');
    expect(result.outputs['errors-count']).toBe('2');
    expect(result.outputs['findings-count']).toBe('4');
    const report = JSON.parse(result.outputFiles['report-json']);
    expect(report.base).toEqual({ ref: 'main', commit: repo.baseSha, newestVersion: '20240301100000' });
    expect(report.findings.map((f: { ruleId: string; line: number }) => `${f.ruleId}:${f.line}`)).toEqual([
      'require-lock-timeout:2',
      'adding-required-field:2',
      'require-concurrent-index-creation:4',
      'ban-drop-column:6',
    ]);

    expect(result.summary).toContain('### :x: Migration Gate: changes needed');
    expect(result.summary).toContain(`| [L6](https://github.com/acme/app/blob/${repo.headSha}/${UNSAFE}#L6) | :x: error | \`ban-drop-column\` |`);

    const comments = github.commentsOn(7);
    expect(comments).toHaveLength(1);
    expect(comments[0].body?.startsWith(`${MARKER}\n### :x: Migration Gate: changes needed`)).toBe(true);
    expect(comments[0].body).toContain('2 new migrations checked against `main`');
  });

  it('updates the same comment on the next push, and resolves it once the migration is fixed', async () => {
    const github = new FakeGitHubRepository(server(), 'acme', 'app');
    await run();
    const [first] = github.commentsOn(7);
    await run();
    expect(github.commentsOn(7).map((c) => c.id)).toEqual([first.id]);

    writeFileSync(
      path.join(repo.dir, UNSAFE),
      "set lock_timeout = '5s';\nalter table public.posts add column status text not null default 'draft';\n",
    );
    git(repo.dir, 'commit', '-qam', 'fix');
    const fixed = await run();
    expect(fixed.code).toBe(0);
    const comments = github.commentsOn(7);
    expect(comments.map((c) => c.id)).toEqual([first.id]);
    expect(comments[0].body).toContain('### :white_check_mark: Migration Gate: passed');
    expect(comments[0].body).toContain('Earlier findings on this pull request are resolved.');
  });

  it('never comments when nothing was ever wrong', async () => {
    const github = new FakeGitHubRepository(server(), 'acme', 'app');
    writeFileSync(path.join(repo.dir, UNSAFE), "set lock_timeout = '5s';\nalter table public.posts add column status text;\n");
    git(repo.dir, 'commit', '-qam', 'safe');
    const result = await run();
    expect(result.code).toBe(0);
    expect(github.commentsOn(7)).toEqual([]);
    expect(server().calls()).toEqual(['GET /repos/acme/app/issues/7/comments']); // looked for an old comment, wrote nothing
  });

  it('reports an edited base migration as immutable history', async () => {
    new FakeGitHubRepository(server(), 'acme', 'app');
    const edited = `${MIGRATIONS}/20240301100000_create_posts.sql`;
    writeFileSync(path.join(repo.dir, edited), 'create table public.posts (id bigint primary key);\n');
    git(repo.dir, 'commit', '-qam', 'edit history');
    const result = await run();
    expect(result.code).toBe(1);
    expect(result.annotations).toContainEqual(expect.objectContaining({ level: 'error', properties: expect.objectContaining({ file: edited, title: 'immutable-migration' }) }));
  });

  it('dry-runs the base then the new migrations on a real Postgres and puts locks and schema changes in the comment', async () => {
    const github = new FakeGitHubRepository(server(), 'acme', 'app');
    const result = await run({ 'dry-run': 'true', 'shadow-database-url': process.env.TEST_DATABASE_URL as string });
    expect(result.code).toBe(1);
    const dryRunWarnings = result.annotations.filter((a) => a.properties.title?.startsWith('dry-run'));
    // Line 2's lock was predicted by require-lock-timeout: one annotation carries both; line 6's was not.
    expect(dryRunWarnings.map((a) => [a.properties.file, a.properties.line, a.properties.title])).toEqual([[UNSAFE, '6', 'dry-run-access-exclusive']]);
    const lineTwo = result.annotations.filter((a) => a.properties.file === UNSAFE && a.properties.line === '2' && a.properties.title === 'require-lock-timeout');
    expect(lineTwo).toHaveLength(1);
    expect(lineTwo[0].message).toContain('Confirmed by the dry-run: ALTER TABLE takes an ACCESS EXCLUSIVE lock on public.posts');
    // The shadow server's URL carries a password: it must never reach the log.
    const password = new URL(process.env.TEST_DATABASE_URL as string).password;
    const leaks = result.stdout.split('\n').filter((line) => line.includes(password));
    expect(leaks.length).toBeGreaterThan(0);
    for (const line of leaks) expect(line.startsWith('::add-mask::')).toBe(true); // the runner masks, then hides, these
    expect(result.stdout).toContain(`::add-mask::${password}\n`);
    const [comment] = github.commentsOn(7);
    expect(comment.body).toContain('posts_author_id_idx');
    expect(result.summary).toContain('ACCESS EXCLUSIVE');
  });

  it('leaves a marked comment written by someone else alone and keeps its own', async () => {
    const github = new FakeGitHubRepository(server(), 'acme', 'app');
    const [theirs] = github.seedComments(7, [`${MARKER}\n### :white_check_mark: Migration Gate: passed`], buildUser('mallory'));
    const result = await run();
    expect(result.code).toBe(1);
    const comments = github.commentsOn(7);
    expect(comments.map((c) => [c.user?.login, c.body?.split('\n')[1]])).toEqual([
      ['mallory', '### :white_check_mark: Migration Gate: passed'],
      ['github-actions[bot]', '### :x: Migration Gate: changes needed'],
    ]);
    expect(comments[0]).toEqual(theirs);
    expect(result.stdout).toContain('Left alone 1 comment(s) carrying the Migration Gate marker written by someone else.');
  });

  it('fails visibly when its earlier comment cannot be updated, and marks that comment out of date', async () => {
    const github = new FakeGitHubRepository(server(), 'acme', 'app');
    writeFileSync(path.join(repo.dir, UNSAFE), "set lock_timeout = '5s';\nalter table public.posts add column status text;\n");
    git(repo.dir, 'commit', '-qam', 'safe');
    const [ours] = github.seedComments(7, [`${MARKER}\n### :x: Migration Gate: changes needed\nold findings`]);
    let attempts = 0;
    server().on('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', (request) => {
      if (attempts++ === 0) return { status: 422, body: { message: 'Validation Failed', documentation_url: 'https://docs.github.com/rest', errors: [{ resource: 'IssueComment', code: 'custom', field: 'body', message: 'body is too long' }] } };
      const updated = { ...ours, body: (request.body as { body: string }).body };
      github.commentsOn(7)[0] = updated;
      return { status: 200, body: updated };
    });

    const result = await run();

    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/::error::Could not update the pull-request comment https:\/\/github\.com\/acme\/app\/pull\/7#issuecomment-\d+: .*body is too long.* \(it now says it is out of date\)\. The current report is in the job summary\./);
    expect(github.commentsOn(7)[0]!.body).toContain('This comment is out of date.');
  });

  it('refuses pull_request_target with the pull request code checked out, unless the input says the caller understands', async () => {
    new FakeGitHubRepository(server(), 'acme', 'app');
    const target = (inputs: Record<string, string> = {}) =>
      runAction({ action: 'validate', workspace: repo.dir, eventName: 'pull_request_target', event: event(), apiUrl: server().url, inputs: { 'migrations-dir': MIGRATIONS, 'github-token': 'test-token', comment: 'false', 'dry-run': 'false', ...inputs } });

    const refused = await target();
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain("::error::Refusing to validate on pull_request_target with the pull request's own code checked out");
    expect(refused.stdout).toContain('set the input allow-pull-request-target: true.');
    expect(refused.summary).toBe('');

    const allowed = await target({ 'allow-pull-request-target': 'true' });
    expect(allowed.stdout).not.toContain('Refusing');
    expect(allowed.outputs['errors-count']).toBe('2');

    git(repo.dir, 'checkout', '-q', repo.baseSha); // the base's code: nothing from the pull request runs
    const base = await target();
    expect(base.stdout).not.toContain('Refusing');
  });

  it('refuses a migrations folder outside the repository, and a shadow URL whose password has an unencoded @', async () => {
    const outside = await run({ 'migrations-dir': '/etc' });
    expect(outside.code).toBe(1);
    expect(outside.stdout).toContain('::error::The migrations folder "/etc" is outside the repository');

    const ambiguous = await run({ 'dry-run': 'true', 'shadow-database-url': 'postgres://postgres:p@ss@127.0.0.1:1/postgres' });
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stdout).toContain('::error::Input "shadow-database-url": The database URL has an "@"');
    expect(ambiguous.stdout).toContain('Percent-encode the password');
    expect(ambiguous.stdout).not.toMatch(/^::add-mask::.{1,3}$/m);
  });

  it('still writes its outputs, report, summary and comment when the shadow server cannot be used', async () => {
    const github = new FakeGitHubRepository(server(), 'acme', 'app');
    const closedPort = await freePort();
    const password = 'shadow-secret-pw';
    const result = await run({ 'dry-run': 'true', 'shadow-database-url': `postgres://gate:${password}@127.0.0.1:${closedPort}/postgres` });
    expect(result.code).toBe(1);
    // The static findings stand, and the unusable dry-run is one more error, not a crash.
    expect(result.outputs['errors-count']).toBe('3');
    expect(result.outputs['pending-versions']).toBe('20240410083000 20240411090000');
    const report = JSON.parse(result.outputFiles['report-json']);
    expect(report.findings).toContainEqual(
      expect.objectContaining({ ruleId: 'dry-run-error', severity: 'error', file: MIGRATIONS, line: 1, message: expect.stringMatching(/^The dry-run could not run, so the migrations were not replayed on a real PostgreSQL: /) }),
    );
    expect(result.annotations).toContainEqual(expect.objectContaining({ level: 'error', properties: expect.objectContaining({ title: 'dry-run-error', file: MIGRATIONS }) }));
    expect(result.summary).toContain('### :x: Migration Gate: changes needed');
    // Messages are escaped for markdown: they render as typed.
    expect(result.summary).toContain(mdText('The dry-run could not run'));
    expect(github.commentsOn(7)[0].body).toContain(mdText('The dry-run could not run'));
    expect(`${result.summary}${github.commentsOn(7)[0].body}`).not.toContain(password);
  });

  it('fails with a clear message when the folder does not exist', async () => {
    const result = await run({ 'migrations-dir': 'db/migrations' });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('::error::Migrations folder "db/migrations" does not exist.');
  });
});
