/**
 * `validate`: everything the pull-request check decides, in one call shared by the action and
 * the CLI. Discovery, parsing, directives, base-branch checks, lint, optional dry-run, then one
 * report that every reporter renders.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { GateConfig } from './config';
import { DryRunCancelledError } from './dry-run/cancellation';
import { DEFAULT_MIGRATIONS_DIR, parseMigrations, readMigrations, versionConventionFinding } from './discovery';
import { mergeDryRunConfirmations } from './dry-run-confirmations';
import { inLintOrder, lintMigrations, MigrationLinter, type LintOptions } from './lint';
import type { Finding, MigrationFile, MigrationSet } from './model';
import { loadParser } from './parser';
import { FILE_READ_RULE_ID } from './read-files';
import { ALL_RULES } from './rules';
import { mdMessage } from './report/markdown-safe';
import { countFindings, isBlocking, summarizeMigration, type ValidateReport } from './report/summary';
import { applySuppressions } from './suppress';
import { isSupabaseProject } from './supabase/baseline';
import { TOOL_VERSION } from './version';

export interface BaseSpec {
  /** Branch name, e.g. `main` (from the pull_request event or `--base`). */
  ref: string;
  /** Exact commit, when known (the event's base.sha). */
  sha?: string;
}

/** What the dry-run adds to a report; produced by the dry-run module, consumed here. */
export interface DryRunOutcome {
  findings: Finding[];
  /** Markdown sections for the job summary and PR comment. */
  markdown: string[];
  /** Structured result for the JSON report. */
  data: unknown;
}

export type DryRunStep = (input: { set: MigrationSet; newVersions: Set<string>; isSupabase: boolean; baseReplayFailures: GateConfig['baseReplayFailures'] }) => Promise<DryRunOutcome>;

export interface ValidateOptions {
  /** Repository root: paths are shown relative to it and git runs in it. */
  root: string;
  config: GateConfig;
  /** Overrides config.migrationsDir. */
  migrationsDir?: string;
  base?: BaseSpec;
  /** Overrides detection of a Supabase project. */
  supabase?: boolean;
  dryRun?: DryRunStep;
  /**
   * The repository: the migrations folder must be inside it and symbolic links may not leave it.
   * Without it (the CLI outside a repository), links may not leave the migrations folder.
   */
  boundary?: string;
}

export interface ValidateResult {
  report: ValidateReport;
  set: MigrationSet;
  /** Markdown from the dry-run, to append to summaries. */
  extraMarkdown: string[];
}

export const KNOWN_RULE_IDS: ReadonlySet<string> = new Set([
  ...ALL_RULES.map((r) => r.id),
  'syntax-error',
  'file-name',
  'file-skipped',
  'file-encoding',
  FILE_READ_RULE_ID,
  'empty-migration',
  'duplicate-version',
  'directive',
  'immutable-migration',
  'out-of-order-migration',
  'dry-run-error',
  'dry-run-access-exclusive',
  'dry-run-rewrite',
  'dry-run-unclosed-transaction',
  'dry-run-extension',
]);

/** The migrations folder, links resolved, must lie inside the repository: `migrationsDir: /etc` is refused. */
async function assertInside(directory: string, boundary: string): Promise<void> {
  const real = async (p: string) => fs.realpath(p).catch(() => path.resolve(p));
  const [dir, root] = await Promise.all([real(directory), real(boundary)]);
  const relative = path.relative(root, dir);
  if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
    throw new Error(`The migrations folder "${directory}" is outside the repository (${root}): refused. Give a folder inside the checkout, e.g. ${DEFAULT_MIGRATIONS_DIR}.`);
  }
}

/**
 * The dry-run step, or, when it cannot run at all (the shadow server is unreachable, refuses the
 * login, cannot create its database), one error finding saying so: the static checks still
 * stand, and the report, outputs and summary are still written. A cancellation still stops the run.
 */
async function runDryRunStep(step: DryRunStep, input: Parameters<DryRunStep>[0]): Promise<DryRunOutcome> {
  try {
    return await step(input);
  } catch (err) {
    if (err instanceof DryRunCancelledError) throw err;
    // Loaded here, on failure only: the connection module brings the pg client, which a static-only run never needs.
    const { scrubSecrets } = require('./db/connection') as typeof import('./db/connection');
    const reason = scrubSecrets((err as Error).message ?? String(err), []);
    const message = `The dry-run could not run, so the migrations were not replayed on a real PostgreSQL: ${reason}`;
    const hint = 'The static checks above still ran. Make the shadow server reachable (shadow-database-url / --shadow-database-url), or set dry-run: false (--no-dry-run) to skip it on purpose.';
    return {
      findings: [{ ruleId: 'dry-run-error', severity: 'error', message, hint, file: input.set.directory, line: 1, column: 1, source: 'dry-run' }],
      markdown: [`#### Dry-run\n\n:x: ${mdMessage(message)}\n\n${hint}`],
      // No replay result: the finding is the whole story.
      data: undefined,
    };
  }
}

export async function validate(options: ValidateOptions): Promise<ValidateResult> {
  const config = options.config;
  const directory = path.resolve(options.root, options.migrationsDir ?? config.migrationsDir);
  if (options.boundary) await assertInside(directory, options.boundary);
  // Compiled in the background while discovery lists and reads the files; discovery waits for it
  // (and reports a failure to load).
  loadParser().catch(() => undefined);
  const read = await readMigrations(directory, { displayRoot: options.root, boundary: options.boundary, maxFileBytes: config.maxFileBytes });
  if (read.files.length === 0 && read.entryFindings.length === 0 && !config.allowEmpty) {
    throw new Error(
      `No migrations found in "${read.directory}": it has no .sql files. Point validate at the folder of your <timestamp>_<name>.sql files ` +
        `(default ${DEFAULT_MIGRATIONS_DIR}), or, for a project that has no migrations yet, say so with "allowEmpty": true in .migration-gate.json ` +
        '(--allow-empty, or the allow-empty input).',
    );
  }
  const isSupabase = options.supabase ?? config.supabase ?? isSupabaseProject(directory);

  // Which migrations are the change's own is known before parsing: it needs only names and checksums.
  let checked: Set<MigrationFile> = new Set(read.migrations);
  let base: ValidateReport['base'];
  const baseFindings: Finding[] = [];
  if (options.base) {
    // Loaded only with a base: a run without one never touches git.
    const { compareWithBase, listBaseMigrations, resolveBaseRef } = require('./git') as typeof import('./git');
    const commit = await resolveBaseRef(options.root, options.base);
    const baseMigrations = await listBaseMigrations(options.root, commit, path.relative(options.root, directory));
    const comparison = compareWithBase({ head: read.migrations, base: baseMigrations, outOfOrder: config.outOfOrder, baseLabel: options.base.ref });
    baseFindings.push(...comparison.findings);
    checked = new Set(comparison.newMigrations);
    base = { ref: options.base.ref, commit, newestVersion: comparison.baseNewestVersion };
  }

  // Only the change's own migrations are linted; older ones are walked for context. Each
  // migration is linted as soon as it is parsed, while the parse worker goes on with the next.
  const lintOptions: LintOptions = { config, isSupabase, shouldLint: (m) => checked.has(m) };
  const linter = inLintOrder(read.migrations) && read.migrations.some((m) => checked.has(m)) ? new MigrationLinter(lintOptions) : undefined;
  const set = await parseMigrations(read, linter && ((migration) => linter.walk(migration)));
  const findings: Finding[] = [...set.findings, ...baseFindings];

  // The 14-digit convention is advice for files the change adds, never a verdict on applied history.
  for (const m of set.migrations) {
    const advice = checked.has(m) ? versionConventionFinding(m) : undefined;
    if (advice) findings.push(advice);
  }
  findings.push(...(linter ? linter.findings() : lintMigrations(set.migrations, lintOptions)));

  const pendingVersions = set.migrations.filter((m) => checked.has(m)).map((m) => m.version);
  let dryRun: DryRunOutcome | undefined;
  let observed = findings;
  if (options.dryRun) {
    dryRun = await runDryRunStep(options.dryRun, { set, newVersions: new Set(pendingVersions), isSupabase, baseReplayFailures: config.baseReplayFailures });
    // A lock the dry-run saw where a static rule predicted it is one finding, not two.
    observed = mergeDryRunConfirmations([...findings, ...dryRun.findings], set.migrations, ALL_RULES);
  }

  const final = applySuppressions(observed, [...checked], KNOWN_RULE_IDS);
  const counts = countFindings(final);
  const report: ValidateReport = {
    tool: { name: 'migration-gate', version: TOOL_VERSION },
    directory: set.directory,
    base,
    migrations: set.migrations.map((m) => summarizeMigration(m, checked.has(m))),
    findings: final,
    pendingVersions,
    counts,
    failOn: config.failOn,
    failed: final.some((f) => isBlocking(f, config.failOn)),
    ...(dryRun?.data !== undefined ? { dryRun: dryRun.data } : {}),
  };
  return { report, set, extraMarkdown: dryRun?.markdown ?? [] };
}
