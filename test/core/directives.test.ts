import { parseDirectives } from '../../packages/core/src/directives';

describe('parseDirectives', () => {
  it('reads every directive of the header', () => {
    const { directives, findings } = parseDirectives(
      ['-- Backfill.', '-- kind: data', '-- depends-on: 20240101000000, 20240102000000', '-- transaction: none', '-- gate:allow ban-drop-column column unused since v2', 'update t set a = 1;'].join('\n'),
      'm.sql',
    );
    expect(findings).toEqual([]);
    expect(directives).toEqual({
      kind: 'data',
      transactional: false,
      transactionLine: 4,
      dependsOn: [
        { version: '20240101000000', line: 3 },
        { version: '20240102000000', line: 3 },
      ],
      allows: [{ ruleId: 'ban-drop-column', reason: 'column unused since v2', line: 5 }],
    });
  });

  it('stops at the first statement: directive-shaped comments later are ordinary comments', () => {
    const { directives, findings } = parseDirectives('select 1;\n-- kind: data\n-- whatever: x\n', 'm.sql');
    expect(findings).toEqual([]);
    expect(directives.kind).toBe('schema');
  });

  it('skips block comments in the header', () => {
    const { directives } = parseDirectives('/*\n kind: nonsense inside a block\n*/\n-- kind: data\nselect 1;', 'm.sql');
    expect(directives.kind).toBe('data');
  });

  it.each([
    ['-- kind: dat', 1, '"kind: dat" is not a migration kind.'],
    ['-- transacton: none', 1, 'Unknown directive "transacton:"; did you mean "transaction:"?'],
    ['-- depends_on: 20240101000000', 1, 'Unknown directive "depends_on:"; did you mean "depends-on:"?'],
    ['-- dependson: 20240101000000', 1, 'Unknown directive "dependson:"; did you mean "depends-on:"?'],
    ['-- Transaction: none', 1, 'Unknown directive "Transaction:"; did you mean "transaction:"?'],
    ['-- knd: data', 1, 'Unknown directive "knd:"; did you mean "kind:"?'],
    ['-- transaction: serializable', 1, '"transaction: serializable" is not supported.'],
    ['-- depends-on: v2024', 1, '"depends-on: v2024" is not a migration version.'],
    ['-- depends-on:', 1, '"depends-on" needs at least one migration version.'],
    ['\n-- gate:ignore all', 2, 'Unknown directive "gate:ignore".'],
    ['-- gate:allow ban-drop-table', 1, 'A "gate:allow" directive needs a rule id and a reason.'],
  ])('rejects %j with a finding on its line', (header, line, message) => {
    const { findings } = parseDirectives(`${header}\nselect 1;`, 'dir/m.sql');
    expect(findings).toEqual([expect.objectContaining({ ruleId: 'directive', severity: 'error', file: 'dir/m.sql', line, message })]);
  });

  it('leaves capitalised or colon-less comments alone', () => {
    const { findings } = parseDirectives('-- Note: keep this short\n-- see ticket 42\nselect 1;', 'm.sql');
    expect(findings).toEqual([]);
  });

  it('reads prose shaped like "key: value" as a comment when the key is not near a directive', () => {
    // From real projects' headers: an indented explanation, a usage line, a list of keys.
    const header = [
      '-- Fix recursion in the shared categories policy.',
      '-- The old policy used a subquery whose rows',
      '--     contain:  category_id IN (SELECT id FROM public.categories',
      '-- usage: select public.rebalance();',
      '--                                       keys: platform/source/programming_',
      '-- link: https://example.com/issue/42',
      '-- todo: drop the old function',
    ];
    const { directives, findings } = parseDirectives(`${header.join('\n')}\nselect 1;`, 'm.sql');
    expect(findings).toEqual([]);
    expect(directives).toEqual({ dependsOn: [], kind: 'schema', transactional: true, allows: [] });
  });
});
