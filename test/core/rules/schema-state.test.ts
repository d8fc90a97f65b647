/**
 * SchemaState on its own: what counts as an existing table, lock_timeout tracking, and objects
 * followed through renames and privilege changes. Statements come from the real parser.
 */
import { defaultDirectives } from '../../../packages/core/src/directives';
import type { MigrationFile } from '../../../packages/core/src/model';
import { loadParser, parseSql } from '../../../packages/core/src/parser';
import { SchemaState } from '../../../packages/core/src/rules/schema-state';

function migration(version: string, sql: string, directives: Partial<MigrationFile['directives']> = {}): MigrationFile {
  const parsed = parseSql(sql);
  if (parsed.error) throw new Error(parsed.error.message);
  return {
    path: `${version}.sql`,
    absolutePath: `/${version}.sql`,
    fileName: `${version}_test.sql`,
    version,
    name: 'test',
    checksum: '',
    sizeBytes: sql.length,
    text: sql,
    directives: { ...defaultDirectives(), ...directives },
    statements: parsed.statements,
    parsed: true,
  };
}

/** Feeds whole migrations, returning the state and a probe run before each statement of the last one. */
function walk(migrations: MigrationFile[], probe?: (state: SchemaState, index: number) => void): SchemaState {
  const state = new SchemaState();
  for (const m of migrations) {
    state.beginMigration(m);
    for (const s of m.statements) {
      if (m === migrations[migrations.length - 1]) probe?.(state, s.index);
      state.apply(s);
    }
  }
  return state;
}

beforeAll(() => loadParser());

describe('SchemaState', () => {
  it('calls a table existing unless the current migration created it earlier', () => {
    const older = migration('20240101000000', 'create table public.orders (id int);');
    const current = migration('20240102000000', 'create table items (id int);\nalter table items add column x int;');
    const seen: Record<string, boolean>[] = [];
    walk([older, current], (state) => seen.push({ orders: state.isExistingTable('public.orders'), items: state.isExistingTable('public.items'), never: state.isExistingTable('public.never_created') }));
    expect(seen).toEqual([
      { orders: true, items: true, never: true },
      { orders: true, items: false, never: true },
    ]);
  });

  it('tracks lock_timeout per migration: SET, SET LOCAL, set_config, zero, RESET', () => {
    const timeouts = (sql: string, directives: Partial<MigrationFile['directives']> = {}) => {
      const states: boolean[] = [];
      const state = walk([migration('20240101000000', sql, directives)], (s) => states.push(s.lockTimeoutSet));
      return [...states.slice(1), state.lockTimeoutSet];
    };
    expect(timeouts("set lock_timeout = '2s'; set lock_timeout to default; set local lock_timeout = 1000; reset all;")).toEqual([true, false, true, false]);
    expect(timeouts("select set_config('lock_timeout', '0', false); select set_config('lock_timeout', '3s', true);")).toEqual([false, true]);
    // SET LOCAL outside a transaction block only raises a warning in PostgreSQL; it sets nothing.
    expect(timeouts("set local lock_timeout = '2s'; begin; set local lock_timeout = '2s'; commit;", { transactional: false })).toEqual([false, false, true, false]);
    // Each migration starts without one.
    const state = walk([migration('20240101000000', "set lock_timeout = '2s';"), migration('20240102000000', 'select 1;')]);
    expect(state.lockTimeoutSet).toBe(false);
  });

  it('follows a table through a rename and a schema move, keeping RLS, policies and columns', () => {
    const migrations = [
      migration(
        '20240101000000',
        'create table notes (id int, body text not null); alter table notes enable row level security; create policy p on notes using (true);\n' +
          'alter table notes rename to memos; alter table memos rename column body to text; alter table memos set schema private;',
      ),
    ];
    const state = walk(migrations);
    expect(state.table('public.notes')).toBeUndefined();
    const memos = state.table('private.memos');
    expect(memos).toMatchObject({ rowLevelSecurity: true, policies: new Set(['p']) });
    expect(memos?.columns.get('text')).toEqual({ type: { name: 'text', typmods: [], array: false }, notNull: true });
    expect(state.tableTargetedBy(migrations[0].statements[0])).toBe(memos);
  });

  it('knows when a NOT NULL check is validated', () => {
    const state = walk([
      migration('20240101000000', 'alter table t add constraint c check (a is not null) not valid; alter table t add constraint d check (b > 0);'),
      migration('20240102000000', 'alter table t validate constraint c;'),
    ]);
    expect(state.hasValidatedNotNullCheck('public.t', 'a')).toBe(true);
    expect(state.hasValidatedNotNullCheck('public.t', 'b')).toBe(false);
  });

  it("tracks a function's SECURITY DEFINER, search_path and anon EXECUTE through ALTER, REVOKE and default privileges", () => {
    const state = walk([
      migration(
        '20240101000000',
        'create function f(a int) returns int language sql security definer as $$ select a $$;\n' +
          "alter function f(int) set search_path = '';\n" +
          'revoke execute on function f(int) from public;\n' +
          'alter default privileges in schema api revoke execute on functions from anon;\n' +
          'create function api.g() returns int language sql as $$ select 1 $$;',
      ),
    ]);
    expect(state.functionsNamed('public.f', 'int4')[0]).toMatchObject({ securityDefiner: true, searchPathPinned: true, anonCanExecute: true, publicExecuteRevoked: true });
    expect(state.functionsNamed('api.g')[0]).toMatchObject({ anonCanExecute: false, volatility: 'volatile' });
    const revoked = walk([migration('20240101000000', 'create function f(a int) returns int language sql as $$ select a $$; revoke all on all functions in schema public from anon;')]);
    expect(revoked.functionsNamed('public.f')[0].anonCanExecute).toBe(false);
  });

  it('groups changed existing tables by foreign keys', () => {
    const state = walk([
      migration('20240101000000', 'create table a (id int primary key); create table b (a_id int references a); create table c (id int);'),
      migration('20240102000000', 'alter table b add column x int; alter table c add column x int; alter table a add column x int; create table d (id int);'),
    ]);
    expect(state.changeGroups()).toEqual([
      { tables: ['public.b', 'public.a'], firstStatementIndex: 0 },
      { tables: ['public.c'], firstStatementIndex: 1 },
    ]);
  });
});
