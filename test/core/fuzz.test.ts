/**
 * Throws thousands of mutated and random files at the validator: it must never crash, and every
 * problem must come back as a finding with a file and a 1-based line and column inside the file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { defaultConfig } from '../../packages/core/src/config';
import { analyzeMigration, checkMigrationSet } from '../../packages/core/src/discovery';
import { lintMigrations } from '../../packages/core/src/lint';
import type { Finding, MigrationFile } from '../../packages/core/src/model';
import { loadParser } from '../../packages/core/src/parser';

/** Small deterministic PRNG (mulberry32) so a failure can be replayed from its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const exampleDir = path.join(__dirname, '..', '..', 'examples', 'supabase-project', 'supabase', 'migrations');
const corpus = readdirSync(exampleDir).map((f) => readFileSync(path.join(exampleDir, f)));
const TOKENS = ["'", '"', '$$', '$x$', ';', '--', '/*', '*/', '\n', '(', ')', 'é', '🚀', '\u0000', '\\', 'create', 'table', 'alter', 'drop', 'index', 'concurrently', '-- kind: data', '-- transaction: none', '-- gate:allow'];

function mutate(input: Buffer, rnd: () => number): Buffer {
  const bytes = [...input];
  const edits = 1 + Math.floor(rnd() * 8);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(rnd() * (bytes.length + 1));
    const choice = rnd();
    if (choice < 0.3) bytes.splice(at, 1 + Math.floor(rnd() * 20));
    else if (choice < 0.6) bytes.splice(at, 0, ...Buffer.from(TOKENS[Math.floor(rnd() * TOKENS.length)]));
    else if (choice < 0.8) bytes[at] = Math.floor(rnd() * 256);
    else bytes.splice(at, 0, ...bytes.slice(Math.floor(rnd() * bytes.length), Math.floor(rnd() * bytes.length)));
  }
  return Buffer.from(bytes);
}

function randomFile(rnd: () => number): Buffer {
  const length = Math.floor(rnd() * 400);
  if (rnd() < 0.5) return Buffer.from(Array.from({ length }, () => Math.floor(rnd() * 256)));
  return Buffer.from(Array.from({ length: Math.floor(length / 4) }, () => TOKENS[Math.floor(rnd() * TOKENS.length)]).join(' '));
}

function expectLocated(finding: Finding, file: MigrationFile): void {
  expect(finding.file).toBe(file.path);
  expect(Number.isInteger(finding.line) && finding.line >= 1).toBe(true);
  expect(Number.isInteger(finding.column) && finding.column >= 1).toBe(true);
  if (file.text) expect(finding.line).toBeLessThanOrEqual(file.text.split('\n').length);
  expect(typeof finding.message).toBe('string');
  expect(finding.message.length).toBeGreaterThan(0);
}

beforeAll(() => loadParser());

describe('validator fuzzing', () => {
  it('survives 3000 mutated and random files, reporting every problem with a location', () => {
    const rnd = random(20261125);
    const config = defaultConfig();
    let findings = 0;
    for (let round = 0; round < 300; round++) {
      const files: MigrationFile[] = [];
      const located = new Map<string, MigrationFile>();
      for (let i = 0; i < 10; i++) {
        const source = rnd() < 0.8 ? mutate(corpus[Math.floor(rnd() * corpus.length)], rnd) : randomFile(rnd);
        const version = `2024${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}${String(10 + i).padStart(2, '0')}000000`;
        const fileName = rnd() < 0.05 ? `bad name ${i}.sql` : `${version}_m${i}.sql`;
        const displayPath = `fuzz/${round}/${i}/${fileName}`;
        const { migration, findings: own } = analyzeMigration(fileName, source, displayPath);
        files.push(migration);
        located.set(displayPath, migration);
        for (const f of own) expectLocated(f, migration);
        findings += own.length;
      }
      const all = [...checkMigrationSet(files), ...lintMigrations(files, { config, isSupabase: true })];
      for (const f of all) expectLocated(f, located.get(f.file) as MigrationFile);
      findings += all.length;
    }
    expect(findings).toBeGreaterThan(1000);
  });
});
