/**
 * Child process for the signal tests: starts a dry-run whose new migration hangs, and reports
 * the shadow database (or data folder) on stdout so the parent can interrupt it and check that
 * nothing was left behind. Usage: run-ts.js interrupted-run.ts <migrations-dir> [shadow-url]
 */
import { discoverMigrations } from '../../../../packages/core/src/discovery';
import { dryRun } from '../../../../packages/core/src/dry-run';
import { loadParser } from '../../../../packages/core/src/parser';

async function main(): Promise<void> {
  const [hangDir, shadowDatabaseUrl] = process.argv.slice(2);
  await loadParser();
  const { migrations } = await discoverMigrations(hangDir);
  await dryRun({
    migrations,
    newVersions: migrations.map((m) => m.version!),
    shadowDatabaseUrl,
    supabaseBaseline: false,
    onProgress: (message) => {
      const shadow = /(migration_gate_shadow_[0-9a-f]+)|data in (\S+?)\)/.exec(message);
      if (shadow) process.stdout.write(`SHADOW ${shadow[1] ?? shadow[2]}\n`);
    },
  });
  process.stdout.write('FINISHED\n');
}

main().catch((err) => {
  process.stdout.write(`FAILED ${(err as Error).message}\n`);
  process.exitCode = 3;
});
