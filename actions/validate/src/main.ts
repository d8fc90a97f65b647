/**
 * The `validate` action: reads inputs and the pull-request event, runs the core `validate`,
 * and reports through annotations, the job summary, one PR comment and outputs.
 */
import * as core from '@actions/core';
import * as github from '@actions/github';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { annotate, booleanInput, failStep, optionalInput, secretUrlInput, workflowRunUrl } from '../../../packages/core/src/action-io';
import { ALLOW_PULL_REQUEST_TARGET_INPUT, checkoutIsPullRequestCode, pullRequestTargetRefusal } from '../../../packages/core/src/actions/pull-request-target';
import { loadConfig } from '../../../packages/core/src/config';
import { createOctokit, deleteOrResolvePullRequestComment, StaleCommentError, upsertPullRequestComment } from '../../../packages/core/src/github';
import { formatJson } from '../../../packages/core/src/report/json';
import { renderMarkdown, renderPullRequestComment, renderResolvedComment, VALIDATE_COMMENT_MARKER } from '../../../packages/core/src/report/markdown';
import { formatSarif } from '../../../packages/core/src/report/sarif';
import { ALL_RULES } from '../../../packages/core/src/rules';
import { validate, type BaseSpec } from '../../../packages/core/src/validate';
import { buildDryRunStep } from '../../../packages/core/src/dry-run/validate-step';

interface PullRequestPayload {
  number: number;
  base: { ref: string; sha: string };
  head: { sha: string };
}

export async function run(): Promise<void> {
  try {
    const root = process.env.GITHUB_WORKSPACE || process.cwd();
    const pullRequest = github.context.payload.pull_request as PullRequestPayload | undefined;
    if (github.context.eventName === 'pull_request_target' && pullRequest && !booleanInput(ALLOW_PULL_REQUEST_TARGET_INPUT, false)) {
      if (await checkoutIsPullRequestCode(root, pullRequest.head.sha)) throw new Error(pullRequestTargetRefusal(pullRequest.head.sha));
    }
    const config = await loadConfig(root, optionalInput('config'));
    const failOn = optionalInput('fail-on');
    if (failOn !== undefined) {
      if (failOn !== 'error' && failOn !== 'warning') throw new Error(`Input "fail-on" must be error or warning, not "${failOn}".`);
      config.failOn = failOn;
    }
    const shadowUrl = secretUrlInput('shadow-database-url');

    const baseRef = optionalInput('base-ref');
    const base: BaseSpec | undefined = baseRef ? { ref: baseRef } : pullRequest ? { ref: pullRequest.base.ref, sha: pullRequest.base.sha } : undefined;

    const supabaseBaseline = optionalInput('supabase-baseline') ?? 'auto';
    const dryRun = booleanInput('dry-run', true)
      ? buildDryRunStep({
          postgresVersion: optionalInput('postgres-version'),
          shadowDatabaseUrl: shadowUrl,
          supabaseBaseline: supabaseBaseline === 'auto' ? undefined : supabaseBaseline === 'true',
          preambleFile: optionalInput('preamble-file') ? path.resolve(root, optionalInput('preamble-file') as string) : undefined,
          log: (line) => core.info(line),
        })
      : undefined;

    if (booleanInput('allow-empty', false)) config.allowEmpty = true;
    const { report, extraMarkdown } = await validate({ root, config, migrationsDir: optionalInput('migrations-dir'), base, dryRun, boundary: root });

    annotate(report.findings);
    const repo = process.env.GITHUB_REPOSITORY ? github.context.repo : undefined;
    const headSha = pullRequest?.head.sha ?? github.context.sha;
    const markdownOptions = {
      blobUrl: repo && headSha ? `${process.env.GITHUB_SERVER_URL ?? 'https://github.com'}/${repo.owner}/${repo.repo}/blob/${headSha}/` : undefined,
      runUrl: workflowRunUrl(),
      extraSections: extraMarkdown,
    };
    if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(renderMarkdown(report, markdownOptions)).write();

    const reportFile = optionalInput('report-file') ?? path.join(process.env.RUNNER_TEMP || root, 'migration-gate-report.json');
    await fs.writeFile(reportFile, formatJson(report));
    const sarifFile = optionalInput('sarif-file');
    if (sarifFile) await fs.writeFile(path.resolve(root, sarifFile), formatSarif(report, ALL_RULES));

    const active = report.findings.filter((f) => !f.suppressed);
    core.setOutput('findings-count', String(active.length));
    core.setOutput('errors-count', String(report.counts.errors));
    core.setOutput('report-json', reportFile);
    core.setOutput('pending-versions', report.pendingVersions.join(' '));

    let staleComment: StaleCommentError | undefined;
    if (pullRequest && repo && booleanInput('comment', true)) {
      const token = optionalInput('github-token');
      if (!token) core.warning('No github-token: the pull-request comment was skipped.');
      else {
        try {
          const octokit = createOctokit(token);
          const hasFindings = active.length > 0;
          if (hasFindings || report.failed) {
            const written = await upsertPullRequestComment(octokit, { ...repo, issueNumber: pullRequest.number, marker: VALIDATE_COMMENT_MARKER, body: renderPullRequestComment(report, markdownOptions) });
            if (written.ignoredForeignIds.length) core.info(`Left alone ${written.ignoredForeignIds.length} comment(s) carrying the Migration Gate marker written by someone else.`);
          } else {
            await deleteOrResolvePullRequestComment(octokit, { ...repo, issueNumber: pullRequest.number, marker: VALIDATE_COMMENT_MARKER, body: renderResolvedComment(report, markdownOptions) });
          }
        } catch (err) {
          // An earlier report still on the pull request would mislead reviewers: that fails the step.
          if (err instanceof StaleCommentError) staleComment = err;
          // Otherwise the report is in the summary and annotations; a missing comment must not hide it.
          else core.warning(`Could not update the pull-request comment: ${(err as Error).message}`);
        }
      }
    }

    const { errors, warnings } = report.counts;
    if (staleComment) core.setFailed(`${staleComment.message} The current report is in the job summary.`);
    if (report.failed) core.setFailed(`Migration Gate found ${errors} error(s) and ${warnings} warning(s) (fail-on: ${config.failOn}). See the annotations and the job summary.`);
    else core.info(`Migration Gate passed: ${errors} error(s), ${warnings} warning(s).`);
  } catch (err) {
    failStep(err);
  }
}

