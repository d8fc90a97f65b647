/**
 * GitHub's payload types, taken from the typed Octokit so they follow @actions/github upgrades
 * instead of being written by hand.
 */
import type { GitHubClient } from './client';

type Rest = GitHubClient['rest'];
type ResponseData<Method extends (...args: any[]) => Promise<{ data: unknown }>> = Awaited<ReturnType<Method>>['data'];

export type IssueComment = ResponseData<Rest['issues']['createComment']>;
export type Issue = ResponseData<Rest['issues']['create']>;
export type PullRequestSimple = ResponseData<Rest['repos']['listPullRequestsAssociatedWithCommit']>[number];
export type EnvironmentApproval = ResponseData<Rest['actions']['getReviewsForRun']>[number];
export type CollaboratorPermission = ResponseData<Rest['repos']['getCollaboratorPermissionLevel']>;
export type TeamMembership = ResponseData<Rest['teams']['getMembershipForUserInOrg']>;
export type TeamFull = ResponseData<Rest['teams']['getByName']>;
export type Deployment = ResponseData<Rest['repos']['listDeployments']>[number];
export type DeploymentStatus = ResponseData<Rest['repos']['createDeploymentStatus']>;
export type SimpleUser = NonNullable<IssueComment['user']>;
