/**
 * Turning what Postgres (or the driver) reports into an error that points at the migration file.
 */
import type { Statement } from '../model';
import { isConnectionLoss } from '../db/connection';
import { locateErrorInStatement } from '../locate-error';
import { redactPasswords } from '../redact';

export const LOCK_NOT_AVAILABLE = '55P03';
export const QUERY_CANCELED = '57014';

/** `invalid-index`: a concurrent index build left pg_index.indisvalid false (see concurrent-index.ts). */
export type MigrationErrorKind = 'sql' | 'lock-timeout' | 'statement-timeout' | 'connection-lost' | 'invalid-index';

export interface StatementRef {
  /** 0-based index among the file's statements. */
  index: number;
  file: string;
  line: number;
  column: number;
  kind: string;
  /** First line of the statement, shortened and with passwords redacted, for messages. */
  summary: string;
}

export interface MigrationError {
  kind: MigrationErrorKind;
  message: string;
  /** SQLSTATE when Postgres reported one. */
  code?: string;
  detail?: string;
  hint?: string;
  /** Postgres's context line (e.g. the PL/pgSQL function and line). */
  where?: string;
  file: string;
  line: number;
  column: number;
  statement?: StatementRef;
}

export function statementRef(file: string, statement: Statement): StatementRef {
  const firstLine = redactPasswords(statement.text).split('\n')[0];
  return {
    index: statement.index,
    file,
    line: statement.line,
    column: statement.column,
    kind: statement.kind,
    summary: firstLine.length > 80 ? `${firstLine.slice(0, 77)}...` : firstLine,
  };
}

interface PgErrorFields {
  message?: string;
  internalPosition?: string;
  internalQuery?: string;
  code?: string;
  detail?: string;
  hint?: string;
  where?: string;
  position?: string;
}

export function classifyError(err: unknown): MigrationErrorKind {
  const code = (err as PgErrorFields | undefined)?.code;
  if (code === LOCK_NOT_AVAILABLE) return 'lock-timeout';
  if (code === QUERY_CANCELED && /statement timeout/i.test((err as Error).message ?? '')) return 'statement-timeout';
  if (isConnectionLoss(err)) return 'connection-lost';
  return 'sql';
}

/** A Postgres error raised by `statement` of `file`, located at the character Postgres points at. */
export function migrationError(err: unknown, file: string, statement?: Statement, scrub: (text: string) => string = (t) => t): MigrationError {
  const e = (err ?? {}) as PgErrorFields;
  const at = statement ? locateErrorInStatement(statement, { ...e, message: e.message ?? String(err) }) : { line: 1, column: 1 };
  const optional = (value: string | undefined) => (value ? scrub(value) : undefined);
  return {
    kind: classifyError(err),
    message: scrub(e.message ?? String(err)),
    ...(e.code && /^[0-9A-Z]{5}$/.test(e.code) ? { code: e.code } : {}),
    ...(e.detail ? { detail: optional(e.detail) } : {}),
    ...(e.hint ? { hint: optional(e.hint) } : {}),
    ...(e.where ? { where: optional(e.where) } : {}),
    file,
    ...at,
    ...(statement ? { statement: statementRef(file, statement) } : {}),
  };
}

/** `file:line:column: message` plus detail, hint and context lines, as shown to people. */
export function formatMigrationError(error: MigrationError): string {
  const lines = [`${error.file}:${error.line}:${error.column}: ${error.message}${error.code ? ` (SQLSTATE ${error.code})` : ''}`];
  if (error.detail) lines.push(`  Detail: ${error.detail}`);
  if (error.hint) lines.push(`  Hint: ${error.hint}`);
  if (error.where) lines.push(`  Context: ${error.where}`);
  if (error.statement) lines.push(`  Statement ${error.statement.index + 1} (line ${error.statement.line}): ${error.statement.summary}`);
  return lines.join('\n');
}
