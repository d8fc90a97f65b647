/**
 * hypopg 1.4.1 (github.com/HypoPG/hypopg, hypopg--1.4.0.sql; 1.4.1 changed no SQL): hypothetical
 * indexes, with the real functions and views: hypopg_create_index, hypopg(), hypopg_list_indexes,
 * hypopg_drop_index, hypopg_reset, hypopg_get_indexdef, hypopg_relation_size, and hiding indexes.
 *
 * Behaviour: hypopg_create_index really builds the index inside a subtransaction that is always
 * rolled back, so a definition PostgreSQL would reject (unknown table or column, no such
 * operator class, not a CREATE INDEX) fails as the real one fails, and what it reports (table,
 * columns, access method, definition) is PostgreSQL's own. The hypothetical indexes live in the
 * session, as in the real extension (a session setting here); the planner does not see them, so
 * EXPLAIN is not changed by them.
 */
import type { ExtensionEmulation } from './types';

const INDEXES = `'migration_gate_hypopg.indexes'`;
const HIDDEN = `'migration_gate_hypopg.hidden'`;
const state = (setting: string) => `coalesce(nullif(pg_catalog.current_setting(${setting}, true), ''), '[]')::jsonb`;

const script = `
create function hypopg_create_index(in sql_order text, out indexrelid oid, out indexname text) returns setof record
language plpgsql strict volatile cost 100
as $fn$
declare
  indexes jsonb := ${state(INDEXES)};
  existing oid[];
  built oid;
  entry jsonb;
begin
  if sql_order !~* '^\\s*create\\s+(unique\\s+)?index\\M' then
    raise exception 'hypopg: SQL order #1 is not a CREATE INDEX statement' using errcode = '0A000';
  end if;
  existing := array(select c.oid from pg_catalog.pg_class c where c.relkind in ('i', 'I'));
  begin
    execute sql_order;
    select c.oid into built from pg_catalog.pg_class c where c.relkind in ('i', 'I') and c.oid <> all (existing) limit 1;
    select pg_catalog.jsonb_build_object(
             'indexrelid', 13000 + pg_catalog.jsonb_array_length(indexes),
             'indrelid', i.indrelid, 'innatts', i.indnatts, 'indisunique', i.indisunique,
             'indkey', i.indkey::text, 'indcollation', i.indcollation::text, 'indclass', i.indclass::text,
             'indoption', i.indoption::text, 'amid', c.relam, 'amname', am.amname, 'relname', t.relname,
             'columns', (select pg_catalog.string_agg(coalesce(a.attname::text, 'expr'), '_' order by k.n)
                           from pg_catalog.unnest(i.indkey::int2[]) with ordinality as k(attnum, n)
                           left join pg_catalog.pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum),
             'definition', pg_catalog.regexp_replace(pg_catalog.pg_get_indexdef(built), 'INDEX \\S+ ON', 'INDEX ON'))
      into entry
      from pg_catalog.pg_index i
      join pg_catalog.pg_class c on c.oid = i.indexrelid
      join pg_catalog.pg_class t on t.oid = i.indrelid
      join pg_catalog.pg_am am on am.oid = c.relam
     where i.indexrelid = built;
    raise exception using errcode = 'HYPO1', message = 'undo the index build';
  exception when sqlstate 'HYPO1' then
    null;
  end;
  entry := entry || pg_catalog.jsonb_build_object('indexname',
    pg_catalog.format('<%s>%s_%s_%s', entry->>'indexrelid', entry->>'amname', entry->>'relname', entry->>'columns'));
  perform pg_catalog.set_config(${INDEXES}, (indexes || pg_catalog.jsonb_build_array(entry))::text, false);
  indexrelid := (entry->>'indexrelid')::oid;
  indexname := entry->>'indexname';
  return next;
end
$fn$;

create function hypopg(out indexname text, out indexrelid oid, out indrelid oid, out innatts integer, out indisunique boolean,
                       out indkey int2vector, out indcollation oidvector, out indclass oidvector, out indoption oidvector,
                       out indexprs pg_node_tree, out indpred pg_node_tree, out amid oid) returns setof record
language sql cost 100
as $fn$
  select e->>'indexname', (e->>'indexrelid')::oid, (e->>'indrelid')::oid, (e->>'innatts')::int, (e->>'indisunique')::boolean,
         (e->>'indkey')::int2vector, (e->>'indcollation')::oidvector, (e->>'indclass')::oidvector, (e->>'indoption')::oidvector,
         null::pg_node_tree, null::pg_node_tree, (e->>'amid')::oid
    from pg_catalog.jsonb_array_elements(${state(INDEXES)}) as e
$fn$;

create view hypopg_list_indexes as
  select h.indexrelid, h.indexname as index_name, n.nspname as schema_name,
         coalesce(c.relname, '<dropped>') as table_name, am.amname as am_name
    from hypopg() h
    left join pg_catalog.pg_class c on c.oid = h.indrelid
    left join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    left join pg_catalog.pg_am am on am.oid = h.amid;

create function hypopg_drop_index(in indexid oid) returns bool
language plpgsql strict volatile cost 100
as $fn$
declare
  indexes jsonb := ${state(INDEXES)};
  kept jsonb;
begin
  select coalesce(pg_catalog.jsonb_agg(e), '[]') into kept from pg_catalog.jsonb_array_elements(indexes) e where (e->>'indexrelid')::oid <> indexid;
  perform pg_catalog.set_config(${INDEXES}, kept::text, false);
  return pg_catalog.jsonb_array_length(kept) < pg_catalog.jsonb_array_length(indexes);
end
$fn$;

create function hypopg_reset_index() returns void
language sql volatile cost 100
as $fn$ select pg_catalog.set_config(${INDEXES}, '[]', false) $fn$;

create function hypopg_reset() returns void
language sql volatile cost 100
as $fn$ select pg_catalog.set_config(${INDEXES}, '[]', false); select pg_catalog.set_config(${HIDDEN}, '[]', false) $fn$;

create function hypopg_relation_size(in indexid oid) returns bigint
language sql strict volatile cost 100
as $fn$
  select case when exists (select 1 from pg_catalog.jsonb_array_elements(${state(INDEXES)}) e where (e->>'indexrelid')::oid = indexid)
              then 8192::bigint else 0::bigint end
$fn$;

create function hypopg_get_indexdef(in indexid oid) returns text
language sql strict volatile cost 100
as $fn$ select e->>'definition' from pg_catalog.jsonb_array_elements(${state(INDEXES)}) e where (e->>'indexrelid')::oid = indexid $fn$;

create function hypopg_hide_index(in indexid oid) returns bool
language plpgsql strict volatile cost 100
as $fn$
declare
  hidden jsonb := ${state(HIDDEN)};
begin
  if not exists (select 1 from pg_catalog.pg_index i where i.indexrelid = indexid)
     and not exists (select 1 from pg_catalog.jsonb_array_elements(${state(INDEXES)}) e where (e->>'indexrelid')::oid = indexid) then
    return false;
  end if;
  if not hidden @> pg_catalog.jsonb_build_array(pg_catalog.to_jsonb(indexid)) then
    perform pg_catalog.set_config(${HIDDEN}, (hidden || pg_catalog.jsonb_build_array(pg_catalog.to_jsonb(indexid)))::text, false);
  end if;
  return true;
end
$fn$;

create function hypopg_unhide_index(in indexid oid) returns bool
language plpgsql strict volatile cost 100
as $fn$
declare
  hidden jsonb := ${state(HIDDEN)};
  kept jsonb;
begin
  select coalesce(pg_catalog.jsonb_agg(e), '[]') into kept from pg_catalog.jsonb_array_elements(hidden) e where e <> pg_catalog.to_jsonb(indexid);
  perform pg_catalog.set_config(${HIDDEN}, kept::text, false);
  return pg_catalog.jsonb_array_length(kept) < pg_catalog.jsonb_array_length(hidden);
end
$fn$;

create function hypopg_unhide_all_indexes() returns void
language sql volatile cost 100
as $fn$ select pg_catalog.set_config(${HIDDEN}, '[]', false) $fn$;

create function hypopg_hidden_indexes() returns table (indexid oid)
language sql strict volatile
as $fn$ select pg_catalog.jsonb_array_elements_text(${state(HIDDEN)})::oid $fn$;

create view hypopg_hidden_indexes as
  select h.indexid as indexrelid, i.relname as index_name, n.nspname as schema_name, t.relname as table_name, m.amname as am_name, false as is_hypo
    from hypopg_hidden_indexes() h
    join pg_catalog.pg_index x on x.indexrelid = h.indexid
    join pg_catalog.pg_class i on i.oid = h.indexid
    join pg_catalog.pg_namespace n on n.oid = i.relnamespace
    join pg_catalog.pg_class t on t.oid = x.indrelid
    join pg_catalog.pg_am m on m.oid = i.relam
  union all
  select hl.*, true as is_hypo
    from hypopg_hidden_indexes() hi
    join hypopg_list_indexes hl on hl.indexrelid = hi.indexid
  order by index_name;
`;

export const hypopg: ExtensionEmulation = {
  name: 'hypopg',
  version: '1.4.1',
  comment: 'Hypothetical indexes for PostgreSQL (migration-gate emulation: checked and listed, not planned with)',
  relocatable: true,
  script,
  objects: {
    functions: [
      'hypopg', 'hypopg_create_index', 'hypopg_drop_index', 'hypopg_reset', 'hypopg_reset_index', 'hypopg_relation_size', 'hypopg_get_indexdef',
      'hypopg_hide_index', 'hypopg_unhide_index', 'hypopg_unhide_all_indexes', 'hypopg_hidden_indexes',
    ],
    relations: ['hypopg_list_indexes', 'hypopg_hidden_indexes'],
  },
  source: 'https://github.com/HypoPG/hypopg/blob/REL1_STABLE/hypopg--1.4.0.sql',
};
