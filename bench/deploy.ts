/**
 * Deploy speed: applies N small migrations (default 200) to fresh databases on an embedded server,
 * with this engine and with `psql -v ON_ERROR_STOP=1 -f` file by file, and prints both, the ratio
 * and the engine's overhead per migration. psql pays a process start per file, so two more
 * baselines isolate the engine's own cost: one psql session running every file, and a bare pg
 * client running each file in a transaction with no history (same driver, same SQL round trips).
 * The fast measurements alternate for several rounds and the best round of each counts: on a
 * shared machine the least disturbed run is the one closest to the real cost.
 *
 *   node bench/run-ts.js bench/deploy.ts [count] [rounds]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { startPostgres } from '../packages/core/src/db/server';
import { deploy } from '../packages/core/src/deploy';
import { timestampVersion } from '../packages/core/src/discovery';

const PSQL = process.env.PSQL ?? '/usr/bin/psql';
const TARGET_MS_PER_MIGRATION = 5;

function migrationSql(i: number): string {
  return `create table bench_${i} (id bigint primary key, name text not null default '');\ncreate index bench_${i}_name on bench_${i} (name);\n`;
}

async function createDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

const ms = (n: number) => `${n.toFixed(1)} ms`;


/** The SQL of every file, each in its own transaction, with nothing recorded: the floor for the engine. */
async function bareClient(url: string, files: string[]): Promise<number> {
  const sql = await Promise.all(files.map((f) => fs.readFile(f, 'utf8')));
  const started = performance.now();
  const client = new Client({ connectionString: url });
  await client.connect();
  for (const text of sql) {
    await client.query('begin');
    for (const statement of text.split(';').map((s) => s.trim()).filter(Boolean)) await client.query(statement);
    await client.query('commit');
  }
  await client.end();
  return performance.now() - started;
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 200);
  const rounds = Number(process.argv[3] ?? 5);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mg-bench-deploy-'));
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const version = timestampVersion(new Date(Date.UTC(2024, 0, 1) + i * 1000));
    const file = path.join(dir, `${version}_bench_${i}.sql`);
    await fs.writeFile(file, migrationSql(i));
    files.push(file);
  }
  const server = await startPostgres({ label: 'mg-bench-deploy' });
  try {
    process.stdout.write(`Applying ${count} migrations of 2 statements each (PostgreSQL ${server.majorVersion}, embedded, fsync off).\n\n`);

    const psqlAvailable = existsSync(PSQL);
    const env = { ...process.env, PGCONNECT_TIMEOUT: '10' };
    const engineRuns: number[] = [];
    const insideRuns: number[] = [];
    const bareRuns: number[] = [];
    const sessionRuns: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const engineUrl = await createDatabase(server.url, `bench_engine_${round}`);
      const started = performance.now();
      const result = await deploy({ databaseUrl: engineUrl, migrationsDir: dir });
      engineRuns.push(performance.now() - started);
      if (result.outcome !== 'applied' || result.migrations.length !== count) throw new Error(`engine deploy did not apply everything: ${result.message}`);
      insideRuns.push(result.migrations.reduce((sum, m) => sum + m.durationMs, 0));
      bareRuns.push(await bareClient(await createDatabase(server.url, `bench_bare_${round}`), files));
      if (psqlAvailable) {
        const sessionUrl = await createDatabase(server.url, `bench_psql_session_${round}`);
        const sessionStarted = performance.now();
        const session = spawnSync(PSQL, ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', sessionUrl, ...files.flatMap((f) => ['-f', f])], { env, encoding: 'utf8' });
        if (session.status !== 0) throw new Error(`psql failed: ${session.stderr}`);
        sessionRuns.push(performance.now() - sessionStarted);
      }
    }
    const engineMs = Math.min(...engineRuns);
    const bareMs = Math.min(...bareRuns);
    const perMigration = (total: number) => `${ms(total)}  = ${ms(total / count)} per migration`;
    process.stdout.write(`Best of ${rounds} rounds:\n`);
    process.stdout.write(`engine (discovery, lock, history tables, audit, ${count} transactions): ${perMigration(engineMs)}\n`);
    process.stdout.write(`  inside migration transactions (statements + history rows + commit):   ${perMigration(Math.min(...insideRuns))}\n`);
    process.stdout.write(`bare pg client, a transaction per file, no history:                     ${perMigration(bareMs)}\n`);
    const overhead = (engineMs - bareMs) / count;
    process.stdout.write(`engine overhead over the bare client: ${ms(overhead)} per migration (target under ${TARGET_MS_PER_MIGRATION} ms: ${overhead < TARGET_MS_PER_MIGRATION ? 'met' : 'NOT met'})\n`);

    if (!psqlAvailable) {
      process.stdout.write(`\npsql not found at ${PSQL}: skipping the psql comparison (set PSQL=/path/to/psql).\n`);
      return;
    }
    const sessionMs = Math.min(...sessionRuns);
    process.stdout.write(`psql, one session running every file (no history):                      ${perMigration(sessionMs)}\n`);
    const psqlUrl = await createDatabase(server.url, 'bench_psql');
    const started = performance.now();
    for (const file of files) {
      const run = spawnSync(PSQL, ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', psqlUrl, '-f', file], { env, encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`psql failed on ${file}: ${run.stderr}`);
    }
    const psqlMs = performance.now() - started;
    process.stdout.write(`psql -f, file by file (${count} processes, no history, one round):       ${perMigration(psqlMs)}\n\n`);
    process.stdout.write(`engine / psql file by file: ${(engineMs / psqlMs).toFixed(2)}x; overhead ${ms((engineMs - psqlMs) / count)} per migration\n`);
    process.stdout.write(`engine / psql one session:  ${(engineMs / sessionMs).toFixed(2)}x; overhead ${ms((engineMs - sessionMs) / count)} per migration\n`);
  } finally {
    await server.stop();
    await fs.rm(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exitCode = 1;
});
