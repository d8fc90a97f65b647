/** `migration-gate plan`: what a deploy would do, checked in a transaction that is rolled back. */
import type { CommandModule } from '../command';
import { EXIT } from '../command';
import { deploy, formatDeployResult } from '../../../core/src/deploy';
import {
  DATABASE_OPTIONS,
  DATABASE_USAGE,
  DRIFT_OPTIONS,
  DRIFT_USAGE,
  EXECUTION_OPTIONS,
  EXECUTION_USAGE,
  UsageError,
  databaseOptions,
  driftAllowances,
  executionSettings,
  guard,
  migrationsDir,
  outputFormat,
  parseCommandLine,
  stderrLogger,
  writeJson,
} from './deploy';

const USAGE = `Usage: migration-gate plan [dir] --database-url <url> [options]

Lists the migrations a deploy would apply and runs the transactional ones, in order, inside one
transaction that is always rolled back: failures are reported at file:line without changing the
database (migrations marked "-- transaction: none" are listed but not executed). Locks taken by
the statements are held until the rollback, bounded by the lock and statement timeouts.

Options:
${DATABASE_USAGE}
${EXECUTION_USAGE}
${DRIFT_USAGE}

Exit codes: 0 the deploy would succeed (or there is nothing to do); 1 a migration would fail or the
deploy would be refused; 2 bad arguments or database unreachable.`;

export const planCommand: CommandModule = {
  usage: USAGE,
  run: (argv) =>
    guard(USAGE, async () => {
      const { values, positionals } = parseCommandLine(argv, { ...DATABASE_OPTIONS, ...DRIFT_OPTIONS, ...EXECUTION_OPTIONS });
      if (positionals.length > 1) throw new UsageError(`Expected at most one folder, got: ${positionals.join(' ')}`);
      const format = outputFormat(values);
      const result = await deploy({
        ...databaseOptions(values),
        migrationsDir: await migrationsDir(positionals[0], values),
        dryRun: true,
        allow: driftAllowances(values),
        execution: executionSettings(values),
        logger: stderrLogger(values),
      });
      if (format === 'json') writeJson(result);
      else process.stdout.write(formatDeployResult(result) + '\n');
      if (result.ok) return EXIT.ok;
      return result.outcome === 'connection-failed' ? EXIT.usage : EXIT.findings;
    }),
};
