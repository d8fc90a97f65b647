/**
 * The default path (a throwaway server started from the embedded binaries) and cleanup when the
 * process is interrupted.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { discoverMigrations } from '../../../packages/core/src/discovery';
import { dryRun } from '../../../packages/core/src/dry-run';
import { processExists, sweepAbandonedServers } from '../../../packages/core/src/db/server';
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

/**
 * Runs the interrupted-run helper, sends `signal` once its hanging statement runs, and waits for
 * the exit. With `toGroup`, the signal goes to the child's whole process group, as a terminal's
 * Ctrl-C does; `onShadow` sees the shadow (data folder) just before the signal is sent.
 */
function interruptChild(signal: NodeJS.Signals, args: string[], toGroup = false, onShadow?: (shadow: string) => void): Promise<ChildOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bench/run-ts.js'), path.join(__dirname, 'support/interrupted-run.ts'), ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: toGroup,
    });
    let output = '';
    let shadow = '';
    const guard = setTimeout(() => child.kill('SIGKILL'), 45000);
    child.stdout.on('data', (d) => {
      output += d;
      const match = /SHADOW (\S+)/.exec(output);
      if (match && !shadow) {
        shadow = match[1];
        // Leave time for the baseline-free replay to reach pg_sleep.
        setTimeout(() => {
          onShadow?.(shadow);
          if (toGroup) process.kill(-child.pid!, signal);
          else child.kill(signal);
        }, 1500);
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

function postmasterOf(dataDir: string): number {
  return Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
}

it('exits cleanly on a Ctrl-C to the whole process group: no stack trace, no server, no folder', async () => {
  let postmaster = 0;
  const outcome = await interruptChild('SIGINT', [path.join(FIXTURES, 'hang-plain')], true, (dataDir) => (postmaster = postmasterOf(dataDir)));
  expect(outcome.signal).toBe('SIGINT');
  expect(outcome.output).not.toMatch(/Error|at .*\.js:\d+|Unhandled/);
  expect(postmaster).toBeGreaterThan(0);
  expect(processExists(postmaster)).toBe(false);
  expect(existsSync(path.dirname(outcome.shadow))).toBe(false);
});

it('sweeps the server and folder of a run that was killed outright, at the next start', async () => {
  let postmaster = 0;
  const outcome = await interruptChild('SIGKILL', [path.join(FIXTURES, 'hang-plain')], false, (dataDir) => (postmaster = postmasterOf(dataDir)));
  expect(outcome.signal).toBe('SIGKILL');
  // Nothing could clean up after SIGKILL: the server and its folder are still there.
  expect(processExists(postmaster)).toBe(true);
  expect(existsSync(outcome.shadow)).toBe(true);
  expect(await sweepAbandonedServers('migration-gate-shadow')).toBeGreaterThanOrEqual(1);
  expect(processExists(postmaster)).toBe(false);
  expect(existsSync(path.dirname(outcome.shadow))).toBe(false);
});
