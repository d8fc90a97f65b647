/**
 * identifier-too-long asks a quick question (`mayHaveLongName`) before its exact one
 * (`mayHaveLongIdentifier`): the quick one may say yes too often, never no too often, or a long
 * name would go unreported.
 */
import * as path from 'node:path';
import { mayHaveLongIdentifier, mayHaveLongName } from '../../../packages/core/src/rules/identifier-too-long';
import { sqlTextsUnder } from '../../support/sql-files';

/** A small deterministic generator (the same texts every run). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

const PIECES = ['a', 'Z', '_', '$', '9', 'é', '🚀', '中', ' ', '\n', '"', "'", '--', '/*', '*/', ';', '(', ')', 'x'.repeat(21), 'y'.repeat(40), 'é'.repeat(20), '"' + 'q'.repeat(60) + '"'];

describe('mayHaveLongName', () => {
  const fixtures = sqlTextsUnder(path.join(__dirname, '..', '..', 'fixtures'));

  it('says yes on every fixture file where the exact check says yes, and no on most', () => {
    for (const text of fixtures) if (mayHaveLongIdentifier(text)) expect(mayHaveLongName(text)).toBe(true);
    expect(fixtures.filter((text) => !mayHaveLongName(text)).length).toBeGreaterThan(fixtures.length * 0.9);
    expect(fixtures.some((text) => mayHaveLongIdentifier(text))).toBe(true);
  });

  it('never says no where the exact check says yes, on 20,000 generated texts of names, quotes, strings and comments', () => {
    const next = random(42);
    let exactYes = 0;
    for (let n = 0; n < 20_000; n++) {
      let text = '';
      const parts = 1 + Math.floor(next() * 40);
      for (let p = 0; p < parts; p++) text += PIECES[Math.floor(next() * PIECES.length)];
      const exact = mayHaveLongIdentifier(text);
      if (exact) {
        exactYes++;
        if (!mayHaveLongName(text)) throw new Error(`mayHaveLongName said no: ${JSON.stringify(text)}`);
      }
    }
    expect(exactYes).toBeGreaterThan(1000);
  });
});
