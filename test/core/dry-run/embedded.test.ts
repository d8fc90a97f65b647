/**
 * The default path (a throwaway server started from the embedded binaries) and cleanup when the
 * process is interrupted.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { discoverMigrations } from '../../../packages/core/src/discovery';
import { dryRun } from '../../../packages/core/src/dry-run';
import { loadParser } from '../../../packages/core/src/parser';
import { serverUrl } from '../../support/database';

const ROOT = path.join(__dirname, '../../..');
const FIXTURES = path.join(__dirname, '../../fixtures/dry-run');

beforeAll(() => loadParser());

it('starts its own PostgreSQL server by default, replays on it and removes it', async () => {
  const { migrations } = await discoverMigrations(path.join(FIXTURES, 'supabase-project/supabase/migrations'));
  const result = await dryRun({ migrations, newVersions: ['20240201090000', '20240202090000'] });
  expect(result.ok).toBe(true);
  expect(result.server).toMatchObject({ kind: 'embedded', majorVersion: 17, database: 'postgres', binarySource: 'local' });
  expect(result.timings.serverStartMs).toBeGreaterThan(0);
  expect(result.findings.map((f) => `${f.ruleId} ${path.basename(f.file)}:${f.line}`)).toEqual([
    'dry-run-access-exclusive 20240201090000_profile_score.sql:2',
    'dry-run-access-exclusive 20240201090000_profile_score.sql:6',
    'dry-run-rewrite 20240202090000_posts_bigint.sql:1',
  ]);
  expect(result.server.dataDir).toBeDefined();
  expect(existsSync(result.server.dataDir!)).toBe(false);
});

interface ChildOutcome {
  shadow: string;
  signal: NodeJS.Signals | null;
  output: string;
}

/** Runs the interrupted-run helper, sends `signal` once its hanging statement runs, and waits for the exit. */
function interruptChild(signal: NodeJS.Signals, args: string[]): Promise<ChildOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bench/run-ts.js'), path.join(__dirname, 'support/interrupted-run.ts'), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let shadow = '';
    const guard = setTimeout(() => child.kill('SIGKILL'), 45000);
    child.stdout.on('data', (d) => {
      output += d;
      const match = /SHADOW (\S+)/.exec(output);
      if (match && !shadow) {
        shadow = match[1];
        // Leave time for the baseline-free replay to reach pg_sleep.
        setTimeout(() => child.kill(signal), 1500);
      }
    });
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('exit', (_code, exitSignal) => {
      clearTimeout(guard);
      resolve({ shadow, signal: exitSignal, output });
    });
  });
}

it('drops the shadow database when the process gets SIGTERM mid-statement, then dies of the signal', async () => {
  const outcome = await interruptChild('SIGTERM', [path.join(FIXTURES, 'hang-plain'), serverUrl()]);
  expect(outcome.shadow).toMatch(/^migration_gate_shadow_/);
  expect(outcome.signal).toBe('SIGTERM');
  expect(outcome.output).not.toContain('FINISHED');
  const client = new Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    const { rows } = await client.query('select 1 from pg_database where datname = $1', [outcome.shadow]);
    expect(rows).toEqual([]);
  } finally {
    await client.end();
  }
});

it('stops the embedded server and removes its data folder on SIGINT', async () => {
  const outcome = await interruptChild('SIGINT', [path.join(FIXTURES, 'hang-plain')]);
  expect(outcome.signal).toBe('SIGINT');
  expect(outcome.shadow).toMatch(/migration-gate-shadow-.*\/data$/);
  expect(existsSync(path.dirname(outcome.shadow))).toBe(false);
});
