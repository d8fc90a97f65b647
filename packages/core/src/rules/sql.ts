/**
 * Small readers for the parser's JSON (libpg-query). Node wrappers look like `{ "FuncCall": {...} }`;
 * a few fields (e.g. `relation`) hold the body of a node directly, without the wrapper.
 *
 * The loops that run for most statements are indexed, not `for...of`: the CLI lints in one cold
 * pass, and until V8 optimises a loop, `for...of` allocates an iterator result for every element
 * (garbage that the young generation then has to sweep). For the same reason a rule builds its
 * closures (array callbacks, `afterAll` checks) in a helper called after its cheap early exits: a
 * function whose variables a closure captures allocates a context for them on every call, even
 * one that returns at once.
 */
import type { Statement } from '../model';
import type { RuleContext, Violation } from './rule';

/** libpg-query JSON; the grammar has hundreds of node types, so rules read it structurally. */
export type PgNode = any;

const DEFAULT_SCHEMA = 'public';

export function qualify(schema: string | undefined, name: string): string {
  return `${schema ?? DEFAULT_SCHEMA}.${name}`;
}

export function schemaOf(qualifiedName: string): string {
  return qualifiedName.slice(0, qualifiedName.indexOf('.'));
}

/** A `RangeVar` body (table reference) as `schema.table`. */
export function relationName(rangeVar: PgNode): string {
  return qualify(rangeVar.schemaname, rangeVar.relname);
}

/** `[{String:{sval:'a'}}, {String:{sval:'b'}}]` → `['a', 'b']`. */
export function strings(list: PgNode[] | undefined): string[] {
  const values: string[] = [];
  if (list) for (let i = 0; i < list.length; i++) values.push(list[i]?.String?.sval ?? '');
  return values;
}

/** A dotted name given as a list of parts (`t` or `s.t`), qualified with the default schema. */
export function qualifiedFromParts(parts: string[]): string {
  return parts.length >= 2 ? qualify(parts[parts.length - 2], parts[parts.length - 1]) : qualify(undefined, parts[0]);
}

/** A type's own name: the last part of its dotted name (the parser spells SQL-standard types as `pg_catalog.int4` etc.). */
function ownTypeName(type: PgNode): string {
  const names: PgNode[] | undefined = type?.names;
  return names && names.length > 0 ? (names[names.length - 1]?.String?.sval ?? '') : '';
}

function isArrayType(type: PgNode): boolean {
  return Array.isArray(type?.arrayBounds) && type.arrayBounds.length > 0;
}

/** A type's own name (see `ownTypeName`), length/precision and arrayness. */
export function typeName(type: PgNode): { name: string; typmods: number[]; array: boolean } {
  const typmods = type?.typmods ? type.typmods.map((m: PgNode) => m?.A_Const?.ival?.ival ?? 0) : [];
  return { name: ownTypeName(type), typmods, array: isArrayType(type) };
}

/** Whether a function's return type is `trigger` or `event_trigger` (a name is all that is read). */
export function returnsTriggerType(type: PgNode): boolean {
  const name = ownTypeName(type);
  return name === 'trigger' || name === 'event_trigger';
}

export function describeType(type: { name: string; typmods: number[]; array: boolean }): string {
  return `${type.name}${type.typmods.length ? `(${type.typmods.join(',')})` : ''}${type.array ? '[]' : ''}`;
}

/**
 * Calls `visit` for every wrapped node under `root` (depth first, in document order of arrays).
 * Iterative, so deeply nested expressions cannot overflow the stack.
 */
export function walkNodes(root: PgNode, visit: (type: string, body: PgNode) => void): void {
  const stack: PgNode[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) {
        const item = value[i];
        if (item !== null && typeof item === 'object') stack.push(item);
      }
      continue;
    }
    // Node type names start with an upper-case letter; fields start with a lower-case one.
    for (const key in value) {
      const child = value[key];
      if (child === null || typeof child !== 'object') continue;
      const first = key.charCodeAt(0);
      if (first >= 65 && first <= 90) visit(key, child);
      stack.push(child);
    }
  }
}

/** Role names of a grantee list; `PUBLIC` is reported as `public`. */
export function roleNames(grantees: PgNode[] | undefined): { name: string; location?: number }[] {
  return (grantees ?? []).map((g: PgNode) => {
    const spec = g.RoleSpec ?? {};
    const name = spec.roletype === 'ROLESPEC_PUBLIC' ? 'public' : (spec.rolename ?? spec.roletype ?? '');
    return { name, location: spec.location };
  });
}

/** A `FunctionParameter`'s role in the signature: OUT and TABLE columns are not part of it. */
function isInputParameter(parameter: PgNode): boolean {
  const mode = parameter?.mode;
  return mode !== 'FUNC_PARAM_OUT' && mode !== 'FUNC_PARAM_TABLE';
}

/** The argument types that identify a function among its overloads, e.g. `int4,text`. */
export function signatureOf(parameters: PgNode[] | undefined): string {
  // Built in one loop: every CREATE FUNCTION of every migration asks, also the ones walked for context.
  let signature = '';
  let count = 0;
  const items = parameters ?? [];
  for (let i = 0; i < items.length; i++) {
    const parameter = items[i].FunctionParameter;
    if (!isInputParameter(parameter)) continue;
    if (count++ > 0) signature += ',';
    signature += ownTypeName(parameter.argType);
    if (isArrayType(parameter.argType)) signature += '[]';
  }
  return signature;
}

/** A function reference in ALTER/DROP/GRANT: its qualified name and, when written, its signature. */
export function functionReference(objectWithArgs: PgNode): { name: string; signature?: string } {
  const name = qualifiedFromParts(strings(objectWithArgs.objname));
  if (objectWithArgs.args_unspecified) return { name };
  return { name, signature: signatureOf(objectWithArgs.objfuncargs) };
}

/**
 * The value of an `A_Const` body: a string, a number, or undefined for other constants. The parser
 * omits zero values, so `0` arrives as `ival: {}`.
 */
export function constantValue(constant: PgNode): string | number | undefined {
  if (constant?.sval) return constant.sval.sval;
  if (constant?.ival) return constant.ival.ival ?? 0;
  if (constant?.fval) return constant.fval.fval;
  return undefined;
}

/** The schemas an ALTER DEFAULT PRIVILEGES applies to (`IN SCHEMA ...`), or `*` for all of them. */
export function defaultPrivilegeSchemas(node: PgNode): string[] {
  const schemaOption = defElems(node.options).find((o) => o.defname === 'schemas');
  return schemaOption ? strings(schemaOption.arg?.List?.items) : ['*'];
}

/** Options of CREATE/ALTER FUNCTION as `DefElem` bodies. */
export function defElems(list: PgNode[] | undefined): PgNode[] {
  const options: PgNode[] = [];
  if (list) {
    for (let i = 0; i < list.length; i++) if (list[i].DefElem) options.push(list[i].DefElem);
  }
  return options;
}

/**
 * Where a violation points: the node's byte offset when the parser recorded one, otherwise the
 * start of the statement.
 */
function pointAt(context: RuleContext, statement: Statement, byteOffset: number | undefined): { line: number; column: number } {
  if (typeof byteOffset === 'number' && byteOffset >= statement.byteStart && byteOffset < statement.byteEnd) return context.locate(byteOffset);
  return { line: statement.line, column: statement.column };
}

export function violation(context: RuleContext, statement: Statement, byteOffset: number | undefined, message: string, hint?: string): Violation {
  return { ...pointAt(context, statement, byteOffset), message, hint };
}

const STATEMENT_LABELS: Record<string, string> = {
  AlterTableStmt: 'ALTER TABLE',
  CreateStmt: 'CREATE TABLE',
  IndexStmt: 'CREATE INDEX',
  RenameStmt: 'RENAME',
  AlterObjectSchemaStmt: 'SET SCHEMA',
  TruncateStmt: 'TRUNCATE',
  LockStmt: 'LOCK TABLE',
  CreatePolicyStmt: 'CREATE POLICY',
  AlterPolicyStmt: 'ALTER POLICY',
  CreateTrigStmt: 'CREATE TRIGGER',
  VacuumStmt: 'VACUUM',
  ClusterStmt: 'CLUSTER',
  ReindexStmt: 'REINDEX',
  InsertStmt: 'INSERT',
  UpdateStmt: 'UPDATE',
  DeleteStmt: 'DELETE',
  MergeStmt: 'MERGE',
  CopyStmt: 'COPY',
  ViewStmt: 'CREATE VIEW',
  CreateEnumStmt: 'CREATE TYPE',
  AlterEnumStmt: 'ALTER TYPE',
  CreateSeqStmt: 'CREATE SEQUENCE',
  AlterSeqStmt: 'ALTER SEQUENCE',
  CreateFunctionStmt: 'CREATE FUNCTION',
};

/** A short SQL name for a statement in messages: `ALTER TABLE`, `DROP INDEX`, ... */
export function statementLabel(statement: Statement): string {
  if (statement.kind === 'DropStmt') return `DROP ${String(statement.node.removeType ?? '').replace(/^OBJECT_/, '')}`;
  // Most node names spell the command in CamelCase: CreateExtensionStmt → CREATE EXTENSION.
  return STATEMENT_LABELS[statement.kind] ?? statement.kind.replace(/Stmt$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase();
}

export interface AlterTable {
  table: string;
  commands: PgNode[];
}

/**
 * Most rules look at ALTER TABLE, one after the other for the same statement: remembering the last
 * one read is enough (and, unlike a WeakMap of every statement, costs the garbage collector nothing).
 */
let lastAlterStatement: Statement | undefined;
let lastAlterTable: AlterTable | undefined;

/** The table and subcommands of an `ALTER TABLE` (not ALTER INDEX/VIEW/SEQUENCE). */
export function alterTableOf(statement: Statement): AlterTable | undefined {
  if (statement.kind !== 'AlterTableStmt' || statement.node.objtype !== 'OBJECT_TABLE') return undefined;
  if (lastAlterStatement !== statement || !lastAlterTable) {
    const commands: PgNode[] = [];
    const cmds: PgNode[] = statement.node.cmds ?? [];
    for (let i = 0; i < cmds.length; i++) if (cmds[i].AlterTableCmd) commands.push(cmds[i].AlterTableCmd);
    lastAlterTable = { table: relationName(statement.node.relation), commands };
    lastAlterStatement = statement;
  }
  return lastAlterTable;
}

/** Column types that are shorthand for an integer with a sequence default. */
export const SERIAL_TYPES: ReadonlySet<string> = new Set(['smallserial', 'serial', 'bigserial', 'serial2', 'serial4', 'serial8']);

/** Constraints declared inline on a column definition. */
export function columnConstraints(columnDef: PgNode): PgNode[] {
  const constraints: PgNode[] = [];
  const items: PgNode[] = columnDef?.constraints ?? [];
  for (let i = 0; i < items.length; i++) if (items[i].Constraint) constraints.push(items[i].Constraint);
  return constraints;
}
