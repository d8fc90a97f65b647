/**
 * What the migrations have done so far, as far as the rules need to know: tables (with columns,
 * constraints, RLS and policies), indexes, enum types, functions and a few per-file facts such as
 * whether `lock_timeout` was set. The lint engine feeds it every statement of every migration in
 * version order; rules only read it.
 *
 * Names are kept as the parser gives them (unquoted identifiers folded to lower case) and qualified
 * as `schema.name`, with `public` for unqualified names: migrations rarely change search_path, and a
 * wrong guess only costs context, never a crash.
 */
import type { MigrationFile, Statement } from '../model';
import { blocksWrites, relationLocks, type RelationLock } from './locks';
import { constantValue, defaultPrivilegeSchemas, functionReference, qualifiedFromParts, qualify, relationName, returnsTriggerType, roleNames, schemaOf, signatureOf, strings, typeName, type PgNode } from './sql';

export interface Origin {
  file: string;
  version: string | null;
  line: number;
  statementIndex: number;
}

export interface ColumnType {
  name: string;
  typmods: number[];
  array: boolean;
}

export interface ColumnInfo {
  type: ColumnType;
  notNull: boolean;
}

export type ConstraintKind = 'check' | 'not-null' | 'foreign-key' | 'unique' | 'primary-key' | 'exclusion' | 'other';

export interface ConstraintInfo {
  kind: ConstraintKind;
  /** Checked against every row: added without NOT VALID, or validated later. */
  validated: boolean;
  /** For `CHECK (col IS NOT NULL)` and `NOT NULL col` (PostgreSQL 18): the column it proves non-null once validated. */
  provesNotNull?: string;
}

export interface TableInfo {
  /** Stable while the table lives; identical for the same table in two states fed the same migrations. */
  readonly id: number;
  name: string;
  /** Where the migrations created it; undefined for tables they only reference. */
  origin?: Origin;
  temporary: boolean;
  /** Columns the migrations declared; a column missing here is unknown, not absent. */
  columns: Map<string, ColumnInfo>;
  constraints: Map<string, ConstraintInfo>;
  rowLevelSecurity: boolean;
  policies: Set<string>;
  /**
   * A migration revoked write privileges from `anon` (or PUBLIC) on this table, directly or through
   * default privileges of its schema: the project hardened it beyond Supabase's defaults.
   */
  anonWritesRevoked: boolean;
}

export interface IndexInfo {
  name: string;
  table: string;
  unique: boolean;
  concurrently: boolean;
  /** Plain column keys in order; undefined when the index has expressions. */
  columns?: string[];
  origin: Origin;
}

export type Volatility = 'immutable' | 'stable' | 'volatile';

export interface FunctionInfo {
  readonly id: number;
  name: string;
  /** Input argument types, e.g. `int4,text`. */
  signature: string;
  securityDefiner: boolean;
  /** A `SET search_path` is attached to the function. */
  searchPathPinned: boolean;
  volatility: Volatility;
  /** Trigger functions cannot be called through the API, only fired by their triggers. */
  returnsTrigger: boolean;
  /** Procedures (CALL) are not exposed by PostgREST either. */
  isProcedure: boolean;
  /**
   * Supabase grants EXECUTE on new functions to `anon` through default privileges, so this starts
   * true unless those defaults were revoked, and only a revoke naming `anon` clears it.
   */
  anonCanExecute: boolean;
  publicExecuteRevoked: boolean;
  origin: Origin;
}

export interface EnumValueAddition {
  type: string;
  value: string;
  line: number;
}

/** Facts that only hold within the migration being walked (one file = one transaction, usually). */
class MigrationFacts {
  readonly tablesCreated = new Set<string>();
  readonly indexesCreated = new Set<string>();
  readonly schemasCreated = new Set<string>();
  readonly enumsCreated = new Set<string>();
  readonly enumValuesAdded = new Map<string, EnumValueAddition>();
  /** Ids of tables this migration already granted writes on to anon (or PUBLIC). */
  readonly anonWritesGranted = new Set<number>();
  /** `table/constraint` keys of constraints added NOT VALID in this migration. */
  readonly constraintsAddedNotValid = new Set<string>();
  sessionLockTimeout = false;
  transactionLockTimeout = false;
  /** `SET TIME ZONE` / `SET timezone` earlier in this migration; undefined: the server's setting. */
  timeZone?: string;
  explicitTransaction = false;
  /** Existing tables this migration changes, grouped by relatedness (union-find). */
  readonly changedTableParent = new Map<string, string>();
  readonly changedTableFirstStatement = new Map<string, number>();

  constructor(readonly migration: MigrationFile | undefined) {}
}

const NO_MIGRATION = new MigrationFacts(undefined);
const NO_TABLES: ReadonlySet<string> = new Set();

export interface ChangeGroup {
  tables: string[];
  /** Index of the first statement that changed one of these tables. */
  firstStatementIndex: number;
}

const CONSTRAINT_KINDS: Record<string, ConstraintKind> = {
  CONSTR_CHECK: 'check',
  CONSTR_NOTNULL: 'not-null',
  CONSTR_FOREIGN: 'foreign-key',
  CONSTR_UNIQUE: 'unique',
  CONSTR_PRIMARY: 'primary-key',
  CONSTR_EXCLUSION: 'exclusion',
};

function isZeroDuration(value: string | number | undefined): boolean {
  if (value === undefined) return false;
  return /^\s*0+(\.0*)?\s*[a-z]*\s*$/i.test(String(value));
}

function isExecutePrivilege(privileges: PgNode[] | undefined): boolean {
  // No privilege list means ALL.
  return !privileges || privileges.some((p: PgNode) => p.AccessPriv?.priv_name === 'execute');
}

export class SchemaState {
  private nextId = 1;
  private readonly tables = new Map<string, TableInfo>();
  private readonly tablesById = new Map<number, TableInfo>();
  private readonly tablesByStatement = new Map<Statement, TableInfo>();
  private readonly indexes = new Map<string, IndexInfo>();
  /** Indexes known to be gone: dropped, or dropped with their table or constraint. */
  private readonly droppedIndexes = new Set<string>();
  private readonly functions = new Map<string, FunctionInfo>();
  private readonly functionsById = new Map<number, FunctionInfo>();
  private readonly functionsByStatement = new Map<Statement, FunctionInfo>();
  /** Undirected foreign-key edges between table names. */
  private readonly foreignKeyEdges = new Map<string, Set<string>>();
  /** Schemas (or `*` for all) whose default privileges no longer give `anon` EXECUTE on new functions. */
  private readonly anonExecuteRevokedByDefault = new Set<string>();
  /** Schemas (or `*` for all) whose default privileges no longer give `anon` writes on new tables. */
  private readonly schemasRevokingAnonTableWrites = new Set<string>();
  private facts = NO_MIGRATION;
  private trackChanges = true;
  /** The locks of the statement being checked: the rules and `apply` both ask, with the same state. */
  private lockedStatement: Statement | undefined;
  private statementLocks: RelationLock[] = [];
  private constraintCounter = 0;

  /**
   * Starts a migration file: per-file facts (created here, lock_timeout, ...) start over.
   * `trackChanges: false` skips grouping the existing tables the file changes (`changeGroups`),
   * which only a checked migration's rules ask for: older files are walked for context only.
   */
  beginMigration(migration: MigrationFile, { trackChanges = true }: { trackChanges?: boolean } = {}): void {
    this.facts = new MigrationFacts(migration);
    this.trackChanges = trackChanges;
  }

  // ---- tables ----------------------------------------------------------------------------------

  table(name: string): TableInfo | undefined {
    return this.tables.get(name);
  }

  tableById(id: number): TableInfo | undefined {
    return this.tablesById.get(id);
  }

  /**
   * The table a statement created or altered (CREATE TABLE, ALTER TABLE), as this state sees it now,
   * after any later renames; undefined once it was dropped.
   */
  tableTargetedBy(statement: Statement): TableInfo | undefined {
    const table = this.tablesByStatement.get(statement);
    return table && this.tablesById.get(table.id) === table ? table : undefined;
  }

  /**
   * Existing means it may hold data and serve traffic: created by an earlier migration, or not by
   * any migration seen (it predates them). Only a table created earlier in the current file is new.
   */
  isExistingTable(name: string): boolean {
    return !this.facts.tablesCreated.has(name);
  }

  /** A validated `CHECK (column IS NOT NULL)` lets SET NOT NULL skip its full-table scan (PostgreSQL 12+). */
  hasValidatedNotNullCheck(table: string, column: string): boolean {
    for (const constraint of this.tables.get(table)?.constraints.values() ?? []) {
      if (constraint.validated && constraint.provesNotNull === column) return true;
    }
    return false;
  }

  constraintAddedNotValidInCurrentMigration(table: string, constraint: string): boolean {
    return this.facts.constraintsAddedNotValid.has(`${table}/${constraint}`);
  }

  /** Default privileges no longer give `anon` writes on tables created in `schema`. */
  anonTableWritesRevokedByDefault(schema: string): boolean {
    return this.schemasRevokingAnonTableWrites.has(schema) || this.schemasRevokingAnonTableWrites.has('*');
  }

  /** An earlier statement of the current migration granted anon (or PUBLIC) writes on this table. */
  anonWritesGrantedInCurrentMigration(table: TableInfo): boolean {
    return this.facts.anonWritesGranted.has(table.id);
  }

  /** Tables the migrations know in `schema`. */
  tablesInSchema(schema: string): TableInfo[] {
    return [...this.tables.values()].filter((table) => schemaOf(table.name) === schema);
  }

  /** Tables linked to `name` by a foreign key in either direction. */
  relatedTables(name: string): ReadonlySet<string> {
    return this.foreignKeyEdges.get(name) ?? NO_TABLES;
  }

  // ---- indexes, schemas, enums -----------------------------------------------------------------

  index(name: string): IndexInfo | undefined {
    return this.indexes.get(name);
  }

  /** The migrations dropped this index (directly, or with its table or constraint) and did not create it again. */
  indexIsGone(name: string): boolean {
    return this.droppedIndexes.has(name);
  }

  indexCreatedInCurrentMigration(name: string): boolean {
    return this.facts.indexesCreated.has(name);
  }

  /** A unique index built CONCURRENTLY on exactly these columns, ready for `ADD CONSTRAINT ... USING INDEX`. */
  concurrentUniqueIndexOn(table: string, columns: string[]): IndexInfo | undefined {
    for (const index of this.indexes.values()) {
      if (index.table === table && index.unique && index.concurrently && index.columns?.join(',') === columns.join(',')) return index;
    }
    return undefined;
  }

  schemaCreatedInCurrentMigration(schema: string): boolean {
    return this.facts.schemasCreated.has(schema);
  }

  enumCreatedInCurrentMigration(type: string): boolean {
    return this.facts.enumsCreated.has(type);
  }

  /** Enum values added by ALTER TYPE ... ADD VALUE earlier in the current migration, by value. */
  get enumValuesAddedInCurrentMigration(): ReadonlyMap<string, EnumValueAddition> {
    return this.facts.enumValuesAdded;
  }

  // ---- session ---------------------------------------------------------------------------------

  /** A non-zero lock_timeout is in effect for the next statement of the current migration. */
  get lockTimeoutSet(): boolean {
    return this.facts.sessionLockTimeout || this.facts.transactionLockTimeout;
  }

  /** The TimeZone this migration set for its session, if it set one. */
  get sessionTimeZone(): string | undefined {
    return this.facts.timeZone;
  }

  /** Inside an explicit BEGIN ... COMMIT of a `transaction: none` migration. */
  get inExplicitTransaction(): boolean {
    return this.facts.explicitTransaction;
  }

  // ---- functions -------------------------------------------------------------------------------

  functionById(id: number): FunctionInfo | undefined {
    return this.functionsById.get(id);
  }

  /** The function a CREATE FUNCTION statement defined, as this state sees it now; undefined once dropped. */
  functionDefinedBy(statement: Statement): FunctionInfo | undefined {
    const fn = this.functionsByStatement.get(statement);
    return fn && this.functionsById.get(fn.id) === fn ? fn : undefined;
  }

  /** Every overload named `name` (qualified), or only the one with `signature` when given. */
  functionsNamed(name: string, signature?: string): FunctionInfo[] {
    if (signature !== undefined) {
      const fn = this.functions.get(`${name}(${signature})`);
      return fn ? [fn] : [];
    }
    return [...this.functions.values()].filter((fn) => fn.name === name);
  }

  // ---- change groups ---------------------------------------------------------------------------

  /** Existing tables the current migration changed, grouped when a foreign key or a statement links them. */
  changeGroups(): ChangeGroup[] {
    // Most migrations change no existing table: they create their own.
    if (this.facts.changedTableFirstStatement.size === 0) return [];
    const groups = new Map<string, ChangeGroup>();
    for (const [table, first] of this.facts.changedTableFirstStatement) {
      const root = this.changeRoot(table);
      const group = groups.get(root) ?? { tables: [], firstStatementIndex: first };
      group.tables.push(table);
      group.firstStatementIndex = Math.min(group.firstStatementIndex, first);
      groups.set(root, group);
    }
    return [...groups.values()].sort((a, b) => a.firstStatementIndex - b.firstStatementIndex);
  }

  private changeRoot(table: string): string {
    const parents = this.facts.changedTableParent;
    let root = table;
    while (parents.get(root) !== root) root = parents.get(root) ?? root;
    parents.set(table, root);
    return root;
  }

  private joinChanges(a: string, b: string): void {
    const rootA = this.changeRoot(a);
    const rootB = this.changeRoot(b);
    if (rootA !== rootB) this.facts.changedTableParent.set(rootB, rootA);
  }

  /** The table locks `statement` takes, judged against this state before the statement runs. */
  locksOf(statement: Statement): RelationLock[] {
    if (this.lockedStatement !== statement) {
      this.statementLocks = relationLocks(statement, this);
      this.lockedStatement = statement;
    }
    return this.statementLocks;
  }

  private recordChanges(statement: Statement): void {
    const locks = this.locksOf(statement);
    if (locks.length === 0) return;
    const targets: string[] = [];
    for (let i = 0; i < locks.length; i++) {
      const lock = locks[i];
      if (lock.existing && lock.role === 'target' && !lock.unresolvedIndex && blocksWrites(lock.level)) targets.push(lock.relation);
    }
    if (targets.length === 0) return;
    const facts = this.facts;
    for (const table of targets) {
      if (facts.changedTableParent.has(table)) continue;
      facts.changedTableParent.set(table, table);
      facts.changedTableFirstStatement.set(table, statement.index);
      for (const related of this.relatedTables(table)) {
        if (facts.changedTableParent.has(related)) this.joinChanges(table, related);
      }
    }
    // One statement touching several tables (e.g. a foreign key between them) is one change.
    for (const lock of locks) {
      if (facts.changedTableParent.has(lock.relation)) this.joinChanges(targets[0], lock.relation);
    }
  }

  // ---- feeding ---------------------------------------------------------------------------------

  private origin(statement: Statement): Origin {
    const m = this.facts.migration;
    return { file: m?.path ?? '', version: m?.version ?? null, line: statement.line, statementIndex: statement.index };
  }

  /** The record for a table a statement changes; tables the migrations never created get one on first use. */
  private tableForChange(name: string): TableInfo {
    let table = this.tables.get(name);
    if (!table) {
      table = { id: this.nextId++, name, temporary: false, columns: new Map(), constraints: new Map(), rowLevelSecurity: false, policies: new Set(), anonWritesRevoked: false };
      this.tables.set(name, table);
      this.tablesById.set(table.id, table);
    }
    return table;
  }

  private createTable(name: string, statement: Statement, temporary: boolean): TableInfo {
    // Replaces a record of a table the migrations only referenced; its indexes stay known.
    this.dropTable(name, false);
    const table: TableInfo = {
      id: this.nextId++,
      name,
      origin: this.origin(statement),
      temporary,
      columns: new Map(),
      constraints: new Map(),
      rowLevelSecurity: false,
      policies: new Set(),
      // No schema's default privileges were changed in nearly every project: skip cutting out the schema.
      anonWritesRevoked: this.schemasRevokingAnonTableWrites.size > 0 && this.anonTableWritesRevokedByDefault(schemaOf(name)),
    };
    this.tables.set(name, table);
    this.tablesById.set(table.id, table);
    this.tablesByStatement.set(statement, table);
    this.facts.tablesCreated.add(name);
    return table;
  }

  private dropIndex(name: string): void {
    this.indexes.delete(name);
    this.droppedIndexes.add(name);
  }

  private dropTable(name: string, withIndexes = true): void {
    if (withIndexes) for (const index of [...this.indexes.values()]) if (index.table === name) this.dropIndex(index.name);
    const table = this.tables.get(name);
    if (!table) return;
    this.tables.delete(name);
    this.tablesById.delete(table.id);
    this.facts.tablesCreated.delete(name);
  }

  private moveTable(from: string, to: string): void {
    const table = this.tables.get(from);
    if (!table) return;
    this.tables.delete(from);
    table.name = to;
    this.tables.set(to, table);
    if (this.facts.tablesCreated.delete(from)) this.facts.tablesCreated.add(to);
    for (const index of this.indexes.values()) if (index.table === from) index.table = to;
  }

  private addForeignKeyEdge(a: string, b: string): void {
    if (a === b) return;
    for (const [from, to] of [
      [a, b],
      [b, a],
    ]) {
      const edges = this.foreignKeyEdges.get(from) ?? new Set<string>();
      edges.add(to);
      this.foreignKeyEdges.set(from, edges);
    }
  }

  private setNotNull(table: TableInfo, column: string): void {
    const info = table.columns.get(column);
    if (info) info.notNull = true;
  }

  /** A table constraint, or with `column` one written inline on that column. */
  private addConstraint(table: TableInfo, constraint: PgNode, column?: string): void {
    const kind = CONSTRAINT_KINDS[constraint.contype];
    if (!kind) return;
    if (kind === 'not-null' && column) {
      // An inline NOT NULL is part of the column, not a separately tracked constraint.
      this.setNotNull(table, column);
      return;
    }
    // An inline constraint's key is its column (no array for it: most constraints are inline).
    const keys = column ? undefined : strings(constraint.keys);
    const name: string = constraint.conname ?? `#${++this.constraintCounter}`;
    let provesNotNull: string | undefined;
    if (kind === 'not-null') provesNotNull = keys?.[0];
    else if (kind === 'check') {
      const nullTest = constraint.raw_expr?.NullTest;
      if (nullTest?.nulltesttype === 'IS_NOT_NULL') {
        const testedColumn = strings(nullTest.arg?.ColumnRef?.fields);
        if (testedColumn.length === 1) provesNotNull = testedColumn[0];
      }
    }
    table.constraints.set(name, { kind, validated: !constraint.skip_validation, provesNotNull });
    if (constraint.skip_validation) this.facts.constraintsAddedNotValid.add(`${table.name}/${name}`);
    if (kind === 'foreign-key' && constraint.pktable) this.addForeignKeyEdge(table.name, relationName(constraint.pktable));
    if (kind === 'primary-key' || (kind === 'not-null' && !constraint.skip_validation)) {
      if (column) this.setNotNull(table, column);
      else for (const key of keys!) this.setNotNull(table, key);
    }
  }

  private addColumn(table: TableInfo, columnDef: PgNode): void {
    // typeName returns a fresh record, so the column can keep it.
    table.columns.set(columnDef.colname, { type: typeName(columnDef.typeName), notNull: false });
    const constraints: PgNode[] | undefined = columnDef.constraints;
    if (constraints) for (let i = 0; i < constraints.length; i++) this.addConstraint(table, constraints[i].Constraint, columnDef.colname);
  }

  /** Updates the state with one statement. Call `beginMigration` before a file's first statement. */
  apply(statement: Statement): void {
    if (this.trackChanges) this.recordChanges(statement);
    this.lockedStatement = undefined;
    const node = statement.node;
    switch (statement.kind) {
      case 'CreateStmt': {
        const name = relationName(node.relation);
        if (node.if_not_exists && this.tables.get(name)?.origin) break;
        const table = this.createTable(name, statement, node.relation.relpersistence === 't');
        const elements: PgNode[] = node.tableElts ?? [];
        for (let i = 0; i < elements.length; i++) {
          const element = elements[i];
          if (element.ColumnDef) this.addColumn(table, element.ColumnDef);
          else if (element.Constraint) this.addConstraint(table, element.Constraint);
        }
        break;
      }
      case 'CreateTableAsStmt':
        if (node.objtype === 'OBJECT_TABLE' && node.into?.rel) this.createTable(relationName(node.into.rel), statement, node.into.rel.relpersistence === 't');
        break;
      case 'SelectStmt':
        if (node.intoClause?.rel) this.createTable(relationName(node.intoClause.rel), statement, node.intoClause.rel.relpersistence === 't');
        this.applySetConfig(node);
        break;
      case 'AlterTableStmt':
        if (node.objtype === 'OBJECT_TABLE') {
          const table = this.tableForChange(relationName(node.relation));
          this.tablesByStatement.set(statement, table);
          this.applyAlterTable(table, node.cmds ?? []);
        }
        break;
      case 'RenameStmt':
        this.applyRename(node);
        break;
      case 'AlterObjectSchemaStmt':
        if (node.objectType === 'OBJECT_TABLE' && node.relation) this.moveTable(relationName(node.relation), qualify(node.newschema, node.relation.relname));
        break;
      case 'DropStmt':
        this.applyDrop(node);
        break;
      case 'CreatePolicyStmt':
        this.tableForChange(relationName(node.table)).policies.add(node.policy_name);
        break;
      case 'IndexStmt': {
        const table = relationName(node.relation);
        if (!node.idxname) break;
        const name = qualify(node.relation.schemaname, node.idxname);
        this.droppedIndexes.delete(name);
        this.indexes.set(name, {
          name,
          table,
          unique: Boolean(node.unique),
          concurrently: Boolean(node.concurrent),
          columns: node.whereClause ? undefined : plainIndexColumns(node.indexParams),
          origin: this.origin(statement),
        });
        this.facts.indexesCreated.add(name);
        break;
      }
      case 'CreateSchemaStmt':
        if (node.schemaname) this.facts.schemasCreated.add(node.schemaname);
        break;
      case 'CreateEnumStmt': {
        this.facts.enumsCreated.add(qualifiedFromParts(strings(node.typeName)));
        break;
      }
      case 'AlterEnumStmt':
        if (node.newVal !== undefined) {
          const type = qualifiedFromParts(strings(node.typeName));
          if (!this.facts.enumValuesAdded.has(node.newVal)) this.facts.enumValuesAdded.set(node.newVal, { type, value: node.newVal, line: statement.line });
        }
        break;
      case 'CreateFunctionStmt':
        this.applyCreateFunction(node, statement);
        break;
      case 'AlterFunctionStmt':
        if (node.func) {
          const { name, signature } = functionReference(node.func);
          for (const fn of this.functionsNamed(name, signature)) this.applyFunctionOptions(fn, node.actions);
        }
        break;
      case 'GrantStmt':
        if (node.objtype === 'OBJECT_TABLE') this.applyTableGrant(node);
        else this.applyFunctionGrant(node);
        break;
      case 'AlterDefaultPrivilegesStmt':
        if (node.action?.objtype === 'OBJECT_TABLE') this.applyDefaultTablePrivileges(node);
        else this.applyDefaultFunctionPrivileges(node);
        break;
      case 'VariableSetStmt':
        this.applyVariableSet(node);
        break;
      case 'TransactionStmt':
        this.applyTransaction(node);
        break;
    }
  }

  private applyAlterTable(table: TableInfo, cmds: PgNode[]): void {
    for (let i = 0; i < cmds.length; i++) {
      const cmd = cmds[i].AlterTableCmd;
      if (!cmd) continue;
      switch (cmd.subtype) {
        case 'AT_AddColumn':
          if (cmd.def?.ColumnDef) this.addColumn(table, cmd.def.ColumnDef);
          break;
        case 'AT_DropColumn':
          table.columns.delete(cmd.name);
          break;
        case 'AT_AlterColumnType': {
          const column = table.columns.get(cmd.name);
          const { name, typmods, array } = typeName(cmd.def?.ColumnDef?.typeName);
          table.columns.set(cmd.name, { type: { name, typmods, array }, notNull: column?.notNull ?? false });
          break;
        }
        case 'AT_SetNotNull':
        case 'AT_DropNotNull': {
          const column = table.columns.get(cmd.name);
          if (column) column.notNull = cmd.subtype === 'AT_SetNotNull';
          break;
        }
        case 'AT_AddConstraint':
          if (cmd.def?.Constraint) this.addConstraint(table, cmd.def.Constraint);
          break;
        case 'AT_ValidateConstraint': {
          const constraint = table.constraints.get(cmd.name);
          if (constraint) constraint.validated = true;
          break;
        }
        case 'AT_DropConstraint': {
          table.constraints.delete(cmd.name);
          // A primary key or unique constraint owns an index of the same name, which goes with it.
          const index = this.indexes.get(qualify(schemaOf(table.name), cmd.name));
          if (index?.table === table.name) this.dropIndex(index.name);
          break;
        }
        case 'AT_EnableRowSecurity':
          table.rowLevelSecurity = true;
          break;
        case 'AT_DisableRowSecurity':
          table.rowLevelSecurity = false;
          break;
      }
    }
  }

  private applyRename(node: PgNode): void {
    const relation = node.relation ? relationName(node.relation) : undefined;
    switch (node.renameType) {
      case 'OBJECT_TABLE':
        if (relation) this.moveTable(relation, qualify(node.relation.schemaname, node.newname));
        break;
      case 'OBJECT_COLUMN': {
        const table = relation ? this.tables.get(relation) : undefined;
        const column = table?.columns.get(node.subname);
        if (table && column) {
          table.columns.delete(node.subname);
          table.columns.set(node.newname, column);
        }
        break;
      }
      case 'OBJECT_TABCONSTRAINT': {
        const table = relation ? this.tables.get(relation) : undefined;
        const constraint = table?.constraints.get(node.subname);
        if (table && constraint) {
          table.constraints.delete(node.subname);
          table.constraints.set(node.newname, constraint);
        }
        break;
      }
      case 'OBJECT_POLICY': {
        const table = relation ? this.tables.get(relation) : undefined;
        if (table?.policies.delete(node.subname)) table.policies.add(node.newname);
        break;
      }
      case 'OBJECT_INDEX': {
        const index = relation ? this.indexes.get(relation) : undefined;
        if (index && relation) {
          this.indexes.delete(relation);
          index.name = qualify(node.relation.schemaname, node.newname);
          this.indexes.set(index.name, index);
        }
        break;
      }
      case 'OBJECT_TYPE':
      case 'OBJECT_DOMAIN':
        this.renameColumnType(strings(node.object?.List?.items).pop() ?? '', node.newname);
        break;
      case 'OBJECT_FUNCTION':
      case 'OBJECT_PROCEDURE': {
        const ref = node.object?.ObjectWithArgs ? functionReference(node.object.ObjectWithArgs) : undefined;
        for (const fn of ref ? this.functionsNamed(ref.name, ref.signature) : []) {
          this.functions.delete(`${fn.name}(${fn.signature})`);
          fn.name = qualify(schemaOf(fn.name), node.newname);
          this.functions.set(`${fn.name}(${fn.signature})`, fn);
        }
        break;
      }
    }
  }

  /** Columns refer to their type, not its name: after `ALTER TYPE a RENAME TO b` they are of type b. */
  private renameColumnType(from: string, to: string): void {
    if (!from) return;
    for (const table of this.tables.values()) {
      for (const [column, info] of table.columns) {
        if (info.type.name === from) table.columns.set(column, { ...info, type: { ...info.type, name: to } });
      }
    }
  }

  private applyDrop(node: PgNode): void {
    const objects: PgNode[] = node.objects ?? [];
    switch (node.removeType) {
      case 'OBJECT_TABLE':
        for (const o of objects) this.dropTable(qualifiedFromParts(strings(o.List?.items)));
        break;
      case 'OBJECT_SCHEMA':
        for (const o of objects) {
          const schema = o.String?.sval;
          for (const name of [...this.tables.keys()]) if (schemaOf(name) === schema) this.dropTable(name);
        }
        break;
      case 'OBJECT_INDEX':
        for (const o of objects) this.dropIndex(qualifiedFromParts(strings(o.List?.items)));
        break;
      case 'OBJECT_POLICY':
        for (const o of objects) {
          const parts = strings(o.List?.items);
          this.tables.get(qualifiedFromParts(parts.slice(0, -1)))?.policies.delete(parts[parts.length - 1]);
        }
        break;
      case 'OBJECT_FUNCTION':
      case 'OBJECT_PROCEDURE':
      case 'OBJECT_ROUTINE':
        for (const o of objects) {
          if (!o.ObjectWithArgs) continue;
          const { name, signature } = functionReference(o.ObjectWithArgs);
          for (const fn of this.functionsNamed(name, signature)) {
            this.functions.delete(`${fn.name}(${fn.signature})`);
            this.functionsById.delete(fn.id);
          }
        }
        break;
    }
  }

  /** Applies the `DefElem` options of CREATE/ALTER FUNCTION (the list as the parser gives it). */
  private applyFunctionOptions(fn: FunctionInfo, list: PgNode[] | undefined): void {
    const items = list ?? [];
    for (let i = 0; i < items.length; i++) {
      const option = items[i].DefElem;
      if (!option) continue;
      if (option.defname === 'security') fn.securityDefiner = option.arg?.Boolean?.boolval === true;
      else if (option.defname === 'volatility') fn.volatility = option.arg?.String?.sval as Volatility;
      else if (option.defname === 'set' && option.arg?.VariableSetStmt?.name === 'search_path') {
        fn.searchPathPinned = option.arg.VariableSetStmt.kind !== 'VAR_RESET';
      }
    }
  }

  private applyCreateFunction(node: PgNode, statement: Statement): void {
    const name = qualifiedFromParts(strings(node.funcname));
    const signature = signatureOf(node.parameters);
    const key = `${name}(${signature})`;
    let fn = this.functions.get(key);
    if (fn) {
      // CREATE OR REPLACE keeps the function's privileges but not its attributes.
      fn.securityDefiner = false;
      fn.searchPathPinned = false;
      fn.volatility = 'volatile';
    } else {
      const schema = schemaOf(name);
      fn = {
        id: this.nextId++,
        name,
        signature,
        securityDefiner: false,
        searchPathPinned: false,
        volatility: 'volatile',
        returnsTrigger: false,
        isProcedure: Boolean(node.is_procedure),
        anonCanExecute: !this.anonExecuteRevokedByDefault.has(schema) && !this.anonExecuteRevokedByDefault.has('*'),
        publicExecuteRevoked: false,
        origin: this.origin(statement),
      };
      this.functions.set(key, fn);
      this.functionsById.set(fn.id, fn);
    }
    fn.returnsTrigger = returnsTriggerType(node.returnType);
    this.functionsByStatement.set(statement, fn);
    this.applyFunctionOptions(fn, node.options);
  }

  private applyFunctionGrant(node: PgNode): void {
    if (!['OBJECT_FUNCTION', 'OBJECT_PROCEDURE', 'OBJECT_ROUTINE'].includes(node.objtype) || !isExecutePrivilege(node.privileges)) return;
    let targets: FunctionInfo[] = [];
    if (node.targtype === 'ACL_TARGET_ALL_IN_SCHEMA') {
      const schemas = new Set(strings(node.objects));
      targets = [...this.functions.values()].filter((fn) => schemas.has(schemaOf(fn.name)));
    } else {
      for (const o of node.objects ?? []) {
        if (!o.ObjectWithArgs) continue;
        const { name, signature } = functionReference(o.ObjectWithArgs);
        targets.push(...this.functionsNamed(name, signature));
      }
    }
    const granted = Boolean(node.is_grant);
    const roles = roleNamesOf(node.grantees);
    for (const fn of targets) {
      if (roles.has('anon')) fn.anonCanExecute = granted;
      if (roles.has('public')) fn.publicExecuteRevoked = !granted;
    }
  }

  private applyTableGrant(node: PgNode): void {
    if (!touchesAnonWrites(node)) return;
    const tables =
      node.targtype === 'ACL_TARGET_ALL_IN_SCHEMA'
        ? strings(node.objects).flatMap((schema) => this.tablesInSchema(schema))
        : (node.objects ?? []).flatMap((o: PgNode) => (o.RangeVar ? [this.tableForChange(relationName(o.RangeVar))] : []));
    for (const table of tables) {
      table.anonWritesRevoked = !node.is_grant;
      if (node.is_grant) this.facts.anonWritesGranted.add(table.id);
      else this.facts.anonWritesGranted.delete(table.id);
    }
  }

  private applyDefaultTablePrivileges(node: PgNode): void {
    if (!touchesAnonWrites(node.action)) return;
    for (const schema of defaultPrivilegeSchemas(node)) {
      if (node.action.is_grant) this.schemasRevokingAnonTableWrites.delete(schema);
      else this.schemasRevokingAnonTableWrites.add(schema);
    }
  }

  private applyDefaultFunctionPrivileges(node: PgNode): void {
    const action = node.action;
    if (action?.objtype !== 'OBJECT_FUNCTION' || !isExecutePrivilege(action.privileges) || !roleNamesOf(action.grantees).has('anon')) return;
    for (const schema of defaultPrivilegeSchemas(node)) {
      if (action.is_grant) this.anonExecuteRevokedByDefault.delete(schema);
      else this.anonExecuteRevokedByDefault.add(schema);
    }
  }

  /** `SET LOCAL` (and set_config(..., true)) only lasts until the end of the surrounding transaction. */
  private setLockTimeout(enabled: boolean, local: boolean): void {
    const facts = this.facts;
    if (!local) {
      facts.sessionLockTimeout = enabled;
      facts.transactionLockTimeout = false;
    } else if (facts.migration?.directives.transactional || facts.explicitTransaction) {
      facts.transactionLockTimeout = enabled;
    }
  }

  private applyVariableSet(node: PgNode): void {
    if (node.name === 'timezone') {
      this.applyTimeZone(node);
      return;
    }
    if (node.name !== 'lock_timeout') {
      if (node.kind === 'VAR_RESET_ALL') {
        this.setLockTimeout(false, false);
        this.facts.timeZone = undefined;
      }
      return;
    }
    const value = constantValue(node.args?.[0]?.A_Const);
    const enabled = node.kind === 'VAR_SET_VALUE' && value !== undefined && !isZeroDuration(value);
    this.setLockTimeout(enabled, Boolean(node.is_local));
  }

  /** `SET TIME ZONE 'UTC'`, `SET timezone = ...`, `RESET timezone`; `LOCAL` lasts until commit, which is the migration's end. */
  private applyTimeZone(node: PgNode): void {
    if (node.kind === 'VAR_RESET' || node.kind === 'VAR_SET_DEFAULT') {
      this.facts.timeZone = undefined;
      return;
    }
    const arg = node.args?.[0];
    // `SET TIME ZONE INTERVAL '+00:00' HOUR TO MINUTE` wraps the constant in a cast.
    const value = constantValue(arg?.A_Const ?? arg?.TypeCast?.arg?.A_Const);
    if (node.kind === 'VAR_SET_VALUE' && value !== undefined) this.facts.timeZone = String(value);
    else if (node.kind === 'VAR_SET_CURRENT') this.facts.timeZone = undefined;
  }

  /** `SELECT set_config('lock_timeout', '5s', is_local)`, the form pg_dump and some tools emit. */
  private applySetConfig(node: PgNode): void {
    for (const target of node.targetList ?? []) {
      const call = target.ResTarget?.val?.FuncCall;
      const fname = strings(call?.funcname);
      if (fname[fname.length - 1] !== 'set_config') continue;
      const [setting, value, isLocal] = (call.args ?? []).map((a: PgNode) => a.A_Const);
      if (setting?.sval?.sval !== 'lock_timeout') continue;
      const text = value?.sval ? value.sval.sval : undefined;
      this.setLockTimeout(text !== undefined && !isZeroDuration(text), isLocal?.boolval?.boolval === true);
    }
  }

  private applyTransaction(node: PgNode): void {
    if (this.facts.migration?.directives.transactional) return;
    if (node.kind === 'TRANS_STMT_BEGIN' || node.kind === 'TRANS_STMT_START') this.facts.explicitTransaction = true;
    else if (node.kind === 'TRANS_STMT_COMMIT' || node.kind === 'TRANS_STMT_ROLLBACK') {
      this.facts.explicitTransaction = false;
      this.facts.transactionLockTimeout = false;
    }
  }
}

/** The key columns of an index, in order; undefined when one of them is an expression. */
function plainIndexColumns(indexParams: PgNode[] | undefined): string[] | undefined {
  const columns: string[] = [];
  const items = indexParams ?? [];
  for (let i = 0; i < items.length; i++) {
    const name = items[i].IndexElem?.name;
    if (!name) return undefined;
    columns.push(name);
  }
  return columns;
}

const TABLE_WRITE_PRIVILEGES = new Set(['insert', 'update', 'delete', 'truncate']);

/** The write privileges in a GRANT/REVOKE privilege list, upper case; no list means ALL. */
export function tableWritePrivileges(privileges: PgNode[] | undefined): string[] {
  if (!privileges) return ['ALL'];
  return privileges.map((p: PgNode) => p.AccessPriv?.priv_name as string).filter((name) => TABLE_WRITE_PRIVILEGES.has(name)).map((name) => name.toUpperCase());
}

/** A GRANT or REVOKE of table write privileges naming anon or PUBLIC (which includes anon). */
function touchesAnonWrites(grant: PgNode): boolean {
  if (tableWritePrivileges(grant?.privileges).length === 0) return false;
  const roles = roleNamesOf(grant.grantees);
  return roles.has('anon') || roles.has('public');
}

function roleNamesOf(grantees: PgNode[] | undefined): Set<string> {
  return new Set(roleNames(grantees).map((role) => role.name));
}
