/**
 * PostGIS 3.3.7, the core that migrations touch (signatures as PostGIS 3.3 declares them:
 * postgis.sql, checked against a real 3.3 install): the `geometry` and `geography` types with
 * their typmods (`geometry(Point,4326)`, `geography(Polygon)`), the constructors, accessors,
 * measures and relationships migrations call, the `&&` and `<->` operators, B-tree, hash and GiST
 * operator classes, `spatial_ref_sys` with 4326 and 3857.
 *
 * How it works:
 *  - both types are stored as text (the server's own textin/textout). Values made by the
 *    emulation's functions, and values written to a column with a typmod, are stored as EWKT
 *    (`SRID=4326;POINT(1 2)`); input is read as WKT, EWKT or hex EWKB. So `geom::text` shows EWKT
 *    where PostGIS shows hex EWKB, and a malformed literal is refused by the first function that
 *    reads it, not by the type's input;
 *  - typmods are encoded exactly as PostGIS encodes them (SRID << 8 | type << 2 | Z << 1 | M), so
 *    `atttypmod` matches; they are displayed as that number (a typmod output function must be C);
 *  - writing to a typed column checks type, Z/M and SRID with PostGIS's messages, and gives an
 *    SRID-less value the column's SRID, as PostGIS does;
 *  - planar measures and relationships are computed for points, lines and polygons (and their
 *    multi forms); geography distances are geodesic on WGS 84 (Vincenty) or on the sphere;
 *    ST_Transform converts between 4326 and 3857; ST_Buffer is exact in shape for points (a
 *    polygon of 4 x quad_segs segments) and a bounding box grown by the radius otherwise;
 *  - GiST indexes are built with btree_gist's bytea support functions (shipped with the server)
 *    and carry no operators: `create index ... using gist (geom)` replays, the planner never
 *    uses the index, and results are the same as without it.
 */
import type { ExtensionEmulation } from './types';

const S = '@extschema@';

/** WKT and hex EWKB to a GeoJSON-like jsonb: {type, srid, z, m, coordinates | geometries}. */
const parsing = `
create function ${S}._pg_wkt_body(body text) returns jsonb
language plpgsql immutable strict
as $fn$
declare
  t text := body;
begin
  t := pg_catalog.regexp_replace(t, '(^|[^0-9eE])\\+', '\\1', 'g');
  t := pg_catalog.regexp_replace(t, '(^|[^0-9])\\.([0-9])', '\\10.\\2', 'g');
  t := pg_catalog.regexp_replace(t, '\\s*,\\s*', ';', 'g');
  t := pg_catalog.regexp_replace(t, '\\(\\s*', '(', 'g');
  t := pg_catalog.regexp_replace(t, '\\s*\\)', ')', 'g');
  t := pg_catalog.regexp_replace(pg_catalog.btrim(t), '\\s+', ',', 'g');
  t := pg_catalog.regexp_replace(t, '([^();]+)', '[\\1]', 'g');
  return pg_catalog.translate(t, '();', '[],')::jsonb;
exception when others then
  raise exception 'parse error - invalid geometry' using errcode = 'XX000', hint = pg_catalog.format('"%s" <-- parse error', pg_catalog.left(body, 40));
end
$fn$;

-- Splits a collection body "(POINT(1 2),LINESTRING(0 0,1 1))" at its top-level commas.
create function ${S}._pg_split(body text) returns text[]
language plpgsql immutable strict
as $fn$
declare
  parts text[] := '{}';
  depth int := 0;
  start int := 2;
  ch text;
begin
  for i in 1 .. pg_catalog.length(body) loop
    ch := pg_catalog.substr(body, i, 1);
    if ch = '(' then depth := depth + 1;
    elsif ch = ')' then depth := depth - 1;
      if depth = 0 then parts := parts || pg_catalog.btrim(pg_catalog.substr(body, start, i - start)); end if;
    elsif ch = ',' and depth = 1 then
      parts := parts || pg_catalog.btrim(pg_catalog.substr(body, start, i - start));
      start := i + 1;
    end if;
  end loop;
  return array(select p from pg_catalog.unnest(parts) p where p <> '');
end
$fn$;

create function ${S}._pg_type_name(word text) returns text
language sql immutable strict
as $fn$
  select case pg_catalog.upper(word)
    when 'POINT' then 'Point' when 'LINESTRING' then 'LineString' when 'POLYGON' then 'Polygon'
    when 'MULTIPOINT' then 'MultiPoint' when 'MULTILINESTRING' then 'MultiLineString' when 'MULTIPOLYGON' then 'MultiPolygon'
    when 'GEOMETRYCOLLECTION' then 'GeometryCollection' end
$fn$;

-- IEEE 754 double from 8 bytes (WKB), little or big endian.
create function ${S}._pg_double(bytes bytea, little boolean) returns double precision
language plpgsql immutable strict
as $fn$
declare
  b bytea := bytes;
  bits bit(64);
  exponent int;
  mantissa numeric := 0;
begin
  if little then
    b := pg_catalog.decode(pg_catalog.string_agg(pg_catalog.substr(pg_catalog.encode(bytes, 'hex'), 17 - 2 * i, 2), '' order by i), 'hex')
      from pg_catalog.generate_series(1, 8) as i;
  end if;
  bits := ('x' || pg_catalog.encode(b, 'hex'))::bit(64);
  exponent := pg_catalog.substring(bits, 2, 11)::int;
  mantissa := (pg_catalog.substring(bits, 13, 52)::bigint)::numeric / 4503599627370496;
  if exponent = 0 and mantissa = 0 then return 0; end if;
  if exponent = 2047 then return 'NaN'::double precision; end if;
  return (case when pg_catalog.substring(bits, 1, 1) = '1' then -1 else 1 end)
         * (case when exponent = 0 then mantissa * pg_catalog.power(2::numeric, -1022) else (1 + mantissa) * pg_catalog.power(2::numeric, exponent - 1023) end)::double precision;
end
$fn$;

create function ${S}._pg_wkb(bytes bytea, pos int, out g jsonb, out next_pos int)
language plpgsql immutable strict
as $fn$
declare
  little boolean := pg_catalog.get_byte(bytes, pos) = 1;
  word bigint;
  kind int;
  dims int;
  srid int := 0;
  has_z boolean;
  has_m boolean;
  n int;
  coords jsonb;
  ring jsonb;
  part record;
  points int;
  names text[] := array['Point', 'LineString', 'Polygon', 'MultiPoint', 'MultiLineString', 'MultiPolygon', 'GeometryCollection'];
begin
  word := ${S}._pg_uint32(bytes, pos + 1, little);
  next_pos := pos + 5;
  has_z := (word & 2147483648) <> 0 or (word & 65535) / 1000 in (1, 3);
  has_m := (word & 1073741824) <> 0 or (word & 65535) / 1000 in (2, 3);
  if (word & 536870912) <> 0 then
    srid := ${S}._pg_uint32(bytes, next_pos, little);
    next_pos := next_pos + 4;
  end if;
  kind := (word & 65535) % 1000;
  dims := 2 + has_z::int + has_m::int;
  if kind < 1 or kind > 7 then
    raise exception 'parse error - invalid geometry' using errcode = 'XX000';
  end if;
  g := pg_catalog.jsonb_build_object('type', names[kind], 'srid', srid, 'z', has_z, 'm', has_m);
  if kind = 1 then
    select pg_catalog.jsonb_agg(${S}._pg_double(pg_catalog.substr(bytes, next_pos + 1 + 8 * d, 8), little) order by d) into coords from pg_catalog.generate_series(0, dims - 1) d;
    next_pos := next_pos + 8 * dims;
    if exists (select 1 from pg_catalog.jsonb_array_elements(coords) c where c::text = '"NaN"') then coords := '[]'; end if;
    g := g || pg_catalog.jsonb_build_object('coordinates', coords);
    null;
    return;
  end if;
  n := ${S}._pg_uint32(bytes, next_pos, little);
  next_pos := next_pos + 4;
  if kind = 2 then
    select pg_catalog.jsonb_agg((select pg_catalog.jsonb_agg(${S}._pg_double(pg_catalog.substr(bytes, next_pos + 1 + 8 * (p * dims + d), 8), little) order by d) from pg_catalog.generate_series(0, dims - 1) d) order by p)
      into coords from pg_catalog.generate_series(0, n - 1) p;
    g := g || pg_catalog.jsonb_build_object('coordinates', coalesce(coords, '[]'));
    next_pos := next_pos + 8 * dims * n;
    return;
  end if;
  if kind = 3 then
    coords := '[]';
    for r in 1 .. n loop
      points := ${S}._pg_uint32(bytes, next_pos, little);
      next_pos := next_pos + 4;
        select coalesce(pg_catalog.jsonb_agg((select pg_catalog.jsonb_agg(${S}._pg_double(pg_catalog.substr(bytes, next_pos + 1 + 8 * (p * dims + d), 8), little) order by d) from pg_catalog.generate_series(0, dims - 1) d) order by p), '[]')
          into ring from pg_catalog.generate_series(0, points - 1) p;
        coords := coords || pg_catalog.jsonb_build_array(ring);
        next_pos := next_pos + 8 * dims * points;
    end loop;
    g := g || pg_catalog.jsonb_build_object('coordinates', coords);
    null;
    return;
  end if;
  coords := '[]';
  for r in 1 .. n loop
    select * into part from ${S}._pg_wkb(bytes, next_pos);
    next_pos := part.next_pos;
    coords := coords || pg_catalog.jsonb_build_array(case when kind = 7 then part.g else part.g->'coordinates' end);
  end loop;
  g := g || case when kind = 7 then pg_catalog.jsonb_build_object('geometries', coords) else pg_catalog.jsonb_build_object('coordinates', coords) end;
  null;
  return;
end
$fn$;

create function ${S}._pg_parse(input text) returns jsonb
language plpgsql immutable strict
as $fn$
declare
  t text := pg_catalog.btrim(input);
  srid int := 0;
  m text[];
  kind text;
  flags text;
  body text;
  coords jsonb;
  parts jsonb := '[]';
  part text;
  g jsonb;
begin
  if t ~ '^[0-9A-Fa-f]+$' and pg_catalog.length(t) % 2 = 0 and pg_catalog.length(t) >= 10 then
    return (${S}._pg_wkb(pg_catalog.decode(t, 'hex'), 0)).g;
  end if;
  m := pg_catalog.regexp_match(t, '^SRID=(-?[0-9]+);(.*)$', 'i');
  if m is not null then
    srid := m[1]::int;
    t := pg_catalog.btrim(m[2]);
  end if;
  m := pg_catalog.regexp_match(t, '^([A-Za-z]+?)\\s*(ZM|Z|M)?\\s*(EMPTY|\\(.*\\))$', 'i');
  kind := ${S}._pg_type_name(m[1]);
  if m is null or kind is null then
    raise exception 'parse error - invalid geometry' using errcode = 'XX000', hint = pg_catalog.format('"%s" <-- parse error', pg_catalog.left(input, 40));
  end if;
  flags := pg_catalog.upper(coalesce(m[2], ''));
  body := m[3];
  g := pg_catalog.jsonb_build_object('type', kind, 'srid', srid, 'z', flags like '%Z%', 'm', flags like '%M%');
  if pg_catalog.upper(body) = 'EMPTY' then
    return g || case when kind = 'GeometryCollection' then '{"geometries": []}'::jsonb else '{"coordinates": []}'::jsonb end;
  end if;
  if kind = 'GeometryCollection' then
    foreach part in array ${S}._pg_split(body) loop
      parts := parts || pg_catalog.jsonb_build_array(${S}._pg_parse(part) - 'srid');
    end loop;
    return g || pg_catalog.jsonb_build_object('geometries', parts);
  end if;
  coords := ${S}._pg_wkt_body(body);
  if kind = 'Point' then
    coords := coords->0;
  elsif kind = 'MultiPoint' then
    -- MULTIPOINT((1 2),(3 4)) and MULTIPOINT(1 2,3 4) are both valid.
    coords := (select pg_catalog.jsonb_agg(case when pg_catalog.jsonb_typeof(e->0) = 'array' then e->0 else e end order by n) from pg_catalog.jsonb_array_elements(coords) with ordinality as x(e, n));
  end if;
  if flags = '' and kind <> 'GeometryCollection' then
    g := g || pg_catalog.jsonb_build_object('z', coalesce((select pg_catalog.jsonb_array_length(p) > 2 from pg_catalog.jsonb_path_query(coords, 'strict $.** ? (@.type() == "array" && @[0].type() == "number")') p limit 1), false));
  end if;
  return g || pg_catalog.jsonb_build_object('coordinates', coalesce(coords, '[]'));
end
$fn$;

create function ${S}._pg_uint32(bytes bytea, pos int, little boolean) returns bigint
language sql immutable strict
as $fn$
  select case when little
    then pg_catalog.get_byte(bytes, pos)::bigint + (pg_catalog.get_byte(bytes, pos + 1)::bigint << 8) + (pg_catalog.get_byte(bytes, pos + 2)::bigint << 16) + (pg_catalog.get_byte(bytes, pos + 3)::bigint << 24)
    else pg_catalog.get_byte(bytes, pos + 3)::bigint + (pg_catalog.get_byte(bytes, pos + 2)::bigint << 8) + (pg_catalog.get_byte(bytes, pos + 1)::bigint << 16) + (pg_catalog.get_byte(bytes, pos)::bigint << 24) end
$fn$;
`;

/** jsonb back to WKT / EWKT / GeoJSON text. */
const printing = `
create function ${S}._pg_num(value jsonb, digits int = 15) returns text
language sql immutable strict
as $fn$
  select case when digits >= 15 then (value::text::double precision)::text
              else pg_catalog.rtrim(pg_catalog.rtrim(pg_catalog.round(value::text::numeric, digits)::text, '0'), '.') end
$fn$;

-- Coordinates nested to any depth: a position prints as "x y", a list as "(a,b)".
create function ${S}._pg_coords_wkt(coords jsonb, digits int = 15) returns text
language sql immutable strict
as $fn$
  select case
    when pg_catalog.jsonb_array_length(coords) = 0 then 'EMPTY'
    when pg_catalog.jsonb_typeof(coords->0) = 'number' then (select pg_catalog.string_agg(${S}._pg_num(c, digits), ' ' order by n) from pg_catalog.jsonb_array_elements(coords) with ordinality as x(c, n))
    else '(' || (select pg_catalog.string_agg(case when pg_catalog.jsonb_typeof(c->0) = 'number' then ${S}._pg_coords_wkt(c, digits) else ${S}._pg_coords_wkt(c, digits) end, ',' order by n) from pg_catalog.jsonb_array_elements(coords) with ordinality as x(c, n)) || ')' end
$fn$;

create function ${S}._pg_wkt(g jsonb, iso boolean, digits int = 15) returns text
language plpgsql immutable strict
as $fn$
declare
  flags text := case when (g->>'z')::boolean and (g->>'m')::boolean then 'ZM' when (g->>'z')::boolean then 'Z' when (g->>'m')::boolean then 'M' else '' end;
  head text := pg_catalog.upper(g->>'type');
  body text;
begin
  if iso and flags <> '' then head := head || ' ' || flags || ' ';
  elsif not iso and flags = 'M' then head := head || 'M';
  end if;
  if g->>'type' = 'GeometryCollection' then
    if pg_catalog.jsonb_array_length(g->'geometries') = 0 then return pg_catalog.rtrim(head) || ' EMPTY'; end if;
    select '(' || pg_catalog.string_agg(${S}._pg_wkt(e, iso, digits), ',' order by n) || ')' into body from pg_catalog.jsonb_array_elements(g->'geometries') with ordinality as x(e, n);
    return head || body;
  end if;
  if pg_catalog.jsonb_array_length(g->'coordinates') = 0 then return pg_catalog.rtrim(head) || ' EMPTY'; end if;
  if g->>'type' = 'Point' then return head || '(' || ${S}._pg_coords_wkt(g->'coordinates', digits) || ')'; end if;
  if g->>'type' = 'MultiPoint' then
    -- ISO WKT writes MULTIPOINT((1 2),(3 4)), EWKT MULTIPOINT(1 2,3 4), as PostGIS does.
    return head || '(' || (select pg_catalog.string_agg(case when iso then '(' || ${S}._pg_coords_wkt(p, digits) || ')' else ${S}._pg_coords_wkt(p, digits) end, ',' order by n)
                             from pg_catalog.jsonb_array_elements(g->'coordinates') with ordinality as x(p, n)) || ')';
  end if;
  return head || ${S}._pg_coords_wkt(g->'coordinates', digits);
end
$fn$;

-- The stored form: EWKT, with the SRID when it is set.
create function ${S}._pg_store(g jsonb) returns text
language sql immutable strict
as $fn$ select case when (g->>'srid')::int <> 0 then 'SRID=' || (g->>'srid') || ';' else '' end || ${S}._pg_wkt(g, false) $fn$;

create function ${S}._pg_coords_json(coords jsonb, digits int) returns text
language sql immutable strict
as $fn$
  select '[' || coalesce((select pg_catalog.string_agg(case when pg_catalog.jsonb_typeof(c) = 'number' then ${S}._pg_num(c, digits) else ${S}._pg_coords_json(c, digits) end, ',' order by n)
                            from pg_catalog.jsonb_array_elements(coords) with ordinality as x(c, n)), '') || ']'
$fn$;

create function ${S}._pg_geojson(g jsonb, digits int, options int, geography boolean) returns text
language plpgsql immutable strict
as $fn$
declare
  srid int := (g->>'srid')::int;
  crs text := '';
begin
  if srid <> 0 and ((options & 2) <> 0 or ((options & 8) <> 0 and srid <> 4326)) then
    crs := ',"crs":{"type":"name","properties":{"name":"EPSG:' || srid || '"}}';
  elsif srid <> 0 and (options & 4) <> 0 then
    crs := ',"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::' || srid || '"}}';
  end if;
  if g->>'type' = 'GeometryCollection' then
    return '{"type":"GeometryCollection"' || crs || ',"geometries":[' ||
      coalesce((select pg_catalog.string_agg(${S}._pg_geojson(e || '{"srid": 0}', digits, 0, geography), ',' order by n) from pg_catalog.jsonb_array_elements(g->'geometries') with ordinality as x(e, n)), '') || ']}';
  end if;
  return '{"type":"' || (g->>'type') || '"' || crs || ',"coordinates":' || ${S}._pg_coords_json(g->'coordinates', digits) || '}';
end
$fn$;
`;

/** Planar geometry over the parsed form: components, points, segments, rings. */
const planar = `
-- Points, lines and polygons of a geometry, multi forms and collections taken apart.
create function ${S}._pg_parts(g jsonb) returns setof jsonb
language sql immutable strict
as $fn$
  select p from (
    select g as p where g->>'type' in ('Point', 'LineString', 'Polygon') and pg_catalog.jsonb_array_length(g->'coordinates') > 0
    union all
    select pg_catalog.jsonb_build_object('type', pg_catalog.substr(g->>'type', 6), 'coordinates', c)
      from pg_catalog.jsonb_array_elements(case when g->>'type' like 'Multi%' then g->'coordinates' else '[]' end) c
    union all
    select x from pg_catalog.jsonb_array_elements(case when g->>'type' = 'GeometryCollection' then g->'geometries' else '[]' end) e, ${S}._pg_parts(e) x
  ) s
$fn$;

create function ${S}._pg_points(part jsonb) returns setof double precision[]
language sql immutable strict
as $fn$
  select array[(c->>0)::double precision, (c->>1)::double precision]
    from pg_catalog.jsonb_path_query(case when part->>'type' = 'Point' then pg_catalog.jsonb_build_array(part->'coordinates') else part->'coordinates' end,
                                     'strict $.** ? (@.type() == "array" && @[0].type() == "number")') c
$fn$;

-- Segments (x1, y1, x2, y2) of lines and polygon rings; a point is a segment of length 0.
create function ${S}._pg_segments(part jsonb) returns setof double precision[]
language sql immutable strict
as $fn$
  select array[(p->0->>0)::double precision, (p->0->>1)::double precision, (p->0->>0)::double precision, (p->0->>1)::double precision]
    from (select pg_catalog.jsonb_build_array(part->'coordinates') as p) x where part->>'type' = 'Point'
  union all
  select array[(l->(i - 1)->>0)::double precision, (l->(i - 1)->>1)::double precision, (l->i->>0)::double precision, (l->i->>1)::double precision]
    from pg_catalog.jsonb_array_elements(case part->>'type' when 'LineString' then pg_catalog.jsonb_build_array(part->'coordinates') when 'Polygon' then part->'coordinates' else '[]' end) l,
         pg_catalog.generate_series(1, pg_catalog.jsonb_array_length(l) - 1) i
$fn$;

create function ${S}._pg_point_segment(px double precision, py double precision, s double precision[]) returns double precision
language plpgsql immutable strict
as $fn$
declare
  dx double precision := s[3] - s[1];
  dy double precision := s[4] - s[2];
  t double precision;
begin
  if dx = 0 and dy = 0 then return pg_catalog.sqrt((px - s[1]) ^ 2 + (py - s[2]) ^ 2); end if;
  t := greatest(0, least(1, ((px - s[1]) * dx + (py - s[2]) * dy) / (dx * dx + dy * dy)));
  return pg_catalog.sqrt((px - s[1] - t * dx) ^ 2 + (py - s[2] - t * dy) ^ 2);
end
$fn$;

create function ${S}._pg_segments_cross(a double precision[], b double precision[]) returns boolean
language plpgsql immutable strict
as $fn$
declare
  d1 double precision := (b[3] - b[1]) * (a[2] - b[2]) - (b[4] - b[2]) * (a[1] - b[1]);
  d2 double precision := (b[3] - b[1]) * (a[4] - b[2]) - (b[4] - b[2]) * (a[3] - b[1]);
  d3 double precision := (a[3] - a[1]) * (b[2] - a[2]) - (a[4] - a[2]) * (b[1] - a[1]);
  d4 double precision := (a[3] - a[1]) * (b[4] - a[2]) - (a[4] - a[2]) * (b[3] - a[1]);
begin
  if ((d1 > 0 and d2 < 0) or (d1 < 0 and d2 > 0)) and ((d3 > 0 and d4 < 0) or (d3 < 0 and d4 > 0)) then return true; end if;
  return ${S}._pg_point_segment(a[1], a[2], b) = 0 or ${S}._pg_point_segment(a[3], a[4], b) = 0
      or ${S}._pg_point_segment(b[1], b[2], a) = 0 or ${S}._pg_point_segment(b[3], b[4], a) = 0;
end
$fn$;

-- 1 inside, 0 on the boundary, -1 outside a polygon (holes excluded).
create function ${S}._pg_in_polygon(px double precision, py double precision, polygon jsonb) returns int
language plpgsql immutable strict
as $fn$
declare
  ring jsonb;
  n int := 0;
  inside boolean;
  x1 double precision; y1 double precision; x2 double precision; y2 double precision;
begin
  for ring in select r from pg_catalog.jsonb_array_elements(polygon->'coordinates') r loop
    inside := false;
    for i in 1 .. pg_catalog.jsonb_array_length(ring) - 1 loop
      x1 := (ring->(i - 1)->>0)::double precision; y1 := (ring->(i - 1)->>1)::double precision;
      x2 := (ring->i->>0)::double precision; y2 := (ring->i->>1)::double precision;
      if ${S}._pg_point_segment(px, py, array[x1, y1, x2, y2]) = 0 then return 0; end if;
      if (y1 > py) <> (y2 > py) and px < (x2 - x1) * (py - y1) / (y2 - y1) + x1 then inside := not inside; end if;
    end loop;
    if n = 0 and not inside then return -1; end if;
    if n > 0 and inside then return -1; end if;
    n := n + 1;
  end loop;
  return 1;
end
$fn$;

-- Where a point lies relative to a part: 1 interior, 0 boundary, -1 exterior.
create function ${S}._pg_locate(px double precision, py double precision, part jsonb) returns int
language plpgsql immutable strict
as $fn$
declare
  ends jsonb;
begin
  if part->>'type' = 'Polygon' then return ${S}._pg_in_polygon(px, py, part); end if;
  if part->>'type' = 'Point' then
    return case when (part->'coordinates'->>0)::double precision = px and (part->'coordinates'->>1)::double precision = py then 1 else -1 end;
  end if;
  if not exists (select 1 from ${S}._pg_segments(part) s where ${S}._pg_point_segment(px, py, s) = 0) then return -1; end if;
  ends := pg_catalog.jsonb_build_array(part->'coordinates'->0, part->'coordinates'->-1);
  if ends->0 <> ends->1 and ((ends->0->>0)::double precision = px and (ends->0->>1)::double precision = py
                          or (ends->1->>0)::double precision = px and (ends->1->>1)::double precision = py) then
    return 0;
  end if;
  return 1;
end
$fn$;

create function ${S}._pg_parts_intersect(a jsonb, b jsonb) returns boolean
language sql immutable strict
as $fn$
  select exists (select 1 from ${S}._pg_segments(a) sa, ${S}._pg_segments(b) sb where ${S}._pg_segments_cross(sa, sb))
      or exists (select 1 from ${S}._pg_points(a) p where ${S}._pg_locate(p[1], p[2], b) >= 0)
      or exists (select 1 from ${S}._pg_points(b) p where ${S}._pg_locate(p[1], p[2], a) >= 0)
$fn$;

create function ${S}._pg_intersects(a jsonb, b jsonb) returns boolean
language sql immutable strict
as $fn$ select exists (select 1 from ${S}._pg_parts(a) pa, ${S}._pg_parts(b) pb where ${S}._pg_parts_intersect(pa, pb)) $fn$;

-- A contains B: no point of B outside A, no edge of B crossing out of A, some point of B inside A.
create function ${S}._pg_contains(a jsonb, b jsonb) returns boolean
language plpgsql immutable strict
as $fn$
declare
  p double precision[];
  s double precision[];
  some_interior boolean := false;
  best int;
begin
  for p in select x from ${S}._pg_parts(b) pb, ${S}._pg_points(pb) x loop
    select max(${S}._pg_locate(p[1], p[2], pa)) into best from ${S}._pg_parts(a) pa;
    if coalesce(best, -1) < 0 then return false; end if;
    some_interior := some_interior or best = 1;
  end loop;
  for s in select x from ${S}._pg_parts(b) pb, ${S}._pg_segments(pb) x where x[1] <> x[3] or x[2] <> x[4] loop
    select max(${S}._pg_locate((s[1] + s[3]) / 2, (s[2] + s[4]) / 2, pa)) into best from ${S}._pg_parts(a) pa;
    if coalesce(best, -1) < 0 then return false; end if;
    some_interior := some_interior or best = 1;
  end loop;
  return some_interior;
end
$fn$;

create function ${S}._pg_distance(a jsonb, b jsonb) returns double precision
language sql immutable strict
as $fn$
  select case when ${S}._pg_intersects(a, b) then 0::double precision else (
    select least(
      (select min(${S}._pg_point_segment(p[1], p[2], s)) from ${S}._pg_parts(a) pa, ${S}._pg_points(pa) p, ${S}._pg_parts(b) pb, ${S}._pg_segments(pb) s),
      (select min(${S}._pg_point_segment(p[1], p[2], s)) from ${S}._pg_parts(b) pb, ${S}._pg_points(pb) p, ${S}._pg_parts(a) pa, ${S}._pg_segments(pa) s))) end
$fn$;

create function ${S}._pg_bbox(g jsonb) returns double precision[]
language sql immutable strict
as $fn$ select array[min(p[1]), min(p[2]), max(p[1]), max(p[2])] from ${S}._pg_parts(g) pa, ${S}._pg_points(pa) p $fn$;

create function ${S}._pg_same_srid(a jsonb, b jsonb, fn text) returns void
language plpgsql immutable strict
as $fn$
begin
  if (a->>'srid')::int <> (b->>'srid')::int then
    raise exception '%: Operation on mixed SRID geometries (%, %) != (%, %)', fn, a->>'type', a->>'srid', b->>'type', b->>'srid' using errcode = 'XX000';
  end if;
end
$fn$;

-- Every position transformed by f(x, y) -> [x', y'], keeping extra ordinates.
create function ${S}._pg_map(coords jsonb, from_srid int, to_srid int) returns jsonb
language sql immutable strict
as $fn$
  select case
    when pg_catalog.jsonb_typeof(coords->0) = 'number' then
      case when from_srid = 4326 and to_srid = 3857 then
        pg_catalog.jsonb_build_array((coords->>0)::double precision * pi() / 180 * 6378137,
                                     pg_catalog.ln(pg_catalog.tan(pi() / 4 + (coords->>1)::double precision * pi() / 360)) * 6378137) || (coords - 0 - 0)
      else
        pg_catalog.jsonb_build_array((coords->>0)::double precision / 6378137 * 180 / pi(),
                                     (2 * pg_catalog.atan(pg_catalog.exp((coords->>1)::double precision / 6378137)) - pi() / 2) * 180 / pi()) || (coords - 0 - 0)
      end
    else coalesce((select pg_catalog.jsonb_agg(${S}._pg_map(c, from_srid, to_srid) order by n) from pg_catalog.jsonb_array_elements(coords) with ordinality as x(c, n)), '[]') end
$fn$;
`;

/** Geodesic distance between two lon/lat points: Vincenty on WGS 84, or the sphere of mean radius. */
const geodesy = `
create function ${S}._pg_geodesic(lon1 double precision, lat1 double precision, lon2 double precision, lat2 double precision, spheroid boolean) returns double precision
language plpgsql immutable strict
as $fn$
declare
  a double precision := 6378137;
  f double precision := 1 / 298.257223563;
  b double precision := 6378137 * (1 - 1 / 298.257223563);
  l double precision := pg_catalog.radians(lon2 - lon1);
  u1 double precision := pg_catalog.atan((1 - f) * pg_catalog.tan(pg_catalog.radians(lat1)));
  u2 double precision := pg_catalog.atan((1 - f) * pg_catalog.tan(pg_catalog.radians(lat2)));
  lambda double precision := l;
  previous double precision;
  sin_sigma double precision; cos_sigma double precision; sigma double precision;
  sin_alpha double precision; cos2_alpha double precision; cos_2sm double precision; c double precision;
  u_sq double precision; big_a double precision; big_b double precision; delta double precision;
begin
  if not spheroid then
    return 2 * 6371008.7714 * pg_catalog.asin(pg_catalog.sqrt(
      pg_catalog.sin(pg_catalog.radians(lat2 - lat1) / 2) ^ 2 + pg_catalog.cos(pg_catalog.radians(lat1)) * pg_catalog.cos(pg_catalog.radians(lat2)) * pg_catalog.sin(pg_catalog.radians(lon2 - lon1) / 2) ^ 2));
  end if;
  if lon1 = lon2 and lat1 = lat2 then return 0; end if;
  for i in 1 .. 200 loop
    sin_sigma := pg_catalog.sqrt((pg_catalog.cos(u2) * pg_catalog.sin(lambda)) ^ 2 + (pg_catalog.cos(u1) * pg_catalog.sin(u2) - pg_catalog.sin(u1) * pg_catalog.cos(u2) * pg_catalog.cos(lambda)) ^ 2);
    if sin_sigma = 0 then return 0; end if;
    cos_sigma := pg_catalog.sin(u1) * pg_catalog.sin(u2) + pg_catalog.cos(u1) * pg_catalog.cos(u2) * pg_catalog.cos(lambda);
    sigma := pg_catalog.atan2(sin_sigma, cos_sigma);
    sin_alpha := pg_catalog.cos(u1) * pg_catalog.cos(u2) * pg_catalog.sin(lambda) / sin_sigma;
    cos2_alpha := 1 - sin_alpha ^ 2;
    cos_2sm := case when cos2_alpha = 0 then 0 else cos_sigma - 2 * pg_catalog.sin(u1) * pg_catalog.sin(u2) / cos2_alpha end;
    c := f / 16 * cos2_alpha * (4 + f * (4 - 3 * cos2_alpha));
    previous := lambda;
    lambda := l + (1 - c) * f * sin_alpha * (sigma + c * sin_sigma * (cos_2sm + c * cos_sigma * (-1 + 2 * cos_2sm ^ 2)));
    exit when abs(lambda - previous) < 1e-12;
  end loop;
  u_sq := cos2_alpha * (a * a - b * b) / (b * b);
  big_a := 1 + u_sq / 16384 * (4096 + u_sq * (-768 + u_sq * (320 - 175 * u_sq)));
  big_b := u_sq / 1024 * (256 + u_sq * (-128 + u_sq * (74 - 47 * u_sq)));
  delta := big_b * sin_sigma * (cos_2sm + big_b / 4 * (cos_sigma * (-1 + 2 * cos_2sm ^ 2) - big_b / 6 * cos_2sm * (-3 + 4 * sin_sigma ^ 2) * (-3 + 4 * cos_2sm ^ 2)));
  return b * big_a * (sigma - delta);
end
$fn$;

-- Between two geographies: 0 when they intersect, else the least distance between their vertices.
create function ${S}._pg_geog_distance(a jsonb, b jsonb, spheroid boolean) returns double precision
language sql immutable strict
as $fn$
  select case when ${S}._pg_intersects(a, b) and not (a->>'type' = 'Point' and b->>'type' = 'Point') then 0::double precision else (
    select min(${S}._pg_geodesic(p[1], p[2], q[1], q[2], spheroid))
      from ${S}._pg_parts(a) pa, ${S}._pg_points(pa) p, ${S}._pg_parts(b) pb, ${S}._pg_points(pb) q) end
$fn$;
`;

const TYPE_CODES = `array['Point', 'LineString', 'Polygon', 'MultiPoint', 'MultiLineString', 'MultiPolygon', 'GeometryCollection']`;

/** The two types, their typmods, and the checks a typed column applies. */
const types = `
create type ${S}.geometry;
create function ${S}.geometry_in(cstring) returns ${S}.geometry language internal immutable strict parallel safe as 'textin';
create function ${S}.geometry_out(${S}.geometry) returns cstring language internal immutable strict parallel safe as 'textout';
create function ${S}.geometry_recv(internal) returns ${S}.geometry language internal immutable strict parallel safe as 'textrecv';
create function ${S}.geometry_send(${S}.geometry) returns bytea language internal immutable strict parallel safe as 'textsend';

-- PostGIS's encoding: SRID (21 bits) << 8 | type (6 bits) << 2 | Z << 1 | M.
create function ${S}._pg_typmod_in(modifiers cstring[], geography boolean) returns integer
language plpgsql immutable strict
as $fn$
declare
  words text[] := modifiers::text[];
  m text[];
  kind int := 0;
  srid int := case when geography then 4326 else 0 end;
begin
  m := pg_catalog.regexp_match(pg_catalog.upper(words[1]), '^(GEOMETRY|POINT|LINESTRING|POLYGON|MULTIPOINT|MULTILINESTRING|MULTIPOLYGON|GEOMETRYCOLLECTION)(ZM|Z|M)?$');
  if m is null then
    raise exception 'Invalid geometry type modifier: %', words[1] using errcode = '22023';
  end if;
  if m[1] <> 'GEOMETRY' then
    kind := pg_catalog.array_position(${TYPE_CODES}, ${S}._pg_type_name(m[1]));
  end if;
  if pg_catalog.array_length(words, 1) > 1 then
    srid := words[2]::int;
    if srid <= 0 then
      raise notice 'SRID value % converted to the officially unknown SRID value 0', srid;
      srid := 0;
    elsif srid > 999999 then
      raise notice 'SRID value % > SRID_MAXIMUM converted to 999099', srid;
      srid := 999099;
    end if;
    if geography and srid <> 4326 and srid <> 0 then
      raise exception 'Only lon/lat coordinate systems are supported in geography.' using errcode = '22023';
    end if;
    if geography and srid = 0 then srid := 4326; end if;
  end if;
  return (srid << 8) | (kind << 2) | (case when m[2] like '%Z%' then 2 else 0 end) | (case when m[2] like '%M%' then 1 else 0 end);
end
$fn$;
create function ${S}.geometry_typmod_in(cstring[]) returns integer language sql immutable strict parallel safe
as $fn$ select ${S}._pg_typmod_in($1, false) $fn$;

create type ${S}.geometry (
  input = ${S}.geometry_in, output = ${S}.geometry_out, receive = ${S}.geometry_recv, send = ${S}.geometry_send,
  typmod_in = ${S}.geometry_typmod_in, internallength = variable, storage = main, alignment = int4, category = 'U', delimiter = ':'
);

create type ${S}.geography;
create function ${S}.geography_in(cstring) returns ${S}.geography language internal immutable strict parallel safe as 'textin';
create function ${S}.geography_out(${S}.geography) returns cstring language internal immutable strict parallel safe as 'textout';
create function ${S}.geography_recv(internal) returns ${S}.geography language internal immutable strict parallel safe as 'textrecv';
create function ${S}.geography_send(${S}.geography) returns bytea language internal immutable strict parallel safe as 'textsend';
create function ${S}.geography_typmod_in(cstring[]) returns integer language sql immutable strict parallel safe
as $fn$ select ${S}._pg_typmod_in($1, true) $fn$;
create type ${S}.geography (
  input = ${S}.geography_in, output = ${S}.geography_out, receive = ${S}.geography_recv, send = ${S}.geography_send,
  typmod_in = ${S}.geography_typmod_in, internallength = variable, storage = main, alignment = int4, category = 'U', delimiter = ':'
);

create function ${S}._pg_g(geom ${S}.geometry) returns jsonb language sql immutable strict parallel safe
as $fn$ select ${S}._pg_parse(geom::text) $fn$;
create function ${S}._pg_g(geog ${S}.geography) returns jsonb language sql immutable strict parallel safe
as $fn$ select ${S}._pg_geog_srid(${S}._pg_parse(geog::text)) $fn$;

create function ${S}._pg_geog_srid(g jsonb) returns jsonb
language plpgsql immutable strict
as $fn$
begin
  if (g->>'srid')::int = 0 then return g || '{"srid": 4326}'; end if;
  if (g->>'srid')::int <> 4326 then
    raise exception 'Only lon/lat coordinate systems are supported in geography.' using errcode = '22023';
  end if;
  return g;
end
$fn$;

-- The check a typed column applies (PostGIS's postgis_valid_typmod), returning the stored form.
create function ${S}._pg_enforce(g jsonb, typmod integer) returns text
language plpgsql immutable strict
as $fn$
declare
  srid int := ((typmod & 268435200) - (typmod & 268435456)) >> 8;
  kind int := (typmod & 252) >> 2;
  z boolean := (typmod & 2) <> 0;
  m boolean := (typmod & 1) <> 0;
  names text[] := ${TYPE_CODES};
begin
  if typmod < 0 then return ${S}._pg_store(g); end if;
  if srid > 0 and (g->>'srid')::int = 0 then
    g := g || pg_catalog.jsonb_build_object('srid', srid);
  elsif srid > 0 and (g->>'srid')::int <> srid then
    raise exception 'Geometry SRID (%) does not match column SRID (%)', g->>'srid', srid using errcode = '22023';
  end if;
  if kind > 0 and g->>'type' <> names[kind]
     and not (names[kind] like 'Multi%' and g->>'type' = pg_catalog.substr(names[kind], 6) and false) then
    raise exception 'Geometry type (%) does not match column type (%)', g->>'type', names[kind] using errcode = '22023';
  end if;
  if z and not (g->>'z')::boolean then raise exception 'Column has Z dimension but geometry does not' using errcode = '22023'; end if;
  if not z and (g->>'z')::boolean then raise exception 'Geometry has Z dimension but column does not' using errcode = '22023'; end if;
  if m and not (g->>'m')::boolean then raise exception 'Column has M dimension but geometry does not' using errcode = '22023'; end if;
  if not m and (g->>'m')::boolean then raise exception 'Geometry has M dimension but column does not' using errcode = '22023'; end if;
  return ${S}._pg_store(g);
end
$fn$;

create function ${S}.geometry(${S}.geometry, integer, boolean) returns ${S}.geometry language sql immutable strict parallel safe
as $fn$ select ${S}._pg_enforce(${S}._pg_g($1), $2)::${S}.geometry $fn$;
create function ${S}.geography(${S}.geography, integer, boolean) returns ${S}.geography language sql immutable strict parallel safe
as $fn$ select ${S}._pg_enforce(${S}._pg_g($1), $2)::${S}.geography $fn$;
create function ${S}.geometry(text) returns ${S}.geometry language sql immutable strict parallel safe
as $fn$ select ${S}._pg_store(${S}._pg_parse($1))::${S}.geometry $fn$;
create function ${S}.text(${S}.geometry) returns text language sql immutable strict parallel safe
as $fn$ select ${S}._pg_store(${S}._pg_g($1)) $fn$;
create function ${S}.geography(${S}.geometry) returns ${S}.geography language sql immutable strict parallel safe
as $fn$ select ${S}._pg_store(${S}._pg_geog_srid(${S}._pg_g($1)))::${S}.geography $fn$;
create function ${S}.geometry(${S}.geography) returns ${S}.geometry language sql immutable strict parallel safe
as $fn$ select ${S}._pg_store(${S}._pg_g($1))::${S}.geometry $fn$;
create function ${S}.json(${S}.geometry) returns json language sql immutable strict parallel safe
as $fn$ select ${S}._pg_geojson(${S}._pg_g($1), 9, 8, false)::json $fn$;
create function ${S}.jsonb(${S}.geometry) returns jsonb language sql immutable strict parallel safe
as $fn$ select ${S}._pg_geojson(${S}._pg_g($1), 9, 8, false)::jsonb $fn$;

create cast (${S}.geometry as ${S}.geometry) with function ${S}.geometry(${S}.geometry, integer, boolean) as implicit;
create cast (${S}.geography as ${S}.geography) with function ${S}.geography(${S}.geography, integer, boolean) as implicit;
-- Text and geometry share their representation: these casts are free (PostGIS's parse and print).
create cast (text as ${S}.geometry) without function as implicit;
create cast (${S}.geometry as text) without function as implicit;
create cast (${S}.geometry as ${S}.geography) with function ${S}.geography(${S}.geometry) as implicit;
create cast (${S}.geography as ${S}.geometry) with function ${S}.geometry(${S}.geography);
create cast (${S}.geometry as json) with function ${S}.json(${S}.geometry);
create cast (${S}.geometry as jsonb) with function ${S}.jsonb(${S}.geometry);
`;

/** Public functions, with PostGIS 3.3's argument names, defaults and volatility. */
const functions = `
create function ${S}.postgis_version() returns text language sql immutable
as $fn$ select '3.3 USE_GEOS=1 USE_PROJ=1 USE_STATS=1' $fn$;
create function ${S}.postgis_full_version() returns text language sql immutable
as $fn$ select 'POSTGIS="3.3.7 migration-gate emulation" [EXTENSION]' $fn$;

create function ${S}.st_makepoint(double precision, double precision) returns ${S}.geometry language sql immutable strict parallel safe
as $fn$ select ${S}._pg_store(pg_catalog.jsonb_build_object('type', 'Point', 'srid', 0, 'z', false, 'm', false, 'coordinates', pg_catalog.jsonb_build_array($1, $2)))::${S}.geometry $fn$;
create function ${S}.st_makepoint(double precision, double precision, double precision) returns ${S}.geometry language sql immutable strict parallel safe
as $fn$ select ${S}._pg_store(pg_catalog.jsonb_build_object('type', 'Point', 'srid', 0, 'z', true, 'm', false, 'coordinates', pg_catalog.jsonb_build_array($1, $2, $3)))::${S}.geometry $fn$;
create function ${S}.st_makepoint(double precision, double precision, double precision, double precision) returns ${S}.geometry language sql immutable strict parallel safe
as $fn$ select ${S}._pg_store(pg_catalog.jsonb_build_object('type', 'Point', 'srid', 0, 'z', true, 'm', true, 'coordinates', pg_catalog.jsonb_build_array($1, $2, $3, $4)))::${S}.geometry $fn$;
create function ${S}.st_point(double precision, double precision) returns ${S}.geometry language sql immutable strict parallel safe
as $fn$ select ${S}.st_makepoint($1, $2) $fn$;
create function ${S}.st_point(double precision, double precision, srid integer) returns ${S}.geometry language sql immutable strict parallel safe
as $fn$ select ${S}.st_setsrid(${S}.st_makepoint($1, $2), srid) $fn$;
create function ${S}.st_makeenvelope(double precision, double precision, double precision, double precision, integer default 0) returns ${S}.geometry language sql immutable strict parallel safe
as $fn$
  select ${S}._pg_store(pg_catalog.jsonb_build_object('type', 'Polygon', 'srid', $5, 'z', false, 'm', false, 'coordinates',
    pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_array($1, $2), pg_catalog.jsonb_build_array($1, $4),
      pg_catalog.jsonb_build_array($3, $4), pg_catalog.jsonb_build_array($3, $2), pg_catalog.jsonb_build_array($1, $2)))))::${S}.geometry
$fn$;
create function ${S}.st_makeline(geom1 ${S}.geometry, geom2 ${S}.geometry) returns ${S}.geometry language sql immutable strict parallel safe
as $fn$
  select ${S}._pg_store(pg_catalog.jsonb_build_object('type', 'LineString', 'srid', (${S}._pg_g(geom1)->>'srid')::int, 'z', false, 'm', false, 'coordinates',
    (select pg_catalog.jsonb_agg(pg_catalog.to_jsonb(p) order by n) from (select p, 1 as n from ${S}._pg_parts(${S}._pg_g(geom1)) pa, ${S}._pg_points(pa) p
                                                                        union all select p, 2 from ${S}._pg_parts(${S}._pg_g(geom2)) pb, ${S}._pg_points(pb) p) x)))::${S}.geometry
$fn$;

create function ${S}.st_setsrid(geom ${S}.geometry, srid integer) returns ${S}.geometry language sql immutable strict parallel safe
as $fn$ select ${S}._pg_store(${S}._pg_g(geom) || pg_catalog.jsonb_build_object('srid', srid))::${S}.geometry $fn$;
create function ${S}.st_setsrid(geog ${S}.geography, srid integer) returns ${S}.geography language sql immutable strict parallel safe
as $fn$ select ${S}._pg_store(${S}._pg_geog_srid(${S}._pg_g(geog) || pg_catalog.jsonb_build_object('srid', srid)))::${S}.geography $fn$;
create function ${S}.st_srid(geom ${S}.geometry) returns integer language sql immutable strict parallel safe
as $fn$ select (${S}._pg_g(geom)->>'srid')::integer $fn$;
create function ${S}.st_srid(geog ${S}.geography) returns integer language sql immutable strict parallel safe
as $fn$ select (${S}._pg_g(geog)->>'srid')::integer $fn$;

create function ${S}.st_geomfromtext(text) returns ${S}.geometry language sql immutable strict parallel safe
as $fn$ select ${S}.geometry($1) $fn$;
create function ${S}.st_geomfromtext(text, integer) returns ${S}.geometry language sql immutable strict parallel safe
as $fn$ select ${S}.st_setsrid(${S}.geometry($1), $2) $fn$;
create function ${S}.st_geometryfromtext(text) returns ${S}.geometry language sql immutable strict parallel safe
as $fn$ select ${S}.geometry($1) $fn$;
create function ${S}.st_geometryfromtext(text, integer) returns ${S}.geometry language sql immutable strict parallel safe
as $fn$ select ${S}.st_setsrid(${S}.geometry($1), $2) $fn$;
create function ${S}.st_pointfromtext(text) returns ${S}.geometry language sql immutable strict parallel safe
as $fn$ select ${S}.geometry($1) $fn$;
create function ${S}.st_pointfromtext(text, integer) returns ${S}.geometry language sql immutable strict parallel safe
as $fn$ select ${S}.st_setsrid(${S}.geometry($1), $2) $fn$;
create function ${S}.st_geomfromewkt(text) returns ${S}.geometry language sql immutable strict parallel safe
as $fn$ select ${S}.geometry($1) $fn$;
create function ${S}.st_geogfromtext(text) returns ${S}.geography language sql immutable strict parallel safe
as $fn$ select ${S}.geography(${S}.geometry($1)) $fn$;
create function ${S}.st_geographyfromtext(text) returns ${S}.geography language sql immutable strict parallel safe
as $fn$ select ${S}.geography(${S}.geometry($1)) $fn$;
create function ${S}.st_geomfromgeojson(text) returns ${S}.geometry language plpgsql immutable strict parallel safe
as $fn$
declare
  j jsonb := $1::jsonb;
  srid int := coalesce(pg_catalog.substring(j->'crs'->'properties'->>'name', '([0-9]+)$')::int, 4326);
begin
  if j->>'type' is null or ${S}._pg_type_name(j->>'type') is null then
    raise exception 'unknown GeoJSON type' using errcode = 'XX000';
  end if;
  return ${S}._pg_store(pg_catalog.jsonb_build_object('type', ${S}._pg_type_name(j->>'type'), 'srid', srid, 'z', false, 'm', false)
    || case when j ? 'geometries' then pg_catalog.jsonb_build_object('geometries', j->'geometries') else pg_catalog.jsonb_build_object('coordinates', j->'coordinates') end)::${S}.geometry;
end
$fn$;
create function ${S}.st_geomfromgeojson(json) returns ${S}.geometry language sql immutable strict parallel safe
as $fn$ select ${S}.st_geomfromgeojson($1::text) $fn$;
create function ${S}.st_geomfromgeojson(jsonb) returns ${S}.geometry language sql immutable strict parallel safe
as $fn$ select ${S}.st_geomfromgeojson($1::text) $fn$;

create function ${S}.st_astext(${S}.geometry) returns text language sql immutable strict parallel safe
as $fn$ select ${S}._pg_wkt(${S}._pg_g($1), true) $fn$;
create function ${S}.st_astext(${S}.geometry, integer) returns text language sql immutable strict parallel safe
as $fn$ select ${S}._pg_wkt(${S}._pg_g($1), true, $2) $fn$;
create function ${S}.st_astext(${S}.geography) returns text language sql immutable strict parallel safe
as $fn$ select ${S}._pg_wkt(${S}._pg_g($1), true) $fn$;
create function ${S}.st_astext(${S}.geography, integer) returns text language sql immutable strict parallel safe
as $fn$ select ${S}._pg_wkt(${S}._pg_g($1), true, $2) $fn$;
create function ${S}.st_astext(text) returns text language sql immutable strict parallel safe
as $fn$ select ${S}.st_astext($1::${S}.geometry) $fn$;
create function ${S}.st_asewkt(${S}.geometry) returns text language sql immutable strict parallel safe
as $fn$ select ${S}._pg_store(${S}._pg_g($1)) $fn$;
create function ${S}.st_asewkt(${S}.geography) returns text language sql immutable strict parallel safe
as $fn$ select ${S}._pg_store(${S}._pg_g($1)) $fn$;
create function ${S}.st_asewkt(text) returns text language sql immutable strict parallel safe
as $fn$ select ${S}.st_asewkt($1::${S}.geometry) $fn$;
create function ${S}.st_asgeojson(geom ${S}.geometry, maxdecimaldigits integer default 9, options integer default 8) returns text language sql immutable strict parallel safe
as $fn$ select ${S}._pg_geojson(${S}._pg_g(geom), maxdecimaldigits, options, false) $fn$;
create function ${S}.st_asgeojson(geog ${S}.geography, maxdecimaldigits integer default 9, options integer default 0) returns text language sql immutable strict parallel safe
as $fn$ select ${S}._pg_geojson(${S}._pg_g(geog), maxdecimaldigits, options, true) $fn$;
create function ${S}.st_asgeojson(text) returns text language sql immutable strict parallel safe
as $fn$ select ${S}.st_asgeojson($1::${S}.geometry) $fn$;
create function ${S}.st_geometrytype(${S}.geometry) returns text language sql immutable strict parallel safe
as $fn$ select 'ST_' || (${S}._pg_g($1)->>'type') $fn$;
create function ${S}.geometrytype(${S}.geometry) returns text language sql immutable strict parallel safe
as $fn$ select pg_catalog.upper(${S}._pg_g($1)->>'type') $fn$;
create function ${S}.geometrytype(${S}.geography) returns text language sql immutable strict parallel safe
as $fn$ select pg_catalog.upper(${S}._pg_g($1)->>'type') $fn$;

create function ${S}._pg_ordinate(geom ${S}.geometry, i integer) returns double precision language plpgsql immutable strict parallel safe
as $fn$
declare
  g jsonb := ${S}._pg_g(geom);
begin
  if g->>'type' <> 'Point' then
    raise exception 'Argument to ST_%() must have type POINT', case i when 0 then 'X' when 1 then 'Y' else 'Z' end using errcode = 'XX000';
  end if;
  return (g->'coordinates'->>i)::double precision;
end
$fn$;
create function ${S}.st_x(${S}.geometry) returns double precision language sql immutable strict parallel safe as $fn$ select ${S}._pg_ordinate($1, 0) $fn$;
create function ${S}.st_y(${S}.geometry) returns double precision language sql immutable strict parallel safe as $fn$ select ${S}._pg_ordinate($1, 1) $fn$;
create function ${S}.st_z(${S}.geometry) returns double precision language sql immutable strict parallel safe as $fn$ select ${S}._pg_ordinate($1, 2) $fn$;

create function ${S}.st_distance(geom1 ${S}.geometry, geom2 ${S}.geometry) returns double precision language plpgsql immutable strict parallel safe
as $fn$
begin
  perform ${S}._pg_same_srid(${S}._pg_g(geom1), ${S}._pg_g(geom2), 'ST_Distance');
  return ${S}._pg_distance(${S}._pg_g(geom1), ${S}._pg_g(geom2));
end
$fn$;
create function ${S}.st_distance(geog1 ${S}.geography, geog2 ${S}.geography, use_spheroid boolean default true) returns double precision language sql immutable strict parallel safe
as $fn$ select ${S}._pg_geog_distance(${S}._pg_g(geog1), ${S}._pg_g(geog2), use_spheroid) $fn$;
create function ${S}.st_distance(text, text) returns double precision language sql immutable strict parallel safe
as $fn$ select ${S}.st_distance($1::${S}.geometry, $2::${S}.geometry) $fn$;
create function ${S}.st_distancesphere(geom1 ${S}.geometry, geom2 ${S}.geometry) returns double precision language sql immutable strict parallel safe
as $fn$ select ${S}._pg_geog_distance(${S}._pg_g(geom1), ${S}._pg_g(geom2), false) $fn$;
create function ${S}.st_dwithin(geom1 ${S}.geometry, geom2 ${S}.geometry, double precision) returns boolean language sql immutable strict parallel safe
as $fn$ select ${S}.st_distance(geom1, geom2) <= $3 $fn$;
create function ${S}.st_dwithin(geog1 ${S}.geography, geog2 ${S}.geography, tolerance double precision, use_spheroid boolean default true) returns boolean language sql immutable strict parallel safe
as $fn$ select ${S}.st_distance(geog1, geog2, use_spheroid) <= tolerance $fn$;
create function ${S}.st_intersects(geom1 ${S}.geometry, geom2 ${S}.geometry) returns boolean language plpgsql immutable strict parallel safe
as $fn$
begin
  perform ${S}._pg_same_srid(${S}._pg_g(geom1), ${S}._pg_g(geom2), 'ST_Intersects');
  return ${S}._pg_intersects(${S}._pg_g(geom1), ${S}._pg_g(geom2));
end
$fn$;
create function ${S}.st_intersects(geog1 ${S}.geography, geog2 ${S}.geography) returns boolean language sql immutable strict parallel safe
as $fn$ select ${S}._pg_intersects(${S}._pg_g(geog1), ${S}._pg_g(geog2)) $fn$;
create function ${S}.st_contains(geom1 ${S}.geometry, geom2 ${S}.geometry) returns boolean language plpgsql immutable strict parallel safe
as $fn$
begin
  perform ${S}._pg_same_srid(${S}._pg_g(geom1), ${S}._pg_g(geom2), 'ST_Contains');
  return ${S}._pg_contains(${S}._pg_g(geom1), ${S}._pg_g(geom2));
end
$fn$;
create function ${S}.st_within(geom1 ${S}.geometry, geom2 ${S}.geometry) returns boolean language sql immutable strict parallel safe
as $fn$ select ${S}.st_contains(geom2, geom1) $fn$;
create function ${S}.st_covers(geom1 ${S}.geometry, geom2 ${S}.geometry) returns boolean language sql immutable strict parallel safe
as $fn$ select ${S}.st_contains(geom1, geom2) or ${S}.st_intersects(geom1, geom2) and not exists (
  select 1 from ${S}._pg_parts(${S}._pg_g(geom2)) pb, ${S}._pg_points(pb) p where (select max(${S}._pg_locate(p[1], p[2], pa)) from ${S}._pg_parts(${S}._pg_g(geom1)) pa) < 0) $fn$;
create function ${S}.st_area(${S}.geometry) returns double precision language sql immutable strict parallel safe
as $fn$
  select coalesce(sum(case when r.n = 1 then 1 else -1 end * abs((select sum((ring->(i - 1)->>0)::double precision * (ring->i->>1)::double precision - (ring->i->>0)::double precision * (ring->(i - 1)->>1)::double precision)
                                                                        from pg_catalog.generate_series(1, pg_catalog.jsonb_array_length(ring) - 1) i)) / 2), 0)
    from ${S}._pg_parts(${S}._pg_g($1)) pa, pg_catalog.jsonb_array_elements(case when pa->>'type' = 'Polygon' then pa->'coordinates' else '[]' end) with ordinality as r(ring, n)
$fn$;
create function ${S}.st_length(${S}.geometry) returns double precision language sql immutable strict parallel safe
as $fn$
  select coalesce(sum(pg_catalog.sqrt((s[3] - s[1]) ^ 2 + (s[4] - s[2]) ^ 2)), 0)
    from ${S}._pg_parts(${S}._pg_g($1)) pa, ${S}._pg_segments(pa) s where pa->>'type' = 'LineString'
$fn$;
create function ${S}.st_npoints(${S}.geometry) returns integer language sql immutable strict parallel safe
as $fn$ select count(*)::integer from ${S}._pg_parts(${S}._pg_g($1)) pa, ${S}._pg_points(pa) p $fn$;
create function ${S}.st_isvalid(${S}.geometry) returns boolean language sql immutable strict parallel safe
as $fn$ select ${S}._pg_g($1) is not null $fn$;
create function ${S}.st_isempty(${S}.geometry) returns boolean language sql immutable strict parallel safe
as $fn$ select not exists (select 1 from ${S}._pg_parts(${S}._pg_g($1))) $fn$;
create function ${S}.st_envelope(${S}.geometry) returns ${S}.geometry language sql immutable strict parallel safe
as $fn$ select ${S}.st_makeenvelope(b[1], b[2], b[3], b[4], ${S}.st_srid($1)) from ${S}._pg_bbox(${S}._pg_g($1)) b $fn$;

create function ${S}.st_buffer(geom ${S}.geometry, radius double precision, options text default '') returns ${S}.geometry language plpgsql immutable strict parallel safe
as $fn$
declare
  g jsonb := ${S}._pg_g(geom);
  segments int := coalesce(pg_catalog.substring(options, 'quad_segs=([0-9]+)')::int, 8);
  b double precision[];
  ring jsonb := '[]';
begin
  if g->>'type' = 'Point' then
    for i in 0 .. 4 * segments loop
      ring := ring || pg_catalog.jsonb_build_array(case when i = 4 * segments then ring->0 else pg_catalog.jsonb_build_array(
        (g->'coordinates'->>0)::double precision + radius * pg_catalog.cos(-i * pi() / (2 * segments)),
        (g->'coordinates'->>1)::double precision + radius * pg_catalog.sin(-i * pi() / (2 * segments))) end);
    end loop;
    return ${S}._pg_store(pg_catalog.jsonb_build_object('type', 'Polygon', 'srid', g->'srid', 'z', false, 'm', false, 'coordinates', pg_catalog.jsonb_build_array(ring)))::${S}.geometry;
  end if;
  b := ${S}._pg_bbox(g);
  return ${S}.st_makeenvelope(b[1] - radius, b[2] - radius, b[3] + radius, b[4] + radius, (g->>'srid')::int);
end
$fn$;
create function ${S}.st_buffer(geom ${S}.geometry, radius double precision, quadsegs integer) returns ${S}.geometry language sql immutable strict parallel safe
as $fn$ select ${S}.st_buffer(geom, radius, 'quad_segs=' || quadsegs) $fn$;
create function ${S}.st_buffer(${S}.geography, double precision) returns ${S}.geography language sql immutable strict parallel safe
as $fn$ select ${S}.geography(${S}.st_transform(${S}.st_buffer(${S}.st_transform(${S}.geometry($1), 3857), $2), 4326)) $fn$;

create function ${S}.st_transform(${S}.geometry, integer) returns ${S}.geometry language plpgsql immutable strict parallel safe
as $fn$
declare
  g jsonb := ${S}._pg_g($1);
  source int := (g->>'srid')::int;
begin
  if source = 0 then
    raise exception 'ST_Transform: Input geometry has unknown (0) SRID' using errcode = 'XX000';
  end if;
  if not exists (select 1 from ${S}.spatial_ref_sys where srid = $2) then
    raise exception 'Cannot find SRID (%) in spatial_ref_sys', $2 using errcode = 'XX000';
  end if;
  if source = $2 then return $1; end if;
  if not (source in (4326, 3857) and $2 in (4326, 3857)) then
    raise exception 'transform: the migration-gate emulation of PostGIS converts only between SRID 4326 and 3857 (asked % to %)', source, $2 using errcode = 'XX000';
  end if;
  if g->>'type' = 'GeometryCollection' then
    raise exception 'transform: the migration-gate emulation of PostGIS does not transform geometry collections' using errcode = 'XX000';
  end if;
  return ${S}._pg_store(g || pg_catalog.jsonb_build_object('srid', $2, 'coordinates',
    case when g->>'type' = 'Point' then ${S}._pg_map(g->'coordinates', source, $2) else ${S}._pg_map(g->'coordinates', source, $2) end))::${S}.geometry;
end
$fn$;
`;

/** Operators and the operator classes indexes need. */
const operators = `
create function ${S}.geometry_overlaps(geom1 ${S}.geometry, geom2 ${S}.geometry) returns boolean language sql immutable strict parallel safe
as $fn$ select a[1] <= b[3] and b[1] <= a[3] and a[2] <= b[4] and b[2] <= a[4] from ${S}._pg_bbox(${S}._pg_g(geom1)) a, ${S}._pg_bbox(${S}._pg_g(geom2)) b $fn$;
create function ${S}.geography_overlaps(${S}.geography, ${S}.geography) returns boolean language sql immutable strict parallel safe
as $fn$ select ${S}.geometry_overlaps(${S}.geometry($1), ${S}.geometry($2)) $fn$;
create function ${S}.geometry_within(geom1 ${S}.geometry, geom2 ${S}.geometry) returns boolean language sql immutable strict parallel safe
as $fn$ select a[1] >= b[1] and a[3] <= b[3] and a[2] >= b[2] and a[4] <= b[4] from ${S}._pg_bbox(${S}._pg_g(geom1)) a, ${S}._pg_bbox(${S}._pg_g(geom2)) b $fn$;
create function ${S}.geometry_contains(geom1 ${S}.geometry, geom2 ${S}.geometry) returns boolean language sql immutable strict parallel safe
as $fn$ select ${S}.geometry_within(geom2, geom1) $fn$;
create function ${S}.geometry_same(geom1 ${S}.geometry, geom2 ${S}.geometry) returns boolean language sql immutable strict parallel safe
as $fn$ select ${S}._pg_bbox(${S}._pg_g(geom1)) = ${S}._pg_bbox(${S}._pg_g(geom2)) $fn$;
create function ${S}.geometry_distance_centroid(geom1 ${S}.geometry, geom2 ${S}.geometry) returns double precision language sql immutable strict parallel safe
as $fn$
  select pg_catalog.sqrt(((a[1] + a[3]) / 2 - (b[1] + b[3]) / 2) ^ 2 + ((a[2] + a[4]) / 2 - (b[2] + b[4]) / 2) ^ 2)
    from ${S}._pg_bbox(${S}._pg_g(geom1)) a, ${S}._pg_bbox(${S}._pg_g(geom2)) b
$fn$;
create function ${S}.geometry_distance_box(geom1 ${S}.geometry, geom2 ${S}.geometry) returns double precision language sql immutable strict parallel safe
as $fn$ select ${S}._pg_distance(${S}._pg_g(${S}.st_envelope(geom1)), ${S}._pg_g(${S}.st_envelope(geom2))) $fn$;
create function ${S}.geography_distance_knn(${S}.geography, ${S}.geography) returns double precision language sql immutable strict parallel safe
as $fn$ select ${S}._pg_geog_distance(${S}._pg_g($1), ${S}._pg_g($2), false) $fn$;

-- Ordering compares the stored form: deterministic, as B-tree needs, not PostGIS's order.
create function ${S}.geometry_cmp(geom1 ${S}.geometry, geom2 ${S}.geometry) returns integer language sql immutable strict parallel safe
as $fn$ select pg_catalog.bttextcmp(${S}.text(geom1), ${S}.text(geom2)) $fn$;
create function ${S}.geometry_eq(geom1 ${S}.geometry, geom2 ${S}.geometry) returns boolean language sql immutable strict parallel safe as $fn$ select ${S}.geometry_cmp(geom1, geom2) = 0 $fn$;
create function ${S}.geometry_lt(geom1 ${S}.geometry, geom2 ${S}.geometry) returns boolean language sql immutable strict parallel safe as $fn$ select ${S}.geometry_cmp(geom1, geom2) < 0 $fn$;
create function ${S}.geometry_le(geom1 ${S}.geometry, geom2 ${S}.geometry) returns boolean language sql immutable strict parallel safe as $fn$ select ${S}.geometry_cmp(geom1, geom2) <= 0 $fn$;
create function ${S}.geometry_gt(geom1 ${S}.geometry, geom2 ${S}.geometry) returns boolean language sql immutable strict parallel safe as $fn$ select ${S}.geometry_cmp(geom1, geom2) > 0 $fn$;
create function ${S}.geometry_ge(geom1 ${S}.geometry, geom2 ${S}.geometry) returns boolean language sql immutable strict parallel safe as $fn$ select ${S}.geometry_cmp(geom1, geom2) >= 0 $fn$;
create function ${S}.geometry_hash(${S}.geometry) returns integer language sql immutable strict parallel safe as $fn$ select pg_catalog.hashtext(${S}.text($1)) $fn$;
create function ${S}.geography_cmp(${S}.geography, ${S}.geography) returns integer language sql immutable strict parallel safe
as $fn$ select pg_catalog.bttextcmp(${S}.st_asewkt($1), ${S}.st_asewkt($2)) $fn$;
create function ${S}.geography_eq(${S}.geography, ${S}.geography) returns boolean language sql immutable strict parallel safe as $fn$ select ${S}.geography_cmp($1, $2) = 0 $fn$;
create function ${S}.geography_lt(${S}.geography, ${S}.geography) returns boolean language sql immutable strict parallel safe as $fn$ select ${S}.geography_cmp($1, $2) < 0 $fn$;
create function ${S}.geography_le(${S}.geography, ${S}.geography) returns boolean language sql immutable strict parallel safe as $fn$ select ${S}.geography_cmp($1, $2) <= 0 $fn$;
create function ${S}.geography_gt(${S}.geography, ${S}.geography) returns boolean language sql immutable strict parallel safe as $fn$ select ${S}.geography_cmp($1, $2) > 0 $fn$;
create function ${S}.geography_ge(${S}.geography, ${S}.geography) returns boolean language sql immutable strict parallel safe as $fn$ select ${S}.geography_cmp($1, $2) >= 0 $fn$;

create operator ${S}.&& (leftarg = ${S}.geometry, rightarg = ${S}.geometry, procedure = ${S}.geometry_overlaps, commutator = operator(${S}.&&), restrict = pg_catalog.areasel, join = pg_catalog.areajoinsel);
create operator ${S}.&& (leftarg = ${S}.geography, rightarg = ${S}.geography, procedure = ${S}.geography_overlaps, commutator = operator(${S}.&&), restrict = pg_catalog.areasel, join = pg_catalog.areajoinsel);
create operator ${S}.@ (leftarg = ${S}.geometry, rightarg = ${S}.geometry, procedure = ${S}.geometry_within, commutator = operator(${S}.~), restrict = pg_catalog.contsel, join = pg_catalog.contjoinsel);
create operator ${S}.~ (leftarg = ${S}.geometry, rightarg = ${S}.geometry, procedure = ${S}.geometry_contains, commutator = operator(${S}.@), restrict = pg_catalog.contsel, join = pg_catalog.contjoinsel);
create operator ${S}.~= (leftarg = ${S}.geometry, rightarg = ${S}.geometry, procedure = ${S}.geometry_same, restrict = pg_catalog.contsel, join = pg_catalog.contjoinsel);
create operator ${S}.<-> (leftarg = ${S}.geometry, rightarg = ${S}.geometry, procedure = ${S}.geometry_distance_centroid, commutator = operator(${S}.<->));
create operator ${S}.<#> (leftarg = ${S}.geometry, rightarg = ${S}.geometry, procedure = ${S}.geometry_distance_box, commutator = operator(${S}.<#>));
create operator ${S}.<-> (leftarg = ${S}.geography, rightarg = ${S}.geography, procedure = ${S}.geography_distance_knn, commutator = operator(${S}.<->));
create operator ${S}.= (leftarg = ${S}.geometry, rightarg = ${S}.geometry, procedure = ${S}.geometry_eq, commutator = operator(${S}.=), restrict = pg_catalog.contsel, join = pg_catalog.contjoinsel, hashes, merges);
create operator ${S}.< (leftarg = ${S}.geometry, rightarg = ${S}.geometry, procedure = ${S}.geometry_lt, commutator = operator(${S}.>), restrict = pg_catalog.contsel, join = pg_catalog.contjoinsel);
create operator ${S}.<= (leftarg = ${S}.geometry, rightarg = ${S}.geometry, procedure = ${S}.geometry_le, commutator = operator(${S}.>=), restrict = pg_catalog.contsel, join = pg_catalog.contjoinsel);
create operator ${S}.> (leftarg = ${S}.geometry, rightarg = ${S}.geometry, procedure = ${S}.geometry_gt, commutator = operator(${S}.<), restrict = pg_catalog.contsel, join = pg_catalog.contjoinsel);
create operator ${S}.>= (leftarg = ${S}.geometry, rightarg = ${S}.geometry, procedure = ${S}.geometry_ge, commutator = operator(${S}.<=), restrict = pg_catalog.contsel, join = pg_catalog.contjoinsel);
create operator ${S}.= (leftarg = ${S}.geography, rightarg = ${S}.geography, procedure = ${S}.geography_eq, commutator = operator(${S}.=), restrict = pg_catalog.contsel, join = pg_catalog.contjoinsel, merges);
create operator ${S}.< (leftarg = ${S}.geography, rightarg = ${S}.geography, procedure = ${S}.geography_lt, commutator = operator(${S}.>), restrict = pg_catalog.contsel, join = pg_catalog.contjoinsel);
create operator ${S}.<= (leftarg = ${S}.geography, rightarg = ${S}.geography, procedure = ${S}.geography_le, commutator = operator(${S}.>=), restrict = pg_catalog.contsel, join = pg_catalog.contjoinsel);
create operator ${S}.> (leftarg = ${S}.geography, rightarg = ${S}.geography, procedure = ${S}.geography_gt, commutator = operator(${S}.<), restrict = pg_catalog.contsel, join = pg_catalog.contjoinsel);
create operator ${S}.>= (leftarg = ${S}.geography, rightarg = ${S}.geography, procedure = ${S}.geography_ge, commutator = operator(${S}.<=), restrict = pg_catalog.contsel, join = pg_catalog.contjoinsel);

create operator class ${S}.btree_geometry_ops default for type ${S}.geometry using btree as
  operator 1 ${S}.<, operator 2 ${S}.<=, operator 3 ${S}.=, operator 4 ${S}.>=, operator 5 ${S}.>,
  function 1 ${S}.geometry_cmp(${S}.geometry, ${S}.geometry);
create operator class ${S}.hash_geometry_ops default for type ${S}.geometry using hash as
  operator 1 ${S}.=, function 1 ${S}.geometry_hash(${S}.geometry);
create operator class ${S}.btree_geography_ops default for type ${S}.geography using btree as
  operator 1 ${S}.<, operator 2 ${S}.<=, operator 3 ${S}.=, operator 4 ${S}.>=, operator 5 ${S}.>,
  function 1 ${S}.geography_cmp(${S}.geography, ${S}.geography);

-- GiST: btree_gist's variable-length key functions over the stored bytes, and no operators, so
-- an index builds and is kept up to date but the planner never chooses it.
create function ${S}._pg_gist_consistent(internal, ${S}.geometry, smallint, oid, internal) returns boolean language c immutable strict as '$libdir/btree_gist', 'gbt_bytea_consistent';
create function ${S}._pg_gist_consistent(internal, ${S}.geography, smallint, oid, internal) returns boolean language c immutable strict as '$libdir/btree_gist', 'gbt_bytea_consistent';
create function ${S}._pg_gist_union(internal, internal) returns ${S}.geometry language c immutable strict as '$libdir/btree_gist', 'gbt_bytea_union';
create function ${S}._pg_gist_compress(internal) returns internal language c immutable strict as '$libdir/btree_gist', 'gbt_bytea_compress';
create function ${S}._pg_gist_decompress(internal) returns internal language c immutable strict as '$libdir/btree_gist', 'gbt_var_decompress';
create function ${S}._pg_gist_penalty(internal, internal, internal) returns internal language c immutable strict as '$libdir/btree_gist', 'gbt_bytea_penalty';
create function ${S}._pg_gist_picksplit(internal, internal) returns internal language c immutable strict as '$libdir/btree_gist', 'gbt_bytea_picksplit';
create function ${S}._pg_gist_same(${S}.geometry, ${S}.geometry, internal) returns internal language c immutable strict as '$libdir/btree_gist', 'gbt_bytea_same';

create operator class ${S}.gist_geometry_ops_2d default for type ${S}.geometry using gist as
  function 1 ${S}._pg_gist_consistent(internal, ${S}.geometry, smallint, oid, internal),
  function 2 ${S}._pg_gist_union(internal, internal),
  function 3 ${S}._pg_gist_compress(internal),
  function 4 ${S}._pg_gist_decompress(internal),
  function 5 ${S}._pg_gist_penalty(internal, internal, internal),
  function 6 ${S}._pg_gist_picksplit(internal, internal),
  function 7 ${S}._pg_gist_same(${S}.geometry, ${S}.geometry, internal),
  storage ${S}.geometry;
create operator class ${S}.gist_geometry_ops_nd for type ${S}.geometry using gist as
  function 1 ${S}._pg_gist_consistent(internal, ${S}.geometry, smallint, oid, internal),
  function 2 ${S}._pg_gist_union(internal, internal),
  function 3 ${S}._pg_gist_compress(internal),
  function 4 ${S}._pg_gist_decompress(internal),
  function 5 ${S}._pg_gist_penalty(internal, internal, internal),
  function 6 ${S}._pg_gist_picksplit(internal, internal),
  function 7 ${S}._pg_gist_same(${S}.geometry, ${S}.geometry, internal),
  storage ${S}.geometry;
create operator class ${S}.gist_geography_ops default for type ${S}.geography using gist as
  function 1 ${S}._pg_gist_consistent(internal, ${S}.geography, smallint, oid, internal),
  function 2 ${S}._pg_gist_union(internal, internal),
  function 3 ${S}._pg_gist_compress(internal),
  function 4 ${S}._pg_gist_decompress(internal),
  function 5 ${S}._pg_gist_penalty(internal, internal, internal),
  function 6 ${S}._pg_gist_picksplit(internal, internal),
  function 7 ${S}._pg_gist_same(${S}.geometry, ${S}.geometry, internal),
  storage ${S}.geometry;
`;

const spatialRefSys = `
create table ${S}.spatial_ref_sys (
  srid integer not null primary key check (srid > 0 and srid <= 998999),
  auth_name varchar(256),
  auth_srid integer,
  srtext varchar(2048),
  proj4text varchar(2048)
);
insert into ${S}.spatial_ref_sys values
  (4326, 'EPSG', 4326, 'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4326"]]', '+proj=longlat +datum=WGS84 +no_defs'),
  (3857, 'EPSG', 3857, 'PROJCS["WGS 84 / Pseudo-Mercator",GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],PROJECTION["Mercator_1SP"],PARAMETER["central_meridian",0],PARAMETER["scale_factor",1],PARAMETER["false_easting",0],PARAMETER["false_northing",0],UNIT["metre",1],AUTHORITY["EPSG","3857"]]', '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs');
grant select on ${S}.spatial_ref_sys to public;
`;

export const postgis: ExtensionEmulation = {
  name: 'postgis',
  version: '3.3.7',
  comment: 'PostGIS geometry and geography spatial types and functions (migration-gate emulation: a core subset)',
  relocatable: false,
  script: parsing + printing + planar + geodesy + types + functions + operators + spatialRefSys,
  objects: {
    types: ['geometry', 'geography'],
    functions: [
      'st_makepoint', 'st_point', 'st_setsrid', 'st_srid', 'st_geomfromtext', 'st_geometryfromtext', 'st_pointfromtext', 'st_geomfromewkt',
      'st_geogfromtext', 'st_geographyfromtext', 'st_geomfromgeojson', 'st_astext', 'st_asewkt', 'st_asgeojson', 'st_geometrytype', 'geometrytype',
      'st_x', 'st_y', 'st_z', 'st_distance', 'st_distancesphere', 'st_dwithin', 'st_intersects', 'st_contains', 'st_within', 'st_covers', 'st_area',
      'st_length', 'st_npoints', 'st_isvalid', 'st_isempty', 'st_envelope', 'st_buffer', 'st_transform', 'st_makeenvelope', 'st_makeline',
      'postgis_version', 'postgis_full_version',
    ],
    operators: ['&&', '<->', '<#>', '~='],
    relations: ['spatial_ref_sys'],
  },
  source: 'https://postgis.net/docs/manual-3.3/reference.html',
};
