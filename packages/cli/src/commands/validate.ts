import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../../core/src/config';
import { formatJson } from '../../../core/src/report/json';
import { formatSarif } from '../../../core/src/report/sarif';
import { formatText, shouldUseColor } from '../../../core/src/report/text';
import { ALL_RULES } from '../../../core/src/rules';
import { validate } from '../../../core/src/validate';
import { EXIT, type Command } from '../command';

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

Exit status: 0 passed, 1 blocking findings, 2 could not run.`;

export const validateCommand: Command = {
  name: 'validate',
  summary: 'Check migrations: names, order, immutability, syntax and lint rules',
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
    const { report } = await validate({ root, config, migrationsDir: positionals[0], base: values.base ? { ref: values.base } : undefined });
    const stream = process.stdout;
    const rendered =
      format === 'json' ? formatJson(report) : format === 'sarif' ? formatSarif(report, ALL_RULES) : formatText(report, { color: !values.output && shouldUseColor(stream) });
    if (values.output) writeFileSync(values.output, rendered);
    else stream.write(rendered);
    return report.failed ? EXIT.findings : EXIT.ok;
  },
};
