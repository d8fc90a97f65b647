import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadSeedConfig, resolveSeedConfig } from '../../../packages/core/src/seed/config';

describe('seed configuration', () => {
  it('qualifies table and column names with public', () => {
    const config = resolveSeedConfig({
      tables: { posts: { rows: 5, columns: { title: { faker: 'lorem.sentence', args: [3] } } }, 'app.items': { rows: 0 } },
      copy: { masks: { 'users.email': 'hash', 'app.users.city': { keep: 'coarse' } }, pii: ['orders.note'] },
    });
    expect(Object.keys(config.tables)).toEqual(['public.posts', 'app.items']);
    expect(config.tables['public.posts'].columns.title).toEqual({ kind: 'faker', method: 'lorem.sentence', args: [3] });
    expect(config.copy.masks).toEqual({ 'public.users.email': { kind: 'hash' }, 'app.users.city': { kind: 'keep', reason: 'coarse' } });
    expect(config.copy.pii).toEqual(['public.orders.note']);
  });

  it('rejects faker paths that do not exist, naming the key', () => {
    expect(() => resolveSeedConfig({ tables: { users: { columns: { email: { faker: 'internet.emial' } } } } })).toThrow(/tables\.users\.columns\.email\.faker: faker\.internet has no method "emial"/);
    expect(() => resolveSeedConfig({ tables: { users: { columns: { email: { faker: 'nope.email' } } } } })).toThrow(/no module "nope"/);
  });

  it('rejects unknown keys, bad counts and ambiguous generators', () => {
    expect(() => resolveSeedConfig({ row: 5 })).toThrow(/unknown key "row"/);
    expect(() => resolveSeedConfig({ rows: -1 })).toThrow(/"rows" must be a whole number/);
    expect(() => resolveSeedConfig({ tables: { t: { columns: { c: { value: 1, oneOf: [1] } } } } })).toThrow(/exactly one of/);
    expect(() => resolveSeedConfig({ copy: { masks: { 'users.email': 'scramble' } } })).toThrow(/must be one of hash, fake, null, keep/);
    expect(() => resolveSeedConfig({ copy: { masks: { 'users.email': { keep: '' } } } })).toThrow(/reason/);
  });

  it('adds configured production names to the defaults instead of replacing them', () => {
    expect(resolveSeedConfig({ productionEnvironments: ['live'] }).productionEnvironments).toEqual(['production', 'prod', 'live']);
  });

  it('loads a standalone file or the seed section of a shared file', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mg-seed-config-'));
    try {
      writeFileSync(path.join(dir, 'seed.config.json'), JSON.stringify({ seed: 9, rows: 3 }));
      writeFileSync(path.join(dir, '.migration-gate.json'), JSON.stringify({ migrationsDir: 'db', seed: { seed: 4, tables: { tags: { rows: 2 } } } }));
      writeFileSync(path.join(dir, 'broken.json'), '{"seed": ');
      expect(await loadSeedConfig(path.join(dir, 'seed.config.json'))).toMatchObject({ seed: 9, rows: 3 });
      expect(await loadSeedConfig(path.join(dir, '.migration-gate.json'))).toMatchObject({ seed: 4, tables: { 'public.tags': { rows: 2 } } });
      await expect(loadSeedConfig(path.join(dir, 'broken.json'))).rejects.toThrow(/broken\.json is not valid JSON/);
      await expect(loadSeedConfig(path.join(dir, 'missing.json'))).rejects.toThrow(/Cannot read the seed configuration/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
