import { existsSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { DryRunResult } from '../../../core/src/dry-run/types';
import { loadConfig } from '../../../core/src/config';
import { formatJson } from '../../../core/src/report/json';
import { formatSarif } from '../../../core/src/report/sarif';
import { formatText, shouldUseColor } from '../../../core/src/report/text';
import { ALL_RULES } from '../../../core/src/rules';
import { validate } from '../../../core/src/validate';
import { EXIT, type CommandModule } from '../command';

const USAGE = `Usage: migration-gate validate [dir] [options]

Checks a migrations folder without touching any database you own: file names, order,
directives, syntax (the real Postgres parser) and lint rules; with --base, also that
migrations already on the base branch were not edited, renamed or deleted.

Arguments:
  dir                     migrations folder (default: config migrationsDir, else supabase/migrations)

Options:
  --base <ref>            compare with this git branch/commit; only new migrations are linted
  --format <f>            text (default) | json | sarif
  --output <file>         write the report to a file instead of stdout
  --config <file>         configuration file (default: .migration-gate.json if present)
  --fail-on <level>       error (default) | warning
  --root <dir>            repository root (default: current directory)
  --allow-empty           a folder without migrations passes (a project with none yet)

Dry-run (on by default): every migration is replayed on a throwaway PostgreSQL server that
the tool starts itself (no Docker), reporting errors at file:line, locks and rewrites.
  --no-dry-run            static checks only
  --postgres-version <n>  15, 17 (default) or 18: match your target (or MIGRATION_GATE_POSTGRES_VERSION)
  --shadow-database-url <url>  use this server instead (a database is created and dropped on it)
  --preamble <file>       SQL applied before the migrations (objects your platform provides)
  --no-supabase-baseline  do not create Supabase's roles, schemas and tables first

Exit status: 0 passed, 1 blocking findings, 2 could not run.`;

/**
 * The git checkout the folder is in: symbolic links may not leave it. Outside one, they may not
 * leave the folder (validate's default). Found by looking for `.git` (a folder, or a file in
 * worktrees and submodules) as git itself does, without starting a git process for it.
 */
function repositoryOf(directory: string): string | undefined {
  for (let folder = path.resolve(directory); ; folder = path.dirname(folder)) {
    if (existsSync(path.join(folder, '.git'))) return folder;
    if (path.dirname(folder) === folder) return undefined;
  }
}

export const validateCommand: CommandModule = {
  usage: USAGE,
  async run(argv) {
    let parsed;
    try {
      parsed = parseArgs({
        args: argv,
        allowPositionals: true,
        options: {
          base: { type: 'string' },
          format: { type: 'string', default: 'text' },
          output: { type: 'string' },
          config: { type: 'string' },
          'fail-on': { type: 'string' },
          root: { type: 'string' },
          'no-dry-run': { type: 'boolean', default: false },
          'postgres-version': { type: 'string' },
          'shadow-database-url': { type: 'string' },
          preamble: { type: 'string' },
          'no-supabase-baseline': { type: 'boolean', default: false },
          'allow-empty': { type: 'boolean', default: false },
        },
      });
    } catch (err) {
      process.stderr.write(`${(err as Error).message}\n\n${USAGE}\n`);
      return EXIT.usage;
    }
    const { values, positionals } = parsed;
    if (positionals.length > 1) {
      process.stderr.write(`Expected at most one folder, got: ${positionals.join(' ')}\n`);
      return EXIT.usage;
    }
    const format = values.format ?? 'text';
    if (!['text', 'json', 'sarif'].includes(format)) {
      process.stderr.write(`--format must be text, json or sarif (got "${format}").\n`);
      return EXIT.usage;
    }
    const failOn = values['fail-on'];
    if (failOn !== undefined && failOn !== 'error' && failOn !== 'warning') {
      process.stderr.write(`--fail-on must be error or warning (got "${failOn}").\n`);
      return EXIT.usage;
    }
    const root = values.root ?? process.cwd();
    const config = await loadConfig(root, values.config);
    if (failOn) config.failOn = failOn;
    if (values['allow-empty']) config.allowEmpty = true;
    // The dry-run's modules (the pg client, server management) load only when it runs, from a
    // chunk of their own: a static-only run neither loads nor compiles them.
    const dryRun = values['no-dry-run']
      ? undefined
      : (await import('../../../core/src/dry-run/validate-step')).buildDryRunStep({
          postgresVersion: values['postgres-version'],
          shadowDatabaseUrl: values['shadow-database-url'] ?? process.env.SHADOW_DATABASE_URL,
          supabaseBaseline: values['no-supabase-baseline'] ? false : undefined,
          preambleFile: values.preamble ? path.resolve(values.preamble) : undefined,
          // Progress goes to stderr so that --format json on stdout stays machine-readable.
          log: (line) => process.stderr.write(`${line}\n`),
        });
    const migrationsDir = path.resolve(root, positionals[0] ?? config.migrationsDir);
    const boundary = repositoryOf(migrationsDir);
    const { report } = await validate({ root, config, migrationsDir, base: values.base ? { ref: values.base } : undefined, dryRun, boundary });
    const stream = process.stdout;
    const rendered =
      format === 'json' ? formatJson(report) : format === 'sarif' ? formatSarif(report, ALL_RULES) : formatText(report, { color: !values.output && shouldUseColor(stream) });
    if (values.output) writeFileSync(values.output, rendered);
    else stream.write(rendered);
    // In the terminal, say what the dry-run did: the findings alone do not show a clean replay.
    if (format === 'text' && report.dryRun) {
      const { dryRunHeadline, schemaChangeLines } = await import('../../../core/src/dry-run/markdown');
      const result = report.dryRun as DryRunResult;
      const headline = dryRunHeadline(result);
      const changes = schemaChangeLines(result);
      process.stderr.write(`Dry-run: ${headline.outcome} ${headline.time}.\n${changes.length ? `Schema changes:\n${changes.map((c) => `  ${c}`).join('\n')}\n` : ''}`);
    }
    return report.failed ? EXIT.findings : EXIT.ok;
  },
};
