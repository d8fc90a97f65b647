import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { commitsAddingFiles } from '../../../packages/core/src/git';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' }).trim();
}

describe('commitsAddingFiles', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mg-adding-'));
    git(dir, 'init', '-q');
    mkdirSync(path.join(dir, 'm'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("finds the commit that added each file, not later edits", async () => {
    writeFileSync(path.join(dir, 'm', '1_a.sql'), 'select 1;\n');
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'add a');
    const addA = git(dir, 'rev-parse', 'HEAD');
    writeFileSync(path.join(dir, 'm', '2_b.sql'), 'select 2;\n');
    writeFileSync(path.join(dir, 'm', '1_a.sql'), 'select 11;\n');
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'add b, edit a');
    const addB = git(dir, 'rev-parse', 'HEAD');
    const found = await commitsAddingFiles(dir, ["m/1_a.sql", "m/2_b.sql", "m/3_missing.sql"]);
    expect(Object.fromEntries(found)).toEqual({ 'm/1_a.sql': addA, 'm/2_b.sql': addB });
  });

  it('proves nothing from the boundary commit of a shallow clone', async () => {
    writeFileSync(path.join(dir, 'm', '1_a.sql'), 'select 1;\n');
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'add a');
    writeFileSync(path.join(dir, 'm', '2_b.sql'), 'select 2;\n');
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'add b');
    const clone = mkdtempSync(path.join(os.tmpdir(), 'mg-adding-clone-'));
    try {
      git(os.tmpdir(), 'clone', '-q', '--depth', '1', `file://${dir}`, clone);
      expect((await commitsAddingFiles(clone, ['m/1_a.sql', 'm/2_b.sql'])).size).toBe(0);
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  });
});
