/**
 * Replays one of the emulation fixture projects (test/fixtures/dry-run/emulations/<folder>/
 * supabase/migrations) on the default embedded server and offers the lookups the emulation tests
 * share.
 */
import * as path from 'node:path';
import { discoverMigrations } from '../../../../packages/core/src/discovery';
import { dryRun, type DryRunResult } from '../../../../packages/core/src/dry-run';
import type { Finding } from '../../../../packages/core/src/model';

const FIXTURES = path.join(__dirname, '../../../fixtures/dry-run/emulations');

export interface FixtureReplay {
  result: DryRunResult;
  /** `file:line` of each finding of a rule, file names only. */
  at(ruleId: string): string[];
  /** `phase file:line message` of each replay error. */
  errors(): string[];
  /** The finding of a rule in a file (by file name). */
  finding(ruleId: string, fileName: string): Finding | undefined;
  /** Emulations the statement at `fileName:line` was labelled with ([] for none); undefined when no statement starts there. */
  labels(fileName: string, line: number): string[] | undefined;
  /** Per migration: file name, status and the emulations its statements touched. */
  outline(): { file: string; status: string; emulated: string[] }[];
}

/**
 * `new`: which files are the pull request's (`all`, or only the `last`); the others are applied
 * history, whose failures are warnings and do not stop the replay.
 */
export async function replayEmulationFixture(folder: string, fresh: 'all' | 'last' = 'all'): Promise<FixtureReplay> {
  const { migrations, findings } = await discoverMigrations(path.join(FIXTURES, folder, 'supabase', 'migrations'));
  if (findings.length) throw new Error(`the fixture itself has findings: ${JSON.stringify(findings)}`);
  const newVersions = (fresh === 'all' ? migrations : migrations.slice(-1)).map((m) => m.version);
  const result = await dryRun({ migrations, newVersions });
  const base = (file: string) => path.basename(file);
  return {
    result,
    at: (ruleId) => result.findings.filter((f) => f.ruleId === ruleId).map((f) => `${base(f.file)}:${f.line}`),
    errors: () => result.errors.map((e) => `${e.phase} ${base(e.file)}:${e.line} ${e.message}`),
    finding: (ruleId, fileName) => result.findings.find((f) => f.ruleId === ruleId && base(f.file) === fileName),
    labels: (fileName, line) => {
      const statement = result.migrations.find((m) => base(m.file) === fileName)?.statements.find((s) => s.line === line);
      return statement && (statement.emulated ?? []);
    },
    outline: () => result.migrations.map((m) => ({ file: base(m.file), status: m.status, emulated: m.emulated ?? [] })),
  };
}
