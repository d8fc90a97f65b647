/**
 * Real throwaway git repositories for the base-branch tests. The helper's own git calls ignore
 * the machine's global and system configuration so a developer's settings (signing, hooks,
 * default branch) cannot change what the tests build.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ISOLATED_GIT_ENV = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: os.devNull, GIT_TERMINAL_PROMPT: '0' };

const created: string[] = [];

/** Removes every folder made by this helper in the current test file. */
export function removeTempRepos(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function makeTempDir(prefix = 'mg-git-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}

export class TempRepo {
  private constructor(readonly root: string) {}

  /** A new repository on branch `main` with an identity configured in the repository itself. */
  static init(prefix?: string): TempRepo {
    const repo = new TempRepo(makeTempDir(prefix));
    repo.git('init', '--quiet', '--initial-branch=main');
    repo.git('config', 'user.name', 'Migration Gate Test');
    repo.git('config', 'user.email', 'test@migration-gate.invalid');
    repo.git('config', 'commit.gpgsign', 'false');
    return repo;
  }

  /** `git clone <args> file://<source>` into a fresh folder. */
  static clone(source: TempRepo, ...args: string[]): TempRepo {
    const repo = new TempRepo(path.join(makeTempDir(), 'clone'));
    execFileSync('git', ['clone', '--quiet', ...args, `file://${source.root}`, repo.root], { env: ISOLATED_GIT_ENV, stdio: 'pipe' });
    return repo;
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.root, env: ISOLATED_GIT_ENV, encoding: 'utf8', stdio: 'pipe' }).trim();
  }

  path(relative: string): string {
    return path.join(this.root, relative);
  }

  write(relative: string, content: string | Buffer): this {
    mkdirSync(path.dirname(this.path(relative)), { recursive: true });
    writeFileSync(this.path(relative), content);
    return this;
  }

  symlink(relative: string, target: string): this {
    mkdirSync(path.dirname(this.path(relative)), { recursive: true });
    symlinkSync(target, this.path(relative));
    return this;
  }

  remove(relative: string): this {
    unlinkSync(this.path(relative));
    return this;
  }

  /** Stages everything and commits; returns the new commit id. */
  commit(message: string): string {
    this.git('add', '--all');
    this.git('commit', '--quiet', '--no-verify', '-m', message);
    return this.git('rev-parse', 'HEAD');
  }
}
