import { randomBytes } from 'node:crypto';
import {
  clientConfig,
  detectTransactionPooler,
  maskSecrets,
  parseDatabaseUrl,
  scrubSecrets,
  tlsConfig,
} from '../../../packages/core/src/db/connection';
import { deploy, migrationStatus } from '../../../packages/core/src/deploy';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { collectingLogger, migrationFolder, type MigrationFolder } from './support';

const POOLER_HOST = 'aws-0-eu-central-1.pooler.supabase.com';

describe('database URLs', () => {
  it('parses credentials, decoding the password, and keeps unknown parameters', () => {
    const target = parseDatabaseUrl('postgresql://postgres.abcdef:p%40ss%3Aw%2Frd%25@db.abcdef.supabase.co:5432/postgres?sslmode=require&options=-c%20search_path%3Dpublic');
    expect(target).toEqual({
      host: 'db.abcdef.supabase.co',
      port: 5432,
      database: 'postgres',
      user: 'postgres.abcdef',
      password: 'p@ss:w/rd%',
      sslMode: 'require',
      sslRootCertPath: undefined,
      sslCertPath: undefined,
      sslKeyPath: undefined,
      params: { options: '-c search_path=public' },
    });
    expect(parseDatabaseUrl('postgres://u@[::1]/app').host).toBe('::1');
  });

  it('rejects malformed URLs without repeating them', () => {
    expect(() => parseDatabaseUrl('mysql://root:hunter2@localhost/db')).toThrow('The database URL must start with postgres:// or postgresql://, not mysql://.');
    expect(() => parseDatabaseUrl('postgres://root:hunter2@localhost/db?sslmode=sometimes')).toThrow(/sslmode=sometimes is not a TLS mode/);
    try {
      parseDatabaseUrl('not a url with hunter2');
    } catch (err) {
      expect((err as Error).message).not.toContain('hunter2');
    }
    expect.assertions(3);
  });

  it('lists every form of the secret to mask: the URL, the password as written and decoded', () => {
    const url = `postgresql://postgres.abcdef:p%40ss%3Aw%2Frd%25@${POOLER_HOST}:5432/postgres`;
    const secrets = maskSecrets(url);
    expect(secrets).toEqual(expect.arrayContaining([url, 'p%40ss%3Aw%2Frd%25', 'p@ss:w/rd%']));
    expect(secrets).not.toContain('');
    expect(maskSecrets('postgres://localhost/db?password=t%C3%B6pf')).toEqual(expect.arrayContaining(['t%C3%B6pf', 'töpf']));
  });

  it('scrubs secrets, longest first, and passwords of any other postgres URL in the text', () => {
    const url = 'postgres://app:s3cr3t@db.internal:5432/app';
    const text = `failed for ${url} (password s3cr3t); also tried postgresql://other:hunter2@replica:5432/app`;
    expect(scrubSecrets(text, maskSecrets(url))).toBe('failed for *** (password ***); also tried postgresql://other:***@replica:5432/app');
  });

  it('detects transaction-mode poolers by port 6543 and pgbouncer=true, not the session pooler', () => {
    expect(detectTransactionPooler(parseDatabaseUrl(`postgres://u:p@${POOLER_HOST}:6543/postgres`))).toEqual({
      transactionPooler: true,
      reason: `${POOLER_HOST}:6543 is Supabase's transaction-mode pooler`,
    });
    expect(detectTransactionPooler(parseDatabaseUrl('postgres://u:p@pgbouncer.internal:5432/app?pgbouncer=true'))).toEqual({ transactionPooler: true, reason: 'the URL sets pgbouncer=true' });
    expect(detectTransactionPooler(parseDatabaseUrl(`postgres://u:p@${POOLER_HOST}:5432/postgres`))).toEqual({ transactionPooler: false });
    expect(() => clientConfig(`postgres://u:p@${POOLER_HOST}:6543/postgres`)).toThrow(/use the direct connection .* or the session pooler on port 5432/i);
  });

  it('maps libpq TLS modes to pg options', () => {
    const target = (query: string, host = 'db.abcdef.supabase.co') => parseDatabaseUrl(`postgres://u:p@${host}:5432/postgres${query}`);
    expect(tlsConfig(target('?sslmode=disable'))).toBe(false);
    expect(tlsConfig(target('?sslmode=require'))).toEqual({ rejectUnauthorized: false });
    expect(tlsConfig(target('?sslmode=require'), { caCertificate: 'PEM' })).toMatchObject({ rejectUnauthorized: true, ca: 'PEM' });
    expect(tlsConfig(target('?sslmode=verify-full'), { caCertificate: 'PEM' })).toEqual({ rejectUnauthorized: true, ca: 'PEM', servername: 'db.abcdef.supabase.co' });
    expect(tlsConfig(target('?sslmode=verify-ca'))).toMatchObject({ rejectUnauthorized: true });
    // No sslmode: Supabase hosts get TLS (they may enforce it); other hosts plain, as pg does by default.
    expect(tlsConfig(target(''))).toEqual({ rejectUnauthorized: false });
    expect(tlsConfig(target('', 'localhost'))).toBe(false);
    expect(() => tlsConfig(target('?sslmode=verify-full&sslrootcert=/nonexistent/ca.crt'))).toThrow('Cannot read the sslrootcert file /nonexistent/ca.crt');
  });
});

describe('deploy: connection safety', () => {
  let db: TestDatabase;
  let folder: MigrationFolder;
  beforeEach(async () => {
    db = await createTestDatabase('deploy_conn');
    folder = await migrationFolder({ '20240101000000_a.sql': 'create table a (id int);\n' });
  });
  afterEach(async () => {
    await folder.cleanup();
    await db.drop();
  });

  it('refuses a transaction-mode pooler URL with the fix, before connecting', async () => {
    const result = await deploy({ databaseUrl: `postgresql://postgres.abcdef:pw@${POOLER_HOST}:6543/postgres`, migrationsDir: folder.dir });
    expect(result.outcome).toBe('connection-failed');
    expect(result.error?.kind).toBe('pooler');
    expect(result.message).toContain('transaction-mode connection pooler');
    expect(result.message).toContain('Use the direct connection (db.<project-ref>.supabase.co:5432) or the session pooler on port 5432');
    expect(result.message).toContain('--allow-pooler');
  });

  it('proceeds through a pooler-flagged URL when explicitly allowed, with a warning', async () => {
    const { logger, entries } = collectingLogger();
    const result = await deploy({ databaseUrl: `${db.url}?pgbouncer=true`, migrationsDir: folder.dir, allowTransactionPooler: true, logger });
    expect(result.outcome).toBe('applied');
    expect(entries.filter((e) => e.level === 'warning').map((e) => e.event)).toEqual(['pooler-allowed']);
  });

  it('fails clearly when TLS is required but the server has none', async () => {
    const result = await deploy({ databaseUrl: `${db.url}?sslmode=require`, migrationsDir: folder.dir });
    expect(result.outcome).toBe('connection-failed');
    expect(result.message).toMatch(/^Cannot connect to 127\.0\.0\.1:\d+\/deploy_conn_\w+ as postgres: The server does not support SSL connections/);
  });

  describe('with a role whose password has URL-special characters', () => {
    const role = `mg_secret_${randomBytes(4).toString('hex')}`;
    const password = `Sup3r:s3cret@${randomBytes(4).toString('hex')}/%`;
    let url: string;
    beforeEach(async () => {
      await db.query(`create role ${role} login password '${password}'`);
      await db.query(`grant create on database ${db.name} to ${role}; grant create, usage on schema public to ${role}`);
      const base = new URL(db.url);
      base.username = role;
      base.password = encodeURIComponent(password);
      url = base.toString();
    });
    afterEach(async () => {
      await db.query(`drop owned by ${role} cascade`);
      await db.query(`drop role ${role}`).catch(() => undefined);
    });

    it('connects with the decoded password', async () => {
      const result = await deploy({ databaseUrl: url, migrationsDir: folder.dir });
      expect(result.outcome).toBe('applied');
      expect(result.audit.database).toMatchObject({ user: role, name: db.name });
    });

    it('never shows the password: not after a failed login, not when a server error quotes it', async () => {
      const wrong = new URL(url);
      wrong.password = encodeURIComponent(`${password}x`);
      const failed = await deploy({ databaseUrl: wrong.toString(), migrationsDir: folder.dir });
      expect(failed.outcome).toBe('connection-failed');
      expect(failed.message).toContain(`password authentication failed for user "${role}"`);
      for (const secret of [password, encodeURIComponent(password), `${password}x`]) expect(JSON.stringify(failed)).not.toContain(secret);

      await folder.write('20240102000000_quotes_password.sql', `select '${password}'::int;\n`);
      const quoted = await deploy({ databaseUrl: url, migrationsDir: folder.dir });
      expect(quoted.outcome).toBe('failed');
      expect(quoted.error?.migration?.message).toBe('invalid input syntax for type integer: "***"');
      expect(JSON.stringify(quoted)).not.toContain(password);

      await expect(migrationStatus({ databaseUrl: wrong.toString(), migrationsDir: folder.dir })).rejects.toThrow(/password authentication failed/);
      await migrationStatus({ databaseUrl: wrong.toString(), migrationsDir: folder.dir }).catch((err: Error) => expect(err.message).not.toContain(password));
    });
  });
});
