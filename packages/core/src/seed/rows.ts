/**
 * Rows for one table: every column gets a source (a configured rule, a realistic generator, a
 * parent's key, null-until-updated, or the database default) and each row is checked against the
 * unique keys the run can see before it is handed out, so that most duplicates never reach
 * Postgres. What cannot be predicted here (expression indexes, checks too complex to read) is
 * enforced by Postgres and retried by the inserter.
 */
import type { Faker } from '@faker-js/faker';
import { analyseCheck, emptyRestriction, mergeRestriction, type ColumnComparison, type ColumnRestriction } from './checks';
import type { ColumnRule, TableSettings } from './config';
import { SeedError } from './errors';
import { createFaker, derivedSeed, resolveFakerMethod } from './faker';
import { isSequenceFilled, type ColumnInfo, type ForeignKey, type KeyConstraint, type TableInfo } from './introspect';
import { columnGenerator, fitLength, lengthLimits, nameTokens, toColumnValue, type ValueGenerator } from './values';

/** Attempts at a distinct value for a unique key before a value is made distinct by a suffix. */
const UNIQUE_ATTEMPTS = 25;
/** Once a key needed a suffix, its generator has run out of variety: suffix sooner. */
const ATTEMPTS_AFTER_EXHAUSTION = 2;
/** Attempts with a suffix before the key is reported as impossible. */
const FORCED_ATTEMPTS = 5;

export interface GenerationSettings {
  seed: number;
  locale: string;
  referenceDate: Date;
}

/** How a row generator fills a foreign key. */
export type ForeignKeyMode =
  /** From the parent's existing keys, picked when the row is made. */
  | { kind: 'pick'; parentKeys: unknown[][] }
  /** Null at insert, set by an update once the parent has rows (cycles, nullable self-references). */
  | { kind: 'deferred' }
  /** From rows of this same table made earlier in the run (a NOT NULL self-reference). */
  | { kind: 'self' };

interface ValueSource {
  kind: 'value';
  column: ColumnInfo;
  generate: ValueGenerator;
  nullProbability: number;
  /** Integer column that can be made distinct by counting up. */
  counter?: { next: number };
}

interface KeySource {
  kind: 'key';
  column: ColumnInfo;
  foreignKey: ForeignKey;
}

type Source = ValueSource | KeySource | { kind: 'deferred'; column: ColumnInfo };

interface ForeignKeyFill {
  foreignKey: ForeignKey;
  /** Indexes, in the insert column list, of the key's columns (in the key's order). */
  slots: number[];
  mode: ForeignKeyMode;
  nullable: boolean;
  /** Each parent at most once: the key columns are also a unique key (one-to-one). */
  distinct: boolean;
  order?: number[];
  cursor: number;
}

/** A unique key's values as one string for set membership; undefined when a value is null (nulls never collide). */
function tupleKey(values: unknown[]): string | undefined {
  let key = '';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) return undefined;
    key += (i > 0 ? '\u0001' : '') + (Buffer.isBuffer(v) ? v.toString('hex') : String(v));
  }
  return key;
}

function keyAt(slots: number[], row: unknown[]): string | undefined {
  return tupleKey(slots.length === 1 ? [row[slots[0]]] : slots.map((s) => row[s]));
}

const INTEGER_KINDS = new Set(['smallint', 'integer', 'bigint']);

function isNullishAt(name: string): boolean {
  const t = nameTokens(name);
  return ['deleted', 'archived', 'cancelled', 'canceled', 'revoked', 'banned', 'suspended'].some((w) => t.includes(w));
}

/** The restrictions every CHECK of the table (and of the columns' domains) puts on each column. */
export function tableRestrictions(table: TableInfo): { restrictions: Map<string, ColumnRestriction>; comparisons: ColumnComparison[] } {
  const restrictions = new Map<string, ColumnRestriction>(table.columns.map((c) => [c.name, emptyRestriction()]));
  const comparisons: ColumnComparison[] = [];
  for (const check of table.checks) {
    const analysis = analyseCheck(check.expression);
    for (const [column, restriction] of analysis.restrictions) if (restrictions.has(column)) mergeRestriction(restrictions.get(column)!, restriction);
    comparisons.push(...analysis.comparisons.filter((c) => restrictions.has(c.left) && restrictions.has(c.right)));
  }
  for (const column of table.columns) {
    for (const check of column.type.domainChecks) {
      const analysis = analyseCheck(check.expression, column.name);
      const restriction = analysis.restrictions.get(column.name);
      if (restriction) mergeRestriction(restrictions.get(column.name)!, restriction);
    }
  }
  return { restrictions, comparisons };
}

/** Unique keys of the table, the primary key first. */
export function uniqueKeys(table: TableInfo): KeyConstraint[] {
  return [...(table.primaryKey ? [table.primaryKey] : []), ...table.uniques];
}

function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const [x, y] = [String(a), String(b)];
  if (typeof a === 'string' && typeof b === 'string' && /^-?\d+(\.\d+)?$/.test(x) && /^-?\d+(\.\d+)?$/.test(y)) return Number(x) - Number(y);
  return x < y ? -1 : x > y ? 1 : 0;
}

function satisfies(left: unknown, operator: ColumnComparison['operator'], right: unknown): boolean {
  const c = compareValues(left, right);
  return operator === '<' ? c < 0 : operator === '<=' ? c <= 0 : operator === '>' ? c > 0 : c >= 0;
}

export class TableRows {
  /** Columns written by the INSERT, in table order; the others get their database default. */
  readonly columns: ColumnInfo[];
  /** Foreign keys set after insertion. */
  readonly deferredKeys: ForeignKey[];
  private readonly sources: Source[];
  private readonly fills: ForeignKeyFill[];
  private readonly rowFaker: Faker;
  /** Column-to-column CHECKs, as slots in the row. */
  private readonly comparisons: { left: number; operator: ColumnComparison['operator']; right: number }[];
  /** Unique keys whose every column this generator writes, with the values seen so far. */
  private readonly tracked: { key: KeyConstraint; slots: number[]; seen: Set<string>; suffixed: number }[];
  /** Per NOT NULL self-reference: where its referenced columns sit in a row. */
  private readonly selfSlots: { fill: ForeignKeyFill; slots: number[] }[];
  private readonly selfRows: unknown[][] = [];
  private distinctSuffix = 0;

  constructor(
    readonly table: TableInfo,
    settings: TableSettings | undefined,
    foreignKeyModes: Map<string, ForeignKeyMode>,
    generation: GenerationSettings,
  ) {
    const { restrictions, comparisons } = tableRestrictions(table);
    this.rowFaker = createFaker(generation.locale, generation.referenceDate, derivedSeed(generation.seed, table.qualified, '#rows'));
    const rules = settings?.columns ?? {};
    const keyOf = new Map<string, ForeignKey>();
    for (const fk of table.foreignKeys) for (const column of fk.columns) if (!rules[column]) keyOf.set(column, fk);
    const singleColumnKeys = new Set(uniqueKeys(table).filter((k) => k.columns.length === 1).map((k) => k.columns[0]));

    const sources: Source[] = [];
    for (const column of table.columns) {
      const source = this.sourceFor(column, rules[column.name], keyOf.get(column.name), foreignKeyModes, restrictions.get(column.name)!, singleColumnKeys.has(column.name), generation);
      if (source) sources.push(source);
    }
    this.sources = sources;
    this.columns = sources.map((s) => s.column);
    const slotOf = new Map(this.columns.map((c, i) => [c.name, i]));

    this.deferredKeys = table.foreignKeys.filter((fk) => foreignKeyModes.get(fk.name)?.kind === 'deferred' && fk.columns.every((c) => slotOf.has(c) && sources[slotOf.get(c)!].kind === 'deferred'));
    const keys = uniqueKeys(table);
    this.fills = table.foreignKeys
      .filter((fk) => fk.columns.every((c) => slotOf.has(c) && sources[slotOf.get(c)!].kind === 'key'))
      .map((fk) => {
        const mode = foreignKeyModes.get(fk.name) ?? { kind: 'pick', parentKeys: [] };
        const nullable = fk.columns.every((c) => !table.columns.find((col) => col.name === c)!.notNull && !restrictions.get(c)?.notNull);
        const distinct = keys.some((k) => k.columns.every((c) => fk.columns.includes(c)));
        return { foreignKey: fk, slots: fk.columns.map((c) => slotOf.get(c)!), mode, nullable, distinct, cursor: 0 };
      });
    for (const fill of this.fills) {
      if (fill.mode.kind === 'pick' && fill.mode.parentKeys.length === 0 && !fill.nullable) {
        throw new SeedError(
          `${table.qualified}.${fill.foreignKey.columns.join(', ')} must reference ${fill.foreignKey.references}, which has no rows to point at (it is skipped, set to 0 rows, or empty). ` +
            `Give ${fill.foreignKey.references} rows (seed.sql, or list it under "tables" in the seed configuration), or skip ${table.qualified}.`,
          { table: table.qualified, column: fill.foreignKey.columns.join(', '), constraint: fill.foreignKey.name },
        );
      }
      if (fill.mode.kind === 'self' && !fill.foreignKey.referencedColumns.every((c) => slotOf.has(c) && sources[slotOf.get(c)!].kind === 'value')) {
        throw new SeedError(
          `${table.qualified}.${fill.foreignKey.columns.join(', ')} is a NOT NULL reference to the same table, and the referenced key is filled by the database, so no first row can point anywhere. ` +
            `Make the column nullable, or give ${table.qualified} rows in seed.sql and skip it here.`,
          { table: table.qualified, column: fill.foreignKey.columns.join(', '), constraint: fill.foreignKey.name },
        );
      }
      if (fill.distinct && fill.mode.kind === 'pick') {
        fill.order = this.rowFaker.helpers.shuffle(fill.mode.parentKeys.map((_, i) => i));
      }
    }
    this.comparisons = comparisons
      .filter((c) => slotOf.has(c.left) && slotOf.has(c.right))
      .map((c) => ({ left: slotOf.get(c.left)!, operator: c.operator, right: slotOf.get(c.right)! }));
    this.tracked = keys
      .filter((k) => k.columns.every((c) => slotOf.has(c) && sources[slotOf.get(c)!].kind !== 'deferred'))
      .map((key) => ({ key, slots: key.columns.map((c) => slotOf.get(c)!), seen: new Set<string>(), suffixed: 0 }));
    this.selfSlots = this.fills.filter((f) => f.mode.kind === 'self').map((fill) => ({ fill, slots: fill.foreignKey.referencedColumns.map((c) => slotOf.get(c)!) }));
  }

  private sourceFor(
    column: ColumnInfo,
    rule: ColumnRule | undefined,
    foreignKey: ForeignKey | undefined,
    modes: Map<string, ForeignKeyMode>,
    restriction: ColumnRestriction,
    aloneUnique: boolean,
    generation: GenerationSettings,
  ): Source | undefined {
    if (column.generated || column.identity === 'always' || rule?.kind === 'default') return undefined;
    const faker = () => createFaker(generation.locale, generation.referenceDate, derivedSeed(generation.seed, this.table.qualified, column.name));
    if (rule) return { kind: 'value', column, generate: configuredGenerator(rule, column, restriction, faker()), nullProbability: 0 };
    if (foreignKey) return modes.get(foreignKey.name)?.kind === 'deferred' ? { kind: 'deferred', column } : { kind: 'key', column, foreignKey };
    if (isSequenceFilled(column)) return undefined;
    const mustHaveValue = column.notNull || restriction.notNull;
    const nullProbability = mustHaveValue ? 0 : restriction.allowed?.length === 1 && restriction.allowed[0] === null ? 1 : isNullishAt(column.name) ? 0.8 : 0.1;
    if (aloneUnique && INTEGER_KINDS.has(column.type.kind) && !restriction.allowed) {
      const start = Math.max(1, restriction.min && typeof restriction.min.value === 'number' ? Math.ceil(restriction.min.value + (restriction.min.inclusive ? 0 : 1e-9)) : 1);
      const counter = { next: start };
      return { kind: 'value', column, generate: () => counter.next++, nullProbability: 0, counter };
    }
    const generate = columnGenerator({ tableName: this.table.name, column, restriction, faker: faker(), referenceDate: generation.referenceDate });
    if (generate) return { kind: 'value', column, generate, nullProbability };
    if (column.defaultExpression !== undefined) return undefined;
    if (!mustHaveValue) return { kind: 'value', column, generate: () => null, nullProbability: 1 };
    throw new SeedError(
      `No generator for ${this.table.qualified}.${column.name} (type ${column.type.name}, NOT NULL, no default). ` +
        `Set one in the seed configuration: "tables": {"${this.table.qualified}": {"columns": {"${column.name}": {"value": ...}}}} or {"faker": "module.method"}.`,
      { table: this.table.qualified, column: column.name },
    );
  }

  /** Unique keys checked before rows are handed out; feed them existing rows with `rememberExisting`. */
  get trackedKeys(): KeyConstraint[] {
    return this.tracked.map((t) => t.key);
  }

  /** Marks tuples already in the table (seed.sql rows) as taken, and moves counters past them. */
  rememberExisting(keyName: string, tuples: unknown[][]): void {
    const entry = this.tracked.find((t) => t.key.name === keyName);
    if (!entry) return;
    for (const tuple of tuples) {
      const key = tupleKey(tuple);
      if (key) entry.seen.add(key);
    }
    if (entry.slots.length === 1) {
      const source = this.sources[entry.slots[0]];
      if (source.kind === 'value' && source.counter) {
        const highest = Math.max(...tuples.map((t) => Number(t[0])).filter(Number.isFinite), source.counter.next - 1);
        source.counter.next = highest + 1;
      }
    }
  }

  /** The next row (values in `columns` order), or undefined when no further distinct row is possible. */
  next(): unknown[] | undefined {
    const row = new Array<unknown>(this.sources.length);
    this.sources.forEach((source, i) => (row[i] = source.kind === 'value' ? this.valueOf(source) : null));
    for (const fill of this.fills) if (!this.fillKey(fill, row)) return undefined;
    this.orderColumns(row);
    for (let attempt = 0; ; attempt++) {
      const conflict = this.tracked.find((t) => {
        const key = keyAt(t.slots, row);
        return key !== undefined && t.seen.has(key);
      });
      if (!conflict) break;
      const before = conflict.suffixed > 0 ? ATTEMPTS_AFTER_EXHAUSTION : UNIQUE_ATTEMPTS;
      if (attempt >= before + FORCED_ATTEMPTS) {
        throw new SeedError(
          `Cannot make a distinct value for the unique key ${conflict.key.name} of ${this.table.qualified} (${conflict.key.columns.join(', ')}) after ${attempt} attempts: ` +
            'its columns allow fewer distinct values than the rows asked for. Lower the table\'s "rows" or configure a generator with more variety.',
          { table: this.table.qualified, column: conflict.key.columns.join(', '), constraint: conflict.key.name },
        );
      }
      const force = attempt >= before;
      if (force) conflict.suffixed++;
      if (!this.regenerate(conflict.slots, row, force)) return undefined;
      this.orderColumns(row);
    }
    for (const t of this.tracked) {
      const key = keyAt(t.slots, row);
      if (key !== undefined) t.seen.add(key);
    }
    for (const { slots } of this.selfSlots) this.selfRows.push(slots.map((s) => row[s]));
    return row;
  }

  private valueOf(source: ValueSource): unknown {
    if (source.nullProbability > 0 && (source.nullProbability >= 1 || this.rowFaker.number.float() < source.nullProbability)) return null;
    return source.generate();
  }

  /** Fills one foreign key's columns; false when a distinct parent is no longer available. */
  private fillKey(fill: ForeignKeyFill, row: unknown[]): boolean {
    let tuple: unknown[] | null;
    if (fill.mode.kind === 'self') {
      // Row 0 of a NOT NULL self-reference can only point at itself; later rows at an earlier row.
      const own = this.selfSlots.find((entry) => entry.fill === fill)!.slots.map((s) => row[s]);
      tuple = this.selfRows.length === 0 ? own : this.rowFaker.helpers.arrayElement(this.selfRows);
    } else if (fill.mode.kind === 'pick') {
      const parents = fill.mode.parentKeys;
      if (parents.length === 0 || (fill.nullable && this.rowFaker.number.float() < 0.1)) tuple = null;
      else if (fill.order) {
        if (fill.cursor >= fill.order.length) {
          if (!fill.nullable) return false;
          tuple = null;
        } else tuple = parents[fill.order[fill.cursor++]];
      } else tuple = this.rowFaker.helpers.arrayElement(parents);
    } else tuple = null;
    fill.slots.forEach((slot, i) => (row[slot] = tuple ? tuple[i] : null));
    return true;
  }

  /** Swaps values that break a column-to-column CHECK (`ends_at > starts_at`). */
  private orderColumns(row: unknown[]): void {
    for (const { left: l, operator, right: r } of this.comparisons) {
      if (row[l] === null || row[r] === null || satisfies(row[l], operator, row[r])) continue;
      if (this.sources[l].kind === 'value' && this.sources[r].kind === 'value') [row[l], row[r]] = [row[r], row[l]];
    }
  }

  /**
   * New values for the columns at `slots`. After many attempts (`force`), a text or integer value
   * is made distinct outright. Returns false when a distinct parent is no longer available.
   */
  private regenerate(slots: number[], row: unknown[], force: boolean): boolean {
    for (const fill of this.fills) {
      if (fill.slots.some((s) => slots.includes(s)) && !this.fillKey(fill, row)) return false;
    }
    for (const slot of slots) {
      const source = this.sources[slot];
      if (source.kind !== 'value') continue;
      row[slot] = source.counter ? source.counter.next++ : source.generate();
    }
    if (force) {
      const slot = slots.find((s) => this.sources[s].kind === 'value' && ['text', 'char'].includes(this.sources[s].column.type.kind));
      if (slot !== undefined) row[slot] = this.withSuffix(String(row[slot] ?? ''), this.sources[slot].column);
    }
    // The first row of a NOT NULL self-reference points at its own key, which may just have changed.
    if (this.selfRows.length === 0) for (const { fill } of this.selfSlots) this.fillKey(fill, row);
    return true;
  }

  private withSuffix(value: string, column: ColumnInfo): string {
    const suffix = String(++this.distinctSuffix);
    const { max } = lengthLimits(column.type, emptyRestriction());
    const at = value.indexOf('@');
    if (at > 0) {
      const local = value.slice(0, at);
      const domain = value.slice(at);
      return `${local.slice(0, Math.max(1, max - domain.length - suffix.length - 1))}+${suffix}${domain}`.slice(0, max);
    }
    return `${value.slice(0, Math.max(0, max - suffix.length - 1))}-${suffix}`;
  }
}

function configuredGenerator(rule: ColumnRule, column: ColumnInfo, restriction: ColumnRestriction, faker: Faker): ValueGenerator {
  const fit = (value: unknown): unknown => {
    const converted = toColumnValue(value, column.type);
    if (typeof converted !== 'string' || !['text', 'char'].includes(column.type.kind)) return converted;
    const { min, max } = lengthLimits(column.type, restriction);
    return fitLength(converted, min, max, faker);
  };
  switch (rule.kind) {
    case 'value': {
      const value = toColumnValue(rule.value, column.type);
      return () => value;
    }
    case 'oneOf':
      return () => toColumnValue(faker.helpers.arrayElement(rule.values), column.type);
    case 'faker': {
      const method = resolveFakerMethod(rule.method, faker);
      if (typeof method === 'string') throw new SeedError(method, { column: column.name });
      return () => fit(method(...rule.args));
    }
    case 'default':
      return () => null;
  }
}
