/**
 * `validate` reads the pull request's migrations and replays them on a PostgreSQL server on the
 * runner. On `pull_request` from a fork that runner has a read-only token and no secrets. On
 * `pull_request_target` it has the base repository's secrets and a write token, so checking out
 * the pull request's code there hands both to whoever opened it (GitHub's "pwn request"). The
 * action refuses that combination unless the workflow says, with an input, that it understands.
 */
import { runGit } from '../git/command';

export const ALLOW_PULL_REQUEST_TARGET_INPUT = 'allow-pull-request-target';

/** Whether the checked-out commit is the pull request's head, or GitHub's merge commit of it. */
export async function checkoutIsPullRequestCode(root: string, headSha: string): Promise<boolean> {
  const run = await runGit(root, ['rev-list', '--parents', '-n', '1', 'HEAD']);
  if (run.code !== 0) return false;
  const [commit, ...parents] = run.stdout.toString('utf8').trim().split(/\s+/);
  return commit === headSha || parents.includes(headSha);
}

/** The refusal, naming the input that overrides it. */
export function pullRequestTargetRefusal(headSha: string): string {
  return (
    `Refusing to validate on pull_request_target with the pull request's own code checked out (${headSha.slice(0, 12)}): ` +
    "that event runs with the base repository's secrets and a write token, and validate replays the pull request's SQL on this runner. " +
    'Run validate on the pull_request event instead (see "Security model" in the README). If this workflow really must use ' +
    `pull_request_target and you accept the risk, set the input ${ALLOW_PULL_REQUEST_TARGET_INPUT}: true.`
  );
}
