/**
 * Which merged pull requests brought a set of commits, so a deploy can tell their authors.
 */
import type { GitHubClient, RepositoryRef } from './client';
import { callGitHub } from './errors';

export interface MergedPullRequest {
  number: number;
  title: string;
  url: string;
  /** Null when the author's account was deleted. */
  author: string | null;
  mergedAt: string;
  /** The requested commits that belong to this pull request, in the order they were asked about. */
  commitShas: string[];
}

export async function pullRequestsForCommits(octokit: GitHubClient, input: RepositoryRef & { shas: string[] }): Promise<MergedPullRequest[]> {
  const byNumber = new Map<number, MergedPullRequest>();
  for (const sha of new Set(input.shas)) {
    const associated = await callGitHub(
      {
        action: `find the pull requests of commit ${sha.slice(0, 12)} in ${input.owner}/${input.repo}`,
        permissions: ['contents: read', 'pull-requests: read'],
      },
      () => octokit.paginate(octokit.rest.repos.listPullRequestsAssociatedWithCommit, { owner: input.owner, repo: input.repo, commit_sha: sha, per_page: 100 }),
    );
    // The endpoint also returns open pull requests that merely contain the commit; only a merge introduced it.
    for (const pull of associated) {
      if (!pull.merged_at) continue;
      const known = byNumber.get(pull.number);
      if (known) {
        if (!known.commitShas.includes(sha)) known.commitShas.push(sha);
        continue;
      }
      byNumber.set(pull.number, {
        number: pull.number,
        title: pull.title,
        url: pull.html_url,
        author: pull.user?.login ?? null,
        mergedAt: pull.merged_at,
        commitShas: [sha],
      });
    }
  }
  return [...byNumber.values()];
}
