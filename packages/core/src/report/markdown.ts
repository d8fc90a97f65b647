/**
 * Markdown for the job summary and the pull-request comment: a verdict, a table per migration,
 * each finding at its line with the safe alternative, in the spirit of Atlas's lint reports.
 */
import type { Finding } from '../model';
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
}

/**
 * Makes text safe inside a table cell. Code spans the text already carries (`like this`) stay code
 * spans, so hints such as `set lock_timeout = '5s'` render as code; everything else is escaped.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r?\n/g, ' ')
    .split(/(`[^`\n]+`)/)
    .map((part, i) => (i % 2 === 1 ? part.replace(/\|/g, '\\|') : part.replace(/[\\`*_{}[\]<>|]/g, (c) => `\\${c}`)))
    .join('');
}

/** Inline code: backslash escapes do not work inside code spans, so only backticks and pipes need care. */
export function inlineCode(text: string): string {
  const clean = text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
  return clean.includes('`') ? `\`\` ${clean} \`\`` : `\`${clean}\``;
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
  return options.blobUrl ? `[${label}](${options.blobUrl}${encodeURI(finding.file)}#L${finding.line})` : label;
}

function findingRow(finding: Finding, options: MarkdownOptions): string {
  const icon = finding.suppressed ? ':white_check_mark:' : ICON[finding.severity];
  let text = escapeMarkdown(finding.message);
  if (finding.suppressed) text += `<br>Allowed: ${escapeMarkdown(finding.suppressed.reason)}`;
  else if (finding.hint) text += `<br>**Instead:** ${escapeMarkdown(finding.hint)}`;
  return `| ${lineLink(finding, options)} | ${icon} ${finding.suppressed ? 'allowed' : finding.severity} | \`${finding.ruleId}\` | ${text} |`;
}

export function renderMarkdown(report: ValidateReport, options: MarkdownOptions = {}): string {
  const findings = sortFindings(report.findings);
  const checked = report.migrations.filter((m) => m.checked);
  const verdict = report.failed ? ':x: Migration Gate: changes needed' : ':white_check_mark: Migration Gate: passed';
  const out: string[] = [`### ${verdict}`, ''];
  const scope = report.base
    ? `${checked.length} new migration${checked.length === 1 ? '' : 's'} checked against ${inlineCode(report.base.ref)}`
    : `${checked.length} migration${checked.length === 1 ? '' : 's'} checked`;
  out.push(`${scope} in ${inlineCode(report.directory)}: ${tally(findings)}.`);
  if (report.failed && report.failOn === 'warning' && report.counts.errors === 0) out.push('', 'Warnings fail this check because `fail-on` is `warning`.');
  out.push('');

  const byFile = new Map<string, Finding[]>();
  for (const f of findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);

  if (checked.length) {
    out.push('| Migration | Kind | Statements | Result |', '| --- | --- | ---: | --- |');
    for (const m of checked) {
      const own = byFile.get(m.path) ?? [];
      const kind = `${m.kind}${m.transactional ? '' : ', no transaction'}`;
      const result = own.some((f) => !f.suppressed && f.severity === 'error') ? `:x: ${tally(own)}` : own.some((f) => !f.suppressed) ? `:warning: ${tally(own)}` : `:white_check_mark: ${tally(own)}`;
      out.push(`| ${inlineCode(m.path.split('/').pop() ?? m.path)} | ${kind} | ${m.statements} | ${result} |`);
    }
    out.push('');
  }

  for (const [file, own] of byFile) {
    out.push(`#### ${inlineCode(file)}`, '', '| Line | Severity | Rule | Finding |', '| --- | --- | --- | --- |');
    for (const f of own) out.push(findingRow(f, options));
    out.push('');
  }

  for (const section of options.extraSections ?? []) out.push(section, '');
  const footer = [`<sub>migration-gate ${report.tool.version}`];
  if (options.runUrl) footer.push(` · [workflow run](${options.runUrl})`);
  footer.push(' · suppress a reviewed finding with `-- gate:allow <rule-id> <reason>` in the migration header</sub>');
  out.push(footer.join(''));
  return out.join('\n') + '\n';
}

/** The pull-request comment: the same report, carrying the hidden marker so it is updated in place. */
export function renderPullRequestComment(report: ValidateReport, options: MarkdownOptions = {}): string {
  return `${VALIDATE_COMMENT_MARKER}\n${renderMarkdown(report, options)}`;
}

/** What the comment becomes once a later push fixes everything. */
export function renderResolvedComment(report: ValidateReport, options: MarkdownOptions = {}): string {
  return `${VALIDATE_COMMENT_MARKER}\n${renderMarkdown(report, options)}\n_Earlier findings on this pull request are resolved._\n`;
}
