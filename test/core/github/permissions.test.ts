import { createOctokit, getCollaboratorPermission, getTeamMembership } from '../../../packages/core/src/github';
import { buildBasicError, buildCollaboratorPermission, buildTeam, buildTeamMembership, buildUser } from '../../support/github-examples';
import { useGitHubServer } from '../../support/github-server';

const COLLABORATOR_PERMISSION = 'GET /repos/{owner}/{repo}/collaborators/{username}/permission';
const TEAM_MEMBERSHIP = 'GET /orgs/{org}/teams/{team_slug}/memberships/{username}';
const TEAM = 'GET /orgs/{org}/teams/{team_slug}';

describe('repository permission of a user', () => {
  const server = useGitHubServer();
  const octokit = () => createOctokit('test-token', { baseUrl: server().url });

  beforeEach(() => {
    const roles: Record<string, { permission: string; roleName: string }> = {
      alice: { permission: 'admin', roleName: 'admin' },
      bob: { permission: 'read', roleName: 'triage' },
    };
    server().on(COLLABORATOR_PERMISSION, (request) => {
      const role = roles[request.params.username!];
      if (!role) return { status: 404, body: buildBasicError('Not Found') };
      return { status: 200, body: buildCollaboratorPermission({ user: buildUser(request.params.username!), ...role }) };
    });
  });

  it('reports an admin as admin', async () => {
    expect(await getCollaboratorPermission(octokit(), { owner: 'acme', repo: 'app', username: 'alice' })).toEqual({ permission: 'admin', roleName: 'admin' });
    expect(server().calls()).toEqual(['GET /repos/acme/app/collaborators/alice/permission']);
  });

  it('reports a triager by classic level and by role', async () => {
    expect(await getCollaboratorPermission(octokit(), { owner: 'acme', repo: 'app', username: 'bob' })).toEqual({ permission: 'read', roleName: 'triage' });
  });

  it('fails with a not-found error for an unknown user', async () => {
    await expect(getCollaboratorPermission(octokit(), { owner: 'acme', repo: 'app', username: 'mallory' })).rejects.toMatchObject({ kind: 'not-found', status: 404 });
  });
});

describe('team membership of a user', () => {
  const server = useGitHubServer();
  const octokit = () => createOctokit('test-token', { baseUrl: server().url });

  function organization(input: { teamVisible: boolean; members: Record<string, 'active' | 'pending'> }): void {
    server()
      .on(TEAM_MEMBERSHIP, (request) => {
        const state = input.teamVisible ? input.members[request.params.username!] : undefined;
        // GitHub documents this 404 ("user has no team membership") without a body.
        if (!state) return { status: 404 };
        return { status: 200, body: buildTeamMembership({ login: request.params.username!, role: 'member', state }) };
      })
      .on(TEAM, (request) =>
        input.teamVisible ? { status: 200, body: buildTeam({ org: request.params.org!, slug: request.params.team_slug! }) } : { status: 404, body: buildBasicError('Not Found') },
      );
  }

  it('returns the membership of a member, with one request', async () => {
    organization({ teamVisible: true, members: { alice: 'active', newbie: 'pending' } });

    expect(await getTeamMembership(octokit(), { org: 'acme', teamSlug: 'db-owners', username: 'alice' })).toEqual({ state: 'active', role: 'member' });
    expect(await getTeamMembership(octokit(), { org: 'acme', teamSlug: 'db-owners', username: 'newbie' })).toEqual({ state: 'pending', role: 'member' });
    expect(server().calls()).toEqual(['GET /orgs/acme/teams/db-owners/memberships/alice', 'GET /orgs/acme/teams/db-owners/memberships/newbie']);
  });

  it('returns null for a non-member of a team the token can see', async () => {
    organization({ teamVisible: true, members: { alice: 'active' } });

    expect(await getTeamMembership(octokit(), { org: 'acme', teamSlug: 'db-owners', username: 'mallory' })).toBeNull();
    expect(server().calls()).toEqual(['GET /orgs/acme/teams/db-owners/memberships/mallory', 'GET /orgs/acme/teams/db-owners']);
  });

  it('reports a token that cannot see the team as a token problem, not as a non-member', async () => {
    organization({ teamVisible: false, members: {} });

    await expect(getTeamMembership(octokit(), { org: 'acme', teamSlug: 'db-owners', username: 'alice' })).rejects.toMatchObject({
      kind: 'not-found',
      message: expect.stringContaining("A workflow's GITHUB_TOKEN cannot read organization teams at all"),
    });
  });
});
