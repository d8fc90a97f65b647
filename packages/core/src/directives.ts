/**
 * Header directives: instructions written as comments at the top of a migration, before its
 * first statement.
 *
 *   -- depends-on: 20240101120000     this migration needs that one applied first
 *   -- kind: data                     a data migration (schema is the default)
 *   -- transaction: none              run statement by statement, outside a transaction
 *   -- gate:allow <rule-id> <reason>  accept one rule's finding in this file, for a stated reason
 *
 * Only these keys and the `gate:` namespace are directives. A leading comment whose key is one or
 * two edits away from a known key (`transacton: none`, `depends_on: ...`) is an error that suggests
 * the key: a misspelt directive silently ignored would be worse. Anything else is prose, so that
 * header comments such as `--   usage: ...` or `--   contain: a subquery` stay comments.
 */
import type { Directives, Finding } from './model';

export const DIRECTIVE_RULE_ID = 'directive';
const VERSION_PATTERN = /^[0-9]+$/;
const RULE_ID_PATTERN = /^[a-z][a-z0-9-]*$/;
const KNOWN_KEYS = ['depends-on', 'kind', 'transaction'] as const;
/** `key:` at the start of a comment; the key may be misspelt, use `_` or a space, or capitals. */
const KEYED_PATTERN = /^([A-Za-z][A-Za-z0-9_-]*(?: [A-Za-z][A-Za-z0-9_-]*)?)\s*:(?:\s+(.*)|\s*)$/;

/**
 * Optimal string alignment distance (Levenshtein plus swapping two neighbours), stopping early once
 * it exceeds `limit`: keys are a few letters long, so a library would add more than it saves.
 */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2] + 1);
      current.push(value);
      rowMinimum = Math.min(rowMinimum, value);
    }
    if (rowMinimum > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length];
}

/**
 * The known key that `key` is a near miss of, if any. Short keys allow one edit, so that prose
 * such as `-- link: ...` is not taken for `kind`; longer ones allow two.
 */
export function nearDirectiveKey(key: string): string | undefined {
  const normalised = key.toLowerCase().replace(/[_ ]/g, '-');
  for (const known of KNOWN_KEYS) {
    if (normalised === known) return known;
    const limit = known.length <= 4 ? 1 : 2;
    if (editDistance(normalised, known, limit) <= limit) return known;
  }
  return undefined;
}

export interface DirectiveParse {
  directives: Directives;
  findings: Finding[];
}

export function defaultDirectives(): Directives {
  return { dependsOn: [], kind: 'schema', transactional: true, allows: [] };
}

/**
 * Reads the leading comment block of `text`. `file` is only used to label findings.
 */
export function parseDirectives(text: string, file: string): DirectiveParse {
  const directives = defaultDirectives();
  const findings: Finding[] = [];
  const problem = (line: number, message: string, hint?: string) =>
    findings.push({ ruleId: DIRECTIVE_RULE_ID, severity: 'error', message, hint, file, line, column: 1, source: 'directive' });

  let inBlockComment = false;
  // Line by line up to the first statement only: the rest of a large file is never split.
  for (let start = 0, lineNumber = 1; start <= text.length; lineNumber++) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const line = text.slice(start, end).trim();
    start = end + 1;
    if (inBlockComment) {
      if (line.includes('*/')) inBlockComment = false;
      continue;
    }
    if (line === '') continue;
    if (line.startsWith('/*')) {
      inBlockComment = !line.includes('*/');
      continue;
    }
    if (!line.startsWith('--')) break; // first statement: the header is over
    const body = line.replace(/^-+\s*/, '');

    const gate = /^gate:(\S+)\s*(.*)$/.exec(body);
    if (gate) {
      const [, verb, rest] = gate;
      if (verb !== 'allow') {
        problem(lineNumber, `Unknown directive "gate:${verb}".`, 'The only gate directive is "-- gate:allow <rule-id> <reason>".');
        continue;
      }
      const match = /^(\S+)\s+(.+)$/.exec(rest.trim());
      if (!match || !RULE_ID_PATTERN.test(match[1])) {
        problem(lineNumber, 'A "gate:allow" directive needs a rule id and a reason.', 'Write "-- gate:allow <rule-id> <why this is safe here>".');
        continue;
      }
      directives.allows.push({ ruleId: match[1], reason: match[2].trim(), line: lineNumber });
      continue;
    }

    const keyed = KEYED_PATTERN.exec(body);
    if (!keyed) continue; // an ordinary comment
    const key = keyed[1];
    const value = (keyed[2] ?? '').trim();
    if (!(KNOWN_KEYS as readonly string[]).includes(key)) {
      const suggestion = nearDirectiveKey(key);
      if (suggestion) {
        problem(
          lineNumber,
          `Unknown directive "${key}:"; did you mean "${suggestion}:"?`,
          `Write "-- ${suggestion}: ${value || '...'}". Known directives: depends-on, kind, transaction, gate:allow.`,
        );
      }
      continue; // prose
    }
    switch (key) {
      case 'depends-on': {
        const versions = value.split(/[\s,]+/).filter(Boolean);
        if (versions.length === 0) problem(lineNumber, '"depends-on" needs at least one migration version.');
        for (const version of versions) {
          if (!VERSION_PATTERN.test(version)) {
            problem(lineNumber, `"depends-on: ${version}" is not a migration version.`, "Use the digits before the first underscore of the migration's file name, e.g. 20240101120000.");
          } else directives.dependsOn.push({ version, line: lineNumber });
        }
        break;
      }
      case 'kind':
        if (value === 'data' || value === 'schema') directives.kind = value;
        else problem(lineNumber, `"kind: ${value}" is not a migration kind.`, 'Use "-- kind: data" or "-- kind: schema".');
        break;
      case 'transaction':
        if (value === 'none') {
          directives.transactional = false;
          directives.transactionLine = lineNumber;
        } else problem(lineNumber, `"transaction: ${value}" is not supported.`, 'The only value is "-- transaction: none"; omit the directive to run in one transaction.');
        break;
    }
  }
  return { directives, findings };
}
