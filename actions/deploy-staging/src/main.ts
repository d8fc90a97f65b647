/**
 * deploy-staging: applies pending migrations to staging with the deploy engine, records the
 * applied versions and checksums as a GitHub Deployment (production's proof of "staging first"),
 * and tells the pull requests that introduced them.
 */
import * as core from '@actions/core';
import * as github from '@actions/github';
import { booleanInput, failStep, workflowRunUrl } from '../../../packages/core/src/action-io';
import { engineOptions, failDeployStep, introducingPullRequests, loadMigrations, notifyPullRequests, publishDeployResult, readDeployInputs } from '../../../packages/core/src/actions/deploy-flow';
import { deployDriftGate, renderDriftGateSection } from '../../../packages/core/src/actions/drift-flow';
import { deploy } from '../../../packages/core/src/deploy';
import { createOctokit, recordStagingDeployment } from '../../../packages/core/src/github';
import { renderAppliedNotice, renderDeployMarkdown } from '../../../packages/core/src/report/deploy-markdown';

export async function run(): Promise<void> {
  try {
    const inputs = await readDeployInputs('staging');
    const set = await loadMigrations(inputs);
    const drift = deployDriftGate(inputs, set, 'warn');
    const result = await deploy({ ...engineOptions(inputs, set), gate: drift.gate });
    const runUrl = workflowRunUrl();
    await publishDeployResult(result, renderDeployMarkdown(result, { environment: inputs.environment, runUrl }) + renderDriftGateSection(drift));

    const applied = result.migrations.filter((m) => m.status === 'applied');
    const succeeded = result.outcome === 'applied' || result.outcome === 'up-to-date';
    if (!inputs.dryRun && inputs.token && process.env.GITHUB_REPOSITORY && (succeeded || applied.length > 0)) {
      const octokit = createOctokit(inputs.token);
      if (booleanInput('record-deployment', true)) {
        // Every version now applied on this database, with the checksum of the file that was applied:
        // production promotes exactly these, so the record must cover what was already there too.
        const byVersion = new Map(set.migrations.filter((m) => m.version).map((m) => [m.version as string, m.checksum]));
        const appliedVersions = [...result.applied.map((a) => a.version), ...applied.map((m) => m.version)].filter((v) => byVersion.has(v));
        const record = await recordStagingDeployment(octokit, {
          ...github.context.repo,
          // The commit whose files were applied (the checked-out HEAD), which is GITHUB_SHA unless another ref was checked out.
          sha: inputs.checkedOutCommit ?? process.env.GITHUB_SHA ?? github.context.sha,
          environment: inputs.environment,
          payload: { versions: appliedVersions, checksums: Object.fromEntries(appliedVersions.map((v) => [v, byVersion.get(v) as string])) },
          outcome: succeeded ? 'success' : 'failure',
          logUrl: runUrl,
        });
        core.info(`Recorded GitHub Deployment ${record.deploymentId} (${record.state}) for ${inputs.environment}: ${appliedVersions.length} version(s).`);
      }
      if (inputs.comment && applied.length > 0) {
        try {
          // Each pull request hears about the versions it introduced, not the whole deploy.
          const byPull = await introducingPullRequests(octokit, inputs, applied.map((m) => ({ version: m.version, file: m.file })));
          await notifyPullRequests(octokit, byPull, (versions) => renderAppliedNotice({ environment: inputs.environment, versions, runUrl, runNumber: process.env.GITHUB_RUN_NUMBER }));
        } catch (err) {
          // The deploy already happened and is audited; a missing notice must not turn it red.
          core.warning(`Could not comment on the pull requests: ${(err as Error).message}`);
        }
      }
    }

    if (result.ok) core.info(result.message);
    else failDeployStep(result);
  } catch (err) {
    failStep(err);
  }
}
