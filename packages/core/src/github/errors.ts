/**
 * Turns Octokit failures into errors a workflow author can act on: which permission to grant,
 * or that GitHub itself could not be reached. The production gate fails closed on any of them.
 */

export type GitHubFailureKind =
  /** 401: the token is missing, malformed or expired. */
  | 'bad-credentials'
  /** 403 without a rate limit: the token lacks a permission. */
  | 'missing-permission'
  /** 404: absent, or invisible to the token (GitHub does not say which). */
  | 'not-found'
  | 'rate-limited'
  /** No answer, a timeout, or a 5xx. */
  | 'unreachable'
  /** Any other 4xx: GitHub understood and refused (validation failed, conflict, issues disabled...). */
  | 'rejected';

export interface GitHubOperation {
  /** Completes "Could not …", e.g. `list the comments on pull request #12`. */
  action: string;
  /** What a workflow's GITHUB_TOKEN needs, as written under `permissions:`, e.g. `pull-requests: write`. */
  permissions: readonly string[];
  /** Advice about tokens when `permissions:` alone cannot help (or cannot grant it at all). */
  tokenAdvice?: string;
}

export class GitHubApiError extends Error {
  override readonly name = 'GitHubApiError';

  constructor(
    message: string,
    readonly kind: GitHubFailureKind,
    readonly operation: GitHubOperation,
    /** HTTP status GitHub answered with; undefined when no answer arrived. */
    readonly status?: number,
    /** GitHub's own `message`, when it sent one. */
    readonly githubMessage?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Runs one GitHub call (or a paginated series), translating any failure into a GitHubApiError. */
export async function callGitHub<T>(operation: GitHubOperation, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toGitHubApiError(error, operation);
  }
}

interface OctokitLikeError {
  status?: unknown;
  message?: unknown;
  request?: { url?: unknown };
  response?: { data?: unknown; headers?: Record<string, string | number | undefined> };
}

export function toGitHubApiError(error: unknown, operation: GitHubOperation): GitHubApiError {
  if (error instanceof GitHubApiError) return error;
  const failure = (typeof error === 'object' && error !== null ? error : {}) as OctokitLikeError;
  const status = typeof failure.status === 'number' ? failure.status : undefined;
  const response = failure.response;
  const data = (typeof response?.data === 'object' && response.data !== null ? response.data : {}) as { message?: unknown; errors?: unknown };
  const githubMessage = typeof data.message === 'string' && data.message !== '' ? data.message : undefined;
  const answer = `${status}${githubMessage ? ` "${githubMessage}"` : ''}`;
  const fail = (kind: GitHubFailureKind, message: string): GitHubApiError =>
    new GitHubApiError(message, kind, operation, response ? status : undefined, githubMessage, { cause: error });

  // @octokit/request reports a request that got no answer as status 500 without a response.
  if (response === undefined || status === undefined) {
    const cause = typeof failure.message === 'string' && failure.message !== '' ? failure.message : String(error);
    return fail('unreachable', `Could not reach GitHub${apiHost(failure)} to ${operation.action}: ${cause}. This is usually temporary; re-run the job.`);
  }
  if (status >= 500) {
    return fail('unreachable', `Could not reach GitHub to ${operation.action}: it answered ${answer}. This is usually temporary; re-run the job.`);
  }
  if (isRateLimited(status, response.headers, githubMessage)) {
    return fail('rate-limited', `Could not ${operation.action}: GitHub's API rate limit was exceeded (${answer}). ${retryAdvice(response.headers)}`);
  }
  if (status === 401) {
    return fail('bad-credentials', `Could not ${operation.action}: GitHub rejected the token (${answer}). Pass a valid, unexpired token in the github-token input.`);
  }
  if (status === 403) {
    return fail('missing-permission', `Could not ${operation.action}: the token lacks permission (${answer}). ${accessAdvice(operation)}`.trimEnd());
  }
  if (status === 404) {
    return fail('not-found', `Could not ${operation.action}: GitHub answered ${answer}, so it does not exist or the token cannot see it. ${accessAdvice(operation)}`.trimEnd());
  }
  return fail('rejected', `GitHub refused to ${operation.action} (${answer}${validationDetails(data.errors)}).`);
}

function accessAdvice(operation: GitHubOperation): string {
  const { permissions, tokenAdvice } = operation;
  // A YAML flow mapping, so the advice can be pasted into the workflow as it is.
  const block = permissions.length === 1 ? permissions[0] : `{ ${permissions.join(', ')} }`;
  const needs = permissions.length > 0 ? `The workflow job needs \`permissions: ${block}\`.` : '';
  return [needs, tokenAdvice].filter(Boolean).join(' ');
}

function isRateLimited(status: number, headers: Record<string, string | number | undefined> = {}, message = ''): boolean {
  if (status === 429) return true;
  return status === 403 && (String(headers['x-ratelimit-remaining']) === '0' || /rate limit/i.test(message));
}

function retryAdvice(headers: Record<string, string | number | undefined> = {}): string {
  const retryAfter = Number(headers['retry-after']);
  if (Number.isFinite(retryAfter) && retryAfter > 0) return `Retry in ${retryAfter} seconds.`;
  const reset = Number(headers['x-ratelimit-reset']);
  if (Number.isFinite(reset) && reset > 0) return `The limit resets at ${new Date(reset * 1000).toISOString()}.`;
  return 'Wait a few minutes before re-running the job.';
}

function validationDetails(errors: unknown): string {
  if (!Array.isArray(errors) || errors.length === 0) return '';
  const parts = errors.map((e) => {
    if (typeof e === 'string') return e;
    const { message, field, code } = (e ?? {}) as { message?: string; field?: string; code?: string };
    return message ?? [field, code].filter(Boolean).join(' ');
  });
  return `: ${parts.filter(Boolean).join('; ')}`;
}

function apiHost(failure: OctokitLikeError): string {
  try {
    return typeof failure.request?.url === 'string' ? ` at ${new URL(failure.request.url).origin}` : '';
  } catch {
    return '';
  }
}
