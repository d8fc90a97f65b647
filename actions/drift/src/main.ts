/**
 * drift: compares the database with what its applied migrations build, writes the report to the
 * job summary and a JSON file, and keeps the environment's drift issue up to date.
 */
import * as core from '@actions/core';
import * as github from '@actions/github';
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { booleanInput, failStep, optionalInput, scrub, secretUrlInput, workflowRunUrl } from '../../../packages/core/src/action-io';
import { loadConfig } from '../../../packages/core/src/config';
import type { SslMode } from '../../../packages/core/src/db/connection';
import { checkDrift, renderDriftMarkdown, syncDriftIssue } from '../../../packages/core/src/drift';
import { parsePostgresVersion } from '../../../packages/core/src/dry-run/validate-step';
import { createOctokit, resolveTokenLogin } from '../../../packages/core/src/github';
import { parseList } from '../../../packages/core/src/production/override';

export async function run(): Promise<void> {
  try {
    // First, before anything can log it.
    const databaseUrl = secretUrlInput('database-url', { required: true }) as string;
    const shadowDatabaseUrl = secretUrlInput('shadow-database-url');
    const root = process.env.GITHUB_WORKSPACE || process.cwd();
    const config = await loadConfig(root, optionalInput('config'));
    const environment = optionalInput('environment') ?? 'production';
    const caCertificate = optionalInput('ca-certificate');
    const report = await checkDrift({
      databaseUrl,
      tls: {
        mode: optionalInput('ssl-mode') as SslMode | undefined,
        caCertificate: caCertificate && !caCertificate.includes('-----BEGIN') && existsSync(path.resolve(root, caCertificate)) ? await fs.readFile(path.resolve(root, caCertificate), 'utf8') : caCertificate,
      },
      migrationsDir: path.resolve(root, optionalInput('migrations-dir') ?? config.migrationsDir),
      displayRoot: root,
      supabase: config.supabase,
      excludeSchemas: config.drift.excludeSchemas,
      includeSchemas: config.drift.includeSchemas,
      postgresVersion: parsePostgresVersion(optionalInput('postgres-version')),
      shadowDatabaseUrl,
      onProgress: (line) => core.info(scrub(line)),
    });

    const reportFile = optionalInput('report-file') ?? path.join(process.env.RUNNER_TEMP || process.cwd(), `migration-gate-drift-${process.env.GITHUB_RUN_ID ?? 'local'}.json`);
    await fs.writeFile(reportFile, scrub(JSON.stringify(report, null, 2)) + '\n');
    core.setOutput('status', report.status);
    core.setOutput('differences', String(report.differences.length));
    core.setOutput('report-json', reportFile);
    if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(scrub(renderDriftMarkdown(report))).write();
    for (const difference of report.differences) core.warning(scrub(difference.message));

    core.setOutput('issue-number', '');
    const token = optionalInput('github-token');
    if (booleanInput('issue', true) && token && process.env.GITHUB_REPOSITORY) {
      const octokit = createOctokit(token);
      const result = await syncDriftIssue(octokit, {
        ...github.context.repo,
        report,
        environment,
        author: await resolveTokenLogin(octokit),
        runUrl: workflowRunUrl(),
        labels: parseList(optionalInput('issue-labels') ?? 'migration-drift'),
      });
      core.setOutput('issue-number', result.issueNumber === undefined ? '' : String(result.issueNumber));
      if (result.action !== 'none') core.info(`Drift issue #${result.issueNumber}: ${result.action}.`);
    }

    if (report.status === 'error') core.setFailed(scrub(report.message));
    else if (report.status === 'drift' && booleanInput('fail-on-drift', true)) core.setFailed(scrub(report.message));
    else core.info(scrub(report.message));
  } catch (err) {
    failStep(err);
  }
}
