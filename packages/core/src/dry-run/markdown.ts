/**
 * Markdown sections for the job summary and the pull-request comment: outcome, locks on
 * existing tables, schema changes. Findings are rendered by the report with the others.
 */
import type { SchemaChange } from './schema-diff';
import type { DryRunResult } from './types';

function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function code(text: string): string {
  const ticks = text.includes('`') ? '``' : '`';
  return `${ticks}${text}${ticks}`;
}

/** One sentence on what was replayed where, and one on where the time went: shared by the summary and the terminal. */
export function dryRunHeadline(result: DryRunResult): { outcome: string; time: string } {
  const newOnes = result.migrations.filter((m) => m.phase === 'new');
  const applied = newOnes.filter((m) => m.status === 'applied').length;
  const base = result.migrations.filter((m) => m.phase === 'base');
  const baseApplied = base.filter((m) => m.status === 'applied').length;
  const server = `PostgreSQL ${result.server.version} (${result.server.kind === 'embedded' ? 'throwaway server' : 'provided server'})${result.supabaseBaseline ? ' with the Supabase baseline' : ''}`;
  const t = result.timings;
  const replayedNothing = result.migrations.length > 0 && !result.migrations.some((m) => m.status === 'applied');
  const outcome = replayedNothing
    ? `the dry-run replayed none of the ${result.migrations.length} migrations`
    : result.ok
      ? `${applied} new migration${applied === 1 ? '' : 's'} replayed cleanly`
      : `the dry-run failed`;
  const baseText = baseApplied === base.length ? `${base.length} base migration${base.length === 1 ? '' : 's'}` : `${baseApplied} of ${base.length} base migrations (the others could not be replayed)`;
  return {
    outcome: `${outcome} on ${server}, after ${baseText}.`,
    time: `${formatMs(t.totalMs)} (server ${formatMs(t.installMs + t.serverStartMs)}, baseline ${formatMs(t.baselineMs)}, base ${formatMs(t.baseReplayMs)}, new ${formatMs(t.newReplayMs)} incl. lock tracing ${formatMs(t.lockTracingMs)})`,
  };
}

const CHANGE_ICON: Record<SchemaChange['action'], string> = { added: '+', changed: '~', dropped: '-' };

export function schemaChangeLines(result: DryRunResult): string[] {
  return result.schemaChanges.map((c) => `${CHANGE_ICON[c.action]} ${c.summary}`);
}

/** Which files were replayed against an emulation or a stand-in, per extension. */
export function emulationLines(result: DryRunResult): string[] {
  const lines: string[] = [];
  for (const name of result.server.emulatedExtensions) {
    const files = result.migrations.filter((m) => m.emulated?.includes(name)).map((m) => code(m.file.split('/').pop() ?? m.file));
    if (files.length) lines.push(`- ${code(name)}: replayed against an emulation in ${files.join(', ')}`);
  }
  for (const name of result.server.standInExtensions) lines.push(`- ${code(name)}: unknown to the dry-run, replayed as an empty stand-in`);
  return lines;
}

export function renderDryRunMarkdown(result: DryRunResult): string[] {
  const sections: string[] = [];
  const newOnes = result.migrations.filter((m) => m.phase === 'new');
  const headline = dryRunHeadline(result);
  sections.push(['### Dry-run', `${result.ok ? '✅' : '❌'} ${headline.outcome}`, '', `Time: ${headline.time}.`].join('\n'));
  if (result.notReplayed.length) {
    sections.push(['**Not replayed:**', ...result.notReplayed.map((n) => `- ${code(n.file)}: ${n.reason}`)].join('\n'));
  }
  const emulation = emulationLines(result);
  if (emulation.length) sections.push(['**Emulated extensions** (the dry-run server lacks them; their objects exist, their behaviour is modelled, and no lock or rewrite claim is made for statements that use them):', ...emulation].join('\n'));

  const lockRows: string[] = [];
  for (const migration of newOnes) {
    for (const statement of migration.statements) {
      for (const lock of statement.locks ?? []) {
        lockRows.push(
          `| ${code(`${migration.file}:${statement.line}`)} | ${escapeCell(code(statement.excerpt))} | ${lock.relation} | ${lock.mode} | ${lock.rewritten ? 'yes' : lock.dropped ? 'dropped' : 'no'} | ${formatMs(statement.durationMs)} / ${formatMs(statement.heldUntilCommitMs ?? statement.durationMs)} |`,
        );
      }
    }
  }
  if (lockRows.length) {
    sections.push(
      [
        '#### Locks on existing tables',
        'Locks are held until the migration commits. Times are from the empty dry-run database; on production data, rewrites and scans take longer.',
        '',
        '| Where | Statement | Table | Lock | Rewrite | Ran / held |',
        '| --- | --- | --- | --- | --- | --- |',
        ...lockRows,
      ].join('\n'),
    );
  }

  if (result.schemaChanges.length) {
    sections.push([`#### Schema changes${result.schemaChangesComplete ? '' : ' (up to the failure)'}`, '```diff', ...schemaChangeLines(result), '```'].join('\n'));
  }
  return sections;
}
