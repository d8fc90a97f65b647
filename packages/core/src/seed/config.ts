/**
 * The seed configuration: a JSON file (`seed.config.json`), or the `seed` section of a larger JSON
 * file such as `.migration-gate.json`. Every key is optional.
 *
 * {
 *   "seed": 42,                          // same seed, same rows
 *   "rows": 100,                         // rows per table unless the table says otherwise
 *   "locale": "en",                      // faker locale (de, fr, pt_BR, ...)
 *   "referenceDate": "2025-01-01",       // "now" for generated dates, so that runs are repeatable
 *   "schemas": ["public"],               // default: every schema that is not platform-managed
 *   "skip": ["public.audit_log", "archive.*"],
 *   "sqlFiles": ["supabase/seed.sql"],   // applied first, in the same transaction
 *   "productionEnvironments": ["live"],  // added to production and prod
 *   "tables": {
 *     "profiles": {                      // unqualified names are in public
 *       "rows": 20,
 *       "columns": {
 *         "email": { "faker": "internet.email", "args": [{ "provider": "example.com" }] },
 *         "plan": { "oneOf": ["free", "pro"] },
 *         "country": { "value": "NZ" },
 *         "created_at": { "default": true }
 *       }
 *     }
 *   },
 *   "copy": {                            // anonymised copy from a source database (opt-in)
 *     "limit": 200,
 *     "tables": { "orders": { "limit": 500 } },
 *     "pii": ["public.orders.delivery_note"],
 *     "masks": { "public.users.email": "hash", "public.users.city": { "keep": "city alone does not identify anyone" } }
 *   }
 * }
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { allLocales } from '@faker-js/faker';
import { parseJsonObject } from '../json-file';
import { resolveFakerMethod } from './faker';

export type ColumnRule =
  | { kind: 'value'; value: unknown }
  | { kind: 'oneOf'; values: unknown[] }
  | { kind: 'faker'; method: string; args: unknown[] }
  | { kind: 'default' };

export interface TableSettings {
  rows?: number;
  columns: Record<string, ColumnRule>;
}

export type MaskRule =
  | { kind: 'hash' }
  | { kind: 'fake' }
  | { kind: 'null' }
  | { kind: 'fixed'; value: unknown }
  | { kind: 'keep'; reason?: string };

export interface CopySettings {
  /** Rows per table unless `tables` says otherwise. */
  limit: number;
  tables: Record<string, { limit?: number }>;
  /** `schema.table.column` of columns holding personal data that the name does not give away. */
  pii: string[];
  masks: Record<string, MaskRule>;
}

export interface SeedConfig {
  seed: number;
  rows: number;
  locale: string;
  referenceDate: Date;
  schemas?: string[];
  skip: string[];
  /** undefined: `supabase/seed.sql` when that file exists. */
  sqlFiles?: string[];
  productionEnvironments: string[];
  tables: Record<string, TableSettings>;
  copy: CopySettings;
}

/**
 * Schemas that the Supabase platform or an extension owns. Seeding them would fight the platform
 * (auth.users has triggers and invariants of its own), so they are skipped unless a table there
 * is named under `tables`.
 */
export const MANAGED_SCHEMAS = [
  'auth',
  'storage',
  'supabase_migrations',
  'supabase_functions',
  'extensions',
  'graphql',
  'graphql_public',
  'realtime',
  '_realtime',
  'vault',
  'pgsodium',
  'pgsodium_masks',
  'net',
  'cron',
  'pgbouncer',
  '_analytics',
  'pgtle',
] as const;

export const DEFAULT_PRODUCTION_ENVIRONMENTS = ['production', 'prod'];
export const DEFAULT_SEED_SQL_FILE = 'supabase/seed.sql';

export function defaultSeedConfig(): SeedConfig {
  return {
    seed: 1,
    rows: 100,
    locale: 'en',
    referenceDate: new Date('2025-01-01T00:00:00Z'),
    skip: [],
    productionEnvironments: [...DEFAULT_PRODUCTION_ENVIRONMENTS],
    tables: {},
    copy: { limit: 100, tables: {}, pii: [], masks: {} },
  };
}

/** `posts` → `public.posts`; `app.posts` stays. */
export function qualifyTableName(name: string): string {
  return name.includes('.') ? name : `public.${name}`;
}

/** `posts.email` → `public.posts.email`; `app.posts.email` stays. */
export function qualifyColumnName(name: string): string {
  return name.split('.').length === 2 ? `public.${name}` : name;
}

type Raw = Record<string, unknown>;

function isObject(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function rejectUnknownKeys(input: Raw, known: string[], where: string): void {
  for (const key of Object.keys(input)) {
    if (!known.includes(key)) throw new Error(`${where}: unknown key "${key}". Known keys: ${known.filter((k) => k !== '$schema').join(', ')}.`);
  }
}

function positiveCount(value: unknown, where: string, allowZero: boolean): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < (allowZero ? 0 : 1)) {
    throw new Error(`${where} must be ${allowZero ? 'a whole number (0 or more)' : 'a positive whole number'}, not ${JSON.stringify(value)}.`);
  }
  return value;
}

function stringList(value: unknown, where: string): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && v.trim() !== '')) throw new Error(`${where} must be a list of non-empty strings.`);
  return value.map((v: string) => v.trim());
}

function resolveColumnRule(raw: unknown, where: string): ColumnRule {
  if (!isObject(raw)) throw new Error(`${where} must be an object: {"value": ...}, {"oneOf": [...]}, {"faker": "internet.email"} or {"default": true}.`);
  const keys = Object.keys(raw).filter((k) => k !== 'args');
  if (keys.length !== 1) throw new Error(`${where} must have exactly one of "value", "oneOf", "faker", "default" (got ${keys.join(', ') || 'none'}).`);
  const [kind] = keys;
  if (raw.args !== undefined && kind !== 'faker') throw new Error(`${where}: "args" only goes with "faker".`);
  switch (kind) {
    case 'value':
      return { kind: 'value', value: raw.value };
    case 'oneOf':
      if (!Array.isArray(raw.oneOf) || raw.oneOf.length === 0) throw new Error(`${where}.oneOf must be a non-empty list of values.`);
      return { kind: 'oneOf', values: raw.oneOf };
    case 'faker': {
      if (typeof raw.faker !== 'string') throw new Error(`${where}.faker must be a faker method path such as "internet.email".`);
      if (raw.args !== undefined && !Array.isArray(raw.args)) throw new Error(`${where}.args must be a list of arguments.`);
      const problem = resolveFakerMethod(raw.faker);
      if (typeof problem === 'string') throw new Error(`${where}.faker: ${problem}`);
      return { kind: 'faker', method: raw.faker, args: (raw.args as unknown[] | undefined) ?? [] };
    }
    case 'default':
      if (raw.default !== true) throw new Error(`${where}.default must be true (use the column's database default).`);
      return { kind: 'default' };
    default:
      throw new Error(`${where}: unknown generator "${kind}"; use "value", "oneOf", "faker" or "default".`);
  }
}

function resolveTable(raw: unknown, where: string): TableSettings {
  if (!isObject(raw)) throw new Error(`${where} must be an object with "rows" and/or "columns".`);
  rejectUnknownKeys(raw, ['rows', 'columns'], where);
  const settings: TableSettings = { columns: {} };
  if (raw.rows !== undefined) settings.rows = positiveCount(raw.rows, `${where}.rows`, true);
  if (raw.columns !== undefined) {
    if (!isObject(raw.columns)) throw new Error(`${where}.columns must map column names to generators.`);
    for (const [column, rule] of Object.entries(raw.columns)) settings.columns[column] = resolveColumnRule(rule, `${where}.columns.${column}`);
  }
  return settings;
}

const MASK_NAMES = ['hash', 'fake', 'null', 'keep'] as const;

function resolveMask(raw: unknown, where: string): MaskRule {
  if (typeof raw === 'string') {
    if (!(MASK_NAMES as readonly string[]).includes(raw)) throw new Error(`${where} must be one of ${MASK_NAMES.join(', ')}, {"fixed": value} or {"keep": "reason"}, not "${raw}".`);
    return { kind: raw as 'hash' | 'fake' | 'null' | 'keep' };
  }
  if (isObject(raw) && Object.keys(raw).length === 1) {
    if ('fixed' in raw) return { kind: 'fixed', value: raw.fixed };
    if ('keep' in raw) {
      if (typeof raw.keep !== 'string' || !raw.keep.trim()) throw new Error(`${where}.keep must be the reason why the column may be copied unmasked.`);
      return { kind: 'keep', reason: raw.keep.trim() };
    }
  }
  throw new Error(`${where} must be one of ${MASK_NAMES.join(', ')}, {"fixed": value} or {"keep": "reason"}.`);
}

function resolveCopy(raw: unknown, where: string, copy: CopySettings): void {
  if (!isObject(raw)) throw new Error(`${where} must be an object.`);
  rejectUnknownKeys(raw, ['limit', 'tables', 'pii', 'masks'], where);
  if (raw.limit !== undefined) copy.limit = positiveCount(raw.limit, `${where}.limit`, true);
  if (raw.tables !== undefined) {
    if (!isObject(raw.tables)) throw new Error(`${where}.tables must map table names to {"limit": n}.`);
    for (const [table, settings] of Object.entries(raw.tables)) {
      const at = `${where}.tables.${table}`;
      if (!isObject(settings)) throw new Error(`${at} must be an object such as {"limit": 50}.`);
      rejectUnknownKeys(settings, ['limit'], at);
      copy.tables[qualifyTableName(table)] = settings.limit === undefined ? {} : { limit: positiveCount(settings.limit, `${at}.limit`, true) };
    }
  }
  if (raw.pii !== undefined) copy.pii = stringList(raw.pii, `${where}.pii`).map(qualifyColumnName);
  if (raw.masks !== undefined) {
    if (!isObject(raw.masks)) throw new Error(`${where}.masks must map "table.column" to a masking rule.`);
    for (const [column, rule] of Object.entries(raw.masks)) {
      if (column.split('.').length < 2) throw new Error(`${where}.masks: "${column}" must name a column as table.column or schema.table.column.`);
      copy.masks[qualifyColumnName(column)] = resolveMask(rule, `${where}.masks.${column}`);
    }
  }
}

/** Validates a parsed configuration object; throws an Error naming the bad key. */
export function resolveSeedConfig(raw: unknown, source = 'seed configuration'): SeedConfig {
  const config = defaultSeedConfig();
  if (raw === undefined || raw === null) return config;
  if (!isObject(raw)) throw new Error(`${source}: the seed configuration must be a JSON object.`);
  rejectUnknownKeys(raw, ['$schema', 'seed', 'rows', 'locale', 'referenceDate', 'schemas', 'skip', 'sqlFiles', 'productionEnvironments', 'tables', 'copy'], source);
  if (raw.seed !== undefined) {
    if (typeof raw.seed !== 'number' || !Number.isSafeInteger(raw.seed)) throw new Error(`${source}: "seed" must be a whole number.`);
    config.seed = raw.seed;
  }
  if (raw.rows !== undefined) config.rows = positiveCount(raw.rows, `${source}: "rows"`, true);
  if (raw.locale !== undefined) {
    if (typeof raw.locale !== 'string' || !(raw.locale in allLocales)) throw new Error(`${source}: "locale" must be a faker locale such as "en", "de" or "pt_BR", not ${JSON.stringify(raw.locale)}.`);
    config.locale = raw.locale;
  }
  if (raw.referenceDate !== undefined) {
    const date = typeof raw.referenceDate === 'string' ? new Date(raw.referenceDate) : undefined;
    if (!date || Number.isNaN(date.getTime())) throw new Error(`${source}: "referenceDate" must be a date such as "2025-01-01".`);
    config.referenceDate = date;
  }
  if (raw.schemas !== undefined) config.schemas = stringList(raw.schemas, `${source}: "schemas"`);
  if (raw.skip !== undefined) config.skip = stringList(raw.skip, `${source}: "skip"`);
  if (raw.sqlFiles !== undefined) {
    if (!Array.isArray(raw.sqlFiles) || !raw.sqlFiles.every((f) => typeof f === 'string')) throw new Error(`${source}: "sqlFiles" must be a list of paths.`);
    config.sqlFiles = raw.sqlFiles as string[];
  }
  if (raw.productionEnvironments !== undefined) {
    // Added to the defaults: a configuration can name more production environments, never fewer.
    const names = stringList(raw.productionEnvironments, `${source}: "productionEnvironments"`);
    config.productionEnvironments = [...new Set([...DEFAULT_PRODUCTION_ENVIRONMENTS, ...names])];
  }
  if (raw.tables !== undefined) {
    if (!isObject(raw.tables)) throw new Error(`${source}: "tables" must map table names to settings.`);
    for (const [table, settings] of Object.entries(raw.tables)) config.tables[qualifyTableName(table)] = resolveTable(settings, `${source}: tables.${table}`);
  }
  if (raw.copy !== undefined) resolveCopy(raw.copy, `${source}: copy`, config.copy);
  return config;
}

/**
 * Reads a seed configuration file. A file whose `seed` key is an object (e.g. a shared
 * `.migration-gate.json`) contributes that section only.
 */
export async function loadSeedConfig(file: string): Promise<SeedConfig> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    throw new Error(`Cannot read the seed configuration ${file}: ${(err as Error).message}`);
  }
  const raw = parseJsonObject(text, file);
  if (isObject(raw) && isObject(raw.seed)) return resolveSeedConfig(raw.seed, `${path.basename(file)} (seed section)`);
  return resolveSeedConfig(raw, path.basename(file));
}
