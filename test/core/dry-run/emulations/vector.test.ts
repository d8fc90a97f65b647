/**
 * The pgvector emulation on the dry-run's real server: a project that uses vector, halfvec,
 * sparsevec and bit columns, hnsw and ivfflat indexes, SQL functions with distance operators and
 * migration-time checks of computed values replays; what pgvector refuses is refused at its line.
 */
import * as path from 'node:path';
import { discoverMigrations } from '../../../../packages/core/src/discovery';
import { dryRun } from '../../../../packages/core/src/dry-run';
import { loadParser } from '../../../../packages/core/src/parser';

const FIXTURES = path.join(__dirname, '../../../fixtures/dry-run/emulations');
const at = (file: string, line: number) => `${path.basename(file)}:${line}`;

beforeAll(() => loadParser());

async function replayAllNew(folder: string, postgresVersion?: 15 | 17 | 18) {
  const { migrations } = await discoverMigrations(path.join(FIXTURES, folder, 'supabase/migrations'));
  return dryRun({ migrations, newVersions: migrations.map((m) => m.version), postgresVersion });
}

it('replays a pgvector project: types with dimensions, every index kind, SQL bodies and computed distances', async () => {
  const result = await replayAllNew('vector');
  expect(result.errors).toEqual([]);
  expect(result.ok).toBe(true);
  expect(result.server.emulatedExtensions).toContain('vector');
  expect(result.migrations.map((m) => [path.basename(m.file), m.status, m.emulated])).toEqual([
    ['20240301090000_enable_vector.sql', 'applied', ['vector']],
    ['20240301090100_vector_indexes.sql', 'applied', ['vector']],
    ['20240301090200_match_documents.sql', 'applied', ['vector']],
    ['20240301090300_behaviour.sql', 'applied', ['vector']],
  ]);
  // Every index statement is labelled, so no lock claim is made about an emulated access method.
  const indexes = result.migrations[1].statements.filter((s) => s.kind === 'IndexStmt');
  expect(indexes).toHaveLength(12);
  expect(indexes.every((s) => s.emulated?.includes('vector'))).toBe(true);
  const notices = result.findings.filter((f) => f.ruleId === 'dry-run-extension');
  expect(notices.map((f) => `${f.severity} ${at(f.file, f.line)}`)).toEqual(['notice 20240301090000_enable_vector.sql:2']);
  expect(notices[0].message).toContain('emulation of vector 0.8.0');
  expect(result.findings.filter((f) => f.ruleId !== 'dry-run-extension')).toEqual([]);
});

it('refuses what pgvector refuses, with its message, at the statement that does it', async () => {
  const { migrations } = await discoverMigrations(path.join(FIXTURES, 'vector-rejected/supabase/migrations'));
  const last = migrations[migrations.length - 1];
  const result = await dryRun({ migrations, newVersions: [last.version] });
  expect(result.ok).toBe(false);
  expect(result.errors.map((e) => `${e.phase} ${at(e.file, e.line)} ${e.message}`)).toEqual([
    'base 20240401090100_hnsw_m_out_of_range.sql:1 value 1 out of bounds for option "m"',
    'base 20240401090200_hnsw_unknown_option.sql:2 unrecognized parameter "lists"',
    'base 20240401090300_hnsw_ef_construction.sql:1 ef_construction must be greater than or equal to 2 * m',
    'base 20240401090400_ivfflat_lists_not_integer.sql:1 invalid value for integer option "lists": many',
    'base 20240401090500_hnsw_without_dimensions.sql:2 column does not have dimensions',
    'base 20240401090600_hnsw_too_many_dimensions.sql:2 column cannot have more than 2000 dimensions for hnsw index',
    'base 20240401090700_dimensions_over_limit.sql:1 dimensions for type vector cannot exceed 16000',
    'base 20240401090800_unknown_signature.sql:4 function extensions.vector_dims(vector, integer) does not exist',
    'base 20240401090900_ef_search_out_of_range.sql:1 0 is outside the valid range for parameter "hnsw.ef_search" (1 .. 1000)',
    'base 20240401091000_halfvec_dimensions_differ.sql:3 different halfvec dimensions 2 and 3',
    'new 20240401091100_wrong_dimensions.sql:3 expected 3 dimensions, not 2',
  ]);
  const prError = result.findings.filter((f) => f.ruleId === 'dry-run-error' && f.severity === 'error');
  expect(prError.map((f) => at(f.file, f.line))).toEqual(['20240401091100_wrong_dimensions.sql:3']);
});

it('replays the same project on PostgreSQL 15, the platform version most projects run', async () => {
  const result = await replayAllNew('vector', 15);
  expect(result.server.majorVersion).toBe(15);
  expect(result.errors).toEqual([]);
  expect(result.migrations.every((m) => m.status === 'applied')).toBe(true);
}, 180_000);
