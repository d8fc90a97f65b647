import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run as runSeedAction } from '../../../actions/seed/src/main';
import { main } from '../../../packages/cli/src/index';
import { markEnvironment } from '../../../packages/core/src/db/environment-marker';
import { databaseWithSchema, FIXTURES, rowCounts, type SchemaDatabase } from './helpers';

const SMALL_SCHEMA = `
  create table authors (id bigint generated always as identity primary key, full_name text not null, email text not null unique);
  create table posts (id serial primary key, author_id bigint not null references authors (id), title varchar(80) not null, published boolean not null);`;

interface Captured {
  stdout: string;
  stderr: string;
}

async function capture<T>(work: () => Promise<T>): Promise<Captured & { value: T }> {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (out.push(String(chunk)), true));
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (err.push(String(chunk)), true));
  try {
    const value = await work();
    return { value, stdout: out.join(''), stderr: err.join('') };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

describe('migration-gate seed', () => {
  let db: SchemaDatabase;
  beforeEach(async () => {
    db = await databaseWithSchema(SMALL_SCHEMA, 'seedcli');
  });
  afterEach(() => db.close());

  it('is a command of the CLI, with its usage', async () => {
    const { value: code, stdout } = await capture(() => main(['seed', '--help']));
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: migration-gate seed --database-url <url>/);
    expect(stdout).toContain('--copy-from <url>');
  });

  it('seeds with --seed and --rows and prints a JSON report', async () => {
    const { value: code, stdout } = await capture(() =>
      main(['seed', '--database-url', db.url, '--seed', '3', '--rows', '4', '--environment', 'development', '--format', 'json', '--root', FIXTURES]),
    );
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ mode: 'generate', rowsWritten: 8, rowsPerTable: { 'public.authors': 4, 'public.posts': 4 }, seed: 3, environment: 'development' });
    expect(await rowCounts(db.client, ['authors', 'posts'])).toEqual({ authors: 4, posts: 4 });
  });

  it('exits 1 on a production environment, 2 on bad arguments, and writes nothing', async () => {
    const refused = await capture(() => main(['seed', '--database-url', db.url, '--environment', 'production']));
    expect(refused.value).toBe(1);
    expect(refused.stderr).toMatch(/Refusing to seed: the environment "production"/);
    const badRows = await capture(() => main(['seed', '--database-url', db.url, '--rows', 'many']));
    expect(badRows.value).toBe(2);
    expect(badRows.stderr).toMatch(/--rows must be a whole number/);
    expect(await rowCounts(db.client, ['authors', 'posts'])).toEqual({ authors: 0, posts: 0 });
  });

  it('keeps the password out of errors', async () => {
    const url = new URL(db.url);
    url.port = '1';
    const { value: code, stderr } = await capture(() => main(['seed', '--database-url', url.toString()]));
    expect(code).toBe(2);
    expect(stderr).toMatch(/Cannot connect/);
    expect(stderr).not.toContain(decodeURIComponent(url.password));
  });
});

describe('actions/seed', () => {
  let db: SchemaDatabase;
  let workspace: string;
  const saved = { ...process.env };

  beforeEach(async () => {
    db = await databaseWithSchema(SMALL_SCHEMA, 'seedaction');
    workspace = mkdtempSync(path.join(os.tmpdir(), 'mg-seed-action-'));
    writeFileSync(path.join(workspace, 'seed.config.json'), JSON.stringify({ tables: { posts: { rows: 7 } } }));
    writeFileSync(path.join(workspace, 'output'), '');
    writeFileSync(path.join(workspace, 'summary'), '');
    Object.assign(process.env, {
      GITHUB_WORKSPACE: workspace,
      GITHUB_OUTPUT: path.join(workspace, 'output'),
      GITHUB_STEP_SUMMARY: path.join(workspace, 'summary'),
      'INPUT_DATABASE-URL': db.url,
      INPUT_CONFIG: 'seed.config.json',
      INPUT_SEED: '8',
      INPUT_ROWS: '3',
      INPUT_ENVIRONMENT: 'preview',
    });
  });

  afterEach(async () => {
    process.env = { ...saved };
    process.exitCode = undefined;
    rmSync(workspace, { recursive: true, force: true });
    await db.close();
  });

  function outputs(): Record<string, string> {
    // GITHUB_OUTPUT uses heredoc blocks: name<<delimiter, value, delimiter.
    const text = readFileSync(path.join(workspace, 'output'), 'utf8');
    const result: Record<string, string> = {};
    for (const match of text.matchAll(/^(.+?)<<(\S+)\n([\s\S]*?)\n\2$/gm)) result[match[1]] = match[3];
    return result;
  }

  it('masks the URL and the password before anything else, then seeds and sets its outputs', async () => {
    const password = decodeURIComponent(new URL(db.url).password);
    const { stdout } = await capture(() => runSeedAction());
    expect(process.exitCode).toBeUndefined();
    const lines = stdout.split('\n');
    expect(lines.slice(0, 4).filter((l) => l.startsWith('::add-mask::'))).toEqual(expect.arrayContaining([`::add-mask::${db.url}`, `::add-mask::${password}`]));
    expect(lines.filter((l) => l.includes(password) && !l.startsWith('::add-mask::'))).toEqual([]);
    expect(outputs()).toEqual({ 'rows-inserted': '10', tables: JSON.stringify({ 'public.authors': 3, 'public.posts': 7 }) });
    expect(readFileSync(path.join(workspace, 'summary'), 'utf8')).toContain('| `public.posts` | 7 |');
  });

  it('fails the step on a database marked production', async () => {
    await markEnvironment(db.client, 'production', 'deploy');
    const { stdout } = await capture(() => runSeedAction());
    expect(process.exitCode).toBe(1);
    expect(stdout).toMatch(/::error::Refusing to seed: this database is marked as the "production" environment/);
    expect(outputs()).toEqual({});
    expect(await rowCounts(db.client, ['authors', 'posts'])).toEqual({ authors: 0, posts: 0 });
  });
});
