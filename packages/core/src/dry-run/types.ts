/**
 * Input and output of the dry-run: plain data, so reporters and the JSON report can use it as is.
 */
import type { Client } from 'pg';
import type { EnsureBinariesOptions } from '../db/install';
import type { Finding, MigrationFile, Severity } from '../model';
import type { ExtensionEmulation } from './emulations/types';
import type { SchemaChange } from './schema-diff';

export interface DryRunOptions {
  /** Every migration of the folder, parsed (discoverMigrations). Order does not matter. */
  migrations: readonly MigrationFile[];
  /** Versions of the pull request's migrations; every other migration is "base", replayed first. */
  newVersions: ReadonlySet<string> | readonly string[];
  /** A server to create the shadow database on; without it an embedded server is started. */
  shadowDatabaseUrl?: string;
  /** Major version of the embedded server: 15, 17 (default) or 18. */
  postgresVersion?: number;
  /** Apply the Supabase baseline first. Default: detected from the migrations' folder. */
  supabaseBaseline?: boolean;
  /** SQL file applied before any migration (after the Supabase baseline), for what the project's database has but its migrations do not create. */
  preamblePath?: string;
  /** Longest a single statement may run; default 60 000. */
  statementTimeoutMs?: number;
  /** Record the locks each statement of a new migration takes on tables that existed before; default true. */
  lockTrace?: boolean;
  /** Aborting cancels the running statement and cleans up; dryRun then rejects with DryRunCancelledError. */
  signal?: AbortSignal;
  /** Install SIGINT/SIGTERM handlers that clean up before the process ends; default true. */
  handleSignals?: boolean;
  /** Binary cache and npm settings for versions that are not installed. */
  install?: Omit<EnsureBinariesOptions, 'postgresVersion'>;
  /** Progress messages (server start, downloads), for a CLI spinner or the action log. */
  onProgress?: (message: string) => void;
  /** Emulations of extensions the server lacks; default: every emulation the tool has. */
  emulations?: readonly ExtensionEmulation[];
  /**
   * Severity of a base (already applied) migration that cannot be replayed: `warning` by default
   * (not the pull request's fault), `error` for a strict check.
   */
  baseFailureSeverity?: Extract<Severity, 'warning' | 'error'>;
  /**
   * Called once every migration was replayed, on the replay session, before the shadow database
   * is removed: for callers that read the replayed database themselves (the drift check).
   */
  inspect?: (client: Client) => Promise<void>;
}

export type ReplayPhase = 'base' | 'new';

export interface DryRunError {
  phase: ReplayPhase | 'preamble';
  file: string;
  /** Migration version (null for the preamble). */
  version: string | null;
  statementIndex: number;
  line: number;
  column: number;
  /** Postgres's message, detail, hint and SQLSTATE. */
  message: string;
  detail?: string;
  hint?: string;
  code?: string;
  /** Postgres's context line (e.g. "PL/pgSQL function inline_code_block line 3 at RAISE"). */
  where?: string;
  /** The statement was stopped by the statement timeout. */
  timedOut: boolean;
}

/** A relation lock a statement took on a table or view that existed before the new migrations. */
export interface TracedLock {
  /** schema.name */
  relation: string;
  relationKind: 'table' | 'partitioned table' | 'materialized view' | 'view' | 'foreign table';
  /** As in the docs: `ACCESS EXCLUSIVE`, `SHARE`, ... (the strongest this statement acquired). */
  mode: LockModeName;
  /** The table got new storage (a full rewrite, or TRUNCATE). */
  rewritten: boolean;
  /** The statement dropped it. */
  dropped: boolean;
}

export type LockModeName =
  | 'ACCESS SHARE'
  | 'ROW SHARE'
  | 'ROW EXCLUSIVE'
  | 'SHARE UPDATE EXCLUSIVE'
  | 'SHARE'
  | 'SHARE ROW EXCLUSIVE'
  | 'EXCLUSIVE'
  | 'ACCESS EXCLUSIVE';

export interface StatementReplay {
  statementIndex: number;
  line: number;
  column: number;
  /** Parser node type, e.g. AlterTableStmt. */
  kind: string;
  /** First line of the statement, shortened. */
  excerpt: string;
  durationMs: number;
  /** Emulated extensions whose objects the statement touches: its behaviour there is emulated. */
  emulated?: string[];
  /** Locks newly acquired by this statement on pre-existing relations (transactional new migrations only). */
  locks?: TracedLock[];
  /** From the start of this statement until the migration committed: how long its locks were held. */
  heldUntilCommitMs?: number;
}

export type MigrationReplayStatus = 'applied' | 'failed' | 'not-replayed';

/**
 * How the file was sent: `push` as `supabase db push` sends it (one batch, the file's own
 * transaction control honoured), `engine` as the deploy engine applies a new migration (one
 * transaction, statement by statement, locks traced), `autocommit` for `-- transaction: none`.
 */
export type ReplayMode = 'push' | 'engine' | 'autocommit';

export interface MigrationReplay {
  file: string;
  version: string | null;
  phase: ReplayPhase;
  transactional: boolean;
  /** How it was replayed (absent when it was not). */
  mode?: ReplayMode;
  status: MigrationReplayStatus;
  /** Why it was not replayed (status not-replayed). */
  reason?: string;
  durationMs: number;
  /** Per statement, for new migrations. */
  statements: StatementReplay[];
  /** Emulated extensions its statements touched. */
  emulated?: string[];
  /** It failed after its own COMMIT at this line: what came before stays applied (push mode). */
  committedThroughLine?: number;
  /** Its BEGIN at this line is never committed in the file (push mode). */
  unclosedBeginLine?: number;
}

export interface DryRunTimings {
  /** Finding or downloading server binaries. */
  installMs: number;
  /** initdb + start of the embedded server, or CREATE DATABASE on a provided one. */
  serverStartMs: number;
  /** Supabase baseline and user preamble. */
  baselineMs: number;
  baseReplayMs: number;
  newReplayMs: number;
  /** Part of newReplayMs spent reading pg_locks / pg_class for the lock trace. */
  lockTracingMs: number;
  /** Both catalog snapshots for the schema diff. */
  schemaSnapshotMs: number;
  /** Dropping the database / stopping the server. */
  cleanupMs: number;
  totalMs: number;
}

export interface DryRunResult {
  /**
   * No new migration (nor the preamble) failed, and something was replayed when there were
   * migrations to replay. Base failures are warnings and do not count.
   */
  ok: boolean;
  /** dry-run-error, dry-run-access-exclusive and dry-run-rewrite findings, ready for the report. */
  findings: Finding[];
  errors: DryRunError[];
  migrations: MigrationReplay[];
  /** New migrations that were not replayed, with the reason (an earlier failure, unparsable SQL, ...). */
  notReplayed: { file: string; version: string | null; reason: string }[];
  /** What the new migrations change; empty when no new migration applied. */
  schemaChanges: SchemaChange[];
  /** false when a new migration failed: the changes are those of the migrations before it. */
  schemaChangesComplete: boolean;
  server: {
    kind: 'embedded' | 'url';
    majorVersion: number;
    version: string;
    /** The shadow database's name (dropped, or its server stopped, when dryRun returns). */
    database: string;
    /** The embedded server's data folder (removed when dryRun returns). */
    dataDir?: string;
    binarySource?: string;
    /** Who the migrations ran as. */
    replayRole: string;
    /** Extensions the server lacks that an emulation stood in for (embedded server). */
    emulatedExtensions: string[];
    /** Extensions nobody knows, replayed as empty stand-ins. */
    standInExtensions: string[];
  };
  supabaseBaseline: boolean;
  preamble?: string;
  timings: DryRunTimings;
}
