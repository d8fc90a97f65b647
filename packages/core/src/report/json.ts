import type { ValidateReport } from './summary';
import { sortFindings } from './summary';

/** The machine-readable report (`--format json`, the action's `report-json` file). */
export function formatJson(report: ValidateReport): string {
  return JSON.stringify({ ...report, findings: sortFindings(report.findings) }, null, 2) + '\n';
}
