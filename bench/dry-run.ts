/**
 * Dry-run speed on a generated 100-migration Supabase project (the last 5 are the "pull
 * request"). Run: `node bench/run-ts.js bench/dry-run.ts [--warm-runs 3] [--new 5]` (--new 100 traces
 * the locks of every statement: the worst case for lock tracing).
 *
 *   cold  the default path: start a throwaway PostgreSQL server, baseline, replay, stop it
 *   warm  a server that already runs (as a CI service container would) passed as
 *         shadowDatabaseUrl: create a database, baseline, replay, drop it
 *
 * Prints the split (server, baseline, base replay, new replay, lock tracing, snapshots).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startPostgres } from '../packages/core/src/db/server';
import { discoverMigrations } from '../packages/core/src/discovery';
import { dryRun, type DryRunResult } from '../packages/core/src/dry-run';
import { loadParser } from '../packages/core/src/parser';
import { generateProject, MIGRATIONS } from './support/supabase-project';


function numberArgument(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) || fallback : fallback;
}

function row(label: string, r: DryRunResult): string {
  const t = r.timings;
  const cells = [t.installMs + t.serverStartMs, t.baselineMs, t.baseReplayMs, t.newReplayMs, t.lockTracingMs, t.schemaSnapshotMs, t.cleanupMs, t.totalMs];
  return `| ${label} | ${cells.map((ms) => Math.round(ms)).join(' | ')} |`;
}

async function main(): Promise<void> {
  const warmRuns = numberArgument('--warm-runs', 3);
  const newCount = Math.min(MIGRATIONS, numberArgument('--new', 5));
  await loadParser();
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'mg-bench-dry-run-'));
  const server = await startPostgres({ label: 'mg-bench-dry-run-server' });
  try {
    const dir = await generateProject(root);
    const { migrations, findings } = await discoverMigrations(dir);
    if (findings.length) throw new Error(`generated project has findings: ${JSON.stringify(findings)}`);
    const newVersions = migrations.slice(-newCount).map((m) => m.version!);
    const statements = migrations.reduce((n, m) => n + m.statements.length, 0);
    console.log(`${migrations.length} migrations (${statements} statements), ${newCount} new; ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(1)}`);
    console.log('\n| run | server ms | baseline ms | base replay ms | new replay ms | lock tracing ms | snapshots ms | cleanup ms | total ms |');
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');

    const cold = await dryRun({ migrations, newVersions });
    if (!cold.ok) throw new Error(`cold run failed: ${JSON.stringify(cold.errors)}`);
    console.log(row('cold (embedded server)', cold));
    const totals: number[] = [];
    for (let i = 0; i < warmRuns; i++) {
      const warm = await dryRun({ migrations, newVersions, shadowDatabaseUrl: server.url });
      if (!warm.ok) throw new Error(`warm run failed: ${JSON.stringify(warm.errors)}`);
      totals.push(warm.timings.totalMs);
      console.log(row(`warm #${i + 1} (running server)`, warm));
    }
    const median = [...totals].sort((a, b) => a - b)[Math.floor(totals.length / 2)];
    console.log(`\ncold total ${Math.round(cold.timings.totalMs)} ms; warm median ${Math.round(median)} ms; lock findings ${cold.findings.length}; schema changes ${cold.schemaChanges.length}`);
    wholeProcess(dir, warmRuns);
  } finally {
    await server.stop();
    await fs.rm(root, { recursive: true, force: true });
  }
}

/**
 * The measure: `migration-gate validate` as a user runs it (the committed CLI bundle; new
 * process: parse + lint + dry-run on a server it starts itself, binaries already installed),
 * against the same command without the dry-run and bare node start-up, in the same run.
 */
function wholeProcess(dir: string, runs: number): void {
  const cli = path.join(__dirname, '..', 'dist', 'cli', 'index.js');
  if (!existsSync(cli)) {
    console.log('\n(whole-process timing skipped: run `npm run build` for dist/cli/index.js)');
    return;
  }
  const time = (args: string[]) => {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = process.hrtime.bigint();
      const result = spawnSync(process.execPath, args, { stdio: 'ignore' });
      if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}`);
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    return [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];
  };
  const floor = time(['-e', '']);
  const staticOnly = time([cli, 'validate', dir, '--no-dry-run', '--format', 'json']);
  const full = time([cli, 'validate', dir, '--format', 'json']);
  console.log(`\nwhole process, median of ${runs}: validate with dry-run ${Math.round(full)} ms; without dry-run ${Math.round(staticOnly)} ms; node start-up ${Math.round(floor)} ms`);
  console.log(`dry-run share ${Math.round(full - staticOnly)} ms; target under 5000 ms warm: ${full < 5000 ? 'met' : 'NOT met'}`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
