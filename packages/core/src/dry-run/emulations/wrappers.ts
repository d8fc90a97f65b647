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
import { scanSync } from 'libpg-query';
import type { Statement } from '../../model';
import { parseSql } from '../../parser';
import type { ExtensionEmulation, StatementRewrite } from './types';

interface Wrapper {
  /** The snake-cased struct name the macro prefixes to `_handler`, e.g. `big_query_fdw`. */
  name: string;
  struct: string;
  version: string;
  /** Options a foreign server needs. */
  server?: readonly string[];
  /** Options a foreign table needs. */
  table?: readonly string[];
  /** Checks of a server's options beyond "required". */
  serverCheck?: string;
}

const WEBSITE = 'https://github.com/supabase/wrappers/tree/main/wrappers/src/fdw';

const has = (option: string) => `exists (select 1 from pg_catalog.unnest(options) o where o like '${option}=%')`;

const WRAPPERS: readonly Wrapper[] = [
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

const requireAll = (required: readonly string[] | undefined) =>
  (required ?? [])
    .map(
      (option) => `
    if not ${has(option)} then
      raise exception 'required option \`${option}\` is not specified' using errcode = 'HV00J';
    end if;`,
    )
    .join('');

function wrapperFunctions(w: Wrapper): string {
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

const script = `
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

const quoteLiteral = (value: string) => `'${value.replace(/'/g, "''")}'`;
const quoteIdent = (value: string) => `"${value.replace(/"/g, '""')}"`;

function qualifiedName(defElemArg: any): string[] {
  return (defElemArg?.List?.items ?? []).map((i: any) => i?.String?.sval).filter((s: unknown): s is string => typeof s === 'string');
}

/** The call that creates the wrapper a `CreateFdwStmt` describes, or undefined when it names no handler of ours. */
function createFdwCall(node: any): string | undefined {
  const option = (name: string) => (node?.func_options ?? []).find((o: any) => o?.DefElem?.defname === name)?.DefElem;
  const handler = qualifiedName(option('handler')?.arg);
  if (!handler.length || !HANDLERS.has(handler[handler.length - 1])) return undefined;
  const validator = qualifiedName(option('validator')?.arg);
  const schema = handler.length > 1 ? `${quoteIdent(handler[0])}.` : '';
  const regproc = (parts: string[]) => (parts.length ? `${quoteLiteral(parts.map(quoteIdent).join('.'))}::pg_catalog.regproc` : 'null::pg_catalog.regproc');
  const options: { defname: string; value: string }[] = (node?.options ?? []).map((o: any) => ({ defname: o.DefElem.defname, value: o.DefElem.arg?.String?.sval ?? '' }));
  const array = (values: string[]) => `array[${values.map(quoteLiteral).join(', ')}]::text[]`;
  return `${schema}${CREATE_FDW}(${quoteLiteral(node.fdwname)}, ${regproc(handler)}, ${regproc(validator)}, ${array(options.map((o) => o.defname))}, ${array(options.map((o) => o.value))})`;
}

/** Keeps the replacement on as many lines as the text it replaces, so later line numbers hold. */
function sameLines(replacement: string, original: string): string {
  return replacement + '\n'.repeat((original.match(/\n/g) ?? []).length);
}

/** A dollar-quote tag that does not occur in `text`. */
function dollarTag(text: string): string {
  let tag = 'wrappers';
  while (text.includes(`$${tag}$`)) tag += '_';
  return `$${tag}$`;
}

/**
 * `create foreign data wrapper` statements inside a DO block's body, found by the SQL scanner
 * (keywords CREATE FOREIGN DATA WRAPPER up to the next `;`) and replaced by PERFORM calls.
 */
function rewriteDoBody(body: string): string | undefined {
  const tokens = scanSync(body).tokens;
  const bytes = Buffer.from(body, 'utf8');
  const slice = (start: number, end: number) => bytes.subarray(start, end).toString('utf8');
  const pieces: string[] = [];
  let copied = 0;
  for (let i = 0; i + 3 < tokens.length; i++) {
    const words = tokens.slice(i, i + 4).map((t) => t.text.toLowerCase());
    if (words.join(' ') !== 'create foreign data wrapper') continue;
    const end = tokens.findIndex((t, j) => j > i && t.text === ';');
    const endByte = end === -1 ? bytes.length : tokens[end].start;
    const original = slice(tokens[i].start, endByte);
    const parsed = parseSql(original);
    const node = parsed.error ? undefined : parsed.statements[0]?.node;
    const call = node ? createFdwCall(node) : undefined;
    if (!call) continue;
    pieces.push(slice(copied, tokens[i].start), sameLines(`perform ${call}`, original));
    copied = endByte;
    i = end === -1 ? tokens.length : end;
  }
  if (!pieces.length) return undefined;
  pieces.push(slice(copied, bytes.length));
  return pieces.join('');
}

export function rewriteWrappersStatement(statement: Statement): StatementRewrite | undefined {
  if (statement.kind === 'CreateFdwStmt') {
    const call = createFdwCall(statement.node);
    return call ? { sql: sameLines(`select ${call}`, statement.text) } : undefined;
  }
  if (statement.kind !== 'DoStmt') return undefined;
  const args: any[] = statement.node?.args ?? [];
  const body = args.find((a) => a?.DefElem?.defname === 'as')?.DefElem?.arg?.String?.sval;
  const language = args.find((a) => a?.DefElem?.defname === 'language')?.DefElem?.arg?.String?.sval ?? 'plpgsql';
  if (typeof body !== 'string' || language.toLowerCase() !== 'plpgsql' || !/wrapper/i.test(body)) return undefined;
  const rewritten = rewriteDoBody(body);
  if (!rewritten) return undefined;
  const tag = dollarTag(rewritten);
  return { sql: `do language plpgsql ${tag}${rewritten}${tag}` };
}

export const wrappers: ExtensionEmulation = {
  name: 'wrappers',
  version: '0.5.3',
  comment: 'Foreign data wrappers developed by Supabase (migration-gate emulation: no remote calls)',
  relocatable: true,
  script,
  objects: {
    functions: [...WRAPPERS.map((w) => `${w.name}_meta`), CREATE_FDW],
    // Handlers and validators are named without parentheses (`handler stripe_fdw_handler`): matched as bare names.
    relations: ['wrappers_fdw_stats', ...WRAPPERS.flatMap((w) => [`${w.name}_handler`, `${w.name}_validator`])],
  },
  rewriteStatement: rewriteWrappersStatement,
  source: 'https://github.com/supabase/wrappers/tree/main/wrappers/src/fdw',
};
