/**
 * Pull-request comments. Validation keeps exactly one comment per pull request up to date,
 * recognised by a hidden HTML marker on its first line, so re-runs do not pile up comments.
 */
import type { GitHubClient, RepositoryRef } from './client';
import { callGitHub, GitHubApiError, type GitHubOperation } from './errors';
import type { IssueComment } from './types';

export interface PullRequestCommentTarget extends RepositoryRef {
  issueNumber: number;
  /** An HTML comment such as `<!-- migration-gate:validate -->`: invisible on GitHub, unique per purpose. */
  marker: string;
}

export interface UpsertCommentInput extends PullRequestCommentTarget {
  /** Markdown; the marker is put on the first line unless the body already starts with it. */
  body: string;
}

export interface UpsertCommentResult {
  action: 'created' | 'updated' | 'unchanged';
  commentId: number;
  url: string;
  /** Extra marked comments removed (left behind by runs that raced each other). */
  deletedDuplicateIds: number[];
}

export type ResolveCommentInput = PullRequestCommentTarget &
  ({ deleteComment?: false; /** The short "all clear" text that replaces the findings. */ body: string } | { deleteComment: true; body?: undefined });

export type ResolveCommentResult =
  /** There was no comment, so nothing is said: a pull request that never failed stays quiet. */
  | { action: 'none'; deletedCommentIds: [] }
  | { action: 'deleted'; deletedCommentIds: number[] }
  | { action: 'resolved' | 'already-resolved'; commentId: number; url: string; deletedCommentIds: number[] };

export interface PullRequestNotice extends RepositoryRef {
  pullNumbers: number[];
  body: string;
}

export interface PullRequestNoticeResult {
  posted: { pullNumber: number; commentId: number; url: string }[];
  /** Notices are informational: one pull request failing must not stop the others. */
  failed: { pullNumber: number; error: GitHubApiError }[];
}

const MARKER_SHAPE = /^<!--[^\n]*?-->$/;

/** The marker for one kind of Migration Gate comment, e.g. `commentMarker('validate')`. */
export function commentMarker(purpose: string): string {
  return `<!-- migration-gate:${purpose} -->`;
}

export async function upsertPullRequestComment(octokit: GitHubClient, input: UpsertCommentInput): Promise<UpsertCommentResult> {
  const body = withMarker(input.marker, input.body);
  return writeMarkedComment(octokit, input, body, await findMarkedComments(octokit, input));
}

/** When validation passes: rewrite the marked comment to `body`, or delete it; no-op if there is none. */
export async function deleteOrResolvePullRequestComment(octokit: GitHubClient, input: ResolveCommentInput): Promise<ResolveCommentResult> {
  const marked = await findMarkedComments(octokit, input);
  if (marked.length === 0) return { action: 'none', deletedCommentIds: [] };

  if (input.deleteComment) {
    for (const comment of marked) await deleteComment(octokit, input, comment.id);
    return { action: 'deleted', deletedCommentIds: marked.map((c) => c.id) };
  }

  const written = await writeMarkedComment(octokit, input, withMarker(input.marker, input.body), marked);
  return {
    action: written.action === 'unchanged' ? 'already-resolved' : 'resolved',
    commentId: written.commentId,
    url: written.url,
    deletedCommentIds: written.deletedDuplicateIds,
  };
}

/** Comments on `input.issueNumber` whose first line is the marker, oldest first. */
export async function findMarkedComments(octokit: GitHubClient, input: PullRequestCommentTarget): Promise<IssueComment[]> {
  assertMarker(input.marker);
  const comments = await callGitHub(commentOperation(input, `list the comments on pull request #${input.issueNumber}`, 'read'), () =>
    octokit.paginate(octokit.rest.issues.listComments, { owner: input.owner, repo: input.repo, issue_number: input.issueNumber, per_page: 100 }),
  );
  // First line only: a person quoting our comment in a reply must not make theirs the one we edit.
  return comments.filter((comment) => firstLine(comment.body ?? '') === input.marker).sort((a, b) => a.id - b.id);
}

/** Posts a new comment on each pull request (deploy notices: each deploy is its own event). */
export async function commentOnPullRequests(octokit: GitHubClient, input: PullRequestNotice): Promise<PullRequestNoticeResult> {
  const result: PullRequestNoticeResult = { posted: [], failed: [] };
  for (const pullNumber of new Set(input.pullNumbers)) {
    const target = { ...input, issueNumber: pullNumber };
    try {
      const created = await callGitHub(commentOperation(target, `comment on pull request #${pullNumber}`), () =>
        octokit.rest.issues.createComment({ owner: input.owner, repo: input.repo, issue_number: pullNumber, body: input.body }),
      );
      result.posted.push({ pullNumber, commentId: created.data.id, url: created.data.html_url });
    } catch (error) {
      if (!(error instanceof GitHubApiError)) throw error;
      result.failed.push({ pullNumber, error });
    }
  }
  return result;
}

/** Keeps the oldest marked comment (its place in the conversation) and removes the rest. */
async function writeMarkedComment(octokit: GitHubClient, target: PullRequestCommentTarget, body: string, marked: IssueComment[]): Promise<UpsertCommentResult> {
  const [existing, ...duplicates] = marked;
  let result: UpsertCommentResult;
  if (!existing) {
    const created = await callGitHub(commentOperation(target, `comment on pull request #${target.issueNumber}`), () =>
      octokit.rest.issues.createComment({ owner: target.owner, repo: target.repo, issue_number: target.issueNumber, body }),
    );
    result = { action: 'created', commentId: created.data.id, url: created.data.html_url, deletedDuplicateIds: [] };
  } else if (existing.body === body) {
    result = { action: 'unchanged', commentId: existing.id, url: existing.html_url, deletedDuplicateIds: [] };
  } else {
    const updated = await updateComment(octokit, target, existing.id, body);
    result = { action: 'updated', commentId: updated.id, url: updated.html_url, deletedDuplicateIds: [] };
  }
  for (const duplicate of duplicates) {
    await deleteComment(octokit, target, duplicate.id);
    result.deletedDuplicateIds.push(duplicate.id);
  }
  return result;
}

async function updateComment(octokit: GitHubClient, target: PullRequestCommentTarget, commentId: number, body: string): Promise<IssueComment> {
  const updated = await callGitHub(commentOperation(target, `update comment ${commentId} on pull request #${target.issueNumber}`), () =>
    octokit.rest.issues.updateComment({ owner: target.owner, repo: target.repo, comment_id: commentId, body }),
  );
  return updated.data;
}

async function deleteComment(octokit: GitHubClient, target: PullRequestCommentTarget, commentId: number): Promise<void> {
  await callGitHub(commentOperation(target, `delete comment ${commentId} on pull request #${target.issueNumber}`), () =>
    octokit.rest.issues.deleteComment({ owner: target.owner, repo: target.repo, comment_id: commentId }),
  );
}

function commentOperation(target: RepositoryRef, action: string, access: 'read' | 'write' = 'write'): GitHubOperation {
  return { action: `${action} in ${target.owner}/${target.repo}`, permissions: [`pull-requests: ${access}`] };
}

function withMarker(marker: string, body: string): string {
  assertMarker(marker);
  return firstLine(body) === marker ? body : `${marker}\n${body}`;
}

function firstLine(text: string): string {
  return text.split(/\r?\n/, 1)[0]!.trim();
}

function assertMarker(marker: string): void {
  if (!MARKER_SHAPE.test(marker)) {
    throw new TypeError(`A comment marker must be a one-line HTML comment such as "<!-- migration-gate:validate -->", got ${JSON.stringify(marker)}`);
  }
}
