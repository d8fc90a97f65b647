/**
 * The install script of the pgvector emulation (see vector.ts), written for this project from
 * pgvector 0.8.0's `sql/vector.sql` (the signatures, casts, operators and operator classes) and
 * its C sources (the checks and their error texts).
 *
 * How it stands in for C:
 *  - `vector`, `halfvec` and `sparsevec` are varlena types whose value is their text form, with
 *    the server's own `textin`/`textout`/`textrecv`/`textsend` as I/O and `bittypmodin` as typmod
 *    input (it stores `n` for `(n)`, as pgvector does). A value is parsed and checked where it is
 *    used, and where a column's dimensions coerce it (`vector(3)`): there the emulation rewrites
 *    it into pgvector's canonical text (`[1,2.5,3]`).
 *  - the public functions are SQL functions with SQL-standard bodies: they are bound to the
 *    helpers by OID when created, so `alter extension vector set schema` keeps working (vector is
 *    relocatable, so the script cannot name its own schema) and nothing is looked up at run time.
 *  - the helpers (`vector_emulation_*`) are PL/pgSQL over built-in types only, with a fixed
 *    search_path: the math, the parsing and pgvector's error messages.
 *  - `hnsw` and `ivfflat` use the server's hash access method handler: an index stores a 4-byte
 *    hash per row and is never used by a scan (its operator classes have no ordering operators:
 *    no built-in handler accepts them). An event trigger checks at CREATE INDEX / ALTER TABLE what
 *    pgvector checks when it builds the index (dimensions, types).
 */

/** pgvector's limits (src/vector.h, halfvec.h, sparsevec.h, hnsw.h, ivfflat.h). */
export const VECTOR_LIMITS = {
  vectorMaxDim: 16000,
  halfvecMaxDim: 16000,
  sparsevecMaxDim: 1000000000,
  sparsevecMaxNnz: 16000,
  hnswMaxDim: 2000,
  hnswMaxNnz: 1000,
  ivfflatMaxDim: 2000,
} as const;

const HELPER = 'language plpgsql immutable strict parallel safe set search_path = pg_catalog, pg_temp';
const PUBLIC = 'language sql immutable strict parallel safe';

/** A float accepted by strtof: decimal, hexadecimal, inf/infinity, nan. */
const FLOAT_TOKEN = String.raw`[+-]?(([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?|0[xX]([0-9a-fA-F]+[.]?[0-9a-fA-F]*|[.][0-9a-fA-F]+)([pP][+-]?[0-9]+)?|[iI][nN][fF]([iI][nN][iI][tT][yY])?|[nN][aA][nN])`;
const SPACE = '[[:space:]]*';

const BASE_TYPES = `
-- The types: their value is their text form (see the header of vector-sql.ts).
create type vector;
create function vector_in(cstring, oid, integer) returns vector language internal immutable strict parallel safe as 'textin';
create function vector_out(vector) returns cstring language internal immutable strict parallel safe as 'textout';
create function vector_typmod_in(cstring[]) returns integer language internal immutable strict parallel safe as 'bittypmodin';
create function vector_recv(internal, oid, integer) returns vector language internal immutable strict parallel safe as 'textrecv';
create function vector_send(vector) returns bytea language internal immutable strict parallel safe as 'textsend';
create type vector (input = vector_in, output = vector_out, typmod_in = vector_typmod_in, receive = vector_recv, send = vector_send, storage = external);
comment on type vector is 'single-precision vector';

create type halfvec;
create function halfvec_in(cstring, oid, integer) returns halfvec language internal immutable strict parallel safe as 'textin';
create function halfvec_out(halfvec) returns cstring language internal immutable strict parallel safe as 'textout';
create function halfvec_typmod_in(cstring[]) returns integer language internal immutable strict parallel safe as 'bittypmodin';
create function halfvec_recv(internal, oid, integer) returns halfvec language internal immutable strict parallel safe as 'textrecv';
create function halfvec_send(halfvec) returns bytea language internal immutable strict parallel safe as 'textsend';
create type halfvec (input = halfvec_in, output = halfvec_out, typmod_in = halfvec_typmod_in, receive = halfvec_recv, send = halfvec_send, storage = external);
comment on type halfvec is 'half-precision vector';

create type sparsevec;
create function sparsevec_in(cstring, oid, integer) returns sparsevec language internal immutable strict parallel safe as 'textin';
create function sparsevec_out(sparsevec) returns cstring language internal immutable strict parallel safe as 'textout';
create function sparsevec_typmod_in(cstring[]) returns integer language internal immutable strict parallel safe as 'bittypmodin';
create function sparsevec_recv(internal, oid, integer) returns sparsevec language internal immutable strict parallel safe as 'textrecv';
create function sparsevec_send(sparsevec) returns bytea language internal immutable strict parallel safe as 'textsend';
create type sparsevec (input = sparsevec_in, output = sparsevec_out, typmod_in = sparsevec_typmod_in, receive = sparsevec_recv, send = sparsevec_send, storage = external);
comment on type sparsevec is 'single-precision sparse vector';
`;

/** Dense text ('[1,2,3]') to real[], with vector_in's / halfvec_in's checks and messages. */
const PARSE_DENSE = `
create function vector_emulation_parse(lit text, typname text, typmod integer) returns real[] ${HELPER} as $body$
declare
  inside text := pg_catalog.substring(lit, '^${SPACE}\\[([^]]*)\\]');
  rest text := pg_catalog.substring(lit, '^${SPACE}\\[[^]]*\\](.*)$');
  tokens text[];
  numbers float8[];
  token text;
  x float8;
begin
  if lit !~ '^${SPACE}\\[' then
    raise exception using errcode = '22P02', message = pg_catalog.format('invalid input syntax for type %s: "%s"', typname, lit), detail = 'Vector contents must start with "[".';
  end if;
  if lit ~ '^${SPACE}\\[${SPACE}\\]' then
    raise exception using errcode = '22000', message = pg_catalog.format('%s must have at least 1 dimension', typname);
  end if;
  tokens := pg_catalog.string_to_array(inside, ',');
  if pg_catalog.cardinality(tokens) > 16000 then
    raise exception using errcode = '54000', message = pg_catalog.format('%s cannot have more than 16000 dimensions', typname);
  end if;
  if inside is null or inside !~ '^${SPACE}${FLOAT_TOKEN}${SPACE}(,${SPACE}${FLOAT_TOKEN}${SPACE})*$' then
    raise exception using errcode = '22P02', message = pg_catalog.format('invalid input syntax for type %s: "%s"', typname, lit);
  end if;
  if rest !~ '^${SPACE}$' then
    raise exception using errcode = '22P02', message = pg_catalog.format('invalid input syntax for type %s: "%s"', typname, lit), detail = 'Junk after closing right brace.';
  end if;
  if inside !~* '[a-z]|[0-9]{39}' then
    -- Plain decimals: float4 holds them all (the common case, kept fast).
    if typmod >= 0 and typmod <> pg_catalog.cardinality(tokens) then
      raise exception using errcode = '22000', message = pg_catalog.format('expected %s dimensions, not %s', typmod, pg_catalog.cardinality(tokens));
    end if;
    return tokens::real[];
  end if;
  numbers := tokens::float8[];
  if exists (select from pg_catalog.unnest(numbers) v where v = 'NaN' or pg_catalog.abs(v) >= 3.4028235677973366e38) then
    foreach token in array tokens loop
      x := token::float8;
      if x = 'NaN' then
        raise exception using errcode = '22000', message = pg_catalog.format('NaN not allowed in %s', typname);
      elsif pg_catalog.abs(x) >= 3.4028235677973366e38 and token !~* 'inf' then
        raise exception using errcode = '22003', message = pg_catalog.format('"%s" is out of range for type %s', pg_catalog.btrim(token, E' \\t\\n\\r\\x0b\\f'), typname);
      elsif pg_catalog.abs(x) = 'Infinity' then
        raise exception using errcode = '22000', message = pg_catalog.format('infinite value not allowed in %s', typname);
      end if;
    end loop;
  end if;
  if typmod >= 0 and typmod <> pg_catalog.cardinality(numbers) then
    raise exception using errcode = '22000', message = pg_catalog.format('expected %s dimensions, not %s', typmod, pg_catalog.cardinality(numbers));
  end if;
  -- strtof rounds what float4 cannot hold to 0; a float8 to real cast would raise instead.
  return array(select (case when pg_catalog.abs(v) < 7.006492321624085e-46 then 0 else v end)::real from pg_catalog.unnest(numbers) v);
end
$body$;

create function vector_emulation_format(elements real[]) returns text ${HELPER} set extra_float_digits = 1 as $body$
begin
  return '[' || pg_catalog.array_to_string(elements, ',') || ']';
end
$body$;

-- halfvec: round to IEEE half precision (11 significant bits, round half to even), as Float4ToHalf does.
create function vector_emulation_half(elements real[]) returns real[] ${HELPER} set extra_float_digits = 1 as $body$
declare
  x float8;
  a float8;
  e integer;
  q float8;
  result real[] := '{}';
begin
  foreach x in array elements::float8[] loop
    a := pg_catalog.abs(x);
    if a = 'Infinity' or a = 'NaN' then
      result := result || x::real;
      continue;
    end if;
    if a = 0 then
      result := result || 0::real;
      continue;
    end if;
    if a < 6.103515625e-05 then
      q := 5.960464477539063e-08;
    else
      e := pg_catalog.floor(pg_catalog.ln(a) / pg_catalog.ln(2.0::float8));
      if 2.0::float8 ^ (e + 1) <= a then e := e + 1; end if;
      if 2.0::float8 ^ e > a then e := e - 1; end if;
      q := 2.0::float8 ^ (e - 10);
    end if;
    a := pg_catalog.round(a / q) * q;
    if a > 65504 then
      raise exception using errcode = '22003', message = pg_catalog.format('"%s" is out of range for type halfvec', x::real);
    end if;
    result := result || (pg_catalog.sign(x) * a)::real;
  end loop;
  return result;
end
$body$;

-- An array cast to a vector (array_to_vector and friends): 1-D, no nulls, the dimensions of the typmod.
create function vector_emulation_from_array(elements float8[], typname text, typmod integer) returns real[] ${HELPER} as $body$
declare
  n integer := pg_catalog.cardinality(elements);
begin
  if pg_catalog.array_ndims(elements) > 1 then
    raise exception using errcode = '22000', message = 'array must be 1-D';
  end if;
  if pg_catalog.array_position(elements, null) is not null then
    raise exception using errcode = '22004', message = 'array must not contain nulls';
  end if;
  if n < 1 then
    raise exception using errcode = '22000', message = pg_catalog.format('%s must have at least 1 dimension', typname);
  end if;
  if n > 16000 and typname <> 'sparsevec' then
    raise exception using errcode = '54000', message = pg_catalog.format('%s cannot have more than 16000 dimensions', typname);
  end if;
  if typmod >= 0 and typmod <> n then
    raise exception using errcode = '22000', message = pg_catalog.format('expected %s dimensions, not %s', typmod, n);
  end if;
  if exists (select from pg_catalog.unnest(elements) v where v = 'NaN') then
    raise exception using errcode = '22000', message = pg_catalog.format('NaN not allowed in %s', typname);
  end if;
  if exists (select from pg_catalog.unnest(elements) v where v <> 'NaN' and pg_catalog.abs(v) >= 3.4028235677973366e38) then
    raise exception using errcode = '22000', message = pg_catalog.format('infinite value not allowed in %s', typname);
  end if;
  return array(select (case when pg_catalog.abs(v) < 7.006492321624085e-46 then 0 else v end)::real from pg_catalog.unnest(elements) v);
end
$body$;

create function vector_emulation_check_dims(elements real[], typname text, typmod integer) returns real[] ${HELPER} as $body$
begin
  if typmod >= 0 and typmod <> pg_catalog.cardinality(elements) then
    raise exception using errcode = '22000', message = pg_catalog.format('expected %s dimensions, not %s', typmod, pg_catalog.cardinality(elements));
  end if;
  if pg_catalog.cardinality(elements) > 16000 then
    raise exception using errcode = '54000', message = pg_catalog.format('%s cannot have more than 16000 dimensions', typname);
  end if;
  return elements;
end
$body$;
`;

/** Distances and element-wise arithmetic over real[], with pgvector's checks. */
const DENSE_MATH = `
create function vector_emulation_distance(kind text, a real[], b real[], typname text) returns float8 ${HELPER} as $body$
declare
  l2 float8; dot float8; aa float8; bb float8; l1 float8; similarity float8;
begin
  if pg_catalog.cardinality(a) <> pg_catalog.cardinality(b) then
    raise exception using errcode = '22000', message = pg_catalog.format('different %s dimensions %s and %s', typname, pg_catalog.cardinality(a), pg_catalog.cardinality(b));
  end if;
  select sum((x - y) * (x - y)), sum(x * y), sum(x * x), sum(y * y), sum(pg_catalog.abs(x - y))
    into l2, dot, aa, bb, l1
    from unnest(a::float8[], b::float8[]) t(x, y);
  case kind
    when 'l2' then return pg_catalog.sqrt(l2);
    when 'l2_squared' then return l2;
    when 'inner_product' then return dot;
    when 'negative_inner_product' then return -dot;
    when 'l1' then return l1;
    when 'cosine' then
      if aa * bb = 0 then return 'NaN'; end if;
      similarity := greatest(-1.0::float8, least(1.0::float8, dot / pg_catalog.sqrt(aa * bb)));
      return 1.0 - similarity;
    when 'spherical' then
      return pg_catalog.acos(greatest(-1.0::float8, least(1.0::float8, dot))) / pg_catalog.pi();
    else raise exception 'unknown distance %', kind;
  end case;
end
$body$;

create function vector_emulation_norm(a real[]) returns float8 ${HELPER} as $body$
begin
  return (select pg_catalog.sqrt(sum(x * x)) from pg_catalog.unnest(a::float8[]) x);
end
$body$;

create function vector_emulation_arithmetic(op text, a real[], b real[], typname text) returns real[] ${HELPER} as $body$
begin
  if op = 'concat' then
    if pg_catalog.cardinality(a) + pg_catalog.cardinality(b) > 16000 then
      raise exception using errcode = '54000', message = pg_catalog.format('%s cannot have more than 16000 dimensions', typname);
    end if;
    return a || b;
  end if;
  if pg_catalog.cardinality(a) <> pg_catalog.cardinality(b) then
    raise exception using errcode = '22000', message = pg_catalog.format('different %s dimensions %s and %s', typname, pg_catalog.cardinality(a), pg_catalog.cardinality(b));
  end if;
  -- real arithmetic raises "value out of range: overflow/underflow" as pgvector does.
  case op
    when 'add' then return array(select x + y from unnest(a, b) t(x, y));
    when 'sub' then return array(select x - y from unnest(a, b) t(x, y));
    when 'mul' then return array(select x * y from unnest(a, b) t(x, y));
    else raise exception 'unknown operation %', op;
  end case;
end
$body$;

create function vector_emulation_normalize(a real[]) returns real[] ${HELPER} as $body$
declare
  norm float8 := (select pg_catalog.sqrt(sum(x * x)) from pg_catalog.unnest(a::float8[]) x);
begin
  if norm = 0 then return a; end if;
  return array(select (x / norm)::real from pg_catalog.unnest(a::float8[]) x);
end
$body$;

create function vector_emulation_subvector(a real[], start integer, count integer, typname text) returns real[] ${HELPER} as $body$
declare
  dim integer := pg_catalog.cardinality(a);
  finish integer;
begin
  if count < 1 then
    raise exception using errcode = '22000', message = pg_catalog.format('%s must have at least 1 dimension', typname);
  end if;
  finish := case when start > dim - count then dim + 1 else start + count end;
  if start < 1 then
    start := 1;
  elsif start > dim then
    raise exception using errcode = '22000', message = pg_catalog.format('%s must have at least 1 dimension', typname);
  end if;
  if finish - start < 1 then
    raise exception using errcode = '22000', message = pg_catalog.format('%s must have at least 1 dimension', typname);
  end if;
  return a[start:finish - 1];
end
$body$;

create function vector_emulation_quantize(a real[]) returns text ${HELPER} as $body$
begin
  return pg_catalog.array_to_string(array(select case when x > 0 then '1' else '0' end from pg_catalog.unnest(a) x), '');
end
$body$;

-- Aggregate state: {count, sum of each dimension}, as vector_accum keeps it.
create function vector_emulation_accum(state float8[], a real[]) returns float8[] ${HELPER} as $body$
begin
  if pg_catalog.cardinality(state) = 1 then
    return array[state[1] + 1] || a::float8[];
  end if;
  if pg_catalog.cardinality(state) - 1 <> pg_catalog.cardinality(a) then
    raise exception using errcode = '22000', message = pg_catalog.format('expected %s dimensions, not %s', pg_catalog.cardinality(state) - 1, pg_catalog.cardinality(a));
  end if;
  return array[state[1] + 1] || array(select s + x from unnest(state[2:], a::float8[]) t(s, x));
end
$body$;

create function vector_emulation_combine(a float8[], b float8[]) returns float8[] ${HELPER} as $body$
begin
  if a[1] = 0 then return b; end if;
  if b[1] = 0 then return a; end if;
  if pg_catalog.cardinality(a) <> pg_catalog.cardinality(b) then
    raise exception using errcode = '22000', message = pg_catalog.format('expected %s dimensions, not %s', pg_catalog.cardinality(a) - 1, pg_catalog.cardinality(b) - 1);
  end if;
  return array(select x + y from unnest(a, b) t(x, y));
end
$body$;

create function vector_emulation_average(state float8[]) returns real[] ${HELPER} as $body$
begin
  if state[1] = 0 then return null; end if;
  return array(select (s / state[1])::real from pg_catalog.unnest(state[2:]) s);
end
$body$;
`;

/** Sparse vectors, parsed into float8[] {dim, index1, value1, index2, value2, ...} (1-based indices, ascending). */
const SPARSE_HELPERS = `
create function vector_emulation_sparse_parse(lit text, typmod integer) returns float8[] ${HELPER} as $body$
declare
  parts text[] := pg_catalog.regexp_match(lit, '^${SPACE}\\{([^}]*)\\}${SPACE}/${SPACE}([+-]?[0-9]+)${SPACE}$');
  element text;
  pair text[];
  dim bigint;
  result float8[] := '{}';
  sorted float8[];
  previous float8;
  r record;
  x float8;
begin
  if pg_catalog.length(lit) - pg_catalog.length(pg_catalog.replace(lit, ',', '')) + 1 > 16000 then
    raise exception using errcode = '54000', message = 'sparsevec cannot have more than 16000 non-zero elements';
  end if;
  if lit !~ '^${SPACE}\\{' then
    raise exception using errcode = '22P02', message = pg_catalog.format('invalid input syntax for type sparsevec: "%s"', lit), detail = 'Vector contents must start with "{".';
  end if;
  if parts is null or (parts[1] !~ '^${SPACE}$' and parts[1] !~ '^(${SPACE}[+-]?[0-9]+${SPACE}:${SPACE}${FLOAT_TOKEN}${SPACE},)*${SPACE}[+-]?[0-9]+${SPACE}:${SPACE}${FLOAT_TOKEN}${SPACE}$') then
    raise exception using errcode = '22P02', message = pg_catalog.format('invalid input syntax for type sparsevec: "%s"', lit);
  end if;
  dim := least(greatest(parts[2]::numeric, -2147483648), 2147483647)::bigint;
  if dim < 1 then
    raise exception using errcode = '22000', message = 'sparsevec must have at least 1 dimension';
  elsif dim > 1000000000 then
    raise exception using errcode = '54000', message = 'sparsevec cannot have more than 1000000000 dimensions';
  end if;
  if typmod >= 0 and typmod <> dim then
    raise exception using errcode = '22000', message = pg_catalog.format('expected %s dimensions, not %s', typmod, dim);
  end if;
  sorted := array[dim::float8];
  if parts[1] ~ '^${SPACE}$' then return sorted; end if;
  for element in select e from pg_catalog.unnest(pg_catalog.string_to_array(parts[1], ',')) e loop
    pair := pg_catalog.string_to_array(element, ':');
    x := pair[2]::float8;
    if x = 'NaN' then
      raise exception using errcode = '22000', message = 'NaN not allowed in sparsevec';
    elsif pg_catalog.abs(x) >= 3.4028235677973366e38 and pair[2] !~* 'inf' then
      raise exception using errcode = '22003', message = pg_catalog.format('"%s" is out of range for type sparsevec', pg_catalog.btrim(pair[2], E' \\t\\n\\r\\x0b\\f'));
    elsif pg_catalog.abs(x) = 'Infinity' then
      raise exception using errcode = '22000', message = 'infinite value not allowed in sparsevec';
    end if;
    if x::real <> 0 then
      result := result || array[least(greatest(pair[1]::numeric, -2147483647), 2147483647)::float8, x::real::float8];
    end if;
  end loop;
  -- Sorted by index, then checked, as sparsevec_in does.
  for r in select result[2 * i - 1] as idx, result[2 * i] as val from pg_catalog.generate_series(1, pg_catalog.cardinality(result) / 2) i order by 1 loop
    if r.idx < 1 or r.idx > dim then
      raise exception using errcode = '22000', message = 'sparsevec index out of bounds';
    end if;
    if r.idx = previous then
      raise exception using errcode = '22000', message = 'sparsevec indices must not contain duplicates';
    end if;
    previous := r.idx;
    sorted := sorted || array[r.idx, r.val];
  end loop;
  return sorted;
end
$body$;
`;

/** Sparse vectors: text, dense conversions and math over the parsed form. */
const SPARSE_MATH = `
create function vector_emulation_sparse_format(s float8[]) returns text ${HELPER} set extra_float_digits = 1 as $body$
begin
  return '{' || coalesce((select pg_catalog.string_agg(s[2 * i]::bigint || ':' || s[2 * i + 1]::real, ',' order by i)
                            from pg_catalog.generate_series(1, (pg_catalog.cardinality(s) - 1) / 2) i), '') || '}/' || s[1]::bigint;
end
$body$;

create function vector_emulation_sparse_from_dense(a real[]) returns float8[] ${HELPER} as $body$
begin
  return array[pg_catalog.cardinality(a)::float8] || coalesce((select pg_catalog.array_agg(v order by n, k)
    from pg_catalog.unnest(a) with ordinality t(x, n), lateral (values (1, n::float8), (2, x::float8)) p(k, v)
    where x <> 0), '{}');
end
$body$;

create function vector_emulation_sparse_to_dense(s float8[], typname text) returns real[] ${HELPER} as $body$
declare
  dense real[];
begin
  if s[1] > 16000 then
    raise exception using errcode = '54000', message = pg_catalog.format('%s cannot have more than 16000 dimensions', typname);
  end if;
  dense := pg_catalog.array_fill(0::real, array[s[1]::integer]);
  for i in 1 .. (pg_catalog.cardinality(s) - 1) / 2 loop
    dense[s[2 * i]::integer] := s[2 * i + 1]::real;
  end loop;
  return dense;
end
$body$;

create function vector_emulation_sparse_distance(kind text, a float8[], b float8[]) returns float8 ${HELPER} as $body$
declare
  l2 float8; dot float8; aa float8; bb float8; l1 float8;
begin
  if a[1] <> b[1] then
    raise exception using errcode = '22000', message = pg_catalog.format('different sparsevec dimensions %s and %s', a[1]::bigint, b[1]::bigint);
  end if;
  with av as (select a[2 * i] idx, a[2 * i + 1] x from pg_catalog.generate_series(1, (pg_catalog.cardinality(a) - 1) / 2) i),
       bv as (select b[2 * i] idx, b[2 * i + 1] y from pg_catalog.generate_series(1, (pg_catalog.cardinality(b) - 1) / 2) i),
       j as (select coalesce(x, 0) x, coalesce(y, 0) y from av full join bv using (idx))
  select coalesce(sum((x - y) * (x - y)), 0), coalesce(sum(x * y), 0), coalesce(sum(x * x), 0), coalesce(sum(y * y), 0), coalesce(sum(pg_catalog.abs(x - y)), 0)
    into l2, dot, aa, bb, l1 from j;
  case kind
    when 'l2' then return pg_catalog.sqrt(l2);
    when 'l2_squared' then return l2;
    when 'inner_product' then return dot;
    when 'negative_inner_product' then return -dot;
    when 'l1' then return l1;
    when 'cosine' then
      if aa * bb = 0 then return 'NaN'; end if;
      return 1.0 - greatest(-1.0::float8, least(1.0::float8, dot / pg_catalog.sqrt(aa * bb)));
    when 'norm' then return pg_catalog.sqrt(aa);
    else raise exception 'unknown distance %', kind;
  end case;
end
$body$;

create function vector_emulation_sparse_normalize(s float8[]) returns float8[] ${HELPER} as $body$
declare
  norm float8 := (select pg_catalog.sqrt(coalesce(sum(s[2 * i + 1] * s[2 * i + 1]), 0)) from pg_catalog.generate_series(1, (pg_catalog.cardinality(s) - 1) / 2) i);
begin
  if norm = 0 then return s; end if;
  return array[s[1]] || coalesce((select pg_catalog.array_agg(case when k = 1 then v else (v / norm)::real::float8 end order by i, k)
    from pg_catalog.generate_series(1, (pg_catalog.cardinality(s) - 1) / 2) i, lateral (values (1, s[2 * i]), (2, s[2 * i + 1])) p(k, v)), '{}');
end
$body$;

-- sparsevec_cmp_internal: values in index order first, then dimensions.
create function vector_emulation_sparse_cmp(a float8[], b float8[]) returns integer ${HELPER} as $body$
declare
  na integer := (pg_catalog.cardinality(a) - 1) / 2;
  nb integer := (pg_catalog.cardinality(b) - 1) / 2;
begin
  for i in 1 .. least(na, nb) loop
    if a[2 * i] < b[2 * i] then return case when a[2 * i + 1] < 0 then -1 else 1 end; end if;
    if a[2 * i] > b[2 * i] then return case when b[2 * i + 1] < 0 then 1 else -1 end; end if;
    if a[2 * i + 1] < b[2 * i + 1] then return -1; end if;
    if a[2 * i + 1] > b[2 * i + 1] then return 1; end if;
  end loop;
  if na < nb and b[2 * na + 2] <= a[1] then return case when b[2 * na + 3] < 0 then 1 else -1 end; end if;
  if na > nb and a[2 * nb + 2] <= b[1] then return case when a[2 * nb + 3] < 0 then -1 else 1 end; end if;
  return pg_catalog.sign(a[1] - b[1])::integer;
end
$body$;

create function vector_emulation_bit_distance(kind text, a bit varying, b bit varying) returns float8 ${HELPER} as $body$
declare
  ab integer; aa integer; bb integer;
begin
  if pg_catalog.length(a) <> pg_catalog.length(b) then
    raise exception using errcode = '22000', message = pg_catalog.format('different bit lengths %s and %s', pg_catalog.length(a), pg_catalog.length(b));
  end if;
  if kind = 'hamming' then
    return pg_catalog.length(pg_catalog.replace((a # b)::text, '0', ''));
  end if;
  ab := pg_catalog.length(pg_catalog.replace((a & b)::text, '0', ''));
  aa := pg_catalog.length(pg_catalog.replace(a::text, '0', ''));
  bb := pg_catalog.length(pg_catalog.replace(b::text, '0', ''));
  if ab = 0 then return 1; end if;
  return 1 - ab / (aa + bb - ab)::float8;
end
$body$;

create function vector_emulation_sparse_hnsw_key(lit text) returns integer ${HELPER} as $body$
begin
  if pg_catalog.length(lit) - pg_catalog.length(pg_catalog.replace(lit, ':', '')) > ${VECTOR_LIMITS.hnswMaxNnz} then
    raise exception using errcode = '54000', message = 'sparsevec cannot have more than ${VECTOR_LIMITS.hnswMaxNnz} non-zero elements for hnsw index';
  end if;
  return pg_catalog.hashtext(lit);
end
$body$;
`;

/** SQL expressions the public functions are made of. */
const parsed = (type: 'vector' | 'halfvec', arg: string, typmod = '-1') =>
  type === 'vector' ? `vector_emulation_parse(${arg}::text, 'vector', ${typmod})` : `vector_emulation_half(vector_emulation_parse(${arg}::text, 'halfvec', ${typmod}))`;
/** The canonical text of computed elements; halfvec results are rounded to half precision first. */
const formatted = (type: 'vector' | 'halfvec', elements: string, alreadyHalf = false) =>
  type === 'vector' || alreadyHalf ? `vector_emulation_format(${elements})::${type}` : `vector_emulation_format(vector_emulation_half(${elements}))::halfvec`;
const sparse = (arg: string, typmod = '-1') => `vector_emulation_sparse_parse(${arg}::text, ${typmod})`;

/** The functions, casts, aggregates and operators pgvector gives a dense type (vector or halfvec). */
function denseSql(type: 'vector' | 'halfvec'): string {
  const p = type === 'vector' ? 'vector' : 'halfvec';
  const norm = type === 'vector' ? 'vector_norm' : 'l2_norm';
  const distance = (kind: string) => `vector_emulation_distance('${kind}', ${parsed(type, '$1')}, ${parsed(type, '$2')}, '${type}')`;
  const arithmetic = (op: string) => formatted(type, `vector_emulation_arithmetic('${op}', ${parsed(type, '$1')}, ${parsed(type, '$2')}, '${type}')`);
  const compare = (op: string[]) => `create function ${p}_${op[0]}(${type}, ${type}) returns bool ${PUBLIC} return ${parsed(type, '$1')} ${op[1]} ${parsed(type, '$2')};`;
  const fromArray = (element: string) =>
    `create function array_to_${type}(${element}[], integer, boolean) returns ${type} ${PUBLIC} return ${formatted(type, `vector_emulation_from_array($1::float8[], '${type}', $2)`)};`;
  return `
create function l2_distance(${type}, ${type}) returns float8 ${PUBLIC} return ${distance('l2')};
create function inner_product(${type}, ${type}) returns float8 ${PUBLIC} return ${distance('inner_product')};
create function cosine_distance(${type}, ${type}) returns float8 ${PUBLIC} return ${distance('cosine')};
create function l1_distance(${type}, ${type}) returns float8 ${PUBLIC} return ${distance('l1')};
create function vector_dims(${type}) returns integer ${PUBLIC} return pg_catalog.cardinality(${parsed(type, '$1')});
create function ${norm}(${type}) returns float8 ${PUBLIC} return vector_emulation_norm(${parsed(type, '$1')});
create function l2_normalize(${type}) returns ${type} ${PUBLIC} return ${formatted(type, `vector_emulation_normalize(${parsed(type, '$1')})`)};
create function binary_quantize(${type}) returns bit ${PUBLIC} return vector_emulation_quantize(${parsed(type, '$1')})::pg_catalog."bit";
create function subvector(${type}, int, int) returns ${type} ${PUBLIC} return ${formatted(type, `vector_emulation_subvector(${parsed(type, '$1')}, $2, $3, '${type}')`, true)};
create function ${p}_add(${type}, ${type}) returns ${type} ${PUBLIC} return ${arithmetic('add')};
create function ${p}_sub(${type}, ${type}) returns ${type} ${PUBLIC} return ${arithmetic('sub')};
create function ${p}_mul(${type}, ${type}) returns ${type} ${PUBLIC} return ${arithmetic('mul')};
create function ${p}_concat(${type}, ${type}) returns ${type} ${PUBLIC} return ${arithmetic('concat')};
${[['lt', '<'], ['le', '<='], ['eq', '='], ['ne', '<>'], ['ge', '>='], ['gt', '>']].map(compare).join('\n')}
create function ${p}_cmp(${type}, ${type}) returns int4 ${PUBLIC} return pg_catalog.btarraycmp(${parsed(type, '$1')}, ${parsed(type, '$2')});
create function ${p}_l2_squared_distance(${type}, ${type}) returns float8 ${PUBLIC} return ${distance('l2_squared')};
create function ${p}_negative_inner_product(${type}, ${type}) returns float8 ${PUBLIC} return ${distance('negative_inner_product')};
create function ${p}_spherical_distance(${type}, ${type}) returns float8 ${PUBLIC} return ${distance('spherical')};
create function ${p}_accum(double precision[], ${type}) returns double precision[] ${PUBLIC} return vector_emulation_accum($1, ${parsed(type, '$2')});
create function ${p}_avg(double precision[]) returns ${type} ${PUBLIC} return ${formatted(type, 'vector_emulation_average($1)')};
create function ${p}_combine(double precision[], double precision[]) returns double precision[] ${PUBLIC} return vector_emulation_combine($1, $2);
create aggregate avg(${type}) (sfunc = ${p}_accum, stype = double precision[], finalfunc = ${p}_avg, combinefunc = ${p}_combine, initcond = '{0}', parallel = safe);
create aggregate sum(${type}) (sfunc = ${p}_add, stype = ${type}, combinefunc = ${p}_add, parallel = safe);
create function ${type}(${type}, integer, boolean) returns ${type} ${PUBLIC} return ${formatted(type, parsed(type, '$1', '$2'), true)};
${['integer', 'real', 'double precision', 'numeric'].map(fromArray).join('\n')}
create function ${p}_to_float4(${type}, integer, boolean) returns real[] ${PUBLIC} return ${parsed(type, '$1')};
create cast (${type} as ${type}) with function ${type}(${type}, integer, boolean) as implicit;
create cast (${type} as real[]) with function ${p}_to_float4(${type}, integer, boolean) as ${type === 'vector' ? 'implicit' : 'assignment'};
${['integer', 'real', 'double precision', 'numeric'].map((e) => `create cast (${e}[] as ${type}) with function array_to_${type}(${e}[], integer, boolean) as assignment;`).join('\n')}
${operatorsSql(type, p)}
`;
}

function operatorsSql(type: string, p: string): string {
  const distance = (op: string, fn: string) => `create operator ${op} (leftarg = ${type}, rightarg = ${type}, function = ${fn}, commutator = '${op}');`;
  const comparison = (op: string, fn: string, commutator: string, negator: string, restrict: string, join: string) =>
    `create operator ${op} (leftarg = ${type}, rightarg = ${type}, function = ${p}_${fn}, commutator = ${commutator}, negator = ${negator}, restrict = ${restrict}, join = ${join});`;
  return [
    distance('<->', 'l2_distance'),
    distance('<#>', `${p}_negative_inner_product`),
    distance('<=>', 'cosine_distance'),
    distance('<+>', 'l1_distance'),
    ...(type === 'sparsevec'
      ? []
      : [
          `create operator + (leftarg = ${type}, rightarg = ${type}, function = ${p}_add, commutator = +);`,
          `create operator - (leftarg = ${type}, rightarg = ${type}, function = ${p}_sub);`,
          `create operator * (leftarg = ${type}, rightarg = ${type}, function = ${p}_mul, commutator = *);`,
          `create operator || (leftarg = ${type}, rightarg = ${type}, function = ${p}_concat);`,
        ]),
    comparison('<', 'lt', '>', '>=', 'scalarltsel', 'scalarltjoinsel'),
    comparison('<=', 'le', '>=', '>', 'scalarlesel', 'scalarlejoinsel'),
    comparison('=', 'eq', '=', '<>', 'eqsel', 'eqjoinsel'),
    comparison('<>', 'ne', '<>', '=', 'eqsel', 'eqjoinsel'),
    comparison('>=', 'ge', '<=', '<', 'scalargesel', 'scalargejoinsel'),
    comparison('>', 'gt', '<', '<=', 'scalargtsel', 'scalargtjoinsel'),
    `create operator class ${p}_ops default for type ${type} using btree as operator 1 <, operator 2 <=, operator 3 =, operator 4 >=, operator 5 >, function 1 ${p}_cmp(${type}, ${type});`,
  ].join('\n');
}

/** Conversions between the three types. */
const CROSS_CASTS = `
create function halfvec_to_vector(halfvec, integer, boolean) returns vector ${PUBLIC} return vector_emulation_format(vector_emulation_check_dims(${parsed('halfvec', '$1')}, 'vector', $2))::vector;
create function vector_to_halfvec(vector, integer, boolean) returns halfvec ${PUBLIC} return ${formatted('halfvec', `vector_emulation_check_dims(${parsed('vector', '$1')}, 'halfvec', $2)`)};
create cast (halfvec as vector) with function halfvec_to_vector(halfvec, integer, boolean) as assignment;
create cast (vector as halfvec) with function vector_to_halfvec(vector, integer, boolean) as implicit;
`;

function sparseSql(): string {
  const distance = (kind: string) => `vector_emulation_sparse_distance('${kind}', ${sparse('$1')}, ${sparse('$2')})`;
  const out = (s: string) => `vector_emulation_sparse_format(${s})::sparsevec`;
  const compare = ([name, op]: string[]) =>
    `create function sparsevec_${name}(sparsevec, sparsevec) returns bool ${PUBLIC} return vector_emulation_sparse_cmp(${sparse('$1')}, ${sparse('$2')}) ${op} 0;`;
  const fromDense = (dense: string) => `vector_emulation_sparse_from_dense(${dense})`;
  const checked = (s: string) => `vector_emulation_sparse_parse(${out(s)}::text, $2)`;
  return `
create function l2_distance(sparsevec, sparsevec) returns float8 ${PUBLIC} return ${distance('l2')};
create function inner_product(sparsevec, sparsevec) returns float8 ${PUBLIC} return ${distance('inner_product')};
create function cosine_distance(sparsevec, sparsevec) returns float8 ${PUBLIC} return ${distance('cosine')};
create function l1_distance(sparsevec, sparsevec) returns float8 ${PUBLIC} return ${distance('l1')};
create function l2_norm(sparsevec) returns float8 ${PUBLIC} return vector_emulation_sparse_distance('norm', ${sparse('$1')}, ${sparse('$1')});
create function l2_normalize(sparsevec) returns sparsevec ${PUBLIC} return ${out(`vector_emulation_sparse_normalize(${sparse('$1')})`)};
${[['lt', '<'], ['le', '<='], ['eq', '='], ['ne', '<>'], ['ge', '>='], ['gt', '>']].map(compare).join('\n')}
create function sparsevec_cmp(sparsevec, sparsevec) returns int4 ${PUBLIC} return vector_emulation_sparse_cmp(${sparse('$1')}, ${sparse('$2')});
create function sparsevec_l2_squared_distance(sparsevec, sparsevec) returns float8 ${PUBLIC} return ${distance('l2_squared')};
create function sparsevec_negative_inner_product(sparsevec, sparsevec) returns float8 ${PUBLIC} return ${distance('negative_inner_product')};
create function sparsevec(sparsevec, integer, boolean) returns sparsevec ${PUBLIC} return ${out(sparse('$1', '$2'))};
create function vector_to_sparsevec(vector, integer, boolean) returns sparsevec ${PUBLIC} return ${out(checked(fromDense(parsed('vector', '$1'))))};
create function sparsevec_to_vector(sparsevec, integer, boolean) returns vector ${PUBLIC} return vector_emulation_format(vector_emulation_check_dims(vector_emulation_sparse_to_dense(${sparse('$1')}, 'vector'), 'vector', $2))::vector;
create function halfvec_to_sparsevec(halfvec, integer, boolean) returns sparsevec ${PUBLIC} return ${out(checked(fromDense(parsed('halfvec', '$1'))))};
create function sparsevec_to_halfvec(sparsevec, integer, boolean) returns halfvec ${PUBLIC} return ${formatted('halfvec', `vector_emulation_check_dims(vector_emulation_sparse_to_dense(${sparse('$1')}, 'halfvec'), 'halfvec', $2)`)};
${['integer', 'real', 'double precision', 'numeric']
  .map((e) => `create function array_to_sparsevec(${e}[], integer, boolean) returns sparsevec ${PUBLIC} return ${out(checked(fromDense(`vector_emulation_from_array($1::float8[], 'sparsevec', -1)`)))};`)
  .join('\n')}
create cast (sparsevec as sparsevec) with function sparsevec(sparsevec, integer, boolean) as implicit;
create cast (sparsevec as vector) with function sparsevec_to_vector(sparsevec, integer, boolean) as assignment;
create cast (vector as sparsevec) with function vector_to_sparsevec(vector, integer, boolean) as implicit;
create cast (sparsevec as halfvec) with function sparsevec_to_halfvec(sparsevec, integer, boolean) as assignment;
create cast (halfvec as sparsevec) with function halfvec_to_sparsevec(halfvec, integer, boolean) as implicit;
${['integer', 'real', 'double precision', 'numeric'].map((e) => `create cast (${e}[] as sparsevec) with function array_to_sparsevec(${e}[], integer, boolean) as assignment;`).join('\n')}
${operatorsSql('sparsevec', 'sparsevec')}
`;
}

const BIT_SQL = `
create function hamming_distance(bit, bit) returns float8 ${PUBLIC} return vector_emulation_bit_distance('hamming', $1, $2);
create function jaccard_distance(bit, bit) returns float8 ${PUBLIC} return vector_emulation_bit_distance('jaccard', $1, $2);
create operator <~> (leftarg = bit, rightarg = bit, function = hamming_distance, commutator = '<~>');
create operator <%> (leftarg = bit, rightarg = bit, function = jaccard_distance, commutator = '<%>');
`;

/**
 * The access methods. Operator classes hold a single support function: the row's hash, which is
 * all the hash handler stores (pgvector's distance support functions cannot be called with its
 * one argument). The event trigger checks what pgvector checks when it builds an index.
 */
function accessMethodsSql(): string {
  const opclass = (name: string, type: string, am: string, key = `vector_emulation_index_key(${type})`, isDefault = false) =>
    `create operator class ${name} ${isDefault ? 'default ' : ''}for type ${type} using ${am} as function 1 ${key};`;
  const dense = (type: string, p: string) => [
    opclass(`${p}_l2_ops`, type, 'ivfflat', undefined, type === 'vector'),
    opclass(`${p}_ip_ops`, type, 'ivfflat'),
    opclass(`${p}_cosine_ops`, type, 'ivfflat'),
    opclass(`${p}_l2_ops`, type, 'hnsw'),
    opclass(`${p}_ip_ops`, type, 'hnsw'),
    opclass(`${p}_cosine_ops`, type, 'hnsw'),
    opclass(`${p}_l1_ops`, type, 'hnsw'),
  ];
  const sparseKey = 'vector_emulation_hnsw_key(sparsevec)';
  return `
create function ivfflathandler(internal) returns index_am_handler language internal as 'hashhandler';
create access method ivfflat type index handler ivfflathandler;
comment on access method ivfflat is 'ivfflat index access method';
create function hnswhandler(internal) returns index_am_handler language internal as 'hashhandler';
create access method hnsw type index handler hnswhandler;
comment on access method hnsw is 'hnsw index access method';
${['vector', 'halfvec', 'sparsevec', 'bit'].map((t) => `create function vector_emulation_index_key(${t}) returns integer ${PUBLIC} return pg_catalog.hashtext($1::text);`).join('\n')}
create function vector_emulation_hnsw_key(sparsevec) returns integer ${PUBLIC} return vector_emulation_sparse_hnsw_key($1::text);
${[...dense('vector', 'vector'), ...dense('halfvec', 'halfvec')].join('\n')}
${opclass('bit_hamming_ops', 'bit', 'ivfflat')}
${opclass('bit_hamming_ops', 'bit', 'hnsw')}
${opclass('bit_jaccard_ops', 'bit', 'hnsw')}
${['l2', 'ip', 'cosine', 'l1'].map((k) => opclass(`sparsevec_${k}_ops`, 'sparsevec', 'hnsw', sparseKey)).join('\n')}
${INDEX_CHECK}`;
}

/** hnswbuild.c / ivfbuild.c's checks before a build, run after CREATE INDEX and ALTER TABLE. */
const INDEX_CHECK = `
create function vector_emulation_check_indexes() returns event_trigger language plpgsql set search_path = pg_catalog, pg_temp as $body$
declare
  r record;
  limit_dims integer;
begin
  for r in
    with touched as (
      -- Two index lookups rather than one OR join: this runs after every ALTER TABLE.
      select i.indexrelid, i.indrelid, i.indclass[0] as opclass, i.indkey[0] as attnum
        from pg_event_trigger_ddl_commands() c join pg_index i on i.indexrelid = c.objid
       where c.command_tag = 'CREATE INDEX' and c.classid = 'pg_class'::regclass
      union
      select i.indexrelid, i.indrelid, i.indclass[0], i.indkey[0]
        from pg_event_trigger_ddl_commands() c join pg_index i on i.indrelid = c.objid
       where c.command_tag = 'ALTER TABLE' and c.classid = 'pg_class'::regclass
    )
    select distinct am.amname, opc.opcname, t.typname, a.atttypid, a.atttypmod
      from touched i
      join pg_class ic on ic.oid = i.indexrelid
      join pg_am am on am.oid = ic.relam
      join pg_proc h on h.oid = am.amhandler and h.proname in ('hnswhandler', 'ivfflathandler') and h.prosrc = 'hashhandler'
      join pg_opclass opc on opc.oid = i.opclass
      join pg_type t on t.oid = opc.opcintype
      join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.attnum
  loop
    if r.atttypid = 'pg_catalog.varbit'::regtype then
      raise exception using errcode = '0A000', message = pg_catalog.format('type not supported for %s index', r.amname);
    end if;
    if r.atttypmod < 0 then
      raise exception using errcode = '22023', message = 'column does not have dimensions';
    end if;
    limit_dims := case r.typname when 'vector' then ${VECTOR_LIMITS.hnswMaxDim} when 'halfvec' then ${VECTOR_LIMITS.hnswMaxDim * 2} when 'bit' then ${VECTOR_LIMITS.hnswMaxDim * 32} else ${VECTOR_LIMITS.sparsevecMaxDim} end;
    if r.atttypmod > limit_dims then
      raise exception using errcode = '54000', message = pg_catalog.format('column cannot have more than %s dimensions for %s index', limit_dims, r.amname);
    end if;
    if r.amname = 'ivfflat' and r.atttypmod = 1 and r.opcname in ('vector_ip_ops', 'vector_cosine_ops', 'halfvec_ip_ops', 'halfvec_cosine_ops') then
      raise exception using errcode = '22023', message = 'dimensions must be greater than one for this opclass';
    end if;
  end loop;
end
$body$;
create event trigger vector_emulation_index_check on ddl_command_end when tag in ('CREATE INDEX', 'ALTER TABLE')
  execute function vector_emulation_check_indexes();
`;

export const VECTOR_SCRIPT = [
  '-- migration-gate: an emulation of pgvector 0.8.0 for the dry-run (see vector-sql.ts)',
  BASE_TYPES,
  PARSE_DENSE,
  DENSE_MATH,
  SPARSE_HELPERS,
  SPARSE_MATH,
  denseSql('vector'),
  denseSql('halfvec'),
  CROSS_CASTS,
  sparseSql(),
  BIT_SQL,
  accessMethodsSql(),
].join('\n');
