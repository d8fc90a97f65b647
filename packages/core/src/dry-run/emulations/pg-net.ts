/**
 * pg_net 0.19.5 (Supabase's asynchronous HTTP client), emulated in SQL and PL/pgSQL.
 *
 * `net.http_get`, `net.http_post` and `net.http_delete` have pg_net's signatures and defaults
 * and do what pg_net does inside the caller's transaction: check the arguments (a URL curl
 * would refuse, a POST whose Content-Type is not JSON), URL-encode the params onto the URL,
 * queue the request in `net.http_request_queue` and return its id. Nothing is ever sent: there
 * is no background worker, so `net._http_response` stays empty and a request never gets a
 * response (`net._await_response` says so instead of waiting forever, which is what pg_net
 * does for a request its own, still uncommitted transaction queued).
 *
 * Privileges are pg_net's (usage on schema net, and all rights on its tables and sequences, for
 * PUBLIC). Supabase narrows EXECUTE on http_get/http_post to postgres, anon, authenticated,
 * service_role and supabase_functions_admin and makes them SECURITY DEFINER; the emulation
 * leaves EXECUTE with PUBLIC, which includes those roles, and creates no SECURITY DEFINER
 * function.
 */
import type { ExtensionEmulation } from './types';

/** Schemes curl knows (curl_url_set refuses the others with "Unsupported URL scheme"). */
const CURL_SCHEMES = ['dict', 'file', 'ftp', 'ftps', 'gopher', 'gophers', 'http', 'https', 'imap', 'imaps', 'ldap', 'ldaps', 'mqtt', 'pop3', 'pop3s', 'rtmp', 'rtsp', 'scp', 'sftp', 'smb', 'smbs', 'smtp', 'smtps', 'telnet', 'tftp', 'ws', 'wss'];

/** The params → query-string part shared by the three request functions. */
const ENCODED_URL = `net._encode_url_with_params_array(
    url,
    (select coalesce(pg_catalog.array_agg(net._urlencode_string(p.key) || '=' || net._urlencode_string(p.value)), '{}')
     from pg_catalog.jsonb_each_text(params) p)
  )`;

const SCRIPT = `
-- migration-gate: an emulation of pg_net 0.19.5 for the dry-run (see pg-net.ts).

create schema if not exists net;

create domain net.http_method as text check (
  value operator(pg_catalog.~~*) 'get' or value operator(pg_catalog.~~*) 'post' or value operator(pg_catalog.~~*) 'delete'
);

create unlogged table net.http_request_queue (
  id bigserial,
  method net.http_method not null,
  url text not null,
  headers jsonb,
  body bytea,
  timeout_milliseconds int not null
);

create unlogged table net._http_response (
  id bigint,
  status_code integer,
  content_type text,
  headers jsonb,
  content text,
  timed_out bool,
  error_msg text,
  created timestamp with time zone not null default pg_catalog.now()
);
create index on net._http_response (created);

create type net.request_status as enum ('PENDING', 'SUCCESS', 'ERROR');
create type net.http_response as (status_code integer, headers jsonb, body text);
create type net.http_response_result as (status net.request_status, message text, response net.http_response);

create function net.check_worker_is_up() returns void language plpgsql as $fn$
begin
  return; -- the emulated worker is always "up": it just never sends anything
end
$fn$;
comment on function net.check_worker_is_up() is 'raises an exception if the pg_net background worker is not up, otherwise it doesn''t return anything';

create function net.worker_restart() returns bool language plpgsql as $fn$
begin
  return true;
end
$fn$;

create function net.wait_until_running() returns void language plpgsql as $fn$
begin
  return;
end
$fn$;
comment on function net.wait_until_running() is 'waits until the worker is running';

create function net.wake() returns void language plpgsql as $fn$
begin
  return;
end
$fn$;

-- curl_easy_escape: every byte but A-Z a-z 0-9 - . _ ~ as %XX.
create function net._urlencode_string(string varchar) returns text language sql immutable as $fn$
  select case when string is null then null else (
    select coalesce(pg_catalog.string_agg(
      case when b.byte between 48 and 57 or b.byte between 65 and 90 or b.byte between 97 and 122 or b.byte in (45, 46, 95, 126)
        then pg_catalog.chr(b.byte)
        else '%' || pg_catalog.upper(pg_catalog.lpad(pg_catalog.to_hex(b.byte), 2, '0'))
      end, '' order by b.i), '')
    from (select i, pg_catalog.get_byte(t.bytes, i) as byte
          from (select pg_catalog.convert_to(string, 'UTF8') as bytes) t,
               pg_catalog.generate_series(0, pg_catalog.length(t.bytes) - 1) i) b
  ) end
$fn$;

-- curl_url_set / CURLU_APPENDQUERY / curl_url_get: checks the URL as curl does and appends the params.
create function net._encode_url_with_params_array(url text, params_array text[]) returns text language plpgsql immutable as $fn$
declare
  scheme text;
  rest text;
  fragment text := '';
  param text;
begin
  if url is null or params_array is null then
    return null;
  end if;
  if url ~ '[\\x01-\\x20\\x7f]' or url = '' then
    raise exception 'invalid URL "%": Malformed input to a URL function', url;
  end if;
  scheme := pg_catalog.substring(url, '^([A-Za-z][A-Za-z0-9+.-]*):');
  if scheme is null then
    raise exception 'invalid URL "%": Bad scheme', url;
  end if;
  if pg_catalog.lower(scheme) <> all ('{${CURL_SCHEMES.join(',')}}'::text[]) then
    raise exception 'invalid URL "%": Unsupported URL scheme', url;
  end if;
  rest := pg_catalog.substr(url, pg_catalog.length(scheme) + 2);
  if pg_catalog.lower(scheme) <> 'file' and pg_catalog.substring(rest, '^/*([^/?#]*)') = '' then
    raise exception 'invalid URL "%": No host part in the URL', url;
  end if;
  if pg_catalog.strpos(rest, '#') > 0 then
    fragment := pg_catalog.substr(rest, pg_catalog.strpos(rest, '#'));
    rest := pg_catalog.substr(rest, 1, pg_catalog.strpos(rest, '#') - 1);
  end if;
  if rest ~ '^//[^/?]*$' then
    rest := rest || '/'; -- curl gives an empty path a "/"
  elsif rest ~ '^//[^/?]*\\?' then
    rest := pg_catalog.regexp_replace(rest, '^(//[^/?]*)', '\\1/');
  end if;
  foreach param in array params_array loop
    continue when param is null;
    rest := rest || case when pg_catalog.strpos(rest, '?') > 0 then '&' else '?' end || param;
  end loop;
  return pg_catalog.lower(scheme) || ':' || rest || fragment;
end
$fn$;

create function net.http_get(
  url text,
  params jsonb default '{}'::jsonb,
  headers jsonb default '{}'::jsonb,
  timeout_milliseconds int default 5000
) returns bigint language plpgsql as $fn$
declare
  request_id bigint;
begin
  insert into net.http_request_queue (method, url, headers, timeout_milliseconds)
  values ('GET', ${ENCODED_URL}, headers, timeout_milliseconds)
  returning id into request_id;
  perform net.wake();
  return request_id;
end
$fn$;

create function net.http_post(
  url text,
  body jsonb default '{}'::jsonb,
  params jsonb default '{}'::jsonb,
  headers jsonb default '{"Content-Type": "application/json"}'::jsonb,
  timeout_milliseconds int default 5000
) returns bigint language plpgsql as $fn$
declare
  request_id bigint;
  content_type text;
begin
  select h.value into content_type
  from pg_catalog.jsonb_each_text(coalesce(headers, '{}'::jsonb)) h
  where pg_catalog.lower(h.key) = 'content-type'
  limit 1;
  if content_type is null then
    headers := headers || '{"Content-Type": "application/json"}'::jsonb;
  elsif content_type <> 'application/json' then
    raise exception 'Content-Type header must be "application/json"';
  end if;
  insert into net.http_request_queue (method, url, headers, body, timeout_milliseconds)
  values ('POST', ${ENCODED_URL}, headers, pg_catalog.convert_to(body::text, 'UTF8'), timeout_milliseconds)
  returning id into request_id;
  perform net.wake();
  return request_id;
end
$fn$;

create function net.http_delete(
  url text,
  params jsonb default '{}'::jsonb,
  headers jsonb default '{}'::jsonb,
  timeout_milliseconds int default 5000,
  body jsonb default null
) returns bigint language plpgsql as $fn$
declare
  request_id bigint;
begin
  insert into net.http_request_queue (method, url, headers, body, timeout_milliseconds)
  values ('DELETE', ${ENCODED_URL}, headers, pg_catalog.convert_to(body::text, 'UTF8'), timeout_milliseconds)
  returning id into request_id;
  perform net.wake();
  return request_id;
end
$fn$;

create function net._await_response(request_id bigint) returns bool language plpgsql as $fn$
begin
  if exists (select 1 from net._http_response r where r.id = request_id) then
    return true;
  end if;
  raise exception 'pg_net request % never gets a response in the dry-run', request_id
    using hint = 'The dry-run''s pg_net emulation queues requests but sends none. On a real database a request queued by the same, still uncommitted transaction is not sent either, so waiting for it blocks until a timeout.';
end
$fn$;

create function net._http_collect_response(request_id bigint, async bool default true)
returns net.http_response_result language plpgsql as $fn$
declare
  response net._http_response;
begin
  if not async then
    perform net._await_response(request_id);
  end if;
  select * into response from net._http_response r where r.id = request_id;
  if response is null or response.error_msg is not null then
    return ('ERROR', coalesce(response.error_msg, 'request matching request_id not found'), null)::net.http_response_result;
  end if;
  return ('SUCCESS', 'ok', (response.status_code, response.headers, response.content)::net.http_response)::net.http_response_result;
end
$fn$;

-- Deprecated in pg_net, and broken there in the same way: its result has no destination.
create function net.http_collect_response(request_id bigint, async bool default true)
returns net.http_response_result language plpgsql as $fn$
begin
  raise notice 'The net.http_collect_response function is deprecated.';
  select net._http_collect_response(request_id, async);
end
$fn$;

grant usage on schema net to public;
grant all on all sequences in schema net to public;
grant all on all tables in schema net to public;
`;

export const PG_NET_EMULATION: ExtensionEmulation = {
  name: 'pg_net',
  version: '0.19.5',
  comment: 'migration-gate emulation of pg_net 0.19.5 (requests are queued, never sent)',
  relocatable: false,
  behaviour: 'its tables, types and functions; requests are checked and queued, but none is sent and no response arrives',
  script: SCRIPT,
  objects: { schemas: ['net'] },
  source: 'https://github.com/supabase/pg_net/blob/v0.19.5/sql/pg_net.sql',
};
