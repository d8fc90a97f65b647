"use strict";
exports.id = 454;
exports.ids = [454];
exports.modules = {

/***/ 9454:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  validateCommand: () => (/* binding */ validateCommand)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
// EXTERNAL MODULE: ./packages/core/src/config.ts
var src_config = __webpack_require__(5095);
;// CONCATENATED MODULE: ./packages/core/src/model.ts
/**
 * Shared vocabulary of the core library. Everything here is plain data so that pure logic
 * (discovery, parsing, rules, planning, reporting) can be tested without any I/O.
 */
const SEVERITY_ORDER = { notice: 0, warning: 1, error: 2 };

;// CONCATENATED MODULE: ./packages/core/src/report/summary.ts

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
    return !finding.suppressed && SEVERITY_ORDER[finding.severity] >= SEVERITY_ORDER[failOn];
}
/** Stable order: by file, line, column, then severity (errors first). */
function sortFindings(findings) {
    return [...findings].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
        a.line - b.line ||
        a.column - b.column ||
        SEVERITY_ORDER[b.severity] - SEVERITY_ORDER[a.severity] ||
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
const SEVERITY_LABEL = { error: 'error', warning: 'warning', notice: 'notice' };

;// CONCATENATED MODULE: ./packages/core/src/report/json.ts

/** The machine-readable report (`--format json`, the action's `report-json` file). */
function formatJson(report) {
    return JSON.stringify({ ...report, findings: sortFindings(report.findings) }, null, 2) + '\n';
}

;// CONCATENATED MODULE: ./packages/core/src/report/sarif.ts

const LEVEL = { error: 'error', warning: 'warning', notice: 'note' };
function formatSarif(report, rules) {
    const findings = sortFindings(report.findings);
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

;// CONCATENATED MODULE: ./packages/core/src/report/text.ts

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
    for (const finding of sortFindings(report.findings))
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

;// CONCATENATED MODULE: ./packages/core/src/rules/rule.ts
/**
 * What a check returns when it finds nothing, which is nearly always: one shared array instead of
 * a fresh `[]` from every rule for every statement (a good part of a lint run's garbage, on a pass
 * that runs once per process). Frozen, so that code adding to a result fails loudly instead of
 * reporting into every other check's.
 */
const NO_VIOLATIONS = Object.freeze([]);

;// CONCATENATED MODULE: ./packages/core/src/rules/sql.ts
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
    const values = [];
    if (list)
        for (let i = 0; i < list.length; i++)
            values.push(list[i]?.String?.sval ?? '');
    return values;
}
/** A dotted name given as a list of parts (`t` or `s.t`), qualified with the default schema. */
function qualifiedFromParts(parts) {
    return parts.length >= 2 ? qualify(parts[parts.length - 2], parts[parts.length - 1]) : qualify(undefined, parts[0]);
}
/** A type's own name: the last part of its dotted name (the parser spells SQL-standard types as `pg_catalog.int4` etc.). */
function ownTypeName(type) {
    const names = type?.names;
    return names && names.length > 0 ? (names[names.length - 1]?.String?.sval ?? '') : '';
}
function isArrayType(type) {
    return Array.isArray(type?.arrayBounds) && type.arrayBounds.length > 0;
}
/** A type's own name (see `ownTypeName`), length/precision and arrayness. */
function typeName(type) {
    const typmods = type?.typmods ? type.typmods.map((m) => m?.A_Const?.ival?.ival ?? 0) : [];
    return { name: ownTypeName(type), typmods, array: isArrayType(type) };
}
/** Whether a function's return type is `trigger` or `event_trigger` (a name is all that is read). */
function returnsTriggerType(type) {
    const name = ownTypeName(type);
    return name === 'trigger' || name === 'event_trigger';
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
    // Built in one loop: every CREATE FUNCTION of every migration asks, also the ones walked for context.
    let signature = '';
    let count = 0;
    const items = parameters ?? [];
    for (let i = 0; i < items.length; i++) {
        const parameter = items[i].FunctionParameter;
        if (!isInputParameter(parameter))
            continue;
        if (count++ > 0)
            signature += ',';
        signature += ownTypeName(parameter.argType);
        if (isArrayType(parameter.argType))
            signature += '[]';
    }
    return signature;
}
/** A function reference in ALTER/DROP/GRANT: its qualified name and, when written, its signature. */
function functionReference(objectWithArgs) {
    const name = qualifiedFromParts(strings(objectWithArgs.objname));
    if (objectWithArgs.args_unspecified)
        return { name };
    return { name, signature: signatureOf(objectWithArgs.objfuncargs) };
}
/**
 * The value of an `A_Const` body: a string, a number, or undefined for other constants. The parser
 * omits zero values, so `0` arrives as `ival: {}`.
 */
function constantValue(constant) {
    if (constant?.sval)
        return constant.sval.sval;
    if (constant?.ival)
        return constant.ival.ival ?? 0;
    if (constant?.fval)
        return constant.fval.fval;
    return undefined;
}
/** The schemas an ALTER DEFAULT PRIVILEGES applies to (`IN SCHEMA ...`), or `*` for all of them. */
function defaultPrivilegeSchemas(node) {
    const schemaOption = defElems(node.options).find((o) => o.defname === 'schemas');
    return schemaOption ? strings(schemaOption.arg?.List?.items) : ['*'];
}
/** Options of CREATE/ALTER FUNCTION as `DefElem` bodies. */
function defElems(list) {
    const options = [];
    if (list) {
        for (let i = 0; i < list.length; i++)
            if (list[i].DefElem)
                options.push(list[i].DefElem);
    }
    return options;
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
/**
 * Most rules look at ALTER TABLE, one after the other for the same statement: remembering the last
 * one read is enough (and, unlike a WeakMap of every statement, costs the garbage collector nothing).
 */
let lastAlterStatement;
let lastAlterTable;
/** The table and subcommands of an `ALTER TABLE` (not ALTER INDEX/VIEW/SEQUENCE). */
function alterTableOf(statement) {
    if (statement.kind !== 'AlterTableStmt' || statement.node.objtype !== 'OBJECT_TABLE')
        return undefined;
    if (lastAlterStatement !== statement || !lastAlterTable) {
        const commands = [];
        const cmds = statement.node.cmds ?? [];
        for (let i = 0; i < cmds.length; i++)
            if (cmds[i].AlterTableCmd)
                commands.push(cmds[i].AlterTableCmd);
        lastAlterTable = { table: relationName(statement.node.relation), commands };
        lastAlterStatement = statement;
    }
    return lastAlterTable;
}
/** Column types that are shorthand for an integer with a sequence default. */
const SERIAL_TYPES = new Set(['smallserial', 'serial', 'bigserial', 'serial2', 'serial4', 'serial8']);
/** Constraints declared inline on a column definition. */
function columnConstraints(columnDef) {
    const constraints = [];
    const items = columnDef?.constraints ?? [];
    for (let i = 0; i < items.length; i++)
        if (items[i].Constraint)
            constraints.push(items[i].Constraint);
    return constraints;
}

;// CONCATENATED MODULE: ./packages/core/src/rules/adding-column-rewrites-table.ts


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
    walkNodes(expression, (type, body) => {
        if (found || type !== 'FuncCall')
            return;
        const parts = strings(body.funcname);
        const declared = state.functionsNamed(qualifiedFromParts(parts));
        const volatile = declared.length > 0 ? declared.some((fn) => fn.volatility === 'volatile') : VOLATILE_FUNCTIONS.has(parts[parts.length - 1]);
        if (volatile)
            found = { name: parts.join('.'), location: body.location };
    });
    return found;
}
/** Why adding this column must write a value into every existing row, if it must. */
function rewriteReason(columnDef, state) {
    const type = typeName(columnDef.typeName);
    if (SERIAL_TYPES.has(type.name))
        return { reason: `its ${type.name} type draws a sequence value for every row`, location: columnDef.typeName?.location };
    for (const c of columnConstraints(columnDef)) {
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
const addingColumnRewritesTable = {
    id: 'adding-column-rewrites-table',
    summary: 'ADD COLUMN whose value must be computed per row (volatile default, serial, identity, stored generated) on an existing table.',
    rationale: 'Since PostgreSQL 11 a column with a constant or STABLE default (now(), current_timestamp) is added instantly. A volatile ' +
        'default (random(), gen_random_uuid(), clock_timestamp(), nextval()), a serial or identity column, or a stored generated ' +
        'column instead rewrites the whole table under an ACCESS EXCLUSIVE lock. An error by default: on a large table that is an outage.',
    safeAlternative: 'Add the column without the default (or with a constant one), set the volatile default with ALTER COLUMN ... SET DEFAULT ' +
        '(applies to new rows only), and backfill existing rows in batches in a `-- kind: data` migration.',
    defaultSeverity: 'error',
    kinds: ['AlterTableStmt'],
    predicts: 'rewrite',
    checkStatement(statement, context) {
        const alter = alterTableOf(statement);
        if (!alter || !context.state.isExistingTable(alter.table))
            return NO_VIOLATIONS;
        return rewritingColumnsAdded(statement, context, alter);
    },
};
/** A helper, so that its closures are built for existing tables only (see sql.ts). */
function rewritingColumnsAdded(statement, context, alter) {
    return alter.commands
        .filter((cmd) => cmd.subtype === 'AT_AddColumn' && cmd.def?.ColumnDef)
        .flatMap((cmd) => {
        const columnDef = cmd.def.ColumnDef;
        const found = rewriteReason(columnDef, context.state);
        if (!found)
            return [];
        return [violation(context, statement, found.location ?? columnDef.location, `Adding ${alter.table}.${columnDef.colname} rewrites the table under an ACCESS EXCLUSIVE lock: ${found.reason}.`)];
    });
}

;// CONCATENATED MODULE: ./packages/core/src/rules/adding-required-field.ts


/** Whether new rows of an added column get a value without the INSERT naming it. */
function hasGeneratedValue(columnDef) {
    if (SERIAL_TYPES.has(typeName(columnDef.typeName).name))
        return true;
    return columnConstraints(columnDef).some((c) => {
        if (c.contype === 'CONSTR_IDENTITY' || c.contype === 'CONSTR_GENERATED')
            return true;
        return c.contype === 'CONSTR_DEFAULT' && !c.raw_expr?.A_Const?.isnull;
    });
}
const addingRequiredField = {
    id: 'adding-required-field',
    summary: 'ADD COLUMN ... NOT NULL without a default on an existing table.',
    rationale: 'Existing rows would have NULL in the new column, so the ALTER fails on any table that has rows; where it happens to pass ' +
        '(an empty table in staging), it fails in production, and every INSERT that does not name the column starts failing too. ' +
        'An error by default because the migration is broken, not merely slow.',
    safeAlternative: 'Add the column with a constant DEFAULT (instant since PostgreSQL 11), or add it nullable, backfill it, and make it NOT NULL ' +
        'later through a validated CHECK constraint.',
    defaultSeverity: 'error',
    kinds: ['AlterTableStmt'],
    checkStatement(statement, context) {
        const alter = alterTableOf(statement);
        if (!alter || !context.state.isExistingTable(alter.table))
            return NO_VIOLATIONS;
        return requiredColumnsAdded(statement, context, alter);
    },
};
/** A helper, so that its closures are built for existing tables only (see sql.ts). */
function requiredColumnsAdded(statement, context, alter) {
    return alter.commands
        .filter((cmd) => cmd.subtype === 'AT_AddColumn' && cmd.def?.ColumnDef)
        .map((cmd) => cmd.def.ColumnDef)
        .filter((columnDef) => {
        const required = columnConstraints(columnDef).some((c) => c.contype === 'CONSTR_NOTNULL' || c.contype === 'CONSTR_PRIMARY');
        return required && !hasGeneratedValue(columnDef);
    })
        .map((columnDef) => violation(context, statement, columnDef.location, `Column ${alter.table}.${columnDef.colname} is added NOT NULL without a default: the ALTER fails as soon as the table has rows.`));
}

;// CONCATENATED MODULE: ./packages/core/src/rules/ban-alter-system.ts


const banAlterSystem = {
    id: 'ban-alter-system',
    summary: 'ALTER SYSTEM in a migration.',
    rationale: 'ALTER SYSTEM writes postgresql.auto.conf: it changes the configuration of the whole server, for every database on it, outside ' +
        'any transaction, and the change is not part of the schema the migrations describe. PostgreSQL refuses it inside a transaction ' +
        'block, so as written the deploy fails; moving it to a `-- transaction: none` file (what the server\'s hint suggests) would make ' +
        'it succeed on one environment and silently differ on the others. Managed platforms such as Supabase refuse it. An error.',
    safeAlternative: 'Scope the setting to what the migration owns: ALTER DATABASE ... SET, ALTER ROLE ... SET, or SET LOCAL in the migration. ' +
        'Change server settings through the platform (Supabase: `supabase postgres-config update` or the dashboard) or its configuration management.',
    defaultSeverity: 'error',
    kinds: ['AlterSystemStmt'],
    checkStatement(statement, context) {
        if (statement.kind !== 'AlterSystemStmt')
            return NO_VIOLATIONS;
        const setting = statement.node.setstmt?.name;
        const what = setting ? `the server setting ${setting}` : 'server settings';
        return [violation(context, statement, undefined, `ALTER SYSTEM changes ${what} for the whole server and every database on it, outside the migration's transaction.`)];
    },
};

;// CONCATENATED MODULE: ./packages/core/src/rules/locks.ts

/** PostgreSQL's table lock modes, weakest first; the numbers are the server's own (LockStmt.mode). */
const LockLevel = {
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
    return level >= LockLevel.Share;
}
/** ALTER TABLE subcommands that take less than ACCESS EXCLUSIVE (AlterTableGetLockLevel in tablecmds.c). */
const ALTER_TABLE_LOCK_LEVELS = {
    AT_ValidateConstraint: LockLevel.ShareUpdateExclusive,
    AT_SetStatistics: LockLevel.ShareUpdateExclusive,
    AT_ClusterOn: LockLevel.ShareUpdateExclusive,
    AT_DropCluster: LockLevel.ShareUpdateExclusive,
    AT_SetOptions: LockLevel.ShareUpdateExclusive,
    AT_ResetOptions: LockLevel.ShareUpdateExclusive,
    AT_SetRelOptions: LockLevel.ShareUpdateExclusive,
    AT_ResetRelOptions: LockLevel.ShareUpdateExclusive,
    AT_AttachPartition: LockLevel.ShareUpdateExclusive,
    AT_DetachPartitionFinalize: LockLevel.ShareUpdateExclusive,
    AT_EnableTrig: LockLevel.ShareRowExclusive,
    AT_EnableAlwaysTrig: LockLevel.ShareRowExclusive,
    AT_EnableReplicaTrig: LockLevel.ShareRowExclusive,
    AT_EnableTrigAll: LockLevel.ShareRowExclusive,
    AT_EnableTrigUser: LockLevel.ShareRowExclusive,
    AT_DisableTrig: LockLevel.ShareRowExclusive,
    AT_DisableTrigAll: LockLevel.ShareRowExclusive,
    AT_DisableTrigUser: LockLevel.ShareRowExclusive,
};
function onTable(state, rangeVar, level, role = 'target') {
    const relation = relationName(rangeVar);
    return { relation, level, existing: state.isExistingTable(relation), role, location: rangeVar.location };
}
function onIndex(state, indexName, level, location) {
    const table = state.index(indexName)?.table;
    const existing = !state.indexCreatedInCurrentMigration(indexName) && (table === undefined || state.isExistingTable(table));
    return table ? { relation: table, level, existing, role: 'target', location } : { relation: indexName, unresolvedIndex: true, level, existing, role: 'target', location };
}
/** Foreign keys lock the referenced table too, in SHARE ROW EXCLUSIVE, to install their triggers. */
function addReferencedTableLock(constraint, state, locks) {
    if (constraint?.contype === 'CONSTR_FOREIGN' && constraint.pktable)
        locks.push(onTable(state, constraint.pktable, LockLevel.ShareRowExclusive, 'referenced'));
}
/** The referenced-table locks of a column's inline constraints. */
function addColumnReferenceLocks(columnDef, state, locks) {
    const constraints = columnDef?.constraints;
    if (constraints)
        for (let i = 0; i < constraints.length; i++)
            addReferencedTableLock(constraints[i].Constraint, state, locks);
}
function alterTableLocks(node, state) {
    // The table's own lock comes first; its level is the strongest of the subcommands', known at the end.
    const target = onTable(state, node.relation, LockLevel.AccessShare);
    const locks = [target];
    let level = LockLevel.AccessShare;
    const cmds = node.cmds ?? [];
    for (let i = 0; i < cmds.length; i++) {
        const cmd = cmds[i].AlterTableCmd;
        if (!cmd)
            continue;
        const subtype = cmd.subtype;
        const def = cmd.def;
        let cmdLevel = ALTER_TABLE_LOCK_LEVELS[subtype] ?? LockLevel.AccessExclusive;
        const constraint = def?.Constraint;
        if (subtype === 'AT_AddConstraint' && constraint?.contype === 'CONSTR_FOREIGN')
            cmdLevel = LockLevel.ShareRowExclusive;
        if (subtype === 'AT_DetachPartition' && def?.PartitionCmd?.concurrent)
            cmdLevel = LockLevel.ShareUpdateExclusive;
        if (subtype === 'AT_AttachPartition' && def?.PartitionCmd?.name)
            locks.push(onTable(state, def.PartitionCmd.name, LockLevel.AccessExclusive));
        if (constraint)
            addReferencedTableLock(constraint, state, locks);
        else
            addColumnReferenceLocks(def?.ColumnDef, state, locks);
        if (cmdLevel > level)
            level = cmdLevel;
    }
    target.level = level;
    return locks;
}
/** The table named by a `List` of name parts whose last part is a dependent object (policy, trigger). */
function ownerTableOf(objectList) {
    const parts = strings(objectList?.List?.items);
    return parts.length >= 2 ? qualifiedFromParts(parts.slice(0, -1)) : undefined;
}
/** The statement kinds `relationLocks` knows locks for; every other kind takes none it models. */
const LOCKING_STATEMENT_KINDS = [
    'AlterTableStmt',
    'CreateStmt',
    'IndexStmt',
    'DropStmt',
    'RenameStmt',
    'AlterObjectSchemaStmt',
    'TruncateStmt',
    'LockStmt',
    'CreatePolicyStmt',
    'AlterPolicyStmt',
    'CreateTrigStmt',
    'VacuumStmt',
    'ClusterStmt',
    'ReindexStmt',
];
const LOCKING_KINDS = new Set(LOCKING_STATEMENT_KINDS);
const NO_LOCKS = [];
/** RENAME forms that lock the table they name (its columns, constraints, policies, triggers). */
const RENAMES_TAKING_TABLE_LOCK = new Set(['OBJECT_TABLE', 'OBJECT_COLUMN', 'OBJECT_TABCONSTRAINT', 'OBJECT_POLICY', 'OBJECT_TRIGGER']);
/** The table locks that `statement` takes (DDL, maintenance and explicit LOCK), strongest per subcommand list. */
function relationLocks(statement, state) {
    // Most statements of a migration (functions, comments, grants, data) lock no table this models.
    if (!LOCKING_KINDS.has(statement.kind))
        return NO_LOCKS;
    const node = statement.node;
    // Indexed loops and plain functions rather than closures and array chains: this runs for every
    // statement of a checked migration, mostly before V8 optimises anything (see sql.ts).
    switch (statement.kind) {
        case 'AlterTableStmt':
            if (node.objtype !== 'OBJECT_TABLE')
                return [];
            return alterTableLocks(node, state);
        case 'CreateStmt': {
            const locks = [];
            const elements = node.tableElts ?? [];
            for (let i = 0; i < elements.length; i++) {
                const element = elements[i];
                if (element.Constraint)
                    addReferencedTableLock(element.Constraint, state, locks);
                else
                    addColumnReferenceLocks(element.ColumnDef, state, locks);
            }
            return locks;
        }
        case 'IndexStmt':
            return [onTable(state, node.relation, node.concurrent ? LockLevel.ShareUpdateExclusive : LockLevel.Share)];
        case 'DropStmt': {
            const objects = node.objects ?? [];
            switch (node.removeType) {
                case 'OBJECT_TABLE':
                    return objects.map((o) => {
                        const relation = qualifiedFromParts(strings(o.List?.items));
                        return { relation, level: LockLevel.AccessExclusive, existing: state.isExistingTable(relation), role: 'target' };
                    });
                case 'OBJECT_INDEX':
                    return objects
                        .map((o) => qualifiedFromParts(strings(o.List?.items)))
                        // DROP INDEX IF EXISTS of an index already gone (e.g. with its table) does nothing.
                        .filter((name) => !(node.missing_ok && state.indexIsGone(name)))
                        .map((name) => onIndex(state, name, node.concurrent ? LockLevel.ShareUpdateExclusive : LockLevel.AccessExclusive));
                case 'OBJECT_POLICY':
                case 'OBJECT_TRIGGER':
                case 'OBJECT_RULE':
                    return objects.flatMap((o) => {
                        const relation = ownerTableOf(o);
                        return relation ? [{ relation, level: LockLevel.AccessExclusive, existing: state.isExistingTable(relation), role: 'target' }] : [];
                    });
                default:
                    return [];
            }
        }
        case 'RenameStmt':
            if (RENAMES_TAKING_TABLE_LOCK.has(node.renameType) && node.relation)
                return [onTable(state, node.relation, LockLevel.AccessExclusive)];
            return [];
        case 'AlterObjectSchemaStmt':
            return node.objectType === 'OBJECT_TABLE' && node.relation ? [onTable(state, node.relation, LockLevel.AccessExclusive)] : [];
        case 'TruncateStmt':
            return (node.relations ?? []).map((r) => onTable(state, r.RangeVar, LockLevel.AccessExclusive));
        case 'LockStmt':
            return (node.relations ?? []).map((r) => onTable(state, r.RangeVar, (node.mode ?? LockLevel.AccessExclusive)));
        case 'CreatePolicyStmt':
        case 'AlterPolicyStmt':
            return [onTable(state, node.table, LockLevel.AccessExclusive)];
        case 'CreateTrigStmt':
            return [onTable(state, node.relation, LockLevel.ShareRowExclusive)];
        case 'VacuumStmt': {
            const full = (node.options ?? []).some((o) => o.DefElem?.defname === 'full');
            return full ? (node.rels ?? []).map((r) => onTable(state, r.VacuumRelation.relation, LockLevel.AccessExclusive)) : [];
        }
        case 'ClusterStmt':
            return node.relation ? [onTable(state, node.relation, LockLevel.AccessExclusive)] : [];
        case 'ReindexStmt': {
            const concurrent = (node.params ?? []).some((p) => p.DefElem?.defname === 'concurrently');
            if (concurrent || !node.relation)
                return [];
            if (node.kind === 'REINDEX_OBJECT_TABLE')
                return [onTable(state, node.relation, LockLevel.Share)];
            if (node.kind === 'REINDEX_OBJECT_INDEX')
                return [onIndex(state, relationName(node.relation), LockLevel.Share, node.relation.location)];
            return [];
        }
        default:
            return [];
    }
}

;// CONCATENATED MODULE: ./packages/core/src/rules/schema-state.ts


/** Facts that only hold within the migration being walked (one file = one transaction, usually). */
class MigrationFacts {
    migration;
    tablesCreated = new Set();
    indexesCreated = new Set();
    schemasCreated = new Set();
    enumsCreated = new Set();
    enumValuesAdded = new Map();
    /** Ids of tables this migration already granted writes on to anon (or PUBLIC). */
    anonWritesGranted = new Set();
    /** `table/constraint` keys of constraints added NOT VALID in this migration. */
    constraintsAddedNotValid = new Set();
    sessionLockTimeout = false;
    transactionLockTimeout = false;
    /** `SET TIME ZONE` / `SET timezone` earlier in this migration; undefined: the server's setting. */
    timeZone;
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
const CONSTRAINT_KINDS = {
    CONSTR_CHECK: 'check',
    CONSTR_NOTNULL: 'not-null',
    CONSTR_FOREIGN: 'foreign-key',
    CONSTR_UNIQUE: 'unique',
    CONSTR_PRIMARY: 'primary-key',
    CONSTR_EXCLUSION: 'exclusion',
};
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
    tablesByStatement = new Map();
    indexes = new Map();
    /** Indexes known to be gone: dropped, or dropped with their table or constraint. */
    droppedIndexes = new Set();
    functions = new Map();
    functionsById = new Map();
    functionsByStatement = new Map();
    /** Undirected foreign-key edges between table names. */
    foreignKeyEdges = new Map();
    /** Schemas (or `*` for all) whose default privileges no longer give `anon` EXECUTE on new functions. */
    anonExecuteRevokedByDefault = new Set();
    /** Schemas (or `*` for all) whose default privileges no longer give `anon` writes on new tables. */
    schemasRevokingAnonTableWrites = new Set();
    facts = NO_MIGRATION;
    trackChanges = true;
    /** The locks of the statement being checked: the rules and `apply` both ask, with the same state. */
    lockedStatement;
    statementLocks = [];
    constraintCounter = 0;
    /**
     * Starts a migration file: per-file facts (created here, lock_timeout, ...) start over.
     * `trackChanges: false` skips grouping the existing tables the file changes (`changeGroups`),
     * which only a checked migration's rules ask for: older files are walked for context only.
     */
    beginMigration(migration, { trackChanges = true } = {}) {
        this.facts = new MigrationFacts(migration);
        this.trackChanges = trackChanges;
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
    tableTargetedBy(statement) {
        const table = this.tablesByStatement.get(statement);
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
    /** Default privileges no longer give `anon` writes on tables created in `schema`. */
    anonTableWritesRevokedByDefault(schema) {
        return this.schemasRevokingAnonTableWrites.has(schema) || this.schemasRevokingAnonTableWrites.has('*');
    }
    /** An earlier statement of the current migration granted anon (or PUBLIC) writes on this table. */
    anonWritesGrantedInCurrentMigration(table) {
        return this.facts.anonWritesGranted.has(table.id);
    }
    /** Tables the migrations know in `schema`. */
    tablesInSchema(schema) {
        return [...this.tables.values()].filter((table) => schemaOf(table.name) === schema);
    }
    /** Tables linked to `name` by a foreign key in either direction. */
    relatedTables(name) {
        return this.foreignKeyEdges.get(name) ?? NO_TABLES;
    }
    // ---- indexes, schemas, enums -----------------------------------------------------------------
    index(name) {
        return this.indexes.get(name);
    }
    /** The migrations dropped this index (directly, or with its table or constraint) and did not create it again. */
    indexIsGone(name) {
        return this.droppedIndexes.has(name);
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
    /** The TimeZone this migration set for its session, if it set one. */
    get sessionTimeZone() {
        return this.facts.timeZone;
    }
    /** Inside an explicit BEGIN ... COMMIT of a `transaction: none` migration. */
    get inExplicitTransaction() {
        return this.facts.explicitTransaction;
    }
    // ---- functions -------------------------------------------------------------------------------
    functionById(id) {
        return this.functionsById.get(id);
    }
    /** The function a CREATE FUNCTION statement defined, as this state sees it now; undefined once dropped. */
    functionDefinedBy(statement) {
        const fn = this.functionsByStatement.get(statement);
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
        // Most migrations change no existing table: they create their own.
        if (this.facts.changedTableFirstStatement.size === 0)
            return [];
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
    /** The table locks `statement` takes, judged against this state before the statement runs. */
    locksOf(statement) {
        if (this.lockedStatement !== statement) {
            this.statementLocks = relationLocks(statement, this);
            this.lockedStatement = statement;
        }
        return this.statementLocks;
    }
    recordChanges(statement) {
        const locks = this.locksOf(statement);
        if (locks.length === 0)
            return;
        const targets = [];
        for (let i = 0; i < locks.length; i++) {
            const lock = locks[i];
            if (lock.existing && lock.role === 'target' && !lock.unresolvedIndex && blocksWrites(lock.level))
                targets.push(lock.relation);
        }
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
    /** The record for a table a statement changes; tables the migrations never created get one on first use. */
    tableForChange(name) {
        let table = this.tables.get(name);
        if (!table) {
            table = { id: this.nextId++, name, temporary: false, columns: new Map(), constraints: new Map(), rowLevelSecurity: false, policies: new Set(), anonWritesRevoked: false };
            this.tables.set(name, table);
            this.tablesById.set(table.id, table);
        }
        return table;
    }
    createTable(name, statement, temporary) {
        // Replaces a record of a table the migrations only referenced; its indexes stay known.
        this.dropTable(name, false);
        const table = {
            id: this.nextId++,
            name,
            origin: this.origin(statement),
            temporary,
            columns: new Map(),
            constraints: new Map(),
            rowLevelSecurity: false,
            policies: new Set(),
            // No schema's default privileges were changed in nearly every project: skip cutting out the schema.
            anonWritesRevoked: this.schemasRevokingAnonTableWrites.size > 0 && this.anonTableWritesRevokedByDefault(schemaOf(name)),
        };
        this.tables.set(name, table);
        this.tablesById.set(table.id, table);
        this.tablesByStatement.set(statement, table);
        this.facts.tablesCreated.add(name);
        return table;
    }
    dropIndex(name) {
        this.indexes.delete(name);
        this.droppedIndexes.add(name);
    }
    dropTable(name, withIndexes = true) {
        if (withIndexes)
            for (const index of [...this.indexes.values()])
                if (index.table === name)
                    this.dropIndex(index.name);
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
    setNotNull(table, column) {
        const info = table.columns.get(column);
        if (info)
            info.notNull = true;
    }
    /** A table constraint, or with `column` one written inline on that column. */
    addConstraint(table, constraint, column) {
        const kind = CONSTRAINT_KINDS[constraint.contype];
        if (!kind)
            return;
        if (kind === 'not-null' && column) {
            // An inline NOT NULL is part of the column, not a separately tracked constraint.
            this.setNotNull(table, column);
            return;
        }
        // An inline constraint's key is its column (no array for it: most constraints are inline).
        const keys = column ? undefined : strings(constraint.keys);
        const name = constraint.conname ?? `#${++this.constraintCounter}`;
        let provesNotNull;
        if (kind === 'not-null')
            provesNotNull = keys?.[0];
        else if (kind === 'check') {
            const nullTest = constraint.raw_expr?.NullTest;
            if (nullTest?.nulltesttype === 'IS_NOT_NULL') {
                const testedColumn = strings(nullTest.arg?.ColumnRef?.fields);
                if (testedColumn.length === 1)
                    provesNotNull = testedColumn[0];
            }
        }
        table.constraints.set(name, { kind, validated: !constraint.skip_validation, provesNotNull });
        if (constraint.skip_validation)
            this.facts.constraintsAddedNotValid.add(`${table.name}/${name}`);
        if (kind === 'foreign-key' && constraint.pktable)
            this.addForeignKeyEdge(table.name, relationName(constraint.pktable));
        if (kind === 'primary-key' || (kind === 'not-null' && !constraint.skip_validation)) {
            if (column)
                this.setNotNull(table, column);
            else
                for (const key of keys)
                    this.setNotNull(table, key);
        }
    }
    addColumn(table, columnDef) {
        // typeName returns a fresh record, so the column can keep it.
        table.columns.set(columnDef.colname, { type: typeName(columnDef.typeName), notNull: false });
        const constraints = columnDef.constraints;
        if (constraints)
            for (let i = 0; i < constraints.length; i++)
                this.addConstraint(table, constraints[i].Constraint, columnDef.colname);
    }
    /** Updates the state with one statement. Call `beginMigration` before a file's first statement. */
    apply(statement) {
        if (this.trackChanges)
            this.recordChanges(statement);
        this.lockedStatement = undefined;
        const node = statement.node;
        switch (statement.kind) {
            case 'CreateStmt': {
                const name = relationName(node.relation);
                if (node.if_not_exists && this.tables.get(name)?.origin)
                    break;
                const table = this.createTable(name, statement, node.relation.relpersistence === 't');
                const elements = node.tableElts ?? [];
                for (let i = 0; i < elements.length; i++) {
                    const element = elements[i];
                    if (element.ColumnDef)
                        this.addColumn(table, element.ColumnDef);
                    else if (element.Constraint)
                        this.addConstraint(table, element.Constraint);
                }
                break;
            }
            case 'CreateTableAsStmt':
                if (node.objtype === 'OBJECT_TABLE' && node.into?.rel)
                    this.createTable(relationName(node.into.rel), statement, node.into.rel.relpersistence === 't');
                break;
            case 'SelectStmt':
                if (node.intoClause?.rel)
                    this.createTable(relationName(node.intoClause.rel), statement, node.intoClause.rel.relpersistence === 't');
                this.applySetConfig(node);
                break;
            case 'AlterTableStmt':
                if (node.objtype === 'OBJECT_TABLE') {
                    const table = this.tableForChange(relationName(node.relation));
                    this.tablesByStatement.set(statement, table);
                    this.applyAlterTable(table, node.cmds ?? []);
                }
                break;
            case 'RenameStmt':
                this.applyRename(node);
                break;
            case 'AlterObjectSchemaStmt':
                if (node.objectType === 'OBJECT_TABLE' && node.relation)
                    this.moveTable(relationName(node.relation), qualify(node.newschema, node.relation.relname));
                break;
            case 'DropStmt':
                this.applyDrop(node);
                break;
            case 'CreatePolicyStmt':
                this.tableForChange(relationName(node.table)).policies.add(node.policy_name);
                break;
            case 'IndexStmt': {
                const table = relationName(node.relation);
                if (!node.idxname)
                    break;
                const name = qualify(node.relation.schemaname, node.idxname);
                this.droppedIndexes.delete(name);
                this.indexes.set(name, {
                    name,
                    table,
                    unique: Boolean(node.unique),
                    concurrently: Boolean(node.concurrent),
                    columns: node.whereClause ? undefined : plainIndexColumns(node.indexParams),
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
                this.facts.enumsCreated.add(qualifiedFromParts(strings(node.typeName)));
                break;
            }
            case 'AlterEnumStmt':
                if (node.newVal !== undefined) {
                    const type = qualifiedFromParts(strings(node.typeName));
                    if (!this.facts.enumValuesAdded.has(node.newVal))
                        this.facts.enumValuesAdded.set(node.newVal, { type, value: node.newVal, line: statement.line });
                }
                break;
            case 'CreateFunctionStmt':
                this.applyCreateFunction(node, statement);
                break;
            case 'AlterFunctionStmt':
                if (node.func) {
                    const { name, signature } = functionReference(node.func);
                    for (const fn of this.functionsNamed(name, signature))
                        this.applyFunctionOptions(fn, node.actions);
                }
                break;
            case 'GrantStmt':
                if (node.objtype === 'OBJECT_TABLE')
                    this.applyTableGrant(node);
                else
                    this.applyFunctionGrant(node);
                break;
            case 'AlterDefaultPrivilegesStmt':
                if (node.action?.objtype === 'OBJECT_TABLE')
                    this.applyDefaultTablePrivileges(node);
                else
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
        for (let i = 0; i < cmds.length; i++) {
            const cmd = cmds[i].AlterTableCmd;
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
                    const { name, typmods, array } = typeName(cmd.def?.ColumnDef?.typeName);
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
                case 'AT_DropConstraint': {
                    table.constraints.delete(cmd.name);
                    // A primary key or unique constraint owns an index of the same name, which goes with it.
                    const index = this.indexes.get(qualify(schemaOf(table.name), cmd.name));
                    if (index?.table === table.name)
                        this.dropIndex(index.name);
                    break;
                }
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
        const relation = node.relation ? relationName(node.relation) : undefined;
        switch (node.renameType) {
            case 'OBJECT_TABLE':
                if (relation)
                    this.moveTable(relation, qualify(node.relation.schemaname, node.newname));
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
                    index.name = qualify(node.relation.schemaname, node.newname);
                    this.indexes.set(index.name, index);
                }
                break;
            }
            case 'OBJECT_TYPE':
            case 'OBJECT_DOMAIN':
                this.renameColumnType(strings(node.object?.List?.items).pop() ?? '', node.newname);
                break;
            case 'OBJECT_FUNCTION':
            case 'OBJECT_PROCEDURE': {
                const ref = node.object?.ObjectWithArgs ? functionReference(node.object.ObjectWithArgs) : undefined;
                for (const fn of ref ? this.functionsNamed(ref.name, ref.signature) : []) {
                    this.functions.delete(`${fn.name}(${fn.signature})`);
                    fn.name = qualify(schemaOf(fn.name), node.newname);
                    this.functions.set(`${fn.name}(${fn.signature})`, fn);
                }
                break;
            }
        }
    }
    /** Columns refer to their type, not its name: after `ALTER TYPE a RENAME TO b` they are of type b. */
    renameColumnType(from, to) {
        if (!from)
            return;
        for (const table of this.tables.values()) {
            for (const [column, info] of table.columns) {
                if (info.type.name === from)
                    table.columns.set(column, { ...info, type: { ...info.type, name: to } });
            }
        }
    }
    applyDrop(node) {
        const objects = node.objects ?? [];
        switch (node.removeType) {
            case 'OBJECT_TABLE':
                for (const o of objects)
                    this.dropTable(qualifiedFromParts(strings(o.List?.items)));
                break;
            case 'OBJECT_SCHEMA':
                for (const o of objects) {
                    const schema = o.String?.sval;
                    for (const name of [...this.tables.keys()])
                        if (schemaOf(name) === schema)
                            this.dropTable(name);
                }
                break;
            case 'OBJECT_INDEX':
                for (const o of objects)
                    this.dropIndex(qualifiedFromParts(strings(o.List?.items)));
                break;
            case 'OBJECT_POLICY':
                for (const o of objects) {
                    const parts = strings(o.List?.items);
                    this.tables.get(qualifiedFromParts(parts.slice(0, -1)))?.policies.delete(parts[parts.length - 1]);
                }
                break;
            case 'OBJECT_FUNCTION':
            case 'OBJECT_PROCEDURE':
            case 'OBJECT_ROUTINE':
                for (const o of objects) {
                    if (!o.ObjectWithArgs)
                        continue;
                    const { name, signature } = functionReference(o.ObjectWithArgs);
                    for (const fn of this.functionsNamed(name, signature)) {
                        this.functions.delete(`${fn.name}(${fn.signature})`);
                        this.functionsById.delete(fn.id);
                    }
                }
                break;
        }
    }
    /** Applies the `DefElem` options of CREATE/ALTER FUNCTION (the list as the parser gives it). */
    applyFunctionOptions(fn, list) {
        const items = list ?? [];
        for (let i = 0; i < items.length; i++) {
            const option = items[i].DefElem;
            if (!option)
                continue;
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
        const name = qualifiedFromParts(strings(node.funcname));
        const signature = signatureOf(node.parameters);
        const key = `${name}(${signature})`;
        let fn = this.functions.get(key);
        if (fn) {
            // CREATE OR REPLACE keeps the function's privileges but not its attributes.
            fn.securityDefiner = false;
            fn.searchPathPinned = false;
            fn.volatility = 'volatile';
        }
        else {
            const schema = schemaOf(name);
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
        fn.returnsTrigger = returnsTriggerType(node.returnType);
        this.functionsByStatement.set(statement, fn);
        this.applyFunctionOptions(fn, node.options);
    }
    applyFunctionGrant(node) {
        if (!['OBJECT_FUNCTION', 'OBJECT_PROCEDURE', 'OBJECT_ROUTINE'].includes(node.objtype) || !isExecutePrivilege(node.privileges))
            return;
        let targets = [];
        if (node.targtype === 'ACL_TARGET_ALL_IN_SCHEMA') {
            const schemas = new Set(strings(node.objects));
            targets = [...this.functions.values()].filter((fn) => schemas.has(schemaOf(fn.name)));
        }
        else {
            for (const o of node.objects ?? []) {
                if (!o.ObjectWithArgs)
                    continue;
                const { name, signature } = functionReference(o.ObjectWithArgs);
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
    applyTableGrant(node) {
        if (!touchesAnonWrites(node))
            return;
        const tables = node.targtype === 'ACL_TARGET_ALL_IN_SCHEMA'
            ? strings(node.objects).flatMap((schema) => this.tablesInSchema(schema))
            : (node.objects ?? []).flatMap((o) => (o.RangeVar ? [this.tableForChange(relationName(o.RangeVar))] : []));
        for (const table of tables) {
            table.anonWritesRevoked = !node.is_grant;
            if (node.is_grant)
                this.facts.anonWritesGranted.add(table.id);
            else
                this.facts.anonWritesGranted.delete(table.id);
        }
    }
    applyDefaultTablePrivileges(node) {
        if (!touchesAnonWrites(node.action))
            return;
        for (const schema of defaultPrivilegeSchemas(node)) {
            if (node.action.is_grant)
                this.schemasRevokingAnonTableWrites.delete(schema);
            else
                this.schemasRevokingAnonTableWrites.add(schema);
        }
    }
    applyDefaultFunctionPrivileges(node) {
        const action = node.action;
        if (action?.objtype !== 'OBJECT_FUNCTION' || !isExecutePrivilege(action.privileges) || !roleNamesOf(action.grantees).has('anon'))
            return;
        for (const schema of defaultPrivilegeSchemas(node)) {
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
        if (node.name === 'timezone') {
            this.applyTimeZone(node);
            return;
        }
        if (node.name !== 'lock_timeout') {
            if (node.kind === 'VAR_RESET_ALL') {
                this.setLockTimeout(false, false);
                this.facts.timeZone = undefined;
            }
            return;
        }
        const value = constantValue(node.args?.[0]?.A_Const);
        const enabled = node.kind === 'VAR_SET_VALUE' && value !== undefined && !isZeroDuration(value);
        this.setLockTimeout(enabled, Boolean(node.is_local));
    }
    /** `SET TIME ZONE 'UTC'`, `SET timezone = ...`, `RESET timezone`; `LOCAL` lasts until commit, which is the migration's end. */
    applyTimeZone(node) {
        if (node.kind === 'VAR_RESET' || node.kind === 'VAR_SET_DEFAULT') {
            this.facts.timeZone = undefined;
            return;
        }
        const arg = node.args?.[0];
        // `SET TIME ZONE INTERVAL '+00:00' HOUR TO MINUTE` wraps the constant in a cast.
        const value = constantValue(arg?.A_Const ?? arg?.TypeCast?.arg?.A_Const);
        if (node.kind === 'VAR_SET_VALUE' && value !== undefined)
            this.facts.timeZone = String(value);
        else if (node.kind === 'VAR_SET_CURRENT')
            this.facts.timeZone = undefined;
    }
    /** `SELECT set_config('lock_timeout', '5s', is_local)`, the form pg_dump and some tools emit. */
    applySetConfig(node) {
        for (const target of node.targetList ?? []) {
            const call = target.ResTarget?.val?.FuncCall;
            const fname = strings(call?.funcname);
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
/** The key columns of an index, in order; undefined when one of them is an expression. */
function plainIndexColumns(indexParams) {
    const columns = [];
    const items = indexParams ?? [];
    for (let i = 0; i < items.length; i++) {
        const name = items[i].IndexElem?.name;
        if (!name)
            return undefined;
        columns.push(name);
    }
    return columns;
}
const TABLE_WRITE_PRIVILEGES = new Set(['insert', 'update', 'delete', 'truncate']);
/** The write privileges in a GRANT/REVOKE privilege list, upper case; no list means ALL. */
function tableWritePrivileges(privileges) {
    if (!privileges)
        return ['ALL'];
    return privileges.map((p) => p.AccessPriv?.priv_name).filter((name) => TABLE_WRITE_PRIVILEGES.has(name)).map((name) => name.toUpperCase());
}
/** A GRANT or REVOKE of table write privileges naming anon or PUBLIC (which includes anon). */
function touchesAnonWrites(grant) {
    if (tableWritePrivileges(grant?.privileges).length === 0)
        return false;
    const roles = roleNamesOf(grant.grantees);
    return roles.has('anon') || roles.has('public');
}
function roleNamesOf(grantees) {
    return new Set(roleNames(grantees).map((role) => role.name));
}

;// CONCATENATED MODULE: ./packages/core/src/rules/ban-anon-write-grant.ts



const NO_RLS = 'the table has no row level security in the checked migrations, so nothing stands between anon and the data';
/** Only the end of the migrations can tell: reported unless the table has RLS there. */
const UNLESS_RLS_AT_END = Symbol('unless the table has row level security at the end');
/**
 * Why granting writes on `table` to anon goes beyond Supabase's defaults, which give anon every
 * table privilege and leave access to row level security; undefined when it only restates them.
 */
function exposure(table, context) {
    if (!table)
        return 'no checked migration shows the table, so nothing shows row level security guarding it';
    // `supabase db diff` grants each privilege in its own statement: one finding per table and file is enough.
    if (context.state.anonWritesGrantedInCurrentMigration(table))
        return undefined;
    if (table.anonWritesRevoked)
        return 'an earlier migration revoked these privileges from anon, and this grant re-opens the table';
    return UNLESS_RLS_AT_END;
}
/**
 * Followed to the end of the checked migrations (like require-rls-on-exposed-table): a table that
 * gets RLS later restates the default, one dropped later is not reported.
 */
function lacksRls(table, finalState) {
    const final = finalState.tableById(table.id);
    return final !== undefined && !final.rowLevelSecurity;
}
function grantedTables(grant, context) {
    if (grant.targtype === 'ACL_TARGET_ALL_IN_SCHEMA') {
        return strings(grant.objects).flatMap((schema) => context.state.tablesInSchema(schema).map((table) => ({ name: table.name, table })));
    }
    return (grant.objects ?? [])
        .filter((o) => o.RangeVar)
        .map((o) => {
        const name = relationName(o.RangeVar);
        return { name, table: context.state.table(name) };
    });
}
const banAnonWriteGrant = {
    id: 'ban-anon-write-grant',
    summary: 'GRANT of INSERT, UPDATE, DELETE, TRUNCATE or ALL to anon (or PUBLIC) on a table without row level security, or one a migration had revoked them on.',
    rationale: 'anon is every unauthenticated visitor holding the public API key. Supabase itself grants anon every table privilege in the ' +
        'public schema and leaves access to row level security, so `supabase db diff` writes those grants for every table: on a table ' +
        'with RLS enabled they restate the default and are not reported. On a table without RLS the grant lets strangers change the ' +
        'data; after a migration revoked anon\'s writes (a hardened project), or revoked them from default privileges, a grant re-opens ' +
        'what was closed on purpose. A warning.',
    safeAlternative: 'Enable row level security on the table (with policies for what anon may do), grant writes to authenticated only, or expose ' +
        'a narrow SECURITY INVOKER function for the one write anonymous users need.',
    defaultSeverity: 'warning',
    kinds: ['GrantStmt', 'AlterDefaultPrivilegesStmt'],
    supabaseOnly: true,
    checkStatement(statement, context) {
        if (statement.kind === 'AlterDefaultPrivilegesStmt')
            return checkDefaultPrivileges(statement, context);
        if (statement.kind !== 'GrantStmt')
            return NO_VIOLATIONS;
        const grant = statement.node;
        if (!grant.is_grant || grant.objtype !== 'OBJECT_TABLE')
            return NO_VIOLATIONS;
        const privileges = tableWritePrivileges(grant.privileges);
        if (privileges.length === 0)
            return NO_VIOLATIONS;
        const roles = roleNames(grant.grantees).filter((role) => role.name === 'anon' || role.name === 'public');
        if (roles.length === 0)
            return NO_VIOLATIONS;
        const candidates = [];
        for (const { name, table } of grantedTables(grant, context)) {
            const why = exposure(table, context);
            if (why)
                candidates.push({ name, table, why });
        }
        if (candidates.length === 0)
            return NO_VIOLATIONS;
        context.afterAll((finalState) => {
            const exposed = candidates.flatMap(({ name, table, why }) => {
                if (why !== UNLESS_RLS_AT_END)
                    return [{ name, why }];
                return lacksRls(table, finalState) ? [{ name, why: NO_RLS }] : [];
            });
            if (exposed.length === 0)
                return NO_VIOLATIONS;
            const first = exposed[0];
            const others = exposed.length > 1 ? ` (and ${exposed.length - 1} more table${exposed.length > 2 ? 's' : ''}: ${exposed.slice(1, 4).map((e) => e.name).join(', ')}${exposed.length > 4 ? ', ...' : ''})` : '';
            return roles.map((role) => violation(context, statement, role.location, `GRANT ${privileges.join(', ')} on ${first.name}${others} to ${role.name === 'public' ? 'PUBLIC (which includes anon)' : 'anon'} lets unauthenticated API users change data: ${first.why}.`));
        });
        return NO_VIOLATIONS;
    },
};
/** ALTER DEFAULT PRIVILEGES ... GRANT writes ON TABLES TO anon restates Supabase's defaults, unless a migration had revoked them. */
function checkDefaultPrivileges(statement, context) {
    const node = statement.node;
    const grant = node.action;
    if (!grant?.is_grant || grant.objtype !== 'OBJECT_TABLE')
        return NO_VIOLATIONS;
    const privileges = tableWritePrivileges(grant.privileges);
    if (privileges.length === 0)
        return NO_VIOLATIONS;
    const reopened = defaultPrivilegeSchemas(node).filter((schema) => context.state.anonTableWritesRevokedByDefault(schema));
    if (reopened.length === 0)
        return NO_VIOLATIONS;
    return roleNames(grant.grantees)
        .filter((role) => role.name === 'anon' || role.name === 'public')
        .map((role) => violation(context, statement, role.location, `GRANT ${privileges.join(', ')} on future tables${reopened[0] === '*' ? '' : ` in ${reopened.join(', ')}`} to ${role.name === 'public' ? 'PUBLIC (which includes anon)' : 'anon'} re-opens what an earlier migration revoked: new tables there become writable by unauthenticated API users unless they enable row level security.`));
}

;// CONCATENATED MODULE: ./packages/core/src/rules/ban-concurrently-in-transaction.ts


/** An indexed loop rather than `some` with a closure: every ALTER TABLE of a checked migration is asked. */
function detachesConcurrently(commands) {
    if (!commands)
        return false;
    for (let i = 0; i < commands.length; i++)
        if (commands[i].subtype === 'AT_DetachPartition' && commands[i].def?.PartitionCmd?.concurrent)
            return true;
    return false;
}
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
            return detachesConcurrently(alterTableOf(statement)?.commands) ? 'DETACH PARTITION CONCURRENTLY' : undefined;
        default:
            return undefined;
    }
}
const banConcurrentlyInTransaction = {
    id: 'ban-concurrently-in-transaction',
    summary: 'A CONCURRENTLY operation in a migration that runs inside a transaction.',
    rationale: 'CREATE/DROP/REINDEX ... CONCURRENTLY and DETACH PARTITION CONCURRENTLY cannot run inside a transaction block; PostgreSQL ' +
        'rejects them, so the deploy fails. Migrations run in one transaction unless the file says `-- transaction: none`. An error: ' +
        'the migration cannot succeed as written.',
    safeAlternative: 'Put the statement in its own migration that starts with `-- transaction: none` (and no BEGIN/COMMIT around it). If it fails ' +
        'halfway, drop the INVALID index it leaves behind before retrying.',
    defaultSeverity: 'error',
    kinds: ['IndexStmt', 'DropStmt', 'ReindexStmt', 'AlterTableStmt'],
    checkStatement(statement, context) {
        const operation = concurrentOperation(statement);
        if (!operation)
            return NO_VIOLATIONS;
        if (context.migration.directives.transactional) {
            return [violation(context, statement, undefined, `${operation} cannot run inside a transaction, and this migration runs in one (no \`-- transaction: none\` directive).`)];
        }
        if (context.state.inExplicitTransaction) {
            return [violation(context, statement, undefined, `${operation} cannot run inside a transaction block, and this statement follows a BEGIN in the same file.`, 'Move it outside the BEGIN ... COMMIT block.')];
        }
        return NO_VIOLATIONS;
    },
};

;// CONCATENATED MODULE: ./packages/core/src/rules/ban-drop-column.ts


const banDropColumn = {
    id: 'ban-drop-column',
    summary: 'ALTER TABLE ... DROP COLUMN on an existing table.',
    rationale: 'The column\'s data is gone once the migration commits, and application code that still selects or inserts it breaks ' +
        '(including `select *` consumers and PostgREST clients). An error by default because the data loss is irreversible.',
    safeAlternative: 'Deploy application code that no longer reads or writes the column first; drop it in a later migration and record the ' +
        'reason with `-- gate:allow ban-drop-column <reason>`.',
    defaultSeverity: 'error',
    kinds: ['AlterTableStmt'],
    checkStatement(statement, context) {
        const alter = alterTableOf(statement);
        if (!alter || !context.state.isExistingTable(alter.table))
            return NO_VIOLATIONS;
        return droppedColumns(statement, context, alter);
    },
};
/** A helper, so that its closures are built for existing tables only (see sql.ts). */
function droppedColumns(statement, context, alter) {
    return alter.commands
        .filter((cmd) => cmd.subtype === 'AT_DropColumn')
        .map((cmd) => violation(context, statement, undefined, `Dropping column ${alter.table}.${cmd.name} deletes its data.`));
}

;// CONCATENATED MODULE: ./packages/core/src/rules/ban-drop-database.ts


const banDropDatabase = {
    id: 'ban-drop-database',
    summary: 'DROP DATABASE in a migration.',
    rationale: 'A migration changes the schema of the database it runs in; DROP DATABASE removes a whole database, every table and every ' +
        'row, with no undo. PostgreSQL also refuses it inside a transaction block, so as written the deploy fails, and moving it to a ' +
        '`-- transaction: none` file (what the server\'s hint suggests) would only make it succeed. An error.',
    safeAlternative: 'Retire a database outside migrations, by hand and after a backup, with the platform\'s tools. To remove objects from this ' +
        'database, drop them one by one in a reviewed migration.',
    defaultSeverity: 'error',
    kinds: ['DropdbStmt'],
    checkStatement(statement, context) {
        if (statement.kind !== 'DropdbStmt')
            return NO_VIOLATIONS;
        const name = String(statement.node.dbname ?? '');
        return [violation(context, statement, undefined, `DROP DATABASE ${name} destroys a whole database and everything in it; it has no place in a migration.`)];
    },
};

;// CONCATENATED MODULE: ./packages/core/src/rules/ban-drop-realtime-publication.ts


const REALTIME_PUBLICATION = 'supabase_realtime';
const banDropRealtimePublication = {
    id: 'ban-drop-realtime-publication',
    summary: 'DROP, CREATE or ALTER ... SET TABLE of the supabase_realtime publication.',
    rationale: 'Supabase Realtime streams changes of exactly the tables in the supabase_realtime publication, which the platform creates and ' +
        'to which tables are added from migrations and from the dashboard. Dropping it stops realtime for every table at once; ' +
        'recreating it (an old quickstart pattern: drop, then `create publication supabase_realtime for table ...`) or replacing its ' +
        'list with SET TABLE keeps only the tables named there, and every other subscriber silently stops receiving changes. An error.',
    safeAlternative: 'Add or remove single tables: ALTER PUBLICATION supabase_realtime ADD TABLE public.x; (or DROP TABLE public.x).',
    defaultSeverity: 'error',
    kinds: ['DropStmt', 'CreatePublicationStmt', 'AlterPublicationStmt'],
    supabaseOnly: true,
    checkStatement(statement, context) {
        const node = statement.node;
        switch (statement.kind) {
            case 'DropStmt':
                if (node.removeType !== 'OBJECT_PUBLICATION' || !(node.objects ?? []).some((o) => o.String?.sval === REALTIME_PUBLICATION))
                    return NO_VIOLATIONS;
                return [violation(context, statement, undefined, 'Dropping the supabase_realtime publication stops Supabase Realtime for every table in it.')];
            case 'CreatePublicationStmt':
                if (node.pubname !== REALTIME_PUBLICATION)
                    return NO_VIOLATIONS;
                return [
                    violation(context, statement, undefined, 'Recreating the supabase_realtime publication keeps only the tables named here: every table added to it before (by migrations or the dashboard) stops sending realtime changes.'),
                ];
            case 'AlterPublicationStmt':
                if (node.pubname !== REALTIME_PUBLICATION || node.action !== 'AP_SetObjects')
                    return NO_VIOLATIONS;
                return [violation(context, statement, undefined, 'SET TABLE replaces the whole table list of supabase_realtime: every table not named here stops sending realtime changes.')];
            default:
                return NO_VIOLATIONS;
        }
    },
};

;// CONCATENATED MODULE: ./packages/core/src/rules/ban-drop-schema.ts


const banDropSchema = {
    id: 'ban-drop-schema',
    summary: 'DROP SCHEMA on a schema the migration did not create.',
    rationale: 'A schema holds tables, functions and types; dropping it (especially with CASCADE) removes all of them and their data at once. ' +
        'An error by default because nothing about it can be undone.',
    safeAlternative: 'Drop the objects you mean to remove one by one, each after its users are gone, then drop the empty schema without CASCADE.',
    defaultSeverity: 'error',
    kinds: ['DropStmt'],
    checkStatement(statement, context) {
        if (statement.kind !== 'DropStmt' || statement.node.removeType !== 'OBJECT_SCHEMA')
            return NO_VIOLATIONS;
        const cascade = statement.node.behavior === 'DROP_CASCADE';
        return (statement.node.objects ?? [])
            .map((o) => o.String?.sval)
            .filter((schema) => !context.state.schemaCreatedInCurrentMigration(schema))
            .map((schema) => violation(context, statement, undefined, `DROP SCHEMA ${schema}${cascade ? ' CASCADE removes the schema and everything in it' : ' removes the schema and the objects that depend on it'}.`));
    },
};

;// CONCATENATED MODULE: ./packages/core/src/rules/ban-drop-table.ts


const banDropTable = {
    id: 'ban-drop-table',
    summary: 'DROP TABLE on a table that may hold data.',
    rationale: 'Dropping a table deletes every row for good, and any application version still running fails on its next query to it. ' +
        'An error by default: the loss cannot be undone without restoring a backup.',
    safeAlternative: 'Remove every read and write of the table from the application and deploy that first; drop the table in a later migration, ' +
        'after a backup, and record why it is safe with `-- gate:allow ban-drop-table <reason>`.',
    defaultSeverity: 'error',
    kinds: ['DropStmt'],
    checkStatement(statement, context) {
        if (statement.kind !== 'DropStmt' || statement.node.removeType !== 'OBJECT_TABLE')
            return NO_VIOLATIONS;
        return (statement.node.objects ?? [])
            .map((o) => qualifiedFromParts(strings(o.List?.items)))
            .filter((table) => context.state.isExistingTable(table))
            .map((table) => violation(context, statement, undefined, `DROP TABLE ${table} deletes the table and all of its rows.`));
    },
};

;// CONCATENATED MODULE: ./packages/core/src/rules/ban-lock-table.ts



const banLockTable = {
    id: 'ban-lock-table',
    summary: 'LOCK TABLE in a mode that blocks writes (SHARE or stronger) on an existing table.',
    rationale: 'An explicit LOCK holds the table until the migration\'s transaction ends, blocking writes (and, in ACCESS EXCLUSIVE mode, ' +
        'reads) for the whole migration rather than for one statement. A warning: taking locks in a fixed order is sometimes the ' +
        'deliberate cure for deadlocks, which `gate:allow` can record.',
    safeAlternative: 'Let each statement take the lock it needs, keep the migration short, and set lock_timeout; if the explicit lock is ' +
        'deliberate, record why with `-- gate:allow ban-lock-table <reason>`.',
    defaultSeverity: 'warning',
    kinds: ['LockStmt'],
    predicts: 'access-exclusive',
    checkStatement(statement, context) {
        if (statement.kind !== 'LockStmt')
            return NO_VIOLATIONS;
        const mode = (statement.node.mode ?? LockLevel.AccessExclusive);
        if (!blocksWrites(mode))
            return NO_VIOLATIONS;
        return (statement.node.relations ?? [])
            .map((r) => r.RangeVar)
            .filter((r) => context.state.isExistingTable(relationName(r)))
            .map((r) => violation(context, statement, r.location, `LOCK TABLE ${relationName(r)} IN ${lockName(mode)} MODE blocks ${mode === LockLevel.AccessExclusive ? 'reads and writes' : 'writes'} until the migration commits.`));
    },
};

;// CONCATENATED MODULE: ./packages/core/src/rules/ban-password-literal.ts


/** Statements whose options may carry a password, and how to name them in a message. */
const PASSWORD_CARRIERS = {
    CreateRoleStmt: 'CREATE ROLE',
    AlterRoleStmt: 'ALTER ROLE',
    CreateUserMappingStmt: 'CREATE USER MAPPING',
    AlterUserMappingStmt: 'ALTER USER MAPPING',
};
/** CREATE ROLE names its role as a string, ALTER ROLE and user mappings as a RoleSpec (maybe CURRENT_USER). */
function roleOf(node) {
    if (typeof node.role === 'string')
        return node.role;
    const spec = node.role ?? node.user;
    if (spec?.rolename)
        return spec.rolename;
    return spec?.roletype ? String(spec.roletype).replace(/^ROLESPEC_/, '').toLowerCase() : 'the role';
}
const banPasswordLiteral = {
    id: 'ban-password-literal',
    summary: "CREATE/ALTER ROLE (or a user mapping) with PASSWORD '<literal>': a secret committed to git.",
    rationale: 'A migration is committed, reviewed, copied into every clone and every CI run, and its text is stored in the history table ' +
        '(`supabase_migrations.schema_migrations.statements`). A password written in it is a leaked secret from the first push, even ' +
        'when hashed (SCRAM and MD5 hashes can be attacked offline), and every environment ends up with the same one. An error; the ' +
        'report never repeats the literal.',
    safeAlternative: 'Create the role without a password (or PASSWORD NULL) and set it outside migrations from a secret store, e.g. `ALTER ROLE ... ' +
        'PASSWORD` run by the deploy with a masked secret, psql\'s \\password, or the platform\'s dashboard. Rotate the password that was committed.',
    defaultSeverity: 'error',
    kinds: Object.keys(PASSWORD_CARRIERS),
    checkStatement(statement, context) {
        let label = PASSWORD_CARRIERS[statement.kind];
        if (!label)
            return NO_VIOLATIONS;
        // CREATE USER and CREATE GROUP are CREATE ROLE under other names; say what was written.
        if (statement.node.stmt_type === 'ROLESTMT_USER')
            label = 'CREATE USER';
        else if (statement.node.stmt_type === 'ROLESTMT_GROUP')
            label = 'CREATE GROUP';
        const name = roleOf(statement.node);
        return defElems(statement.node.options)
            .filter((option) => option.defname === 'password' && option.arg?.String !== undefined)
            .map((option) => 
        // The literal itself is deliberately left out of the message: reports are logged and commented.
        violation(context, statement, option.location, `${label} ${name} sets a password written in the migration: the secret is now in git history and in the migration history table.`));
    },
};

;// CONCATENATED MODULE: ./packages/core/src/rules/ban-server-file-and-program-access.ts


/** Functions that read, write or list files on the database server (core and adminpack). */
const SERVER_FILE_FUNCTIONS = new Set([
    'pg_read_file',
    'pg_read_binary_file',
    'pg_ls_dir',
    'pg_stat_file',
    'pg_file_write',
    'pg_file_rename',
    'pg_file_unlink',
    'pg_file_sync',
    'lo_import',
    'lo_export',
]);
/**
 * Cheap test before walking a statement's tree: most statements mention none of these. Kept this
 * short on purpose: an alternation of the full names costs ten times more on statement texts, which
 * are slices of their file's text.
 */
const MAY_CALL_SERVER_FILE_FUNCTION = /(?:pg|lo)_/i;
/**
 * The same test on the whole file, once per file: a statement's text is part of its file's text,
 * so a file that never mentions `pg_` or `lo_` spares the test on each of its statements.
 */
let lastMigration;
let lastMigrationMayCall = true;
function mayCallServerFileFunction(statement, migration) {
    if (migration !== lastMigration) {
        lastMigrationMayCall = MAY_CALL_SERVER_FILE_FUNCTION.test(migration.text);
        lastMigration = migration;
    }
    return lastMigrationMayCall && MAY_CALL_SERVER_FILE_FUNCTION.test(statement.text);
}
/** Built-in roles that grant the same powers. */
const SERVER_ACCESS_ROLES = new Set(['pg_execute_server_program', 'pg_read_server_files', 'pg_write_server_files']);
function copyViolation(statement, context) {
    const node = statement.node;
    if (node.filename === undefined)
        return NO_VIOLATIONS; // COPY ... FROM STDIN / TO STDOUT stays on the client connection
    if (node.is_program) {
        return [violation(context, statement, undefined, `COPY ... ${node.is_from ? 'FROM' : 'TO'} PROGRAM runs a shell command on the database server, as the operating-system user that runs PostgreSQL.`)];
    }
    return [violation(context, statement, undefined, `COPY ... ${node.is_from ? 'FROM' : 'TO'} a file ${node.is_from ? 'reads' : 'writes'} a file on the database server's file system, not on the machine running the migration.`)];
}
const banServerFileAndProgramAccess = {
    id: 'ban-server-file-and-program-access',
    summary: 'COPY ... FROM/TO PROGRAM or a server file, server file functions (pg_read_file, lo_import, ...), or granting the roles that allow them.',
    rationale: 'COPY ... PROGRAM runs a shell command on the database server as the postgres operating-system user; COPY to or from a file ' +
        'name and functions such as pg_read_file, pg_ls_dir, lo_import and lo_export read and write the server\'s own files. A ' +
        'migration that does this executes code or moves data outside the database, which no review of SQL can bound, and it depends ' +
        'on files that exist on one server only. Managed platforms refuse it. An error.',
    safeAlternative: 'Load data with COPY ... FROM STDIN from the client (psql \\copy), or with INSERT statements in a `-- kind: data` migration. ' +
        'Run server administration outside migrations.',
    defaultSeverity: 'error',
    checkStatement(statement, context) {
        if (statement.kind === 'CopyStmt')
            return copyViolation(statement, context);
        if (statement.kind === 'GrantRoleStmt')
            return serverAccessRoleGrants(statement, context);
        if (!mayCallServerFileFunction(statement, context.migration))
            return NO_VIOLATIONS;
        return serverFileCalls(statement, context);
    },
};
function serverAccessRoleGrants(statement, context) {
    if (!statement.node.is_grant)
        return NO_VIOLATIONS;
    const roles = (statement.node.granted_roles ?? []).map((r) => r.AccessPriv?.priv_name ?? '').filter((role) => SERVER_ACCESS_ROLES.has(role));
    return roles.map((role) => violation(context, statement, undefined, `Granting ${role} lets its members ${role === 'pg_execute_server_program' ? 'run shell commands' : 'read or write files'} on the database server.`));
}
/** Calls of the server file functions anywhere in the statement (a helper: its closure stays off the common path, see sql.ts). */
function serverFileCalls(statement, context) {
    const found = [];
    walkNodes(statement.node, (type, body) => {
        if (type !== 'FuncCall')
            return;
        const parts = strings(body.funcname);
        const name = parts[parts.length - 1];
        if (SERVER_FILE_FUNCTIONS.has(name))
            found.push(violation(context, statement, body.location, `${name}() reads, writes or lists files on the database server's file system.`));
    });
    return found;
}

// EXTERNAL MODULE: ./packages/core/src/transaction-control.ts
var transaction_control = __webpack_require__(9313);
;// CONCATENATED MODULE: ./packages/core/src/rules/ban-transaction-control.ts



/** Savepoints (SAVEPOINT, RELEASE, ROLLBACK TO) work inside the deploy's transaction and are not listed. */
function controlOf(statement) {
    const kind = (0,transaction_control/* transactionKind */.T)(statement);
    return kind === 'savepoint' ? undefined : kind;
}
/** The statement's first word(s) as written: BEGIN, START TRANSACTION, COMMIT, END, ROLLBACK, ABORT, ... */
function keyword(statement) {
    const [first, second = ''] = statement.text.split(/\s+/, 2).map((word) => word.toUpperCase());
    return first === 'START' || first === 'PREPARE' || second === 'PREPARED' ? `${first} ${second}` : first;
}
const SPLIT_HINT = 'Each migration already runs in one transaction. If parts must commit separately, split the file into one migration per part; ' +
    'if the file must manage its own transactions, start it with `-- transaction: none` (its statements then run one by one, and ' +
    'BEGIN ... COMMIT groups them).';
/** What happens to the statements after a COMMIT or ROLLBACK at `statement`. */
function aftermath(statement, statements) {
    const following = statements.length - 1 - statement.index;
    if (following === 0)
        return 'and the history row is then written in a transaction of its own';
    return `and ${following === 1 ? 'the statement after it runs' : `the ${following} statements after it run`} outside any transaction`;
}
function endMessage(statement, control, statements, begin) {
    const word = keyword(statement);
    const block = begin ? `${keyword(begin)} ... ${word} (lines ${begin.line}-${statement.line}) does not make a transaction of its own: the deploy's is already open, so ${keyword(begin)} is ignored with a warning and ` : '';
    if (control === 'rollback')
        return `${block}${word} undoes everything before it in this migration and ends the deploy's transaction, ${aftermath(statement, statements)}.`;
    return `${block}${word} ends the deploy's transaction in the middle of the migration: what ran before it stays committed even if a later statement fails, ${aftermath(statement, statements)}.`;
}
/**
 * A file wrapped as a whole in BEGIN ... COMMIT: the deploy drops the wrapper and runs the rest in
 * its own transaction, and `supabase db push` runs it as one transaction too, so it is harmless.
 */
function unwrapped(statements) {
    const last = statements[statements.length - 1];
    return statements.length >= 2 && controlOf(statements[0]) === 'begin' && controlOf(last) === 'commit' ? statements.slice(1, -1) : statements;
}
const banTransactionControl = {
    id: 'ban-transaction-control',
    summary: 'BEGIN, COMMIT/END, ROLLBACK/ABORT or two-phase commit inside a migration that runs in a transaction.',
    rationale: 'The deploy runs each migration in one transaction together with its history row, and `supabase db push` sends a file as one ' +
        'batch, which is one implicit transaction. A COMMIT (or END) inside the file commits what came before it there and then: if a ' +
        'later statement fails, the database keeps half the migration and the history says it never ran. ROLLBACK silently discards the ' +
        'first part; BEGIN is ignored with a warning and only sets up the next COMMIT. The deploy refuses new files that do this. A ' +
        'BEGIN ... COMMIT around the whole file is harmless (the deploy drops it) and not reported. An error.',
    safeAlternative: `Remove the BEGIN/COMMIT inside the file. ${SPLIT_HINT}`,
    defaultSeverity: 'error',
    checkMigration(context) {
        const { directives, statements } = context.migration;
        if (!directives.transactional || !hasTransactionStatement(statements))
            return NO_VIOLATIONS;
        return transactionControlViolations(context, statements);
    },
};
/** Most files have no transaction statement: an indexed loop tells, before the walk and its closure (see sql.ts). */
function hasTransactionStatement(statements) {
    for (let i = 0; i < statements.length; i++)
        if (statements[i].kind === 'TransactionStmt')
            return true;
    return false;
}
function transactionControlViolations(context, statements) {
    const report = (statement, message) => violation(context, statement, undefined, message, SPLIT_HINT);
    const violations = [];
    let open;
    for (const statement of unwrapped(statements)) {
        const control = controlOf(statement);
        if (control === 'begin') {
            if (open)
                violations.push(report(statement, `${keyword(statement)} inside the open ${keyword(open)} of line ${open.line} is ignored with a warning.`));
            open ??= statement;
        }
        else if (control === 'commit' || control === 'rollback') {
            // A BEGIN ... COMMIT block is one finding, at its BEGIN.
            violations.push(report(open ?? statement, endMessage(statement, control, statements, open)));
            open = undefined;
        }
        else if (control === 'two-phase') {
            violations.push(report(statement, `${keyword(statement)} is two-phase commit, which takes the transaction away from the deploy that opened it.`));
        }
    }
    if (open) {
        violations.push(report(open, `${keyword(open)} without a COMMIT in this file is ignored with a warning inside the deploy's transaction; with \`supabase db push\` it leaves a transaction open on the connection for the next file.`));
    }
    return violations;
}

;// CONCATENATED MODULE: ./packages/core/src/rules/ban-truncate.ts


const banTruncate = {
    id: 'ban-truncate',
    summary: 'TRUNCATE of a table that may hold data.',
    rationale: 'TRUNCATE deletes every row without firing row triggers and takes an ACCESS EXCLUSIVE lock; with CASCADE it empties every ' +
        'table that references it too. An error by default because the data is gone once it commits.',
    safeAlternative: 'Delete the rows you mean to remove with a bounded DELETE in a `-- kind: data` migration, or record why emptying the table ' +
        'is intended with `-- gate:allow ban-truncate <reason>`.',
    defaultSeverity: 'error',
    kinds: ['TruncateStmt'],
    checkStatement(statement, context) {
        if (statement.kind !== 'TruncateStmt')
            return NO_VIOLATIONS;
        const cascade = statement.node.behavior === 'DROP_CASCADE' ? ' (CASCADE also empties every table that references it)' : '';
        return (statement.node.relations ?? [])
            .map((r) => r.RangeVar)
            .filter((rangeVar) => context.state.isExistingTable(relationName(rangeVar)))
            .map((rangeVar) => violation(context, statement, rangeVar.location, `TRUNCATE deletes every row of ${relationName(rangeVar)}${cascade}.`));
    },
};

;// CONCATENATED MODULE: ./packages/core/src/rules/ban-vacuum-full-and-cluster.ts


const banVacuumFullAndCluster = {
    id: 'ban-vacuum-full-and-cluster',
    summary: 'VACUUM FULL or CLUSTER on an existing table.',
    rationale: 'Both rewrite the whole table into a new file and rebuild every index while holding an ACCESS EXCLUSIVE lock: no reads or ' +
        'writes until they finish, and twice the disk space meanwhile. An error by default: they are maintenance for a planned window, ' +
        'not part of a deploy.',
    safeAlternative: 'Leave bloat to autovacuum, or run pg_repack / pg_squeeze (online rewrites) outside the migration. If a rewrite in a ' +
        'maintenance window is intended, record it with `-- gate:allow ban-vacuum-full-and-cluster <reason>`.',
    defaultSeverity: 'error',
    kinds: ['VacuumStmt', 'ClusterStmt'],
    predicts: 'rewrite',
    checkStatement(statement, context) {
        const node = statement.node;
        if (statement.kind === 'VacuumStmt') {
            if (!(node.options ?? []).some((o) => o.DefElem?.defname === 'full'))
                return NO_VIOLATIONS;
            const relations = (node.rels ?? []).map((r) => r.VacuumRelation.relation);
            if (relations.length === 0)
                return [violation(context, statement, undefined, 'VACUUM FULL without a table rewrites every table in the database, each under an ACCESS EXCLUSIVE lock.')];
            return relations
                .filter((r) => context.state.isExistingTable(relationName(r)))
                .map((r) => violation(context, statement, r.location, `VACUUM FULL rewrites ${relationName(r)} under an ACCESS EXCLUSIVE lock.`));
        }
        if (statement.kind === 'ClusterStmt') {
            if (!node.relation)
                return [violation(context, statement, undefined, 'CLUSTER without a table re-clusters every previously clustered table, each under an ACCESS EXCLUSIVE lock.')];
            const table = relationName(node.relation);
            if (!context.state.isExistingTable(table))
                return NO_VIOLATIONS;
            return [violation(context, statement, node.relation.location, `CLUSTER rewrites ${table} under an ACCESS EXCLUSIVE lock.`)];
        }
        return NO_VIOLATIONS;
    },
};

;// CONCATENATED MODULE: ./packages/core/src/rules/changing-column-type.ts


/** Types whose length limit can grow (or go away) without touching stored values. */
const LENGTH_LIMITED = new Set(['varchar', 'varbit']);
const TIMESTAMP_TYPES = new Set(['timestamp', 'timestamptz']);
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
/** timestamp <-> timestamptz keeping (or widening) the precision: stored values stay as they are when the TimeZone is UTC. */
function isTimestampZoneChange(from, to) {
    if (from.name === to.name || !TIMESTAMP_TYPES.has(from.name) || !TIMESTAMP_TYPES.has(to.name) || from.array !== to.array)
        return false;
    return to.typmods.length === 0 || (from.typmods.length > 0 && to.typmods[0] >= from.typmods[0]);
}
/**
 * Zones whose offset from UTC is zero at every date (UTC, GMT, Etc/UTC, Zulu, +00:00, ...): with
 * one of these PostgreSQL 12+ changes timestamp <-> timestamptz without a rewrite
 * (TimestampTimestampTzRequiresRewrite in the server's source).
 */
function isZeroOffsetTimeZone(zone) {
    const name = zone.trim();
    return /^(etc\/)?(utc|uct|gmt|greenwich|universal|zulu|z)([+-]?0{1,2}(:?00)?)?$/i.test(name) || /^[+-]?0{1,2}(:?00){0,2}$/.test(name);
}
function targetTimeZone(context) {
    const session = context.state.sessionTimeZone;
    if (session !== undefined)
        return { zone: session, source: 'set by this migration' };
    if (context.config.timeZone !== undefined)
        return { zone: context.config.timeZone, source: 'timeZone in the configuration' };
    if (context.isSupabase)
        return { zone: 'UTC', source: "Supabase's default" };
    return { source: 'unknown' };
}
/** `USING col` or `USING col::<new type>` converts exactly as the implicit cast would. */
function isImplicitConversion(using, column, to) {
    const columnOf = (node) => {
        const fields = strings(node?.ColumnRef?.fields);
        return fields.length === 1 && fields[0] === column;
    };
    if (columnOf(using))
        return true;
    const cast = using?.TypeCast;
    if (!cast || !columnOf(cast.arg))
        return false;
    const target = typeName(cast.typeName);
    return target.name === to.name && target.array === to.array && target.typmods.join(',') === to.typmods.join(',');
}
function timeZoneClause(setting) {
    if (setting.zone === undefined)
        return ' unless the server\'s TimeZone is UTC (set "timeZone" in .migration-gate.json to say which applies)';
    return ` because the TimeZone is ${setting.zone} (${setting.source}); only under UTC does PostgreSQL 12+ keep the stored values`;
}
const changingColumnType = {
    id: 'changing-column-type',
    summary: 'ALTER COLUMN ... TYPE that rewrites an existing table.',
    rationale: 'Unless the new type is binary-compatible with the old one (e.g. varchar(n) to text), PostgreSQL rewrites the whole table and ' +
        'rebuilds its indexes while holding an ACCESS EXCLUSIVE lock: no reads or writes for the duration, and twice the disk space. ' +
        'timestamp to timestamptz (and back) is catalog-only since PostgreSQL 12 when the session TimeZone is UTC, which is ' +
        "Supabase's default; the rule models the target's TimeZone (`timeZone` in the configuration, or a SET TIME ZONE in the " +
        'migration) and the dry-run, which sees whether the table was rewritten, has the last word. ' +
        'An error by default because on a large table this is an outage, and the safe path is well known.',
    safeAlternative: 'Add a new column with the new type, backfill it in batches (a `-- kind: data` migration), keep both in sync with a trigger or ' +
        'the application, switch reads over, then drop the old column in a later release.',
    defaultSeverity: 'error',
    kinds: ['AlterTableStmt'],
    predicts: 'rewrite',
    checkStatement(statement, context) {
        const alter = alterTableOf(statement);
        if (!alter || !context.state.isExistingTable(alter.table))
            return NO_VIOLATIONS;
        return typeChanges(statement, context, alter);
    },
};
/** A helper, so that its closures are built for existing tables only (see sql.ts). */
function typeChanges(statement, context, alter) {
    const known = context.state.table(alter.table)?.columns;
    return alter.commands
        .filter((cmd) => cmd.subtype === 'AT_AlterColumnType')
        .flatMap((cmd) => {
        const columnDef = cmd.def?.ColumnDef;
        const to = typeName(columnDef?.typeName);
        // The old type as it is at this point of the migrations (after any rename of it).
        const from = known?.get(cmd.name)?.type;
        const using = columnDef?.raw_default !== undefined && !isImplicitConversion(columnDef.raw_default, cmd.name, to);
        const column = `${alter.table}.${cmd.name}`;
        if (!from) {
            const message = `Changing the type of ${column} to ${describeType(to)} rewrites the table and its indexes under an ACCESS EXCLUSIVE lock, unless the old type is binary-compatible with it (the migrations do not show its old type).`;
            return [violation(context, statement, columnDef?.location, message)];
        }
        if (!using && isCatalogOnlyChange(from, to))
            return [];
        let why = '';
        if (!using && isTimestampZoneChange(from, to)) {
            const setting = targetTimeZone(context);
            if (setting.zone !== undefined && isZeroOffsetTimeZone(setting.zone))
                return [];
            why = timeZoneClause(setting);
        }
        const message = `Changing ${column} from ${describeType(from)} to ${describeType(to)}${using ? ' with USING' : ''} rewrites the table and its indexes under an ACCESS EXCLUSIVE lock${why}.`;
        return [violation(context, statement, columnDef?.location, message)];
    });
}

;// CONCATENATED MODULE: ./packages/core/src/rules/constraint-missing-not-valid.ts


const constraintMissingNotValid = {
    id: 'constraint-missing-not-valid',
    summary: 'CHECK or FOREIGN KEY added to an existing table without NOT VALID, or validated in the transaction that added it.',
    rationale: 'Adding a CHECK or FOREIGN KEY scans the whole table to validate existing rows while holding a lock that blocks writes ' +
        '(ACCESS EXCLUSIVE for CHECK; SHARE ROW EXCLUSIVE on both tables for a foreign key). Added NOT VALID, the constraint only ' +
        'applies to new rows and is instant; VALIDATE CONSTRAINT later scans under a lock that lets reads and writes continue, but ' +
        'only in a separate transaction, since the ADD\'s lock is held until commit. A warning: on a small table the scan is short.',
    safeAlternative: 'ALTER TABLE ... ADD CONSTRAINT <name> ... NOT VALID in one migration, then ALTER TABLE ... VALIDATE CONSTRAINT <name> in a ' +
        'later migration (or a `-- transaction: none` file).',
    defaultSeverity: 'warning',
    kinds: ['AlterTableStmt'],
    predicts: 'access-exclusive',
    checkStatement(statement, context) {
        const alter = alterTableOf(statement);
        if (!alter || !context.state.isExistingTable(alter.table))
            return NO_VIOLATIONS;
        const violations = [];
        for (const cmd of alter.commands) {
            if (cmd.subtype === 'AT_AddConstraint') {
                const c = cmd.def?.Constraint;
                if ((c?.contype === 'CONSTR_CHECK' || c?.contype === 'CONSTR_FOREIGN') && !c.skip_validation) {
                    const name = c.conname ? ` ${c.conname}` : '';
                    const message = c.contype === 'CONSTR_CHECK'
                        ? `Adding CHECK${name} to ${alter.table} without NOT VALID scans the whole table while blocking reads and writes.`
                        : `Adding FOREIGN KEY${name} to ${alter.table} without NOT VALID scans the whole table while blocking writes to it and to ${relationName(c.pktable)}.`;
                    violations.push(violation(context, statement, c.location, message));
                }
            }
            else if (cmd.subtype === 'AT_AddColumn') {
                // An inline REFERENCES cannot be NOT VALID, and it is checked against every existing row.
                for (const c of columnConstraints(cmd.def?.ColumnDef).filter((c) => c.contype === 'CONSTR_FOREIGN')) {
                    violations.push(violation(context, statement, c.location, `The inline REFERENCES ${relationName(c.pktable)} on new column ${alter.table}.${cmd.def.ColumnDef.colname} is validated against every existing row while blocking writes.`, 'Add the column without REFERENCES, then ADD CONSTRAINT ... FOREIGN KEY ... NOT VALID, and VALIDATE it in a later migration.'));
                }
            }
            else if (cmd.subtype === 'AT_ValidateConstraint' && context.migration.directives.transactional && context.state.constraintAddedNotValidInCurrentMigration(alter.table, cmd.name)) {
                violations.push(violation(context, statement, undefined, `VALIDATE CONSTRAINT ${cmd.name} runs in the same transaction that added it NOT VALID, so the scan happens under the ADD's lock, which is held until commit.`, 'Move VALIDATE CONSTRAINT to a later migration.'));
            }
        }
        return violations;
    },
};

;// CONCATENATED MODULE: ./packages/core/src/rules/data-change-in-schema-migration.ts


const DATA_CHANGES = new Set(['InsertStmt', 'UpdateStmt', 'DeleteStmt', 'MergeStmt', 'CopyStmt']);
/** Supabase configuration kept in tables, which its docs create with INSERT in schema migrations. */
const SUPABASE_CONFIGURATION_TABLES = new Set(['storage.buckets']);
const dataChangeInSchemaMigration = {
    id: 'data-change-in-schema-migration',
    summary: 'INSERT, UPDATE, DELETE, MERGE or COPY into an existing table in a schema migration.',
    rationale: 'Schema changes should be quick and take locks briefly; a data change on an existing table can touch millions of rows, hold ' +
        'row locks for the whole migration and make it impossible to retry or roll back separately. Rows for a table created in the ' +
        'same migration (seed data for a lookup table) and Supabase storage buckets are part of the schema change and not reported. ' +
        'Reported once per file, as a warning.',
    safeAlternative: 'Move data changes to their own migration marked `-- kind: data`, written to run in batches and to be safely re-run.',
    defaultSeverity: 'warning',
    kinds: [...DATA_CHANGES],
    oncePerMigration: true,
    checkStatement(statement, context) {
        if (context.migration.directives.kind !== 'schema' || !DATA_CHANGES.has(statement.kind))
            return NO_VIOLATIONS;
        const relation = statement.node.relation;
        if (!relation || (statement.kind === 'CopyStmt' && !statement.node.is_from))
            return NO_VIOLATIONS;
        const table = relationName(relation);
        if (!context.state.isExistingTable(table) || (context.isSupabase && SUPABASE_CONFIGURATION_TABLES.has(table)))
            return NO_VIOLATIONS;
        return [violation(context, statement, undefined, `${statementLabel(statement)} changes data in ${table} inside a schema migration.`)];
    },
};

;// CONCATENATED MODULE: ./packages/core/src/rules/enum-value-added-and-used.ts


/**
 * The first constant in the statement that is a value added earlier in this migration (a helper:
 * its closure stays off the path of every other statement, see sql.ts).
 */
function firstUseOfAddedValue(statement, context, added) {
    let use;
    walkNodes(statement.node, (type, body) => {
        if (use || type !== 'A_Const' || !body.sval)
            return;
        const addition = added.get(body.sval.sval ?? '');
        // A type created in the same transaction may use its new values at once.
        if (addition && !context.state.enumCreatedInCurrentMigration(addition.type))
            use = { value: addition.value, type: addition.type, location: body.location };
    });
    return use;
}
const enumValueAddedAndUsed = {
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
            return NO_VIOLATIONS;
        const use = firstUseOfAddedValue(statement, context, added);
        if (!use)
            return NO_VIOLATIONS;
        const addedOn = added.get(use.value)?.line;
        return [
            violation(context, statement, use.location, `'${use.value}' was added to enum ${use.type} on line ${addedOn} of this migration and cannot be used before that transaction commits.`),
        ];
    },
};

// EXTERNAL MODULE: ./packages/core/src/parser.ts
var parser = __webpack_require__(9646);
;// CONCATENATED MODULE: ./packages/core/src/rules/identifier-too-long.ts


/** NAMEDATALEN - 1: PostgreSQL keeps the first 63 bytes of a name and drops the rest with only a NOTICE. */
const MAX_IDENTIFIER_BYTES = 63;
/** UTF-8 bytes of the character whose UTF-16 code unit is `code` (a surrogate counts half of its 4 bytes). */
function utf8Bytes(code) {
    if (code < 0x80)
        return 1;
    if (code < 0x800)
        return 2;
    return code >= 0xd800 && code <= 0xdfff ? 2 : 3;
}
function isNameCharacter(code) {
    return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 36 || code >= 0x80;
}
/** 1 for the ASCII name characters (letters, digits, `_`, `$`); every non-ASCII character is one too. */
const ASCII_NAME_CHARACTERS = new Uint8Array(128).map((_, code) => (isNameCharacter(code) ? 1 : 0));
/** A UTF-16 code unit takes at most 3 bytes, so a run of name characters over 63 bytes has at least 22. */
const MIN_LONG_RUN_UNITS = Math.ceil((MAX_IDENTIFIER_BYTES + 1) / 3);
/** Whether `text` has a run of name characters over 63 bytes, anywhere (in comments and strings too). */
function hasLongNameRun(text) {
    // A run of 22 or more includes one of the characters at 21, 43, 65, ...: only the runs through
    // those are measured. The name-character test is written out: calls cost most before V8 optimises.
    const length = text.length;
    for (let at = MIN_LONG_RUN_UNITS - 1; at < length; at += MIN_LONG_RUN_UNITS) {
        let code = text.charCodeAt(at);
        if (code < 0x80 && ASCII_NAME_CHARACTERS[code] === 0)
            continue;
        let start = at;
        while (start > 0 && ((code = text.charCodeAt(start - 1)) >= 0x80 || ASCII_NAME_CHARACTERS[code] === 1))
            start--;
        let end = at + 1;
        while (end < length && ((code = text.charCodeAt(end)) >= 0x80 || ASCII_NAME_CHARACTERS[code] === 1))
            end++;
        if (end - start >= MIN_LONG_RUN_UNITS && Buffer.byteLength(text.slice(start, end)) > MAX_IDENTIFIER_BYTES)
            return true;
    }
    return false;
}
/** The earlier of two positions, where -1 means none. */
function earliest(a, b) {
    return a < 0 ? b : b < 0 ? a : Math.min(a, b);
}
/**
 * `mayHaveLongIdentifier` without its runs of name characters: the same reading of quoted names,
 * strings and comments, step for step, but jumping from one of their openings to the next with
 * native searches instead of visiting every character in between. The next opening of each kind
 * is remembered and searched again only once the reading has passed it.
 */
function mayHaveLongQuotedName(text) {
    let nextQuote = text.indexOf('"');
    let nextString = text.indexOf("'");
    let nextLineComment = text.indexOf('--');
    let nextBlockComment = text.indexOf('/*');
    for (let from = 0;;) {
        if (nextQuote >= 0 && nextQuote < from)
            nextQuote = text.indexOf('"', from);
        if (nextString >= 0 && nextString < from)
            nextString = text.indexOf("'", from);
        if (nextLineComment >= 0 && nextLineComment < from)
            nextLineComment = text.indexOf('--', from);
        if (nextBlockComment >= 0 && nextBlockComment < from)
            nextBlockComment = text.indexOf('/*', from);
        const i = earliest(earliest(nextQuote, nextString), earliest(nextLineComment, nextBlockComment));
        if (i < 0)
            return false;
        const code = text.charCodeAt(i);
        let end = i;
        if (code === 34 /* " */) {
            end = text.indexOf('"', i + 1);
            if (end - i - 1 > MAX_IDENTIFIER_BYTES / 4 && Buffer.byteLength(text.slice(i + 1, end)) > MAX_IDENTIFIER_BYTES)
                return true;
        }
        else if (code === 39 /* ' */)
            end = text.indexOf("'", i + 1);
        else if (code === 45 /* - */)
            end = text.indexOf('\n', i);
        else
            end = text.indexOf('*/', i + 2) + 1;
        if (end < 0)
            return code === 34;
        from = Math.max(i, end) + 1;
    }
}
/**
 * A quick "no" for `mayHaveLongIdentifier`, which stays the judge: whenever that one says yes, so
 * does this (it finds every run it could, and reads quotes, strings and comments exactly as it
 * does). Nearly every file gets a no. This reads a small part of the text where
 * `mayHaveLongIdentifier` reads all of it, one character at a time; the CLI lints once per
 * process, mostly before V8 optimises, so every character read counts. (A regular expression for
 * the runs measured slower than the full loop.)
 */
function mayHaveLongName(text) {
    return hasLongNameRun(text) || mayHaveLongQuotedName(text);
}
/**
 * Whether `text` may hold a name longer than 63 bytes: a run of name characters, or a double-quoted
 * stretch, over 63 bytes outside comments and string literals. Files without one are not scanned
 * at all; the scanner decides for the others. One linear pass; `mayHaveLongName` spares it for
 * almost every file.
 */
function mayHaveLongIdentifier(text) {
    let run = 0;
    for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        if (isNameCharacter(code)) {
            run += utf8Bytes(code);
            if (run > MAX_IDENTIFIER_BYTES)
                return true;
            continue;
        }
        run = 0;
        let end = i;
        if (code === 34 /* " */) {
            end = text.indexOf('"', i + 1);
            if (end - i - 1 > MAX_IDENTIFIER_BYTES / 4 && Buffer.byteLength(text.slice(i + 1, end)) > MAX_IDENTIFIER_BYTES)
                return true;
        }
        else if (code === 39 /* ' */)
            end = text.indexOf("'", i + 1);
        else if (code === 45 /* - */ && text.charCodeAt(i + 1) === 45)
            end = text.indexOf('\n', i);
        else if (code === 47 /* / */ && text.charCodeAt(i + 1) === 42 /* * */)
            end = text.indexOf('*/', i + 2) + 1;
        if (end < 0)
            return code === 34; // unterminated: let the scanner judge a quote; the rest is comment or string
        i = Math.max(i, end);
    }
    return false;
}
/** The name PostgreSQL stores: the first 63 bytes, cut back to a whole character. */
function truncateIdentifier(name) {
    const bytes = Buffer.from(name, 'utf8');
    if (bytes.length <= MAX_IDENTIFIER_BYTES)
        return name;
    let end = MAX_IDENTIFIER_BYTES;
    while (end > 0 && (bytes[end] & 0xc0) === 0x80)
        end--;
    return bytes.subarray(0, end).toString('utf8');
}
const identifierTooLong = {
    id: 'identifier-too-long',
    summary: 'An identifier longer than 63 bytes, which PostgreSQL silently truncates.',
    rationale: 'PostgreSQL keeps only the first 63 bytes of a name (NAMEDATALEN) and says so in a NOTICE nobody reads. The object then has a ' +
        'different name than the one in the migration, so tools and code that use the full name do not find it, and two long names ' +
        'that share their first 63 bytes are the same name: the second CREATE fails, or with IF NOT EXISTS silently does nothing. ' +
        'Reported once per name and file, at its first use; a warning.',
    safeAlternative: 'Shorten the name to 63 bytes or fewer (for generated names such as indexes and constraints, name them explicitly).',
    defaultSeverity: 'warning',
    checkMigration(context) {
        const text = context.migration.text;
        if (!mayHaveLongName(text) || !mayHaveLongIdentifier(text))
            return NO_VIOLATIONS;
        const seen = new Set();
        const fullNameByTruncated = new Map();
        const violations = [];
        for (const { name, byteOffset } of (0,parser/* scanIdentifiers */.sj)(text)) {
            if (seen.has(name) || Buffer.byteLength(name) <= MAX_IDENTIFIER_BYTES)
                continue;
            seen.add(name);
            const truncated = truncateIdentifier(name);
            const other = fullNameByTruncated.get(truncated);
            fullNameByTruncated.set(truncated, other ?? name);
            const collision = other ? ` It collides with "${other}" earlier in this file: both are stored as the same name.` : '';
            violations.push({
                ...context.locate(byteOffset),
                message: `"${name}" is ${Buffer.byteLength(name)} bytes long; PostgreSQL silently truncates it to "${truncated}".${collision}`,
            });
        }
        return violations;
    },
};

;// CONCATENATED MODULE: ./packages/core/src/rules/max-statements-per-migration.ts


/** Session and transaction control are scaffolding around the change, not part of its size. */
const SCAFFOLDING = new Set(['VariableSetStmt', 'VariableShowStmt', 'TransactionStmt']);
const maxStatementsPerMigration = {
    id: 'max-statements-per-migration',
    summary: 'More statements in one migration than `maxStatementsPerMigration` (default 12) allows.',
    rationale: 'A migration is the unit that is reviewed, deployed, and retried or reverted as a whole. Long migrations hold their locks ' +
        'longer (a transaction keeps every lock until commit), are harder to review, and fail halfway with more to untangle. SET and ' +
        'BEGIN/COMMIT do not count. A warning; the limit is configurable.',
    safeAlternative: 'Split the file into several migrations that each make one change, or raise `maxStatementsPerMigration` in .migration-gate.json.',
    defaultSeverity: 'warning',
    checkMigration(context) {
        const limit = context.config.maxStatementsPerMigration;
        // Counted in place, without a filtered copy of every checked migration's statements (see sql.ts on loops).
        let counted = 0;
        let firstOver;
        const statements = context.migration.statements;
        for (let i = 0; i < statements.length; i++) {
            const statement = statements[i];
            if (SCAFFOLDING.has(statement.kind))
                continue;
            if (counted === limit)
                firstOver = statement;
            counted++;
        }
        if (counted <= limit)
            return NO_VIOLATIONS;
        return [violation(context, firstOver, undefined, `This migration has ${counted} statements; the limit is ${limit}. This is statement ${limit + 1}.`)];
    },
};

;// CONCATENATED MODULE: ./packages/core/src/rules/one-change-per-migration.ts


const oneChangePerMigration = {
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
            return NO_VIOLATIONS;
        const second = context.migration.statements[groups[1].firstStatementIndex];
        const described = groups.map((g) => g.tables.join(' + ')).join('; ');
        return [violation(context, second, undefined, `This migration changes ${groups.length} unrelated groups of existing tables (${described}); this statement starts the second.`)];
    },
};

;// CONCATENATED MODULE: ./packages/core/src/rules/renaming-column.ts


const renamingColumn = {
    id: 'renaming-column',
    summary: 'ALTER TABLE ... RENAME COLUMN on an existing table.',
    rationale: 'Application code and API clients that still use the old column name fail as soon as the migration commits; during a rolling ' +
        'deploy the old version is always still running. A warning rather than an error: the damage depends on callers the gate cannot see.',
    safeAlternative: 'Add the new column, write to both and backfill, move reads to the new column, then drop the old one in a later release ' +
        '(or expose the table through a view that keeps the old name during the transition).',
    defaultSeverity: 'warning',
    kinds: ['RenameStmt'],
    predicts: 'access-exclusive',
    checkStatement(statement, context) {
        const node = statement.node;
        if (statement.kind !== 'RenameStmt' || node.renameType !== 'OBJECT_COLUMN' || node.relationType !== 'OBJECT_TABLE')
            return NO_VIOLATIONS;
        const table = relationName(node.relation);
        if (!context.state.isExistingTable(table))
            return NO_VIOLATIONS;
        return [violation(context, statement, node.relation.location, `Renaming ${table}.${node.subname} to ${node.newname} breaks every client still using the old name.`)];
    },
};

;// CONCATENATED MODULE: ./packages/core/src/rules/renaming-table.ts


const renamingTable = {
    id: 'renaming-table',
    summary: 'ALTER TABLE ... RENAME TO on an existing table.',
    rationale: 'The rename itself is instant, but every application version, API client (PostgREST exposes tables by name) and report that ' +
        'uses the old name breaks the moment it commits, and during a deploy the old code is still running. ' +
        'A warning rather than an error: the damage depends on callers the gate cannot see.',
    safeAlternative: 'Create the new table (or rename and leave a view with the old name: `CREATE VIEW old_name AS SELECT * FROM new_name`), move ' +
        'callers over, and remove the old name in a later release.',
    defaultSeverity: 'warning',
    kinds: ['RenameStmt'],
    predicts: 'access-exclusive',
    checkStatement(statement, context) {
        if (statement.kind !== 'RenameStmt' || statement.node.renameType !== 'OBJECT_TABLE')
            return NO_VIOLATIONS;
        const table = relationName(statement.node.relation);
        if (!context.state.isExistingTable(table))
            return NO_VIOLATIONS;
        return [violation(context, statement, statement.node.relation.location, `Renaming ${table} to ${statement.node.newname} breaks every client still using the old name.`)];
    },
};

;// CONCATENATED MODULE: ./packages/core/src/rules/require-concurrent-index-creation.ts


const requireConcurrentIndexCreation = {
    id: 'require-concurrent-index-creation',
    summary: 'CREATE INDEX or REINDEX on an existing table without CONCURRENTLY.',
    rationale: 'A plain CREATE INDEX (or REINDEX) holds a SHARE lock on the table for the whole build: reads continue but every INSERT, ' +
        'UPDATE and DELETE waits, for minutes on a large table. CONCURRENTLY builds the index without blocking writes. A warning: ' +
        'on a small table the build is quick.',
    safeAlternative: 'CREATE INDEX CONCURRENTLY (or REINDEX ... CONCURRENTLY) in its own migration with `-- transaction: none`, since CONCURRENTLY ' +
        'cannot run inside a transaction. For partitioned tables: CREATE INDEX ON ONLY the parent, build each partition concurrently, ' +
        'then ATTACH PARTITION the indexes.',
    defaultSeverity: 'warning',
    kinds: ['IndexStmt', 'ReindexStmt'],
    checkStatement(statement, context) {
        const node = statement.node;
        const state = context.state;
        if (statement.kind === 'IndexStmt') {
            const table = relationName(node.relation);
            // ON ONLY (inh = false) creates an empty, invalid index on a partitioned parent: instant.
            if (node.concurrent || node.relation.inh === false || !state.isExistingTable(table))
                return NO_VIOLATIONS;
            return [violation(context, statement, undefined, `CREATE INDEX${node.idxname ? ` ${node.idxname}` : ''} on ${table} blocks writes to the table until the index is built.`)];
        }
        if (statement.kind === 'ReindexStmt') {
            if ((node.params ?? []).some((p) => p.DefElem?.defname === 'concurrently'))
                return NO_VIOLATIONS;
            const target = node.relation ? relationName(node.relation) : (node.name ?? 'the database');
            if (node.kind === 'REINDEX_OBJECT_TABLE' && !state.isExistingTable(target))
                return NO_VIOLATIONS;
            if (node.kind === 'REINDEX_OBJECT_INDEX' && state.indexCreatedInCurrentMigration(target))
                return NO_VIOLATIONS;
            return [violation(context, statement, undefined, `REINDEX of ${target} blocks writes while the indexes are rebuilt.`)];
        }
        return NO_VIOLATIONS;
    },
};

;// CONCATENATED MODULE: ./packages/core/src/rules/require-concurrent-index-deletion.ts


const requireConcurrentIndexDeletion = {
    id: 'require-concurrent-index-deletion',
    summary: 'DROP INDEX without CONCURRENTLY.',
    rationale: 'DROP INDEX takes an ACCESS EXCLUSIVE lock on the index\'s table; if a long query holds the table, the DROP waits and every ' +
        'query behind it queues too. DROP INDEX CONCURRENTLY waits for conflicting transactions without blocking others. A warning: ' +
        'the drop itself is quick once it has the lock.',
    safeAlternative: 'DROP INDEX CONCURRENTLY, one index per statement, in a migration with `-- transaction: none`.',
    defaultSeverity: 'warning',
    kinds: ['DropStmt'],
    predicts: 'access-exclusive',
    checkStatement(statement, context) {
        const node = statement.node;
        if (statement.kind !== 'DropStmt' || node.removeType !== 'OBJECT_INDEX' || node.concurrent)
            return NO_VIOLATIONS;
        return (node.objects ?? [])
            .map((o) => qualifiedFromParts(strings(o.List?.items)))
            .filter((index) => !context.state.indexCreatedInCurrentMigration(index))
            // DROP INDEX IF EXISTS of an index the migrations already removed (with its table, say) is a no-op.
            .filter((index) => !(node.missing_ok && context.state.indexIsGone(index)))
            .map((index) => {
            const table = context.state.index(index)?.table;
            return violation(context, statement, undefined, `DROP INDEX ${index} locks ${table ?? 'its table'} in ACCESS EXCLUSIVE mode, blocking reads and writes while it waits.`);
        });
    },
};

;// CONCATENATED MODULE: ./packages/core/src/rules/require-lock-timeout.ts



/** The first lock that blocks writes to a table that may hold data (an indexed loop: this runs for most DDL). */
function firstWriteBlockingLock(locks) {
    for (let i = 0; i < locks.length; i++)
        if (locks[i].existing && blocksWrites(locks[i].level))
            return locks[i];
    return undefined;
}
const requireLockTimeout = {
    id: 'require-lock-timeout',
    summary: 'A statement that needs a write-blocking lock on an existing table runs without lock_timeout set earlier in the file.',
    rationale: 'A DDL statement waits for its lock behind any long-running query, and while it waits every new query on that table queues ' +
        'behind it: even an instant ALTER can stall all traffic to the table for as long as the slowest transaction runs. A ' +
        'lock_timeout makes the migration fail fast instead, to be retried. Reported once per file, at the first such statement; a warning.',
    safeAlternative: "Start the migration with SET lock_timeout = '5s'; (or SET LOCAL inside a transaction) and retry on timeout.",
    defaultSeverity: 'warning',
    kinds: LOCKING_STATEMENT_KINDS,
    predicts: 'access-exclusive',
    oncePerMigration: true,
    checkStatement(statement, context) {
        if (context.state.lockTimeoutSet)
            return NO_VIOLATIONS;
        const lock = firstWriteBlockingLock(context.state.locksOf(statement));
        if (!lock)
            return NO_VIOLATIONS;
        return [
            violation(context, statement, undefined, `${statementLabel(statement)} waits for ${aLock(lock.level)} on ${lock.relation} with no lock_timeout set, so queries queue behind it while it waits.`, context.migration.directives.transactional
                ? "Add SET LOCAL lock_timeout = '5s'; before this statement (near the top of the migration)."
                : "Add SET lock_timeout = '5s'; before this statement (SET LOCAL has no effect outside a transaction)."),
        ];
    },
};

;// CONCATENATED MODULE: ./packages/core/src/rules/require-rls-on-exposed-table.ts


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
const requireRlsOnExposedTable = {
    id: 'require-rls-on-exposed-table',
    summary: 'Table left in an exposed schema (after any rename or SET SCHEMA) without row level security enabled in any checked migration.',
    rationale: 'PostgREST serves every table in an exposed schema (by default `public`) to anyone holding the anon key, which ships in the ' +
        'client, and Supabase grants anon and authenticated full table privileges there: without RLS the table is world-readable ' +
        'and writable. An error: this is a data exposure, not a performance risk.',
    safeAlternative: 'ALTER TABLE <table> ENABLE ROW LEVEL SECURITY in the same migration, with policies for who may read and write; or create the ' +
        'table in a schema that is not exposed.',
    defaultSeverity: 'error',
    kinds: ['CreateStmt', 'CreateTableAsStmt', 'SelectStmt'],
    supabaseOnly: true,
    checkStatement(statement, context) {
        const rangeVar = createdRelation(statement.kind, statement.node);
        if (!rangeVar || rangeVar.relpersistence === 't')
            return NO_VIOLATIONS;
        const created = relationName(rangeVar);
        // Follow the table to where the checked migrations leave it: renamed, or moved by SET SCHEMA.
        context.afterAll((finalState) => {
            const final = finalState.tableTargetedBy(statement);
            if (!final || final.rowLevelSecurity)
                return NO_VIOLATIONS;
            const schema = schemaOf(final.name);
            if (!context.config.exposedSchemas.includes(schema))
                return NO_VIOLATIONS;
            const moved = created === final.name ? '' : ` (created as ${created}, later renamed or moved)`;
            return [
                violation(context, statement, rangeVar.location, `${final.name}${moved} is in the exposed schema ${schema} but no checked migration enables row level security on it, so the API serves it to anyone with the anon key.`, `ALTER TABLE ${final.name} ENABLE ROW LEVEL SECURITY; then CREATE POLICY ... for the access you intend.`),
            ];
        });
        return NO_VIOLATIONS;
    },
};

;// CONCATENATED MODULE: ./packages/core/src/rules/rls-enabled-without-policy.ts


/** An indexed loop rather than `some` with a closure: every ALTER TABLE of a checked migration is asked. */
function enablesRowSecurity(commands) {
    for (let i = 0; i < commands.length; i++)
        if (commands[i].subtype === 'AT_EnableRowSecurity')
            return true;
    return false;
}
const rlsEnabledWithoutPolicy = {
    id: 'rls-enabled-without-policy',
    summary: 'Row level security enabled on a table that no checked migration gives a policy.',
    rationale: 'With RLS on and no policy, every API request sees no rows and every write is rejected: safe, but usually a forgotten policy ' +
        'that shows up as an empty screen after deploy. Only service_role and the owner get through. A notice, mirroring Supabase\'s ' +
        'own advisor: it fails closed.',
    safeAlternative: 'CREATE POLICY ... ON <table> for each role and command that should have access, in the same migration.',
    defaultSeverity: 'notice',
    kinds: ['AlterTableStmt'],
    supabaseOnly: true,
    checkStatement(statement, context) {
        const alter = alterTableOf(statement);
        if (!alter || !enablesRowSecurity(alter.commands))
            return NO_VIOLATIONS;
        checkPoliciesAtEnd(statement, context, alter.table);
        return NO_VIOLATIONS;
    },
};
/** A helper, so that the `afterAll` closure is built for ENABLE ROW LEVEL SECURITY only (see sql.ts). */
function checkPoliciesAtEnd(statement, context, table) {
    context.afterAll((finalState) => {
        const final = finalState.tableTargetedBy(statement);
        if (!final || !final.rowLevelSecurity || final.policies.size > 0)
            return NO_VIOLATIONS;
        return [violation(context, statement, undefined, `Row level security is enabled on ${table} but no checked migration creates a policy for it, so API users can neither read nor write it.`)];
    });
}

;// CONCATENATED MODULE: ./packages/core/src/rules/schema-change-in-data-migration.ts


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
        return (node.objects ?? []).every((o) => state.table(qualifiedFromParts(strings(o.List?.items)))?.temporary === true);
    }
    return false;
}
const schemaChangeInDataMigration = {
    id: 'schema-change-in-data-migration',
    summary: 'DDL (CREATE, ALTER, DROP, ...) in a migration marked `-- kind: data`.',
    rationale: 'Data migrations are the ones that may run long, in batches, or be re-run; a schema change inside one takes DDL locks for ' +
        'that whole time and mixes two kinds of risk in one file. Temporary scratch tables are allowed. Reported once per file, as a warning.',
    safeAlternative: 'Move the schema change to its own schema migration (the default kind), ordered before or after the data migration as needed.',
    defaultSeverity: 'warning',
    oncePerMigration: true,
    checkStatement(statement, context) {
        if (context.migration.directives.kind !== 'data' || DATA_STATEMENTS.has(statement.kind) || isScratchTableStatement(statement, context.state))
            return NO_VIOLATIONS;
        return [violation(context, statement, undefined, `${statementLabel(statement)} changes the schema inside a data migration.`)];
    },
};

;// CONCATENATED MODULE: ./packages/core/src/rules/security-definer.ts

/** The SECURITY DEFINER option in a raw option list (`DefElem` wrappers), if any. */
function definerOption(list) {
    if (!list)
        return undefined;
    for (let i = 0; i < list.length; i++) {
        const option = list[i].DefElem;
        if (option?.defname === 'security' && option.arg?.Boolean?.boolval === true)
            return option;
    }
    return undefined;
}
function pinsSearchPath(options) {
    return options.some((o) => o.defname === 'set' && o.arg?.VariableSetStmt?.name === 'search_path' && o.arg.VariableSetStmt.kind !== 'VAR_RESET');
}
/** The statements that can make a function SECURITY DEFINER. */
const SECURITY_DEFINER_KINDS = ['CreateFunctionStmt', 'AlterFunctionStmt'];
/** Shared and frozen, like NO_VIOLATIONS: nearly every function is SECURITY INVOKER. */
const NO_SITES = Object.freeze([]);
/**
 * Looks for the SECURITY DEFINER option first, in the raw option list: the sites and their
 * closures are built in helpers, for the few functions that have it (see sql.ts).
 */
function securityDefinerSites(statement, context) {
    const node = statement.node;
    if (statement.kind === 'CreateFunctionStmt') {
        const definer = definerOption(node.options);
        return definer ? createdFunctionSites(statement, definer) : NO_SITES;
    }
    if (statement.kind === 'AlterFunctionStmt' && node.func) {
        const definer = definerOption(node.actions);
        return definer ? alteredFunctionSites(statement, context, definer) : NO_SITES;
    }
    return NO_SITES;
}
function createdFunctionSites(statement, definer) {
    const node = statement.node;
    return [
        {
            final: (finalState) => finalState.functionDefinedBy(statement),
            pinsSearchPath: pinsSearchPath(defElems(node.options)),
            location: definer.location,
            name: qualifiedFromParts(strings(node.funcname)),
        },
    ];
}
function alteredFunctionSites(statement, context, definer) {
    const node = statement.node;
    const actions = defElems(node.actions);
    const { name, signature } = functionReference(node.func);
    return context.state.functionsNamed(name, signature).map((before) => ({
        before,
        final: (finalState) => finalState.functionById(before.id),
        pinsSearchPath: pinsSearchPath(actions) || before.searchPathPinned,
        location: definer.location,
        name: before.name,
    }));
}

;// CONCATENATED MODULE: ./packages/core/src/rules/security-definer-executable-by-anon.ts



const securityDefinerExecutableByAnon = {
    id: 'security-definer-executable-by-anon',
    summary: 'SECURITY DEFINER function in an exposed schema that anon can execute.',
    rationale: 'PostgREST exposes every function in an exposed schema as /rpc/<name>, and Supabase\'s default privileges grant EXECUTE on new ' +
        'functions to anon directly, so anyone with the public anon key can call it, with the owner\'s rights and no RLS. Revoking ' +
        'from PUBLIC is not enough, because anon holds its own grant. Trigger functions and procedures cannot be called this way and are not reported. ' +
        'A warning: some functions are meant to be public, which `gate:allow` can record.',
    safeAlternative: 'REVOKE EXECUTE ON FUNCTION <name>(<args>) FROM anon (and from PUBLIC), granting it to authenticated only if needed; or move ' +
        'the function to a schema that is not exposed, or make it SECURITY INVOKER.',
    defaultSeverity: 'warning',
    kinds: SECURITY_DEFINER_KINDS,
    supabaseOnly: true,
    checkStatement(statement, context) {
        const sites = securityDefinerSites(statement, context);
        if (sites.length > 0)
            checkAnonExecuteAtEnd(statement, context, sites);
        return NO_VIOLATIONS;
    },
};
/** A helper, so that the `afterAll` closure is built for SECURITY DEFINER functions only (see sql.ts). */
function checkAnonExecuteAtEnd(statement, context, sites) {
    const exposed = new Set(context.config.exposedSchemas);
    context.afterAll((finalState) => sites.flatMap((site) => {
        const final = site.final(finalState);
        if (!final?.securityDefiner || !final.anonCanExecute || final.returnsTrigger || final.isProcedure || !exposed.has(schemaOf(final.name)))
            return [];
        const onlyPublic = final.publicExecuteRevoked ? ' EXECUTE was revoked from PUBLIC, but anon keeps its own grant from Supabase\'s default privileges.' : '';
        return [violation(context, statement, site.location, `Anyone with the anon key can call SECURITY DEFINER function ${site.name} through the API; no later migration revokes EXECUTE from anon.${onlyPublic}`)];
    }));
}

;// CONCATENATED MODULE: ./packages/core/src/rules/security-definer-search-path.ts



const securityDefinerSearchPath = {
    id: 'security-definer-search-path',
    summary: 'SECURITY DEFINER function without a pinned search_path.',
    rationale: 'A SECURITY DEFINER function runs with its owner\'s privileges (on Supabase: postgres, which bypasses RLS) but resolves ' +
        'unqualified names through the caller\'s search_path, so a caller who can create objects in a schema on that path can make ' +
        'it run their code. Pinning search_path closes this. A warning: exploiting it needs CREATE rights somewhere on the path.',
    safeAlternative: "Add SET search_path = '' to the function and schema-qualify every name in its body (public.profiles, auth.uid()).",
    defaultSeverity: 'warning',
    kinds: SECURITY_DEFINER_KINDS,
    supabaseOnly: true,
    checkStatement(statement, context) {
        const sites = securityDefinerSites(statement, context);
        if (sites.length > 0)
            checkSearchPathsAtEnd(statement, context, sites);
        return NO_VIOLATIONS;
    },
};
/** A helper, so that the `afterAll` closure is built for SECURITY DEFINER functions only (see sql.ts). */
function checkSearchPathsAtEnd(statement, context, definerSites) {
    const sites = definerSites.filter((site) => !site.pinsSearchPath);
    if (sites.length === 0)
        return;
    context.afterAll((finalState) => sites
        .filter((site) => {
        const final = site.final(finalState);
        return final?.securityDefiner && !final.searchPathPinned;
    })
        .map((site) => violation(context, statement, site.location, `SECURITY DEFINER function ${site.name} does not pin search_path, and no later migration does.`)));
}

;// CONCATENATED MODULE: ./packages/core/src/rules/setting-not-null-without-check.ts


const settingNotNullWithoutCheck = {
    id: 'setting-not-null-without-check',
    summary: 'SET NOT NULL on an existing column without a validated CHECK (column IS NOT NULL) first.',
    rationale: 'SET NOT NULL scans the whole table to prove there are no NULLs while holding an ACCESS EXCLUSIVE lock, blocking reads and ' +
        'writes for the length of the scan. Since PostgreSQL 12 the scan is skipped when a validated CHECK (column IS NOT NULL) ' +
        'constraint already proves it. A warning: on a small table the scan is short.',
    safeAlternative: 'ADD CONSTRAINT <name> CHECK (<column> IS NOT NULL) NOT VALID; then, in a later migration, VALIDATE CONSTRAINT <name> ' +
        '(no blocking lock), SET NOT NULL (now instant) and DROP CONSTRAINT <name>.',
    defaultSeverity: 'warning',
    kinds: ['AlterTableStmt'],
    predicts: 'access-exclusive',
    checkStatement(statement, context) {
        const alter = alterTableOf(statement);
        const state = context.state;
        if (!alter || !state.isExistingTable(alter.table))
            return NO_VIOLATIONS;
        const columns = state.table(alter.table)?.columns;
        const violations = [];
        for (const cmd of alter.commands) {
            // PostgreSQL 18's ADD CONSTRAINT ... NOT NULL col (without NOT VALID) scans just like SET NOT NULL.
            const notNullConstraint = cmd.subtype === 'AT_AddConstraint' && cmd.def?.Constraint?.contype === 'CONSTR_NOTNULL' && !cmd.def.Constraint.skip_validation ? cmd.def.Constraint : undefined;
            const column = cmd.subtype === 'AT_SetNotNull' ? cmd.name : notNullConstraint ? strings(notNullConstraint.keys)[0] : undefined;
            if (!column || columns?.get(column)?.notNull || state.hasValidatedNotNullCheck(alter.table, column))
                continue;
            const check = `${alter.table.split('.')[1]}_${column}_not_null`;
            violations.push(violation(context, statement, notNullConstraint?.location, `${notNullConstraint ? 'Adding a NOT NULL constraint' : 'SET NOT NULL'} on ${alter.table}.${column} scans the whole table under an ACCESS EXCLUSIVE lock.`, `First: ALTER TABLE ${alter.table} ADD CONSTRAINT ${check} CHECK (${column} IS NOT NULL) NOT VALID; in a later migration: ` +
                `VALIDATE CONSTRAINT ${check}, then SET NOT NULL (no scan) and DROP CONSTRAINT ${check}.`));
        }
        return violations;
    },
};

;// CONCATENATED MODULE: ./packages/core/src/rules/unique-constraint-without-index.ts


const uniqueConstraintWithoutIndex = {
    id: 'unique-constraint-without-index',
    summary: 'UNIQUE or PRIMARY KEY added to an existing table without USING INDEX.',
    rationale: 'Adding a UNIQUE or PRIMARY KEY constraint builds its index while holding an ACCESS EXCLUSIVE lock, blocking reads and ' +
        'writes for the whole build. Building the unique index CONCURRENTLY first and attaching it with USING INDEX makes the ' +
        'constraint step instant. A warning: on a small table the build is quick.',
    safeAlternative: 'CREATE UNIQUE INDEX CONCURRENTLY <index> ON <table> (<columns>) in a `-- transaction: none` migration, then ' +
        'ALTER TABLE <table> ADD CONSTRAINT <name> UNIQUE USING INDEX <index> (or PRIMARY KEY USING INDEX, with the columns already NOT NULL).',
    defaultSeverity: 'warning',
    kinds: ['AlterTableStmt'],
    predicts: 'access-exclusive',
    checkStatement(statement, context) {
        const alter = alterTableOf(statement);
        if (!alter || !context.state.isExistingTable(alter.table))
            return NO_VIOLATIONS;
        const violations = [];
        for (const cmd of alter.commands) {
            if (cmd.subtype === 'AT_AddConstraint') {
                const c = cmd.def?.Constraint;
                if ((c?.contype !== 'CONSTR_UNIQUE' && c?.contype !== 'CONSTR_PRIMARY') || c.indexname)
                    continue;
                const kind = c.contype === 'CONSTR_UNIQUE' ? 'UNIQUE' : 'PRIMARY KEY';
                const columns = strings(c.keys);
                const ready = context.state.concurrentUniqueIndexOn(alter.table, columns);
                const hint = ready
                    ? `The unique index ${ready.name} already covers (${columns.join(', ')}): ALTER TABLE ${alter.table} ADD CONSTRAINT ${c.conname ?? '<name>'} ${kind} USING INDEX ${ready.name.split('.')[1]}.`
                    : undefined;
                violations.push(violation(context, statement, c.location, `Adding ${kind} (${columns.join(', ')}) to ${alter.table} builds a unique index under an ACCESS EXCLUSIVE lock.`, hint));
            }
            else if (cmd.subtype === 'AT_AddColumn') {
                for (const c of columnConstraints(cmd.def?.ColumnDef).filter((c) => c.contype === 'CONSTR_UNIQUE' || c.contype === 'CONSTR_PRIMARY')) {
                    const kind = c.contype === 'CONSTR_UNIQUE' ? 'UNIQUE' : 'PRIMARY KEY';
                    violations.push(violation(context, statement, c.location, `The inline ${kind} on new column ${alter.table}.${cmd.def.ColumnDef.colname} builds a unique index under an ACCESS EXCLUSIVE lock.`));
                }
            }
        }
        return violations;
    },
};

;// CONCATENATED MODULE: ./packages/core/src/rules/index.ts
/**
 * Every lint rule, in the order findings for the same statement are reported.
 */



































const ALL_RULES = [
    // Data loss
    banDropTable,
    banDropColumn,
    banDropSchema,
    banDropDatabase,
    banTruncate,
    // Migrations that fail as written
    addingRequiredField,
    banConcurrentlyInTransaction,
    banTransactionControl,
    enumValueAddedAndUsed,
    identifierTooLong,
    // Rewrites and long locks
    changingColumnType,
    addingColumnRewritesTable,
    settingNotNullWithoutCheck,
    constraintMissingNotValid,
    uniqueConstraintWithoutIndex,
    requireConcurrentIndexCreation,
    requireConcurrentIndexDeletion,
    banVacuumFullAndCluster,
    banLockTable,
    requireLockTimeout,
    // The server beyond the schema, and secrets
    banAlterSystem,
    banServerFileAndProgramAccess,
    banPasswordLiteral,
    // Compatibility with running code
    renamingTable,
    renamingColumn,
    // Migration shape
    dataChangeInSchemaMigration,
    schemaChangeInDataMigration,
    maxStatementsPerMigration,
    oneChangePerMigration,
    // Supabase exposure
    requireRlsOnExposedTable,
    rlsEnabledWithoutPolicy,
    securityDefinerSearchPath,
    securityDefinerExecutableByAnon,
    banAnonWriteGrant,
    banDropRealtimePublication,
];
/** The documentation of every rule, without the checking code (for docs, SARIF and `--help`). */
function ruleDocs() {
    return ALL_RULES.map(({ id, summary, rationale, safeAlternative, defaultSeverity, supabaseOnly }) => ({
        id,
        summary,
        rationale,
        safeAlternative,
        defaultSeverity,
        ...(supabaseOnly ? { supabaseOnly } : {}),
    }));
}

// EXTERNAL MODULE: ./packages/core/src/dry-run/cancellation.ts
var cancellation = __webpack_require__(6744);
// EXTERNAL MODULE: ./packages/core/src/discovery.ts + 1 modules
var discovery = __webpack_require__(8379);
;// CONCATENATED MODULE: ./packages/core/src/dry-run-confirmations.ts
/**
 * Static rules predict locks and rewrites; the dry-run observes them on a real server. When both
 * speak about the same statement, the report shows one finding carrying both pieces of evidence
 * rather than two that repeat each other: the static finding keeps its rule id (so configuration
 * and `gate:allow` work as before) and takes the dry-run's observation. Pure: no I/O.
 */

/** The dry-run's lock findings and what each one observed. */
const OBSERVATIONS = {
    'dry-run-rewrite': 'rewrite',
    'dry-run-access-exclusive': 'access-exclusive',
};
function statementAt(migration, line, column) {
    const statements = migration?.statements ?? [];
    return statements.find((s) => s.line === line && s.column === column) ?? statements.find((s) => s.line <= line && line <= s.endLine);
}
/**
 * Folds each dry-run lock finding into a static finding on the same statement whose rule predicted
 * a lock or rewrite, preferring one that predicted exactly what the dry-run saw. Dry-run findings
 * with no such partner, and every other finding, are returned unchanged and in order.
 */
function mergeDryRunConfirmations(findings, migrations, rules) {
    const predictions = new Map();
    for (const rule of rules)
        if (rule.predicts)
            predictions.set(rule.id, rule.predicts);
    const byPath = new Map(migrations.map((m) => [m.path, m]));
    const merged = new Map();
    const absorbed = new Set();
    for (const observation of findings) {
        const observed = observation.source === 'dry-run' ? OBSERVATIONS[observation.ruleId] : undefined;
        if (!observed)
            continue;
        const statement = statementAt(byPath.get(observation.file), observation.line, observation.column);
        if (!statement)
            continue;
        const partners = findings.filter((f) => f.source === 'lint' && f.file === observation.file && predictions.has(f.ruleId) && !merged.has(f) && f.line >= statement.line && f.line <= statement.endLine);
        const partner = partners.find((f) => predictions.get(f.ruleId) === observed) ?? partners[0];
        if (!partner)
            continue;
        const confirmed = predictions.get(partner.ruleId) === observed || observed === 'rewrite';
        merged.set(partner, {
            ...partner,
            severity: SEVERITY_ORDER[observation.severity] > SEVERITY_ORDER[partner.severity] ? observation.severity : partner.severity,
            message: `${partner.message} ${confirmed ? 'Confirmed by the dry-run' : 'The dry-run saw'}: ${observation.message}`,
            confirmedBy: { ruleId: observation.ruleId, message: observation.message },
        });
        absorbed.add(observation);
    }
    return findings.filter((f) => !absorbed.has(f)).map((f) => merged.get(f) ?? f);
}

// EXTERNAL MODULE: ./packages/core/src/source-map.ts
var source_map = __webpack_require__(2311);
;// CONCATENATED MODULE: ./packages/core/src/lint.ts



/** Rules switched on for this run, with their configured severity. */
function activeRules(config, isSupabase, rules = ALL_RULES) {
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
/** By version, then file name. */
function compareVersionOrder(a, b) {
    const versionA = a.version ?? '';
    const versionB = b.version ?? '';
    if (versionA !== versionB)
        return versionA < versionB ? -1 : 1;
    return a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0;
}
function inVersionOrder(migrations) {
    return [...migrations].sort(compareVersionOrder);
}
/** Collects one linted file's findings, keeping `oncePerMigration` rules to their first. */
class FileReport {
    migration;
    findings = [];
    reported = new Set();
    constructor(migration) {
        this.migration = migration;
    }
    isDone(rule) {
        return rule.oncePerMigration === true && this.reported.has(rule);
    }
    add({ rule, severity }, violations) {
        for (let i = 0; i < violations.length; i++) {
            const v = violations[i];
            if (this.isDone(rule))
                return;
            this.reported.add(rule);
            this.findings.push({
                ruleId: rule.id,
                severity,
                message: v.message,
                hint: v.hint ?? rule.safeAlternative,
                file: this.migration.path,
                line: v.line,
                column: v.column,
                source: 'lint',
            });
        }
    }
}
/** The statement rules that want to see a statement of each kind, in catalogue order. */
function rulesByStatementKind(active) {
    const withCheck = active.filter((entry) => entry.rule.checkStatement);
    const byKind = new Map();
    return (kind) => {
        let rules = byKind.get(kind);
        if (!rules) {
            rules = withCheck.filter(({ rule }) => !rule.kinds || rule.kinds.includes(kind));
            byKind.set(kind, rules);
        }
        return rules;
    };
}
/** Lints `migrations` (any order: they are walked in version order). */
function lintMigrations(migrations, options) {
    const shouldLint = options.shouldLint ?? (() => true);
    if (!migrations.some((m) => m.parsed && shouldLint(m)))
        return [];
    const linter = new MigrationLinter(options);
    for (const migration of inVersionOrder(migrations))
        linter.walk(migration);
    return linter.findings();
}
/** Whether `migrations` are already in the order `lintMigrations` walks them (true for any CLI-style folder). */
function inLintOrder(migrations) {
    for (let i = 1; i < migrations.length; i++)
        if (compareVersionOrder(migrations[i - 1], migrations[i]) > 0)
            return false;
    return true;
}
/**
 * The lint, one migration at a time: `walk` each migration in version order (a caller may do so
 * while later files are still being parsed), then ask for `findings`. Migrations that did not
 * parse are passed over, as if absent.
 */
class MigrationLinter {
    options;
    shouldLint;
    active;
    statementRules;
    migrationRules;
    state = new SchemaState();
    reports = [];
    deferred = [];
    constructor(options) {
        this.options = options;
        this.shouldLint = options.shouldLint ?? (() => true);
        this.active = activeRules(options.config, options.isSupabase, options.rules);
        this.statementRules = rulesByStatementKind(this.active);
        this.migrationRules = this.active.filter((entry) => entry.rule.checkMigration);
    }
    walk(migration) {
        if (!migration.parsed || this.active.length === 0)
            return;
        const linted = this.shouldLint(migration);
        const state = this.state;
        state.beginMigration(migration, { trackChanges: linted });
        const statements = migration.statements;
        // Indexed loops: the CLI lints once per process, mostly before V8 optimises, and an iterator
        // per loop adds up over thousands of statements.
        if (!linted) {
            for (let s = 0; s < statements.length; s++)
                state.apply(statements[s]);
            return;
        }
        const report = new FileReport(migration);
        this.reports.push(report);
        let sourceMap;
        // The rule being asked right now: what it schedules with afterAll is reported under its name.
        let current = this.active[0];
        const context = {
            migration,
            config: this.options.config,
            state,
            afterAll: (check) => this.deferred.push({ report, entry: current, check }),
            isSupabase: this.options.isSupabase,
            locate: (byteOffset) => (sourceMap ??= new source_map/* SourceMap */.o(migration.text)).position(byteOffset),
        };
        for (let s = 0; s < statements.length; s++) {
            const statement = statements[s];
            const rules = this.statementRules(statement.kind);
            for (let r = 0; r < rules.length; r++) {
                const entry = rules[r];
                if (report.isDone(entry.rule))
                    continue;
                current = entry;
                const violations = entry.rule.checkStatement(statement, context);
                if (violations.length > 0)
                    report.add(entry, violations);
            }
            state.apply(statement);
        }
        for (let r = 0; r < this.migrationRules.length; r++) {
            current = this.migrationRules[r];
            report.add(current, current.rule.checkMigration(context));
        }
    }
    /** The findings of every linted migration, each file's by line; call once, after the last walk. */
    findings() {
        // Every migration was walked: `state` now knows what the later ones did.
        for (const { report, entry, check } of this.deferred)
            report.add(entry, check(this.state));
        const findings = [];
        for (const report of this.reports)
            findings.push(...report.findings.sort((a, b) => a.line - b.line || a.column - b.column));
        return findings;
    }
}

// EXTERNAL MODULE: ./packages/core/src/read-files.ts
var read_files = __webpack_require__(9275);
// EXTERNAL MODULE: ./packages/core/src/report/markdown-safe.ts
var markdown_safe = __webpack_require__(6689);
;// CONCATENATED MODULE: ./packages/core/src/suppress.ts
/** Rules that cannot be silenced: they describe a broken file, not a judgement call. */
const UNSUPPRESSIBLE = new Set(['syntax-error', 'file-encoding', 'file-read', 'directive', 'duplicate-version', 'file-name', 'immutable-migration']);
function applySuppressions(findings, migrations, knownRuleIds) {
    const byPath = new Map(migrations.map((m) => [m.path, m]));
    const used = new Set();
    const result = findings.map((finding) => {
        const migration = byPath.get(finding.file);
        // A finding the dry-run confirmed answers to both rule ids.
        const allow = migration?.directives.allows.find((a) => a.ruleId === finding.ruleId || a.ruleId === finding.confirmedBy?.ruleId);
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

// EXTERNAL MODULE: ./packages/core/src/supabase/baseline.ts
var baseline = __webpack_require__(1281);
// EXTERNAL MODULE: ./packages/core/src/version.ts + 1 modules
var version = __webpack_require__(7363);
;// CONCATENATED MODULE: ./packages/core/src/validate.ts
/**
 * `validate`: everything the pull-request check decides, in one call shared by the action and
 * the CLI. Discovery, parsing, directives, base-branch checks, lint, optional dry-run, then one
 * report that every reporter renders.
 */














const KNOWN_RULE_IDS = new Set([
    ...ALL_RULES.map((r) => r.id),
    'syntax-error',
    'file-name',
    'file-skipped',
    'file-encoding',
    read_files/* FILE_READ_RULE_ID */.rx,
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
    const real = async (p) => external_node_fs_.promises.realpath(p).catch(() => external_node_path_.resolve(p));
    const [dir, root] = await Promise.all([real(directory), real(boundary)]);
    const relative = external_node_path_.relative(root, dir);
    if (relative === '..' || relative.startsWith(`..${external_node_path_.sep}`) || external_node_path_.isAbsolute(relative)) {
        throw new Error(`The migrations folder "${directory}" is outside the repository (${root}): refused. Give a folder inside the checkout, e.g. ${discovery/* DEFAULT_MIGRATIONS_DIR */.GR}.`);
    }
}
/**
 * The dry-run step, or, when it cannot run at all (the shadow server is unreachable, refuses the
 * login, cannot create its database), one error finding saying so: the static checks still
 * stand, and the report, outputs and summary are still written. A cancellation still stops the run.
 */
async function runDryRunStep(step, input) {
    try {
        return await step(input);
    }
    catch (err) {
        if (err instanceof cancellation/* DryRunCancelledError */.u)
            throw err;
        // Loaded here, on failure only: the connection module brings the pg client, which a static-only run never needs.
        const { scrubSecrets } = __webpack_require__(9438);
        const reason = scrubSecrets(err.message ?? String(err), []);
        const message = `The dry-run could not run, so the migrations were not replayed on a real PostgreSQL: ${reason}`;
        const hint = 'The static checks above still ran. Make the shadow server reachable (shadow-database-url / --shadow-database-url), or set dry-run: false (--no-dry-run) to skip it on purpose.';
        return {
            findings: [{ ruleId: 'dry-run-error', severity: 'error', message, hint, file: input.set.directory, line: 1, column: 1, source: 'dry-run' }],
            markdown: [`#### Dry-run\n\n:x: ${(0,markdown_safe/* mdMessage */.be)(message)}\n\n${hint}`],
            // No replay result: the finding is the whole story.
            data: undefined,
        };
    }
}
async function validate(options) {
    const config = options.config;
    const directory = external_node_path_.resolve(options.root, options.migrationsDir ?? config.migrationsDir);
    if (options.boundary)
        await assertInside(directory, options.boundary);
    // Compiled in the background while discovery lists and reads the files; discovery waits for it
    // (and reports a failure to load).
    (0,parser/* loadParser */.qd)().catch(() => undefined);
    const read = await (0,discovery/* readMigrations */.Yr)(directory, { displayRoot: options.root, boundary: options.boundary, maxFileBytes: config.maxFileBytes });
    if (read.files.length === 0 && read.entryFindings.length === 0 && !config.allowEmpty) {
        throw new Error(`No migrations found in "${read.directory}": it has no .sql files. Point validate at the folder of your <timestamp>_<name>.sql files ` +
            `(default ${discovery/* DEFAULT_MIGRATIONS_DIR */.GR}), or, for a project that has no migrations yet, say so with "allowEmpty": true in .migration-gate.json ` +
            '(--allow-empty, or the allow-empty input).');
    }
    const isSupabase = options.supabase ?? config.supabase ?? (0,baseline/* isSupabaseProject */.I$)(directory);
    // Which migrations are the change's own is known before parsing: it needs only names and checksums.
    let checked = new Set(read.migrations);
    let base;
    const baseFindings = [];
    if (options.base) {
        // Loaded only with a base: a run without one never touches git.
        const { compareWithBase, listBaseMigrations, resolveBaseRef } = __webpack_require__(4538);
        const commit = await resolveBaseRef(options.root, options.base);
        const baseMigrations = await listBaseMigrations(options.root, commit, external_node_path_.relative(options.root, directory));
        const comparison = compareWithBase({ head: read.migrations, base: baseMigrations, outOfOrder: config.outOfOrder, baseLabel: options.base.ref });
        baseFindings.push(...comparison.findings);
        checked = new Set(comparison.newMigrations);
        base = { ref: options.base.ref, commit, newestVersion: comparison.baseNewestVersion };
    }
    // Only the change's own migrations are linted; older ones are walked for context. Each
    // migration is linted as soon as it is parsed, while the parse worker goes on with the next.
    const lintOptions = { config, isSupabase, shouldLint: (m) => checked.has(m) };
    const linter = inLintOrder(read.migrations) && read.migrations.some((m) => checked.has(m)) ? new MigrationLinter(lintOptions) : undefined;
    const set = await (0,discovery/* parseMigrations */.PZ)(read, linter && ((migration) => linter.walk(migration)));
    const findings = [...set.findings, ...baseFindings];
    // The 14-digit convention is advice for files the change adds, never a verdict on applied history.
    for (const m of set.migrations) {
        const advice = checked.has(m) ? (0,discovery/* versionConventionFinding */.Hb)(m) : undefined;
        if (advice)
            findings.push(advice);
    }
    findings.push(...(linter ? linter.findings() : lintMigrations(set.migrations, lintOptions)));
    const pendingVersions = set.migrations.filter((m) => checked.has(m)).map((m) => m.version);
    let dryRun;
    let observed = findings;
    if (options.dryRun) {
        dryRun = await runDryRunStep(options.dryRun, { set, newVersions: new Set(pendingVersions), isSupabase, baseReplayFailures: config.baseReplayFailures });
        // A lock the dry-run saw where a static rule predicted it is one finding, not two.
        observed = mergeDryRunConfirmations([...findings, ...dryRun.findings], set.migrations, ALL_RULES);
    }
    const final = applySuppressions(observed, [...checked], KNOWN_RULE_IDS);
    const counts = countFindings(final);
    const report = {
        tool: { name: 'migration-gate', version: version/* TOOL_VERSION */.w },
        directory: set.directory,
        base,
        migrations: set.migrations.map((m) => summarizeMigration(m, checked.has(m))),
        findings: final,
        pendingVersions,
        counts,
        failOn: config.failOn,
        failed: final.some((f) => isBlocking(f, config.failOn)),
        ...(dryRun?.data !== undefined ? { dryRun: dryRun.data } : {}),
    };
    return { report, set, extraMarkdown: dryRun?.markdown ?? [] };
}

// EXTERNAL MODULE: ./packages/cli/src/command.ts
var command = __webpack_require__(8835);
;// CONCATENATED MODULE: ./packages/cli/src/commands/validate.ts










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
/**
 * The git checkout the folder is in: symbolic links may not leave it. Outside one, they may not
 * leave the folder (validate's default). Found by looking for `.git` (a folder, or a file in
 * worktrees and submodules) as git itself does, without starting a git process for it.
 */
function repositoryOf(directory) {
    for (let folder = external_node_path_.resolve(directory);; folder = external_node_path_.dirname(folder)) {
        if ((0,external_node_fs_.existsSync)(external_node_path_.join(folder, '.git')))
            return folder;
        if (external_node_path_.dirname(folder) === folder)
            return undefined;
    }
}
const validateCommand = {
    usage: USAGE,
    async run(argv) {
        let parsed;
        try {
            parsed = (0,external_node_util_.parseArgs)({
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
            return command/* EXIT */.d.usage;
        }
        const { values, positionals } = parsed;
        if (positionals.length > 1) {
            process.stderr.write(`Expected at most one folder, got: ${positionals.join(' ')}\n`);
            return command/* EXIT */.d.usage;
        }
        const format = values.format ?? 'text';
        if (!['text', 'json', 'sarif'].includes(format)) {
            process.stderr.write(`--format must be text, json or sarif (got "${format}").\n`);
            return command/* EXIT */.d.usage;
        }
        const failOn = values['fail-on'];
        if (failOn !== undefined && failOn !== 'error' && failOn !== 'warning') {
            process.stderr.write(`--fail-on must be error or warning (got "${failOn}").\n`);
            return command/* EXIT */.d.usage;
        }
        const root = values.root ?? process.cwd();
        const config = await (0,src_config/* loadConfig */.Z9)(root, values.config);
        if (failOn)
            config.failOn = failOn;
        if (values['allow-empty'])
            config.allowEmpty = true;
        // The dry-run's modules (the pg client, server management) load only when it runs, from a
        // chunk of their own: a static-only run neither loads nor compiles them.
        const dryRun = values['no-dry-run']
            ? undefined
            : (await Promise.all(/* import() */[__webpack_require__.e(520), __webpack_require__.e(391)]).then(__webpack_require__.bind(__webpack_require__, 6520))).buildDryRunStep({
                postgresVersion: values['postgres-version'],
                shadowDatabaseUrl: values['shadow-database-url'] ?? process.env.SHADOW_DATABASE_URL,
                supabaseBaseline: values['no-supabase-baseline'] ? false : undefined,
                preambleFile: values.preamble ? external_node_path_.resolve(values.preamble) : undefined,
                // Progress goes to stderr so that --format json on stdout stays machine-readable.
                log: (line) => process.stderr.write(`${line}\n`),
            });
        const migrationsDir = external_node_path_.resolve(root, positionals[0] ?? config.migrationsDir);
        const boundary = repositoryOf(migrationsDir);
        const { report } = await validate({ root, config, migrationsDir, base: values.base ? { ref: values.base } : undefined, dryRun, boundary });
        const stream = process.stdout;
        const rendered = format === 'json' ? formatJson(report) : format === 'sarif' ? formatSarif(report, ALL_RULES) : formatText(report, { color: !values.output && shouldUseColor(stream) });
        if (values.output)
            (0,external_node_fs_.writeFileSync)(values.output, rendered);
        else
            stream.write(rendered);
        // In the terminal, say what the dry-run did: the findings alone do not show a clean replay.
        if (format === 'text' && report.dryRun) {
            const { dryRunHeadline, schemaChangeLines } = await __webpack_require__.e(/* import() */ 294).then(__webpack_require__.bind(__webpack_require__, 9294));
            const result = report.dryRun;
            const headline = dryRunHeadline(result);
            const changes = schemaChangeLines(result);
            process.stderr.write(`Dry-run: ${headline.outcome} ${headline.time}.\n${changes.length ? `Schema changes:\n${changes.map((c) => `  ${c}`).join('\n')}\n` : ''}`);
        }
        return report.failed ? command/* EXIT */.d.findings : command/* EXIT */.d.ok;
    },
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

/***/ 4538:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  GitError: () => (/* reexport */ GitError),
  IMMUTABLE_MIGRATION_RULE_ID: () => (/* reexport */ IMMUTABLE_MIGRATION_RULE_ID),
  OUT_OF_ORDER_RULE_ID: () => (/* reexport */ OUT_OF_ORDER_RULE_ID),
  commitsAddingFiles: () => (/* reexport */ commitsAddingFiles),
  compareWithBase: () => (/* reexport */ compareWithBase),
  findRepositoryRoot: () => (/* reexport */ findRepositoryRoot),
  listBaseMigrations: () => (/* reexport */ listBaseMigrations),
  resolveBaseRef: () => (/* reexport */ resolveBaseRef)
});

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./packages/core/src/git/command.ts
/**
 * Running the `git` binary. Arguments always travel as an array (never through a shell), and
 * failures that users commonly hit in CI become errors that say what to change.
 */


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
    const stat = await external_node_fs_.promises.stat(cwd).catch(() => null);
    if (!stat?.isDirectory())
        throw new GitError(`"${cwd}" is not a directory, so git cannot run there.`);
    return new Promise((resolve, reject) => {
        const child = (0,external_node_child_process_.spawn)('git', args, { cwd, env: { ...process.env, ...GIT_ENV }, stdio: ['pipe', 'pipe', 'pipe'], timeout: options.timeoutMs });
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

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./packages/core/src/discovery.ts + 1 modules
var discovery = __webpack_require__(8379);
;// CONCATENATED MODULE: ./packages/core/src/git/base-branch.ts
/**
 * Reading the base branch out of the checked-out repository: finding its commit (fetching it
 * when actions/checkout left a one-commit shallow clone) and listing its migration files.
 */





const FULL_COMMIT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;
const FETCH_TIMEOUT_MS = 5 * 60_000;
async function commitOf(repoRoot, revision) {
    const run = await runGit(repoRoot, ['rev-parse', '--verify', '--quiet', `${revision}^{commit}`]);
    return run.code === 0 ? run.stdout.toString('utf8').trim() : null;
}
async function isValidRefName(repoRoot, refName) {
    return (await runGit(repoRoot, ['check-ref-format', refName])).code === 0;
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
        throw new GitError('No base branch given: pass the base branch name or commit to compare migrations with.');
    if (sha && !FULL_COMMIT_ID.test(sha))
        throw new GitError(`"${sha}" is not a full commit id (40 or 64 hex digits); pass the base commit's full sha, or only the branch name.`);
    const root = await findRepositoryRoot(repoRoot);
    const remoteRef = branch && `refs/remotes/${remote}/${branch}`;
    const localRef = branch && `refs/heads/${branch}`;
    // Validating the full names keeps names like `-x` or `a:b` from being read as options or refspecs.
    if (remote.startsWith('-') || (remoteRef && !(await isValidRefName(root, remoteRef)))) {
        throw new GitError(`"${branch ?? remote}" is not a valid branch name (remote "${remote}").`);
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
        const run = await runGit(root, ['fetch', '--no-tags', '--depth=1', remote, fetch.refspec], { timeoutMs: FETCH_TIMEOUT_MS }).catch((err) => {
            if (err instanceof GitError)
                return { code: -1, stderr: err.message };
            throw err;
        });
        if (run.code === 0) {
            const commit = await commitOf(root, fetch.verify);
            if (commit)
                return commit;
        }
        else {
            lastFailure = gitFailureSummary(run.stderr);
        }
    }
    const what = branch ? `the base branch "${branch}"${sha ? ` (commit ${sha.slice(0, 12)})` : ''}` : `the base commit ${sha}`;
    throw new GitError(`Cannot find ${what} in this checkout, and fetching it from "${remote}" failed${lastFailure ? `: ${lastFailure}` : ''}. ` +
        'The checkout is probably shallow (actions/checkout fetches one commit by default). ' +
        'Set `fetch-depth: 0` on actions/checkout (with: fetch-depth: 0), ' +
        `or fetch the base before this step: git fetch --no-tags --depth=1 ${remote} ${branch ? `"${branch}"` : sha}.`);
}
/** `migrationsDir` as a path inside the repository (POSIX, '' for the root), plus its absolute form for display. */
async function locateInRepository(repoRoot, gitRoot, migrationsDir) {
    const givenRoot = external_node_path_.resolve(repoRoot);
    const absolute = external_node_path_.resolve(givenRoot, migrationsDir);
    // git reports its root with symbolic links resolved (e.g. /tmp -> /private/tmp); measure from the same place.
    const givenRootInRepo = external_node_path_.relative(gitRoot, await external_node_fs_.promises.realpath(givenRoot));
    const repoPath = external_node_path_.join(givenRootInRepo, external_node_path_.relative(givenRoot, absolute));
    if (repoPath === '..' || repoPath.startsWith(`..${external_node_path_.sep}`) || external_node_path_.isAbsolute(repoPath)) {
        throw new GitError(`The migrations folder "${migrationsDir}" is outside the git repository at "${gitRoot}".`);
    }
    return { repoPath: repoPath === '.' ? '' : repoPath.split(external_node_path_.sep).join('/'), absolute };
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
            throw new GitError('git cat-file ended its output early.');
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
            throw new GitError(`Unexpected output from git cat-file: "${header}".`);
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
        throw new GitError(`"${baseCommit}" is not a commit.`);
    const gitRoot = await findRepositoryRoot(repoRoot);
    const folder = await locateInRepository(repoRoot, gitRoot, migrationsDir);
    const tree = parseTree(await gitOutput(gitRoot, ['--literal-pathspecs', 'ls-tree', '-r', '-z', '--full-tree', baseCommit, '--', ...(folder.repoPath ? [folder.repoPath] : [])]));
    const folderPath = folder.repoPath || '.';
    const files = tree.filter((e) => external_node_path_.posix.dirname(e.repoPath) === folderPath && e.repoPath.toLowerCase().endsWith('.sql'));
    if (files.length === 0)
        return [];
    // The folder's entries (files and subfolders) in the CLI's order, for its legacy-init rule.
    const childOf = (repoPath) => (folder.repoPath ? repoPath.slice(folder.repoPath.length + 1) : repoPath).split('/')[0];
    const listing = [...new Set(tree.map((e) => childOf(e.repoPath)))].sort(discovery/* compareFileNames */.gE);
    // The working tree reads through symbolic links, so the base must too: ask for those by path, which --follow-symlinks resolves.
    const isSymlink = (e) => e.mode === '120000';
    // cat-file takes one request per line, so a link whose path holds a newline cannot be asked for.
    const requested = files.filter((e) => !isSymlink(e) || !e.repoPath.includes('\n'));
    const input = requested.map((e) => (isSymlink(e) ? `${baseCommit}:${e.repoPath}` : e.objectId)).join('\n') + '\n';
    const contents = parseBatch(await gitOutput(gitRoot, ['cat-file', '--batch', '--follow-symlinks'], { input }), requested.length);
    const displayRoot = external_node_path_.resolve(options.displayRoot ?? repoRoot);
    const migrations = [];
    requested.forEach((entry, i) => {
        const bytes = contents[i];
        if (!bytes)
            return;
        const fileName = external_node_path_.posix.basename(entry.repoPath);
        const absolute = external_node_path_.join(folder.absolute, fileName);
        const relative = external_node_path_.relative(displayRoot, absolute);
        const nameClass = (0,discovery/* classifyFileName */.GD)(fileName, listing.indexOf(fileName));
        const valid = nameClass.kind === 'migration';
        migrations.push({
            path: (relative.startsWith('..') || external_node_path_.isAbsolute(relative) ? absolute : relative).split(external_node_path_.sep).join('/'),
            repoPath: entry.repoPath,
            fileName,
            version: valid ? nameClass.version : null,
            name: valid ? nameClass.name : null,
            checksum: (0,external_node_crypto_.createHash)('sha256').update(bytes).digest('hex'),
            sizeBytes: bytes.length,
            text: decode(bytes),
        });
    });
    return migrations;
}

;// CONCATENATED MODULE: ./packages/core/src/git/compare-with-base.ts
/**
 * What a branch may do to migrations that are already on the base branch: nothing. Those have
 * been (or will be) applied to databases that record them by version and never run them again,
 * so editing, renaming or deleting one splits history between databases and the repository.
 * New migrations must also sort after the base's newest one, or databases that are already past
 * it skip them (`supabase db push` refuses without `--include-all`).
 *
 * Pure: compares already-read lists, so every case can be tested without git.
 */

/** Editing, renaming and deleting an applied migration all break the same promise, so they share a rule. */
const IMMUTABLE_MIGRATION_RULE_ID = 'immutable-migration';
const OUT_OF_ORDER_RULE_ID = 'out-of-order-migration';
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
    return (0,discovery/* timestampVersion */.RI)(new Date(Date.UTC(y, mo - 1, d, h, mi, s) + 1000));
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
            findings.push(finding(h.path, IMMUTABLE_MIGRATION_RULE_ID, 'error', `${h.fileName} was edited, but it is already on ${where}. Applied history is immutable: databases that ran this migration will never run the new content, so they and the repository disagree.`, `Revert the edit (git checkout ${baseRevision} -- "${b.repoPath}") and fix forward with a new migration, e.g. ${(0,discovery/* timestampVersion */.RI)(input.now)}_fix_${h.name}.sql.`, firstChangedLine(h, b)));
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
            findings.push(finding(h.path, IMMUTABLE_MIGRATION_RULE_ID, 'error', `${h.fileName} is ${b.fileName} from ${where}, renamed. Applied history is immutable: keep applied migrations exactly as they are.`, `Rename it back to ${b.fileName}.`));
        }
        else {
            findings.push(finding(h.path, IMMUTABLE_MIGRATION_RULE_ID, 'error', `${h.fileName} has the version of ${b.fileName} from ${where} but different content: the applied migration was renamed and edited. Applied history is immutable: databases that ran version ${b.version} will never run this.`, `${restoreHint(b)} Give the new SQL its own file with a fresh version, e.g. ${(0,discovery/* timestampVersion */.RI)(input.now)}_${h.name}.sql.`, firstChangedLine(h, b)));
        }
    }
    for (const b of deleted) {
        const h = take((candidate) => sameContent(candidate, b));
        if (h) {
            findings.push(finding(h.path, IMMUTABLE_MIGRATION_RULE_ID, 'error', `${h.fileName} is ${b.fileName} from ${where}, renamed to version ${h.version}. Databases that applied version ${b.version} would run it a second time, and report ${b.version} as missing locally.`, `Rename it back to ${b.fileName}.`));
        }
        else {
            // A branch checked out without the base merged in (its head commit rather than the PR merge commit) lacks the base's newer migrations too.
            findings.push(finding(b.path, IMMUTABLE_MIGRATION_RULE_ID, 'error', `${b.fileName} was deleted, but it is on ${where}. Applied history is immutable: databases that ran it keep its changes, and supabase db push fails because version ${b.version} is missing locally.`, `${restoreHint(b)} To undo what it did, write a new migration that reverses it. If it was added to ${where} after this branch was created, merge or rebase ${input.baseLabel ?? 'the base branch'} into the branch instead.`));
        }
    }
    const newMigrations = unmatchedHead.sort((a, b) => (a.version < b.version ? -1 : a.version > b.version ? 1 : a.fileName < b.fileName ? -1 : 1));
    const baseNewestVersion = base.length ? base[base.length - 1].version : null;
    if (baseNewestVersion !== null) {
        const usedVersions = new Set([...input.base, ...input.head].map((m) => m.version));
        const nowVersion = (0,discovery/* timestampVersion */.RI)(input.now);
        let suggestion = nowVersion > baseNewestVersion ? nowVersion : versionAfter(baseNewestVersion);
        const severity = input.outOfOrder ?? 'error';
        for (const m of newMigrations) {
            if (m.version > baseNewestVersion)
                continue;
            while (usedVersions.has(suggestion))
                suggestion = versionAfter(suggestion);
            usedVersions.add(suggestion);
            findings.push(finding(m.path, OUT_OF_ORDER_RULE_ID, severity, `New migration ${m.fileName} sorts before ${baseNewestVersion}, the newest migration on ${where}. Databases already past ${baseNewestVersion} skip it, or refuse to deploy (supabase db push needs --include-all).`, `Rename it to ${suggestion}_${m.name}.sql so it runs after everything on ${where}.`));
        }
    }
    return { findings, newMigrations, baseNewestVersion };
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
;// CONCATENATED MODULE: ./packages/core/src/git/introducing-commits.ts
/**
 * Which commits added each migration file: the starting point for finding the pull requests
 * that introduced the migrations a deploy applied (to comment on them).
 */



/** Commits at the edge of a shallow clone: git shows them as adding every file, which proves nothing. */
async function shallowBoundary(repoRoot) {
    const file = external_node_path_.resolve(repoRoot, (await gitOutput(repoRoot, ['rev-parse', '--git-path', 'shallow'])).toString('utf8').trim());
    const text = await (0,promises_.readFile)(file, 'utf8').catch(() => '');
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
    const out = await gitOutput(repoRoot, ['log', '--diff-filter=A', '--name-only', '--no-renames', '--format=commit %H', '--', ...paths]);
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

;// CONCATENATED MODULE: ./packages/core/src/git.ts
/**
 * Checks against the base branch, for `validate` in a checked-out repository: find the base
 * commit (fetching it from a shallow clone), list its migrations, and compare them with the
 * working tree's.
 */






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