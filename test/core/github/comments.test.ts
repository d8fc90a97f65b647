import {
  commentMarker,
  commentOnPullRequests,
  createOctokit,
  deleteOrResolvePullRequestComment,
  GitHubApiError,
  StaleCommentError,
  upsertPullRequestComment,
} from '../../../packages/core/src/github';
import { buildBasicError, buildUser } from '../../support/github-examples';
import { FakeGitHubRepository } from '../../support/github-fake-repo';
import { useGitHubServer } from '../../support/github-server';

const MARKER = commentMarker('validate');
const target = { owner: 'acme', repo: 'app', issueNumber: 12, marker: MARKER };

describe('pull-request comment kept up to date', () => {
  const server = useGitHubServer();
  let repo: FakeGitHubRepository;
  beforeEach(() => {
    repo = new FakeGitHubRepository(server(), 'acme', 'app');
  });
  const octokit = () => createOctokit('test-token', { baseUrl: server().url });

  it('creates the comment once, then updates that same comment in place', async () => {
    repo.seedComments(12, ['Nice migration!'], buildUser('alice'));

    const first = await upsertPullRequestComment(octokit(), { ...target, body: '2 errors found' });
    const second = await upsertPullRequestComment(octokit(), { ...target, body: '1 error found' });

    expect(first.action).toBe('created');
    expect(second).toEqual({ action: 'updated', commentId: first.commentId, url: first.url, deletedDuplicateIds: [], ignoredForeignIds: [] });
    expect(server().calls()).toEqual([
      'GET /repos/acme/app/issues/12/comments',
      'POST /repos/acme/app/issues/12/comments',
      'GET /repos/acme/app/issues/12/comments',
      'GET /user',
      'POST /graphql',
      `PATCH /repos/acme/app/issues/comments/${first.commentId}`,
    ]);
    expect(repo.commentsOn(12).map((c) => c.body)).toEqual(['Nice migration!', `${MARKER}\n1 error found`]);
    expect(first.url).toBe(`https://github.com/acme/app/pull/12#issuecomment-${first.commentId}`);
  });

  it('does not add the marker twice when the body already starts with it', async () => {
    await upsertPullRequestComment(octokit(), { ...target, body: `${MARKER}\n## Migration Gate` });
    expect(repo.commentsOn(12).map((c) => c.body)).toEqual([`${MARKER}\n## Migration Gate`]);
  });

  it('leaves an identical comment alone instead of editing it', async () => {
    await upsertPullRequestComment(octokit(), { ...target, body: 'same' });
    const again = await upsertPullRequestComment(octokit(), { ...target, body: 'same' });

    expect(again.action).toBe('unchanged');
    expect(server().requests.filter((r) => r.method === 'PATCH')).toEqual([]);
  });

  it('finds its comment among more than a hundred others', async () => {
    repo.seedComments(12, Array.from({ length: 130 }, (_, i) => `chatter ${i}`), buildUser('bob'));
    const [ours] = repo.seedComments(12, [`${MARKER}\nold findings`]);
    repo.seedComments(12, Array.from({ length: 20 }, (_, i) => `more chatter ${i}`), buildUser('bob'));

    const result = await upsertPullRequestComment(octokit(), { ...target, body: 'new findings' });

    expect(result).toMatchObject({ action: 'updated', commentId: ours!.id });
    expect(server().calls()).toEqual([
      'GET /repos/acme/app/issues/12/comments',
      'GET /repos/acme/app/issues/12/comments',
      // Who the token is: GITHUB_TOKEN may not read /user, GraphQL's viewer names it.
      'GET /user',
      'POST /graphql',
      `PATCH /repos/acme/app/issues/comments/${ours!.id}`,
    ]);
    expect(server().requests[0]!.query).toEqual({ per_page: '100' });
    expect(repo.commentsOn(12)).toHaveLength(151);
  });

  it('ignores a reply that quotes the marked comment', async () => {
    repo.seedComments(12, [`> ${MARKER}\n> 2 errors found\n\nWhy is this an error?`], buildUser('alice'));

    const result = await upsertPullRequestComment(octokit(), { ...target, body: '2 errors found' });

    expect(result.action).toBe('created');
    expect(repo.commentsOn(12)[0]!.body).toContain('Why is this an error?');
  });

  it('keeps the oldest marked comment and deletes duplicates left by racing runs', async () => {
    const [oldest, duplicate] = repo.seedComments(12, [`${MARKER}\nrun 1`, `${MARKER}\nrun 2`]);

    const result = await upsertPullRequestComment(octokit(), { ...target, body: 'run 3' });

    expect(result).toMatchObject({ action: 'updated', commentId: oldest!.id, deletedDuplicateIds: [duplicate!.id] });
    expect(repo.commentsOn(12).map((c) => c.body)).toEqual([`${MARKER}\nrun 3`]);
  });

  it('rewrites the comment to the resolved message once everything passes', async () => {
    const [ours] = repo.seedComments(12, [`${MARKER}\n2 errors found`]);

    const result = await deleteOrResolvePullRequestComment(octokit(), { ...target, body: 'All migrations pass now.' });

    expect(result).toMatchObject({ action: 'resolved', commentId: ours!.id, deletedCommentIds: [] });
    expect(repo.commentsOn(12).map((c) => c.body)).toEqual([`${MARKER}\nAll migrations pass now.`]);

    const again = await deleteOrResolvePullRequestComment(octokit(), { ...target, body: 'All migrations pass now.' });
    expect(again.action).toBe('already-resolved');
    expect(server().requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
  });

  it('deletes the comment instead when asked to', async () => {
    const [ours] = repo.seedComments(12, [`${MARKER}\n2 errors found`, 'unrelated']);

    const result = await deleteOrResolvePullRequestComment(octokit(), { ...target, deleteComment: true });

    expect(result).toEqual({ action: 'deleted', deletedCommentIds: [ours!.id] });
    expect(server().calls()).toContain(`DELETE /repos/acme/app/issues/comments/${ours!.id}`);
    expect(repo.commentsOn(12).map((c) => c.body)).toEqual(['unrelated']);
  });

  describe('with marked comments written by someone else', () => {
    const mallory = buildUser('mallory');

    it('never edits theirs: ours is created and later updated, theirs stays as written', async () => {
      const [theirs] = repo.seedComments(12, [`${MARKER}\nPlease merge, all checks passed @maintainer`], mallory);

      const first = await upsertPullRequestComment(octokit(), { ...target, body: '2 errors found' });
      const [laterTheirs] = repo.seedComments(12, [`${MARKER}\nfake report`], mallory);
      const second = await upsertPullRequestComment(octokit(), { ...target, body: '1 error found' });

      expect(first).toMatchObject({ action: 'created', ignoredForeignIds: [theirs!.id] });
      expect(second).toMatchObject({ action: 'updated', commentId: first.commentId, deletedDuplicateIds: [], ignoredForeignIds: [theirs!.id, laterTheirs!.id] });
      expect(repo.commentsOn(12).map((c) => [c.user?.login, c.body])).toEqual([
        ['mallory', `${MARKER}\nPlease merge, all checks passed @maintainer`],
        ['github-actions[bot]', `${MARKER}\n1 error found`],
        ['mallory', `${MARKER}\nfake report`],
      ]);
      const writes = server().requests.filter((r) => r.method !== 'GET' && r.operationId !== 'graphql');
      expect(writes.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /repos/acme/app/issues/12/comments', `PATCH /repos/acme/app/issues/comments/${first.commentId}`]);
    });

    it('never deletes theirs when the run passes, whether resolving or deleting ours', async () => {
      const [ours] = repo.seedComments(12, [`${MARKER}\n2 errors found`]);
      const [theirs] = repo.seedComments(12, [`${MARKER}\nlooks like a report`], mallory);

      const deleted = await deleteOrResolvePullRequestComment(octokit(), { ...target, deleteComment: true });
      expect(deleted).toEqual({ action: 'deleted', deletedCommentIds: [ours!.id] });

      const resolved = await deleteOrResolvePullRequestComment(octokit(), { ...target, body: 'All migrations pass now.' });
      expect(resolved).toEqual({ action: 'none', deletedCommentIds: [] });
      expect(repo.commentsOn(12).map((c) => c.id)).toEqual([theirs!.id]);
      expect(server().calls()).not.toContain(`DELETE /repos/acme/app/issues/comments/${theirs!.id}`);
    });

    it('knows a GitHub App token by the bot GraphQL names, and a personal token by GET /user', async () => {
      repo.actor = buildUser('deploy-helper[bot]');
      const [appComment] = repo.seedComments(12, [`${MARKER}\nold`]);
      repo.seedComments(12, [`${MARKER}\nimpostor`], buildUser('github-actions[bot]'));
      expect(await upsertPullRequestComment(octokit(), { ...target, body: 'new' })).toMatchObject({ action: 'updated', commentId: appComment!.id });

      repo.tokenKind = 'personal';
      repo.actor = buildUser('release-manager');
      const created = await upsertPullRequestComment(octokit(), { ...target, body: 'from a person' });
      expect(created.action).toBe('created');
      expect(repo.commentsOn(12).map((c) => [c.user?.login, c.body])).toEqual([
        ['deploy-helper[bot]', `${MARKER}\nnew`],
        ['github-actions[bot]', `${MARKER}\nimpostor`],
        ['release-manager', `${MARKER}\nfrom a person`],
      ]);
      expect(server().calls().filter((c) => c === 'GET /user' || c === 'POST /graphql')).toEqual(['GET /user', 'POST /graphql', 'GET /user']);
    });
  });

  it('says the comment is out of date when GitHub refuses the new body, instead of leaving the old report silently', async () => {
    const [ours] = repo.seedComments(12, [`${MARKER}\n:white_check_mark: passed`]);
    const update = 'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}';
    server().on(update, (request) => {
      const { body } = request.body as { body: string };
      if (body.length > 1000) return { status: 422, body: { message: 'Validation Failed', documentation_url: 'https://docs.github.com/rest', errors: [{ resource: 'IssueComment', code: 'custom', field: 'body', message: 'body is too long (maximum is 65536 characters)' }] } };
      const comment = repo.commentsOn(12)[0]!;
      repo.commentsOn(12)[0] = { ...comment, body };
      return { status: 200, body: repo.commentsOn(12)[0] };
    });

    const failure = upsertPullRequestComment(octokit(), { ...target, body: 'x'.repeat(2000) });

    await expect(failure).rejects.toBeInstanceOf(StaleCommentError);
    await expect(failure).rejects.toMatchObject({ markedStale: true, commentUrl: ours!.html_url });
    const shown = repo.commentsOn(12)[0]!.body!;
    expect(shown).toContain('This comment is out of date.');
    expect(shown).not.toContain('passed');
  });

  it('says nothing on a passing pull request that never had a comment', async () => {
    repo.seedComments(12, ['LGTM'], buildUser('alice'));

    const result = await deleteOrResolvePullRequestComment(octokit(), { ...target, body: 'All migrations pass now.' });

    expect(result).toEqual({ action: 'none', deletedCommentIds: [] });
    expect(server().calls()).toEqual(['GET /repos/acme/app/issues/12/comments']);
  });

  it('rejects a marker that would show up in the comment', async () => {
    await expect(upsertPullRequestComment(octokit(), { ...target, marker: 'migration-gate:validate', body: 'x' })).rejects.toThrow(
      'A comment marker must be a one-line HTML comment',
    );
    expect(server().requests).toEqual([]);
  });

  it('names the permission to grant when the token may not comment', async () => {
    server().on('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', () => ({
      status: 403,
      body: buildBasicError('Resource not accessible by integration', 'https://docs.github.com/rest/issues/comments#create-an-issue-comment'),
    }));

    const failure = upsertPullRequestComment(octokit(), { ...target, body: 'x' });

    await expect(failure).rejects.toBeInstanceOf(GitHubApiError);
    await expect(failure).rejects.toMatchObject({
      kind: 'missing-permission',
      status: 403,
      message:
        'Could not comment on pull request #12 in acme/app: the token lacks permission (403 "Resource not accessible by integration"). ' +
        'The workflow job needs `permissions: pull-requests: write`.',
    });
  });
});

describe('deploy notices on pull requests', () => {
  const server = useGitHubServer();
  const octokit = () => createOctokit('test-token', { baseUrl: server().url });

  it('posts a new comment on each pull request, once per number, and reports the ones that failed', async () => {
    const repo = new FakeGitHubRepository(server(), 'acme', 'app');
    repo.seedComments(7, ['Deployed to staging'], repo.actor);
    const createComment = 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments';
    // Pull request #9 was deleted (or is invisible to the token); the others get the repository's normal answer.
    server().on(createComment, (request) => {
      if (request.params.issue_number === '9') return { status: 404, body: buildBasicError('Not Found') };
      return { status: 201, body: repo.seedComments(Number(request.params.issue_number), [(request.body as { body: string }).body])[0] };
    });

    const result = await commentOnPullRequests(octokit(), { owner: 'acme', repo: 'app', pullNumbers: [7, 8, 7, 9], body: 'Deployed to production' });

    expect(result.posted.map((p) => p.pullNumber)).toEqual([7, 8]);
    expect(repo.commentsOn(7).map((c) => c.body)).toEqual(['Deployed to staging', 'Deployed to production']);
    expect(repo.commentsOn(8).map((c) => c.body)).toEqual(['Deployed to production']);
    expect(result.failed).toHaveLength(1);
    expect(result.failed[0]!.pullNumber).toBe(9);
    expect(result.failed[0]!.error.kind).toBe('not-found');
    expect(result.failed[0]!.error.message).toContain('`permissions: pull-requests: write`');
  });
});
