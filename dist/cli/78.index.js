"use strict";
exports.id = 78;
exports.ids = [78];
exports.modules = {

/***/ 78:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  driftCommand: () => (/* binding */ driftCommand)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./packages/cli/src/command.ts
var command = __webpack_require__(8835);
// EXTERNAL MODULE: ./packages/core/src/config.ts
var src_config = __webpack_require__(5095);
// EXTERNAL MODULE: ./packages/core/src/db/install.ts
var install = __webpack_require__(4655);
// EXTERNAL MODULE: ./packages/core/src/db/connection.ts
var db_connection = __webpack_require__(9438);
// EXTERNAL MODULE: ./packages/core/src/deploy/plan.ts
var deploy_plan = __webpack_require__(7710);
// EXTERNAL MODULE: ./packages/core/src/discovery.ts + 1 modules
var discovery = __webpack_require__(8379);
// EXTERNAL MODULE: ./packages/core/src/dry-run/catalog.ts
var catalog = __webpack_require__(1784);
// EXTERNAL MODULE: ./packages/core/src/dry-run/run.ts + 32 modules
var run = __webpack_require__(9291);
// EXTERNAL MODULE: ./packages/core/src/parser.ts
var parser = __webpack_require__(9646);
// EXTERNAL MODULE: ./packages/core/src/supabase/baseline.ts
var baseline = __webpack_require__(1281);
// EXTERNAL MODULE: ./packages/core/src/draft-fix/index.ts + 2 modules
var draft_fix = __webpack_require__(911);
// EXTERNAL MODULE: ./packages/core/src/dry-run/schema-diff.ts
var schema_diff = __webpack_require__(5118);
// EXTERNAL MODULE: ./packages/core/src/redact.ts
var redact = __webpack_require__(796);
// EXTERNAL MODULE: ./packages/core/src/draft-fix/sql-text.ts
var sql_text = __webpack_require__(7087);
;// CONCATENATED MODULE: ./packages/core/src/drift/definitions.ts
/**
 * An object's definition as SQL, from a snapshot: shown on both sides of a difference, and the
 * statement a drafted capture migration uses to create it. Names are written as SQL writes them
 * (the catalog's own quoting, kept in the snapshot's `sqlNames`).
 */


/** `public.books` as SQL writes it; each dot-separated part quoted when the catalog did not give the name. */
function sqlName(snapshot, kind, key) {
    const known = snapshot.sqlNames?.[`${kind} ${key}`];
    if (known)
        return known;
    if (kind === 'function') {
        const open = key.indexOf('(');
        return `${sqlName(snapshot, 'relation', key.slice(0, open))}${key.slice(open)}`;
    }
    const dot = key.indexOf('.');
    return dot < 0 ? (0,sql_text/* quoteIdentifier */.Cm)(key) : `${(0,sql_text/* quoteIdentifier */.Cm)(key.slice(0, dot))}.${(0,sql_text/* quoteIdentifier */.Cm)(key.slice(dot + 1))}`;
}
function columnSql(snapshot, key) {
    const c = snapshot.columns[key];
    return `${(0,sql_text/* quoteIdentifier */.Cm)(c.name)} ${(0,schema_diff/* describeColumn */["in"])(c)}`;
}
function tableSql(snapshot, key) {
    const columns = Object.entries(snapshot.columns)
        .filter(([, c]) => c.table === key)
        .sort(([, a], [, b]) => a.position - b.position)
        .map(([columnKey]) => `  ${columnSql(snapshot, columnKey)}`);
    const t = snapshot.tables[key];
    const lines = [`create table ${sqlName(snapshot, 'relation', key)} (\n${columns.join(',\n')}\n);`];
    if (t.rowSecurity)
        lines.push(`alter table ${sqlName(snapshot, 'relation', key)} enable row level security;`);
    if (t.forceRowSecurity)
        lines.push(`alter table ${sqlName(snapshot, 'relation', key)} force row level security;`);
    return lines.join('\n');
}
function policySql(snapshot, key) {
    const p = snapshot.policies[key];
    const roles = p.roles.map((r) => (r === 'public' ? 'public' : (0,sql_text/* quoteIdentifier */.Cm)(r))).join(', ');
    let text = `create policy ${(0,sql_text/* quoteIdentifier */.Cm)(p.name)} on ${sqlName(snapshot, 'relation', p.table)}${p.permissive ? '' : ' as restrictive'} for ${p.command.toLowerCase()} to ${roles}`;
    if (p.using)
        text += ` using (${p.using})`;
    if (p.withCheck)
        text += ` with check (${p.withCheck})`;
    return `${text};`;
}
function sequenceSql(snapshot, key) {
    const s = snapshot.sequences[key];
    const owned = s.ownedBy ? ` owned by ${sqlName(snapshot, 'relation', s.ownedBy.slice(0, s.ownedBy.lastIndexOf('.')))}.${(0,sql_text/* quoteIdentifier */.Cm)(s.ownedBy.slice(s.ownedBy.lastIndexOf('.') + 1))}` : '';
    return `create sequence ${sqlName(snapshot, 'relation', key)} as ${s.type} increment by ${s.increment} minvalue ${s.min} maxvalue ${s.max} start with ${s.start} cache ${s.cache}${s.cycle ? ' cycle' : ''}${owned};`;
}
function grantParts(snapshot, key) {
    const g = snapshot.grants[key];
    const routine = g.kind === 'function' || g.kind === 'procedure';
    const objectKind = routine ? g.kind : g.kind === 'sequence' ? 'sequence' : 'table';
    return {
        privileges: g.privileges.join(', '),
        target: `${objectKind} ${sqlName(snapshot, routine ? 'function' : 'relation', g.object)}`,
        grantee: g.grantee === 'PUBLIC' ? 'public' : (0,sql_text/* quoteIdentifier */.Cm)(g.grantee),
    };
}
function grantSql(snapshot, key) {
    const { privileges, target, grantee } = grantParts(snapshot, key);
    return `grant ${privileges} on ${target} to ${grantee};`;
}
/** Revokes what `key` grants, or everything on its object from its grantee. */
function revokeSql(snapshot, key, all = false) {
    const { privileges, target, grantee } = grantParts(snapshot, key);
    return `revoke ${all ? 'all' : privileges} on ${target} from ${grantee};`;
}
/** The definition of `key` of `kind` in `snapshot`, as SQL; null when the snapshot does not have it. */
function definitionOf(kind, key, snapshot) {
    switch (kind) {
        case 'schema':
            return snapshot.schemas[key] ? `create schema ${(0,sql_text/* quoteIdentifier */.Cm)(key)};` : null;
        case 'extension': {
            const e = snapshot.extensions[key];
            return e ? `create extension ${(0,sql_text/* quoteIdentifier */.Cm)(key)} with schema ${(0,sql_text/* quoteIdentifier */.Cm)(e.schema)};` : null;
        }
        case 'enum': {
            const e = snapshot.enums[key];
            return e ? `create type ${sqlName(snapshot, 'type', key)} as enum (${e.labels.map(sql_text/* quoteLiteral */.ce).join(', ')});` : null;
        }
        case 'table':
            return snapshot.tables[key] ? tableSql(snapshot, key) : null;
        case 'column': {
            const c = snapshot.columns[key];
            return c ? `alter table ${sqlName(snapshot, 'relation', c.table)} add column ${columnSql(snapshot, key)};` : null;
        }
        case 'constraint': {
            const c = snapshot.constraints[key];
            return c ? `alter table ${sqlName(snapshot, 'relation', c.table)} add constraint ${(0,sql_text/* quoteIdentifier */.Cm)(c.name)} ${c.definition};` : null;
        }
        case 'index':
            return snapshot.indexes[key] ? `${snapshot.indexes[key].definition};` : null;
        case 'policy':
            return snapshot.policies[key] ? policySql(snapshot, key) : null;
        case 'trigger':
            return snapshot.triggers[key] ? `${snapshot.triggers[key].definition};` : null;
        case 'view': {
            const v = snapshot.views[key];
            return v ? `create ${v.materialized ? 'materialized view' : 'or replace view'} ${sqlName(snapshot, 'relation', key)} as\n${v.definition.trim().replace(/;$/, '')};` : null;
        }
        case 'function': {
            const definition = snapshot.functionDefinitions?.[key]?.definition;
            if (definition)
                return `${definition.trim()};`;
            return snapshot.functions[key] ? `-- ${key}: definition not read` : null;
        }
        case 'sequence':
            return snapshot.sequences?.[key] ? sequenceSql(snapshot, key) : null;
        case 'grant':
            return snapshot.grants?.[key] ? grantSql(snapshot, key) : null;
        case 'publication': {
            const p = snapshot.publications?.[key];
            if (!p)
                return null;
            return `create publication ${(0,sql_text/* quoteIdentifier */.Cm)(key)}${p.allTables ? ' for all tables' : ''} with (publish = ${(0,sql_text/* quoteLiteral */.ce)(p.operations.join(', '))});`;
        }
        case 'publication-table': {
            const p = snapshot.publicationTables[key];
            return p ? `alter publication ${(0,sql_text/* quoteIdentifier */.Cm)(p.publication)} add table ${sqlName(snapshot, 'relation', p.table)};` : null;
        }
        default:
            return null;
    }
}

;// CONCATENATED MODULE: ./packages/core/src/drift/capture-sql.ts
/**
 * The statements that bring the migrations in line with the database for one difference: the
 * database's definition for what only it has, a drop for what it lacks, an ALTER (or drop and
 * create) for what differs. Where the right statement depends on intent, a `-- REVIEW:` line says
 * what to decide instead of guessing.
 */


const relation = (s, key) => sqlName(s, 'relation', key);
/** A line for a person; names from the database may hold line breaks, which must not end the comment. */
function review(text) {
    return `-- REVIEW: ${text.replace(/\s*\n\s*/g, ' ')}`;
}
/** Grants to the API roles on an object created outside the migrations belong with its definition. */
function grantsOn(object, d) {
    return Object.entries(d.grants ?? {})
        .filter(([, g]) => g.object === object)
        .map(([key]) => grantSql(d, key));
}
function dropStatement(diff, m) {
    const { kind, name } = diff;
    switch (kind) {
        case 'schema':
            return `drop schema ${(0,sql_text/* quoteIdentifier */.Cm)(name)};`;
        case 'extension':
            return `drop extension ${(0,sql_text/* quoteIdentifier */.Cm)(name)};`;
        case 'enum':
            return `drop type ${sqlName(m, 'type', name)};`;
        case 'table':
            return `drop table ${relation(m, name)};`;
        case 'column': {
            const c = m.columns[name];
            return `alter table ${relation(m, c.table)} drop column ${(0,sql_text/* quoteIdentifier */.Cm)(c.name)};`;
        }
        case 'constraint': {
            const c = m.constraints[name];
            return `alter table ${relation(m, c.table)} drop constraint ${(0,sql_text/* quoteIdentifier */.Cm)(c.name)};`;
        }
        case 'index':
            return `drop index ${relation(m, name)};`;
        case 'policy': {
            const p = m.policies[name];
            return `drop policy ${(0,sql_text/* quoteIdentifier */.Cm)(p.name)} on ${relation(m, p.table)};`;
        }
        case 'trigger': {
            const t = m.triggers[name];
            return `drop trigger ${(0,sql_text/* quoteIdentifier */.Cm)(t.name)} on ${relation(m, t.table)};`;
        }
        case 'view':
            return `drop ${m.views[name].materialized ? 'materialized view' : 'view'} ${relation(m, name)};`;
        case 'function':
            return `drop ${m.functions[name].kind} ${sqlName(m, 'function', name)};`;
        case 'sequence':
            return `drop sequence ${relation(m, name)};`;
        case 'grant':
            return revokeSql(m, name);
        case 'publication':
            return `drop publication ${(0,sql_text/* quoteIdentifier */.Cm)(name)};`;
        case 'publication-table': {
            const p = m.publicationTables[name];
            return `alter publication ${(0,sql_text/* quoteIdentifier */.Cm)(p.publication)} drop table ${relation(m, p.table)};`;
        }
        default:
            return review(diff.message);
    }
}
function columnChanges(diff, d) {
    const c = d.columns[diff.name];
    const alter = `alter table ${relation(d, c.table)} alter column ${(0,sql_text/* quoteIdentifier */.Cm)(c.name)}`;
    const out = [];
    for (const field of diff.fields ?? []) {
        if (field.field === 'type')
            out.push(`${alter} type ${c.type};`);
        else if (field.field === 'default' && !c.generated)
            out.push(c.default === null ? `${alter} drop default;` : `${alter} set default ${c.default};`);
        else if (field.field === 'notNull')
            out.push(`${alter} ${c.notNull ? 'set' : 'drop'} not null;`);
        else if (field.field !== 'default')
            out.push(review(`${c.table}.${c.name} ${field.field} differs; in the database the column is: ${columnSql(d, diff.name)}`));
    }
    return out;
}
function enumChanges(diff, m, d) {
    const before = m.enums[diff.name].labels;
    const after = d.enums[diff.name].labels;
    if (!before.every((l) => after.includes(l)))
        return [review(`values of enum ${diff.name} were removed or renamed in the database; Postgres cannot drop an enum value: ${diff.message}`)];
    const type = sqlName(d, 'type', diff.name);
    const out = [];
    after.forEach((labelText, i) => {
        if (before.includes(labelText))
            return;
        out.push(i === 0 ? `alter type ${type} add value ${(0,sql_text/* quoteLiteral */.ce)(labelText)} before ${(0,sql_text/* quoteLiteral */.ce)(after[1])};` : `alter type ${type} add value ${(0,sql_text/* quoteLiteral */.ce)(labelText)} after ${(0,sql_text/* quoteLiteral */.ce)(after[i - 1])};`);
    });
    return out;
}
function recreate(diff, m) {
    return [dropStatement(diff, m), diff.database ?? review(diff.message)];
}
function differsStatements(diff, m, d) {
    switch (diff.kind) {
        case 'column':
            return columnChanges(diff, d);
        case 'enum':
            return enumChanges(diff, m, d);
        case 'table': {
            const t = d.tables[diff.name];
            return (diff.fields ?? []).map((f) => f.field === 'rowSecurity'
                ? `alter table ${relation(d, diff.name)} ${t.rowSecurity ? 'enable' : 'disable'} row level security;`
                : f.field === 'forceRowSecurity'
                    ? `alter table ${relation(d, diff.name)} ${t.forceRowSecurity ? 'force' : 'no force'} row level security;`
                    : review(diff.message));
        }
        case 'function': {
            const signatureChanged = (diff.fields ?? []).some((f) => f.field === 'returns' || f.field === 'kind');
            return signatureChanged ? recreate(diff, m) : [diff.database ?? review(diff.message)];
        }
        case 'view':
            return m.views[diff.name].materialized || d.views[diff.name].materialized ? recreate(diff, m) : [diff.database];
        case 'extension':
            return [`alter extension ${(0,sql_text/* quoteIdentifier */.Cm)(diff.name)} set schema ${(0,sql_text/* quoteIdentifier */.Cm)(d.extensions[diff.name].schema)};`];
        case 'grant':
            return [revokeSql(d, diff.name, true), grantSql(d, diff.name)];
        case 'sequence': {
            const s = d.sequences[diff.name];
            return [`alter sequence ${relation(d, diff.name)} as ${s.type} increment by ${s.increment} minvalue ${s.min} maxvalue ${s.max} cache ${s.cache} ${s.cycle ? 'cycle' : 'no cycle'};`];
        }
        case 'publication': {
            const p = d.publications[diff.name];
            if ((diff.fields ?? []).some((f) => f.field === 'allTables'))
                return recreate(diff, m);
            return [`alter publication ${(0,sql_text/* quoteIdentifier */.Cm)(diff.name)} set (publish = ${(0,sql_text/* quoteLiteral */.ce)(p.operations.join(', '))});`];
        }
        case 'constraint':
        case 'index':
        case 'policy':
        case 'trigger':
            return recreate(diff, m);
        default:
            return [review(diff.message)];
    }
}
function captureStatements(diff, m, d) {
    if (!diff.classified)
        return [review(diff.message)];
    if (diff.change === 'only-in-database') {
        const definition = definitionOf(diff.kind, diff.name, d);
        const grants = ['table', 'view', 'sequence', 'function'].includes(diff.kind) ? grantsOn(diff.name, d) : [];
        return [definition ?? review(diff.message), ...grants];
    }
    if (diff.change === 'only-in-migrations') {
        return [`-- The database does not have it: drop it here, or restore it in the database if losing it was the mistake.`, dropStatement(diff, m)];
    }
    return differsStatements(diff, m, d);
}

;// CONCATENATED MODULE: ./packages/core/src/drift/exclusions.ts

/** Schemas Supabase creates and upgrades itself. */
const PLATFORM_SCHEMAS = [
    'auth', 'storage', 'realtime', '_realtime', 'extensions', 'graphql', 'graphql_public', 'vault', 'pgsodium', 'pgsodium_masks',
    'net', 'cron', 'supabase_functions', 'pgbouncer', '_analytics', '_supavisor', 'pgtle',
];
/** The history and audit tables (the Supabase CLI's and this tool's). */
const TOOL_SCHEMAS = ['supabase_migrations'];
/** Extensions every Supabase project has whether or not a migration asked for them. */
const PLATFORM_EXTENSIONS = [...baseline/* SUPABASE_PREINSTALLED_EXTENSIONS */.wT, ...baseline/* SUPABASE_BASELINE_EXTENSIONS */.Gf.map((e) => e.name), 'pgsodium', 'pgjwt', 'plpgsql'];
function resolveExclusions(options) {
    const include = new Set(options.includeSchemas ?? []);
    const extra = options.excludeSchemas ?? [];
    const platform = options.supabase ? PLATFORM_SCHEMAS.filter((s) => !include.has(s)) : [];
    const schemas = [...new Set([...platform, ...TOOL_SCHEMAS, ...extra])].filter((s) => !include.has(s)).sort();
    return {
        schemas,
        // A schema excluded by name is left out whole, platform or not.
        platformSchemas: platform.filter((s) => !extra.includes(s)),
        extensions: options.supabase ? [...PLATFORM_EXTENSIONS] : ['plpgsql'],
    };
}
/** `public.books.title` → `public`; identifiers with dots in them are rare enough to split on the first. */
function schemaOf(qualified) {
    const dot = qualified.indexOf('.');
    return dot < 0 ? qualified : qualified.slice(0, dot);
}
/** The schema of the function a trigger calls, from `... EXECUTE FUNCTION schema.name(...)`. */
function triggerFunctionSchema(definition) {
    const match = /EXECUTE (?:FUNCTION|PROCEDURE) ("(?:[^"]|"")+"|[^.(\s]+)\./.exec(definition);
    return match ? match[1].replace(/^"|"$/g, '').replace(/""/g, '"') : undefined;
}
function keep(record, test) {
    if (!record)
        return record;
    return Object.fromEntries(Object.entries(record).filter(([key, value]) => test(key, value)));
}
/** A copy of the snapshot without what `exclusions` leaves out. */
function applyExclusions(snapshot, exclusions) {
    const excluded = new Set(exclusions.schemas);
    const platform = new Set(exclusions.platformSchemas);
    const inScope = (qualified) => !excluded.has(schemaOf(qualified));
    // Things a migration attaches to a platform table belong to the project.
    const onPlatformTable = (table) => platform.has(schemaOf(table));
    return {
        ...snapshot,
        schemas: keep(snapshot.schemas, (name) => !excluded.has(name)),
        extensions: keep(snapshot.extensions, (name) => !exclusions.extensions.includes(name)),
        tables: keep(snapshot.tables, inScope),
        columns: keep(snapshot.columns, (_k, c) => inScope(c.table)),
        indexes: keep(snapshot.indexes, (_k, i) => inScope(i.table)),
        constraints: keep(snapshot.constraints, (_k, c) => inScope(c.table)),
        policies: keep(snapshot.policies, (_k, p) => inScope(p.table) || onPlatformTable(p.table)),
        functions: keep(snapshot.functions, inScope),
        views: keep(snapshot.views, inScope),
        triggers: keep(snapshot.triggers, (_k, t) => {
            if (inScope(t.table))
                return true;
            const fnSchema = triggerFunctionSchema(t.definition);
            return onPlatformTable(t.table) && fnSchema !== undefined && !excluded.has(fnSchema);
        }),
        enums: keep(snapshot.enums, inScope),
        publicationTables: keep(snapshot.publicationTables, (_k, p) => inScope(p.table)),
        sequences: keep(snapshot.sequences, inScope),
        grants: keep(snapshot.grants, (_k, g) => inScope(g.object)),
        functionDefinitions: keep(snapshot.functionDefinitions, inScope),
    };
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./packages/core/src/drift/normalise.ts
/**
 * What differs between a replayed object and a hand-made one without meaning, removed before the
 * comparison (docs/drift.md lists each rule and why):
 *
 *  - whitespace in function bodies: the dashboard's SQL editor and a migration file indent
 *    differently; the body is compared with runs of whitespace collapsed;
 *  - the order of a policy's roles: `to anon, authenticated` and `to authenticated, anon` are the
 *    same policy;
 *  - names Postgres generated: a constraint or index created without a name is named after its
 *    table and columns (`books_price_check`, `books_title_idx`), with a number added on a clash,
 *    so the same definition can carry `_check` in one database and `_check1` in the other. Such a
 *    pair is matched by its definition;
 *  - extension versions: the target's platform upgrades extensions; a different version is a note.
 */

function collapseWhitespace(text) {
    return text.replace(/\s+/g, ' ').trim();
}
/** The name Postgres gives an unnamed constraint or index: `<table>_<columns>_<suffix>[n]`. */
function looksGenerated(name, table) {
    const tableName = table.slice(table.lastIndexOf('.') + 1);
    return name.startsWith(`${tableName}_`) && /_(pkey|key|fkey|check|excl|idx)\d*$/.test(name);
}
function normaliseFunctions(snapshot) {
    const bodies = snapshot.functionDefinitions;
    if (!bodies)
        return snapshot.functions;
    return Object.fromEntries(Object.entries(snapshot.functions).map(([key, f]) => {
        const body = bodies[key]?.body;
        return [key, body === undefined ? f : { ...f, definitionHash: (0,external_node_crypto_.createHash)('sha256').update(collapseWhitespace(body)).digest('hex').slice(0, 32) }];
    }));
}
function normalisePolicies(snapshot) {
    return Object.fromEntries(Object.entries(snapshot.policies).map(([key, p]) => [key, { ...p, roles: [...p.roles].sort() }]));
}
const INDEX_NAME = /^(CREATE (?:UNIQUE )?INDEX )(\S+) ON /;
function indexName(index) {
    return INDEX_NAME.exec(index.definition)?.[2] ?? '';
}
/** An index definition without its own name, to match generated names. */
function indexShape(definition) {
    return definition.replace(INDEX_NAME, '$1ON ');
}
/**
 * Renames, in `target`, each generated-name constraint or index that exists only there to the
 * name of the only-in-`reference` twin with the same definition on the same table.
 */
function matchGeneratedNames(reference, target, nameOf, shapeOf, rename) {
    const unmatched = Object.entries(reference).filter(([key, value]) => target[key] === undefined && looksGenerated(nameOf(value), value.table));
    const result = {};
    for (const [key, value] of Object.entries(target)) {
        if (reference[key] !== undefined || !looksGenerated(nameOf(value), value.table)) {
            result[key] = value;
            continue;
        }
        const twin = unmatched.findIndex(([, candidate]) => candidate.table === value.table && shapeOf(candidate) === shapeOf(value));
        if (twin < 0) {
            result[key] = value;
            continue;
        }
        const [[, referenceValue]] = unmatched.splice(twin, 1);
        const renamed = rename(value, nameOf(referenceValue));
        result[renamed.key] = renamed.value;
    }
    return result;
}
function withoutVersions(extensions) {
    return Object.fromEntries(Object.entries(extensions).map(([name, e]) => [name, { schema: e.schema, version: '' }]));
}
/** Both snapshots with the meaningless differences above removed; `migrations` is the replayed one. */
function normalisePair(migrations, database) {
    const extensionVersionNotes = Object.entries(database.extensions)
        .filter(([name, e]) => migrations.extensions[name] && migrations.extensions[name].version !== e.version)
        .map(([name, e]) => `extension ${name} is version ${e.version} in the database and ${migrations.extensions[name].version} in the replay (the platform upgrades extensions; not drift)`);
    const normalise = (s) => ({ ...s, extensions: withoutVersions(s.extensions), functions: normaliseFunctions(s), policies: normalisePolicies(s) });
    const m = normalise(migrations);
    const d = normalise(database);
    d.constraints = matchGeneratedNames(m.constraints, d.constraints, (c) => c.name, (c) => `${c.type} ${c.definition}`, (c, name) => ({ key: `${c.table}.${name}`, value: { ...c, name } }));
    d.indexes = matchGeneratedNames(m.indexes, d.indexes, indexName, (i) => indexShape(i.definition), (i, name) => {
        const schema = i.table.slice(0, i.table.indexOf('.'));
        return { key: `${schema}.${name}`, value: { ...i, definition: i.definition.replace(INDEX_NAME, `$1${name} ON `) } };
    });
    return { migrations: m, database: d, extensionVersionNotes };
}

;// CONCATENATED MODULE: ./packages/core/src/drift/compare.ts
/**
 * The drift itself: what the migrations would have built (the replayed catalog) against what the
 * database has, object by object, each difference said the way a person would say it, with the
 * definition on both sides. Pure: snapshots in, differences out.
 *
 * The kinds the schema summary of the dry-run knows are compared by its differ; the rest
 * (sequences, grants, publications) here. Anything else found in the snapshots is still reported,
 * as unclassified: a difference is never dropped because no rule knew its kind.
 */






/** Creation order: what others depend on first. The capture migration follows it, drops in reverse. */
const KIND_ORDER = ['schema', 'extension', 'enum', 'sequence', 'function', 'table', 'column', 'constraint', 'index', 'view', 'policy', 'trigger', 'grant', 'publication', 'publication-table'];
/** Top-level snapshot records and who compares them; helpers are only read for definitions. */
const COMPARED_BY_SCHEMA_DIFF = ['schemas', 'extensions', 'tables', 'columns', 'indexes', 'constraints', 'policies', 'functions', 'views', 'triggers', 'enums', 'publicationTables'];
const COMPARED_HERE = { sequences: 'sequence', grants: 'grant', publications: 'publication' };
const HELPERS = ['functionDefinitions', 'sqlNames'];
const FIELD_LABELS = {
    notNull: 'not null',
    withCheck: 'with check',
    securityDefiner: 'security definer',
    config: 'settings',
    definitionHash: 'body',
    rowSecurity: 'row level security',
    forceRowSecurity: 'forced row level security',
    allTables: 'for all tables',
    ownedBy: 'owned by',
};
function show(value) {
    if (value === null || value === undefined || value === '')
        return 'none';
    if (typeof value === 'boolean')
        return value ? 'yes' : 'no';
    if (Array.isArray(value))
        return value.length ? value.join(', ') : 'none';
    if (typeof value === 'object')
        return JSON.stringify(value);
    return (0,schema_diff/* oneLine */.TN)(String(value));
}
function describeFields(fields) {
    return fields
        .map((f) => (f.field === 'definitionHash' ? 'the body differs' : `${FIELD_LABELS[f.field] ?? f.field} ${show(f.before)} in the migrations, ${show(f.after)} in the database`))
        .join('; ');
}
/** How a person names the object: `column public.books.price_cents`, `policy "read own" on public.books`. */
function label(kind, name, m, d) {
    switch (kind) {
        case 'constraint': {
            const c = d.constraints[name] ?? m.constraints[name];
            return `${c.type} constraint ${c.name} on ${c.table}`;
        }
        case 'index': {
            const i = d.indexes[name] ?? m.indexes[name];
            return `index ${name} on ${i.table}`;
        }
        case 'policy': {
            const p = d.policies[name] ?? m.policies[name];
            return `policy "${p.name}" on ${p.table}`;
        }
        case 'trigger': {
            const t = d.triggers[name] ?? m.triggers[name];
            return `trigger ${t.name} on ${t.table}`;
        }
        case 'table':
            return `${(d.tables[name] ?? m.tables[name]).kind} ${name}`;
        case 'view':
            return `${(d.views[name] ?? m.views[name]).materialized ? 'materialized view' : 'view'} ${name}`;
        case 'function':
            return `${(d.functions[name] ?? m.functions[name]).kind} ${name}`;
        case 'publication-table': {
            const p = d.publicationTables[name] ?? m.publicationTables[name];
            return `table ${p.table} in publication ${p.publication}`;
        }
        case 'grant': {
            const g = d.grants?.[name] ?? m.grants[name];
            return `grant on ${g.kind} ${g.object} to ${g.grantee}`;
        }
        default:
            return `${kind} ${name}`;
    }
}
function message(kind, change, name, m, d, fields) {
    const what = label(kind, name, m, d);
    if (change === 'only-in-database') {
        if (kind === 'grant') {
            const g = d.grants[name];
            return `grant of ${g.privileges.join(', ')} on ${g.kind} ${g.object} to ${g.grantee} exists in the database but in no migration`;
        }
        return `${what} exists in the database but in no migration`;
    }
    if (change === 'only-in-migrations')
        return `${what} is created by the migrations but is missing from the database`;
    if (kind === 'enum') {
        const before = m.enums[name].labels;
        const after = d.enums[name].labels;
        const extra = after.filter((l) => !before.includes(l)).map((l) => `'${l}'`);
        const missing = before.filter((l) => !after.includes(l)).map((l) => `'${l}'`);
        const parts = [];
        if (extra.length)
            parts.push(`value${extra.length > 1 ? 's' : ''} ${extra.join(', ')} exist${extra.length > 1 ? '' : 's'} in the database but in no migration`);
        if (missing.length)
            parts.push(`value${missing.length > 1 ? 's' : ''} ${missing.join(', ')} from the migrations ${missing.length > 1 ? 'are' : 'is'} missing`);
        if (!parts.length)
            parts.push(`its values are in another order (${after.join(', ')} in the database)`);
        return `enum ${name}: ${parts.join('; ')}`;
    }
    return `${what} differs: ${describeFields(fields ?? [])}`;
}
const CHANGE_OF = { added: 'only-in-database', dropped: 'only-in-migrations', changed: 'differs' };
/** A password written into a function body (`create role ... password '...'`) is never shown. */
function redacted(definition) {
    return definition === null ? null : (0,redact/* redactPasswords */.s)(definition);
}
function build(kind, change, name, m, d, extra = {}) {
    const difference = {
        kind,
        change,
        name,
        ...(extra.table ? { table: extra.table } : {}),
        message: '',
        database: redacted(definitionOf(kind, name, d)),
        migrations: redacted(definitionOf(kind, name, m)),
        ...(extra.fields ? { fields: extra.fields } : {}),
        capture: [],
        classified: extra.classified ?? true,
    };
    difference.message = extra.classified === false ? unclassifiedMessage(difference) : message(kind, change, name, m, d, extra.fields);
    difference.capture = captureStatements(difference, m, d).map(redact/* redactPasswords */.s);
    return difference;
}
function unclassifiedMessage(d) {
    const where = d.change === 'only-in-database' ? 'exists in the database but in no migration' : d.change === 'only-in-migrations' ? 'is created by the migrations but is missing from the database' : `differs: ${describeFields(d.fields ?? [])}`;
    return `${d.kind} ${d.name} ${where} (a kind of difference the drift check does not classify: review it by hand)`;
}
function fieldChanges(before, after) {
    const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return fields.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f])).map((field) => ({ field, before: before[field], after: after[field] }));
}
/** Records compared key by key and field by field, for the kinds the schema diff does not know. */
function compareRecords(kind, before = {}, after = {}, m, d, classified) {
    const out = [];
    for (const [key, value] of Object.entries(after)) {
        if (before[key] === undefined)
            out.push(build(kind, 'only-in-database', key, m, d, { classified }));
        else {
            const fields = typeof value === 'object' && value !== null ? fieldChanges(before[key], value) : JSON.stringify(value) === JSON.stringify(before[key]) ? [] : [{ field: 'value', before: before[key], after: value }];
            if (fields.length)
                out.push(build(kind, 'differs', key, m, d, { fields, classified }));
        }
    }
    for (const key of Object.keys(before))
        if (after[key] === undefined)
            out.push(build(kind, 'only-in-migrations', key, m, d, { classified }));
    return out;
}
/** The grants of a table (or function) created or missing outside the migrations come with it: listed once, under it. */
function grantOfReportedObject(g, reported, m, d) {
    if (g.change === 'differs')
        return false;
    const grant = (g.change === 'only-in-database' ? d : m).grants?.[g.name];
    return !!grant && reported.get(grant.object) === g.change;
}
function kindRank(kind) {
    const rank = KIND_ORDER.indexOf(kind);
    return rank < 0 ? KIND_ORDER.length : rank;
}
/**
 * Every difference between the replayed catalog (`replayed`) and the database's (`database`),
 * after leaving out what `exclusions` says and normalising what differs without meaning.
 */
function compareSnapshots(replayed, database, exclusions) {
    const { migrations: m, database: d, extensionVersionNotes } = normalisePair(applyExclusions(replayed, exclusions), applyExclusions(database, exclusions));
    const differences = (0,schema_diff/* diffSchemaSnapshots */.Ik)(m, d).map((c) => {
        const kind = c.kind === 'publication' ? 'publication-table' : c.kind;
        return build(kind, CHANGE_OF[c.action], c.name, m, d, { table: c.table, fields: c.fields });
    });
    const reportedWhole = new Map(differences.filter((x) => x.change !== 'differs').map((x) => [x.name, x.change]));
    for (const [record, kind] of Object.entries(COMPARED_HERE)) {
        const found = compareRecords(kind, m[record], d[record], m, d, true);
        differences.push(...found.filter((x) => kind !== 'grant' || !grantOfReportedObject(x, reportedWhole, m, d)));
    }
    const known = new Set([...COMPARED_BY_SCHEMA_DIFF, ...Object.keys(COMPARED_HERE), ...HELPERS]);
    const unknown = [...new Set([...Object.keys(m), ...Object.keys(d)])].filter((k) => !known.has(k));
    for (const record of unknown) {
        differences.push(...compareRecords(record, m[record], d[record], m, d, false));
    }
    differences.sort((a, b) => kindRank(a.kind) - kindRank(b.kind) || a.name.localeCompare(b.name));
    return { differences, notes: extensionVersionNotes };
}

;// CONCATENATED MODULE: ./packages/core/src/drift/capture.ts
/**
 * The drafted migration that captures the database as it is: commit it (after review) and the
 * migrations describe the database again, so the next deploy builds on a reviewed schema. Fix
 * forward: nothing is changed in the database.
 */


function rank(d) {
    const i = KIND_ORDER.indexOf(d.kind);
    return i < 0 ? KIND_ORDER.length : i;
}
/** Creates and changes in dependency order, then drops in reverse (a column before its table). */
function ordered(differences) {
    const drops = differences.filter((d) => d.change === 'only-in-migrations').sort((a, b) => rank(b) - rank(a));
    const rest = differences.filter((d) => d.change !== 'only-in-migrations').sort((a, b) => rank(a) - rank(b));
    return [...rest, ...drops];
}
/** Keeps a database-provided text (a name in a message) from ending the comment line. */
function commentText(text) {
    return text.replace(/\s*\n\s*/g, ' ');
}
function draftCapture(differences, options) {
    const version = (0,draft_fix/* nextVersion */.yU)(options.now ?? new Date(), options.latestVersion ? [options.latestVersion] : []);
    const review = differences.filter((d) => d.capture.some((s) => s.startsWith('-- REVIEW:'))).length;
    const header = [
        `-- DRAFT migration capturing changes made to ${commentText(options.database)} outside the migrations — review before committing.`,
        '-- Generated by migration-gate drift. It states, as a migration, what the database has and the migrations do not',
        '-- (and drops what the migrations create but the database lacks). Committing it makes the migrations describe the',
        '-- database again; deploying it changes nothing there when the database already looks like this.',
        review ? `-- ${review} difference(s) need a decision: see the REVIEW lines.` : '-- Nothing needs a decision beyond reviewing the statements.',
    ];
    const blocks = ordered(differences).map((d) => [`-- ${commentText(d.message)}`, ...d.capture].join('\n'));
    // Deployed elsewhere (staging), it must not queue traffic behind a lock; the SET also ends the header, so nothing below reads as a directive.
    return { fileName: `${version}_capture_drift.sql`, version, sql: `${[header.join('\n'), "set lock_timeout = '5s';", ...blocks].join('\n\n')}\n`, review };
}

// EXTERNAL MODULE: ./packages/core/src/deploy/history.ts
var deploy_history = __webpack_require__(757);
;// CONCATENATED MODULE: ./packages/core/src/drift/target.ts
/**
 * Reading the target database, and nothing else: its server version, its migration history and
 * its catalog. The session is made read-only before the first query, so even a mistake here
 * could not write; a role with USAGE, SELECT and pg_read_all_settings is enough (see docs/drift.md).
 */



async function readTarget(url, options) {
    // A pooler in transaction mode is fine for reads, as for `status`.
    const connection = await (0,db_connection.openConnection)(url, { ...options, allowTransactionPooler: true });
    try {
        const { client, target } = connection;
        await client.query('set session characteristics as transaction read only');
        const { rows } = await client.query("select current_setting('server_version') as version, current_setting('server_version_num') as num");
        const history = await (0,deploy_history/* readHistory */.Lu)(client);
        const snapshot = await (0,catalog/* takeSchemaSnapshot */.r)(client, { detail: 'full' });
        return {
            serverVersion: rows[0].version,
            majorVersion: Math.floor(Number(rows[0].num) / 10000),
            history,
            snapshot,
            database: { host: target.host, port: target.port, name: target.database, user: target.user },
        };
    }
    catch (err) {
        throw new Error((0,db_connection.scrubSecrets)(`Cannot read the target database: ${err.message}`, connection.secrets));
    }
    finally {
        await connection.close();
    }
}

;// CONCATENATED MODULE: ./packages/core/src/drift/check.ts
/**
 * `checkDrift`: are the migrations still a true description of the database? It reads the target
 * (read-only), replays on a throwaway server of the target's major version exactly the files its
 * history says are applied, in the order the Supabase CLI applies them, with the dry-run's
 * Supabase baseline and extension handling, reads the replayed catalog before the server goes,
 * and compares the two. Never throws for expected failures: `status: 'error'` says what happened.
 */













function replayVersion(options, target) {
    if (options.postgresVersion !== undefined)
        return options.postgresVersion;
    if (options.shadowDatabaseUrl || (0,install/* isSupportedMajor */.AW)(target.majorVersion))
        return target.majorVersion;
    throw new Error(`The target runs PostgreSQL ${target.serverVersion}; the replay server comes in ${install/* SUPPORTED_POSTGRES_MAJORS */.s9.join(', ')}. ` +
        'Replaying on another major could report differences that are only the version\'s. Fix: pass a shadow database URL of a server of the same major, or choose the version explicitly.');
}
async function loadSet(options) {
    await (0,parser/* loadParser */.qd)();
    return options.migrations ?? (0,discovery/* discoverMigrations */.lF)(options.migrationsDir ?? discovery/* DEFAULT_MIGRATIONS_DIR */.GR, { displayRoot: options.displayRoot });
}
/** Replays `applied` and returns the replayed catalog, or throws when nothing could be read. */
async function replayApplied(applied, options, supabase, postgresVersion) {
    let replayed;
    const result = await (0,run/* dryRun */.P)({
        migrations: applied,
        newVersions: [],
        shadowDatabaseUrl: options.shadowDatabaseUrl,
        postgresVersion: options.shadowDatabaseUrl ? undefined : postgresVersion,
        supabaseBaseline: supabase,
        preamblePath: options.preamblePath,
        lockTrace: false,
        handleSignals: options.handleSignals,
        onProgress: options.onProgress,
        inspect: async (client) => {
            replayed = await (0,catalog/* takeSchemaSnapshot */.r)(client, { detail: 'full' });
        },
    });
    if (!replayed) {
        const why = result.errors[0] ? `${result.errors[0].file}:${result.errors[0].line}: ${result.errors[0].message}` : 'the replay stopped early';
        throw new Error(`The migrations could not be replayed, so there is nothing to compare with (${why}).`);
    }
    return { replayed, result };
}
function recordReplay(report, applied, result) {
    report.replay = {
        serverVersion: result.server.version,
        files: applied.map((m) => m.path),
        failures: result.errors.map((e) => ({ file: e.file, line: e.line, message: e.message })),
        supabaseBaseline: result.supabaseBaseline,
        emulatedExtensions: result.server.emulatedExtensions,
    };
    for (const f of report.replay.failures)
        report.notes.push(`${f.file}:${f.line} could not be replayed (${f.message}); differences in what it creates may follow from that rather than from a change in the database.`);
}
function summarise(differences, target) {
    if (differences.length === 0)
        return `No drift: ${target} matches what its applied migrations build.`;
    const inDatabase = differences.filter((d) => d.change === 'only-in-database').length;
    const inMigrations = differences.filter((d) => d.change === 'only-in-migrations').length;
    const differ = differences.length - inDatabase - inMigrations;
    return (`Drift: ${target} differs from what its applied migrations build in ${differences.length} place(s): ` +
        `${inDatabase} only in the database, ${inMigrations} only in the migrations, ${differ} different. ` +
        'Capture the changes in a new migration (a draft follows), or undo them in the database.');
}
/** The local files the target's history records as applied (what is replayed); the rest goes to the notes. */
function appliedMigrations(set, target, report) {
    const plan = (0,deploy_plan/* planMigrations */.n6)(set.migrations, target.history.records, { missingLocal: true, changed: true, outOfOrder: true });
    const appliedVersions = new Set(plan.applied.filter((a) => a.file).map((a) => a.version));
    report.history = {
        applied: target.history.records.length,
        missingLocal: plan.applied.filter((a) => a.state === 'missing-local').map((a) => a.version),
        edited: plan.applied.filter((a) => a.state === 'changed').map((a) => a.file),
        pending: plan.pending.map((p) => p.file),
    };
    for (const version of report.history.missingLocal)
        report.notes.push(`Version ${version} is recorded as applied but has no file here, so it was not replayed: what it created shows as "exists in the database but in no migration".`);
    for (const file of report.history.edited)
        report.notes.push(`${file} was edited after it was applied; it was replayed as it is now.`);
    if (report.history.pending.length)
        report.notes.push(`${report.history.pending.length} migration(s) not applied to this database yet were not replayed.`);
    return set.migrations.filter((m) => appliedVersions.has(m.version));
}
async function check_checkDrift(options) {
    const secrets = (0,db_connection.maskSecrets)(options.databaseUrl);
    const report = await runCheck(options);
    if (report.error)
        report.error = (0,db_connection.scrubSecrets)(report.error, secrets);
    report.message = (0,db_connection.scrubSecrets)(report.message, secrets);
    return report;
}
async function runCheck(options) {
    const started = performance.now();
    const timings = { targetMs: 0, replayMs: 0, compareMs: 0, totalMs: 0 };
    const report = { status: 'error', message: '', excluded: { schemas: [], extensions: [] }, differences: [], notes: [], timings };
    const fail = (err) => {
        report.status = 'error';
        report.error = err.message;
        report.message = `The drift check could not run: ${report.error}`;
        timings.totalMs = performance.now() - started;
        return report;
    };
    let set;
    let target;
    try {
        set = await loadSet(options);
        options.onProgress?.('Reading the target database (read-only) ...');
        target = await readTarget(options.databaseUrl, { tls: options.tls, connectTimeoutMs: options.connectTimeoutMs, applicationName: 'migration-gate drift' });
    }
    catch (err) {
        return fail(err);
    }
    timings.targetMs = performance.now() - started;
    const targetName = `${target.database.name} on ${target.database.host}:${target.database.port}`;
    report.target = { host: target.database.host, port: target.database.port, database: target.database.name, serverVersion: target.serverVersion };
    const applied = appliedMigrations(set, target, report);
    const supabase = options.supabase ?? (0,baseline/* isSupabaseProject */.I$)(external_node_path_.resolve(set.directory));
    const exclusions = resolveExclusions({ supabase, excludeSchemas: options.excludeSchemas, includeSchemas: options.includeSchemas });
    report.excluded = { schemas: exclusions.schemas, extensions: exclusions.extensions };
    const replayStarted = performance.now();
    let replayed;
    try {
        const outcome = await replayApplied(applied, options, supabase, replayVersion(options, target));
        replayed = outcome.replayed;
        recordReplay(report, applied, outcome.result);
    }
    catch (err) {
        timings.replayMs = performance.now() - replayStarted;
        return fail(err);
    }
    timings.replayMs = performance.now() - replayStarted;
    const compareStarted = performance.now();
    const comparison = compareSnapshots(replayed, target.snapshot, exclusions);
    report.differences = comparison.differences;
    report.notes.push(...comparison.notes);
    if (report.differences.length > 0) {
        const latestVersion = set.migrations.map((m) => m.version).sort().pop();
        report.draft = draftCapture(report.differences, { latestVersion, now: options.now, database: targetName });
    }
    timings.compareMs = performance.now() - compareStarted;
    report.status = report.differences.length > 0 ? 'drift' : 'no-drift';
    report.message = summarise(report.differences, targetName);
    timings.totalMs = performance.now() - started;
    return report;
}

;// CONCATENATED MODULE: ./packages/core/src/drift/gate.ts

const DRIFT_MODES = (/* unused pure expression or super */ null && (['fail', 'warn', 'off']));
function parseDriftMode(value, fallback, what = 'Input "drift"') {
    if (value === undefined || value.trim() === '')
        return fallback;
    const mode = value.trim().toLowerCase();
    if (!DRIFT_MODES.includes(mode))
        throw new Error(`${what} must be fail, warn or off, not "${value}".`);
    return mode;
}
const SUMMARY_LINES = 50;
function auditOf(mode, report, bypassed) {
    if (!report)
        return { mode, status: 'not-checked', differences: 0, summary: [], bypassed: false };
    const summary = report.status === 'error' ? [report.message] : report.differences.slice(0, SUMMARY_LINES).map((d) => d.message);
    if (report.differences.length > SUMMARY_LINES)
        summary.push(`… and ${report.differences.length - SUMMARY_LINES} more`);
    return { mode, status: report.status, differences: report.differences.length, summary, bypassed };
}
function driftGate(input, state) {
    return async (pending) => {
        const decide = (report, proceed, message = '', bypassed = false) => {
            state.report = report;
            state.audit = auditOf(input.mode, report, bypassed);
            const context = { drift: state.audit, ...(bypassed ? { override: { reason: '', bypassedGates: ['drift'] } } : {}) };
            return proceed ? { proceed: true, context } : { proceed: false, message, context };
        };
        if (input.mode === 'off')
            return decide(undefined, true);
        // Nothing will be applied on top of the schema: nothing to protect.
        if (pending.length === 0)
            return decide(undefined, true);
        input.log?.('info', 'Checking for schema drift: replaying the applied migrations and comparing with the database ...');
        const report = await checkDrift({ ...input.check, handleSignals: false });
        if (report.status === 'no-drift') {
            input.log?.('info', report.message);
            return decide(report, true);
        }
        const problem = report.status === 'error' ? `The drift check could not run: ${report.error}` : `${report.message}\n${report.differences.map((d) => `  - ${d.message}`).join('\n')}`;
        if (input.mode === 'warn') {
            input.log?.('warning', `${problem}\nDeploying anyway (drift: warn).`);
            return decide(report, true);
        }
        if (input.override) {
            input.log?.('warning', `${problem}\nBypassed by the emergency override (recorded).`);
            return decide(report, true, '', true);
        }
        const fix = report.status === 'error'
            ? 'Fix what stopped the check, or set drift: warn to deploy without it (recorded).'
            : 'Capture the change in a migration (the drafted one in the summary), record it as applied with "migration-gate repair --status applied <version>", or undo it in the database; the emergency override can bypass this check (recorded).';
        return decide(report, false, `Deploy refused: a migration is never applied on top of an unreviewed schema. ${problem}\n${fix}`);
    };
}
function mergeContexts(a, b) {
    if (!a || !b)
        return a ?? b;
    const merged = { ...a, ...b };
    if (a.approvers?.length && !b.approvers?.length)
        merged.approvers = a.approvers;
    if (a.override || b.override) {
        const reason = a.override?.reason || b.override?.reason || '';
        merged.override = { reason, bypassedGates: [...(a.override?.bypassedGates ?? []), ...(b.override?.bypassedGates ?? [])] };
    }
    return merged;
}
/** Runs gates in order until one refuses; what each learnt (approvers, bypassed gates, drift) is kept. */
function chainGates(...gates) {
    return async (pending) => {
        let context;
        for (const gate of gates) {
            const decision = await gate(pending);
            context = mergeContexts(context, decision.context);
            if (!decision.proceed)
                return { ...decision, context };
        }
        return { proceed: true, context };
    };
}

;// CONCATENATED MODULE: ./packages/core/src/report/markdown-budget.ts
/**
 * GitHub's size limits for what we write, and a budget that fills a document section by section.
 *
 * An issue or pull-request comment may hold 65,536 characters, a job summary 1 MiB per step
 * (measured facts in shared/facts.md). A body over the limit is rejected whole, so a report is
 * cut per section instead, with a line saying how much was left out and where to find it, and the
 * parts that must always be seen (verdict, migration table, footer) are placed first.
 */
/** Pull-request and issue comments: 65,536 characters. JavaScript's length counts UTF-16 units, never fewer than characters. */
const markdown_budget_COMMENT_LIMIT = { max: 65_536, measure: (text) => text.length, restIn: 'the job summary / JSON report' };
/** A step's job summary: 1 MiB of UTF-8. */
const JOB_SUMMARY_LIMIT = { max: 1024 * 1024, measure: (text) => Buffer.byteLength(text, 'utf8'), restIn: 'the JSON report' };
/** Longest untrusted text (a message, a reason) shown in one table cell or line. */
const MAX_TEXT_IN_CELL = 2_000;
/**
 * Lines of a markdown document under a size limit. `reserve` keeps room for what is added last
 * (footer, notes about what was left out).
 */
class MarkdownBudget {
    limit;
    reserved;
    lines = [];
    used = 0;
    constructor(limit, reserved) {
        this.limit = limit;
        this.reserved = reserved;
    }
    cost(line) {
        return this.limit.measure(line) + 1; // + the line break
    }
    /** Whether `lines` fit beside what is already there and the reserve. */
    fits(lines) {
        return this.used + lines.reduce((sum, line) => sum + this.cost(line), 0) + this.reserved <= this.limit.max;
    }
    /** Adds `lines` when they fit; returns whether they were added. */
    tryAdd(...lines) {
        if (!this.fits(lines))
            return false;
        this.add(...lines);
        return true;
    }
    /** Adds lines unconditionally: for the parts that must always be there (kept small by their callers). */
    add(...lines) {
        for (const line of lines) {
            this.lines.push(line);
            this.used += this.cost(line);
        }
    }
    /** Releases reserved room, just before adding what it was kept for. */
    release(amount) {
        this.reserved = Math.max(0, this.reserved - amount);
    }
    /** A line saying that `count` `what` were left out, and where they are. */
    moreLine(count, what) {
        return `_… ${count} more ${what}, see ${this.limit.restIn}._`;
    }
    toString() {
        return this.lines.join('\n') + '\n';
    }
}
/** Room kept back for the lines that say what was left out. */
const NOTE_RESERVE = 400;

// EXTERNAL MODULE: ./packages/core/src/report/markdown-safe.ts
var markdown_safe = __webpack_require__(6689);
;// CONCATENATED MODULE: ./packages/core/src/drift/render.ts
/**
 * The drift report as text (terminal), markdown (job summary, issue) and JSON. In markdown every
 * name and definition from the database or the migrations goes through the one escaping layer
 * (report/markdown-safe): identifiers are untrusted text and must not turn into links, mentions or
 * table cells of their own.
 */


const CHANGE_TEXT = {
    'only-in-database': 'only in the database',
    'only-in-migrations': 'only in the migrations',
    differs: 'differs',
};
function formatMs(ms) {
    return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
function indent(text, prefix) {
    return text
        .split('\n')
        .map((line) => `${prefix}${line}`)
        .join('\n');
}
function contextLines(report) {
    const lines = [];
    if (report.target)
        lines.push(`Target: ${report.target.database} on ${report.target.host}:${report.target.port} (PostgreSQL ${report.target.serverVersion}).`);
    if (report.replay) {
        lines.push(`Replayed the ${report.replay.files.length} applied migration(s) on a throwaway PostgreSQL ${report.replay.serverVersion}${report.replay.supabaseBaseline ? ' with the Supabase baseline' : ''} in ${formatMs(report.timings.replayMs)}; whole check ${formatMs(report.timings.totalMs)}.`);
    }
    if (report.excluded.schemas.length)
        lines.push(`Not compared: schemas ${report.excluded.schemas.join(', ')}; platform extensions ${report.excluded.extensions.join(', ')}.`);
    return lines;
}
function formatDriftText(report) {
    const out = [report.message, ...contextLines(report)];
    report.differences.forEach((d, i) => {
        out.push('', `${i + 1}. ${d.message}`);
        out.push(`   in the database:   ${d.database === null ? '(none)' : ''}`);
        if (d.database !== null)
            out.push(indent(d.database, '     '));
        out.push(`   in the migrations: ${d.migrations === null ? '(none)' : ''}`);
        if (d.migrations !== null)
            out.push(indent(d.migrations, '     '));
    });
    if (report.notes.length)
        out.push('', 'Notes:', ...report.notes.map((n) => `  - ${n}`));
    if (report.draft)
        out.push('', `Drafted migration ${report.draft.fileName} (a DRAFT: review it, then commit it as a new migration):`, '', report.draft.sql.trimEnd());
    return out.join('\n');
}
function differenceCell(d) {
    if (d.change !== 'differs')
        return CHANGE_TEXT[d.change];
    const fields = (d.fields ?? []).map((f) => (f.field === 'definitionHash' ? 'body' : f.field));
    return fields.length ? `differs: ${fields.join(', ')}` : d.kind === 'enum' ? 'differs: values' : 'differs';
}
function definitionsBlock(d) {
    return (0,markdown_safe/* mdFence */.F)(`-- ${d.message.replace(/\s*\n\s*/g, ' ')}\n-- in the database:\n${d.database ?? '-- (none)'}\n-- in the migrations:\n${d.migrations ?? '-- (none)'}`, 'sql');
}
/**
 * Markdown for the job summary and the drift issue, within `limit` (GitHub's job summary size by
 * default; an issue body is a comment's). The table of differences comes first; definitions, the
 * draft and the notes follow while they fit, and a line says what was left out and where it is.
 */
function render_renderDriftMarkdown(report, options = {}) {
    const count = report.differences.length;
    const title = options.heading ?? (report.status === 'error' ? '## Schema drift: could not check' : count ? `## Schema drift: ${count} difference${count === 1 ? '' : 's'}` : '## No schema drift');
    const out = new MarkdownBudget(options.limit ?? JOB_SUMMARY_LIMIT, NOTE_RESERVE + (options.reserve ?? 0));
    out.add(title, '', report.status === 'error' ? (0,markdown_safe/* mdFence */.F)((0,markdown_safe/* clipText */.gL)(report.message, MAX_TEXT_IN_CELL), 'text') : (0,markdown_safe/* mdText */.bC)(contextLines(report).join(' ')));
    if (count) {
        out.add('', '| Kind | Object | Difference |', '| --- | --- | --- |');
        const rows = report.differences.map((d) => (0,markdown_safe/* mdRow */.cT)([(0,markdown_safe/* mdText */.bC)(d.classified ? d.kind : `${d.kind} (unclassified)`), (0,markdown_safe/* mdCode */.xs)((0,markdown_safe/* clipText */.gL)(d.name, MAX_TEXT_IN_CELL)), differenceCell(d)]));
        const shown = rows.findIndex((row) => !out.tryAdd(row));
        if (shown >= 0) {
            out.release(NOTE_RESERVE);
            out.add(out.moreLine(rows.length - shown, 'differences'));
            return out.toString();
        }
        const blocks = report.differences.map(definitionsBlock);
        if (out.fits(['', '<details><summary>Each difference with its definition on both sides</summary>', '', ...blocks, '</details>'])) {
            out.add('', '<details><summary>Each difference with its definition on both sides</summary>', '');
            for (const block of blocks)
                out.add(block, '');
            out.add('</details>');
        }
        else {
            out.add('', out.moreLine(count, 'definitions'));
        }
    }
    if (report.notes.length)
        out.tryAdd('', '<details><summary>Notes</summary>', '', (0,markdown_safe/* mdFence */.F)(report.notes.map((n) => `- ${n}`).join('\n'), 'text'), '', '</details>');
    if (report.draft) {
        const draft = [
            '',
            `**Drafted migration** ${(0,markdown_safe/* mdCode */.xs)(report.draft.fileName)}: a DRAFT with the next timestamp. Review it, commit it as a new migration, and record it as applied where the change already is (${(0,markdown_safe/* mdCode */.xs)(`migration-gate repair --status applied ${report.draft.version}`)}).`,
            '',
            '<details><summary>Drafted migration</summary>',
            '',
            (0,markdown_safe/* mdFence */.F)(report.draft.sql, 'sql'),
            '',
            '</details>',
        ];
        if (!out.tryAdd(...draft)) {
            out.release(NOTE_RESERVE);
            out.add('', out.moreLine(1, 'drafted migration'));
        }
    }
    return out.toString();
}
function formatDriftJson(report) {
    return `${JSON.stringify(report, null, 2)}\n`;
}

// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js + 22 modules
var github = __webpack_require__(2413);
;// CONCATENATED MODULE: ./packages/core/src/github/client.ts
/**
 * The one way the project talks to GitHub: an Octokit from @actions/github.
 */

const DEFAULT_API_URL = 'https://api.github.com';
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
function createOctokit(token, options = {}) {
    if (!token)
        throw new Error('A GitHub token is required (the github-token input, usually ${{ github.token }}).');
    // @actions/github reads GITHUB_API_URL once, when first imported; reading it here honours later changes.
    const baseUrl = (options.baseUrl ?? process.env.GITHUB_API_URL ?? DEFAULT_API_URL).replace(/\/+$/, '');
    const octokit = getOctokit(token, { baseUrl });
    const timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    octokit.hook.before('request', (request) => {
        // Replacing `request` wholesale would drop the proxy-aware fetch @actions/github installs.
        request.request = { ...request.request, signal: AbortSignal.timeout(timeoutMs) };
    });
    return octokit;
}

;// CONCATENATED MODULE: ./packages/core/src/github/errors.ts
/**
 * Turns Octokit failures into errors a workflow author can act on: which permission to grant,
 * or that GitHub itself could not be reached. The production gate fails closed on any of them.
 */
class errors_GitHubApiError extends Error {
    kind;
    operation;
    status;
    githubMessage;
    name = 'GitHubApiError';
    constructor(message, kind, operation, 
    /** HTTP status GitHub answered with; undefined when no answer arrived. */
    status, 
    /** GitHub's own `message`, when it sent one. */
    githubMessage, options) {
        super(message, options);
        this.kind = kind;
        this.operation = operation;
        this.status = status;
        this.githubMessage = githubMessage;
    }
}
/** Runs one GitHub call (or a paginated series), translating any failure into a GitHubApiError. */
async function errors_callGitHub(operation, call) {
    try {
        return await call();
    }
    catch (error) {
        throw toGitHubApiError(error, operation);
    }
}
function toGitHubApiError(error, operation) {
    if (error instanceof errors_GitHubApiError)
        return error;
    const failure = (typeof error === 'object' && error !== null ? error : {});
    const status = typeof failure.status === 'number' ? failure.status : undefined;
    const response = failure.response;
    const data = (typeof response?.data === 'object' && response.data !== null ? response.data : {});
    const githubMessage = typeof data.message === 'string' && data.message !== '' ? data.message : undefined;
    const answer = `${status}${githubMessage ? ` "${githubMessage}"` : ''}`;
    const fail = (kind, message) => new errors_GitHubApiError(message, kind, operation, response ? status : undefined, githubMessage, { cause: error });
    // @octokit/request reports a request that got no answer as status 500 without a response.
    if (response === undefined || status === undefined) {
        const cause = typeof failure.message === 'string' && failure.message !== '' ? failure.message : String(error);
        return fail('unreachable', `Could not reach GitHub${apiHost(failure)} to ${operation.action}: ${cause}. This is usually temporary; re-run the job.`);
    }
    if (status >= 500) {
        return fail('unreachable', `Could not reach GitHub to ${operation.action}: it answered ${answer}. This is usually temporary; re-run the job.`);
    }
    if (isRateLimited(status, response.headers, githubMessage)) {
        return fail('rate-limited', `Could not ${operation.action}: GitHub's API rate limit was exceeded (${answer}). ${retryAdvice(response.headers)}`);
    }
    if (status === 401) {
        return fail('bad-credentials', `Could not ${operation.action}: GitHub rejected the token (${answer}). Pass a valid, unexpired token in the github-token input.`);
    }
    if (status === 403) {
        return fail('missing-permission', `Could not ${operation.action}: the token lacks permission (${answer}). ${accessAdvice(operation)}`.trimEnd());
    }
    if (status === 404) {
        return fail('not-found', `Could not ${operation.action}: GitHub answered ${answer}, so it does not exist or the token cannot see it. ${accessAdvice(operation)}`.trimEnd());
    }
    return fail('rejected', `GitHub refused to ${operation.action} (${answer}${validationDetails(data.errors)}).`);
}
function accessAdvice(operation) {
    const { permissions, tokenAdvice } = operation;
    // A YAML flow mapping, so the advice can be pasted into the workflow as it is.
    const block = permissions.length === 1 ? permissions[0] : `{ ${permissions.join(', ')} }`;
    const needs = permissions.length > 0 ? `The workflow job needs \`permissions: ${block}\`.` : '';
    return [needs, tokenAdvice].filter(Boolean).join(' ');
}
function isRateLimited(status, headers = {}, message = '') {
    if (status === 429)
        return true;
    return status === 403 && (String(headers['x-ratelimit-remaining']) === '0' || /rate limit/i.test(message));
}
function retryAdvice(headers = {}) {
    const retryAfter = Number(headers['retry-after']);
    if (Number.isFinite(retryAfter) && retryAfter > 0)
        return `Retry in ${retryAfter} seconds.`;
    const reset = Number(headers['x-ratelimit-reset']);
    if (Number.isFinite(reset) && reset > 0)
        return `The limit resets at ${new Date(reset * 1000).toISOString()}.`;
    return 'Wait a few minutes before re-running the job.';
}
function validationDetails(errors) {
    if (!Array.isArray(errors) || errors.length === 0)
        return '';
    const parts = errors.map((e) => {
        if (typeof e === 'string')
            return e;
        const { message, field, code } = (e ?? {});
        return message ?? [field, code].filter(Boolean).join(' ');
    });
    return `: ${parts.filter(Boolean).join('; ')}`;
}
function apiHost(failure) {
    try {
        return typeof failure.request?.url === 'string' ? ` at ${new URL(failure.request.url).origin}` : '';
    }
    catch {
        return '';
    }
}

;// CONCATENATED MODULE: ./packages/core/src/github/comments.ts


const MARKER_SHAPE = /^<!--[^\n]*?-->$/;
/** Who `GITHUB_TOKEN` writes as. */
const GITHUB_ACTIONS_LOGIN = 'github-actions[bot]';
/**
 * The login this token writes comments as: `GET /user` for a personal or OAuth token; for an
 * installation token (`GITHUB_TOKEN` or a GitHub App's), which `GET /user` refuses, GraphQL's
 * `viewer`, which names the app's bot (`<app-slug>[bot]`); and `github-actions[bot]` when
 * neither answers (GitHub Enterprise servers without GraphQL for integrations).
 */
async function resolveTokenLogin(octokit) {
    try {
        const { data } = await callGitHub({ action: 'read who the token belongs to', permissions: [] }, () => octokit.rest.users.getAuthenticated());
        return data.login;
    }
    catch (error) {
        if (!(error instanceof GitHubApiError) || error.kind !== 'missing-permission')
            throw error;
    }
    try {
        const answer = await octokit.graphql('query { viewer { login __typename } }');
        const { login, __typename } = answer.viewer;
        // REST names bots `<slug>[bot]`; add the suffix if GraphQL left it off.
        return __typename === 'Bot' && !login.endsWith('[bot]') ? `${login}[bot]` : login;
    }
    catch {
        return GITHUB_ACTIONS_LOGIN;
    }
}
/** The marker for one kind of Migration Gate comment, e.g. `commentMarker('validate')`. */
function comments_commentMarker(purpose) {
    return `<!-- migration-gate:${purpose} -->`;
}
async function upsertPullRequestComment(octokit, input) {
    const body = withMarker(input.marker, input.body);
    const { ours, foreign } = await findOwnMarkedComments(octokit, input);
    return { ...(await writeMarkedComment(octokit, input, body, ours)), ignoredForeignIds: foreign.map((c) => c.id) };
}
/** When validation passes: rewrite the marked comment to `body`, or delete it; no-op if there is none. */
async function deleteOrResolvePullRequestComment(octokit, input) {
    const marked = (await findOwnMarkedComments(octokit, input)).ours;
    if (marked.length === 0)
        return { action: 'none', deletedCommentIds: [] };
    if (input.deleteComment) {
        for (const comment of marked)
            await deleteComment(octokit, input, comment.id);
        return { action: 'deleted', deletedCommentIds: marked.map((c) => c.id) };
    }
    const written = await writeMarkedComment(octokit, input, withMarker(input.marker, input.body), marked);
    return {
        action: written.action === 'unchanged' ? 'already-resolved' : 'resolved',
        commentId: written.commentId,
        url: written.url,
        deletedCommentIds: written.deletedDuplicateIds,
    };
}
/**
 * Marked comments split by author: `ours` (written by the token's identity, oldest first) and
 * `foreign` (someone else wrote the marker; left alone). The identity is only looked up when a
 * marked comment exists.
 */
async function findOwnMarkedComments(octokit, input) {
    const marked = await findMarkedComments(octokit, input);
    if (marked.length === 0)
        return { ours: [], foreign: [] };
    const author = (input.author ?? (await resolveTokenLogin(octokit))).toLowerCase();
    const isOurs = (comment) => comment.user?.login.toLowerCase() === author;
    return { ours: marked.filter(isOurs), foreign: marked.filter((c) => !isOurs(c)) };
}
/** Comments on `input.issueNumber` whose first line is the marker, oldest first, whoever wrote them. */
async function findMarkedComments(octokit, input) {
    assertMarker(input.marker);
    const comments = await callGitHub(commentOperation(input, `list the comments on pull request #${input.issueNumber}`, 'read'), () => octokit.paginate(octokit.rest.issues.listComments, { owner: input.owner, repo: input.repo, issue_number: input.issueNumber, per_page: 100 }));
    // First line only: a person quoting our comment in a reply must not make theirs the one we edit.
    return comments.filter((comment) => firstLine(comment.body ?? '') === input.marker).sort((a, b) => a.id - b.id);
}
/** Posts a new comment on each pull request (deploy notices: each deploy is its own event). */
async function commentOnPullRequests(octokit, input) {
    const result = { posted: [], failed: [] };
    for (const pullNumber of new Set(input.pullNumbers)) {
        const target = { ...input, issueNumber: pullNumber };
        try {
            const created = await callGitHub(commentOperation(target, `comment on pull request #${pullNumber}`), () => octokit.rest.issues.createComment({ owner: input.owner, repo: input.repo, issue_number: pullNumber, body: input.body }));
            result.posted.push({ pullNumber, commentId: created.data.id, url: created.data.html_url });
        }
        catch (error) {
            if (!(error instanceof GitHubApiError))
                throw error;
            result.failed.push({ pullNumber, error });
        }
    }
    return result;
}
/** Keeps the oldest marked comment (its place in the conversation) and removes the rest. */
async function writeMarkedComment(octokit, target, body, marked) {
    const [existing, ...duplicates] = marked;
    let result;
    if (!existing) {
        const created = await callGitHub(commentOperation(target, `comment on pull request #${target.issueNumber}`), () => octokit.rest.issues.createComment({ owner: target.owner, repo: target.repo, issue_number: target.issueNumber, body }));
        result = { action: 'created', commentId: created.data.id, url: created.data.html_url, deletedDuplicateIds: [] };
    }
    else if (existing.body === body) {
        result = { action: 'unchanged', commentId: existing.id, url: existing.html_url, deletedDuplicateIds: [] };
    }
    else {
        const updated = await updateComment(octokit, target, existing, body);
        result = { action: 'updated', commentId: updated.id, url: updated.html_url, deletedDuplicateIds: [] };
    }
    for (const duplicate of duplicates) {
        await deleteComment(octokit, target, duplicate.id);
        result.deletedDuplicateIds.push(duplicate.id);
    }
    return result;
}
/** Raised when our comment could not be rewritten: it still shows an earlier run's report. */
class StaleCommentError extends Error {
    commentUrl;
    markedStale;
    name = 'StaleCommentError';
    constructor(message, commentUrl, 
    /** Whether the old text could at least be replaced by a short "out of date" note. */
    markedStale, options) {
        super(message, options);
        this.commentUrl = commentUrl;
        this.markedStale = markedStale;
    }
}
/**
 * Rewrites our comment. If GitHub refuses the new body, the old one must not stay silently: it
 * is replaced by a short note that it is out of date, and the caller gets a StaleCommentError.
 */
async function updateComment(octokit, target, existing, body) {
    const operation = commentOperation(target, `update comment ${existing.id} on pull request #${target.issueNumber}`);
    const patch = (text) => callGitHub(operation, () => octokit.rest.issues.updateComment({ owner: target.owner, repo: target.repo, comment_id: existing.id, body: text }));
    try {
        return (await patch(body)).data;
    }
    catch (error) {
        const note = `${target.marker}\n:warning: **This comment is out of date.** A later Migration Gate run could not update it (${mdText(clipText(error.message, 500))}). See that run's job summary for the current report.\n`;
        const markedStale = await patch(note).then(() => true, () => false);
        const state = markedStale ? 'it now says it is out of date' : 'it still shows an earlier report';
        throw new StaleCommentError(`Could not update the pull-request comment ${existing.html_url}: ${error.message} (${state}).`, existing.html_url, markedStale, { cause: error });
    }
}
async function deleteComment(octokit, target, commentId) {
    await callGitHub(commentOperation(target, `delete comment ${commentId} on pull request #${target.issueNumber}`), () => octokit.rest.issues.deleteComment({ owner: target.owner, repo: target.repo, comment_id: commentId }));
}
function commentOperation(target, action, access = 'write') {
    return { action: `${action} in ${target.owner}/${target.repo}`, permissions: [`pull-requests: ${access}`] };
}
function withMarker(marker, body) {
    assertMarker(marker);
    return firstLine(body) === marker ? body : `${marker}\n${body}`;
}
function firstLine(text) {
    return text.split(/\r?\n/, 1)[0].trim();
}
function assertMarker(marker) {
    if (!MARKER_SHAPE.test(marker)) {
        throw new TypeError(`A comment marker must be a one-line HTML comment such as "<!-- migration-gate:validate -->", got ${JSON.stringify(marker)}`);
    }
}

;// CONCATENATED MODULE: ./packages/core/src/github/pulls.ts

async function pullRequestsForCommits(octokit, input) {
    const byNumber = new Map();
    for (const sha of new Set(input.shas)) {
        const associated = await callGitHub({
            action: `find the pull requests of commit ${sha.slice(0, 12)} in ${input.owner}/${input.repo}`,
            permissions: ['contents: read', 'pull-requests: read'],
        }, () => octokit.paginate(octokit.rest.repos.listPullRequestsAssociatedWithCommit, { owner: input.owner, repo: input.repo, commit_sha: sha, per_page: 100 }));
        // The endpoint also returns open pull requests that merely contain the commit; only a merge introduced it.
        for (const pull of associated) {
            if (!pull.merged_at)
                continue;
            const known = byNumber.get(pull.number);
            if (known) {
                if (!known.commitShas.includes(sha))
                    known.commitShas.push(sha);
                continue;
            }
            byNumber.set(pull.number, {
                number: pull.number,
                title: pull.title,
                url: pull.html_url,
                author: pull.user?.login ?? null,
                mergedAt: pull.merged_at,
                commitShas: [sha],
            });
        }
    }
    return [...byNumber.values()];
}

;// CONCATENATED MODULE: ./packages/core/src/github/approvals.ts

/** The run's review history for protected environments (GitHub keeps no timestamp on these reviews). */
async function getRunApprovals(octokit, input) {
    const response = await callGitHub({ action: `read the deployment approvals of workflow run ${input.runId} in ${input.owner}/${input.repo}`, permissions: ['actions: read'] }, () => octokit.rest.actions.getReviewsForRun({ owner: input.owner, repo: input.repo, run_id: input.runId }));
    return response.data;
}
/**
 * Decides whether `environmentName` was approved in a run. Any rejection wins: re-runs keep the
 * same run id and GitHub records no review times, so a later approval cannot be told apart from
 * an earlier one and the gate must fail closed.
 */
function verifyEnvironmentApproval(approvals, environmentName) {
    // GitHub environment names are case-insensitive: "Production" and "production" are one environment.
    const wanted = environmentName.toLowerCase();
    const reviews = approvals
        .filter((approval) => approval.environments.some((environment) => environment.name?.toLowerCase() === wanted))
        .map((approval) => ({ login: approval.user.login, state: approval.state, comment: approval.comment }));
    const approvers = [...new Set(reviews.filter((r) => r.state === 'approved').map((r) => r.login))];
    const rejected = reviews.some((r) => r.state === 'rejected');
    const status = rejected ? 'rejected' : approvers.length > 0 ? 'approved' : 'none';
    return { status, environment: environmentName, approvers: status === 'approved' ? approvers : [], reviews };
}

;// CONCATENATED MODULE: ./packages/core/src/github/permissions.ts

async function getCollaboratorPermission(octokit, input) {
    const response = await callGitHub({
        action: `read ${input.username}'s permission on ${input.owner}/${input.repo}`,
        // Every GITHUB_TOKEN can read this; only other tokens can lack it.
        permissions: [],
        tokenAdvice: 'A fine-grained token needs access to this repository with the permission "Metadata: read".',
    }, () => octokit.rest.repos.getCollaboratorPermissionLevel({ owner: input.owner, repo: input.repo, username: input.username }));
    return { permission: response.data.permission, roleName: response.data.role_name };
}
const TEAM_TOKEN_ADVICE = (/* unused pure expression or super */ null && ("A workflow's GITHUB_TOKEN cannot read organization teams at all: pass a GitHub App token with the organization permission " +
    '"Members: read", or a personal access token with the read:org scope.'));
/**
 * `username`'s membership of `org/teamSlug`, or null when they are not a member.
 * GitHub answers 404 both for "not a member" and for a team the token cannot see; the team is
 * looked up to tell the two apart, so a token problem is reported as one instead of as a denial.
 */
async function getTeamMembership(octokit, input) {
    const operation = {
        action: `check whether ${input.username} is a member of team ${input.org}/${input.teamSlug}`,
        permissions: [],
        tokenAdvice: TEAM_TOKEN_ADVICE,
    };
    try {
        const response = await callGitHub(operation, () => octokit.rest.teams.getMembershipForUserInOrg({ org: input.org, team_slug: input.teamSlug, username: input.username }));
        return { state: response.data.state, role: response.data.role };
    }
    catch (error) {
        if (!(error instanceof GitHubApiError) || error.kind !== 'not-found')
            throw error;
    }
    await callGitHub({ ...operation, action: `find team ${input.org}/${input.teamSlug}` }, () => octokit.rest.teams.getByName({ org: input.org, team_slug: input.teamSlug }));
    return null;
}

;// CONCATENATED MODULE: ./packages/core/src/github/deployments.ts

/** Kept in the deployment payload; a staging environment also receives app deploys, which carry none. */
const MIGRATION_DEPLOYMENT_TOOL = 'migration-gate';
/** GitHub's own example for a migrations task; lets listing ask GitHub for our deployments only. */
const MIGRATION_DEPLOYMENT_TASK = 'deploy:migrations';
const DEFAULT_ENVIRONMENT = 'staging';
const DEFAULT_LIMIT = 30;
async function recordStagingDeployment(octokit, input) {
    const environment = input.environment ?? DEFAULT_ENVIRONMENT;
    const operation = deploymentOperation(input, `record a ${environment} deployment of ${input.sha.slice(0, 12)}`, 'write');
    const created = await callGitHub(operation, () => octokit.rest.repos.createDeployment({
        owner: input.owner,
        repo: input.repo,
        ref: input.sha,
        task: MIGRATION_DEPLOYMENT_TASK,
        environment,
        payload: { tool: MIGRATION_DEPLOYMENT_TOOL, versions: input.payload.versions, checksums: input.payload.checksums },
        description: input.description ?? `Migration Gate: ${input.payload.versions.length} migration(s)`,
        // A record of what already ran: it must not merge branches or wait on commit statuses.
        auto_merge: false,
        required_contexts: [],
        transient_environment: false,
        production_environment: false,
    }));
    if (!('id' in created.data)) {
        // 202 means GitHub merged the default branch instead of deploying, which auto_merge:false rules out.
        throw new GitHubApiError(`GitHub did not create the deployment: ${created.data.message ?? 'no reason given'}`, 'rejected', operation, created.status);
    }
    const deploymentId = created.data.id;
    const status = await callGitHub(deploymentOperation(input, `set the status of deployment ${deploymentId}`, 'write'), () => octokit.rest.repos.createDeploymentStatus({
        owner: input.owner,
        repo: input.repo,
        deployment_id: deploymentId,
        state: input.outcome,
        environment,
        description: input.outcome === 'success' ? 'Migrations applied' : 'Migrations failed',
        ...(input.logUrl ? { log_url: input.logUrl } : {}),
    }));
    return { deploymentId, statusId: status.data.id, state: input.outcome };
}
/** Migration Gate's deployments to `environment`, newest first, with their payload and statuses. */
async function findStagingRecords(octokit, input) {
    const environment = input.environment ?? DEFAULT_ENVIRONMENT;
    const limit = input.limit ?? DEFAULT_LIMIT;
    let fetched = 0;
    const deployments = await callGitHub(deploymentOperation(input, `list the ${environment} deployments`, 'read'), () => octokit.paginate(octokit.rest.repos.listDeployments, { owner: input.owner, repo: input.repo, environment, task: MIGRATION_DEPLOYMENT_TASK, per_page: Math.min(limit, 100), ...(input.sha ? { sha: input.sha } : {}) }, (response, done) => {
        fetched += response.data.length;
        if (fetched >= limit)
            done();
        return response.data;
    }));
    const newestFirst = [...deployments].sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id - a.id).slice(0, limit);
    const records = [];
    for (const deployment of newestFirst) {
        const statuses = await callGitHub(deploymentOperation(input, `list the statuses of deployment ${deployment.id}`, 'read'), () => octokit.paginate(octokit.rest.repos.listDeploymentStatuses, { owner: input.owner, repo: input.repo, deployment_id: deployment.id, per_page: 100 }));
        // Status ids grow with time; GitHub's list order is not documented.
        const latest = statuses.reduce((newest, s) => (!newest || s.id > newest.id ? s : newest), undefined);
        records.push({
            deploymentId: deployment.id,
            sha: deployment.sha,
            environment: deployment.environment,
            createdAt: deployment.created_at,
            creator: deployment.creator?.login ?? null,
            payload: readPayload(deployment),
            latestStatus: latest
                ? { state: latest.state, createdAt: latest.created_at, description: latest.description, logUrl: latest.log_url ?? latest.target_url ?? null }
                : null,
            succeeded: statuses.some((s) => s.state === 'success'),
        });
    }
    return records;
}
function readPayload(deployment) {
    let payload = deployment.payload;
    if (typeof payload === 'string') {
        try {
            payload = JSON.parse(payload);
        }
        catch {
            return null;
        }
    }
    if (typeof payload !== 'object' || payload === null)
        return null;
    const { tool, versions, checksums } = payload;
    if (tool !== MIGRATION_DEPLOYMENT_TOOL)
        return null;
    if (!Array.isArray(versions) || !versions.every((v) => typeof v === 'string'))
        return null;
    if (typeof checksums !== 'object' || checksums === null || Array.isArray(checksums))
        return null;
    const entries = Object.entries(checksums);
    if (!entries.every(([, value]) => typeof value === 'string'))
        return null;
    return { versions, checksums: Object.fromEntries(entries) };
}
function deploymentOperation(target, action, access) {
    return { action: `${action} in ${target.owner}/${target.repo}`, permissions: [`deployments: ${access}`] };
}

;// CONCATENATED MODULE: ./packages/core/src/github/issues.ts

async function issues_createIssue(octokit, input) {
    const response = await callGitHub({ action: `open an issue in ${input.owner}/${input.repo}`, permissions: ['issues: write'] }, () => octokit.rest.issues.create({
        owner: input.owner,
        repo: input.repo,
        title: input.title,
        body: input.body,
        ...(input.labels ? { labels: input.labels } : {}),
        ...(input.assignees ? { assignees: input.assignees } : {}),
    }));
    return { number: response.data.number, url: response.data.html_url };
}
/** Open issues (not pull requests), oldest first. */
async function issues_listOpenIssues(octokit, query) {
    const issues = await callGitHub({ action: `list the open issues of ${query.owner}/${query.repo}`, permissions: ['issues: read'] }, () => octokit.paginate(octokit.rest.issues.listForRepo, {
        owner: query.owner,
        repo: query.repo,
        state: 'open',
        creator: query.creator,
        ...(query.labels?.length ? { labels: query.labels.join(',') } : {}),
        sort: 'created',
        direction: 'asc',
        per_page: 100,
    }));
    return issues.filter((issue) => !issue.pull_request && issue.user?.login === query.creator);
}
async function issues_updateIssue(octokit, input) {
    await callGitHub({ action: `update issue #${input.issueNumber} in ${input.owner}/${input.repo}`, permissions: ['issues: write'] }, () => octokit.rest.issues.update({
        owner: input.owner,
        repo: input.repo,
        issue_number: input.issueNumber,
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.body !== undefined ? { body: input.body } : {}),
        ...(input.state ? { state: input.state } : {}),
        ...(input.stateReason ? { state_reason: input.stateReason } : {}),
    }));
}
async function issues_commentOnIssue(octokit, input) {
    await callGitHub({ action: `comment on issue #${input.issueNumber} in ${input.owner}/${input.repo}`, permissions: ['issues: write'] }, () => octokit.rest.issues.createComment({ owner: input.owner, repo: input.repo, issue_number: input.issueNumber, body: input.body }));
}
/** Rewrites an issue's body (e.g. a follow-up opened before a deploy, completed with its outcome). */
async function updateIssueBody(octokit, input) {
    await issues_updateIssue(octokit, input);
}

;// CONCATENATED MODULE: ./packages/core/src/github/index.ts









;// CONCATENATED MODULE: ./packages/core/src/drift/issue.ts
/**
 * The nightly drift check keeps one issue per environment up to date: opened when drift appears,
 * rewritten while it changes, closed (with a comment) once the database matches its migrations
 * again. The issue is recognised by a hidden marker on its first line and by its author: only
 * issues the token's own identity opened are ever edited.
 */




const DRIFT_ISSUE_LABEL = 'migration-drift';
function driftIssueMarker(environment) {
    return commentMarker(`drift:${environment.replace(/[^A-Za-z0-9_.-]/g, '_')}`);
}
/**
 * What the drift is, without what changes from run to run (timings, the draft's timestamp, the
 * run link): the issue is rewritten only when this changes.
 */
function fingerprint(report) {
    const essence = report.differences.map((d) => [d.kind, d.change, d.name, d.database, d.migrations]);
    return createHash('sha256').update(JSON.stringify(essence)).digest('hex').slice(0, 16);
}
function fingerprintLine(report) {
    return `<!-- drift ${fingerprint(report)} -->`;
}
function issueBody(input, marker) {
    const run = input.runUrl ? `\n\nLast checked in [this workflow run](${input.runUrl}).` : '';
    const intro = 'Migration Gate found changes in this database that no migration describes. The next deploy builds on a schema nobody reviewed: ' +
        'capture them in a new migration (the draft below), record it as applied there with `migration-gate repair --status applied <version>`, or undo them. ' +
        'This issue is updated by every check and closed when the drift is gone.';
    const head = `${marker}\n${fingerprintLine(input.report)}\n${intro}${run}\n\n`;
    // GitHub refuses an issue body over a comment's size: the report keeps within what is left.
    return `${head}${renderDriftMarkdown(input.report, { limit: COMMENT_LIMIT, reserve: head.length })}`;
}
/** Opens, updates or closes the environment's drift issue to match `input.report`; an error report changes nothing. */
async function syncDriftIssue(octokit, input) {
    const marker = driftIssueMarker(input.environment);
    const labels = input.labels ?? [DRIFT_ISSUE_LABEL];
    const open = (await listOpenIssues(octokit, { owner: input.owner, repo: input.repo, creator: input.author, labels })).filter((issue) => (issue.body ?? '').split('\n')[0].trim() === marker);
    const existing = open[0];
    const where = { owner: input.owner, repo: input.repo };
    if (input.report.status === 'error')
        return { action: existing ? 'unchanged' : 'none', ...(existing ? { issueNumber: existing.number } : {}) };
    if (input.report.status === 'no-drift') {
        if (!existing)
            return { action: 'none' };
        const run = input.runUrl ? ` in [this workflow run](${input.runUrl})` : '';
        await commentOnIssue(octokit, { ...where, issueNumber: existing.number, body: `The drift is gone: ${input.environment} matches what its applied migrations build again (checked${run}). Closing.` });
        await updateIssue(octokit, { ...where, issueNumber: existing.number, state: 'closed', stateReason: 'completed' });
        return { action: 'closed', issueNumber: existing.number };
    }
    const count = input.report.differences.length;
    const title = `Schema drift on ${input.environment}: ${count} change${count === 1 ? '' : 's'} outside the migrations`;
    const body = issueBody(input, marker);
    if (!existing) {
        const created = await createIssue(octokit, { ...where, title, body, labels });
        return { action: 'opened', issueNumber: created.number };
    }
    if ((existing.body ?? '').split('\n')[1] === fingerprintLine(input.report) && existing.title === title)
        return { action: 'unchanged', issueNumber: existing.number };
    await updateIssue(octokit, { ...where, issueNumber: existing.number, title, body });
    return { action: 'updated', issueNumber: existing.number };
}

;// CONCATENATED MODULE: ./packages/core/src/drift/index.ts
/** Public surface of the drift check. */








// EXTERNAL MODULE: ./packages/core/src/dry-run/validate-step.ts
var validate_step = __webpack_require__(6520);
// EXTERNAL MODULE: ./packages/cli/src/commands/deploy.ts
var deploy = __webpack_require__(5942);
;// CONCATENATED MODULE: ./packages/cli/src/commands/drift.ts
/** `migration-gate drift`: is the database still what its applied migrations build? */







const USAGE = `Usage: migration-gate drift [dir] --database-url <url> [options]

Finds changes made to the database outside the migrations (dashboard, SQL editor, hotfixes),
without Docker: replays the migrations its history (supabase_migrations.schema_migrations) says
are applied, in the order the Supabase CLI applies them, on a throwaway PostgreSQL server of the
database's major version, and compares both catalogs: schemas, tables, columns, constraints,
indexes, row level security, policies, views, functions, triggers, enums, sequences, extensions,
grants to anon/authenticated/service_role, publications. Only reads the database: a read-only
role is enough. Ends with a drafted migration that captures the database's state.

Options:
  --database-url <url>       postgres:// URL of the database to check (default: $DATABASE_URL); a read-only role is enough
  --sslmode <mode>           disable | require | verify-ca | verify-full (overrides the URL's sslmode)
  --ca-cert <file>           CA certificate (PEM) to verify the server, e.g. Supabase's prod-ca-2021.crt
  --config <file>            configuration file (default: .migration-gate.json)
  --format text|json|markdown  output format (default: text)
  --quiet                    no progress on stderr
  --exclude-schema <name>    also leave out this schema (repeatable; config: drift.excludeSchemas)
  --include-schema <name>    compare this platform schema anyway (repeatable; config: drift.includeSchemas)
  --postgres-version <n>     replay server major version (default: the database's)
  --shadow-database-url <url>  replay on this server instead (a database is created and dropped on it)
  --preamble <file>          SQL applied before the migrations (objects your platform provides)
  --no-supabase-baseline     not a Supabase project: compare every schema, replay without the baseline
  --draft-out <dir>          also write the drafted migration into this folder

Exit codes: 0 no drift; 1 drift found; 2 could not run (bad arguments, database unreachable, replay impossible).`;
const driftCommand = {
    usage: USAGE,
    run: (argv) => (0,deploy.guard)(USAGE, async () => {
        const { values, positionals } = (0,deploy.parseCommandLine)(argv, {
            'database-url': { type: 'string' },
            sslmode: { type: 'string' },
            'ca-cert': { type: 'string' },
            config: { type: 'string' },
            format: { type: 'string' },
            quiet: { type: 'boolean' },
            'exclude-schema': { type: 'string', multiple: true },
            'include-schema': { type: 'string', multiple: true },
            'postgres-version': { type: 'string' },
            'shadow-database-url': { type: 'string' },
            preamble: { type: 'string' },
            'no-supabase-baseline': { type: 'boolean' },
            'draft-out': { type: 'string' },
        });
        if (positionals.length > 1)
            throw new deploy.UsageError(`Expected at most one folder, got: ${positionals.join(' ')}`);
        const format = values.format ?? 'text';
        if (!['text', 'json', 'markdown'].includes(format))
            throw new deploy.UsageError(`--format must be text, json or markdown, not "${format}".`);
        let postgresVersion;
        try {
            postgresVersion = (0,validate_step.parsePostgresVersion)(values['postgres-version'] ?? process.env[validate_step.POSTGRES_VERSION_ENV]);
        }
        catch (err) {
            throw new deploy.UsageError(err.message);
        }
        let config;
        try {
            config = await (0,src_config/* loadConfig */.Z9)(process.cwd(), values.config);
        }
        catch (err) {
            throw new deploy.UsageError(err.message);
        }
        const database = (0,deploy.databaseOptions)(values);
        const report = await check_checkDrift({
            databaseUrl: database.databaseUrl,
            tls: database.tls,
            migrationsDir: positionals[0] ?? config.migrationsDir,
            supabase: values['no-supabase-baseline'] ? false : config.supabase,
            excludeSchemas: [...config.drift.excludeSchemas, ...(values['exclude-schema'] ?? [])],
            includeSchemas: [...config.drift.includeSchemas, ...(values['include-schema'] ?? [])],
            postgresVersion,
            shadowDatabaseUrl: values['shadow-database-url'] ?? process.env.SHADOW_DATABASE_URL,
            preamblePath: values.preamble ? external_node_path_.resolve(values.preamble) : undefined,
            onProgress: values.quiet ? undefined : (line) => process.stderr.write(`${line}\n`),
        });
        if (report.draft && values['draft-out']) {
            const file = external_node_path_.join(values['draft-out'], report.draft.fileName);
            (0,external_node_fs_.writeFileSync)(file, report.draft.sql);
            process.stderr.write(`Wrote the drafted migration to ${file}.\n`);
        }
        process.stdout.write(format === 'json' ? formatDriftJson(report) : format === 'markdown' ? render_renderDriftMarkdown(report) : `${formatDriftText(report)}\n`);
        return report.status === 'no-drift' ? command/* EXIT */.d.ok : report.status === 'drift' ? command/* EXIT */.d.findings : command/* EXIT */.d.usage;
    }),
};


/***/ })

};
;