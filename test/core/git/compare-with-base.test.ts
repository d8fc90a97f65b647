import { analyzeMigration, classifyFileName } from '../../../packages/core/src/discovery';
import { compareWithBase, type BaseMigration } from '../../../packages/core/src/git';
import type { MigrationFile } from '../../../packages/core/src/model';
import { loadParser } from '../../../packages/core/src/parser';

beforeAll(() => loadParser());

const DIR = 'supabase/migrations';

function head(fileName: string, sql: string): MigrationFile {
  return analyzeMigration(fileName, Buffer.from(sql), `${DIR}/${fileName}`).migration;
}

/** The base's copy of a file, built the way listBaseMigrations builds it. */
function base(fileName: string, sql: string): BaseMigration {
  const nameClass = classifyFileName(fileName);
  if (nameClass.kind === 'skipped') {
    return { path: `${DIR}/${fileName}`, repoPath: `${DIR}/${fileName}`, fileName, version: null, name: null, checksum: 'not-a-migration', sizeBytes: sql.length, text: sql };
  }
  const { migration } = analyzeMigration(fileName, Buffer.from(sql), `${DIR}/${fileName}`);
  return { path: migration.path, repoPath: migration.path, fileName, version: migration.version, name: migration.name, checksum: migration.checksum, sizeBytes: migration.sizeBytes, text: sql };
}

const now = new Date('2026-11-25T17:03:12Z');

describe('compareWithBase', () => {
  it('treats everything as new, in version order, when the base has no migrations', () => {
    const result = compareWithBase({ head: [head('20240102000000_b.sql', 'select 2;'), head('20240101000000_a.sql', 'select 1;')], base: [] });
    expect(result).toMatchObject({ findings: [], baseNewestVersion: null });
    expect(result.newMigrations.map((m) => m.fileName)).toEqual(['20240101000000_a.sql', '20240102000000_b.sql']);
  });

  it('gives several out-of-order migrations distinct, ascending suggestions that keep their order', () => {
    const result = compareWithBase({
      head: [head('20240101000000_a.sql', 'select 1;'), head('20240301000000_late.sql', 'select 3;'), head('20240201000000_x.sql', 'select 4;'), head('20240202000000_y.sql', 'select 5;')],
      base: [base('20240101000000_a.sql', 'select 1;'), base('20240301000000_late.sql', 'select 3;')],
      now,
    });
    expect(result.findings.map((f) => [f.file, f.hint])).toEqual([
      [`${DIR}/20240201000000_x.sql`, 'Rename it to 20261125170312_x.sql so it runs after everything on the base branch.'],
      [`${DIR}/20240202000000_y.sql`, 'Rename it to 20261125170313_y.sql so it runs after everything on the base branch.'],
    ]);
  });

  it('suggests a version after the base when the base already uses a timestamp from the future', () => {
    const result = compareWithBase({
      head: [head('20300101000000_future.sql', 'select 1;'), head('20250101000000_x.sql', 'select 2;')],
      base: [base('20300101000000_future.sql', 'select 1;')],
      now,
    });
    expect(result.findings[0].hint).toContain('Rename it to 20300101000001_x.sql');
  });

  it('counts a new migration that reuses the base newest version as out of order', () => {
    const result = compareWithBase({
      head: [head('20240101000000_a.sql', 'select 1;'), head('20240101000000_again.sql', 'select 2;')],
      base: [base('20240101000000_a.sql', 'select 1;')],
      now,
    });
    expect(result.findings).toEqual([expect.objectContaining({ ruleId: 'out-of-order-migration', file: `${DIR}/20240101000000_again.sql` })]);
  });

  it('reports a migration that kept its version but changed both name and content as an edit', () => {
    const result = compareWithBase({
      head: [head('20240101000000_renamed.sql', 'select 1;\nselect 2;\n')],
      base: [base('20240101000000_a.sql', 'select 1;\nselect 1;\n')],
      now,
    });
    expect(result.findings).toEqual([expect.objectContaining({ ruleId: 'immutable-migration', file: `${DIR}/20240101000000_renamed.sql`, line: 2 })]);
    expect(result.findings[0].message).toContain('renamed and edited');
    expect(result.newMigrations).toEqual([]);
  });

  it('points at the last line when lines were only removed from the end', () => {
    const result = compareWithBase({ head: [head('20240101000000_a.sql', 'select 1;\n')], base: [base('20240101000000_a.sql', 'select 1;\nselect 2;\n')] });
    expect(result.findings[0]).toMatchObject({ ruleId: 'immutable-migration', line: 2 });
  });

  it('ignores files without a valid migration name on either side, as the Supabase CLI does', () => {
    const result = compareWithBase({
      head: [head('20240101000000_a.sql', 'select 1;')],
      base: [base('notes_20231399000000.sql', 'select 9;'), base('20240101000000_a.sql', 'select 1;')],
    });
    expect(result).toMatchObject({ findings: [], newMigrations: [], baseNewestVersion: '20240101000000' });
  });

  it('names the base branch in messages when told it', () => {
    const result = compareWithBase({ head: [], base: [base('20240101000000_a.sql', 'select 1;')], baseLabel: 'main' });
    expect(result.findings[0].message).toContain('it is on the base branch (main)');
    expect(result.findings[0].hint).toContain('merge or rebase');
  });
});
