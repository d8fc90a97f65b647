import { resolveConfig } from '../../../packages/core/src/config';

describe('the drift section of .migration-gate.json', () => {
  it('defaults to no extra schemas either way', () => {
    expect(resolveConfig({}).drift).toEqual({ excludeSchemas: [], includeSchemas: [] });
  });

  it('takes schemas to leave out and platform schemas to compare', () => {
    expect(resolveConfig({ drift: { excludeSchemas: ['analytics'], includeSchemas: ['storage'] } }).drift).toEqual({ excludeSchemas: ['analytics'], includeSchemas: ['storage'] });
  });

  it.each([
    [{ drift: ['analytics'] }, '.migration-gate.json: "drift" must be an object with excludeSchemas and/or includeSchemas.'],
    [{ drift: { ignore: ['x'] } }, '.migration-gate.json: unknown key "drift.ignore". Known keys: excludeSchemas, includeSchemas.'],
    [{ drift: { excludeSchemas: 'analytics' } }, '.migration-gate.json: "drift.excludeSchemas" must be a list of schema names.'],
  ])('names what is wrong in %j', (raw, message) => {
    expect(() => resolveConfig(raw)).toThrow(message);
  });
});
