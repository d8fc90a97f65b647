/**
 * pg_hashids: ids encoded in generated columns and SQL functions are the ones the real
 * extension produces (its README's examples are checked in the fixture).
 */
import { loadParser } from '../../../../packages/core/src/parser';
import { errorsOf, expectEmulatedReplay, replayFixture } from './support';

beforeAll(() => loadParser());

it('replays generated public ids and their lookup with the real Hashids results, labelled as emulated', async () => {
  expectEmulatedReplay(await replayFixture('pg_hashids'), 'pg_hashids');
});

it('refuses an alphabet shorter than 16 characters, with the real message, at its line', async () => {
  const { result } = await replayFixture('pg_hashids-rejected');
  expect(errorsOf(result)).toEqual(['20240305000100_short_alphabet.sql:2 alphabet is too short']);
});
