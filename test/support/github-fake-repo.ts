/**
 * One repository's state on the GitHub test server: issue comments, issues and deployments that
 * the documented endpoints create, list (paginated like GitHub), update and delete. Tests seed it,
 * run the code under test, then inspect both the state and `server.calls()`.
 *
 * Anything a test wants to behave differently (an error, a slow answer) is overridden by
 * registering the same route on the server again.
 */
import type { Deployment, DeploymentStatus, Issue, IssueComment, SimpleUser } from '../../packages/core/src/github/types';
import {
  buildAuthenticatedUser,
  buildBasicError,
  buildDeployment,
  buildDeploymentStatus,
  buildIssue,
  buildIssueComment,
  buildUser,
  githubTimestamp,
} from './github-examples';
import { paginated, type GitHubRequest, type GitHubResponse, type GitHubTestServer } from './github-server';

const REPO = '/repos/{owner}/{repo}';

export class FakeGitHubRepository {
  readonly comments = new Map<number, IssueComment[]>();
  readonly issues: Issue[] = [];
  readonly deployments: Deployment[] = [];
  readonly deploymentStatuses = new Map<number, DeploymentStatus[]>();
  /** Who the token acts as when it writes. */
  actor: SimpleUser = buildUser('github-actions[bot]');
  /**
   * What kind of token the code under test holds: an installation token (`GITHUB_TOKEN` or a
   * GitHub App's), which `GET /user` refuses and GraphQL's `viewer` names, or a person's token.
   */
  tokenKind: 'installation' | 'personal' = 'installation';

  private nextId = 1000;
  private clock = Date.parse('2025-01-06T09:00:00Z');

  constructor(
    private readonly server: GitHubTestServer,
    readonly owner: string,
    readonly repo: string,
  ) {
    this.installIdentityRoutes();
    this.installCommentRoutes();
    this.installIssueRoutes();
    this.installDeploymentRoutes();
  }

  /** Adds existing comments to a pull request (oldest first), as if written before the test. */
  seedComments(issueNumber: number, bodies: string[], user: SimpleUser = this.actor): IssueComment[] {
    return bodies.map((body) => this.addComment(issueNumber, body, user));
  }

  commentsOn(issueNumber: number): IssueComment[] {
    return this.comments.get(issueNumber) ?? [];
  }

  /** Statuses of a deployment in creation order. */
  statusesOf(deploymentId: number): DeploymentStatus[] {
    return this.deploymentStatuses.get(deploymentId) ?? [];
  }

  /** Records a deployment and its statuses as if an earlier run had created them. */
  seedDeployment(input: { sha: string; environment: string; task: string; payload: Deployment['payload']; states: DeploymentStatus['state'][] }): Deployment {
    const deployment = this.addDeployment({ sha: input.sha, ref: input.sha, environment: input.environment, task: input.task, payload: input.payload, description: null });
    for (const state of input.states) this.addDeploymentStatus(deployment, { state, environment: input.environment });
    return deployment;
  }

  private installCommentRoutes(): void {
    this.server
      .on(`GET ${REPO}/issues/{issue_number}/comments`, (request) =>
        this.forThisRepo(request, () => paginated(request, this.commentsOn(Number(request.params.issue_number)))),
      )
      .on(`POST ${REPO}/issues/{issue_number}/comments`, (request) =>
        this.forThisRepo(request, () => {
          const { body } = request.body as { body: string };
          return { status: 201, body: this.addComment(Number(request.params.issue_number), body, this.actor) };
        }),
      )
      .on(`PATCH ${REPO}/issues/comments/{comment_id}`, (request) =>
        this.forThisRepo(request, () => {
          const found = this.findComment(Number(request.params.comment_id));
          if (!found) return notFound();
          const { body } = request.body as { body: string };
          const updated = buildIssueComment({ ...this.coordinates(), id: found.comment.id, issueNumber: found.issueNumber, body, user: found.comment.user ?? undefined, createdAt: found.comment.created_at, updatedAt: this.tick() });
          found.list[found.index] = updated;
          return { status: 200, body: updated };
        }),
      )
      .on(`DELETE ${REPO}/issues/comments/{comment_id}`, (request) =>
        this.forThisRepo(request, () => {
          const found = this.findComment(Number(request.params.comment_id));
          if (!found) return notFound();
          found.list.splice(found.index, 1);
          return { status: 204 };
        }),
      );
  }

  /** Adds an issue as if someone (by default the token's identity) had opened it before the test. */
  seedIssue(input: { title: string; body: string; labels?: string[]; user?: SimpleUser }): Issue {
    const issue = buildIssue({ ...this.coordinates(), number: this.issues.length + 1, title: input.title, body: input.body, labels: input.labels, user: input.user ?? this.actor });
    this.issues.push(issue);
    return issue;
  }

  /** How GitHub tells a token who it is, for each kind of token. */
  private installIdentityRoutes(): void {
    this.server.on('GET /user', () =>
      this.tokenKind === 'personal'
        ? { status: 200, body: buildAuthenticatedUser(this.actor.login) }
        : { status: 403, body: buildBasicError('Resource not accessible by integration', 'https://docs.github.com/rest/users/users#get-the-authenticated-user') },
    );
    this.server.onGraphQL(({ query }) => {
      if (!/\bviewer\s*\{/.test(query)) return { errors: [{ type: 'NOT_IMPLEMENTED', message: `The fake repository answers only viewer queries, not: ${query}` }] };
      return { data: { viewer: { login: this.actor.login, __typename: this.actor.type === 'Bot' ? 'Bot' : 'User' } } };
    });
  }

  private installIssueRoutes(): void {
    this.server
      .on(`POST ${REPO}/issues`, (request) =>
        this.forThisRepo(request, () => {
          const { title, body, labels } = request.body as { title: string; body?: string; labels?: string[] };
          return { status: 201, body: this.seedIssue({ title, body: body ?? '', labels }) };
        }),
      )
      .on(`GET ${REPO}/issues`, (request) =>
        this.forThisRepo(request, () => {
          const { state = 'open', creator, labels } = request.query;
          const wanted = labels ? labels.split(',') : [];
          const names = (issue: Issue) => issue.labels.map((l) => (typeof l === 'string' ? l : l.name));
          const matching = this.issues.filter(
            (i) => (state === 'all' || i.state === state) && (creator === undefined || i.user?.login === creator) && wanted.every((label) => names(i).includes(label)),
          );
          return paginated(request, request.query.direction === 'asc' ? matching : [...matching].reverse());
        }),
      )
      .on(`PATCH ${REPO}/issues/{issue_number}`, (request) =>
        this.forThisRepo(request, () => {
          const index = this.issues.findIndex((i) => i.number === Number(request.params.issue_number));
          if (index < 0) return notFound();
          const change = request.body as { title?: string; body?: string; state?: 'open' | 'closed'; state_reason?: Issue['state_reason'] };
          const closing = change.state === 'closed' && this.issues[index].state !== 'closed';
          const updated: Issue = {
            ...this.issues[index],
            ...(change.title !== undefined ? { title: change.title } : {}),
            ...(change.body !== undefined ? { body: change.body } : {}),
            ...(change.state ? { state: change.state, state_reason: change.state_reason ?? (change.state === 'closed' ? 'completed' : 'reopened') } : {}),
            ...(closing ? { closed_at: this.tick() } : {}),
            updated_at: this.tick(),
          };
          this.issues[index] = updated;
          return { status: 200, body: updated };
        }),
      );
  }

  private installDeploymentRoutes(): void {
    this.server
      .on(`POST ${REPO}/deployments`, (request) =>
        this.forThisRepo(request, () => {
          const body = request.body as { ref: string; task?: string; environment?: string; payload?: Deployment['payload']; description?: string | null; transient_environment?: boolean; production_environment?: boolean };
          const environment = body.environment ?? 'production';
          const deployment = this.addDeployment({
            // Only commit SHAs are deployed in these tests; GitHub would resolve a branch name to its head.
            sha: body.ref,
            ref: body.ref,
            task: body.task ?? 'deploy',
            environment,
            payload: typeof body.payload === 'string' ? body.payload : (body.payload ?? {}),
            description: body.description ?? null,
            transientEnvironment: body.transient_environment ?? false,
            productionEnvironment: body.production_environment ?? environment === 'production',
          });
          return { status: 201, body: deployment };
        }),
      )
      .on(`GET ${REPO}/deployments`, (request) =>
        this.forThisRepo(request, () => {
          const { sha, ref, task, environment } = request.query;
          const matching = this.deployments
            .filter((d) => (sha === undefined || d.sha === sha) && (ref === undefined || d.ref === ref) && (task === undefined || d.task === task) && (environment === undefined || d.environment === environment))
            .reverse();
          return paginated(request, matching);
        }),
      )
      .on(`POST ${REPO}/deployments/{deployment_id}/statuses`, (request) =>
        this.forThisRepo(request, () => {
          const deployment = this.deployments.find((d) => d.id === Number(request.params.deployment_id));
          if (!deployment) return notFound();
          const body = request.body as { state: DeploymentStatus['state']; environment?: string; description?: string; log_url?: string };
          const status = this.addDeploymentStatus(deployment, { state: body.state, environment: body.environment ?? deployment.environment, description: body.description, logUrl: body.log_url });
          return { status: 201, body: status };
        }),
      )
      .on(`GET ${REPO}/deployments/{deployment_id}/statuses`, (request) =>
        this.forThisRepo(request, () => {
          const deploymentId = Number(request.params.deployment_id);
          if (!this.deployments.some((d) => d.id === deploymentId)) return notFound();
          return paginated(request, [...this.statusesOf(deploymentId)].reverse());
        }),
      );
  }

  private addComment(issueNumber: number, body: string, user: SimpleUser): IssueComment {
    const comment = buildIssueComment({ ...this.coordinates(), id: this.newId(), issueNumber, body, user, createdAt: this.tick() });
    const list = this.comments.get(issueNumber) ?? [];
    list.push(comment);
    this.comments.set(issueNumber, list);
    return comment;
  }

  private findComment(id: number): { list: IssueComment[]; index: number; issueNumber: number; comment: IssueComment } | undefined {
    for (const [issueNumber, list] of this.comments) {
      const index = list.findIndex((c) => c.id === id);
      if (index >= 0) return { list, index, issueNumber, comment: list[index]! };
    }
    return undefined;
  }

  private addDeployment(input: { sha: string; ref: string; task: string; environment: string; payload: Deployment['payload']; description: string | null; transientEnvironment?: boolean; productionEnvironment?: boolean }): Deployment {
    const deployment = buildDeployment({ ...this.coordinates(), ...input, id: this.newId(), creator: this.actor, createdAt: this.tick() });
    this.deployments.push(deployment);
    return deployment;
  }

  private addDeploymentStatus(deployment: Deployment, input: { state: DeploymentStatus['state']; environment: string; description?: string; logUrl?: string }): DeploymentStatus {
    const status = buildDeploymentStatus({ ...this.coordinates(), ...input, id: this.newId(), deploymentId: deployment.id, creator: this.actor, createdAt: this.tick() });
    const list = this.deploymentStatuses.get(deployment.id) ?? [];
    list.push(status);
    this.deploymentStatuses.set(deployment.id, list);
    return status;
  }

  private forThisRepo(request: GitHubRequest, answer: () => GitHubResponse): GitHubResponse {
    const { owner, repo } = request.params;
    // GitHub treats owner and repository names case-insensitively.
    if (owner?.toLowerCase() !== this.owner.toLowerCase() || repo?.toLowerCase() !== this.repo.toLowerCase()) return notFound();
    return answer();
  }

  private coordinates(): { owner: string; repo: string } {
    return { owner: this.owner, repo: this.repo };
  }

  private newId(): number {
    return this.nextId++;
  }

  /** A fresh timestamp, one second after the previous, so ordering by time is unambiguous. */
  private tick(): string {
    this.clock += 1000;
    return githubTimestamp(new Date(this.clock));
  }
}

function notFound(): GitHubResponse {
  return { status: 404, body: buildBasicError('Not Found', 'https://docs.github.com/rest') };
}
