/**
 * The record of an emergency override on GitHub: one comment on each pull request that introduced
 * a migration the override applies (naming only that pull request's versions), and a follow-up
 * issue when asked for. Written BEFORE anything is applied, through the production gate's last
 * step: if the token cannot write them (no `pull-requests: write`, or no `issues: write` for the
 * issue) the override is refused instead of applying unrecorded. Completed with the outcome after
 * the deploy, in place (same comments, same issue).
 */
import * as core from '@actions/core';
import * as github from '@actions/github';
import type { DeployResult, GateCandidate } from '../deploy';
import { commentMarker, createIssue, updateIssueBody, upsertPullRequestComment, type GitHubClient } from '../github';
import { renderOverrideFollowUpIssue, renderOverrideNotice, type GateReport } from '../report/deploy-markdown';
import { introducingPullRequests, type DeployInputs } from './deploy-flow';

type Override = NonNullable<GateReport['override']>;

export interface OverrideRecordOptions {
  octokit: GitHubClient;
  inputs: DeployInputs;
  /** The gate's report; its override entry is filled by the time the record is opened. */
  report: GateReport;
  actor: string;
  runId: string;
  runNumber?: string;
  runUrl?: string;
  followUpIssue: boolean;
}

export class OverrideRecord {
  private readonly marker: string;
  /** Pull request → the versions it introduced, for the comments written so far. */
  private readonly commented = new Map<number, string[]>();
  private issueNumber?: number;

  constructor(private readonly options: OverrideRecordOptions) {
    // One comment per pull request and run: a re-run of the same workflow run updates it.
    this.marker = commentMarker(`override:${options.runId}`);
  }

  /** Before anything is applied. Throws (refusing the override) when a comment or the issue cannot be written. */
  async open(pending: GateCandidate[]): Promise<void> {
    const override = this.override();
    const byPull = await introducingPullRequests(this.options.octokit, this.options.inputs, pending.map((p) => ({ version: p.version, file: p.file })));
    if (byPull.size === 0) core.warning('No merged pull request introduced the migrations of this override: it is recorded in the audit log and the job summary only.');
    for (const [pullNumber, versions] of byPull) {
      await this.writeComment(pullNumber, renderOverrideNotice({ environment: this.options.inputs.environment, versions, override, runUrl: this.options.runUrl, runNumber: this.options.runNumber }));
      this.commented.set(pullNumber, versions);
    }
    if (this.options.followUpIssue) {
      const issue = await createIssue(this.options.octokit, { ...github.context.repo, title: this.issueTitle(), body: this.issueBody(override, pending.map((p) => p.version)), labels: ['migration-override'] });
      this.issueNumber = issue.number;
      core.info(`Opened follow-up issue #${issue.number}.`);
    }
  }

  /**
   * After the deploy: the comments (written now for a refusal that came before the record) and the
   * issue, with the outcome. Failures are warnings: the deploy has happened and is audited.
   */
  async close(result: DeployResult, draftFix?: string): Promise<void> {
    const override = this.override();
    try {
      const byPull = this.commented.size > 0 ? this.commented : await introducingPullRequests(this.options.octokit, this.options.inputs, result.migrations.map((m) => ({ version: m.version, file: m.file })));
      for (const [pullNumber, versions] of byPull) {
        await this.writeComment(pullNumber, renderOverrideNotice({ environment: this.options.inputs.environment, versions, override, result, runUrl: this.options.runUrl, runNumber: this.options.runNumber, draftFix }));
      }
    } catch (err) {
      core.warning(`Could not record the override's outcome on the pull requests: ${(err as Error).message}`);
    }
    if (this.issueNumber === undefined) return;
    try {
      await updateIssueBody(this.options.octokit, { ...github.context.repo, issueNumber: this.issueNumber, body: this.issueBody(override, result.migrations.map((m) => m.version), result) });
    } catch (err) {
      core.warning(`Could not complete follow-up issue #${this.issueNumber} with the outcome: ${(err as Error).message}`);
    }
  }

  private override(): Override {
    const override = this.options.report.override;
    if (!override) throw new Error('The override record needs the gate report of the override.');
    return override;
  }

  private async writeComment(pullNumber: number, body: string): Promise<void> {
    await upsertPullRequestComment(this.options.octokit, { ...github.context.repo, issueNumber: pullNumber, marker: this.marker, body });
    core.info(`Recorded the emergency override on pull request #${pullNumber}.`);
  }

  private issueTitle(): string {
    return `Review emergency migration override by @${this.options.actor} (run ${this.options.runNumber ?? this.options.runId})`;
  }

  private issueBody(override: Override, versions: string[], result?: DeployResult): string {
    return renderOverrideFollowUpIssue({ environment: this.options.inputs.environment, override, versions, result, runUrl: this.options.runUrl });
  }

}
