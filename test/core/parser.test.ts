import { loadParser, parseSql } from '../../packages/core/src/parser';

beforeAll(() => loadParser());

describe('parseSql', () => {
  it('gives every statement its own line and column, after leading comments', () => {
    const sql = '-- header\ncreate table a (id int);\n\n  /* why */ alter table a add column b text;\nselect 1';
    const { statements, error } = parseSql(sql);
    expect(error).toBeUndefined();
    expect(statements.map((s) => [s.kind, s.line, s.column, s.text])).toEqual([
      ['CreateStmt', 2, 1, 'create table a (id int)'],
      ['AlterTableStmt', 4, 13, 'alter table a add column b text'],
      ['SelectStmt', 5, 1, 'select 1'],
    ]);
  });

  it('maps byte offsets to lines correctly after multi-byte text and dollar-quoted bodies', () => {
    const sql = [
      "insert into t values ('ünïcödé 🚀');",
      'create function f() returns text language plpgsql as $body$',
      'begin',
      "  return 'é; not a statement end';",
      'end;',
      '$body$;',
      "comment on table t is 'naïve';",
    ].join('\n');
    const { statements } = parseSql(sql);
    expect(statements.map((s) => [s.kind, s.line, s.endLine])).toEqual([
      ['InsertStmt', 1, 1],
      ['CreateFunctionStmt', 2, 6],
      ['CommentStmt', 7, 7],
    ]);
    expect(statements[2].text).toBe("comment on table t is 'naïve'");
  });

  it("reports a syntax error at Postgres's own position, counting characters not bytes", () => {
    const result = parseSql("select 'héé';\n  create tabel x ();");
    expect(result.statements).toEqual([]);
    expect(result.error).toEqual({ message: 'syntax error at or near "tabel"', line: 2, column: 10 });
  });

  it('reports an unterminated statement at the end of input', () => {
    const result = parseSql('create table x (\n  id int,\n');
    expect(result.error?.message).toBe('syntax error at end of input');
    expect(result.error?.line).toBe(3);
  });

  it('parses the Supabase quickstart statements that simpler parsers reject', () => {
    const sql = `
create table public.profiles (id uuid not null references auth.users on delete cascade, primary key (id));
alter table public.profiles enable row level security;
create policy "own" on public.profiles for update using ((select auth.uid()) = id);
create function public.handle_new_user() returns trigger language plpgsql security definer set search_path = '' as $$ begin return new; end; $$;
create trigger on_auth_user_created after insert on auth.users for each row execute procedure public.handle_new_user();
create index concurrently profiles_idx on public.profiles (id);
grant select on public.profiles to anon, authenticated;
do $$ begin perform 1; end $$;`;
    const { statements, error } = parseSql(sql);
    expect(error).toBeUndefined();
    expect(statements.map((s) => s.kind)).toEqual([
      'CreateStmt',
      'AlterTableStmt',
      'CreatePolicyStmt',
      'CreateFunctionStmt',
      'CreateTrigStmt',
      'IndexStmt',
      'GrantStmt',
      'DoStmt',
    ]);
  });
});
