import { chownSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { discoverMigrations } from '../../../packages/core/src/discovery';
import { compareWithBase, GitError, listBaseMigrations, resolveBaseRef, type BaseComparison } from '../../../packages/core/src/git';
import { loadParser } from '../../../packages/core/src/parser';
import { makeTempDir, removeTempRepos, TempRepo } from './temp-repo';

const MIGRATIONS = 'supabase/migrations';
const A = `${MIGRATIONS}/20240101000000_create_accounts.sql`;
const B = `${MIGRATIONS}/20240102000000_create_orders.sql`;
const ACCOUNTS_SQL = 'create table accounts (\n  id bigint primary key\n);\n';
const ORDERS_SQL = 'create table orders (\n  id bigint primary key,\n  account_id bigint\n);\n';

beforeAll(() => loadParser());
afterAll(() => removeTempRepos());

/** A repository whose `main` holds two migrations, checked out on a new `feature` branch. */
function repoWithBase(prefix?: string, migrationsDir = MIGRATIONS): { repo: TempRepo; baseSha: string } {
  const repo = TempRepo.init(prefix);
  repo.write(`${migrationsDir}/20240101000000_create_accounts.sql`, ACCOUNTS_SQL);
  repo.write(`${migrationsDir}/20240102000000_create_orders.sql`, ORDERS_SQL);
  repo.write('README.md', 'not a migration\n');
  const baseSha = repo.commit('base migrations');
  repo.git('checkout', '--quiet', '-b', 'feature');
  return { repo, baseSha };
}

/** What validate does: resolve the base, list its migrations, compare with the working tree. */
async function checkAgainstMain(repo: TempRepo, options: { outOfOrder?: 'error' | 'warning'; migrationsDir?: string; now?: Date } = {}): Promise<BaseComparison> {
  const migrationsDir = options.migrationsDir ?? MIGRATIONS;
  const commit = await resolveBaseRef(repo.root, { ref: 'main' });
  const base = await listBaseMigrations(repo.root, commit, migrationsDir);
  const head = await discoverMigrations(repo.path(migrationsDir), { displayRoot: repo.root });
  return compareWithBase({ head: head.migrations, base, outOfOrder: options.outOfOrder, baseLabel: 'main', now: options.now });
}

describe('checks against the base branch in a real repository', () => {
  it('lists the base migrations with checksums of their committed bytes, ignoring other files and subfolders', async () => {
    const { repo, baseSha } = repoWithBase();
    repo.write(`${MIGRATIONS}/nested/20240103000000_not_here.sql`, 'select 1;\n').write(`${MIGRATIONS}/notes.txt`, 'x').commit('noise on feature');
    repo.git('checkout', '--quiet', 'main');
    repo.write(`${MIGRATIONS}/nested/20240103000000_not_here.sql`, 'select 1;\n').write(`${MIGRATIONS}/notes.txt`, 'x');
    const mainSha = repo.commit('noise on main');

    const base = await listBaseMigrations(repo.root, mainSha, MIGRATIONS);
    const head = await discoverMigrations(repo.path(MIGRATIONS), { displayRoot: repo.root });
    expect(base.map((m) => [m.path, m.repoPath, m.version, m.name, m.text])).toEqual([
      [A, A, '20240101000000', 'create_accounts', ACCOUNTS_SQL],
      [B, B, '20240102000000', 'create_orders', ORDERS_SQL],
    ]);
    expect(base.map((m) => m.checksum)).toEqual(head.migrations.map((m) => m.checksum));
    expect(await listBaseMigrations(repo.root, baseSha, 'supabase/elsewhere')).toEqual([]);
  });

  it('leaves an untouched history alone and lists an in-order new migration as new', async () => {
    const { repo } = repoWithBase();
    repo.write(`${MIGRATIONS}/20240201000000_add_index.sql`, 'create index on orders (account_id);\n').commit('new migration');

    const result = await checkAgainstMain(repo);
    expect(result.findings).toEqual([]);
    expect(result.baseNewestVersion).toBe('20240102000000');
    expect(result.newMigrations.map((m) => m.path)).toEqual([`${MIGRATIONS}/20240201000000_add_index.sql`]);
  });

  it('reports an edited migration as immutable, at the first changed line', async () => {
    const { repo } = repoWithBase();
    repo.write(B, ORDERS_SQL.replace('  account_id bigint', '  account_id bigint not null')).commit('edit applied migration');

    const result = await checkAgainstMain(repo);
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({ ruleId: 'immutable-migration', severity: 'error', file: B, line: 3, source: 'git' });
    expect(result.findings[0].message).toContain('20240102000000_create_orders.sql was edited');
    expect(result.findings[0].message).toContain('immutable');
    expect(result.findings[0].hint).toContain('fix forward with a new migration');
    expect(result.newMigrations).toEqual([]);
  });

  it('does not count line endings as an edit (autocrlf checkouts), but does count a real edit made with them', async () => {
    const { repo } = repoWithBase();
    repo.write(A, ACCOUNTS_SQL.replace(/\n/g, '\r\n'));
    expect((await checkAgainstMain(repo)).findings).toEqual([]);

    repo.write(A, ACCOUNTS_SQL.replace('bigint', 'uuid').replace(/\n/g, '\r\n'));
    expect((await checkAgainstMain(repo)).findings).toEqual([expect.objectContaining({ ruleId: 'immutable-migration', file: A, line: 2 })]);
  });

  it('reports a migration renamed to a new version, naming both files, and does not treat it as new', async () => {
    const { repo } = repoWithBase();
    repo.git('mv', B, `${MIGRATIONS}/20240301000000_create_orders.sql`);
    repo.commit('rename');

    const result = await checkAgainstMain(repo);
    expect(result.findings).toEqual([expect.objectContaining({ ruleId: 'immutable-migration', severity: 'error', file: `${MIGRATIONS}/20240301000000_create_orders.sql`, line: 1 })]);
    expect(result.findings[0].message).toContain('20240102000000_create_orders.sql');
    expect(result.findings[0].hint).toBe('Rename it back to 20240102000000_create_orders.sql.');
    expect(result.newMigrations).toEqual([]);
  });

  it('reports a migration whose name alone changed', async () => {
    const { repo } = repoWithBase();
    repo.git('mv', B, `${MIGRATIONS}/20240102000000_orders.sql`);
    repo.commit('rename');

    const result = await checkAgainstMain(repo);
    expect(result.findings).toEqual([expect.objectContaining({ ruleId: 'immutable-migration', file: `${MIGRATIONS}/20240102000000_orders.sql` })]);
    expect(result.findings[0].message).toContain('renamed');
  });

  it('reports a deleted migration at its path on the base', async () => {
    const { repo } = repoWithBase();
    repo.remove(A).commit('delete');

    const result = await checkAgainstMain(repo);
    expect(result.findings).toEqual([expect.objectContaining({ ruleId: 'immutable-migration', severity: 'error', file: A, line: 1 })]);
    expect(result.findings[0].message).toContain('20240101000000_create_accounts.sql was deleted');
  });

  describe('a new migration older than the newest one on the base', () => {
    const now = new Date('2026-11-25T17:03:12Z');
    function repoWithLateBase(): TempRepo {
      const { repo } = repoWithBase();
      repo.git('checkout', '--quiet', 'main');
      repo.write(`${MIGRATIONS}/20240301000000_add_payments.sql`, 'create table payments (id bigint);\n').commit('main moves on');
      repo.git('checkout', '--quiet', 'feature');
      repo.git('merge', '--quiet', '--no-edit', 'main');
      repo.write(`${MIGRATIONS}/20240201000000_add_x.sql`, 'create table x (id bigint);\n').commit('feature written before main moved');
      return repo;
    }

    it('is an error by default, suggesting a fresh timestamp', async () => {
      const result = await checkAgainstMain(repoWithLateBase(), { now });
      expect(result.baseNewestVersion).toBe('20240301000000');
      expect(result.findings).toEqual([expect.objectContaining({ ruleId: 'out-of-order-migration', severity: 'error', file: `${MIGRATIONS}/20240201000000_add_x.sql` })]);
      expect(result.findings[0].message).toContain('sorts before 20240301000000');
      expect(result.findings[0].hint).toContain('Rename it to 20261125170312_add_x.sql');
      expect(result.newMigrations.map((m) => m.fileName)).toEqual(['20240201000000_add_x.sql']);
    });

    it('is a warning when the configuration says so', async () => {
      const result = await checkAgainstMain(repoWithLateBase(), { now, outOfOrder: 'warning' });
      expect(result.findings).toEqual([expect.objectContaining({ ruleId: 'out-of-order-migration', severity: 'warning' })]);
      expect(result.findings[0].hint).toContain('20261125170312_add_x.sql');
    });
  });

  it('works when the repository and the migrations folder have spaces in their paths', async () => {
    const dir = 'db migrations/sql files';
    const { repo } = repoWithBase('mg git with spaces ', dir);
    expect(repo.root).toContain(' ');
    repo.write(`${dir}/20240101000000_create_accounts.sql`, 'create table accounts (id uuid primary key);\n');
    repo.remove(`${dir}/20240102000000_create_orders.sql`).commit('edit and delete');

    const result = await checkAgainstMain(repo, { migrationsDir: dir });
    expect(result.findings.map((f) => [f.file, /was (edited|deleted)/.exec(f.message)?.[0]])).toEqual([
      [`${dir}/20240101000000_create_accounts.sql`, 'was edited'],
      [`${dir}/20240102000000_create_orders.sql`, 'was deleted'],
    ]);
  });

  it('reads a symbolically linked migration on the base through its link, as the working tree is read', async () => {
    const repo = TempRepo.init();
    repo.write('supabase/shared/accounts.sql', ACCOUNTS_SQL).symlink(A, '../shared/accounts.sql');
    const mainSha = repo.commit('linked migration');

    const base = await listBaseMigrations(repo.root, mainSha, MIGRATIONS);
    expect(base.map((m) => [m.fileName, m.text])).toEqual([['20240101000000_create_accounts.sql', ACCOUNTS_SQL]]);
    // A link inside the repository is followed (validate passes the repository as the boundary).
    const head = await discoverMigrations(repo.path(MIGRATIONS), { displayRoot: repo.root, boundary: repo.root });
    expect(compareWithBase({ head: head.migrations, base }).findings).toEqual([]);
  });

  it('takes a relative migrations folder from the repository root given, even inside a subfolder', async () => {
    const { repo } = repoWithBase();
    const base = await listBaseMigrations(repo.path('supabase'), await resolveBaseRef(repo.root, { ref: 'main' }), 'migrations');
    expect(base.map((m) => [m.path, m.repoPath])).toEqual([
      ['migrations/20240101000000_create_accounts.sql', A],
      ['migrations/20240102000000_create_orders.sql', B],
    ]);
    await expect(listBaseMigrations(repo.root, 'HEAD', '../outside')).rejects.toThrow(/outside the git repository/);
  });
});

describe('resolveBaseRef', () => {
  it('prefers the exact sha, then origin/<ref>, then the local branch', async () => {
    const { repo, baseSha } = repoWithBase();
    repo.git('checkout', '--quiet', 'main');
    const mainTip = repo.write('x.txt', 'main moved\n').commit('main moves');
    repo.git('update-ref', 'refs/remotes/origin/main', baseSha);

    expect(await resolveBaseRef(repo.root, { ref: 'main', sha: mainTip })).toBe(mainTip);
    expect(await resolveBaseRef(repo.root, { ref: 'main' })).toBe(baseSha);
    expect(await resolveBaseRef(repo.root, { ref: 'refs/heads/main', remote: 'upstream' })).toBe(mainTip);
  });

  describe('in a shallow clone of the feature branch, as actions/checkout leaves it', () => {
    function shallowFeatureClone(): { clone: TempRepo; baseSha: string } {
      const { repo: origin, baseSha } = repoWithBase();
      origin.write(`${MIGRATIONS}/20240201000000_add_index.sql`, 'create index on orders (account_id);\n').commit('feature work');
      const clone = TempRepo.clone(origin, '--depth', '1', '--branch', 'feature');
      expect(clone.git('rev-parse', '--is-shallow-repository')).toBe('true');
      expect(() => clone.git('cat-file', '-e', `${baseSha}^{commit}`)).toThrow();
      return { clone, baseSha };
    }

    it('fetches the base commit by sha', async () => {
      const { clone, baseSha } = shallowFeatureClone();
      expect(await resolveBaseRef(clone.root, { ref: 'main', sha: baseSha })).toBe(baseSha);
      expect(() => clone.git('rev-parse', '--verify', 'refs/remotes/origin/main')).toThrow();
      const base = await listBaseMigrations(clone.root, baseSha, MIGRATIONS);
      expect(base.map((m) => m.path)).toEqual([A, B]);
    });

    it('fetches the base branch by name', async () => {
      const { clone, baseSha } = shallowFeatureClone();
      expect(await resolveBaseRef(clone.root, { ref: 'main' })).toBe(baseSha);
      expect(clone.git('rev-parse', 'refs/remotes/origin/main')).toBe(baseSha);
    });

    it('tells the user to set fetch-depth: 0 when the base cannot be fetched', async () => {
      const { clone, baseSha } = shallowFeatureClone();
      clone.git('remote', 'remove', 'origin');
      const failure = resolveBaseRef(clone.root, { ref: 'main', sha: baseSha });
      await expect(failure).rejects.toThrow(GitError);
      await expect(failure).rejects.toThrow(/Cannot find the base branch "main" .*fetch-depth: 0/s);
      await expect(failure).rejects.toThrow(/git fetch --no-tags --depth=1 origin "main"/);
    });
  });

  it('says so when the directory is not in a git repository', async () => {
    const notARepo = makeTempDir('mg-not-a-repo-');
    await expect(resolveBaseRef(notARepo, { ref: 'main' })).rejects.toBeInstanceOf(GitError);
    await expect(resolveBaseRef(notARepo, { ref: 'main' })).rejects.toThrow(/is not inside a git repository.*actions\/checkout/);
    await expect(listBaseMigrations(notARepo, 'HEAD', MIGRATIONS)).rejects.toThrow(/is not inside a git repository/);
    await expect(resolveBaseRef(path.join(notARepo, 'missing'), { ref: 'main' })).rejects.toThrow(/is not a directory/);
  });

  it('says so when git is not installed', async () => {
    const { repo } = repoWithBase();
    const emptyBin = makeTempDir('mg-no-git-');
    expect(readdirSync(emptyBin)).toEqual([]);
    const savedPath = process.env.PATH;
    process.env.PATH = emptyBin;
    try {
      await expect(resolveBaseRef(repo.root, { ref: 'main' })).rejects.toThrow(/git is not installed or not on PATH/);
    } finally {
      process.env.PATH = savedPath;
    }
  });

  it('rejects names git would read as something else', async () => {
    const { repo } = repoWithBase();
    await expect(resolveBaseRef(repo.root, { ref: '--upload-pack=touch pwned' })).rejects.toThrow(/not a valid branch name/);
    await expect(resolveBaseRef(repo.root, { ref: 'main:refs/heads/x' })).rejects.toThrow(/not a valid branch name/);
    await expect(resolveBaseRef(repo.root, { ref: 'main', sha: 'HEAD~1' })).rejects.toThrow(/not a full commit id/);
    await expect(resolveBaseRef(repo.root, {})).rejects.toThrow(/No base branch given/);
  });

  // git refuses repositories owned by someone else; only root can hand a folder to another user.
  (process.getuid?.() === 0 ? it : it.skip)('explains git\'s "dubious ownership" refusal with the safe.directory fix', async () => {
    const { repo } = repoWithBase();
    chownSync(repo.root, 65534, 65534);
    chownSync(repo.path('.git'), 65534, 65534);
    await expect(resolveBaseRef(repo.root, { ref: 'main' })).rejects.toThrow(/dubious ownership.*safe\.directory/);
  });
});
