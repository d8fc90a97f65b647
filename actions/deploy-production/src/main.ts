/**
 * deploy-production: the deploy engine behind the production gate (environment approval of this
 * run, staging first with the same checksums, no lint errors), or an audited emergency override.
 * Marks the database as production (seed refuses it), records who approved, comments on the pull
 * requests, and drafts a forward fix when a migration fails.
 */
import * as core from '@actions/core';
import * as github from '@actions/github';
import { booleanInput, failStep, optionalInput, scrub, workflowRunUrl } from '../../../packages/core/src/action-io';
import { engineOptions, introducingPullRequests, loadMigrations, notifyPullRequests, publishDeployResult, readDeployInputs } from '../../../packages/core/src/actions/deploy-flow';
import { openConnection } from '../../../packages/core/src/db/connection';
import { markEnvironment } from '../../../packages/core/src/db/environment-marker';
import { deploy, type DeployResult } from '../../../packages/core/src/deploy';
import { draftForwardFix, formatDraftForComment } from '../../../packages/core/src/draft-fix';
import { createIssue, createOctokit } from '../../../packages/core/src/github';
import type { MigrationSet } from '../../../packages/core/src/model';
import { productionGate, type ProductionGateState } from '../../../packages/core/src/production/gates';
import { parseList } from '../../../packages/core/src/production/override';
import { renderAppliedNotice, renderDeployMarkdown, renderDeployOutcomeNotice, renderOverrideFollowUpIssue } from '../../../packages/core/src/report/deploy-markdown';
import { isSupabaseProject } from '../../../packages/core/src/supabase/baseline';
import * as path from 'node:path';

/** A forward-fix draft for the migration that failed part-way (non-transactional) or any failed one. */
function draftFor(result: DeployResult, set: MigrationSet): string | undefined {
  const failed = result.migrations.find((m) => m.status !== 'applied' && m.error);
  if (!failed) return undefined;
  const migration = set.migrations.find((m) => m.version === failed.version);
  if (!migration?.parsed) return undefined;
  // A transactional migration that failed left nothing behind: there is nothing to compensate.
  if (failed.transactional) return undefined;
  const latestVersion = set.migrations.map((m) => m.version).filter((v): v is string => !!v).sort().pop();
  const draft = draftForwardFix(migration, { latestVersion, failedStatementIndex: failed.failedStatement?.index });
  return formatDraftForComment(draft);
}

export async function run(): Promise<void> {
  try {
    const inputs = await readDeployInputs('production');
    const { config } = inputs;
    const set = await loadMigrations(inputs);
    const reason = core.getInput('override-reason');
    const isOverride = booleanInput('override', false) || reason.trim() !== '';
    if (!inputs.token) throw new Error('deploy-production needs github-token to verify the approval and the staging records; no deploy happened.');
    if (!process.env.GITHUB_REPOSITORY || !process.env.GITHUB_RUN_ID) throw new Error('deploy-production runs only inside GitHub Actions (GITHUB_REPOSITORY and GITHUB_RUN_ID are required); use the CLI elsewhere.');
    const octokit = createOctokit(inputs.token);
    const { owner, repo } = github.context.repo;
    const actor = process.env.GITHUB_ACTOR ?? 'unknown';
    const state: ProductionGateState = { report: {} };

    const gate = productionGate(
      {
        octokit,
        owner,
        repo,
        runId: Number(process.env.GITHUB_RUN_ID),
        actor,
        eventName: process.env.GITHUB_EVENT_NAME ?? '',
        environment: inputs.environment,
        stagingEnvironment: optionalInput('staging-environment') ?? 'staging',
        requireApproval: booleanInput('require-approval', true),
        set,
        config,
        isSupabase: config.supabase ?? isSupabaseProject(path.resolve(inputs.root, inputs.migrationsDir)),
        override: isOverride
          ? { reason, policy: { minimumRole: optionalInput('override-permission') ?? 'maintain', users: parseList(optionalInput('override-users')), teams: parseList(optionalInput('override-teams')) } }
          : undefined,
      },
      state,
    );

    const options = engineOptions(inputs, set);
    const result = await deploy({ ...options, context: { ...options.context, ...(isOverride ? { override: { reason, bypassedGates: [] } } : {}) }, gate });

    if ((result.outcome === 'applied' || result.outcome === 'up-to-date') && !inputs.dryRun) {
      // Seed data must never land here: the marker lets the seed command refuse this database.
      const connection = await openConnection(inputs.databaseUrl, { tls: inputs.tls, allowTransactionPooler: inputs.allowTransactionPooler });
      try {
        await markEnvironment(connection.client, 'production', actor);
      } finally {
        await connection.close();
      }
    }

    const runUrl = workflowRunUrl();
    const draftFix = draftFor(result, set);
    await publishDeployResult(result, renderDeployMarkdown(result, { environment: inputs.environment, runUrl, gates: state.report, draftFix }));
    core.setOutput('approvers', state.report.approval?.approvers.join(' ') ?? '');

    const applied = result.migrations.filter((m) => m.status === 'applied');
    const override = state.report.override;
    // An override is always announced on the PRs it concerns, even when refused or failed.
    const announce = override ? result.migrations : inputs.comment ? applied : [];
    if (announce.length > 0) {
      try {
        const pulls = await introducingPullRequests(octokit, inputs.root, announce.map((m) => m.file));
        const body = applied.length
          ? renderAppliedNotice({ environment: inputs.environment, versions: applied.map((m) => m.version), runUrl, runNumber: process.env.GITHUB_RUN_NUMBER, override })
          : scrub(renderDeployOutcomeNotice({ environment: inputs.environment, result, runUrl, override, draftFix }));
        await notifyPullRequests(octokit, pulls, body);
      } catch (err) {
        core.warning(`Could not comment on the pull requests: ${(err as Error).message}`);
      }
    }
    if (override?.allowed && booleanInput('open-follow-up-issue', false)) {
      try {
        const issue = await createIssue(octokit, {
          owner,
          repo,
          title: `Review emergency migration override by @${actor} (run ${process.env.GITHUB_RUN_NUMBER ?? process.env.GITHUB_RUN_ID})`,
          body: scrub(renderOverrideFollowUpIssue({ environment: inputs.environment, result, override, runUrl })),
          labels: ['migration-override'],
        });
        core.info(`Opened follow-up issue #${issue.number}.`);
      } catch (err) {
        core.warning(`Could not open the follow-up issue: ${(err as Error).message}`);
      }
    }

    if (result.ok) core.info(result.message);
    else core.setFailed(scrub(result.forwardFix ? `${result.message}\n${result.forwardFix}` : result.message));
  } catch (err) {
    failStep(err);
  }
}
