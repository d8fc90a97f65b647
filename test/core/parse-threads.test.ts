/**
 * Parsing on two cores gives exactly what parsing in one thread gives, and a worker that fails
 * costs time, never a result.
 */
import * as path from 'node:path';
import { loadParser, parseSql } from '../../packages/core/src/parser';
import { parseFiles, prestartParseWorker } from '../../packages/core/src/parse-threads';
import { WASM_BASELINE_ONLY } from '../../packages/core/src/wasm-tiering';
import { sqlTextsUnder } from '../support/sql-files';
import { availableParallelism } from 'node:os';

/** The worker is used only with a second core and a parser that V8 does not recompile in the background (Node 20, or `--liftoff-only`). */
const withWorker = WASM_BASELINE_ONLY && availableParallelism() > 1 ? it : it.skip;

const FIXTURES = path.join(__dirname, '..', 'fixtures');

/** Every SQL fixture of the suite (several hundred real files), and the cases that are not trees. */
const texts = [
  ...sqlTextsUnder(FIXTURES),
  '',
  '-- only a comment\n',
  "select 'héé 🚀';\n  create tabel x ();",
  'create table ok (id int);\nselect (;',
  "insert into t values ('ünïcödé');\ncomment on table t is 'naïve';",
];

beforeAll(() => loadParser());

describe('parseFiles', () => {
  withWorker('gives the same statements, lines, trees and syntax errors as parseSql, with the worker parsing part of the files', async () => {
    expect(texts.length).toBeGreaterThan(300);
    // Three copies: enough work that the ready worker certainly takes files from the end.
    const many = [...texts, ...texts, ...texts];
    await expect(prestartParseWorker()).resolves.toBe(true);
    let byWorker = -1;
    const results = parseFiles(many, { minParallelBytes: 0, onDone: (count) => (byWorker = count) });
    expect(byWorker).toBeGreaterThan(0);
    expect(byWorker).toBeLessThan(many.length);
    expect(results).toEqual(many.map((text) => parseSql(text)));
    expect(results.filter((r) => r.error).length).toBeGreaterThanOrEqual(6);
  });

  it('parses in this thread when the worker cannot load its parser', async () => {
    await expect(prestartParseWorker({ gluePath: path.join(FIXTURES, 'parse-threads', 'missing.js') })).resolves.toBe(false);
    let byWorker = -1;
    const results = parseFiles(texts, { minParallelBytes: 0, onDone: (count) => (byWorker = count) });
    expect(byWorker).toBe(0);
    expect(results).toEqual(texts.map((text) => parseSql(text)));
  });

  withWorker('takes back a file the worker claimed and never answered (it crashed mid-parse), after the timeout', async () => {
    await expect(prestartParseWorker({ gluePath: path.join(FIXTURES, 'parse-threads', 'crashing-parser.js') })).resolves.toBe(true);
    let byWorker = -1;
    const started = Date.now();
    const results = parseFiles(texts, { minParallelBytes: 0, workerFileTimeoutMs: 300, onDone: (count) => (byWorker = count) });
    expect(byWorker).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(results).toEqual(texts.map((text) => parseSql(text)));
  });

  it('treats an empty file as one without statements, not as a syntax error', () => {
    expect(parseSql('')).toEqual({ statements: [] });
  });
});
