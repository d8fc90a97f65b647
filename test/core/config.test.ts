/**
 * The configuration file as people write it by hand: a UTF-8 byte order mark is accepted, and a
 * file that says `null` (or anything but an object) is refused by name instead of meaning "defaults".
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfig, resolveConfig } from '../../packages/core/src/config';
import { loadSeedConfig } from '../../packages/core/src/seed/config';

describe('configuration files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mg-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function write(name: string, text: string): void {
    writeFileSync(path.join(dir, name), text);
  }

  it('reads a file that starts with a UTF-8 byte order mark', async () => {
    write('.migration-gate.json', '\uFEFF{ "migrationsDir": "db/migrations", "failOn": "warning", "seed": { "rows": 7 } }\n');
    expect(await loadConfig(dir)).toMatchObject({ migrationsDir: 'db/migrations', failOn: 'warning' });
    expect(await loadSeedConfig(path.join(dir, '.migration-gate.json'))).toMatchObject({ rows: 7 });
  });

  it('refuses a file that is null, naming the file and the fix', async () => {
    write('.migration-gate.json', 'null\n');
    await expect(loadConfig(dir)).rejects.toThrow('.migration-gate.json contains null: it must be a JSON object (write {} to use every default).');
    await expect(loadSeedConfig(path.join(dir, '.migration-gate.json'))).rejects.toThrow('.migration-gate.json contains null');
  });

  it('refuses other JSON that is not an object, and keeps the parser message for broken JSON', async () => {
    write('list.json', '["supabase/migrations"]');
    write('broken.json', '{ "failOn": "error", }');
    await expect(loadConfig(dir, 'list.json')).rejects.toThrow('list.json must contain a JSON object, not an array');
    await expect(loadConfig(dir, 'broken.json')).rejects.toThrow(/^broken\.json is not valid JSON: /);
  });

  it('still uses every default when there is no configuration file at all', async () => {
    expect(await loadConfig(dir)).toMatchObject({ migrationsDir: 'supabase/migrations', failOn: 'error' });
  });
});

describe('resolveConfig', () => {
  it('reads the target TimeZone, which decides whether timestamp to timestamptz rewrites a table', () => {
    expect(resolveConfig({ timeZone: ' Europe/Paris ' }).timeZone).toBe('Europe/Paris');
    expect(resolveConfig({}).timeZone).toBeUndefined();
  });

  it.each([[''], [3], [['UTC']]])('rejects timeZone %j and names the key', (value) => {
    expect(() => resolveConfig({ timeZone: value })).toThrow('"timeZone" must be a time zone name');
  });
});
