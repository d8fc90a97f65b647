/**
 * What the pgvector emulation checks before a statement reaches the server: index options,
 * pgvector's settings and type dimensions, refused with PostgreSQL's / pgvector's messages, and
 * the parts the emulated server cannot take blanked out without moving error positions.
 */
import { loadParser, parseSql } from '../../../../packages/core/src/parser';
import { rewriteVectorStatement } from '../../../../packages/core/src/dry-run/emulations/vector-rewrite';

beforeAll(() => loadParser());

const rewrite = (sql: string) => {
  const { statements, error } = parseSql(sql);
  if (error) throw new Error(error.message);
  return rewriteVectorStatement(statements[statements.length - 1]);
};

describe('hnsw and ivfflat index options', () => {
  it('accepts pgvector options and sends the statement without its WITH clause, positions unchanged', () => {
    const sql = "create index on items using hnsw (embedding vector_cosine_ops) with (m = 16, ef_construction = '200')\n  where embedding is not null";
    const result = rewrite(sql) as { sql: string };
    expect(result.sql).toHaveLength(sql.length);
    expect(result.sql.replace(/ +/g, ' ')).toBe('create index on items using hnsw (embedding vector_cosine_ops) \n where embedding is not null');
    const ivfflat = 'create index on items using ivfflat (embedding) with (lists = 100)';
    expect(rewrite(ivfflat)).toEqual({ sql: 'create index on items using ivfflat (embedding)'.padEnd(ivfflat.length) });
  });

  it.each([
    ['using hnsw (e vector_l2_ops) with (m = 101)', 'value 101 out of bounds for option "m"'],
    ['using hnsw (e vector_l2_ops) with (ef_construction = 3)', 'value 3 out of bounds for option "ef_construction"'],
    ['using hnsw (e vector_l2_ops) with (m = 40)', 'ef_construction must be greater than or equal to 2 * m'],
    ['using hnsw (e vector_l2_ops) with (fillfactor = 50)', 'unrecognized parameter "fillfactor"'],
    ['using hnsw (e vector_l2_ops) with (m = 8, m = 9)', 'parameter "m" specified more than once'],
    ['using ivfflat (e vector_l2_ops) with (lists = 0)', 'value 0 out of bounds for option "lists"'],
    ['using ivfflat (e vector_l2_ops) with (lists = 40000)', 'value 40000 out of bounds for option "lists"'],
    ['using ivfflat (e vector_l2_ops) with (lists)', 'invalid value for integer option "lists": true'],
    ['using ivfflat (e vector_l2_ops) with (m = 16)', 'unrecognized parameter "m"'],
  ])('refuses %s', (clause, message) => {
    expect(rewrite(`create index on items ${clause}`)).toEqual({ error: message });
  });

  it('leaves other access methods and option-free indexes alone', () => {
    expect(rewrite('create index on items using btree (id) with (fillfactor = 70)')).toBeUndefined();
    expect(rewrite('create index on items using hnsw (embedding vector_l2_ops)')).toBeUndefined();
  });
});

describe("pgvector's settings", () => {
  it('lets valid values through and refuses others with the messages of guc.c', () => {
    expect(rewrite('set local hnsw.ef_search = 100')).toBeUndefined();
    expect(rewrite("set hnsw.iterative_scan to 'STRICT_ORDER'")).toBeUndefined();
    expect(rewrite('set ivfflat.probes = 10')).toBeUndefined();
    expect(rewrite('reset hnsw.ef_search')).toBeUndefined();
    expect(rewrite('set hnsw.ef_search = 1001')).toEqual({ error: '1001 is outside the valid range for parameter "hnsw.ef_search" (1 .. 1000)' });
    expect(rewrite('set ivfflat.iterative_scan = strict_order')).toEqual({ error: 'invalid value for parameter "ivfflat.iterative_scan": "strict_order"' });
    expect(rewrite('set hnsw.scan_mem_multiplier = 0.5')).toEqual({ error: '0.5 is outside the valid range for parameter "hnsw.scan_mem_multiplier" (1 .. 1000)' });
    expect(rewrite('set hnsw.ef_serach = 10')).toEqual({ error: 'invalid configuration parameter name "hnsw.ef_serach"' });
    expect(rewrite('set myapp.ef_search = 0')).toBeUndefined();
  });

  it('keeps stored settings out of the emulated server (only a superuser may store a placeholder) after checking them', () => {
    const sql = 'create function f(q vector) returns setof bigint language sql stable set hnsw.ef_search = 100 set search_path = public return 1';
    const result = rewrite(sql) as { sql: string };
    expect(result.sql).toHaveLength(sql.length);
    expect(result.sql.replace(/ +/g, ' ')).toBe('create function f(q vector) returns setof bigint language sql stable set search_path = public return 1');
    expect(rewrite('create function f() returns int language sql set hnsw.ef_search = 0 return 1')).toEqual({
      error: '0 is outside the valid range for parameter "hnsw.ef_search" (1 .. 1000)',
    });
    expect((rewrite('alter role authenticated set ivfflat.probes = 5') as { sql: string }).sql.trim()).toBe('');
    const alter = 'alter function f() set hnsw.ef_search to default';
    expect(rewrite(alter)).toEqual({ sql: 'alter function f()'.padEnd(alter.length) });
  });
});

describe('dimensions', () => {
  it.each([
    ['create table t (e vector(0))', 'dimensions for type vector must be at least 1'],
    ['create table t (e extensions.halfvec(16001))', 'dimensions for type halfvec cannot exceed 16000'],
    ['alter table t add column e sparsevec(2, 3)', 'invalid type modifier'],
    ["select '[1]'::vector(16001)", 'dimensions for type vector cannot exceed 16000'],
  ])('refuses %s', (sql, message) => {
    expect(rewrite(sql)).toEqual({ error: message });
  });

  it('accepts the dimensions pgvector accepts', () => {
    expect(rewrite('create table t (e vector(16000), h halfvec(1536), s sparsevec(1000000000), b bit(64))')).toBeUndefined();
  });
});
