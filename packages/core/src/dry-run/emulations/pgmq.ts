/**
 * pgmq 1.5.1, the message queue Supabase ships (Queues), emulated in SQL and PL/pgSQL.
 *
 * pgmq is itself written in SQL, so the emulation behaves like it: `pgmq.create('jobs')` makes
 * the queue table `pgmq.q_jobs` and the archive `pgmq.a_jobs` (members of the extension, as
 * the real one adds them), `send` inserts, `read` hides messages for `vt` seconds, `archive`
 * moves them, `metrics` counts them. Signatures, defaults, return types and error messages are
 * those of pgmq 1.5.1's install script (pgmq-extension/sql/pgmq.sql at tag v1.5.1); the bodies
 * are written for this project.
 *
 * Like the real control file it is `superuser = false` (Supabase leaves it off supautils'
 * privileged list for that reason): the migration's own role runs the script and owns the
 * schema, `pgmq.meta` and every queue table, so its later grants on them work as on Supabase.
 *
 * Partitioned queues need pg_partman, which the dry-run only stands in for: `create_partitioned`
 * refuses without it exactly like pgmq, and with it makes range-partitioned tables with a
 * default partition (what `partman.create_parent` starts from) instead of calling pg_partman.
 */
import type { ExtensionEmulation } from './types';

/** The queue and archive tables' columns (message_record's shape, plus archived_at). */
const QUEUE_COLUMNS = `
        msg_id bigint primary key generated always as identity,
        read_ct int default 0 not null,
        enqueued_at timestamp with time zone default pg_catalog.now() not null,
        vt timestamp with time zone not null,
        message jsonb,
        headers jsonb`;
const ARCHIVE_COLUMNS = `
        msg_id bigint primary key,
        read_ct int default 0 not null,
        enqueued_at timestamp with time zone default pg_catalog.now() not null,
        archived_at timestamp with time zone default pg_catalog.now() not null,
        vt timestamp with time zone not null,
        message jsonb,
        headers jsonb`;

/** Registers a queue's tables with the extension, as pgmq does, so `drop extension` takes them along. */
function adoptTables(tables: 'both' | 'queue' | 'archive'): string {
  const queue = `
    if not @extschema@._belongs_to_pgmq(qtable) then
      execute pg_catalog.format('alter extension pgmq add table @extschema@.%I', qtable);
      execute pg_catalog.format('alter extension pgmq add sequence @extschema@.%I', qtable || '_msg_id_seq');
    end if;`;
  const archive = `
    if not @extschema@._belongs_to_pgmq(atable) then
      execute pg_catalog.format('alter extension pgmq add table @extschema@.%I', atable);
    end if;`;
  const body = tables === 'both' ? queue + archive : tables === 'queue' ? queue : archive;
  return `  if @extschema@._extension_exists('pgmq') then${body}
  end if;`;
}

/** create_non_partitioned and create_unlogged differ only in the queue table's persistence. */
function createQueueFunction(name: string, unlogged: boolean): string {
  return `
create function @extschema@.${name}(queue_name text) returns void language plpgsql as $fn$
declare
  qtable text := @extschema@.format_table_name(queue_name, 'q');
  atable text := @extschema@.format_table_name(queue_name, 'a');
begin
  perform @extschema@.validate_queue_name(queue_name);
  execute pg_catalog.format('create ${unlogged ? 'unlogged ' : ''}table if not exists @extschema@.%I (${QUEUE_COLUMNS})', qtable);
  execute pg_catalog.format('create table if not exists @extschema@.%I (${ARCHIVE_COLUMNS})', atable);
${adoptTables('both')}
  execute pg_catalog.format('create index if not exists %I on @extschema@.%I (vt asc)', qtable || '_vt_idx', qtable);
  execute pg_catalog.format('create index if not exists %I on @extschema@.%I (archived_at)', 'archived_at_idx_' || queue_name, atable);
  insert into @extschema@.meta (queue_name, is_partitioned, is_unlogged) values (queue_name, false, ${unlogged}) on conflict do nothing;
end
$fn$;`;
}

/** The SQL-language send/send_batch overloads: each fills in headers and delay and calls the full form. */
function sendOverloads(name: 'send' | 'send_batch', message: string, headers: string): string {
  const call = (h: string, delay: string) => `select * from @extschema@.${name}(queue_name, ${message.split(' ')[0]}, ${h}, ${delay})`;
  const inSeconds = 'pg_catalog.clock_timestamp() + pg_catalog.make_interval(secs => delay)';
  const overloads: [string, string][] = [
    [`queue_name text, ${message}`, call('null', 'pg_catalog.clock_timestamp()')],
    [`queue_name text, ${message}, ${headers}`, call('headers', 'pg_catalog.clock_timestamp()')],
    [`queue_name text, ${message}, delay integer`, call('null', inSeconds)],
    [`queue_name text, ${message}, delay timestamp with time zone`, call('null', 'delay')],
    [`queue_name text, ${message}, ${headers}, delay integer`, call('headers', inSeconds)],
  ];
  return overloads.map(([args, body]) => `
create function @extschema@.${name}(${args}) returns setof bigint language sql as $fn$
  ${body};
$fn$;`).join('');
}

const SCRIPT = `
-- migration-gate: an emulation of pgmq 1.5.1 for the dry-run (see pgmq.ts).

create table @extschema@.meta (
  queue_name varchar unique not null,
  is_partitioned boolean not null,
  is_unlogged boolean not null,
  created_at timestamp with time zone default pg_catalog.now() not null
);

grant usage on schema @extschema@ to pg_monitor;
grant select on all tables in schema @extschema@ to pg_monitor;
grant select on all sequences in schema @extschema@ to pg_monitor;
alter default privileges in schema @extschema@ grant select on tables to pg_monitor;
alter default privileges in schema @extschema@ grant select on sequences to pg_monitor;

create type @extschema@.message_record as (
  msg_id bigint,
  read_ct integer,
  enqueued_at timestamp with time zone,
  vt timestamp with time zone,
  message jsonb,
  headers jsonb
);

create type @extschema@.queue_record as (
  queue_name varchar,
  is_partitioned boolean,
  is_unlogged boolean,
  created_at timestamp with time zone
);

create type @extschema@.metrics_result as (
  queue_name text,
  queue_length bigint,
  newest_msg_age_sec int,
  oldest_msg_age_sec int,
  total_messages bigint,
  scrape_time timestamp with time zone,
  queue_visible_length bigint
);

create function @extschema@.format_table_name(queue_name text, prefix text) returns text language plpgsql as $fn$
begin
  if queue_name ~ '\\$|;|--|''' then
    raise exception 'queue name contains invalid characters: $, ;, --, or \\''';
  end if;
  return pg_catalog.lower(prefix || '_' || queue_name);
end
$fn$;

create function @extschema@.validate_queue_name(queue_name text) returns void language plpgsql as $fn$
begin
  if pg_catalog.length(queue_name) >= 48 then
    raise exception 'queue name is too long, maximum length is 48 characters';
  end if;
end
$fn$;

create function @extschema@._extension_exists(extension_name text) returns boolean language sql as $fn$
  select exists (select 1 from pg_catalog.pg_extension where extname = extension_name)
$fn$;

create function @extschema@._belongs_to_pgmq(table_name text) returns boolean language plpgsql as $fn$
begin
  return exists (
    select 1
    from pg_catalog.pg_depend d
    join pg_catalog.pg_extension e on e.oid = d.refobjid and e.extname = 'pgmq'
    join pg_catalog.pg_class c on c.oid = d.objid and c.relname = _belongs_to_pgmq.table_name
    where d.deptype = 'e'
  );
end
$fn$;

create function @extschema@._get_pg_partman_schema() returns text language sql as $fn$
  select extnamespace::pg_catalog.regnamespace::text from pg_catalog.pg_extension where extname = 'pg_partman'
$fn$;

create function @extschema@._get_pg_partman_major_version() returns int language sql as $fn$
  select pg_catalog.split_part(extversion, '.', 1)::int from pg_catalog.pg_extension where extname = 'pg_partman'
$fn$;

create function @extschema@._ensure_pg_partman_installed() returns void language plpgsql as $fn$
begin
  if not @extschema@._extension_exists('pg_partman') then
    raise exception 'pg_partman is required for partitioned queues';
  end if;
end
$fn$;

create function @extschema@._get_partition_col(partition_interval text) returns text language plpgsql as $fn$
begin
  -- A number partitions by message id, anything else (an interval) by enqueue time.
  perform partition_interval::int;
  return 'msg_id';
exception when others then
  return 'enqueued_at';
end
$fn$;
${createQueueFunction('create_non_partitioned', false)}
${createQueueFunction('create_unlogged', true)}

create function @extschema@."create"(queue_name text) returns void language plpgsql as $fn$
begin
  perform @extschema@.create_non_partitioned(queue_name);
end
$fn$;

create function @extschema@.create_partitioned(
  queue_name text,
  partition_interval text default '10000',
  retention_interval text default '100000'
) returns void language plpgsql as $fn$
declare
  qtable text := @extschema@.format_table_name(queue_name, 'q');
  atable text := @extschema@.format_table_name(queue_name, 'a');
  partition_col text;
  archive_col text;
begin
  perform @extschema@.validate_queue_name(queue_name);
  perform @extschema@._ensure_pg_partman_installed();
  partition_col := @extschema@._get_partition_col(partition_interval);
  archive_col := case when partition_col = 'enqueued_at' then 'archived_at' else partition_col end;
  -- pg_partman's create_parent starts a partition set with a default partition: the emulation
  -- makes that one and leaves the time or id ranges (and retention) to the real pg_partman.
  execute pg_catalog.format('create table if not exists @extschema@.%I (${QUEUE_COLUMNS.replace(' primary key', '')}) partition by range (%I)', qtable, partition_col);
  execute pg_catalog.format('create table if not exists @extschema@.%I partition of @extschema@.%I default', qtable || '_default', qtable);
${adoptTables('queue')}
  execute pg_catalog.format('create index if not exists %I on @extschema@.%I (%I)', qtable || '_part_idx', qtable, partition_col);
  insert into @extschema@.meta (queue_name, is_partitioned, is_unlogged) values (queue_name, true, false) on conflict do nothing;
  execute pg_catalog.format('create table if not exists @extschema@.%I (${ARCHIVE_COLUMNS.replace(' primary key', ' not null')}) partition by range (%I)', atable, archive_col);
  execute pg_catalog.format('create table if not exists @extschema@.%I partition of @extschema@.%I default', atable || '_default', atable);
${adoptTables('archive')}
  execute pg_catalog.format('create index if not exists %I on @extschema@.%I (archived_at)', 'archived_at_idx_' || queue_name, atable);
end
$fn$;

create function @extschema@.convert_archive_partitioned(
  table_name text,
  partition_interval text default '10000',
  retention_interval text default '100000',
  leading_partition int default 10
) returns void language plpgsql as $fn$
declare
  atable text := @extschema@.format_table_name(table_name, 'a');
  kind "char";
begin
  select c.relkind into kind from pg_catalog.pg_class c where c.relname = atable and c.relnamespace = '@extschema@'::regnamespace;
  if kind = 'p' then
    raise notice 'Table %s is already partitioned', atable;
    return;
  elsif kind is distinct from 'r' then
    raise notice 'Table %s does not exists', atable;
    return;
  end if;
  execute pg_catalog.format('alter table @extschema@.%I rename to %I', atable, atable || '_old');
  execute pg_catalog.format('create table @extschema@.%I (like @extschema@.%I including all) partition by range (msg_id)', atable, atable || '_old');
  execute pg_catalog.format('alter index @extschema@.%I rename to %I', 'archived_at_idx_' || table_name, 'archived_at_idx_' || table_name || '_old');
  execute pg_catalog.format('create index %I on @extschema@.%I (archived_at)', 'archived_at_idx_' || table_name, atable);
  -- pgmq hands the new table to pg_partman here, which fails the same way when it is absent.
  perform pg_catalog.format('%I', @extschema@._get_pg_partman_schema());
  execute pg_catalog.format('create table @extschema@.%I partition of @extschema@.%I default', atable || '_default', atable);
end
$fn$;

create function @extschema@.send(queue_name text, msg jsonb, headers jsonb, delay timestamp with time zone)
returns setof bigint language plpgsql as $fn$
begin
  return query execute pg_catalog.format(
    'insert into @extschema@.%I (vt, message, headers) values ($1, $2, $3) returning msg_id',
    @extschema@.format_table_name(queue_name, 'q')
  ) using delay, msg, headers;
end
$fn$;
${sendOverloads('send', 'msg jsonb', 'headers jsonb')}

create function @extschema@.send_batch(queue_name text, msgs jsonb[], headers jsonb[], delay timestamp with time zone)
returns setof bigint language plpgsql as $fn$
begin
  return query execute pg_catalog.format(
    'insert into @extschema@.%I (vt, message, headers)
     select $1, pg_catalog.unnest($2), pg_catalog.unnest(coalesce($3, array[]::jsonb[]))
     returning msg_id',
    @extschema@.format_table_name(queue_name, 'q')
  ) using delay, msgs, headers;
end
$fn$;
${sendOverloads('send_batch', 'msgs jsonb[]', 'headers jsonb[]')}

create function @extschema@.read(queue_name text, vt integer, qty integer, conditional jsonb default '{}')
returns setof @extschema@.message_record language plpgsql as $fn$
begin
  return query execute pg_catalog.format(
    $q$
    with visible as (
      select msg_id from @extschema@.%I
      where vt <= pg_catalog.clock_timestamp() and (coalesce($2, '{}'::jsonb) = '{}'::jsonb or message @> $2)
      order by msg_id
      limit $1
      for update skip locked
    )
    update @extschema@.%I m
    set vt = pg_catalog.clock_timestamp() + $3, read_ct = m.read_ct + 1
    from visible
    where m.msg_id = visible.msg_id
    returning m.msg_id, m.read_ct, m.enqueued_at, m.vt, m.message, m.headers
    $q$,
    @extschema@.format_table_name(queue_name, 'q'), @extschema@.format_table_name(queue_name, 'q')
  ) using qty, conditional, pg_catalog.make_interval(secs => vt);
end
$fn$;

create function @extschema@.read_with_poll(
  queue_name text,
  vt integer,
  qty integer,
  max_poll_seconds integer default 5,
  poll_interval_ms integer default 100,
  conditional jsonb default '{}'
) returns setof @extschema@.message_record language plpgsql as $fn$
declare
  stop_at timestamp with time zone := pg_catalog.clock_timestamp() + pg_catalog.make_interval(secs => max_poll_seconds);
  message @extschema@.message_record;
  found_any boolean;
begin
  loop
    if pg_catalog.clock_timestamp() >= stop_at then
      return;
    end if;
    found_any := false;
    for message in select * from @extschema@.read(queue_name, read_with_poll.vt, qty, conditional) loop
      found_any := true;
      return next message;
    end loop;
    if found_any then
      return;
    end if;
    perform pg_catalog.pg_sleep(poll_interval_ms::numeric / 1000);
  end loop;
end
$fn$;

create function @extschema@.pop(queue_name text) returns setof @extschema@.message_record language plpgsql as $fn$
declare
  qtable text := @extschema@.format_table_name(queue_name, 'q');
begin
  return query execute pg_catalog.format(
    $q$
    with first_visible as (
      select msg_id from @extschema@.%I
      where vt <= pg_catalog.clock_timestamp()
      order by msg_id
      limit 1
      for update skip locked
    )
    delete from @extschema@.%I where msg_id = (select msg_id from first_visible)
    returning *
    $q$,
    qtable, qtable
  );
end
$fn$;

create function @extschema@.set_vt(queue_name text, msg_id bigint, vt integer)
returns setof @extschema@.message_record language plpgsql as $fn$
begin
  return query execute pg_catalog.format(
    'update @extschema@.%I set vt = pg_catalog.clock_timestamp() + $1 where msg_id = $2 returning *',
    @extschema@.format_table_name(queue_name, 'q')
  ) using pg_catalog.make_interval(secs => vt), msg_id;
end
$fn$;

create function @extschema@.archive(queue_name text, msg_id bigint) returns boolean language plpgsql as $fn$
declare
  moved bigint;
begin
  select a into moved from @extschema@.archive(queue_name, array[msg_id]) a;
  return moved is not null;
end
$fn$;

create function @extschema@.archive(queue_name text, msg_ids bigint[]) returns setof bigint language plpgsql as $fn$
begin
  return query execute pg_catalog.format(
    $q$
    with moved as (
      delete from @extschema@.%I where msg_id = any($1)
      returning msg_id, vt, read_ct, enqueued_at, message, headers
    )
    insert into @extschema@.%I (msg_id, vt, read_ct, enqueued_at, message, headers)
    select msg_id, vt, read_ct, enqueued_at, message, headers from moved
    returning msg_id
    $q$,
    @extschema@.format_table_name(queue_name, 'q'), @extschema@.format_table_name(queue_name, 'a')
  ) using msg_ids;
end
$fn$;

create function @extschema@.delete(queue_name text, msg_id bigint) returns boolean language plpgsql as $fn$
declare
  deleted bigint;
begin
  select d into deleted from @extschema@.delete(queue_name, array[msg_id]) d;
  return deleted is not null;
end
$fn$;

create function @extschema@.delete(queue_name text, msg_ids bigint[]) returns setof bigint language plpgsql as $fn$
begin
  return query execute pg_catalog.format(
    'delete from @extschema@.%I where msg_id = any($1) returning msg_id',
    @extschema@.format_table_name(queue_name, 'q')
  ) using msg_ids;
end
$fn$;

create function @extschema@.purge_queue(queue_name text) returns bigint language plpgsql as $fn$
declare
  qtable text := @extschema@.format_table_name(queue_name, 'q');
  purged integer;
begin
  execute pg_catalog.format('select pg_catalog.count(*) from @extschema@.%I', qtable) into purged;
  execute pg_catalog.format('truncate table @extschema@.%I', qtable);
  return purged;
end
$fn$;

create function @extschema@.metrics(queue_name text) returns @extschema@.metrics_result language plpgsql as $fn$
declare
  qtable text := @extschema@.format_table_name(queue_name, 'q');
  result @extschema@.metrics_result;
begin
  execute pg_catalog.format(
    $q$
    select $1,
      pg_catalog.count(*),
      extract(epoch from (pg_catalog.now() - pg_catalog.max(q.enqueued_at)))::int,
      extract(epoch from (pg_catalog.now() - pg_catalog.min(q.enqueued_at)))::int,
      (select case when s.is_called then s.last_value else 0 end from @extschema@.%I s),
      pg_catalog.now(),
      pg_catalog.count(*) filter (where q.vt <= pg_catalog.now())
    from @extschema@.%I q
    $q$,
    qtable || '_msg_id_seq', qtable
  ) into result using queue_name;
  return result;
end
$fn$;

create function @extschema@.metrics_all() returns setof @extschema@.metrics_result language plpgsql as $fn$
declare
  queue record;
begin
  for queue in select m.queue_name from @extschema@.meta m loop
    return next @extschema@.metrics(queue.queue_name);
  end loop;
end
$fn$;

create function @extschema@.list_queues() returns setof @extschema@.queue_record language plpgsql as $fn$
begin
  return query select * from @extschema@.meta;
end
$fn$;

create function @extschema@.detach_archive(queue_name text) returns void language plpgsql as $fn$
begin
  if @extschema@._extension_exists('pgmq') then
    execute pg_catalog.format('alter extension pgmq drop table @extschema@.%I', @extschema@.format_table_name(queue_name, 'a'));
  end if;
end
$fn$;

create function @extschema@.drop_queue(queue_name text) returns boolean language plpgsql as $fn$
declare
  qtable text := @extschema@.format_table_name(queue_name, 'q');
  atable text := @extschema@.format_table_name(queue_name, 'a');
begin
  -- As pgmq 1.5.1: a queue that does not exist fails here, at its queue table.
  if @extschema@._extension_exists('pgmq') then
    execute pg_catalog.format('alter extension pgmq drop table @extschema@.%I', qtable);
    execute pg_catalog.format('alter extension pgmq drop sequence @extschema@.%I', qtable || '_msg_id_seq');
    execute pg_catalog.format('alter extension pgmq drop table @extschema@.%I', atable);
  end if;
  execute pg_catalog.format('drop table if exists @extschema@.%I', qtable);
  execute pg_catalog.format('drop table if exists @extschema@.%I', atable);
  delete from @extschema@.meta m where m.queue_name = drop_queue.queue_name;
  return true;
end
$fn$;

create function @extschema@.drop_queue(queue_name text, partitioned boolean) returns boolean language plpgsql as $fn$
begin
  raise warning 'drop_queue(queue_name, partitioned) is deprecated and will be removed in PGMQ v2.0. Use drop_queue(queue_name) instead';
  perform @extschema@.drop_queue(queue_name);
  return true;
end
$fn$;
`;

export const PGMQ_EMULATION: ExtensionEmulation = {
  name: 'pgmq',
  version: '1.5.1',
  comment: 'migration-gate emulation of pgmq 1.5.1 (queues work in SQL; partitioning without pg_partman)',
  relocatable: false,
  schema: 'pgmq',
  superuser: false,
  behaviour: 'its functions and types; queues work on real tables, but partitioned queues get no pg_partman ranges or retention',
  script: SCRIPT,
  objects: { schemas: ['pgmq'] },
  source: 'https://github.com/pgmq/pgmq/blob/v1.5.1/pgmq-extension/sql/pgmq.sql',
};
