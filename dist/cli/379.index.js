"use strict";
exports.id = 379;
exports.ids = [379];
exports.modules = {

/***/ 8379:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  GR: () => (/* binding */ DEFAULT_MIGRATIONS_DIR),
  T: () => (/* binding */ MIGRATION_FILE_PATTERN),
  nl: () => (/* binding */ analyzeMigration),
  GD: () => (/* binding */ classifyFileName),
  gE: () => (/* binding */ compareFileNames),
  lF: () => (/* binding */ discoverMigrations),
  xP: () => (/* binding */ isValidTimestamp),
  PZ: () => (/* binding */ parseMigrations),
  Yr: () => (/* binding */ readMigrations),
  RI: () => (/* binding */ timestampVersion),
  Hb: () => (/* binding */ versionConventionFinding)
});

// UNUSED EXPORTS: checkMigrationSet

// EXTERNAL MODULE: external "node:buffer"
var external_node_buffer_ = __webpack_require__(4573);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./packages/core/src/directives.ts
const DIRECTIVE_RULE_ID = 'directive';
const VERSION_PATTERN = /^[0-9]+$/;
const RULE_ID_PATTERN = /^[a-z][a-z0-9-]*$/;
const KNOWN_KEYS = ['depends-on', 'kind', 'transaction'];
/** `key:` at the start of a comment; the key may be misspelt, use `_` or a space, or capitals. */
const KEYED_PATTERN = /^([A-Za-z][A-Za-z0-9_-]*(?: [A-Za-z][A-Za-z0-9_-]*)?)\s*:(?:\s+(.*)|\s*)$/;
/**
 * Optimal string alignment distance (Levenshtein plus swapping two neighbours), stopping early once
 * it exceeds `limit`: keys are a few letters long, so a library would add more than it saves.
 */
function editDistance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit)
        return limit + 1;
    let before = [];
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        let rowMinimum = i;
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
                value = Math.min(value, before[j - 2] + 1);
            current.push(value);
            rowMinimum = Math.min(rowMinimum, value);
        }
        if (rowMinimum > limit)
            return limit + 1;
        before = previous;
        previous = current;
    }
    return previous[b.length];
}
/**
 * The known key that `key` is a near miss of, if any. Short keys allow one edit, so that prose
 * such as `-- link: ...` is not taken for `kind`; longer ones allow two.
 */
function nearDirectiveKey(key) {
    const normalised = key.toLowerCase().replace(/[_ ]/g, '-');
    for (const known of KNOWN_KEYS) {
        if (normalised === known)
            return known;
        const limit = known.length <= 4 ? 1 : 2;
        if (editDistance(normalised, known, limit) <= limit)
            return known;
    }
    return undefined;
}
function defaultDirectives() {
    return { dependsOn: [], kind: 'schema', transactional: true, allows: [] };
}
/**
 * Reads the leading comment block of `text`. `file` is only used to label findings.
 */
function parseDirectives(text, file) {
    const directives = defaultDirectives();
    const findings = [];
    const problem = (line, message, hint) => findings.push({ ruleId: DIRECTIVE_RULE_ID, severity: 'error', message, hint, file, line, column: 1, source: 'directive' });
    let inBlockComment = false;
    // Line by line up to the first statement only: the rest of a large file is never split.
    for (let start = 0, lineNumber = 1; start <= text.length; lineNumber++) {
        const newline = text.indexOf('\n', start);
        const end = newline === -1 ? text.length : newline;
        const line = text.slice(start, end).trim();
        start = end + 1;
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
        const keyed = KEYED_PATTERN.exec(body);
        if (!keyed)
            continue; // an ordinary comment
        const key = keyed[1];
        const value = (keyed[2] ?? '').trim();
        if (!KNOWN_KEYS.includes(key)) {
            const suggestion = nearDirectiveKey(key);
            if (suggestion) {
                problem(lineNumber, `Unknown directive "${key}:"; did you mean "${suggestion}:"?`, `Write "-- ${suggestion}: ${value || '...'}". Known directives: depends-on, kind, transaction, gate:allow.`);
            }
            continue; // prose
        }
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
        }
    }
    return { directives, findings };
}

// EXTERNAL MODULE: ./packages/core/src/parser.ts
var parser = __webpack_require__(9646);
// EXTERNAL MODULE: ./packages/core/src/parse-threads.ts
var parse_threads = __webpack_require__(9946);
// EXTERNAL MODULE: ./packages/core/src/read-files.ts
var read_files = __webpack_require__(9275);
// EXTERNAL MODULE: ./packages/core/src/source-map.ts
var source_map = __webpack_require__(2311);
;// CONCATENATED MODULE: ./packages/core/src/discovery.ts
/**
 * Finding and reading migrations. `analyzeMigration` and `checkMigrationSet` are pure; only
 * `discoverMigrations` touches the file system.
 */









const DEFAULT_MIGRATIONS_DIR = 'supabase/migrations';
/**
 * The Supabase CLI's own rule (pkg/migration/file.go, `migrateFilePattern`): a file is a
 * migration exactly when its name matches; the digits are its version, the rest its name.
 */
const MIGRATION_FILE_PATTERN = /^([0-9]+)_(.*)\.sql$/;
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
    const match = MIGRATION_FILE_PATTERN.exec(fileName);
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
 * (encoding, emptiness, directives, syntax). A name that is not a migration name
 * (`classifyFileName`) gets an empty version. Requires `loadParser()` first.
 */
function analyzeMigration(fileName, bytes, displayPath, absolutePath = displayPath) {
    const { migration, findings, toParse } = readMigration(fileName, bytes, displayPath, absolutePath);
    if (toParse)
        addParse(migration, findings, (0,parser/* parseSql */.eg)(migration.text));
    return { migration, findings };
}
/**
 * Everything `analyzeMigration` does before parsing: checksum, name, encoding, directives.
 * `toParse` says whether the text still needs the parser (not for a binary or non-UTF-8 file).
 */
function readMigration(fileName, bytes, displayPath, absolutePath) {
    const findings = [];
    const checksum = (0,external_node_crypto_.createHash)('sha256').update(bytes).digest('hex');
    // Discovery only passes migration names; a single file given by hand (draft-fix) may have any name.
    const nameClass = classifyFileName(fileName);
    const { version, name } = nameClass.kind === 'migration' ? nameClass : { version: '', name: fileName.replace(/\.sql$/i, '') };
    const migration = {
        path: displayPath,
        absolutePath,
        fileName,
        version,
        name,
        checksum,
        sizeBytes: bytes.length,
        text: '',
        directives: parseDirectives('', displayPath).directives,
        statements: [],
        parsed: false,
    };
    const nul = bytes.indexOf(0);
    if (nul >= 0) {
        const line = bytes.subarray(0, nul).toString('latin1').split('\n').length;
        findings.push(fileFinding(displayPath, 'file-encoding', 'error', 'The file is binary (it contains a NUL byte), not SQL text.', 'Migrations must be UTF-8 SQL text.', line));
        return { migration, findings, toParse: false };
    }
    // Valid files (nearly all) are confirmed in one native pass; only a bad one is searched line by line.
    const invalidAt = (0,external_node_buffer_.isUtf8)(bytes) ? -1 : firstInvalidUtf8Byte(bytes);
    if (invalidAt >= 0) {
        const line = bytes.subarray(0, invalidAt).toString('latin1').split('\n').length;
        findings.push(fileFinding(displayPath, 'file-encoding', 'error', 'The file is not valid UTF-8.', 'Re-save it as UTF-8 (e.g. iconv -f latin1 -t utf-8).', line));
        return { migration, findings, toParse: false };
    }
    let text = bytes.toString('utf8');
    if (text.charCodeAt(0) === 0xfeff)
        text = text.slice(1); // a BOM is harmless; keep offsets after it
    migration.text = text;
    const directiveParse = parseDirectives(text, displayPath);
    migration.directives = directiveParse.directives;
    findings.push(...directiveParse.findings);
    return { migration, findings, toParse: true };
}
/** Records the parse of `migration.text`: its statements, or a syntax error; no statements is a warning. */
function addParse(migration, findings, parsed) {
    if (parsed.error) {
        findings.push({
            ruleId: 'syntax-error',
            severity: 'error',
            message: `Syntax error: ${parsed.error.message}.`,
            file: migration.path,
            line: parsed.error.line,
            column: parsed.error.column,
            source: 'parser',
        });
        return;
    }
    migration.statements = parsed.statements;
    migration.parsed = true;
    if (parsed.statements.length === 0) {
        findings.push(fileFinding(migration.path, 'empty-migration', 'warning', 'The migration contains no SQL statements.', 'Delete it, or add the change it was meant to make.', new source_map/* SourceMap */.o(migration.text).position(0).line));
    }
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
/**
 * Reads the migrations of `directory` (not recursive) in the order the Supabase CLI applies them.
 * Other `.sql` files are listed in `skipped` with a notice, as the CLI skips them.
 */
async function discoverMigrations(directory, options = {}) {
    return parseMigrations(await readMigrations(directory, options));
}
/** Discovery up to parsing: lists, reads and checks each file (name, encoding, directives). */
async function readMigrations(directory, options = {}) {
    const absoluteDir = external_node_path_.resolve(directory);
    const displayRoot = external_node_path_.resolve(options.displayRoot ?? process.cwd());
    const display = (abs) => {
        const rel = external_node_path_.relative(displayRoot, abs);
        return (rel.startsWith('..') || external_node_path_.isAbsolute(rel) ? abs : rel).split(external_node_path_.sep).join('/');
    };
    let entries;
    try {
        entries = await external_node_fs_.promises.readdir(absoluteDir, { withFileTypes: true });
    }
    catch (err) {
        const code = err.code;
        throw new Error(code === 'ENOENT'
            ? `Migrations folder "${display(absoluteDir)}" does not exist. Pass the folder that holds your <timestamp>_<name>.sql files (default: ${DEFAULT_MIGRATIONS_DIR}).`
            : `Cannot read migrations folder "${display(absoluteDir)}": ${err.message}`);
    }
    const entryFindings = [];
    const skipped = [];
    const fileNames = [];
    entries.sort((a, b) => compareFileNames(a.name, b.name));
    entries.forEach((entry, position) => {
        // The CLI skips folders (said so when one is named like SQL); anything else named like a
        // migration (a FIFO, a link) is read safely and refused by name if it must be.
        if (entry.isDirectory()) {
            if (entry.name.toLowerCase().endsWith('.sql')) {
                const file = display(external_node_path_.join(absoluteDir, entry.name));
                const reason = 'it is a folder, and the Supabase CLI skips folders';
                skipped.push({ file, reason });
                entryFindings.push(fileFinding(file, 'file-skipped', 'notice', `Not a migration: ${reason}.`));
            }
            return;
        }
        const nameClass = classifyFileName(entry.name, position);
        if (nameClass.kind === 'migration')
            fileNames.push(entry.name);
        else if (entry.name.toLowerCase().endsWith('.sql')) {
            const file = display(external_node_path_.join(absoluteDir, entry.name));
            skipped.push({ file, reason: nameClass.reason });
            entryFindings.push(fileFinding(file, 'file-skipped', 'notice', `Not a migration: ${nameClass.reason}.`, 'Rename it to <version>_<name>.sql (e.g. with `supabase migration new`) if it should be applied.'));
        }
    });
    // Many files: the parse worker starts now, so that its start-up overlaps with reading them.
    if (fileNames.length >= parse_threads.PRESTART_MIN_FILES)
        void (0,parse_threads.prestartParseWorker)();
    const absolutePaths = fileNames.map((f) => external_node_path_.join(absoluteDir, f));
    const contents = await (0,read_files/* readFilesSafely */.k4)(absolutePaths, { boundary: options.boundary ?? absoluteDir, maxFileBytes: options.maxFileBytes, display });
    const files = fileNames.map((fileName, i) => {
        const read = contents[i];
        return 'problem' in read ? read.problem : readMigration(fileName, read.bytes, display(absolutePaths[i]), absolutePaths[i]);
    });
    // Files were read in apply order: their migrations are in it too.
    const migrations = files.flatMap((file) => ('migration' in file ? [file.migration] : []));
    return { directory: display(absoluteDir), migrations, skipped, entryFindings, files };
}
/**
 * Parses every migration of `read` (on two cores when the folder is large) and completes the set.
 * `onParsed` sees each migration in apply order as soon as it is parsed (or known unparseable),
 * so that a caller can lint early migrations while later ones are still being parsed.
 */
async function parseMigrations(read, onParsed) {
    await (0,parser/* loadParser */.qd)();
    const analyses = read.files.filter((file) => 'migration' in file);
    const toParse = analyses.filter((analysis) => analysis.toParse);
    let handedOver = 0;
    const handOverUpTo = (end) => {
        for (; handedOver < end; handedOver++)
            onParsed?.(analyses[handedOver].migration);
    };
    (0,parse_threads.parseFiles)(toParse.map((analysis) => analysis.migration.text), {
        onResult: (i, parsed) => {
            addParse(toParse[i].migration, toParse[i].findings, parsed);
            handOverUpTo(analyses.indexOf(toParse[i], handedOver) + 1);
        },
    });
    handOverUpTo(analyses.length);
    const findings = [...read.entryFindings];
    for (const file of read.files) {
        if ('migration' in file)
            findings.push(...file.findings);
        else
            findings.push(file);
    }
    findings.push(...checkMigrationSet(read.migrations));
    return { directory: read.directory, migrations: read.migrations, skipped: read.skipped, findings };
}


/***/ }),

/***/ 9275:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CR: () => (/* binding */ DEFAULT_MAX_FILE_BYTES),
/* harmony export */   k4: () => (/* binding */ readFilesSafely),
/* harmony export */   rx: () => (/* binding */ FILE_READ_RULE_ID)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
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
 * - one file is open at a time, so thousands of migrations do not hit EMFILE.
 *
 * The calls are synchronous: for local files each takes microseconds, while the same six calls
 * through libuv's thread pool cost a round trip each (1,000 files: ~30 ms against ~140 ms, measured
 * on 2 busy cores), and nothing else runs while a migrations folder is read.
 */


/** Default cap on one migration file: far above any real migration, far below the runner's memory. */
const DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024;
/** Rule id of the findings for files that were not read. */
const FILE_READ_RULE_ID = 'file-read';
/** Reads `absolutePaths` in order (the result keeps it). */
async function readFilesSafely(absolutePaths, options) {
    let boundary;
    try {
        boundary = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(options.boundary);
    }
    catch {
        boundary = node_path__WEBPACK_IMPORTED_MODULE_1__.resolve(options.boundary);
    }
    return absolutePaths.map((absolutePath) => readOne(absolutePath, boundary, options));
}
class Refused extends Error {
    hint;
    constructor(message, hint) {
        super(message);
        this.hint = hint;
    }
}
function readOne(absolutePath, boundary, options) {
    try {
        const { target, stats } = resolveInside(absolutePath, boundary);
        return { absolutePath, bytes: readRegularFile(target, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, stats) };
    }
    catch (error) {
        const refused = error instanceof Refused ? error : new Refused(`cannot be read: ${error.message}`, 'Check the file exists and is readable.');
        return {
            absolutePath,
            problem: { ruleId: FILE_READ_RULE_ID, severity: 'error', message: `${node_path__WEBPACK_IMPORTED_MODULE_1__.basename(absolutePath)} ${refused.message}`, hint: refused.hint, file: options.display(absolutePath), line: 1, column: 1, source: 'file' },
        };
    }
}
/** The real path of the file, refusing links that leave `boundary`; for a path that is not a link, its lstat too. */
function resolveInside(absolutePath, boundary) {
    const entry = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(absolutePath);
    if (!entry.isSymbolicLink())
        return { target: absolutePath, stats: entry };
    const link = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readlinkSync)(absolutePath);
    let target;
    try {
        target = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(absolutePath);
    }
    catch (error) {
        throw new Refused(`is a symbolic link to "${link}", which does not resolve (${error.code}).`, 'Commit the migration itself, not a link.');
    }
    const relative = node_path__WEBPACK_IMPORTED_MODULE_1__.relative(boundary, target);
    if (relative === '..' || relative.startsWith(`..${node_path__WEBPACK_IMPORTED_MODULE_1__.sep}`) || node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute(relative)) {
        throw new Refused(`is a symbolic link to "${link}", outside ${boundary}: refused, so that no file from outside the repository is read or applied.`, 'Commit the migration itself, not a link.');
    }
    return { target };
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
function readRegularFile(file, maxBytes, knownStats) {
    // Checked before opening: opening a FIFO or a device can itself block or have effects. The
    // lstat of a path that is not a link already says what it is.
    const before = knownStats ?? (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(file);
    if (!before.isFile())
        throw notRegular(before);
    const fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync)(file, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_RDONLY | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NONBLOCK | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NOFOLLOW);
    try {
        const stats = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.fstatSync)(fd);
        if (!stats.isFile())
            throw notRegular(stats);
        if (stats.size > maxBytes)
            throw tooLarge(stats.size, maxBytes);
        const chunks = [];
        let total = 0;
        // The first read asks for one byte more than fstat reported, so that a short read ends it:
        // sized from the file, not a fixed megabyte, and not zero-filled (only the bytes read are
        // kept), so a thousand small migrations do not allocate and clear gigabytes.
        let wanted = Math.min(stats.size + 1, maxBytes + 1);
        for (;;) {
            const chunk = Buffer.allocUnsafe(wanted);
            const bytesRead = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readSync)(fd, chunk, 0, chunk.length, null);
            if (bytesRead > 0)
                chunks.push(chunk.subarray(0, bytesRead));
            total += bytesRead;
            // The size stat reported can lie (a file still growing): the cap holds for what is read.
            if (total > maxBytes)
                throw tooLarge(total, maxBytes, true);
            if (bytesRead < chunk.length)
                break;
            wanted = Math.min(1024 * 1024, maxBytes + 1 - total);
        }
        return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
    }
    finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync)(fd);
    }
}
function megabytes(bytes) {
    return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
function tooLarge(size, maxBytes, atLeast = false) {
    return new Refused(`is ${atLeast ? 'more than ' : ''}${megabytes(size)}, over the ${megabytes(maxBytes)} limit for one migration: refused.`, 'Split it, load bulk data outside migrations, or raise "maxFileBytes" in .migration-gate.json.');
}


/***/ })

};
;