/**
 * Who may do what: a user's role on the repository and membership of an organization team.
 */
import type { GitHubClient, RepositoryRef } from './client';
import { callGitHub, GitHubApiError } from './errors';
import type { TeamMembership } from './types';

export interface RepositoryPermission {
  /** The classic level: `admin`, `write`, `read` or `none` (`maintain` reports as write, `triage` as read). */
  permission: string;
  /** The role as configured, including custom roles and `maintain` / `triage`. */
  roleName: string;
}

export async function getCollaboratorPermission(octokit: GitHubClient, input: RepositoryRef & { username: string }): Promise<RepositoryPermission> {
  const response = await callGitHub(
    {
      action: `read ${input.username}'s permission on ${input.owner}/${input.repo}`,
      // Every GITHUB_TOKEN can read this; only other tokens can lack it.
      permissions: [],
      tokenAdvice: 'A fine-grained token needs access to this repository with the permission "Metadata: read".',
    },
    () => octokit.rest.repos.getCollaboratorPermissionLevel({ owner: input.owner, repo: input.repo, username: input.username }),
  );
  return { permission: response.data.permission, roleName: response.data.role_name };
}

const TEAM_TOKEN_ADVICE =
  "A workflow's GITHUB_TOKEN cannot read organization teams at all: pass a GitHub App token with the organization permission " +
  '"Members: read", or a personal access token with the read:org scope.';

/**
 * `username`'s membership of `org/teamSlug`, or null when they are not a member.
 * GitHub answers 404 both for "not a member" and for a team the token cannot see; the team is
 * looked up to tell the two apart, so a token problem is reported as one instead of as a denial.
 */
export async function getTeamMembership(
  octokit: GitHubClient,
  input: { org: string; teamSlug: string; username: string },
): Promise<Pick<TeamMembership, 'state' | 'role'> | null> {
  const operation = {
    action: `check whether ${input.username} is a member of team ${input.org}/${input.teamSlug}`,
    permissions: [],
    tokenAdvice: TEAM_TOKEN_ADVICE,
  };
  try {
    const response = await callGitHub(operation, () =>
      octokit.rest.teams.getMembershipForUserInOrg({ org: input.org, team_slug: input.teamSlug, username: input.username }),
    );
    return { state: response.data.state, role: response.data.role };
  } catch (error) {
    if (!(error instanceof GitHubApiError) || error.kind !== 'not-found') throw error;
  }
  await callGitHub({ ...operation, action: `find team ${input.org}/${input.teamSlug}` }, () =>
    octokit.rest.teams.getByName({ org: input.org, team_slug: input.teamSlug }),
  );
  return null;
}
