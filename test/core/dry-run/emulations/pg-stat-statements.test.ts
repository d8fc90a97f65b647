/**
 * pg_stat_statements is the real contrib module of the embedded build, preloaded and creatable by
 * the replay role as on Supabase: it replays with no emulation label and no extension notice.
 */
import * as path from 'node:path';
import { loadParser } from '../../../../packages/core/src/parser';
import { errorsOf, findingsOf, replayFixture } from './support';

beforeAll(() => loadParser());

it('replays views and functions over the real pg_stat_statements', async () => {
  const { migrations, result } = await replayFixture('pg_stat_statements');
  expect(errorsOf(result)).toEqual([]);
  expect(result.migrations.map((m) => `${path.basename(m.file)} ${m.status}`)).toEqual(migrations.map((m) => `${m.fileName} applied`));
  expect(result.server.emulatedExtensions).not.toContain('pg_stat_statements');
  expect(result.server.standInExtensions).toEqual([]);
  expect(result.migrations.flatMap((m) => m.emulated ?? [])).toEqual([]);
  expect(findingsOf(result, 'dry-run-extension')).toEqual([]);
});
