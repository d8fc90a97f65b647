/**
 * SARIF 2.1.0 for GitHub code scanning (`github/codeql-action/upload-sarif`).
 */
import type { Severity } from '../model';
import type { RuleDocs } from '../rules/rule';
import type { ValidateReport } from './summary';
import { sortFindings } from './summary';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', notice: 'note' };

export function formatSarif(report: ValidateReport, rules: readonly RuleDocs[]): string {
  const findings = sortFindings(report.findings);
  const ruleIds = [...new Set(findings.map((f) => f.ruleId))];
  const docs = new Map(rules.map((r) => [r.id, r]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'migration-gate',
            version: report.tool.version,
            informationUri: 'https://github.com/migration-gate/migration-gate',
            rules: ruleIds.map((id) => {
              const doc = docs.get(id);
              return {
                id,
                shortDescription: { text: doc?.summary ?? id },
                ...(doc ? { fullDescription: { text: doc.rationale }, help: { text: doc.safeAlternative } } : {}),
                defaultConfiguration: { level: LEVEL[doc?.defaultSeverity ?? 'error'] },
              };
            }),
          },
        },
        results: findings.map((f) => ({
          ruleId: f.ruleId,
          ruleIndex: ruleIds.indexOf(f.ruleId),
          level: LEVEL[f.severity],
          message: { text: f.hint ? `${f.message} ${f.hint}` : f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: f.file },
                region: { startLine: f.line, startColumn: f.column, ...(f.endLine ? { endLine: f.endLine } : {}) },
              },
            },
          ],
          ...(f.suppressed ? { suppressions: [{ kind: 'inSource', justification: f.suppressed.reason }] } : {}),
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
