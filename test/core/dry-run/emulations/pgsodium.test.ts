/**
 * pgsodium: created with an empty search path, keys made with create_key, a column labelled for
 * transparent encryption, and SQL bodies calling the crypto functions by their real signatures.
 */
import { loadParser } from '../../../../packages/core/src/parser';
import { errorsOf, expectEmulatedReplay, findingsOf, replayFixture } from './support';

beforeAll(() => loadParser());

it('replays keys, an encrypted column and SQL functions over the crypto API, labelled as emulated', async () => {
  const replay = await replayFixture('pgsodium');
  expectEmulatedReplay(replay, 'pgsodium');
  const label = replay.result.migrations[1].statements.find((s) => s.kind === 'SecLabelStmt');
  expect(label?.emulated).toEqual(['pgsodium']);
});

it('refuses a column label that is not ENCRYPT WITH, as pgsodium does, at its line', async () => {
  const { result } = await replayFixture('pgsodium-rejected');
  expect(errorsOf(result)).toEqual(["20240302000100_bad_label.sql:2 'DECRYPT WITH VIEW public.notes' is not a valid label for a column"]);
  expect(findingsOf(result, 'dry-run-error')).toEqual(['dry-run-error error 20240302000100_bad_label.sql:2']);
});
