/**
 * Replays one of the emulation fixture projects (test/fixtures/dry-run/emulations/<extension>/
 * <variant>/supabase/migrations) on the default embedded server, every file as new, and offers
 * the lookups the emulation tests share.
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
  /** The finding of a rule in a file (by file name). */
  finding(ruleId: string, fileName: string): Finding | undefined;
  /** Emulations the statement at `fileName:line` was labelled with ([] for none); undefined when no statement starts there. */
  labels(fileName: string, line: number): string[] | undefined;
  /** Per migration: file name, status and the emulations its statements touched. */
  outline(): { file: string; status: string; emulated: string[] }[];
}

export async function replayEmulationFixture(extension: string, variant: string): Promise<FixtureReplay> {
  const { migrations, findings } = await discoverMigrations(path.join(FIXTURES, extension, variant, 'supabase', 'migrations'));
  if (findings.length) throw new Error(`the fixture itself has findings: ${JSON.stringify(findings)}`);
  const result = await dryRun({ migrations, newVersions: migrations.map((m) => m.version!) });
  const base = (file: string) => path.basename(file);
  return {
    result,
    at: (ruleId) => result.findings.filter((f) => f.ruleId === ruleId).map((f) => `${base(f.file)}:${f.line}`),
    finding: (ruleId, fileName) => result.findings.find((f) => f.ruleId === ruleId && base(f.file) === fileName),
    labels: (fileName, line) => {
      const statement = result.migrations.find((m) => base(m.file) === fileName)?.statements.find((s) => s.line === line);
      return statement && (statement.emulated ?? []);
    },
    outline: () => result.migrations.map((m) => ({ file: base(m.file), status: m.status, emulated: m.emulated ?? [] })),
  };
}
