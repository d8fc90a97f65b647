import { analyzeMigration } from '../../../packages/core/src/discovery';
import { loadParser } from '../../../packages/core/src/parser';
import { historyStatements, statementsMatchText } from '../../../packages/core/src/deploy';

beforeAll(() => loadParser());

const statementsOf = (sql: string) => historyStatements(analyzeMigration('20240101000000_x.sql', Buffer.from(sql), 'x.sql').migration);

describe('historyStatements (the CLI-compatible statements array)', () => {
  it('keeps leading comments with their statement and trims the semicolon and whitespace', () => {
    expect(statementsOf('-- header\n-- transaction: none\ncreate index concurrently i on t (a);\n\n  /* why */ select 1 ;  \n')).toEqual([
      '-- header\n-- transaction: none\ncreate index concurrently i on t (a)',
      '/* why */ select 1',
    ]);
  });

  it('does not cut inside strings, dollar quotes, quoted identifiers or BEGIN ATOMIC bodies', () => {
    const sql = [
      `insert into t values ('a;b', E'c\\';d', $$e;f$$, $tag$g;h$tag$);`,
      `create table "x;y" (id int);`,
      `create function f() returns int language sql begin atomic select 1; select 2; end;`,
    ].join('\n');
    expect(statementsOf(sql)).toEqual([
      `insert into t values ('a;b', E'c\\';d', $$e;f$$, $tag$g;h$tag$)`,
      `create table "x;y" (id int)`,
      `create function f() returns int language sql begin atomic select 1; select 2; end`,
    ]);
  });

  it('keeps comments between or after statements as their own entries, like the CLI, and drops empty ones', () => {
    expect(statementsOf('select 1;; -- between ; still comment\n; select 2; -- after\n')).toEqual(['select 1', '-- between ; still comment', 'select 2', '-- after']);
    expect(statementsOf('select 1')).toEqual(['select 1']);
    expect(statementsOf('\n\n')).toEqual([]);
    expect(statementsOf('/* only; a comment */')).toEqual(['/* only; a comment */']);
  });
});

describe('statementsMatchText', () => {
  const file = '-- c\ncreate table t (id int);\ninsert into t values (1);\n';
  it('accepts the same SQL cut or spaced differently', () => {
    expect(statementsMatchText(['-- c\ncreate table t (id int)', 'insert into t values (1)'], file)).toBe(true);
    expect(statementsMatchText(['-- c create table t (id int);insert into t values (1);'], file)).toBe(true);
  });
  it('rejects a change of SQL or comments', () => {
    expect(statementsMatchText(['-- c\ncreate table t (id bigint)', 'insert into t values (1)'], file)).toBe(false);
    expect(statementsMatchText(['create table t (id int)', 'insert into t values (1)'], file)).toBe(false);
  });
});
