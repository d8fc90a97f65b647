/**
 * Connecting to the target database from a `postgres://` URL: TLS modes as libpq names them,
 * refusal of transaction-mode poolers, and keeping the password out of everything we print.
 *
 * The URL is interpreted here rather than handed to pg as a connection string because pg's own
 * `sslmode=require` means "verify the certificate" (unlike libpq), which rejects Supabase's
 * certificate chain for users who copied a libpq URL from the dashboard.
 */
import { readFileSync } from 'node:fs';
import { Client, type ClientConfig } from 'pg';
import type { ConnectionOptions as TlsConnectionOptions } from 'node:tls';

export type SslMode = 'disable' | 'allow' | 'prefer' | 'require' | 'verify-ca' | 'verify-full';

const SSL_MODES: readonly SslMode[] = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'];

/** Supabase's transaction-mode pooler (Supavisor / PgBouncer) listens here; the session pooler and direct connections use 5432. */
export const TRANSACTION_POOLER_PORT = 6543;

export interface DatabaseTarget {
  host: string;
  port: number;
  database: string;
  user: string;
  /** URL-decoded. */
  password: string;
  sslMode?: SslMode;
  sslRootCertPath?: string;
  sslCertPath?: string;
  sslKeyPath?: string;
  /** Query parameters not interpreted above (e.g. `options`, `pgbouncer`). */
  params: Record<string, string>;
}

export class ConnectionError extends Error {
  constructor(
    message: string,
    readonly kind: 'invalid-url' | 'pooler' | 'tls' | 'connect',
    readonly code?: string,
  ) {
    super(message);
    this.name = 'ConnectionError';
  }
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * The `user:password` part of a URL, found textually (up to the last `@`) so that even a URL
 * `new URL` rejects, or one whose password holds an unencoded `@` or `/`, gets masked whole.
 */
function rawUserInfo(url: string): { user: string; password?: string } | undefined {
  const match = /^[a-z][a-z0-9+.-]*:\/\/(.*)@/is.exec(url.trim());
  if (!match) return undefined;
  const colon = match[1].indexOf(':');
  return colon < 0 ? { user: match[1] } : { user: match[1].slice(0, colon), password: match[1].slice(colon + 1) };
}

/** Shorter strings are not masked: `::add-mask::p` would hide every "p" in the job log. */
export const MIN_MASKED_LENGTH = 4;

/**
 * Whether the URL's `@` cannot be read one way only: a password (or user name) holding `@`, `/`,
 * `?` or `#` unencoded makes URL parsers take part of it for the host, and part of the host for it.
 */
function hasAmbiguousUserInfo(url: string): boolean {
  const rest = /^[a-z][a-z0-9+.-]*:\/\/(.*)$/is.exec(url.trim())?.[1];
  if (rest === undefined) return false;
  const authorityEnd = rest.search(/[/?#]/);
  const authority = authorityEnd < 0 ? rest : rest.slice(0, authorityEnd);
  const ats = rest.split('@').length - 1;
  // One `@`, ending the authority, is the only reading; any other `@` belongs to an unencoded password.
  return ats > 1 || (ats === 1 && !authority.includes('@'));
}

const PERCENT_ENCODE_ADVICE =
  'Percent-encode the password in the URL (@ as %40, / as %2F, ? as %3F, # as %23, : as %3A; ' +
  'e.g. with encodeURIComponent), or pass it as ?password=... percent-encoded the same way.';

/**
 * Parses `postgres://user:password@host:port/database?sslmode=...`. Error messages never repeat
 * the URL, since it carries the password.
 */
export function parseDatabaseUrl(url: string): DatabaseTarget {
  if (hasAmbiguousUserInfo(url)) {
    throw new ConnectionError(`The database URL has an "@" (or "/", "?", "#") in its user name or password that is not percent-encoded, so its host and password cannot be told apart. ${PERCENT_ENCODE_ADVICE}`, 'invalid-url');
  }
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw new ConnectionError('The database URL is not a valid URL; expected postgres://user:password@host:5432/database.', 'invalid-url');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new ConnectionError(`The database URL must start with postgres:// or postgresql://, not ${parsed.protocol}//.`, 'invalid-url');
  }
  const params: Record<string, string> = {};
  for (const [key, value] of parsed.searchParams) params[key] = value;
  const take = (key: string): string | undefined => {
    const value = params[key];
    delete params[key];
    return value;
  };
  const sslMode = take('sslmode');
  if (sslMode !== undefined && !SSL_MODES.includes(sslMode as SslMode)) {
    throw new ConnectionError(`sslmode=${sslMode} is not a TLS mode; use one of ${SSL_MODES.join(', ')}.`, 'invalid-url');
  }
  const userInfo = rawUserInfo(url);
  const hostParam = take('host');
  const portParam = take('port');
  const port = Number(portParam ?? (parsed.port || 5432));
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new ConnectionError('The database URL has an invalid port.', 'invalid-url');
  const database = decode(parsed.pathname.replace(/^\//, '')) || take('dbname') || 'postgres';
  delete params.dbname;
  const userParam = take('user');
  const passwordParam = take('password');
  return {
    host: hostParam ?? parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port,
    database,
    user: userParam ?? ((userInfo ? decode(userInfo.user) : decode(parsed.username)) || 'postgres'),
    password: passwordParam ?? (userInfo?.password !== undefined ? decode(userInfo.password) : decode(parsed.password)),
    sslMode: sslMode as SslMode | undefined,
    sslRootCertPath: take('sslrootcert'),
    sslCertPath: take('sslcert'),
    sslKeyPath: take('sslkey'),
    params,
  };
}

/**
 * Every string that would reveal the credentials: the URL as given, the password as written in
 * it (percent-encoded) and URL-decoded. The action passes each to `core.setSecret`. Strings
 * shorter than MIN_MASKED_LENGTH are left out (the whole URL still hides a short password).
 */
export function maskSecrets(url: string): string[] {
  const secrets = new Set<string>();
  const trimmed = url.trim();
  if (trimmed) secrets.add(trimmed);
  if (url !== trimmed && url) secrets.add(url);
  const password = rawUserInfo(trimmed)?.password;
  if (password) {
    secrets.add(password);
    secrets.add(decode(password));
  }
  const passwordParam = /[?&]password=([^&#]*)/.exec(trimmed)?.[1];
  if (passwordParam) {
    secrets.add(passwordParam);
    secrets.add(decode(passwordParam));
  }
  const decodedUrl = decode(trimmed);
  if (decodedUrl) secrets.add(decodedUrl);
  return [...secrets].filter((s) => s.length >= MIN_MASKED_LENGTH);
}

const URL_PASSWORD = /(postgres(?:ql)?:\/\/[^:/?#\s@]*:)[^@\s/]*@/gi;

/**
 * Replaces every secret in `text` with `***`, longest first so that a password inside the URL
 * does not leave half a URL behind. Any other `postgres://user:password@` in the text (e.g. a URL
 * echoed back by a library) loses its password as well.
 */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of [...secrets].filter(Boolean).sort((a, b) => b.length - a.length)) {
    result = result.split(secret).join('***');
  }
  return result.replace(URL_PASSWORD, '$1***@');
}

export interface PoolerDetection {
  transactionPooler: boolean;
  /** Why the URL looks like a transaction-mode pooler. */
  reason?: string;
}

export function detectTransactionPooler(target: DatabaseTarget): PoolerDetection {
  if ((target.params.pgbouncer ?? '').toLowerCase() === 'true') return { transactionPooler: true, reason: 'the URL sets pgbouncer=true' };
  if (target.port === TRANSACTION_POOLER_PORT) {
    const supabase = /pooler\.supabase\.com$/i.test(target.host);
    return {
      transactionPooler: true,
      reason: supabase ? `${target.host}:${TRANSACTION_POOLER_PORT} is Supabase's transaction-mode pooler` : `port ${TRANSACTION_POOLER_PORT} is the transaction-mode pooler port`,
    };
  }
  return { transactionPooler: false };
}

export function transactionPoolerAdvice(reason: string): string {
  return (
    `The database URL points at a transaction-mode connection pooler (${reason}). Such a pooler hands every transaction to ` +
    'whichever server connection is free, which breaks the session advisory lock that serialises deploys and the per-migration ' +
    'session settings (lock_timeout, statement_timeout). Use the direct connection (db.<project-ref>.supabase.co:5432) or the ' +
    'session pooler on port 5432 (same pooler host, port 5432).'
  );
}

export interface TlsOptions {
  /** Overrides the URL's `sslmode`. */
  mode?: SslMode;
  /** PEM text of the CA certificate(s) to trust, e.g. Supabase's `prod-ca-2021.crt`. Overrides `sslrootcert`. */
  caCertificate?: string;
}

function isSupabaseHost(host: string): boolean {
  return /\.supabase\.(co|com)$/i.test(host);
}

function readPem(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConnectionError(`Cannot read the ${what} file ${file}: ${(err as Error).message}`, 'tls');
  }
}

/**
 * pg's `ssl` option for a libpq TLS mode. pg cannot fall back from TLS to plain text the way libpq's
 * `prefer` does, so `prefer`/`allow`/unset mean TLS without verification for Supabase hosts (which
 * accept it and may enforce it) and plain text elsewhere.
 */
export function tlsConfig(target: DatabaseTarget, options: TlsOptions = {}): ClientConfig['ssl'] {
  const mode = options.mode ?? target.sslMode;
  const ca = options.caCertificate ?? (target.sslRootCertPath ? readPem(target.sslRootCertPath, 'sslrootcert') : undefined);
  const clientCert = target.sslCertPath ? { cert: readPem(target.sslCertPath, 'sslcert') } : {};
  const clientKey = target.sslKeyPath ? { key: readPem(target.sslKeyPath, 'sslkey') } : {};
  const skipHostnameCheck = { checkServerIdentity: () => undefined };
  let ssl: TlsConnectionOptions | false;
  switch (mode) {
    case 'disable':
      return false;
    case 'verify-full':
      ssl = { rejectUnauthorized: true, ...(ca ? { ca } : {}), servername: target.host };
      break;
    case 'verify-ca':
      ssl = { rejectUnauthorized: true, ...(ca ? { ca } : {}), ...skipHostnameCheck };
      break;
    case 'require':
      // libpq: with a root certificate, `require` verifies the chain like verify-ca.
      ssl = ca ? { rejectUnauthorized: true, ca, ...skipHostnameCheck } : { rejectUnauthorized: false };
      break;
    default:
      if (!isSupabaseHost(target.host) && !ca) return false;
      ssl = ca ? { rejectUnauthorized: true, ca, ...skipHostnameCheck } : { rejectUnauthorized: false };
  }
  return { ...ssl, ...clientCert, ...clientKey };
}

export interface ConnectOptions {
  /** Shown in pg_stat_activity; Postgres keeps the first 63 bytes. */
  applicationName?: string;
  tls?: TlsOptions;
  connectTimeoutMs?: number;
  /** Connect through a transaction-mode pooler anyway (warns instead of refusing). */
  allowTransactionPooler?: boolean;
  onWarning?: (message: string) => void;
}

/** Builds pg's client configuration; throws ConnectionError for a pooler URL unless allowed. */
export function clientConfig(url: string, options: ConnectOptions = {}): ClientConfig {
  const target = parseDatabaseUrl(url);
  const pooler = detectTransactionPooler(target);
  if (pooler.transactionPooler) {
    const advice = transactionPoolerAdvice(pooler.reason!);
    if (!options.allowTransactionPooler) {
      throw new ConnectionError(`Refusing to connect. ${advice} To proceed anyway, allow the transaction pooler explicitly (--allow-pooler).`, 'pooler');
    }
    options.onWarning?.(`${advice} Proceeding because the transaction pooler was explicitly allowed; concurrent deploys are not serialised.`);
  }
  return {
    host: target.host,
    port: target.port,
    database: target.database,
    user: target.user,
    password: target.password,
    ssl: tlsConfig(target, options.tls),
    application_name: options.applicationName,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 15000,
    keepAlive: true,
    ...(target.params.options ? { options: target.params.options } : {}),
  };
}

/** Postgres error codes and client messages that mean the session is gone, not that a statement failed. */
export function isConnectionLoss(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | undefined;
  if (!e) return false;
  if (typeof e.code === 'string' && (e.code.startsWith('08') || ['57P01', '57P02', '57P03', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNREFUSED'].includes(e.code))) {
    return true;
  }
  return /Connection terminated|connection.*(closed|ended|lost)|Client was closed|not queryable|ECONNRESET|EPIPE/i.test(e.message ?? '');
}

export interface DatabaseConnection {
  client: Client;
  target: DatabaseTarget;
  /** Strings to scrub from anything derived from this connection's errors. */
  secrets: string[];
  /** Set when the server or the network dropped the session. */
  readonly lost: Error | undefined;
  close(): Promise<void>;
}

/**
 * Opens a connection. Errors are ConnectionErrors whose message contains neither the URL nor
 * the password. An error event after connecting (server restart, pg_terminate_backend) is
 * recorded in `lost` instead of crashing the process.
 */
export async function openConnection(url: string, options: ConnectOptions = {}): Promise<DatabaseConnection> {
  const secrets = maskSecrets(url);
  const target = parseDatabaseUrl(url);
  const secretsWithPassword = target.password.length >= MIN_MASKED_LENGTH ? [...secrets, target.password] : secrets;
  const client = new Client(clientConfig(url, options));
  let lost: Error | undefined;
  let closing = false;
  client.on('error', (err) => {
    lost ??= err;
  });
  client.on('end', () => {
    // Ending the session ourselves is not a loss.
    if (!closing) lost ??= new Error('Connection terminated');
  });
  try {
    await client.connect();
  } catch (err) {
    const e = err as Error & { code?: string };
    await client.end().catch(() => undefined);
    const where = `${target.host}:${target.port}/${target.database} as ${target.user}`;
    throw new ConnectionError(scrubSecrets(`Cannot connect to ${where}: ${e.message}`, secretsWithPassword), e.code === 'DEPTH_ZERO_SELF_SIGNED_CERT' || /certificate|SSL|TLS/i.test(e.message) ? 'tls' : 'connect', e.code);
  }
  return {
    client,
    target,
    secrets: secretsWithPassword,
    get lost() {
      return lost;
    },
    async close() {
      if (closing) return;
      closing = true;
      await client.end().catch(() => undefined);
    },
  };
}
