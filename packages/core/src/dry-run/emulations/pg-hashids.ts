/**
 * pg_hashids 1.3 (github.com/iCyberon/pg_hashids, pg_hashids--1.3.sql): `id_encode`,
 * `id_decode`, `id_decode_once` (and the 1.0 `hash_encode` / `hash_decode`) with their real
 * signatures, all IMMUTABLE STRICT.
 *
 * Behaviour: the Hashids algorithm (hashids.org: consistent shuffle of the alphabet by the salt,
 * separators and guards, minimum length padding), written here in PL/pgSQL, so ids encoded in a
 * migration (defaults, generated values, backfills) are the ones the real extension produces,
 * e.g. id_encode(1001) = 'jNl'. Two helpers, `_hashids_setup` and `_hashids_shuffle`, are the
 * emulation's own. The extension is relocatable, so the script cannot name its schema: its functions
 * find each other through `set search_path from current` (the target schema while it installs).
 */
import type { ExtensionEmulation } from './types';

const DEFAULT_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ1234567890';

const script = `
-- Hashids' consistent shuffle: the same salt always gives the same permutation.
create function _hashids_shuffle(alphabet text, salt text) returns text
language plpgsql immutable strict set search_path from current
as $fn$
declare
  chars text[] := pg_catalog.regexp_split_to_array(alphabet, '');
  salt_length int := pg_catalog.length(salt);
  i int := pg_catalog.length(alphabet) - 1;
  v int := 0;
  p int := 0;
  j int;
  c int;
  swap text;
begin
  if salt_length = 0 then
    return alphabet;
  end if;
  while i > 0 loop
    v := v % salt_length;
    c := pg_catalog.ascii(pg_catalog.substr(salt, v + 1, 1));
    p := p + c;
    j := (c + v + p) % i;
    swap := chars[i + 1];
    chars[i + 1] := chars[j + 1];
    chars[j + 1] := swap;
    i := i - 1;
    v := v + 1;
  end loop;
  return pg_catalog.array_to_string(chars, '');
end
$fn$;

-- {alphabet, separators, guards} for a salt and alphabet, as Hashids derives them.
create function _hashids_setup(salt text, alphabet text) returns text[]
language plpgsql immutable strict set search_path from current
as $fn$
declare
  unique_chars text := '';
  seps text := '';
  guards text;
  ch text;
  seps_length int;
  missing int;
  guard_count int;
begin
  foreach ch in array pg_catalog.regexp_split_to_array(alphabet, '') loop
    if pg_catalog.strpos(unique_chars, ch) = 0 then
      unique_chars := unique_chars || ch;
    end if;
  end loop;
  if pg_catalog.length(unique_chars) < 16 then
    raise exception 'alphabet is too short' using errcode = '22023';
  end if;
  if unique_chars ~ '\\s' then
    raise exception 'alphabet contains whitespace characters' using errcode = '22023';
  end if;
  foreach ch in array pg_catalog.regexp_split_to_array('cfhistuCFHISTU', '') loop
    if pg_catalog.strpos(unique_chars, ch) > 0 then
      seps := seps || ch;
    end if;
  end loop;
  alphabet := pg_catalog.translate(unique_chars, seps, '');
  seps := _hashids_shuffle(seps, salt);
  if pg_catalog.length(seps) = 0 or pg_catalog.length(alphabet)::numeric / pg_catalog.length(seps) > 3.5 then
    seps_length := pg_catalog.ceil(pg_catalog.length(alphabet) / 3.5)::int;
    if seps_length = 1 then
      seps_length := 2;
    end if;
    if seps_length > pg_catalog.length(seps) then
      missing := seps_length - pg_catalog.length(seps);
      seps := seps || pg_catalog.substr(alphabet, 1, missing);
      alphabet := pg_catalog.substr(alphabet, missing + 1);
    else
      seps := pg_catalog.substr(seps, 1, seps_length);
    end if;
  end if;
  alphabet := _hashids_shuffle(alphabet, salt);
  guard_count := pg_catalog.ceil(pg_catalog.length(alphabet) / 12.0)::int;
  if pg_catalog.length(alphabet) < 3 then
    guards := pg_catalog.substr(seps, 1, guard_count);
    seps := pg_catalog.substr(seps, guard_count + 1);
  else
    guards := pg_catalog.substr(alphabet, 1, guard_count);
    alphabet := pg_catalog.substr(alphabet, guard_count + 1);
  end if;
  return array[alphabet, seps, guards];
end
$fn$;

create function id_encode(bigint[], text, int, text) returns text
language plpgsql immutable strict set search_path from current
as $fn$
declare
  numbers alias for $1;
  salt alias for $2;
  min_length alias for $3;
  setup text[] := _hashids_setup($2, $4);
  alphabet text := setup[1];
  seps text := setup[2];
  guards text := setup[3];
  numbers_hash bigint := 0;
  lottery text;
  result text;
  last text;
  n bigint;
  half int;
  excess int;
  i int;
begin
  if pg_catalog.array_position(numbers, null) is not null then
    raise exception 'null value not allowed for array element' using errcode = '22004';
  end if;
  for i in 1 .. coalesce(pg_catalog.array_length(numbers, 1), 0) loop
    numbers_hash := numbers_hash + numbers[i] % (i - 1 + 100);
  end loop;
  lottery := pg_catalog.substr(alphabet, (numbers_hash % pg_catalog.length(alphabet))::int + 1, 1);
  result := lottery;
  for i in 1 .. coalesce(pg_catalog.array_length(numbers, 1), 0) loop
    n := numbers[i];
    alphabet := _hashids_shuffle(alphabet, pg_catalog.substr(lottery || salt || alphabet, 1, pg_catalog.length(alphabet)));
    last := '';
    loop
      last := pg_catalog.substr(alphabet, (n % pg_catalog.length(alphabet))::int + 1, 1) || last;
      n := n / pg_catalog.length(alphabet);
      exit when n = 0;
    end loop;
    result := result || last;
    if i < pg_catalog.array_length(numbers, 1) then
      n := numbers[i] % (pg_catalog.ascii(last) + i - 1);
      result := result || pg_catalog.substr(seps, (n % pg_catalog.length(seps))::int + 1, 1);
    end if;
  end loop;
  if pg_catalog.length(result) < min_length then
    result := pg_catalog.substr(guards, ((numbers_hash + pg_catalog.ascii(result)) % pg_catalog.length(guards))::int + 1, 1) || result;
    if pg_catalog.length(result) < min_length then
      result := result || pg_catalog.substr(guards, ((numbers_hash + pg_catalog.ascii(pg_catalog.substr(result, 3, 1))) % pg_catalog.length(guards))::int + 1, 1);
    end if;
  end if;
  half := pg_catalog.length(alphabet) / 2;
  while pg_catalog.length(result) < min_length loop
    alphabet := _hashids_shuffle(alphabet, alphabet);
    result := pg_catalog.substr(alphabet, half + 1) || result || pg_catalog.substr(alphabet, 1, half);
    excess := pg_catalog.length(result) - min_length;
    if excess > 0 then
      result := pg_catalog.substr(result, excess / 2 + 1, min_length);
    end if;
  end loop;
  return result;
end
$fn$;

create function id_decode(text, text, int, text) returns bigint[]
language plpgsql immutable strict set search_path from current
as $fn$
declare
  hash alias for $1;
  salt alias for $2;
  setup text[] := _hashids_setup($2, $4);
  alphabet text := setup[1];
  seps text := setup[2];
  guards text := setup[3];
  parts text[];
  breakdown text;
  lottery text;
  part text;
  ch text;
  n bigint;
  position int;
  numbers bigint[] := '{}';
begin
  parts := pg_catalog.string_to_array(pg_catalog.translate(hash, guards, pg_catalog.repeat(' ', pg_catalog.length(guards))), ' ');
  breakdown := parts[case when pg_catalog.array_length(parts, 1) in (2, 3) then 2 else 1 end];
  if coalesce(breakdown, '') = '' then
    return numbers;
  end if;
  lottery := pg_catalog.substr(breakdown, 1, 1);
  breakdown := pg_catalog.substr(breakdown, 2);
  foreach part in array pg_catalog.string_to_array(pg_catalog.translate(breakdown, seps, pg_catalog.repeat(' ', pg_catalog.length(seps))), ' ') loop
    alphabet := _hashids_shuffle(alphabet, pg_catalog.substr(lottery || salt || alphabet, 1, pg_catalog.length(alphabet)));
    n := 0;
    foreach ch in array pg_catalog.regexp_split_to_array(part, '') loop
      position := pg_catalog.strpos(alphabet, ch) - 1;
      if position < 0 then
        raise exception 'invalid hash' using errcode = '22023';
      end if;
      n := n * pg_catalog.length(alphabet) + position;
    end loop;
    numbers := numbers || n;
  end loop;
  -- A hash that does not encode back to itself is not one of ours.
  if id_encode(numbers, $2, $3, $4) <> hash then
    return '{}';
  end if;
  return numbers;
end
$fn$;

create function id_encode(bigint) returns text language sql immutable strict set search_path from current
as $fn$ select id_encode(array[$1], '', 0, '${DEFAULT_ALPHABET}') $fn$;
create function id_encode(bigint, text) returns text language sql immutable strict set search_path from current
as $fn$ select id_encode(array[$1], $2, 0, '${DEFAULT_ALPHABET}') $fn$;
create function id_encode(bigint, text, int) returns text language sql immutable strict set search_path from current
as $fn$ select id_encode(array[$1], $2, $3, '${DEFAULT_ALPHABET}') $fn$;
create function id_encode(bigint, text, int, text) returns text language sql immutable strict set search_path from current
as $fn$ select id_encode(array[$1], $2, $3, $4) $fn$;
create function id_encode(bigint[]) returns text language sql immutable strict set search_path from current
as $fn$ select id_encode($1, '', 0, '${DEFAULT_ALPHABET}') $fn$;
create function id_encode(bigint[], text) returns text language sql immutable strict set search_path from current
as $fn$ select id_encode($1, $2, 0, '${DEFAULT_ALPHABET}') $fn$;
create function id_encode(bigint[], text, int) returns text language sql immutable strict set search_path from current
as $fn$ select id_encode($1, $2, $3, '${DEFAULT_ALPHABET}') $fn$;

create function id_decode(text) returns bigint[] language sql immutable strict set search_path from current
as $fn$ select id_decode($1, '', 0, '${DEFAULT_ALPHABET}') $fn$;
create function id_decode(text, text) returns bigint[] language sql immutable strict set search_path from current
as $fn$ select id_decode($1, $2, 0, '${DEFAULT_ALPHABET}') $fn$;
create function id_decode(text, text, int) returns bigint[] language sql immutable strict set search_path from current
as $fn$ select id_decode($1, $2, $3, '${DEFAULT_ALPHABET}') $fn$;

create function id_decode_once(text) returns bigint language sql immutable strict set search_path from current
as $fn$ select (id_decode($1, '', 0, '${DEFAULT_ALPHABET}'))[1] $fn$;
create function id_decode_once(text, text) returns bigint language sql immutable strict set search_path from current
as $fn$ select (id_decode($1, $2, 0, '${DEFAULT_ALPHABET}'))[1] $fn$;
create function id_decode_once(text, text, int) returns bigint language sql immutable strict set search_path from current
as $fn$ select (id_decode($1, $2, $3, '${DEFAULT_ALPHABET}'))[1] $fn$;
create function id_decode_once(text, text, int, text) returns bigint language sql immutable strict set search_path from current
as $fn$ select (id_decode($1, $2, $3, $4))[1] $fn$;

-- The 1.0 names, still in the 1.3 script.
create function hash_encode(bigint) returns text language sql immutable strict set search_path from current
as $fn$ select id_encode($1) $fn$;
create function hash_encode(bigint, text) returns text language sql immutable strict set search_path from current
as $fn$ select id_encode($1, $2) $fn$;
create function hash_encode(bigint, text, int) returns text language sql immutable strict set search_path from current
as $fn$ select id_encode($1, $2, $3) $fn$;
create function hash_decode(text, text, int) returns int language sql immutable strict set search_path from current
as $fn$ select (id_decode($1, $2, $3, '${DEFAULT_ALPHABET}'))[1]::int $fn$;
`;

export const pgHashids: ExtensionEmulation = {
  name: 'pg_hashids',
  version: '1.3',
  comment: 'pg_hashids (migration-gate emulation: the Hashids algorithm in PL/pgSQL)',
  relocatable: true,
  script,
  objects: {
    functions: ['id_encode', 'id_decode', 'id_decode_once', 'hash_encode', 'hash_decode'],
  },
  source: 'https://github.com/iCyberon/pg_hashids/blob/master/pg_hashids--1.3.sql',
};
