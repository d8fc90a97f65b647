/**
 * One version: the one in package.json, which the newest release in CHANGELOG.md carries, is what
 * `migration-gate --version` prints and what every report records.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { TOOL_VERSION } from '../../packages/core/src/version';
import { ROOT } from '../support/action-runner';

const CLI = path.join(ROOT, 'dist', 'cli', 'index.js');

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd: ROOT }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const packageVersion = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

it('the newest release in CHANGELOG.md is the version in package.json', () => {
  const newest = /^## \[(\d+\.\d+\.\d+)\] - \d{4}-\d{2}-\d{2}$/m.exec(readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8'));
  expect(newest?.[1]).toBe(packageVersion);
});

it.each(['--version', '-v'])('`migration-gate %s` prints the version in package.json', async (flag) => {
  expect(await cli([flag])).toEqual({ code: 0, stdout: `${packageVersion}\n`, stderr: '' });
});

it('--help names --version', async () => {
  const help = await cli(['--help']);
  expect(help.code).toBe(0);
  expect(help.stdout).toContain('"migration-gate --version" for the version');
});

it('reports record the same version', async () => {
  expect(TOOL_VERSION).toBe(packageVersion);
  const report = await cli(['validate', 'examples/supabase-project/supabase/migrations', '--no-dry-run', '--format', 'json']);
  expect(JSON.parse(report.stdout).tool).toMatchObject({ version: packageVersion });
});
