import { analyseCheck } from '../../../packages/core/src/seed/checks';
import { loadParser } from '../../../packages/core/src/parser';

beforeAll(() => loadParser());

/** Expressions as pg_get_expr prints them, i.e. what introspection hands to analyseCheck. */
describe('reading CHECK constraints', () => {
  it('reads comparisons with constants, including casts and negative numbers', () => {
    const { restrictions, understood } = analyseCheck("((price > (0)::numeric) AND (discount >= '-1.5'::numeric))");
    expect(understood).toBe(true);
    expect(restrictions.get('price')!.min).toEqual({ value: 0, inclusive: false });
    expect(restrictions.get('discount')!.min).toEqual({ value: -1.5, inclusive: true });
  });

  it('reads BETWEEN as Postgres stores it, and the flipped form "0 < qty"', () => {
    const stored = analyseCheck('((rating >= 1) AND (rating <= 5))').restrictions.get('rating')!;
    expect([stored.min, stored.max]).toEqual([
      { value: 1, inclusive: true },
      { value: 5, inclusive: true },
    ]);
    const raw = analyseCheck('rating between 2 and 4').restrictions.get('rating')!;
    expect([raw.min!.value, raw.max!.value]).toEqual([2, 4]);
    expect(analyseCheck('(0 < qty)').restrictions.get('qty')!.min).toEqual({ value: 0, inclusive: false });
  });

  it('keeps the tighter bound when a column is restricted twice', () => {
    const r = analyseCheck('((stock > 0) AND (stock >= 10) AND (stock < 100) AND (stock <= 100))').restrictions.get('stock')!;
    expect(r.min).toEqual({ value: 10, inclusive: true });
    expect(r.max).toEqual({ value: 100, inclusive: false });
  });

  it('reads IN lists in both stored and written forms, and NOT IN as exclusions', () => {
    expect(analyseCheck("(status = ANY (ARRAY['draft'::text, 'live'::text]))").restrictions.get('status')!.allowed).toEqual(['draft', 'live']);
    expect(analyseCheck("status in ('a', 'b')").restrictions.get('status')!.allowed).toEqual(['a', 'b']);
    expect(analyseCheck("(status <> ALL (ARRAY['x'::text]))").understood).toBe(false);
    expect(analyseCheck("status not in ('x', 'y')").restrictions.get('status')!.excluded).toEqual(['x', 'y']);
  });

  it('reads length limits through char_length, length and trim', () => {
    expect(analyseCheck('(char_length(title) >= 3)').restrictions.get('title')!.minLength).toBe(3);
    expect(analyseCheck('(length(btrim(name)) > 0)').restrictions.get('name')!.minLength).toBe(1);
    const both = analyseCheck('((char_length(code) >= 4) AND (char_length(code) <= 8))').restrictions.get('code')!;
    expect([both.minLength, both.maxLength]).toEqual([4, 8]);
    expect(analyseCheck("(slug <> ''::text)").restrictions.get('slug')!.minLength).toBe(1);
  });

  it('reads comparisons between two columns', () => {
    expect(analyseCheck('(ends_at > starts_at)').comparisons).toEqual([{ left: 'ends_at', operator: '>', right: 'starts_at' }]);
  });

  it('takes the first understood branch of an OR, since any branch satisfies it', () => {
    const { restrictions, understood } = analyseCheck("((kind = 'free'::text) OR (price > (0)::numeric))");
    expect(understood).toBe(true);
    expect(restrictions.get('kind')!.allowed).toEqual(['free']);
    expect(restrictions.has('price')).toBe(false);
    expect(analyseCheck('((deleted_at IS NULL) OR (deleted_at > created_at))').comparisons).toEqual([{ left: 'deleted_at', operator: '>', right: 'created_at' }]);
  });

  it('reads a domain check through VALUE as the column it types', () => {
    expect(analyseCheck('(VALUE > 0)', 'price').restrictions.get('price')!.min).toEqual({ value: 0, inclusive: false });
  });

  it('reads IS NOT NULL and boolean columns that must be true', () => {
    expect(analyseCheck('(email IS NOT NULL)').restrictions.get('email')!.notNull).toBe(true);
    expect(analyseCheck('accepted_terms').restrictions.get('accepted_terms')!.allowed).toEqual([true]);
  });

  it('says when part of an expression is left to Postgres', () => {
    const { restrictions, understood } = analyseCheck("((email ~* '^[^@]+@[^@]+$'::text) AND (age >= 18))");
    expect(understood).toBe(false);
    expect(restrictions.get('age')!.min).toEqual({ value: 18, inclusive: true });
  });
});
