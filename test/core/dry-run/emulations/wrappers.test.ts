/**
 * Supabase Wrappers: foreign data wrappers created as on the platform (top level and inside a
 * DO block), servers and foreign tables whose options the wrappers' validators check, and the
 * limits that keep a pull request from reaching further than the emulation's inert handlers.
 */
import { loadParser } from '../../../../packages/core/src/parser';
import { errorsOf, expectEmulatedReplay, findingsOf, replayFixture } from './support';

beforeAll(() => loadParser());

it('replays wrappers, servers and foreign tables as supautils lets postgres create them, labelled as emulated', async () => {
  const replay = await replayFixture('wrappers');
  expectEmulatedReplay(replay, 'wrappers');
  const statements = replay.result.migrations[0].statements;
  expect(statements.filter((s) => s.kind === 'CreateFdwStmt' || s.kind === 'DoStmt').map((s) => [s.line, s.emulated])).toEqual([
    [4, ['wrappers']],
    [8, ['wrappers']],
  ]);
});

it("refuses a Stripe foreign table without its object option, with the wrapper's message, at its line", async () => {
  const { result } = await replayFixture('wrappers-rejected');
  expect(errorsOf(result)).toEqual(['20240304000100_missing_object.sql:2 required option `object` is not specified']);
});

it('creates no wrapper over another handler, or with a validator the migration wrote', async () => {
  const { result } = await replayFixture('wrappers-privileges', { asHistory: true });
  expect(errorsOf(result)).toEqual([
    '20240304000100_other_handler.sql:3 permission denied to create foreign-data wrapper "loose"',
    '20240304000200_own_validator.sql:7 permission denied to create foreign-data wrapper "open_wrapper"',
  ]);
  expect(findingsOf(result, 'dry-run-error')).toEqual([
    'dry-run-error warning 20240304000100_other_handler.sql:3',
    'dry-run-error warning 20240304000200_own_validator.sql:7',
  ]);
});
