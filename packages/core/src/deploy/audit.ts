/**
 * The audit record of one deploy (or repair) attempt: kept in `supabase_migrations.gate_audit`
 * and returned as plain JSON for the job summary. The row is inserted as "running" once the
 * deploy holds the lock, so it exists even if the process is killed, and updated at the end
 * outside any migration transaction, so a failed migration never takes its audit row with it.
 */
import * as os from 'node:os';
import type { Client } from 'pg';
import { AUDIT_TABLE } from './history';

/** Who and what started the attempt; the action fills this from the workflow run. */
export interface AuditContext {
  /** e.g. "staging", "production". */
  environment?: string;
  /** The commit whose files were deployed (the checked-out HEAD). */
  gitSha?: string;
  /** The commit the workflow ran for (GITHUB_SHA), when it differs from gitSha: an override of another ref. */
  workflowSha?: string;
  actor?: string;
  workflowRunUrl?: string;
  /** What started it: "push", "workflow_dispatch", "cli", ... */
  trigger?: string;
  /** Set when gates were bypassed on purpose; the reason is required. */
  override?: { reason: string; bypassedGates?: string[] };
  /** Approvals that let the deploy through (any JSON: reviewers, timestamps, ...). */
  approvers?: unknown[];
  /** What the drift check found before applying (set by the drift gate). */
  drift?: DriftAudit;
}

/** The schema drift check of one deploy, as recorded in the audit row (`drift` column). */
export interface DriftAudit {
  /** The deploy's `drift` setting. */
  mode: 'fail' | 'warn' | 'off';
  /** `not-checked`: off, or nothing to apply. */
  status: 'no-drift' | 'drift' | 'error' | 'not-checked';
  differences: number;
  /** The differences (or the error), one line each, at most 50. */
  summary: string[];
  /** The emergency override let the deploy through despite it. */
  bypassed: boolean;
}

export type DeployOutcome =
  | 'applied'
  | 'up-to-date'
  | 'failed'
  | 'refused'
  | 'lock-unavailable'
  | 'connection-failed'
  | 'dry-run-passed'
  | 'dry-run-failed';

/** `interrupted`: the process stopped without finishing its row; the next deploy under the lock closed it. */
export type AuditOutcome = DeployOutcome | 'running' | 'repaired' | 'interrupted';

/** Statements of a `-- transaction: none` migration that committed although the migration is not applied. */
export interface PartialStatements {
  /** sha256 of the file as it ran. */
  checksum: string;
  committed: { index: number; line: number }[];
}

export interface RestorePoint {
  /** Server clock just before the first change. */
  serverTime: string;
  /** pg_current_wal_lsn() at that moment; null when the role may not read it or the server is a replica. */
  walLsn: string | null;
  note?: string;
}

export interface AuditRecord {
  /** gate_audit.id; null when the row could not be written. */
  id: number | null;
  /** Whether the row is in gate_audit. */
  recorded: boolean;
  /** Why it is not, when it is not. */
  recordError?: string;
  command: 'deploy' | 'repair';
  environment: string | null;
  outcome: AuditOutcome;
  database: { host: string; port: number; name: string; user: string };
  applicationName: string;
  /** Versions the attempt set out to apply (or repair). */
  versions: string[];
  appliedVersions: string[];
  /** sha256 of each attempted file. */
  checksums: Record<string, string>;
  error: string | null;
  durationMs: number;
  lockWaitMs: number;
  migrationDurations: Record<string, number>;
  /** By version: statements of `-- transaction: none` migrations that took effect without the migration being applied. */
  partialStatements: Record<string, PartialStatements>;
  gitSha: string | null;
  workflowSha: string | null;
  actor: string | null;
  workflowRunUrl: string | null;
  trigger: string | null;
  override: boolean;
  overrideReason: string | null;
  bypassedGates: string[];
  approvers: unknown[];
  restorePoint: RestorePoint | null;
  drift: DriftAudit | null;
  clientHost: string;
  toolVersion: string;
  startedAt: string;
  finishedAt: string | null;
}

export function newAuditRecord(init: {
  command: AuditRecord['command'];
  context: AuditContext;
  database: AuditRecord['database'];
  applicationName: string;
  toolVersion: string;
  startedAt: Date;
}): AuditRecord {
  const { context } = init;
  return {
    id: null,
    recorded: false,
    command: init.command,
    environment: context.environment ?? null,
    outcome: 'running',
    database: init.database,
    applicationName: init.applicationName,
    versions: [],
    appliedVersions: [],
    checksums: {},
    error: null,
    durationMs: 0,
    lockWaitMs: 0,
    migrationDurations: {},
    partialStatements: {},
    gitSha: context.gitSha ?? null,
    workflowSha: context.workflowSha && context.workflowSha !== context.gitSha ? context.workflowSha : null,
    actor: context.actor ?? null,
    workflowRunUrl: context.workflowRunUrl ?? null,
    trigger: context.trigger ?? null,
    override: !!context.override,
    overrideReason: context.override?.reason ?? null,
    bypassedGates: context.override?.bypassedGates ?? [],
    approvers: context.approvers ?? [],
    restorePoint: null,
    drift: context.drift ?? null,
    clientHost: os.hostname(),
    toolVersion: init.toolVersion,
    startedAt: init.startedAt.toISOString(),
    finishedAt: null,
  };
}

export async function captureRestorePoint(client: Client): Promise<RestorePoint> {
  const { rows } = await client.query(`select to_json(clock_timestamp()) #>> '{}' as server_time`);
  const serverTime: string = rows[0].server_time;
  try {
    const lsn = await client.query(`select pg_current_wal_lsn()::text as lsn`);
    return { serverTime, walLsn: lsn.rows[0].lsn };
  } catch (err) {
    return { serverTime, walLsn: null, note: `pg_current_wal_lsn() is not available: ${(err as Error).message}` };
  }
}

function rowValues(record: AuditRecord): unknown[] {
  return [
    record.command,
    record.environment,
    record.outcome,
    record.versions,
    record.appliedVersions,
    JSON.stringify(record.checksums),
    record.error,
    Math.round(record.durationMs),
    Math.round(record.lockWaitMs),
    JSON.stringify(record.migrationDurations),
    record.gitSha,
    record.actor,
    record.workflowRunUrl,
    record.trigger,
    record.override,
    record.overrideReason,
    record.bypassedGates,
    JSON.stringify(record.approvers),
    record.restorePoint?.serverTime ?? null,
    record.restorePoint?.walLsn ?? null,
    record.applicationName,
    record.clientHost,
    record.toolVersion,
    record.startedAt,
    record.finishedAt,
    record.workflowSha,
    JSON.stringify(record.partialStatements),
    record.drift === null ? null : JSON.stringify(record.drift),
  ];
}

const COLUMNS = [
  'command',
  'environment',
  'outcome',
  'versions',
  'applied_versions',
  'checksums',
  'error',
  'duration_ms',
  'lock_wait_ms',
  'migration_durations',
  'git_sha',
  'actor',
  'workflow_run_url',
  'trigger',
  'override',
  'override_reason',
  'bypassed_gates',
  'approvers',
  'restore_point_time',
  'restore_point_lsn',
  'application_name',
  'client_host',
  'tool_version',
  'started_at',
  'finished_at',
  'workflow_sha',
  'partial_statements',
  'drift',
];

/**
 * Inserts the row (first call) or updates it (later calls), each as its own autocommitted statement.
 * An update keeps every applied version the row already holds: each migration adds its version in
 * its own transaction, so after a connection dropped during COMMIT the row knows better than this
 * process whether that migration is applied. The record takes the merged list back.
 */
export async function writeAuditRow(client: Client, record: AuditRecord): Promise<void> {
  const values = rowValues(record);
  if (record.id === null) {
    const placeholders = COLUMNS.map((_, i) => `$${i + 1}`).join(', ');
    const { rows } = await client.query(`insert into ${AUDIT_TABLE} (${COLUMNS.join(', ')}) values (${placeholders}) returning id`, values);
    record.id = Number(rows[0].id);
  } else {
    const appliedIndex = COLUMNS.indexOf('applied_versions') + 1;
    const assignments = COLUMNS.map((c, i) =>
      c === 'applied_versions' ? `${c} = array(select distinct v from unnest(applied_versions || $${appliedIndex}::text[]) v order by v)` : `${c} = $${i + 1}`,
    ).join(', ');
    const { rows } = await client.query(`update ${AUDIT_TABLE} set ${assignments} where id = $${COLUMNS.length + 1} returning applied_versions`, [...values, record.id]);
    if (rows[0]) record.appliedVersions = rows[0].applied_versions;
  }
  record.recorded = true;
  delete record.recordError;
}

export async function auditTableExists(client: Client): Promise<boolean> {
  const { rows } = await client.query(`select to_regclass($1) is not null as present`, [AUDIT_TABLE]);
  return rows[0].present === true;
}
