/**
 * The install script of the pg_jsonschema emulation (see pg-jsonschema.ts): the four functions
 * of pg_jsonschema 0.3.3 with their pgrx-generated signatures, backed by a JSON Schema validator
 * written for this project in PL/pgSQL. pg_jsonschema wraps the `jsonschema` Rust crate (0.17):
 * drafts 4, 6 and 7 (7 unless `$schema` names another), formats checked, errors worded as the
 * crate words them. Not modelled: remote `$ref`s and `$id`-based resolution (such references are
 * taken as satisfied), and ECMA-262 regular expressions are run as PostgreSQL's.
 *
 * pg_jsonschema is not relocatable, so its objects are reached through `@extschema@`.
 */

const HELPER = 'language plpgsql immutable parallel safe set search_path = pg_catalog, pg_temp';

/** serde_json's compact text of a value (keys sorted, as its default map is a BTreeMap). */
const COMPACT = `
create function jsonschema_emulation_text(value jsonb) returns text ${HELPER} strict as $body$
begin
  case pg_catalog.jsonb_typeof(value)
    when 'object' then
      return '{' || coalesce((select pg_catalog.string_agg(pg_catalog.to_jsonb(key)::text || ':' || @extschema@.jsonschema_emulation_text(v), ',' order by key collate "C")
                               from pg_catalog.jsonb_each(value) as e(key, v)), '') || '}';
    when 'array' then
      return '[' || coalesce((select pg_catalog.string_agg(@extschema@.jsonschema_emulation_text(v), ',' order by n)
                               from pg_catalog.jsonb_array_elements(value) with ordinality as e(v, n)), '') || ']';
    else
      return value::text;
  end case;
end
$body$;
`;

/** Whether a value has a JSON Schema type (integers are numbers without a fraction, as in drafts 6+). */
const TYPE_CHECK = `
create function jsonschema_emulation_is_type(value jsonb, type_name text) returns boolean ${HELPER} strict as $body$
begin
  case type_name
    when 'integer' then return pg_catalog.jsonb_typeof(value) = 'number' and value::text::numeric = pg_catalog.trunc(value::text::numeric);
    when 'number' then return pg_catalog.jsonb_typeof(value) = 'number';
    else return pg_catalog.jsonb_typeof(value) = type_name;
  end case;
end
$body$;

create function jsonschema_emulation_format_ok(value text, format text) returns boolean ${HELPER} strict as $body$
begin
  case format
    when 'date' then return value ~ '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$';
    when 'time' then return value ~* '^([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)([.][0-9]+)?(z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$';
    when 'date-time' then return value ~* '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])t([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)([.][0-9]+)?(z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$';
    when 'email' then return value ~ '^[^@[:space:]]+@[^@[:space:]]+$';
    when 'ipv4' then return value ~ '^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])[.]){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$';
    when 'ipv6' then return value ~* '^[0-9a-f:.]+$' and value like '%:%' and value !~ ':::' and (pg_catalog.length(value) - pg_catalog.length(pg_catalog.replace(value, '::', ''))) <= 2;
    when 'hostname' then return value ~* '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?([.][a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$' and pg_catalog.length(value) <= 253;
    when 'uuid' then return value ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
    when 'uri' then return value ~* '^[a-z][a-z0-9+.-]*:[^[:space:]]*$';
    when 'regex' then
      begin
        perform '' ~ value;
        return true;
      exception when others then
        return false;
      end;
    else return true;
  end case;
end
$body$;
`;

/** A local JSON pointer reference (#, #/definitions/x, #/$defs/x) resolved in the root schema. */
const RESOLVE = `
create function jsonschema_emulation_resolve(root jsonb, ref text) returns jsonb ${HELPER} strict as $body$
declare
  steps text[];
begin
  if ref = '#' then return root; end if;
  if ref !~ '^#/' then return 'true'; end if;
  steps := array(select pg_catalog.replace(pg_catalog.replace(s, '~1', '/'), '~0', '~')
                 from pg_catalog.unnest(pg_catalog.string_to_array(pg_catalog.substr(ref, 3), '/')) s);
  return coalesce(root #> steps, 'true');
end
$body$;
`;

const plural = (n: string, one: string, many: string) => `case when ${n} = 1 then '${one}' else '${many}' end`;

/**
 * The validator: every error of \`instance\` against \`schema\`, worded as the jsonschema crate
 * words them. \`root\` resolves \`$ref\`s; \`draft\` is 4, 6 or 7.
 */
const VALIDATE = `
create function jsonschema_emulation_errors(schema jsonb, instance jsonb, root jsonb, draft integer) returns text[] ${HELPER} as $body$
declare
  errors text[] := '{}';
  shown text := @extschema@.jsonschema_emulation_text(instance);
  instance_kind text := pg_catalog.jsonb_typeof(instance);
  allowed_types jsonb;
  subschema jsonb;
  prop text;
  prop_value jsonb;
  num numeric;
  limit_value numeric;
  size integer;
  extras text[];
  element jsonb;
  idx integer;
  matched integer;
begin
  if pg_catalog.jsonb_typeof(schema) = 'boolean' then
    return case when schema = 'false' then array['False schema does not allow ' || shown] else errors end;
  end if;
  if schema ? '$ref' then
    -- Before draft 2019-09 a $ref replaces its siblings.
    return @extschema@.jsonschema_emulation_errors(@extschema@.jsonschema_emulation_resolve(root, schema->>'$ref'), instance, root, draft);
  end if;
  allowed_types := case pg_catalog.jsonb_typeof(schema->'type') when 'string' then pg_catalog.jsonb_build_array(schema->'type') else schema->'type' end;
  if allowed_types is not null and not exists (select from pg_catalog.jsonb_array_elements_text(allowed_types) t where @extschema@.jsonschema_emulation_is_type(instance, t)) then
    errors := errors || case when pg_catalog.jsonb_array_length(allowed_types) = 1
      then shown || ' is not of type ' || (allowed_types->0)::text
      else shown || ' is not of types ' || (select pg_catalog.string_agg(t::text, ', ' order by n) from pg_catalog.jsonb_array_elements(allowed_types) with ordinality e(t, n)) end;
  end if;
  if schema ? 'enum' and not exists (select from pg_catalog.jsonb_array_elements(schema->'enum') e where e = instance) then
    errors := errors || (shown || ' is not one of ' || @extschema@.jsonschema_emulation_text(schema->'enum'));
  end if;
  if schema ? 'const' and schema->'const' <> instance then
    errors := errors || (@extschema@.jsonschema_emulation_text(schema->'const') || ' was expected');
  end if;
  if instance_kind = 'number' then
    num := instance::text::numeric;
    if pg_catalog.jsonb_typeof(schema->'minimum') = 'number' then
      limit_value := (schema->>'minimum')::numeric;
      if num < limit_value or (draft = 4 and schema->'exclusiveMinimum' = 'true' and num = limit_value) then
        errors := errors || (shown || case when num = limit_value then ' is less than or equal to the minimum of ' else ' is less than the minimum of ' end || (schema->>'minimum'));
      end if;
    end if;
    if pg_catalog.jsonb_typeof(schema->'maximum') = 'number' then
      limit_value := (schema->>'maximum')::numeric;
      if num > limit_value or (draft = 4 and schema->'exclusiveMaximum' = 'true' and num = limit_value) then
        errors := errors || (shown || case when num = limit_value then ' is greater than or equal to the maximum of ' else ' is greater than the maximum of ' end || (schema->>'maximum'));
      end if;
    end if;
    if pg_catalog.jsonb_typeof(schema->'exclusiveMinimum') = 'number' and num <= (schema->>'exclusiveMinimum')::numeric then
      errors := errors || (shown || ' is less than or equal to the minimum of ' || (schema->>'exclusiveMinimum'));
    end if;
    if pg_catalog.jsonb_typeof(schema->'exclusiveMaximum') = 'number' and num >= (schema->>'exclusiveMaximum')::numeric then
      errors := errors || (shown || ' is greater than or equal to the maximum of ' || (schema->>'exclusiveMaximum'));
    end if;
    if pg_catalog.jsonb_typeof(schema->'multipleOf') = 'number' and (schema->>'multipleOf')::numeric > 0 and num % (schema->>'multipleOf')::numeric <> 0 then
      errors := errors || (shown || ' is not a multiple of ' || (schema->>'multipleOf'));
    end if;
  end if;
  if instance_kind = 'string' then
    size := pg_catalog.length(instance #>> '{}');
    if schema ? 'minLength' and size < (schema->>'minLength')::numeric then
      errors := errors || (shown || ' is shorter than ' || (schema->>'minLength') || ' character' || ${plural("(schema->>'minLength')::numeric", '', 's')});
    end if;
    if schema ? 'maxLength' and size > (schema->>'maxLength')::numeric then
      errors := errors || (shown || ' is longer than ' || (schema->>'maxLength') || ' character' || ${plural("(schema->>'maxLength')::numeric", '', 's')});
    end if;
    if schema ? 'pattern' and (instance #>> '{}') !~ (schema->>'pattern') then
      errors := errors || (shown || ' does not match ' || (schema->'pattern')::text);
    end if;
    if schema ? 'format' and not @extschema@.jsonschema_emulation_format_ok(instance #>> '{}', schema->>'format') then
      errors := errors || (shown || ' is not a ' || (schema->'format')::text);
    end if;
  end if;
  if instance_kind = 'array' then
    size := pg_catalog.jsonb_array_length(instance);
    if schema ? 'minItems' and size < (schema->>'minItems')::numeric then
      errors := errors || (shown || ' has less than ' || (schema->>'minItems') || ' item' || ${plural("(schema->>'minItems')::numeric", '', 's')});
    end if;
    if schema ? 'maxItems' and size > (schema->>'maxItems')::numeric then
      errors := errors || (shown || ' has more than ' || (schema->>'maxItems') || ' item' || ${plural("(schema->>'maxItems')::numeric", '', 's')});
    end if;
    if schema->'uniqueItems' = 'true' and (select pg_catalog.count(distinct e) from pg_catalog.jsonb_array_elements(instance) e) < size then
      errors := errors || (shown || ' has non-unique elements');
    end if;
    if pg_catalog.jsonb_typeof(schema->'items') = 'array' then
      for idx in 0 .. least(size, pg_catalog.jsonb_array_length(schema->'items')) - 1 loop
        errors := errors || @extschema@.jsonschema_emulation_errors(schema->'items'->idx, instance->idx, root, draft);
      end loop;
      if schema ? 'additionalItems' and size > pg_catalog.jsonb_array_length(schema->'items') then
        if schema->'additionalItems' = 'false' then
          extras := array(select @extschema@.jsonschema_emulation_text(e) from pg_catalog.jsonb_array_elements(instance) with ordinality t(e, k) where k > pg_catalog.jsonb_array_length(schema->'items') order by k);
          errors := errors || ('Additional items are not allowed (' || pg_catalog.array_to_string(extras, ', ') || ' ' || ${plural('pg_catalog.cardinality(extras)', 'was', 'were')} || ' unexpected)');
        else
          for idx in pg_catalog.jsonb_array_length(schema->'items') .. size - 1 loop
            errors := errors || @extschema@.jsonschema_emulation_errors(schema->'additionalItems', instance->idx, root, draft);
          end loop;
        end if;
      end if;
    elsif schema ? 'items' then
      for element in select e from pg_catalog.jsonb_array_elements(instance) e loop
        errors := errors || @extschema@.jsonschema_emulation_errors(schema->'items', element, root, draft);
      end loop;
    end if;
    if schema ? 'contains' and not exists (select from pg_catalog.jsonb_array_elements(instance) e
                                            where pg_catalog.cardinality(@extschema@.jsonschema_emulation_errors(schema->'contains', e, root, draft)) = 0) then
      errors := errors || ('None of ' || shown || ' are valid under the given schema');
    end if;
  end if;
  if instance_kind = 'object' then
    size := (select pg_catalog.count(*) from pg_catalog.jsonb_object_keys(instance));
    if schema ? 'minProperties' and size < (schema->>'minProperties')::numeric then
      errors := errors || (shown || ' has less than ' || (schema->>'minProperties') || ' propert' || ${plural("(schema->>'minProperties')::numeric", 'y', 'ies')});
    end if;
    if schema ? 'maxProperties' and size > (schema->>'maxProperties')::numeric then
      errors := errors || (shown || ' has more than ' || (schema->>'maxProperties') || ' propert' || ${plural("(schema->>'maxProperties')::numeric", 'y', 'ies')});
    end if;
    if pg_catalog.jsonb_typeof(schema->'required') = 'array' then
      errors := errors || array(select pg_catalog.to_jsonb(r)::text || ' is a required property'
                                 from pg_catalog.jsonb_array_elements_text(schema->'required') with ordinality t(r, k) where not instance ? r order by k);
    end if;
    for prop, prop_value in select e.key, e.value from pg_catalog.jsonb_each(instance) e order by e.key collate "C" loop
      if schema->'properties' ? prop then
        errors := errors || @extschema@.jsonschema_emulation_errors(schema->'properties'->prop, prop_value, root, draft);
      end if;
      for subschema in select p.value from pg_catalog.jsonb_each(coalesce(schema->'patternProperties', '{}')) p where prop ~ p.key loop
        errors := errors || @extschema@.jsonschema_emulation_errors(subschema, prop_value, root, draft);
      end loop;
      if schema ? 'propertyNames' then
        errors := errors || @extschema@.jsonschema_emulation_errors(schema->'propertyNames', pg_catalog.to_jsonb(prop), root, draft);
      end if;
      if schema->'dependencies' ? prop then
        subschema := schema->'dependencies'->prop;
        if pg_catalog.jsonb_typeof(subschema) = 'array' then
          errors := errors || array(select pg_catalog.to_jsonb(r)::text || ' is a required property'
                                     from pg_catalog.jsonb_array_elements_text(subschema) r where not instance ? r);
        else
          errors := errors || @extschema@.jsonschema_emulation_errors(subschema, instance, root, draft);
        end if;
      end if;
    end loop;
    if schema ? 'additionalProperties' then
      extras := array(select k from pg_catalog.jsonb_object_keys(instance) k
                      where not coalesce(schema->'properties' ? k, false)
                        and not exists (select from pg_catalog.jsonb_object_keys(coalesce(schema->'patternProperties', '{}')) p where k ~ p)
                      order by k collate "C");
      if schema->'additionalProperties' = 'false' then
        if pg_catalog.cardinality(extras) > 0 then
          errors := errors || ('Additional properties are not allowed (' || (select pg_catalog.string_agg(pg_catalog.quote_literal(k), ', ') from pg_catalog.unnest(extras) k)
                               || ' ' || ${plural('pg_catalog.cardinality(extras)', 'was', 'were')} || ' unexpected)');
        end if;
      else
        foreach prop in array extras loop
          errors := errors || @extschema@.jsonschema_emulation_errors(schema->'additionalProperties', instance->prop, root, draft);
        end loop;
      end if;
    end if;
  end if;
  if schema ? 'allOf' then
    for subschema in select e from pg_catalog.jsonb_array_elements(schema->'allOf') e loop
      errors := errors || @extschema@.jsonschema_emulation_errors(subschema, instance, root, draft);
    end loop;
  end if;
  if schema ? 'anyOf' and not exists (select from pg_catalog.jsonb_array_elements(schema->'anyOf') e
                                       where pg_catalog.cardinality(@extschema@.jsonschema_emulation_errors(e, instance, root, draft)) = 0) then
    errors := errors || (shown || ' is not valid under any of the given schemas');
  end if;
  if schema ? 'oneOf' then
    matched := (select pg_catalog.count(*) from pg_catalog.jsonb_array_elements(schema->'oneOf') e
                 where pg_catalog.cardinality(@extschema@.jsonschema_emulation_errors(e, instance, root, draft)) = 0);
    if matched = 0 then
      errors := errors || (shown || ' is not valid under any of the given schemas');
    elsif matched > 1 then
      errors := errors || (shown || ' is valid under more than one of the given schemas');
    end if;
  end if;
  if schema ? 'not' and pg_catalog.cardinality(@extschema@.jsonschema_emulation_errors(schema->'not', instance, root, draft)) = 0 then
    errors := errors || (@extschema@.jsonschema_emulation_text(schema->'not') || ' is not allowed for ' || shown);
  end if;
  if draft >= 7 and schema ? 'if' then
    if pg_catalog.cardinality(@extschema@.jsonschema_emulation_errors(schema->'if', instance, root, draft)) = 0 then
      if schema ? 'then' then errors := errors || @extschema@.jsonschema_emulation_errors(schema->'then', instance, root, draft); end if;
    elsif schema ? 'else' then
      errors := errors || @extschema@.jsonschema_emulation_errors(schema->'else', instance, root, draft);
    end if;
  end if;
  return errors;
end
$body$;
`;

/**
 * A schema the crate would refuse to compile: the first problem as "<path>: <message>" (null when
 * the schema compiles). Checks what the draft's meta-schema says of each keyword's value.
 */
const SCHEMA_PROBLEM = `
create function jsonschema_emulation_schema_problem(schema jsonb, path text) returns text ${HELPER} strict as $body$
declare
  prop text;
  prop_value jsonb;
  problem text;
  subschema jsonb;
  prop_kind text;
  simple_types constant text[] := array['array', 'boolean', 'integer', 'null', 'number', 'object', 'string'];
begin
  if pg_catalog.jsonb_typeof(schema) = 'boolean' then return null; end if;
  if pg_catalog.jsonb_typeof(schema) <> 'object' then
    return path || ': ' || @extschema@.jsonschema_emulation_text(schema) || ' is not of types "boolean", "object"';
  end if;
  for prop, prop_value in select e.key, e.value from pg_catalog.jsonb_each(schema) e order by e.key collate "C" loop
    prop_kind := pg_catalog.jsonb_typeof(prop_value);
    problem := case
      when prop = 'type' and not ((prop_kind = 'string' and prop_value #>> '{}' = any(simple_types))
                                 or (prop_kind = 'array' and pg_catalog.jsonb_array_length(prop_value) > 0
                                     and not exists (select from pg_catalog.jsonb_array_elements(prop_value) t where pg_catalog.jsonb_typeof(t) <> 'string' or not (t #>> '{}') = any(simple_types))))
        then 'is not valid under any of the given schemas'
      when prop in ('minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties')
           and not (prop_kind = 'number' and (prop_value::text)::numeric >= 0 and (prop_value::text)::numeric = pg_catalog.trunc((prop_value::text)::numeric))
        then case when prop_kind = 'number' then 'is less than the minimum of 0' else 'is not of type "integer"' end
      when prop in ('minimum', 'maximum') and prop_kind <> 'number' then 'is not of type "number"'
      when prop in ('exclusiveMinimum', 'exclusiveMaximum') and prop_kind not in ('number', 'boolean') then 'is not of type "number"'
      when prop = 'multipleOf' and not (prop_kind = 'number' and (prop_value::text)::numeric > 0) then 'is less than or equal to the minimum of 0'
      when prop in ('pattern', 'format', '$ref', '$schema', '$id', 'title', 'description') and prop_kind <> 'string' then 'is not of type "string"'
      when prop = 'pattern' and not @extschema@.jsonschema_emulation_format_ok(prop_value #>> '{}', 'regex') then 'is not a "regex"'
      when prop = 'required' and not (prop_kind = 'array' and not exists (select from pg_catalog.jsonb_array_elements(prop_value) r where pg_catalog.jsonb_typeof(r) <> 'string'))
        then 'is not of type "array"'
      when prop = 'enum' and prop_kind <> 'array' then 'is not of type "array"'
      when prop = 'uniqueItems' and prop_kind <> 'boolean' then 'is not of type "boolean"'
      when prop in ('allOf', 'anyOf', 'oneOf') and not (prop_kind = 'array' and pg_catalog.jsonb_array_length(prop_value) > 0) then 'is not of type "array"'
      when prop in ('properties', 'patternProperties', 'definitions', '$defs', 'dependencies') and prop_kind <> 'object' then 'is not of type "object"'
      when prop in ('not', 'additionalProperties', 'additionalItems', 'contains', 'propertyNames', 'if', 'then', 'else') and prop_kind not in ('object', 'boolean')
        then 'is not of types "boolean", "object"'
      when prop = 'items' and prop_kind not in ('object', 'boolean', 'array') then 'is not valid under any of the given schemas'
    end;
    if problem is not null then
      return path || '/' || prop || ': ' || @extschema@.jsonschema_emulation_text(prop_value) || ' ' || problem;
    end if;
    -- Subschemas.
    for subschema, problem in
      select s, path || '/' || prop || p from (
        select prop_value as s, '' as p where prop in ('not', 'additionalProperties', 'additionalItems', 'contains', 'propertyNames', 'if', 'then', 'else')
                                     or (prop = 'items' and prop_kind <> 'array')
        union all select e, '/' || (n - 1) from pg_catalog.jsonb_array_elements(case when prop in ('allOf', 'anyOf', 'oneOf', 'items') and prop_kind = 'array' then prop_value else '[]' end) with ordinality t(e, n)
        union all select e.value, '/' || e.key from pg_catalog.jsonb_each(case when prop in ('properties', 'patternProperties', 'definitions', '$defs') then prop_value else '{}' end) e
        union all select e.value, '/' || e.key from pg_catalog.jsonb_each(case when prop = 'dependencies' then prop_value else '{}' end) e where pg_catalog.jsonb_typeof(e.value) <> 'array'
      ) subschemas(s, p)
    loop
      problem := @extschema@.jsonschema_emulation_schema_problem(subschema, problem);
      if problem is not null then return problem; end if;
    end loop;
  end loop;
  return null;
end
$body$;

create function jsonschema_emulation_draft(schema jsonb) returns integer ${HELPER} strict as $body$
begin
  return case
    when schema->>'$schema' ~ 'draft-04' then 4
    when schema->>'$schema' ~ 'draft-06' then 6
    else 7
  end;
end
$body$;

-- jsonschema::is_valid panics on a schema that does not compile; pgrx reports the panic as an error.
create function jsonschema_emulation_matches(schema jsonb, instance jsonb) returns boolean ${HELPER} strict as $body$
declare
  problem text := @extschema@.jsonschema_emulation_schema_problem(schema, '');
begin
  if problem is not null then
    raise exception using errcode = 'XX000', message = 'Invalid schema: ' || problem;
  end if;
  return pg_catalog.cardinality(@extschema@.jsonschema_emulation_errors(schema, instance, schema, @extschema@.jsonschema_emulation_draft(schema))) = 0;
end
$body$;

create function jsonschema_emulation_is_valid(schema jsonb) returns boolean ${HELPER} strict as $body$
declare
  problem text := @extschema@.jsonschema_emulation_schema_problem(schema, '');
begin
  if problem is null then return true; end if;
  -- The crate reports where in the schema it failed, when that is not the schema itself.
  if pg_catalog.split_part(problem, ': ', 1) <> '' then
    raise notice 'Invalid JSON schema at path: %', pg_catalog.split_part(problem, ': ', 1);
  end if;
  return false;
end
$body$;

create function jsonschema_emulation_validation_errors(schema jsonb, instance jsonb) returns text[] ${HELPER} strict as $body$
declare
  problem text := @extschema@.jsonschema_emulation_schema_problem(schema, '');
begin
  if problem is not null then
    return array[pg_catalog.substr(problem, pg_catalog.strpos(problem, ': ') + 2)];
  end if;
  return @extschema@.jsonschema_emulation_errors(schema, instance, schema, @extschema@.jsonschema_emulation_draft(schema));
end
$body$;
`;

/** The extension's own functions, with pgrx's signatures (argument names, IMMUTABLE STRICT PARALLEL SAFE). */
const PUBLIC = 'language sql immutable strict parallel safe';
const PUBLIC_FUNCTIONS = `
create function json_matches_schema("schema" json, "instance" json) returns bool ${PUBLIC}
  return @extschema@.jsonschema_emulation_matches("schema"::jsonb, "instance"::jsonb);
create function jsonb_matches_schema("schema" json, "instance" jsonb) returns bool ${PUBLIC}
  return @extschema@.jsonschema_emulation_matches("schema"::jsonb, "instance");
create function jsonschema_is_valid("schema" json) returns bool ${PUBLIC}
  return @extschema@.jsonschema_emulation_is_valid("schema"::jsonb);
create function jsonschema_validation_errors("schema" json, "instance" json) returns text[] ${PUBLIC}
  return @extschema@.jsonschema_emulation_validation_errors("schema"::jsonb, "instance"::jsonb);
`;

export const PG_JSONSCHEMA_SCRIPT = [
  '-- migration-gate: an emulation of pg_jsonschema 0.3.3 for the dry-run (see pg-jsonschema-sql.ts)',
  COMPACT,
  TYPE_CHECK,
  RESOLVE,
  VALIDATE,
  SCHEMA_PROBLEM,
  PUBLIC_FUNCTIONS,
].join('\n');
