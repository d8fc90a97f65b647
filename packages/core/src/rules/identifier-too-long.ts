import { scanIdentifiers } from '../parser';
import type { Rule, Violation } from './rule';

/** NAMEDATALEN - 1: PostgreSQL keeps the first 63 bytes of a name and drops the rest with only a NOTICE. */
const MAX_IDENTIFIER_BYTES = 63;
/**
 * A run that could be a name longer than 63 bytes (at least 16 characters, since a character takes at
 * most 4 bytes). Files without one are not scanned at all: almost every file.
 */
const CANDIDATE = /[A-Za-z0-9_$\u0080-\uffff]{16,}|"(?:[^"]|"")+"/g;

function mayHaveLongIdentifier(text: string): boolean {
  CANDIDATE.lastIndex = 0;
  for (let match = CANDIDATE.exec(text); match; match = CANDIDATE.exec(text)) {
    if (match[0].length > MAX_IDENTIFIER_BYTES || Buffer.byteLength(match[0]) > MAX_IDENTIFIER_BYTES) return true;
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
