import { resolveConfig } from '../../packages/core/src/config';

describe('resolveConfig', () => {
  it('reads the target TimeZone, which decides whether timestamp to timestamptz rewrites a table', () => {
    expect(resolveConfig({ timeZone: ' Europe/Paris ' }).timeZone).toBe('Europe/Paris');
    expect(resolveConfig({}).timeZone).toBeUndefined();
  });

  it.each([[''], [3], [['UTC']]])('rejects timeZone %j and names the key', (value) => {
    expect(() => resolveConfig({ timeZone: value })).toThrow('"timeZone" must be a time zone name');
  });
});
