/**
 * A generated Supabase project of 100 migrations, typical changes in rotation (tables with RLS,
 * columns, triggers, storage, realtime), shared by the dry-run and drift benchmarks.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

export const MIGRATIONS = 100;

function version(i: number): string {
  const base = Date.UTC(2024, 0, 1);
  return new Date(base + i * 3_600_000).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** Typical Supabase changes in rotation: tables with RLS, columns, triggers, storage, realtime. */
function migrationSql(i: number): string {
  const table = `public.items_${i - (i % 4)}`;
  switch (i % 4) {
    case 0:
      return `create table ${table} (
  id uuid primary key default gen_random_uuid(),
  owner_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  name text not null check (char_length(name) between 1 and 200),
  metadata jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now()
);
create index items_${i}_owner_idx on ${table} (owner_id);
alter table ${table} enable row level security;
create policy "owners read ${i}" on ${table} for select to authenticated using ((select auth.uid()) = owner_id);
create policy "owners write ${i}" on ${table} for insert to authenticated with check ((select auth.uid()) = owner_id);
`;
    case 1:
      return `alter table ${table} add column status text not null default 'active';
alter table ${table} add column score integer;
create index items_${i}_status_idx on ${table} (status) where status <> 'archived';
comment on column ${table}.status is 'Lifecycle state';
`;
    case 2:
      return `create or replace function public.touch_${i}()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  new.metadata := new.metadata || jsonb_build_object('touched_at', now());
  return new;
end;
$$;
create trigger touch_${i} before update on ${table} for each row execute function public.touch_${i}();
grant select on ${table} to anon;
`;
    default:
      return `insert into storage.buckets (id, name, public) values ('bucket-${i}', 'bucket-${i}', false);
create policy "own files ${i}" on storage.objects for select to authenticated
  using (bucket_id = 'bucket-${i}' and (storage.foldername(name))[1] = (select auth.uid())::text);
alter publication supabase_realtime add table ${table};
`;
  }
}

export async function generateProject(root: string): Promise<string> {
  const dir = path.join(root, 'supabase', 'migrations');
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(path.join(root, 'supabase', 'config.toml'), 'project_id = "bench"\n');
  for (let i = 0; i < MIGRATIONS; i++) await fs.writeFile(path.join(dir, `${version(i)}_change_${i}.sql`), migrationSql(i));
  return dir;
}

