/**
 * Environment approvals of a workflow run: who approved (or rejected) deploying to an environment.
 */
import type { GitHubClient, RepositoryRef } from './client';
import { callGitHub } from './errors';
import type { EnvironmentApproval } from './types';

export interface EnvironmentReview {
  login: string;
  state: EnvironmentApproval['state'];
  comment: string;
}

export interface ApprovalVerdict {
  /** `none`: nobody approved or rejected this environment in the run (e.g. it has no required reviewers). */
  status: 'approved' | 'rejected' | 'none';
  environment: string;
  /** Logins of the reviewers who approved; empty unless status is `approved`. */
  approvers: string[];
  /** Every review in the run that names the environment, in GitHub's order. */
  reviews: EnvironmentReview[];
}

/** The run's review history for protected environments (GitHub keeps no timestamp on these reviews). */
export async function getRunApprovals(octokit: GitHubClient, input: RepositoryRef & { runId: number }): Promise<EnvironmentApproval[]> {
  const response = await callGitHub(
    { action: `read the deployment approvals of workflow run ${input.runId} in ${input.owner}/${input.repo}`, permissions: ['actions: read'] },
    () => octokit.rest.actions.getReviewsForRun({ owner: input.owner, repo: input.repo, run_id: input.runId }),
  );
  return response.data;
}

/**
 * Decides whether `environmentName` was approved in a run. Any rejection wins: re-runs keep the
 * same run id and GitHub records no review times, so a later approval cannot be told apart from
 * an earlier one and the gate must fail closed.
 */
export function verifyEnvironmentApproval(approvals: readonly EnvironmentApproval[], environmentName: string): ApprovalVerdict {
  // GitHub environment names are case-insensitive: "Production" and "production" are one environment.
  const wanted = environmentName.toLowerCase();
  const reviews: EnvironmentReview[] = approvals
    .filter((approval) => approval.environments.some((environment) => environment.name?.toLowerCase() === wanted))
    .map((approval) => ({ login: approval.user.login, state: approval.state, comment: approval.comment }));

  const approvers = [...new Set(reviews.filter((r) => r.state === 'approved').map((r) => r.login))];
  const rejected = reviews.some((r) => r.state === 'rejected');
  const status = rejected ? 'rejected' : approvers.length > 0 ? 'approved' : 'none';
  return { status, environment: environmentName, approvers: status === 'approved' ? approvers : [], reviews };
}
