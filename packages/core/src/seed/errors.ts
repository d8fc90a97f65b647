/**
 * Errors of the seed and copy commands. A SeedError names the table, column and constraint that
 * stopped the run, taken from the Postgres error fields and completed from the catalog (Postgres
 * names no column for CHECK, unique or foreign-key violations).
 */
import type { EnvironmentMarker } from '../db/environment-marker';
import type { TableInfo } from './introspect';

export interface SeedErrorDetails {
  /** `schema.table` */
  table?: string;
  column?: string;
  constraint?: string;
  /** SQLSTATE */
  code?: string;
  /** Postgres's DETAIL line. */
  detail?: string;
}

export class SeedError extends Error {
  constructor(
    message: string,
    readonly details: SeedErrorDetails = {},
  ) {
    super(message);
    this.name = 'SeedError';
  }
}

export type RefusalReason = 'environment' | 'database-name' | 'marker' | 'marker-unreadable';

export class ProductionRefusedError extends Error {
  constructor(
    message: string,
    readonly reason: RefusalReason,
    readonly marker?: EnvironmentMarker,
  ) {
    super(message);
    this.name = 'ProductionRefusedError';
  }
}

interface DatabaseErrorFields {
  message: string;
  code?: string;
  table?: string;
  schema?: string;
  column?: string;
  constraint?: string;
  detail?: string;
}

/** True for a node-postgres error that came from the server (it has a SQLSTATE). */
export function isDatabaseError(err: unknown): err is DatabaseErrorFields {
  return typeof err === 'object' && err !== null && typeof (err as { code?: unknown }).code === 'string' && /^[0-9A-Z]{5}$/.test((err as { code: string }).code);
}

/** The columns of the constraint `name` on `table`, from the catalog. */
function constraintColumns(table: TableInfo | undefined, name: string | undefined): string[] {
  if (!table || !name) return [];
  const keys = [...(table.primaryKey ? [table.primaryKey] : []), ...table.uniques, ...table.foreignKeys, ...table.checks];
  return keys.find((k) => k.name === name)?.columns ?? [];
}

/**
 * Turns a server error raised while writing `table` into a SeedError that says where it
 * happened; `context` is prepended (e.g. "after 5 attempts").
 */
export function seedErrorFromDatabase(err: unknown, table: TableInfo | undefined, context: string): SeedError {
  if (!isDatabaseError(err)) return err instanceof SeedError ? err : new SeedError(`${context}: ${(err as Error)?.message ?? String(err)}`, { table: table?.qualified });
  const qualified = err.table ? `${err.schema ?? table?.schema ?? 'public'}.${err.table}` : table?.qualified;
  const column = err.column ?? (constraintColumns(table?.qualified === qualified ? table : undefined, err.constraint).join(', ') || undefined);
  const where = [qualified && `table ${qualified}`, column && `column ${column}`, err.constraint && `constraint ${err.constraint}`].filter(Boolean).join(', ');
  const message = `${context}: ${err.message}${where ? ` (${where})` : ''}${err.detail ? `. ${err.detail}` : ''}`;
  return new SeedError(message, { table: qualified, column, constraint: err.constraint, code: err.code, detail: err.detail });
}
