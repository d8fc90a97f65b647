/** `migration-gate repair`: the counterpart of `supabase migration repair`. */
import type { CommandModule } from '../command';
import { EXIT } from '../command';
import { formatRepairResult, repairHistory } from '../../../core/src/deploy';
import { DATABASE_OPTIONS, DATABASE_USAGE, UsageError, auditContext, databaseOptions, guard, migrationsDir, outputFormat, parseCommandLine, stderrLogger, writeJson } from './deploy';

const USAGE = `Usage: migration-gate repair --status applied|reverted <version>... --database-url <url> [options]

Corrects the migration history without running any migration SQL, like
"supabase migration repair":
  --status applied    record the versions as applied, from their local files (name, statements,
                      checksum); on an already applied version this accepts an edited file
  --status reverted   remove the versions from the history (the next deploy runs them again)
The change is written under the deploy lock and audited in supabase_migrations.gate_audit.

Options:
  --status applied|reverted
  --dir <dir>                migrations folder (default: migrationsDir of .migration-gate.json, else supabase/migrations)
${DATABASE_USAGE}
  --actor <name>             who repairs (default: $GITHUB_ACTOR, else the local user)
  --environment <name>       environment recorded in the audit row

Exit codes: 0 repaired; 2 bad arguments, missing files or database unreachable.`;

export const repairCommand: CommandModule = {
  usage: USAGE,
  run: (argv) =>
    guard(USAGE, async () => {
      const { values, positionals } = parseCommandLine(argv, {
        ...DATABASE_OPTIONS,
        status: { type: 'string' },
        dir: { type: 'string' },
        actor: { type: 'string' },
        environment: { type: 'string' },
      });
      const status = values.status;
      if (status !== 'applied' && status !== 'reverted') throw new UsageError('--status must be "applied" or "reverted".');
      if (positionals.length === 0) throw new UsageError('Name the version(s) to repair, e.g. 20240101120000.');
      const format = outputFormat(values);
      const result = await repairHistory({
        ...databaseOptions(values),
        migrationsDir: await migrationsDir(values.dir as string | undefined, values),
        status,
        versions: positionals,
        context: auditContext(values),
        logger: stderrLogger({ ...values, quiet: true }),
      });
      if (format === 'json') writeJson(result);
      else process.stdout.write(formatRepairResult(result) + '\n');
      return result.ok ? EXIT.ok : EXIT.usage;
    }),
};
