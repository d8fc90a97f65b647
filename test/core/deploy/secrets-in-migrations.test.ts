/**
 * A password written into a migration, and database URLs that parse the wrong way: what users
 * see in the history, the audit row, deploy's failure output, the JSON report and the job log.
 */
import { rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { maskSecrets, parseDatabaseUrl } from '../../../packages/core/src/db/connection';
import { shadowConnectionString } from '../../../packages/core/src/db/shadow';
import { deploy, formatDeployResult, migrationStatus } from '../../../packages/core/src/deploy';
import { buildDryRunStep } from '../../../packages/core/src/dry-run/validate-step';
import { formatJson } from '../../../packages/core/src/report/json';
import { defaultConfig } from '../../../packages/core/src/config';
import { validate } from '../../../packages/core/src/validate';
import { createTestDatabase, serverUrl, type TestDatabase } from '../../support/database';
import { migrationFolder, type MigrationFolder } from './support';

const SECRET = 'hunter2-Correct-Horse';
const ROLE = `mg_secret_role_${process.pid}`;

describe('a password written into a migration', () => {
  let db: TestDatabase;
  let folder: MigrationFolder;
  beforeEach(async () => {
    db = await createTestDatabase('deploy_secrets');
    folder = await migrationFolder({
      '20240101000000_role.sql': `create role ${ROLE} login password '${SECRET}';\n`,
      '20240102000000_dynamic.sql': `do $$ begin execute 'alter role ${ROLE} password ''${SECRET}'''; end $$;\n`,
    });
  });
  afterEach(async () => {
    await db.query(`drop role if exists ${ROLE}`);
    await db.drop();
    await folder.cleanup();
  });

  it('is stored redacted in the history, and the history still verifies against the file', async () => {
    const result = await deploy({ databaseUrl: db.url, migrationsDir: folder.dir });
    expect(result.outcome).toBe('applied');

    const history = await db.query<{ statements: string[] }>('select statements from supabase_migrations.schema_migrations order by version');
    expect(history.map((h) => h.statements)).toEqual([[`create role ${ROLE} login password '***'`], [`do $$ begin execute 'alter role ${ROLE} password ''***'''; end $$`]]);
    expect(JSON.stringify(await db.query('select * from supabase_migrations.gate_audit'))).not.toContain(SECRET);

    // Rows written by the Supabase CLI carry the password as written: both compare redacted.
    await db.query(`update supabase_migrations.schema_migrations set statements = array[$1] where version = '20240101000000'`, [`create role ${ROLE} login password '${SECRET}'`]);
    await db.query(`delete from supabase_migrations.gate_applied`);
    const status = await migrationStatus({ databaseUrl: db.url, migrationsDir: folder.dir });
    expect(status.applied.map((a) => [a.version, a.state])).toEqual([
      ['20240101000000', 'verified'],
      ['20240102000000', 'verified'],
    ]);
  });

  it('is not in deploy’s failure output, nor in the audit row', async () => {
    await db.query(`create role ${ROLE}`);
    const result = await deploy({ databaseUrl: db.url, migrationsDir: folder.dir });
    expect(result.outcome).toBe('failed');
    const output = formatDeployResult(result);
    expect(output).toContain(`Statement 1 (line 1): create role ${ROLE} login password '***'`);
    expect(output + JSON.stringify(result)).not.toContain(SECRET);
    expect(JSON.stringify(await db.query('select * from supabase_migrations.gate_audit'))).not.toContain(SECRET);
  });

  it('is not in the JSON report’s dry-run excerpts', async () => {
    const { report } = await validate({ root: folder.dir, config: defaultConfig(), migrationsDir: '.', dryRun: buildDryRunStep({ shadowDatabaseUrl: serverUrl(), supabaseBaseline: false, lockTrace: true }) });
    const json = formatJson(report);
    expect(json).toContain(`"excerpt": "create role ${ROLE} login password '***'"`);
    expect(json).not.toContain(SECRET);
  });
});

describe('database URLs that parse the wrong way', () => {
  it('refuses an unencoded @ (or /) in the password with the fix, and masks it whole', () => {
    for (const url of ['postgres://app:p@ss@db.example.com:5432/app', 'postgres://app:p@ss/word@db.example.com:5432/app', 'postgres://app:12?x@db.example.com/app']) {
      expect(() => parseDatabaseUrl(url)).toThrow(/not percent-encoded.*Percent-encode the password in the URL \(@ as %40/);
    }
    expect(maskSecrets('postgres://app:p@ss/word@db.example.com:5432/app')).toContain('p@ss/word');
    expect(parseDatabaseUrl('postgres://app:p%40ss@db.example.com/app').password).toBe('p@ss');
  });

  it('never masks a string shorter than 4 characters (it would hide every such letter in the log)', () => {
    expect(maskSecrets('postgres://app:pw@localhost/app')).toEqual(['postgres://app:pw@localhost/app']);
  });
});

describe('shadow database URLs', () => {
  const CA_FILE = path.join(os.tmpdir(), `mg-test-ca-${process.pid}.pem`);
  beforeAll(() => writeFileSync(CA_FILE, '-----BEGIN CERTIFICATE-----\nnot checked here\n-----END CERTIFICATE-----\n'));
  afterAll(() => rmSync(CA_FILE, { force: true }));

  it('are checked like deploy URLs: sslmode=bogus is refused before anything starts', () => {
    expect(() => buildDryRunStep({ shadowDatabaseUrl: 'postgres://u:secret-pass@localhost:5432/db?sslmode=bogus' })).toThrow('sslmode=bogus is not a TLS mode');
    expect(() => buildDryRunStep({ shadowDatabaseUrl: 'postgres://u:p@ss@localhost:5432/db' })).toThrow('not percent-encoded');
  });

  it('print no multi-line pg SSL warning', () => {
    const warnings = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      // The modules are fresh in this test file, so pg's warn-once flag has not been used up.
      const plain = new Client({ connectionString: 'postgres://u:secret-pass@db.example.com:5432/db?sslmode=require', application_name: 'probe' });
      expect(plain).toBeDefined();
      const pgWarns = warnings.mock.calls.length > 0;
      warnings.mockClear();
      for (const mode of ['require', 'prefer', 'verify-ca', 'verify-full', 'disable']) {
        const url = `postgres://u:secret-pass@db.example.com:5432/db?sslmode=${mode}${mode === 'verify-ca' ? `&sslrootcert=${CA_FILE}` : ''}`;
        new Client({ connectionString: shadowConnectionString(url, 'shadow') });
      }
      expect(pgWarns).toBe(true); // pg does warn for the URL as given: the test can fail
      expect(warnings.mock.calls.map((c) => String(c[0]))).toEqual([]);
    } finally {
      warnings.mockRestore();
    }
  });
});
