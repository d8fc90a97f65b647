import { createOctokit } from '../../packages/core/src/github';
import { buildBasicError, buildEnvironmentApproval, buildIssueComment, buildUser } from './github-examples';
import { paginated, startGitHubServer, type GitHubTestServer } from './github-server';

const APPROVALS = 'GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals';
const CREATE_COMMENT = 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments';

describe('GitHub test server', () => {
  let server: GitHubTestServer;
  beforeEach(async () => {
    server = await startGitHubServer();
  });
  afterEach(async () => {
    await server.close();
  });
  const octokit = () => createOctokit('test-token', { baseUrl: server.url });

  it('passes a documented call whose request and response match the description', async () => {
    const approval = buildEnvironmentApproval({ environments: ['production'], state: 'approved', user: buildUser('alice'), comment: 'ok' });
    server.on(APPROVALS, () => ({ status: 200, body: [approval] }));

    const { data } = await octokit().rest.actions.getReviewsForRun({ owner: 'acme', repo: 'app', run_id: 42 });

    expect(data).toEqual([approval]);
    expect(server.violations()).toEqual([]);
    expect(server.requests).toEqual([
      { method: 'GET', path: '/repos/acme/app/actions/runs/42/approvals', query: {}, body: undefined, operationId: 'actions/get-reviews-for-run', status: 200 },
    ]);
  });

  it('flags a request body that violates the operation schema', async () => {
    server.on(CREATE_COMMENT, () => ({ status: 201, body: buildIssueComment({ owner: 'acme', repo: 'app', id: 1, issueNumber: 1, body: 'x' }) }));

    const call = octokit().request(CREATE_COMMENT, { owner: 'acme', repo: 'app', issue_number: 1, body: 42 as unknown as string });

    await expect(call).rejects.toMatchObject({ status: 500 });
    const [violation, ...others] = server.takeViolations();
    expect(others).toEqual([]);
    expect(violation).toContain('issues/create-comment');
    expect(violation).toContain('body /body must be string');
  });

  it('flags a response that lacks a required field', async () => {
    const comment: Partial<ReturnType<typeof buildIssueComment>> = buildIssueComment({ owner: 'acme', repo: 'app', id: 7, issueNumber: 3, body: 'hello' });
    delete comment.html_url;
    server.on(CREATE_COMMENT, () => ({ status: 201, body: comment }));

    await expect(octokit().rest.issues.createComment({ owner: 'acme', repo: 'app', issue_number: 3, body: 'hello' })).rejects.toMatchObject({ status: 500 });

    const violations = server.takeViolations();
    expect(violations).toHaveLength(1);
    expect(violations[0]).toContain("must have required property 'html_url'");
  });

  it('accepts null only where GitHub documents a field as nullable', async () => {
    const comment = buildIssueComment({ owner: 'acme', repo: 'app', id: 8, issueNumber: 3, body: 'hello' });
    server.on(CREATE_COMMENT, () => ({ status: 201, body: { ...comment, user: null } }));
    await octokit().rest.issues.createComment({ owner: 'acme', repo: 'app', issue_number: 3, body: 'hello' });
    expect(server.takeViolations()).toEqual([]);

    server.on(CREATE_COMMENT, () => ({ status: 201, body: { ...comment, html_url: null } }));
    await expect(octokit().rest.issues.createComment({ owner: 'acme', repo: 'app', issue_number: 3, body: 'hello' })).rejects.toMatchObject({ status: 500 });
    expect(server.takeViolations()[0]).toContain('/html_url must be string');
  });

  it('flags paths that are not GitHub operations, undocumented query parameters and calls without a handler', async () => {
    await expect(octokit().request('GET /repos/{owner}/{repo}/migration-gate-records', { owner: 'acme', repo: 'app' })).rejects.toMatchObject({ status: 500 });
    await expect(octokit().request('GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals', { owner: 'acme', repo: 'app', run_id: 1, environment: 'prod' })).rejects.toMatchObject({ status: 500 });
    await expect(octokit().rest.issues.create({ owner: 'acme', repo: 'app', title: 'x' })).rejects.toMatchObject({ status: 500 });

    const violations = server.takeViolations();
    expect(violations).toHaveLength(3);
    expect(violations[0]).toContain("GET /repos/acme/app/migration-gate-records is not an operation in GitHub's OpenAPI description");
    expect(violations[1]).toContain('query parameter "environment" is not documented');
    expect(violations[2]).toContain('issues/create (POST /repos/{owner}/{repo}/issues) was called but the test registered no handler');
  });

  it('flags a path parameter of the wrong type', async () => {
    server.on(APPROVALS, () => ({ status: 200, body: [] }));
    await expect(octokit().request('GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals', { owner: 'acme', repo: 'app', run_id: 'latest' as unknown as number })).rejects.toMatchObject({ status: 500 });
    expect(server.takeViolations()[0]).toContain('path parameter "run_id"="latest": (root) must be integer');
  });

  it('allows the errors any endpoint may return, but only with an error body, and rejects other undocumented statuses', async () => {
    server.on(APPROVALS, () => ({ status: 403, body: buildBasicError('Resource not accessible by integration') }));
    await expect(octokit().rest.actions.getReviewsForRun({ owner: 'acme', repo: 'app', run_id: 1 })).rejects.toMatchObject({ status: 403 });
    expect(server.takeViolations()).toEqual([]);

    server.on(APPROVALS, () => ({ status: 403, body: { message: 42 } }));
    await expect(octokit().rest.actions.getReviewsForRun({ owner: 'acme', repo: 'app', run_id: 1 })).rejects.toMatchObject({ status: 500 });
    expect(server.takeViolations()[0]).toContain('/message must be string');

    server.on(APPROVALS, () => ({ status: 202, body: [] }));
    await expect(octokit().rest.actions.getReviewsForRun({ owner: 'acme', repo: 'app', run_id: 1 })).rejects.toMatchObject({ status: 500 });
    expect(server.takeViolations()[0]).toContain('status 202 is not documented (documented: 200)');
  });

  it('refuses to register a route GitHub does not document', () => {
    expect(() => server.on('GET /repos/{owner}/{repo}/deployment-approvals', () => ({ status: 200 }))).toThrow(
      "GitHub's OpenAPI description has no operation GET /repos/{owner}/{repo}/deployment-approvals",
    );
  });

  it('makes assertNoViolations fail the test with every violation listed', async () => {
    await expect(octokit().request('GET /nowhere')).rejects.toMatchObject({ status: 500 });
    expect(() => server.assertNoViolations()).toThrow(/GitHub API contract violations:\n- GET \/nowhere is not an operation/);
  });

  it('paginates with Link headers that Octokit follows', async () => {
    const comments = Array.from({ length: 250 }, (_, i) => buildIssueComment({ owner: 'acme', repo: 'app', id: i + 1, issueNumber: 5, body: `comment ${i + 1}` }));
    server.on('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', (request) => paginated(request, comments));

    const all = await octokit().paginate(octokit().rest.issues.listComments, { owner: 'acme', repo: 'app', issue_number: 5, per_page: 100 });

    expect(all.map((c) => c.id)).toEqual(comments.map((c) => c.id));
    expect(server.calls()).toEqual([
      'GET /repos/acme/app/issues/5/comments',
      'GET /repos/acme/app/issues/5/comments',
      'GET /repos/acme/app/issues/5/comments',
    ]);
    expect(server.requests.map((r) => r.query.page)).toEqual([undefined, '2', '3']);
    server.assertNoViolations();
  });
});

describe('GitHub example builders', () => {
  it('refuse overrides that make the object invalid for GitHub', () => {
    expect(() => buildUser('alice', { id: 'alice' as unknown as number })).toThrow(/Not a valid GitHub "simple-user":\n {2}\/id must be integer/);
  });

  it('point example URLs at the test repository and user', () => {
    const comment = buildIssueComment({ owner: 'acme', repo: 'app', id: 9, issueNumber: 12, body: 'hi', user: buildUser('alice') });
    expect(comment.html_url).toBe('https://github.com/acme/app/pull/12#issuecomment-9');
    expect(comment.user?.html_url).toBe('https://github.com/alice');
    expect(JSON.stringify(comment)).not.toMatch(/octocat|Hello-World/);
  });
});
