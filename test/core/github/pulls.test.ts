import { createOctokit, pullRequestsForCommits } from '../../../packages/core/src/github';
import type { PullRequestSimple } from '../../../packages/core/src/github/types';
import { buildBasicError, buildPullRequestSimple, buildUser } from '../../support/github-examples';
import { paginated, useGitHubServer } from '../../support/github-server';

const COMMIT_PULLS = 'GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls';

describe('pullRequestsForCommits', () => {
  const server = useGitHubServer();
  const octokit = () => createOctokit('test-token', { baseUrl: server().url });

  function answerCommits(pullsBySha: Record<string, PullRequestSimple[]>): void {
    server().on(COMMIT_PULLS, (request) => {
      const pulls = pullsBySha[request.params.commit_sha!];
      return pulls ? paginated(request, pulls) : { status: 404, body: buildBasicError('Not Found') };
    });
  }

  it('returns each merged pull request once, with the commits it introduced', async () => {
    const merged41 = buildPullRequestSimple({ owner: 'acme', repo: 'app', number: 41, title: 'Add orders table', mergedAt: '2025-01-02T10:00:00Z', user: buildUser('alice') });
    const merged42 = buildPullRequestSimple({ owner: 'acme', repo: 'app', number: 42, title: 'Index orders', mergedAt: '2025-01-03T10:00:00Z', user: buildUser('bob') });
    answerCommits({ aaa111: [merged41], bbb222: [merged41], ccc333: [merged42] });

    const pulls = await pullRequestsForCommits(octokit(), { owner: 'acme', repo: 'app', shas: ['aaa111', 'bbb222', 'ccc333', 'aaa111'] });

    expect(pulls).toEqual([
      { number: 41, title: 'Add orders table', url: 'https://github.com/acme/app/pull/41', author: 'alice', mergedAt: '2025-01-02T10:00:00Z', commitShas: ['aaa111', 'bbb222'] },
      { number: 42, title: 'Index orders', url: 'https://github.com/acme/app/pull/42', author: 'bob', mergedAt: '2025-01-03T10:00:00Z', commitShas: ['ccc333'] },
    ]);
    expect(server().calls()).toEqual([
      'GET /repos/acme/app/commits/aaa111/pulls',
      'GET /repos/acme/app/commits/bbb222/pulls',
      'GET /repos/acme/app/commits/ccc333/pulls',
    ]);
  });

  it('leaves out open pull requests that merely contain the commit', async () => {
    const open = buildPullRequestSimple({ owner: 'acme', repo: 'app', number: 50, mergedAt: null });
    const merged = buildPullRequestSimple({ owner: 'acme', repo: 'app', number: 43, mergedAt: '2025-01-04T10:00:00Z' });
    answerCommits({ ddd444: [open, merged], eee555: [open] });

    const pulls = await pullRequestsForCommits(octokit(), { owner: 'acme', repo: 'app', shas: ['ddd444', 'eee555'] });

    expect(pulls.map((p) => p.number)).toEqual([43]);
  });

  it('explains a commit GitHub cannot find in terms of permissions', async () => {
    answerCommits({});

    await expect(pullRequestsForCommits(octokit(), { owner: 'acme', repo: 'app', shas: ['0123456789abcdef0123'] })).rejects.toMatchObject({
      kind: 'not-found',
      message:
        'Could not find the pull requests of commit 0123456789ab in acme/app: GitHub answered 404 "Not Found", so it does not exist or the token cannot see it. ' +
        'The workflow job needs `permissions: { contents: read, pull-requests: read }`.',
    });
  });
});
