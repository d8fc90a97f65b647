/**
 * The drift check only reads the target: it runs as a role that may read and nothing else, in
 * read-only sessions, and every SQL text that reaches the target (recorded on the wire) is a read.
 */
import * as pg from 'libpg-query';
import { checkDrift } from '../../../packages/core/src/drift';
import { loadParser } from '../../../packages/core/src/parser';
import type { TestDatabase } from '../../support/database';
import { recordStatements, type StatementRecorder } from '../../support/statement-recorder';
import { deployedTarget, DRIFT_FIXTURES } from './support';

jest.setTimeout(120_000);

/** Statement kinds that change nothing: queries, transaction brackets, session settings. */
const READS = new Set(['SelectStmt', 'TransactionStmt', 'VariableSetStmt', 'VariableShowStmt']);

describe('drift check against a read-only role', () => {
  let target: TestDatabase;
  let recorder: StatementRecorder;
  const role = `drift_reader_${process.pid}`;

  beforeAll(async () => {
    await loadParser();
    target = await deployedTarget();
    await target.query(`
      create role ${role} login password 'reader-secret';
      grant pg_read_all_data, pg_read_all_settings to ${role};
      alter role ${role} set default_transaction_read_only = on;
      alter table public.books add column isbn text;`);
    const url = new URL(target.url);
    url.username = role;
    url.password = 'reader-secret';
    recorder = await recordStatements(url.toString());
  });
  afterAll(async () => {
    await recorder?.close();
    // Roles are server-wide: drop it while its database still exists to connect to.
    await target?.query(`drop role if exists ${role}`);
    await target?.drop();
  });

  it('is enough to find the drift, and only reads reach the target', async () => {
    const report = await checkDrift({ databaseUrl: recorder.url, migrationsDir: DRIFT_FIXTURES, handleSignals: false });

    expect(report.error).toBeUndefined();
    expect(report.differences.map((d) => d.message)).toEqual(['column public.books.isbn exists in the database but in no migration']);
    expect(recorder.statements.length).toBeGreaterThan(5);
    const kinds = recorder.statements.flatMap((sql) => (pg.parseSync(sql) as { stmts: { stmt: Record<string, unknown> }[] }).stmts.map((s) => Object.keys(s.stmt)[0]));
    expect(kinds.filter((kind) => !READS.has(kind))).toEqual([]);
    expect(recorder.statements).toContain('set session characteristics as transaction read only');
  });
});
