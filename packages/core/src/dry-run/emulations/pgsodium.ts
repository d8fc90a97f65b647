/**
 * pgsodium 3.1.8 (github.com/michelp/pgsodium: the install script and its updates to 3.1.8, whose
 * final object list is test/pgsodium_schema.sql): the `pgsodium` schema fixed by its control file,
 * its roles, types, the key table with `valid_key` / `decrypted_key` / `masking_rule` /
 * `mask_columns`, `create_key`, `get_key_by_id` / `get_key_by_name` / `get_named_keys`, and the
 * crypto functions with their real names, argument names, defaults and return types.
 *
 * Behaviour: SHA-256/512 and the HMACs are the real algorithms. Everything libsodium does with
 * keys is a stand-in with the right shapes that agrees with itself: what `crypto_aead_det_encrypt`
 * (or secretbox, box, sign, ...) produces, its counterpart opens or verifies, and tampered data or
 * other additional data is refused as the real one refuses it; it is not encryption. Keys derive
 * from SHA-256 of the key id and context, not from a server secret.
 *
 * Transparent column encryption: `security label for pgsodium ...` needs the real extension's
 * label provider. The rewrite below checks the statement as pgsodium's provider would (the
 * object exists, the label starts with ENCRYPT WITH / DECRYPT WITH VIEW / ACCESS) and replays it
 * as that check; the label itself is not stored, so no `decrypted_<table>` view or encrypting
 * trigger is generated, and the mask event trigger is left out.
 *
 * Privileges: the real key functions are SECURITY DEFINER; here they run as the caller, and the
 * roles that may use keys (pgsodium_keyiduser < keyholder < keymaker, granted to the role that
 * creates the extension with admin option, as Supabase grants them to `postgres`) read the key
 * table directly.
 */
import type { Statement } from '../../model';
import type { ExtensionEmulation, StatementRewrite } from './types';

const S = '@extschema@';

/** Helpers of the emulation (not in the real extension): stand-in bytes, keys, sealing. */
const helpers = `
create function ${S}._stand_in(size integer, seed bytea) returns bytea
language sql immutable
as $fn$
  select pg_catalog.substr(pg_catalog.string_agg(pg_catalog.sha256(seed || pg_catalog.int4send(i)), ''::bytea order by i), 1, size)
    from pg_catalog.generate_series(0, greatest(size - 1, 0) / 32) as i
$fn$;

create function ${S}._random(size integer) returns bytea
language sql volatile
as $fn$ select ${S}._stand_in(size, pg_catalog.uuid_send(pg_catalog.gen_random_uuid()) || pg_catalog.uuid_send(pg_catalog.gen_random_uuid())) $fn$;

create function ${S}._xor(message bytea, stream bytea) returns bytea
language plpgsql immutable
as $fn$
declare
  result bytea := message;
begin
  for i in 0 .. pg_catalog.length(message) - 1 loop
    result := pg_catalog.set_byte(result, i, pg_catalog.get_byte(message, i) # pg_catalog.get_byte(stream, i % pg_catalog.length(stream)));
  end loop;
  return result;
end
$fn$;

create function ${S}._hmac(message bytea, secret bytea, algorithm text) returns bytea
language plpgsql immutable
as $fn$
declare
  block_size int := case algorithm when 'sha512' then 128 else 64 end;
  k bytea := secret;
begin
  if message is null or secret is null then
    return null;
  end if;
  if pg_catalog.length(k) > block_size then
    k := case algorithm when 'sha512' then pg_catalog.sha512(k) else pg_catalog.sha256(k) end;
  end if;
  k := k || pg_catalog.decode(pg_catalog.repeat('00', block_size - pg_catalog.length(k)), 'hex');
  if algorithm = 'sha512' then
    return pg_catalog.sha512(${S}._xor(k, '\\x5c') || pg_catalog.sha512(${S}._xor(k, '\\x36') || message));
  end if;
  return pg_catalog.sha256(${S}._xor(k, '\\x5c') || pg_catalog.sha256(${S}._xor(k, '\\x36') || message));
end
$fn$;

create function ${S}._derived(key_id bigint, context bytea, size integer = 32) returns bytea
language sql immutable
as $fn$ select ${S}._stand_in(size, 'pgsodium-root' || coalesce(context, 'pgsodium'::bytea) || pg_catalog.int8send(key_id)) $fn$;

create function ${S}._key_of(key_uuid uuid) returns bytea
language plpgsql stable
as $fn$
declare
  k record;
begin
  select * into k from ${S}.key where id = key_uuid and status in ('valid', 'default') and (expires is null or expires > pg_catalog.now());
  if not found then
    raise exception 'pgsodium: key % not found or not valid', key_uuid using errcode = '22000';
  end if;
  if k.raw_key is not null then
    return ${S}._open(k.raw_key, ${S}._key_of(k.parent_key), pg_catalog.convert_to(k.id::text, 'utf8'), k.raw_key_nonce, 'pgsodium');
  end if;
  return ${S}._derived(k.key_id, k.key_context);
end
$fn$;

-- message || 16-byte tag over key, additional data and nonce: opens only with the same inputs.
create function ${S}._seal(message bytea, secret bytea, additional bytea, nonce bytea) returns bytea
language sql immutable
as $fn$ select message || pg_catalog.substr(${S}._hmac(coalesce(additional, ''::bytea) || coalesce(nonce, ''::bytea) || message, secret, 'sha256'), 1, 16) $fn$;

create function ${S}._open(ciphertext bytea, secret bytea, additional bytea, nonce bytea, caller text) returns bytea
language plpgsql immutable
as $fn$
declare
  body bytea;
begin
  if ciphertext is null then
    return null;
  end if;
  if pg_catalog.length(ciphertext) < 16 then
    raise exception '%: invalid message', caller using errcode = '22000';
  end if;
  body := pg_catalog.substr(ciphertext, 1, pg_catalog.length(ciphertext) - 16);
  if ${S}._seal(body, secret, additional, nonce) <> ciphertext then
    raise exception '%: invalid ciphertext', caller using errcode = '22000';
  end if;
  return body;
end
$fn$;

-- Stand-in public keys derive from secret keys, so what one side seals the other side opens.
create function ${S}._public_of(secret bytea) returns bytea
language sql immutable
as $fn$ select ${S}._stand_in(32, 'public' || secret) $fn$;

create function ${S}._shared(public_key bytea, secret bytea) returns bytea
language sql immutable
as $fn$
  select ${S}._stand_in(32, least(public_key, ${S}._public_of(secret)) || greatest(public_key, ${S}._public_of(secret)))
$fn$;
`;

const objects = `
create role pgsodium_keyiduser with nologin;
create role pgsodium_keyholder with nologin;
create role pgsodium_keymaker with nologin;
grant pgsodium_keyiduser to pgsodium_keyholder;
grant pgsodium_keyholder to pgsodium_keymaker;
grant pgsodium_keyiduser to pgsodium_keymaker;

create schema pgsodium_masks;

create type ${S}.crypto_box_keypair as (public bytea, secret bytea);
create type ${S}.crypto_sign_keypair as (public bytea, secret bytea);
create type ${S}.crypto_kx_keypair as (public bytea, secret bytea);
create type ${S}.crypto_kx_session as (rx bytea, tx bytea);
create type ${S}.crypto_signcrypt_state_key as (state bytea, shared_key bytea);
create type ${S}.crypto_signcrypt_keypair as (public bytea, secret bytea);
create type ${S}.key_status as enum ('default', 'valid', 'invalid', 'expired');
create type ${S}.key_type as enum ('aead-ietf', 'aead-det', 'hmacsha512', 'hmacsha256', 'auth', 'shorthash', 'generichash', 'kdf', 'secretbox', 'secretstream', 'stream_xchacha20');
create type ${S}._key_id_context as (key_id bigint, key_context bytea);

create table ${S}.key (
  id uuid primary key default pg_catalog.gen_random_uuid(),
  status ${S}.key_status default 'valid',
  created timestamptz not null default current_timestamp,
  expires timestamptz,
  key_type ${S}.key_type,
  key_id bigserial,
  key_context bytea default 'pgsodium' check (pg_catalog.length(key_context) = 8),
  name text constraint pgsodium_key_unique_name unique,
  associated_data text default 'associated',
  raw_key bytea,
  raw_key_nonce bytea,
  parent_key uuid references ${S}.key (id),
  comment text,
  user_data text,
  constraint pgsodium_raw check (case when raw_key is not null then key_id is null and key_context is null and parent_key is not null
                                      else key_id is not null and key_context is not null and parent_key is null end)
);
alter table ${S}.key alter column key_id drop not null;
create index key_status_idx on ${S}.key (status) where status in ('valid', 'default');
create unique index key_status_idx1 on ${S}.key (status) where status = 'default';
create unique index key_key_id_key_context_key_type_idx on ${S}.key (key_id, key_context, key_type);
comment on table ${S}.key is 'This table holds metadata for derived keys given a key_id and key_context. The raw key is never stored.';

create view ${S}.valid_key as
  select id, name, status, key_type, key_id, key_context, created, expires, associated_data
    from ${S}.key
   where status in ('valid', 'default')
     and case when expires is null then true else expires > pg_catalog.now() end;

create view ${S}.decrypted_key as
  select k.id, k.status, k.created, k.expires, k.key_type, k.key_id, k.key_context, k.name, k.associated_data, k.raw_key,
         case when k.raw_key is null then null
              else ${S}._open(k.raw_key, ${S}._key_of(k.parent_key), pg_catalog.convert_to(k.id::text, 'utf8'), k.raw_key_nonce, 'pgsodium') end as decrypted_raw_key,
         k.raw_key_nonce, k.parent_key, k.comment
    from ${S}.key k;

-- The real views read pgsodium's security labels; none are stored here, so they list nothing.
create view ${S}.masking_rule as
  select sl.objoid as attrelid, sl.objsubid as attnum, c.relnamespace::regnamespace as relnamespace, c.relname, a.attname,
         pg_catalog.format_type(a.atttypid, a.atttypmod) as format_type, sl.label as col_description,
         (pg_catalog.regexp_match(sl.label, 'encrypt +with +key +column +([\\w\\"\\-$]+)', 'i'))[1] as key_id_column,
         (pg_catalog.regexp_match(sl.label, 'encrypt +with +key +id +([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})', 'i'))[1] as key_id,
         (pg_catalog.regexp_match(sl.label, '(?<=associated) +\\(([\\w\\"\\-$, ]+)\\)', 'i'))[1] as associated_columns,
         (pg_catalog.regexp_match(sl.label, '(?<=nonce) +([\\w\\"\\-$]+)', 'i'))[1] as nonce_column,
         c.relnamespace::regnamespace || '.' || pg_catalog.quote_ident('decrypted_' || c.relname) as view_name,
         100 as priority,
         (pg_catalog.regexp_match(sl.label, '(?<=security invoker)', 'i'))[1] is not null as security_invoker
    from pg_catalog.pg_seclabel sl
    join pg_catalog.pg_class c on sl.classoid = c.tableoid and sl.objoid = c.oid
    join pg_catalog.pg_attribute a on a.attrelid = c.oid and sl.objsubid = a.attnum
   where a.attnum > 0 and not a.attisdropped and sl.label ilike 'ENCRYPT%' and sl.provider = 'pgsodium';

create view ${S}.mask_columns as
  select a.attname, a.attrelid, m.key_id, m.key_id_column, m.associated_columns, m.nonce_column, m.format_type
    from pg_catalog.pg_attribute a
    left join ${S}.masking_rule m on m.attrelid = a.attrelid and m.attname = a.attname
   where a.attnum > 0 and not a.attisdropped
   order by a.attnum;

grant select on ${S}.valid_key to pgsodium_keyiduser;
grant select, insert, update, delete on ${S}.key, ${S}.decrypted_key to pgsodium_keyholder;
grant usage on sequence ${S}.key_key_id_seq to pgsodium_keyholder;
grant usage on schema ${S} to pgsodium_keyiduser;
grant usage on schema pgsodium_masks to pgsodium_keyiduser;
grant pgsodium_keyiduser, pgsodium_keyholder, pgsodium_keymaker to @extowner@ with admin option;
`;

const keyFunctions = `
create function ${S}.version() returns text language sql as $fn$ select '3.1.8' $fn$;

create function ${S}.create_key(
  key_type ${S}.key_type = 'aead-det',
  name text = null,
  raw_key bytea = null,
  raw_key_nonce bytea = null,
  parent_key uuid = null,
  key_context bytea = 'pgsodium',
  expires timestamptz = null,
  associated_data text = ''
) returns ${S}.valid_key
language plpgsql
set search_path = ''
as $fn$
declare
  new_key ${S}.key;
  valid ${S}.valid_key;
begin
  insert into ${S}.key (key_id, key_context, key_type, raw_key, raw_key_nonce, parent_key, name, expires, associated_data)
  values (case when raw_key is null then pg_catalog.nextval('${S}.key_key_id_seq'::regclass) end,
          case when raw_key is null then key_context end,
          key_type, raw_key, raw_key_nonce, parent_key, name, expires, associated_data)
  returning * into new_key;
  select * into valid from ${S}.valid_key where id = new_key.id;
  return valid;
end
$fn$;

create function ${S}.get_key_by_id(uuid) returns ${S}.valid_key language sql set search_path = ''
as $fn$ select * from ${S}.valid_key where id = $1 $fn$;
create function ${S}.get_key_by_name(text) returns ${S}.valid_key language sql set search_path = ''
as $fn$ select * from ${S}.valid_key where name = $1 $fn$;
create function ${S}.get_named_keys(filter text = '%') returns setof ${S}.valid_key language sql set search_path = ''
as $fn$ select * from ${S}.valid_key vk where vk.name ilike filter $fn$;

create function ${S}.derive_key(key_id bigint, key_len integer = 32, context bytea = 'pgsodium') returns bytea language sql volatile
as $fn$ select ${S}._derived(key_id, context, key_len) $fn$;
create function ${S}.pgsodium_derive(key_id bigint, key_len integer = 32, context bytea = pg_catalog.decode('pgsodium', 'escape')) returns bytea language sql volatile
as $fn$ select ${S}._derived(key_id, context, key_len) $fn$;

create function ${S}.has_mask(role regrole, source_name text) returns boolean language sql
as $fn$ select exists (select 1 from pg_catalog.pg_shseclabel where objoid = role and provider = 'pgsodium' and label ilike 'ACCESS%' || source_name || '%') $fn$;
create function ${S}.quote_assoc(text, boolean = false) returns text language sql
as $fn$ select case when $2 then pg_catalog.quote_ident($1) else pg_catalog.quote_literal($1) end $fn$;
create function ${S}.mask_role(masked_role regrole, source_name text, view_name text) returns void language plpgsql set search_path = 'pg_catalog'
as $fn$ begin end $fn$;
create function ${S}.create_mask_view(relid oid, debug boolean = false) returns void language plpgsql set search_path = ''
as $fn$ begin end $fn$;
create function ${S}.create_mask_view(relid oid, subid integer, debug boolean = false) returns void language plpgsql set search_path = ''
as $fn$ begin end $fn$;
create function ${S}.update_mask(target oid, debug boolean = false) returns void language plpgsql set search_path = ''
as $fn$ begin end $fn$;
create function ${S}.update_masks(debug boolean = false) returns void language plpgsql set search_path = ''
as $fn$ begin end $fn$;
create function ${S}.decrypted_columns(relid oid) returns text language plpgsql volatile set search_path = ''
as $fn$ begin return ''; end $fn$;
create function ${S}.encrypted_columns(relid oid) returns text language plpgsql volatile set search_path = ''
as $fn$ begin return ''; end $fn$;
create function ${S}.encrypted_column(relid oid, m record) returns text language plpgsql volatile set search_path = ''
as $fn$ begin return ''; end $fn$;
create function ${S}.mask_columns(source_relid oid) returns table(attname name, key_id text, key_id_column text, associated_column text, nonce_column text, format_type text)
language sql
as $fn$ select attname, key_id, key_id_column, associated_columns, nonce_column, format_type from ${S}.masking_rule where attrelid = source_relid $fn$;
create function ${S}.disable_security_label_trigger() returns void language sql as $fn$ select $fn$;
create function ${S}.enable_security_label_trigger() returns void language sql as $fn$ select $fn$;
create function ${S}.key_encrypt_secret_raw_key() returns trigger language plpgsql as $fn$ begin return new; end $fn$;
create function ${S}.trg_mask_update() returns event_trigger language plpgsql as $fn$ begin end $fn$;
`;

/** An AEAD family: key bytes, key id + context, and key uuid variants, as pgsodium declares them. */
function aead(kind: 'det' | 'ietf'): string {
  const name = `crypto_aead_${kind}`;
  const caller = `pgsodium_${name}_decrypt`;
  if (kind === 'det') {
    return `
create function ${S}.${name}_encrypt(message bytea, additional bytea, key bytea, nonce bytea = null) returns bytea language sql immutable
as $fn$ select ${S}._seal(message, key, additional, nonce) $fn$;
create function ${S}.${name}_decrypt(ciphertext bytea, additional bytea, key bytea, nonce bytea = null) returns bytea language sql immutable
as $fn$ select ${S}._open(ciphertext, key, additional, nonce, '${caller}') $fn$;
create function ${S}.${name}_encrypt(message bytea, additional bytea, key_id bigint, context bytea = 'pgsodium', nonce bytea = null) returns bytea language sql immutable
as $fn$ select ${S}._seal(message, ${S}._derived(key_id, context), additional, nonce) $fn$;
create function ${S}.${name}_decrypt(message bytea, additional bytea, key_id bigint, context bytea = 'pgsodium', nonce bytea = null) returns bytea language sql immutable
as $fn$ select ${S}._open(message, ${S}._derived(key_id, context), additional, nonce, '${caller}_by_id') $fn$;
create function ${S}.${name}_encrypt(message bytea, additional bytea, key_uuid uuid) returns bytea language sql stable set search_path = ''
as $fn$ select ${S}._seal(message, ${S}._key_of(key_uuid), additional, null) $fn$;
create function ${S}.${name}_decrypt(message bytea, additional bytea, key_uuid uuid) returns bytea language sql stable set search_path = ''
as $fn$ select ${S}._open(message, ${S}._key_of(key_uuid), additional, null, '${caller}_by_id') $fn$;
create function ${S}.${name}_encrypt(message bytea, additional bytea, key_uuid uuid, nonce bytea) returns bytea language sql stable set search_path = ''
as $fn$ select ${S}._seal(message, ${S}._key_of(key_uuid), additional, nonce) $fn$;
create function ${S}.${name}_decrypt(message bytea, additional bytea, key_uuid uuid, nonce bytea) returns bytea language sql stable set search_path = ''
as $fn$ select ${S}._open(message, ${S}._key_of(key_uuid), additional, nonce, '${caller}_by_id') $fn$;
create function ${S}.${name}_keygen() returns bytea language sql volatile as $fn$ select ${S}._random(32) $fn$;
create function ${S}.${name}_noncegen() returns bytea language sql volatile as $fn$ select ${S}._random(16) $fn$;
`;
  }
  return `
create function ${S}.${name}_encrypt(message bytea, additional bytea, nonce bytea, key bytea) returns bytea language sql immutable
as $fn$ select ${S}._seal(message, key, additional, nonce) $fn$;
create function ${S}.${name}_decrypt(message bytea, additional bytea, nonce bytea, key bytea) returns bytea language sql immutable
as $fn$ select ${S}._open(message, key, additional, nonce, '${caller}') $fn$;
create function ${S}.${name}_encrypt(message bytea, additional bytea, nonce bytea, key_id bigint, context bytea = 'pgsodium') returns bytea language sql immutable
as $fn$ select ${S}._seal(message, ${S}._derived(key_id, context), additional, nonce) $fn$;
create function ${S}.${name}_decrypt(message bytea, additional bytea, nonce bytea, key_id bigint, context bytea = 'pgsodium') returns bytea language sql immutable
as $fn$ select ${S}._open(message, ${S}._derived(key_id, context), additional, nonce, '${caller}_by_id') $fn$;
create function ${S}.${name}_encrypt(message bytea, additional bytea, nonce bytea, key_uuid uuid) returns bytea language sql stable set search_path = ''
as $fn$ select ${S}._seal(message, ${S}._key_of(key_uuid), additional, nonce) $fn$;
create function ${S}.${name}_decrypt(message bytea, additional bytea, nonce bytea, key_uuid uuid) returns bytea language sql stable set search_path = ''
as $fn$ select ${S}._open(message, ${S}._key_of(key_uuid), additional, nonce, '${caller}_by_id') $fn$;
create function ${S}.${name}_keygen() returns bytea language sql volatile as $fn$ select ${S}._random(32) $fn$;
create function ${S}.${name}_noncegen() returns bytea language sql volatile as $fn$ select ${S}._random(12) $fn$;
`;
}

/** A MAC family: (message, key bytes), (message, key id, context), (message, key uuid), with verify. */
function mac(name: string, keyArg: string, hashArg: string, compute: (message: string, key: string) => string): string {
  return `
create function ${S}.${name}(message bytea, ${keyArg} bytea) returns bytea language sql immutable
as $fn$ select ${compute('message', keyArg)} $fn$;
create function ${S}.${name}(message bytea, key_id bigint, context bytea = 'pgsodium') returns bytea language sql immutable
as $fn$ select ${compute('message', `${S}._derived(key_id, context)`)} $fn$;
create function ${S}.${name}(message bytea, key_uuid uuid) returns bytea language sql stable set search_path = ''
as $fn$ select ${compute('message', `${S}._key_of(key_uuid)`)} $fn$;
create function ${S}.${name}_verify(${hashArg} bytea, message bytea, ${keyArg} bytea) returns boolean language sql immutable
as $fn$ select ${hashArg} = ${compute('message', keyArg)} $fn$;
create function ${S}.${name}_verify(${hashArg} bytea, message bytea, key_id bigint, context bytea = 'pgsodium') returns boolean language sql immutable
as $fn$ select ${hashArg} = ${compute('message', `${S}._derived(key_id, context)`)} $fn$;
create function ${S}.${name}_verify(${hashArg} bytea, message bytea, key_uuid uuid) returns boolean language sql stable set search_path = ''
as $fn$ select ${hashArg} = ${compute('message', `${S}._key_of(key_uuid)`)} $fn$;
create function ${S}.${name}_keygen() returns bytea language sql volatile as $fn$ select ${S}._random(32) $fn$;
`;
}

/** A keyed hash without verify: generichash, shorthash. */
function keyedHash(name: string, size: number, keyDefault: string): string {
  const hash = (key: string) => `${S}._stand_in(${size}, '${name}' || coalesce(${key}, ''::bytea) || message)`;
  return `
create function ${S}.${name}(message bytea, key bytea${keyDefault}) returns bytea language sql immutable
as $fn$ select ${hash('key')} $fn$;
create function ${S}.${name}(message bytea, key bigint, context bytea = 'pgsodium') returns bytea language sql immutable
as $fn$ select ${hash(`${S}._derived(key, context)`)} $fn$;
create function ${S}.${name}(message bytea, key_uuid uuid) returns bytea language sql stable set search_path = ''
as $fn$ select ${hash(`${S}._key_of(key_uuid)`)} $fn$;
create function ${S}.${name}_keygen() returns bytea language sql volatile as $fn$ select ${S}._random(${size === 8 ? 16 : 32}) $fn$;
`;
}

const cryptoFunctions = `
${aead('det')}
${aead('ietf')}
${mac('crypto_auth', 'key', 'mac', (m, k) => `pg_catalog.substr(${S}._hmac(${m}, ${k}, 'sha512'), 1, 32)`)}
${mac('crypto_auth_hmacsha256', 'secret', 'hash', (m, k) => `${S}._hmac(${m}, ${k}, 'sha256')`)}
${mac('crypto_auth_hmacsha512', 'secret', 'hash', (m, k) => `${S}._hmac(${m}, ${k}, 'sha512')`)}
${keyedHash('crypto_generichash', 32, ' = null')}
${keyedHash('crypto_shorthash', 8, '')}

create function ${S}.crypto_hash_sha256(message bytea) returns bytea language sql immutable as $fn$ select pg_catalog.sha256(message) $fn$;
create function ${S}.crypto_hash_sha512(message bytea) returns bytea language sql immutable as $fn$ select pg_catalog.sha512(message) $fn$;

create function ${S}.crypto_secretbox(message bytea, nonce bytea, key bytea) returns bytea language sql immutable
as $fn$ select ${S}._seal(message, key, null, nonce) $fn$;
create function ${S}.crypto_secretbox(message bytea, nonce bytea, key_id bigint, context bytea = 'pgsodium') returns bytea language sql immutable
as $fn$ select ${S}._seal(message, ${S}._derived(key_id, context), null, nonce) $fn$;
create function ${S}.crypto_secretbox(message bytea, nonce bytea, key_uuid uuid) returns bytea language sql stable set search_path = ''
as $fn$ select ${S}._seal(message, ${S}._key_of(key_uuid), null, nonce) $fn$;
create function ${S}.crypto_secretbox_open(ciphertext bytea, nonce bytea, key bytea) returns bytea language sql immutable
as $fn$ select ${S}._open(ciphertext, key, null, nonce, 'pgsodium_crypto_secretbox_open') $fn$;
create function ${S}.crypto_secretbox_open(message bytea, nonce bytea, key_id bigint, context bytea = 'pgsodium') returns bytea language sql immutable
as $fn$ select ${S}._open(message, ${S}._derived(key_id, context), null, nonce, 'pgsodium_crypto_secretbox_open_by_id') $fn$;
create function ${S}.crypto_secretbox_open(message bytea, nonce bytea, key_uuid uuid) returns bytea language sql stable set search_path = ''
as $fn$ select ${S}._open(message, ${S}._key_of(key_uuid), null, nonce, 'pgsodium_crypto_secretbox_open_by_id') $fn$;
create function ${S}.crypto_secretbox_keygen() returns bytea language sql volatile as $fn$ select ${S}._random(32) $fn$;
create function ${S}.crypto_secretbox_noncegen() returns bytea language sql volatile as $fn$ select ${S}._random(24) $fn$;
create function ${S}.crypto_secretstream_keygen() returns bytea language sql volatile as $fn$ select ${S}._random(32) $fn$;

create function ${S}.crypto_box_new_seed() returns bytea language sql volatile as $fn$ select ${S}._random(32) $fn$;
create function ${S}.crypto_box_noncegen() returns bytea language sql volatile as $fn$ select ${S}._random(24) $fn$;
create function ${S}.crypto_box_seed_new_keypair(seed bytea) returns ${S}.crypto_box_keypair language sql immutable
as $fn$ select ${S}._public_of(${S}._stand_in(32, seed)), ${S}._stand_in(32, seed) $fn$;
create function ${S}.crypto_box_new_keypair() returns setof ${S}.crypto_box_keypair language sql volatile
as $fn$ select * from ${S}.crypto_box_seed_new_keypair(${S}._random(32)) $fn$;
create function ${S}.crypto_box(message bytea, nonce bytea, public bytea, secret bytea) returns bytea language sql immutable
as $fn$ select ${S}._seal(message, ${S}._shared(public, secret), null, nonce) $fn$;
create function ${S}.crypto_box_open(ciphertext bytea, nonce bytea, public bytea, secret bytea) returns bytea language sql immutable
as $fn$ select ${S}._open(ciphertext, ${S}._shared(public, secret), null, nonce, 'pgsodium_crypto_box_open') $fn$;
create function ${S}.crypto_box_seal(message bytea, public_key bytea) returns bytea language sql immutable
as $fn$ select ${S}._seal(message, public_key, null, null) || ${S}._stand_in(32, 'ephemeral' || public_key) $fn$;
create function ${S}.crypto_box_seal_open(ciphertext bytea, public_key bytea, secret_key bytea) returns bytea language plpgsql immutable
as $fn$
begin
  if ${S}._public_of(secret_key) <> public_key or pg_catalog.length(ciphertext) < 48 then
    raise exception 'pgsodium_crypto_box_seal_open: invalid message' using errcode = '22000';
  end if;
  return ${S}._open(pg_catalog.substr(ciphertext, 1, pg_catalog.length(ciphertext) - 32), public_key, null, null, 'pgsodium_crypto_box_seal_open');
end
$fn$;

create function ${S}.crypto_sign_new_seed() returns bytea language sql volatile as $fn$ select ${S}._random(32) $fn$;
create function ${S}.crypto_sign_seed_new_keypair(seed bytea) returns ${S}.crypto_sign_keypair language sql immutable
as $fn$ select ${S}._public_of(${S}._stand_in(64, seed)), ${S}._stand_in(64, seed) $fn$;
create function ${S}.crypto_sign_new_keypair() returns setof ${S}.crypto_sign_keypair language sql volatile
as $fn$ select * from ${S}.crypto_sign_seed_new_keypair(${S}._random(32)) $fn$;
create function ${S}.crypto_sign_detached(message bytea, key bytea) returns bytea language sql immutable
as $fn$ select ${S}._stand_in(64, 'signature' || ${S}._public_of(key) || message) $fn$;
create function ${S}.crypto_sign_verify_detached(sig bytea, message bytea, key bytea) returns boolean language sql immutable
as $fn$ select sig = ${S}._stand_in(64, 'signature' || key || message) $fn$;
create function ${S}.crypto_sign(message bytea, key bytea) returns bytea language sql immutable
as $fn$ select ${S}.crypto_sign_detached(message, key) || message $fn$;
create function ${S}.crypto_sign_open(signed_message bytea, key bytea) returns bytea language plpgsql immutable
as $fn$
begin
  if pg_catalog.length(signed_message) < 64
     or not ${S}.crypto_sign_verify_detached(pg_catalog.substr(signed_message, 1, 64), pg_catalog.substr(signed_message, 65), key) then
    raise exception 'pgsodium_crypto_sign_open: invalid message' using errcode = '22000';
  end if;
  return pg_catalog.substr(signed_message, 65);
end
$fn$;
create function ${S}.crypto_sign_init() returns bytea language sql immutable as $fn$ select pg_catalog.sha512(''::bytea) $fn$;
create function ${S}.crypto_sign_update(state bytea, message bytea) returns bytea language sql immutable
as $fn$ select pg_catalog.sha512(coalesce(state, ${S}.crypto_sign_init()) || message) $fn$;
create function ${S}.crypto_sign_update_agg1(state bytea, message bytea) returns bytea language sql immutable
as $fn$ select ${S}.crypto_sign_update(coalesce(state, ${S}.crypto_sign_init()), message) $fn$;
create function ${S}.crypto_sign_update_agg2(cur_state bytea, initial_state bytea, message bytea) returns bytea language sql immutable
as $fn$ select ${S}.crypto_sign_update(coalesce(cur_state, initial_state), message) $fn$;
create aggregate ${S}.crypto_sign_update_agg(message bytea) (sfunc = ${S}.crypto_sign_update_agg1, stype = bytea, parallel = unsafe);
create aggregate ${S}.crypto_sign_update_agg(state bytea, message bytea) (sfunc = ${S}.crypto_sign_update_agg2, stype = bytea, parallel = unsafe);
create function ${S}.crypto_sign_final_create(state bytea, key bytea) returns bytea language sql immutable
as $fn$ select ${S}.crypto_sign_detached(state, key) $fn$;
create function ${S}.crypto_sign_final_verify(state bytea, signature bytea, key bytea) returns boolean language sql immutable
as $fn$ select ${S}.crypto_sign_verify_detached(signature, state, key) $fn$;

create function ${S}.crypto_kx_new_seed() returns bytea language sql volatile as $fn$ select ${S}._random(32) $fn$;
create function ${S}.crypto_kx_seed_new_keypair(seed bytea) returns ${S}.crypto_kx_keypair language sql immutable
as $fn$ select ${S}._public_of(${S}._stand_in(32, seed)), ${S}._stand_in(32, seed) $fn$;
create function ${S}.crypto_kx_new_keypair() returns ${S}.crypto_kx_keypair language sql volatile
as $fn$ select * from ${S}.crypto_kx_seed_new_keypair(${S}._random(32)) $fn$;
create function ${S}.crypto_kx_client_session_keys(client_pk bytea, client_sk bytea, server_pk bytea) returns ${S}.crypto_kx_session language sql volatile
as $fn$ select ${S}._stand_in(32, 'rx' || ${S}._shared(server_pk, client_sk)), ${S}._stand_in(32, 'tx' || ${S}._shared(server_pk, client_sk)) $fn$;
create function ${S}.crypto_kx_server_session_keys(server_pk bytea, server_sk bytea, client_pk bytea) returns ${S}.crypto_kx_session language sql volatile
as $fn$ select ${S}._stand_in(32, 'tx' || ${S}._shared(client_pk, server_sk)), ${S}._stand_in(32, 'rx' || ${S}._shared(client_pk, server_sk)) $fn$;

create function ${S}.crypto_signcrypt_new_keypair() returns ${S}.crypto_signcrypt_keypair language sql volatile
as $fn$ select ${S}._public_of(s), s from ${S}._random(32) as s $fn$;
create function ${S}.crypto_signcrypt_sign_before(sender bytea, recipient bytea, sender_sk bytea, recipient_pk bytea, additional bytea) returns ${S}.crypto_signcrypt_state_key language sql
as $fn$ select ${S}._stand_in(64, sender || recipient || coalesce(additional, ''::bytea)), ${S}._shared(recipient_pk, sender_sk) $fn$;
create function ${S}.crypto_signcrypt_sign_after(state bytea, sender_sk bytea, ciphertext bytea) returns bytea language sql
as $fn$ select ${S}._stand_in(64, 'signcrypt' || state || ${S}._public_of(sender_sk) || ciphertext) $fn$;
create function ${S}.crypto_signcrypt_verify_before(signature bytea, sender bytea, recipient bytea, additional bytea, sender_pk bytea, recipient_sk bytea) returns ${S}.crypto_signcrypt_state_key language sql
as $fn$ select ${S}._stand_in(64, sender || recipient || coalesce(additional, ''::bytea)), ${S}._shared(sender_pk, recipient_sk) $fn$;
create function ${S}.crypto_signcrypt_verify_after(state bytea, signature bytea, sender_pk bytea, ciphertext bytea) returns boolean language sql
as $fn$ select signature = ${S}._stand_in(64, 'signcrypt' || state || sender_pk || ciphertext) $fn$;
create function ${S}.crypto_signcrypt_verify_public(signature bytea, sender bytea, recipient bytea, additional bytea, sender_pk bytea, ciphertext bytea) returns boolean language sql
as $fn$ select signature = ${S}._stand_in(64, 'signcrypt' || ${S}._stand_in(64, sender || recipient || coalesce(additional, ''::bytea)) || sender_pk || ciphertext) $fn$;

create function ${S}.crypto_kdf_keygen() returns bytea language sql volatile as $fn$ select ${S}._random(32) $fn$;
create function ${S}.crypto_kdf_derive_from_key(subkey_size bigint, subkey_id bigint, context bytea, primary_key bytea) returns bytea language sql immutable
as $fn$ select ${S}._stand_in(subkey_size::int, 'kdf' || primary_key || context || pg_catalog.int8send(subkey_id)) $fn$;
create function ${S}.crypto_kdf_derive_from_key(subkey_size integer, subkey_id bigint, context bytea, primary_key uuid) returns bytea language sql stable set search_path = ''
as $fn$ select ${S}._stand_in(subkey_size, 'kdf' || ${S}._key_of(primary_key) || context || pg_catalog.int8send(subkey_id)) $fn$;

create function ${S}.crypto_pwhash_saltgen() returns bytea language sql volatile as $fn$ select ${S}._random(16) $fn$;
create function ${S}.crypto_pwhash(password bytea, salt bytea) returns bytea language sql immutable
as $fn$ select ${S}._stand_in(32, 'pwhash' || salt || password) $fn$;
create function ${S}.crypto_pwhash_str(password bytea) returns bytea language sql volatile
as $fn$
  select pg_catalog.convert_to('$argon2id$v=19$m=65536,t=2,p=1$' || pg_catalog.encode(s, 'base64') || '$' || pg_catalog.encode(${S}._stand_in(32, 'pwhash' || s || password), 'base64'), 'utf8')
    from ${S}._random(16) as s
$fn$;
create function ${S}.crypto_pwhash_str_verify(hashed_password bytea, password bytea) returns boolean language sql immutable
as $fn$
  select pg_catalog.split_part(pg_catalog.convert_from(hashed_password, 'utf8'), '$', 6)
         = pg_catalog.encode(${S}._stand_in(32, 'pwhash' || pg_catalog.decode(pg_catalog.split_part(pg_catalog.convert_from(hashed_password, 'utf8'), '$', 5), 'base64') || password), 'base64')
$fn$;

create function ${S}.crypto_stream_xchacha20_keygen() returns bytea language sql volatile as $fn$ select ${S}._random(32) $fn$;
create function ${S}.crypto_stream_xchacha20_noncegen() returns bytea language sql volatile as $fn$ select ${S}._random(24) $fn$;
create function ${S}.crypto_stream_xchacha20(bigint, bytea, bytea) returns bytea language sql immutable
as $fn$ select ${S}._stand_in($1::int, 'stream' || $2 || $3) $fn$;
create function ${S}.crypto_stream_xchacha20(bigint, bytea, bigint, context bytea = 'pgsodium') returns bytea language sql immutable
as $fn$ select ${S}._stand_in($1::int, 'stream' || $2 || ${S}._derived($3, context)) $fn$;
create function ${S}.crypto_stream_xchacha20_xor(bytea, bytea, bytea) returns bytea language sql immutable
as $fn$ select ${S}._xor($1, ${S}._stand_in(pg_catalog.length($1), 'stream' || $2 || $3)) $fn$;
create function ${S}.crypto_stream_xchacha20_xor(bytea, bytea, bigint, context bytea = 'pgosdium') returns bytea language sql immutable
as $fn$ select ${S}._xor($1, ${S}._stand_in(pg_catalog.length($1), 'stream' || $2 || ${S}._derived($3, context))) $fn$;
create function ${S}.crypto_stream_xchacha20_xor_ic(bytea, bytea, bigint, bytea) returns bytea language sql immutable
as $fn$ select ${S}._xor($1, ${S}._stand_in(pg_catalog.length($1), 'stream' || $2 || pg_catalog.int8send($3) || $4)) $fn$;
create function ${S}.crypto_stream_xchacha20_xor_ic(bytea, bytea, bigint, bigint, context bytea = 'pgsodium') returns bytea language sql immutable
as $fn$ select ${S}._xor($1, ${S}._stand_in(pg_catalog.length($1), 'stream' || $2 || pg_catalog.int8send($3) || ${S}._derived($4, context))) $fn$;

create function ${S}.crypto_cmp(text, text) returns boolean language sql immutable strict as $fn$ select $1 = $2 $fn$;
create function ${S}.randombytes_random() returns integer language sql volatile
as $fn$ select (pg_catalog.random() * 2147483647)::integer $fn$;
create function ${S}.randombytes_uniform(upper_bound integer) returns integer language sql volatile
as $fn$ select (pg_catalog.random() * upper_bound)::integer % greatest(upper_bound, 1) $fn$;
create function ${S}.randombytes_buf(size integer) returns bytea language sql volatile as $fn$ select ${S}._random(size) $fn$;
create function ${S}.randombytes_new_seed() returns bytea language sql volatile as $fn$ select ${S}._random(32) $fn$;
create function ${S}.randombytes_buf_deterministic(size integer, seed bytea) returns bytea language sql immutable
as $fn$ select ${S}._stand_in(size, 'random' || seed) $fn$;
create function ${S}.sodium_bin2base64(bin bytea) returns text language sql immutable
as $fn$ select pg_catalog.translate(pg_catalog.encode(bin, 'base64'), E'+/=\\n', '-_') $fn$;
create function ${S}.sodium_base642bin(base64 text) returns bytea language sql immutable
as $fn$
  select pg_catalog.decode(pg_catalog.rpad(pg_catalog.translate(base64, '-_', '+/'), ((pg_catalog.length(base64) + 3) / 4) * 4, '='), 'base64')
$fn$;
`;

const LABEL_PREFIX: Record<string, { prefix: string; what: string }> = {
  OBJECT_COLUMN: { prefix: 'ENCRYPT WITH', what: 'column' },
  OBJECT_TABLE: { prefix: 'DECRYPT WITH VIEW', what: 'table' },
  OBJECT_ROLE: { prefix: 'ACCESS', what: 'role' },
};

const quoteLiteral = (value: string) => `'${value.replace(/'/g, "''")}'`;
const quoteIdent = (value: string) => `"${value.replace(/"/g, '""')}"`;

function nameParts(node: any): string[] {
  const items = node?.List?.items ?? (Array.isArray(node) ? node : [node]);
  return items.map((item: any) => item?.String?.sval).filter((s: unknown): s is string => typeof s === 'string');
}

/** A query that fails as SECURITY LABEL fails when the labelled object does not exist. */
function existenceCheck(objtype: string, object: any): string | undefined {
  if (objtype === 'OBJECT_ROLE') {
    const role = object?.String?.sval;
    return typeof role === 'string' ? `select ${quoteLiteral(quoteIdent(role))}::pg_catalog.regrole` : undefined;
  }
  const parts = nameParts(object);
  if (objtype === 'OBJECT_TABLE') return parts.length ? `select ${quoteLiteral(parts.map(quoteIdent).join('.'))}::pg_catalog.regclass` : undefined;
  if (parts.length < 2) return undefined;
  const column = quoteIdent(parts[parts.length - 1]);
  return `select ${column} from ${parts.slice(0, -1).map(quoteIdent).join('.')} limit 0`;
}

/**
 * `security label for pgsodium on column|table|role ... is '...'`: checked as pgsodium's label
 * provider checks it (the label's first words), then replayed as a query on the labelled object,
 * which fails as the statement would if the object does not exist.
 */
export function rewritePgsodiumLabel(statement: Statement): StatementRewrite | undefined {
  if (statement.kind !== 'SecLabelStmt' || statement.node?.provider !== 'pgsodium') return undefined;
  const { objtype, object, label } = statement.node as { objtype: string; object: any; label?: string };
  const rule = LABEL_PREFIX[objtype];
  if (!rule) return { error: 'pgsodium provider does not support labels on this object' };
  if (typeof label === 'string' && !label.toUpperCase().startsWith(rule.prefix)) return { error: `'${label}' is not a valid label for a ${rule.what}` };
  const check = existenceCheck(objtype, object);
  return check ? { sql: check } : undefined;
}

export const pgsodium: ExtensionEmulation = {
  name: 'pgsodium',
  version: '3.1.8',
  comment: 'Pgsodium is a modern cryptography library for Postgres. (migration-gate emulation: right shapes, not encryption)',
  relocatable: false,
  schema: 'pgsodium',
  script: helpers + objects + keyFunctions + cryptoFunctions,
  objects: {
    schemas: ['pgsodium', 'pgsodium_masks'],
    // `security label for pgsodium ...` names the provider, not a schema-qualified object.
    relations: ['pgsodium'],
  },
  rewriteStatement: rewritePgsodiumLabel,
  source: 'https://github.com/michelp/pgsodium/tree/v3.1.8/sql',
};
