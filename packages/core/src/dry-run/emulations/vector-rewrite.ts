/**
 * What pgvector's C code checks in statements the emulation's SQL cannot see:
 *
 *  - `create index ... using hnsw|ivfflat ... with (...)`: the index options (names, integer
 *    values, ranges, ef_construction >= 2 * m), with the messages PostgreSQL's reloptions give.
 *    The emulated access methods run on the server's hash handler, which knows none of these
 *    options, so the WITH clause is blanked out (same length, so error positions still match);
 *  - `set hnsw.* / ivfflat.*` (also in CREATE FUNCTION ... SET, ALTER ROLE/DATABASE ... SET): the
 *    settings pgvector defines once loaded, with guc.c's messages; both prefixes are reserved;
 *  - `vector(n)`, `halfvec(n)`, `sparsevec(n)`: the dimension limits of vector_typmod_in and
 *    friends (the emulation's typmod input is the server's `bittypmodin`, with other limits).
 *
 * Sources: pgvector 0.8.0 src/hnsw.c, src/ivfflat.c, src/hnswbuild.c, src/vector.c, and
 * PostgreSQL's reloptions.c / guc.c for the message texts.
 */
import * as pg from 'libpg-query';
import type { Statement } from '../../model';
import type { StatementRewrite } from './types';
import { VECTOR_LIMITS } from './vector-sql';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type PgNode = any;

interface IntRange {
  kind: 'int';
  min: number;
  max: number;
}
interface RealRange {
  kind: 'real';
  min: number;
  max: number;
}
interface EnumValues {
  kind: 'enum';
  values: readonly string[];
}
type Setting = IntRange | RealRange | EnumValues;

const INDEX_OPTIONS: Record<string, Record<string, IntRange>> = {
  hnsw: { m: { kind: 'int', min: 2, max: 100 }, ef_construction: { kind: 'int', min: 4, max: 1000 } },
  ivfflat: { lists: { kind: 'int', min: 1, max: 32768 } },
};
const HNSW_DEFAULT_M = 16;
const HNSW_DEFAULT_EF_CONSTRUCTION = 64;

const SETTINGS: Record<string, Setting> = {
  'hnsw.ef_search': { kind: 'int', min: 1, max: 1000 },
  'hnsw.iterative_scan': { kind: 'enum', values: ['off', 'relaxed_order', 'strict_order'] },
  'hnsw.max_scan_tuples': { kind: 'int', min: 1, max: 2147483647 },
  'hnsw.scan_mem_multiplier': { kind: 'real', min: 1, max: 1000 },
  'ivfflat.probes': { kind: 'int', min: 1, max: 32768 },
  'ivfflat.iterative_scan': { kind: 'enum', values: ['off', 'relaxed_order'] },
  'ivfflat.max_probes': { kind: 'int', min: 1, max: 32768 },
};
const RESERVED_PREFIXES = ['hnsw', 'ivfflat'];

const TYPE_MAX_DIMENSIONS: Record<string, number> = {
  vector: VECTOR_LIMITS.vectorMaxDim,
  halfvec: VECTOR_LIMITS.halfvecMaxDim,
  sparsevec: VECTOR_LIMITS.sparsevecMaxDim,
};

class RewriteRefusal extends Error {}
const refuse = (message: string): never => {
  throw new RewriteRefusal(message);
};

/** PostgreSQL's parse_int: an integer (decimal, hex, octal) or a number rounded half to even. */
function parseInteger(text: string): number | undefined {
  const value = text.trim();
  let n: number;
  if (/^[+-]?0x[0-9a-f]+$/i.test(value)) n = (value.startsWith('-') ? -1 : 1) * parseInt(value.replace(/^[+-]?0x/i, ''), 16);
  else if (/^[+-]?0[0-7]+$/.test(value)) n = (value.startsWith('-') ? -1 : 1) * parseInt(value.replace(/^[+-]?/, ''), 8);
  else if (/^[+-]?\d+$/.test(value)) n = Number(value);
  else if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(value)) n = roundHalfEven(Number(value));
  else return undefined;
  return Number.isFinite(n) && n >= -2147483648 && n <= 2147483647 ? n : undefined;
}

function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** The text PostgreSQL's defGetString gives a DefElem's argument (reloptions without a value mean "true"). */
function defElemValue(arg: PgNode): string {
  if (!arg) return 'true';
  if (arg.Integer) return String(arg.Integer.ival ?? 0);
  if (arg.Float) return String(arg.Float.fval);
  if (arg.String) return String(arg.String.sval ?? '');
  if (arg.Boolean) return arg.Boolean.boolval ? 'true' : 'false';
  if (arg.TypeName) return (arg.TypeName.names ?? []).map((n: PgNode) => n.String?.sval).join('.');
  if (arg.List) return (arg.List.items ?? []).map(defElemValue).join(', ');
  return 'true';
}

function checkIndexOptions(accessMethod: string, options: PgNode[]): void {
  const known = INDEX_OPTIONS[accessMethod];
  const seen = new Map<string, number>();
  for (const option of options) {
    const def = option.DefElem;
    if (def.defnamespace) refuse(`unrecognized parameter namespace "${def.defnamespace}"`);
    const range = known[def.defname];
    if (!range) refuse(`unrecognized parameter "${def.defname}"`);
    if (seen.has(def.defname)) refuse(`parameter "${def.defname}" specified more than once`);
    const text = defElemValue(def.arg);
    const value = parseInteger(text);
    if (value === undefined) refuse(`invalid value for integer option "${def.defname}": ${text}`);
    if (value! < range.min || value! > range.max) refuse(`value ${text} out of bounds for option "${def.defname}"`);
    seen.set(def.defname, value!);
  }
  if (accessMethod === 'hnsw') {
    const m = seen.get('m') ?? HNSW_DEFAULT_M;
    const efConstruction = seen.get('ef_construction') ?? HNSW_DEFAULT_EF_CONSTRUCTION;
    if (efConstruction < 2 * m) refuse('ef_construction must be greater than or equal to 2 * m');
  }
}

interface Token {
  start: number;
  end: number;
  text: string;
}

/** The text with the byte ranges replaced by spaces (newlines kept), so positions after them do not move. */
function blank(text: string, ranges: readonly [number, number][]): string {
  if (!ranges.length) return text;
  const bytes = Buffer.from(text, 'utf8');
  for (const [from, to] of ranges) for (let b = from; b < to; b++) if (bytes[b] !== 0x0a && bytes[b] !== 0x0d) bytes[b] = 0x20;
  return bytes.toString('utf8');
}

/** The byte range of an index's top-level `WITH (...)` clause. */
function withClause(tokens: readonly Token[]): [number, number] | undefined {
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.text === '(') depth++;
    else if (token.text === ')') depth--;
    else if (depth === 0 && token.text.toLowerCase() === 'with' && tokens[i + 1]?.text === '(') {
      let inner = 0;
      for (let j = i + 1; j < tokens.length; j++) {
        if (tokens[j].text === '(') inner++;
        else if (tokens[j].text === ')' && --inner === 0) return [token.start, tokens[j].end];
      }
    }
  }
  return undefined;
}

/**
 * The byte range of a routine's `SET name = value[, ...]` / `SET name TO DEFAULT` / `SET name
 * FROM CURRENT` clause that starts at byte `at`.
 */
function setClause(tokens: readonly Token[], at: number, set: PgNode): [number, number] | undefined {
  let i = tokens.findIndex((t) => t.start === at);
  if (i < 0) return undefined;
  i++; // SET
  while (i + 1 < tokens.length && tokens[i + 1].text === '.') i += 2; // the dotted name
  i++;
  if (set.kind === 'VAR_SET_CURRENT') i += 2; // FROM CURRENT
  else if (set.kind === 'VAR_SET_DEFAULT') i += 2; // = DEFAULT
  else {
    i++; // = or TO
    (set.args ?? []).forEach((_: unknown, n: number) => {
      if (tokens[i]?.text === '-' || tokens[i]?.text === '+') i++;
      i++;
      if (n < set.args.length - 1) i++; // the comma
    });
  }
  const last = tokens[Math.min(i, tokens.length) - 1];
  return last ? [at, last.end] : undefined;
}

const isPgvectorSetting = (set: PgNode) => RESERVED_PREFIXES.includes(String(set?.name ?? '').toLowerCase().split('.')[0]) && String(set?.name).includes('.');

function constValue(node: PgNode): string | undefined {
  const c = node?.A_Const;
  if (!c) return undefined;
  if (c.ival) return String(c.ival.ival ?? 0);
  if (c.fval) return String(c.fval.fval);
  if (c.sval) return String(c.sval.sval ?? '');
  if (c.boolval) return c.boolval.boolval ? 'true' : 'false';
  return undefined;
}

function checkSetting(set: PgNode): void {
  const name = String(set?.name ?? '').toLowerCase();
  const prefix = name.split('.')[0];
  if (!name.includes('.') || !RESERVED_PREFIXES.includes(prefix)) return;
  const setting = SETTINGS[name];
  if (!setting) refuse(`invalid configuration parameter name "${name}"`);
  if (set.kind !== 'VAR_SET_VALUE') return; // RESET, SET ... TO DEFAULT
  const args: PgNode[] = set.args ?? [];
  if (args.length > 1) refuse(`SET ${name} takes only one argument`);
  const value = constValue(args[0]);
  if (value === undefined) return;
  if (setting.kind === 'enum') {
    if (!setting.values.includes(value.toLowerCase())) refuse(`invalid value for parameter "${name}": "${value}"`);
    return;
  }
  const n = setting.kind === 'int' ? parseInteger(value) : /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(value) ? Number(value) : undefined;
  if (n === undefined) refuse(`invalid value for parameter "${name}": "${value}"`);
  if (n! < setting.min || n! > setting.max) refuse(`${n} is outside the valid range for parameter "${name}" (${setting.min} .. ${setting.max})`);
}

function settingsIn(statement: Statement): PgNode[] {
  const node = statement.node;
  switch (statement.kind) {
    case 'VariableSetStmt':
      return [node];
    case 'AlterRoleSetStmt':
    case 'AlterDatabaseSetStmt':
      return [node.setstmt];
    case 'CreateFunctionStmt':
      return (node.options ?? []).filter((o: PgNode) => o.DefElem?.defname === 'set').map((o: PgNode) => o.DefElem.arg?.VariableSetStmt);
    case 'AlterFunctionStmt':
      return (node.actions ?? []).filter((o: PgNode) => o.DefElem?.defname === 'set').map((o: PgNode) => o.DefElem.arg?.VariableSetStmt);
    default:
      return [];
  }
}

/** Every type name with modifiers in the statement's parse tree that names one of pgvector's types. */
function checkTypeModifiers(node: PgNode): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    node.forEach(checkTypeModifiers);
    return;
  }
  if (Array.isArray(node.names) && Array.isArray(node.typmods)) {
    const type = node.names[node.names.length - 1]?.String?.sval;
    const max = TYPE_MAX_DIMENSIONS[type];
    if (max !== undefined) {
      if (node.typmods.length !== 1) refuse('invalid type modifier');
      const dims = Number(constValue(node.typmods[0]));
      if (Number.isInteger(dims) && dims < 1) refuse(`dimensions for type ${type} must be at least 1`);
      if (Number.isInteger(dims) && dims > max) refuse(`dimensions for type ${type} cannot exceed ${max}`);
    }
  }
  for (const value of Object.values(node)) if (value && typeof value === 'object') checkTypeModifiers(value);
}

const MENTIONS_VECTOR_TYPE = /vector|halfvec|sparsevec/i;

/**
 * Routine SET clauses and ALTER ROLE/DATABASE SET for pgvector's settings: without the library
 * they are placeholders, which only a superuser may store; with it (as on the platform, where
 * using the types loads it) they are ordinary user settings. Checked, then left out.
 */
function storedSettingRanges(statement: Statement, tokens: () => Token[]): [number, number][] {
  const node = statement.node;
  if (statement.kind === 'AlterRoleSetStmt' || statement.kind === 'AlterDatabaseSetStmt') {
    return isPgvectorSetting(node.setstmt) ? [[0, Buffer.byteLength(statement.text)]] : [];
  }
  const options: PgNode[] = statement.kind === 'CreateFunctionStmt' ? node.options ?? [] : statement.kind === 'AlterFunctionStmt' ? node.actions ?? [] : [];
  return options
    .filter((o) => o.DefElem?.defname === 'set' && isPgvectorSetting(o.DefElem.arg?.VariableSetStmt))
    .map((o) => setClause(tokens(), o.DefElem.location - statement.byteStart, o.DefElem.arg.VariableSetStmt))
    .filter((r): r is [number, number] => r !== undefined);
}

export function rewriteVectorStatement(statement: Statement): StatementRewrite | undefined {
  try {
    for (const set of settingsIn(statement)) if (set) checkSetting(set);
    if (MENTIONS_VECTOR_TYPE.test(statement.text)) checkTypeModifiers(statement.node);
    let scanned: Token[] | undefined;
    const tokens = () => (scanned ??= pg.scanSync(statement.text).tokens as Token[]);
    const node = statement.node;
    const ranges = storedSettingRanges(statement, tokens);
    if (statement.kind === 'IndexStmt' && INDEX_OPTIONS[node?.accessMethod] && node.options?.length) {
      checkIndexOptions(node.accessMethod, node.options);
      const range = withClause(tokens());
      if (range) ranges.push(range);
    }
    return ranges.length ? { sql: blank(statement.text, ranges) } : undefined;
  } catch (err) {
    if (err instanceof RewriteRefusal) return { error: err.message };
    throw err;
  }
}
