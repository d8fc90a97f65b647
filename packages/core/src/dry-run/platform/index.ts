/**
 * The platform the embedded dry-run server imitates. On Supabase, migrations run as `postgres`,
 * which is not a superuser; the superuser is `supabase_admin`, and extensions on the platform's
 * allow-list are created through supautils with superuser rights. The dry-run does the same:
 *
 *  - the server's bootstrap superuser is `supabase_admin`; it installs the baseline;
 *  - migrations (and the preamble) run as a login role `postgres` with the attributes and
 *    memberships Supabase gives it (supabase/postgres: migrations/db/migrations
 *    10000000000000_demote-postgres.sql, 20220609081115_..., 20230201083204_...,
 *    20230306081037_..., 20240606060239_...);
 *  - extensions on Supabase's privileged list are marked trusted, so `postgres` creates them;
 *  - only those two roles may log in.
 *
 * Besides fidelity (ownership and permission errors the platform raises now show), this keeps a
 * pull request's SQL from running programs or reading files on the runner: COPY ... PROGRAM,
 * pg_read_file, lo_import, ALTER SYSTEM and untrusted languages need a superuser.
 */
import { randomBytes } from 'node:crypto';
import type { Client } from 'pg';
import type { ShadowDatabaseOptions } from '../../db/shadow';
import type { MigrationFile } from '../../model';
import type { ExtensionEmulation } from '../emulations/types';
import { SUPABASE_VAULT_PLATFORM_GRANTS } from '../emulations/supabase-vault';
import { parametersSet, requestedExtensions } from '../prescan';
import { preparePlatformDistribution, type PreparedDistribution, type RequestedExtension } from './distribution';

export const PLATFORM_SUPERUSER = 'supabase_admin';
export const REPLAY_ROLE = 'postgres';

/**
 * Extensions Supabase lets `postgres` create (supautils.privileged_extensions in
 * supabase/postgres ansible/files/postgresql_config/supautils.conf.j2). Those the server build
 * ships are made creatable by the replay role; the others are emulated or stood in for.
 */
export const SUPABASE_PRIVILEGED_EXTENSIONS: readonly string[] = [
  'address_standardizer', 'address_standardizer_data_us', 'autoinc', 'bloom', 'btree_gin', 'btree_gist', 'citext', 'cube', 'dblink',
  'dict_int', 'dict_xsyn', 'earthdistance', 'fuzzystrmatch', 'hstore', 'http', 'hypopg', 'index_advisor', 'insert_username', 'intarray',
  'isn', 'ltree', 'moddatetime', 'orioledb', 'pg_cron', 'pg_graphql', 'pg_hashids', 'pg_jsonschema', 'pg_net', 'pg_partman', 'pg_repack',
  'pg_stat_monitor', 'pg_stat_statements', 'pg_tle', 'pg_trgm', 'pg_walinspect', 'pgaudit', 'pgcrypto', 'pgjwt', 'pg_prewarm', 'pgmq',
  'pgroonga', 'pgroonga_database', 'pgrouting', 'pgrowlocks', 'pgstattuple', 'pgsodium', 'pgtap', 'plcoffee', 'pljava', 'plls', 'plpgsql',
  'plpgsql_check', 'plv8', 'postgis', 'postgis_raster', 'postgis_sfcgal', 'postgis_tiger_geocoder', 'postgis_topology', 'postgres_fdw',
  'refint', 'rum', 'seg', 'sslinfo', 'supabase_vault', 'supautils', 'tablefunc', 'tcn', 'timescaledb', 'tsm_system_rows', 'tsm_system_time',
  'unaccent', 'uuid-ossp', 'vector', 'wrappers',
];

/**
 * Settings supautils lets `postgres` set although they need more privilege
 * (supautils.privileged_role_allowed_configs); a trailing `*` covers a prefix.
 */
export const SUPABASE_ALLOWED_SETTINGS: readonly string[] = [
  'auto_explain.log_min_duration', 'auto_explain.log_nested_statements', 'log_lock_waits', 'log_min_messages', 'pg_net.batch_size', 'pg_net.ttl',
  'pgaudit.log', 'pgaudit.log_catalog', 'pgaudit.log_client', 'pgaudit.log_level', 'pgaudit.log_relation', 'pgaudit.log_rows', 'pgaudit.log_statement',
  'pgaudit.log_statement_once', 'pgaudit.role', 'pgrst.*', 'plan_filter.*', 'safeupdate.enabled', 'session_replication_role', 'track_io_timing',
];

export function isAllowedSetting(name: string): boolean {
  const lower = name.toLowerCase();
  return SUPABASE_ALLOWED_SETTINGS.some((allowed) => (allowed.endsWith('*') ? lower.startsWith(allowed.slice(0, -1)) : lower === allowed));
}

/** The grants that let the replay role set what supautils lets `postgres` set, for the names the migrations use. */
export function settingGrantsSql(names: readonly string[]): string {
  return names
    .filter(isAllowedSetting)
    .map((name) => `grant set on parameter "${name.toLowerCase().replace(/"/g, '""')}" to ${REPLAY_ROLE};`)
    .join('\n');
}

export interface PlatformPlan {
  /** What openShadowDatabase needs to start the platform's server. */
  shadow: Pick<ShadowDatabaseOptions, 'prepareBinaries' | 'server'>;
  replayPassword: string;
  /** The extensions the migrations create (read once, before the server starts). */
  requested: readonly RequestedExtension[];
  /** Grants for the settings the migrations set that supautils would allow. */
  settingGrants: string;
  /** Set once the server's binaries were prepared. */
  distribution(): PreparedDistribution | undefined;
}

export function planPlatform(migrations: readonly MigrationFile[], emulations: readonly ExtensionEmulation[]): PlatformPlan {
  let prepared: PreparedDistribution | undefined;
  const requested = requestedExtensions(migrations);
  return {
    requested,
    replayPassword: randomBytes(18).toString('hex'),
    settingGrants: settingGrantsSql(parametersSet(migrations)),
    shadow: {
      prepareBinaries: async (binaries) => {
        prepared = await preparePlatformDistribution(binaries, { emulations, privileged: SUPABASE_PRIVILEGED_EXTENSIONS, requested });
        return prepared.binaries;
      },
      server: {
        superuser: PLATFORM_SUPERUSER,
        loginRoles: [PLATFORM_SUPERUSER, REPLAY_ROLE],
        // Supabase's settings that change what migrations see.
        settings: { timezone: 'UTC', shared_preload_libraries: 'pg_stat_statements' },
      },
    },
    distribution: () => prepared,
  };
}

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The replay role, before the Supabase baseline (which then finds it and leaves it be). */
export function replayRoleSql(password: string, majorVersion: number): string {
  return `
create role ${REPLAY_ROLE} with nosuperuser createdb createrole login replication bypassrls password ${quote(password)};
alter database postgres owner to ${REPLAY_ROLE};
alter schema public owner to ${REPLAY_ROLE};
grant pg_monitor, pg_read_all_data, pg_signal_backend to ${REPLAY_ROLE};
${
  majorVersion < 16
    ? `-- Before PostgreSQL 16 a CREATEROLE role may grant itself any non-superuser role, such as
-- pg_execute_server_program. Supabase's supautils reserves those memberships; here, making the
-- roles members of ${REPLAY_ROLE} turns such a grant into a membership loop, which PostgreSQL refuses.
grant ${REPLAY_ROLE} to pg_execute_server_program, pg_read_server_files, pg_write_server_files;`
    : ''
}`;
}

/** What Supabase grants `postgres` over the platform's own roles, schemas and tables (after the baseline). */
export function supabaseReplayRoleSql(majorVersion: number): string {
  // From PostgreSQL 16 altering another role (e.g. `alter role authenticator set ...`) takes ADMIN on it.
  const adminOnApiRoles = majorVersion >= 16 ? ' with admin option' : '';
  return `
grant anon, authenticated, service_role to ${REPLAY_ROLE}${adminOnApiRoles};
grant supabase_auth_admin, supabase_storage_admin to ${REPLAY_ROLE};
${majorVersion >= 16 ? `grant authenticator to ${REPLAY_ROLE} with admin true, inherit false, set false;` : ''}
alter role ${REPLAY_ROLE} set search_path to "$user", public, extensions;
grant all privileges on schema auth to supabase_auth_admin;
grant all privileges on schema storage to supabase_storage_admin;
grant usage on schema auth to supabase_storage_admin;
alter table auth.users owner to supabase_auth_admin;
alter table auth.identities owner to supabase_auth_admin;
alter function auth.uid() owner to supabase_auth_admin;
alter function auth.role() owner to supabase_auth_admin;
alter function auth.jwt() owner to supabase_auth_admin;
alter function auth.email() owner to supabase_auth_admin;
alter table storage.buckets owner to supabase_storage_admin;
alter table storage.objects owner to supabase_storage_admin;
alter function storage.foldername(text) owner to supabase_storage_admin;
alter function storage.filename(text) owner to supabase_storage_admin;
alter function storage.extension(text) owner to supabase_storage_admin;
grant all on schema auth, storage, extensions, realtime, graphql_public, supabase_functions to ${REPLAY_ROLE};
grant all on all tables in schema auth, storage, extensions, realtime, supabase_functions to ${REPLAY_ROLE};
grant all on all sequences in schema auth, storage, extensions, realtime, supabase_functions to ${REPLAY_ROLE};
grant all on all routines in schema auth, storage, extensions, realtime, graphql_public, supabase_functions to ${REPLAY_ROLE};
alter default privileges in schema extensions grant all on tables to ${REPLAY_ROLE} with grant option;
alter default privileges in schema extensions grant all on routines to ${REPLAY_ROLE} with grant option;
alter default privileges in schema extensions grant all on sequences to ${REPLAY_ROLE} with grant option;
alter publication supabase_realtime owner to ${REPLAY_ROLE};
-- What postgres creates in public is granted to the API roles, as on the platform (\\ddp there lists these).
alter default privileges for role ${REPLAY_ROLE} in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges for role ${REPLAY_ROLE} in schema public grant all on sequences to anon, authenticated, service_role;
alter default privileges for role ${REPLAY_ROLE} in schema public grant all on functions to anon, authenticated, service_role;
`;
}

/** The URL the replay session logs in with: the server's, as the replay role. */
export function replayUrl(adminUrl: string, password: string): string {
  const url = new URL(adminUrl);
  url.username = REPLAY_ROLE;
  url.password = password;
  return url.toString();
}

/** Creates the replay role on a freshly started platform server. */
export async function createReplayRole(admin: Client, plan: PlatformPlan, majorVersion: number): Promise<void> {
  await admin.query(replayRoleSql(plan.replayPassword, majorVersion));
  if (plan.settingGrants) await admin.query(plan.settingGrants);
}

/** Gives the replay role Supabase's grants; run after the baseline created the platform's objects. */
export async function grantSupabaseReplayRole(admin: Client, majorVersion: number): Promise<void> {
  await admin.query(supabaseReplayRoleSql(majorVersion));
  // The baseline pre-installed Vault as the superuser, as the platform does; `postgres` gets the platform's rights on it.
  const { rows } = await admin.query<{ installed: boolean }>("select exists (select 1 from pg_extension where extname = 'supabase_vault') as installed");
  if (rows[0]?.installed) await admin.query(SUPABASE_VAULT_PLATFORM_GRANTS);
  // pg_graphql's schema: the platform lets `postgres` use it and call resolve().
  await admin.query(`do $graphql$ begin
    if exists (select 1 from pg_namespace where nspname = 'graphql') then
      grant usage on schema graphql to ${REPLAY_ROLE}, anon, authenticated, service_role;
      grant execute on all functions in schema graphql to ${REPLAY_ROLE}, anon, authenticated, service_role;
    end if;
  end $graphql$;`);
}
