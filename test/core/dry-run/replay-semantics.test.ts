/**
 * How files reach the dry-run's database: files with their own transaction control as
 * `supabase db push` sends them (one batch; an inner COMMIT commits what came before it), the
 * rest as the deploy engine applies them, and what the report says when history cannot be
 * replayed. Runs on the embedded server, as the default `validate` does.
 */
import * as path from 'node:path';
import { discoverMigrations } from '../../../packages/core/src/discovery';
import { dryRun } from '../../../packages/core/src/dry-run';
import type { DryRunOptions } from '../../../packages/core/src/dry-run/types';
import { loadParser } from '../../../packages/core/src/parser';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'dry-run');

beforeAll(() => loadParser());

async function replay(folder: string, newFiles: 'all' | string[] = 'all', extra: Partial<DryRunOptions> = {}) {
  const { migrations } = await discoverMigrations(path.join(FIXTURES, folder, 'supabase', 'migrations'), { displayRoot: FIXTURES });
  const newVersions = newFiles === 'all' ? migrations.map((m) => m.version) : migrations.filter((m) => newFiles.includes(m.fileName)).map((m) => m.version);
  return dryRun({ migrations, newVersions, handleSignals: false, ...extra });
}

describe('files that control their own transactions', () => {
  it('replays BEGIN/COMMIT, a mid-file BEGIN ... END and CONCURRENTLY after COMMIT as supabase db push does', async () => {
    const result = await replay('transaction-control');
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.migrations.map((m) => [path.basename(m.file), m.status, m.mode])).toEqual([
      ['0001_own_transaction.sql', 'applied', 'push'],
      ['0002_check_policy_as_user.sql', 'applied', 'push'],
      ['20240103000000_index_outside_transaction.sql', 'applied', 'push'],
    ]);
    expect(result.schemaChanges.map((c) => c.summary)).toEqual(expect.arrayContaining([expect.stringContaining('public.notes'), expect.stringContaining('notes_title_idx')]));
  });

  it('says what the file had already committed when it fails after its own COMMIT', async () => {
    const result = await replay('transaction-control-failure');
    expect(result.ok).toBe(false);
    const finding = result.findings.find((f) => f.ruleId === 'dry-run-error');
    expect(finding).toMatchObject({ severity: 'error', line: 4, file: 'transaction-control-failure/supabase/migrations/20240101000000_fails_after_commit.sql' });
    expect(finding!.message).toContain('duplicate key value violates unique constraint');
    expect(finding!.message).toContain("The file's own COMMIT at line 2 had already committed the statements before it");
    expect(result.migrations[0]).toMatchObject({ status: 'failed', mode: 'push', committedThroughLine: 2 });
  });

  it('warns at a BEGIN that is never committed, and replays the later files on top of it', async () => {
    const result = await replay('transaction-control-unclosed');
    expect(result.ok).toBe(true);
    expect(result.migrations.map((m) => m.status)).toEqual(['applied', 'applied']);
    expect(result.findings).toEqual([
      expect.objectContaining({ ruleId: 'dry-run-unclosed-transaction', severity: 'warning', line: 2, file: 'transaction-control-unclosed/supabase/migrations/20240101000000_never_commits.sql' }),
    ]);
  });
});

describe('history that cannot be replayed', () => {
  const onlyTheLaterFileIsNew = ['20240302090000_after_typo.sql'];

  it('is a warning, and a later "does not exist" that may echo it is not blamed on the pull request', async () => {
    const result = await replay('history-broken', onlyTheLaterFileIsNew);
    const byFile = result.findings.filter((f) => f.ruleId === 'dry-run-error').map((f) => [path.basename(f.file), f.severity]);
    expect(byFile).toEqual([
      ['20240301090000_typo_policy.sql', 'warning'],
      ['20240302090000_after_typo.sql', 'warning'],
    ]);
    const echo = result.findings.find((f) => path.basename(f.file) === '20240302090000_after_typo.sql')!;
    expect(echo.message).toContain('This may follow from an earlier file that could not be replayed: 20240301090000_typo_policy.sql');
  });

  it('is an error when the project asks for a strict check', async () => {
    const result = await replay('history-broken', onlyTheLaterFileIsNew, { baseFailureSeverity: 'error' });
    expect(result.findings.find((f) => path.basename(f.file) === '20240301090000_typo_policy.sql')?.severity).toBe('error');
  });

  it('after a new migration fails, replays the later ones anyway and reports them as consequences, not verdicts', async () => {
    const result = await replay('history-broken', 'all');
    const failures = result.findings.filter((f) => f.ruleId === 'dry-run-error').map((f) => [path.basename(f.file), f.severity]);
    expect(failures).toEqual([
      ['20240301090000_typo_policy.sql', 'error'],
      ['20240302090000_after_typo.sql', 'warning'],
    ]);
    const later = result.findings.find((f) => path.basename(f.file) === '20240302090000_after_typo.sql')!;
    expect(later.message).toContain('A deploy would not reach this migration: it stops at 20240301090000_typo_policy.sql, which failed first');
    expect(result.migrations.map((m) => m.status)).toEqual(['failed', 'failed']);
    expect(result.notReplayed).toEqual([]);
  });

  it('is not ok when nothing at all could be replayed', async () => {
    const result = await replay('history-broken', []);
    expect(result.migrations.map((m) => m.status)).toEqual(['failed', 'failed']);
    expect(result.ok).toBe(false);
  });
});

describe('an extension nobody knows', () => {
  it('is replayed as an empty stand-in with a notice, and what it lacks is not blamed on the pull request', async () => {
    const result = await replay('unknown-extension');
    expect(result.server.standInExtensions).toEqual(['acme_widgets']);
    expect(result.migrations.map((m) => m.status)).toEqual(['applied', 'failed']);
    const notice = result.findings.find((f) => f.ruleId === 'dry-run-extension');
    expect(notice).toMatchObject({ severity: 'notice', line: 1, file: 'unknown-extension/supabase/migrations/20240101000000_unknown_extension.sql' });
    expect(notice!.message).toContain('"acme_widgets"');
    const failure = result.findings.find((f) => f.ruleId === 'dry-run-error');
    expect(failure).toMatchObject({ severity: 'warning', line: 1 });
    expect(failure!.message).toContain('the empty stand-in for "acme_widgets"');
  });
});

describe('event triggers', () => {
  it('are not replayed (they would run with the superuser rights of extension scripts): a notice, no error', async () => {
    const result = await replay('event-trigger');
    expect(result.ok).toBe(true);
    expect(result.migrations.map((m) => m.status)).toEqual(['applied']);
    expect(result.findings.filter((f) => f.ruleId === 'dry-run-extension').map((f) => [f.line, f.severity])).toEqual([
      [14, 'notice'],
      [15, 'notice'],
    ]);
    expect(result.schemaChanges.map((c) => c.summary)).toEqual(expect.arrayContaining([expect.stringContaining('public.rls_auto_enable()')]));
  });
});
