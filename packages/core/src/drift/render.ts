/**
 * The drift report as text (terminal), markdown (job summary, issue) and JSON. In markdown every
 * name and definition from the database or the migrations is inside a code span or a fenced
 * block longer than any backtick run it holds: identifiers are untrusted text and must not turn
 * into links, mentions or table cells of their own.
 */
import type { DriftReport } from './check';
import type { DriftDifference } from './compare';

const CHANGE_TEXT: Record<DriftDifference['change'], string> = {
  'only-in-database': 'only in the database',
  'only-in-migrations': 'only in the migrations',
  differs: 'differs',
};

function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => `${prefix}${line}`)
    .join('\n');
}

function contextLines(report: DriftReport): string[] {
  const lines: string[] = [];
  if (report.target) lines.push(`Target: ${report.target.database} on ${report.target.host}:${report.target.port} (PostgreSQL ${report.target.serverVersion}).`);
  if (report.replay) {
    lines.push(
      `Replayed the ${report.replay.files.length} applied migration(s) on a throwaway PostgreSQL ${report.replay.serverVersion}${report.replay.supabaseBaseline ? ' with the Supabase baseline' : ''} in ${formatMs(report.timings.replayMs)}; whole check ${formatMs(report.timings.totalMs)}.`,
    );
  }
  if (report.excluded.schemas.length) lines.push(`Not compared: schemas ${report.excluded.schemas.join(', ')}; platform extensions ${report.excluded.extensions.join(', ')}.`);
  return lines;
}

export function formatDriftText(report: DriftReport): string {
  const out = [report.message, ...contextLines(report)];
  report.differences.forEach((d, i) => {
    out.push('', `${i + 1}. ${d.message}`);
    out.push(`   in the database:   ${d.database === null ? '(none)' : ''}`);
    if (d.database !== null) out.push(indent(d.database, '     '));
    out.push(`   in the migrations: ${d.migrations === null ? '(none)' : ''}`);
    if (d.migrations !== null) out.push(indent(d.migrations, '     '));
  });
  if (report.notes.length) out.push('', 'Notes:', ...report.notes.map((n) => `  - ${n}`));
  if (report.draft) out.push('', `Drafted migration ${report.draft.fileName} (a DRAFT: review it, then commit it as a new migration):`, '', report.draft.sql.trimEnd());
  return out.join('\n');
}

/** A code span that no backtick inside can close, padded so a leading or trailing backtick survives. */
export function inlineCode(text: string): string {
  const flat = text.replace(/\s*\n\s*/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks} ${flat} ${ticks}`;
}

export function fenced(text: string, language = 'sql'): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${text.trimEnd()}\n${fence}`;
}

function differenceCell(d: DriftDifference): string {
  if (d.change !== 'differs') return CHANGE_TEXT[d.change];
  const fields = (d.fields ?? []).map((f) => (f.field === 'definitionHash' ? 'body' : f.field));
  return fields.length ? `differs: ${fields.join(', ')}` : d.kind === 'enum' ? 'differs: values' : 'differs';
}

/** Markdown for the job summary and the drift issue; `heading` defaults to a level-2 title. */
export function renderDriftMarkdown(report: DriftReport, options: { heading?: string } = {}): string {
  const count = report.differences.length;
  const title =
    options.heading ?? (report.status === 'error' ? '## Schema drift: could not check' : count ? `## Schema drift: ${count} difference${count === 1 ? '' : 's'}` : '## No schema drift');
  const out = [title, '', report.status === 'error' ? fenced(report.message, 'text') : contextLines(report).join(' ')];
  if (count) {
    out.push('', '| Kind | Object | Difference |', '| --- | --- | --- |');
    for (const d of report.differences) out.push(`| ${d.classified ? d.kind : `${d.kind} (unclassified)`} | ${inlineCode(d.name)} | ${differenceCell(d)} |`);
    out.push('', '<details><summary>Each difference with its definition on both sides</summary>', '');
    for (const d of report.differences) {
      out.push(fenced(`-- ${d.message.replace(/\s*\n\s*/g, ' ')}\n-- in the database:\n${d.database ?? '-- (none)'}\n-- in the migrations:\n${d.migrations ?? '-- (none)'}`), '');
    }
    out.push('</details>');
  }
  if (report.notes.length) out.push('', '<details><summary>Notes</summary>', '', fenced(report.notes.map((n) => `- ${n}`).join('\n'), 'text'), '', '</details>');
  if (report.draft) {
    out.push('', `**Drafted migration** ${inlineCode(report.draft.fileName)}: a DRAFT with the next timestamp. Review it, commit it as a new migration, and record it as applied where the change already is (\`migration-gate repair --status applied ${report.draft.version}\`).`, '');
    out.push('<details><summary>Drafted migration</summary>', '', fenced(report.draft.sql), '', '</details>');
  }
  return `${out.join('\n')}\n`;
}

export function formatDriftJson(report: DriftReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
