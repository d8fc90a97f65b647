/**
 * pgjwt 0.2.0 (github.com/michelp/pgjwt, pgjwt--0.1.1--0.2.0.sql; Supabase pre-installed it in
 * `extensions` until it was deprecated, so dumped history still creates it): `url_encode`,
 * `url_decode`, `algorithm_sign`, `sign`, `try_cast_double`, `verify` with their real signatures,
 * all IMMUTABLE. Behaviour is real: HS256/384/512 tokens signed and verified with pgcrypto's hmac,
 * which the extension requires, as the real one does.
 */
import type { ExtensionEmulation } from './types';

const script = `
create function @extschema@.url_encode(data bytea) returns text
language sql immutable
as $fn$ select pg_catalog.translate(pg_catalog.encode(data, 'base64'), E'+/=\\n', '-_') $fn$;

create function @extschema@.url_decode(data text) returns bytea
language sql immutable
as $fn$
  with t as (select pg_catalog.translate(data, '-_', '+/') as trans),
       rem as (select pg_catalog.length(t.trans) % 4 as remainder from t)
  select pg_catalog.decode(t.trans || case when rem.remainder > 0 then pg_catalog.repeat('=', (4 - rem.remainder)) else '' end, 'base64')
    from t, rem
$fn$;

-- pgcrypto's hmac, found on the path CREATE EXTENSION sets (the target schema and those of the
-- required extensions), kept for calls by SET ... FROM CURRENT (@extschema:pgcrypto@ is PostgreSQL 16+).
create function @extschema@.algorithm_sign(signables text, secret text, algorithm text) returns text
language sql immutable
set search_path from current
as $fn$
  with alg as (
    select case when algorithm = 'HS256' then 'sha256' when algorithm = 'HS384' then 'sha384' when algorithm = 'HS512' then 'sha512' else '' end as id
  )
  select @extschema@.url_encode(hmac(signables, secret, alg.id)) from alg
$fn$;

create function @extschema@.sign(payload json, secret text, algorithm text default 'HS256') returns text
language sql immutable
as $fn$
  with header as (
    select @extschema@.url_encode(pg_catalog.convert_to('{"alg":"' || algorithm || '","typ":"JWT"}', 'utf8')) as data
  ),
  payload as (
    select @extschema@.url_encode(pg_catalog.convert_to(payload::text, 'utf8')) as data
  ),
  signables as (
    select header.data || '.' || payload.data as data from header, payload
  )
  select signables.data || '.' || @extschema@.algorithm_sign(signables.data, secret, algorithm) from signables
$fn$;

create function @extschema@.try_cast_double(inp text) returns double precision
language plpgsql immutable
as $fn$
begin
  begin
    return inp::double precision;
  exception when others then
    return null;
  end;
end
$fn$;

create function @extschema@.verify(token text, secret text, algorithm text default 'HS256')
returns table(header json, payload json, valid boolean)
language sql immutable
as $fn$
  select
    jwt.header as header,
    jwt.payload as payload,
    jwt.signature_ok and pg_catalog.tstzrange(
      pg_catalog.to_timestamp(@extschema@.try_cast_double(jwt.payload->>'nbf')),
      pg_catalog.to_timestamp(@extschema@.try_cast_double(jwt.payload->>'exp'))
    ) operator(pg_catalog.@>) pg_catalog.now() as valid
  from (
    select
      pg_catalog.convert_from(@extschema@.url_decode(r[1]), 'utf8')::json as header,
      pg_catalog.convert_from(@extschema@.url_decode(r[2]), 'utf8')::json as payload,
      r[3] = @extschema@.algorithm_sign(r[1] || '.' || r[2], secret, algorithm) as signature_ok
    from pg_catalog.regexp_split_to_array(token, '\\.') r
  ) jwt
$fn$;
`;

export const pgjwt: ExtensionEmulation = {
  name: 'pgjwt',
  version: '0.2.0',
  comment: 'JSON Web Token API for Postgresql (migration-gate emulation)',
  relocatable: false,
  requires: ['pgcrypto'],
  behaviour: 'tokens are signed and verified for real with pgcrypto',
  script,
  objects: { functions: ['url_encode', 'url_decode', 'algorithm_sign', 'try_cast_double', 'sign', 'verify'] },
  source: 'https://github.com/michelp/pgjwt/blob/master/pgjwt--0.1.1--0.2.0.sql',
};
