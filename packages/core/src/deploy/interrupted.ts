/**
 * Audit rows of attempts that never finished. A deploy inserts its row as `running` once it holds
 * the deploy lock and completes it at the end; a process killed with SIGKILL, or cut off by a
 * server restart, never does. The next deploy or repair that takes the lock knows that no other
 * session holds it, so every row still `running` belongs to a dead attempt: it is closed as
 * `interrupted`, with the versions that attempt applied (each migration adds its version to the
 * row in its own transaction, and gate_applied names the attempt too) and the last moment it is
 * known to have made progress.
 */
import type { Client } from 'pg';
import { APPLIED_TABLE, AUDIT_TABLE, HISTORY_TABLE } from './history';
import type { PartialStatements } from './audit';
import { deployLockHolders } from './lock';

export interface InterruptedAttempt {
  /** gate_audit.id */
  id: number;
  command: string;
  environment: string | null;
  /** `interrupted`, or `running` for a row that no live session owns but that no deploy has closed yet. */
  outcome: 'interrupted' | 'running';
  startedAt: string;
  /** The last moment the attempt is known to have made progress (its last recorded migration, else its start). */
  lastProgressAt: string;
  appliedVersions: string[];
  /** Statements of `-- transaction: none` migrations it committed without finishing the migration. */
  partialStatements: Record<string, PartialStatements>;
  actor: string | null;
  gitSha: string | null;
  applicationName: string | null;
  workflowRunUrl: string | null;
}

const ATTEMPT_COLUMNS = `a.id, a.command, a.environment, a.outcome, to_json(a.started_at) #>> '{}' as started_at,
  to_json(coalesce(a.finished_at, a.started_at)) #>> '{}' as last_progress_at, a.applied_versions, a.partial_statements,
  a.actor, a.git_sha, a.application_name, a.workflow_run_url`;

interface AttemptRow {
  id: string;
  command: string;
  environment: string | null;
  outcome: 'interrupted' | 'running';
  started_at: string;
  last_progress_at: string;
  applied_versions: string[];
  partial_statements: Record<string, PartialStatements> | null;
  actor: string | null;
  git_sha: string | null;
  application_name: string | null;
  workflow_run_url: string | null;
}

function toAttempt(row: AttemptRow): InterruptedAttempt {
  return {
    id: Number(row.id),
    command: row.command,
    environment: row.environment,
    outcome: row.outcome,
    startedAt: row.started_at,
    lastProgressAt: row.last_progress_at,
    appliedVersions: row.applied_versions,
    partialStatements: row.partial_statements ?? {},
    actor: row.actor,
    gitSha: row.git_sha,
    applicationName: row.application_name,
    workflowRunUrl: row.workflow_run_url,
  };
}

/**
 * Closes every `running` row but `ownAuditId` as `interrupted`. Call only while holding the deploy
 * lock: then no live attempt can own such a row. One statement, so it is all or nothing.
 */
export async function closeInterruptedAttempts(client: Client, ownAuditId: number | null): Promise<InterruptedAttempt[]> {
  const { rows } = await client.query<AttemptRow>(
    `with stale as (
       select id from ${AUDIT_TABLE} where outcome = 'running' and id is distinct from $1 for update
     ), recorded as (
       select g.audit_id, array_agg(g.version) as versions, max(g.applied_at) as last_applied_at
         from ${APPLIED_TABLE} g join ${HISTORY_TABLE} h on h.version = g.version
        where g.audit_id in (select id from stale)
        group by g.audit_id
     ), closed as (
       update ${AUDIT_TABLE} a
          set outcome = 'interrupted',
              applied_versions = array(select distinct v from unnest(a.applied_versions || coalesce(r.versions, '{}')) v order by v),
              finished_at = greatest(a.started_at, r.last_applied_at),
              duration_ms = round(extract(epoch from greatest(a.started_at, r.last_applied_at) - a.started_at) * 1000),
              error = concat_ws(E'\\n', a.error, 'Interrupted: the process stopped (killed, or its connection or server went away) before finishing this record. '
                || 'Closed by the deploy of audit row ' || coalesce($1::text, '?') || ' at ' || (to_json(clock_timestamp()) #>> '{}')
                || '; finished_at is the last moment it is known to have made progress.')
         from stale s left join recorded r on r.audit_id = s.id
        where a.id = s.id
        returning a.*
     )
     select ${ATTEMPT_COLUMNS} from closed a order by a.id`,
    [ownAuditId],
  );
  return rows.map(toAttempt);
}

/**
 * Interrupted attempts for `status`: rows closed as `interrupted`, and rows still `running` when
 * no session holds the deploy lock (dead, not closed yet). Reads only; works without the tables.
 */
export async function listInterruptedAttempts(client: Client, limit = 20): Promise<{ attempts: InterruptedAttempt[]; total: number }> {
  const { rows: present } = await client.query(
    `select count(*) = 2 as ok from pg_attribute where attrelid = to_regclass($1) and attname in ('outcome', 'partial_statements') and not attisdropped`,
    [AUDIT_TABLE],
  );
  if (!present[0]?.ok) return { attempts: [], total: 0 };
  const lockFree = (await deployLockHolders(client)).length === 0;
  const outcomes = lockFree ? ['interrupted', 'running'] : ['interrupted'];
  const { rows } = await client.query<AttemptRow & { total: string }>(
    `select ${ATTEMPT_COLUMNS}, count(*) over () as total from ${AUDIT_TABLE} a where a.outcome = any($1) order by a.id desc limit $2`,
    [outcomes, limit],
  );
  return { attempts: rows.map(toAttempt).reverse(), total: rows.length > 0 ? Number(rows[0].total) : 0 };
}

/** One line per attempt, for logs and the terminal. */
export function describeInterruptedAttempt(attempt: InterruptedAttempt): string {
  const who = [attempt.environment && `to ${attempt.environment}`, attempt.actor && `by ${attempt.actor}`, attempt.gitSha && `at ${attempt.gitSha.slice(0, 12)}`].filter(Boolean).join(' ');
  const applied = attempt.appliedVersions.length > 0 ? `it applied ${attempt.appliedVersions.length} migration(s): ${attempt.appliedVersions.join(', ')}` : 'it applied no migration';
  const partial = Object.entries(attempt.partialStatements)
    .filter(([, p]) => p.committed.length > 0)
    .map(([version, p]) => `; "-- transaction: none" migration ${version} ran partially (statements at line(s) ${p.committed.map((c) => c.line).join(', ')} committed, the migration is not applied)`)
    .join('');
  const state = attempt.outcome === 'running' ? 'left "running" by a process that is gone (the next deploy closes it as interrupted)' : 'interrupted';
  return `Audit row ${attempt.id} (${attempt.command} ${who}, started ${attempt.startedAt}, last progress ${attempt.lastProgressAt}) was ${state}: ${applied}${partial}.`;
}
