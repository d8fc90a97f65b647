-- Deliberately unsafe: this is what Migration Gate exists to catch on a busy table.
alter table public.posts add column status text not null;

create index posts_author_id_idx on public.posts (author_id);

alter table public.profiles drop column avatar_url;
