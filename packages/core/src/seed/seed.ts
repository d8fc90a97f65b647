/**
 * `seed`: fills a development, preview or staging database with synthetic rows that satisfy its
 * schema. The production guard runs first; then, in ONE transaction, `supabase/seed.sql` (when
 * present), the schema is read, tables are filled parents-first, and the foreign keys of cycles
 * are set by updates. Any failure rolls everything back, so a failed run leaves nothing behind.
 */
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { ClientBase } from 'pg';
import { loadParser, parseSql } from '../parser';
import { DEFAULT_SEED_SQL_FILE, defaultSeedConfig, type SeedConfig } from './config';
import { isDatabaseError, SeedError } from './errors';
import { createFaker, derivedSeed } from './faker';
import { refuseProduction } from './guard';
import { DEFAULT_BATCH_ROWS, insertRows, updateRows } from './insert';
import { introspectSchema, quoteIdent, quoteTable, type ColumnInfo, type ForeignKey, type SchemaModel, type TableInfo } from './introspect';
import { planInsertOrder, type Dependency } from './order';
import { TableRows, type ForeignKeyMode } from './rows';
import { chooseTables } from './selection';

export interface SeedOptions {
  config?: SeedConfig;
  /** Overrides the configuration's seed. */
  seed?: number;
  /** Rows per table, overriding the configuration's default (tables that set `rows` keep theirs). */
  rows?: number;
  /** The environment the caller says the target is; production names are refused. */
  environment?: string;
  /** Folder that relative `sqlFiles` paths (and the default `supabase/seed.sql`) are resolved against. */
  root?: string;
  batchRows?: number;
  log?: (line: string) => void;
}

export interface SeededTable {
  /** `schema.table` */
  table: string;
  rows: number;
  /** Rows whose cycle or self-reference keys were set after insertion. */
  updated: number;
  /** Generated rows Postgres rejected (a CHECK too complex to read, an expression index) and that were regenerated. */
  rejected: number;
}

export interface SeedResult {
  seed: number;
  environment?: string;
  /** The environment the database's marker names, when it has one. */
  marker?: string;
  tables: SeededTable[];
  rowsInserted: number;
  /** SQL files applied before generating, as given. */
  sqlFiles: string[];
  warnings: string[];
  durationMs: number;
}

interface SqlFile {
  path: string;
  text: string;
}

async function readSqlFiles(config: SeedConfig, root: string): Promise<SqlFile[]> {
  const explicit = config.sqlFiles !== undefined;
  const paths = config.sqlFiles ?? (existsSync(path.resolve(root, DEFAULT_SEED_SQL_FILE)) ? [DEFAULT_SEED_SQL_FILE] : []);
  const files: SqlFile[] = [];
  for (const file of paths) {
    try {
      files.push({ path: file, text: await fs.readFile(path.resolve(root, file), 'utf8') });
    } catch (err) {
      if (!explicit) continue;
      throw new SeedError(`Cannot read the SQL file ${file} listed in "sqlFiles": ${(err as Error).message}`);
    }
  }
  return files;
}

function seedSqlError(file: SqlFile, err: unknown, line: number | undefined): SeedError {
  if (!isDatabaseError(err)) return new SeedError(`${file.path}: ${(err as Error)?.message ?? String(err)}`);
  return new SeedError(`${file.path}${line ? ` line ${line}` : ''}: ${err.message}`, {
    table: err.table ? `${err.schema ?? 'public'}.${err.table}` : undefined,
    column: err.column,
    constraint: err.constraint,
    code: err.code,
    detail: err.detail,
  });
}

/**
 * Runs a seed SQL file inside the seed's transaction, in one round trip. When it fails, the
 * file is replayed statement by statement under a savepoint to find the line that failed.
 */
export async function applySqlFile(client: ClientBase, file: SqlFile): Promise<void> {
  const parsed = parseSql(file.text);
  if (parsed.error) throw new SeedError(`${file.path} line ${parsed.error.line}: ${parsed.error.message}`);
  const control = parsed.statements.find((s) => s.kind === 'TransactionStmt');
  if (control) {
    throw new SeedError(
      `${file.path} line ${control.line} begins or ends a transaction; remove BEGIN/COMMIT/ROLLBACK: the seed runs the file inside its own single transaction so that a failure leaves nothing behind.`,
    );
  }
  await client.query('savepoint seed_sql_file');
  try {
    await client.query(file.text);
    await client.query('release savepoint seed_sql_file');
    return;
  } catch (err) {
    await client.query('rollback to savepoint seed_sql_file');
    if (!isDatabaseError(err)) throw seedSqlError(file, err, undefined);
  }
  for (const statement of parsed.statements) {
    try {
      await client.query(statement.text);
    } catch (err) {
      throw seedSqlError(file, err, statement.line);
    }
  }
  // The whole file failed but no statement alone did (e.g. a deferred constraint): report the file.
  throw new SeedError(`${file.path} failed as a whole but not statement by statement; run it with psql to see why.`);
}

/** Key tuples of `columns` in `table`, as text (Postgres parses them back into any type), in key order. */
export async function loadKeyTuples(client: ClientBase, table: TableInfo, columns: string[]): Promise<unknown[][]> {
  const quoted = columns.map(quoteIdent);
  const { rows } = await client.query({
    text: `select ${quoted.map((c) => `${c}::text`).join(', ')} from ${quoteTable(table)} where ${quoted.map((c) => `${c} is not null`).join(' and ')} order by ${quoted.join(', ')}`,
    rowMode: 'array',
  });
  return rows as unknown[][];
}

async function hasRows(client: ClientBase, table: TableInfo): Promise<boolean> {
  const { rows } = await client.query<{ present: boolean }>(`select exists (select 1 from ${quoteTable(table)}) as present`);
  return rows[0].present;
}

function isNullable(table: TableInfo, columns: string[]): boolean {
  return columns.every((name) => !table.columns.find((c) => c.name === name)!.notNull);
}

/** Dependencies between chosen tables; keys whose every column is configured do not order anything. */
function dependenciesOf(tables: TableInfo[], config: SeedConfig): Dependency[] {
  const chosen = new Set(tables.map((t) => t.qualified));
  return tables.flatMap((table) =>
    table.foreignKeys
      .filter((fk) => chosen.has(fk.references) && !fk.columns.every((c) => config.tables[table.qualified]?.columns[c]))
      .map((fk) => ({ child: table.qualified, parent: fk.references, name: fk.name, breakable: isNullable(table, fk.columns) })),
  );
}

interface PendingUpdate {
  table: TableInfo;
  keys: ForeignKey[];
  /** How returned rows are identified: key columns, or ctid for a table without a primary key. */
  identity: { expressions: string[]; types: string[] };
  /** Returned per inserted row: identity values, then the referenced columns of self-references. */
  returned: unknown[][];
  /** Per self-referencing key: where its referenced values sit in `returned` rows. */
  selfOffsets: Map<string, number>;
  existingSelfKeys: Map<string, unknown[][]>;
}

function identityOf(table: TableInfo, deferredColumns: Set<string>): { expressions: string[]; types: string[] } {
  const pk = table.primaryKey;
  if (pk && pk.columns.every((c) => !deferredColumns.has(c))) {
    return { expressions: pk.columns.map(quoteIdent), types: pk.columns.map((c) => table.columns.find((col) => col.name === c)!.type.sqlName) };
  }
  return { expressions: ['ctid'], types: ['tid'] };
}

/** Null probability of a key set by update: self-references keep some roots, so the data forms trees. */
const SELF_ROOT_PROBABILITY = 0.3;
const NULL_KEY_PROBABILITY = 0.1;

async function applyDeferredKeys(client: ClientBase, pending: PendingUpdate, generationSeed: number, config: SeedConfig, schema: SchemaModel): Promise<number> {
  const { table, keys, identity, returned } = pending;
  const faker = createFaker(config.locale, config.referenceDate, derivedSeed(generationSeed, table.qualified, '#deferred'));
  const columns: ColumnInfo[] = keys.flatMap((fk) => fk.columns.map((c) => table.columns.find((col) => col.name === c)!));
  const choices: ((rowIndex: number) => unknown[] | null)[] = [];
  for (const fk of keys) {
    if (fk.references === table.qualified) {
      const offset = pending.selfOffsets.get(fk.name)!;
      const existing = pending.existingSelfKeys.get(fk.name) ?? [];
      const width = fk.referencedColumns.length;
      choices.push((i) => {
        const candidates = existing.length + i;
        if (candidates === 0 || faker.number.float() < SELF_ROOT_PROBABILITY) return null;
        const pick = faker.number.int({ min: 0, max: candidates - 1 });
        return pick < existing.length ? existing[pick] : returned[pick - existing.length].slice(offset, offset + width);
      });
      continue;
    }
    const parent = schema.tables.get(fk.references)!;
    const parents = await loadKeyTuples(client, parent, fk.referencedColumns);
    const oneToOne = [table.primaryKey, ...table.uniques].some((k) => k && k.columns.every((c) => fk.columns.includes(c)));
    const order = oneToOne ? faker.helpers.shuffle(parents.map((_, i) => i)) : undefined;
    let cursor = 0;
    choices.push(() => {
      if (parents.length === 0 || faker.number.float() < NULL_KEY_PROBABILITY) return null;
      if (order) return cursor < order.length ? parents[order[cursor++]] : null;
      return faker.helpers.arrayElement(parents);
    });
  }
  const width = identity.expressions.length;
  const rows = returned.map((row, i) => [...row.slice(0, width), ...choices.flatMap((choose, k) => choose(i) ?? keys[k].columns.map(() => null))]);
  const changed = rows.filter((row) => row.slice(width).some((v) => v !== null));
  if (changed.length === 0) return 0;
  return updateRows(client, table, { identity: identity.expressions, identityTypes: identity.types, columns, columnTypes: columns.map((c) => c.type.sqlName), rows: changed });
}

/**
 * Seeds the database `client` is connected to. The client must not be inside a transaction:
 * the run opens and ends its own.
 */
export async function seedDatabase(client: ClientBase, options: SeedOptions = {}): Promise<SeedResult> {
  const started = Date.now();
  const config = options.config ?? defaultSeedConfig();
  const seed = options.seed ?? config.seed;
  const defaultRows = options.rows ?? config.rows;
  const log = options.log ?? (() => undefined);
  const root = options.root ?? process.cwd();
  const { marker, warnings } = await refuseProduction(client, { environment: options.environment, productionEnvironments: config.productionEnvironments });
  await loadParser();
  const sqlFiles = await readSqlFiles(config, root);
  const generation = { seed, locale: config.locale, referenceDate: config.referenceDate };
  const seeded: SeededTable[] = [];

  await client.query('begin');
  try {
    for (const file of sqlFiles) {
      log(`Applying ${file.path}`);
      await applySqlFile(client, file);
    }
    const schema = await introspectSchema(client);
    const tables = chooseTables(schema, config);
    const order = planInsertOrder(
      tables.map((t) => t.qualified),
      dependenciesOf(tables, config),
    );
    const deferredNames = new Set(order.deferred.map((d) => `${d.child}|${d.name}`));
    const pending: PendingUpdate[] = [];

    for (const name of order.tables) {
      const table = schema.tables.get(name)!;
      const count = config.tables[name]?.rows ?? defaultRows;
      if (count === 0) {
        seeded.push({ table: name, rows: 0, updated: 0, rejected: 0 });
        continue;
      }
      const modes = new Map<string, ForeignKeyMode>();
      for (const fk of table.foreignKeys) {
        if (fk.references === name) modes.set(fk.name, isNullable(table, fk.columns) ? { kind: 'deferred' } : { kind: 'self' });
        else if (deferredNames.has(`${name}|${fk.name}`)) modes.set(fk.name, { kind: 'deferred' });
        else modes.set(fk.name, { kind: 'pick', parentKeys: await loadKeyTuples(client, schema.tables.get(fk.references)!, fk.referencedColumns) });
      }
      const rows = new TableRows(table, config.tables[name], modes, generation);
      const existing = await hasRows(client, table);
      if (existing) for (const key of rows.trackedKeys) rows.rememberExisting(key.name, await loadKeyTuples(client, table, key.columns));

      let returning: string[] = [];
      let update: PendingUpdate | undefined;
      if (rows.deferredKeys.length > 0) {
        const deferredColumns = new Set(rows.deferredKeys.flatMap((fk) => fk.columns));
        const identity = identityOf(table, deferredColumns);
        // As text, so that every key type comes back exactly as Postgres will read it in the update.
        returning = identity.expressions.map((e) => `${e}::text`);
        const selfOffsets = new Map<string, number>();
        const existingSelfKeys = new Map<string, unknown[][]>();
        for (const fk of rows.deferredKeys.filter((k) => k.references === name)) {
          selfOffsets.set(fk.name, returning.length);
          returning.push(...fk.referencedColumns.map((c) => `${quoteIdent(c)}::text`));
          if (existing) existingSelfKeys.set(fk.name, await loadKeyTuples(client, table, fk.referencedColumns));
        }
        update = { table, keys: rows.deferredKeys, identity, returned: [], selfOffsets, existingSelfKeys };
        pending.push(update);
      }
      const outcome = await insertRows(client, rows, count, { returning, batchRows: options.batchRows ?? DEFAULT_BATCH_ROWS });
      if (update) update.returned = outcome.returned;
      if (outcome.inserted < count) {
        warnings.push(`${name}: ${outcome.inserted} of ${count} rows: each row needs its own parent through a one-to-one key, and the parents ran out.`);
      }
      seeded.push({ table: name, rows: outcome.inserted, updated: 0, rejected: outcome.rejected });
      log(`${name}: ${outcome.inserted} rows`);
    }
    for (const update of pending) {
      const updated = await applyDeferredKeys(client, update, seed, config, schema);
      const entry = seeded.find((s) => s.table === update.table.qualified)!;
      entry.updated = updated;
      log(`${update.table.qualified}: ${updated} rows linked through ${update.keys.map((k) => k.name).join(', ')}`);
    }
    await client.query('commit');
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  }
  seeded.sort((a, b) => (a.table < b.table ? -1 : a.table > b.table ? 1 : 0));
  return {
    seed,
    environment: options.environment,
    marker: marker?.name,
    tables: seeded,
    rowsInserted: seeded.reduce((sum, t) => sum + t.rows, 0),
    sqlFiles: sqlFiles.map((f) => f.path),
    warnings,
    durationMs: Date.now() - started,
  };
}
