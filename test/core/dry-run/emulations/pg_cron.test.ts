/**
 * The pg_cron emulation: jobs scheduled, changed and removed by migrations, schedules checked
 * as pg_cron's parser checks them (fixtures: test/fixtures/dry-run/emulations/pg_cron).
 */
import { loadParser } from '../../../../packages/core/src/parser';
import { replayEmulationFixture, type FixtureReplay } from '../support/emulation-fixtures';

beforeAll(() => loadParser());

describe('a project that uses pg_cron', () => {
  let replay: FixtureReplay;
  beforeAll(async () => {
    replay = await replayEmulationFixture('pg_cron', 'accepted');
  });

  it('replays every migration, job bookkeeping and schedule checks included (the DO blocks raise on a wrong result)', () => {
    expect(replay.result.errors).toEqual([]);
    expect(replay.at('dry-run-error')).toEqual([]);
    expect(replay.result.ok).toBe(true);
    expect(replay.outline()).toEqual([
      { file: '20250302090000_enable_cron.sql', status: 'applied', emulated: [] },
      { file: '20250302090100_cleanup_jobs.sql', status: 'applied', emulated: ['pg_cron'] },
      { file: '20250302090200_jobs_behave.sql', status: 'applied', emulated: ['pg_cron'] },
    ]);
  });

  it('says at the create extension line that pg_cron was emulated', () => {
    expect(replay.at('dry-run-extension')).toEqual(['20250302090000_enable_cron.sql:2']);
  });

  it('labels cron.schedule calls, functions and views over cron tables, not the plain table', () => {
    expect(replay.labels('20250302090100_cleanup_jobs.sql', 1)).toEqual([]);
    expect(replay.labels('20250302090100_cleanup_jobs.sql', 6)).toEqual(['pg_cron']);
    expect(replay.labels('20250302090100_cleanup_jobs.sql', 17)).toEqual(['pg_cron']);
    expect(replay.labels('20250302090100_cleanup_jobs.sql', 40)).toEqual(['pg_cron']);
  });
});

it('refuses a schedule pg_cron cannot parse, at the cron.schedule call', async () => {
  const replay = await replayEmulationFixture('pg_cron', 'rejected');
  expect(replay.outline().map((m) => m.status)).toEqual(['applied', 'failed']);
  const error = replay.finding('dry-run-error', '20250312090100_nightly_report.sql')!;
  expect(error).toMatchObject({ severity: 'error', line: 4, column: 1 });
  expect(error.message).toContain('invalid schedule: 0 25 * * *');
  expect(error.hint).toContain("Use cron format (e.g. 5 4 * * *), or interval format '[1-59] seconds'");
});

it('refuses pg_cron in any schema but pg_catalog, as its control file does', async () => {
  const replay = await replayEmulationFixture('pg_cron', 'wrong-schema');
  const error = replay.finding('dry-run-error', '20250313090000_enable_cron.sql')!;
  expect(error).toMatchObject({ severity: 'error', line: 2 });
  expect(error.message).toContain('extension "pg_cron" must be installed in schema "pg_catalog"');
});
