/**
 * plpgsql_check 2.7 (github.com/okbob/plpgsql_check, plpgsql_check--2.7.sql; Supabase ships
 * 2.7.11): the checker, dependency, profiler, coverage, pragma and tracer functions with their
 * real signatures (argument names, defaults, result columns).
 *
 * Behaviour: the function to check is looked up as the real one looks it up (a regprocedure or
 * a name; "is not a plpgsql function" for other languages) and the check reports nothing: the
 * emulation does not analyse PL/pgSQL, so a migration that gates on plpgsql_check's findings
 * passes here whatever the function contains. The profiler records nothing.
 */
import type { ExtensionEmulation } from './types';

/** The checker's options after the function, shared by the four check functions (2.7 order). */
const checkOptions = (withFormat: boolean) => `relid regclass default 0,
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
const requirePlpgsql = (argument: string) => `
  if not exists (select 1 from pg_catalog.pg_proc p join pg_catalog.pg_language l on l.oid = p.prolang where p.oid = ${argument} and l.lanname = 'plpgsql') then
    raise exception '% is not a plpgsql function', ${argument}::regproc::text using errcode = '42809';
  end if;`;

const byOid = (name: string, options: string, returns: string) => `
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

const script = `
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

export const plpgsqlCheck: ExtensionEmulation = {
  name: 'plpgsql_check',
  version: '2.7',
  comment: 'extended check for plpgsql functions (migration-gate emulation: reports nothing)',
  relocatable: false,
  requires: ['plpgsql'],
  script,
  objects: {
    functions: [
      'plpgsql_check_function', 'plpgsql_check_function_tb', 'plpgsql_show_dependency_tb', 'plpgsql_profiler_function_tb',
      'plpgsql_profiler_function_statements_tb', 'plpgsql_check_pragma', 'plpgsql_check_profiler', 'plpgsql_check_tracer',
      'plpgsql_coverage_statements', 'plpgsql_coverage_branches', 'plpgsql_profiler_reset', 'plpgsql_profiler_reset_all',
    ],
  },
  source: 'https://github.com/okbob/plpgsql_check/blob/v2.7.9/plpgsql_check--2.7.sql',
};
