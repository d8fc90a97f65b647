/**
 * hypopg: hypothetical indexes created, listed, described and dropped in a migration, checked as
 * real index definitions without leaving a real index behind.
 */
import { loadParser } from '../../../../packages/core/src/parser';
import { errorsOf, expectEmulatedReplay, replayFixture } from './support';

beforeAll(() => loadParser());

it('replays hypothetical indexes, labelled as emulated', async () => {
  expectEmulatedReplay(await replayFixture('hypopg'), 'hypopg');
});

it('refuses a hypothetical index on a column the table does not have, at its line', async () => {
  const { result } = await replayFixture('hypopg-rejected');
  expect(errorsOf(result)).toEqual(['20240306000100_unknown_column.sql:2 column "user_id" does not exist']);
});
