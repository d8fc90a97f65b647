/**
 * A pull request's migrations are replayed on a server the runner starts: they must not be able to
 * run programs, read or write the runner's files, or change the server's configuration. The replay
 * runs as a non-superuser `postgres` role (as on Supabase), so each attempt is refused, and the
 * refusal is a finding at the statement's line, not a crash.
 */
import { existsSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { discoverMigrations } from '../../../packages/core/src/discovery';
import { dryRun } from '../../../packages/core/src/dry-run';
import { loadParser } from '../../../packages/core/src/parser';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'dry-run', 'server-side');
const MARKERS = ['copy', 'file', 'archive', 'grant', 'dblink'].map((m) => `/tmp/migration-gate-pwned-${m}`);

beforeAll(() => loadParser());
beforeEach(() => MARKERS.forEach((m) => rmSync(m, { force: true })));
afterAll(() => MARKERS.forEach((m) => rmSync(m, { force: true })));

async function replay(attack: string, postgresVersion?: number) {
  const { migrations } = await discoverMigrations(path.join(FIXTURES, attack, 'supabase', 'migrations'));
  return dryRun({ migrations, newVersions: migrations.map((m) => m.version), postgresVersion, handleSignals: false });
}

// [fixture, lines the refusal may point at, what PostgreSQL says]
const ATTACKS: [string, number[], RegExp][] = [
  ['copy-to-program', [3], /(permission denied to|must be superuser or have privileges of the pg_execute_server_program role to) COPY to or from an external program/],
  ['copy-from-program', [2], /(permission denied to|must be superuser or have privileges of the pg_execute_server_program role to) COPY to or from an external program/],
  ['read-file', [2], /permission denied for function pg_read_file/],
  ['lo-import', [1], /permission denied for function lo_import/],
  ['copy-to-file', [1], /(permission denied to|must be superuser or have privileges of the pg_write_server_files role to) COPY to a file/],
  ['alter-system', [2], /permission denied to set parameter "archive_command"|must be superuser/],
  ['untrusted-language', [1], /permission denied to create extension "plpython3u"/],
  ['grant-program-role', [2], /permission denied to grant role "pg_execute_server_program"|is a member of role/],
  // Before 16 the grant to a new role succeeds; the login through dblink is then refused by the server's pg_hba.
  ['login-as-new-role', [2, 4], /permission denied to grant role|no pg_hba\.conf entry|password authentication failed/],
];

describe.each([17, 15])('a migration reaching for the runner, replayed on PostgreSQL %i', (postgresVersion) => {
  it.each(ATTACKS)('%s is refused with a finding at its line and runs nothing', async (attack, lines, message) => {
    const result = await replay(attack, postgresVersion);
    expect(result.ok).toBe(false);
    const finding = result.findings.find((f) => f.ruleId === 'dry-run-error');
    expect(finding).toMatchObject({ severity: 'error', source: 'dry-run' });
    expect(lines).toContain(finding!.line);
    expect(path.basename(finding!.file)).toMatch(/^20240501000000_/);
    expect(finding!.message).toMatch(message);
    for (const marker of MARKERS) expect(existsSync(marker)).toBe(false);
    expect(result.server.replayRole).toMatch(/not a superuser/);
  });
});
