/**
 * supabase_vault 0.3.1 (github.com/supabase/vault, sql/supabase_vault--0.3.0.sql): the `vault`
 * schema, `vault.secrets`, the `vault.decrypted_secrets` view and `create_secret` /
 * `update_secret` with their real signatures.
 *
 * Behaviour: secrets really are stored and read back through the view. The "ciphertext" is the
 * message followed by a 16-byte tag (SHA-256 over context, additional data, nonce and message),
 * base64-encoded as the real one stores it: the dry-run's database is thrown away, so nothing is
 * encrypted, but a secret decrypted with other additional data fails as the real one does.
 *
 * Privileges: the real create_secret / update_secret are SECURITY DEFINER, so that `postgres` can
 * store secrets without INSERT on vault.secrets. Emulation scripts create no SECURITY DEFINER
 * function (the script runs as superuser in a schema a migration may own), so the platform grants
 * below also give `postgres` INSERT and UPDATE on vault.secrets: a migration writing to that table
 * directly passes the dry-run where the platform would refuse it.
 */
import type { ExtensionEmulation } from './types';

const script = `
create function @extschema@._crypto_aead_det_noncegen() returns bytea
language sql immutable
as $fn$ select pg_catalog.uuid_send(pg_catalog.gen_random_uuid()) $fn$;

-- A stand-in for libsodium's deterministic AEAD: message || tag, where the tag binds the
-- additional data, context and nonce, so decrypting with other additional data fails.
create function @extschema@._crypto_aead_det_encrypt(message bytea, additional bytea, key_id bigint, context bytea = 'pgsodium', nonce bytea = null) returns bytea
language sql immutable
as $fn$
  select message || pg_catalog.substr(pg_catalog.sha256(pg_catalog.convert_to(key_id::text, 'UTF8') || coalesce(context, ''::bytea) || coalesce(additional, ''::bytea) || coalesce(nonce, ''::bytea) || message), 1, 16)
$fn$;

create function @extschema@._crypto_aead_det_decrypt(message bytea, additional bytea, key_id bigint, context bytea = 'pgsodium', nonce bytea = null) returns bytea
language plpgsql immutable
set search_path = ''
as $fn$
declare
  body bytea;
begin
  if message is null then
    return null;
  end if;
  if pg_catalog.length(message) < 16 then
    raise exception 'pgsodium_crypto_aead_det_decrypt_by_id: invalid message' using errcode = '22000';
  end if;
  body := pg_catalog.substr(message, 1, pg_catalog.length(message) - 16);
  if @extschema@._crypto_aead_det_encrypt(body, additional, key_id, context, nonce) <> message then
    raise exception 'pgsodium_crypto_aead_det_decrypt_by_id: invalid ciphertext' using errcode = '22000';
  end if;
  return body;
end
$fn$;

create table @extschema@.secrets (
  id uuid primary key default pg_catalog.gen_random_uuid(),
  name text,
  description text not null default '',
  secret text not null,
  key_id uuid,
  nonce bytea default @extschema@._crypto_aead_det_noncegen(),
  created_at timestamptz not null default current_timestamp,
  updated_at timestamptz not null default current_timestamp
);
comment on table @extschema@.secrets is 'Table with encrypted \`secret\` column for storing sensitive information on disk.';
create unique index secrets_name_idx on @extschema@.secrets using btree (name) where name is not null;

create view @extschema@.decrypted_secrets as
select s.id,
  s.name,
  s.description,
  s.secret,
  pg_catalog.convert_from(
    @extschema@._crypto_aead_det_decrypt(
      message := pg_catalog.decode(s.secret, 'base64'::text),
      additional := pg_catalog.convert_to(s.id::text, 'utf8'),
      key_id := 0,
      context := 'pgsodium'::bytea,
      nonce := s.nonce
    ),
    'utf8'::name
  ) as decrypted_secret,
  s.key_id,
  s.nonce,
  s.created_at,
  s.updated_at
from @extschema@.secrets s;

create function @extschema@.create_secret(new_secret text, new_name text = null, new_description text = '', new_key_id uuid = null) returns uuid
language plpgsql
set search_path = ''
as $fn$
declare
  rec record;
begin
  insert into @extschema@.secrets (secret, name, description)
  values (new_secret, new_name, new_description)
  returning * into rec;
  update @extschema@.secrets s
  set secret = pg_catalog.encode(@extschema@._crypto_aead_det_encrypt(
    message := pg_catalog.convert_to(rec.secret, 'utf8'),
    additional := pg_catalog.convert_to(s.id::text, 'utf8'),
    key_id := 0,
    context := 'pgsodium'::bytea,
    nonce := rec.nonce
  ), 'base64')
  where id = rec.id;
  return rec.id;
end
$fn$;

create function @extschema@.update_secret(secret_id uuid, new_secret text = null, new_name text = null, new_description text = null, new_key_id uuid = null) returns void
language plpgsql
set search_path = ''
as $fn$
begin
  update @extschema@.secrets s
  set
    secret = case when new_secret is null then s.secret
                  else pg_catalog.encode(@extschema@._crypto_aead_det_encrypt(
                    message := pg_catalog.convert_to(new_secret, 'utf8'),
                    additional := pg_catalog.convert_to(s.id::text, 'utf8'),
                    key_id := 0,
                    context := 'pgsodium'::bytea,
                    nonce := s.nonce
                  ), 'base64') end,
    name = coalesce(new_name, s.name),
    description = coalesce(new_description, s.description),
    updated_at = pg_catalog.now()
  where s.id = secret_id;
end
$fn$;

revoke all on function
  @extschema@._crypto_aead_det_encrypt(bytea, bytea, bigint, bytea, bytea),
  @extschema@._crypto_aead_det_decrypt(bytea, bytea, bigint, bytea, bytea),
  @extschema@._crypto_aead_det_noncegen(),
  @extschema@.create_secret(text, text, text, uuid),
  @extschema@.update_secret(uuid, text, text, text, uuid)
from public;
`;

/**
 * What the platform gives `postgres` on the Vault it pre-installs (as seen on hosted projects:
 * SELECT, DELETE, TRUNCATE, REFERENCES with grant option on vault.secrets and the view, EXECUTE
 * on the functions), plus INSERT and UPDATE on vault.secrets, which the real create_secret and
 * update_secret get from SECURITY DEFINER (see above).
 */
function platformGrants(schema: string, grantee: string): string {
  return `
grant usage on schema ${schema} to ${grantee} with grant option;
grant select, delete, truncate, references on ${schema}.secrets, ${schema}.decrypted_secrets to ${grantee} with grant option;
grant insert, update on ${schema}.secrets to ${grantee};
grant execute on function ${schema}.create_secret(text, text, text, uuid), ${schema}.update_secret(uuid, text, text, text, uuid),
  ${schema}._crypto_aead_det_decrypt(bytea, bytea, bigint, bytea, bytea), ${schema}._crypto_aead_det_encrypt(bytea, bytea, bigint, bytea, bytea),
  ${schema}._crypto_aead_det_noncegen() to ${grantee} with grant option;
`;
}

/** For a baseline that pre-installs Vault as the platform's superuser, as the platform does. */
export const SUPABASE_VAULT_PLATFORM_GRANTS = platformGrants('vault', 'postgres');

export const supabaseVault: ExtensionEmulation = {
  name: 'supabase_vault',
  version: '0.3.1',
  comment: 'Supabase Vault Extension (migration-gate emulation: stored, not encrypted)',
  relocatable: false,
  schema: 'vault',
  // A migration's own `create extension` (the platform pre-installs it) gets the same rights.
  script: script + platformGrants('@extschema@', '@extowner@'),
  objects: {
    schemas: ['vault'],
    functions: ['create_secret', 'update_secret'],
    relations: ['decrypted_secrets'],
  },
  source: 'https://github.com/supabase/vault/blob/main/sql/supabase_vault--0.3.0.sql',
};
