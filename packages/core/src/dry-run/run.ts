/**
 * The dry-run: replay the migrations on a throwaway database and report what happened.
 *
 *   1. shadow database: an embedded server shaped like the platform (see platform/), or a fresh
 *      database on a provided server
 *   2. Supabase baseline, then the user's preamble
 *   3. base migrations (applied history), as `supabase db push` sent them; failures are warnings
 *   4. new migrations, as the deploy engine applies them, with the locks each statement takes
 *   5. schema diff between the catalog before and after the new migrations
 *
 * Everything it creates is removed in `finally`, including when the run is aborted or the
 * process receives SIGINT/SIGTERM.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { openShadowDatabase, type ShadowDatabase } from '../db/shadow';
import type { Finding, MigrationFile, Statement } from '../model';
import { loadParser, parseSql } from '../parser';
import { isSupabaseProject, SUPABASE_DATABASE_SQL, SUPABASE_BASELINE_EXTENSIONS, SUPABASE_ROLES, SUPABASE_ROLES_SQL } from '../supabase/baseline';
import { DryRunCancelledError, trapTerminationSignals, type SignalTrap } from './cancellation';
import { takeSchemaSnapshot } from './catalog';
import { EXTENSION_EMULATIONS } from './emulations';
import { EmulationMatcher } from './emulations/touches';
import type { ExtensionEmulation, StatementRewrite } from './emulations/types';
import { errorFinding, extensionFindings, lockFinding, replayNoteFindings } from './findings';
import { readExistingRelations, type RelationMap } from './locks';
import { eventTriggerFindings, skipEventTrigger } from './platform/event-triggers';
import { createReplayRole, grantSupabaseReplayRole, planPlatform, replayUrl, type PlatformPlan } from './platform';
import { replayMigration, toDryRunError, type ReplayContext } from './replay';
import { diffSchemaSnapshots, type SchemaChange } from './schema-diff';
import { ReplaySession, StatementFailure } from './session';
import type { DryRunError, DryRunOptions, DryRunResult, DryRunTimings, MigrationReplay } from './types';

export const DEFAULT_STATEMENT_TIMEOUT_MS = 60_000;

function isRetryableCatalogRace(err: unknown): boolean {
  const code = (err as { code?: string }).code;
  return code === '23505' || code === 'XX000' || code === '40001' || code === '40P01';
}

async function applySupabaseBaseline(client: Client): Promise<void> {
  // Roles are server-wide: concurrent runs on one provided server race to create them.
  for (let attempt = 1; ; attempt++) {
    try {
      await client.query(SUPABASE_ROLES_SQL);
      break;
    } catch (err) {
      if (attempt < 5 && isRetryableCatalogRace(err)) continue;
      const message = (err as Error).message;
      throw new Error(
        `The Supabase baseline could not create its roles on the shadow server: ${message}. ` +
          'Fix: give the shadowDatabaseUrl user CREATEROLE (or create the roles anon, authenticated, service_role, authenticator once), or turn the Supabase baseline off.',
      );
    }
  }
  try {
    await client.query(SUPABASE_DATABASE_SQL);
  } catch (err) {
    throw new Error(`The Supabase baseline could not be applied to the shadow database: ${(err as Error).message}`);
  }
}

/** The superuser (embedded) or provided connection sets up roles and the baseline before any migration runs. */
async function prepareDatabase(shadow: ShadowDatabase, platform: PlatformPlan | undefined, supabaseBaseline: boolean): Promise<void> {
  const admin = new Client({ connectionString: shadow.url, application_name: 'migration-gate-baseline' });
  admin.on('error', () => undefined);
  await admin.connect();
  try {
    if (platform) await createReplayRole(admin, platform, shadow.majorVersion);
    if (supabaseBaseline) {
      // Roles are server-wide: on a provided server, drop again the ones this run adds.
      const roleNames = SUPABASE_ROLES.map((r) => r.name);
      const existing = async () => new Set((await admin.query<{ rolname: string }>('select rolname from pg_roles where rolname = any($1)', [roleNames])).rows.map((r) => r.rolname));
      const before = await existing();
      await applySupabaseBaseline(admin);
      const after = await existing();
      shadow.dropRolesOnDispose(roleNames.filter((name) => after.has(name) && !before.has(name)));
    }
    if (platform && supabaseBaseline) await grantSupabaseReplayRole(admin, shadow.majorVersion);
  } finally {
    await admin.end().catch(() => undefined);
  }
}

/** Applies the user's preamble statement by statement, as the replay role, so an error points at its line. */
async function applyPreamble(session: ReplaySession, preamblePath: string): Promise<DryRunError | undefined> {
  const display = path.relative(process.cwd(), path.resolve(preamblePath)).split(path.sep).join('/') || preamblePath;
  let text: string;
  try {
    text = await fs.readFile(preamblePath, 'utf8');
  } catch (err) {
    throw new Error(`Cannot read the dry-run preamble ${display}: ${(err as Error).message}`);
  }
  const parsed = parseSql(text);
  if (parsed.error) {
    return { phase: 'preamble', file: display, version: null, statementIndex: 0, line: parsed.error.line, column: parsed.error.column, message: parsed.error.message, timedOut: false };
  }
  let current: Statement | undefined;
  try {
    await session.execute('begin');
    for (const statement of parsed.statements) {
      current = statement;
      await session.execute(statement.text);
    }
    await session.execute('commit');
  } catch (err) {
    await session.rollback();
    if (!(err instanceof StatementFailure) || !current) throw err;
    return toDryRunError('preamble', display, null, text, current, err);
  }
  return undefined;
}

function timingsSkeleton(): DryRunTimings {
  return { installMs: 0, serverStartMs: 0, baselineMs: 0, baseReplayMs: 0, newReplayMs: 0, lockTracingMs: 0, schemaSnapshotMs: 0, cleanupMs: 0, totalMs: 0 };
}

function notReplayedEntry(migration: MigrationFile, phase: MigrationReplay['phase'], reason: string): MigrationReplay {
  return { file: migration.path, version: migration.version, phase, transactional: migration.directives.transactional, status: 'not-replayed', reason, durationMs: 0, statements: [] };
}

/** The emulations' rewrites, and on the platform's server the event-trigger skip. */
function rewriterOf(emulations: readonly ExtensionEmulation[], onPlatform: boolean): (statement: Statement) => StatementRewrite | undefined {
  const rewriters = [...(onPlatform ? [skipEventTrigger] : []), ...emulations.filter((e) => e.rewriteStatement).map((e) => (s: Statement) => e.rewriteStatement!(s))];
  return (statement) => {
    for (const rewriter of rewriters) {
      const rewrite = rewriter(statement);
      if (rewrite) return rewrite;
    }
    return undefined;
  };
}

/** The run's mutable record, filled phase by phase. */
interface RunState {
  errors: DryRunError[];
  migrations: MigrationReplay[];
  notReplayed: DryRunResult['notReplayed'];
  findings: Finding[];
  /** Files that failed or could not be replayed so far: a later "does not exist" may follow from them. */
  earlierFailures: string[];
  /** Extensions replayed as empty stand-ins. */
  standIns: readonly string[];
}

async function replayBase(base: MigrationFile[], context: ReplayContext, state: RunState, options: DryRunOptions, statementTimeoutMs: number): Promise<void> {
  for (const migration of base) {
    if (!migration.parsed) {
      state.migrations.push(notReplayedEntry(migration, 'base', 'its SQL does not parse (see the syntax error)'));
      state.earlierFailures.push(migration.fileName);
      continue;
    }
    const outcome = await replayMigration(migration, context);
    state.migrations.push(outcome.replay);
    if (outcome.error) {
      state.errors.push(outcome.error);
      const committedThroughLine = outcome.replay.committedThroughLine;
      state.findings.push(errorFinding(outcome.error, statementTimeoutMs, [], { earlierFailures: state.earlierFailures, standIns: state.standIns, baseSeverity: options.baseFailureSeverity, committedThroughLine }));
      state.earlierFailures.push(migration.fileName);
    }
  }
}

/**
 * Replays the new migrations in order. A deploy stops at the first one that fails; the files after
 * it are still replayed (without its changes), so that the report shows their own problems too.
 */
async function replayNew(fresh: MigrationFile[], context: ReplayContext, state: RunState, statementTimeoutMs: number): Promise<{ applied: number; failedAt?: number; lockTracingMs: number }> {
  let applied = 0;
  let lockTracingMs = 0;
  let failedAt: number | undefined;
  for (let i = 0; i < fresh.length; i++) {
    const migration = fresh[i];
    const stopper = failedAt === undefined ? undefined : fresh[failedAt];
    if (!migration.parsed) {
      state.notReplayed.push({ file: migration.path, version: migration.version, reason: 'its SQL does not parse (see the syntax error)' });
      state.migrations.push(notReplayedEntry(migration, 'new', 'syntax error'));
      state.earlierFailures.push(migration.fileName);
      failedAt ??= i;
      continue;
    }
    const outcome = await replayMigration(migration, context);
    lockTracingMs += outcome.lockTracingMs;
    state.migrations.push(outcome.replay);
    if (outcome.error) {
      state.errors.push(outcome.error);
      const committedThroughLine = outcome.replay.committedThroughLine;
      const later = fresh.slice(i + 1).map((m) => m.fileName);
      state.findings.push(
        errorFinding(outcome.error, statementTimeoutMs, [], {
          earlierFailures: state.earlierFailures,
          standIns: state.standIns,
          committedThroughLine,
          ...(stopper ? { afterStop: stopper.fileName } : { replayedAfter: later }),
        }),
      );
      state.earlierFailures.push(migration.fileName);
      failedAt ??= i;
      continue;
    }
    // A failed migration rolled back: its locks were never held in a deploy that fails the same way.
    for (const statement of outcome.replay.statements) {
      const finding = lockFinding(migration.path, statement);
      if (finding) state.findings.push(finding);
    }
    applied++;
  }
  return { applied, failedAt, lockTracingMs };
}

/** What a run holds open; dryRun's `finally` closes whatever was opened, however far the run got. */
interface RunResources {
  shadow?: ShadowDatabase;
  session?: ReplaySession;
}

/** The throwaway database, ready for migrations: server or database, roles, baseline, replay session. */
async function openReplay(options: DryRunOptions, plan: RunPlan, resources: RunResources, timings: DryRunTimings, signal: AbortSignal) {
  options.onProgress?.(options.shadowDatabaseUrl ? 'Creating the shadow database ...' : 'Starting a throwaway PostgreSQL server ...');
  const shadow = await openShadowDatabase({
    shadowDatabaseUrl: options.shadowDatabaseUrl,
    postgresVersion: options.postgresVersion,
    install: { onInstall: options.onProgress, ...options.install },
    ...plan.platform?.shadow,
  });
  resources.shadow = shadow;
  timings.installMs = shadow.timings.installMs;
  timings.serverStartMs = shadow.timings.serverStartMs + shadow.timings.createDatabaseMs;
  options.onProgress?.(
    shadow.kind === 'url' ? `Shadow database ${shadow.databaseName} created (PostgreSQL ${shadow.serverVersion}).` : `PostgreSQL ${shadow.serverVersion} started (data in ${shadow.dataDir}).`,
  );
  if (signal.aborted) throw signal.reason;

  const baselineStarted = performance.now();
  await prepareDatabase(shadow, plan.platform, plan.supabaseBaseline);
  timings.baselineMs = performance.now() - baselineStarted;
  const distribution = plan.platform?.distribution();
  // Emulations that can be in this database: those the migrations create and those the baseline pre-installs.
  const installable = new Set([...(plan.platform?.requested ?? []).map((r) => r.name), ...(plan.supabaseBaseline ? SUPABASE_BASELINE_EXTENSIONS.map((e) => e.name) : [])]);
  const activeEmulations = plan.emulations.filter((e) => distribution?.emulated.includes(e.name) && installable.has(e.name));
  const session = await ReplaySession.open({
    url: plan.platform ? replayUrl(shadow.url, plan.platform.replayPassword) : shadow.url,
    statementTimeoutMs: plan.statementTimeoutMs,
    signal,
    cancelBackend: (pid) => shadow.cancelBackend(pid),
  });
  resources.session = session;
  const server: DryRunResult['server'] = {
    kind: shadow.kind,
    majorVersion: shadow.majorVersion,
    version: shadow.serverVersion,
    database: shadow.databaseName,
    ...(shadow.dataDir ? { dataDir: shadow.dataDir } : {}),
    ...(shadow.binarySource ? { binarySource: shadow.binarySource } : {}),
    replayRole: plan.platform ? 'postgres (not a superuser, as on Supabase)' : 'the shadowDatabaseUrl user',
    emulatedExtensions: distribution?.emulated ?? [],
    standInExtensions: distribution?.standIns ?? [],
  };
  return { session, distribution, activeEmulations, server };
}

/** What a run decided before it starts: the options resolved once. */
interface RunPlan {
  statementTimeoutMs: number;
  newVersions: Set<string>;
  supabaseBaseline: boolean;
  emulations: readonly ExtensionEmulation[];
  /** The platform's server (embedded); a provided server is used as it is: its user, its extensions. */
  platform?: PlatformPlan;
}

function planRun(options: DryRunOptions): RunPlan {
  const firstDir = options.migrations[0] ? path.dirname(options.migrations[0].absolutePath) : undefined;
  const emulations = options.emulations ?? EXTENSION_EMULATIONS;
  return {
    statementTimeoutMs: options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS,
    newVersions: new Set(options.newVersions),
    supabaseBaseline: options.supabaseBaseline ?? (firstDir !== undefined && isSupabaseProject(firstDir)),
    emulations,
    platform: options.shadowDatabaseUrl ? undefined : planPlatform(options.migrations, emulations),
  };
}

/** Every migration is reported as not replayed, the preamble's failure as the reason. */
function reportPreambleFailure(error: DryRunError, options: DryRunOptions, plan: RunPlan, state: RunState): void {
  state.errors.push(error);
  state.findings.push(errorFinding(error, plan.statementTimeoutMs, []));
  for (const m of options.migrations) {
    state.notReplayed.push({ file: m.path, version: m.version, reason: 'the dry-run preamble failed' });
    state.migrations.push(notReplayedEntry(m, plan.newVersions.has(m.version) ? 'new' : 'base', 'the dry-run preamble failed'));
  }
}

/** Base files, then the new ones with lock tracing, then what the new ones changed. */
async function replayFolder(options: DryRunOptions, plan: RunPlan, context: ReplayContext, state: RunState, timings: DryRunTimings) {
  const { session } = context;
  // File-name order: the order `supabase db push` and the deploy engine apply them in.
  const ordered = [...options.migrations].sort((a, b) => Buffer.compare(Buffer.from(a.fileName), Buffer.from(b.fileName)));
  const base = ordered.filter((m) => !plan.newVersions.has(m.version));
  const fresh = ordered.filter((m) => plan.newVersions.has(m.version));

  const baseStarted = performance.now();
  await replayBase(base, context, state, options, plan.statementTimeoutMs);
  timings.baseReplayMs = performance.now() - baseStarted;

  const snapshotStarted = performance.now();
  const before = await session.internal(takeSchemaSnapshot);
  timings.schemaSnapshotMs += performance.now() - snapshotStarted;
  let existing: RelationMap | undefined;
  if (options.lockTrace ?? true) {
    const traceStarted = performance.now();
    existing = await session.internal(readExistingRelations);
    timings.lockTracingMs += performance.now() - traceStarted;
  }

  const newStarted = performance.now();
  const outcome = await replayNew(fresh, { ...context, phase: 'new', existing }, state, plan.statementTimeoutMs);
  timings.lockTracingMs += outcome.lockTracingMs;
  timings.newReplayMs = performance.now() - newStarted;

  let schemaChanges: SchemaChange[] = [];
  if (outcome.applied > 0 || (outcome.failedAt !== undefined && !fresh[outcome.failedAt].directives.transactional)) {
    const afterStarted = performance.now();
    const after = await session.internal(takeSchemaSnapshot);
    schemaChanges = diffSchemaSnapshots(before, after);
    timings.schemaSnapshotMs += performance.now() - afterStarted;
  }
  return { fresh, schemaChanges, complete: outcome.failedAt === undefined };
}

/**
 * Replays `options.migrations` on a throwaway database: base migrations first, then the new
 * ones (`options.newVersions`) with lock tracing, and reports failures, locks and schema changes.
 * Throws for problems of the environment (no server, no binaries, no privileges), with the fix
 * in the message; problems of the migrations come back as findings.
 */
export async function dryRun(options: DryRunOptions): Promise<DryRunResult> {
  const started = performance.now();
  const timings = timingsSkeleton();
  const plan = planRun(options);

  const abort = new AbortController();
  const forwardAbort = () => abort.abort(new DryRunCancelledError(String(options.signal?.reason ?? 'aborted')));
  if (options.signal?.aborted) forwardAbort();
  options.signal?.addEventListener('abort', forwardAbort);
  const trap: SignalTrap | undefined = options.handleSignals === false ? undefined : trapTerminationSignals((signal) => abort.abort(new DryRunCancelledError(`received ${signal}`)));

  const resources: RunResources = {};
  try {
    await loadParser();
    const { session, distribution, activeEmulations, server } = await openReplay(options, plan, resources, timings, abort.signal);
    const state: RunState = { errors: [], migrations: [], notReplayed: [], findings: [], earlierFailures: [], standIns: distribution?.standIns ?? [] };
    const result = (schemaChanges: SchemaChange[], schemaChangesComplete: boolean): DryRunResult => ({
      ok: !state.errors.some((e) => e.phase !== 'base') && (state.migrations.some((m) => m.status === 'applied') || options.migrations.length === 0),
      findings: state.findings,
      errors: state.errors,
      migrations: state.migrations,
      notReplayed: state.notReplayed,
      schemaChanges,
      schemaChangesComplete,
      server,
      supabaseBaseline: plan.supabaseBaseline,
      ...(options.preamblePath ? { preamble: options.preamblePath } : {}),
      timings,
    });

    const preambleStarted = performance.now();
    const preambleError = options.preamblePath ? await applyPreamble(session, options.preamblePath) : undefined;
    timings.baselineMs += performance.now() - preambleStarted;
    if (preambleError) {
      reportPreambleFailure(preambleError, options, plan, state);
      return result([], false);
    }

    const context: ReplayContext = { session, phase: 'base', rewrite: rewriterOf(activeEmulations, plan.platform !== undefined), emulations: new EmulationMatcher(activeEmulations) };
    const { fresh, schemaChanges, complete } = await replayFolder(options, plan, context, state, timings);
    state.findings.push(...replayNoteFindings(state.migrations), ...extensionFindings(fresh, distribution, activeEmulations), ...(plan.platform ? eventTriggerFindings(fresh) : []));
    if (options.inspect) await session.internal(options.inspect);
    return result(schemaChanges, complete);
  } catch (err) {
    if (abort.signal.aborted) throw abort.signal.reason;
    throw err;
  } finally {
    const cleanupStarted = performance.now();
    await resources.session?.close();
    await resources.shadow?.dispose();
    timings.cleanupMs = performance.now() - cleanupStarted;
    timings.totalMs = performance.now() - started;
    options.signal?.removeEventListener('abort', forwardAbort);
    trap?.release();
  }
}
