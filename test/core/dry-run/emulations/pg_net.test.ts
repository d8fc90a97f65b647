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
    replay = await replayEmulationFixture('pg_net', 'accepted');
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
  });

  it('labels the trigger function that posts and the view over net._http_response', () => {
    expect(replay.labels('20250303090100_order_webhooks.sql', 8)).toEqual(['pg_net']);
    expect(replay.labels('20250303090100_order_webhooks.sql', 47)).toEqual(['pg_net']);
    expect(replay.labels('20250303090100_order_webhooks.sql', 25)).toEqual([]); // create trigger
  });
});

it('refuses a call with an argument pg_net does not have, at the call in the function body', async () => {
  const replay = await replayEmulationFixture('pg_net', 'rejected');
  expect(replay.outline().map((m) => m.status)).toEqual(['applied', 'failed']);
  const error = replay.finding('dry-run-error', '20250314090100_notify.sql')!;
  expect(error).toMatchObject({ severity: 'error', line: 6, column: 10 });
  expect(error.message).toContain('function net.http_post(url => unknown, payload => jsonb) does not exist');
});
