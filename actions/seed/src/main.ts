/**
 * The `seed` action: masks the database URLs before anything else can print them, runs the core
 * seed (or anonymised copy), and reports through the log, the job summary and outputs.
 */
import * as core from '@actions/core';
import { failStep, optionalInput, secretUrlInput } from '../../../packages/core/src/action-io';
import { mdCode, mdRow, mdText } from '../../../packages/core/src/report/markdown-safe';
import { describeSeedOutcome, rowsPerTable, rowsWritten, runSeed, type RunSeedOutcome } from '../../../packages/core/src/seed/run';

function wholeNumberInput(name: string, minimum: number): number | undefined {
  const raw = optionalInput(name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(n) || n < minimum) throw new Error(`Input "${name}" must be a whole number${minimum === 0 ? ' (0 or more)' : ''}, not "${raw}".`);
  return n;
}

function summaryTable(outcome: RunSeedOutcome): string {
  const header = outcome.mode === 'generate' ? '### Seeded with synthetic data\n\n' : '### Copied an anonymised subset\n\n';
  // Table and column names, and warnings quoting them, come from the database: escaped like any untrusted text.
  const rows = outcome.result.tables.map((t) => mdRow([mdCode(t.table), String(t.rows)])).join('\n');
  const masked =
    outcome.mode === 'copy' && outcome.result.masked.length > 0
      ? `\n\n| Column | Rule |\n| --- | --- |\n${outcome.result.masked.map((m) => mdRow([mdCode(m.column), `${mdText(m.rule)}${m.reason ? `: ${mdText(m.reason)}` : ''}`])).join('\n')}`
      : '';
  const warnings = outcome.result.warnings.length > 0 ? `\n\n${outcome.result.warnings.map((w) => `> ${mdText(w)}`).join('\n>\n')}` : '';
  return `${header}| Table | Rows |\n| --- | ---: |\n${rows}${masked}${warnings}\n`;
}

export async function run(): Promise<void> {
  try {
    // First, before any other input is read or any error can echo them.
    const databaseUrl = secretUrlInput('database-url');
    const copyFromUrl = secretUrlInput('copy-from-url');
    const hashKey = optionalInput('hash-key');
    if (hashKey) core.setSecret(hashKey);
    if (!databaseUrl) throw new Error('Input "database-url" is required.');

    const outcome = await runSeed({
      databaseUrl,
      copyFromUrl,
      hashKey,
      configPath: optionalInput('config'),
      seed: wholeNumberInput('seed', Number.MIN_SAFE_INTEGER),
      rows: wholeNumberInput('rows', 0),
      environment: optionalInput('environment'),
      root: process.env.GITHUB_WORKSPACE || process.cwd(),
      log: (line) => core.info(line),
    });
    for (const line of describeSeedOutcome(outcome)) core.info(line);
    for (const warning of outcome.result.warnings) core.warning(warning);
    core.setOutput('rows-inserted', String(rowsWritten(outcome)));
    core.setOutput('tables', JSON.stringify(rowsPerTable(outcome)));
    if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(summaryTable(outcome)).write();
  } catch (err) {
    failStep(err);
  }
}
