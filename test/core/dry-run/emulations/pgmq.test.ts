/**
 * The pgmq emulation: queues created, fed and drained by migrations on the dry-run's embedded
 * server, with pgmq 1.5.1's signatures (fixtures: test/fixtures/dry-run/emulations/pgmq).
 */
import { loadParser } from '../../../../packages/core/src/parser';
import { replayEmulationFixture, type FixtureReplay } from '../support/emulation-fixtures';

beforeAll(() => loadParser());

describe('a project that uses pgmq', () => {
  let replay: FixtureReplay;
  beforeAll(async () => {
    replay = await replayEmulationFixture('pgmq');
  });

  it('replays every migration, queue behaviour included (the DO blocks raise on a wrong result)', () => {
    expect(replay.result.errors).toEqual([]);
    expect(replay.at('dry-run-error')).toEqual([]);
    expect(replay.result.ok).toBe(true);
    expect(replay.result.server.emulatedExtensions).toContain('pgmq');
    expect(replay.outline()).toEqual([
      { file: '20250301090000_enable_queues.sql', status: 'applied', emulated: [] },
      { file: '20250301090100_create_queues.sql', status: 'applied', emulated: ['pgmq'] },
      { file: '20250301090200_queue_api.sql', status: 'applied', emulated: ['pgmq'] },
      { file: '20250301090300_queues_behave.sql', status: 'applied', emulated: ['pgmq'] },
    ]);
  });

  it('says at the create extension line that pgmq was emulated', () => {
    expect(replay.at('dry-run-extension')).toEqual(['20250301090000_enable_queues.sql:3']);
    const notice = replay.finding('dry-run-extension', '20250301090000_enable_queues.sql')!;
    expect(notice.message).toContain('emulation of pgmq 1.5.1 (its functions and types; queues work on real tables, but partitioned queues get no pg_partman ranges or retention)');
    expect(notice.message).not.toContain('without their behaviour');
  });

  it('labels the statements that reach pgmq and only those', () => {
    expect(replay.labels('20250301090100_create_queues.sql', 1)).toEqual(['pgmq']);
    // Grants on the queue tables: the migration's role owns them, as on Supabase (pgmq is not a superuser extension).
    expect(replay.labels('20250301090100_create_queues.sql', 9)).toEqual(['pgmq']);
    expect(replay.labels('20250301090200_queue_api.sql', 48)).toEqual([]); // create table public.signups
  });
});

it('refuses what pgmq refuses, with its message, at the statement that does it', async () => {
  const replay = await replayEmulationFixture('pgmq-rejected', 'last');
  expect(replay.result.ok).toBe(false);
  expect(replay.errors()).toEqual([
    'base 20250311090005_enqueue_text.sql:6 function pgmq.send(unknown, text) does not exist',
    'base 20250311090010_send_to_unknown_queue.sql:2 relation "pgmq.q_never_created" does not exist',
    'base 20250311090030_queue_name_too_long.sql:1 queue name is too long, maximum length is 48 characters',
    'new 20250311090100_partitioned_without_partman.sql:2 pg_partman is required for partitioned queues',
  ]);
  // A SQL function body is checked against pgmq's signatures: the call inside it is pointed at.
  expect(replay.finding('dry-run-error', '20250311090005_enqueue_text.sql')).toMatchObject({ line: 6, column: 17 });
  expect(replay.finding('dry-run-error', '20250311090100_partitioned_without_partman.sql')).toMatchObject({ severity: 'error', line: 2, column: 1 });
});
