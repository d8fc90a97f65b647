/**
 * Pull-request comments. Validation keeps exactly one comment per pull request up to date,
 * recognised by a hidden HTML marker on its first line, so re-runs do not pile up comments.
 *
 * The marker alone proves nothing: anyone who can comment can write it. A comment is ours only
 * when the token's own identity wrote it, and only ours are ever edited or deleted.
 */
import type { GitHubClient, RepositoryRef } from './client';
import { callGitHub, GitHubApiError, type GitHubOperation } from './errors';
import { clipText, mdText } from '../report/markdown-safe';
import type { IssueComment } from './types';

export interface PullRequestCommentTarget extends RepositoryRef {
  issueNumber: number;
  /** An HTML comment such as `<!-- migration-gate:validate -->`: invisible on GitHub, unique per purpose. */
  marker: string;
  /** Login the token writes as; looked up (`resolveTokenLogin`) when not given. */
  author?: string;
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
  /** Marked comments written by someone else: never edited or deleted. */
  ignoredForeignIds: number[];
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

/** Who `GITHUB_TOKEN` writes as. */
export const GITHUB_ACTIONS_LOGIN = 'github-actions[bot]';

/**
 * The login this token writes comments as: `GET /user` for a personal or OAuth token; for an
 * installation token (`GITHUB_TOKEN` or a GitHub App's), which `GET /user` refuses, GraphQL's
 * `viewer`, which names the app's bot (`<app-slug>[bot]`); and `github-actions[bot]` when
 * neither answers (GitHub Enterprise servers without GraphQL for integrations).
 */
export async function resolveTokenLogin(octokit: GitHubClient): Promise<string> {
  try {
    const { data } = await callGitHub({ action: 'read who the token belongs to', permissions: [] }, () => octokit.rest.users.getAuthenticated());
    return data.login;
  } catch (error) {
    if (!(error instanceof GitHubApiError) || error.kind !== 'missing-permission') throw error;
  }
  try {
    const answer = await octokit.graphql<{ viewer: { login: string; __typename?: string } }>('query { viewer { login __typename } }');
    const { login, __typename } = answer.viewer;
    // REST names bots `<slug>[bot]`; add the suffix if GraphQL left it off.
    return __typename === 'Bot' && !login.endsWith('[bot]') ? `${login}[bot]` : login;
  } catch {
    return GITHUB_ACTIONS_LOGIN;
  }
}

/** The marker for one kind of Migration Gate comment, e.g. `commentMarker('validate')`. */
export function commentMarker(purpose: string): string {
  return `<!-- migration-gate:${purpose} -->`;
}

export async function upsertPullRequestComment(octokit: GitHubClient, input: UpsertCommentInput): Promise<UpsertCommentResult> {
  const body = withMarker(input.marker, input.body);
  const { ours, foreign } = await findOwnMarkedComments(octokit, input);
  return { ...(await writeMarkedComment(octokit, input, body, ours)), ignoredForeignIds: foreign.map((c) => c.id) };
}

/** When validation passes: rewrite the marked comment to `body`, or delete it; no-op if there is none. */
export async function deleteOrResolvePullRequestComment(octokit: GitHubClient, input: ResolveCommentInput): Promise<ResolveCommentResult> {
  const marked = (await findOwnMarkedComments(octokit, input)).ours;
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

/**
 * Marked comments split by author: `ours` (written by the token's identity, oldest first) and
 * `foreign` (someone else wrote the marker; left alone). The identity is only looked up when a
 * marked comment exists.
 */
export async function findOwnMarkedComments(octokit: GitHubClient, input: PullRequestCommentTarget): Promise<{ ours: IssueComment[]; foreign: IssueComment[] }> {
  const marked = await findMarkedComments(octokit, input);
  if (marked.length === 0) return { ours: [], foreign: [] };
  const author = (input.author ?? (await resolveTokenLogin(octokit))).toLowerCase();
  const isOurs = (comment: IssueComment) => comment.user?.login.toLowerCase() === author;
  return { ours: marked.filter(isOurs), foreign: marked.filter((c) => !isOurs(c)) };
}

/** Comments on `input.issueNumber` whose first line is the marker, oldest first, whoever wrote them. */
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
async function writeMarkedComment(octokit: GitHubClient, target: PullRequestCommentTarget, body: string, marked: IssueComment[]): Promise<Omit<UpsertCommentResult, 'ignoredForeignIds'>> {
  const [existing, ...duplicates] = marked;
  let result: Omit<UpsertCommentResult, 'ignoredForeignIds'>;
  if (!existing) {
    const created = await callGitHub(commentOperation(target, `comment on pull request #${target.issueNumber}`), () =>
      octokit.rest.issues.createComment({ owner: target.owner, repo: target.repo, issue_number: target.issueNumber, body }),
    );
    result = { action: 'created', commentId: created.data.id, url: created.data.html_url, deletedDuplicateIds: [] };
  } else if (existing.body === body) {
    result = { action: 'unchanged', commentId: existing.id, url: existing.html_url, deletedDuplicateIds: [] };
  } else {
    const updated = await updateComment(octokit, target, existing, body);
    result = { action: 'updated', commentId: updated.id, url: updated.html_url, deletedDuplicateIds: [] };
  }
  for (const duplicate of duplicates) {
    await deleteComment(octokit, target, duplicate.id);
    result.deletedDuplicateIds.push(duplicate.id);
  }
  return result;
}

/** Raised when our comment could not be rewritten: it still shows an earlier run's report. */
export class StaleCommentError extends Error {
  override readonly name = 'StaleCommentError';
  constructor(
    message: string,
    readonly commentUrl: string,
    /** Whether the old text could at least be replaced by a short "out of date" note. */
    readonly markedStale: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Rewrites our comment. If GitHub refuses the new body, the old one must not stay silently: it
 * is replaced by a short note that it is out of date, and the caller gets a StaleCommentError.
 */
async function updateComment(octokit: GitHubClient, target: PullRequestCommentTarget, existing: IssueComment, body: string): Promise<IssueComment> {
  const operation = commentOperation(target, `update comment ${existing.id} on pull request #${target.issueNumber}`);
  const patch = (text: string) => callGitHub(operation, () => octokit.rest.issues.updateComment({ owner: target.owner, repo: target.repo, comment_id: existing.id, body: text }));
  try {
    return (await patch(body)).data;
  } catch (error) {
    const note = `${target.marker}\n:warning: **This comment is out of date.** A later Migration Gate run could not update it (${mdText(clipText((error as Error).message, 500))}). See that run's job summary for the current report.\n`;
    const markedStale = await patch(note).then(
      () => true,
      () => false,
    );
    const state = markedStale ? 'it now says it is out of date' : 'it still shows an earlier report';
    throw new StaleCommentError(`Could not update the pull-request comment ${existing.html_url}: ${(error as Error).message} (${state}).`, existing.html_url, markedStale, { cause: error });
  }
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
