"use strict";
exports.id = 775;
exports.ids = [775];
exports.modules = {

/***/ 9438:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ConnectionError: () => (/* binding */ ConnectionError),
/* harmony export */   MIN_MASKED_LENGTH: () => (/* binding */ MIN_MASKED_LENGTH),
/* harmony export */   TRANSACTION_POOLER_PORT: () => (/* binding */ TRANSACTION_POOLER_PORT),
/* harmony export */   clientConfig: () => (/* binding */ clientConfig),
/* harmony export */   detectTransactionPooler: () => (/* binding */ detectTransactionPooler),
/* harmony export */   isConnectionLoss: () => (/* binding */ isConnectionLoss),
/* harmony export */   maskSecrets: () => (/* binding */ maskSecrets),
/* harmony export */   openConnection: () => (/* binding */ openConnection),
/* harmony export */   parseDatabaseUrl: () => (/* binding */ parseDatabaseUrl),
/* harmony export */   scrubSecrets: () => (/* binding */ scrubSecrets),
/* harmony export */   tlsConfig: () => (/* binding */ tlsConfig),
/* harmony export */   transactionPoolerAdvice: () => (/* binding */ transactionPoolerAdvice)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var pg__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8150);
/* harmony import */ var pg__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(pg__WEBPACK_IMPORTED_MODULE_1__);
/**
 * Connecting to the target database from a `postgres://` URL: TLS modes as libpq names them,
 * refusal of transaction-mode poolers, and keeping the password out of everything we print.
 *
 * The URL is interpreted here rather than handed to pg as a connection string because pg's own
 * `sslmode=require` means "verify the certificate" (unlike libpq), which rejects Supabase's
 * certificate chain for users who copied a libpq URL from the dashboard.
 */


const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'];
/** Supabase's transaction-mode pooler (Supavisor / PgBouncer) listens here; the session pooler and direct connections use 5432. */
const TRANSACTION_POOLER_PORT = 6543;
class ConnectionError extends Error {
    kind;
    code;
    constructor(message, kind, code) {
        super(message);
        this.kind = kind;
        this.code = code;
        this.name = 'ConnectionError';
    }
}
function decode(value) {
    try {
        return decodeURIComponent(value);
    }
    catch {
        return value;
    }
}
/**
 * The `user:password` part of a URL, found textually (up to the last `@`) so that even a URL
 * `new URL` rejects, or one whose password holds an unencoded `@` or `/`, gets masked whole.
 */
function rawUserInfo(url) {
    const match = /^[a-z][a-z0-9+.-]*:\/\/(.*)@/is.exec(url.trim());
    if (!match)
        return undefined;
    const colon = match[1].indexOf(':');
    return colon < 0 ? { user: match[1] } : { user: match[1].slice(0, colon), password: match[1].slice(colon + 1) };
}
/** Shorter strings are not masked: `::add-mask::p` would hide every "p" in the job log. */
const MIN_MASKED_LENGTH = 4;
/**
 * Whether the URL's `@` cannot be read one way only: a password (or user name) holding `@`, `/`,
 * `?` or `#` unencoded makes URL parsers take part of it for the host, and part of the host for it.
 */
function hasAmbiguousUserInfo(url) {
    const rest = /^[a-z][a-z0-9+.-]*:\/\/(.*)$/is.exec(url.trim())?.[1];
    if (rest === undefined)
        return false;
    const authorityEnd = rest.search(/[/?#]/);
    const authority = authorityEnd < 0 ? rest : rest.slice(0, authorityEnd);
    const ats = rest.split('@').length - 1;
    // One `@`, ending the authority, is the only reading; any other `@` belongs to an unencoded password.
    return ats > 1 || (ats === 1 && !authority.includes('@'));
}
const PERCENT_ENCODE_ADVICE = 'Percent-encode the password in the URL (@ as %40, / as %2F, ? as %3F, # as %23, : as %3A; ' +
    'e.g. with encodeURIComponent), or pass it as ?password=... percent-encoded the same way.';
/**
 * Parses `postgres://user:password@host:port/database?sslmode=...`. Error messages never repeat
 * the URL, since it carries the password.
 */
function parseDatabaseUrl(url) {
    if (hasAmbiguousUserInfo(url)) {
        throw new ConnectionError(`The database URL has an "@" (or "/", "?", "#") in its user name or password that is not percent-encoded, so its host and password cannot be told apart. ${PERCENT_ENCODE_ADVICE}`, 'invalid-url');
    }
    let parsed;
    try {
        parsed = new URL(url.trim());
    }
    catch {
        throw new ConnectionError('The database URL is not a valid URL; expected postgres://user:password@host:5432/database.', 'invalid-url');
    }
    if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
        throw new ConnectionError(`The database URL must start with postgres:// or postgresql://, not ${parsed.protocol}//.`, 'invalid-url');
    }
    const params = {};
    for (const [key, value] of parsed.searchParams)
        params[key] = value;
    const take = (key) => {
        const value = params[key];
        delete params[key];
        return value;
    };
    const sslMode = take('sslmode');
    if (sslMode !== undefined && !SSL_MODES.includes(sslMode)) {
        throw new ConnectionError(`sslmode=${sslMode} is not a TLS mode; use one of ${SSL_MODES.join(', ')}.`, 'invalid-url');
    }
    const userInfo = rawUserInfo(url);
    const hostParam = take('host');
    const portParam = take('port');
    const port = Number(portParam ?? (parsed.port || 5432));
    if (!Number.isInteger(port) || port <= 0 || port > 65535)
        throw new ConnectionError('The database URL has an invalid port.', 'invalid-url');
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
        sslMode: sslMode,
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
function maskSecrets(url) {
    const secrets = new Set();
    const trimmed = url.trim();
    if (trimmed)
        secrets.add(trimmed);
    if (url !== trimmed && url)
        secrets.add(url);
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
    if (decodedUrl)
        secrets.add(decodedUrl);
    return [...secrets].filter((s) => s.length >= MIN_MASKED_LENGTH);
}
const URL_PASSWORD = /(postgres(?:ql)?:\/\/[^:/?#\s@]*:)[^@\s/]*@/gi;
/**
 * Replaces every secret in `text` with `***`, longest first so that a password inside the URL
 * does not leave half a URL behind. Any other `postgres://user:password@` in the text (e.g. a URL
 * echoed back by a library) loses its password as well.
 */
function scrubSecrets(text, secrets) {
    let result = text;
    for (const secret of [...secrets].filter(Boolean).sort((a, b) => b.length - a.length)) {
        result = result.split(secret).join('***');
    }
    return result.replace(URL_PASSWORD, '$1***@');
}
function detectTransactionPooler(target) {
    if ((target.params.pgbouncer ?? '').toLowerCase() === 'true')
        return { transactionPooler: true, reason: 'the URL sets pgbouncer=true' };
    if (target.port === TRANSACTION_POOLER_PORT) {
        const supabase = /pooler\.supabase\.com$/i.test(target.host);
        return {
            transactionPooler: true,
            reason: supabase ? `${target.host}:${TRANSACTION_POOLER_PORT} is Supabase's transaction-mode pooler` : `port ${TRANSACTION_POOLER_PORT} is the transaction-mode pooler port`,
        };
    }
    return { transactionPooler: false };
}
function transactionPoolerAdvice(reason) {
    return (`The database URL points at a transaction-mode connection pooler (${reason}). Such a pooler hands every transaction to ` +
        'whichever server connection is free, which breaks the session advisory lock that serialises deploys and the per-migration ' +
        'session settings (lock_timeout, statement_timeout). Use the direct connection (db.<project-ref>.supabase.co:5432) or the ' +
        'session pooler on port 5432 (same pooler host, port 5432).');
}
function isSupabaseHost(host) {
    return /\.supabase\.(co|com)$/i.test(host);
}
function readPem(file, what) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(file, 'utf8');
    }
    catch (err) {
        throw new ConnectionError(`Cannot read the ${what} file ${file}: ${err.message}`, 'tls');
    }
}
/**
 * pg's `ssl` option for a libpq TLS mode. pg cannot fall back from TLS to plain text the way libpq's
 * `prefer` does, so `prefer`/`allow`/unset mean TLS without verification for Supabase hosts (which
 * accept it and may enforce it) and plain text elsewhere.
 */
function tlsConfig(target, options = {}) {
    const mode = options.mode ?? target.sslMode;
    const ca = options.caCertificate ?? (target.sslRootCertPath ? readPem(target.sslRootCertPath, 'sslrootcert') : undefined);
    const clientCert = target.sslCertPath ? { cert: readPem(target.sslCertPath, 'sslcert') } : {};
    const clientKey = target.sslKeyPath ? { key: readPem(target.sslKeyPath, 'sslkey') } : {};
    const skipHostnameCheck = { checkServerIdentity: () => undefined };
    let ssl;
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
            if (!isSupabaseHost(target.host) && !ca)
                return false;
            ssl = ca ? { rejectUnauthorized: true, ca, ...skipHostnameCheck } : { rejectUnauthorized: false };
    }
    return { ...ssl, ...clientCert, ...clientKey };
}
/** Builds pg's client configuration; throws ConnectionError for a pooler URL unless allowed. */
function clientConfig(url, options = {}) {
    const target = parseDatabaseUrl(url);
    const pooler = detectTransactionPooler(target);
    if (pooler.transactionPooler) {
        const advice = transactionPoolerAdvice(pooler.reason);
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
function isConnectionLoss(err) {
    const e = err;
    if (!e)
        return false;
    if (typeof e.code === 'string' && (e.code.startsWith('08') || ['57P01', '57P02', '57P03', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNREFUSED'].includes(e.code))) {
        return true;
    }
    return /Connection terminated|connection.*(closed|ended|lost)|Client was closed|not queryable|ECONNRESET|EPIPE/i.test(e.message ?? '');
}
/**
 * Opens a connection. Errors are ConnectionErrors whose message contains neither the URL nor
 * the password. An error event after connecting (server restart, pg_terminate_backend) is
 * recorded in `lost` instead of crashing the process.
 */
async function openConnection(url, options = {}) {
    const secrets = maskSecrets(url);
    const target = parseDatabaseUrl(url);
    const secretsWithPassword = target.password.length >= MIN_MASKED_LENGTH ? [...secrets, target.password] : secrets;
    const client = new pg__WEBPACK_IMPORTED_MODULE_1__.Client(clientConfig(url, options));
    let lost;
    let closing = false;
    client.on('error', (err) => {
        lost ??= err;
    });
    client.on('end', () => {
        // Ending the session ourselves is not a loss.
        if (!closing)
            lost ??= new Error('Connection terminated');
    });
    try {
        await client.connect();
    }
    catch (err) {
        const e = err;
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
            if (closing)
                return;
            closing = true;
            await client.end().catch(() => undefined);
        },
    };
}


/***/ }),

/***/ 1572:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   dO: () => (/* binding */ markEnvironment),
/* harmony export */   iH: () => (/* binding */ ENVIRONMENT_MARKER_TABLE),
/* harmony export */   n9: () => (/* binding */ readEnvironmentMarkers)
/* harmony export */ });
/* unused harmony exports ENVIRONMENT_MARKER_SCHEMA, readEnvironmentMarker */
const ENVIRONMENT_MARKER_SCHEMA = 'supabase_migrations';
const ENVIRONMENT_MARKER_TABLE = `${ENVIRONMENT_MARKER_SCHEMA}.gate_environment`;
const DDL = [
    `create schema if not exists ${ENVIRONMENT_MARKER_SCHEMA}`,
    `create table if not exists ${ENVIRONMENT_MARKER_TABLE} (
    name text primary key,
    marked_at timestamptz default now(),
    marked_by text
  )`,
];
function toMarker(row) {
    return { name: row.name, markedAt: row.marked_at, markedBy: row.marked_by };
}
/**
 * Records that this database is environment `name` (creating the table when missing) and returns
 * the stored row. Runs in the caller's transaction when there is one.
 */
async function markEnvironment(client, name, actor) {
    const trimmed = name.trim();
    if (!trimmed)
        throw new Error('The environment name to mark must not be empty.');
    for (const statement of DDL)
        await client.query(statement);
    const { rows } = await client.query(`with other_environments as (delete from ${ENVIRONMENT_MARKER_TABLE} where name <> $1)
     insert into ${ENVIRONMENT_MARKER_TABLE} (name, marked_at, marked_by) values ($1, now(), $2)
     on conflict (name) do update set marked_at = excluded.marked_at, marked_by = excluded.marked_by
     returning name, marked_at, marked_by`, [trimmed, actor ?? null]);
    return toMarker(rows[0]);
}
/** Every marker row, newest first; empty when the database was never marked. */
async function readEnvironmentMarkers(client) {
    const { rows: exists } = await client.query('select to_regclass($1) is not null as present', [ENVIRONMENT_MARKER_TABLE]);
    if (!exists[0].present)
        return [];
    const { rows } = await client.query(`select name, marked_at, marked_by from ${ENVIRONMENT_MARKER_TABLE} order by marked_at desc nulls last, name`);
    return rows.map(toMarker);
}
/** The environment this database was last marked as, or undefined when it never was. */
async function readEnvironmentMarker(client) {
    return (await readEnvironmentMarkers(client))[0];
}


/***/ }),

/***/ 5602:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ parseJsonObject)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/**
 * Reading the JSON configuration files people edit by hand (`.migration-gate.json`, a seed
 * configuration). Two things editors do that `JSON.parse` reports badly are handled here:
 * a UTF-8 byte order mark (Windows editors add one; JSON allows a parser to ignore it, so it is
 * skipped) and a file that says `null` (valid JSON, but no configuration: refused by name
 * rather than silently taken as "all defaults").
 */

const BYTE_ORDER_MARK = '\uFEFF';
/**
 * Parses `text`, the contents of `file`, as a JSON object. Throws an Error that names the file and
 * says what is wrong: not JSON (with the parser's message), or JSON that is not an object.
 */
function parseJsonObject(text, file) {
    const name = node_path__WEBPACK_IMPORTED_MODULE_0__.basename(file);
    const body = text.startsWith(BYTE_ORDER_MARK) ? text.slice(BYTE_ORDER_MARK.length) : text;
    let raw;
    try {
        raw = JSON.parse(body);
    }
    catch (err) {
        throw new Error(`${name} is not valid JSON: ${err.message}`);
    }
    if (raw === null)
        throw new Error(`${name} contains null: it must be a JSON object (write {} to use every default).`);
    if (typeof raw !== 'object' || Array.isArray(raw)) {
        throw new Error(`${name} must contain a JSON object, not ${Array.isArray(raw) ? 'an array' : `a ${typeof raw}`} (write {} to use every default).`);
    }
    return raw;
}


/***/ }),

/***/ 9897:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EM: () => (/* binding */ loadSeedConfig),
/* harmony export */   LG: () => (/* binding */ qualifyTableName),
/* harmony export */   ZM: () => (/* binding */ MANAGED_SCHEMAS),
/* harmony export */   cv: () => (/* binding */ DEFAULT_SEED_SQL_FILE),
/* harmony export */   j2: () => (/* binding */ DEFAULT_PRODUCTION_ENVIRONMENTS),
/* harmony export */   tc: () => (/* binding */ defaultSeedConfig)
/* harmony export */ });
/* unused harmony exports qualifyColumnName, resolveSeedConfig */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _faker_js_faker__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5892);
/* harmony import */ var _faker_js_faker__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(_faker_js_faker__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _json_file__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5602);
/* harmony import */ var _faker__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9134);
/**
 * The seed configuration: a JSON file (`seed.config.json`), or the `seed` section of a larger JSON
 * file such as `.migration-gate.json`. Every key is optional.
 *
 * {
 *   "seed": 42,                          // same seed, same rows
 *   "rows": 100,                         // rows per table unless the table says otherwise
 *   "locale": "en",                      // faker locale (de, fr, pt_BR, ...)
 *   "referenceDate": "2025-01-01",       // "now" for generated dates, so that runs are repeatable
 *   "schemas": ["public"],               // default: every schema that is not platform-managed
 *   "skip": ["public.audit_log", "archive.*"],
 *   "sqlFiles": ["supabase/seed.sql"],   // applied first, in the same transaction
 *   "productionEnvironments": ["live"],  // added to production and prod
 *   "tables": {
 *     "profiles": {                      // unqualified names are in public
 *       "rows": 20,
 *       "columns": {
 *         "email": { "faker": "internet.email", "args": [{ "provider": "example.com" }] },
 *         "plan": { "oneOf": ["free", "pro"] },
 *         "country": { "value": "NZ" },
 *         "created_at": { "default": true }
 *       }
 *     }
 *   },
 *   "copy": {                            // anonymised copy from a source database (opt-in)
 *     "limit": 200,
 *     "tables": { "orders": { "limit": 500 } },
 *     "pii": ["public.orders.delivery_note"],
 *     "masks": { "public.users.email": "hash", "public.users.city": { "keep": "city alone does not identify anyone" } }
 *   }
 * }
 */





/**
 * Schemas that the Supabase platform or an extension owns. Seeding them would fight the platform
 * (auth.users has triggers and invariants of its own), so they are skipped unless a table there
 * is named under `tables`.
 */
const MANAGED_SCHEMAS = [
    'auth',
    'storage',
    'supabase_migrations',
    'supabase_functions',
    'extensions',
    'graphql',
    'graphql_public',
    'realtime',
    '_realtime',
    'vault',
    'pgsodium',
    'pgsodium_masks',
    'net',
    'cron',
    'pgbouncer',
    '_analytics',
    'pgtle',
];
const DEFAULT_PRODUCTION_ENVIRONMENTS = ['production', 'prod'];
const DEFAULT_SEED_SQL_FILE = 'supabase/seed.sql';
function defaultSeedConfig() {
    return {
        seed: 1,
        rows: 100,
        locale: 'en',
        referenceDate: new Date('2025-01-01T00:00:00Z'),
        skip: [],
        productionEnvironments: [...DEFAULT_PRODUCTION_ENVIRONMENTS],
        tables: {},
        copy: { limit: 100, tables: {}, pii: [], masks: {} },
    };
}
/** `posts` → `public.posts`; `app.posts` stays. */
function qualifyTableName(name) {
    return name.includes('.') ? name : `public.${name}`;
}
/** `posts.email` → `public.posts.email`; `app.posts.email` stays. */
function qualifyColumnName(name) {
    return name.split('.').length === 2 ? `public.${name}` : name;
}
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function rejectUnknownKeys(input, known, where) {
    for (const key of Object.keys(input)) {
        if (!known.includes(key))
            throw new Error(`${where}: unknown key "${key}". Known keys: ${known.filter((k) => k !== '$schema').join(', ')}.`);
    }
}
function positiveCount(value, where, allowZero) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < (allowZero ? 0 : 1)) {
        throw new Error(`${where} must be ${allowZero ? 'a whole number (0 or more)' : 'a positive whole number'}, not ${JSON.stringify(value)}.`);
    }
    return value;
}
function stringList(value, where) {
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && v.trim() !== ''))
        throw new Error(`${where} must be a list of non-empty strings.`);
    return value.map((v) => v.trim());
}
function resolveColumnRule(raw, where) {
    if (!isObject(raw))
        throw new Error(`${where} must be an object: {"value": ...}, {"oneOf": [...]}, {"faker": "internet.email"} or {"default": true}.`);
    const keys = Object.keys(raw).filter((k) => k !== 'args');
    if (keys.length !== 1)
        throw new Error(`${where} must have exactly one of "value", "oneOf", "faker", "default" (got ${keys.join(', ') || 'none'}).`);
    const [kind] = keys;
    if (raw.args !== undefined && kind !== 'faker')
        throw new Error(`${where}: "args" only goes with "faker".`);
    switch (kind) {
        case 'value':
            return { kind: 'value', value: raw.value };
        case 'oneOf':
            if (!Array.isArray(raw.oneOf) || raw.oneOf.length === 0)
                throw new Error(`${where}.oneOf must be a non-empty list of values.`);
            return { kind: 'oneOf', values: raw.oneOf };
        case 'faker': {
            if (typeof raw.faker !== 'string')
                throw new Error(`${where}.faker must be a faker method path such as "internet.email".`);
            if (raw.args !== undefined && !Array.isArray(raw.args))
                throw new Error(`${where}.args must be a list of arguments.`);
            const problem = (0,_faker__WEBPACK_IMPORTED_MODULE_4__/* .resolveFakerMethod */ .ZO)(raw.faker);
            if (typeof problem === 'string')
                throw new Error(`${where}.faker: ${problem}`);
            return { kind: 'faker', method: raw.faker, args: raw.args ?? [] };
        }
        case 'default':
            if (raw.default !== true)
                throw new Error(`${where}.default must be true (use the column's database default).`);
            return { kind: 'default' };
        default:
            throw new Error(`${where}: unknown generator "${kind}"; use "value", "oneOf", "faker" or "default".`);
    }
}
function resolveTable(raw, where) {
    if (!isObject(raw))
        throw new Error(`${where} must be an object with "rows" and/or "columns".`);
    rejectUnknownKeys(raw, ['rows', 'columns'], where);
    const settings = { columns: {} };
    if (raw.rows !== undefined)
        settings.rows = positiveCount(raw.rows, `${where}.rows`, true);
    if (raw.columns !== undefined) {
        if (!isObject(raw.columns))
            throw new Error(`${where}.columns must map column names to generators.`);
        for (const [column, rule] of Object.entries(raw.columns))
            settings.columns[column] = resolveColumnRule(rule, `${where}.columns.${column}`);
    }
    return settings;
}
const MASK_NAMES = ['hash', 'fake', 'null', 'keep'];
function resolveMask(raw, where) {
    if (typeof raw === 'string') {
        if (!MASK_NAMES.includes(raw))
            throw new Error(`${where} must be one of ${MASK_NAMES.join(', ')}, {"fixed": value} or {"keep": "reason"}, not "${raw}".`);
        return { kind: raw };
    }
    if (isObject(raw) && Object.keys(raw).length === 1) {
        if ('fixed' in raw)
            return { kind: 'fixed', value: raw.fixed };
        if ('keep' in raw) {
            if (typeof raw.keep !== 'string' || !raw.keep.trim())
                throw new Error(`${where}.keep must be the reason why the column may be copied unmasked.`);
            return { kind: 'keep', reason: raw.keep.trim() };
        }
    }
    throw new Error(`${where} must be one of ${MASK_NAMES.join(', ')}, {"fixed": value} or {"keep": "reason"}.`);
}
function resolveCopy(raw, where, copy) {
    if (!isObject(raw))
        throw new Error(`${where} must be an object.`);
    rejectUnknownKeys(raw, ['limit', 'tables', 'pii', 'masks'], where);
    if (raw.limit !== undefined)
        copy.limit = positiveCount(raw.limit, `${where}.limit`, true);
    if (raw.tables !== undefined) {
        if (!isObject(raw.tables))
            throw new Error(`${where}.tables must map table names to {"limit": n}.`);
        for (const [table, settings] of Object.entries(raw.tables)) {
            const at = `${where}.tables.${table}`;
            if (!isObject(settings))
                throw new Error(`${at} must be an object such as {"limit": 50}.`);
            rejectUnknownKeys(settings, ['limit'], at);
            copy.tables[qualifyTableName(table)] = settings.limit === undefined ? {} : { limit: positiveCount(settings.limit, `${at}.limit`, true) };
        }
    }
    if (raw.pii !== undefined)
        copy.pii = stringList(raw.pii, `${where}.pii`).map(qualifyColumnName);
    if (raw.masks !== undefined) {
        if (!isObject(raw.masks))
            throw new Error(`${where}.masks must map "table.column" to a masking rule.`);
        for (const [column, rule] of Object.entries(raw.masks)) {
            if (column.split('.').length < 2)
                throw new Error(`${where}.masks: "${column}" must name a column as table.column or schema.table.column.`);
            copy.masks[qualifyColumnName(column)] = resolveMask(rule, `${where}.masks.${column}`);
        }
    }
}
/** Validates a parsed configuration object; throws an Error naming the bad key. */
function resolveSeedConfig(raw, source = 'seed configuration') {
    const config = defaultSeedConfig();
    if (raw === undefined || raw === null)
        return config;
    if (!isObject(raw))
        throw new Error(`${source}: the seed configuration must be a JSON object.`);
    rejectUnknownKeys(raw, ['$schema', 'seed', 'rows', 'locale', 'referenceDate', 'schemas', 'skip', 'sqlFiles', 'productionEnvironments', 'tables', 'copy'], source);
    if (raw.seed !== undefined) {
        if (typeof raw.seed !== 'number' || !Number.isSafeInteger(raw.seed))
            throw new Error(`${source}: "seed" must be a whole number.`);
        config.seed = raw.seed;
    }
    if (raw.rows !== undefined)
        config.rows = positiveCount(raw.rows, `${source}: "rows"`, true);
    if (raw.locale !== undefined) {
        if (typeof raw.locale !== 'string' || !(raw.locale in _faker_js_faker__WEBPACK_IMPORTED_MODULE_2__.allLocales))
            throw new Error(`${source}: "locale" must be a faker locale such as "en", "de" or "pt_BR", not ${JSON.stringify(raw.locale)}.`);
        config.locale = raw.locale;
    }
    if (raw.referenceDate !== undefined) {
        const date = typeof raw.referenceDate === 'string' ? new Date(raw.referenceDate) : undefined;
        if (!date || Number.isNaN(date.getTime()))
            throw new Error(`${source}: "referenceDate" must be a date such as "2025-01-01".`);
        config.referenceDate = date;
    }
    if (raw.schemas !== undefined)
        config.schemas = stringList(raw.schemas, `${source}: "schemas"`);
    if (raw.skip !== undefined)
        config.skip = stringList(raw.skip, `${source}: "skip"`);
    if (raw.sqlFiles !== undefined) {
        if (!Array.isArray(raw.sqlFiles) || !raw.sqlFiles.every((f) => typeof f === 'string'))
            throw new Error(`${source}: "sqlFiles" must be a list of paths.`);
        config.sqlFiles = raw.sqlFiles;
    }
    if (raw.productionEnvironments !== undefined) {
        // Added to the defaults: a configuration can name more production environments, never fewer.
        const names = stringList(raw.productionEnvironments, `${source}: "productionEnvironments"`);
        config.productionEnvironments = [...new Set([...DEFAULT_PRODUCTION_ENVIRONMENTS, ...names])];
    }
    if (raw.tables !== undefined) {
        if (!isObject(raw.tables))
            throw new Error(`${source}: "tables" must map table names to settings.`);
        for (const [table, settings] of Object.entries(raw.tables))
            config.tables[qualifyTableName(table)] = resolveTable(settings, `${source}: tables.${table}`);
    }
    if (raw.copy !== undefined)
        resolveCopy(raw.copy, `${source}: copy`, config.copy);
    return config;
}
/**
 * Reads a seed configuration file. A file whose `seed` key is an object (e.g. a shared
 * `.migration-gate.json`) contributes that section only.
 */
async function loadSeedConfig(file) {
    let text;
    try {
        text = await node_fs__WEBPACK_IMPORTED_MODULE_0__.promises.readFile(file, 'utf8');
    }
    catch (err) {
        throw new Error(`Cannot read the seed configuration ${file}: ${err.message}`);
    }
    const raw = (0,_json_file__WEBPACK_IMPORTED_MODULE_3__/* .parseJsonObject */ .d)(text, file);
    if (isObject(raw) && isObject(raw.seed))
        return resolveSeedConfig(raw.seed, `${node_path__WEBPACK_IMPORTED_MODULE_1__.basename(file)} (seed section)`);
    return resolveSeedConfig(raw, node_path__WEBPACK_IMPORTED_MODULE_1__.basename(file));
}


/***/ }),

/***/ 9134:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K$: () => (/* binding */ createFaker),
/* harmony export */   ZO: () => (/* binding */ resolveFakerMethod),
/* harmony export */   f8: () => (/* binding */ derivedSeed)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _faker_js_faker__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5892);
/* harmony import */ var _faker_js_faker__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(_faker_js_faker__WEBPACK_IMPORTED_MODULE_1__);
/**
 * Seeded faker instances. Every column gets its own instance, seeded from the run's seed and the
 * column's identity, so that adding a column or a table does not change the values of the others,
 * and the same seed always gives the same rows.
 */


/** Four 32-bit words from the seed and the parts, for faker's Mersenne Twister. */
function derivedSeed(seed, ...parts) {
    const digest = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(JSON.stringify([seed, ...parts])).digest();
    return [digest.readUInt32BE(0), digest.readUInt32BE(4), digest.readUInt32BE(8), digest.readUInt32BE(12)];
}
function createFaker(locale, referenceDate, seed) {
    const chain = [];
    const chosen = _faker_js_faker__WEBPACK_IMPORTED_MODULE_1__.allLocales[locale];
    if (chosen && chosen !== _faker_js_faker__WEBPACK_IMPORTED_MODULE_1__.en)
        chain.push(chosen);
    chain.push(_faker_js_faker__WEBPACK_IMPORTED_MODULE_1__.en, _faker_js_faker__WEBPACK_IMPORTED_MODULE_1__.base);
    const instance = new _faker_js_faker__WEBPACK_IMPORTED_MODULE_1__.Faker({ locale: chain });
    instance.seed(seed);
    // Faker's dates default to "now"; a fixed reference keeps runs on different days identical.
    instance.setDefaultRefDate(referenceDate);
    return instance;
}
/**
 * Looks up a method path such as `internet.email` on `instance`. Returns the bound method, or a
 * sentence explaining why the path is not a faker method.
 */
function resolveFakerMethod(methodPath, instance = _faker_js_faker__WEBPACK_IMPORTED_MODULE_1__.faker) {
    const parts = methodPath.split('.');
    if (parts.length !== 2 || parts.some((p) => !/^[A-Za-z]\w*$/.test(p)))
        return `"${methodPath}" is not a faker method path; expected module.method such as "internet.email".`;
    const [moduleName, methodName] = parts;
    const module = instance[moduleName];
    if (typeof module !== 'object' || module === null || moduleName.startsWith('_'))
        return `faker has no module "${moduleName}" (e.g. person, internet, location, commerce, lorem).`;
    const method = module[methodName];
    if (typeof method !== 'function')
        return `faker.${moduleName} has no method "${methodName}".`;
    return method.bind(module);
}


/***/ })

};
;