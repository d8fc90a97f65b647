/**
 * Runs a rule fixture through the real pipeline: analyzeMigration (directives + parser) and
 * lintMigrations. A fixture folder test/fixtures/rules/<rule-id>/ holds an optional `before.sql`
 * (an earlier migration giving context, e.g. creating the "existing" table) and the files under test.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { defaultConfig, type GateConfig } from '../../../packages/core/src/config';
import { analyzeMigration } from '../../../packages/core/src/discovery';
import { lintMigrations } from '../../../packages/core/src/lint';
import type { Finding, MigrationFile } from '../../../packages/core/src/model';
import type { Rule } from '../../../packages/core/src/rules';

export const RULE_FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'rules');

function load(ruleId: string, file: string, version: string): MigrationFile {
  const fileName = `${version}_${file.replace(/\.sql$/, '').replace(/[^A-Za-z0-9_.-]/g, '_')}.sql`;
  const { migration, findings } = analyzeMigration(fileName, readFileSync(path.join(RULE_FIXTURES, ruleId, file)), `fixtures/rules/${ruleId}/${file}`);
  // A fixture with a syntax or directive problem would test nothing.
  if (findings.length > 0) throw new Error(`${ruleId}/${file} is not a clean migration: ${findings.map((f) => f.message).join('; ')}`);
  return migration;
}

export interface FixtureRun {
  target: MigrationFile;
  findings: Finding[];
}

export function lintFixture(ruleId: string, file: string, options: { isSupabase: boolean; config?: Partial<GateConfig>; rules?: readonly Rule[] }): FixtureRun {
  const migrations: MigrationFile[] = [];
  if (existsSync(path.join(RULE_FIXTURES, ruleId, 'before.sql'))) migrations.push(load(ruleId, 'before.sql', '20240101000000'));
  const target = load(ruleId, file, '20240102000000');
  migrations.push(target);
  const config = { ...defaultConfig(), ...options.config };
  return { target, findings: lintMigrations(migrations, { config, isSupabase: options.isSupabase, shouldLint: (m) => m === target, rules: options.rules }) };
}
