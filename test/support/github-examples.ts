/**
 * Realistic GitHub objects for test responses: each starts from the example GitHub publishes in
 * its OpenAPI description, takes the test's values, and is checked against the component schema
 * before it is returned, so a builder can never hand a test an object GitHub would not send.
 */
import type {
  CollaboratorPermission,
  Deployment,
  DeploymentStatus,
  EnvironmentApproval,
  Issue,
  IssueComment,
  PullRequestSimple,
  SimpleUser,
  TeamFull,
  TeamMembership,
} from '../../packages/core/src/github/types';
import { githubDescription } from './github-openapi';

export interface RepoCoordinates {
  owner: string;
  repo: string;
}

/** Timestamps GitHub's way: whole seconds, UTC, `Z`. */
export function githubTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function buildUser(login: string, overrides: Partial<SimpleUser> = {}): SimpleUser {
  return fromExample<SimpleUser>('simple-user', 'simple-user', (user) => {
    const id = stableId(login);
    // GitHub percent-encodes logins in URLs: bots are `name[bot]`, and their page is the app's.
    replaceInStrings(user, /\/octocat\b/g, `/${encodeURIComponent(login)}`);
    const app = /^(.+)\[bot\]$/.exec(login)?.[1];
    Object.assign(
      user,
      {
        login,
        id,
        node_id: nodeId('U', login),
        avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
        gravatar_id: '',
        type: app ? 'Bot' : 'User',
        ...(app ? { html_url: `https://github.com/apps/${app}` } : {}),
      },
      overrides,
    );
  });
}

/** `GET /user` for a personal token: the account's private profile. */
export function buildAuthenticatedUser(login: string): Record<string, unknown> {
  return fromExample<Record<string, unknown>>('private-user-response-with-public-and-private-profile-information', 'private-user', (user) => {
    const simple = buildUser(login);
    replaceInStrings(user, /\/octocat\b/g, `/${encodeURIComponent(login)}`);
    Object.assign(user, { login, id: simple.id, node_id: simple.node_id, avatar_url: simple.avatar_url, type: simple.type });
  });
}

export function buildIssueComment(
  input: RepoCoordinates & { id: number; issueNumber: number; body: string; user?: SimpleUser; createdAt?: string; updatedAt?: string },
): IssueComment {
  return fromExample<IssueComment>('issue-comment', 'issue-comment', (comment) => {
    rebaseRepository(comment, input);
    const createdAt = input.createdAt ?? comment.created_at;
    Object.assign(comment, {
      id: input.id,
      node_id: nodeId('IC', input.id),
      url: `https://api.github.com/repos/${input.owner}/${input.repo}/issues/comments/${input.id}`,
      html_url: `https://github.com/${input.owner}/${input.repo}/pull/${input.issueNumber}#issuecomment-${input.id}`,
      issue_url: `https://api.github.com/repos/${input.owner}/${input.repo}/issues/${input.issueNumber}`,
      body: input.body,
      user: input.user ?? buildUser('github-actions[bot]'),
      created_at: createdAt,
      updated_at: input.updatedAt ?? createdAt,
    });
  });
}

export function buildPullRequestSimple(
  input: RepoCoordinates & { number: number; title?: string; mergedAt: string | null; user?: SimpleUser; mergeCommitSha?: string },
): PullRequestSimple {
  return fromExample<PullRequestSimple>('pull-request-simple-items', 'pull-request-simple', (pull) => {
    rebaseRepository(pull, input);
    replaceInStrings(pull, /\/(pulls?|issues)\/1347\b/g, `/$1/${input.number}`);
    Object.assign(pull, {
      id: stableId(`${input.owner}/${input.repo}#${input.number}`),
      number: input.number,
      title: input.title ?? pull.title,
      user: input.user ?? pull.user,
      state: input.mergedAt ? 'closed' : 'open',
      closed_at: input.mergedAt,
      merged_at: input.mergedAt,
      merge_commit_sha: input.mergeCommitSha ?? pull.merge_commit_sha,
      // GitHub's example team lacks the `type` its own schema requires; a pull request without review teams is just as real.
      requested_teams: [],
    });
  }, firstItem);
}

export function buildEnvironmentApproval(input: {
  environments: string[];
  state: EnvironmentApproval['state'];
  user: SimpleUser;
  comment?: string;
}): EnvironmentApproval {
  return fromExample<EnvironmentApproval>('environment-approvals-items', 'environment-approvals', (approval) => {
    const template = approval.environments[0]!;
    approval.environments = input.environments.map((name) => ({
      ...template,
      id: stableId(`environment:${name}`),
      node_id: nodeId('EN', name),
      name,
      url: template.url?.replace(/\/environments\/[^/]+$/, `/environments/${name}`),
      html_url: template.html_url?.replace(/environments_filter=.*$/, `environments_filter=${encodeURIComponent(name)}`),
    }));
    Object.assign(approval, { state: input.state, user: input.user, comment: input.comment ?? '' });
  }, firstItem);
}

export function buildCollaboratorPermission(input: { user: SimpleUser; permission: string; roleName: string }): CollaboratorPermission {
  return fromExample<CollaboratorPermission>(
    'repository-collaborator-permission-response-if-user-has-admin-permissions',
    'repository-collaborator-permission',
    (result) => {
      // The `user` here is a collaborator, which (unlike GitHub's example) carries the role too.
      Object.assign(result, { permission: input.permission, role_name: input.roleName, user: { ...input.user, role_name: input.roleName } });
    },
  );
}

export function buildTeamMembership(input: { teamId?: number; login: string; role: TeamMembership['role']; state: TeamMembership['state'] }): TeamMembership {
  return fromExample<TeamMembership>('team-membership-response-if-user-is-a-team-maintainer', 'team-membership', (membership) => {
    Object.assign(membership, { url: `https://api.github.com/teams/${input.teamId ?? 1}/memberships/${input.login}`, role: input.role, state: input.state });
  });
}

export function buildTeam(input: { org: string; slug: string; name?: string }): TeamFull {
  return fromExample<TeamFull>('team-full', 'team-full', (team) => {
    const id = stableId(`team:${input.org}/${input.slug}`);
    replaceInStrings(team, /\/teams\/1\b/g, `/teams/${id}`);
    replaceInStrings(team, /\/orgs\/github\b/g, `/orgs/${input.org}`);
    replaceInStrings(team, /\/teams\/justice-league\b/g, `/teams/${input.slug}`);
    Object.assign(team, { id, node_id: nodeId('T', id), name: input.name ?? input.slug, slug: input.slug, type: 'organization' });
    // GitHub's example organization predates the required `archived_at`; an active organization has it null.
    Object.assign(team.organization, { login: input.org, name: input.org, archived_at: null });
  });
}

export function buildIssue(input: RepoCoordinates & { number: number; title: string; body: string; user?: SimpleUser; labels?: string[] }): Issue {
  return fromExample<Issue>('issue', 'issue', (issue) => {
    rebaseRepository(issue, input);
    replaceInStrings(issue, /\/issues\/1347\b/g, `/issues/${input.number}`);
    const labelTemplate = (issue.labels as Exclude<Issue['labels'][number], string>[])[0]!;
    Object.assign(issue, {
      id: stableId(`${input.owner}/${input.repo}#${input.number}`),
      number: input.number,
      title: input.title,
      body: input.body,
      user: input.user ?? buildUser('github-actions[bot]'),
      labels: (input.labels ?? []).map((name) => ({ ...labelTemplate, id: stableId(`label:${name}`), name, default: false, url: labelTemplate.url?.replace(/[^/]+$/, encodeURIComponent(name)) })),
      assignee: null,
      assignees: [],
      milestone: null,
      comments: 0,
      closed_at: null,
      closed_by: null,
    });
    // GitHub's example links a pull request, which would make the new issue one.
    delete (issue as Partial<Issue>).pull_request;
  });
}

export function buildDeployment(
  input: RepoCoordinates & { id: number; sha: string; ref?: string; task: string; environment: string; payload: Deployment['payload']; description?: string | null; creator?: SimpleUser; createdAt: string; transientEnvironment?: boolean; productionEnvironment?: boolean },
): Deployment {
  return fromExample<Deployment>('deployment', 'deployment', (deployment) => {
    rebaseRepository(deployment, input, 'octocat/example');
    replaceInStrings(deployment, /\/deployments\/1\b/g, `/deployments/${input.id}`);
    Object.assign(deployment, {
      id: input.id,
      node_id: nodeId('DE', input.id),
      sha: input.sha,
      ref: input.ref ?? input.sha,
      task: input.task,
      payload: input.payload,
      original_environment: input.environment,
      environment: input.environment,
      description: input.description ?? null,
      creator: input.creator ?? buildUser('github-actions[bot]'),
      created_at: input.createdAt,
      updated_at: input.createdAt,
      transient_environment: input.transientEnvironment ?? false,
      production_environment: input.productionEnvironment ?? false,
    });
  });
}

export function buildDeploymentStatus(
  input: RepoCoordinates & { id: number; deploymentId: number; state: DeploymentStatus['state']; environment: string; description?: string; logUrl?: string; creator?: SimpleUser; createdAt: string },
): DeploymentStatus {
  return fromExample<DeploymentStatus>('deployment-status', 'deployment-status', (status) => {
    rebaseRepository(status, input, 'octocat/example');
    Object.assign(status, {
      id: input.id,
      node_id: nodeId('DES', input.id),
      url: `https://api.github.com/repos/${input.owner}/${input.repo}/deployments/${input.deploymentId}/statuses/${input.id}`,
      deployment_url: `https://api.github.com/repos/${input.owner}/${input.repo}/deployments/${input.deploymentId}`,
      state: input.state,
      environment: input.environment,
      description: input.description ?? '',
      target_url: input.logUrl ?? '',
      log_url: input.logUrl ?? '',
      environment_url: '',
      creator: input.creator ?? buildUser('github-actions[bot]'),
      created_at: input.createdAt,
      updated_at: input.createdAt,
    });
  });
}

/** The body GitHub sends with most errors (`basic-error`), e.g. for a token without the permission. */
export function buildBasicError(message: string, documentationUrl = 'https://docs.github.com/rest'): { message: string; documentation_url: string; status?: string } {
  const error = { message, documentation_url: documentationUrl };
  assertMatchesSchema('basic-error', error);
  return error;
}

/** Throws unless `value` is valid against `#/components/schemas/<schemaName>`. */
export function assertMatchesSchema(schemaName: string, value: unknown): void {
  const description = githubDescription();
  const errors = description.validate(description.componentSchemaPointer(schemaName), value);
  if (errors.length > 0) throw new Error(`Not a valid GitHub "${schemaName}":\n  ${errors.join('\n  ')}`);
}

function fromExample<T>(exampleName: string, schemaName: string, customize: (draft: T) => void, pick: (example: any) => unknown = (e) => e): T {
  const draft = pick(githubDescription().example(exampleName)) as T;
  customize(draft);
  assertMatchesSchema(schemaName, draft);
  return draft;
}

function firstItem(example: unknown): unknown {
  if (!Array.isArray(example) || example.length === 0) throw new Error('Expected a list example with at least one item');
  return example[0];
}

/** Points every URL of an example at the test's repository instead of GitHub's sample one. */
function rebaseRepository(value: unknown, target: RepoCoordinates, exampleRepository = 'octocat/Hello-World'): void {
  replaceInStrings(value, new RegExp(`\\b${exampleRepository.replace('/', '\\/')}\\b`, 'g'), `${target.owner}/${target.repo}`);
}

function replaceInStrings(value: unknown, pattern: RegExp, replacement: string): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      if (typeof item === 'string') value[index] = item.replace(pattern, replacement);
      else replaceInStrings(item, pattern, replacement);
    });
  } else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const [key, item] of Object.entries(record)) {
      if (typeof item === 'string') record[key] = item.replace(pattern, replacement);
      else replaceInStrings(item, pattern, replacement);
    }
  }
}

/** Positive 31-bit id derived from a name, so the same login always gets the same id. */
function stableId(name: string): number {
  let hash = 0;
  for (const char of name) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return (hash & 0x7fffffff) || 1;
}

function nodeId(prefix: string, key: string | number): string {
  return `${prefix}_${Buffer.from(String(key)).toString('base64url')}`;
}
