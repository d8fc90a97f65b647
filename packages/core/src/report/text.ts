/**
 * Terminal output: `file:line:column  severity  message  [rule]`, the shape editors and terminals
 * turn into clickable links, with colour only when the stream is a terminal (or FORCE_COLOR).
 */
import type { Finding } from '../model';
import type { ValidateReport } from './summary';
import { sortFindings } from './summary';

export interface TextOptions {
  color: boolean;
}

type Style = 'red' | 'yellow' | 'cyan' | 'gray' | 'bold' | 'green' | 'dim';
const CODES: Record<Style, [number, number]> = {
  red: [31, 39],
  yellow: [33, 39],
  cyan: [36, 39],
  gray: [90, 39],
  green: [32, 39],
  bold: [1, 22],
  dim: [2, 22],
};

export function shouldUseColor(stream: NodeJS.WriteStream): boolean {
  if (process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY);
}

function painter(color: boolean) {
  return (style: Style, text: string) => (color ? `\u001b[${CODES[style][0]}m${text}\u001b[${CODES[style][1]}m` : text);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function formatFindingLine(finding: Finding, color = false): string {
  const paint = painter(color);
  const severityStyle: Style = finding.severity === 'error' ? 'red' : finding.severity === 'warning' ? 'yellow' : 'cyan';
  const location = paint('bold', `${finding.file}:${finding.line}:${finding.column}`);
  const severity = finding.suppressed ? paint('gray', 'allowed') : paint(severityStyle, finding.severity);
  const lines = [`${location}  ${severity}  ${finding.message}  ${paint('gray', `[${finding.ruleId}]`)}`];
  if (finding.suppressed) lines.push(paint('gray', `    allowed by gate:allow on line ${finding.suppressed.line}: ${finding.suppressed.reason}`));
  else if (finding.hint) lines.push(paint('dim', `    -> ${finding.hint}`));
  return lines.join('\n');
}

export function formatText(report: ValidateReport, options: TextOptions): string {
  const paint = painter(options.color);
  const out: string[] = [];
  for (const finding of sortFindings(report.findings)) out.push(formatFindingLine(finding, options.color));
  const checked = report.migrations.filter((m) => m.checked).length;
  const { errors, warnings, notices, suppressed } = report.counts;
  const scope = report.base ? `${plural(checked, 'new migration')} checked against ${report.base.ref}` : `${plural(checked, 'migration')} checked`;
  const tally = [plural(errors, 'error'), plural(warnings, 'warning'), plural(notices, 'notice')].join(', ') + (suppressed ? `, ${suppressed} allowed` : '');
  if (out.length) out.push('');
  const verdict = report.failed ? paint('red', paint('bold', 'FAILED')) : paint('green', paint('bold', 'PASSED'));
  out.push(`${verdict}  ${scope} in ${report.directory}: ${tally}.`);
  if (report.failed && report.failOn === 'warning' && errors === 0) out.push(paint('gray', 'Warnings fail this run because fail-on is "warning".'));
  return out.join('\n') + '\n';
}
