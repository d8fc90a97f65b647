/**
 * `-- transaction: none` migrations commit statement by statement, so a failure (or a killed
 * process) can leave some of their statements in effect while the migration stays pending. The
 * deploy's audit row keeps, per such migration, which statements committed (written after each
 * one), and a later attempt at the same migration reads that back: it warns before running the
 * file again from statement 1, and when that fails ("already exists") it says which statements an
 * earlier attempt left in effect instead of guessing.
 */
import type { Client } from 'pg';
import type { PartialStatements } from './audit';
import { AUDIT_TABLE } from './history';

export interface EarlierPartialAttempt {
  auditId: number;
  startedAt: string;
  /** Outcome of that attempt (`failed`, `interrupted`, ...). */
  outcome: string;
  partial: PartialStatements;
}

/** Saves the row's partial_statements (the caller has updated `partial` in memory first). */
export async function savePartialStatements(client: Client, auditId: number, partial: Record<string, PartialStatements>): Promise<void> {
  await client.query(`update ${AUDIT_TABLE} set partial_statements = $1 where id = $2`, [JSON.stringify(partial), auditId]);
}

/**
 * Earlier attempts (other than `ownAuditId`) whose committed statements of `version` are still in
 * effect: every attempt since the version was last applied, oldest first. Empty when none.
 */
export async function earlierPartialAttempts(client: Client, version: string, ownAuditId: number | null): Promise<EarlierPartialAttempt[]> {
  const { rows } = await client.query<{ id: string; started_at: string; outcome: string; partial: PartialStatements }>(
    `select id, to_json(started_at) #>> '{}' as started_at, outcome, partial_statements -> $1 as partial
       from ${AUDIT_TABLE}
      where partial_statements ? $1 and jsonb_array_length(partial_statements -> $1 -> 'committed') > 0
        and id is distinct from $2
        and id > coalesce((select max(id) from ${AUDIT_TABLE} where $1 = any(applied_versions)), 0)
      order by id`,
    [version, ownAuditId],
  );
  return rows.map((r) => ({ auditId: Number(r.id), startedAt: r.started_at, outcome: r.outcome, partial: r.partial }));
}

/** "audit row 12 (failed, started ...) committed the statements at lines 2, 4" for each attempt, joined. */
export function describeEarlierAttempts(attempts: readonly EarlierPartialAttempt[], currentChecksum: string): string {
  return attempts
    .map((a) => {
      const lines = a.partial.committed.map((c) => c.line).join(', ');
      const edited = a.partial.checksum !== currentChecksum ? ' of the file as it was then (it has been edited since)' : '';
      return `audit row ${a.auditId} (${a.outcome}, started ${a.startedAt}) committed the statement(s) at line(s) ${lines}${edited}`;
    })
    .join('; ');
}
