export { createOctokit, type CreateOctokitOptions, type GitHubClient, type RepositoryRef } from './client';
export { callGitHub, GitHubApiError, toGitHubApiError, type GitHubFailureKind, type GitHubOperation } from './errors';
export {
  commentMarker,
  commentOnPullRequests,
  deleteOrResolvePullRequestComment,
  findMarkedComments,
  findOwnMarkedComments,
  GITHUB_ACTIONS_LOGIN,
  resolveTokenLogin,
  StaleCommentError,
  upsertPullRequestComment,
  type PullRequestCommentTarget,
  type PullRequestNotice,
  type PullRequestNoticeResult,
  type ResolveCommentInput,
  type ResolveCommentResult,
  type UpsertCommentInput,
  type UpsertCommentResult,
} from './comments';
export { pullRequestsForCommits, type MergedPullRequest } from './pulls';
export { getRunApprovals, verifyEnvironmentApproval, type ApprovalVerdict, type EnvironmentReview } from './approvals';
export { getCollaboratorPermission, getTeamMembership, type RepositoryPermission } from './permissions';
export {
  findStagingRecords,
  MIGRATION_DEPLOYMENT_TASK,
  MIGRATION_DEPLOYMENT_TOOL,
  recordStagingDeployment,
  type FindStagingRecordsInput,
  type MigrationDeploymentPayload,
  type StagingDeploymentInput,
  type StagingDeploymentRecord,
  type StagingRecord,
} from './deployments';
export { commentOnIssue, createIssue, listOpenIssues, updateIssue, updateIssueBody, type IssueUpdate, type NewIssue, type OpenIssuesQuery } from './issues';
export type * from './types';
