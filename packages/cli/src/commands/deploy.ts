/**
 * `migration-gate deploy`: applies pending migrations with history, locking and audit. Also holds
 * the argument handling that `plan`, `status` and `repair` share (database URL, TLS, folder, output).
 */
import { existsSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { CommandModule } from '../command';
import { EXIT } from '../command';
import { CONFIG_FILE_NAME, loadConfig } from '../../../core/src/config';
import { parseJsonObject } from '../../../core/src/json-file';
import { DEFAULT_PRODUCTION_ENVIRONMENTS } from '../../../core/src/seed/config';
import type { SslMode } from '../../../core/src/db/connection';
import {
  deploy,
  formatDeployResult,
  parseDuration,
  type AuditContext,
  type DatabaseOptions,
  type DeployOptions,
  type DeployResult,
  type LogEntry,
} from '../../../core/src/deploy';

export class UsageError extends Error {}

/** Options every database command accepts. */
export const DATABASE_OPTIONS = {
  'database-url': { type: 'string' },
  sslmode: { type: 'string' },
  'ca-cert': { type: 'string' },
  'allow-pooler': { type: 'boolean' },
  config: { type: 'string' },
  format: { type: 'string' },
  verbose: { type: 'boolean' },
  quiet: { type: 'boolean' },
} as const satisfies ParseArgsConfig['options'];

export const DATABASE_USAGE = `  --database-url <url>       postgres:// URL of the target database (default: $DATABASE_URL)
  --sslmode <mode>           disable | require | verify-ca | verify-full (overrides the URL's sslmode)
  --ca-cert <file>           CA certificate (PEM) to verify the server, e.g. Supabase's prod-ca-2021.crt
  --allow-pooler             connect through a transaction-mode pooler (port 6543, pgbouncer=true) anyway
  --config <file>            configuration file (default: .migration-gate.json)
  --format text|json         output format (default: text)
  --verbose / --quiet        more / less progress on stderr`;

export const DRIFT_OPTIONS = {
  'allow-missing': { type: 'boolean' },
  'allow-changed': { type: 'boolean' },
  'allow-out-of-order': { type: 'boolean' },
} as const satisfies ParseArgsConfig['options'];

export const DRIFT_USAGE = `  --allow-missing            continue although applied versions have no local file
  --allow-changed            continue although applied files were edited since
  --allow-out-of-order       apply new files older than the newest applied migration`;

export const EXECUTION_OPTIONS = {
  'lock-timeout': { type: 'string' },
  'statement-timeout': { type: 'string' },
  'lock-retries': { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

export const EXECUTION_USAGE = `  --lock-timeout <duration>  lock_timeout for each migration (default: 5s)
  --statement-timeout <dur>  statement_timeout for each migration (default: 10min)
  --lock-retries <n>         retries after a lock timeout, with backoff (default: 3)`;

type Values = Record<string, string | boolean | undefined>;

export function parseCommandLine(argv: string[], options: ParseArgsConfig['options']): { values: Values; positionals: string[] } {
  try {
    const parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { values: parsed.values as Values, positionals: parsed.positionals };
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

export type OutputFormat = 'text' | 'json';

export function outputFormat(values: Values): OutputFormat {
  const format = (values.format as string | undefined) ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be "text" or "json", not "${format}".`);
  return format;
}

export function databaseOptions(values: Values): DatabaseOptions {
  const databaseUrl = (values['database-url'] as string | undefined) ?? process.env.DATABASE_URL;
  if (!databaseUrl) throw new UsageError('No database: pass --database-url <postgres://...> or set DATABASE_URL.');
  const sslmode = values.sslmode as string | undefined;
  if (sslmode !== undefined && !['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'].includes(sslmode)) {
    throw new UsageError(`--sslmode must be one of disable, allow, prefer, require, verify-ca, verify-full; not "${sslmode}".`);
  }
  let caCertificate: string | undefined;
  if (values['ca-cert']) {
    try {
      caCertificate = readFileSync(values['ca-cert'] as string, 'utf8');
    } catch (err) {
      throw new UsageError(`Cannot read --ca-cert ${values['ca-cert']}: ${(err as Error).message}`);
    }
  }
  return {
    databaseUrl,
    tls: { mode: sslmode as SslMode | undefined, caCertificate },
    allowTransactionPooler: !!values['allow-pooler'],
  };
}

/** The folder: the positional argument, else the configuration's migrationsDir. */
export async function migrationsDir(positional: string | undefined, values: Values): Promise<string> {
  if (positional) return positional;
  try {
    return (await loadConfig(process.cwd(), values.config as string | undefined)).migrationsDir;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

export function driftAllowances(values: Values): DeployOptions['allow'] {
  return { missingLocal: !!values['allow-missing'], changed: !!values['allow-changed'], outOfOrder: !!values['allow-out-of-order'] };
}

export function executionSettings(values: Values): DeployOptions['execution'] {
  const settings: DeployOptions['execution'] = {};
  try {
    if (values['lock-timeout']) settings.lockTimeoutMs = parseDuration(values['lock-timeout'] as string, '--lock-timeout');
    if (values['statement-timeout']) settings.statementTimeoutMs = parseDuration(values['statement-timeout'] as string, '--statement-timeout');
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (values['lock-retries'] !== undefined) {
    const retries = Number(values['lock-retries']);
    if (!Number.isInteger(retries) || retries < 0) throw new UsageError(`--lock-retries must be a whole number, not "${values['lock-retries']}".`);
    settings.lockRetries = retries;
  }
  return settings;
}

/** Who/what/where for the audit row: flags, else what GitHub Actions puts in the environment. */
export function auditContext(values: Values): AuditContext {
  const env = process.env;
  const runUrl = env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : undefined;
  const reason = values['override-reason'] as string | undefined;
  let actor: string | undefined = env.GITHUB_ACTOR;
  if (!actor) {
    try {
      actor = os.userInfo().username;
    } catch {
      actor = undefined;
    }
  }
  return {
    environment: values.environment as string | undefined,
    gitSha: (values['git-sha'] as string | undefined) ?? env.GITHUB_SHA,
    actor: (values.actor as string | undefined) ?? actor,
    workflowRunUrl: (values['run-url'] as string | undefined) ?? runUrl,
    trigger: (values.trigger as string | undefined) ?? env.GITHUB_EVENT_NAME ?? 'cli',
    ...(reason ? { override: { reason } } : {}),
  };
}

/** Progress on stderr, so stdout stays clean for --format json. */
export function stderrLogger(values: Values): (entry: LogEntry) => void {
  const minimum = values.verbose ? 0 : values.quiet ? 2 : 1;
  const rank = { debug: 0, info: 1, warning: 2, error: 3 } as const;
  return (entry) => {
    if (rank[entry.level] < minimum) return;
    const prefix = entry.level === 'warning' ? 'warning: ' : entry.level === 'error' ? 'error: ' : '';
    process.stderr.write(`${prefix}${entry.message}\n`);
  };
}

export function writeJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

/** Runs a command body, turning UsageErrors into the usage exit code with the message. */
export async function guard(usage: string, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`${err.message}\n\n${usage}\n`);
      return EXIT.usage;
    }
    process.stderr.write(`${(err as Error).message}\n`);
    return EXIT.usage;
  }
}

/**
 * Names that mean production: production and prod, plus the configuration's
 * seed.productionEnvironments (the names the seed command refuses).
 */
function productionEnvironmentNames(values: Values): string[] {
  const file = path.resolve((values.config as string | undefined) ?? CONFIG_FILE_NAME);
  if (!existsSync(file)) return DEFAULT_PRODUCTION_ENVIRONMENTS;
  const seed = parseJsonObject(readFileSync(file, 'utf8'), file).seed as { productionEnvironments?: unknown } | undefined;
  const extra = Array.isArray(seed?.productionEnvironments) ? seed.productionEnvironments.filter((n): n is string => typeof n === 'string') : [];
  return [...DEFAULT_PRODUCTION_ENVIRONMENTS, ...extra];
}

/**
 * A deploy to a production environment marks the database as production, as the deploy-production
 * action does, so that `seed` refuses it whatever environment name it is later given.
 */
export function productionMarker(values: Values): string | undefined {
  const environment = (values.environment as string | undefined)?.trim().toLowerCase();
  if (!environment) return undefined;
  return productionEnvironmentNames(values).some((name) => name.trim().toLowerCase() === environment) ? 'production' : undefined;
}

export function deployExitCode(result: DeployResult): number {
  if (result.ok) return EXIT.ok;
  return result.outcome === 'connection-failed' || result.outcome === 'lock-unavailable' ? EXIT.usage : EXIT.findings;
}

const USAGE = `Usage: migration-gate deploy [dir] --database-url <url> [options]

Applies the pending migrations of [dir] (default: migrationsDir of .migration-gate.json, else
supabase/migrations), each in its own transaction together with its row in
supabase_migrations.schema_migrations (the Supabase CLI's history). Concurrent deploys to the same
database wait for each other. Applied files that changed or disappeared, and new files older than
the newest applied one, stop the deploy. Every attempt writes a row to supabase_migrations.gate_audit.

Options:
${DATABASE_USAGE}
${EXECUTION_USAGE}
  --wait <duration>          how long to wait while another deploy holds the lock (default: 60s)
${DRIFT_USAGE}
  --environment <name>       environment recorded in the audit row (e.g. staging); production or prod
                             (or a name in the configuration's seed.productionEnvironments) also marks
                             the database as production after a successful deploy, so seed refuses it
  --git-sha <sha>            commit recorded with the migrations (default: $GITHUB_SHA)
  --actor <name>             who deploys (default: $GITHUB_ACTOR, else the local user)
  --run-url <url>            workflow run (default: from $GITHUB_SERVER_URL, $GITHUB_REPOSITORY, $GITHUB_RUN_ID)
  --trigger <event>          what started the deploy (default: $GITHUB_EVENT_NAME, else "cli")
  --override-reason <text>   record that gates were bypassed on purpose, and why

Exit codes: 0 applied or nothing to do; 1 a migration failed or the deploy was refused (drift,
invalid files); 2 bad arguments, database unreachable, or another deploy kept the lock.`;

export const deployCommand: CommandModule = {
  usage: USAGE,
  run: (argv) =>
    guard(USAGE, async () => {
      const { values, positionals } = parseCommandLine(argv, {
        ...DATABASE_OPTIONS,
        ...DRIFT_OPTIONS,
        ...EXECUTION_OPTIONS,
        wait: { type: 'string' },
        environment: { type: 'string' },
        'git-sha': { type: 'string' },
        actor: { type: 'string' },
        'run-url': { type: 'string' },
        trigger: { type: 'string' },
        'override-reason': { type: 'string' },
      });
      if (positionals.length > 1) throw new UsageError(`Expected at most one folder, got: ${positionals.join(' ')}`);
      const format = outputFormat(values);
      let lockWaitMs: number | undefined;
      try {
        lockWaitMs = values.wait === undefined ? undefined : parseDuration(values.wait as string, '--wait');
      } catch (err) {
        throw new UsageError((err as Error).message);
      }
      const result = await deploy({
        ...databaseOptions(values),
        migrationsDir: await migrationsDir(positionals[0], values),
        allow: driftAllowances(values),
        execution: executionSettings(values),
        lockWaitMs,
        context: auditContext(values),
        logger: stderrLogger(values),
        markEnvironment: productionMarker(values),
      });
      if (format === 'json') writeJson(result);
      else process.stdout.write(formatDeployResult(result) + '\n');
      return deployExitCode(result);
    }),
};

