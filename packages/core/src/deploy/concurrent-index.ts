/**
 * CREATE [UNIQUE] INDEX CONCURRENTLY commits its catalog entry before it builds, so a build that
 * fails (a duplicate key, a deadlock) or is cancelled (statement timeout, pg_cancel_backend)
 * leaves an INVALID index behind: never used by queries, still maintained on every write, and in
 * the way of the next attempt ("already exists"; with IF NOT EXISTS it is silently skipped and
 * stays invalid). So after every such statement, failed or not, the engine reads
 * pg_index.indisvalid / indisready of the index it was building:
 *
 * - an invalid index that did not exist before the statement was created by this attempt and is
 *   dropped again (DROP INDEX CONCURRENTLY), so the file can simply run again;
 * - an invalid index that existed before (an earlier failed attempt, or made by hand) is not ours
 *   to drop: it is named with the exact DROP INDEX CONCURRENTLY statement to run.
 *
 * Either way the migration fails and is not recorded as applied.
 */
import { escapeIdentifier, type Client } from 'pg';
import type { Statement } from '../model';

export interface ConcurrentIndexTarget {
  /** The table as written in the statement, quoted for to_regclass (resolved with the session's search_path, like the statement). */
  table: string;
  /** The index name as written; undefined when Postgres picks one. */
  indexName?: string;
}

interface IndexState {
  oid: string;
  /** Schema-qualified and quoted, ready for DROP INDEX. */
  qualifiedName: string;
  name: string;
  valid: boolean;
  ready: boolean;
}

export interface InvalidIndex {
  name: string;
  /** pg_index.indisready: false when the build stopped before the index was even maintained on writes. */
  ready: boolean;
  /** The index did not exist before the statement ran. */
  createdByThisAttempt: boolean;
  dropped: boolean;
  /** What to run by hand when it was not dropped. */
  dropStatement: string;
  /** Why the engine's own drop failed. */
  dropError?: string;
}

/** The index a `CREATE [UNIQUE] INDEX CONCURRENTLY` statement builds; undefined for any other statement. */
export function concurrentIndexTarget(statement: Statement): ConcurrentIndexTarget | undefined {
  if (statement.kind !== 'IndexStmt' || statement.node?.concurrent !== true) return undefined;
  const relation = statement.node.relation as { schemaname?: string; relname: string } | undefined;
  if (!relation?.relname) return undefined;
  const table = relation.schemaname ? `${escapeIdentifier(relation.schemaname)}.${escapeIdentifier(relation.relname)}` : escapeIdentifier(relation.relname);
  return { table, ...(statement.node.idxname ? { indexName: statement.node.idxname as string } : {}) };
}

/** Every index of the target's table (none when the table does not exist). */
export async function indexesOf(client: Client, target: ConcurrentIndexTarget): Promise<IndexState[]> {
  const { rows } = await client.query<{ oid: string; qualified_name: string; name: string; valid: boolean; ready: boolean }>(
    `select i.indexrelid::int8::text as oid, format('%I.%I', n.nspname, c.relname) as qualified_name, c.relname as name,
            i.indisvalid as valid, i.indisready as ready
       from pg_index i
       join pg_class c on c.oid = i.indexrelid
       join pg_namespace n on n.oid = c.relnamespace
      where i.indrelid = to_regclass($1)`,
    [target.table],
  );
  return rows.map((r) => ({ oid: r.oid, qualifiedName: r.qualified_name, name: r.name, valid: r.valid, ready: r.ready }));
}

/** The statement's index (by name, else the ones that appeared) when it is invalid. */
function invalidCandidates(target: ConcurrentIndexTarget, before: readonly IndexState[], after: readonly IndexState[]): { index: IndexState; created: boolean }[] {
  const existed = new Set(before.map((i) => i.oid));
  const candidates = target.indexName ? after.filter((i) => i.name === target.indexName) : after.filter((i) => !existed.has(i.oid));
  return candidates.filter((i) => !i.valid).map((index) => ({ index, created: !existed.has(index.oid) }));
}

async function dropOwnIndex(client: Client, index: IndexState): Promise<string | undefined> {
  try {
    await client.query(`drop index concurrently if exists ${index.qualifiedName}`);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

/**
 * After the statement ran (or failed): the invalid index it left, dropped when this attempt
 * created it. `before` is `indexesOf` taken just before the statement.
 */
export async function settleInvalidIndexes(client: Client, target: ConcurrentIndexTarget, before: readonly IndexState[]): Promise<InvalidIndex[]> {
  const settled: InvalidIndex[] = [];
  for (const { index, created } of invalidCandidates(target, before, await indexesOf(client, target))) {
    const dropError = created ? await dropOwnIndex(client, index) : undefined;
    settled.push({
      name: index.qualifiedName,
      ready: index.ready,
      createdByThisAttempt: created,
      dropped: created && dropError === undefined,
      dropStatement: `DROP INDEX CONCURRENTLY ${index.qualifiedName};`,
      ...(dropError !== undefined ? { dropError } : {}),
    });
  }
  return settled;
}

/** One sentence per invalid index: what happened to it and, when it is still there, what to run. */
export function describeInvalidIndexes(indexes: readonly InvalidIndex[]): string {
  return indexes
    .map((i) => {
      const flags = `pg_index.indisvalid = false${i.ready ? '' : ', indisready = false'}`;
      if (i.dropped) return `The concurrent build left the INVALID index ${i.name} (${flags}); this deploy had created it and dropped it again, so nothing of that statement remains.`;
      if (i.createdByThisAttempt) return `The concurrent build left the INVALID index ${i.name} (${flags}) and dropping it failed (${i.dropError}): run "${i.dropStatement}" before deploying again.`;
      return `The index ${i.name} is INVALID (${flags}) and existed before this deploy (an earlier failed build, or made by hand), so it was left in place: run "${i.dropStatement}" before deploying again.`;
    })
    .join(' ');
}
