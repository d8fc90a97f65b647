/**
 * Static rules predict locks and rewrites; the dry-run observes them on a real server. When both
 * speak about the same statement, the report shows one finding carrying both pieces of evidence
 * rather than two that repeat each other: the static finding keeps its rule id (so configuration
 * and `gate:allow` work as before) and takes the dry-run's observation. Pure: no I/O.
 */
import { SEVERITY_ORDER, type Finding, type MigrationFile, type Statement } from './model';
import type { LockPrediction, Rule } from './rules/rule';

/** The dry-run's lock findings and what each one observed. */
const OBSERVATIONS: Record<string, LockPrediction> = {
  'dry-run-rewrite': 'rewrite',
  'dry-run-access-exclusive': 'access-exclusive',
};

function statementAt(migration: MigrationFile | undefined, line: number, column: number): Statement | undefined {
  const statements = migration?.statements ?? [];
  return statements.find((s) => s.line === line && s.column === column) ?? statements.find((s) => s.line <= line && line <= s.endLine);
}

/**
 * Folds each dry-run lock finding into a static finding on the same statement whose rule predicted
 * a lock or rewrite, preferring one that predicted exactly what the dry-run saw. Dry-run findings
 * with no such partner, and every other finding, are returned unchanged and in order.
 */
export function mergeDryRunConfirmations(findings: Finding[], migrations: MigrationFile[], rules: readonly Rule[]): Finding[] {
  const predictions = new Map<string, LockPrediction>();
  for (const rule of rules) if (rule.predicts) predictions.set(rule.id, rule.predicts);
  const byPath = new Map(migrations.map((m) => [m.path, m]));
  const merged = new Map<Finding, Finding>();
  const absorbed = new Set<Finding>();

  for (const observation of findings) {
    const observed = observation.source === 'dry-run' ? OBSERVATIONS[observation.ruleId] : undefined;
    if (!observed) continue;
    const statement = statementAt(byPath.get(observation.file), observation.line, observation.column);
    if (!statement) continue;
    const partners = findings.filter(
      (f) => f.source === 'lint' && f.file === observation.file && predictions.has(f.ruleId) && !merged.has(f) && f.line >= statement.line && f.line <= statement.endLine,
    );
    const partner = partners.find((f) => predictions.get(f.ruleId) === observed) ?? partners[0];
    if (!partner) continue;
    const confirmed = predictions.get(partner.ruleId) === observed || observed === 'rewrite';
    merged.set(partner, {
      ...partner,
      severity: SEVERITY_ORDER[observation.severity] > SEVERITY_ORDER[partner.severity] ? observation.severity : partner.severity,
      message: `${partner.message} ${confirmed ? 'Confirmed by the dry-run' : 'The dry-run saw'}: ${observation.message}`,
      confirmedBy: { ruleId: observation.ruleId, message: observation.message },
    });
    absorbed.add(observation);
  }
  return findings.filter((f) => !absorbed.has(f)).map((f) => merged.get(f) ?? f);
}
