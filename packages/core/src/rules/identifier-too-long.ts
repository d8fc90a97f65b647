import { scanIdentifiers } from '../parser';
import type { Rule, Violation } from './rule';

/** NAMEDATALEN - 1: PostgreSQL keeps the first 63 bytes of a name and drops the rest with only a NOTICE. */
const MAX_IDENTIFIER_BYTES = 63;
/** UTF-8 bytes of the character whose UTF-16 code unit is `code` (a surrogate counts half of its 4 bytes). */
function utf8Bytes(code: number): number {
  if (code < 0x80) return 1;
  if (code < 0x800) return 2;
  return code >= 0xd800 && code <= 0xdfff ? 2 : 3;
}

function isNameCharacter(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 36 || code >= 0x80;
}

/**
 * Whether `text` may hold a name longer than 63 bytes: a run of name characters, or a double-quoted
 * stretch, over 63 bytes outside comments and string literals. Almost every file has none and is
 * not scanned at all; the scanner decides for the others. One linear pass, no regular expression
 * (this runs on every linted file).
 */
export function mayHaveLongIdentifier(text: string): boolean {
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isNameCharacter(code)) {
      run += utf8Bytes(code);
      if (run > MAX_IDENTIFIER_BYTES) return true;
      continue;
    }
    run = 0;
    let end = i;
    if (code === 34 /* " */) {
      end = text.indexOf('"', i + 1);
      if (end - i - 1 > MAX_IDENTIFIER_BYTES / 4 && Buffer.byteLength(text.slice(i + 1, end)) > MAX_IDENTIFIER_BYTES) return true;
    } else if (code === 39 /* ' */) end = text.indexOf("'", i + 1);
    else if (code === 45 /* - */ && text.charCodeAt(i + 1) === 45) end = text.indexOf('\n', i);
    else if (code === 47 /* / */ && text.charCodeAt(i + 1) === 42 /* * */) end = text.indexOf('*/', i + 2) + 1;
    if (end < 0) return code === 34; // unterminated: let the scanner judge a quote; the rest is comment or string
    i = Math.max(i, end);
  }
  return false;
}

/** The name PostgreSQL stores: the first 63 bytes, cut back to a whole character. */
export function truncateIdentifier(name: string): string {
  const bytes = Buffer.from(name, 'utf8');
  if (bytes.length <= MAX_IDENTIFIER_BYTES) return name;
  let end = MAX_IDENTIFIER_BYTES;
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString('utf8');
}

export const identifierTooLong: Rule = {
  id: 'identifier-too-long',
  summary: 'An identifier longer than 63 bytes, which PostgreSQL silently truncates.',
  rationale:
    'PostgreSQL keeps only the first 63 bytes of a name (NAMEDATALEN) and says so in a NOTICE nobody reads. The object then has a ' +
    'different name than the one in the migration, so tools and code that use the full name do not find it, and two long names ' +
    'that share their first 63 bytes are the same name: the second CREATE fails, or with IF NOT EXISTS silently does nothing. ' +
    'Reported once per name and file, at its first use; a warning.',
  safeAlternative: 'Shorten the name to 63 bytes or fewer (for generated names such as indexes and constraints, name them explicitly).',
  defaultSeverity: 'warning',
  checkMigration(context) {
    const text = context.migration.text;
    if (!mayHaveLongIdentifier(text)) return [];
    const seen = new Set<string>();
    const fullNameByTruncated = new Map<string, string>();
    const violations: Violation[] = [];
    for (const { name, byteOffset } of scanIdentifiers(text)) {
      if (seen.has(name) || Buffer.byteLength(name) <= MAX_IDENTIFIER_BYTES) continue;
      seen.add(name);
      const truncated = truncateIdentifier(name);
      const other = fullNameByTruncated.get(truncated);
      fullNameByTruncated.set(truncated, other ?? name);
      const collision = other ? ` It collides with "${other}" earlier in this file: both are stored as the same name.` : '';
      violations.push({
        ...context.locate(byteOffset),
        message: `"${name}" is ${Buffer.byteLength(name)} bytes long; PostgreSQL silently truncates it to "${truncated}".${collision}`,
      });
    }
    return violations;
  },
};
