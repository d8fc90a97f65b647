/**
 * Replays an emulation's fixture project (test/fixtures/dry-run/emulations/<name>) with the
 * default dry-run (embedded server shaped like Supabase), every file new, as a pull request that
 * adds them would be replayed.
 */
import * as path from 'node:path';
import { discoverMigrations } from '../../../../packages/core/src/discovery';
import { dryRun, type DryRunResult } from '../../../../packages/core/src/dry-run';
import type { MigrationFile } from '../../../../packages/core/src/model';

const FIXTURES = path.join(__dirname, '../../../fixtures/dry-run/emulations');

export interface FixtureReplay {
  migrations: MigrationFile[];
  result: DryRunResult;
}

/** `asHistory`: every file is applied history (base), so each failure is reported and the replay goes on. */
export async function replayFixture(folder: string, options: { asHistory?: boolean } = {}): Promise<FixtureReplay> {
  const { migrations } = await discoverMigrations(path.join(FIXTURES, folder, 'supabase/migrations'));
  const result = await dryRun({ migrations, newVersions: options.asHistory ? [] : migrations.map((m) => m.version) });
  return { migrations, result };
}

/** `file:line` of every `create extension <name>` in the migrations. */
export function createExtensionLines(migrations: readonly MigrationFile[], name: string): string[] {
  return migrations.flatMap((m) =>
    m.statements.filter((s) => s.kind === 'CreateExtensionStmt' && s.node?.extname === name).map((s) => `${m.fileName}:${s.line}`),
  );
}

/** Findings as `rule severity file:line`, for comparisons that show what went wrong. */
export function findingsOf(result: DryRunResult, ruleId?: string): string[] {
  return result.findings.filter((f) => !ruleId || f.ruleId === ruleId).map((f) => `${f.ruleId} ${f.severity} ${path.basename(f.file)}:${f.line}`);
}

/** The dry-run error as `file:line message`. */
export function errorsOf(result: DryRunResult): string[] {
  return result.errors.map((e) => `${path.basename(e.file)}:${e.line} ${e.message}`);
}

/**
 * What every emulation's fixture must show: all files applied, no error, the statements that
 * use the extension labelled with it, and the dry-run-extension notice at each create extension.
 */
export function expectEmulatedReplay({ migrations, result }: FixtureReplay, name: string): void {
  expect(errorsOf(result)).toEqual([]);
  expect(result.migrations.map((m) => `${path.basename(m.file)} ${m.status}`)).toEqual(migrations.map((m) => `${m.fileName} applied`));
  expect(result.ok).toBe(true);
  expect(result.server.emulatedExtensions).toContain(name);
  for (const replay of result.migrations) expect({ file: path.basename(replay.file), emulated: replay.emulated ?? [] }).toEqual({ file: path.basename(replay.file), emulated: expect.arrayContaining([name]) });
  const notices = result.findings.filter((f) => f.ruleId === 'dry-run-extension' && f.message.includes(`emulation of ${name} `)).map((f) => `${path.basename(f.file)}:${f.line}`);
  expect(notices).toEqual(createExtensionLines(migrations, name));
}
