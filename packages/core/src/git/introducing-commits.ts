/**
 * Which commits added each migration file: the starting point for finding the pull requests
 * that introduced the migrations a deploy applied (to comment on them).
 */
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { gitOutput } from './command';

/** Commits at the edge of a shallow clone: git shows them as adding every file, which proves nothing. */
async function shallowBoundary(repoRoot: string): Promise<Set<string>> {
  const file = path.resolve(repoRoot, (await gitOutput(repoRoot, ['rev-parse', '--git-path', 'shallow'])).toString('utf8').trim());
  const text = await readFile(file, 'utf8').catch(() => '');
  return new Set(text.split('\n').filter(Boolean));
}

/**
 * For each repository-relative path, the commit that added it (`git log --diff-filter=A`).
 * Paths whose adding commit is not in the local history (a shallow clone) are missing from the map.
 */
export async function commitsAddingFiles(repoRoot: string, paths: string[]): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  if (paths.length === 0) return result;
  const boundary = await shallowBoundary(repoRoot);
  const out = await gitOutput(repoRoot, ['log', '--diff-filter=A', '--name-only', '--no-renames', '--format=commit %H', '--', ...paths]);
  const wanted = new Set(paths);
  let sha = '';
  for (const line of out.toString('utf8').split('\n')) {
    if (line.startsWith('commit ')) sha = line.slice('commit '.length).trim();
    else if (line && wanted.has(line) && !boundary.has(sha)) result.set(line, sha); // log is newest first: the oldest adding commit wins
  }
  return result;
}
