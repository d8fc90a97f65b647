/**
 * SQL parsing with the real PostgreSQL grammar (libpg-query: Postgres's own parser compiled to
 * WebAssembly). Every statement keeps its byte range and its line/column in the file.
 */
// Must stay the first import: it sets V8's WebAssembly flags before libpg-query compiles its module.
import './wasm-tiering';
import * as pg from 'libpg-query';
import { SourceMap } from './source-map';
import type { Statement } from './model';

let loading: Promise<void> | undefined;

/** Loads the WebAssembly module once per process; every other function here is synchronous. */
export function loadParser(): Promise<void> {
  loading ??= pg.loadModule();
  return loading;
}

export interface SyntaxProblem {
  message: string;
  line: number;
  column: number;
}

export interface ParseResult {
  statements: Statement[];
  error?: SyntaxProblem;
}

/**
 * When a `--` or (nested) `/* *\/` comment starts at `i`, returns the offset just after it;
 * otherwise returns `i`. Shared by everything that walks the text between statements.
 */
export function skipComment(bytes: Buffer, i: number, end: number): number {
  if (bytes[i] === 0x2d && bytes[i + 1] === 0x2d) {
    while (i < end && bytes[i] !== 0x0a) i++;
    return i;
  }
  if (bytes[i] === 0x2f && bytes[i + 1] === 0x2a) {
    let depth = 1;
    i += 2;
    while (i < end && depth > 0) {
      if (bytes[i] === 0x2f && bytes[i + 1] === 0x2a) {
        depth++;
        i += 2;
      } else if (bytes[i] === 0x2a && bytes[i + 1] === 0x2f) {
        depth--;
        i += 2;
      } else i++;
    }
  }
  return i;
}

/**
 * Returns the byte offset of the first token at or after `byteOffset`, skipping whitespace and
 * comments (the parser's statement offsets include what precedes a statement).
 */
function skipToToken(bytes: Buffer, byteOffset: number, end: number): number {
  let i = byteOffset;
  while (i < end) {
    const c = bytes[i];
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c) {
      i++;
      continue;
    }
    const after = skipComment(bytes, i, end);
    if (after === i) break;
    i = after;
  }
  return i;
}

function trimEnd(bytes: Buffer, start: number, end: number): number {
  let e = end;
  while (e > start) {
    const c = bytes[e - 1];
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x3b) e--;
    else break;
  }
  return e;
}

/** A parse failure as libpg-query reports it: a message and, for syntax errors, the cursor in characters (0-based). */
export interface ParseFailure {
  message: string;
  cursorPosition?: number;
}

/** libpg-query's tree of a file: one entry per statement, with its byte range. */
export interface ParseTree {
  stmts?: { stmt: Record<string, unknown>; stmt_location?: number; stmt_len?: number }[];
}

/** The parse failure of a `parseSync` throw. */
function failureOf(err: unknown): ParseFailure {
  const cursor = (err as { sqlDetails?: { cursorPosition?: number } }).sqlDetails?.cursorPosition;
  return { message: (err as Error).message, cursorPosition: cursor };
}

/** The one key of a node wrapper (`{ "CreateStmt": {...} }`), without building an array of keys. */
function nodeType(wrapper: Record<string, unknown>): string {
  for (const key in wrapper) return key;
  return '';
}

/**
 * Parses a whole file. Requires `loadParser()` to have resolved. A file without statements (empty,
 * or only comments) has none: it is not a syntax error.
 */
export function parseSql(text: string): ParseResult {
  if (text === '') return { statements: [] }; // libpg-query refuses an empty string
  let tree: ParseTree;
  try {
    tree = pg.parseSync(text) as ParseTree;
  } catch (err) {
    return parseResultOfFailure(text, failureOf(err));
  }
  return parseResultOfTree(text, tree);
}

/** The result of a failed parse, with the error's line and column in `text`. */
export function parseResultOfFailure(text: string, failure: ParseFailure): ParseResult {
  const map = new SourceMap(text);
  const cursor = failure.cursorPosition;
  // The cursor counts characters (0-based), not bytes.
  const position = typeof cursor === 'number' && cursor >= 0 ? map.position(map.byteOffsetOfCharacter(cursor)) : { line: 1, column: 1 };
  return { statements: [], error: { message: failure.message, ...position } };
}

/** The statements of `text` from its parse tree, each with its exact text, byte range and lines. */
export function parseResultOfTree(text: string, tree: ParseTree): ParseResult {
  const map = new SourceMap(text);
  const bytes = map.bytes;
  const statements: Statement[] = [];
  for (const raw of tree.stmts ?? []) {
    const location = raw.stmt_location ?? 0;
    const rawEnd = raw.stmt_len ? location + raw.stmt_len : bytes.length;
    const start = skipToToken(bytes, location, rawEnd);
    const end = trimEnd(bytes, start, rawEnd);
    const kind = nodeType(raw.stmt);
    const startPos = map.position(start);
    statements.push({
      index: statements.length,
      text: map.slice(start, end),
      line: startPos.line,
      column: startPos.column,
      endLine: map.position(Math.max(start, end - 1)).line,
      byteStart: start,
      byteEnd: end,
      kind,
      node: raw.stmt[kind],
    });
  }
  return { statements };
}

export interface IdentifierToken {
  /** The name as PostgreSQL reads it before truncating: quotes removed, unquoted letters folded to lower case. */
  name: string;
  /** Byte offset of the token in the text. */
  byteOffset: number;
}

/**
 * Every identifier token of `text`, untruncated: the parser's tree already holds names cut to 63
 * bytes, as the server's scanner cuts them, so only the scanner's tokens show the original.
 * Requires `loadParser()` to have resolved.
 */
export function scanIdentifiers(text: string): IdentifierToken[] {
  const tokens = pg.scanSync(text).tokens as { start: number; text: string; tokenName: string }[];
  const identifiers: IdentifierToken[] = [];
  for (const token of tokens) {
    if (token.tokenName !== 'IDENT') continue;
    const quoted = token.text.startsWith('"');
    // PostgreSQL folds only ASCII letters of unquoted names in UTF-8 databases.
    const name = quoted ? token.text.slice(1, -1).replace(/""/g, '"') : token.text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
    identifiers.push({ name, byteOffset: token.start });
  }
  return identifiers;
}
