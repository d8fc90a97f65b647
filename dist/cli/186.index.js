"use strict";
exports.id = 186;
exports.ids = [186];
exports.modules = {

/***/ 6744:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T: () => (/* binding */ trapTerminationSignals),
/* harmony export */   u: () => (/* binding */ DryRunCancelledError)
/* harmony export */ });
/**
 * Cleaning up when the run is interrupted. A CI job that is cancelled gets SIGTERM (or SIGINT
 * from a terminal); Node would exit at once, leaving a shadow database on a provided server or
 * a data folder behind. While the dry-run runs, these handlers turn the signal into an abort,
 * let the run's `finally` clean up, and then deliver the signal again so the process still ends
 * the way it would have.
 */
class DryRunCancelledError extends Error {
    constructor(reason) {
        super(`The dry-run was cancelled (${reason}); the shadow database was cleaned up.`);
        this.name = 'DryRunCancelledError';
    }
}
const TERMINATION_SIGNALS = ['SIGINT', 'SIGTERM'];
function trapTerminationSignals(onSignal) {
    let received;
    let released = false;
    const release = () => {
        if (released)
            return;
        released = true;
        for (const signal of TERMINATION_SIGNALS)
            process.off(signal, handler);
        if (received && process.listenerCount(received) === 0)
            process.kill(process.pid, received);
    };
    const handler = (signal) => {
        // A second signal means "now": stop waiting for the cleanup.
        if (received)
            return release();
        received = signal;
        onSignal(signal);
    };
    for (const signal of TERMINATION_SIGNALS)
        process.on(signal, handler);
    return {
        get received() {
            return received;
        },
        release,
    };
}


/***/ }),

/***/ 6689:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ mdFence),
/* harmony export */   bC: () => (/* binding */ mdText),
/* harmony export */   be: () => (/* binding */ mdMessage),
/* harmony export */   cT: () => (/* binding */ mdRow),
/* harmony export */   gL: () => (/* binding */ clipText),
/* harmony export */   xs: () => (/* binding */ mdCode)
/* harmony export */ });
/* unused harmony exports mdCell, mdMention, htmlText */
/**
 * The one escaping layer for everything Migration Gate writes to GitHub as markdown: job
 * summaries, pull-request comments, deploy notices, override and follow-up issue bodies.
 *
 * Text that came from a migration, the database or a person (identifiers, enum labels, defaults,
 * Postgres messages, file names, `gate:allow` and override reasons) is untrusted: it must render
 * as the characters it contains and nothing else. GitHub renders with cmark-gfm (tables,
 * autolinks, tag filter) and then turns `@name` in text into mentions, so each helper here
 * neutralises one context:
 *
 * - `mdText`: inline text. ASCII punctuation that starts markdown or HTML is backslash-escaped
 *   (CommonMark allows escaping any ASCII punctuation), line breaks become spaces, `@` gets an
 *   empty HTML comment after it so that GitHub sees no mention or e-mail address; the escaped
 *   `:` and `.` also keep `https://` and `www.` from becoming autolinks.
 * - `mdCode`: inline code, fenced by a backtick run longer than any run inside, padded with spaces.
 * - `mdCell`: any inline markdown made safe as a table cell (line breaks and every `|`).
 * - `mdFence`: a fenced block whose fence outgrows every backtick run of its content.
 * - `mdMessage`: our own messages, which quote SQL in backticks: those spans stay code spans
 *   (re-fenced with `mdCode`), everything else goes through `mdText`.
 *
 * Untrusted text is also clipped (`clipText`) before escaping, never after, so that truncation
 * cannot cut an escape in half.
 */
const LINE_BREAKS = /\r\n|\r|\n|\u2028|\u2029/g;
/** Punctuation that can open markdown or HTML constructs in inline text. */
const INLINE_SPECIALS = /[\\`*_{}[\]()<>#+\-!|~&=:.^$"']/g;
/** An empty HTML comment: invisible, but splits the text node so GitHub links no `@name`. */
const MENTION_BREAK = '<!-- -->';
/** Untrusted text as inline markdown that renders exactly as written, on one line. */
function mdText(text) {
    return text
        .replace(LINE_BREAKS, ' ')
        .replace(INLINE_SPECIALS, (c) => `\\${c}`)
        .replace(/@/g, `@${MENTION_BREAK}`);
}
function longestBacktickRun(text) {
    return Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
}
/** Untrusted text as an inline code span: nothing inside it is interpreted. */
function mdCode(text) {
    const flat = text.replace(LINE_BREAKS, ' ');
    const fence = '`'.repeat(longestBacktickRun(flat) + 1);
    // The parser strips one space from each side when both are there: pad when the content begins
    // or ends with a backtick (it would merge with the fence) or a space (it would be stripped).
    const pad = flat === '' || /^[` ]|[` ]$/.test(flat) ? ' ' : '';
    return `${fence}${pad}${flat}${pad}${fence}`;
}
/** Inline markdown as the content of a table cell: one line, and no `|` that could end the cell. */
function mdCell(markdown) {
    return markdown.replace(LINE_BREAKS, ' ').replace(/\|/g, '\\|');
}
/** One table row from cells of inline markdown. */
function mdRow(cells) {
    return `| ${cells.map(mdCell).join(' | ')} |`;
}
/** A fenced code block that no line of `content` can close. */
function mdFence(content, info = '') {
    const fence = '`'.repeat(Math.max(3, longestBacktickRun(content) + 1));
    const body = content.replace(/\r\n|\r/g, '\n').replace(/\n+$/, '');
    return `${fence}${info}\n${body}\n${fence}`;
}
/**
 * A message we wrote around untrusted values, e.g. "Column `public.t.x` is added NOT NULL": the
 * code spans it carries are kept as code, the rest is escaped. Spans are re-fenced, so a value
 * with a backtick inside cannot end its span early.
 */
function mdMessage(message) {
    return message
        .replace(LINE_BREAKS, ' ')
        .split(/(`[^`]+`)/)
        .map((part, i) => (i % 2 === 1 ? mdCode(part.slice(1, -1)) : mdText(part)))
        .join('');
}
/** A `@login` mention of a GitHub account we looked up ourselves (approvers, the override actor). */
function mdMention(login) {
    // GitHub logins are letters, digits and single hyphens; anything else is shown, not linked.
    return /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/.test(login) ? `@${login}` : mdText(`@${login}`);
}
/** Shortens untrusted text before it is escaped, saying how much was left out. */
function clipText(text, maxChars) {
    if (text.length <= maxChars)
        return text;
    return `${text.slice(0, maxChars)}… (${text.length - maxChars} more characters)`;
}
/** HTML-escapes text for the few places we write HTML ourselves (`<summary>`). */
function htmlText(text) {
    return text
        .replace(LINE_BREAKS, ' ')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/@/g, `@${MENTION_BREAK}`);
}


/***/ }),

/***/ 1281:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fg: () => (/* binding */ SUPABASE_ROLES),
/* harmony export */   Gf: () => (/* binding */ SUPABASE_BASELINE_EXTENSIONS),
/* harmony export */   I$: () => (/* binding */ isSupabaseProject),
/* harmony export */   K9: () => (/* binding */ SUPABASE_ROLES_SQL),
/* harmony export */   uN: () => (/* binding */ SUPABASE_DATABASE_SQL),
/* harmony export */   wT: () => (/* binding */ SUPABASE_PREINSTALLED_EXTENSIONS)
/* harmony export */ });
/* unused harmony export SUPABASE_BASELINE_SCHEMAS */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/**
 * The Supabase baseline: the part of a Supabase database that the platform creates before any
 * project migration runs, reduced to what migrations commonly reference. Replaying a Supabase
 * project's migrations on a plain PostgreSQL server fails without it (`auth.users` does not
 * exist, `to authenticated` names an unknown role, ...).
 *
 * It is written for this project from the platform's documented behaviour, not copied from
 * Supabase's own schema files, and is deliberately minimal: columns, functions and grants that
 * user migrations read or reference. It is kept as TypeScript strings (not .sql files) so that it
 * survives bundling into a single action file.
 *
 * Not emulated (migrations that rely on them fail in the dry-run, as they should be told):
 *  - extensions the embedded server build does not ship (vector, pg_net, pg_cron, pgsodium,
 *    pg_graphql, supabase_vault, postgis, ...);
 *  - ownership limits of the hosted `postgres` role: the dry-run runs as a superuser, so e.g.
 *    `alter table storage.objects ...` succeeds here but fails on the platform ("must be owner");
 *  - the platform's internal tables beyond users/identities, buckets/objects, realtime.messages.
 */


/** Roles every Supabase database has. None can log in: the shadow server must not gain logins. */
const SUPABASE_ROLES = [
    { name: 'anon', options: 'nologin noinherit' },
    { name: 'authenticated', options: 'nologin noinherit' },
    { name: 'service_role', options: 'nologin noinherit bypassrls' },
    { name: 'authenticator', options: 'nologin noinherit' },
    { name: 'supabase_admin', options: 'nologin' },
    { name: 'supabase_auth_admin', options: 'nologin noinherit' },
    { name: 'supabase_storage_admin', options: 'nologin noinherit' },
    { name: 'supabase_realtime_admin', options: 'nologin noinherit' },
    { name: 'dashboard_user', options: 'nologin' },
    { name: 'supabase_functions_admin', options: 'nologin noinherit' },
    { name: 'supabase_read_only_user', options: 'nologin bypassrls' },
    { name: 'supabase_replication_admin', options: 'nologin' },
    { name: 'pgbouncer', options: 'nologin' },
    // Migrations dumped from the platform say `owner to postgres`; a provided server may lack it.
    { name: 'postgres', options: 'nologin' },
];
/** Schemas the baseline owns; the schema diff ignores them unless a migration changes them. */
const SUPABASE_BASELINE_SCHEMAS = (/* unused pure expression or super */ null && (['auth', 'storage', 'extensions', 'realtime', 'graphql', 'graphql_public', 'vault', 'supabase_functions']));
/** Extensions the baseline installs, in their schemas, when the server has them (real or emulated), as the platform does. */
const SUPABASE_BASELINE_EXTENSIONS = [
    { name: 'pg_stat_statements', schema: 'extensions' },
    { name: 'pg_graphql', schema: 'graphql' },
    { name: 'supabase_vault', schema: 'vault' },
];
/** Extensions the platform installs in every project (others are created by migrations). */
const SUPABASE_PREINSTALLED_EXTENSIONS = ['uuid-ossp', 'pgcrypto'];
/**
 * Roles are shared by every database of a server, so on a provided server other runs (or the
 * real project) may have created them already, possibly at the same moment: each creation
 * tolerates "already exists" and the concurrent-insert error that a race produces.
 */
const SUPABASE_ROLES_SQL = `
do $roles$
declare
  spec record;
begin
  for spec in
    select * from (values ${SUPABASE_ROLES.map((r) => `('${r.name}', '${r.options}')`).join(', ')}) as s(name, options)
  loop
    if not exists (select 1 from pg_roles where rolname = spec.name) then
      begin
        execute format('create role %I %s', spec.name, spec.options);
      exception when duplicate_object or unique_violation then
        null;
      end;
    end if;
  end loop;
  -- PostgREST's login role switches into the API roles, which only works for their members.
  for spec in select unnest(array['anon', 'authenticated', 'service_role']) as name loop
    if not pg_has_role('authenticator', spec.name, 'member') then
      begin
        execute format('grant %I to authenticator', spec.name);
      exception when duplicate_object or unique_violation then
        null;
      end;
    end if;
  end loop;
end
$roles$;
`;
/**
 * Everything that lives inside one database. Idempotent (`if not exists`, `or replace`), so it
 * can be applied to a database that already has part of it.
 */
const SUPABASE_DATABASE_SQL = `
create schema if not exists extensions;
create schema if not exists auth;
create schema if not exists storage;
create schema if not exists realtime;

create extension if not exists "uuid-ossp" with schema extensions;
create extension if not exists pgcrypto with schema extensions;

-- The platform puts "extensions" on the search path, so migrations call uuid_generate_v4() or
-- crypt() unqualified. Set on this database only: a provided server's other databases and the
-- cluster-wide role settings stay untouched.
do $search_path$
begin
  execute format('alter database %I set search_path to "$user", public, extensions', current_database());
end
$search_path$;

grant usage on schema public, extensions, auth, storage, realtime to anon, authenticated, service_role;
alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;
alter default privileges in schema public grant all on functions to anon, authenticated, service_role;

-- auth.users: the columns that sign-up triggers and policies read (new.email,
-- new.raw_user_meta_data, ...). Auth writes it; migrations reference it with foreign keys.
create table if not exists auth.users (
  instance_id uuid,
  id uuid not null primary key,
  aud varchar(255),
  role varchar(255),
  email varchar(255),
  encrypted_password varchar(255),
  email_confirmed_at timestamptz,
  invited_at timestamptz,
  confirmation_token varchar(255),
  confirmation_sent_at timestamptz,
  recovery_token varchar(255),
  recovery_sent_at timestamptz,
  email_change_token_new varchar(255),
  email_change varchar(255),
  email_change_sent_at timestamptz,
  last_sign_in_at timestamptz,
  raw_app_meta_data jsonb,
  raw_user_meta_data jsonb,
  is_super_admin boolean,
  created_at timestamptz,
  updated_at timestamptz,
  phone text unique,
  phone_confirmed_at timestamptz,
  phone_change text default '',
  phone_change_token varchar(255) default '',
  phone_change_sent_at timestamptz,
  confirmed_at timestamptz generated always as (least(email_confirmed_at, phone_confirmed_at)) stored,
  email_change_token_current varchar(255) default '',
  email_change_confirm_status smallint default 0,
  banned_until timestamptz,
  reauthentication_token varchar(255) default '',
  reauthentication_sent_at timestamptz,
  is_sso_user boolean not null default false,
  deleted_at timestamptz,
  is_anonymous boolean not null default false
);

create table if not exists auth.identities (
  id uuid not null default gen_random_uuid() primary key,
  provider_id text not null,
  user_id uuid not null references auth.users (id) on delete cascade,
  identity_data jsonb not null,
  provider text not null,
  last_sign_in_at timestamptz,
  created_at timestamptz,
  updated_at timestamptz,
  email text generated always as (lower(identity_data ->> 'email')) stored,
  unique (provider_id, provider)
);

-- PostgREST passes the request's JWT claims as settings; these read them. Older clients set one
-- setting per claim (request.jwt.claim.sub), newer ones all claims as JSON (request.jwt.claims).
create or replace function auth.jwt() returns jsonb
language sql stable
as $fn$
  select coalesce(
    nullif(current_setting('request.jwt.claim', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')
  )::jsonb
$fn$;

create or replace function auth.uid() returns uuid
language sql stable
as $fn$
  select coalesce(
    nullif(current_setting('request.jwt.claim.sub', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub'
  )::uuid
$fn$;

create or replace function auth.role() returns text
language sql stable
as $fn$
  select coalesce(
    nullif(current_setting('request.jwt.claim.role', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role'
  )::text
$fn$;

create or replace function auth.email() returns text
language sql stable
as $fn$
  select coalesce(
    nullif(current_setting('request.jwt.claim.email', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email'
  )::text
$fn$;

-- Storage: migrations insert buckets and write policies on storage.objects using the helpers
-- below, e.g. (storage.foldername(name))[1] = auth.uid()::text.
create table if not exists storage.buckets (
  id text not null primary key,
  name text not null unique,
  owner uuid,
  owner_id text,
  created_at timestamptz default now(),
  updated_at timestamptz default now(),
  public boolean default false,
  avif_autodetection boolean default false,
  file_size_limit bigint,
  allowed_mime_types text[]
);

create table if not exists storage.objects (
  id uuid not null default gen_random_uuid() primary key,
  bucket_id text references storage.buckets (id),
  name text,
  owner uuid,
  owner_id text,
  created_at timestamptz default now(),
  updated_at timestamptz default now(),
  last_accessed_at timestamptz default now(),
  metadata jsonb,
  path_tokens text[] generated always as (string_to_array(name, '/')) stored,
  version text,
  user_metadata jsonb,
  unique (bucket_id, name)
);
alter table storage.objects enable row level security;
alter table storage.buckets enable row level security;
grant all on storage.buckets, storage.objects to anon, authenticated, service_role;

-- Folders of an object path, without the file name: 'a/b/c.png' gives {a,b}.
create or replace function storage.foldername(name text) returns text[]
language sql immutable
as $fn$
  select (string_to_array(name, '/'))[1 : cardinality(string_to_array(name, '/')) - 1]
$fn$;

create or replace function storage.filename(name text) returns text
language sql immutable
as $fn$
  select (string_to_array(name, '/'))[cardinality(string_to_array(name, '/'))]
$fn$;

create or replace function storage.extension(name text) returns text
language sql immutable
as $fn$
  select split_part(storage.filename(name), '.', -1)
$fn$;

-- Realtime: tables join the publication to stream changes; broadcast authorization is written
-- as policies on realtime.messages using realtime.topic().
do $publication$
begin
  if not exists (select 1 from pg_publication where pubname = 'supabase_realtime') then
    create publication supabase_realtime;
  end if;
end
$publication$;

create table if not exists realtime.messages (
  id uuid not null default gen_random_uuid() primary key,
  topic text not null,
  extension text not null,
  payload jsonb,
  event text,
  private boolean default false,
  updated_at timestamp not null default now(),
  inserted_at timestamp not null default now()
);
alter table realtime.messages enable row level security;
grant select, insert, update on realtime.messages to anon, authenticated, service_role;

create or replace function realtime.topic() returns text
language sql stable
as $fn$
  select nullif(current_setting('realtime.topic', true), '')::text
$fn$;

-- Broadcast from the database (realtime.send / broadcast_changes): a message row, as the platform writes it.
create or replace function realtime.send(payload jsonb, event text, topic text, private boolean default true) returns void
language plpgsql
as $fn$
begin
  insert into realtime.messages (topic, extension, payload, event, private) values (topic, 'broadcast', payload, event, private);
end
$fn$;

create or replace function realtime.broadcast_changes(topic_name text, event_name text, operation text, table_name text, table_schema text, new record, old record, level text default 'ROW') returns void
language plpgsql
as $fn$
begin
  perform realtime.send(
    jsonb_build_object('operation', operation, 'table', table_name, 'schema', table_schema, 'record', to_jsonb(new), 'old_record', to_jsonb(old)),
    event_name, topic_name, true);
end
$fn$;
grant execute on function realtime.send(jsonb, text, text, boolean), realtime.broadcast_changes(text, text, text, text, text, record, record, text) to anon, authenticated, service_role;

-- Auth's other tables that policies and hooks read: sessions and MFA factors (assurance level checks).
do $auth_types$
begin
  if not exists (select 1 from pg_type where typname = 'aal_level' and typnamespace = 'auth'::regnamespace) then
    create type auth.aal_level as enum ('aal1', 'aal2', 'aal3');
  end if;
  if not exists (select 1 from pg_type where typname = 'factor_type' and typnamespace = 'auth'::regnamespace) then
    create type auth.factor_type as enum ('totp', 'webauthn', 'phone');
  end if;
  if not exists (select 1 from pg_type where typname = 'factor_status' and typnamespace = 'auth'::regnamespace) then
    create type auth.factor_status as enum ('unverified', 'verified');
  end if;
end
$auth_types$;

create table if not exists auth.mfa_factors (
  id uuid not null primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  friendly_name text,
  factor_type auth.factor_type not null,
  status auth.factor_status not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  secret text,
  phone text,
  last_challenged_at timestamptz unique,
  web_authn_credential jsonb,
  web_authn_aaguid uuid
);

create table if not exists auth.sessions (
  id uuid not null primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  created_at timestamptz,
  updated_at timestamptz,
  factor_id uuid,
  aal auth.aal_level,
  not_after timestamptz,
  refreshed_at timestamp,
  user_agent text,
  ip inet,
  tag text
);

create table if not exists auth.refresh_tokens (
  instance_id uuid,
  id bigserial primary key,
  token varchar(255) unique,
  user_id varchar(255),
  revoked boolean,
  created_at timestamptz,
  updated_at timestamptz,
  parent varchar(255),
  session_id uuid references auth.sessions (id) on delete cascade
);

create table if not exists auth.mfa_challenges (
  id uuid not null primary key,
  factor_id uuid not null references auth.mfa_factors (id) on delete cascade,
  created_at timestamptz not null,
  verified_at timestamptz,
  ip_address inet not null,
  otp_code text,
  web_authn_session_data jsonb
);

create table if not exists auth.mfa_amr_claims (
  id uuid not null primary key,
  session_id uuid not null references auth.sessions (id) on delete cascade,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  authentication_method text not null,
  unique (session_id, authentication_method)
);

create table if not exists auth.audit_log_entries (
  instance_id uuid,
  id uuid not null primary key,
  payload json,
  created_at timestamptz,
  ip_address varchar(64) not null default ''
);

-- The API schema PostgREST exposes for GraphQL; it calls pg_graphql when the project has it.
create schema if not exists graphql_public;
grant usage on schema graphql_public to anon, authenticated, service_role;
create or replace function graphql_public.graphql("operationName" text default null, query text default null, variables jsonb default null, extensions jsonb default null) returns jsonb
language plpgsql
as $fn$
begin
  return graphql.resolve(query => query, variables => coalesce(variables, '{}'), "operationName" => "operationName", extensions => extensions);
end
$fn$;

-- Database webhooks: triggers call supabase_functions.http_request(url, method, headers, params, timeout_ms).
create schema if not exists supabase_functions;
grant usage on schema supabase_functions to postgres, anon, authenticated, service_role;
create table if not exists supabase_functions.hooks (
  id bigserial primary key,
  hook_table_id integer not null,
  hook_name text not null,
  created_at timestamptz not null default now(),
  request_id bigint
);
create or replace function supabase_functions.http_request() returns trigger
language plpgsql
as $fn$
begin
  -- The platform posts the row to TG_ARGV[0]; a replay has nowhere to send it.
  return new;
end
$fn$;

-- Extensions the platform creates in every project, where this server has them (real or emulated).
do $preinstalled$
declare
  wanted record;
begin
  for wanted in select * from (values ${SUPABASE_BASELINE_EXTENSIONS.map((e) => `('${e.name}', '${e.schema}')`).join(', ')}) as w(name, schema_name)
  loop
    if exists (select 1 from pg_available_extensions where name = wanted.name) and not exists (select 1 from pg_extension where extname = wanted.name) then
      begin
        execute format('create schema if not exists %I', wanted.schema_name);
        execute format('create extension if not exists %I with schema %I', wanted.name, wanted.schema_name);
      exception when others then
        -- A provided server's user may not create it: migrations that need it say so when they run.
        null;
      end;
    end if;
  end loop;
end
$preinstalled$;
`;
/**
 * A folder of migrations belongs to a Supabase project when it sits inside a `supabase/`
 * folder, or when the repository it is in (up to the folder holding `.git`) has
 * `supabase/config.toml`.
 */
function isSupabaseProject(migrationsDir) {
    const absolute = node_path__WEBPACK_IMPORTED_MODULE_1__.resolve(migrationsDir);
    if (absolute.split(node_path__WEBPACK_IMPORTED_MODULE_1__.sep).includes('supabase'))
        return true;
    let dir = absolute;
    for (;;) {
        if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(node_path__WEBPACK_IMPORTED_MODULE_1__.join(dir, 'supabase', 'config.toml')))
            return true;
        const parent = node_path__WEBPACK_IMPORTED_MODULE_1__.dirname(dir);
        if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(node_path__WEBPACK_IMPORTED_MODULE_1__.join(dir, '.git')) || parent === dir)
            return false;
        dir = parent;
    }
}


/***/ })

};
;