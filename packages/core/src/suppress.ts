/**
 * `-- gate:allow <rule-id> <reason>`: a reviewed, written-down exception. Matching findings stay in
 * every report (with the reason) but no longer fail the run; an allow that matches nothing is
 * reported so stale exceptions do not pile up.
 */
import type { Finding, MigrationFile } from './model';

/** Rules that cannot be silenced: they describe a broken file, not a judgement call. */
const UNSUPPRESSIBLE = new Set(['syntax-error', 'file-encoding', 'file-read', 'directive', 'duplicate-version', 'file-name', 'immutable-migration']);

export function applySuppressions(findings: Finding[], migrations: MigrationFile[], knownRuleIds: ReadonlySet<string>): Finding[] {
  const byPath = new Map(migrations.map((m) => [m.path, m]));
  const used = new Set<string>();
  const result = findings.map((finding) => {
    const migration = byPath.get(finding.file);
    // A finding the dry-run confirmed answers to both rule ids.
    const allow = migration?.directives.allows.find((a) => a.ruleId === finding.ruleId || a.ruleId === finding.confirmedBy?.ruleId);
    if (!migration || !allow || UNSUPPRESSIBLE.has(finding.ruleId)) return finding;
    used.add(`${migration.path}\u0000${allow.line}`);
    return { ...finding, suppressed: { reason: allow.reason, line: allow.line } };
  });
  for (const migration of migrations) {
    for (const allow of migration.directives.allows) {
      if (UNSUPPRESSIBLE.has(allow.ruleId)) {
        result.push({
          ruleId: 'directive',
          severity: 'error',
          message: `"${allow.ruleId}" cannot be allowed: it reports a broken file, not a risk to accept.`,
          file: migration.path,
          line: allow.line,
          column: 1,
          source: 'directive',
        });
      } else if (!knownRuleIds.has(allow.ruleId)) {
        result.push({
          ruleId: 'directive',
          severity: 'error',
          message: `gate:allow names an unknown rule "${allow.ruleId}".`,
          hint: 'Use a rule id from the report or from docs/rules.md.',
          file: migration.path,
          line: allow.line,
          column: 1,
          source: 'directive',
        });
      } else if (!used.has(`${migration.path}\u0000${allow.line}`)) {
        result.push({
          ruleId: 'unused-allow',
          severity: 'notice',
          message: `gate:allow ${allow.ruleId} matches no finding in this file.`,
          hint: 'Remove the directive so that a future change is checked again.',
          file: migration.path,
          line: allow.line,
          column: 1,
          source: 'directive',
        });
      }
    }
  }
  return result;
}
