/**
 * index_advisor: created with cascade (it requires hypopg), and a SQL function over its result
 * columns; queries it cannot prepare come back in `errors`.
 */
import { loadParser } from '../../../../packages/core/src/parser';
import { errorsOf, expectEmulatedReplay, replayFixture } from './support';

beforeAll(() => loadParser());

it('replays a report function over index_advisor, labelled as emulated', async () => {
  const replay = await replayFixture('index_advisor');
  expectEmulatedReplay(replay, 'index_advisor');
  expect(replay.result.server.emulatedExtensions).toContain('hypopg');
});

it('refuses a SQL body reading a column index_advisor does not return, at its line', async () => {
  const { result } = await replayFixture('index_advisor-rejected');
  expect(errorsOf(result)).toEqual(['20240307000100_unknown_column.sql:5 column "suggestions" does not exist']);
});
