/**
 * The drift action end to end: the dist bundle, a Supabase-shaped database deployed from the
 * fixtures and then changed by hand, and the issue kept on the OpenAPI-checked GitHub stand-in.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runAction } from '../support/action-runner';
import type { TestDatabase } from '../support/database';
import { FakeGitHubRepository } from '../support/github-fake-repo';
import { useGitHubServer } from '../support/github-server';
import { deployedTarget, DRIFT_FIXTURES } from '../core/drift/support';

jest.setTimeout(180_000);

/** The log without the runner's mask commands (which name the secrets so the runner hides them). */
const logged = (stdout: string) => stdout.split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n');

describe('drift action (dist bundle)', () => {
  const server = useGitHubServer();
  let db: TestDatabase;
  let dir: string;

  beforeEach(async () => {
    db = await deployedTarget();
    dir = mkdtempSync(path.join(os.tmpdir(), 'mg-drift-action-'));
    mkdirSync(path.join(dir, 'supabase'), { recursive: true });
    cpSync(DRIFT_FIXTURES, path.join(dir, 'supabase', 'migrations'), { recursive: true });
  });
  afterEach(async () => {
    rmSync(dir, { recursive: true, force: true });
    await db.drop();
  });

  const run = (inputs: Record<string, string> = {}) =>
    runAction({
      action: 'drift',
      workspace: dir,
      eventName: 'schedule',
      event: { schedule: '17 3 * * *' },
      apiUrl: server().url,
      inputs: { 'database-url': db.url, 'github-token': 'test-token', ...inputs },
    });

  it('opens the drift issue and fails the step on drift, then closes it once the drift is gone', async () => {
    const github = new FakeGitHubRepository(server(), 'acme', 'app');
    await db.query('alter table public.books add column isbn text');

    const drifted = await run();
    expect(drifted.code).toBe(1);
    expect(drifted.outputs).toMatchObject({ status: 'drift', differences: '1', 'issue-number': '1' });
    expect(drifted.annotations).toContainEqual(expect.objectContaining({ level: 'warning', message: 'column public.books.isbn exists in the database but in no migration' }));
    expect(drifted.summary).toContain('## Schema drift: 1 difference');
    expect(JSON.parse(drifted.outputFiles['report-json']).differences[0].name).toBe('public.books.isbn');
    expect(logged(drifted.stdout)).not.toContain(new URL(db.url).password || 'no-password-in-url');
    expect(github.issues.map((i) => [i.title, i.state])).toEqual([['Schema drift on production: 1 change outside the migrations', 'open']]);

    await db.query('alter table public.books drop column isbn');
    const clean = await run();
    expect(clean.code).toBe(0);
    expect(clean.outputs).toMatchObject({ status: 'no-drift', differences: '0', 'issue-number': '1' });
    expect(github.issues[0]).toMatchObject({ state: 'closed', state_reason: 'completed' });
    expect(github.commentsOn(1)).toHaveLength(1);
  });

  it('fails without touching issues when the database cannot be read', async () => {
    const github = new FakeGitHubRepository(server(), 'acme', 'app');
    const result = await run({ 'database-url': 'postgres://nobody:pw-secret@127.0.0.1:1/none' });
    expect(result.code).toBe(1);
    expect(result.outputs.status).toBe('error');
    expect(result.stdout).toContain('::error::The drift check could not run: Cannot connect to 127.0.0.1:1/none as nobody');
    expect(logged(result.stdout)).not.toContain('pw-secret');
    expect(github.issues).toEqual([]);
  });
});
