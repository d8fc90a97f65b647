/**
 * The PL/pgSQL JSON Schema validator behind the pg_jsonschema emulation, checked against Ajv (a
 * well-kept draft-07 validator) on the same schemas and documents, and against the wording of the
 * jsonschema crate that pg_jsonschema reports (taken from pg_jsonschema's own tests).
 */
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { PG_JSONSCHEMA_SCRIPT } from '../../../../packages/core/src/dry-run/emulations/pg-jsonschema-sql';
import { createTestDatabase, type TestDatabase } from '../../../support/database';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('jsonschema');
  // As CREATE EXTENSION runs it: the target schema first in the search path, @extschema@ replaced.
  await db.query(`create schema jsonschema_emulation; set search_path = jsonschema_emulation; ${PG_JSONSCHEMA_SCRIPT.replace(/@extschema@/g, 'jsonschema_emulation')}`);
});
afterAll(() => db?.drop());

const CASES: [object | boolean, unknown[]][] = [
  [{ type: 'object' }, [{}, 1, [], null]],
  [{ type: ['string', 'null'] }, ['a', null, 1]],
  [{ type: 'integer' }, [1, 1.0, 1.5, '1']],
  [{ enum: ['light', 'dark', 1] }, ['light', 'blue', 1, 1.0]],
  [{ const: { a: [1, 2] } }, [{ a: [1, 2] }, { a: [2, 1] }]],
  [{ minimum: 2, maximum: 5 }, [2, 5, 1.9, 5.1, 'x']],
  [{ exclusiveMinimum: 2, exclusiveMaximum: 5 }, [2, 3, 5]],
  [{ multipleOf: 0.5 }, [1.5, 1.25]],
  [{ minLength: 2, maxLength: 3 }, ['a', 'ab', 'abcd', 'éé']],
  [{ pattern: '^[a-z]+[0-9]*$' }, ['abc12', '12abc']],
  [{ type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 2 }, [['a'], [], ['a', 'b', 'c'], [1]]],
  [{ type: 'array', items: [{ type: 'integer' }, { type: 'string' }], additionalItems: false }, [[1, 'a'], [1, 'a', 2], ['a']]],
  [{ uniqueItems: true }, [[1, 2], [1, 1], [{ a: 1 }, { a: 1 }]]],
  [{ contains: { type: 'integer', minimum: 5 } }, [[1, 6], [1, 2], []]],
  [{ required: ['a', 'b'], properties: { a: { type: 'string' } } }, [{ a: 'x', b: 1 }, { a: 1, b: 1 }, { a: 'x' }]],
  [{ additionalProperties: false, properties: { a: {} }, patternProperties: { '^x_': { type: 'integer' } } }, [{ a: 1, x_1: 2 }, { x_1: 'y' }, { b: 1 }]],
  [{ additionalProperties: { type: 'number' } }, [{ a: 1 }, { a: 'x' }]],
  [{ minProperties: 1, maxProperties: 2 }, [{}, { a: 1 }, { a: 1, b: 2, c: 3 }]],
  [{ propertyNames: { pattern: '^[a-z]+$' } }, [{ abc: 1 }, { Abc: 1 }]],
  [{ dependencies: { card: ['billing'], name: { required: ['last'] } } }, [{ card: 1, billing: 2 }, { card: 1 }, { name: 'a' }]],
  [{ allOf: [{ type: 'integer' }, { minimum: 3 }] }, [3, 2, 3.5]],
  [{ anyOf: [{ type: 'string' }, { type: 'integer' }] }, ['a', 1, 1.5]],
  [{ oneOf: [{ type: 'number' }, { type: 'integer' }] }, [1.5, 1]],
  [{ not: { type: 'null' } }, [null, 0]],
  [{ if: { properties: { kind: { const: 'a' } } }, then: { required: ['a'] }, else: { required: ['b'] } }, [{ kind: 'a', a: 1 }, { kind: 'a' }, { b: 1 }, {}]],
  [{ $ref: '#/definitions/pos', definitions: { pos: { type: 'integer', minimum: 1 } } }, [1, 0]],
  [{ type: 'object', properties: { child: { $ref: '#' } }, required: ['id'] }, [{ id: 1, child: { id: 2 } }, { id: 1, child: {} }]],
  [{ format: 'date' }, ['2024-01-31', '2024-13-01', 5]],
  [{ format: 'date-time' }, ['2024-01-31T10:00:00Z', '2024-01-31 10:00']],
  [{ format: 'email' }, ['a@example.com', 'not-an-email']],
  [{ format: 'ipv4' }, ['192.168.0.1', '256.1.1.1']],
  [{ format: 'uuid' }, ['123e4567-e89b-12d3-a456-426614174000', '123']],
  [true, [1, null]],
  [false, [1, null]],
];

it('accepts and rejects documents as a draft-07 validator does', async () => {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const expected: string[] = [];
  const sql: string[] = [];
  const params: string[] = [];
  for (const [schema, instances] of CASES) {
    const validate = ajv.compile(schema);
    for (const instance of instances) {
      expected.push(`${JSON.stringify(schema)} ${JSON.stringify(instance)} ${validate(instance)}`);
      params.push(JSON.stringify(schema), JSON.stringify(instance));
      sql.push(`select jsonschema_emulation.jsonschema_emulation_matches($${params.length - 1}::jsonb, $${params.length}::jsonb) as ok`);
    }
  }
  const rows = await db.query<{ ok: boolean }>(sql.join(' union all '), params);
  const actual = rows.map((row, i) => expected[i].replace(/(true|false)$/, String(row.ok)));
  expect(actual).toEqual(expected);
});

it("words errors as the jsonschema crate does (pg_jsonschema's own test expectations)", async () => {
  const errors = async (schema: object, instance: unknown) =>
    (await db.query<{ e: string[] }>('select jsonschema_emulation.jsonschema_emulation_validation_errors($1::jsonb, $2::jsonb) as e', [JSON.stringify(schema), JSON.stringify(instance)]))[0].e;
  expect(await errors({ maxLength: 4 }, '123456789')).toEqual(['"123456789" is longer than 4 characters']);
  expect(await errors({ maxLength: 4 }, 'foo')).toEqual([]);
  expect(await errors({ type: 'object', properties: { foo: { type: 'string' }, bar: { type: 'number' }, baz: { type: 'boolean' } } }, { foo: 1, bar: [], baz: '1' })).toEqual([
    '[] is not of type "number"',
    '"1" is not of type "boolean"',
    '1 is not of type "string"',
  ]);
  expect(await errors({ type: 'object', required: ['name'], properties: { name: { type: 'string' } } }, { name: 42 })).toEqual(['42 is not of type "string"']);
  expect(await errors({ enum: 1 }, 'anything')).not.toEqual([]);
});

it('tells a schema that cannot compile, with a notice of where, and refuses to match against it', async () => {
  const valid = await db.query<{ v: boolean }>(`select jsonschema_emulation.jsonschema_emulation_is_valid('{"type": "object"}') as v`);
  expect(valid[0].v).toBe(true);
  for (const schema of ['{"type": "obj"}', '{"$schema": 1}', '{"properties": {"a": {"minLength": -1}}}', '{"required": "a"}', '{"pattern": "("}']) {
    const rows = await db.query<{ v: boolean }>('select jsonschema_emulation.jsonschema_emulation_is_valid($1::jsonb) as v', [schema]);
    expect([schema, rows[0].v]).toEqual([schema, false]);
  }
  await expect(db.query(`select jsonschema_emulation.jsonschema_emulation_matches('{"type": "obj"}', '1')`)).rejects.toThrow('Invalid schema: /type: "obj" is not valid under any of the given schemas');
});
