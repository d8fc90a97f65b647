/**
 * The nightly drift check keeps one issue per environment up to date: opened when drift appears,
 * rewritten while it changes, closed (with a comment) once the database matches its migrations
 * again. The issue is recognised by a hidden marker on its first line and by its author: only
 * issues the token's own identity opened are ever edited.
 */
import { createHash } from 'node:crypto';
import { commentMarker, commentOnIssue, createIssue, listOpenIssues, updateIssue, type GitHubClient, type RepositoryRef } from '../github';
import { COMMENT_LIMIT } from '../report/markdown-budget';
import type { DriftReport } from './check';
import { renderDriftMarkdown } from './render';

export const DRIFT_ISSUE_LABEL = 'migration-drift';

export interface DriftIssueInput extends RepositoryRef {
  report: DriftReport;
  /** Name of the checked database in the title and marker, e.g. `production`. */
  environment: string;
  /** Who the token writes as (`resolveTokenLogin`; `github-actions[bot]` for GITHUB_TOKEN). */
  author: string;
  runUrl?: string;
  labels?: string[];
}

export type DriftIssueAction = 'opened' | 'updated' | 'unchanged' | 'closed' | 'none';

export interface DriftIssueResult {
  action: DriftIssueAction;
  issueNumber?: number;
}

export function driftIssueMarker(environment: string): string {
  return commentMarker(`drift:${environment.replace(/[^A-Za-z0-9_.-]/g, '_')}`);
}

/**
 * What the drift is, without what changes from run to run (timings, the draft's timestamp, the
 * run link): the issue is rewritten only when this changes.
 */
function fingerprint(report: DriftReport): string {
  const essence = report.differences.map((d) => [d.kind, d.change, d.name, d.database, d.migrations]);
  return createHash('sha256').update(JSON.stringify(essence)).digest('hex').slice(0, 16);
}

function fingerprintLine(report: DriftReport): string {
  return `<!-- drift ${fingerprint(report)} -->`;
}

function issueBody(input: DriftIssueInput, marker: string): string {
  const run = input.runUrl ? `\n\nLast checked in [this workflow run](${input.runUrl}).` : '';
  const intro =
    'Migration Gate found changes in this database that no migration describes. The next deploy builds on a schema nobody reviewed: ' +
    'capture them in a new migration (the draft below), record it as applied there with `migration-gate repair --status applied <version>`, or undo them. ' +
    'This issue is updated by every check and closed when the drift is gone.';
  const head = `${marker}\n${fingerprintLine(input.report)}\n${intro}${run}\n\n`;
  // GitHub refuses an issue body over a comment's size: the report keeps within what is left.
  return `${head}${renderDriftMarkdown(input.report, { limit: COMMENT_LIMIT, reserve: head.length })}`;
}

/** Opens, updates or closes the environment's drift issue to match `input.report`; an error report changes nothing. */
export async function syncDriftIssue(octokit: GitHubClient, input: DriftIssueInput): Promise<DriftIssueResult> {
  const marker = driftIssueMarker(input.environment);
  const labels = input.labels ?? [DRIFT_ISSUE_LABEL];
  const open = (await listOpenIssues(octokit, { owner: input.owner, repo: input.repo, creator: input.author, labels })).filter((issue) => (issue.body ?? '').split('\n')[0].trim() === marker);
  const existing = open[0];
  const where = { owner: input.owner, repo: input.repo };
  if (input.report.status === 'error') return { action: existing ? 'unchanged' : 'none', ...(existing ? { issueNumber: existing.number } : {}) };
  if (input.report.status === 'no-drift') {
    if (!existing) return { action: 'none' };
    const run = input.runUrl ? ` in [this workflow run](${input.runUrl})` : '';
    await commentOnIssue(octokit, { ...where, issueNumber: existing.number, body: `The drift is gone: ${input.environment} matches what its applied migrations build again (checked${run}). Closing.` });
    await updateIssue(octokit, { ...where, issueNumber: existing.number, state: 'closed', stateReason: 'completed' });
    return { action: 'closed', issueNumber: existing.number };
  }
  const count = input.report.differences.length;
  const title = `Schema drift on ${input.environment}: ${count} change${count === 1 ? '' : 's'} outside the migrations`;
  const body = issueBody(input, marker);
  if (!existing) {
    const created = await createIssue(octokit, { ...where, title, body, labels });
    return { action: 'opened', issueNumber: created.number };
  }
  if ((existing.body ?? '').split('\n')[1] === fingerprintLine(input.report) && existing.title === title) return { action: 'unchanged', issueNumber: existing.number };
  await updateIssue(octokit, { ...where, issueNumber: existing.number, title, body });
  return { action: 'updated', issueNumber: existing.number };
}
