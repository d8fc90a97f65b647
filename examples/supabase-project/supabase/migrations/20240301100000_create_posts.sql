set lock_timeout = '5s';

create table public.posts (
  id bigint generated always as identity primary key,
  author_id uuid not null references public.profiles (id),
  title text not null,
  body text not null default '',
  created_at timestamptz not null default now()
);

alter table public.posts enable row level security;

create policy "Posts are readable by everyone." on public.posts
  for select using (true);

create policy "Authors manage their posts." on public.posts
  for all to authenticated
  using ((select auth.uid()) = author_id)
  with check ((select auth.uid()) = author_id);
