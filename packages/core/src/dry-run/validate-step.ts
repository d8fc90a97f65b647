/**
 * The dry-run as a step of `validate`: takes the action's / CLI's string inputs, runs `dryRun`
 * on the discovered set and hands back findings, markdown and the structured result.
 */
import { parseDatabaseUrl } from '../db/connection';
import { isSupportedMajor, SUPPORTED_POSTGRES_MAJORS } from '../db/install';
import { redactPasswords } from '../redact';
import type { DryRunOutcome, DryRunStep } from '../validate';
import { renderDryRunMarkdown } from './markdown';
import { dryRun } from './run';
import type { DryRunResult } from './types';

export interface DryRunStepOptions {
  /** "15", "17" or "18" as typed in a workflow input; undefined for the default. */
  postgresVersion?: string | number;
  shadowDatabaseUrl?: string;
  /** undefined: follow the project detection that validate did. */
  supabaseBaseline?: boolean;
  preambleFile?: string;
  statementTimeoutMs?: number;
  lockTrace?: boolean;
  log?: (line: string) => void;
}

export function parsePostgresVersion(value: string | number | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const major = typeof value === 'number' ? value : Number(String(value).trim().split('.')[0]);
  if (!Number.isInteger(major) || !isSupportedMajor(major)) {
    throw new Error(`postgres-version must be one of ${SUPPORTED_POSTGRES_MAJORS.join(', ')}, not "${value}".`);
  }
  return major;
}

/** The environment variable that picks the server's major version when no option does (e.g. for a whole CI job). */
export const POSTGRES_VERSION_ENV = 'MIGRATION_GATE_POSTGRES_VERSION';

/** Statement excerpts and the findings quoting them go to the JSON report and GitHub: no passwords. */
function redactStatementText(result: DryRunResult): DryRunResult {
  return {
    ...result,
    findings: result.findings.map((f) => ({ ...f, message: redactPasswords(f.message) })),
    migrations: result.migrations.map((m) => ({ ...m, statements: m.statements.map((s) => ({ ...s, excerpt: redactPasswords(s.excerpt) })) })),
  };
}

export function buildDryRunStep(options: DryRunStepOptions): DryRunStep {
  const postgresVersion = parsePostgresVersion(options.postgresVersion ?? process.env[POSTGRES_VERSION_ENV]);
  // A shadow URL is read like a deploy URL: a bad one is refused now, before any server starts.
  if (options.shadowDatabaseUrl) parseDatabaseUrl(options.shadowDatabaseUrl);
  return async ({ set, newVersions, isSupabase, baseReplayFailures }): Promise<DryRunOutcome> => {
    const result = redactStatementText(await dryRun({
      migrations: set.migrations,
      newVersions,
      shadowDatabaseUrl: options.shadowDatabaseUrl,
      postgresVersion,
      supabaseBaseline: options.supabaseBaseline ?? isSupabase,
      preamblePath: options.preambleFile,
      statementTimeoutMs: options.statementTimeoutMs,
      lockTrace: options.lockTrace,
      onProgress: options.log,
      baseFailureSeverity: baseReplayFailures,
    }));
    return { findings: result.findings, markdown: renderDryRunMarkdown(result), data: result };
  };
}
