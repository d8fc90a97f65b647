/**
 * What deploy-staging and deploy-production share as GitHub Actions: reading inputs (the URL
 * masked first), the workflow context for the audit row, logging, outputs and the summary, and
 * the notices on the pull requests that introduced the applied migrations.
 */
import * as core from '@actions/core';
import * as github from '@actions/github';
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { booleanInput, optionalInput, scrub, secretUrlInput, workflowRunUrl } from '../action-io';
import { loadConfig, type GateConfig } from '../config';
import type { SslMode, TlsOptions } from '../db/connection';
import { parseDuration, type AuditContext, type DeployLogger, type DeployOptions, type DeployResult, type ExecutionSettings } from '../deploy';
import { discoverMigrations } from '../discovery';
import { commitsAddingFiles } from '../git';
import { gitOutput } from '../git/command';
import { commentOnPullRequests, pullRequestsForCommits, type GitHubClient } from '../github';
import type { MigrationSet } from '../model';
import { loadParser } from '../parser';

const SSL_MODES: SslMode[] = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'];

export interface DeployInputs {
  root: string;
  config: GateConfig;
  databaseUrl: string;
  migrationsDir: string;
  environment: string;
  dryRun: boolean;
  execution: Partial<ExecutionSettings>;
  lockWaitMs: number;
  allowTransactionPooler: boolean;
  tls: TlsOptions;
  token?: string;
  comment: boolean;
  /**
   * The commit checked out in the workspace (`git rev-parse HEAD`): what is deployed. It differs
   * from GITHUB_SHA when the workflow checked out another ref (an override dispatched for a branch).
   */
  checkedOutCommit?: string;
}

function durationInput(name: string): number | undefined {
  const value = optionalInput(name);
  return value === undefined ? undefined : parseDuration(value, `Input "${name}"`);
}

function integerInput(name: string): number | undefined {
  const value = optionalInput(name);
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`Input "${name}" must be a whole number, not "${value}".`);
  return n;
}

export async function readDeployInputs(defaultEnvironment: string): Promise<DeployInputs> {
  // First, before anything can log it.
  const databaseUrl = secretUrlInput('database-url', { required: true }) as string;
  const root = process.env.GITHUB_WORKSPACE || process.cwd();
  const config = await loadConfig(root, optionalInput('config'));
  const sslMode = optionalInput('ssl-mode');
  if (sslMode !== undefined && !SSL_MODES.includes(sslMode as SslMode)) throw new Error(`Input "ssl-mode" must be one of ${SSL_MODES.join(', ')}, not "${sslMode}".`);
  const caCertificate = optionalInput('ca-certificate');
  const execution: Partial<ExecutionSettings> = {};
  const lockTimeoutMs = durationInput('lock-timeout');
  const statementTimeoutMs = durationInput('statement-timeout');
  const lockRetries = integerInput('lock-retries');
  if (lockTimeoutMs !== undefined) execution.lockTimeoutMs = lockTimeoutMs;
  if (statementTimeoutMs !== undefined) execution.statementTimeoutMs = statementTimeoutMs;
  if (lockRetries !== undefined) execution.lockRetries = lockRetries;
  return {
    root,
    config,
    databaseUrl,
    migrationsDir: optionalInput('migrations-dir') ?? config.migrationsDir,
    environment: optionalInput('environment') ?? defaultEnvironment,
    dryRun: booleanInput('dry-run', false),
    execution,
    lockWaitMs: durationInput('lock-wait') ?? 60_000,
    allowTransactionPooler: booleanInput('allow-transaction-pooler', false),
    tls: {
      mode: sslMode as SslMode | undefined,
      // The input takes the PEM text itself (a secret) or a path to it in the repository.
      caCertificate: caCertificate && !caCertificate.includes('-----BEGIN') && existsSync(path.resolve(root, caCertificate)) ? await fs.readFile(path.resolve(root, caCertificate), 'utf8') : caCertificate,
    },
    token: optionalInput('github-token'),
    comment: booleanInput('comment', true),
    checkedOutCommit: await checkedOutCommit(root),
  };
}

async function checkedOutCommit(root: string): Promise<string | undefined> {
  try {
    return (await gitOutput(root, ['rev-parse', '--verify', 'HEAD'])).toString('utf8').trim() || undefined;
  } catch (err) {
    core.warning(`Could not read the checked-out commit (git rev-parse HEAD), so GITHUB_SHA is recorded as the deployed commit: ${(err as Error).message}`);
    return undefined;
  }
}

export async function loadMigrations(inputs: DeployInputs): Promise<MigrationSet> {
  await loadParser();
  // Symbolic links may not leave the checkout: a link to a file elsewhere on the runner is refused, never applied.
  return discoverMigrations(path.resolve(inputs.root, inputs.migrationsDir), { displayRoot: inputs.root, boundary: inputs.root, maxFileBytes: inputs.config.maxFileBytes });
}

/** Who, what and where, for the audit row: the commit deployed, and the run's GITHUB_SHA when that is another one. */
export function workflowContext(inputs: Pick<DeployInputs, 'environment' | 'checkedOutCommit'>): AuditContext {
  return {
    environment: inputs.environment,
    gitSha: inputs.checkedOutCommit ?? process.env.GITHUB_SHA,
    workflowSha: process.env.GITHUB_SHA,
    actor: process.env.GITHUB_ACTOR,
    workflowRunUrl: workflowRunUrl(),
    trigger: process.env.GITHUB_EVENT_NAME,
  };
}

/** The engine options both deploy actions start from: the inputs, the discovered set, the workflow context and the log. */
export function engineOptions(inputs: DeployInputs, set: MigrationSet): DeployOptions {
  return {
    databaseUrl: inputs.databaseUrl,
    tls: inputs.tls,
    allowTransactionPooler: inputs.allowTransactionPooler,
    migrations: set,
    displayRoot: inputs.root,
    dryRun: inputs.dryRun,
    execution: inputs.execution,
    lockWaitMs: inputs.lockWaitMs,
    context: workflowContext(inputs),
    logger: actionsLogger,
  };
}

/**
 * The engine's progress in the job log. Its errors are plain log lines here: the failure is
 * annotated once, at the end, by failDeployStep (with the file and line when there is one).
 */
export const actionsLogger: DeployLogger = (entry) => {
  const message = scrub(entry.message);
  if (entry.level === 'error') core.info(`Error: ${message}`);
  else if (entry.level === 'warning') core.warning(message);
  else core.info(message);
};

/** Fails the step with one error annotation: the message and the way forward, at the failing migration's line when known. */
export function failDeployStep(result: DeployResult): void {
  const message = scrub(result.forwardFix ? `${result.message}\n${result.forwardFix}` : result.message);
  const at = result.error?.migration;
  core.error(message, { title: `Migration Gate: deploy ${result.outcome}`, ...(at ? { file: at.file, startLine: at.line, startColumn: at.column } : {}) });
  process.exitCode = core.ExitCode.Failure;
}

/** Writes the audit JSON (also an artifact candidate), the outputs and the job summary. */
export async function publishDeployResult(result: DeployResult, markdown: string): Promise<string> {
  const auditFile = optionalInput('audit-file') ?? path.join(process.env.RUNNER_TEMP || process.cwd(), `migration-gate-audit-${process.env.GITHUB_RUN_ID ?? 'local'}.json`);
  await fs.writeFile(auditFile, scrub(JSON.stringify({ audit: result.audit, outcome: result.outcome, message: result.message, migrations: result.migrations }, null, 2)) + '\n');
  const applied = result.migrations.filter((m) => m.status === 'applied').map((m) => m.version);
  core.setOutput('applied-versions', applied.join(' '));
  core.setOutput('pending-count', String(result.migrations.length));
  core.setOutput('outcome', result.outcome);
  core.setOutput('audit-id', result.audit.id === null ? '' : String(result.audit.id));
  core.setOutput('audit-json', auditFile);
  if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(scrub(markdown)).write();
  return auditFile;
}

/**
 * The merged pull requests that introduced the given migrations, each with only the versions it
 * introduced: the commit that added each file (needs history: fetch-depth 0), else the deployed
 * commit itself, whose merged pull request is the usual source.
 */
export async function introducingPullRequests(octokit: GitHubClient, inputs: Pick<DeployInputs, 'root' | 'checkedOutCommit'>, migrations: { version: string; file: string }[]): Promise<Map<number, string[]>> {
  const { owner, repo } = github.context.repo;
  const fallback = inputs.checkedOutCommit ?? process.env.GITHUB_SHA;
  let addedBy = new Map<string, string>();
  try {
    addedBy = await commitsAddingFiles(inputs.root, migrations.map((m) => m.file));
  } catch (err) {
    core.warning(`Could not read git history to find the pull requests that introduced the migrations: ${(err as Error).message}`);
  }
  const shaOf = (file: string) => addedBy.get(file) ?? fallback;
  const shas = [...new Set(migrations.map((m) => shaOf(m.file)).filter((sha): sha is string => !!sha))];
  if (shas.length === 0) return new Map();
  const pulls = await pullRequestsForCommits(octokit, { owner, repo, shas });
  const versionsByPull = new Map<number, string[]>();
  for (const migration of migrations) {
    const sha = shaOf(migration.file);
    for (const pull of pulls.filter((p) => sha && p.commitShas.includes(sha))) {
      versionsByPull.set(pull.number, [...(versionsByPull.get(pull.number) ?? []), migration.version]);
    }
  }
  return versionsByPull;
}

/** One comment per pull request, rendered from the versions that pull request introduced. */
export async function notifyPullRequests(octokit: GitHubClient, versionsByPull: Map<number, string[]>, render: (versions: string[]) => string): Promise<void> {
  const { owner, repo } = github.context.repo;
  for (const [pullNumber, versions] of versionsByPull) {
    const { posted, failed } = await commentOnPullRequests(octokit, { owner, repo, pullNumbers: [pullNumber], body: render(versions) });
    if (posted.length) core.info(`Commented on pull request #${pullNumber} (${versions.join(', ')}).`);
    for (const f of failed) core.warning(`Could not comment on pull request #${f.pullNumber}: ${f.error.message}`);
  }
}
