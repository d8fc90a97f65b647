/**
 * `checkDrift`: are the migrations still a true description of the database? It reads the target
 * (read-only), replays on a throwaway server of the target's major version exactly the files its
 * history says are applied, in the order the Supabase CLI applies them, with the dry-run's
 * Supabase baseline and extension handling, reads the replayed catalog before the server goes,
 * and compares the two. Never throws for expected failures: `status: 'error'` says what happened.
 */
import * as path from 'node:path';
import { isSupportedMajor, SUPPORTED_POSTGRES_MAJORS } from '../db/install';
import { maskSecrets, scrubSecrets, type TlsOptions } from '../db/connection';
import { planMigrations } from '../deploy/plan';
import { discoverMigrations, DEFAULT_MIGRATIONS_DIR } from '../discovery';
import { takeSchemaSnapshot } from '../dry-run/catalog';
import { dryRun } from '../dry-run/run';
import type { DryRunResult } from '../dry-run/types';
import type { SchemaSnapshot } from '../dry-run/schema-diff';
import type { MigrationFile, MigrationSet } from '../model';
import { loadParser } from '../parser';
import { isSupabaseProject } from '../supabase/baseline';
import { draftCapture, type CaptureDraft } from './capture';
import { compareSnapshots, type DriftDifference } from './compare';
import { resolveExclusions } from './exclusions';
import { readTarget, type TargetState } from './target';

export interface DriftCheckOptions {
  databaseUrl: string;
  tls?: TlsOptions;
  connectTimeoutMs?: number;
  /** Folder of migrations (default supabase/migrations); ignored when `migrations` is given. */
  migrationsDir?: string;
  migrations?: MigrationSet;
  displayRoot?: string;
  /** Supabase project (platform schemas and extensions left out, baseline replayed). Default: detected from the folder. */
  supabase?: boolean;
  excludeSchemas?: readonly string[];
  includeSchemas?: readonly string[];
  /** Major version of the replay server; default the target's. */
  postgresVersion?: number;
  /** Replay on a database created on this server instead of an embedded one. */
  shadowDatabaseUrl?: string;
  preamblePath?: string;
  onProgress?: (message: string) => void;
  /** Install SIGINT/SIGTERM handlers for the replay server (default true; a deploy gate passes false). */
  handleSignals?: boolean;
  /** When the capture draft is dated (default now). */
  now?: Date;
}

export type DriftStatus = 'no-drift' | 'drift' | 'error';

export interface ReplayProblem {
  file: string;
  line: number;
  message: string;
}

export interface DriftReport {
  status: DriftStatus;
  /** One paragraph saying what was found. */
  message: string;
  target?: { host: string; port: number; database: string; serverVersion: string };
  replay?: {
    serverVersion: string;
    /** Applied files replayed, in order. */
    files: string[];
    /** Files that failed to replay: differences in what they create may follow from that. */
    failures: ReplayProblem[];
    supabaseBaseline: boolean;
    emulatedExtensions: string[];
  };
  history?: {
    applied: number;
    /** Versions recorded as applied without a local file (not replayed). */
    missingLocal: string[];
    /** Applied files edited since (replayed as they are now). */
    edited: string[];
    /** Local files not applied yet (not replayed). */
    pending: string[];
  };
  excluded: { schemas: string[]; extensions: string[] };
  differences: DriftDifference[];
  notes: string[];
  draft?: CaptureDraft;
  error?: string;
  timings: { targetMs: number; replayMs: number; compareMs: number; totalMs: number };
}

function replayVersion(options: DriftCheckOptions, target: TargetState): number {
  if (options.postgresVersion !== undefined) return options.postgresVersion;
  if (options.shadowDatabaseUrl || isSupportedMajor(target.majorVersion)) return target.majorVersion;
  throw new Error(
    `The target runs PostgreSQL ${target.serverVersion}; the replay server comes in ${SUPPORTED_POSTGRES_MAJORS.join(', ')}. ` +
      'Replaying on another major could report differences that are only the version\'s. Fix: pass a shadow database URL of a server of the same major, or choose the version explicitly.',
  );
}

async function loadSet(options: DriftCheckOptions): Promise<MigrationSet> {
  await loadParser();
  return options.migrations ?? discoverMigrations(options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR, { displayRoot: options.displayRoot });
}

/** Replays `applied` and returns the replayed catalog, or throws when nothing could be read. */
async function replayApplied(applied: MigrationFile[], options: DriftCheckOptions, supabase: boolean, postgresVersion: number | undefined) {
  let replayed: SchemaSnapshot | undefined;
  const result = await dryRun({
    migrations: applied,
    newVersions: [],
    shadowDatabaseUrl: options.shadowDatabaseUrl,
    postgresVersion: options.shadowDatabaseUrl ? undefined : postgresVersion,
    supabaseBaseline: supabase,
    preamblePath: options.preamblePath,
    lockTrace: false,
    handleSignals: options.handleSignals,
    onProgress: options.onProgress,
    inspect: async (client) => {
      replayed = await takeSchemaSnapshot(client, { detail: 'full' });
    },
  });
  if (!replayed) {
    const why = result.errors[0] ? `${result.errors[0].file}:${result.errors[0].line}: ${result.errors[0].message}` : 'the replay stopped early';
    throw new Error(`The migrations could not be replayed, so there is nothing to compare with (${why}).`);
  }
  return { replayed, result };
}

function recordReplay(report: DriftReport, applied: MigrationFile[], result: DryRunResult): void {
  report.replay = {
    serverVersion: result.server.version,
    files: applied.map((m) => m.path),
    failures: result.errors.map((e) => ({ file: e.file, line: e.line, message: e.message })),
    supabaseBaseline: result.supabaseBaseline,
    emulatedExtensions: result.server.emulatedExtensions,
  };
  for (const f of report.replay.failures) report.notes.push(`${f.file}:${f.line} could not be replayed (${f.message}); differences in what it creates may follow from that rather than from a change in the database.`);
}

function summarise(differences: DriftDifference[], target: string): string {
  if (differences.length === 0) return `No drift: ${target} matches what its applied migrations build.`;
  const inDatabase = differences.filter((d) => d.change === 'only-in-database').length;
  const inMigrations = differences.filter((d) => d.change === 'only-in-migrations').length;
  const differ = differences.length - inDatabase - inMigrations;
  return (
    `Drift: ${target} differs from what its applied migrations build in ${differences.length} place(s): ` +
    `${inDatabase} only in the database, ${inMigrations} only in the migrations, ${differ} different. ` +
    'Capture the changes in a new migration (a draft follows), or undo them in the database.'
  );
}

/** The local files the target's history records as applied (what is replayed); the rest goes to the notes. */
function appliedMigrations(set: MigrationSet, target: TargetState, report: DriftReport): MigrationFile[] {
  const plan = planMigrations(set.migrations, target.history.records, { missingLocal: true, changed: true, outOfOrder: true });
  const appliedVersions = new Set(plan.applied.filter((a) => a.file).map((a) => a.version));
  report.history = {
    applied: target.history.records.length,
    missingLocal: plan.applied.filter((a) => a.state === 'missing-local').map((a) => a.version),
    edited: plan.applied.filter((a) => a.state === 'changed').map((a) => a.file!),
    pending: plan.pending.map((p) => p.file),
  };
  for (const version of report.history.missingLocal) report.notes.push(`Version ${version} is recorded as applied but has no file here, so it was not replayed: what it created shows as "exists in the database but in no migration".`);
  for (const file of report.history.edited) report.notes.push(`${file} was edited after it was applied; it was replayed as it is now.`);
  if (report.history.pending.length) report.notes.push(`${report.history.pending.length} migration(s) not applied to this database yet were not replayed.`);
  return set.migrations.filter((m) => appliedVersions.has(m.version));
}

export async function checkDrift(options: DriftCheckOptions): Promise<DriftReport> {
  const secrets = maskSecrets(options.databaseUrl);
  const report = await runCheck(options);
  if (report.error) report.error = scrubSecrets(report.error, secrets);
  report.message = scrubSecrets(report.message, secrets);
  return report;
}

async function runCheck(options: DriftCheckOptions): Promise<DriftReport> {
  const started = performance.now();
  const timings = { targetMs: 0, replayMs: 0, compareMs: 0, totalMs: 0 };
  const report: DriftReport = { status: 'error', message: '', excluded: { schemas: [], extensions: [] }, differences: [], notes: [], timings };
  const fail = (err: unknown): DriftReport => {
    report.status = 'error';
    report.error = (err as Error).message;
    report.message = `The drift check could not run: ${report.error}`;
    timings.totalMs = performance.now() - started;
    return report;
  };
  let set: MigrationSet;
  let target: TargetState;
  try {
    set = await loadSet(options);
    options.onProgress?.('Reading the target database (read-only) ...');
    target = await readTarget(options.databaseUrl, { tls: options.tls, connectTimeoutMs: options.connectTimeoutMs, applicationName: 'migration-gate drift' });
  } catch (err) {
    return fail(err);
  }
  timings.targetMs = performance.now() - started;
  const targetName = `${target.database.name} on ${target.database.host}:${target.database.port}`;
  report.target = { host: target.database.host, port: target.database.port, database: target.database.name, serverVersion: target.serverVersion };

  const applied = appliedMigrations(set, target, report);

  const supabase = options.supabase ?? isSupabaseProject(path.resolve(set.directory));
  const exclusions = resolveExclusions({ supabase, excludeSchemas: options.excludeSchemas, includeSchemas: options.includeSchemas });
  report.excluded = { schemas: exclusions.schemas, extensions: exclusions.extensions };

  const replayStarted = performance.now();
  let replayed: SchemaSnapshot;
  try {
    const outcome = await replayApplied(applied, options, supabase, replayVersion(options, target));
    replayed = outcome.replayed;
    recordReplay(report, applied, outcome.result);
  } catch (err) {
    timings.replayMs = performance.now() - replayStarted;
    return fail(err);
  }
  timings.replayMs = performance.now() - replayStarted;

  const compareStarted = performance.now();
  const comparison = compareSnapshots(replayed, target.snapshot, exclusions);
  report.differences = comparison.differences;
  report.notes.push(...comparison.notes);
  if (report.differences.length > 0) {
    const latestVersion = set.migrations.map((m) => m.version).sort().pop();
    report.draft = draftCapture(report.differences, { latestVersion, now: options.now, database: targetName });
  }
  timings.compareMs = performance.now() - compareStarted;
  report.status = report.differences.length > 0 ? 'drift' : 'no-drift';
  report.message = summarise(report.differences, targetName);
  timings.totalMs = performance.now() - started;
  return report;
}
