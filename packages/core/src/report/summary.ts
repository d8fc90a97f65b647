/**
 * The data every reporter renders: one object, computed once, so the terminal, the JSON file,
 * SARIF, the job summary and the PR comment can never disagree.
 */
import type { Finding, MigrationFile, Severity } from '../model';
import { SEVERITY_ORDER } from '../model';

export interface MigrationSummary {
  path: string;
  version: string | null;
  name: string | null;
  checksum: string;
  kind: 'schema' | 'data';
  transactional: boolean;
  statements: number;
  /** true when the migration is new in this change (or every file, without a base). */
  checked: boolean;
}

export interface Counts {
  errors: number;
  warnings: number;
  notices: number;
  suppressed: number;
}

export interface ValidateReport {
  tool: { name: 'migration-gate'; version: string };
  directory: string;
  base?: { ref: string; commit: string; newestVersion: string | null };
  migrations: MigrationSummary[];
  findings: Finding[];
  /** Versions this change adds (all versions without a base), in order. */
  pendingVersions: string[];
  counts: Counts;
  failOn: 'error' | 'warning';
  /** Whether the run fails: unsuppressed errors, or warnings when failOn is warning. */
  failed: boolean;
  /** Filled by the dry-run, when it ran. */
  dryRun?: unknown;
}

export function countFindings(findings: Finding[]): Counts {
  const counts: Counts = { errors: 0, warnings: 0, notices: 0, suppressed: 0 };
  for (const f of findings) {
    if (f.suppressed) counts.suppressed++;
    else if (f.severity === 'error') counts.errors++;
    else if (f.severity === 'warning') counts.warnings++;
    else counts.notices++;
  }
  return counts;
}

export function isBlocking(finding: Finding, failOn: 'error' | 'warning'): boolean {
  return !finding.suppressed && SEVERITY_ORDER[finding.severity] >= SEVERITY_ORDER[failOn];
}

/** Stable order: by file, line, column, then severity (errors first). */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column ||
      SEVERITY_ORDER[b.severity] - SEVERITY_ORDER[a.severity] ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
}

export function summarizeMigration(m: MigrationFile, checked: boolean): MigrationSummary {
  return {
    path: m.path,
    version: m.version,
    name: m.name,
    checksum: m.checksum,
    kind: m.directives.kind,
    transactional: m.directives.transactional,
    statements: m.statements.length,
    checked,
  };
}

export const SEVERITY_LABEL: Record<Severity, string> = { error: 'error', warning: 'warning', notice: 'notice' };
