/**
 * A lock or rewrite that a static rule predicted and the dry-run then saw on a real server is one
 * finding carrying both pieces of evidence (validate with the real dry-run on the suite's server).
 */
import * as path from 'node:path';
import { defaultConfig } from '../../packages/core/src/config';
import { buildDryRunStep } from '../../packages/core/src/dry-run/validate-step';
import type { Finding } from '../../packages/core/src/model';
import { validate, type DryRunStep } from '../../packages/core/src/validate';
import { serverUrl } from '../support/database';

const ROOT = path.join(__dirname, '..', '..');
const FOLDER = 'test/fixtures/dry-run/confirmed-locks';
const NEW_VERSIONS = ['20240102000000', '20240103000000'];

/** The real dry-run, replaying the first migration as the base and the second as the change. */
function dryRunOfTheChange(): DryRunStep {
  const step = buildDryRunStep({ shadowDatabaseUrl: serverUrl() });
  return (input) => step({ ...input, newVersions: new Set(NEW_VERSIONS) });
}

const onChange = (findings: Finding[]) =>
  findings
    .filter((f) => NEW_VERSIONS.some((v) => f.file.includes(v)))
    .map((f) => `${path.basename(f.file).slice(0, 14)}:${f.line} ${f.ruleId}${f.confirmedBy ? ` + ${f.confirmedBy.ruleId}` : ''}${f.suppressed ? ' (allowed)' : ''}`)
    .sort();

it('reports a confirmed prediction once, with the static rule and the dry-run observation together', async () => {
  const { report } = await validate({ root: ROOT, config: defaultConfig(), migrationsDir: FOLDER, supabase: false, dryRun: dryRunOfTheChange() });
  expect(onChange(report.findings)).toEqual([
    // The lock require-lock-timeout predicted, seen by the dry-run: one finding (ban-drop-column is about the data).
    '20240102000000:2 ban-drop-column',
    '20240102000000:2 require-lock-timeout + dry-run-access-exclusive',
    // The rewrite changing-column-type predicted, seen by the dry-run although the lock was taken a
    // statement earlier; the allow names the dry-run's rule and still applies.
    '20240102000000:3 changing-column-type + dry-run-rewrite (allowed)',
    // lock_timeout is set and no rule predicted this lock (ban-drop-column is about data): the observation stands alone.
    '20240103000000:2 ban-drop-column',
    '20240103000000:2 dry-run-access-exclusive',
  ]);
  const timeout = report.findings.find((f) => f.ruleId === 'require-lock-timeout');
  expect(timeout?.message).toMatch(/^ALTER TABLE waits for an ACCESS EXCLUSIVE lock on public\.accounts .* Confirmed by the dry-run: ALTER TABLE takes an ACCESS EXCLUSIVE lock on public\.accounts/);
  expect(report.findings.filter((f) => f.ruleId === 'unused-allow')).toEqual([]);
});

it('without the dry-run, reports the static findings as they are and the allow as unused', async () => {
  const { report } = await validate({ root: ROOT, config: defaultConfig(), migrationsDir: FOLDER, supabase: false });
  expect(onChange(report.findings)).toEqual([
    '20240102000000:1 unused-allow',
    '20240102000000:2 ban-drop-column',
    '20240102000000:2 require-lock-timeout',
    '20240102000000:3 changing-column-type',
    '20240103000000:2 ban-drop-column',
  ]);
});
