/**
 * supabase_vault: migrations that store secrets, read them through vault.decrypted_secrets in
 * SQL and PL/pgSQL bodies, rotate and delete them replay against the emulation.
 */
import { loadParser } from '../../../../packages/core/src/parser';
import { errorsOf, expectEmulatedReplay, findingsOf, replayFixture } from './support';

beforeAll(() => loadParser());

it('replays secrets created, read back, rotated and deleted, labelled as emulated', async () => {
  const replay = await replayFixture('supabase_vault');
  expectEmulatedReplay(replay, 'supabase_vault');
});

it('refuses a SQL function reading a column vault.decrypted_secrets does not have, at its line', async () => {
  const { result } = await replayFixture('supabase_vault-rejected');
  expect(errorsOf(result)).toEqual(['20240301000100_wrong_column.sql:5 column "decrypted_value" does not exist']);
  expect(findingsOf(result, 'dry-run-error')).toEqual(['dry-run-error error 20240301000100_wrong_column.sql:5']);
  expect(result.ok).toBe(false);
});
