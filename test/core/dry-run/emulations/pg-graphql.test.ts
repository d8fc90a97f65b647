/**
 * pg_graphql: the extension in its fixed schema, comment directives, and a SQL wrapper calling
 * graphql.resolve with its real named arguments.
 */
import { loadParser } from '../../../../packages/core/src/parser';
import { errorsOf, expectEmulatedReplay, replayFixture } from './support';

beforeAll(() => loadParser());

it('replays comment directives and a SQL function over graphql.resolve, labelled as emulated', async () => {
  expectEmulatedReplay(await replayFixture('pg_graphql'), 'pg_graphql');
});

it('refuses graphql.resolve called with an argument name it does not have, at its line', async () => {
  const { result } = await replayFixture('pg_graphql-rejected');
  expect(errorsOf(result)).toEqual(['20240303000100_wrong_argument.sql:5 function graphql.resolve(query => text, operation_name => text) does not exist']);
  expect(result.ok).toBe(false);
});
