/**
 * pg_graphql 1.5.11 (github.com/supabase/pg_graphql: sql/*.sql and src/lib.rs): the `graphql`
 * schema fixed by its control file, `graphql.resolve` and `graphql._internal_resolve` with their
 * real signatures, `comment_directive`, `exception`, the schema-version sequence and functions.
 *
 * Behaviour: `@graphql(...)` comment directives are plain comments to PostgreSQL and stay so;
 * `comment_directive` parses them as the real one does. Queries are not resolved: `resolve`
 * answers with the shape of a GraphQL error response, `{"data": null, "errors": [{"message"}]}`.
 * The real extension's event triggers (which bump the schema version on every DDL) are left out:
 * they would run on every statement of the replay and change nothing a migration can see.
 * The platform's `graphql_public.graphql` wrapper belongs to the Supabase baseline.
 */
import type { ExtensionEmulation } from './types';

const script = `
create sequence @extschema@.seq_schema_version as int cycle;

create function @extschema@.increment_schema_version() returns event_trigger
language plpgsql
as $fn$
begin
  perform pg_catalog.nextval('@extschema@.seq_schema_version');
end;
$fn$;

create function @extschema@.get_schema_version() returns int
language sql
as $fn$ select last_value from @extschema@.seq_schema_version $fn$;

create function @extschema@.comment_directive(comment_ text) returns jsonb
language sql immutable
as $fn$
  select coalesce((pg_catalog.regexp_match(comment_, '@graphql\\((.+)\\)'))[1]::jsonb, pg_catalog.jsonb_build_object())
$fn$;

create function @extschema@.exception(message text) returns text
language plpgsql
as $fn$
begin
  raise exception using errcode = '22000', message = message;
end;
$fn$;

create function @extschema@._internal_resolve("query" text, "variables" jsonb default '{}', "operationName" text default null, "extensions" jsonb default null) returns jsonb
language sql
as $fn$
  select pg_catalog.jsonb_build_object(
    'data', null,
    'errors', pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object('message', 'pg_graphql is emulated in the migration-gate dry-run: queries are not resolved')))
$fn$;

create function @extschema@.resolve("query" text, "variables" jsonb default '{}', "operationName" text default null, "extensions" jsonb default null) returns jsonb
language plpgsql
as $fn$
declare
  res jsonb;
  message_text text;
begin
  begin
    select @extschema@._internal_resolve("query" := "query", "variables" := "variables", "operationName" := "operationName", "extensions" := "extensions") into res;
    return res;
  exception when others then
    get stacked diagnostics message_text = message_text;
    return pg_catalog.jsonb_build_object('data', null, 'errors', pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object('message', message_text)));
  end;
end;
$fn$;
`;

export const pgGraphql: ExtensionEmulation = {
  name: 'pg_graphql',
  version: '1.5.11',
  comment: 'pg_graphql: GraphQL support (migration-gate emulation: queries are not resolved)',
  relocatable: false,
  schema: 'graphql',
  script,
  objects: {
    schemas: ['graphql'],
  },
  source: 'https://github.com/supabase/pg_graphql/tree/master/sql',
};
