import * as path from 'node:path';
import { analyzeMigration, checkMigrationSet, discoverMigrations, isValidTimestamp, timestampVersion, versionConventionFinding } from '../../packages/core/src/discovery';
import { loadParser } from '../../packages/core/src/parser';

const fixtures = path.join(__dirname, '..', 'fixtures', 'discovery');
const root = path.join(__dirname, '..', '..');

beforeAll(() => loadParser());

describe('discoverMigrations', () => {
  it('reads a folder in version order with checksums, statements and their lines', async () => {
    const set = await discoverMigrations(path.join(fixtures, 'valid'), { displayRoot: root });
    expect(set.findings).toEqual([]);
    expect(set.directory).toBe('test/fixtures/discovery/valid');
    const [accounts, orders] = set.migrations;
    expect(accounts).toMatchObject({
      path: 'test/fixtures/discovery/valid/20240101000000_create_accounts.sql',
      version: '20240101000000',
      name: 'create_accounts',
      parsed: true,
    });
    expect(accounts.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(accounts.statements.map((s) => [s.kind, s.line, s.column])).toEqual([
      ['CreateStmt', 2, 1],
      ['CreateFunctionStmt', 8, 15],
      ['AlterTableStmt', 15, 1],
    ]);
    expect(orders.version).toBe('20240102000000');
  });

  it('takes exactly the files the Supabase CLI applies, in its order, and skips other .sql files with a notice', async () => {
    const set = await discoverMigrations(path.join(fixtures, 'cli-names'), { displayRoot: root });
    expect(set.migrations.map((m) => [m.fileName, m.version, m.name])).toEqual([
      ['00000000000001_base.sql', '00000000000001', 'base'],
      ['0000_init.sql', '0000', 'init'],
      ['1660333326_x.sql', '1660333326', 'x'],
      // Not the folder's first entry, so the CLI applies it like any other file.
      ['20200101000000_init.sql', '20200101000000', 'init'],
      ['20240102000000_pkg@name-1.0.1.sql', '20240102000000', 'pkg@name-1.0.1'],
    ]);
    expect(set.findings.filter((f) => f.severity !== 'notice')).toEqual([]);
    expect(set.skipped.map((s) => path.basename(s.file))).toEqual(['20240103000000_upper.SQL', '20240104000000_folder.sql', 'local_20240107152745_ollama.sql']);
    const notices = set.findings.filter((f) => f.ruleId === 'file-skipped');
    expect(notices.map((f) => [path.basename(f.file), f.severity, f.line])).toEqual([
      ['20240103000000_upper.SQL', 'notice', 1],
      ['20240104000000_folder.sql', 'notice', 1],
      ['local_20240107152745_ollama.sql', 'notice', 1],
    ]);
    expect(notices[1].message).toContain('the Supabase CLI skips folders');
    expect(notices[2].message).toContain('the Supabase CLI never applies it');
  });

  it('skips a legacy <timestamp>_init.sql only when it is the first file, as the CLI does', async () => {
    const set = await discoverMigrations(path.join(fixtures, 'legacy-init'), { displayRoot: root });
    expect(set.migrations.map((m) => m.fileName)).toEqual(['20220101000000_next.sql']);
    expect(set.findings).toEqual([expect.objectContaining({ ruleId: 'file-skipped', severity: 'notice', file: 'test/fixtures/discovery/legacy-init/20211001000000_init.sql' })]);
  });

  it('accepts names that are not timestamps: no error on applied history', async () => {
    const set = await discoverMigrations(path.join(fixtures, 'bad-names'), { displayRoot: root });
    expect(set.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(set.migrations.map((m) => m.fileName)).toEqual(['20240101000000_ok.sql', '2024010100000_short.sql', '20241399000000_bad_month.sql']);
    expect(set.findings.map((f) => [path.basename(f.file), f.ruleId])).toEqual([['create_users.sql', 'file-skipped']]);
  });

  it('advises the timestamp convention for a new file only, with a `supabase migration new` style name', () => {
    const { migration } = analyzeMigration('1660333326_test_schema.sql', Buffer.from('select 1;'), 'm/1660333326_test_schema.sql');
    const advice = versionConventionFinding(migration, new Date('2026-11-29T10:00:00Z'));
    expect(advice).toMatchObject({ ruleId: 'file-name', severity: 'warning', line: 1 });
    expect(advice?.hint).toContain('20261129100000_test_schema.sql');
    const { migration: stamped } = analyzeMigration('20240101000000_a.sql', Buffer.from('select 1;'), 'm/20240101000000_a.sql');
    expect(versionConventionFinding(stamped)).toBeUndefined();
  });

  it('reports non-UTF-8, binary and empty files (comments only, or zero bytes) at the right line', async () => {
    const set = await discoverMigrations(path.join(fixtures, 'encoding'), { displayRoot: root });
    const summary = set.findings.map((f) => [path.basename(f.file), f.ruleId, f.severity, f.line]);
    expect(summary).toEqual(
      expect.arrayContaining([
        ['20240101000000_latin1.sql', 'file-encoding', 'error', 2],
        ['20240102000000_binary.sql', 'file-encoding', 'error', 2],
        ['20240103000000_empty.sql', 'empty-migration', 'warning', 1],
        ['20240104000000_zero_bytes.sql', 'empty-migration', 'warning', 1],
      ]),
    );
    expect(set.findings).toHaveLength(4);
  });

  it('reports a version used twice on both files', async () => {
    const set = await discoverMigrations(path.join(fixtures, 'duplicates'), { displayRoot: root });
    expect(set.findings.map((f) => [path.basename(f.file), f.ruleId])).toEqual([
      ['20240101000000_first.sql', 'duplicate-version'],
      ['20240101000000_second.sql', 'duplicate-version'],
    ]);
    expect(set.findings[0].message).toContain('also 20240101000000_second.sql');
  });

  it('checks directives and reports syntax errors at the exact line and column', async () => {
    const set = await discoverMigrations(path.join(fixtures, 'directives'), { displayRoot: root });
    const findings = set.findings.map((f) => `${path.basename(f.file)}:${f.line}:${f.column} ${f.ruleId} ${f.message}`);
    expect(findings).toEqual(
      expect.arrayContaining([
        '20240103000000_bad_directives.sql:1:1 directive "kind: dat" is not a migration kind.',
        '20240103000000_bad_directives.sql:3:1 directive Unknown directive "transacton:"; did you mean "transaction:"?',
        '20240103000000_bad_directives.sql:4:1 directive Unknown directive "gate:ignore".',
        '20240103000000_bad_directives.sql:2:1 directive depends-on 20250101000000: no migration with that version exists in this folder.',
        '20240104000000_syntax_error.sql:4:8 syntax-error Syntax error: syntax error at or near "tabel".',
      ]),
    );
    expect(findings).toHaveLength(5);
    const good = set.migrations.find((m) => m.version === '20240102000000');
    expect(good?.directives).toMatchObject({ kind: 'data', transactional: false, dependsOn: [{ version: '20240101000000', line: 3 }] });
  });

  it('says which folder is missing and what the default is', async () => {
    await expect(discoverMigrations(path.join(fixtures, 'nope'), { displayRoot: root })).rejects.toThrow(
      'Migrations folder "test/fixtures/discovery/nope" does not exist. Pass the folder that holds your <timestamp>_<name>.sql files (default: supabase/migrations).',
    );
  });
});

describe('analyzeMigration', () => {
  it('refuses depends-on pointing at a later migration', () => {
    const a = analyzeMigration('20240101000000_a.sql', Buffer.from('-- depends-on: 20240102000000\nselect 1;\n'), 'a.sql');
    expect(a.findings).toEqual([]);
    const b = analyzeMigration('20240102000000_b.sql', Buffer.from('select 1;\n'), 'b.sql');
    expect(checkMigrationSet([a.migration, b.migration])).toEqual([
      expect.objectContaining({ file: 'a.sql', line: 1, message: expect.stringContaining('does not sort before this one (20240101000000)') }),
    ]);
  });

  it('checksums the bytes, so a whitespace edit changes it', () => {
    const one = analyzeMigration('20240101000000_a.sql', Buffer.from('select 1;\n'), 'a.sql').migration.checksum;
    const two = analyzeMigration('20240101000000_a.sql', Buffer.from('select 1; \n'), 'a.sql').migration.checksum;
    expect(one).toBe('4a45092ccf992ea92250053a80b931b787924ba61648f420555511b84f10ab6c'); // sha256sum of the same bytes
    expect(one).not.toBe(two);
  });
});

describe('timestamps', () => {
  it('accepts real moments only', () => {
    expect(isValidTimestamp('20240229235959')).toBe(true);
    expect(isValidTimestamp('20230229000000')).toBe(false);
    expect(isValidTimestamp('20240101246000')).toBe(false);
  });

  it('formats a fresh version in UTC', () => {
    expect(timestampVersion(new Date(Date.UTC(2026, 10, 25, 17, 3, 9)))).toBe('20261125170309');
  });
});
