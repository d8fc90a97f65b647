/**
 * Which statements the lock tracer reads pg_locks after: every one that may lock a relation that
 * existed before the new migrations, and no other (reading the whole lock table after each of the
 * hundreds of statements of a dumped schema made tracing the slowest part of a replay).
 */
import { parseSql, loadParser } from '../../../packages/core/src/parser';
import { mayLockExisting, relationNames, type RelationMap } from '../../../packages/core/src/dry-run/locks';

beforeAll(() => loadParser());

const existing: RelationMap = new Map([
  [1, { name: 'public.profiles', kind: 'table', relfilenode: 1 }],
  [2, { name: 'auth.users', kind: 'table', relfilenode: 2 }],
]);

function traced(sql: string, searchPathChanged = false): boolean {
  const [statement] = parseSql(sql).statements;
  return mayLockExisting(statement, relationNames(existing, searchPathChanged));
}

it.each([
  ['alter table public.profiles add column bio text', true],
  ['alter table profiles add column bio text', true],
  ['create table public.posts (id int, author uuid references auth.users (id))', true],
  ['create index on public.profiles (id)', true],
  ['create policy p on public.posts using (exists (select 1 from public.profiles))', true],
  ['grant select on table public.profiles to anon', true],
  // Name lists and code: traced whatever they name.
  ['drop table if exists public.posts', true],
  ["comment on table public.posts is 'x'", true],
  ['do $$ begin perform 1; end $$', true],
  ['insert into public.posts values (1)', true],
  ['create function public.count_profiles() returns bigint language sql as $$ select count(*) from public.profiles $$', true],
  // A new table's constraint to an existing one goes with it: the referenced table is locked.
  ['alter table public.posts drop constraint posts_author_fkey', true],
  ['alter table public.posts alter column author type text', true],
  // New objects only.
  ['create table public.posts (id int primary key)', false],
  ['alter table public.posts enable row level security', false],
  ['alter table public.posts owner to postgres', false],
  ['grant select on table public.posts to anon', false],
  ["create type public.mood as enum ('ok')", false],
  // auth.users is not on the default search_path: a bare "users" is another table.
  ['alter table users add column x int', false],
])('%s: traced %s', (sql, expected) => {
  expect(traced(sql)).toBe(expected);
});

it('takes a bare name for any schema once the migration sets its own search_path', () => {
  expect(traced('alter table users add column x int', true)).toBe(true);
});
