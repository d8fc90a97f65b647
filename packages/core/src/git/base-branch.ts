/**
 * Reading the base branch out of the checked-out repository: finding its commit (fetching it
 * when actions/checkout left a one-commit shallow clone) and listing its migration files.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { classifyFileName, compareFileNames } from '../discovery';
import { findRepositoryRoot, GitError, gitFailureSummary, gitOutput, runGit } from './command';
import type { BaseMigration } from './compare-with-base';

/** Which commit is the base: pull_request events give both `base.ref` and `base.sha`. */
export interface BaseRefSpec {
  /** Branch name, e.g. `main`. A `refs/heads/` prefix is accepted. */
  ref?: string;
  /** Full commit id; preferred over the branch when it is in the checkout or can be fetched. */
  sha?: string;
  /** Remote to look in and fetch from; default `origin`. */
  remote?: string;
}

const FULL_COMMIT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;
const FETCH_TIMEOUT_MS = 5 * 60_000;

async function commitOf(repoRoot: string, revision: string): Promise<string | null> {
  const run = await runGit(repoRoot, ['rev-parse', '--verify', '--quiet', `${revision}^{commit}`]);
  return run.code === 0 ? run.stdout.toString('utf8').trim() : null;
}

async function isValidRefName(repoRoot: string, refName: string): Promise<boolean> {
  return (await runGit(repoRoot, ['check-ref-format', refName])).code === 0;
}

/**
 * The full id of the base commit, looked up in the repository containing `repoRoot`: the sha,
 * then `<remote>/<ref>`, then the local `<ref>`. When none is in the checkout, fetches the sha
 * (then the branch) with depth 1. Throws a GitError naming the `fetch-depth: 0` setting when the
 * base cannot be had.
 */
export async function resolveBaseRef(repoRoot: string, base: BaseRefSpec): Promise<string> {
  const remote = base.remote ?? 'origin';
  const branch = base.ref?.trim().replace(/^refs\/heads\//, '') || undefined;
  const sha = base.sha?.trim() || undefined;
  if (!branch && !sha) throw new GitError('No base branch given: pass the base branch name or commit to compare migrations with.');
  if (sha && !FULL_COMMIT_ID.test(sha)) throw new GitError(`"${sha}" is not a full commit id (40 or 64 hex digits); pass the base commit's full sha, or only the branch name.`);

  const root = await findRepositoryRoot(repoRoot);
  const remoteRef = branch && `refs/remotes/${remote}/${branch}`;
  const localRef = branch && `refs/heads/${branch}`;
  // Validating the full names keeps names like `-x` or `a:b` from being read as options or refspecs.
  if (remote.startsWith('-') || (remoteRef && !(await isValidRefName(root, remoteRef)))) {
    throw new GitError(`"${branch ?? remote}" is not a valid branch name (remote "${remote}").`);
  }
  const candidates = [sha, remoteRef, localRef].filter((c): c is string => Boolean(c));

  for (const candidate of candidates) {
    const commit = await commitOf(root, candidate);
    if (commit) return commit;
  }

  const fetches: { refspec: string; verify: string }[] = [];
  if (sha) fetches.push({ refspec: sha, verify: sha });
  if (branch) fetches.push({ refspec: `+${localRef}:${remoteRef}`, verify: remoteRef! });
  let lastFailure = '';
  for (const fetch of fetches) {
    const run = await runGit(root, ['fetch', '--no-tags', '--depth=1', remote, fetch.refspec], { timeoutMs: FETCH_TIMEOUT_MS }).catch((err: unknown) => {
      if (err instanceof GitError) return { code: -1, stderr: err.message };
      throw err;
    });
    if (run.code === 0) {
      const commit = await commitOf(root, fetch.verify);
      if (commit) return commit;
    } else {
      lastFailure = gitFailureSummary(run.stderr);
    }
  }

  const what = branch ? `the base branch "${branch}"${sha ? ` (commit ${sha.slice(0, 12)})` : ''}` : `the base commit ${sha}`;
  throw new GitError(
    `Cannot find ${what} in this checkout, and fetching it from "${remote}" failed${lastFailure ? `: ${lastFailure}` : ''}. ` +
      'The checkout is probably shallow (actions/checkout fetches one commit by default). ' +
      'Set `fetch-depth: 0` on actions/checkout (with: fetch-depth: 0), ' +
      `or fetch the base before this step: git fetch --no-tags --depth=1 ${remote} ${branch ? `"${branch}"` : sha}.`,
  );
}

/** `migrationsDir` as a path inside the repository (POSIX, '' for the root), plus its absolute form for display. */
async function locateInRepository(repoRoot: string, gitRoot: string, migrationsDir: string): Promise<{ repoPath: string; absolute: string }> {
  const givenRoot = path.resolve(repoRoot);
  const absolute = path.resolve(givenRoot, migrationsDir);
  // git reports its root with symbolic links resolved (e.g. /tmp -> /private/tmp); measure from the same place.
  const givenRootInRepo = path.relative(gitRoot, await fs.realpath(givenRoot));
  const repoPath = path.join(givenRootInRepo, path.relative(givenRoot, absolute));
  if (repoPath === '..' || repoPath.startsWith(`..${path.sep}`) || path.isAbsolute(repoPath)) {
    throw new GitError(`The migrations folder "${migrationsDir}" is outside the git repository at "${gitRoot}".`);
  }
  return { repoPath: repoPath === '.' ? '' : repoPath.split(path.sep).join('/'), absolute };
}

interface TreeEntry {
  mode: string;
  objectId: string;
  repoPath: string;
}

function parseTree(output: Buffer): TreeEntry[] {
  const entries: TreeEntry[] = [];
  for (const record of output.toString('utf8').split('\0')) {
    if (!record) continue;
    const tab = record.indexOf('\t');
    const [mode, type, objectId] = record.slice(0, tab).split(' ');
    if (type === 'blob') entries.push({ mode, objectId, repoPath: record.slice(tab + 1) });
  }
  return entries;
}

/**
 * Splits `git cat-file --batch --follow-symlinks` output into one result per request: the blob's
 * bytes, or null for anything else (a symbolic link leading outside the repository, a missing object, ...).
 */
function parseBatch(output: Buffer, requests: number): (Buffer | null)[] {
  const results: (Buffer | null)[] = [];
  let offset = 0;
  while (results.length < requests) {
    const headerEnd = output.indexOf(0x0a, offset);
    if (headerEnd < 0) throw new GitError('git cat-file ended its output early.');
    const header = output.subarray(offset, headerEnd).toString('utf8');
    offset = headerEnd + 1;
    if (/ (missing|ambiguous)$/.test(header)) {
      results.push(null);
      continue;
    }
    // `<oid> <type> <size>` is followed by the object; `symlink|dangling|loop|notdir <size>` by a path of that size.
    const object = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    const unresolved = /^(?:symlink|dangling|loop|notdir) (\d+)$/.exec(header);
    if (!object && !unresolved) throw new GitError(`Unexpected output from git cat-file: "${header}".`);
    const size = Number(object ? object[2] : unresolved![1]);
    results.push(object?.[1] === 'blob' ? output.subarray(offset, offset + size) : null);
    offset += size + 1;
  }
  return results;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decode(bytes: Buffer): string | null {
  if (bytes.includes(0)) return null;
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

export interface ListBaseMigrationsOptions {
  /** Paths in the result are shown relative to this directory (default: `repoRoot`); pass discoverMigrations' displayRoot. */
  displayRoot?: string;
}

/**
 * The `.sql` files directly inside `migrationsDir` on `baseCommit`, with the sha256 of their bytes.
 * A relative `migrationsDir` is taken from `repoRoot`. Sorted by path.
 */
export async function listBaseMigrations(repoRoot: string, baseCommit: string, migrationsDir: string, options: ListBaseMigrationsOptions = {}): Promise<BaseMigration[]> {
  if (baseCommit.startsWith('-')) throw new GitError(`"${baseCommit}" is not a commit.`);
  const gitRoot = await findRepositoryRoot(repoRoot);
  const folder = await locateInRepository(repoRoot, gitRoot, migrationsDir);
  const tree = parseTree(await gitOutput(gitRoot, ['--literal-pathspecs', 'ls-tree', '-r', '-z', '--full-tree', baseCommit, '--', ...(folder.repoPath ? [folder.repoPath] : [])]));
  const folderPath = folder.repoPath || '.';
  const files = tree.filter((e) => path.posix.dirname(e.repoPath) === folderPath && e.repoPath.toLowerCase().endsWith('.sql'));
  if (files.length === 0) return [];
  // The folder's entries (files and subfolders) in the CLI's order, for its legacy-init rule.
  const childOf = (repoPath: string) => (folder.repoPath ? repoPath.slice(folder.repoPath.length + 1) : repoPath).split('/')[0];
  const listing = [...new Set(tree.map((e) => childOf(e.repoPath)))].sort(compareFileNames);

  // The working tree reads through symbolic links, so the base must too: ask for those by path, which --follow-symlinks resolves.
  const isSymlink = (e: TreeEntry) => e.mode === '120000';
  // cat-file takes one request per line, so a link whose path holds a newline cannot be asked for.
  const requested = files.filter((e) => !isSymlink(e) || !e.repoPath.includes('\n'));
  const input = requested.map((e) => (isSymlink(e) ? `${baseCommit}:${e.repoPath}` : e.objectId)).join('\n') + '\n';
  const contents = parseBatch(await gitOutput(gitRoot, ['cat-file', '--batch', '--follow-symlinks'], { input }), requested.length);

  const displayRoot = path.resolve(options.displayRoot ?? repoRoot);
  const migrations: BaseMigration[] = [];
  requested.forEach((entry, i) => {
    const bytes = contents[i];
    if (!bytes) return;
    const fileName = path.posix.basename(entry.repoPath);
    const absolute = path.join(folder.absolute, fileName);
    const relative = path.relative(displayRoot, absolute);
    const nameClass = classifyFileName(fileName, listing.indexOf(fileName));
    const valid = nameClass.kind === 'migration';
    migrations.push({
      path: (relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative).split(path.sep).join('/'),
      repoPath: entry.repoPath,
      fileName,
      version: valid ? nameClass.version : null,
      name: valid ? nameClass.name : null,
      checksum: createHash('sha256').update(bytes).digest('hex'),
      sizeBytes: bytes.length,
      text: decode(bytes),
    });
  });
  return migrations;
}
