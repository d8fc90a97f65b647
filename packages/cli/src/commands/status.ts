/** `migration-gate status`: applied, pending and drifted versions of a database. */
import type { CommandModule } from '../command';
import { EXIT } from '../command';
import { formatStatusReport, migrationStatus } from '../../../core/src/deploy';
import { DATABASE_OPTIONS, DATABASE_USAGE, UsageError, databaseOptions, guard, migrationsDir, outputFormat, parseCommandLine, writeJson } from './deploy';

const USAGE = `Usage: migration-gate status [dir] --database-url <url> [options]

Compares [dir] with the database's migration history (supabase_migrations.schema_migrations):
applied versions (verified by checksum, or by recorded statements for rows written by the
Supabase CLI), pending versions, drift (edited or missing applied files, out-of-order files), and
deploys that were interrupted (killed, or cut off by a server restart) with what they applied.
Only reads; works through any pooler.

Options:
${DATABASE_USAGE}

Exit codes: 0 no drift; 1 drift or invalid files found; 2 bad arguments or database unreachable.`;

export const statusCommand: CommandModule = {
  usage: USAGE,
  run: (argv) =>
    guard(USAGE, async () => {
      const { values, positionals } = parseCommandLine(argv, DATABASE_OPTIONS);
      if (positionals.length > 1) throw new UsageError(`Expected at most one folder, got: ${positionals.join(' ')}`);
      const format = outputFormat(values);
      const report = await migrationStatus({ ...databaseOptions(values), migrationsDir: await migrationsDir(positionals[0], values) });
      if (format === 'json') writeJson(report);
      else process.stdout.write(formatStatusReport(report) + '\n');
      return report.drift.length > 0 || report.problems.length > 0 ? EXIT.findings : EXIT.ok;
    }),
};
