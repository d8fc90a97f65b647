/**
 * The pg_net emulation: requests from triggers and functions are queued with pg_net's
 * signatures and URL encoding, never sent (fixtures: test/fixtures/dry-run/emulations/pg_net).
 */
import { loadParser } from '../../../../packages/core/src/parser';
import { replayEmulationFixture, type FixtureReplay } from '../support/emulation-fixtures';

beforeAll(() => loadParser());

describe('a project that uses pg_net', () => {
  let replay: FixtureReplay;
  beforeAll(async () => {
    replay = await replayEmulationFixture('pg_net');
  });

  it('replays every migration, queued requests included (the DO blocks raise on a wrong result)', () => {
    expect(replay.result.errors).toEqual([]);
    expect(replay.at('dry-run-error')).toEqual([]);
    expect(replay.result.ok).toBe(true);
    // net.http_post is pg_net's, not the http extension's http_post, although both emulations are installed.
    expect(replay.outline()).toEqual([
      { file: '20250303090000_enable_pg_net.sql', status: 'applied', emulated: [] },
      { file: '20250303090100_order_webhooks.sql', status: 'applied', emulated: ['pg_net'] },
      { file: '20250303090200_requests_behave.sql', status: 'applied', emulated: ['pg_net'] },
    ]);
  });

  it('says at the create extension line that pg_net was emulated', () => {
    expect(replay.at('dry-run-extension')).toEqual(['20250303090000_enable_pg_net.sql:1']);
    expect(replay.finding('dry-run-extension', '20250303090000_enable_pg_net.sql')!.message).toContain('emulation of pg_net 0.19.5 (its tables, types and functions; requests are checked and queued, but none is sent and no response arrives)');
  });

  it('labels the trigger function that posts and the view over net._http_response', () => {
    expect(replay.labels('20250303090100_order_webhooks.sql', 8)).toEqual(['pg_net']);
    expect(replay.labels('20250303090100_order_webhooks.sql', 47)).toEqual(['pg_net']);
    expect(replay.labels('20250303090100_order_webhooks.sql', 25)).toEqual([]); // create trigger
  });
});

it('refuses what pg_net refuses, with its message, at the statement that does it', async () => {
  const replay = await replayEmulationFixture('pg_net-rejected', 'last');
  expect(replay.result.ok).toBe(false);
  expect(replay.errors()).toEqual([
    'base 20250314090005_notify.sql:6 function net.http_post(url => unknown, payload => jsonb) does not exist',
    'base 20250314090020_url_without_scheme.sql:1 invalid URL "example.com/status": Bad scheme',
    'new 20250314090100_post_plain_text.sql:2 Content-Type header must be "application/json"',
  ]);
  // A SQL function body is checked against pg_net's signatures: the call inside it is pointed at.
  expect(replay.finding('dry-run-error', '20250314090005_notify.sql')).toMatchObject({ line: 6, column: 10 });
  expect(replay.finding('dry-run-error', '20250314090100_post_plain_text.sql')).toMatchObject({ severity: 'error', line: 2, column: 1 });
});
