/**
 * Migration files a pull request may have planted, on real files: symbolic links out of the
 * repository, a FIFO, /dev/zero, a socket, a directory, a huge file. Each is refused by name
 * with an error finding; nothing hangs, nothing outside is read.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import * as path from 'node:path';
import { discoverMigrations } from '../../packages/core/src/discovery';
import { loadParser } from '../../packages/core/src/parser';
import { readFilesSafely } from '../../packages/core/src/read-files';
import { makeTempDir, removeTempRepos } from './git/temp-repo';

const SAFE = 'create table t (id int);\n';

describe('reading migration files safely', () => {
  let repo: string;
  let migrations: string;
  beforeAll(() => loadParser());
  beforeEach(() => {
    const workspace = makeTempDir('mg-read-');
    repo = path.join(workspace, 'repo');
    migrations = path.join(repo, 'supabase', 'migrations');
    mkdirSync(migrations, { recursive: true });
    mkdirSync(path.join(workspace, 'outside'));
    writeFileSync(path.join(workspace, 'outside', 'evil.sql'), 'create role evil superuser;\n');
    writeFileSync(path.join(migrations, '20240101000000_ok.sql'), SAFE);
  });
  afterEach(removeTempRepos);

  const refusals = async (boundary = repo) => {
    const set = await discoverMigrations(migrations, { displayRoot: repo, boundary });
    return { set, refused: set.findings.filter((f) => f.ruleId === 'file-read').map((f) => [f.file, f.message]) };
  };

  it('refuses links that leave the repository, and follows links that stay inside', async () => {
    symlinkSync('../../../outside/evil.sql', path.join(migrations, '20240102000000_outside.sql'));
    symlinkSync('/etc/passwd', path.join(migrations, '20240103000000_passwd.sql'));
    writeFileSync(path.join(repo, 'shared.sql'), SAFE);
    symlinkSync('../../shared.sql', path.join(migrations, '20240104000000_shared.sql'));

    const { set, refused } = await refusals();

    expect(refused).toEqual([
      ['supabase/migrations/20240102000000_outside.sql', `20240102000000_outside.sql is a symbolic link to "../../../outside/evil.sql", outside ${realRepo()}: refused, so that no file from outside the repository is read or applied.`],
      ['supabase/migrations/20240103000000_passwd.sql', `20240103000000_passwd.sql is a symbolic link to "/etc/passwd", outside ${realRepo()}: refused, so that no file from outside the repository is read or applied.`],
    ]);
    expect(set.migrations.map((m) => m.fileName)).toEqual(['20240101000000_ok.sql', '20240104000000_shared.sql']);
    expect(set.migrations.some((m) => m.text.includes('root:'))).toBe(false);
  });

  it('without a repository, links may not leave the migrations folder', async () => {
    writeFileSync(path.join(repo, 'shared.sql'), SAFE);
    symlinkSync('../../shared.sql', path.join(migrations, '20240104000000_shared.sql'));
    const { refused } = await refusals(migrations);
    expect(refused.map(([file]) => file)).toEqual(['supabase/migrations/20240104000000_shared.sql']);
  });

  it('refuses a FIFO, a socket, a directory, /dev/zero and a dangling link by name, without blocking', async () => {
    execFileSync('mkfifo', [path.join(migrations, '20240102000000_fifo.sql')]);
    mkdirSync(path.join(migrations, '20240103000000_folder.sql'));
    symlinkSync('/dev/zero', path.join(migrations, '20240104000000_zero.sql'));
    symlinkSync('missing.sql', path.join(migrations, '20240105000000_dangling.sql'));
    const socket = await listenOn(path.join(migrations, '20240106000000_socket.sql'));
    try {
      const { set, refused } = await refusals('/');
      expect(refused).toEqual([
        ['supabase/migrations/20240102000000_fifo.sql', '20240102000000_fifo.sql is a named pipe (FIFO), not a regular file: refused.'],
        ['supabase/migrations/20240104000000_zero.sql', '20240104000000_zero.sql is a character device, not a regular file: refused.'],
        ['supabase/migrations/20240105000000_dangling.sql', '20240105000000_dangling.sql is a symbolic link to "missing.sql", which does not resolve (ENOENT).'],
        ['supabase/migrations/20240106000000_socket.sql', '20240106000000_socket.sql is a socket, not a regular file: refused.'],
      ]);
      expect(set.findings.filter((f) => f.ruleId === 'file-read').every((f) => f.severity === 'error' && f.line === 1)).toBe(true);
      // A real folder is skipped, as the Supabase CLI skips it, and said so.
      expect(set.findings.find((f) => f.file.endsWith('20240103000000_folder.sql'))).toMatchObject({ ruleId: 'file-skipped', severity: 'notice' });
      expect(set.migrations.map((m) => m.fileName)).toEqual(['20240101000000_ok.sql']);
    } finally {
      await new Promise((resolve) => socket.close(resolve));
    }
  }, 10_000);

  it('refuses a file over the size cap before reading all of it', async () => {
    writeFileSync(path.join(migrations, '20240102000000_huge.sql'), Buffer.alloc(3 * 1024 * 1024, 'a'));
    const set = await discoverMigrations(migrations, { displayRoot: repo, maxFileBytes: 1024 * 1024 });
    expect(set.findings.map((f) => [f.ruleId, f.message, f.hint])).toEqual([
      ['file-read', '20240102000000_huge.sql is 3.0 MB, over the 1.0 MB limit for one migration: refused.', 'Split it, load bulk data outside migrations, or raise "maxFileBytes" in .migration-gate.json.'],
    ]);
  });

  it('keeps the order of the paths while reading a few at a time', async () => {
    const paths = Array.from({ length: 50 }, (_, i) => {
      const file = path.join(migrations, `2024010200${String(i).padStart(4, '0')}_f.sql`);
      writeFileSync(file, `select ${i};\n`);
      return file;
    });
    const read = await readFilesSafely(paths, { boundary: repo, concurrency: 3, display: (p) => p });
    expect(read.map((r) => ('bytes' in r ? r.bytes.toString() : r.problem.message))).toEqual(paths.map((_, i) => `select ${i};\n`));
  });

  function realRepo(): string {
    return execFileSync('realpath', [repo], { encoding: 'utf8' }).trim();
  }
});

function listenOn(socketPath: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(socketPath, () => resolve(server));
  });
}
