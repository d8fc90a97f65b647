/**
 * `migration-gate drift` as a person runs it: the committed bundle, a real database, exit codes
 * 0 (no drift), 1 (drift) and 2 (could not run), and each output format.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../support/action-runner';
import type { TestDatabase } from '../support/database';
import { deployedTarget, DRIFT_FIXTURES } from '../core/drift/support';

jest.setTimeout(120_000);

const CLI = path.join(ROOT, 'dist', 'cli', 'index.js');

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 20 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('migration-gate drift', () => {
  let target: TestDatabase;
  beforeAll(async () => {
    target = await deployedTarget();
  });
  afterAll(async () => {
    await target?.drop();
  });

  it('exits 0 and says so when the database matches its migrations', async () => {
    const result = await cli(['drift', DRIFT_FIXTURES, '--database-url', target.url]);
    expect(result.stderr).toContain('Reading the target database (read-only) ...');
    expect(result.stdout).toMatch(/^No drift: t?drift_\w+ on 127\.0\.0\.1:\d+ matches what its applied migrations build\./);
    expect(result.code).toBe(0);
  });

  it('exits 1 on drift, in text, JSON and markdown, and writes the drafted migration where asked', async () => {
    await target.query("alter table public.books alter column price_cents set default 100");
    const out = mkdtempSync(path.join(os.tmpdir(), 'mg-drift-cli-'));
    try {
      const text = await cli(['drift', DRIFT_FIXTURES, '--database-url', target.url, '--draft-out', out]);
      expect(text.code).toBe(1);
      expect(text.stdout).toContain('1. column public.books.price_cents differs: default 0 in the migrations, 100 in the database');
      expect(text.stdout).toContain('alter table public.books alter column price_cents set default 100;');
      const [draft] = readdirSync(out);
      expect(draft).toMatch(/^\d{14}_capture_drift\.sql$/);
      expect(readFileSync(path.join(out, draft), 'utf8')).toContain('alter table public.books alter column price_cents set default 100;');

      const json = await cli(['drift', DRIFT_FIXTURES, '--database-url', target.url, '--format', 'json', '--quiet']);
      expect(json.code).toBe(1);
      const report = JSON.parse(json.stdout);
      expect(report).toMatchObject({ status: 'drift', differences: [{ kind: 'column', change: 'differs', name: 'public.books.price_cents' }] });
      expect(json.stderr).toBe('');

      const markdown = await cli(['drift', DRIFT_FIXTURES, '--database-url', target.url, '--format', 'markdown', '--quiet']);
      expect(markdown.code).toBe(1);
      expect(markdown.stdout).toContain('| column | `public.books.price_cents` | differs: default |');
    } finally {
      rmSync(out, { recursive: true, force: true });
      await target.query("alter table public.books alter column price_cents set default 0");
    }
  });

  it('exits 2 when it cannot run: an unreachable database, a bad option', async () => {
    const unreachable = await cli(['drift', DRIFT_FIXTURES, '--database-url', 'postgres://u:secret-pw@127.0.0.1:1/db', '--quiet']);
    expect(unreachable.code).toBe(2);
    expect(unreachable.stdout).toContain('The drift check could not run: Cannot connect to 127.0.0.1:1/db as u');
    expect(unreachable.stdout + unreachable.stderr).not.toContain('secret-pw');
    const badFormat = await cli(['drift', DRIFT_FIXTURES, '--database-url', target.url, '--format', 'sarif']);
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toContain('--format must be text, json or markdown, not "sarif".');
  });
});
