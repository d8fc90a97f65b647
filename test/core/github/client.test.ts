import { createOctokit, getRunApprovals, GitHubApiError, recordStagingDeployment } from '../../../packages/core/src/github';
import { buildBasicError, buildEnvironmentApproval, buildUser } from '../../support/github-examples';
import { startGitHubServer, useGitHubServer } from '../../support/github-server';

const RUN_APPROVALS = 'GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals';
const run = { owner: 'acme', repo: 'app', runId: 5 };

describe('createOctokit', () => {
  const server = useGitHubServer();
  const savedApiUrl = process.env.GITHUB_API_URL;
  afterEach(() => {
    if (savedApiUrl === undefined) delete process.env.GITHUB_API_URL;
    else process.env.GITHUB_API_URL = savedApiUrl;
  });

  it('talks to GITHUB_API_URL with the given token when no base URL is passed', async () => {
    const approval = buildEnvironmentApproval({ environments: ['production'], state: 'approved', user: buildUser('alice') });
    let authorization: string | undefined;
    server().on(RUN_APPROVALS, (request) => {
      authorization = request.headers.authorization;
      return { status: 200, body: [approval] };
    });
    process.env.GITHUB_API_URL = `${server().url}/`;

    expect(await getRunApprovals(createOctokit('ghs_test'), run)).toEqual([approval]);
    expect(authorization).toBe('token ghs_test');
  });

  it('refuses to start without a token', () => {
    expect(() => createOctokit('')).toThrow('A GitHub token is required');
  });
});

describe('GitHub failures as errors a workflow author can act on', () => {
  const server = useGitHubServer();
  const octokit = () => createOctokit('test-token', { baseUrl: server().url });
  const failWith = (status: number, body: unknown, headers: Record<string, string> = {}) => server().on(RUN_APPROVALS, () => ({ status, body, headers }));

  it('says GitHub cannot be reached when the connection is refused', async () => {
    const gone = await startGitHubServer();
    const url = gone.url;
    await gone.close();

    const failure = getRunApprovals(createOctokit('test-token', { baseUrl: url }), run);

    await expect(failure).rejects.toBeInstanceOf(GitHubApiError);
    await expect(failure).rejects.toMatchObject({
      kind: 'unreachable',
      status: undefined,
      message: expect.stringMatching(
        // The detail is Node's ("connect ECONNREFUSED …"), or undici's "fetch failed" where the cause is lost across realms (as under Jest).
        new RegExp(`^Could not reach GitHub at ${url.replace(/[.]/g, '\\.')} to read the deployment approvals of workflow run 5 in acme/app: (fetch failed|connect ECONNREFUSED .*)\\. This is usually temporary; re-run the job\\.$`),
      ),
    });
  });

  it('says GitHub cannot be reached when it answers with a server error', async () => {
    failWith(503, buildBasicError('Service Unavailable'));

    await expect(getRunApprovals(octokit(), run)).rejects.toMatchObject({
      kind: 'unreachable',
      status: 503,
      message: 'Could not reach GitHub to read the deployment approvals of workflow run 5 in acme/app: it answered 503 "Service Unavailable". This is usually temporary; re-run the job.',
    });
  });

  it('gives up on a request that hangs instead of hanging the job', async () => {
    server().on(RUN_APPROVALS, () => new Promise((resolve) => setTimeout(() => resolve({ status: 200, body: [] }), 1_000)));

    await expect(getRunApprovals(createOctokit('test-token', { baseUrl: server().url, requestTimeoutMs: 100 }), run)).rejects.toMatchObject({
      kind: 'unreachable',
      message: expect.stringContaining('Could not reach GitHub'),
    });
  });

  it('names the permission to grant on 403', async () => {
    failWith(403, buildBasicError('Resource not accessible by integration'));

    await expect(getRunApprovals(octokit(), run)).rejects.toMatchObject({
      kind: 'missing-permission',
      status: 403,
      githubMessage: 'Resource not accessible by integration',
      operation: { permissions: ['actions: read'] },
      message:
        'Could not read the deployment approvals of workflow run 5 in acme/app: the token lacks permission (403 "Resource not accessible by integration"). ' +
        'The workflow job needs `permissions: actions: read`.',
    });
  });

  it('names the permission on 404, since GitHub hides what a token may not see', async () => {
    failWith(404, buildBasicError('Not Found'));

    await expect(getRunApprovals(octokit(), run)).rejects.toMatchObject({
      kind: 'not-found',
      message: expect.stringContaining('so it does not exist or the token cannot see it. The workflow job needs `permissions: actions: read`.'),
    });
  });

  it('asks for a valid token on 401', async () => {
    failWith(401, buildBasicError('Bad credentials'));

    await expect(getRunApprovals(octokit(), run)).rejects.toMatchObject({
      kind: 'bad-credentials',
      message: expect.stringContaining('GitHub rejected the token (401 "Bad credentials"). Pass a valid, unexpired token in the github-token input.'),
    });
  });

  it('tells a rate limit apart from a missing permission, with when to retry', async () => {
    failWith(403, buildBasicError('API rate limit exceeded for installation ID 1.'), { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1767225600' });
    await expect(getRunApprovals(octokit(), run)).rejects.toMatchObject({
      kind: 'rate-limited',
      message: expect.stringContaining('rate limit was exceeded (403 "API rate limit exceeded for installation ID 1."). The limit resets at 2026-01-01T00:00:00.000Z.'),
    });

    failWith(429, buildBasicError('You have exceeded a secondary rate limit.'), { 'retry-after': '60' });
    await expect(getRunApprovals(octokit(), run)).rejects.toMatchObject({ kind: 'rate-limited', message: expect.stringContaining('Retry in 60 seconds.') });
  });

  it("passes on GitHub's validation details when it refuses a request", async () => {
    server().on('POST /repos/{owner}/{repo}/deployments', () => ({
      status: 422,
      body: {
        message: 'Validation Failed',
        documentation_url: 'https://docs.github.com/rest/deployments/deployments#create-a-deployment',
        errors: [{ resource: 'Deployment', field: 'ref', code: 'invalid', message: 'No ref found for: 1234' }],
      },
    }));

    await expect(
      recordStagingDeployment(octokit(), { owner: 'acme', repo: 'app', sha: '1234', payload: { versions: [], checksums: {} }, outcome: 'success' }),
    ).rejects.toMatchObject({
      kind: 'rejected',
      status: 422,
      message: 'GitHub refused to record a staging deployment of 1234 in acme/app (422 "Validation Failed": No ref found for: 1234).',
    });
  });
});
