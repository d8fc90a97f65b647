/**
 * pg_cron 1.6 (Supabase ships 1.6.4), emulated in PL/pgSQL.
 *
 * Its tables (`cron.job`, `cron.job_run_details`, their sequences, row level security and
 * policies) and its functions with their real signatures, from pg_cron.sql and its update
 * scripts up to 1.6. `cron.schedule` really records the job: it checks the schedule as pg_cron's
 * parser does (five cron fields with ranges, steps, lists and month/day names, `$` for the last
 * day of the month, `@daily`-style macros, or '[1-59] seconds'), inserts or updates the row
 * and returns its job id; `unschedule` and `alter_job` change it, with pg_cron's error
 * messages. No job ever runs: there is no background worker.
 *
 * The control file fixes schema pg_catalog, as pg_cron's does: `create extension pg_cron with
 * schema pg_catalog` (Supabase's dumps) works and any other schema is refused. Privileges are
 * Supabase's (its pg_cron after-create script): `postgres` may use schema cron and every
 * function, may only read `cron.job`, and has all rights on `cron.job_run_details`.
 *
 * pg_cron's C functions write `cron.job` as the extension's owner. Without SECURITY DEFINER,
 * the emulation does that through `cron._emulation_job_writer`, a view owned by the superuser
 * that only `postgres` may write: a migration's own `insert into cron.job` is still refused as
 * on Supabase. The view and `cron._emulation_schedule_is_valid` are the emulation's only
 * additions to the schema.
 */
import type { ExtensionEmulation } from './types';

/** pg_cron's schedule parser (Vixie cron's entry.c plus its seconds interval), as a boolean check. */
const SCHEDULE_CHECK = `
create function cron._emulation_schedule_is_valid(schedule text) returns boolean
language plpgsql immutable strict as $fn$
declare
  s text := schedule;
  p int := 1;
  lows constant int[] := '{0,0,1,1,0}';
  highs constant int[] := '{59,23,31,12,7}';
  months constant text[] := '{jan,feb,mar,apr,may,jun,jul,aug,sep,oct,nov,dec}';
  days constant text[] := '{sun,mon,tue,wed,thu,fri,sat}';
  field int;
  word text;
  first_value int;
  last_value int;
  step int;
begin
  if pg_catalog.length(s) >= 1000 then
    return false;
  end if;
  -- "[1-59] seconds" (sscanf " %u secon%c%c %c" in pg_cron): "second" ends the text, "seconds" may be followed by spaces.
  if s ~* '^\\s*[0-9]{1,9}\\s*(second|seconds\\s*)$' then
    first_value := pg_catalog.substring(s, '[0-9]+')::int;
    return first_value between 1 and 59;
  end if;
  -- Blank and comment lines before the entry are skipped.
  p := p + pg_catalog.length(pg_catalog.substring(s, '^(?:[ \\t]*(?:#[^\\n]*)?\\n)*[ \\t]*'));
  if pg_catalog.substr(s, p, 1) = '@' then
    word := pg_catalog.substring(pg_catalog.substr(s, p + 1), '^[^ \\t\\n]*');
    return coalesce(word in ('reboot', 'restart', 'yearly', 'annually', 'monthly', 'weekly', 'daily', 'midnight', 'hourly'), false);
  end if;
  for field in 1 .. 5 loop
    if field = 3 and pg_catalog.substr(s, p, 1) = '$' then
      if pg_catalog.substr(s, p + 1, 1) not in (' ', E'\\t') then
        return false;
      end if;
      p := p + 1 + pg_catalog.length(pg_catalog.substring(pg_catalog.substr(s, p + 1), '^[ \\t]*'));
      continue;
    end if;
    loop
      if pg_catalog.substr(s, p, 1) = '*' then
        first_value := lows[field];
        last_value := highs[field];
        p := p + 1;
      else
        word := pg_catalog.substring(pg_catalog.substr(s, p), '^[A-Za-z0-9]{1,9}(?![A-Za-z0-9])');
        first_value := case
          when word ~ '^[0-9]+$' then word::int
          when field = 4 then pg_catalog.array_position(months, pg_catalog.lower(word))
          when field = 5 then pg_catalog.array_position(days, pg_catalog.lower(word)) - 1
        end;
        if first_value is null then
          return false;
        end if;
        p := p + pg_catalog.length(word);
        last_value := null;
        if pg_catalog.substr(s, p, 1) = '-' then
          word := pg_catalog.substring(pg_catalog.substr(s, p + 1), '^[A-Za-z0-9]{1,9}(?![A-Za-z0-9])');
          last_value := case
            when word ~ '^[0-9]+$' then word::int
            when field = 4 then pg_catalog.array_position(months, pg_catalog.lower(word))
            when field = 5 then pg_catalog.array_position(days, pg_catalog.lower(word)) - 1
          end;
          if last_value is null then
            return false;
          end if;
          p := p + 1 + pg_catalog.length(word);
        elsif pg_catalog.substr(s, p, 1) = '/' then
          return false; -- a step needs a range: "1/20" is refused
        elsif first_value not between lows[field] and highs[field] then
          return false;
        end if;
      end if;
      if last_value is not null then
        step := 1;
        if pg_catalog.substr(s, p, 1) = '/' then
          word := pg_catalog.substring(pg_catalog.substr(s, p + 1), '^[0-9]{1,9}(?![A-Za-z0-9])');
          if word is null then
            return false;
          end if;
          step := word::int;
          p := p + 1 + pg_catalog.length(word);
        end if;
        if first_value not between lows[field] and highs[field] or last_value not between lows[field] and highs[field]
           or step not between 1 and highs[field] then
          return false;
        end if;
      end if;
      exit when pg_catalog.substr(s, p, 1) <> ',';
      p := p + 1;
    end loop;
    -- Whatever follows a list up to the next blank is skipped, then the blanks.
    p := p + pg_catalog.length(pg_catalog.substring(pg_catalog.substr(s, p), '^[^ \\t\\n]*'));
    p := p + pg_catalog.length(pg_catalog.substring(pg_catalog.substr(s, p), '^[ \\t]*'));
  end loop;
  return true;
end
$fn$;
`;

/** Checks shared by schedule, schedule_in_database and alter_job, raised as pg_cron raises them. */
const CHECKS = {
  schedule: `
  if not cron._emulation_schedule_is_valid(schedule) then
    raise exception using errcode = '22023', message = pg_catalog.format('invalid schedule: %s', schedule),
      hint = 'Use cron format (e.g. 5 4 * * *), or interval format ''[1-59] seconds''';
  end if;`,
  database: (variable: string) => `
  if not exists (select 1 from pg_catalog.pg_database d where d.datname = ${variable}) then
    raise exception using errcode = '3D000', message = pg_catalog.format('database "%s" does not exist', ${variable});
  end if;
  if not pg_catalog.has_database_privilege(current_user, ${variable}, 'CONNECT') then
    raise exception 'User % does not have CONNECT privilege on %', current_user, ${variable};
  end if;`,
  notNull: (argument: string) => `
  if ${argument} is null then
    raise exception '${argument} can not be NULL';
  end if;`,
};

/** The database jobs run in when none is named: pg_cron's cron.database_name setting (default postgres). */
const DEFAULT_DATABASE = `coalesce(pg_catalog.current_setting('cron.database_name', true), 'postgres')`;

/**
 * Upsert by (jobname, username), as pg_cron's "on conflict on constraint jobname_username_uniq
 * do update set schedule, command, database". Reads the v_* variables its callers declare.
 */
const UPSERT_NAMED_JOB = `
  update cron._emulation_job_writer j
  set schedule = v_schedule, command = v_command, database = v_database
  where j.jobname = v_job_name and j.username = current_user
  returning j.jobid into id;
  if id is null then
    insert into cron._emulation_job_writer (schedule, command, nodename, nodeport, database, username, active, jobname)
    values (v_schedule, v_command, 'localhost', pg_catalog.current_setting('port')::int, v_database, current_user, v_active, v_job_name)
    returning jobid into id;
  end if;
  return id;`;

const SCRIPT = `
-- migration-gate: an emulation of pg_cron 1.6 for the dry-run (see pg-cron.ts).

create schema cron;

create sequence cron.jobid_seq;
create table cron.job (
  jobid bigint primary key default pg_catalog.nextval('cron.jobid_seq'),
  schedule text not null,
  command text not null,
  nodename text not null default 'localhost',
  nodeport int not null default pg_catalog.inet_server_port(),
  database text not null default pg_catalog.current_database(),
  username text not null default current_user,
  active boolean not null default true,
  jobname text
);
create unique index jobname_username_idx on cron.job (jobname, username);
alter table cron.job add constraint jobname_username_uniq unique using index jobname_username_idx;
grant select on cron.job to public;
alter table cron.job enable row level security;
create policy cron_job_policy on cron.job using (username operator(pg_catalog.=) current_user);

create sequence cron.runid_seq;
create table cron.job_run_details (
  jobid bigint,
  runid bigint primary key default pg_catalog.nextval('cron.runid_seq'),
  job_pid integer,
  database text,
  username text,
  command text,
  status text,
  return_message text,
  start_time timestamp with time zone,
  end_time timestamp with time zone
);
grant select, delete on cron.job_run_details to public;
alter table cron.job_run_details enable row level security;
create policy cron_job_run_details_policy on cron.job_run_details using (username operator(pg_catalog.=) current_user);
grant select on sequence cron.jobid_seq, cron.runid_seq to public;

-- Writes to cron.job with its owner's rights, as pg_cron's C functions do (see pg-cron.ts).
create view cron._emulation_job_writer with (security_barrier) as select * from cron.job;
comment on view cron._emulation_job_writer is 'migration-gate: how the emulated pg_cron functions write cron.job (not part of pg_cron)';

create function cron.job_cache_invalidate() returns trigger language plpgsql as $fn$
begin
  return null; -- pg_cron tells its background worker to reload the jobs; there is none here
end
$fn$;
comment on function cron.job_cache_invalidate() is 'invalidate job cache';
create trigger cron_job_cache_invalidate after insert or update or delete or truncate on cron.job
  for statement execute procedure cron.job_cache_invalidate();
${SCHEDULE_CHECK}
create function cron.schedule(schedule text, command text) returns bigint language plpgsql strict as $fn$
declare
  id bigint;
begin${CHECKS.schedule}
  insert into cron._emulation_job_writer (schedule, command, nodename, nodeport, database, username, active)
  values (schedule, command, 'localhost', pg_catalog.current_setting('port')::int, ${DEFAULT_DATABASE}, current_user, true)
  returning jobid into id;
  return id;
end
$fn$;
comment on function cron.schedule(text, text) is 'schedule a pg_cron job';

create function cron.schedule(job_name text, schedule text, command text) returns bigint language plpgsql as $fn$
declare
  v_job_name text := $1;
  v_schedule text := $2;
  v_command text := $3;
  v_database text := ${DEFAULT_DATABASE};
  v_active boolean := true;
  id bigint;
begin${CHECKS.notNull('job_name')}${CHECKS.notNull('schedule')}${CHECKS.notNull('command')}${CHECKS.schedule}${UPSERT_NAMED_JOB}
end
$fn$;
comment on function cron.schedule(text, text, text) is 'schedule a pg_cron job';

create function cron.schedule_in_database(
  job_name text,
  schedule text,
  command text,
  database text,
  username text default null,
  active boolean default 'true'
) returns bigint language plpgsql as $fn$
declare
  v_job_name text := $1;
  v_schedule text := $2;
  v_command text := $3;
  v_database text := coalesce($4, ${DEFAULT_DATABASE});
  v_active boolean := coalesce($6, true);
  id bigint;
begin${CHECKS.notNull('job_name')}${CHECKS.notNull('schedule')}${CHECKS.notNull('command')}${CHECKS.schedule}
  if username is not null and not (select r.rolsuper from pg_catalog.pg_roles r where r.rolname = current_user) then
    raise exception 'must be superuser to create a job for another role';
  end if;${CHECKS.database('v_database')}${UPSERT_NAMED_JOB}
end
$fn$;
comment on function cron.schedule_in_database(text, text, text, text, text, boolean) is 'schedule a pg_cron job';
revoke all on function cron.schedule_in_database(text, text, text, text, text, boolean) from public;

create function cron.unschedule(job_id bigint) returns boolean language plpgsql strict as $fn$
declare
  owner text;
begin
  select j.username into owner from cron._emulation_job_writer j where j.jobid = job_id;
  if not found then
    raise exception 'could not find valid entry for job %', job_id;
  end if;
  if owner is distinct from current_user and not pg_catalog.has_table_privilege('cron.job', 'DELETE') then
    raise exception using errcode = '42501', message = 'permission denied for table job';
  end if;
  delete from cron._emulation_job_writer j where j.jobid = job_id;
  return true;
end
$fn$;
comment on function cron.unschedule(bigint) is 'unschedule a pg_cron job';

create function cron.unschedule(job_name text) returns boolean language plpgsql strict as $fn$
declare
  id bigint;
begin
  select j.jobid into id from cron._emulation_job_writer j where j.jobname = job_name and j.username = current_user limit 1;
  if not found then
    raise exception 'could not find valid entry for job ''%''', job_name;
  end if;
  delete from cron._emulation_job_writer j where j.jobid = id;
  return true;
end
$fn$;
comment on function cron.unschedule(text) is 'unschedule a pg_cron job';

create function cron.alter_job(
  job_id bigint,
  schedule text default null,
  command text default null,
  database text default null,
  username text default null,
  active boolean default null
) returns void language plpgsql as $fn$
declare
  is_superuser boolean := (select r.rolsuper from pg_catalog.pg_roles r where r.rolname = current_user);
begin${CHECKS.notNull('job_id')}
  if username is not null and not is_superuser then
    raise exception 'must be superuser to alter username';
  end if;
  if database is not null then${CHECKS.database('database')}
  end if;
  if schedule is not null then${CHECKS.schedule}
  end if;
  if pg_catalog.num_nonnulls(schedule, command, database, username, active) = 0 then
    raise exception 'no updates specified' using hint = 'You must specify at least one job attribute to change when calling alter_job';
  end if;
  update cron._emulation_job_writer j
  set schedule = coalesce(alter_job.schedule, j.schedule),
      command = coalesce(alter_job.command, j.command),
      database = coalesce(alter_job.database, j.database),
      username = coalesce(alter_job.username, j.username),
      active = coalesce(alter_job.active, j.active)
  where j.jobid = job_id and (is_superuser or j.username = current_user);
  if not found then
    raise exception 'Job % does not exist or you don''t own it', job_id;
  end if;
end
$fn$;
comment on function cron.alter_job(bigint, text, text, text, text, boolean) is 'Alter the job identified by job_id. Any option left as NULL will not be modified.';
revoke all on function cron.alter_job(bigint, text, text, text, text, boolean) from public;

-- Supabase's after-create script for pg_cron.
grant usage on schema cron to postgres with grant option;
grant all on all functions in schema cron to postgres with grant option;
alter default privileges in schema cron grant all on sequences to postgres with grant option;
alter default privileges in schema cron grant all on tables to postgres with grant option;
alter default privileges in schema cron grant all on functions to postgres with grant option;
grant all privileges on all tables in schema cron to postgres with grant option;
revoke all on table cron.job from postgres;
grant select on table cron.job to postgres with grant option;
revoke all on cron._emulation_job_writer from postgres;
grant select, insert, update, delete on cron._emulation_job_writer to postgres;
grant usage on sequence cron.jobid_seq to postgres;
`;

export const PG_CRON_EMULATION: ExtensionEmulation = {
  name: 'pg_cron',
  version: '1.6',
  comment: 'migration-gate emulation of pg_cron 1.6 (jobs are recorded, never run)',
  relocatable: false,
  schema: 'pg_catalog',
  behaviour: "its tables and functions; jobs are recorded in cron.job and schedules checked as pg_cron checks them, but no job runs",
  script: SCRIPT,
  objects: { schemas: ['cron'] },
  source: 'https://github.com/citusdata/pg_cron/blob/v1.6.4/pg_cron.sql (and its update scripts to 1.6)',
};
