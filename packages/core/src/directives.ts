/**
 * Header directives: instructions written as comments at the top of a migration, before its
 * first statement.
 *
 *   -- depends-on: 20240101120000     this migration needs that one applied first
 *   -- kind: data                     a data migration (schema is the default)
 *   -- transaction: none              run statement by statement, outside a transaction
 *   -- gate:allow <rule-id> <reason>  accept one rule's finding in this file, for a stated reason
 *
 * A leading comment shaped like a directive (`-- lowercase-key: value` or `-- gate:...`) whose key
 * is not one of these is an error: a misspelt directive silently ignored would be worse.
 */
import type { Directives, Finding } from './model';

export const DIRECTIVE_RULE_ID = 'directive';
const VERSION_PATTERN = /^[0-9]+$/;
const RULE_ID_PATTERN = /^[a-z][a-z0-9-]*$/;

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

  const lines = text.split('\n');
  let inBlockComment = false;
  for (let i = 0; i < lines.length; i++) {
    const lineNumber = i + 1;
    const line = lines[i].trim();
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

    const keyed = /^([a-z][a-z0-9-]*):(?:\s+(.*))?$/.exec(body) ?? /^([a-z][a-z0-9-]*):$/.exec(body);
    if (!keyed) continue; // an ordinary comment
    const key = keyed[1];
    const value = (keyed[2] ?? '').trim();
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
      default:
        problem(
          lineNumber,
          `Unknown directive "${key}:".`,
          'Known directives: depends-on, kind, transaction, gate:allow. For a plain comment, avoid the "-- key: value" shape (e.g. capitalise it).',
        );
    }
  }
  return { directives, findings };
}
