/**
 * The drift report as text (terminal), markdown (job summary, issue) and JSON. In markdown every
 * name and definition from the database or the migrations goes through the one escaping layer
 * (report/markdown-safe): identifiers are untrusted text and must not turn into links, mentions or
 * table cells of their own.
 */
import { JOB_SUMMARY_LIMIT, MarkdownBudget, MAX_TEXT_IN_CELL, NOTE_RESERVE, type OutputLimit } from '../report/markdown-budget';
import { clipText, mdCode, mdFence, mdRow, mdText } from '../report/markdown-safe';
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

function differenceCell(d: DriftDifference): string {
  if (d.change !== 'differs') return CHANGE_TEXT[d.change];
  const fields = (d.fields ?? []).map((f) => (f.field === 'definitionHash' ? 'body' : f.field));
  return fields.length ? `differs: ${fields.join(', ')}` : d.kind === 'enum' ? 'differs: values' : 'differs';
}

function definitionsBlock(d: DriftDifference): string {
  return mdFence(`-- ${d.message.replace(/\s*\n\s*/g, ' ')}\n-- in the database:\n${d.database ?? '-- (none)'}\n-- in the migrations:\n${d.migrations ?? '-- (none)'}`, 'sql');
}

/**
 * Markdown for the job summary and the drift issue, within `limit` (GitHub's job summary size by
 * default; an issue body is a comment's). The table of differences comes first; definitions, the
 * draft and the notes follow while they fit, and a line says what was left out and where it is.
 */
export function renderDriftMarkdown(report: DriftReport, options: { heading?: string; limit?: OutputLimit; reserve?: number } = {}): string {
  const count = report.differences.length;
  const title =
    options.heading ?? (report.status === 'error' ? '## Schema drift: could not check' : count ? `## Schema drift: ${count} difference${count === 1 ? '' : 's'}` : '## No schema drift');
  const out = new MarkdownBudget(options.limit ?? JOB_SUMMARY_LIMIT, NOTE_RESERVE + (options.reserve ?? 0));
  out.add(title, '', report.status === 'error' ? mdFence(clipText(report.message, MAX_TEXT_IN_CELL), 'text') : mdText(contextLines(report).join(' ')));
  if (count) {
    out.add('', '| Kind | Object | Difference |', '| --- | --- | --- |');
    const rows = report.differences.map((d) => mdRow([mdText(d.classified ? d.kind : `${d.kind} (unclassified)`), mdCode(clipText(d.name, MAX_TEXT_IN_CELL)), differenceCell(d)]));
    const shown = rows.findIndex((row) => !out.tryAdd(row));
    if (shown >= 0) {
      out.release(NOTE_RESERVE);
      out.add(out.moreLine(rows.length - shown, 'differences'));
      return out.toString();
    }
    const blocks = report.differences.map(definitionsBlock);
    if (out.fits(['', '<details><summary>Each difference with its definition on both sides</summary>', '', ...blocks, '</details>'])) {
      out.add('', '<details><summary>Each difference with its definition on both sides</summary>', '');
      for (const block of blocks) out.add(block, '');
      out.add('</details>');
    } else {
      out.add('', out.moreLine(count, 'definitions'));
    }
  }
  if (report.notes.length) out.tryAdd('', '<details><summary>Notes</summary>', '', mdFence(report.notes.map((n) => `- ${n}`).join('\n'), 'text'), '', '</details>');
  if (report.draft) {
    const draft = [
      '',
      `**Drafted migration** ${mdCode(report.draft.fileName)}: a DRAFT with the next timestamp. Review it, commit it as a new migration, and record it as applied where the change already is (${mdCode(`migration-gate repair --status applied ${report.draft.version}`)}).`,
      '',
      '<details><summary>Drafted migration</summary>',
      '',
      mdFence(report.draft.sql, 'sql'),
      '',
      '</details>',
    ];
    if (!out.tryAdd(...draft)) {
      out.release(NOTE_RESERVE);
      out.add('', out.moreLine(1, 'drafted migration'));
    }
  }
  return out.toString();
}

export function formatDriftJson(report: DriftReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
