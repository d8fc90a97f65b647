/**
 * plv8: applied history that created JavaScript functions (Supabase shipped plv8 until it was
 * deprecated) replays; the functions are created, their JavaScript is not checked or run.
 */
import { loadParser } from '../../../../packages/core/src/parser';
import { replayFixture } from './support';

beforeAll(() => loadParser());

it('creates the language and the functions written in it, with a notice that says what is emulated', async () => {
  const { result } = await replayFixture('plv8');
  expect(result.errors).toEqual([]);
  expect(result.migrations.map((m) => m.status)).toEqual(['applied']);
  const notice = result.findings.find((f) => f.ruleId === 'dry-run-extension');
  expect(notice).toMatchObject({ severity: 'notice', line: 1 });
  expect(notice!.message).toContain('emulation of plv8');
  expect(result.schemaChanges.map((c) => c.summary)).toEqual(expect.arrayContaining([expect.stringMatching(/function public\.slugify\(title text\) returns text \(plv8/)]));
});
