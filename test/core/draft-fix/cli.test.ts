import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { draftFixCommand } from '../../../packages/cli/src/commands/draft-fix';
import { FIXTURES } from './support';

let workDir: string;
let stdout: string;
let stderr: string;

beforeEach(() => {
  workDir = mkdtempSync(path.join(os.tmpdir(), 'mg-draft-fix-'));
  stdout = '';
  stderr = '';
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += chunk.toString();
    return true;
  });
  jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += chunk.toString();
    return true;
  });
});

afterEach(() => {
  jest.restoreAllMocks();
  rmSync(workDir, { recursive: true, force: true });
});

/** A migrations folder holding the representative fixture and, optionally, a newer sibling. */
function migrationsFolder(newerSibling?: string): string {
  const folder = path.join(workDir, 'supabase', 'migrations');
  mkdirSync(folder, { recursive: true });
  copyFileSync(path.join(FIXTURES, '20240301100000_create_orders.sql'), path.join(folder, '20240301100000_create_orders.sql'));
  if (newerSibling) writeFileSync(path.join(folder, newerSibling), 'select 1;\n');
  return folder;
}

describe('migration-gate draft-fix', () => {
  it('prints the draft on stdout and its file name on stderr', async () => {
    const folder = migrationsFolder();
    const code = await draftFixCommand.run([path.join(folder, '20240301100000_create_orders.sql')]);
    expect(code).toBe(0);
    expect(stdout.startsWith('-- DRAFT forward fix for 20240301100000_create_orders.sql — review before committing.')).toBe(true);
    expect(stdout).toContain('drop table if exists public.orders;');
    expect(stderr).toMatch(/^Drafted \d{14}_revert_create_orders\.sql: 8 statement\(s\) undone, 2 need manual work \(marked MANUAL\)\. Review it before committing\.\n$/);
  });

  it('writes <dir>/<fileName> with --out, sorting after the newest migration in the folder', async () => {
    const folder = migrationsFolder('29991231235959_from_the_future.sql');
    const out = path.join(workDir, 'drafts', 'nested');
    const code = await draftFixCommand.run([path.join(folder, '20240301100000_create_orders.sql'), '--out', out]);
    expect(code).toBe(0);
    const written = path.join(out, '30000101000000_revert_create_orders.sql');
    expect(readFileSync(written, 'utf8')).toContain('-- transaction: none');
    // Outside the working directory, the path is shown absolute.
    expect(stdout).toContain(`Wrote ${written}: 8 statement(s) undone`);
  });

  it('sorts after --after, and never overwrites an existing file', async () => {
    const folder = migrationsFolder();
    const file = path.join(folder, '20240301100000_create_orders.sql');
    expect(await draftFixCommand.run([file, '--out', workDir, '--after', '20991231235959'])).toBe(0);
    expect(existsSync(path.join(workDir, '21000101000000_revert_create_orders.sql'))).toBe(true);

    writeFileSync(path.join(workDir, '21000101000000_revert_create_orders.sql'), 'keep me\n');
    expect(await draftFixCommand.run([file, '--out', workDir, '--after', '20991231235959'])).toBe(2);
    expect(stderr).toContain('21000101000000_revert_create_orders.sql');
    expect(readFileSync(path.join(workDir, '21000101000000_revert_create_orders.sql'), 'utf8')).toBe('keep me\n');
  });

  it('exits 2 for a missing file', async () => {
    expect(await draftFixCommand.run([path.join(workDir, '20240101000000_nope.sql')])).toBe(2);
    expect(stderr).toMatch(/Migration file ".*20240101000000_nope\.sql" does not exist\./);
    expect(stdout).toBe('');
  });

  it('exits 2 with the syntax error for a file that does not parse', async () => {
    const file = path.join(workDir, '20240101000000_broken.sql');
    writeFileSync(file, 'create table ok (id int);\n\ncreate tabel broken (id int);\n');
    expect(await draftFixCommand.run([file])).toBe(2);
    expect(stderr).toMatch(/it must parse as SQL\.\n.*20240101000000_broken\.sql:3:8: Syntax error: syntax error at or near "tabel"/);
    expect(stdout).toBe('');
  });

  it.each([
    [[], /Expected one migration file, got none\./],
    [['a.sql', 'b.sql'], /Expected one migration file, got a\.sql b\.sql\./],
    [['a.sql', '--after', '2024'], /--after must be a 14-digit migration version .*got "2024"/],
    [['a.sql', '--bogus'], /Unknown option '--bogus'/],
  ])('exits 2 for bad arguments %j', async (argv, message) => {
    expect(await draftFixCommand.run(argv)).toBe(2);
    expect(stderr).toMatch(message);
  });
});
