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

function onTable(state: SchemaState, rangeVar: PgNode, level: LockLevel, role: RelationLock['role'] = 'target'): RelationLock {
  const relation = relationName(rangeVar);
  return { relation, level, existing: state.isExistingTable(relation), role, location: rangeVar.location };
}

function onIndex(state: SchemaState, indexName: string, level: LockLevel, location?: number): RelationLock {
  const table = state.index(indexName)?.table;
  const existing = !state.indexCreatedInCurrentMigration(indexName) && (table === undefined || state.isExistingTable(table));
  return table ? { relation: table, level, existing, role: 'target', location } : { relation: indexName, unresolvedIndex: true, level, existing, role: 'target', location };
}

/** Foreign keys lock the referenced table too, in SHARE ROW EXCLUSIVE, to install their triggers. */
function addReferencedTableLock(constraint: PgNode, state: SchemaState, locks: RelationLock[]): void {
  if (constraint?.contype === 'CONSTR_FOREIGN' && constraint.pktable) locks.push(onTable(state, constraint.pktable, LockLevel.ShareRowExclusive, 'referenced'));
}

/** The referenced-table locks of a column's inline constraints. */
function addColumnReferenceLocks(columnDef: PgNode, state: SchemaState, locks: RelationLock[]): void {
  const constraints: PgNode[] | undefined = columnDef?.constraints;
  if (constraints) for (let i = 0; i < constraints.length; i++) addReferencedTableLock(constraints[i].Constraint, state, locks);
}

function alterTableLocks(node: PgNode, state: SchemaState): RelationLock[] {
  // The table's own lock comes first; its level is the strongest of the subcommands', known at the end.
  const target = onTable(state, node.relation, LockLevel.AccessShare);
  const locks = [target];
  let level: LockLevel = LockLevel.AccessShare;
  const cmds: PgNode[] = node.cmds ?? [];
  for (let i = 0; i < cmds.length; i++) {
    const cmd = cmds[i].AlterTableCmd;
    if (!cmd) continue;
    const subtype: string = cmd.subtype;
    const def = cmd.def;
    let cmdLevel: LockLevel = ALTER_TABLE_LOCK_LEVELS[subtype] ?? LockLevel.AccessExclusive;
    const constraint = def?.Constraint;
    if (subtype === 'AT_AddConstraint' && constraint?.contype === 'CONSTR_FOREIGN') cmdLevel = LockLevel.ShareRowExclusive;
    if (subtype === 'AT_DetachPartition' && def?.PartitionCmd?.concurrent) cmdLevel = LockLevel.ShareUpdateExclusive;
    if (subtype === 'AT_AttachPartition' && def?.PartitionCmd?.name) locks.push(onTable(state, def.PartitionCmd.name, LockLevel.AccessExclusive));
    if (constraint) addReferencedTableLock(constraint, state, locks);
    else addColumnReferenceLocks(def?.ColumnDef, state, locks);
    if (cmdLevel > level) level = cmdLevel;
  }
  target.level = level;
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
/** RENAME forms that lock the table they name (its columns, constraints, policies, triggers). */
const RENAMES_TAKING_TABLE_LOCK: ReadonlySet<string> = new Set(['OBJECT_TABLE', 'OBJECT_COLUMN', 'OBJECT_TABCONSTRAINT', 'OBJECT_POLICY', 'OBJECT_TRIGGER']);

/** The table locks that `statement` takes (DDL, maintenance and explicit LOCK), strongest per subcommand list. */
export function relationLocks(statement: Statement, state: SchemaState): RelationLock[] {
  // Most statements of a migration (functions, comments, grants, data) lock no table this models.
  if (!LOCKING_KINDS.has(statement.kind)) return NO_LOCKS;
  const node = statement.node;
  // Indexed loops and plain functions rather than closures and array chains: this runs for every
  // statement of a checked migration, mostly before V8 optimises anything (see sql.ts).
  switch (statement.kind) {
    case 'AlterTableStmt':
      if (node.objtype !== 'OBJECT_TABLE') return [];
      return alterTableLocks(node, state);
    case 'CreateStmt': {
      const locks: RelationLock[] = [];
      const elements: PgNode[] = node.tableElts ?? [];
      for (let i = 0; i < elements.length; i++) {
        const element = elements[i];
        if (element.Constraint) addReferencedTableLock(element.Constraint, state, locks);
        else addColumnReferenceLocks(element.ColumnDef, state, locks);
      }
      return locks;
    }
    case 'IndexStmt':
      return [onTable(state, node.relation, node.concurrent ? LockLevel.ShareUpdateExclusive : LockLevel.Share)];
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
            .map((name) => onIndex(state, name, node.concurrent ? LockLevel.ShareUpdateExclusive : LockLevel.AccessExclusive));
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
      if (RENAMES_TAKING_TABLE_LOCK.has(node.renameType) && node.relation) return [onTable(state, node.relation, LockLevel.AccessExclusive)];
      return [];
    case 'AlterObjectSchemaStmt':
      return node.objectType === 'OBJECT_TABLE' && node.relation ? [onTable(state, node.relation, LockLevel.AccessExclusive)] : [];
    case 'TruncateStmt':
      return (node.relations ?? []).map((r: PgNode) => onTable(state, r.RangeVar, LockLevel.AccessExclusive));
    case 'LockStmt':
      return (node.relations ?? []).map((r: PgNode) => onTable(state, r.RangeVar, (node.mode ?? LockLevel.AccessExclusive) as LockLevel));
    case 'CreatePolicyStmt':
    case 'AlterPolicyStmt':
      return [onTable(state, node.table, LockLevel.AccessExclusive)];
    case 'CreateTrigStmt':
      return [onTable(state, node.relation, LockLevel.ShareRowExclusive)];
    case 'VacuumStmt': {
      const full = (node.options ?? []).some((o: PgNode) => o.DefElem?.defname === 'full');
      return full ? (node.rels ?? []).map((r: PgNode) => onTable(state, r.VacuumRelation.relation, LockLevel.AccessExclusive)) : [];
    }
    case 'ClusterStmt':
      return node.relation ? [onTable(state, node.relation, LockLevel.AccessExclusive)] : [];
    case 'ReindexStmt': {
      const concurrent = (node.params ?? []).some((p: PgNode) => p.DefElem?.defname === 'concurrently');
      if (concurrent || !node.relation) return [];
      if (node.kind === 'REINDEX_OBJECT_TABLE') return [onTable(state, node.relation, LockLevel.Share)];
      if (node.kind === 'REINDEX_OBJECT_INDEX') return [onIndex(state, relationName(node.relation), LockLevel.Share, node.relation.location)];
      return [];
    }
    default:
      return [];
  }
}
