import * as path from 'node:path';
import { analyzeMigration, checkMigrationSet, discoverMigrations, isValidTimestamp, timestampVersion } from '../../packages/core/src/discovery';
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

  it('reports malformed names at the file, ignores non-SQL files, and still reads good ones', async () => {
    const set = await discoverMigrations(path.join(fixtures, 'bad-names'), { displayRoot: root });
    const byFile = Object.fromEntries(set.findings.map((f) => [path.basename(f.file), f]));
    expect(Object.keys(byFile).sort()).toEqual(['2024010100000_short.sql', '20241399000000_bad_month.sql', 'create_users.sql']);
    expect(byFile['create_users.sql']).toMatchObject({ ruleId: 'file-name', severity: 'error', line: 1 });
    expect(byFile['create_users.sql'].message).toContain('expected <14-digit UTC timestamp>_<name>.sql');
    expect(byFile['create_users.sql'].hint).toMatch(/^Rename it, e\.g\. \d{14}_create_users\.sql/);
    expect(byFile['20241399000000_bad_month.sql'].message).toBe('"20241399000000" is not a valid UTC timestamp (yyyymmddhhmmss).');
    expect(set.migrations.find((m) => m.fileName === '20240101000000_ok.sql')?.version).toBe('20240101000000');
  });

  it('reports non-UTF-8, binary and empty files at the right line', async () => {
    const set = await discoverMigrations(path.join(fixtures, 'encoding'), { displayRoot: root });
    const summary = set.findings.map((f) => [path.basename(f.file), f.ruleId, f.severity, f.line]);
    expect(summary).toEqual(
      expect.arrayContaining([
        ['20240101000000_latin1.sql', 'file-encoding', 'error', 2],
        ['20240102000000_binary.sql', 'file-encoding', 'error', 2],
        ['20240103000000_empty.sql', 'empty-migration', 'warning', 1],
      ]),
    );
    expect(set.findings).toHaveLength(3);
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
