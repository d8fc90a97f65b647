import { parseArgs } from 'node:util';
import { ProductionRefusedError } from '../../../core/src/seed/errors';
import { describeSeedOutcome, rowsPerTable, rowsWritten, runSeed } from '../../../core/src/seed/run';
import { EXIT, type CommandModule } from '../command';

const USAGE = `Usage: migration-gate seed --database-url <url> [options]

Fills a development, preview or staging database with synthetic rows that satisfy its schema
(types, NOT NULL, lengths, enums, CHECKs, unique and foreign keys), in one transaction:
supabase/seed.sql first when present, then generated rows. The same seed gives the same rows.
Refuses production: by --environment, and by the marker the production deploy writes.

Options:
  --database-url <url>    target database (default: $DATABASE_URL)
  --config <file>         seed configuration (JSON; a file with a "seed" section works too)
  --seed <n>              seed number (default: the configuration's, else 1)
  --rows <n>              rows per table unless the configuration sets the table's rows (default 100)
  --environment <name>    the target's environment; production names are refused
  --copy-from <url>       copy an anonymised subset from this database instead (see docs/seed.md)
  --hash-key <key>        key for "hash" masks, to get the same hashes on every copy (default: $MIGRATION_GATE_HASH_KEY, else random)
  --root <dir>            folder for relative paths (default: current directory)
  --format <f>            text (default) | json

Exit status: 0 seeded, 1 refused (production), 2 could not run (bad arguments, schema that cannot
be filled, unreachable database); nothing is written unless the status is 0.`;

function wholeNumber(value: string | undefined, flag: string, minimum: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < minimum) throw new Error(`${flag} must be a whole number${minimum > 0 ? ` of at least ${minimum}` : minimum === 0 ? ' (0 or more)' : ''}, not "${value}".`);
  return n;
}

export const seedCommand: CommandModule = {
  usage: USAGE,
  async run(argv) {
    let values;
    let seed: number | undefined;
    let rows: number | undefined;
    try {
      ({ values } = parseArgs({
        args: argv,
        allowPositionals: false,
        options: {
          'database-url': { type: 'string' },
          config: { type: 'string' },
          seed: { type: 'string' },
          rows: { type: 'string' },
          environment: { type: 'string' },
          'copy-from': { type: 'string' },
          'hash-key': { type: 'string' },
          root: { type: 'string' },
          format: { type: 'string', default: 'text' },
        },
      }));
      seed = wholeNumber(values.seed, '--seed', Number.MIN_SAFE_INTEGER);
      rows = wholeNumber(values.rows, '--rows', 0);
    } catch (err) {
      process.stderr.write(`${(err as Error).message}\n\n${USAGE}\n`);
      return EXIT.usage;
    }
    const databaseUrl = values['database-url'] ?? process.env.DATABASE_URL;
    if (!databaseUrl) {
      process.stderr.write(`Give the target with --database-url (or DATABASE_URL).\n\n${USAGE}\n`);
      return EXIT.usage;
    }
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json') {
      process.stderr.write(`--format must be text or json (got "${format}").\n`);
      return EXIT.usage;
    }
    try {
      const outcome = await runSeed({
        databaseUrl,
        configPath: values.config,
        seed,
        rows,
        environment: values.environment,
        copyFromUrl: values['copy-from'],
        hashKey: values['hash-key'] ?? process.env.MIGRATION_GATE_HASH_KEY,
        root: values.root,
        log: format === 'text' ? (line) => process.stderr.write(`${line}\n`) : undefined,
      });
      if (format === 'json') {
        process.stdout.write(`${JSON.stringify({ mode: outcome.mode, rowsWritten: rowsWritten(outcome), rowsPerTable: rowsPerTable(outcome), ...outcome.result }, null, 2)}\n`);
      } else process.stdout.write(`${describeSeedOutcome(outcome).join('\n')}\n`);
      return EXIT.ok;
    } catch (err) {
      process.stderr.write(`${(err as Error).message}\n`);
      return err instanceof ProductionRefusedError ? EXIT.findings : EXIT.usage;
    }
  },
};
