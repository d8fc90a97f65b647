/**
 * Issues, for follow-ups a person must act on (e.g. after a production override, or schema drift
 * found by the nightly check, which keeps one issue up to date).
 */
import type { GitHubClient, RepositoryRef } from './client';
import { callGitHub } from './errors';
import type { Issue } from './types';

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

export interface OpenIssuesQuery extends RepositoryRef {
  /** Only issues carrying every one of these labels. */
  labels?: string[];
  /** Only issues this login opened: the tool never edits an issue someone else wrote. */
  creator: string;
}

/** Open issues (not pull requests), oldest first. */
export async function listOpenIssues(octokit: GitHubClient, query: OpenIssuesQuery): Promise<Issue[]> {
  const issues = await callGitHub({ action: `list the open issues of ${query.owner}/${query.repo}`, permissions: ['issues: read'] }, () =>
    octokit.paginate(octokit.rest.issues.listForRepo, {
      owner: query.owner,
      repo: query.repo,
      state: 'open',
      creator: query.creator,
      ...(query.labels?.length ? { labels: query.labels.join(',') } : {}),
      sort: 'created',
      direction: 'asc',
      per_page: 100,
    }),
  );
  return issues.filter((issue) => !issue.pull_request && issue.user?.login === query.creator) as Issue[];
}

export interface IssueUpdate extends RepositoryRef {
  issueNumber: number;
  title?: string;
  body?: string;
  state?: 'open' | 'closed';
  stateReason?: 'completed' | 'not_planned' | 'reopened';
}

export async function updateIssue(octokit: GitHubClient, input: IssueUpdate): Promise<void> {
  await callGitHub({ action: `update issue #${input.issueNumber} in ${input.owner}/${input.repo}`, permissions: ['issues: write'] }, () =>
    octokit.rest.issues.update({
      owner: input.owner,
      repo: input.repo,
      issue_number: input.issueNumber,
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.body !== undefined ? { body: input.body } : {}),
      ...(input.state ? { state: input.state } : {}),
      ...(input.stateReason ? { state_reason: input.stateReason } : {}),
    }),
  );
}

export async function commentOnIssue(octokit: GitHubClient, input: RepositoryRef & { issueNumber: number; body: string }): Promise<void> {
  await callGitHub({ action: `comment on issue #${input.issueNumber} in ${input.owner}/${input.repo}`, permissions: ['issues: write'] }, () =>
    octokit.rest.issues.createComment({ owner: input.owner, repo: input.repo, issue_number: input.issueNumber, body: input.body }),
  );
}

/** Rewrites an issue's body (e.g. a follow-up opened before a deploy, completed with its outcome). */
export async function updateIssueBody(octokit: GitHubClient, input: RepositoryRef & { issueNumber: number; body: string }): Promise<void> {
  await updateIssue(octokit, input);
}
