/** `migration-gate drift`: is the database still what its applied migrations build? */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CommandModule } from '../command';
import { EXIT } from '../command';
import { loadConfig } from '../../../core/src/config';
import { checkDrift, formatDriftJson, formatDriftText, renderDriftMarkdown } from '../../../core/src/drift';
import { parsePostgresVersion, POSTGRES_VERSION_ENV } from '../../../core/src/dry-run/validate-step';
import { UsageError, databaseOptions, guard, parseCommandLine } from './deploy';

const USAGE = `Usage: migration-gate drift [dir] --database-url <url> [options]

Finds changes made to the database outside the migrations (dashboard, SQL editor, hotfixes),
without Docker: replays the migrations its history (supabase_migrations.schema_migrations) says
are applied, in the order the Supabase CLI applies them, on a throwaway PostgreSQL server of the
database's major version, and compares both catalogs: schemas, tables, columns, constraints,
indexes, row level security, policies, views, functions, triggers, enums, sequences, extensions,
grants to anon/authenticated/service_role, publications. Only reads the database: a read-only
role is enough. Ends with a drafted migration that captures the database's state.

Options:
  --database-url <url>       postgres:// URL of the database to check (default: $DATABASE_URL); a read-only role is enough
  --sslmode <mode>           disable | require | verify-ca | verify-full (overrides the URL's sslmode)
  --ca-cert <file>           CA certificate (PEM) to verify the server, e.g. Supabase's prod-ca-2021.crt
  --config <file>            configuration file (default: .migration-gate.json)
  --format text|json|markdown  output format (default: text)
  --quiet                    no progress on stderr
  --exclude-schema <name>    also leave out this schema (repeatable; config: drift.excludeSchemas)
  --include-schema <name>    compare this platform schema anyway (repeatable; config: drift.includeSchemas)
  --postgres-version <n>     replay server major version (default: the database's)
  --shadow-database-url <url>  replay on this server instead (a database is created and dropped on it)
  --preamble <file>          SQL applied before the migrations (objects your platform provides)
  --no-supabase-baseline     not a Supabase project: compare every schema, replay without the baseline
  --draft-out <dir>          also write the drafted migration into this folder

Exit codes: 0 no drift; 1 drift found; 2 could not run (bad arguments, database unreachable, replay impossible).`;

export const driftCommand: CommandModule = {
  usage: USAGE,
  run: (argv) =>
    guard(USAGE, async () => {
      const { values, positionals } = parseCommandLine(argv, {
        'database-url': { type: 'string' },
        sslmode: { type: 'string' },
        'ca-cert': { type: 'string' },
        config: { type: 'string' },
        format: { type: 'string' },
        quiet: { type: 'boolean' },
        'exclude-schema': { type: 'string', multiple: true },
        'include-schema': { type: 'string', multiple: true },
        'postgres-version': { type: 'string' },
        'shadow-database-url': { type: 'string' },
        preamble: { type: 'string' },
        'no-supabase-baseline': { type: 'boolean' },
        'draft-out': { type: 'string' },
      });
      if (positionals.length > 1) throw new UsageError(`Expected at most one folder, got: ${positionals.join(' ')}`);
      const format = (values.format as string | undefined) ?? 'text';
      if (!['text', 'json', 'markdown'].includes(format)) throw new UsageError(`--format must be text, json or markdown, not "${format}".`);
      let postgresVersion: number | undefined;
      try {
        postgresVersion = parsePostgresVersion((values['postgres-version'] as string | undefined) ?? process.env[POSTGRES_VERSION_ENV]);
      } catch (err) {
        throw new UsageError((err as Error).message);
      }
      let config;
      try {
        config = await loadConfig(process.cwd(), values.config as string | undefined);
      } catch (err) {
        throw new UsageError((err as Error).message);
      }
      const database = databaseOptions(values);
      const report = await checkDrift({
        databaseUrl: database.databaseUrl,
        tls: database.tls,
        migrationsDir: positionals[0] ?? config.migrationsDir,
        supabase: values['no-supabase-baseline'] ? false : config.supabase,
        excludeSchemas: [...config.drift.excludeSchemas, ...((values['exclude-schema'] as unknown as string[] | undefined) ?? [])],
        includeSchemas: [...config.drift.includeSchemas, ...((values['include-schema'] as unknown as string[] | undefined) ?? [])],
        postgresVersion,
        shadowDatabaseUrl: (values['shadow-database-url'] as string | undefined) ?? process.env.SHADOW_DATABASE_URL,
        preamblePath: values.preamble ? path.resolve(values.preamble as string) : undefined,
        onProgress: values.quiet ? undefined : (line) => process.stderr.write(`${line}\n`),
      });
      if (report.draft && values['draft-out']) {
        const file = path.join(values['draft-out'] as string, report.draft.fileName);
        writeFileSync(file, report.draft.sql);
        process.stderr.write(`Wrote the drafted migration to ${file}.\n`);
      }
      process.stdout.write(format === 'json' ? formatDriftJson(report) : format === 'markdown' ? renderDriftMarkdown(report) : `${formatDriftText(report)}\n`);
      return report.status === 'no-drift' ? EXIT.ok : report.status === 'drift' ? EXIT.findings : EXIT.usage;
    }),
};
