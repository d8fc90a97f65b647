/**
 * The repository's own workflows (.github/workflows) and Dependabot: least-privilege permissions,
 * every action pinned to a commit, one run at a time, and each workflow doing what the README
 * says it does. The examples use the current majors of the actions pinned here, and every
 * reference to our actions, in the examples and the docs, is the `@v0`-style major tag.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { ROOT } from '../support/action-runner';

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}
interface Job {
  needs?: string | string[];
  permissions?: Record<string, string>;
  environment?: string;
  strategy?: { matrix: Record<string, unknown[]> };
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  concurrency: { group: string; 'cancel-in-progress': boolean };
  jobs: Record<string, Job>;
}

const WORKFLOWS = path.join(ROOT, '.github', 'workflows');
const files = readdirSync(WORKFLOWS).filter((f) => f.endsWith('.yml'));
const read = (file: string): string => readFileSync(path.join(WORKFLOWS, file), 'utf8');
const workflow = (file: string): Workflow => parse(read(file)) as Workflow;
const runs = (job: Job): string => job.steps.flatMap((s) => (s.run ? [s.run.trim()] : [])).join('\n');
const majorTag = `v${(JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version.split('.')[0]}`;

/** `uses: owner/repo[/path]@ref  # comment` lines of a workflow, read from the text to keep the comments. */
function usesLines(text: string): { action: string; ref: string; comment?: string }[] {
  return [...text.matchAll(/^\s*(?:-\s+)?uses:\s*([^@\s]+)@(\S+)(?:\s+#\s*(.*))?$/gm)].map((m) => ({ action: m[1], ref: m[2], comment: m[3]?.trim() }));
}

describe.each(files)('.github/workflows/%s', (file) => {
  const text = read(file);
  const wf = workflow(file);

  it('grants least privilege: write only where listed here, and to the job that needs it', () => {
    expect(typeof wf.permissions).toBe('object');
    const writes = [
      ...Object.entries(wf.permissions).map(([scope, level]) => [`workflow: ${scope}`, level]),
      ...Object.entries(wf.jobs).flatMap(([name, job]) => Object.entries(job.permissions ?? {}).map(([scope, level]) => [`${name}: ${scope}`, level])),
    ];
    for (const [, level] of writes) expect(['read', 'write', 'none']).toContain(level);
    const allowed: Record<string, string[]> = {
      'release.yml': ['github-release: contents', 'npm-publish: id-token'],
      'validate-examples.yml': ['workflow: pull-requests'],
    };
    expect(writes.filter(([, level]) => level === 'write').map(([scope]) => scope)).toEqual(allowed[file] ?? []);
  });

  it('pins every action to a full commit SHA with its version in a comment', () => {
    for (const { action, ref, comment } of usesLines(text)) {
      if (action.startsWith('./')) continue;
      expect(`${action}@${ref}`).toMatch(/@[0-9a-f]{40}$/);
      expect(`${action} # ${comment}`).toMatch(/ # v\d+\.\d+\.\d+$/);
    }
  });

  it('runs one at a time per branch, pull request or tag', () => {
    expect(wf.concurrency.group).toMatch(/\$\{\{ .*github\.(ref|ref_name|event\.pull_request\.number).*\}\}/);
    expect(typeof wf.concurrency['cancel-in-progress']).toBe('boolean');
  });

  it('does not keep the checkout token unless the job pushes', () => {
    for (const [name, job] of Object.entries(wf.jobs)) {
      const checkout = job.steps.find((s) => s.uses?.startsWith('actions/checkout@'));
      if (!checkout) continue;
      const pushes = /\bgit push\b/.test(runs(job));
      expect(`${name}: persist-credentials ${checkout.with?.['persist-credentials'] ?? true}`).toBe(`${name}: persist-credentials ${pushes}`);
    }
  });
});

it('every workflow pins the same version of each action', () => {
  const versions = new Map<string, Set<string>>();
  for (const file of files) {
    for (const { action, ref, comment } of usesLines(read(file))) {
      if (action.startsWith('./')) continue;
      versions.set(action, (versions.get(action) ?? new Set()).add(`${ref} # ${comment}`));
    }
  }
  for (const [action, pins] of versions) expect(`${action}: ${[...pins].join(' | ')}`).not.toContain(' | ');
});

describe('what each workflow does', () => {
  it('ci.yml runs .ci/run on Node 24 and 20 on pushes to main and on pull requests', () => {
    const wf = workflow('ci.yml');
    expect(Object.keys(wf.on).sort()).toEqual(['pull_request', 'push']);
    const [job] = Object.values(wf.jobs);
    expect(job.strategy?.matrix.node).toEqual([24, 20]);
    expect(job.steps.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with?.['node-version']).toBe('${{ matrix.node }}');
    expect(runs(job)).toBe('bash .ci/run');
  });

  it('check-dist.yml rebuilds and compares dist/ with the script .ci/run uses', () => {
    const wf = workflow('check-dist.yml');
    expect(Object.keys(wf.on).sort()).toEqual(['pull_request', 'push']);
    expect(runs(wf.jobs['check-dist'])).toContain('bash scripts/check-dist.sh');
    expect(readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8')).toContain('bash scripts/check-dist.sh');
  });

  it('validate-examples.yml runs this commit\'s validate action on the example with its pull-request comment', () => {
    const wf = workflow('validate-examples.yml');
    expect(Object.keys(wf.on)).toEqual(['pull_request']);
    expect(wf.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
    const steps = wf.jobs.validate.steps;
    expect(steps.find((s) => s.uses?.startsWith('actions/checkout@'))?.with?.['fetch-depth']).toBe(0);
    const validate = steps.find((s) => s.uses === './actions/validate') as Step;
    expect(validate.with?.['migrations-dir']).toBe('examples/supabase-project/supabase/migrations');
    const inputs = Object.keys((parse(readFileSync(path.join(ROOT, 'actions', 'validate', 'action.yml'), 'utf8')) as { inputs: object }).inputs);
    expect(inputs).toEqual(expect.arrayContaining(Object.keys(validate.with ?? {})));
  });

  it('release.yml on a vX.Y.Z tag verifies, releases with the CHANGELOG notes, moves the major tag, then publishes to npm with provenance', () => {
    const wf = workflow('release.yml');
    expect(wf.on).toEqual({ push: { tags: ['v[0-9]+.[0-9]+.[0-9]+'] } });
    expect(wf.permissions).toEqual({});
    expect(wf.concurrency['cancel-in-progress']).toBe(false);
    const { verify, 'github-release': release, 'npm-publish': publish } = wf.jobs;
    expect(runs(verify)).toContain('node scripts/release-notes.mjs "$GITHUB_REF_NAME"');
    expect(runs(verify)).toContain('bash .ci/run');
    expect(release.needs).toBe('verify');
    expect(runs(release)).toMatch(/node scripts\/release-notes\.mjs "\$GITHUB_REF_NAME" > "\$RUNNER_TEMP\/release-notes\.md"[\s\S]*gh release create "\$GITHUB_REF_NAME" --verify-tag .*--notes-file "\$RUNNER_TEMP\/release-notes\.md"/);
    expect(runs(release)).toMatch(/major="\$\{GITHUB_REF_NAME%%\.\*\}"[\s\S]*git tag --force "\$major" "\$GITHUB_SHA"[\s\S]*git push --force origin "refs\/tags\/\$\{major\}"/);
    expect(publish.needs).toBe('github-release');
    expect(publish.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    expect(runs(publish)).toBe('npm publish --provenance --access public');
    for (const job of [verify, release, publish]) {
      expect(job.steps.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with?.['package-manager-cache']).toBe(false);
    }
  });
});

describe('.github/dependabot.yml', () => {
  const config = parse(readFileSync(path.join(ROOT, '.github', 'dependabot.yml'), 'utf8')) as {
    version: number;
    updates: { 'package-ecosystem': string; directory: string; groups?: Record<string, unknown>; schedule: { interval: string } }[];
  };

  it('keeps npm packages and the workflows\' actions current, grouped', () => {
    expect(config.version).toBe(2);
    expect(config.updates.map((u) => u['package-ecosystem']).sort()).toEqual(['github-actions', 'npm']);
    for (const update of config.updates) {
      expect(update.directory).toBe('/');
      expect(Object.keys(update.groups ?? {}).length).toBeGreaterThan(0);
      expect(update.schedule.interval).toMatch(/^(daily|weekly|monthly)$/);
    }
  });
});

describe('what users copy', () => {
  const examples = readdirSync(path.join(ROOT, 'workflows-examples')).filter((f) => f.endsWith('.yml'));
  const documents = [
    ...examples.map((f) => `workflows-examples/${f}`),
    'README.md',
    ...readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`),
  ];

  it.each(documents)('%s references our actions by the major tag', (file) => {
    const text = readFileSync(path.join(ROOT, file), 'utf8');
    for (const [, ref] of text.matchAll(/uses:\s*migration-gate\/migration-gate(?:\/actions\/[\w-]+)?@(\S+)/g)) expect(ref).toBe(majorTag);
    expect(text).not.toMatch(/uses:\s*<owner>\//);
  });

  it.each(examples)('workflows-examples/%s says how to pin a commit instead and uses the current majors of the actions pinned here', (file) => {
    const text = readFileSync(path.join(ROOT, 'workflows-examples', file), 'utf8');
    expect(text).toMatch(/pin a release's full\n# commit SHA instead/);
    const pinnedMajors = new Map(
      files.flatMap((f) => usesLines(read(f))).filter((u) => u.comment).map((u) => [u.action, (u.comment as string).split('.')[0]]),
    );
    for (const { action, ref } of usesLines(text)) {
      if (action.startsWith('migration-gate/')) continue;
      const owner = action.split('/').slice(0, 2).join('/');
      const current = pinnedMajors.get(action) ?? pinnedMajors.get(owner);
      if (current) expect(`${action}@${ref}`).toBe(`${action}@${current}`);
      else expect(`${action}@${ref}`).toMatch(/@v\d+$/);
    }
  });

  it('README says how to pin a commit instead of the major tag', () => {
    expect(readFileSync(path.join(ROOT, 'README.md'), 'utf8')).toMatch(new RegExp(`\`@${majorTag}\` moves to every ${majorTag.slice(1)}\\.x release`));
  });
});
