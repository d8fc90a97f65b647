/**
 * pgsql-http 1.6 (the `http` extension Supabase ships), emulated in SQL and PL/pgSQL.
 *
 * Its domains and composite types (http_method, content_type, http_header, http_request,
 * http_response) and every function with its real signature, from http--1.6.sql. The request
 * is checked as the C function checks it (a request, a URI and a method are required; content
 * needs a content type; POST and PUT need content) and no network call is made: every request
 * gets the same response, status 200, content type `text/plain`, no headers and empty content,
 * so code that reads a response still runs. Curl options are kept per session like the real
 * ones (`http_set_curlopt` knows the same option names and refuses others) but change nothing.
 * `urlencode` encodes as pgsql-http does (space as `+`, everything but A-Z a-z 0-9 - . _ ~ as %XX).
 */
import type { ExtensionEmulation } from './types';

/** The options http_set_curlopt accepts at run time (pgsql-http's settable_curlopts), and which take integers. */
const CURLOPTS: readonly [string, 'string' | 'long'][] = [
  ['CURLOPT_CAINFO', 'string'], ['CURLOPT_TIMEOUT', 'long'], ['CURLOPT_TIMEOUT_MS', 'long'], ['CURLOPT_CONNECTTIMEOUT', 'long'],
  ['CURLOPT_USERAGENT', 'string'], ['CURLOPT_USERPWD', 'string'], ['CURLOPT_IPRESOLVE', 'long'], ['CURLOPT_SSLCERTTYPE', 'string'],
  ['CURLOPT_PROXY', 'string'], ['CURLOPT_PROXYPORT', 'long'], ['CURLOPT_PROXYUSERNAME', 'string'], ['CURLOPT_PROXYPASSWORD', 'string'],
  ['CURLOPT_TLSAUTH_USERNAME', 'string'], ['CURLOPT_TLSAUTH_PASSWORD', 'string'], ['CURLOPT_TLSAUTH_TYPE', 'string'],
  ['CURLOPT_DNS_SERVERS', 'string'], ['CURLOPT_TCP_KEEPALIVE', 'long'], ['CURLOPT_TCP_KEEPIDLE', 'long'], ['CURLOPT_SSL_VERIFYHOST', 'long'],
  ['CURLOPT_SSL_VERIFYPEER', 'long'], ['CURLOPT_SSLCERT', 'string'], ['CURLOPT_SSLKEY', 'string'], ['CURLOPT_PRE_PROXY', 'string'],
  ['CURLOPT_PROXY_CAINFO', 'string'], ['CURLOPT_PROXY_TLSAUTH_USERNAME', 'string'], ['CURLOPT_PROXY_TLSAUTH_PASSWORD', 'string'],
  ['CURLOPT_PROXY_TLSAUTH_TYPE', 'string'],
];
const sqlArray = (values: readonly string[]) => `'{${values.join(',')}}'::text[]`;
const OPTION_NAMES = sqlArray(CURLOPTS.map(([name]) => name));
const INTEGER_OPTIONS = sqlArray(CURLOPTS.filter(([, kind]) => kind === 'long').map(([name]) => name));

/** Where the session's curl options live: a session setting holding a JSON object, as the C module keeps them per backend. */
const CURLOPT_SETTING = `'http.migration_gate_curlopts'`;

/** pgsql-http's urlencode_cstr over bytes: space as '+', unreserved bytes as they are, the rest %XX; stops at a NUL byte. */
const encodeBytes = (bytes: string) => `(
    select coalesce(pg_catalog.string_agg(
      case when b.byte = 32 then '+'
        when b.byte between 48 and 57 or b.byte between 65 and 90 or b.byte between 97 and 122 or b.byte in (45, 46, 95, 126)
        then pg_catalog.chr(b.byte)
        else '%' || pg_catalog.upper(pg_catalog.lpad(pg_catalog.to_hex(b.byte), 2, '0'))
      end, '' order by b.i), '')
    from (select i, pg_catalog.get_byte(t.bytes, i) as byte
          from (select ${bytes} as bytes) t,
               pg_catalog.generate_series(0, coalesce(nullif(pg_catalog.position(t.bytes, '\\x00'::bytea), 0) - 1, pg_catalog.length(t.bytes)) - 1) i) b
  )`;

/** A one-line SQL wrapper around http() with a fixed method, as http--1.6.sql defines them. */
function shortcut(name: string, args: string, request: string): string {
  return `
create function @extschema@.${name}(${args}) returns @extschema@.http_response language sql as $fn$
  select @extschema@.http(${request}::@extschema@.http_request)
$fn$;`;
}

const SCRIPT = `
-- migration-gate: an emulation of pgsql-http 1.6 for the dry-run (see http.ts).

create domain @extschema@.http_method as text;
create domain @extschema@.content_type as text check (value operator(pg_catalog.~) '^\\S+\\/\\S+');

create type @extschema@.http_header as (field varchar, value varchar);
create type @extschema@.http_response as (status integer, content_type varchar, headers @extschema@.http_header[], content varchar);
create type @extschema@.http_request as (method @extschema@.http_method, uri varchar, headers @extschema@.http_header[], content_type varchar, content varchar);

create function @extschema@.http_set_curlopt(curlopt varchar, value varchar) returns boolean language plpgsql as $fn$
declare
  name text := pg_catalog.upper(curlopt);
  options jsonb := coalesce(nullif(pg_catalog.current_setting(${CURLOPT_SETTING}, true), ''), '{}')::jsonb;
begin
  if curlopt is null or value is null then
    return false;
  end if;
  if name <> all (${OPTION_NAMES}) then
    raise exception 'curl option ''%'' is not available for run-time configuration', curlopt;
  end if;
  if name = any (${INTEGER_OPTIONS}) and value !~ '^\\s*[+-]?[0-9]+$' then
    raise exception 'invalid integer provided for ''%''', name;
  end if;
  perform pg_catalog.set_config(${CURLOPT_SETTING}, (options || pg_catalog.jsonb_build_object(name, value))::text, false);
  return true;
end
$fn$;

create function @extschema@.http_reset_curlopt() returns boolean language plpgsql as $fn$
begin
  perform pg_catalog.set_config(${CURLOPT_SETTING}, '{}', false);
  return true;
end
$fn$;

create function @extschema@.http_list_curlopt() returns table (curlopt text, value text) language sql as $fn$
  select o.name, s.options ->> o.name
  from pg_catalog.unnest(${OPTION_NAMES}) with ordinality as o(name, ord),
       (select coalesce(nullif(pg_catalog.current_setting(${CURLOPT_SETTING}, true), ''), '{}')::jsonb as options) s
  where s.options ? o.name
  order by o.ord
$fn$;

create function @extschema@.http_header(field varchar, value varchar) returns @extschema@.http_header language sql as $fn$
  select $1, $2
$fn$;

create function @extschema@.http(request @extschema@.http_request) returns @extschema@.http_response language plpgsql as $fn$
declare
  method text := pg_catalog.upper(request.method);
begin
  if request is null then
    raise exception 'An http_request must be provided';
  end if;
  if request.uri is null then
    raise exception 'http_request.uri is NULL';
  end if;
  if request.method is null then
    raise exception 'http_request.method is NULL';
  end if;
  if request.content is not null and request.content_type is null then
    raise exception 'http_request.content_type is NULL';
  end if;
  if request.content is null and method in ('PUT', 'POST') then
    raise exception 'http_request.content is NULL';
  end if;
  -- No request is made: the dry-run has no network (see http.ts for the response every call gets).
  return (200, 'text/plain', array[]::@extschema@.http_header[], '')::@extschema@.http_response;
end
$fn$;
${shortcut('http_get', 'uri varchar', "('GET', $1, null, null, null)")}
${shortcut('http_post', 'uri varchar, content varchar, content_type varchar', "('POST', $1, null, $3, $2)")}
${shortcut('http_put', 'uri varchar, content varchar, content_type varchar', "('PUT', $1, null, $3, $2)")}
${shortcut('http_patch', 'uri varchar, content varchar, content_type varchar', "('PATCH', $1, null, $3, $2)")}
${shortcut('http_delete', 'uri varchar', "('DELETE', $1, null, null, null)")}
${shortcut('http_delete', 'uri varchar, content varchar, content_type varchar', "('DELETE', $1, null, $3, $2)")}
${shortcut('http_head', 'uri varchar', "('HEAD', $1, null, null, null)")}

create function @extschema@.urlencode(string varchar) returns text language sql immutable strict as $fn$
  select ${encodeBytes('pg_catalog.convert_to(string, \'UTF8\')')}
$fn$;

create function @extschema@.urlencode(string bytea) returns text language sql immutable strict as $fn$
  select ${encodeBytes('string')}
$fn$;

create function @extschema@.urlencode(data jsonb) returns text language plpgsql immutable strict as $fn$
begin
  if pg_catalog.jsonb_typeof(data) <> 'object' then
    raise exception using errcode = '22023', message = 'cannot call urlencode_jsonb on a non-object';
  end if;
  return (
    select pg_catalog.string_agg(@extschema@.urlencode(e.key::varchar) || '=' || @extschema@.urlencode(
      case pg_catalog.jsonb_typeof(e.value)
        when 'number' then pg_catalog.trim_scale((e.value #>> '{}')::numeric)::text
        when 'null' then ''
        else e.value #>> '{}'
      end::varchar), '&' order by e.ord)
    from pg_catalog.jsonb_each(data) with ordinality as e(key, value, ord)
    where e.key <> '' and pg_catalog.jsonb_typeof(e.value) not in ('object', 'array')
  );
end
$fn$;
${shortcut('http_get', 'uri varchar, data jsonb', "('GET', $1 || '?' || @extschema@.urlencode($2), null, null, null)")}
${shortcut('http_post', 'uri varchar, data jsonb', "('POST', $1, null, 'application/x-www-form-urlencoded', @extschema@.urlencode($2))")}

create function @extschema@.text_to_bytea(data text) returns bytea language sql immutable strict as $fn$
  select pg_catalog.convert_to(data, pg_catalog.getdatabaseencoding())
$fn$;

create function @extschema@.bytea_to_text(data bytea) returns text language sql immutable strict as $fn$
  select pg_catalog.convert_from(data, pg_catalog.getdatabaseencoding())
$fn$;
`;

export const HTTP_EMULATION: ExtensionEmulation = {
  name: 'http',
  version: '1.6',
  comment: 'migration-gate emulation of pgsql-http 1.6 (no request is made; every call gets an empty 200 response)',
  relocatable: false,
  behaviour: 'its types and functions; requests are checked, but none is sent: every call gets an empty 200 response',
  script: SCRIPT,
  objects: {
    types: ['http_request', 'http_response', 'http_header'],
    functions: ['http', 'http_get', 'http_post', 'http_put', 'http_patch', 'http_delete', 'http_head', 'http_header', 'urlencode', 'http_set_curlopt', 'http_reset_curlopt', 'http_list_curlopt'],
  },
  source: 'https://github.com/pramsey/pgsql-http/blob/v1.6.1/http--1.6.sql',
};
