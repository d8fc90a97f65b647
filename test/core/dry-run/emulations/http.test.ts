/**
 * The http (pgsql-http) emulation: its types and overloads for triggers and SQL functions, a
 * fixed response instead of a network call (fixtures: test/fixtures/dry-run/emulations/http).
 */
import { loadParser } from '../../../../packages/core/src/parser';
import { replayEmulationFixture, type FixtureReplay } from '../support/emulation-fixtures';

beforeAll(() => loadParser());

describe('a project that uses http', () => {
  let replay: FixtureReplay;
  beforeAll(async () => {
    replay = await replayEmulationFixture('http');
  });

  it('replays every migration, responses, urlencode and curl options included (the DO blocks raise on a wrong result)', () => {
    expect(replay.result.errors).toEqual([]);
    expect(replay.at('dry-run-error')).toEqual([]);
    expect(replay.result.ok).toBe(true);
    expect(replay.outline()).toEqual([
      { file: '20250304090000_enable_http.sql', status: 'applied', emulated: [] },
      { file: '20250304090100_storage_cleanup.sql', status: 'applied', emulated: ['http'] },
      { file: '20250304090200_http_behaves.sql', status: 'applied', emulated: ['http'] },
    ]);
  });

  it('says at the create extension line that http was emulated', () => {
    expect(replay.at('dry-run-extension')).toEqual(['20250304090000_enable_http.sql:1']);
    expect(replay.finding('dry-run-extension', '20250304090000_enable_http.sql')!.message).toContain('emulation of http 1.6 (its types and functions; requests are checked, but none is sent: every call gets an empty 200 response)');
  });

  it('labels the statements that use its types and functions', () => {
    expect(replay.labels('20250304090100_storage_cleanup.sql', 7)).toEqual(['http']);
    expect(replay.labels('20250304090100_storage_cleanup.sql', 35)).toEqual(['http']);
    expect(replay.labels('20250304090100_storage_cleanup.sql', 2)).toEqual([]); // create table
  });
});

it('refuses what pgsql-http refuses, with its message, at the statement that does it', async () => {
  const replay = await replayEmulationFixture('http-rejected', 'last');
  expect(replay.result.ok).toBe(false);
  expect(replay.errors()).toEqual([
    'base 20250315090005_touch.sql:6 function extensions.http_put(text) does not exist',
    "base 20250315090020_set_url_option.sql:1 curl option 'CURLOPT_URL' is not available for run-time configuration",
    'new 20250315090100_post_without_content.sql:2 http_request.content is NULL',
  ]);
  // A SQL function body is checked against pgsql-http's signatures: the call inside it is pointed at.
  expect(replay.finding('dry-run-error', '20250315090005_touch.sql')).toMatchObject({ line: 6, column: 11 });
  expect(replay.finding('dry-run-error', '20250315090100_post_without_content.sql')).toMatchObject({ severity: 'error', line: 2, column: 1 });
});
