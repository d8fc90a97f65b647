/**
 * Lock tracing. A transactional migration runs statement by statement inside one transaction;
 * after each statement the dry-run reads its own backend's relation locks from pg_locks. Locks
 * are only released at commit, so the locks a statement took are those present now and absent
 * before it. Only relations that existed before the new migrations count (what production
 * traffic uses); new objects and system catalogs are ignored. Comparing pg_class.relfilenode
 * before and after tells whether the statement gave a table new storage (a rewrite).
 */
import type { Client } from 'pg';
import type { Statement } from '../model';
import type { LockModeName, TracedLock } from './types';

/** pg_locks spells modes like `AccessExclusiveLock`; weakest first. */
const LOCK_MODES: [string, LockModeName][] = [
  ['AccessShareLock', 'ACCESS SHARE'],
  ['RowShareLock', 'ROW SHARE'],
  ['RowExclusiveLock', 'ROW EXCLUSIVE'],
  ['ShareUpdateExclusiveLock', 'SHARE UPDATE EXCLUSIVE'],
  ['ShareLock', 'SHARE'],
  ['ShareRowExclusiveLock', 'SHARE ROW EXCLUSIVE'],
  ['ExclusiveLock', 'EXCLUSIVE'],
  ['AccessExclusiveLock', 'ACCESS EXCLUSIVE'],
];
const MODE_NAMES = new Map(LOCK_MODES);
const MODE_STRENGTH = new Map(LOCK_MODES.map(([raw], i) => [raw, i]));

export function lockModeName(pgLocksMode: string): LockModeName | undefined {
  return MODE_NAMES.get(pgLocksMode);
}

const RELATION_KINDS: Record<string, TracedLock['relationKind']> = {
  r: 'table',
  p: 'partitioned table',
  m: 'materialized view',
  v: 'view',
  f: 'foreign table',
};

export interface ExistingRelation {
  name: string;
  kind: TracedLock['relationKind'];
  relfilenode: number;
}

/** oid → relation, for every user table and view that exists now. */
export type RelationMap = Map<number, ExistingRelation>;

const USER_SCHEMA_FILTER = "n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp\\_%'";

export async function readExistingRelations(client: Client): Promise<RelationMap> {
  const { rows } = await client.query<{ oid: number; nspname: string; relname: string; relkind: string; relfilenode: number }>(
    `select c.oid::int as oid, n.nspname, c.relname, c.relkind::text as relkind, c.relfilenode::int as relfilenode
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p', 'm', 'v', 'f') and ${USER_SCHEMA_FILTER}`,
  );
  const map: RelationMap = new Map();
  for (const row of rows) map.set(row.oid, { name: `${row.nspname}.${row.relname}`, kind: RELATION_KINDS[row.relkind], relfilenode: row.relfilenode });
  return map;
}

/** Brings `existing` up to date after statements that were not traced (non-transactional migrations). */
export async function refreshExistingRelations(client: Client, existing: RelationMap): Promise<void> {
  const now = await readExistingRelations(client);
  for (const [oid, relation] of existing) {
    const current = now.get(oid);
    if (current) relation.relfilenode = current.relfilenode;
    else existing.delete(oid);
  }
}

export interface HeldLock {
  oid: number;
  mode: string;
  /** Current relfilenode; null when the relation was dropped in this transaction. */
  relfilenode: number | null;
}

/**
 * The locks this backend holds on `existing` relations, with each one's current relfilenode. A left
 * join, because a relation dropped in this transaction has no visible pg_class row any more but
 * its lock is still held. Only the relations that existed before are asked for: a long migration
 * holds locks on everything it created, and reading all of them after every statement made lock
 * tracing quadratic in the migration's length.
 */
export async function readHeldLocks(client: Client, existing: RelationMap): Promise<HeldLock[]> {
  const { rows } = await client.query<{ oid: number; mode: string; relfilenode: number | null }>(
    `select l.relation::int as oid, l.mode, c.relfilenode::int as relfilenode
       from pg_locks l left join pg_class c on c.oid = l.relation
      where l.pid = pg_backend_pid() and l.locktype = 'relation' and l.granted
        and l.database = (select oid from pg_database where datname = current_database())
        and l.relation = any($1::oid[])`,
    [[...existing.keys()]],
  );
  return rows;
}

function strongestHeld(locks: readonly HeldLock[], oid: number): HeldLock | undefined {
  let found: HeldLock | undefined;
  for (const lock of locks) {
    if (lock.oid !== oid || !MODE_STRENGTH.has(lock.mode)) continue;
    if (!found || MODE_STRENGTH.get(lock.mode)! > MODE_STRENGTH.get(found.mode)!) found = lock;
  }
  return found;
}

/**
 * What one statement did to pre-existing relations, given the locks held before and after it.
 * `existing` is updated with new relfilenodes, so the next statement compares against them.
 */
export function locksTakenByStatement(before: readonly HeldLock[], after: readonly HeldLock[], existing: RelationMap): TracedLock[] {
  const heldBefore = new Set(before.map((l) => `${l.oid}:${l.mode}`));
  const strongest = new Map<number, HeldLock>();
  for (const lock of after) {
    if (!existing.has(lock.oid) || heldBefore.has(`${lock.oid}:${lock.mode}`) || !MODE_STRENGTH.has(lock.mode)) continue;
    const current = strongest.get(lock.oid);
    if (!current || MODE_STRENGTH.get(lock.mode)! > MODE_STRENGTH.get(current.mode)!) strongest.set(lock.oid, lock);
  }
  // A rewrite needs a lock, but the lock may have been taken by an earlier statement: report
  // the strongest one held.
  const rewrittenUnderHeldLock = new Map<number, HeldLock>();
  for (const lock of after) {
    const relation = existing.get(lock.oid);
    if (!relation || strongest.has(lock.oid) || lock.relfilenode === relation.relfilenode || !MODE_STRENGTH.has(lock.mode)) continue;
    const current = rewrittenUnderHeldLock.get(lock.oid);
    if (!current || MODE_STRENGTH.get(lock.mode)! > MODE_STRENGTH.get(current.mode)!) rewrittenUnderHeldLock.set(lock.oid, lock);
  }
  for (const [oid, lock] of rewrittenUnderHeldLock) strongest.set(oid, lock);
  const traced: TracedLock[] = [];
  for (const [oid, lock] of strongest) {
    const relation = existing.get(oid)!;
    const dropped = lock.relfilenode === null;
    // Partitioned tables and views have no storage (relfilenode 0): nothing to rewrite.
    const rewritten = !dropped && relation.relfilenode !== 0 && lock.relfilenode !== relation.relfilenode;
    if (rewritten) relation.relfilenode = lock.relfilenode!;
    // A rewrite happens under the strongest lock held, even when an earlier statement took it and
    // this one only added a weaker lock (e.g. SHARE to rebuild an index).
    const mode = rewritten ? (strongestHeld(after, oid) ?? lock).mode : lock.mode;
    // Gone for the statements after this one.
    if (dropped) existing.delete(oid);
    traced.push({ relation: relation.name, relationKind: relation.kind, mode: lockModeName(mode)!, rewritten, dropped });
  }
  return traced.sort((a, b) => a.relation.localeCompare(b.relation));
}

/**
 * Statements that run code or name their targets without a relation reference in the tree
 * (DROP/COMMENT take name lists; DO, SELECT and DML run functions and triggers): always traced.
 */
const ALWAYS_TRACED = new Set([
  'DropStmt', 'CommentStmt', 'SecLabelStmt', 'DoStmt', 'SelectStmt', 'CallStmt', 'InsertStmt', 'UpdateStmt', 'DeleteStmt', 'MergeStmt',
  'CopyStmt', 'TruncateStmt', 'VacuumStmt', 'ClusterStmt', 'ReindexStmt', 'LockStmt', 'RefreshMatViewStmt', 'AlterObjectSchemaStmt',
  'ExplainStmt', 'CreateTableAsStmt', 'RuleStmt', 'CreateExtensionStmt', 'AlterExtensionStmt', 'AlterExtensionContentsStmt',
  'AlterTableMoveAllStmt', 'ExecuteStmt', 'PrepareStmt',
  // A SQL-language body is analysed at creation, which locks the relations it reads.
  'CreateFunctionStmt',
]);

/** Names a statement may use for the relations that existed before: `schema.name`, and the bare name where the default search_path finds it. */
export interface RelationNames {
  qualified: ReadonlySet<string>;
  bare: ReadonlySet<string>;
}

/**
 * A RangeVar in libpg-query's JSON: wrapped as `{ RangeVar: {...} }` in lists of nodes, bare where
 * the field's type is known (`IndexStmt.relation`); either way an object with a `relname`.
 */
function mentionsRelation(node: unknown, names: RelationNames): boolean {
  if (Array.isArray(node)) return node.some((child) => mentionsRelation(child, names));
  if (!node || typeof node !== 'object') return false;
  const { schemaname, relname } = node as { schemaname?: unknown; relname?: unknown };
  if (typeof relname === 'string' && (typeof schemaname === 'string' ? names.qualified.has(`${schemaname}.${relname}`) : names.bare.has(relname))) return true;
  return Object.values(node).some((child) => mentionsRelation(child, names));
}

/**
 * Whether a statement may lock a relation that existed before the new migrations: it runs code,
 * names its targets by lists of names (DROP, COMMENT), or its tree names one of those relations.
 * Tracing every statement costs a read of the whole lock table each time; a long migration that
 * mostly creates new objects is replayed without it, with the same findings.
 */
export function mayLockExisting(statement: Statement, names: RelationNames): boolean {
  if (ALWAYS_TRACED.has(statement.kind) || mentionsRelation(statement.node, names)) return true;
  // ALTER TABLE of a new table still locks the tables its constraints point at when it drops or
  // rebuilds them (DROP CONSTRAINT, DROP COLUMN, ALTER COLUMN TYPE, ...): only a few commands never do.
  if (statement.kind === 'AlterTableStmt') {
    return (statement.node?.cmds ?? []).some((cmd: any) => !ALTER_TABLE_COMMANDS_WITHOUT_OTHER_TABLES.has(cmd?.AlterTableCmd?.subtype));
  }
  return false;
}

/** ALTER TABLE commands that touch no relation but the one altered (and those their tree names). */
const ALTER_TABLE_COMMANDS_WITHOUT_OTHER_TABLES = new Set([
  'AT_ChangeOwner', 'AT_EnableRowSecurity', 'AT_DisableRowSecurity', 'AT_ForceRowSecurity', 'AT_NoForceRowSecurity', 'AT_AddColumn',
  'AT_ColumnDefault', 'AT_SetNotNull', 'AT_DropNotNull', 'AT_AddConstraint', 'AT_SetStatistics', 'AT_SetStorage', 'AT_SetOptions',
  'AT_ResetOptions', 'AT_SetRelOptions', 'AT_ResetRelOptions', 'AT_ReplicaIdentity', 'AT_AddIdentity', 'AT_SetIdentity', 'AT_DropIdentity',
  'AT_EnableTrig', 'AT_DisableTrig', 'AT_EnableAlwaysTrig', 'AT_EnableReplicaTrig', 'AT_EnableTrigAll', 'AT_DisableTrigAll', 'AT_EnableTrigUser',
  'AT_DisableTrigUser', 'AT_ClusterOn', 'AT_DropCluster', 'AT_SetLogged', 'AT_SetUnLogged',
]);

/** Schemas an unqualified name may resolve to without a `set search_path` (Supabase's default path, and plain PostgreSQL's). */
const DEFAULT_PATH_SCHEMAS = new Set(['public', 'extensions']);

/**
 * The names under which a statement can reach the relations in `existing`. `searchPathChanged`:
 * the migration sets its own search_path, so a bare name may mean a relation in any schema.
 */
export function relationNames(existing: RelationMap, searchPathChanged = false): RelationNames {
  const qualified = new Set<string>();
  const bare = new Set<string>();
  for (const { name } of existing.values()) {
    qualified.add(name);
    const dot = name.indexOf('.');
    if (searchPathChanged || DEFAULT_PATH_SCHEMAS.has(name.slice(0, dot))) bare.add(name.slice(dot + 1));
  }
  return { qualified, bare };
}
