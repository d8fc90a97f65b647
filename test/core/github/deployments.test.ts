import {
  createOctokit,
  findStagingRecords,
  MIGRATION_DEPLOYMENT_TASK,
  recordStagingDeployment,
} from '../../../packages/core/src/github';
import { FakeGitHubRepository } from '../../support/github-fake-repo';
import { useGitHubServer } from '../../support/github-server';

const SHA_1 = '1111111111111111111111111111111111111111';
const SHA_2 = '2222222222222222222222222222222222222222';
const payload = {
  versions: ['20250101000000', '20250102000000'],
  checksums: { '20250101000000': 'a'.repeat(64), '20250102000000': 'b'.repeat(64) },
};

describe('staging records as GitHub deployments', () => {
  const server = useGitHubServer();
  let repo: FakeGitHubRepository;
  beforeEach(() => {
    repo = new FakeGitHubRepository(server(), 'acme', 'app');
  });
  const octokit = () => createOctokit('test-token', { baseUrl: server().url });

  it('records a deployment that merges nothing and waits for no checks, then its outcome', async () => {
    const record = await recordStagingDeployment(octokit(), {
      owner: 'acme',
      repo: 'app',
      sha: SHA_1,
      payload,
      outcome: 'success',
      logUrl: 'https://github.com/acme/app/actions/runs/77',
    });

    expect(server().operationIds()).toEqual(['repos/create-deployment', 'repos/create-deployment-status']);
    expect(server().requests[0]!.body).toEqual({
      ref: SHA_1,
      task: MIGRATION_DEPLOYMENT_TASK,
      environment: 'staging',
      payload: { tool: 'migration-gate', ...payload },
      description: 'Migration Gate: 2 migration(s)',
      auto_merge: false,
      required_contexts: [],
      transient_environment: false,
      production_environment: false,
    });
    expect(server().requests[1]).toMatchObject({
      path: `/repos/acme/app/deployments/${record.deploymentId}/statuses`,
      body: { state: 'success', environment: 'staging', description: 'Migrations applied', log_url: 'https://github.com/acme/app/actions/runs/77' },
    });
    expect(record).toEqual({ deploymentId: repo.deployments[0]!.id, statusId: repo.statusesOf(record.deploymentId)[0]!.id, state: 'success' });
  });

  it('finds recorded runs newest first, with payload and outcome', async () => {
    await recordStagingDeployment(octokit(), { owner: 'acme', repo: 'app', sha: SHA_1, payload, outcome: 'failure' });
    const retried = await recordStagingDeployment(octokit(), { owner: 'acme', repo: 'app', sha: SHA_2, payload, outcome: 'success' });
    repo.seedDeployment({ sha: SHA_2, environment: 'production', task: MIGRATION_DEPLOYMENT_TASK, payload: { tool: 'migration-gate', ...payload }, states: ['success'] });

    const records = await findStagingRecords(octokit(), { owner: 'acme', repo: 'app' });

    expect(records.map((r) => [r.sha, r.environment, r.latestStatus?.state, r.succeeded])).toEqual([
      [SHA_2, 'staging', 'success', true],
      [SHA_1, 'staging', 'failure', false],
    ]);
    expect(records[0]).toMatchObject({ deploymentId: retried.deploymentId, payload, creator: 'github-actions[bot]' });
    expect(server().requests.find((r) => r.operationId === 'repos/list-deployments')!.query).toEqual({
      environment: 'staging',
      task: MIGRATION_DEPLOYMENT_TASK,
      per_page: '30',
    });
  });

  it('still counts a success that GitHub later marked inactive', async () => {
    repo.seedDeployment({ sha: SHA_1, environment: 'staging', task: MIGRATION_DEPLOYMENT_TASK, payload: { tool: 'migration-gate', ...payload }, states: ['in_progress', 'success', 'inactive'] });

    const [record] = await findStagingRecords(octokit(), { owner: 'acme', repo: 'app', sha: SHA_1 });

    expect(record).toMatchObject({ succeeded: true, latestStatus: { state: 'inactive' } });
  });

  it('does not trust payloads Migration Gate did not write', async () => {
    repo.seedDeployment({ sha: SHA_1, environment: 'staging', task: MIGRATION_DEPLOYMENT_TASK, payload: { versions: payload.versions, checksums: payload.checksums }, states: ['success'] });
    repo.seedDeployment({ sha: SHA_1, environment: 'staging', task: MIGRATION_DEPLOYMENT_TASK, payload: JSON.stringify({ tool: 'migration-gate', ...payload }), states: ['success'] });
    repo.seedDeployment({ sha: SHA_1, environment: 'staging', task: MIGRATION_DEPLOYMENT_TASK, payload: { tool: 'migration-gate', versions: [1], checksums: {} }, states: ['success'] });

    const records = await findStagingRecords(octokit(), { owner: 'acme', repo: 'app' });

    // Newest first: the malformed one, the string payload (GitHub accepts JSON strings), the untagged one.
    expect(records.map((r) => r.payload)).toEqual([null, payload, null]);
  });

  it('inspects only the most recent deployments, one status request each', async () => {
    for (let i = 0; i < 5; i++) {
      repo.seedDeployment({ sha: SHA_1, environment: 'staging', task: MIGRATION_DEPLOYMENT_TASK, payload: { tool: 'migration-gate', ...payload }, states: ['success'] });
    }

    const records = await findStagingRecords(octokit(), { owner: 'acme', repo: 'app', limit: 2 });

    expect(records.map((r) => r.deploymentId)).toEqual([repo.deployments[4]!.id, repo.deployments[3]!.id]);
    expect(server().operationIds()).toEqual(['repos/list-deployments', 'repos/list-deployment-statuses', 'repos/list-deployment-statuses']);
  });

  it('names `deployments: write` when the token may not create deployments', async () => {
    server().on('POST /repos/{owner}/{repo}/deployments', () => ({
      status: 403,
      body: { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest/deployments/deployments#create-a-deployment', status: '403' },
    }));

    await expect(recordStagingDeployment(octokit(), { owner: 'acme', repo: 'app', sha: SHA_1, payload, outcome: 'success' })).rejects.toMatchObject({
      kind: 'missing-permission',
      message: `Could not record a staging deployment of ${SHA_1.slice(0, 12)} in acme/app: the token lacks permission (403 "Resource not accessible by integration"). The workflow job needs \`permissions: deployments: write\`.`,
    });
  });
});
