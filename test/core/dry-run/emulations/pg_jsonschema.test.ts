/**
 * The pg_jsonschema emulation on the dry-run's real server: CHECK constraints with
 * json(b)_matches_schema accept and reject rows as the extension does, the other functions answer
 * as it does, and what it refuses is refused at the statement's line.
 */
import * as path from 'node:path';
import { discoverMigrations } from '../../../../packages/core/src/discovery';
import { dryRun } from '../../../../packages/core/src/dry-run';
import { loadParser } from '../../../../packages/core/src/parser';

const FIXTURES = path.join(__dirname, '../../../fixtures/dry-run/emulations');
const at = (file: string, line: number) => `${path.basename(file)}:${line}`;

beforeAll(() => loadParser());

it('replays a project whose JSON columns are checked by pg_jsonschema', async () => {
  const { migrations } = await discoverMigrations(path.join(FIXTURES, 'pg_jsonschema/supabase/migrations'));
  const result = await dryRun({ migrations, newVersions: migrations.map((m) => m.version) });
  expect(result.errors).toEqual([]);
  expect(result.ok).toBe(true);
  expect(result.server.emulatedExtensions).toContain('pg_jsonschema');
  expect(result.migrations.map((m) => [path.basename(m.file), m.status, m.emulated])).toEqual([
    ['20240501090000_enable_pg_jsonschema.sql', 'applied', ['pg_jsonschema']],
    ['20240501090100_schema_functions.sql', 'applied', ['pg_jsonschema']],
    ['20240501090200_behaviour.sql', 'applied', ['pg_jsonschema']],
  ]);
  const table = result.migrations[0].statements.find((s) => s.kind === 'CreateStmt');
  expect(table?.emulated).toEqual(['pg_jsonschema']);
  const notices = result.findings.filter((f) => f.ruleId === 'dry-run-extension');
  expect(notices.map((f) => `${f.severity} ${at(f.file, f.line)}`)).toEqual(['notice 20240501090000_enable_pg_jsonschema.sql:1']);
  expect(notices[0].message).toContain('emulation of pg_jsonschema 0.3.3');
});

it('refuses a wrong signature, a schema that cannot compile and a row that does not match, at their lines', async () => {
  const { migrations } = await discoverMigrations(path.join(FIXTURES, 'pg_jsonschema-rejected/supabase/migrations'));
  const last = migrations[migrations.length - 1];
  const result = await dryRun({ migrations, newVersions: [last.version] });
  expect(result.ok).toBe(false);
  expect(result.errors.map((e) => `${e.phase} ${at(e.file, e.line)} ${e.message}`)).toEqual([
    'base 20240601090100_schema_as_jsonb.sql:4 function extensions.jsonb_matches_schema(jsonb, jsonb) does not exist',
    'base 20240601090200_invalid_schema.sql:3 Invalid schema: /type: "obj" is not valid under any of the given schemas',
    'new 20240601090300_row_violates_schema.sql:2 new row for relation "events" violates check constraint "events_payload_check"',
  ]);
  const prError = result.findings.filter((f) => f.ruleId === 'dry-run-error' && f.severity === 'error');
  expect(prError.map((f) => at(f.file, f.line))).toEqual(['20240601090300_row_violates_schema.sql:2']);
});
