/**
 * Markdown for the job summary and the pull-request comment: a verdict, a table per migration,
 * each finding at its line with the safe alternative, in the spirit of Atlas's lint reports.
 */
import type { Finding } from '../model';
import { COMMENT_LIMIT, JOB_SUMMARY_LIMIT, MarkdownBudget, MAX_TEXT_IN_CELL, NOTE_RESERVE, type OutputLimit } from './markdown-budget';
import { clipText, mdCode, mdMessage, mdRow, mdText } from './markdown-safe';
import type { ValidateReport } from './summary';
import { sortFindings } from './summary';

/** Hidden marker that identifies the one comment validate keeps up to date on a pull request. */
export const VALIDATE_COMMENT_MARKER = '<!-- migration-gate:validate -->';

export interface MarkdownOptions {
  /** e.g. https://github.com/o/r/blob/<sha>/ — findings link to their line when given. */
  blobUrl?: string;
  /** Link to the workflow run, shown in the footer. */
  runUrl?: string;
  /** Extra sections (e.g. the dry-run's lock report) appended before the footer. */
  extraSections?: string[];
  /** Size limit of the document (default: the job summary's). */
  limit?: OutputLimit;
}

const ICON = { error: ':x:', warning: ':warning:', notice: ':information_source:' } as const;

function tally(findings: Finding[]): string {
  const active = findings.filter((f) => !f.suppressed);
  const parts: string[] = [];
  for (const severity of ['error', 'warning', 'notice'] as const) {
    const n = active.filter((f) => f.severity === severity).length;
    if (n) parts.push(`${n} ${severity}${n === 1 ? '' : 's'}`);
  }
  const allowed = findings.length - active.length;
  if (allowed) parts.push(`${allowed} allowed`);
  return parts.join(', ') || 'no findings';
}

function lineLink(finding: Finding, options: MarkdownOptions): string {
  const label = `L${finding.line}`;
  // encodeURI leaves ( ) [ ] intact, which could end the link: those are percent-encoded too.
  const href = (file: string) => encodeURI(file).replace(/[()[\]]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return options.blobUrl ? `[${label}](${options.blobUrl}${href(finding.file)}#L${finding.line})` : label;
}

function findingRow(finding: Finding, options: MarkdownOptions): string {
  const icon = finding.suppressed ? ':white_check_mark:' : ICON[finding.severity];
  let text = mdMessage(clipText(finding.message, MAX_TEXT_IN_CELL));
  if (finding.suppressed) text += `<br>Allowed: ${mdText(clipText(finding.suppressed.reason, MAX_TEXT_IN_CELL))}`;
  else if (finding.hint) text += `<br>**Instead:** ${mdMessage(clipText(finding.hint, MAX_TEXT_IN_CELL))}`;
  return mdRow([lineLink(finding, options), `${icon} ${finding.suppressed ? 'allowed' : finding.severity}`, mdCode(finding.ruleId), text]);
}

function headLines(report: ValidateReport, findings: Finding[], checked: number): string[] {
  const verdict = report.failed ? ':x: Migration Gate: changes needed' : ':white_check_mark: Migration Gate: passed';
  const out: string[] = [`### ${verdict}`, ''];
  const scope = report.base
    ? `${checked} new migration${checked === 1 ? '' : 's'} checked against ${mdCode(clipText(report.base.ref, 200))}`
    : `${checked} migration${checked === 1 ? '' : 's'} checked`;
  out.push(`${scope} in ${mdCode(clipText(report.directory, 300))}: ${tally(findings)}.`);
  if (report.failed && report.failOn === 'warning' && report.counts.errors === 0) out.push('', 'Warnings fail this check because `fail-on` is `warning`.');
  out.push('');
  return out;
}

function footerLine(report: ValidateReport, options: MarkdownOptions): string {
  const footer = [`<sub>migration-gate ${report.tool.version}`];
  if (options.runUrl) footer.push(` · [workflow run](${options.runUrl})`);
  footer.push(' · suppress a reviewed finding with `-- gate:allow <rule-id> <reason>` in the migration header</sub>');
  return footer.join('');
}

function migrationRow(m: ValidateReport['migrations'][number], own: Finding[]): string {
  const kind = `${m.kind}${m.transactional ? '' : ', no transaction'}`;
  const result = own.some((f) => !f.suppressed && f.severity === 'error') ? `:x: ${tally(own)}` : own.some((f) => !f.suppressed) ? `:warning: ${tally(own)}` : `:white_check_mark: ${tally(own)}`;
  return mdRow([mdCode(clipText(m.path.split('/').pop() ?? m.path, 300)), kind, String(m.statements), result]);
}

/** The migration table first: with the verdict it is what must always be seen. */
function addMigrationTable(budget: MarkdownBudget, report: ValidateReport, byFile: Map<string, Finding[]>): void {
  const checked = report.migrations.filter((m) => m.checked);
  if (!checked.length) return;
  budget.add('| Migration | Kind | Statements | Result |', '| --- | --- | ---: | --- |');
  let shown = 0;
  for (const m of checked) {
    if (!budget.tryAdd(migrationRow(m, byFile.get(m.path) ?? []))) break;
    shown++;
  }
  if (shown < checked.length) budget.add('', budget.moreLine(checked.length - shown, 'migrations'));
  budget.add('');
}

/** One section per file, row by row, until the budget runs out; then one line counts the rest. */
function addFindingSections(budget: MarkdownBudget, byFile: Map<string, Finding[]>, options: MarkdownOptions): void {
  let left = 0;
  for (const [file, own] of byFile) {
    if (left > 0 || !budget.tryAdd(`#### ${mdCode(clipText(file, 300))}`, '', '| Line | Severity | Rule | Finding |', '| --- | --- | --- | --- |')) {
      left += own.length;
      continue;
    }
    let shown = 0;
    while (shown < own.length && budget.tryAdd(findingRow(own[shown]!, options))) shown++;
    left += own.length - shown;
    budget.add('');
  }
  if (left > 0) budget.add(budget.moreLine(left, left === 1 ? 'finding' : 'findings'), '');
}

/** Extra sections whole, or a line naming the one left out: half a fenced block would swallow the rest. */
function addExtraSections(budget: MarkdownBudget, sections: readonly string[]): void {
  for (const section of sections) {
    if (budget.tryAdd(section, '')) continue;
    const title = section.split('\n', 1)[0]!.replace(/^#+\s*/, '');
    budget.add(`_Section "${title}" left out (too long for this page), see ${budget.limit.restIn}._`, '');
  }
}

/** The report as markdown, within `options.limit` (by default the job summary's 1 MiB). */
export function renderMarkdown(report: ValidateReport, options: MarkdownOptions = {}, extraReserve = 0): string {
  const limit = options.limit ?? JOB_SUMMARY_LIMIT;
  const findings = sortFindings(report.findings);
  const footer = footerLine(report, options);
  const budget = new MarkdownBudget(limit, limit.measure(footer) + NOTE_RESERVE + extraReserve);
  budget.add(...headLines(report, findings, report.migrations.filter((m) => m.checked).length));

  const byFile = new Map<string, Finding[]>();
  for (const f of findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  addMigrationTable(budget, report, byFile);
  addFindingSections(budget, byFile, options);
  addExtraSections(budget, options.extraSections ?? []);
  budget.release(Number.MAX_SAFE_INTEGER);
  budget.add(footer);
  return budget.toString();
}

const RESOLVED_NOTE = '\n_Earlier findings on this pull request are resolved._\n';

/** The pull-request comment: the same report within GitHub's comment limit, carrying the hidden marker so it is updated in place. */
export function renderPullRequestComment(report: ValidateReport, options: MarkdownOptions = {}): string {
  return `${VALIDATE_COMMENT_MARKER}\n${renderMarkdown(report, { ...options, limit: COMMENT_LIMIT }, VALIDATE_COMMENT_MARKER.length + 1)}`;
}

/** What the comment becomes once a later push fixes everything. */
export function renderResolvedComment(report: ValidateReport, options: MarkdownOptions = {}): string {
  return `${VALIDATE_COMMENT_MARKER}\n${renderMarkdown(report, { ...options, limit: COMMENT_LIMIT }, VALIDATE_COMMENT_MARKER.length + 1 + RESOLVED_NOTE.length)}${RESOLVED_NOTE}`;
}
