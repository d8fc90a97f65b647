import { createIssue, createOctokit } from '../../../packages/core/src/github';
import { FakeGitHubRepository } from '../../support/github-fake-repo';
import { useGitHubServer } from '../../support/github-server';

describe('createIssue', () => {
  const server = useGitHubServer();
  const octokit = () => createOctokit('test-token', { baseUrl: server().url });

  it('opens an issue with labels and returns its number and link', async () => {
    const repo = new FakeGitHubRepository(server(), 'acme', 'app');

    const issue = await createIssue(octokit(), { owner: 'acme', repo: 'app', title: 'Production override on 2025-01-06', body: 'Follow up', labels: ['migration-gate'] });

    expect(issue).toEqual({ number: 1, url: 'https://github.com/acme/app/issues/1' });
    expect(server().requests[0]).toMatchObject({
      method: 'POST',
      path: '/repos/acme/app/issues',
      body: { title: 'Production override on 2025-01-06', body: 'Follow up', labels: ['migration-gate'] },
    });
    expect(repo.issues.map((i) => [i.title, i.labels.map((l) => (typeof l === 'string' ? l : l.name))])).toEqual([['Production override on 2025-01-06', ['migration-gate']]]);
  });

  it('passes on GitHub\'s reason when issues are disabled', async () => {
    server().on('POST /repos/{owner}/{repo}/issues', () => ({ status: 410, body: { message: 'Issues are disabled for this repo', documentation_url: 'https://docs.github.com/v3/issues/' } }));

    await expect(createIssue(octokit(), { owner: 'acme', repo: 'app', title: 't', body: 'b' })).rejects.toMatchObject({
      kind: 'rejected',
      status: 410,
      message: 'GitHub refused to open an issue in acme/app (410 "Issues are disabled for this repo").',
    });
  });
});
