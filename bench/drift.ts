/**
 * Drift check speed, the measure: `migration-gate drift` as a user runs it (the committed
 * CLI bundle, a new process each time, cold: it starts its own throwaway PostgreSQL server) on a
 * 100-migration Supabase project deployed to a real database with one change made by hand.
 * Baselines measured in the same run: node start-up, `status` (reads the history only) and
 * `validate` with its dry-run (the same replay without reading the target).
 * Run: `node bench/run-ts.js bench/drift.ts [--runs 3]`, after `npm run build`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { startPostgres } from '../packages/core/src/db/server';
import { deploy } from '../packages/core/src/deploy';
import { SUPABASE_DATABASE_SQL, SUPABASE_ROLES_SQL } from '../packages/core/src/supabase/baseline';
import { generateProject, MIGRATIONS } from './support/supabase-project';

const TARGET_SECONDS = 5;

function numberArgument(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) || fallback : fallback;
}

/** Median wall time of `runs` new processes; each must exit with one of `codes`. */
function time(args: string[], runs: number, codes: number[] = [0]): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    if (!codes.includes(result.status ?? -1)) throw new Error(`${args.slice(1, 3).join(' ')} exited ${result.status}: ${result.stderr}`);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

async function main(): Promise<void> {
  const runs = numberArgument('--runs', 3);
  const cli = path.join(__dirname, '..', 'dist', 'cli', 'index.js');
  if (!existsSync(cli)) throw new Error('Run `npm run build` first: the benchmark times dist/cli/index.js.');
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'mg-bench-drift-'));
  const server = await startPostgres({ label: 'mg-bench-drift-target' });
  try {
    const dir = await generateProject(root);
    // The target: a Supabase-shaped database the deploy engine brought up to date, then a hotfix by hand.
    const client = new Client({ connectionString: server.url });
    await client.connect();
    await client.query(SUPABASE_ROLES_SQL);
    await client.query(SUPABASE_DATABASE_SQL);
    await client.end();
    const deployed = await deploy({ databaseUrl: server.url, migrationsDir: dir });
    if (deployed.outcome !== 'applied') throw new Error(`deploying the project failed: ${deployed.message}`);
    const hotfix = new Client({ connectionString: server.url });
    await hotfix.connect();
    await hotfix.query('alter table public.items_0 add column hotfix text');
    await hotfix.end();
    console.log(`${MIGRATIONS} migrations deployed to PostgreSQL ${server.majorVersion}, one column added by hand; ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(1)}; median of ${runs}`);

    // The measured command must find exactly the hand-made change, or the timing means nothing.
    const check = spawnSync(process.execPath, [cli, 'drift', dir, '--database-url', server.url, '--format', 'json', '--quiet'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const found = (JSON.parse(check.stdout) as { differences: { message: string }[] }).differences.map((d) => d.message);
    if (found.length !== 1) throw new Error(`expected exactly the hand-made column, found: ${JSON.stringify(found, null, 2)}`);
    console.log(`found: ${found[0]}`);

    const floor = time(['-e', ''], runs);
    const status = time([cli, 'status', dir, '--database-url', server.url, '--format', 'json'], runs);
    const validate = time([cli, 'validate', dir, '--format', 'json'], runs, [0, 1]);
    const drift = time([cli, 'drift', dir, '--database-url', server.url, '--format', 'json', '--quiet'], runs, [1]);
    console.log('\n| whole process, cold | ms | x node start-up | x validate with dry-run |');
    console.log('| --- | --- | --- | --- |');
    for (const [label, ms] of [['node start-up', floor], ['status (history only)', status], ['validate with dry-run', validate], ['drift', drift]] as const) {
      console.log(`| ${label} | ${Math.round(ms)} | ${(ms / floor).toFixed(1)} | ${(ms / validate).toFixed(2)} |`);
    }
    console.log(`\ndrift check of a ${MIGRATIONS}-migration project, whole process, cold: ${(drift / 1000).toFixed(2)} s; target under ${TARGET_SECONDS} s: ${drift < TARGET_SECONDS * 1000 ? 'met' : 'NOT met'}`);
  } finally {
    await server.stop();
    await fs.rm(root, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
