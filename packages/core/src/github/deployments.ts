/**
 * Staging records kept as GitHub Deployments: each staging run leaves a deployment whose payload
 * lists the migration versions and checksums it applied, with a success or failure status.
 * Production reads them back to insist that exactly these migrations passed staging first.
 */
import type { GitHubClient, RepositoryRef } from './client';
import { callGitHub, GitHubApiError, type GitHubOperation } from './errors';
import type { Deployment, DeploymentStatus } from './types';

/** Kept in the deployment payload; a staging environment also receives app deploys, which carry none. */
export const MIGRATION_DEPLOYMENT_TOOL = 'migration-gate';
/** GitHub's own example for a migrations task; lets listing ask GitHub for our deployments only. */
export const MIGRATION_DEPLOYMENT_TASK = 'deploy:migrations';

export interface MigrationDeploymentPayload {
  versions: string[];
  /** Version → sha256 of the migration file. */
  checksums: Record<string, string>;
}

export interface StagingDeploymentInput extends RepositoryRef {
  /** The commit whose migrations were applied. */
  sha: string;
  environment?: string;
  payload: MigrationDeploymentPayload;
  outcome: 'success' | 'failure';
  description?: string;
  /** Link to the workflow run, shown on the deployment. */
  logUrl?: string;
}

export interface StagingDeploymentRecord {
  deploymentId: number;
  statusId: number;
  state: 'success' | 'failure';
}

export interface StagingRecord {
  deploymentId: number;
  sha: string;
  environment: string;
  createdAt: string;
  creator: string | null;
  /** Null when the payload is not one Migration Gate wrote (or was edited into something else). */
  payload: MigrationDeploymentPayload | null;
  latestStatus: { state: DeploymentStatus['state']; createdAt: string; description: string; logUrl: string | null } | null;
  /**
   * Whether any status said `success`. Not just the latest: GitHub marks earlier successful
   * deployments `inactive` when a newer one succeeds, and they still passed.
   */
  succeeded: boolean;
}

export interface FindStagingRecordsInput extends RepositoryRef {
  environment?: string;
  /** Only deployments of this commit. */
  sha?: string;
  /** How many of the most recent deployments to inspect (each costs a request for its statuses). */
  limit?: number;
}

const DEFAULT_ENVIRONMENT = 'staging';
const DEFAULT_LIMIT = 30;

export async function recordStagingDeployment(octokit: GitHubClient, input: StagingDeploymentInput): Promise<StagingDeploymentRecord> {
  const environment = input.environment ?? DEFAULT_ENVIRONMENT;
  const operation = deploymentOperation(input, `record a ${environment} deployment of ${input.sha.slice(0, 12)}`, 'write');
  const created = await callGitHub(operation, () =>
    octokit.rest.repos.createDeployment({
      owner: input.owner,
      repo: input.repo,
      ref: input.sha,
      task: MIGRATION_DEPLOYMENT_TASK,
      environment,
      payload: { tool: MIGRATION_DEPLOYMENT_TOOL, versions: input.payload.versions, checksums: input.payload.checksums },
      description: input.description ?? `Migration Gate: ${input.payload.versions.length} migration(s)`,
      // A record of what already ran: it must not merge branches or wait on commit statuses.
      auto_merge: false,
      required_contexts: [],
      transient_environment: false,
      production_environment: false,
    }),
  );
  if (!('id' in created.data)) {
    // 202 means GitHub merged the default branch instead of deploying, which auto_merge:false rules out.
    throw new GitHubApiError(`GitHub did not create the deployment: ${created.data.message ?? 'no reason given'}`, 'rejected', operation, created.status);
  }
  const deploymentId = created.data.id;

  const status = await callGitHub(deploymentOperation(input, `set the status of deployment ${deploymentId}`, 'write'), () =>
    octokit.rest.repos.createDeploymentStatus({
      owner: input.owner,
      repo: input.repo,
      deployment_id: deploymentId,
      state: input.outcome,
      environment,
      description: input.outcome === 'success' ? 'Migrations applied' : 'Migrations failed',
      ...(input.logUrl ? { log_url: input.logUrl } : {}),
    }),
  );
  return { deploymentId, statusId: status.data.id, state: input.outcome };
}

/** Migration Gate's deployments to `environment`, newest first, with their payload and statuses. */
export async function findStagingRecords(octokit: GitHubClient, input: FindStagingRecordsInput): Promise<StagingRecord[]> {
  const environment = input.environment ?? DEFAULT_ENVIRONMENT;
  const limit = input.limit ?? DEFAULT_LIMIT;
  let fetched = 0;
  const deployments = await callGitHub(deploymentOperation(input, `list the ${environment} deployments`, 'read'), () =>
    octokit.paginate(
      octokit.rest.repos.listDeployments,
      { owner: input.owner, repo: input.repo, environment, task: MIGRATION_DEPLOYMENT_TASK, per_page: Math.min(limit, 100), ...(input.sha ? { sha: input.sha } : {}) },
      (response, done) => {
        fetched += response.data.length;
        if (fetched >= limit) done();
        return response.data;
      },
    ),
  );
  const newestFirst = [...deployments].sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id - a.id).slice(0, limit);

  const records: StagingRecord[] = [];
  for (const deployment of newestFirst) {
    const statuses = await callGitHub(deploymentOperation(input, `list the statuses of deployment ${deployment.id}`, 'read'), () =>
      octokit.paginate(octokit.rest.repos.listDeploymentStatuses, { owner: input.owner, repo: input.repo, deployment_id: deployment.id, per_page: 100 }),
    );
    // Status ids grow with time; GitHub's list order is not documented.
    const latest = statuses.reduce<DeploymentStatus | undefined>((newest, s) => (!newest || s.id > newest.id ? s : newest), undefined);
    records.push({
      deploymentId: deployment.id,
      sha: deployment.sha,
      environment: deployment.environment,
      createdAt: deployment.created_at,
      creator: deployment.creator?.login ?? null,
      payload: readPayload(deployment),
      latestStatus: latest
        ? { state: latest.state, createdAt: latest.created_at, description: latest.description, logUrl: latest.log_url ?? latest.target_url ?? null }
        : null,
      succeeded: statuses.some((s) => s.state === 'success'),
    });
  }
  return records;
}

function readPayload(deployment: Deployment): MigrationDeploymentPayload | null {
  let payload: unknown = deployment.payload;
  if (typeof payload === 'string') {
    try {
      payload = JSON.parse(payload);
    } catch {
      return null;
    }
  }
  if (typeof payload !== 'object' || payload === null) return null;
  const { tool, versions, checksums } = payload as Record<string, unknown>;
  if (tool !== MIGRATION_DEPLOYMENT_TOOL) return null;
  if (!Array.isArray(versions) || !versions.every((v): v is string => typeof v === 'string')) return null;
  if (typeof checksums !== 'object' || checksums === null || Array.isArray(checksums)) return null;
  const entries = Object.entries(checksums);
  if (!entries.every(([, value]) => typeof value === 'string')) return null;
  return { versions, checksums: Object.fromEntries(entries) as Record<string, string> };
}

function deploymentOperation(target: RepositoryRef, action: string, access: 'read' | 'write'): GitHubOperation {
  return { action: `${action} in ${target.owner}/${target.repo}`, permissions: [`deployments: ${access}`] };
}
