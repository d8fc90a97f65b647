/**
 * scripts/release-notes.mjs, as the release workflow runs it on a tag: the notes it prints become
 * the GitHub release, and a refusal stops the release before anything is published.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../support/action-runner';

const SCRIPT = path.join(ROOT, 'scripts', 'release-notes.mjs');

function releaseNotes(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [SCRIPT, ...args], { cwd: ROOT }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const CHANGELOG = `# Changelog

## [Unreleased]

- Something not released yet.

## [1.4.0] - 2026-12-01

### Added

- A feature, with a [link](https://example.com).

### Fixed

- A bug.

## [1.3.9] - 2026-11-01

- An older release.

[Unreleased]: https://github.com/migration-gate/migration-gate/compare/v1.4.0...HEAD
[1.4.0]: https://github.com/migration-gate/migration-gate/releases/tag/v1.4.0
`;

describe('release notes for a tag', () => {
  let root: string;
  const project = (version: string, changelog: string): string => {
    writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'migration-gate', version }));
    writeFileSync(path.join(root, 'CHANGELOG.md'), changelog);
    return root;
  };
  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'migration-gate-release-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("prints the tag's section of CHANGELOG.md, without its heading, the next release or the link definitions", async () => {
    const result = await releaseNotes(['v1.4.0', '--root', project('1.4.0', CHANGELOG)]);
    expect(result).toEqual({
      code: 0,
      stderr: '',
      stdout: '### Added\n\n- A feature, with a [link](https://example.com).\n\n### Fixed\n\n- A bug.\n',
    });
  });

  it('takes the last release before the link definitions', async () => {
    const result = await releaseNotes(['v1.3.9', '--root', project('1.3.9', CHANGELOG)]);
    expect(result.stdout).toBe('- An older release.\n');
  });

  it('refuses a tag whose version is not the one package.json reports', async () => {
    const result = await releaseNotes(['v1.4.1', '--root', project('1.4.0', CHANGELOG)]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('the tag is v1.4.1 but package.json says 1.4.0');
  });

  it('refuses a version without a section, an undated section and an empty one', async () => {
    const missing = await releaseNotes(['v1.5.0', '--root', project('1.5.0', CHANGELOG)]);
    expect(missing).toMatchObject({ code: 1, stdout: '' });
    expect(missing.stderr).toContain('CHANGELOG.md has no "## [1.5.0] - YYYY-MM-DD" section');

    const undated = await releaseNotes(['v1.5.0', '--root', project('1.5.0', CHANGELOG.replace('## [Unreleased]', '## [1.5.0]'))]);
    expect(undated).toMatchObject({ code: 1, stdout: '' });
    expect(undated.stderr).toContain('section [1.5.0] has no release date');

    const empty = await releaseNotes(['v1.5.0', '--root', project('1.5.0', CHANGELOG.replace('## [Unreleased]\n\n- Something not released yet.', '## [1.5.0] - 2026-12-24'))]);
    expect(empty).toMatchObject({ code: 1, stdout: '' });
    expect(empty.stderr).toContain('section [1.5.0] is empty');
  });

  it('refuses tags that are not vX.Y.Z', async () => {
    for (const tag of ['1.4.0', 'v1.4', 'v1.4.0-rc.1', 'latest']) {
      const result = await releaseNotes([tag, '--root', project('1.4.0', CHANGELOG)]);
      expect(result).toMatchObject({ code: 1, stdout: '' });
      expect(result.stderr).toContain(`"${tag}" is not a release tag`);
    }
  });
});

describe("this repository's CHANGELOG.md", () => {
  const version = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const changelog = readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8');

  it('has the notes of the version package.json reports, so tagging it makes a release', async () => {
    const result = await releaseNotes([`v${version}`]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^### Added$/m);
  });

  it('follows Keep a Changelog: an Unreleased section first, dated releases newest first, each linked', () => {
    const headings = [...changelog.matchAll(/^## \[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}))?$/gm)].map((m) => ({ name: m[1], date: m[2] }));
    expect(headings[0]).toEqual({ name: 'Unreleased', date: undefined });
    const releases = headings.slice(1);
    expect(releases[0].name).toBe(version);
    for (const release of releases) expect(release.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const dates = releases.map((r) => r.date as string);
    expect([...dates].sort().reverse()).toEqual(dates);
    for (const { name } of headings) expect(changelog).toMatch(new RegExp(`^\\[${name.replace(/\./g, '\\.')}\\]: https://github\\.com/migration-gate/migration-gate/`, 'm'));
  });
});
