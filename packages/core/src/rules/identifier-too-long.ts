import { scanIdentifiers } from '../parser';
import { NO_VIOLATIONS, type Rule, type Violation } from './rule';

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

/** 1 for the ASCII name characters (letters, digits, `_`, `$`); every non-ASCII character is one too. */
const ASCII_NAME_CHARACTERS = new Uint8Array(128).map((_, code) => (isNameCharacter(code) ? 1 : 0));
/** A UTF-16 code unit takes at most 3 bytes, so a run of name characters over 63 bytes has at least 22. */
const MIN_LONG_RUN_UNITS = Math.ceil((MAX_IDENTIFIER_BYTES + 1) / 3);

/** Whether `text` has a run of name characters over 63 bytes, anywhere (in comments and strings too). */
function hasLongNameRun(text: string): boolean {
  // A run of 22 or more includes one of the characters at 21, 43, 65, ...: only the runs through
  // those are measured. The name-character test is written out: calls cost most before V8 optimises.
  const length = text.length;
  for (let at = MIN_LONG_RUN_UNITS - 1; at < length; at += MIN_LONG_RUN_UNITS) {
    let code = text.charCodeAt(at);
    if (code < 0x80 && ASCII_NAME_CHARACTERS[code] === 0) continue;
    let start = at;
    while (start > 0 && ((code = text.charCodeAt(start - 1)) >= 0x80 || ASCII_NAME_CHARACTERS[code] === 1)) start--;
    let end = at + 1;
    while (end < length && ((code = text.charCodeAt(end)) >= 0x80 || ASCII_NAME_CHARACTERS[code] === 1)) end++;
    if (end - start >= MIN_LONG_RUN_UNITS && Buffer.byteLength(text.slice(start, end)) > MAX_IDENTIFIER_BYTES) return true;
  }
  return false;
}

/** The earlier of two positions, where -1 means none. */
function earliest(a: number, b: number): number {
  return a < 0 ? b : b < 0 ? a : Math.min(a, b);
}

/**
 * `mayHaveLongIdentifier` without its runs of name characters: the same reading of quoted names,
 * strings and comments, step for step, but jumping from one of their openings to the next with
 * native searches instead of visiting every character in between. The next opening of each kind
 * is remembered and searched again only once the reading has passed it.
 */
function mayHaveLongQuotedName(text: string): boolean {
  let nextQuote = text.indexOf('"');
  let nextString = text.indexOf("'");
  let nextLineComment = text.indexOf('--');
  let nextBlockComment = text.indexOf('/*');
  for (let from = 0; ; ) {
    if (nextQuote >= 0 && nextQuote < from) nextQuote = text.indexOf('"', from);
    if (nextString >= 0 && nextString < from) nextString = text.indexOf("'", from);
    if (nextLineComment >= 0 && nextLineComment < from) nextLineComment = text.indexOf('--', from);
    if (nextBlockComment >= 0 && nextBlockComment < from) nextBlockComment = text.indexOf('/*', from);
    const i = earliest(earliest(nextQuote, nextString), earliest(nextLineComment, nextBlockComment));
    if (i < 0) return false;
    const code = text.charCodeAt(i);
    let end = i;
    if (code === 34 /* " */) {
      end = text.indexOf('"', i + 1);
      if (end - i - 1 > MAX_IDENTIFIER_BYTES / 4 && Buffer.byteLength(text.slice(i + 1, end)) > MAX_IDENTIFIER_BYTES) return true;
    } else if (code === 39 /* ' */) end = text.indexOf("'", i + 1);
    else if (code === 45 /* - */) end = text.indexOf('\n', i);
    else end = text.indexOf('*/', i + 2) + 1;
    if (end < 0) return code === 34;
    from = Math.max(i, end) + 1;
  }
}

/**
 * A quick "no" for `mayHaveLongIdentifier`, which stays the judge: whenever that one says yes, so
 * does this (it finds every run it could, and reads quotes, strings and comments exactly as it
 * does). Nearly every file gets a no. This reads a small part of the text where
 * `mayHaveLongIdentifier` reads all of it, one character at a time; the CLI lints once per
 * process, mostly before V8 optimises, so every character read counts. (A regular expression for
 * the runs measured slower than the full loop.)
 */
export function mayHaveLongName(text: string): boolean {
  return hasLongNameRun(text) || mayHaveLongQuotedName(text);
}

/**
 * Whether `text` may hold a name longer than 63 bytes: a run of name characters, or a double-quoted
 * stretch, over 63 bytes outside comments and string literals. Files without one are not scanned
 * at all; the scanner decides for the others. One linear pass; `mayHaveLongName` spares it for
 * almost every file.
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
    if (!mayHaveLongName(text) || !mayHaveLongIdentifier(text)) return NO_VIOLATIONS;
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
