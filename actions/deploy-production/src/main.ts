/**
 * deploy-production: the deploy engine behind the production gate (environment approval of this
 * run, staging first with the same checksums, no lint errors), or an audited emergency override.
 * Marks the database as production (seed refuses it), records who approved, comments on the pull
 * requests, and drafts a forward fix when a migration fails.
 */
import * as core from '@actions/core';
import * as github from '@actions/github';
import * as path from 'node:path';
import { booleanInput, failStep, optionalInput, workflowRunUrl } from '../../../packages/core/src/action-io';
import {
  engineOptions,
  failDeployStep,
  introducingPullRequests,
  loadMigrations,
  notifyPullRequests,
  publishDeployResult,
  readDeployInputs,
  type DeployInputs,
} from '../../../packages/core/src/actions/deploy-flow';
import { deployDriftGate, renderDriftGateSection } from '../../../packages/core/src/actions/drift-flow';
import { OverrideRecord } from '../../../packages/core/src/actions/override-record';
import { deploy, type DeployResult } from '../../../packages/core/src/deploy';
import { draftForwardFix, formatDraftForComment } from '../../../packages/core/src/draft-fix';
import { chainGates } from '../../../packages/core/src/drift';
import { createOctokit, type GitHubClient } from '../../../packages/core/src/github';
import type { MigrationSet } from '../../../packages/core/src/model';
import { productionGate, type ProductionGateState } from '../../../packages/core/src/production/gates';
import { parseList, type OverridePolicy } from '../../../packages/core/src/production/override';
import { renderAppliedNotice, renderDeployMarkdown, type GateReport } from '../../../packages/core/src/report/deploy-markdown';
import { isSupabaseProject } from '../../../packages/core/src/supabase/baseline';

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

interface RunInfo {
  octokit: GitHubClient;
  actor: string;
  runId: string;
  runNumber?: string;
  runUrl?: string;
}

function runInfo(inputs: DeployInputs): RunInfo {
  if (!inputs.token) throw new Error('deploy-production needs github-token to verify the approval and the staging records; no deploy happened.');
  if (!process.env.GITHUB_REPOSITORY || !process.env.GITHUB_RUN_ID) throw new Error('deploy-production runs only inside GitHub Actions (GITHUB_REPOSITORY and GITHUB_RUN_ID are required); use the CLI elsewhere.');
  return { octokit: createOctokit(inputs.token), actor: process.env.GITHUB_ACTOR ?? 'unknown', runId: process.env.GITHUB_RUN_ID, runNumber: process.env.GITHUB_RUN_NUMBER, runUrl: workflowRunUrl() };
}

/** The override inputs, when this run is an emergency override. */
function overrideInputs(): { reason: string; policy: OverridePolicy } | undefined {
  const reason = core.getInput('override-reason');
  if (!booleanInput('override', false) && reason.trim() === '') return undefined;
  return { reason, policy: { minimumRole: optionalInput('override-permission') ?? 'maintain', users: parseList(optionalInput('override-users')), teams: parseList(optionalInput('override-teams')) } };
}

/**
 * The override as reported everywhere after the deploy: when the deploy stopped before or at the
 * gates (drift, invalid files, the lock, the connection, a gate), it is a refused override.
 */
function finalOverrideReport(state: ProductionGateState, result: DeployResult, override: { reason: string } | undefined, actor: string): GateReport['override'] {
  if (!override) return undefined;
  const report = (state.report.override ??= { actor, reason: override.reason, basis: 'not checked: the deploy stopped before the production gate ran', bypassedGates: [], allowed: false });
  if (!result.ok && result.outcome !== 'failed' && report.refusal === undefined) Object.assign(report, { refusal: result.message, bypassedGates: [] });
  return report;
}

/** Normal deploys: the "applied to production" notice on each pull request, naming only its versions. */
async function announceApplied(run: RunInfo, inputs: DeployInputs, result: DeployResult): Promise<void> {
  const applied = result.migrations.filter((m) => m.status === 'applied');
  if (!inputs.comment || applied.length === 0) return;
  try {
    const byPull = await introducingPullRequests(run.octokit, inputs, applied.map((m) => ({ version: m.version, file: m.file })));
    await notifyPullRequests(run.octokit, byPull, (versions) => renderAppliedNotice({ environment: inputs.environment, versions, runUrl: run.runUrl, runNumber: run.runNumber }));
  } catch (err) {
    core.warning(`Could not comment on the pull requests: ${(err as Error).message}`);
  }
}

export async function run(): Promise<void> {
  try {
    const inputs = await readDeployInputs('production');
    const { config } = inputs;
    const set = await loadMigrations(inputs);
    const info = runInfo(inputs);
    const override = overrideInputs();
    const state: ProductionGateState = { report: {} };
    const record = override && !inputs.dryRun
      ? new OverrideRecord({ octokit: info.octokit, inputs, report: state.report, actor: info.actor, runId: info.runId, runNumber: info.runNumber, runUrl: info.runUrl, followUpIssue: booleanInput('open-follow-up-issue', false) })
      : undefined;
    const { owner, repo } = github.context.repo;
    const productionChecks = productionGate(
      {
        octokit: info.octokit,
        owner,
        repo,
        runId: Number(info.runId),
        actor: info.actor,
        eventName: process.env.GITHUB_EVENT_NAME ?? '',
        environment: inputs.environment,
        stagingEnvironment: optionalInput('staging-environment') ?? 'staging',
        requireApproval: booleanInput('require-approval', true),
        set,
        config,
        isSupabase: config.supabase ?? isSupabaseProject(path.resolve(inputs.root, inputs.migrationsDir)),
        override,
        recordOverride: record ? (pending) => record.open(pending) : undefined,
      },
      state,
    );
    // After the production checks: an override is authorised by them before it may bypass drift.
    const drift = deployDriftGate(inputs, set, 'fail', override !== undefined);
    const gate = chainGates(productionChecks, drift.gate);

    const options = engineOptions(inputs, set);
    // Seed data must never land here: the marker (written under the deploy lock after success) lets seed refuse this database.
    const result = await deploy({ ...options, context: { ...options.context, ...(override ? { override: { reason: override.reason, bypassedGates: [] } } : {}) }, gate, markEnvironment: 'production' });
    if (!result.dryRun) finalOverrideReport(state, result, override, info.actor);

    if (drift.state.audit?.bypassed && state.report.override) state.report.override.bypassedGates.push('drift');

    const draftFix = draftFor(result, set);
    await publishDeployResult(result, renderDeployMarkdown(result, { environment: inputs.environment, runUrl: info.runUrl, gates: state.report, draftFix }) + renderDriftGateSection(drift));
    core.setOutput('approvers', state.report.approval?.approvers.join(' ') ?? '');
    // An override is always on record on the pull requests it concerns, refused, failed or applied.
    if (record) await record.close(result, draftFix);
    else await announceApplied(info, inputs, result);

    if (result.ok) core.info(result.message);
    else failDeployStep(result);
  } catch (err) {
    failStep(err);
  }
}
