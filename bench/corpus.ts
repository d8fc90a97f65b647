/**
 * The dry-run on real projects: every Supabase project in ../shared/corpus (real migrations that
 * ran in production), replayed whole-process by the CLI the way a user runs it
 * (`migration-gate validate <dir> --format json`, default dry-run, embedded server), against
 * baselines measured in the same run: node start-up and the static-only run
 * (`--no-dry-run`) on the same folder.
 *
 *   cold  a fresh temporary folder: the platform distribution (server binaries linked, emulations
 *         written) is prepared before the server starts, as on a new CI runner
 *   warm  the same temporary folder again: the distribution is reused
 *
 * Then the emulations' own cost on a cold run: preparing their part of the distribution, and
 * creating every emulated extension on the replay server.
 *
 * Run: `npm run build && node bench/run-ts.js bench/corpus.ts [project-filter]`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, promises as fs, readdirSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeMigration } from '../packages/core/src/discovery';
import { dryRun } from '../packages/core/src/dry-run';
import { EXTENSION_EMULATIONS } from '../packages/core/src/dry-run/emulations';
import type { DryRunResult } from '../packages/core/src/dry-run/types';
import { loadParser } from '../packages/core/src/parser';

const ROOT = path.join(__dirname, '..');
const CLI = path.join(ROOT, 'dist', 'cli', 'index.js');
const CORPUS = path.join(ROOT, '..', 'shared', 'corpus');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

/** A temporary folder the server's user can read (the server runs as `nobody` under root). */
async function freshTempDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'migration-gate-bench-'));
  await fs.chmod(dir, 0o755);
  return dir;
}

function timeCommand(args: string[], env: NodeJS.ProcessEnv = {}): { ms: number; stdout: string; status: number | null } {
  const started = performance.now();
  const run = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  return { ms: performance.now() - started, stdout: run.stdout, status: run.status };
}

async function benchProjects(filter: string | undefined): Promise<void> {
  const nodeStart = median([0, 1, 2].map(() => timeCommand(['-e', '0']).ms));
  console.log(`node start-up: ${seconds(nodeStart)}\n`);
  console.log('| project | migrations | replayed | static only | cold dry-run | warm dry-run | cold / static |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  let total = 0;
  let replayedTotal = 0;
  for (const project of readdirSync(CORPUS).filter((p) => existsSync(path.join(CORPUS, p, 'supabase', 'migrations')))) {
    if (filter && !project.includes(filter)) continue;
    const dir = path.join(CORPUS, project, 'supabase', 'migrations');
    const staticRun = median([0, 1, 2].map(() => timeCommand([CLI, 'validate', dir, '--format', 'json', '--no-dry-run']).ms));
    const tmp = await freshTempDir();
    try {
      const env = { TMPDIR: tmp };
      const cold = timeCommand([CLI, 'validate', dir, '--format', 'json'], env);
      const warm = median([0, 1].map(() => timeCommand([CLI, 'validate', dir, '--format', 'json'], env).ms));
      const report = JSON.parse(cold.stdout) as { dryRun?: DryRunResult };
      const migrations = report.dryRun?.migrations ?? [];
      const replayed = migrations.filter((m) => m.status === 'applied').length;
      total += migrations.length;
      replayedTotal += replayed;
      console.log(`| ${project} | ${migrations.length} | ${replayed} | ${seconds(staticRun)} | ${seconds(cold.ms)} | ${seconds(warm)} | ${(cold.ms / staticRun).toFixed(1)}x |`);
    } finally {
      await fs.rm(tmp, { recursive: true, force: true });
    }
  }
  console.log(`\nreplayed ${replayedTotal} of ${total} migrations (${total ? Math.round((replayedTotal * 100) / total) : 0}%)`);
}

/** One migration creating every emulated extension (each in its own schema when relocatable). */
function everyEmulation(): string {
  return EXTENSION_EMULATIONS.map((e) => (e.relocatable ? `create schema if not exists bench_${e.name};\ncreate extension if not exists "${e.name}" with schema bench_${e.name} cascade;` : `create extension if not exists "${e.name}" cascade;`)).join('\n');
}

async function benchEmulations(): Promise<void> {
  await loadParser();
  const migration = (sql: string) => analyzeMigration('20240101000000_extensions.sql', Buffer.from(sql), 'bench/supabase/migrations/20240101000000_extensions.sql').migration;
  const cold = async (emulations: typeof EXTENSION_EMULATIONS, sql: string): Promise<DryRunResult> => {
    const tmp = await freshTempDir();
    const previous = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    try {
      return await dryRun({ migrations: [migration(sql)], newVersions: ['20240101000000'], emulations, supabaseBaseline: true, handleSignals: false });
    } finally {
      if (previous === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous;
      await fs.rm(tmp, { recursive: true, force: true });
    }
  };
  const without = await cold([], 'select 1;');
  const withAll = await cold(EXTENSION_EMULATIONS, everyEmulation());
  const creation = withAll.migrations.flatMap((m) => m.statements).filter((s) => s.kind === 'CreateExtensionStmt').reduce((sum, s) => sum + s.durationMs, 0);
  const preparation = Math.max(0, withAll.timings.installMs - without.timings.installMs);
  const failures = withAll.errors.map((e) => `${e.message} (line ${e.line})`);
  console.log(`\nemulations (${EXTENSION_EMULATIONS.length}): distribution prepared cold in ${Math.round(withAll.timings.installMs)} ms (${Math.round(without.timings.installMs)} ms without emulations, so +${Math.round(preparation)} ms), every emulated extension created in ${Math.round(creation)} ms: +${Math.round(preparation + creation)} ms on a cold run (budget 300 ms)`);
  if (failures.length) console.log(`  not created: ${failures.join('; ')}`);
}

async function main(): Promise<void> {
  if (!existsSync(CLI)) throw new Error('Run `npm run build` first: the benchmark runs the CLI bundle.');
  if (!existsSync(CORPUS)) {
    console.log(`No corpus at ${CORPUS}: nothing to measure.`);
    return;
  }
  await benchProjects(process.argv[2]);
  await benchEmulations();
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
