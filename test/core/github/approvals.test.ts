import { createOctokit, getRunApprovals, verifyEnvironmentApproval } from '../../../packages/core/src/github';
import type { EnvironmentApproval } from '../../../packages/core/src/github/types';
import { buildBasicError, buildEnvironmentApproval, buildUser } from '../../support/github-examples';
import { useGitHubServer } from '../../support/github-server';

const RUN_APPROVALS = 'GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals';

describe('environment approvals of a run', () => {
  const server = useGitHubServer();
  const octokit = () => createOctokit('test-token', { baseUrl: server().url });

  async function approvalsFor(reviews: EnvironmentApproval[]): Promise<EnvironmentApproval[]> {
    server().on(RUN_APPROVALS, (request) => (request.params.run_id === '9001' ? { status: 200, body: reviews } : { status: 404, body: buildBasicError('Not Found') }));
    return getRunApprovals(octokit(), { owner: 'acme', repo: 'app', runId: 9001 });
  }

  it('is approved, with the approvers and their comments, when a reviewer approved the environment', async () => {
    const approvals = await approvalsFor([
      buildEnvironmentApproval({ environments: ['staging'], state: 'approved', user: buildUser('carol'), comment: 'staging ok' }),
      buildEnvironmentApproval({ environments: ['production'], state: 'approved', user: buildUser('alice'), comment: 'Ship it' }),
    ]);

    expect(server().calls()).toEqual(['GET /repos/acme/app/actions/runs/9001/approvals']);
    expect(verifyEnvironmentApproval(approvals, 'production')).toEqual({
      status: 'approved',
      environment: 'production',
      approvers: ['alice'],
      reviews: [{ login: 'alice', state: 'approved', comment: 'Ship it' }],
    });
  });

  it('is rejected when any reviewer rejected it, even if another approved', async () => {
    const approvals = await approvalsFor([
      buildEnvironmentApproval({ environments: ['production'], state: 'approved', user: buildUser('alice'), comment: 'fine by me' }),
      buildEnvironmentApproval({ environments: ['production', 'staging'], state: 'rejected', user: buildUser('dave'), comment: 'Not during the sale' }),
    ]);

    const verdict = verifyEnvironmentApproval(approvals, 'production');

    expect(verdict.status).toBe('rejected');
    expect(verdict.approvers).toEqual([]);
    expect(verdict.reviews).toEqual([
      { login: 'alice', state: 'approved', comment: 'fine by me' },
      { login: 'dave', state: 'rejected', comment: 'Not during the sale' },
    ]);
  });

  it('has no approval when nobody reviewed the environment, or only left a pending comment', async () => {
    const approvals = await approvalsFor([
      buildEnvironmentApproval({ environments: ['staging'], state: 'approved', user: buildUser('carol') }),
      buildEnvironmentApproval({ environments: ['production'], state: 'pending', user: buildUser('erin'), comment: 'looking' }),
    ]);

    expect(verifyEnvironmentApproval(approvals, 'production')).toMatchObject({ status: 'none', approvers: [] });
    expect(verifyEnvironmentApproval(await approvalsFor([]), 'production')).toEqual({ status: 'none', environment: 'production', approvers: [], reviews: [] });
  });

  it('matches environment names the way GitHub does, ignoring case', async () => {
    const approvals = await approvalsFor([buildEnvironmentApproval({ environments: ['Production'], state: 'approved', user: buildUser('alice') })]);
    expect(verifyEnvironmentApproval(approvals, 'production').approvers).toEqual(['alice']);
  });

  it('names `actions: read` when the token may not read the approvals', async () => {
    server().on(RUN_APPROVALS, () => ({ status: 403, body: buildBasicError('Resource not accessible by integration') }));

    await expect(getRunApprovals(octokit(), { owner: 'acme', repo: 'app', runId: 9001 })).rejects.toMatchObject({
      kind: 'missing-permission',
      message: expect.stringContaining('The workflow job needs `permissions: actions: read`.'),
    });
  });
});
