import { locateError, locateErrorInStatement } from '../../packages/core/src/locate-error';
import { loadParser, parseSql } from '../../packages/core/src/parser';
import { SourceMap } from '../../packages/core/src/source-map';

beforeAll(() => loadParser());

/** Locates `error` raised by the statement at `index` of `sql`. */
function locate(sql: string, index: number, error: { message: string; code?: string; position?: string; internalPosition?: string; internalQuery?: string; where?: string }) {
  const { statements, error: syntax } = parseSql(sql);
  if (syntax) throw new Error(syntax.message);
  const inFile = locateError(new SourceMap(sql), statements[index], error);
  // The deploy engine locates from the statement alone; both ways must always agree.
  expect(locateErrorInStatement(statements[index], error)).toEqual(inFile);
  return inFile;
}

describe('locateError', () => {
  it('maps Postgres position (characters from the statement start) to the file line and column', () => {
    const sql = "-- ☕ café\nselect 1;\n\nselect 'naïve' ||\n  missing_column;\n";
    const position = String("select 'naïve' ||\n  ".length + 1);
    expect(locate(sql, 1, { message: 'column "missing_column" does not exist', code: '42703', position })).toEqual({ line: 5, column: 3 });
  });

  it('maps an internal position inside a function body when the inner query appears verbatim', () => {
    const sql = 'create function f() returns int language sql as $$\n  select nope from t\n$$;\n';
    const internalQuery = '\n  select nope from t\n';
    expect(locate(sql, 0, { message: 'column "nope" does not exist', internalQuery, internalPosition: String(internalQuery.indexOf('nope') + 1) })).toEqual({ line: 2, column: 10 });
  });

  it('uses the PL/pgSQL line of a failing DO block', () => {
    const sql = 'select 1;\ndo $body$\nbegin\n    raise exception \'x\';\nend\n$body$;\n';
    expect(locate(sql, 1, { message: 'x', where: 'PL/pgSQL function inline_code_block line 3 at RAISE' })).toEqual({ line: 4, column: 5 });
  });

  it('finds the named table, column, function, type, role or schema in the parse tree when there is no position', () => {
    const sql = [
      'alter table public.profiles add column x int;', // 1
      "create policy p on public.profiles for select using (owner = auth.uid());", // 2
      'create table t (a uuid references auth.users (id), b mood);', // 3
      'grant select on public.profiles to web_anon;', // 4
      'select public.nope(1);', // 5
    ].join('\n');
    expect(locate(sql, 0, { message: 'relation "public.profiles" does not exist', code: '42P01' })).toEqual({ line: 1, column: 13 });
    expect(locate(sql, 1, { message: 'column "owner" does not exist', code: '42703' })).toEqual({ line: 2, column: 54 });
    expect(locate(sql, 2, { message: 'schema "auth" does not exist', code: '3F000' })).toEqual({ line: 3, column: 35 });
    expect(locate(sql, 2, { message: 'type "mood" does not exist', code: '42704' })).toEqual({ line: 3, column: 54 });
    expect(locate(sql, 3, { message: 'role "web_anon" does not exist', code: '42704' })).toEqual({ line: 4, column: 36 });
    expect(locate(sql, 4, { message: 'function public.nope(integer) does not exist', code: '42883' })).toEqual({ line: 5, column: 8 });
  });

  it('falls back to the statement start when nothing points anywhere', () => {
    const sql = 'select 1;\n  insert into t values (1);\n';
    expect(locate(sql, 1, { message: 'duplicate key value violates unique constraint "t_pkey"', code: '23505' })).toEqual({ line: 2, column: 3 });
  });
});
