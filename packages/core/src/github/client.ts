/**
 * The one way the project talks to GitHub: an Octokit from @actions/github.
 */
import { getOctokit } from '@actions/github';

export type GitHubClient = ReturnType<typeof getOctokit>;

export interface RepositoryRef {
  owner: string;
  repo: string;
}

export interface CreateOctokitOptions {
  /** REST API root; defaults to `GITHUB_API_URL` (set by Actions, and on GitHub Enterprise Server), then api.github.com. */
  baseUrl?: string;
  /**
   * Abort any single request after this many milliseconds. Octokit waits forever by default,
   * which would leave a deploy job hanging on a stalled connection until the job times out.
   */
  requestTimeoutMs?: number;
}

const DEFAULT_API_URL = 'https://api.github.com';
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export function createOctokit(token: string, options: CreateOctokitOptions = {}): GitHubClient {
  if (!token) throw new Error('A GitHub token is required (the github-token input, usually ${{ github.token }}).');
  // @actions/github reads GITHUB_API_URL once, when first imported; reading it here honours later changes.
  const baseUrl = (options.baseUrl ?? process.env.GITHUB_API_URL ?? DEFAULT_API_URL).replace(/\/+$/, '');
  const octokit = getOctokit(token, { baseUrl });
  const timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  octokit.hook.before('request', (request) => {
    // Replacing `request` wholesale would drop the proxy-aware fetch @actions/github installs.
    request.request = { ...request.request, signal: AbortSignal.timeout(timeoutMs) };
  });
  return octokit;
}
