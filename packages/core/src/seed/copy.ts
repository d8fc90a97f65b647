/**
 * The anonymised copy (opt-in): a subset of a source database's rows, masked, written to a
 * staging target. Parents are sampled first and their sampled keys choose the children, so the
 * subset keeps its foreign keys. Columns that hold personal data (configured, listed, or detected
 * by name) are masked in this process before anything is sent to the target; keeping one
 * unmasked needs `{"keep": "<reason>"}`. The source is read in one read-only snapshot, the target
 * is written in one transaction. Limits: docs/seed.md.
 */
import { randomBytes } from 'node:crypto';
import type { ClientBase } from 'pg';
import { loadParser } from '../parser';
import { defaultSeedConfig, type MaskRule, type SeedConfig } from './config';
import { SeedError } from './errors';
import { refuseProduction } from './guard';
import { DEFAULT_BATCH_ROWS, insertRows, updateRows } from './insert';
import { introspectSchema, isSequenceFilled, quoteIdent, quoteTable, type ColumnInfo, type ForeignKey, type TableInfo } from './introspect';
import { buildMasker, detectPersonalData, type Masker } from './mask';
import { planInsertOrder } from './order';
import { tableRestrictions, uniqueKeys } from './rows';
import { loadKeyTuples } from './seed';
import { chooseTables } from './selection';

export interface CopyOptions {
  config?: SeedConfig;
  /** Chooses the sample and the fake values; default: the configuration's seed. */
  seed?: number;
  environment?: string;
  /** HMAC key for `hash`. Give the same key to get the same hashes on every run; default: random per run. */
  hashKey?: string;
  batchRows?: number;
  log?: (line: string) => void;
}

export type MaskOrigin = 'configured' | 'listed' | 'detected';

export interface MaskedColumn {
  /** `schema.table.column` */
  column: string;
  rule: MaskRule['kind'];
  origin: MaskOrigin;
  /** What detection saw (email, phone, name, ...). */
  personalData?: string;
  /** The reason given for keeping a personal-data column unmasked. */
  reason?: string;
}

export interface CopyResult {
  environment?: string;
  marker?: string;
  tables: { table: string; rows: number }[];
  rowsCopied: number;
  /** Every column not copied verbatim, and every personal-data column kept with a reason. */
  masked: MaskedColumn[];
  warnings: string[];
  durationMs: number;
}

interface ColumnPlan {
  column: ColumnInfo;
  mask?: Masker;
  /** Fetched as a JSON array so that each element can be masked. */
  asJson: boolean;
  /** Values already written, for masked columns that must stay distinct. */
  distinct?: Set<string>;
}

interface TablePlan {
  table: TableInfo;
  columns: ColumnPlan[];
  limit: number;
}

function sameKey(values: unknown[]): string {
  return JSON.stringify(values.map((v) => (v === null || v === undefined ? null : String(v))));
}

/** Decides each column's rule; refuses personal data kept without a reason and masks that would break keys. */
function planMasks(table: TableInfo, sourceColumns: Set<string>, config: SeedConfig, options: { seed: number; hashKey: string }, keyColumns: Set<string>): { plans: ColumnPlan[]; masked: MaskedColumn[] } {
  const { restrictions } = tableRestrictions(table);
  const plans: ColumnPlan[] = [];
  const masked: MaskedColumn[] = [];
  const singleUnique = new Set(uniqueKeys(table).filter((k) => k.columns.length === 1).map((k) => k.columns[0]));
  for (const column of table.columns) {
    if (column.generated || !sourceColumns.has(column.name)) continue;
    const id = `${table.qualified}.${column.name}`;
    const configured = config.copy.masks[id];
    const listed = config.copy.pii.includes(id);
    const personalData = detectPersonalData(column);
    const isKey = keyColumns.has(id);
    let rule: MaskRule;
    let origin: MaskOrigin;
    if (configured) {
      rule = configured;
      origin = 'configured';
    } else if (listed || personalData) {
      // A key column must map the same value to the same mask on both sides of the foreign key: only hash does.
      rule = isKey ? { kind: 'hash' } : { kind: 'fake' };
      origin = listed ? 'listed' : 'detected';
    } else {
      plans.push({ column, asJson: false });
      continue;
    }
    if (rule.kind === 'keep') {
      if ((listed || personalData) && !rule.reason) {
        throw new SeedError(
          `Refusing to copy ${id} unmasked: it ${listed ? 'is listed as personal data' : `looks like personal data (${personalData})`}. ` +
            `Mask it ("hash", "fake", "null", {"fixed": value}) or keep it with a reason: "masks": {"${id}": {"keep": "why this is safe"}}.`,
          { table: table.qualified, column: column.name },
        );
      }
      if (listed || personalData) masked.push({ column: id, rule: 'keep', origin, personalData, reason: rule.reason });
      plans.push({ column, asJson: false });
      continue;
    }
    if (isKey && rule.kind !== 'hash') {
      throw new SeedError(
        `Cannot mask ${id} with "${rule.kind}": it is part of a foreign key, and only "hash" maps a value to the same masked value on both sides. Use "hash" on this column and on the columns it references or that reference it.`,
        { table: table.qualified, column: column.name },
      );
    }
    const isArray = column.type.kind === 'array';
    plans.push({
      column,
      asJson: isArray,
      mask: buildMasker(rule, {
        tableName: table.name,
        column,
        restriction: restrictions.get(column.name)!,
        seed: options.seed,
        locale: config.locale,
        referenceDate: config.referenceDate,
        hashKey: options.hashKey,
      }),
      distinct: singleUnique.has(column.name) && rule.kind === 'fake' ? new Set() : undefined,
    });
    masked.push({ column: id, rule: rule.kind, origin, personalData });
  }
  return { plans, masked };
}

/** Both sides of every foreign key between copied tables must be masked alike. */
function checkKeyMasks(tables: TableInfo[], masked: MaskedColumn[]): void {
  const ruleOf = (id: string) => masked.find((m) => m.column === id && m.rule !== 'keep')?.rule ?? 'keep';
  for (const table of tables) {
    for (const fk of table.foreignKeys) {
      fk.columns.forEach((column, i) => {
        const child = `${table.qualified}.${column}`;
        const parent = `${fk.references}.${fk.referencedColumns[i]}`;
        if (ruleOf(child) !== ruleOf(parent)) {
          throw new SeedError(
            `${child} references ${parent}, but they are masked differently (${ruleOf(child)} vs ${ruleOf(parent)}), which would break foreign key ${fk.name}. Give both the same rule ("hash" or a reasoned "keep").`,
            { table: table.qualified, column, constraint: fk.name },
          );
        }
      });
    }
  }
}

function withSuffix(value: unknown, attempt: number): unknown {
  if (typeof value !== 'string') return value;
  const at = value.indexOf('@');
  return at > 0 ? `${value.slice(0, at)}+${attempt}${value.slice(at)}` : `${value}-${attempt}`;
}

function maskRow(plan: TablePlan, raw: unknown[]): unknown[] {
  return plan.columns.map((columnPlan, i) => {
    const value = raw[i];
    if (!columnPlan.mask) return columnPlan.asJson && typeof value === 'string' ? JSON.parse(value) : value;
    const input = columnPlan.asJson && typeof value === 'string' ? (JSON.parse(value) as unknown[]) : (value as string | null);
    let masked = columnPlan.mask(input);
    if (columnPlan.distinct && masked !== null) {
      for (let attempt = 1; columnPlan.distinct.has(String(masked)); attempt++) masked = withSuffix(masked, attempt);
      columnPlan.distinct.add(String(masked));
    }
    return masked;
  });
}

/**
 * Copies a masked subset of `source` into `target`. Neither client may be inside a transaction;
 * the source is only read.
 */
export async function copyAnonymised(source: ClientBase, target: ClientBase, options: CopyOptions = {}): Promise<CopyResult> {
  const started = Date.now();
  const config = options.config ?? defaultSeedConfig();
  const seed = options.seed ?? config.seed;
  const log = options.log ?? (() => undefined);
  const hashKey = options.hashKey ?? randomBytes(32).toString('hex');
  const { marker, warnings } = await refuseProduction(target, { environment: options.environment, productionEnvironments: config.productionEnvironments });
  await loadParser();

  await source.query('begin isolation level repeatable read read only');
  await target.query('begin');
  try {
    const sourceSchema = await introspectSchema(source);
    const targetSchema = await introspectSchema(target);
    const chosen = chooseTables(targetSchema, config, Object.keys(config.copy.tables)).filter((t) => {
      if (sourceSchema.tables.has(t.qualified)) return true;
      warnings.push(`${t.qualified} does not exist in the source database; not copied.`);
      return false;
    });
    const chosenNames = new Set(chosen.map((t) => t.qualified));
    const keyColumns = new Set<string>();
    for (const table of chosen) {
      for (const fk of table.foreignKeys) {
        fk.columns.forEach((c) => keyColumns.add(`${table.qualified}.${c}`));
        fk.referencedColumns.forEach((c) => keyColumns.add(`${fk.references}.${c}`));
      }
    }
    const plans = new Map<string, TablePlan>();
    const masked: MaskedColumn[] = [];
    for (const table of chosen) {
      const sourceColumns = new Set(sourceSchema.tables.get(table.qualified)!.columns.map((c) => c.name));
      const missing = table.columns.filter((c) => !c.generated && !sourceColumns.has(c.name));
      if (missing.length > 0) warnings.push(`${table.qualified}: ${missing.map((c) => c.name).join(', ')} not in the source; the target's defaults apply.`);
      const result = planMasks(table, sourceColumns, config, { seed, hashKey }, keyColumns);
      plans.set(table.qualified, { table, columns: result.plans, limit: config.copy.tables[table.qualified]?.limit ?? config.copy.limit });
      masked.push(...result.masked);
    }
    checkKeyMasks(chosen, masked);

    const order = planInsertOrder(
      chosen.map((t) => t.qualified),
      chosen.flatMap((t) =>
        t.foreignKeys
          .filter((fk) => chosenNames.has(fk.references))
          .map((fk) => ({ child: t.qualified, parent: fk.references, name: fk.name, breakable: isNullableKey(t, fk) })),
      ),
    );
    const deferred = new Set(order.deferred.map((d) => `${d.child}|${d.name}`));
    /** Source key tuples copied per `table|columns`: they choose the children and decide the later links. */
    const sampledKeys = new Map<string, Set<string>>();
    const copied: { table: string; rows: number }[] = [];
    const updates: LaterLinks[] = [];

    for (const name of order.tables) {
      const plan = plans.get(name)!;
      const { table } = plan;
      const laterKeys = table.foreignKeys.filter((fk) => deferred.has(`${name}|${fk.name}`) || (fk.references === name && isNullableKey(table, fk)));
      const sample = await sampleRows(source, target, plan, { seed, sampledKeys, laterKeys, chosenNames, targetTables: targetSchema.tables });
      const laterSlots = laterKeys.map((fk) => fk.columns.map((c) => plan.columns.findIndex((p) => p.column.name === c)));
      const links = sample.raw.map((raw, i) => laterSlots.map((slots) => ({ source: slots.map((s) => raw[s]), masked: slots.map((s) => sample.masked[i][s]) })));
      for (const row of sample.masked) for (const slots of laterSlots) for (const s of slots) row[s] = null;

      const identity = laterKeys.length > 0 ? identityFor(table, new Set(laterKeys.flatMap((k) => k.columns))) : undefined;
      let cursor = 0;
      const outcome = await insertRows(
        target,
        { table, columns: plan.columns.map((p) => p.column), next: () => (cursor < sample.masked.length ? sample.masked[cursor++] : undefined) },
        sample.masked.length,
        { returning: identity?.expressions.map((e) => `${e}::text`), batchRows: options.batchRows ?? DEFAULT_BATCH_ROWS, retryRejectedRows: false },
      );
      if (laterKeys.length > 0) updates.push({ plan, keys: laterKeys, links, returned: outcome.returned });
      recordSampledKeys(sampledKeys, table, sample.raw, plan);
      copied.push({ table: name, rows: outcome.inserted });
      log(`${name}: ${outcome.inserted} rows copied`);
    }
    for (const update of updates) await linkLater(target, update, sampledKeys);
    await resetSequences(target, chosen);
    await target.query('commit');
    await source.query('commit');
    copied.sort((a, b) => (a.table < b.table ? -1 : a.table > b.table ? 1 : 0));
    return {
      environment: options.environment,
      marker: marker?.name,
      tables: copied,
      rowsCopied: copied.reduce((sum, t) => sum + t.rows, 0),
      masked,
      warnings,
      durationMs: Date.now() - started,
    };
  } catch (err) {
    await target.query('rollback').catch(() => undefined);
    await source.query('rollback').catch(() => undefined);
    throw err;
  }
}

function isNullableKey(table: TableInfo, fk: ForeignKey): boolean {
  return fk.columns.every((c) => !table.columns.find((col) => col.name === c)!.notNull);
}

function identityFor(table: TableInfo, laterColumns: Set<string>): { expressions: string[]; types: string[] } {
  const pk = table.primaryKey;
  if (pk && pk.columns.every((c) => !laterColumns.has(c))) {
    return { expressions: pk.columns.map(quoteIdent), types: pk.columns.map((c) => table.columns.find((col) => col.name === c)!.type.sqlName) };
  }
  return { expressions: ['ctid'], types: ['tid'] };
}

function columnsKey(table: string, columns: string[]): string {
  return `${table}|${columns.join(',')}`;
}

/** Remembers the source key tuples copied from `table`, per primary or unique key. */
function recordSampledKeys(sampledKeys: Map<string, Set<string>>, table: TableInfo, rows: unknown[][], plan: TablePlan): void {
  const lists = [table.primaryKey?.columns, ...table.uniques.map((u) => u.columns)].filter((l): l is string[] => !!l);
  for (const columns of lists) {
    const slots = columns.map((c) => plan.columns.findIndex((p) => p.column.name === c));
    if (slots.some((s) => s < 0)) continue;
    const key = columnsKey(table.qualified, columns);
    const set = sampledKeys.get(key) ?? new Set<string>();
    for (const row of rows) set.add(sameKey(slots.map((s) => row[s])));
    sampledKeys.set(key, set);
  }
}

interface SampleContext {
  seed: number;
  sampledKeys: Map<string, Set<string>>;
  /** Keys set after insertion: not used to filter the sample. */
  laterKeys: ForeignKey[];
  chosenNames: Set<string>;
  targetTables: Map<string, TableInfo>;
}

/**
 * Reads up to `limit` rows, chosen by a seeded hash order, whose foreign keys point at rows the
 * target has (copied parents, or existing rows of tables not copied), and masks them.
 */
async function sampleRows(source: ClientBase, target: ClientBase, plan: TablePlan, ctx: SampleContext): Promise<{ raw: unknown[][]; masked: unknown[][] }> {
  const { table } = plan;
  const params: unknown[] = [String(ctx.seed)];
  const filters: string[] = [];
  for (const fk of table.foreignKeys) {
    if (ctx.laterKeys.includes(fk)) continue;
    let parents: string[][];
    if (ctx.chosenNames.has(fk.references)) {
      const set = ctx.sampledKeys.get(columnsKey(fk.references, fk.referencedColumns));
      parents = set ? [...set].map((k) => JSON.parse(k) as string[]) : [];
    } else {
      parents = (await loadKeyTuples(target, ctx.targetTables.get(fk.references)!, fk.referencedColumns)) as string[][];
    }
    const columnTypes = fk.columns.map((c) => table.columns.find((col) => col.name === c)!.type.sqlName);
    const arrays = fk.columns.map((_, i) => {
      params.push(parents.map((p) => p[i]));
      return `$${params.length}::${columnTypes[i]}[]`;
    });
    const anyNull = fk.columns.map((c) => `t.${quoteIdent(c)} is null`).join(' or ');
    filters.push(`(${anyNull} or (${fk.columns.map((c) => `t.${quoteIdent(c)}`).join(', ')}) in (select * from unnest(${arrays.join(', ')})))`);
  }
  const orderKey = table.primaryKey ? `row(${table.primaryKey.columns.map((c) => `t.${quoteIdent(c)}`).join(', ')})::text` : 't::text';
  params.push(plan.limit);
  const select = plan.columns.map((p) => (p.asJson ? `to_json(t.${quoteIdent(p.column.name)})::text` : `t.${quoteIdent(p.column.name)}::text`));
  const text =
    `select ${select.join(', ') || '1'} from ${quoteTable(table)} as t` +
    (filters.length > 0 ? ` where ${filters.join(' and ')}` : '') +
    ` order by md5(${orderKey} || $1) limit $${params.length}`;
  const { rows } = await source.query({ text, values: params, rowMode: 'array' });
  const fetched = plan.columns.length === 0 ? (rows as unknown[][]).map(() => []) : (rows as unknown[][]);
  const raw = dropUnreachableSelfRows(plan, fetched, ctx.laterKeys);
  return { raw, masked: raw.map((row) => maskRow(plan, row)) };
}

/**
 * A NOT NULL self-reference can only point at rows that are copied too: drop rows whose parent
 * was not sampled until none is left dangling. (Nullable ones are set later or left null.)
 */
function dropUnreachableSelfRows(plan: TablePlan, rows: unknown[][], laterKeys: ForeignKey[]): unknown[][] {
  const { table } = plan;
  const selfKeys = table.foreignKeys.filter((fk) => fk.references === table.qualified && !laterKeys.includes(fk));
  if (selfKeys.length === 0) return rows;
  const slot = (c: string) => plan.columns.findIndex((p) => p.column.name === c);
  let kept = rows;
  for (;;) {
    const before = kept.length;
    for (const fk of selfKeys) {
      const present = new Set(kept.map((row) => sameKey(fk.referencedColumns.map((c) => row[slot(c)]))));
      kept = kept.filter((row) => {
        const values = fk.columns.map((c) => row[slot(c)]);
        return values.some((v) => v === null) || present.has(sameKey(values));
      });
    }
    if (kept.length === before) return kept;
  }
}

interface LaterLinks {
  plan: TablePlan;
  keys: ForeignKey[];
  /** Per inserted row, per key: the source values (to find the parent) and the masked ones (to write). */
  links: { source: unknown[]; masked: unknown[] }[][];
  returned: unknown[][];
}

async function linkLater(target: ClientBase, update: LaterLinks, sampledKeys: Map<string, Set<string>>): Promise<void> {
  const { plan, keys, links, returned } = update;
  const { table } = plan;
  const identity = identityFor(table, new Set(keys.flatMap((k) => k.columns)));
  const columns = keys.flatMap((fk) => fk.columns.map((c) => table.columns.find((col) => col.name === c)!));
  const values = returned.map((identityValues, i) => [
    ...identityValues,
    ...keys.flatMap((fk, k) => {
      const link = links[i][k];
      const present = sampledKeys.get(columnsKey(fk.references, fk.referencedColumns));
      // A parent outside the subset would break the key: leave the reference null.
      return link.source.every((v) => v !== null) && present?.has(sameKey(link.source)) ? link.masked : fk.columns.map(() => null);
    }),
  ]);
  const changed = values.filter((row) => row.slice(identity.expressions.length).some((v) => v !== null));
  if (changed.length === 0) return;
  await updateRows(target, table, { identity: identity.expressions, identityTypes: identity.types, columns, columnTypes: columns.map((c) => c.type.sqlName), rows: changed });
}

/** Moves identity and serial sequences past the copied keys, so the application's next insert does not collide. */
async function resetSequences(target: ClientBase, tables: TableInfo[]): Promise<void> {
  for (const table of tables) {
    for (const column of table.columns.filter(isSequenceFilled)) {
      await target.query(
        `select setval(s, m) from (select pg_get_serial_sequence($1, $2) as s, (select max(${quoteIdent(column.name)}) from ${quoteTable(table)})::bigint as m) as x where s is not null and m is not null`,
        [quoteTable(table), column.name],
      );
    }
  }
}
