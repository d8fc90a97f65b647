/**
 * index_advisor 0.2.0 (github.com/supabase/index_advisor, index_advisor--0.2.0.sql): the
 * `index_advisor(query text)` table function with its real result columns; it requires hypopg.
 *
 * Behaviour: the query is cleaned as the real one cleans it (comments, a trailing semicolon; more
 * than one statement is refused), prepared and explained with a generic plan, so a query that
 * does not parse or names unknown objects comes back in `errors` as from the real function.
 * It proposes no index: the costs after are the costs before and `index_statements` is empty.
 */
import type { ExtensionEmulation } from './types';

const script = `
create function index_advisor(query text)
returns table (startup_cost_before jsonb, startup_cost_after jsonb, total_cost_before jsonb, total_cost_after jsonb, index_statements text[], errors text[])
volatile
language plpgsql
as $fn$
declare
  statement_name text := 'index_advisor_working_statement';
  n_args int;
  plan jsonb;
begin
  query := pg_catalog.btrim(pg_catalog.regexp_replace(pg_catalog.regexp_replace(pg_catalog.regexp_replace(query, '\\/\\*.+\\*\\/', '', 'g'), '--[^\\r\\n]*', ' ', 'g'), '\\s+', ' ', 'g'));
  query := pg_catalog.regexp_replace(query, ';\\s*$', '');
  begin
    if pg_catalog.strpos(query, ';') > 0 then
      raise exception 'Query must not contain a semicolon';
    end if;
    execute pg_catalog.format('prepare %I as %s', statement_name, query);
    select coalesce(pg_catalog.array_length(p.parameter_types, 1), 0) into n_args from pg_catalog.pg_prepared_statements p where p.name = statement_name;
    set local plan_cache_mode = force_generic_plan;
    execute pg_catalog.format('explain (format json) execute %I%s', statement_name,
      case when n_args = 0 then '' else pg_catalog.format('(%s)', pg_catalog.array_to_string(pg_catalog.array_fill('null'::text, array[n_args]), ',')) end)
      into plan;
    execute pg_catalog.format('deallocate %I', statement_name);
    return query select plan->0->'Plan'->'Startup Cost', plan->0->'Plan'->'Startup Cost', plan->0->'Plan'->'Total Cost', plan->0->'Plan'->'Total Cost', '{}'::text[], '{}'::text[];
  exception when others then
    return query select null::jsonb, null::jsonb, null::jsonb, null::jsonb, '{}'::text[], array[sqlerrm];
  end;
end
$fn$;
`;

export const indexAdvisor: ExtensionEmulation = {
  name: 'index_advisor',
  version: '0.2.0',
  comment: 'Query index advisor (migration-gate emulation: explains, proposes no index)',
  relocatable: true,
  requires: ['hypopg'],
  script,
  objects: {
    functions: ['index_advisor'],
  },
  source: 'https://github.com/supabase/index_advisor/blob/main/index_advisor--0.2.0.sql',
};
