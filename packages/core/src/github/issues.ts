/**
 * Issues, for follow-ups a person must act on (e.g. after a production override).
 */
import type { GitHubClient, RepositoryRef } from './client';
import { callGitHub } from './errors';

export interface NewIssue extends RepositoryRef {
  title: string;
  body: string;
  /** Only applied when the token has push access; GitHub silently drops them otherwise. */
  labels?: string[];
  assignees?: string[];
}

export async function createIssue(octokit: GitHubClient, input: NewIssue): Promise<{ number: number; url: string }> {
  const response = await callGitHub(
    { action: `open an issue in ${input.owner}/${input.repo}`, permissions: ['issues: write'] },
    () =>
      octokit.rest.issues.create({
        owner: input.owner,
        repo: input.repo,
        title: input.title,
        body: input.body,
        ...(input.labels ? { labels: input.labels } : {}),
        ...(input.assignees ? { assignees: input.assignees } : {}),
      }),
  );
  return { number: response.data.number, url: response.data.html_url };
}

/** Rewrites an issue's body (e.g. a follow-up opened before a deploy, completed with its outcome). */
export async function updateIssueBody(octokit: GitHubClient, input: RepositoryRef & { issueNumber: number; body: string }): Promise<void> {
  await callGitHub({ action: `update issue #${input.issueNumber} in ${input.owner}/${input.repo}`, permissions: ['issues: write'] }, () =>
    octokit.rest.issues.update({ owner: input.owner, repo: input.repo, issue_number: input.issueNumber, body: input.body }),
  );
}
