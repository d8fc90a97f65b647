/**
 * Writing rows: multi-row INSERTs with parameters, batch by batch, inside the caller's
 * transaction. A batch is sent as one array parameter per column (`insert ... select from
 * unnest($1::int4[], $2::text[], ...)`), which Postgres parses and plans once however many rows it
 * carries (about three times faster than a VALUES list of the same rows); tables with array columns
 * use a VALUES list, since unnest would flatten them. The next batch is generated while Postgres
 * writes the current one.
 *
 * Each batch runs under a savepoint so that a row Postgres rejects (a CHECK this tool could not
 * read, a duplicate on an expression index) costs one batch, not the run: the batch is replayed
 * row by row and only the rejected rows are regenerated, a bounded number of times, before the
 * constraint is reported.
 */
import type { ClientBase } from 'pg';
import { isDatabaseError, seedErrorFromDatabase } from './errors';
import { quoteIdent, quoteTable, type ColumnInfo, type TableInfo } from './introspect';

/** Postgres's limit on parameters per statement (binds a VALUES list). */
const MAX_PARAMETERS = 65535;
export const DEFAULT_BATCH_ROWS = 2000;
/** Attempts per row that Postgres rejects (the first included). */
export const ROW_ATTEMPTS = 10;

/** check_violation, unique_violation, exclusion_violation: a different row may pass. */
const RETRYABLE = new Set(['23514', '23505', '23P01']);

export interface RowSource {
  table: TableInfo;
  columns: ColumnInfo[];
  /** A row in `columns` order; undefined when no further row can be made. */
  next(): unknown[] | undefined;
}

export interface InsertOutcome {
  inserted: number;
  /** Rows Postgres rejected and that were replaced by regenerated ones. */
  rejected: number;
  /** The RETURNING values of each inserted row, in insertion order. */
  returned: unknown[][];
}

export interface InsertOptions {
  /** SQL expressions (quoted columns, `ctid`) whose values come back per row. */
  returning?: string[];
  batchRows?: number;
  /** false: a rejected row is an error (copied rows cannot be regenerated). */
  retryRejectedRows?: boolean;
}

interface Statement {
  text: string;
  values: unknown[];
}

function prefix(table: TableInfo, columns: ColumnInfo[]): string {
  const overriding = columns.some((c) => c.identity === 'always') ? ' overriding system value' : '';
  return `insert into ${quoteTable(table)} (${columns.map((c) => quoteIdent(c.name)).join(', ')})${overriding}`;
}

function insertStatement(table: TableInfo, columns: ColumnInfo[], rows: unknown[][], returning: string[]): Statement {
  const returningClause = returning.length > 0 ? ` returning ${returning.join(', ')}` : '';
  if (columns.length === 0) {
    // Every column has a database default: a column-less SELECT yields rows of defaults.
    return { text: `insert into ${quoteTable(table)} select from generate_series(1, ${rows.length})${returningClause}`, values: [] };
  }
  if (!columns.some((c) => c.type.kind === 'array')) {
    const arrays = columns.map((_, c) => rows.map((row) => row[c]));
    const casts = columns.map((column, c) => `$${c + 1}::${column.type.sqlName}[]`);
    return { text: `${prefix(table, columns)} select * from unnest(${casts.join(', ')})${returningClause}`, values: arrays };
  }
  const width = columns.length;
  const tuples = rows.map((_, r) => `(${columns.map((__, c) => `$${r * width + c + 1}`).join(', ')})`);
  return { text: `${prefix(table, columns)} values ${tuples.join(', ')}${returningClause}`, values: rows.flat() };
}

function send(client: ClientBase, source: RowSource, rows: unknown[][], returning: string[]): Promise<unknown[][]> {
  const { text, values } = insertStatement(source.table, source.columns, rows, returning);
  return client.query({ text, values, rowMode: 'array' }).then((result) => result.rows as unknown[][]);
}

async function underSavepoint<T>(client: ClientBase, name: string, work: () => Promise<T>): Promise<T> {
  await client.query(`savepoint ${name}`);
  try {
    const result = await work();
    await client.query(`release savepoint ${name}`);
    return result;
  } catch (err) {
    await client.query(`rollback to savepoint ${name}`);
    throw err;
  }
}

function takeRows(source: RowSource, wanted: number): { rows: unknown[][]; exhausted: boolean } {
  const rows: unknown[][] = [];
  while (rows.length < wanted) {
    const row = source.next();
    if (!row) return { rows, exhausted: true };
    rows.push(row);
  }
  return { rows, exhausted: false };
}

/** Inserts up to `count` rows from `source`. */
export async function insertRows(client: ClientBase, source: RowSource, count: number, options: InsertOptions = {}): Promise<InsertOutcome> {
  const returning = options.returning ?? [];
  const usesValuesList = source.columns.some((c) => c.type.kind === 'array');
  const parameterLimit = usesValuesList ? Math.floor(MAX_PARAMETERS / Math.max(1, source.columns.length)) : Infinity;
  const batchRows = Math.max(1, Math.min(options.batchRows ?? DEFAULT_BATCH_ROWS, parameterLimit));
  const outcome: InsertOutcome = { inserted: 0, rejected: 0, returned: [] };

  const fail = (err: unknown, context = `Cannot insert rows into ${source.table.qualified}`) => seedErrorFromDatabase(err, source.table, context);
  let generated = 0;
  let next = takeRows(source, Math.min(batchRows, count));
  generated += next.rows.length;
  // One savepoint guards the batch in flight; it is released and re-taken in one round trip between batches.
  await client.query('savepoint seed_batch');
  while (next.rows.length > 0) {
    const batch = next.rows;
    const exhausted = next.exhausted;
    const inFlight = send(client, source, batch, returning);
    // Runs while Postgres writes `batch`: the query above is already on the wire.
    next = exhausted ? { rows: [], exhausted: true } : takeRows(source, Math.min(batchRows, count - generated));
    generated += next.rows.length;
    try {
      outcome.returned.push(...(await inFlight));
    } catch (err) {
      if (!isDatabaseError(err) || !RETRYABLE.has(err.code!) || options.retryRejectedRows === false) throw fail(err);
      await client.query('rollback to savepoint seed_batch');
      for (const row of batch) {
        const single = await insertOneWithRetries(client, source, row, returning);
        outcome.returned.push(...single.returned);
        outcome.rejected += single.rejected;
      }
    }
    outcome.inserted += batch.length;
    await client.query(next.rows.length > 0 ? 'release savepoint seed_batch; savepoint seed_batch' : 'release savepoint seed_batch');
  }
  if (outcome.inserted === 0) await client.query('release savepoint seed_batch');
  return outcome;
}

async function insertOneWithRetries(client: ClientBase, source: RowSource, first: unknown[], returning: string[]): Promise<{ returned: unknown[][]; rejected: number }> {
  let row: unknown[] | undefined = first;
  let lastError: unknown;
  for (let attempt = 1; attempt <= ROW_ATTEMPTS && row; attempt++) {
    try {
      const current = row;
      return { returned: await underSavepoint(client, 'seed_row', () => send(client, source, [current], returning)), rejected: attempt - 1 };
    } catch (err) {
      if (!isDatabaseError(err) || !RETRYABLE.has(err.code!)) throw seedErrorFromDatabase(err, source.table, `Cannot insert rows into ${source.table.qualified}`);
      lastError = err;
      row = source.next();
    }
  }
  throw seedErrorFromDatabase(lastError, source.table, `Cannot insert rows into ${source.table.qualified} after ${ROW_ATTEMPTS} attempts per row`);
}

export interface KeyedUpdate {
  /** SQL types (for the unnest casts) of the identifying expressions, e.g. `int4`, `tid`. */
  identityTypes: string[];
  /** SQL expressions identifying a row: quoted key columns or `ctid`. */
  identity: string[];
  columns: ColumnInfo[];
  columnTypes: string[];
  /** Per row: identity values then column values. */
  rows: unknown[][];
}

/** Sets `columns` of the rows named by `identity`, many rows per statement. */
export async function updateRows(client: ClientBase, table: TableInfo, update: KeyedUpdate, batchRows = 5000): Promise<number> {
  const width = update.identity.length + update.columns.length;
  const aliases = Array.from({ length: width }, (_, i) => `v${i}`);
  const identityAliases = aliases.slice(0, update.identity.length);
  const columnAliases = aliases.slice(update.identity.length);
  const types = [...update.identityTypes, ...update.columnTypes];
  const text =
    `update ${quoteTable(table)} as t set ${update.columns.map((c, i) => `${quoteIdent(c.name)} = v.${columnAliases[i]}`).join(', ')} ` +
    `from unnest(${types.map((type, i) => `$${i + 1}::${type}[]`).join(', ')}) as v(${aliases.join(', ')}) ` +
    `where ${update.identity.map((expression, i) => `t.${expression} = v.${identityAliases[i]}`).join(' and ')}`;
  let updated = 0;
  for (let start = 0; start < update.rows.length; start += batchRows) {
    const slice = update.rows.slice(start, start + batchRows);
    const values = types.map((_, i) => slice.map((row) => row[i]));
    try {
      const result = await client.query(text, values);
      updated += result.rowCount ?? 0;
    } catch (err) {
      throw seedErrorFromDatabase(err, table, `Cannot set ${update.columns.map((c) => c.name).join(', ')} of ${table.qualified}`);
    }
  }
  return updated;
}
