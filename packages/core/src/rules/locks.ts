/**
 * Which table-level locks a statement takes, following PostgreSQL's lock table
 * (https://www.postgresql.org/docs/current/explicit-locking.html). Only the locks that matter to
 * concurrent traffic are modelled; catalog-only statements return nothing.
 */
import type { Statement } from '../model';
import type { SchemaState } from './schema-state';
import { qualifiedFromParts, relationName, strings, type PgNode } from './sql';

/** PostgreSQL's table lock modes, weakest first; the numbers are the server's own (LockStmt.mode). */
export const LockLevel = {
  AccessShare: 1,
  RowShare: 2,
  RowExclusive: 3,
  ShareUpdateExclusive: 4,
  Share: 5,
  ShareRowExclusive: 6,
  Exclusive: 7,
  AccessExclusive: 8,
} as const;
export type LockLevel = (typeof LockLevel)[keyof typeof LockLevel];

const LOCK_NAMES: Record<number, string> = {
  1: 'ACCESS SHARE',
  2: 'ROW SHARE',
  3: 'ROW EXCLUSIVE',
  4: 'SHARE UPDATE EXCLUSIVE',
  5: 'SHARE',
  6: 'SHARE ROW EXCLUSIVE',
  7: 'EXCLUSIVE',
  8: 'ACCESS EXCLUSIVE',
};

export function lockName(level: number): string {
  return LOCK_NAMES[level] ?? `lock mode ${level}`;
}

/** "a SHARE lock", "an ACCESS EXCLUSIVE lock". */
export function aLock(level: number): string {
  const name = lockName(level);
  return `${/^[AEIOU]/.test(name) ? 'an' : 'a'} ${name} lock`;
}

/** SHARE and stronger conflict with ROW EXCLUSIVE: writers wait, and so does everyone queued behind. */
export function blocksWrites(level: number): boolean {
  return level >= LockLevel.Share;
}

export interface RelationLock {
  /** Qualified table name, or the index name when the index's table is unknown (see `unresolvedIndex`). */
  relation: string;
  /** `relation` names an index whose table the migrations never showed. */
  unresolvedIndex?: boolean;
  level: LockLevel;
  /** Not created earlier in the migration being walked, so it may hold data and serve traffic. */
  existing: boolean;
  /** `referenced`: locked only because a new foreign key points at it. */
  role: 'target' | 'referenced';
  /** Byte offset of the reference in the file, when the parser recorded it. */
  location?: number;
}

/** ALTER TABLE subcommands that take less than ACCESS EXCLUSIVE (AlterTableGetLockLevel in tablecmds.c). */
const ALTER_TABLE_LOCK_LEVELS: Record<string, LockLevel> = {
  AT_ValidateConstraint: LockLevel.ShareUpdateExclusive,
  AT_SetStatistics: LockLevel.ShareUpdateExclusive,
  AT_ClusterOn: LockLevel.ShareUpdateExclusive,
  AT_DropCluster: LockLevel.ShareUpdateExclusive,
  AT_SetOptions: LockLevel.ShareUpdateExclusive,
  AT_ResetOptions: LockLevel.ShareUpdateExclusive,
  AT_SetRelOptions: LockLevel.ShareUpdateExclusive,
  AT_ResetRelOptions: LockLevel.ShareUpdateExclusive,
  AT_AttachPartition: LockLevel.ShareUpdateExclusive,
  AT_DetachPartitionFinalize: LockLevel.ShareUpdateExclusive,
  AT_EnableTrig: LockLevel.ShareRowExclusive,
  AT_EnableAlwaysTrig: LockLevel.ShareRowExclusive,
  AT_EnableReplicaTrig: LockLevel.ShareRowExclusive,
  AT_EnableTrigAll: LockLevel.ShareRowExclusive,
  AT_EnableTrigUser: LockLevel.ShareRowExclusive,
  AT_DisableTrig: LockLevel.ShareRowExclusive,
  AT_DisableTrigAll: LockLevel.ShareRowExclusive,
  AT_DisableTrigUser: LockLevel.ShareRowExclusive,
};

/** Foreign keys lock the referenced table too, in SHARE ROW EXCLUSIVE, to install their triggers. */
function referencedTables(constraints: PgNode[] | undefined): PgNode[] {
  const tables: PgNode[] = [];
  for (const item of constraints ?? []) {
    const constraint = item.Constraint;
    if (constraint?.contype === 'CONSTR_FOREIGN' && constraint.pktable) tables.push(constraint.pktable);
  }
  return tables;
}

interface LockedRangeVar {
  rangeVar: PgNode;
  level: LockLevel;
  role: RelationLock['role'];
}

function alterTableLocks(node: PgNode): LockedRangeVar[] {
  let level: LockLevel = LockLevel.AccessShare;
  const locks: LockedRangeVar[] = [{ rangeVar: node.relation, level, role: 'target' }];
  for (const item of node.cmds ?? []) {
    const cmd = item.AlterTableCmd;
    if (!cmd) continue;
    const subtype: string = cmd.subtype;
    const def = cmd.def;
    let cmdLevel: LockLevel = ALTER_TABLE_LOCK_LEVELS[subtype] ?? LockLevel.AccessExclusive;
    const constraint = def?.Constraint;
    if (subtype === 'AT_AddConstraint' && constraint?.contype === 'CONSTR_FOREIGN') cmdLevel = LockLevel.ShareRowExclusive;
    if (subtype === 'AT_DetachPartition' && def?.PartitionCmd?.concurrent) cmdLevel = LockLevel.ShareUpdateExclusive;
    if (subtype === 'AT_AttachPartition' && def?.PartitionCmd?.name) locks.push({ rangeVar: def.PartitionCmd.name, level: LockLevel.AccessExclusive, role: 'target' });
    const foreignKeys = constraint ? referencedTables([def]) : def?.ColumnDef?.constraints ? referencedTables(def.ColumnDef.constraints) : [];
    for (const pktable of foreignKeys) locks.push({ rangeVar: pktable, level: LockLevel.ShareRowExclusive, role: 'referenced' });
    if (cmdLevel > level) level = cmdLevel;
  }
  locks[0].level = level;
  return locks;
}

/** The table named by a `List` of name parts whose last part is a dependent object (policy, trigger). */
function ownerTableOf(objectList: PgNode): string | undefined {
  const parts = strings(objectList?.List?.items);
  return parts.length >= 2 ? qualifiedFromParts(parts.slice(0, -1)) : undefined;
}

/** The statement kinds `relationLocks` knows locks for; every other kind takes none it models. */
export const LOCKING_STATEMENT_KINDS: readonly string[] = [
  'AlterTableStmt',
  'CreateStmt',
  'IndexStmt',
  'DropStmt',
  'RenameStmt',
  'AlterObjectSchemaStmt',
  'TruncateStmt',
  'LockStmt',
  'CreatePolicyStmt',
  'AlterPolicyStmt',
  'CreateTrigStmt',
  'VacuumStmt',
  'ClusterStmt',
  'ReindexStmt',
];

const LOCKING_KINDS: ReadonlySet<string> = new Set(LOCKING_STATEMENT_KINDS);
const NO_LOCKS: RelationLock[] = [];

/** The table locks that `statement` takes (DDL, maintenance and explicit LOCK), strongest per subcommand list. */
export function relationLocks(statement: Statement, state: SchemaState): RelationLock[] {
  // Most statements of a migration (functions, comments, grants, data) lock no table this models.
  if (!LOCKING_KINDS.has(statement.kind)) return NO_LOCKS;
  const node = statement.node;
  const onTable = (rangeVar: PgNode, level: LockLevel, role: RelationLock['role'] = 'target'): RelationLock => {
    const relation = relationName(rangeVar);
    return { relation, level, existing: state.isExistingTable(relation), role, location: rangeVar.location };
  };
  const onIndex = (indexName: string, level: LockLevel, location?: number): RelationLock => {
    const table = state.index(indexName)?.table;
    const existing = !state.indexCreatedInCurrentMigration(indexName) && (table === undefined || state.isExistingTable(table));
    return table ? { relation: table, level, existing, role: 'target', location } : { relation: indexName, unresolvedIndex: true, level, existing, role: 'target', location };
  };
  switch (statement.kind) {
    case 'AlterTableStmt':
      if (node.objtype !== 'OBJECT_TABLE') return [];
      return alterTableLocks(node).map(({ rangeVar, level, role }) => onTable(rangeVar, level, role));
    case 'CreateStmt':
      return (node.tableElts ?? [])
        .flatMap((element: PgNode) => (element.Constraint ? referencedTables([element]) : referencedTables(element.ColumnDef?.constraints)))
        .map((pktable: PgNode) => onTable(pktable, LockLevel.ShareRowExclusive, 'referenced'));
    case 'IndexStmt':
      return [onTable(node.relation, node.concurrent ? LockLevel.ShareUpdateExclusive : LockLevel.Share)];
    case 'DropStmt': {
      const objects: PgNode[] = node.objects ?? [];
      switch (node.removeType) {
        case 'OBJECT_TABLE':
          return objects.map((o) => {
            const relation = qualifiedFromParts(strings(o.List?.items));
            return { relation, level: LockLevel.AccessExclusive, existing: state.isExistingTable(relation), role: 'target' as const };
          });
        case 'OBJECT_INDEX':
          return objects
            .map((o) => qualifiedFromParts(strings(o.List?.items)))
            // DROP INDEX IF EXISTS of an index already gone (e.g. with its table) does nothing.
            .filter((name) => !(node.missing_ok && state.indexIsGone(name)))
            .map((name) => onIndex(name, node.concurrent ? LockLevel.ShareUpdateExclusive : LockLevel.AccessExclusive));
        case 'OBJECT_POLICY':
        case 'OBJECT_TRIGGER':
        case 'OBJECT_RULE':
          return objects.flatMap((o) => {
            const relation = ownerTableOf(o);
            return relation ? [{ relation, level: LockLevel.AccessExclusive, existing: state.isExistingTable(relation), role: 'target' as const }] : [];
          });
        default:
          return [];
      }
    }
    case 'RenameStmt':
      if (['OBJECT_TABLE', 'OBJECT_COLUMN', 'OBJECT_TABCONSTRAINT', 'OBJECT_POLICY', 'OBJECT_TRIGGER'].includes(node.renameType) && node.relation) {
        return [onTable(node.relation, LockLevel.AccessExclusive)];
      }
      return [];
    case 'AlterObjectSchemaStmt':
      return node.objectType === 'OBJECT_TABLE' && node.relation ? [onTable(node.relation, LockLevel.AccessExclusive)] : [];
    case 'TruncateStmt':
      return (node.relations ?? []).map((r: PgNode) => onTable(r.RangeVar, LockLevel.AccessExclusive));
    case 'LockStmt':
      return (node.relations ?? []).map((r: PgNode) => onTable(r.RangeVar, (node.mode ?? LockLevel.AccessExclusive) as LockLevel));
    case 'CreatePolicyStmt':
    case 'AlterPolicyStmt':
      return [onTable(node.table, LockLevel.AccessExclusive)];
    case 'CreateTrigStmt':
      return [onTable(node.relation, LockLevel.ShareRowExclusive)];
    case 'VacuumStmt': {
      const full = (node.options ?? []).some((o: PgNode) => o.DefElem?.defname === 'full');
      return full ? (node.rels ?? []).map((r: PgNode) => onTable(r.VacuumRelation.relation, LockLevel.AccessExclusive)) : [];
    }
    case 'ClusterStmt':
      return node.relation ? [onTable(node.relation, LockLevel.AccessExclusive)] : [];
    case 'ReindexStmt': {
      const concurrent = (node.params ?? []).some((p: PgNode) => p.DefElem?.defname === 'concurrently');
      if (concurrent || !node.relation) return [];
      if (node.kind === 'REINDEX_OBJECT_TABLE') return [onTable(node.relation, LockLevel.Share)];
      if (node.kind === 'REINDEX_OBJECT_INDEX') return [onIndex(relationName(node.relation), LockLevel.Share, node.relation.location)];
      return [];
    }
    default:
      return [];
  }
}
