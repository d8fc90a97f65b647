/**
 * Writing SQL text from parser nodes. libpg-query 18 has no deparser, and the compensating
 * statements only ever need names, type names, roles and privileges, so they are spelled here.
 * Identifiers follow Postgres's own `quote_ident` rules, so the output reads like hand-written SQL.
 */
import * as pg from 'libpg-query';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type PgNode = any;

/** The scanner's keyword categories; only unreserved keywords may be used as bare identifiers. */
const UNRESERVED_KEYWORD = 1;
const PLAIN_IDENTIFIER = /^[a-z_][a-z0-9_$]*$/;
const keywordNeedsQuotes = new Map<string, boolean>();

function isKeywordNeedingQuotes(word: string): boolean {
  let answer = keywordNeedsQuotes.get(word);
  if (answer === undefined) {
    // Asking the real scanner keeps this exact for the parser version in use (e.g. `user`, `int`, `left`).
    const kind = pg.scanSync(word).tokens[0]?.keywordKind ?? 0;
    answer = kind > UNRESERVED_KEYWORD;
    keywordNeedsQuotes.set(word, answer);
  }
  return answer;
}

/** Requires `loadParser()` to have resolved. */
export function quoteIdentifier(name: string): string {
  if (PLAIN_IDENTIFIER.test(name) && !isKeywordNeedingQuotes(name)) return name;
  return `"${name.replace(/"/g, '""')}"`;
}

export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export function quoteQualified(parts: (string | undefined)[]): string {
  return parts
    .filter((part): part is string => part !== undefined && part !== '')
    .map(quoteIdentifier)
    .join('.');
}

/** `[{String:{sval:'a'}}, ...]` → `['a', ...]`. */
export function stringList(list: PgNode[] | undefined): string[] {
  return (list ?? []).map((item: PgNode) => item?.String?.sval ?? '');
}

/** A `RangeVar` body as written: schema-qualified only if the migration qualified it. */
export function relationSql(rangeVar: PgNode): string {
  return quoteQualified([rangeVar.catalogname, rangeVar.schemaname, rangeVar.relname]);
}

/**
 * Names the parser substitutes for SQL-standard type spellings (`int` → `pg_catalog.int4`).
 * Written back in the standard spelling, because bare `int4` could resolve to a user type.
 */
const STANDARD_TYPE_SPELLING: Record<string, string> = {
  int2: 'smallint',
  int4: 'integer',
  int8: 'bigint',
  float4: 'real',
  float8: 'double precision',
  bool: 'boolean',
  varchar: 'character varying',
  bpchar: 'character',
  numeric: 'numeric',
  timestamp: 'timestamp',
  timestamptz: 'timestamp with time zone',
  time: 'time',
  timetz: 'time with time zone',
  interval: 'interval',
  bit: 'bit',
  varbit: 'bit varying',
};

/**
 * A type as it identifies a function argument: without typmods, which Postgres ignores there.
 */
export function typeSql(typeName: PgNode): string {
  const names = stringList(typeName?.names);
  let base: string;
  if (names.length === 2 && names[0] === 'pg_catalog' && STANDARD_TYPE_SPELLING[names[1]]) {
    base = STANDARD_TYPE_SPELLING[names[1]];
  } else {
    base = quoteQualified(names);
  }
  if (typeName?.pct_type) base += '%type';
  const dimensions = Array.isArray(typeName?.arrayBounds) ? typeName.arrayBounds.length : 0;
  return base + '[]'.repeat(dimensions);
}

const SIGNATURE_MODES: Record<string, string> = {
  FUNC_PARAM_DEFAULT: '',
  FUNC_PARAM_IN: '',
  FUNC_PARAM_INOUT: 'inout ',
  FUNC_PARAM_VARIADIC: 'variadic ',
  FUNC_PARAM_OUT: 'out ',
};

/**
 * The argument list that identifies a routine. Functions are identified by their input
 * arguments only; procedures (Postgres 14+) also by their OUT arguments, so those stay, marked `out`.
 */
export function signatureArguments(parameters: PgNode[] | undefined, isProcedure: boolean): string {
  const parts: string[] = [];
  for (const wrapped of parameters ?? []) {
    const parameter = wrapped.FunctionParameter;
    const mode: string = parameter.mode ?? 'FUNC_PARAM_DEFAULT';
    if (mode === 'FUNC_PARAM_TABLE') continue;
    if (mode === 'FUNC_PARAM_OUT' && !isProcedure) continue;
    parts.push(`${SIGNATURE_MODES[mode] ?? ''}${typeSql(parameter.argType)}`);
  }
  return parts.join(', ');
}

/** An `ObjectWithArgs` body (`f(int, text)` in GRANT, DROP, ALTER FUNCTION) as SQL. */
export function objectWithArgsSql(object: PgNode, nameOverride?: string): string {
  const names = stringList(object.objname);
  if (nameOverride !== undefined) names[names.length - 1] = nameOverride;
  const name = quoteQualified(names);
  if (object.args_unspecified) return name;
  return `${name}(${(object.objargs ?? []).map((arg: PgNode) => typeSql(arg.TypeName)).join(', ')})`;
}

export function roleSql(role: PgNode): string {
  switch (role?.roletype) {
    case 'ROLESPEC_CSTRING':
      return quoteIdentifier(role.rolename);
    case 'ROLESPEC_CURRENT_ROLE':
      return 'current_role';
    case 'ROLESPEC_CURRENT_USER':
      return 'current_user';
    case 'ROLESPEC_SESSION_USER':
      return 'session_user';
    default:
      return 'public';
  }
}
