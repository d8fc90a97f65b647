/**
 * The nightly check's issue, on the OpenAPI-checked GitHub stand-in, fed with real drift reports
 * of a database changed by hand: opened on drift, left alone while the drift is the same,
 * rewritten when it changes, closed when it is gone; a stranger's look-alike is never touched.
 */
import { createOctokit } from '../../../packages/core/src/github';
import { checkDrift, driftIssueMarker, syncDriftIssue, type DriftReport } from '../../../packages/core/src/drift';
import type { TestDatabase } from '../../support/database';
import { buildUser } from '../../support/github-examples';
import { FakeGitHubRepository } from '../../support/github-fake-repo';
import { useGitHubServer } from '../../support/github-server';
import { deployedTarget, DRIFT_FIXTURES } from './support';

jest.setTimeout(120_000);

describe('syncDriftIssue', () => {
  const server = useGitHubServer();
  const octokit = () => createOctokit('test-token', { baseUrl: server().url });
  let target: TestDatabase;
  const reports: Record<'clean' | 'oneChange' | 'twoChanges', DriftReport> = {} as never;
  const check = () => checkDrift({ databaseUrl: target.url, migrationsDir: DRIFT_FIXTURES, handleSignals: false });

  beforeAll(async () => {
    target = await deployedTarget();
    reports.clean = await check();
    await target.query('alter table public.books add column isbn text');
    reports.oneChange = await check();
    await target.query("alter type public.book_status add value 'archived'");
    reports.twoChanges = await check();
  });
  afterAll(async () => {
    await target?.drop();
  });

  const sync = (report: DriftReport) => syncDriftIssue(octokit(), { owner: 'acme', repo: 'app', report, environment: 'production', author: 'github-actions[bot]', runUrl: 'https://github.com/acme/app/actions/runs/7' });
  const writes = () => server().requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);

  it('opens one labelled issue on drift, leaves it alone while the drift is the same, rewrites it when it changes', async () => {
    const repo = new FakeGitHubRepository(server(), 'acme', 'app');
    expect(reports.clean.status).toBe('no-drift');

    expect(await sync(reports.oneChange)).toEqual({ action: 'opened', issueNumber: 1 });
    const [issue] = repo.issues;
    expect(issue.title).toBe('Schema drift on production: 1 change outside the migrations');
    expect(issue.body?.split('\n')[0]).toBe(driftIssueMarker('production'));
    expect(issue.body).toContain('| column | `public.books.isbn` | only in the database |');
    expect(issue.body).toContain('_capture_drift.sql');
    expect(issue.labels.map((l) => (typeof l === 'string' ? l : l.name))).toEqual(['migration-drift']);

    expect(await sync(reports.oneChange)).toEqual({ action: 'unchanged', issueNumber: 1 });
    expect(await sync(reports.twoChanges)).toEqual({ action: 'updated', issueNumber: 1 });
    expect(repo.issues).toHaveLength(1);
    expect(repo.issues[0].title).toBe('Schema drift on production: 2 changes outside the migrations');
    expect(repo.issues[0].body).toContain("value 'archived'");
    expect(writes()).toEqual(['POST /repos/acme/app/issues', 'PATCH /repos/acme/app/issues/1']);
  });

  it('closes the issue with a comment once the drift is gone, and opens none when there is no drift', async () => {
    const repo = new FakeGitHubRepository(server(), 'acme', 'app');
    expect(await sync(reports.clean)).toEqual({ action: 'none' });
    await sync(reports.oneChange);

    expect(await sync(reports.clean)).toEqual({ action: 'closed', issueNumber: 1 });
    expect(repo.issues[0]).toMatchObject({ state: 'closed', state_reason: 'completed' });
    expect(repo.commentsOn(1).map((c) => c.body)).toEqual([expect.stringContaining('The drift is gone: production matches what its applied migrations build again')]);
    expect(await sync(reports.clean)).toEqual({ action: 'none' });
  });

  it('never edits an issue someone else opened, even with the marker and the label', async () => {
    const repo = new FakeGitHubRepository(server(), 'acme', 'app');
    repo.seedIssue({ title: 'look-alike', body: `${driftIssueMarker('production')}\nmine`, labels: ['migration-drift'], user: buildUser('mallory') });

    expect(await sync(reports.oneChange)).toEqual({ action: 'opened', issueNumber: 2 });
    expect(await sync(reports.clean)).toEqual({ action: 'closed', issueNumber: 2 });
    expect(repo.issues[0]).toMatchObject({ title: 'look-alike', body: `${driftIssueMarker('production')}\nmine`, state: 'open' });
  });

  it('changes nothing when the check could not run', async () => {
    const repo = new FakeGitHubRepository(server(), 'acme', 'app');
    await sync(reports.oneChange);
    const failed: DriftReport = await checkDrift({ databaseUrl: 'postgres://nobody:x@127.0.0.1:1/none', migrationsDir: DRIFT_FIXTURES, handleSignals: false, connectTimeoutMs: 2000 });
    expect(failed.status).toBe('error');
    expect(await sync(failed)).toEqual({ action: 'unchanged', issueNumber: 1 });
    expect(repo.issues[0].state).toBe('open');
    expect(writes()).toEqual(['POST /repos/acme/app/issues']);
  });
});
