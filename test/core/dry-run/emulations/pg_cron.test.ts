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
    replay = await replayEmulationFixture('pg_cron');
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
    expect(replay.finding('dry-run-extension', '20250302090000_enable_cron.sql')!.message).toContain('emulation of pg_cron 1.6 (its tables and functions; jobs are recorded in cron.job and schedules checked as pg_cron checks them, but no job runs)');
  });

  it('labels cron.schedule calls, functions and views over cron tables, not the plain table', () => {
    expect(replay.labels('20250302090100_cleanup_jobs.sql', 1)).toEqual([]);
    expect(replay.labels('20250302090100_cleanup_jobs.sql', 6)).toEqual(['pg_cron']);
    expect(replay.labels('20250302090100_cleanup_jobs.sql', 17)).toEqual(['pg_cron']);
    expect(replay.labels('20250302090100_cleanup_jobs.sql', 40)).toEqual(['pg_cron']);
  });
});

it('refuses what pg_cron and Supabase refuse, with their messages, at the statement that does it', async () => {
  const replay = await replayEmulationFixture('pg_cron-rejected', 'last');
  expect(replay.result.ok).toBe(false);
  expect(replay.errors()).toEqual([
    'base 20250312085900_enable_cron_elsewhere.sql:2 extension "pg_cron" must be installed in schema "pg_catalog"',
    'base 20250312090010_insert_job_directly.sql:2 permission denied for table job',
    "base 20250312090020_unschedule_unknown_job.sql:1 could not find valid entry for job 'never-scheduled'",
    'base 20250312090030_alter_job_username.sql:3 must be superuser to alter username',
    'new 20250312090100_nightly_report.sql:4 invalid schedule: 0 25 * * *',
  ]);
  const error = replay.finding('dry-run-error', '20250312090100_nightly_report.sql')!;
  expect(error).toMatchObject({ severity: 'error', line: 4, column: 1 });
  expect(error.hint).toContain("Use cron format (e.g. 5 4 * * *), or interval format '[1-59] seconds'");
});
