-- transaction: none
-- The safe way to index an existing table: concurrently, outside a transaction, with a lock timeout.
set lock_timeout = '5s';

create index concurrently if not exists posts_created_at_idx on public.posts (created_at);
