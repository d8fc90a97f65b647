/**
 * plpgsql_check: migrations that call the checker with its real named options replay; it
 * reports nothing, and refuses what the real one refuses.
 */
import { loadParser } from '../../../../packages/core/src/parser';
import { errorsOf, expectEmulatedReplay, replayFixture } from './support';

beforeAll(() => loadParser());

it('replays checks of PL/pgSQL functions with named options, labelled as emulated', async () => {
  expectEmulatedReplay(await replayFixture('plpgsql_check'), 'plpgsql_check');
});

it('refuses to check a function that is not PL/pgSQL, at its line', async () => {
  const { result } = await replayFixture('plpgsql_check-rejected');
  expect(errorsOf(result)).toEqual(['20240308000100_not_plpgsql.sql:2 total is not a plpgsql function']);
});
