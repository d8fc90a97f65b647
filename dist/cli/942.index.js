"use strict";
exports.id = 942;
exports.ids = [942,391];
exports.modules = {

/***/ 5942:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DATABASE_OPTIONS: () => (/* binding */ DATABASE_OPTIONS),
/* harmony export */   DATABASE_USAGE: () => (/* binding */ DATABASE_USAGE),
/* harmony export */   DRIFT_OPTIONS: () => (/* binding */ DRIFT_OPTIONS),
/* harmony export */   DRIFT_USAGE: () => (/* binding */ DRIFT_USAGE),
/* harmony export */   EXECUTION_OPTIONS: () => (/* binding */ EXECUTION_OPTIONS),
/* harmony export */   EXECUTION_USAGE: () => (/* binding */ EXECUTION_USAGE),
/* harmony export */   UsageError: () => (/* binding */ UsageError),
/* harmony export */   auditContext: () => (/* binding */ auditContext),
/* harmony export */   databaseOptions: () => (/* binding */ databaseOptions),
/* harmony export */   deployCommand: () => (/* binding */ deployCommand),
/* harmony export */   deployExitCode: () => (/* binding */ deployExitCode),
/* harmony export */   driftAllowances: () => (/* binding */ driftAllowances),
/* harmony export */   executionSettings: () => (/* binding */ executionSettings),
/* harmony export */   guard: () => (/* binding */ guard),
/* harmony export */   migrationsDir: () => (/* binding */ migrationsDir),
/* harmony export */   outputFormat: () => (/* binding */ outputFormat),
/* harmony export */   parseCommandLine: () => (/* binding */ parseCommandLine),
/* harmony export */   productionMarker: () => (/* binding */ productionMarker),
/* harmony export */   stderrLogger: () => (/* binding */ stderrLogger),
/* harmony export */   writeJson: () => (/* binding */ writeJson)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7975);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_util__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _command__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8835);
/* harmony import */ var _core_src_config__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5095);
/* harmony import */ var _core_src_json_file__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(5602);
/* harmony import */ var _core_src_seed_config__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(9897);
/* harmony import */ var _core_src_deploy__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(4907);
/**
 * `migration-gate deploy`: applies pending migrations with history, locking and audit. Also holds
 * the argument handling that `plan`, `status` and `repair` share (database URL, TLS, folder, output).
 */









class UsageError extends Error {
}
/** Options every database command accepts. */
const DATABASE_OPTIONS = {
    'database-url': { type: 'string' },
    sslmode: { type: 'string' },
    'ca-cert': { type: 'string' },
    'allow-pooler': { type: 'boolean' },
    config: { type: 'string' },
    format: { type: 'string' },
    verbose: { type: 'boolean' },
    quiet: { type: 'boolean' },
};
const DATABASE_USAGE = `  --database-url <url>       postgres:// URL of the target database (default: $DATABASE_URL)
  --sslmode <mode>           disable | require | verify-ca | verify-full (overrides the URL's sslmode)
  --ca-cert <file>           CA certificate (PEM) to verify the server, e.g. Supabase's prod-ca-2021.crt
  --allow-pooler             connect through a transaction-mode pooler (port 6543, pgbouncer=true) anyway
  --config <file>            configuration file (default: .migration-gate.json)
  --format text|json         output format (default: text)
  --verbose / --quiet        more / less progress on stderr`;
const DRIFT_OPTIONS = {
    'allow-missing': { type: 'boolean' },
    'allow-changed': { type: 'boolean' },
    'allow-out-of-order': { type: 'boolean' },
};
const DRIFT_USAGE = `  --allow-missing            continue although applied versions have no local file
  --allow-changed            continue although applied files were edited since
  --allow-out-of-order       apply new files older than the newest applied migration`;
const EXECUTION_OPTIONS = {
    'lock-timeout': { type: 'string' },
    'statement-timeout': { type: 'string' },
    'lock-retries': { type: 'string' },
};
const EXECUTION_USAGE = `  --lock-timeout <duration>  lock_timeout for each migration (default: 5s)
  --statement-timeout <dur>  statement_timeout for each migration (default: 10min)
  --lock-retries <n>         retries after a lock timeout, with backoff (default: 3)`;
function parseCommandLine(argv, options) {
    try {
        const parsed = (0,node_util__WEBPACK_IMPORTED_MODULE_3__.parseArgs)({ args: argv, options, allowPositionals: true, strict: true });
        return { values: parsed.values, positionals: parsed.positionals };
    }
    catch (err) {
        throw new UsageError(err.message);
    }
}
function outputFormat(values) {
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json')
        throw new UsageError(`--format must be "text" or "json", not "${format}".`);
    return format;
}
function databaseOptions(values) {
    const databaseUrl = values['database-url'] ?? process.env.DATABASE_URL;
    if (!databaseUrl)
        throw new UsageError('No database: pass --database-url <postgres://...> or set DATABASE_URL.');
    const sslmode = values.sslmode;
    if (sslmode !== undefined && !['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'].includes(sslmode)) {
        throw new UsageError(`--sslmode must be one of disable, allow, prefer, require, verify-ca, verify-full; not "${sslmode}".`);
    }
    let caCertificate;
    if (values['ca-cert']) {
        try {
            caCertificate = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(values['ca-cert'], 'utf8');
        }
        catch (err) {
            throw new UsageError(`Cannot read --ca-cert ${values['ca-cert']}: ${err.message}`);
        }
    }
    return {
        databaseUrl,
        tls: { mode: sslmode, caCertificate },
        allowTransactionPooler: !!values['allow-pooler'],
    };
}
/** The folder: the positional argument, else the configuration's migrationsDir. */
async function migrationsDir(positional, values) {
    if (positional)
        return positional;
    try {
        return (await (0,_core_src_config__WEBPACK_IMPORTED_MODULE_5__/* .loadConfig */ .Z9)(process.cwd(), values.config)).migrationsDir;
    }
    catch (err) {
        throw new UsageError(err.message);
    }
}
function driftAllowances(values) {
    return { missingLocal: !!values['allow-missing'], changed: !!values['allow-changed'], outOfOrder: !!values['allow-out-of-order'] };
}
function executionSettings(values) {
    const settings = {};
    try {
        if (values['lock-timeout'])
            settings.lockTimeoutMs = (0,_core_src_deploy__WEBPACK_IMPORTED_MODULE_8__/* .parseDuration */ .E9)(values['lock-timeout'], '--lock-timeout');
        if (values['statement-timeout'])
            settings.statementTimeoutMs = (0,_core_src_deploy__WEBPACK_IMPORTED_MODULE_8__/* .parseDuration */ .E9)(values['statement-timeout'], '--statement-timeout');
    }
    catch (err) {
        throw new UsageError(err.message);
    }
    if (values['lock-retries'] !== undefined) {
        const retries = Number(values['lock-retries']);
        if (!Number.isInteger(retries) || retries < 0)
            throw new UsageError(`--lock-retries must be a whole number, not "${values['lock-retries']}".`);
        settings.lockRetries = retries;
    }
    return settings;
}
/** Who/what/where for the audit row: flags, else what GitHub Actions puts in the environment. */
function auditContext(values) {
    const env = process.env;
    const runUrl = env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : undefined;
    const reason = values['override-reason'];
    let actor = env.GITHUB_ACTOR;
    if (!actor) {
        try {
            actor = node_os__WEBPACK_IMPORTED_MODULE_1__.userInfo().username;
        }
        catch {
            actor = undefined;
        }
    }
    return {
        environment: values.environment,
        gitSha: values['git-sha'] ?? env.GITHUB_SHA,
        actor: values.actor ?? actor,
        workflowRunUrl: values['run-url'] ?? runUrl,
        trigger: values.trigger ?? env.GITHUB_EVENT_NAME ?? 'cli',
        ...(reason ? { override: { reason } } : {}),
    };
}
/** Progress on stderr, so stdout stays clean for --format json. */
function stderrLogger(values) {
    const minimum = values.verbose ? 0 : values.quiet ? 2 : 1;
    const rank = { debug: 0, info: 1, warning: 2, error: 3 };
    return (entry) => {
        if (rank[entry.level] < minimum)
            return;
        const prefix = entry.level === 'warning' ? 'warning: ' : entry.level === 'error' ? 'error: ' : '';
        process.stderr.write(`${prefix}${entry.message}\n`);
    };
}
function writeJson(value) {
    process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}
/** Runs a command body, turning UsageErrors into the usage exit code with the message. */
async function guard(usage, body) {
    try {
        return await body();
    }
    catch (err) {
        if (err instanceof UsageError) {
            process.stderr.write(`${err.message}\n\n${usage}\n`);
            return _command__WEBPACK_IMPORTED_MODULE_4__/* .EXIT */ .d.usage;
        }
        process.stderr.write(`${err.message}\n`);
        return _command__WEBPACK_IMPORTED_MODULE_4__/* .EXIT */ .d.usage;
    }
}
/**
 * Names that mean production: production and prod, plus the configuration's
 * seed.productionEnvironments (the names the seed command refuses).
 */
function productionEnvironmentNames(values) {
    const file = node_path__WEBPACK_IMPORTED_MODULE_2__.resolve(values.config ?? _core_src_config__WEBPACK_IMPORTED_MODULE_5__/* .CONFIG_FILE_NAME */ .au);
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(file))
        return _core_src_seed_config__WEBPACK_IMPORTED_MODULE_7__/* .DEFAULT_PRODUCTION_ENVIRONMENTS */ .j2;
    const seed = (0,_core_src_json_file__WEBPACK_IMPORTED_MODULE_6__/* .parseJsonObject */ .d)((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(file, 'utf8'), file).seed;
    const extra = Array.isArray(seed?.productionEnvironments) ? seed.productionEnvironments.filter((n) => typeof n === 'string') : [];
    return [..._core_src_seed_config__WEBPACK_IMPORTED_MODULE_7__/* .DEFAULT_PRODUCTION_ENVIRONMENTS */ .j2, ...extra];
}
/**
 * A deploy to a production environment marks the database as production, as the deploy-production
 * action does, so that `seed` refuses it whatever environment name it is later given.
 */
function productionMarker(values) {
    const environment = values.environment?.trim().toLowerCase();
    if (!environment)
        return undefined;
    return productionEnvironmentNames(values).some((name) => name.trim().toLowerCase() === environment) ? 'production' : undefined;
}
function deployExitCode(result) {
    if (result.ok)
        return _command__WEBPACK_IMPORTED_MODULE_4__/* .EXIT */ .d.ok;
    return result.outcome === 'connection-failed' || result.outcome === 'lock-unavailable' ? _command__WEBPACK_IMPORTED_MODULE_4__/* .EXIT */ .d.usage : _command__WEBPACK_IMPORTED_MODULE_4__/* .EXIT */ .d.findings;
}
const USAGE = `Usage: migration-gate deploy [dir] --database-url <url> [options]

Applies the pending migrations of [dir] (default: migrationsDir of .migration-gate.json, else
supabase/migrations), each in its own transaction together with its row in
supabase_migrations.schema_migrations (the Supabase CLI's history). Concurrent deploys to the same
database wait for each other. Applied files that changed or disappeared, and new files older than
the newest applied one, stop the deploy. Every attempt writes a row to supabase_migrations.gate_audit.

Options:
${DATABASE_USAGE}
${EXECUTION_USAGE}
  --wait <duration>          how long to wait while another deploy holds the lock (default: 60s)
${DRIFT_USAGE}
  --environment <name>       environment recorded in the audit row (e.g. staging); production or prod
                             (or a name in the configuration's seed.productionEnvironments) also marks
                             the database as production after a successful deploy, so seed refuses it
  --git-sha <sha>            commit recorded with the migrations (default: $GITHUB_SHA)
  --actor <name>             who deploys (default: $GITHUB_ACTOR, else the local user)
  --run-url <url>            workflow run (default: from $GITHUB_SERVER_URL, $GITHUB_REPOSITORY, $GITHUB_RUN_ID)
  --trigger <event>          what started the deploy (default: $GITHUB_EVENT_NAME, else "cli")
  --override-reason <text>   record that gates were bypassed on purpose, and why

Exit codes: 0 applied or nothing to do; 1 a migration failed or the deploy was refused (drift,
invalid files); 2 bad arguments, database unreachable, or another deploy kept the lock.`;
const deployCommand = {
    usage: USAGE,
    run: (argv) => guard(USAGE, async () => {
        const { values, positionals } = parseCommandLine(argv, {
            ...DATABASE_OPTIONS,
            ...DRIFT_OPTIONS,
            ...EXECUTION_OPTIONS,
            wait: { type: 'string' },
            environment: { type: 'string' },
            'git-sha': { type: 'string' },
            actor: { type: 'string' },
            'run-url': { type: 'string' },
            trigger: { type: 'string' },
            'override-reason': { type: 'string' },
        });
        if (positionals.length > 1)
            throw new UsageError(`Expected at most one folder, got: ${positionals.join(' ')}`);
        const format = outputFormat(values);
        let lockWaitMs;
        try {
            lockWaitMs = values.wait === undefined ? undefined : (0,_core_src_deploy__WEBPACK_IMPORTED_MODULE_8__/* .parseDuration */ .E9)(values.wait, '--wait');
        }
        catch (err) {
            throw new UsageError(err.message);
        }
        const result = await (0,_core_src_deploy__WEBPACK_IMPORTED_MODULE_8__/* .deploy */ .gg)({
            ...databaseOptions(values),
            migrationsDir: await migrationsDir(positionals[0], values),
            allow: driftAllowances(values),
            execution: executionSettings(values),
            lockWaitMs,
            context: auditContext(values),
            logger: stderrLogger(values),
            markEnvironment: productionMarker(values),
        });
        if (format === 'json')
            writeJson(result);
        else
            process.stdout.write((0,_core_src_deploy__WEBPACK_IMPORTED_MODULE_8__/* .formatDeployResult */ .m_)(result) + '\n');
        return deployExitCode(result);
    }),
};


/***/ }),

/***/ 5095:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Z9: () => (/* binding */ loadConfig),
/* harmony export */   au: () => (/* binding */ CONFIG_FILE_NAME)
/* harmony export */ });
/* unused harmony exports defaultConfig, resolveConfig */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _json_file__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5602);
/* harmony import */ var _read_files__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9275);
/**
 * The team's configuration file: `.migration-gate.json` at the repository root (or a path given
 * with `--config` / the `config` input). Every key is optional.
 *
 * {
 *   "migrationsDir": "supabase/migrations",
 *   "failOn": "error",                  // or "warning"
 *   "outOfOrder": "error",              // or "warning": new migration older than the base's newest
 *   "rules": { "require-lock-timeout": "warning", "ban-drop-column": "off" },
 *   "exposedSchemas": ["public"],       // schemas PostgREST exposes (RLS rules apply there)
 *   "maxStatementsPerMigration": 12,    // atomicity rule threshold
 *   "supabase": true,                   // force Supabase-aware rules on/off (default: detected)
 *   "timeZone": "UTC",                  // the target server's TimeZone (default: UTC on Supabase, else unknown)
 *   "baseReplayFailures": "warning",    // or "error": base migrations the dry-run cannot replay
 *   "maxFileBytes": 20971520,           // largest migration file read (default 20 MB)
 *   "allowEmpty": false,                // true: a folder without migrations is not an error (a new project)
 *   "drift": { "excludeSchemas": ["analytics"], "includeSchemas": ["storage"] },  // see docs/drift.md
 *   "seed": { ... }                     // synthetic data settings, see docs/seed.md
 * }
 */




const CONFIG_FILE_NAME = '.migration-gate.json';
function defaultConfig() {
    return {
        migrationsDir: 'supabase/migrations',
        failOn: 'error',
        outOfOrder: 'error',
        rules: {},
        exposedSchemas: ['public'],
        maxStatementsPerMigration: 12,
        baseReplayFailures: 'warning',
        maxFileBytes: _read_files__WEBPACK_IMPORTED_MODULE_3__/* .DEFAULT_MAX_FILE_BYTES */ .CR,
        allowEmpty: false,
        drift: { excludeSchemas: [], includeSchemas: [] },
    };
}
const SETTINGS = ['error', 'warning', 'notice', 'off'];
/** Validates a parsed config object; throws an Error naming the bad key. */
function resolveConfig(raw, source = CONFIG_FILE_NAME) {
    const config = defaultConfig();
    if (raw === undefined)
        return config;
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
        throw new Error(`${source}: the configuration must be a JSON object.`);
    const input = raw;
    // `seed` belongs to the seed command, which validates it itself (see seed/config.ts).
    const known = new Set(['$schema', 'migrationsDir', 'failOn', 'outOfOrder', 'rules', 'exposedSchemas', 'maxStatementsPerMigration', 'supabase', 'timeZone', 'maxFileBytes', 'allowEmpty', 'baseReplayFailures', 'seed', 'drift']);
    for (const key of Object.keys(input)) {
        if (!known.has(key))
            throw new Error(`${source}: unknown key "${key}". Known keys: ${[...known].filter((k) => k !== '$schema').join(', ')}.`);
    }
    if (input.migrationsDir !== undefined) {
        if (typeof input.migrationsDir !== 'string' || !input.migrationsDir)
            throw new Error(`${source}: "migrationsDir" must be a non-empty string.`);
        config.migrationsDir = input.migrationsDir;
    }
    for (const key of ['failOn', 'outOfOrder', 'baseReplayFailures']) {
        const value = input[key];
        if (value === undefined)
            continue;
        if (value !== 'error' && value !== 'warning')
            throw new Error(`${source}: "${key}" must be "error" or "warning", not ${JSON.stringify(value)}.`);
        config[key] = value;
    }
    if (input.rules !== undefined) {
        if (typeof input.rules !== 'object' || input.rules === null || Array.isArray(input.rules))
            throw new Error(`${source}: "rules" must map rule ids to ${SETTINGS.join('|')}.`);
        for (const [id, setting] of Object.entries(input.rules)) {
            if (!SETTINGS.includes(setting))
                throw new Error(`${source}: rules.${id} must be one of ${SETTINGS.join(', ')}, not ${JSON.stringify(setting)}.`);
            config.rules[id] = setting;
        }
    }
    if (input.exposedSchemas !== undefined) {
        if (!Array.isArray(input.exposedSchemas) || !input.exposedSchemas.every((s) => typeof s === 'string'))
            throw new Error(`${source}: "exposedSchemas" must be a list of schema names.`);
        config.exposedSchemas = input.exposedSchemas;
    }
    if (input.maxStatementsPerMigration !== undefined) {
        const n = input.maxStatementsPerMigration;
        if (typeof n !== 'number' || !Number.isInteger(n) || n < 1)
            throw new Error(`${source}: "maxStatementsPerMigration" must be a positive integer.`);
        config.maxStatementsPerMigration = n;
    }
    if (input.drift !== undefined)
        config.drift = resolveDriftConfig(input.drift, source);
    if (input.supabase !== undefined) {
        if (typeof input.supabase !== 'boolean')
            throw new Error(`${source}: "supabase" must be true or false.`);
        config.supabase = input.supabase;
    }
    if (input.timeZone !== undefined) {
        if (typeof input.timeZone !== 'string' || !input.timeZone.trim())
            throw new Error(`${source}: "timeZone" must be a time zone name such as "UTC" or "Europe/Paris".`);
        config.timeZone = input.timeZone.trim();
    }
    if (input.maxFileBytes !== undefined) {
        const n = input.maxFileBytes;
        if (typeof n !== 'number' || !Number.isInteger(n) || n < 1)
            throw new Error(`${source}: "maxFileBytes" must be a positive integer (bytes).`);
        config.maxFileBytes = n;
    }
    if (input.allowEmpty !== undefined) {
        if (typeof input.allowEmpty !== 'boolean')
            throw new Error(`${source}: "allowEmpty" must be true or false.`);
        config.allowEmpty = input.allowEmpty;
    }
    return config;
}
function resolveDriftConfig(raw, source) {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
        throw new Error(`${source}: "drift" must be an object with excludeSchemas and/or includeSchemas.`);
    const drift = { excludeSchemas: [], includeSchemas: [] };
    for (const [key, value] of Object.entries(raw)) {
        if (key !== 'excludeSchemas' && key !== 'includeSchemas')
            throw new Error(`${source}: unknown key "drift.${key}". Known keys: excludeSchemas, includeSchemas.`);
        if (!Array.isArray(value) || !value.every((s) => typeof s === 'string'))
            throw new Error(`${source}: "drift.${key}" must be a list of schema names.`);
        drift[key] = value;
    }
    return drift;
}
/**
 * Loads the configuration. With an explicit path the file must exist; otherwise
 * `.migration-gate.json` in `root` is used when present.
 */
async function loadConfig(root, explicitPath) {
    const file = explicitPath ? node_path__WEBPACK_IMPORTED_MODULE_1__.resolve(root, explicitPath) : node_path__WEBPACK_IMPORTED_MODULE_1__.join(root, CONFIG_FILE_NAME);
    let text;
    try {
        text = await node_fs__WEBPACK_IMPORTED_MODULE_0__.promises.readFile(file, 'utf8');
    }
    catch (err) {
        if (err.code === 'ENOENT' && !explicitPath)
            return defaultConfig();
        throw new Error(`Cannot read configuration file ${file}: ${err.message}`);
    }
    return resolveConfig((0,_json_file__WEBPACK_IMPORTED_MODULE_2__/* .parseJsonObject */ .d)(text, file), node_path__WEBPACK_IMPORTED_MODULE_1__.basename(file));
}


/***/ }),

/***/ 2784:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $m: () => (/* binding */ statementsDigest),
/* harmony export */   dV: () => (/* binding */ statementsMatchText),
/* harmony export */   f3: () => (/* binding */ historyStatements)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _parser__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9646);
/* harmony import */ var _redact__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(796);
/**
 * The `statements` array of `supabase_migrations.schema_migrations`, computed the way the Supabase
 * CLI fills it: the file cut at every statement-ending semicolon, each piece kept as written
 * (leading comments included), with the trailing semicolon and surrounding whitespace trimmed,
 * empty pieces dropped. `supabase migration fetch` rebuilds files from this array, so it must keep
 * the comments (and with them our `-- transaction: none` directive).
 *
 * The cut points come from the real Postgres grammar (the parsed statements), not from a
 * hand-written tokenizer; the only text scanned here is what lies between statements, which can
 * hold nothing but whitespace, comments and semicolons.
 */



/** Byte offsets of the semicolons that end statements (those between statements, outside comments). */
function terminatorOffsets(bytes, statements) {
    const gaps = [];
    let cursor = 0;
    for (const statement of statements) {
        gaps.push([cursor, statement.byteStart]);
        cursor = statement.byteEnd;
    }
    gaps.push([cursor, bytes.length]);
    const offsets = [];
    for (const [start, end] of gaps) {
        let i = start;
        while (i < end) {
            const after = (0,_parser__WEBPACK_IMPORTED_MODULE_1__/* .skipComment */ .D)(bytes, i, end);
            if (after !== i)
                i = after;
            else {
                if (bytes[i] === 0x3b)
                    offsets.push(i);
                i++;
            }
        }
    }
    return offsets;
}
/** The statements array for a parsed migration, as the Supabase CLI would record it. */
function historyStatements(migration) {
    const bytes = Buffer.from(migration.text, 'utf8');
    const pieces = [];
    let start = 0;
    const push = (end) => {
        const piece = bytes.subarray(start, end).toString('utf8').replace(/;+$/, '').trim();
        if (piece)
            pieces.push(piece);
    };
    for (const offset of terminatorOffsets(bytes, migration.statements)) {
        push(offset + 1);
        start = offset + 1;
    }
    push(bytes.length);
    return pieces;
}
/**
 * Whether a recorded statements array describes this file's text. Whitespace and semicolons are
 * ignored, because different CLI versions cut and trim the same file differently; everything else
 * (including comments) must match. Passwords are compared redacted on both sides, since deploy
 * stores them redacted and the Supabase CLI stores them as written.
 */
function statementsMatchText(recorded, text) {
    const normalize = (s) => (0,_redact__WEBPACK_IMPORTED_MODULE_2__/* .redactPasswords */ .s)(s).replace(/[\s;]+/g, '');
    return normalize(recorded.join('')) === normalize(text);
}
/** Fingerprint of a statements array, to notice when another tool rewrote a history row we recorded. */
function statementsDigest(statements) {
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(JSON.stringify(statements)).digest('hex');
}


/***/ }),

/***/ 757:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FZ: () => (/* binding */ upsertApplied),
/* harmony export */   GQ: () => (/* binding */ HISTORY_TABLE),
/* harmony export */   LM: () => (/* binding */ deleteApplied),
/* harmony export */   Lu: () => (/* binding */ readHistory),
/* harmony export */   P3: () => (/* binding */ APPLIED_TABLE),
/* harmony export */   Y1: () => (/* binding */ ensureHistoryTables),
/* harmony export */   vA: () => (/* binding */ recordAppliedSql),
/* harmony export */   zU: () => (/* binding */ AUDIT_TABLE)
/* harmony export */ });
/* unused harmony export HISTORY_SCHEMA */
/* harmony import */ var pg__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8150);
/* harmony import */ var pg__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(pg__WEBPACK_IMPORTED_MODULE_0__);
/**
 * The history tables. `supabase_migrations.schema_migrations` is the Supabase CLI's table and the
 * single source of truth for what is applied, so `supabase migration list` / `db push` and this
 * engine always agree. Our own detail lives beside it in `gate_applied` (one row per applied
 * version: checksum, timing, provenance) and `gate_audit` (one row per attempt). See
 * docs/history-tables.md.
 *
 * gate_applied deliberately has no foreign key to schema_migrations: `supabase migration repair`
 * truncates and deletes there, and a foreign key would make those commands fail. A gate_applied
 * row without a schema_migrations row is simply ignored.
 */

const HISTORY_SCHEMA = 'supabase_migrations';
const HISTORY_TABLE = `${HISTORY_SCHEMA}.schema_migrations`;
const APPLIED_TABLE = `${HISTORY_SCHEMA}.gate_applied`;
const AUDIT_TABLE = `${HISTORY_SCHEMA}.gate_audit`;
/**
 * The CLI's own sequence (schema, table with the key only, then the columns it added over time),
 * so that a table we create is column-for-column the one the CLI creates, in the same order.
 */
const CLI_HISTORY_DDL = [
    `create schema if not exists ${HISTORY_SCHEMA}`,
    `create table if not exists ${HISTORY_TABLE} (version text not null primary key)`,
    `alter table ${HISTORY_TABLE} add column if not exists statements text[]`,
    `alter table ${HISTORY_TABLE} add column if not exists name text`,
];
const GATE_DDL = [
    `create table if not exists ${AUDIT_TABLE} (
    id bigint generated always as identity primary key,
    command text not null default 'deploy',
    environment text,
    outcome text not null,
    versions text[] not null default '{}',
    applied_versions text[] not null default '{}',
    checksums jsonb not null default '{}',
    error text,
    duration_ms integer,
    lock_wait_ms integer,
    migration_durations jsonb not null default '{}',
    git_sha text,
    actor text,
    workflow_run_url text,
    trigger text,
    override boolean not null default false,
    override_reason text,
    bypassed_gates text[] not null default '{}',
    approvers jsonb not null default '[]',
    restore_point_time timestamptz,
    restore_point_lsn pg_lsn,
    application_name text,
    database_user text not null default current_user,
    client_host text,
    tool_version text,
    started_at timestamptz not null,
    finished_at timestamptz
  )`,
    // Added after the first release: tables created by it gain them here.
    `alter table ${AUDIT_TABLE} add column if not exists workflow_sha text`,
    `alter table ${AUDIT_TABLE} add column if not exists partial_statements jsonb not null default '{}'`,
    `alter table ${AUDIT_TABLE} add column if not exists drift jsonb`,
    `create table if not exists ${APPLIED_TABLE} (
    version text primary key,
    name text,
    checksum text not null,
    statements_sha256 text not null,
    transactional boolean not null,
    applied_at timestamptz not null default clock_timestamp(),
    duration_ms integer,
    attempts integer not null default 1,
    applied_by text not null default current_user,
    git_sha text,
    audit_id bigint references ${AUDIT_TABLE} (id) on delete set null,
    repaired boolean not null default false,
    tool_version text
  )`,
];
/** Columns this version of the engine needs; when one is missing the DDL above is (re)run. */
const REQUIRED_COLUMNS = {
    schema_migrations: ['version', 'statements', 'name'],
    gate_audit: ['id', 'command', 'outcome', 'approvers', 'restore_point_lsn', 'finished_at', 'workflow_sha', 'partial_statements', 'drift'],
    gate_applied: ['version', 'checksum', 'statements_sha256', 'audit_id', 'repaired'],
};
async function existingColumns(client) {
    const { rows } = await client.query(`select c.relname as table_name, a.attname as column_name
       from pg_class c
       join pg_namespace n on n.oid = c.relnamespace
       join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
      where n.nspname = $1 and c.relname = any($2)`, [HISTORY_SCHEMA, Object.keys(REQUIRED_COLUMNS)]);
    const tables = new Map();
    for (const row of rows) {
        if (!tables.has(row.table_name))
            tables.set(row.table_name, new Set());
        tables.get(row.table_name).add(row.column_name);
    }
    return tables;
}
/**
 * Creates whatever is missing of the three tables, in one transaction so that a dropped
 * connection cannot leave half of them. Call only while holding the deploy lock: concurrent
 * `create table if not exists` of the same table can fail on the catalog's unique index.
 * Checks the catalog first because `alter table ... add column if not exists` takes an exclusive
 * lock on the table even when there is nothing to add.
 */
async function ensureHistoryTables(client) {
    const columns = await existingColumns(client);
    const complete = Object.entries(REQUIRED_COLUMNS).every(([table, needed]) => needed.every((c) => columns.get(table)?.has(c)));
    if (complete)
        return { created: false };
    try {
        // The CLI bounds its DDL the same way: never queue behind a long transaction on these tables.
        await client.query(['begin', "set local lock_timeout = '4s'", ...CLI_HISTORY_DDL, ...GATE_DDL, 'commit'].join(';\n'));
    }
    catch (err) {
        await client.query('rollback').catch(() => undefined);
        throw new Error(`Cannot create the migration history tables in schema ${HISTORY_SCHEMA}: ${err.message}`);
    }
    return { created: true };
}
/** Reads the history without creating anything, so plan and status leave the database untouched. */
async function readHistory(client) {
    const columns = await existingColumns(client);
    const history = columns.get('schema_migrations');
    if (!history?.has('version'))
        return { exists: false, records: [] };
    const gate = columns.get('gate_applied');
    const hasGate = REQUIRED_COLUMNS.gate_applied.every((c) => gate?.has(c)) && gate?.has('transactional');
    const { rows } = await client.query(`select h.version,
            ${history.has('name') ? "coalesce(h.name, '')" : "''"} as name,
            ${history.has('statements') ? 'h.statements' : 'null::text[]'} as statements
            ${hasGate
        ? `, g.version is not null as has_gate, g.checksum, g.statements_sha256, g.transactional,
                   to_json(g.applied_at) #>> '{}' as applied_at, g.duration_ms, g.attempts, g.applied_by, g.git_sha,
                   g.audit_id, g.repaired`
        : ', false as has_gate'}
       from ${HISTORY_TABLE} h
       ${hasGate ? `left join ${APPLIED_TABLE} g on g.version = h.version` : ''}
      order by h.version`);
    return {
        exists: true,
        records: rows.map((row) => ({
            version: row.version,
            name: row.name,
            statements: row.statements,
            ...(row.has_gate
                ? {
                    gate: {
                        checksum: row.checksum,
                        statementsSha256: row.statements_sha256,
                        transactional: row.transactional,
                        appliedAt: row.applied_at,
                        durationMs: row.duration_ms,
                        attempts: row.attempts,
                        appliedBy: row.applied_by,
                        gitSha: row.git_sha,
                        auditId: row.audit_id === null ? null : Number(row.audit_id),
                        repaired: row.repaired,
                    },
                }
                : {}),
        })),
    };
}
function appliedParams(entry) {
    return [
        entry.version,
        entry.name,
        entry.statements,
        entry.checksum,
        entry.statementsSha256,
        entry.transactional,
        Math.round(entry.durationMs),
        entry.attempts,
        entry.gitSha,
        entry.auditId,
        entry.toolVersion,
        entry.repaired ?? false,
    ];
}
/** Upserts gate_applied for the version(s) returned by the CTE `source`; parameters as appliedParams. */
function upsertGateAppliedFrom(source) {
    return `insert into ${APPLIED_TABLE} (version, name, checksum, statements_sha256, transactional, duration_ms, attempts, git_sha, audit_id, tool_version, repaired)
     select version, $2, $4, $5, $6, $7, $8, $9, $10, $11, $12 from ${source}
     on conflict (version) do update set
       name = excluded.name, checksum = excluded.checksum, statements_sha256 = excluded.statements_sha256,
       transactional = excluded.transactional, applied_at = clock_timestamp(), duration_ms = excluded.duration_ms,
       attempts = excluded.attempts, applied_by = current_user, git_sha = excluded.git_sha, audit_id = excluded.audit_id,
       tool_version = excluded.tool_version, repaired = excluded.repaired`;
}
function sqlLiteral(value) {
    if (value === null)
        return 'null';
    if (Array.isArray(value))
        return value.length > 0 ? `array[${value.map((v) => (0,pg__WEBPACK_IMPORTED_MODULE_0__.escapeLiteral)(v)).join(', ')}]::text[]` : `'{}'::text[]`;
    if (typeof value === 'string')
        return (0,pg__WEBPACK_IMPORTED_MODULE_0__.escapeLiteral)(value);
    if (typeof value === 'number') {
        if (!Number.isFinite(value))
            throw new Error(`Cannot write ${value} to the history.`);
        return String(value);
    }
    return value ? 'true' : 'false';
}
/**
 * The statement recording an applied migration in both tables and in the deploy's audit row (its
 * applied versions and timings, so a deploy killed later still says what it applied): one
 * statement, so atomic even outside a transaction (`-- transaction: none` migrations). A plain
 * insert into schema_migrations, as the CLI does: if someone recorded the version meanwhile, this
 * fails instead of silently claiming their row. A stale gate_applied row (left by a CLI revert) is
 * replaced. The migration's entry in the audit row's partial_statements is removed: once applied,
 * no statement of it is left half done. Values are inlined as escaped literals rather than bound
 * parameters so the statement can share one simple-protocol round trip with the COMMIT; that
 * halves the per-migration bookkeeping time.
 */
function recordAppliedSql(entry) {
    const params = appliedParams(entry);
    const sql = `with recorded as (
       insert into ${HISTORY_TABLE} (version, name, statements) values ($1, $2, $3) returning version
     ), audited as (
       update ${AUDIT_TABLE}
          set applied_versions = case when $1 = any(applied_versions) then applied_versions else array_append(applied_versions, $1) end,
              migration_durations = migration_durations || jsonb_build_object($1, $7),
              partial_statements = partial_statements - $1
        where id = $10 and exists (select from recorded)
     )
     ${upsertGateAppliedFrom('recorded')}`;
    // One pass, so that "$1" inside an inlined value (a function body, say) is never substituted again.
    return sql.replace(/\$(\d+)/g, (_, n) => sqlLiteral(params[Number(n) - 1]));
}
/** `repair --status applied`: like recordAppliedSql, but overwrites an existing row (accepting an edited file). */
async function upsertApplied(client, entry) {
    const { rows } = await client.query(`with recorded as (
       insert into ${HISTORY_TABLE} (version, name, statements) values ($1, $2, $3::text[])
       on conflict (version) do update set name = excluded.name, statements = excluded.statements
       -- a row version with no deleting/locking transaction (xmax = 0) was inserted, not updated
       returning version, (xmax = 0) as inserted
     ), gate as (
       ${upsertGateAppliedFrom('recorded')}
     )
     select inserted from recorded`, appliedParams(entry));
    return rows[0]?.inserted ? 'inserted' : 'updated';
}
/** `repair --status reverted`: forgets versions in both tables. Returns the versions that were recorded. */
async function deleteApplied(client, versions) {
    const { rows } = await client.query(`with gone as (delete from ${APPLIED_TABLE} where version = any($1))
     delete from ${HISTORY_TABLE} where version = any($1) returning version`, [versions]);
    return rows.map((r) => r.version).sort();
}


/***/ }),

/***/ 4907:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  gg: () => (/* reexport */ deploy),
  m_: () => (/* reexport */ formatDeployResult),
  qd: () => (/* reexport */ formatRepairResult),
  qp: () => (/* reexport */ formatStatusReport),
  vd: () => (/* reexport */ migrationStatus),
  E9: () => (/* reexport */ parseDuration),
  kd: () => (/* reexport */ repairHistory)
});

// UNUSED EXPORTS: APPLIED_TABLE, AUDIT_TABLE, ConnectionError, DEFAULT_EXECUTION_SETTINGS, DEFAULT_LOCK_POLL_MS, DEFAULT_LOCK_WAIT_MS, DEPLOY_LOCK_KEY, HISTORY_SCHEMA, HISTORY_TABLE, TOOL_VERSION, defaultApplicationName, describeInterruptedAttempt, detectTransactionPooler, formatMigrationError, historyStatements, maskSecrets, planMigrations, scrubSecrets, statementsMatchText

// EXTERNAL MODULE: ./packages/core/src/discovery.ts + 1 modules
var discovery = __webpack_require__(8379);
// EXTERNAL MODULE: ./packages/core/src/version.ts + 1 modules
var version = __webpack_require__(7363);
// EXTERNAL MODULE: ./packages/core/src/parser.ts
var parser = __webpack_require__(9646);
// EXTERNAL MODULE: ./packages/core/src/db/connection.ts
var db_connection = __webpack_require__(9438);
// EXTERNAL MODULE: ./packages/core/src/db/environment-marker.ts
var environment_marker = __webpack_require__(1572);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: ./packages/core/src/deploy/history.ts
var deploy_history = __webpack_require__(757);
;// CONCATENATED MODULE: ./packages/core/src/deploy/audit.ts
/**
 * The audit record of one deploy (or repair) attempt: kept in `supabase_migrations.gate_audit`
 * and returned as plain JSON for the job summary. The row is inserted as "running" once the
 * deploy holds the lock, so it exists even if the process is killed, and updated at the end
 * outside any migration transaction, so a failed migration never takes its audit row with it.
 */


function newAuditRecord(init) {
    const { context } = init;
    return {
        id: null,
        recorded: false,
        command: init.command,
        environment: context.environment ?? null,
        outcome: 'running',
        database: init.database,
        applicationName: init.applicationName,
        versions: [],
        appliedVersions: [],
        checksums: {},
        error: null,
        durationMs: 0,
        lockWaitMs: 0,
        migrationDurations: {},
        partialStatements: {},
        gitSha: context.gitSha ?? null,
        workflowSha: context.workflowSha && context.workflowSha !== context.gitSha ? context.workflowSha : null,
        actor: context.actor ?? null,
        workflowRunUrl: context.workflowRunUrl ?? null,
        trigger: context.trigger ?? null,
        override: !!context.override,
        overrideReason: context.override?.reason ?? null,
        bypassedGates: context.override?.bypassedGates ?? [],
        approvers: context.approvers ?? [],
        restorePoint: null,
        drift: context.drift ?? null,
        clientHost: external_node_os_.hostname(),
        toolVersion: init.toolVersion,
        startedAt: init.startedAt.toISOString(),
        finishedAt: null,
    };
}
async function captureRestorePoint(client) {
    const { rows } = await client.query(`select to_json(clock_timestamp()) #>> '{}' as server_time`);
    const serverTime = rows[0].server_time;
    try {
        const lsn = await client.query(`select pg_current_wal_lsn()::text as lsn`);
        return { serverTime, walLsn: lsn.rows[0].lsn };
    }
    catch (err) {
        return { serverTime, walLsn: null, note: `pg_current_wal_lsn() is not available: ${err.message}` };
    }
}
function rowValues(record) {
    return [
        record.command,
        record.environment,
        record.outcome,
        record.versions,
        record.appliedVersions,
        JSON.stringify(record.checksums),
        record.error,
        Math.round(record.durationMs),
        Math.round(record.lockWaitMs),
        JSON.stringify(record.migrationDurations),
        record.gitSha,
        record.actor,
        record.workflowRunUrl,
        record.trigger,
        record.override,
        record.overrideReason,
        record.bypassedGates,
        JSON.stringify(record.approvers),
        record.restorePoint?.serverTime ?? null,
        record.restorePoint?.walLsn ?? null,
        record.applicationName,
        record.clientHost,
        record.toolVersion,
        record.startedAt,
        record.finishedAt,
        record.workflowSha,
        JSON.stringify(record.partialStatements),
        record.drift === null ? null : JSON.stringify(record.drift),
    ];
}
const COLUMNS = [
    'command',
    'environment',
    'outcome',
    'versions',
    'applied_versions',
    'checksums',
    'error',
    'duration_ms',
    'lock_wait_ms',
    'migration_durations',
    'git_sha',
    'actor',
    'workflow_run_url',
    'trigger',
    'override',
    'override_reason',
    'bypassed_gates',
    'approvers',
    'restore_point_time',
    'restore_point_lsn',
    'application_name',
    'client_host',
    'tool_version',
    'started_at',
    'finished_at',
    'workflow_sha',
    'partial_statements',
    'drift',
];
/**
 * Inserts the row (first call) or updates it (later calls), each as its own autocommitted statement.
 * An update keeps every applied version the row already holds: each migration adds its version in
 * its own transaction, so after a connection dropped during COMMIT the row knows better than this
 * process whether that migration is applied. The record takes the merged list back.
 */
async function writeAuditRow(client, record) {
    const values = rowValues(record);
    if (record.id === null) {
        const placeholders = COLUMNS.map((_, i) => `$${i + 1}`).join(', ');
        const { rows } = await client.query(`insert into ${deploy_history/* AUDIT_TABLE */.zU} (${COLUMNS.join(', ')}) values (${placeholders}) returning id`, values);
        record.id = Number(rows[0].id);
    }
    else {
        const appliedIndex = COLUMNS.indexOf('applied_versions') + 1;
        const assignments = COLUMNS.map((c, i) => c === 'applied_versions' ? `${c} = array(select distinct v from unnest(applied_versions || $${appliedIndex}::text[]) v order by v)` : `${c} = $${i + 1}`).join(', ');
        const { rows } = await client.query(`update ${deploy_history/* AUDIT_TABLE */.zU} set ${assignments} where id = $${COLUMNS.length + 1} returning applied_versions`, [...values, record.id]);
        if (rows[0])
            record.appliedVersions = rows[0].applied_versions;
    }
    record.recorded = true;
    delete record.recordError;
}
async function auditTableExists(client) {
    const { rows } = await client.query(`select to_regclass($1) is not null as present`, [deploy_history/* AUDIT_TABLE */.zU]);
    return rows[0].present === true;
}

// EXTERNAL MODULE: external "pg"
var external_pg_ = __webpack_require__(8150);
;// CONCATENATED MODULE: ./packages/core/src/deploy/concurrent-index.ts
/**
 * CREATE [UNIQUE] INDEX CONCURRENTLY commits its catalog entry before it builds, so a build that
 * fails (a duplicate key, a deadlock) or is cancelled (statement timeout, pg_cancel_backend)
 * leaves an INVALID index behind: never used by queries, still maintained on every write, and in
 * the way of the next attempt ("already exists"; with IF NOT EXISTS it is silently skipped and
 * stays invalid). So after every such statement, failed or not, the engine reads
 * pg_index.indisvalid / indisready of the index it was building:
 *
 * - an invalid index that did not exist before the statement was created by this attempt and is
 *   dropped again (DROP INDEX CONCURRENTLY), so the file can simply run again;
 * - an invalid index that existed before (an earlier failed attempt, or made by hand) is not ours
 *   to drop: it is named with the exact DROP INDEX CONCURRENTLY statement to run.
 *
 * Either way the migration fails and is not recorded as applied.
 */

/** The index a `CREATE [UNIQUE] INDEX CONCURRENTLY` statement builds; undefined for any other statement. */
function concurrentIndexTarget(statement) {
    if (statement.kind !== 'IndexStmt' || statement.node?.concurrent !== true)
        return undefined;
    const relation = statement.node.relation;
    if (!relation?.relname)
        return undefined;
    const table = relation.schemaname ? `${(0,external_pg_.escapeIdentifier)(relation.schemaname)}.${(0,external_pg_.escapeIdentifier)(relation.relname)}` : (0,external_pg_.escapeIdentifier)(relation.relname);
    return { table, ...(statement.node.idxname ? { indexName: statement.node.idxname } : {}) };
}
/** Every index of the target's table (none when the table does not exist). */
async function indexesOf(client, target) {
    const { rows } = await client.query(`select i.indexrelid::int8::text as oid, format('%I.%I', n.nspname, c.relname) as qualified_name, c.relname as name,
            i.indisvalid as valid, i.indisready as ready
       from pg_index i
       join pg_class c on c.oid = i.indexrelid
       join pg_namespace n on n.oid = c.relnamespace
      where i.indrelid = to_regclass($1)`, [target.table]);
    return rows.map((r) => ({ oid: r.oid, qualifiedName: r.qualified_name, name: r.name, valid: r.valid, ready: r.ready }));
}
/** The statement's index (by name, else the ones that appeared) when it is invalid. */
function invalidCandidates(target, before, after) {
    const existed = new Set(before.map((i) => i.oid));
    const candidates = target.indexName ? after.filter((i) => i.name === target.indexName) : after.filter((i) => !existed.has(i.oid));
    return candidates.filter((i) => !i.valid).map((index) => ({ index, created: !existed.has(index.oid) }));
}
async function dropOwnIndex(client, index) {
    try {
        await client.query(`drop index concurrently if exists ${index.qualifiedName}`);
        return undefined;
    }
    catch (err) {
        return err.message;
    }
}
/**
 * After the statement ran (or failed): the invalid index it left, dropped when this attempt
 * created it. `before` is `indexesOf` taken just before the statement.
 */
async function settleInvalidIndexes(client, target, before) {
    const settled = [];
    for (const { index, created } of invalidCandidates(target, before, await indexesOf(client, target))) {
        const dropError = created ? await dropOwnIndex(client, index) : undefined;
        settled.push({
            name: index.qualifiedName,
            ready: index.ready,
            createdByThisAttempt: created,
            dropped: created && dropError === undefined,
            dropStatement: `DROP INDEX CONCURRENTLY ${index.qualifiedName};`,
            ...(dropError !== undefined ? { dropError } : {}),
        });
    }
    return settled;
}
/** One sentence per invalid index: what happened to it and, when it is still there, what to run. */
function describeInvalidIndexes(indexes) {
    return indexes
        .map((i) => {
        const flags = `pg_index.indisvalid = false${i.ready ? '' : ', indisready = false'}`;
        if (i.dropped)
            return `The concurrent build left the INVALID index ${i.name} (${flags}); this deploy had created it and dropped it again, so nothing of that statement remains.`;
        if (i.createdByThisAttempt)
            return `The concurrent build left the INVALID index ${i.name} (${flags}) and dropping it failed (${i.dropError}): run "${i.dropStatement}" before deploying again.`;
        return `The index ${i.name} is INVALID (${flags}) and existed before this deploy (an earlier failed build, or made by hand), so it was left in place: run "${i.dropStatement}" before deploying again.`;
    })
        .join(' ');
}

// EXTERNAL MODULE: ./packages/core/src/deploy/plan.ts
var deploy_plan = __webpack_require__(7710);
// EXTERNAL MODULE: ./packages/core/src/locate-error.ts
var locate_error = __webpack_require__(4624);
// EXTERNAL MODULE: ./packages/core/src/redact.ts
var redact = __webpack_require__(796);
;// CONCATENATED MODULE: ./packages/core/src/deploy/sql-errors.ts



const LOCK_NOT_AVAILABLE = '55P03';
const QUERY_CANCELED = '57014';
function statementRef(file, statement) {
    const firstLine = (0,redact/* redactPasswords */.s)(statement.text).split('\n')[0];
    return {
        index: statement.index,
        file,
        line: statement.line,
        column: statement.column,
        kind: statement.kind,
        summary: firstLine.length > 80 ? `${firstLine.slice(0, 77)}...` : firstLine,
    };
}
function classifyError(err) {
    const code = err?.code;
    if (code === LOCK_NOT_AVAILABLE)
        return 'lock-timeout';
    if (code === QUERY_CANCELED && /statement timeout/i.test(err.message ?? ''))
        return 'statement-timeout';
    if ((0,db_connection.isConnectionLoss)(err))
        return 'connection-lost';
    return 'sql';
}
/** A Postgres error raised by `statement` of `file`, located at the character Postgres points at. */
function migrationError(err, file, statement, scrub = (t) => t) {
    const e = (err ?? {});
    const at = statement ? (0,locate_error/* locateErrorInStatement */.hs)(statement, { ...e, message: e.message ?? String(err) }) : { line: 1, column: 1 };
    const optional = (value) => (value ? scrub(value) : undefined);
    return {
        kind: classifyError(err),
        message: scrub(e.message ?? String(err)),
        ...(e.code && /^[0-9A-Z]{5}$/.test(e.code) ? { code: e.code } : {}),
        ...(e.detail ? { detail: optional(e.detail) } : {}),
        ...(e.hint ? { hint: optional(e.hint) } : {}),
        ...(e.where ? { where: optional(e.where) } : {}),
        file,
        ...at,
        ...(statement ? { statement: statementRef(file, statement) } : {}),
    };
}
/** `file:line:column: message` plus detail, hint and context lines, as shown to people. */
function formatMigrationError(error) {
    const lines = [`${error.file}:${error.line}:${error.column}: ${error.message}${error.code ? ` (SQLSTATE ${error.code})` : ''}`];
    if (error.detail)
        lines.push(`  Detail: ${error.detail}`);
    if (error.hint)
        lines.push(`  Hint: ${error.hint}`);
    if (error.where)
        lines.push(`  Context: ${error.where}`);
    if (error.statement)
        lines.push(`  Statement ${error.statement.index + 1} (line ${error.statement.line}): ${error.statement.summary}`);
    return lines.join('\n');
}

;// CONCATENATED MODULE: ./packages/core/src/deploy/execute.ts




const DEFAULT_EXECUTION_SETTINGS = {
    lockTimeoutMs: 5_000,
    statementTimeoutMs: 10 * 60_000,
    lockRetries: 3,
    lockRetryDelayMs: 1_000,
    maxLockRetryDelayMs: 30_000,
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** Milliseconds since `started`, to 0.01 ms: enough for per-migration timings, short in JSON. */
const elapsed = (started) => Math.round((performance.now() - started) * 100) / 100;
function retryDelay(settings, retry) {
    return Math.min(settings.maxLockRetryDelayMs, settings.lockRetryDelayMs * 2 ** (retry - 1));
}
function timeoutSettings(settings, scope) {
    const set = scope === 'local' ? 'set local' : 'set';
    const ms = (n) => `'${Math.max(0, Math.round(n))}ms'`;
    return `${set} lock_timeout = ${ms(settings.lockTimeoutMs)}; ${set} statement_timeout = ${ms(settings.statementTimeoutMs)}`;
}
function baseRun(migration) {
    return {
        version: migration.version,
        name: migration.name ?? '',
        file: migration.path,
        checksum: migration.checksum,
        transactional: migration.directives.transactional,
    };
}
function notRun(migration, note) {
    return {
        ...baseRun(migration),
        status: 'not-run',
        durationMs: 0,
        attempts: 0,
        statementsRun: [],
        statementsNotRun: (0,deploy_plan/* executableStatements */.Xg)(migration).map((s) => statementRef(migration.path, s)),
        ...(note ? { note } : {}),
    };
}
/** Logs a lock-timeout retry and waits; returns false when the retries are used up. */
async function retryAfterLockTimeout(ctx, error, attempt) {
    if (error.kind !== 'lock-timeout' || attempt > ctx.settings.lockRetries)
        return false;
    const delay = retryDelay(ctx.settings, attempt);
    ctx.log({
        level: 'warning',
        event: 'lock-timeout-retry',
        message: `${error.file}:${error.line}: lock timeout (${error.message}); attempt ${attempt} of ${ctx.settings.lockRetries + 1} failed, retrying in ${delay} ms.`,
        data: { file: error.file, line: error.line, attempt, maxAttempts: ctx.settings.lockRetries + 1, delayMs: delay },
    });
    await sleep(delay);
    return true;
}
function connectionLostNote(phase) {
    if (phase === 'commit') {
        return 'The connection dropped while recording and committing, so the server may or may not have applied this migration. Its history row is in the same transaction, so the history tells which: run "migration-gate status".';
    }
    return 'The connection dropped before the migration committed; the server rolled its transaction back, so it is neither applied nor recorded.';
}
/** One transaction: the statements and the history row commit together or not at all. */
async function applyInTransaction(ctx, migration) {
    const { client } = ctx;
    const statements = (0,deploy_plan/* executableStatements */.Xg)(migration);
    const refs = statements.map((s) => statementRef(migration.path, s));
    const started = performance.now();
    for (let attempt = 1;; attempt++) {
        let current;
        let phase = 'setup';
        try {
            // RESET ALL first: a previous migration may have changed search_path or role for the session.
            await client.query(`begin; reset all; ${timeoutSettings(ctx.settings, 'local')}`);
            phase = 'statements';
            for (const statement of statements) {
                current = statement;
                await client.query(statement.text);
            }
            current = undefined;
            phase = 'commit';
            // RESET ROLE: the history row is written by the deploying login, whatever role the migration switched to.
            await client.query(`reset role;\n${(0,deploy_history/* recordAppliedSql */.vA)(ctx.historyEntry(migration, elapsed(started), attempt))};\ncommit`);
            return { ...baseRun(migration), status: 'applied', durationMs: elapsed(started), attempts: attempt, statementsRun: refs, statementsNotRun: [] };
        }
        catch (err) {
            const error = migrationError(err, migration.path, current, ctx.scrub);
            if (error.kind !== 'connection-lost') {
                await client.query('rollback').catch(() => undefined);
                if (await retryAfterLockTimeout(ctx, error, attempt))
                    continue;
                if (phase === 'commit')
                    error.message = `recording the migration in supabase_migrations failed, so it was rolled back: ${error.message}`;
            }
            const failedIndex = current ? statements.indexOf(current) : -1;
            return {
                ...baseRun(migration),
                status: 'failed',
                durationMs: elapsed(started),
                attempts: attempt,
                statementsRun: [],
                ...(failedIndex >= 0 ? { failedStatement: refs[failedIndex] } : {}),
                statementsNotRun: failedIndex >= 0 ? refs.slice(failedIndex + 1) : phase === 'setup' ? refs : [],
                error,
                ...(error.kind === 'connection-lost' ? { note: connectionLostNote(phase), commitOutcomeUnknown: phase === 'commit' } : {}),
            };
        }
    }
}
/**
 * `-- transaction: none`: each statement commits on its own (CREATE INDEX CONCURRENTLY needs
 * that). The history row is written only after the last one succeeded, so a partial failure
 * leaves the migration pending and the report lists exactly what already ran.
 */
async function applyStatementByStatement(ctx, migration) {
    const { client } = ctx;
    const statements = (0,deploy_plan/* executableStatements */.Xg)(migration);
    const refs = statements.map((s) => statementRef(migration.path, s));
    const started = performance.now();
    let attempts = 1;
    const failed = (error, index, extra = {}) => ({
        ...baseRun(migration),
        status: 'failed',
        durationMs: elapsed(started),
        attempts,
        statementsRun: refs.slice(0, Math.max(0, index)),
        ...(index >= 0 && index < refs.length ? { failedStatement: refs[index] } : {}),
        statementsNotRun: index >= 0 ? refs.slice(index + 1) : [],
        error,
        ...extra,
    });
    try {
        await client.query(`reset all; ${timeoutSettings(ctx.settings, 'session')}`);
    }
    catch (err) {
        return failed(migrationError(err, migration.path, undefined, ctx.scrub), 0, { statementsNotRun: refs, failedStatement: undefined });
    }
    for (let i = 0; i < statements.length; i++) {
        const outcome = await runCommittingStatement(ctx, migration, statements[i], i);
        attempts = Math.max(attempts, outcome.attempts);
        if (outcome.error)
            return failed(outcome.error, i, outcome.extra);
        await ctx.onStatementCommitted?.(migration, refs.slice(0, i + 1));
    }
    try {
        await client.query(`reset role;\n${(0,deploy_history/* recordAppliedSql */.vA)(ctx.historyEntry(migration, elapsed(started), attempts))}`);
    }
    catch (err) {
        const error = migrationError(err, migration.path, undefined, ctx.scrub);
        return {
            ...failed(error, statements.length),
            note: error.kind === 'connection-lost'
                ? 'All statements ran, but the connection dropped while recording the migration; it may be unrecorded although its changes are in place.'
                : 'All statements ran, but recording the migration in the history failed; its changes are in place but it is not recorded.',
            commitOutcomeUnknown: error.kind === 'connection-lost',
        };
    }
    return { ...baseRun(migration), status: 'applied', durationMs: elapsed(started), attempts, statementsRun: refs, statementsNotRun: [] };
}
/**
 * One statement of a `-- transaction: none` migration, in autocommit, with lock-timeout retries.
 * A concurrent index build is checked for validity afterwards, whether it failed or not.
 */
async function runCommittingStatement(ctx, migration, statement, index) {
    const target = concurrentIndexTarget(statement);
    for (let attempt = 1;; attempt++) {
        try {
            const before = target ? await indexesOf(ctx.client, target) : [];
            const failure = await ctx.client.query(statement.text).then(() => undefined, (err) => err);
            if (failure === undefined) {
                const invalid = target ? await settleInvalidIndexes(ctx.client, target, before) : [];
                return invalid.length === 0 ? { attempts: attempt } : { attempts: attempt, error: invalidIndexError(migration, statement, invalid), extra: { invalidIndexes: invalid } };
            }
            const error = migrationError(failure, migration.path, statement, ctx.scrub);
            if (error.kind === 'connection-lost')
                return { attempts: attempt, error, extra: { note: connectionLostMidStatement(index, target) } };
            // The file may have opened its own transaction; leave the session usable for the audit record.
            await ctx.client.query('rollback').catch(() => undefined);
            const invalid = target ? await settleInvalidIndexes(ctx.client, target, before) : [];
            // A retry can only succeed when no invalid index is left in its way.
            if (invalid.every((i) => i.dropped) && (await retryAfterLockTimeout(ctx, error, attempt)))
                continue;
            return { attempts: attempt, error, extra: invalid.length > 0 ? { invalidIndexes: invalid } : {} };
        }
        catch (err) {
            // Reading or dropping the index failed: the connection is gone, or the catalog is not readable.
            const error = migrationError(err, migration.path, statement, ctx.scrub);
            return { attempts: attempt, error, extra: error.kind === 'connection-lost' ? { note: connectionLostMidStatement(index, target) } : {} };
        }
    }
}
function invalidIndexError(migration, statement, invalid) {
    return {
        kind: 'invalid-index',
        message: `the statement succeeded but left no valid index: ${describeInvalidIndexes(invalid)}`,
        file: migration.path,
        line: statement.line,
        column: statement.column,
        statement: statementRef(migration.path, statement),
    };
}
function connectionLostMidStatement(index, target) {
    const invalid = target
        ? ` It was building an index concurrently, which may be left INVALID: list such indexes with "select indexrelid::regclass from pg_index where not indisvalid" and drop them with DROP INDEX CONCURRENTLY before deploying again.`
        : '';
    return `The connection dropped during statement ${index + 1}; whether that statement took effect is unknown. Statements before it are committed.${invalid}`;
}
/**
 * Runs pending migrations inside one transaction that is always rolled back, each under a
 * savepoint so later ones see the earlier ones' changes. Stops at the first failure, as a deploy would.
 */
async function dryRun(ctx, migrations) {
    const { client } = ctx;
    const runs = [];
    let stoppedBy;
    await client.query('begin');
    try {
        for (const migration of migrations) {
            if (stoppedBy) {
                runs.push(notRun(migration, `Not checked: ${stoppedBy} failed first.`));
                continue;
            }
            const statements = (0,deploy_plan/* executableStatements */.Xg)(migration);
            const refs = statements.map((s) => statementRef(migration.path, s));
            if (!migration.directives.transactional) {
                runs.push({
                    ...baseRun(migration),
                    status: 'dry-run-skipped',
                    durationMs: 0,
                    attempts: 0,
                    statementsRun: [],
                    statementsNotRun: refs,
                    note: 'Not executed in the dry run: a "-- transaction: none" migration cannot run inside the rolled-back transaction. Later migrations are checked without its changes.',
                });
                continue;
            }
            const started = performance.now();
            for (let attempt = 1;; attempt++) {
                let current;
                try {
                    await client.query(`savepoint gate_dry_run; reset all; ${timeoutSettings(ctx.settings, 'local')}`);
                    for (const statement of statements) {
                        current = statement;
                        await client.query(statement.text);
                    }
                    await client.query('release savepoint gate_dry_run');
                    runs.push({ ...baseRun(migration), status: 'dry-run-ok', durationMs: elapsed(started), attempts: attempt, statementsRun: [], statementsNotRun: [] });
                    break;
                }
                catch (err) {
                    const error = migrationError(err, migration.path, current, ctx.scrub);
                    if (error.kind !== 'connection-lost') {
                        await client.query('rollback to savepoint gate_dry_run').catch(() => undefined);
                        if (await retryAfterLockTimeout(ctx, error, attempt))
                            continue;
                    }
                    const failedIndex = current ? statements.indexOf(current) : -1;
                    runs.push({
                        ...baseRun(migration),
                        status: 'dry-run-failed',
                        durationMs: elapsed(started),
                        attempts: attempt,
                        statementsRun: [],
                        ...(failedIndex >= 0 ? { failedStatement: refs[failedIndex] } : {}),
                        statementsNotRun: failedIndex >= 0 ? refs.slice(failedIndex + 1) : refs,
                        error,
                    });
                    stoppedBy = migration.path;
                    break;
                }
            }
        }
    }
    finally {
        await client.query('rollback').catch(() => undefined);
    }
    return runs;
}

;// CONCATENATED MODULE: ./packages/core/src/deploy/partial-attempts.ts

/** Saves the row's partial_statements (the caller has updated `partial` in memory first). */
async function savePartialStatements(client, auditId, partial) {
    await client.query(`update ${deploy_history/* AUDIT_TABLE */.zU} set partial_statements = $1 where id = $2`, [JSON.stringify(partial), auditId]);
}
/**
 * Earlier attempts (other than `ownAuditId`) whose committed statements of `version` are still in
 * effect: every attempt since the version was last applied, oldest first. Empty when none.
 */
async function earlierPartialAttempts(client, version, ownAuditId) {
    const { rows } = await client.query(`select id, to_json(started_at) #>> '{}' as started_at, outcome, partial_statements -> $1 as partial
       from ${deploy_history/* AUDIT_TABLE */.zU}
      where partial_statements ? $1 and jsonb_array_length(partial_statements -> $1 -> 'committed') > 0
        and id is distinct from $2
        and id > coalesce((select max(id) from ${deploy_history/* AUDIT_TABLE */.zU} where $1 = any(applied_versions)), 0)
      order by id`, [version, ownAuditId]);
    return rows.map((r) => ({ auditId: Number(r.id), startedAt: r.started_at, outcome: r.outcome, partial: r.partial }));
}
/** "audit row 12 (failed, started ...) committed the statements at lines 2, 4" for each attempt, joined. */
function describeEarlierAttempts(attempts, currentChecksum) {
    return attempts
        .map((a) => {
        const lines = a.partial.committed.map((c) => c.line).join(', ');
        const edited = a.partial.checksum !== currentChecksum ? ' of the file as it was then (it has been edited since)' : '';
        return `audit row ${a.auditId} (${a.outcome}, started ${a.startedAt}) committed the statement(s) at line(s) ${lines}${edited}`;
    })
        .join('; ');
}

;// CONCATENATED MODULE: ./packages/core/src/deploy/failure-text.ts
/**
 * The "what now" paragraph after a failed migration. Deploys never roll back, so the text must
 * say exactly what is in effect: for a transactional migration nothing (its transaction rolled
 * back), for a `-- transaction: none` migration the statements that committed, in this attempt
 * and in earlier ones, and any INVALID index a concurrent build left behind.
 */


const at = (refs) => refs.map((s) => `${s.file}:${s.line}`).join(', ');
function describeFailure(run, appliedBefore, settings) {
    const kept = appliedBefore > 0 ? ` The ${appliedBefore} migration(s) applied before it in this run stay applied (deploys never roll back).` : '';
    if (run.error.kind === 'connection-lost') {
        return `The database connection was lost while applying ${run.file}: ${run.error.message}. ${run.note ?? ''}${kept} Deploy again once the database is reachable: only migrations missing from the history run.`;
    }
    return (run.transactional ? describeTransactionalFailure(run, settings) : describeNonTransactionalFailure(run)) + kept;
}
function describeTransactionalFailure(run, settings) {
    const error = run.error;
    const cause = error.kind === 'lock-timeout'
        ? ` It could not get its locks within lock_timeout (${settings.lockTimeoutMs} ms) in ${run.attempts} attempt(s): other sessions hold conflicting locks (long transactions or queries on the same tables; see pg_stat_activity). Retry when traffic is lower or raise the lock timeout.`
        : error.kind === 'statement-timeout'
            ? ` A statement ran longer than statement_timeout (${settings.statementTimeoutMs} ms): raise it, or split the work (e.g. batches in a "-- transaction: none" migration).`
            : '';
    const unrecorded = run.note ?? `Nothing of ${run.file} was applied: its transaction was rolled back and it is not recorded.`;
    return (`${unrecorded}${cause} Fix forward: correct ${run.file} (editing it is safe while no environment has applied it; where one has, ` +
        `record the edit there with "migration-gate repair --status applied ${run.version}"), then deploy again: only migrations missing from the history run.`);
}
/** Statement by statement: what this attempt committed, what earlier attempts left, what a concurrent index build left. */
function describeNonTransactionalFailure(run) {
    const error = run.error;
    const rest = run.statementsNotRun.length > 0 ? `; not run: ${at(run.statementsNotRun)}` : '';
    const parts = run.statementsRun.length > 0
        ? [`${run.file} ran partially ("-- transaction: none"): statements already committed: ${at(run.statementsRun)}; failed: ${error.file}:${error.line}${rest}.`]
        : [`${run.file} ("-- transaction: none") failed at its first statement, ${error.file}:${error.line}, so this attempt committed none of its statements${rest}.`];
    if (run.note)
        parts.push(run.note);
    if (run.earlierAttempts?.length) {
        parts.push(`Still in effect from earlier attempts: ${describeEarlierAttempts(run.earlierAttempts, run.checksum)}. ` +
            'Running the file again from the start repeats those statements, which is why one of them can now fail (for example "already exists").');
    }
    if (run.invalidIndexes?.length && error.kind !== 'invalid-index')
        parts.push(describeInvalidIndexes(run.invalidIndexes));
    parts.push('It is not recorded as applied. Either make the file safe to run again from the start (IF NOT EXISTS / IF EXISTS) and deploy again, ' +
        `or finish the remaining statements by hand and record the migration with "migration-gate repair --status applied ${run.version}".`);
    return parts.join(' ');
}

// EXTERNAL MODULE: ./packages/core/src/deploy/history-statements.ts
var history_statements = __webpack_require__(2784);
;// CONCATENATED MODULE: ./packages/core/src/deploy/lock.ts
/**
 * The bytes of the ASCII string "mgdeploy" read as a big-endian bigint (0x6d676465706c6f79).
 * Documented in docs/history-tables.md so that other tooling can take or inspect the same lock.
 */
const DEPLOY_LOCK_KEY = '7883380059575971705';
/** How pg_locks shows a bigint advisory key: high 32 bits as classid, low 32 bits as objid, objsubid 1. */
const LOCK_CLASSID = 1835492453;
const LOCK_OBJID = 1886154617;
async function tryDeployLock(client) {
    const { rows } = await client.query(`select pg_try_advisory_lock(${DEPLOY_LOCK_KEY}) as locked`);
    return rows[0].locked === true;
}
async function releaseDeployLock(client) {
    await client.query(`select pg_advisory_unlock(${DEPLOY_LOCK_KEY})`);
}
/** The sessions holding the deploy lock on the current database (details depend on the role's pg_stat_activity rights). */
async function deployLockHolders(client) {
    const { rows } = await client.query(`select l.pid, a.application_name, a.usename, host(a.client_addr) as client_addr,
            to_json(a.backend_start) #>> '{}' as backend_start, a.state
       from pg_locks l
       left join pg_stat_activity a on a.pid = l.pid
      where l.locktype = 'advisory' and l.granted
        and l.database = (select oid from pg_database where datname = current_database())
        and l.classid = ${LOCK_CLASSID} and l.objid = ${LOCK_OBJID} and l.objsubid = 1`);
    return rows.map((r) => ({
        pid: r.pid,
        applicationName: r.application_name ?? null,
        user: r.usename ?? null,
        clientAddress: r.client_addr ?? null,
        backendStart: r.backend_start ?? null,
        state: r.state ?? null,
    }));
}
function describeHolders(holders) {
    if (holders.length === 0)
        return 'a session that has just released it';
    return holders
        .map((h) => {
        const parts = [`pid ${h.pid}`];
        if (h.applicationName)
            parts.push(`application_name "${h.applicationName}"`);
        if (h.user)
            parts.push(`user ${h.user}`);
        if (h.clientAddress)
            parts.push(`client ${h.clientAddress}`);
        if (h.backendStart)
            parts.push(`connected since ${h.backendStart}`);
        return parts.join(', ');
    })
        .join('; ');
}
const lock_sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** Polls pg_try_advisory_lock until it succeeds or `waitMs` has passed; never blocks inside the server. */
async function acquireDeployLock(client, options) {
    const started = Date.now();
    let reported = false;
    for (;;) {
        if (await tryDeployLock(client))
            return { acquired: true, waitedMs: Date.now() - started };
        const elapsed = Date.now() - started;
        if (!reported || elapsed >= options.waitMs) {
            const holders = await deployLockHolders(client);
            if (!reported) {
                reported = true;
                options.onBusy?.(holders);
            }
            if (elapsed >= options.waitMs)
                return { acquired: false, waitedMs: elapsed, holders };
        }
        // Jitter keeps a crowd of waiting deploys from polling in lockstep.
        const delay = options.pollMs * (0.5 + Math.random());
        await lock_sleep(Math.min(delay, Math.max(0, options.waitMs - elapsed)) || 1);
    }
}

;// CONCATENATED MODULE: ./packages/core/src/deploy/interrupted.ts


const ATTEMPT_COLUMNS = `a.id, a.command, a.environment, a.outcome, to_json(a.started_at) #>> '{}' as started_at,
  to_json(coalesce(a.finished_at, a.started_at)) #>> '{}' as last_progress_at, a.applied_versions, a.partial_statements,
  a.actor, a.git_sha, a.application_name, a.workflow_run_url`;
function toAttempt(row) {
    return {
        id: Number(row.id),
        command: row.command,
        environment: row.environment,
        outcome: row.outcome,
        startedAt: row.started_at,
        lastProgressAt: row.last_progress_at,
        appliedVersions: row.applied_versions,
        partialStatements: row.partial_statements ?? {},
        actor: row.actor,
        gitSha: row.git_sha,
        applicationName: row.application_name,
        workflowRunUrl: row.workflow_run_url,
    };
}
/**
 * Closes every `running` row but `ownAuditId` as `interrupted`. Call only while holding the deploy
 * lock: then no live attempt can own such a row. One statement, so it is all or nothing.
 */
async function closeInterruptedAttempts(client, ownAuditId) {
    const { rows } = await client.query(`with stale as (
       select id from ${deploy_history/* AUDIT_TABLE */.zU} where outcome = 'running' and id is distinct from $1 for update
     ), recorded as (
       select g.audit_id, array_agg(g.version) as versions, max(g.applied_at) as last_applied_at
         from ${deploy_history/* APPLIED_TABLE */.P3} g join ${deploy_history/* HISTORY_TABLE */.GQ} h on h.version = g.version
        where g.audit_id in (select id from stale)
        group by g.audit_id
     ), closed as (
       update ${deploy_history/* AUDIT_TABLE */.zU} a
          set outcome = 'interrupted',
              applied_versions = array(select distinct v from unnest(a.applied_versions || coalesce(r.versions, '{}')) v order by v),
              finished_at = greatest(a.started_at, r.last_applied_at),
              duration_ms = round(extract(epoch from greatest(a.started_at, r.last_applied_at) - a.started_at) * 1000),
              error = concat_ws(E'\\n', a.error, 'Interrupted: the process stopped (killed, or its connection or server went away) before finishing this record. '
                || 'Closed by the deploy of audit row ' || coalesce($1::text, '?') || ' at ' || (to_json(clock_timestamp()) #>> '{}')
                || '; finished_at is the last moment it is known to have made progress.')
         from stale s left join recorded r on r.audit_id = s.id
        where a.id = s.id
        returning a.*
     )
     select ${ATTEMPT_COLUMNS} from closed a order by a.id`, [ownAuditId]);
    return rows.map(toAttempt);
}
/**
 * Interrupted attempts for `status`: rows closed as `interrupted`, and rows still `running` when
 * no session holds the deploy lock (dead, not closed yet). Reads only; works without the tables.
 */
async function listInterruptedAttempts(client, limit = 20) {
    const { rows: present } = await client.query(`select count(*) = 2 as ok from pg_attribute where attrelid = to_regclass($1) and attname in ('outcome', 'partial_statements') and not attisdropped`, [deploy_history/* AUDIT_TABLE */.zU]);
    if (!present[0]?.ok)
        return { attempts: [], total: 0 };
    const lockFree = (await deployLockHolders(client)).length === 0;
    const outcomes = lockFree ? ['interrupted', 'running'] : ['interrupted'];
    const { rows } = await client.query(`select ${ATTEMPT_COLUMNS}, count(*) over () as total from ${deploy_history/* AUDIT_TABLE */.zU} a where a.outcome = any($1) order by a.id desc limit $2`, [outcomes, limit]);
    return { attempts: rows.map(toAttempt).reverse(), total: rows.length > 0 ? Number(rows[0].total) : 0 };
}
/** One line per attempt, for logs and the terminal. */
function describeInterruptedAttempt(attempt) {
    const who = [attempt.environment && `to ${attempt.environment}`, attempt.actor && `by ${attempt.actor}`, attempt.gitSha && `at ${attempt.gitSha.slice(0, 12)}`].filter(Boolean).join(' ');
    const applied = attempt.appliedVersions.length > 0 ? `it applied ${attempt.appliedVersions.length} migration(s): ${attempt.appliedVersions.join(', ')}` : 'it applied no migration';
    const partial = Object.entries(attempt.partialStatements)
        .filter(([, p]) => p.committed.length > 0)
        .map(([version, p]) => `; "-- transaction: none" migration ${version} ran partially (statements at line(s) ${p.committed.map((c) => c.line).join(', ')} committed, the migration is not applied)`)
        .join('');
    const state = attempt.outcome === 'running' ? 'left "running" by a process that is gone (the next deploy closes it as interrupted)' : 'interrupted';
    return `Audit row ${attempt.id} (${attempt.command} ${who}, started ${attempt.startedAt}, last progress ${attempt.lastProgressAt}) was ${state}: ${applied}${partial}.`;
}

;// CONCATENATED MODULE: ./packages/core/src/deploy/log.ts
const silentLogger = () => undefined;

;// CONCATENATED MODULE: ./packages/core/src/deploy/engine.ts
/**
 * The deploy engine: `deploy` (apply pending migrations, or dry-run them), `migrationStatus` and
 * `repairHistory`. Every function returns a plain, JSON-serialisable result instead of throwing
 * for expected failures (bad folder, unreachable database, drift, failing SQL), so the CLI and the
 * GitHub action can always print and store what happened.
 */

















/** The history entry of one migration, as both a deploy and a repair record it. */
function appliedEntry(migration, run) {
    // Stored redacted: the Supabase CLI keeps statements only for display (and `migration fetch`),
    // and a password must not sit in a table every database user with access to the schema can read.
    const statements = (0,history_statements/* historyStatements */.f3)(migration).map(redact/* redactPasswords */.s);
    return {
        version: migration.version,
        name: migration.name ?? '',
        statements,
        statementsSha256: (0,history_statements/* statementsDigest */.$m)(statements),
        checksum: migration.checksum,
        transactional: migration.directives.transactional,
        toolVersion: version/* TOOL_VERSION */.w,
        ...run,
    };
}
/** What a gate learnt (approvers, override) belongs in the audit row of the attempt. */
function applyGateContext(audit, context) {
    if (!context)
        return;
    if (context.approvers)
        audit.approvers = context.approvers;
    if (context.drift)
        audit.drift = context.drift;
    if (context.override) {
        audit.override = true;
        audit.overrideReason = context.override.reason;
        audit.bypassedGates = context.override.bypassedGates ?? [];
    }
}
const DEFAULT_LOCK_WAIT_MS = 60_000;
const DEFAULT_LOCK_POLL_MS = 500;
function truncateBytes(text, maxBytes) {
    let result = text;
    while (Buffer.byteLength(result) > maxBytes)
        result = result.slice(0, -1);
    return result;
}
/** Postgres keeps 63 bytes of application_name. */
function defaultApplicationName(command, context = {}) {
    const parts = ['migration-gate', command, context.environment, context.gitSha?.slice(0, 7), `pid ${process.pid}`].filter(Boolean);
    return truncateBytes(parts.join(' '), 63);
}
function safeTarget(url) {
    try {
        const t = (0,db_connection.parseDatabaseUrl)(url);
        return { host: t.host, port: t.port, name: t.database, user: t.user };
    }
    catch {
        return { host: '', port: 0, name: '', user: '' };
    }
}
async function loadMigrationSet(source) {
    if (source.migrations)
        return source.migrations;
    await (0,parser/* loadParser */.qd)();
    return (0,discovery/* discoverMigrations */.lF)(source.migrationsDir ?? discovery/* DEFAULT_MIGRATIONS_DIR */.GR, { displayRoot: source.displayRoot });
}
/**
 * Local problems that block: error findings of files that are not applied (an applied file is
 * checked by checksum instead), and transaction control inside pending transactional files.
 */
function fileProblems(set, records, pending) {
    const appliedFiles = new Set(set.migrations.filter((m) => m.version && records.some((r) => r.version === m.version)).map((m) => m.path));
    const problems = set.findings
        .filter((f) => f.severity === 'error' && !f.suppressed && !appliedFiles.has(f.file))
        .map((f) => ({ file: f.file, line: f.line, message: f.message }));
    const pendingVersions = new Set(pending.map((p) => p.version));
    for (const migration of set.migrations) {
        if (migration.version && pendingVersions.has(migration.version))
            problems.push(...(0,deploy_plan/* deployabilityProblems */.wR)(migration));
    }
    return problems;
}
function migrationFor(set, version) {
    return set.migrations.find((m) => m.version === version);
}
/** Replaces secrets in every string of a JSON-like value (statement excerpts can quote them too). */
function scrubDeep(value, scrub) {
    if (typeof value === 'string')
        return scrub(value);
    if (Array.isArray(value))
        return value.map((v) => scrubDeep(v, scrub));
    if (value && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubDeep(v, scrub)]));
    }
    return value;
}
/**
 * Applies pending migrations (or, with `dryRun`, checks them in a rolled-back transaction).
 * Never throws for database or migration problems: see `DeployResult.outcome` and `error`.
 * No string in the result contains the database password.
 */
async function deploy(options) {
    const secrets = (0,db_connection.maskSecrets)(options.databaseUrl);
    return scrubDeep(await runDeploy(options), (text) => (0,db_connection.scrubSecrets)(text, secrets));
}
function startDeployRun(options) {
    const startedAt = new Date();
    const dry = !!options.dryRun;
    const context = options.context ?? {};
    const secrets = (0,db_connection.maskSecrets)(options.databaseUrl);
    const resolved = {
        log: options.logger ?? silentLogger,
        scrub: (text) => (0,db_connection.scrubSecrets)(text, secrets),
        applicationName: options.applicationName ?? defaultApplicationName(dry ? 'plan' : 'deploy', context),
    };
    const audit = newAuditRecord({ command: 'deploy', context, database: safeTarget(options.databaseUrl), applicationName: resolved.applicationName, toolVersion: version/* TOOL_VERSION */.w, startedAt });
    const result = {
        outcome: 'refused',
        ok: false,
        dryRun: dry,
        message: '',
        directory: options.migrations?.directory ?? options.migrationsDir ?? discovery/* DEFAULT_MIGRATIONS_DIR */.GR,
        migrations: [],
        applied: [],
        drift: [],
        problems: [],
        notes: [],
        interrupted: [],
        audit,
    };
    return { options, dry, started: performance.now(), settings: { ...DEFAULT_EXECUTION_SETTINGS, ...options.execution }, resolved, audit, result };
}
function concludeRun(run, outcome, message, error) {
    const { result, audit } = run;
    result.outcome = outcome;
    result.ok = outcome === 'applied' || outcome === 'up-to-date' || outcome === 'dry-run-passed';
    result.message = message;
    if (error)
        result.error = error;
    audit.outcome = outcome;
    audit.error = error ? error.message : null;
    return result;
}
async function runDeploy(options) {
    const run = startDeployRun(options);
    const { audit, resolved } = run;
    let set;
    try {
        set = await loadMigrationSet(options);
        run.result.directory = set.directory;
    }
    catch (err) {
        finishTiming(audit, run.started);
        return concludeRun(run, 'refused', err.message, { kind: 'invalid-migrations', message: err.message });
    }
    const connection = await connectForDeploy(run);
    if (!connection)
        return run.result;
    const lock = { held: false };
    try {
        if (run.dry)
            return await planRun(run, connection, set);
        const result = await deployUnderLock(run, connection, set, lock);
        if (result.ok && options.markEnvironment)
            await markDeployedEnvironment(run, connection, options.markEnvironment);
        return result;
    }
    catch (err) {
        return concludeUnexpected(run, connection, set, err);
    }
    finally {
        finishTiming(audit, run.started);
        if (!run.dry)
            await finalizeAudit(connection, options, resolved, audit, lock.held);
        if (lock.held && !connection.lost)
            await releaseDeployLock(connection.client).catch(() => undefined);
        await connection.close();
    }
}
/** Opens the deploy's connection; on failure concludes the run and returns undefined. */
async function connectForDeploy(run) {
    const { options, resolved, audit } = run;
    const { log } = resolved;
    let connection;
    try {
        connection = await (0,db_connection.openConnection)(options.databaseUrl, {
            applicationName: resolved.applicationName,
            tls: options.tls,
            connectTimeoutMs: options.connectTimeoutMs,
            allowTransactionPooler: options.allowTransactionPooler,
            onWarning: (message) => log({ level: 'warning', event: 'pooler-allowed', message }),
        });
    }
    catch (err) {
        const message = resolved.scrub(err.message);
        finishTiming(audit, run.started);
        concludeRun(run, 'connection-failed', message, { kind: err.kind === 'pooler' ? 'pooler' : 'connection', message });
        return undefined;
    }
    connection.client.on('notice', (notice) => log({ level: 'debug', event: 'server-notice', message: resolved.scrub(notice.message ?? '') }));
    log({ level: 'debug', event: 'connected', message: `Connected to ${audit.database.host}:${audit.database.port}/${audit.database.name} as ${audit.database.user} (application_name "${resolved.applicationName}").` });
    return connection;
}
/** Everything between taking the lock and the last migration. `lock.held` tells the caller whether to release it. */
async function deployUnderLock(run, connection, set, lock) {
    const { audit, resolved, result, started } = run;
    if (!(await takeDeployLock(run, connection)))
        return result;
    lock.held = true;
    await openAuditRecord(run, connection);
    const plan = await planUnderLock(run, connection, set);
    if (!plan)
        return result;
    if (!(await passGate(run, set, plan)))
        return result;
    if (plan.pending.length === 0) {
        const count = plan.applied.length;
        return concludeRun(run, 'up-to-date', count > 0 ? `Nothing to deploy: all ${count} migration(s) are already applied.` : `Nothing to deploy: there are no migrations in ${result.directory}.`);
    }
    audit.restorePoint = await captureRestorePoint(connection.client);
    resolved.log({
        level: 'info',
        event: 'restore-point',
        message: `Restore point before changes: server time ${audit.restorePoint.serverTime}${audit.restorePoint.walLsn ? `, WAL LSN ${audit.restorePoint.walLsn}` : ''}.`,
    });
    await writeAuditRow(connection.client, audit);
    const failure = await applyPending(run, connection, set, plan);
    if (failure)
        return concludeFailedMigration(run, failure);
    const versions = result.migrations.filter((m) => m.status === 'applied').map((m) => m.version);
    return concludeRun(run, 'applied', `Applied ${versions.length} migration(s) in ${Math.round(performance.now() - started)} ms: ${versions.join(', ')}.`);
}
/** Waits for the deploy lock; when it stays busy, concludes the run as lock-unavailable and returns false. */
async function takeDeployLock(run, connection) {
    const { options, audit, resolved } = run;
    const { log } = resolved;
    const waitMs = options.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS;
    let waited = false;
    const lock = await acquireDeployLock(connection.client, {
        waitMs,
        pollMs: options.lockPollMs ?? DEFAULT_LOCK_POLL_MS,
        onBusy: (holders) => {
            waited = true;
            log({ level: 'info', event: 'lock-busy', message: `Another deploy holds the deploy lock (${describeHolders(holders)}); waiting up to ${waitMs} ms.`, data: { holders } });
        },
    });
    audit.lockWaitMs = lock.waitedMs;
    if (!lock.acquired) {
        run.result.lockHolders = lock.holders;
        const message = `Another deploy is running against this database: the deploy lock is held by ${describeHolders(lock.holders)}. Gave up after waiting ${lock.waitedMs} ms; nothing was changed. Deploy again when it has finished (or wait longer).`;
        log({ level: 'error', event: 'lock-unavailable', message, data: { holders: lock.holders } });
        concludeRun(run, 'lock-unavailable', message, { kind: 'lock-unavailable', message });
        return false;
    }
    if (waited)
        log({ level: 'info', event: 'lock-acquired', message: `Waited ${lock.waitedMs} ms for the deploy lock.`, data: { waitedMs: lock.waitedMs } });
    return true;
}
/**
 * Under the lock: the history tables, this attempt's audit row, and the rows of earlier attempts
 * that died without finishing theirs (closed as interrupted, and said so).
 */
async function openAuditRecord(run, connection) {
    const { log } = run.resolved;
    if ((await (0,deploy_history/* ensureHistoryTables */.Y1)(connection.client)).created) {
        log({ level: 'info', event: 'history-created', message: 'Created the migration history tables in schema supabase_migrations.' });
    }
    await writeAuditRow(connection.client, run.audit);
    run.result.interrupted = await closeInterruptedAttempts(connection.client, run.audit.id);
    for (const attempt of run.result.interrupted) {
        log({ level: 'warning', event: 'interrupted-attempt', message: `${describeInterruptedAttempt(attempt)} Marked "interrupted".`, data: { auditId: attempt.id } });
    }
}
/** Reads the history and plans; on file problems or drift concludes the run as refused and returns undefined. */
async function planUnderLock(run, connection, set) {
    const { audit, result, options } = run;
    const { log } = run.resolved;
    const history = await (0,deploy_history/* readHistory */.Lu)(connection.client);
    const plan = (0,deploy_plan/* planMigrations */.n6)(set.migrations, history.records, options.allow);
    result.applied = plan.applied;
    result.drift = plan.drift;
    result.notes = plan.notes;
    for (const note of plan.notes)
        log({ level: 'info', event: 'note', message: note });
    for (const d of plan.drift.filter((p) => p.allowed))
        log({ level: 'warning', event: 'drift', message: `Allowed: ${d.message}` });
    audit.versions = plan.pending.map((p) => p.version);
    audit.checksums = Object.fromEntries(plan.pending.map((p) => [p.version, migrationFor(set, p.version).checksum]));
    result.problems = fileProblems(set, history.records, plan.pending);
    if (result.problems.length > 0) {
        const message = `Deploy refused: ${result.problems.length} problem(s) in the migration files must be fixed first:\n${result.problems.map((p) => `  ${p.file}:${p.line}: ${p.message}`).join('\n')}`;
        concludeRun(run, 'refused', message, { kind: 'invalid-migrations', message });
        return undefined;
    }
    if (plan.blocking.length > 0) {
        const message = `Deploy refused: the migration history does not match the migrations folder:\n${plan.blocking.map((d) => `  - ${d.message}`).join('\n')}`;
        for (const d of plan.blocking)
            log({ level: 'error', event: 'drift', message: d.message });
        result.forwardFix =
            'Applied migrations are never edited, deleted or reordered: restore the file or revert the edit, and put further changes in a new migration. ' +
                'When the history itself is wrong, correct it with "migration-gate repair --status applied|reverted <version>" (the same as "supabase migration repair").';
        concludeRun(run, 'refused', message, { kind: 'drift', message });
        return undefined;
    }
    return plan;
}
/** Asks the caller's gate (production: approval, staging, override); on refusal concludes the run and returns false. */
async function passGate(run, set, plan) {
    const { gate } = run.options;
    if (!gate)
        return true;
    const decision = await gate(plan.pending.map((p) => ({ version: p.version, file: p.file, checksum: migrationFor(set, p.version).checksum })));
    applyGateContext(run.audit, decision.context);
    if (decision.proceed)
        return true;
    run.resolved.log({ level: 'error', event: 'gate-refused', message: decision.message });
    run.result.migrations = plan.pending.map((p) => notRun(migrationFor(set, p.version), 'Not run: the deploy gate refused the deploy.'));
    concludeRun(run, 'refused', decision.message, { kind: 'gate', message: decision.message });
    return false;
}
/** Runs the pending migrations in order, stopping at the first failure, which it returns. */
async function applyPending(run, connection, set, plan) {
    const { audit, result } = run;
    const { log } = run.resolved;
    const ctx = executionContext(run, connection);
    let failure;
    for (const [index, pending] of plan.pending.entries()) {
        const migration = migrationFor(set, pending.version);
        if (failure) {
            result.migrations.push(notRun(migration, `Not run: ${failure.file} failed first.`));
            continue;
        }
        log({ level: 'info', event: 'migration-start', message: `Applying ${migration.path} (${index + 1}/${plan.pending.length})${pending.transactional ? '' : ' statement by statement (-- transaction: none)'}...`, data: { version: pending.version } });
        const migrationRun = pending.transactional ? await applyInTransaction(ctx, migration) : await applyNonTransactional(run, ctx, migration);
        result.migrations.push(migrationRun);
        audit.migrationDurations[migrationRun.version] = Math.round(migrationRun.durationMs);
        if (migrationRun.status === 'applied') {
            audit.appliedVersions.push(migrationRun.version);
            log({ level: 'info', event: 'migration-applied', message: `Applied ${migrationRun.file} in ${Math.round(migrationRun.durationMs)} ms${migrationRun.attempts > 1 ? ` (${migrationRun.attempts} attempts)` : ''}.`, data: { version: migrationRun.version, durationMs: migrationRun.durationMs, attempts: migrationRun.attempts } });
        }
        else {
            failure = migrationRun;
            log({ level: 'error', event: 'migration-failed', message: formatMigrationError(migrationRun.error), data: { version: migrationRun.version } });
        }
    }
    return failure;
}
function executionContext(run, connection) {
    const { audit, settings, resolved } = run;
    const gitSha = run.options.context?.gitSha ?? null;
    return {
        client: connection.client,
        settings,
        log: resolved.log,
        scrub: resolved.scrub,
        historyEntry: (migration, durationMs, attempts) => appliedEntry(migration, { durationMs, attempts, gitSha, auditId: audit.id }),
        onStatementCommitted: async (migration, committed) => {
            audit.partialStatements[migration.version] = { checksum: migration.checksum, committed: committed.map((s) => ({ index: s.index, line: s.line })) };
            // Best effort: a failure here (the connection went away) surfaces on the next statement.
            await savePartialStatements(connection.client, audit.id, audit.partialStatements).catch(() => undefined);
        },
    };
}
/**
 * A `-- transaction: none` migration, linked to earlier attempts that left some of its statements
 * in effect: warned about before it runs again from statement 1, and named if it fails.
 */
async function applyNonTransactional(run, ctx, migration) {
    const earlier = await earlierPartialAttempts(ctx.client, migration.version, run.audit.id);
    if (earlier.length > 0) {
        ctx.log({
            level: 'warning',
            event: 'partial-attempt',
            message: `${migration.path} ran partially before: ${describeEarlierAttempts(earlier, migration.checksum)}. Those statements are still in effect; running the file again from its first statement.`,
            data: { version: migration.version, auditIds: earlier.map((e) => e.auditId) },
        });
    }
    const migrationRun = await applyStatementByStatement(ctx, migration);
    if (migrationRun.status === 'applied')
        delete run.audit.partialStatements[migration.version];
    return earlier.length > 0 ? { ...migrationRun, earlierAttempts: earlier } : migrationRun;
}
function concludeFailedMigration(run, failure) {
    const appliedBefore = run.result.migrations.filter((m) => m.status === 'applied').length;
    run.result.forwardFix = describeFailure(failure, appliedBefore, run.settings);
    const error = failure.error;
    const what = error.kind === 'connection-lost' ? `The database connection was lost while applying ${failure.file}` : `${failure.file} failed`;
    return concludeRun(run, 'failed', `${what}: ${formatMigrationError(error)}${appliedBefore > 0 ? `\n${appliedBefore} migration(s) were applied before it.` : ''}`, {
        kind: error.kind === 'connection-lost' ? 'connection-lost' : 'migration',
        message: `${error.file}:${error.line}:${error.column}: ${error.message}`,
        migration: error,
    });
}
/** Failures outside a migration: reading history, taking the lock, writing the audit row. */
function concludeUnexpected(run, connection, set, err) {
    const { result, audit } = run;
    const lost = (0,db_connection.isConnectionLoss)(err) || connection.lost !== undefined;
    const message = run.resolved.scrub(lost
        ? `The database connection was lost before or between migrations (${err.message}). Every migration is recorded in the same transaction that applies it, so the history still matches the schema; deploy again once the database is reachable.`
        : `Deploy stopped by an unexpected database error: ${err.message}`);
    const pendingLeft = new Set(audit.versions.filter((v) => !result.migrations.some((m) => m.version === v)));
    for (const version of pendingLeft)
        result.migrations.push(notRun(migrationFor(set, version), 'Not run: the deploy stopped before it.'));
    run.resolved.log({ level: 'error', event: 'migration-failed', message });
    return concludeRun(run, 'failed', message, { kind: lost ? 'connection-lost' : 'internal', message });
}
/**
 * Records which environment this database is (`supabase_migrations.gate_environment`) after a
 * successful deploy, still under the lock; seeding refuses a database marked production. A failure
 * is reported, not fatal: the migrations are applied and audited either way.
 */
async function markDeployedEnvironment(run, connection, name) {
    try {
        await (0,environment_marker/* markEnvironment */.dO)(connection.client, name, run.audit.actor ?? undefined);
        run.result.environmentMarker = { name, written: true };
        run.resolved.log({ level: 'info', event: 'environment-marker', message: `Marked the database as the "${name}" environment (${environment_marker/* ENVIRONMENT_MARKER_TABLE */.iH}); seed refuses it.` });
    }
    catch (err) {
        const error = run.resolved.scrub(err.message);
        run.result.environmentMarker = { name, written: false, error };
        run.resolved.log({ level: 'warning', event: 'environment-marker', message: `Could not mark the database as the "${name}" environment (${environment_marker/* ENVIRONMENT_MARKER_TABLE */.iH}): ${error}. Seed cannot recognise it as ${name} by its marker.` });
    }
}
function finishTiming(audit, started) {
    audit.durationMs = Math.round(performance.now() - started);
    audit.finishedAt = new Date().toISOString();
}
/**
 * Writes the final audit row. On the deploy's own connection when it is alive, otherwise on a
 * fresh one, so a failure caused by a dropped connection is still recorded. Without the lock the
 * row is only written if the table exists: creating tables belongs to the lock holder.
 */
async function finalizeAudit(connection, options, resolved, audit, holdsLock) {
    const write = async (target, lockHeld) => {
        if (audit.id === null && !lockHeld && !(await auditTableExists(target.client))) {
            audit.recordError = 'The audit table does not exist yet and this run did not hold the deploy lock to create it.';
            return;
        }
        await writeAuditRow(target.client, audit);
        resolved.log({ level: 'debug', event: 'audit', message: `Audit row ${audit.id} written (${audit.outcome}).` });
    };
    try {
        if (!connection.lost) {
            try {
                return await write(connection, holdsLock);
            }
            catch (err) {
                // The drop may only surface now, on this query; anything else is a real failure to record.
                if (!(0,db_connection.isConnectionLoss)(err) && !connection.lost)
                    throw err;
            }
        }
        const fresh = await (0,db_connection.openConnection)(options.databaseUrl, {
            applicationName: truncateBytes(`${resolved.applicationName} audit`, 63),
            tls: options.tls,
            connectTimeoutMs: options.connectTimeoutMs,
            allowTransactionPooler: options.allowTransactionPooler,
        });
        try {
            await write(fresh, false);
        }
        finally {
            await fresh.close();
        }
    }
    catch (err) {
        audit.recordError = resolved.scrub(`Could not write the ${audit.id === null ? 'audit row' : `final state of audit row ${audit.id} (it still says "running")`}: ${err.message}`);
        resolved.log({ level: 'warning', event: 'audit', message: audit.recordError });
    }
}
/** `plan` (dry run): reads only, and tries the pending transactional migrations in a transaction that is rolled back. */
async function planRun(run, connection, set) {
    const { options, settings, resolved, result } = run;
    const conclude = (outcome, message, error) => concludeRun(run, outcome, message, error);
    const history = await (0,deploy_history/* readHistory */.Lu)(connection.client);
    const plan = (0,deploy_plan/* planMigrations */.n6)(set.migrations, history.records, options.allow);
    result.applied = plan.applied;
    result.drift = plan.drift;
    result.notes = plan.notes;
    result.audit.versions = plan.pending.map((p) => p.version);
    result.audit.checksums = Object.fromEntries(plan.pending.map((p) => [p.version, migrationFor(set, p.version).checksum]));
    result.problems = fileProblems(set, history.records, plan.pending);
    if (result.problems.length > 0) {
        const message = `Plan: ${result.problems.length} problem(s) in the migration files must be fixed before a deploy:\n${result.problems.map((p) => `  ${p.file}:${p.line}: ${p.message}`).join('\n')}`;
        return conclude('refused', message, { kind: 'invalid-migrations', message });
    }
    if (plan.blocking.length > 0) {
        const message = `Plan: a deploy would be refused, the migration history does not match the migrations folder:\n${plan.blocking.map((d) => `  - ${d.message}`).join('\n')}`;
        return conclude('refused', message, { kind: 'drift', message });
    }
    if (plan.pending.length === 0)
        return conclude('dry-run-passed', `Nothing to deploy: all ${plan.applied.length} migration(s) are already applied.`);
    const runs = await dryRun({ client: connection.client, settings, log: resolved.log, scrub: resolved.scrub }, plan.pending.map((p) => migrationFor(set, p.version)));
    result.migrations = runs;
    for (const migrationRun of runs)
        result.audit.migrationDurations[migrationRun.version] = Math.round(migrationRun.durationMs);
    const failed = runs.find((r) => r.status === 'dry-run-failed');
    if (failed) {
        const error = failed.error;
        return conclude('dry-run-failed', `Dry run: ${failed.file} would fail: ${formatMigrationError(error)}\nThe database was not changed.`, {
            kind: error.kind === 'connection-lost' ? 'connection-lost' : 'migration',
            message: `${error.file}:${error.line}:${error.column}: ${error.message}`,
            migration: error,
        });
    }
    const skipped = runs.filter((r) => r.status === 'dry-run-skipped').length;
    return conclude('dry-run-passed', `Dry run: ${runs.length - skipped} pending migration(s) ran successfully in a transaction that was rolled back${skipped ? `; ${skipped} "-- transaction: none" migration(s) were not executed` : ''}. The database was not changed.`);
}
/**
 * Applied, pending and drifted versions, and interrupted attempts. Only reads, so it works through a transaction pooler
 * too. Throws ConnectionError when the database cannot be reached.
 */
async function migrationStatus(options) {
    const set = await loadMigrationSet(options);
    const connection = await (0,db_connection.openConnection)(options.databaseUrl, {
        applicationName: options.applicationName ?? defaultApplicationName('status'),
        tls: options.tls,
        connectTimeoutMs: options.connectTimeoutMs,
        allowTransactionPooler: true,
    });
    try {
        const history = await (0,deploy_history/* readHistory */.Lu)(connection.client);
        const plan = (0,deploy_plan/* planMigrations */.n6)(set.migrations, history.records, options.allow);
        const interrupted = await listInterruptedAttempts(connection.client);
        return {
            directory: set.directory,
            historyExists: history.exists,
            applied: plan.applied,
            pending: plan.pending,
            drift: plan.drift,
            problems: fileProblems(set, history.records, plan.pending),
            notes: plan.notes,
            interrupted: interrupted.attempts,
            interruptedTotal: interrupted.total,
        };
    }
    catch (err) {
        throw new Error((0,db_connection.scrubSecrets)(err.message, connection.secrets));
    }
    finally {
        await connection.close();
    }
}
/**
 * `migration-gate repair`, the counterpart of `supabase migration repair`: fixes the history
 * without running any migration SQL. All versions change in one transaction, under the deploy lock.
 */
async function repairHistory(options) {
    const started = performance.now();
    const context = options.context ?? {};
    const log = options.logger ?? silentLogger;
    const secrets = (0,db_connection.maskSecrets)(options.databaseUrl);
    const applicationName = options.applicationName ?? defaultApplicationName('repair', context);
    const audit = newAuditRecord({ command: 'repair', context, database: safeTarget(options.databaseUrl), applicationName, toolVersion: version/* TOOL_VERSION */.w, startedAt: new Date() });
    audit.versions = [...options.versions].sort();
    const fail = (message) => {
        audit.outcome = 'failed';
        audit.error = message;
        finishTiming(audit, started);
        return { ok: false, message, changes: [], audit };
    };
    const invalid = options.versions.filter((v) => !/^\d+$/.test(v));
    if (options.versions.length === 0)
        return fail('Name at least one version to repair.');
    if (invalid.length > 0)
        return fail(`Not a migration version: ${invalid.join(', ')} (expected the digits before the first "_" of the file name).`);
    let migrations = [];
    if (options.status === 'applied') {
        const set = await loadMigrationSet(options);
        const missing = [];
        for (const version of audit.versions) {
            const migration = set.migrations.find((m) => m.version === version);
            if (!migration || !migration.parsed)
                missing.push(version);
            else
                migrations.push(migration);
        }
        if (missing.length > 0) {
            return fail(`Cannot mark ${missing.join(', ')} as applied: no parseable ${missing.length === 1 ? 'file' : 'files'} ${missing.map((v) => `${v}_*.sql`).join(', ')} in ${set.directory}. Recording a version needs its file (for the name, statements and checksum).`);
        }
        audit.checksums = Object.fromEntries(migrations.map((m) => [m.version, m.checksum]));
    }
    let connection;
    try {
        connection = await (0,db_connection.openConnection)(options.databaseUrl, { applicationName, tls: options.tls, connectTimeoutMs: options.connectTimeoutMs, allowTransactionPooler: options.allowTransactionPooler });
    }
    catch (err) {
        return fail((0,db_connection.scrubSecrets)(err.message, secrets));
    }
    let holdsLock = false;
    let result;
    try {
        const lock = await acquireDeployLock(connection.client, { waitMs: options.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS, pollMs: options.lockPollMs ?? DEFAULT_LOCK_POLL_MS });
        audit.lockWaitMs = lock.waitedMs;
        if (!lock.acquired) {
            audit.outcome = 'lock-unavailable';
            audit.error = `A deploy is running (lock held by ${describeHolders(lock.holders)}); repair again when it has finished.`;
            finishTiming(audit, started);
            return { ok: false, message: audit.error, changes: [], audit };
        }
        holdsLock = true;
        await (0,deploy_history/* ensureHistoryTables */.Y1)(connection.client);
        await writeAuditRow(connection.client, audit);
        const interrupted = await closeInterruptedAttempts(connection.client, audit.id);
        for (const attempt of interrupted)
            log({ level: 'warning', event: 'interrupted-attempt', message: `${describeInterruptedAttempt(attempt)} Marked "interrupted".`, data: { auditId: attempt.id } });
        const changes = [];
        await connection.client.query('begin');
        if (options.status === 'applied') {
            for (const migration of migrations) {
                const action = await (0,deploy_history/* upsertApplied */.FZ)(connection.client, appliedEntry(migration, { durationMs: 0, attempts: 0, gitSha: context.gitSha ?? null, auditId: audit.id, repaired: true }));
                changes.push({ version: migration.version, action });
            }
        }
        else {
            const deleted = new Set(await (0,deploy_history/* deleteApplied */.LM)(connection.client, audit.versions));
            for (const version of audit.versions)
                changes.push({ version, action: deleted.has(version) ? 'deleted' : 'not-recorded' });
        }
        await connection.client.query('commit');
        audit.outcome = 'repaired';
        audit.appliedVersions = options.status === 'applied' ? audit.versions : [];
        const message = `Repaired migration history: ${changes.map((c) => `${c.version} ${c.action}`).join(', ')} (status ${options.status}). No migration SQL was run.`;
        log({ level: 'info', event: 'summary', message });
        result = { ok: true, message, changes, interrupted, audit };
    }
    catch (err) {
        await connection.client.query('rollback').catch(() => undefined);
        const message = (0,db_connection.scrubSecrets)(`Repair failed, the history is unchanged: ${err.message}`, secrets);
        audit.outcome = 'failed';
        audit.error = message;
        result = { ok: false, message, changes: [], audit };
    }
    finally {
        finishTiming(audit, started);
        if (holdsLock)
            await finalizeAudit(connection, options, { log, scrub: (t) => (0,db_connection.scrubSecrets)(t, secrets), applicationName }, audit, true);
        if (holdsLock && !connection.lost)
            await releaseDeployLock(connection.client).catch(() => undefined);
        await connection.close();
    }
    return result;
}

;// CONCATENATED MODULE: ./packages/core/src/deploy/report.ts


const STATUS_LABEL = {
    applied: 'applied',
    failed: 'FAILED',
    'not-run': 'not run',
    'dry-run-ok': 'ok (rolled back)',
    'dry-run-failed': 'WOULD FAIL',
    'dry-run-skipped': 'skipped (transaction: none)',
};
function runLine(run) {
    const timing = run.attempts > 0 ? ` ${Math.round(run.durationMs)} ms${run.attempts > 1 ? `, ${run.attempts} attempts` : ''}` : '';
    return `  ${run.version}  ${run.name.padEnd(30)} ${STATUS_LABEL[run.status]}${timing}`;
}
function formatDeployResult(result) {
    const lines = [];
    for (const attempt of result.interrupted ?? [])
        lines.push(`warning: ${describeInterruptedAttempt(attempt)} Marked "interrupted" in supabase_migrations.gate_audit.`);
    if (result.interrupted?.length)
        lines.push('');
    if (result.migrations.length > 0) {
        lines.push(result.dryRun ? 'Pending migrations (dry run):' : 'Pending migrations:');
        for (const run of result.migrations) {
            lines.push(runLine(run));
            if (run.status === 'failed' && !run.transactional && run.statementsRun.length > 0) {
                lines.push(`      statements that ran and stay committed: ${run.statementsRun.map((s) => `${s.file}:${s.line}`).join(', ')}`);
                if (run.failedStatement)
                    lines.push(`      failed: ${run.failedStatement.file}:${run.failedStatement.line}`);
                if (run.statementsNotRun.length > 0)
                    lines.push(`      not run: ${run.statementsNotRun.map((s) => `${s.file}:${s.line}`).join(', ')}`);
            }
            if (run.note && run.status !== 'not-run')
                lines.push(`      ${run.note}`);
        }
        lines.push('');
    }
    for (const d of result.drift.filter((p) => p.allowed))
        lines.push(`warning (allowed drift): ${d.message}`);
    for (const note of result.notes)
        lines.push(`note: ${note}`);
    lines.push(result.message);
    if (result.error?.migration && !result.message.includes(formatMigrationError(result.error.migration)))
        lines.push(formatMigrationError(result.error.migration));
    if (result.forwardFix)
        lines.push('', `Next step: ${result.forwardFix}`);
    if (result.environmentMarker) {
        const m = result.environmentMarker;
        lines.push(m.written ? `Marked the database as the "${m.name}" environment.` : `warning: could not mark the database as the "${m.name}" environment: ${m.error}`);
    }
    if (!result.dryRun) {
        const a = result.audit;
        lines.push('', a.recorded ? `Audit record ${a.id} written to supabase_migrations.gate_audit (${a.outcome}).` : `Audit record not written to the database${a.recordError ? `: ${a.recordError}` : '.'}`);
    }
    return lines.join('\n');
}
function formatStatusReport(report) {
    const lines = [];
    if (!report.historyExists)
        lines.push('The database has no migration history yet (supabase_migrations.schema_migrations does not exist).');
    lines.push(`Applied (${report.applied.length}):`);
    for (const a of report.applied) {
        const state = a.state === 'verified' ? `ok (${a.verifiedBy})` : a.state === 'unverified' ? 'ok (not verifiable)' : a.state === 'changed' ? 'CHANGED since applied' : 'MISSING local file';
        const by = a.appliedBy === 'migration-gate' ? `  ${a.appliedAt ?? ''}` : '  (recorded by another tool)';
        lines.push(`  ${a.version}  ${a.name.padEnd(30)} ${state}${by}`);
    }
    lines.push(`Pending (${report.pending.length}):`);
    for (const p of report.pending)
        lines.push(`  ${p.version}  ${p.name.padEnd(30)} ${p.file}${p.transactional ? '' : '  (transaction: none)'}${p.outOfOrder ? '  OUT OF ORDER' : ''}`);
    if (report.drift.length > 0) {
        lines.push(`Drift (${report.drift.length}):`);
        for (const d of report.drift)
            lines.push(`  - ${d.message}`);
    }
    if (report.problems.length > 0) {
        lines.push(`File problems (${report.problems.length}):`);
        for (const p of report.problems)
            lines.push(`  ${p.file}:${p.line}: ${p.message}`);
    }
    if (report.interrupted.length > 0) {
        const more = report.interruptedTotal > report.interrupted.length ? ` (the ${report.interrupted.length} most recent of ${report.interruptedTotal})` : '';
        lines.push(`Interrupted deploys (${report.interruptedTotal})${more}:`);
        for (const attempt of report.interrupted)
            lines.push(`  - ${describeInterruptedAttempt(attempt)}`);
    }
    for (const note of report.notes)
        lines.push(`note: ${note}`);
    return lines.join('\n');
}
function formatRepairResult(result) {
    const audit = result.audit.recorded ? `\nAudit record ${result.audit.id} written to supabase_migrations.gate_audit.` : '';
    return `${result.message}${audit}`;
}

;// CONCATENATED MODULE: ./packages/core/src/deploy/duration.ts
/** Durations as people write them in flags and action inputs: `250ms`, `5s`, `10min`, `1h`; a bare number is milliseconds. */
const UNITS = { ms: 1, s: 1000, sec: 1000, m: 60_000, min: 60_000, h: 3_600_000 };
function parseDuration(text, what = 'duration') {
    const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|sec|m|min|h)?\s*$/i.exec(text);
    if (!match)
        throw new Error(`${what} "${text}" is not a duration; write e.g. 500ms, 5s, 10min or 1h.`);
    return Math.round(Number(match[1]) * UNITS[(match[2] ?? 'ms').toLowerCase()]);
}

;// CONCATENATED MODULE: ./packages/core/src/deploy/index.ts
/** Public API of the deploy engine (used by the CLI and the deploy actions). */














/***/ }),

/***/ 7710:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Xg: () => (/* binding */ executableStatements),
/* harmony export */   n6: () => (/* binding */ planMigrations),
/* harmony export */   wR: () => (/* binding */ deployabilityProblems)
/* harmony export */ });
/* harmony import */ var _history_statements__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2784);
/* harmony import */ var _transaction_control__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9313);


function changedMessage(migration, record, by) {
    const when = record.gate?.appliedAt ? ` on ${record.gate.appliedAt}` : '';
    const evidence = by === 'checksum'
        ? `its checksum is now ${migration.checksum.slice(0, 12)}…, recorded ${record.gate.checksum.slice(0, 12)}…`
        : 'its statements differ from those recorded in supabase_migrations.schema_migrations';
    return (`${migration.path} was edited after it was applied${when} (${evidence}). An applied migration must not change: ` +
        `revert the edit and put the change in a new migration (fix forward). If the edit changes nothing in the database ` +
        `(e.g. a comment), accept it with "migration-gate repair --status applied ${record.version}".`);
}
/**
 * Applies the rules of the deploy: pending = local versions not in history; recorded versions
 * without a file, edited applied files and out-of-order new files are drift, blocking unless allowed.
 */
function planMigrations(local, records, allow = {}) {
    const byVersion = new Map(local.filter((m) => m.version).map((m) => [m.version, m]));
    const recorded = new Map(records.map((r) => [r.version, r]));
    const applied = [];
    const drift = [];
    const notes = [];
    for (const record of records) {
        const migration = byVersion.get(record.version);
        const appliedBy = record.gate ? 'migration-gate' : 'other';
        const base = { version: record.version, name: record.name, appliedBy, appliedAt: record.gate?.appliedAt };
        if (!migration) {
            applied.push({ ...base, state: 'missing-local', verifiedBy: 'none' });
            drift.push({
                kind: 'missing-local',
                version: record.version,
                message: `Version ${record.version}${record.name ? ` (${record.name})` : ''} is recorded as applied but there is no ${record.version}_*.sql in the migrations folder. ` +
                    `Restore the file from git (another branch may have deployed it), or, if it really was never applied here, forget it with "migration-gate repair --status reverted ${record.version}".`,
                allowed: !!allow.missingLocal,
            });
            continue;
        }
        // Our checksum is only evidence if the CLI row is still the one we wrote (not re-pushed by the CLI since).
        const ours = record.gate && record.statements && record.gate.statementsSha256 === (0,_history_statements__WEBPACK_IMPORTED_MODULE_0__/* .statementsDigest */ .$m)(record.statements) ? record.gate : undefined;
        let state;
        let verifiedBy;
        if (ours) {
            verifiedBy = 'checksum';
            state = ours.checksum === migration.checksum ? 'verified' : 'changed';
        }
        else if (record.statements) {
            verifiedBy = 'statements';
            state = (0,_history_statements__WEBPACK_IMPORTED_MODULE_0__/* .statementsMatchText */ .dV)(record.statements, migration.text) ? 'verified' : 'changed';
        }
        else {
            verifiedBy = 'none';
            state = 'unverified';
            notes.push(`${migration.path}: recorded without statements (by an older Supabase CLI), so whether the file changed since it was applied cannot be checked.`);
        }
        applied.push({ ...base, file: migration.path, state, verifiedBy });
        if (state === 'changed') {
            drift.push({ kind: 'changed', version: record.version, file: migration.path, message: changedMessage(migration, record, verifiedBy), allowed: !!allow.changed });
        }
    }
    const newestApplied = records.reduce((max, r) => (max === undefined || r.version > max ? r.version : max), undefined);
    const pending = [];
    for (const migration of local) {
        if (!migration.version || recorded.has(migration.version))
            continue;
        const outOfOrder = newestApplied !== undefined && migration.version < newestApplied;
        if (outOfOrder) {
            drift.push({
                kind: 'out-of-order',
                version: migration.version,
                file: migration.path,
                message: `${migration.path} is new but older than the newest applied migration (${newestApplied}), so it would run out of order against a schema it was not written for. ` +
                    `Rename it to a fresh timestamp (after ${newestApplied}), or allow out-of-order migrations explicitly if it is independent.`,
                allowed: !!allow.outOfOrder,
            });
        }
        pending.push({ version: migration.version, name: migration.name ?? '', file: migration.path, transactional: migration.directives.transactional, outOfOrder });
    }
    return { applied, pending, drift, blocking: drift.filter((d) => !d.allowed), notes };
}
function isTransactionControl(statement) {
    const kind = (0,_transaction_control__WEBPACK_IMPORTED_MODULE_1__/* .transactionKind */ .T)(statement);
    return kind !== undefined && kind !== 'savepoint';
}
const isBegin = (statement) => (0,_transaction_control__WEBPACK_IMPORTED_MODULE_1__/* .transactionKind */ .T)(statement) === 'begin';
const isCommit = (statement) => (0,_transaction_control__WEBPACK_IMPORTED_MODULE_1__/* .transactionKind */ .T)(statement) === 'commit';
/**
 * The statements the engine runs for a migration. A transactional file wrapped in its own
 * BEGIN … COMMIT loses the wrapper: the engine's transaction replaces it, and the history row must
 * be written inside that same transaction.
 */
function executableStatements(migration) {
    const statements = migration.statements;
    if (migration.directives.transactional && statements.length >= 2 && isBegin(statements[0]) && isCommit(statements[statements.length - 1])) {
        return statements.slice(1, -1);
    }
    return statements;
}
/** Problems that make a file impossible to deploy safely, found before touching the database. */
function deployabilityProblems(migration) {
    if (!migration.parsed)
        return [];
    if (!migration.directives.transactional)
        return [];
    return executableStatements(migration)
        .filter(isTransactionControl)
        .map((s) => ({
        file: migration.path,
        line: s.line,
        message: 'Transaction control (BEGIN/COMMIT/ROLLBACK) inside a migration would end the transaction the deploy runs it in, separating the change from its history row. ' +
            'Remove it (each migration already runs in its own transaction), or mark the file "-- transaction: none" if it must manage transactions itself.',
    }));
}


/***/ }),

/***/ 4624:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HY: () => (/* binding */ locateError),
/* harmony export */   hs: () => (/* binding */ locateErrorInStatement)
/* harmony export */ });
/* unused harmony exports errorOffsetInStatement, namedObjectFileOffset */
/** UTF-8 length of the first `count` code points of `text` (Postgres counts code points). */
function byteLengthOfCodePoints(text, count) {
    let bytes = 0;
    let seen = 0;
    for (const ch of text) {
        if (seen >= count)
            break;
        bytes += Buffer.byteLength(ch, 'utf8');
        seen++;
    }
    return bytes;
}
/** Byte offset, inside the statement, of the opening of its first dollar-quoted body, just after the quote. */
function dollarBodyStart(text) {
    const match = /\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text);
    return match ? Buffer.byteLength(text.slice(0, match.index + match[0].length), 'utf8') : undefined;
}
/**
 * Byte offset inside `statement.text` that the error points at, or undefined when Postgres gave
 * nothing to go on (then the statement's start is the best answer).
 */
function errorOffsetInStatement(statement, error) {
    const text = statement.text;
    const position = Number(error.position);
    if (Number.isInteger(position) && position > 0)
        return byteLengthOfCodePoints(text, position - 1);
    // Errors inside a function body or DO block: Postgres reports the position inside the inner
    // query; find that query in the statement when it appears there verbatim.
    const internal = Number(error.internalPosition);
    if (error.internalQuery && Number.isInteger(internal) && internal > 0) {
        const at = text.indexOf(error.internalQuery);
        if (at >= 0 && text.indexOf(error.internalQuery, at + 1) < 0) {
            return Buffer.byteLength(text.slice(0, at), 'utf8') + byteLengthOfCodePoints(error.internalQuery, internal - 1);
        }
    }
    // A DO block failing at run time names the line inside its body ("... inline_code_block line 4").
    const blockLine = error.where ? /inline_code_block line (\d+)/.exec(error.where) : null;
    if (statement.kind === 'DoStmt' && blockLine) {
        const bodyStart = dollarBodyStart(text);
        if (bodyStart !== undefined) {
            const bytes = Buffer.from(text, 'utf8');
            let offset = bodyStart;
            for (let line = 1; line < Number(blockLine[1]); line++) {
                const newline = bytes.indexOf(0x0a, offset);
                if (newline < 0)
                    return undefined;
                offset = newline + 1;
            }
            while (offset < bytes.length && (bytes[offset] === 0x20 || bytes[offset] === 0x09))
                offset++;
            return offset;
        }
    }
    return undefined;
}
function identifiers(list) {
    return Array.isArray(list) ? list.map((item) => item.String?.sval ?? '*') : [];
}
/** The parser's name for what a "does not exist" / "already exists" error names, and where it is. */
const NAMED_ERRORS = [
    {
        code: '42703', // undefined_column: column "x" does not exist / column t.x does not exist
        pattern: /^column "?([^"\s]+)"? (?:of relation "[^"]+" )?does not exist/,
        matches: (type, node, name) => {
            if (type !== 'ColumnRef')
                return false;
            const fields = identifiers(node.fields);
            return fields.slice(-name.length).join('.') === name.join('.');
        },
    },
    {
        code: '42P01', // undefined_table
        pattern: /^relation "([^"]+)" does not exist/,
        matches: (type, node, name) => type === 'RangeVar' && node.relname === name[name.length - 1] && (name.length === 1 || node.schemaname === name[0]),
    },
    {
        code: '3F000', // invalid_schema_name: schema "x" does not exist
        pattern: /^schema "([^"]+)" does not exist/,
        matches: (type, node, name) => (type === 'RangeVar' && node.schemaname === name[0]) ||
            ((type === 'FuncCall' || type === 'TypeName') && identifiers(type === 'FuncCall' ? node.funcname : node.names).length > 1 && identifiers(type === 'FuncCall' ? node.funcname : node.names)[0] === name[0]),
    },
    {
        code: '42P07', // duplicate_table
        pattern: /^relation "([^"]+)" already exists/,
        matches: (type, node, name) => type === 'RangeVar' && node.relname === name[name.length - 1],
    },
    {
        code: '42883', // undefined_function
        pattern: /^function ([^(\s]+)\(/,
        matches: (type, node, name) => type === 'FuncCall' && identifiers(node.funcname).slice(-name.length).join('.') === name.join('.'),
    },
    {
        code: '42704', // undefined_object: type "x" does not exist
        pattern: /^type "([^"]+)" does not exist/,
        matches: (type, node, name) => type === 'TypeName' && identifiers(node.names).slice(-name.length).join('.') === name.join('.'),
    },
    {
        code: '42704', // undefined_object: role "x" does not exist
        pattern: /^role "([^"]+)" does not exist/,
        matches: (type, node, name) => type === 'RoleSpec' && node.rolename === name[0],
    },
];
/**
 * The parse tree wraps some nodes in their type name ({"ColumnRef": {...}}) but not fields of a
 * fixed type ("relation": {"relname": ...}), so nodes are recognised by their shape.
 */
function nodeType(node) {
    if ('relname' in node)
        return 'RangeVar';
    if ('fields' in node)
        return 'ColumnRef';
    if ('funcname' in node && 'funcformat' in node)
        return 'FuncCall';
    if ('names' in node && 'typemod' in node)
        return 'TypeName';
    if ('roletype' in node)
        return 'RoleSpec';
    return undefined;
}
/** Earliest location of a node that `matches` accepts, searching the whole statement tree. */
function findNodeLocation(tree, matches) {
    const stack = [tree];
    let earliest;
    while (stack.length) {
        const value = stack.pop();
        if (Array.isArray(value)) {
            stack.push(...value);
            continue;
        }
        if (!value || typeof value !== 'object')
            continue;
        const node = value;
        const type = nodeType(node);
        if (type && typeof node.location === 'number' && node.location >= 0 && matches(type, node)) {
            earliest = earliest === undefined ? node.location : Math.min(earliest, node.location);
        }
        stack.push(...Object.values(node));
    }
    return earliest;
}
/**
 * Some errors carry no position (e.g. in a policy's expression, which Postgres analyses without
 * the statement text). When the message names the missing object, find it in the parse tree:
 * the parser recorded where each name appears in the file (as a byte offset).
 */
function namedObjectFileOffset(statement, error) {
    for (const rule of NAMED_ERRORS) {
        if (rule.code !== error.code)
            continue;
        const match = rule.pattern.exec(error.message);
        if (!match)
            continue;
        const name = match[1].split('.');
        return findNodeLocation({ [statement.kind]: statement.node }, (type, node) => rule.matches(type, node, name));
    }
    return undefined;
}
/** Line and column of a byte offset inside the statement, counted from where the statement starts in the file. */
function positionInStatement(statement, byteOffset) {
    let line = statement.line;
    let column = statement.column;
    let bytes = 0;
    for (const character of statement.text) {
        if (bytes >= byteOffset)
            break;
        bytes += Buffer.byteLength(character, 'utf8');
        if (character === '\n') {
            line++;
            column = 1;
        }
        else
            column++;
    }
    return { line, column };
}
/**
 * The same answer as `locateError`, from the statement alone (the deploy engine has the
 * statement, not a map of the whole file).
 */
function locateErrorInStatement(statement, error) {
    const offset = errorOffsetInStatement(statement, error);
    if (offset !== undefined)
        return positionInStatement(statement, offset);
    const named = namedObjectFileOffset(statement, error);
    if (named !== undefined && named >= statement.byteStart && named < statement.byteEnd)
        return positionInStatement(statement, named - statement.byteStart);
    return { line: statement.line, column: statement.column };
}
/** 1-based line and column in the file for an error raised by `statement`. */
function locateError(map, statement, error) {
    const offset = errorOffsetInStatement(statement, error);
    if (offset !== undefined)
        return map.position(statement.byteStart + offset);
    const named = namedObjectFileOffset(statement, error);
    if (named !== undefined && named >= statement.byteStart && named < statement.byteEnd)
        return map.position(named);
    return { line: statement.line, column: statement.column };
}


/***/ }),

/***/ 796:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   s: () => (/* binding */ redactPasswords)
/* harmony export */ });
/* unused harmony export REDACTED */
/**
 * Passwords written into migrations (`CREATE ROLE app LOGIN PASSWORD '...'`, `ALTER USER ...
 * ENCRYPTED PASSWORD '...'`) are replaced by `'***'` wherever statement text is shown, logged or
 * stored for display: report excerpts, deploy errors, the history's `statements` and audit rows.
 *
 * The literal after the keyword PASSWORD is found at any quoting depth, so the same secret inside
 * dynamic SQL (`execute 'create role x password ''secret'''`) is redacted too: at depth n a literal
 * opens with n quotes, and its own quotes are doubled at every level, so it ends in the first run
 * of quotes whose length modulo 2n is at least n (the rest of that run closes the outer levels). Dollar-quoted literals (`PASSWORD $$secret$$`) are
 * handled at the top level. What cannot be recognised (a password built by `format('%L', ...)`
 * or concatenation) is left as written.
 */
const REDACTED = '***';
const PASSWORD_KEYWORD = /\bpassword\s+(?=E?'|\$[A-Za-z_0-9]*\$)/gi;
/** End of a quoted literal that opened with `depth` quotes at `start` (just after them), or -1. */
function quotedLiteralEnd(text, start, depth) {
    let i = start;
    while (i < text.length) {
        const next = text.indexOf("'", i);
        if (next < 0)
            return -1;
        let run = next;
        while (run < text.length && text[run] === "'")
            run++;
        // 2n·j escaped quotes, then the n that close this literal, then up to n-1 closing outer ones.
        const extra = ((run - next) % (2 * depth)) - depth;
        if (extra >= 0)
            return run - extra;
        i = run;
    }
    return -1;
}
/** End of an `E'...'` literal, where a backslash escapes the next character (`\\'` included). */
function escapeStringEnd(text, start) {
    for (let i = start; i < text.length; i++) {
        if (text[i] === '\\')
            i++;
        else if (text[i] === "'") {
            if (text[i + 1] !== "'")
                return i + 1;
            i++;
        }
    }
    return -1;
}
function literalEnd(text, start) {
    const dollar = /^\$[A-Za-z_0-9]*\$/.exec(text.slice(start));
    if (dollar) {
        const tag = dollar[0];
        const close = text.indexOf(tag, start + tag.length);
        return close < 0 ? { end: text.length, open: tag, close: '' } : { end: close + tag.length, open: tag, close: tag };
    }
    let i = start;
    const prefix = text[i] === 'E' || text[i] === 'e' ? text[i++] : '';
    let depth = 0;
    while (text[i + depth] === "'")
        depth++;
    // An empty literal at depth n is 2n quotes: nothing to hide.
    if (depth === 0)
        return undefined;
    const end = prefix && depth === 1 ? escapeStringEnd(text, i + 1) : quotedLiteralEnd(text, i + depth, depth);
    const quotes = "'".repeat(depth);
    // Unterminated: an excerpt cut inside the literal. Everything after the quote is hidden.
    if (end < 0)
        return { end: text.length, open: `${prefix}${quotes}`, close: '' };
    return { end, open: `${prefix}${quotes}`, close: quotes };
}
/** `text` with every literal that follows the keyword PASSWORD replaced by `'***'`. */
function redactPasswords(text) {
    if (!/password/i.test(text))
        return text;
    let out = '';
    let copied = 0;
    for (const match of text.matchAll(PASSWORD_KEYWORD)) {
        const literalStart = match.index + match[0].length;
        if (literalStart < copied)
            continue;
        const literal = literalEnd(text, literalStart);
        if (!literal)
            continue;
        out += text.slice(copied, literalStart) + literal.open + REDACTED + literal.close;
        copied = literal.end;
    }
    return out + text.slice(copied);
}


/***/ }),

/***/ 9313:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T: () => (/* binding */ transactionKind)
/* harmony export */ });
const KINDS = {
    TRANS_STMT_BEGIN: 'begin',
    TRANS_STMT_START: 'begin',
    TRANS_STMT_COMMIT: 'commit',
    TRANS_STMT_ROLLBACK: 'rollback',
    TRANS_STMT_SAVEPOINT: 'savepoint',
    TRANS_STMT_RELEASE: 'savepoint',
    TRANS_STMT_ROLLBACK_TO: 'savepoint',
    TRANS_STMT_PREPARE: 'two-phase',
    TRANS_STMT_COMMIT_PREPARED: 'two-phase',
    TRANS_STMT_ROLLBACK_PREPARED: 'two-phase',
};
/** The statement's effect on the transaction, or undefined when it is not transaction control. */
function transactionKind(statement) {
    if (statement.kind !== 'TransactionStmt')
        return undefined;
    return KINDS[String(statement.node?.kind)] ?? 'commit';
}


/***/ })

};
;