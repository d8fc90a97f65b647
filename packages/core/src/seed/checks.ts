/**
 * Reading CHECK constraints as restrictions on generated values. The expression Postgres stores
 * (`pg_get_expr`) is parsed with the real grammar and the simple shapes are understood:
 * comparisons with constants (`price > 0`, `qty between 1 and 10`), lists (`status in ('a','b')`),
 * lengths (`char_length(title) >= 3`), `is not null`, and comparisons of two columns
 * (`ends_at > starts_at`). Anything else is left to Postgres: rows it rejects are regenerated a
 * bounded number of times before the constraint is reported.
 */
import { parseSync } from 'libpg-query';

export interface Bound {
  value: number | string;
  inclusive: boolean;
}

export interface ColumnRestriction {
  min?: Bound;
  max?: Bound;
  /** The value must be one of these (IN lists, `= ANY (ARRAY[...])`, `= constant`). */
  allowed?: unknown[];
  excluded: unknown[];
  minLength?: number;
  maxLength?: number;
  notNull: boolean;
}

export type ComparisonOperator = '<' | '<=' | '>' | '>=';

/** `left operator right` between two columns of the same row. */
export interface ColumnComparison {
  left: string;
  operator: ComparisonOperator;
  right: string;
}

export interface CheckAnalysis {
  restrictions: Map<string, ColumnRestriction>;
  comparisons: ColumnComparison[];
  /** false when part of the expression was not understood and is only enforced by Postgres. */
  understood: boolean;
}

type Node = Record<string, any>;

interface Constant {
  value: number | string | boolean | null;
}

const FLIPPED: Record<string, string> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '=': '=', '<>': '<>', '!=': '<>' };
const LENGTH_FUNCTIONS = new Set(['char_length', 'character_length', 'length']);
const TRIM_FUNCTIONS = new Set(['btrim', 'trim', 'ltrim', 'rtrim']);
const NUMERIC_CASTS = new Set(['numeric', 'int2', 'int4', 'int8', 'float4', 'float8', 'integer', 'bigint', 'smallint', 'real', 'money']);

export function emptyRestriction(): ColumnRestriction {
  return { excluded: [], notNull: false };
}

function lastName(names: Node[] | undefined): string | undefined {
  const last = names?.[names.length - 1];
  return last?.String?.sval;
}

function constantOf(node: Node | undefined): Constant | undefined {
  if (!node) return undefined;
  if (node.A_Const) {
    const c = node.A_Const;
    if (c.isnull) return { value: null };
    if (c.ival !== undefined) return { value: c.ival.ival ?? 0 };
    if (c.fval !== undefined) return { value: Number(c.fval.fval) };
    if (c.sval !== undefined) return { value: c.sval.sval ?? '' };
    if (c.boolval !== undefined) return { value: c.boolval.boolval ?? false };
    return undefined;
  }
  if (node.TypeCast) {
    const inner = constantOf(node.TypeCast.arg);
    if (!inner) return undefined;
    const typeName = lastName(node.TypeCast.typeName?.names);
    if (typeof inner.value === 'string' && typeName && NUMERIC_CASTS.has(typeName) && inner.value.trim() !== '' && Number.isFinite(Number(inner.value))) {
      return { value: Number(inner.value) };
    }
    if (typeof inner.value === 'string' && typeName === 'bool') return { value: /^(t|true|yes|on|1)$/i.test(inner.value) };
    return inner;
  }
  // Unary minus on a constant, as older servers deparse negative literals.
  if (node.A_Expr?.kind === 'AEXPR_OP' && lastName(node.A_Expr.name) === '-' && !node.A_Expr.lexpr) {
    const inner = constantOf(node.A_Expr.rexpr);
    if (inner && typeof inner.value === 'number') return { value: -inner.value };
  }
  return undefined;
}

/** The column a node stands for, looking through casts (`status::text`). */
function columnOf(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  if (node.ColumnRef) return lastName(node.ColumnRef.fields);
  if (node.TypeCast) return columnOf(node.TypeCast.arg);
  return undefined;
}

/** The column whose length a node measures: `char_length(col)`, `length(btrim(col))`. */
function lengthOf(node: Node | undefined): string | undefined {
  const call = node?.FuncCall;
  if (!call || !LENGTH_FUNCTIONS.has(lastName(call.funcname) ?? '') || call.args?.length !== 1) return undefined;
  const [argument] = call.args as Node[];
  const inner = argument.FuncCall;
  if (inner && TRIM_FUNCTIONS.has(lastName(inner.funcname) ?? '') && inner.args?.length === 1) return columnOf(inner.args[0]);
  return columnOf(argument);
}

function listConstants(items: Node[] | undefined): unknown[] | undefined {
  if (!items) return undefined;
  const values = items.map(constantOf);
  return values.every((v) => v !== undefined) ? values.map((v) => v!.value) : undefined;
}

function arrayConstants(node: Node | undefined): unknown[] | undefined {
  if (!node) return undefined;
  if (node.TypeCast) return arrayConstants(node.TypeCast.arg);
  if (node.A_ArrayExpr) return listConstants(node.A_ArrayExpr.elements ?? []);
  return undefined;
}

class Collector {
  readonly restrictions = new Map<string, ColumnRestriction>();
  readonly comparisons: ColumnComparison[] = [];
  understood = true;

  constructor(private readonly valueName?: string) {}

  private column(name: string): string {
    return this.valueName && name.toLowerCase() === 'value' ? this.valueName : name;
  }

  restriction(name: string): ColumnRestriction {
    const key = this.column(name);
    let restriction = this.restrictions.get(key);
    if (!restriction) this.restrictions.set(key, (restriction = emptyRestriction()));
    return restriction;
  }

  visit(node: Node): void {
    if (!this.accept(node)) this.understood = false;
  }

  /** Returns false when the node is not a shape this module understands. */
  private accept(node: Node): boolean {
    if (node.BoolExpr) {
      const { boolop, args } = node.BoolExpr as { boolop: string; args: Node[] };
      if (boolop === 'AND_EXPR') {
        for (const arg of args) this.visit(arg);
        return true;
      }
      if (boolop === 'OR_EXPR') return this.acceptDisjunction(args);
      if (boolop === 'NOT_EXPR') {
        const [arg] = args;
        if (arg.NullTest?.nulltesttype === 'IS_NULL') return this.acceptNullTest(arg.NullTest.arg, 'IS_NOT_NULL');
        const column = columnOf(arg);
        if (column) {
          this.restriction(column).allowed = [false];
          return true;
        }
      }
      return false;
    }
    if (node.NullTest) return this.acceptNullTest(node.NullTest.arg, node.NullTest.nulltesttype);
    if (node.BooleanTest) {
      const column = columnOf(node.BooleanTest.arg);
      const test = node.BooleanTest.booltesttype as string;
      if (!column || (test !== 'IS_TRUE' && test !== 'IS_FALSE')) return false;
      Object.assign(this.restriction(column), { allowed: [test === 'IS_TRUE'], notNull: true });
      return true;
    }
    const bareColumn = node.ColumnRef ? columnOf(node) : undefined;
    if (bareColumn) {
      this.restriction(bareColumn).allowed = [true];
      return true;
    }
    if (node.A_Expr) return this.acceptExpression(node.A_Expr);
    return false;
  }

  /** Any one branch satisfies an OR: keep the first that is understood and says something. */
  private acceptDisjunction(branches: Node[]): boolean {
    const candidates = branches.filter((b) => b.NullTest?.nulltesttype !== 'IS_NULL');
    for (const branch of candidates) {
      const trial = new Collector(this.valueName);
      trial.visit(branch);
      if (!trial.understood) continue;
      for (const [column, restriction] of trial.restrictions) mergeRestriction(this.restriction(column), restriction);
      this.comparisons.push(...trial.comparisons);
      return true;
    }
    return false;
  }

  private acceptNullTest(arg: Node, test: string): boolean {
    const column = columnOf(arg);
    if (!column) return false;
    if (test === 'IS_NOT_NULL') this.restriction(column).notNull = true;
    // `col is null` alone makes the column always null: only the generator's nulls satisfy it.
    else this.restriction(column).allowed = [null];
    return true;
  }

  private acceptExpression(expression: Node): boolean {
    const operator = lastName(expression.name) ?? '';
    const { kind, lexpr, rexpr } = expression as { kind: string; lexpr?: Node; rexpr?: Node };
    if (kind === 'AEXPR_IN') {
      const column = columnOf(lexpr);
      const values = listConstants(rexpr?.List?.items);
      if (!column || !values) return false;
      if (operator === '=') intersectAllowed(this.restriction(column), values);
      else this.restriction(column).excluded.push(...values);
      return true;
    }
    if (kind === 'AEXPR_OP_ANY' && operator === '=') {
      const column = columnOf(lexpr);
      const values = arrayConstants(rexpr);
      if (!column || !values) return false;
      intersectAllowed(this.restriction(column), values);
      return true;
    }
    if (kind === 'AEXPR_BETWEEN') {
      const column = columnOf(lexpr);
      const bounds = listConstants(rexpr?.List?.items);
      if (!column || !bounds || bounds.length !== 2) return false;
      const restriction = this.restriction(column);
      tighten(restriction, '>=', bounds[0] as number | string);
      tighten(restriction, '<=', bounds[1] as number | string);
      return true;
    }
    if (kind !== 'AEXPR_OP' || !FLIPPED[operator]) return false;
    const leftColumn = columnOf(lexpr);
    const rightColumn = columnOf(rexpr);
    if (leftColumn && rightColumn && ['<', '<=', '>', '>='].includes(operator)) {
      this.comparisons.push({ left: this.column(leftColumn), operator: operator as ComparisonOperator, right: this.column(rightColumn) });
      return true;
    }
    const leftConstant = constantOf(lexpr);
    const rightConstant = constantOf(rexpr);
    const [subject, constant, op] = rightConstant ? [lexpr, rightConstant, operator] : leftConstant ? [rexpr, leftConstant, FLIPPED[operator]] : [];
    if (!subject || !constant || !op || constant.value === null) return false;
    const lengthColumn = lengthOf(subject);
    if (lengthColumn && typeof constant.value === 'number') return tightenLength(this.restriction(lengthColumn), op, constant.value);
    const column = columnOf(subject);
    if (!column) return false;
    const restriction = this.restriction(column);
    if (op === '=') intersectAllowed(restriction, [constant.value]);
    else if (op === '<>') {
      restriction.excluded.push(constant.value);
      if (constant.value === '') restriction.minLength = Math.max(restriction.minLength ?? 0, 1);
    } else if (typeof constant.value === 'boolean') return false;
    else tighten(restriction, op, constant.value);
    return true;
  }
}

function intersectAllowed(restriction: ColumnRestriction, values: unknown[]): void {
  restriction.allowed = restriction.allowed ? restriction.allowed.filter((v) => values.some((w) => w === v)) : [...values];
}

function compareBounds(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

function tighten(restriction: ColumnRestriction, operator: string, value: number | string): void {
  if (operator === '>' || operator === '>=') {
    const bound = { value, inclusive: operator === '>=' };
    const current = restriction.min;
    if (!current || compareBounds(value, current.value) > 0 || (compareBounds(value, current.value) === 0 && !bound.inclusive)) restriction.min = bound;
  } else if (operator === '<' || operator === '<=') {
    const bound = { value, inclusive: operator === '<=' };
    const current = restriction.max;
    if (!current || compareBounds(value, current.value) < 0 || (compareBounds(value, current.value) === 0 && !bound.inclusive)) restriction.max = bound;
  }
}

function tightenLength(restriction: ColumnRestriction, operator: string, length: number): boolean {
  const atLeast = (n: number) => (restriction.minLength = Math.max(restriction.minLength ?? 0, n));
  const atMost = (n: number) => (restriction.maxLength = Math.min(restriction.maxLength ?? Infinity, n));
  switch (operator) {
    case '>':
      atLeast(length + 1);
      return true;
    case '>=':
      atLeast(length);
      return true;
    case '<':
      atMost(length - 1);
      return true;
    case '<=':
      atMost(length);
      return true;
    case '=':
      atLeast(length);
      atMost(length);
      return true;
    case '<>':
      if (length === 0) atLeast(1);
      return length === 0;
    default:
      return false;
  }
}

/** Adds `extra` to `target` (both must hold). */
export function mergeRestriction(target: ColumnRestriction, extra: ColumnRestriction): ColumnRestriction {
  if (extra.min) tighten(target, extra.min.inclusive ? '>=' : '>', extra.min.value);
  if (extra.max) tighten(target, extra.max.inclusive ? '<=' : '<', extra.max.value);
  if (extra.allowed) intersectAllowed(target, extra.allowed);
  target.excluded.push(...extra.excluded);
  if (extra.minLength !== undefined) target.minLength = Math.max(target.minLength ?? 0, extra.minLength);
  if (extra.maxLength !== undefined) target.maxLength = Math.min(target.maxLength ?? Infinity, extra.maxLength);
  target.notNull ||= extra.notNull;
  return target;
}

/**
 * Reads one CHECK expression. For a domain's check, `valueName` is the column the domain types:
 * the expression's `VALUE` then restricts that column. Requires `loadParser()` to have run.
 */
export function analyseCheck(expression: string, valueName?: string): CheckAnalysis {
  const collector = new Collector(valueName);
  let where: Node | undefined;
  try {
    where = (parseSync(`select 1 where ${expression}`) as Node).stmts?.[0]?.stmt?.SelectStmt?.whereClause;
  } catch {
    where = undefined;
  }
  if (!where) return { restrictions: new Map(), comparisons: [], understood: false };
  collector.visit(where);
  return { restrictions: collector.restrictions, comparisons: collector.comparisons, understood: collector.understood };
}
