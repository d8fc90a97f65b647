/**
 * The `statements` array of `supabase_migrations.schema_migrations`, computed the way the Supabase
 * CLI fills it: the file cut at every statement-ending semicolon, each piece kept as written
 * (leading comments included), with the trailing semicolon and surrounding whitespace trimmed,
 * empty pieces dropped. `supabase migration fetch` rebuilds files from this array, so it must keep
 * the comments (and with them our `-- transaction: none` directive).
 *
 * The cut points come from the real Postgres grammar (the parsed statements), not from a
 * hand-written tokenizer; the only text scanned here is what lies between statements, which can
 * hold nothing but whitespace, comments and semicolons.
 */
import { createHash } from 'node:crypto';
import type { MigrationFile, Statement } from '../model';
import { skipComment } from '../parser';
import { redactPasswords } from '../redact';

/** Byte offsets of the semicolons that end statements (those between statements, outside comments). */
function terminatorOffsets(bytes: Buffer, statements: readonly Statement[]): number[] {
  const gaps: [number, number][] = [];
  let cursor = 0;
  for (const statement of statements) {
    gaps.push([cursor, statement.byteStart]);
    cursor = statement.byteEnd;
  }
  gaps.push([cursor, bytes.length]);
  const offsets: number[] = [];
  for (const [start, end] of gaps) {
    let i = start;
    while (i < end) {
      const after = skipComment(bytes, i, end);
      if (after !== i) i = after;
      else {
        if (bytes[i] === 0x3b) offsets.push(i);
        i++;
      }
    }
  }
  return offsets;
}

/** The statements array for a parsed migration, as the Supabase CLI would record it. */
export function historyStatements(migration: Pick<MigrationFile, 'text' | 'statements'>): string[] {
  const bytes = Buffer.from(migration.text, 'utf8');
  const pieces: string[] = [];
  let start = 0;
  const push = (end: number) => {
    const piece = bytes.subarray(start, end).toString('utf8').replace(/;+$/, '').trim();
    if (piece) pieces.push(piece);
  };
  for (const offset of terminatorOffsets(bytes, migration.statements)) {
    push(offset + 1);
    start = offset + 1;
  }
  push(bytes.length);
  return pieces;
}

/**
 * Whether a recorded statements array describes this file's text. Whitespace and semicolons are
 * ignored, because different CLI versions cut and trim the same file differently; everything else
 * (including comments) must match. Passwords are compared redacted on both sides, since deploy
 * stores them redacted and the Supabase CLI stores them as written.
 */
export function statementsMatchText(recorded: readonly string[], text: string): boolean {
  const normalize = (s: string) => redactPasswords(s).replace(/[\s;]+/g, '');
  return normalize(recorded.join('')) === normalize(text);
}

/** Fingerprint of a statements array, to notice when another tool rewrote a history row we recorded. */
export function statementsDigest(statements: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify(statements)).digest('hex');
}
