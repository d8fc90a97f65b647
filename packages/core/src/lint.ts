/**
 * The lint engine: walks every migration in version order through a SchemaState and asks each
 * enabled rule about the statements of the migrations being checked. Older migrations are walked
 * only for context (what exists, what has RLS, ...). Suppression (`gate:allow`) is not done here.
 */
import type { GateConfig } from './config';
import type { Finding, MigrationFile, Severity } from './model';
import { ALL_RULES } from './rules';
import type { Rule, RuleContext, Violation } from './rules/rule';
import { SchemaState } from './rules/schema-state';
import { SourceMap } from './source-map';

export interface LintOptions {
  config: GateConfig;
  /** Which migrations to report on (default: all). The others still provide context. */
  shouldLint?: (migration: MigrationFile) => boolean;
  isSupabase: boolean;
  /** The rules to run (default: ALL_RULES); tests pass a subset. */
  rules?: readonly Rule[];
}

interface ActiveRule {
  rule: Rule;
  severity: Severity;
}

/** Rules switched on for this run, with their configured severity. */
export function activeRules(config: GateConfig, isSupabase: boolean, rules: readonly Rule[] = ALL_RULES): ActiveRule[] {
  const active: ActiveRule[] = [];
  for (const rule of rules) {
    if (rule.supabaseOnly && !isSupabase) continue;
    const setting = config.rules[rule.id];
    if (setting === 'off') continue;
    active.push({ rule, severity: setting ?? rule.defaultSeverity });
  }
  return active;
}

/** Same order as discovery: by version, then file name. */
function inVersionOrder(migrations: MigrationFile[]): MigrationFile[] {
  const key = (m: MigrationFile) => m.version ?? '';
  return [...migrations].sort((a, b) => (key(a) !== key(b) ? (key(a) < key(b) ? -1 : 1) : a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0));
}

/** Collects one linted file's findings, keeping `oncePerMigration` rules to their first. */
class FileReport {
  readonly findings: Finding[] = [];
  private readonly reported = new Set<Rule>();

  constructor(private readonly migration: MigrationFile) {}

  isDone(rule: Rule): boolean {
    return rule.oncePerMigration === true && this.reported.has(rule);
  }

  add({ rule, severity }: ActiveRule, violations: Violation[]): void {
    for (const v of violations) {
      if (this.isDone(rule)) return;
      this.reported.add(rule);
      this.findings.push({
        ruleId: rule.id,
        severity,
        message: v.message,
        hint: v.hint ?? rule.safeAlternative,
        file: this.migration.path,
        line: v.line,
        column: v.column,
        source: 'lint',
      });
    }
  }
}

/** The statement rules that want to see a statement of each kind, in catalogue order. */
function rulesByStatementKind(active: ActiveRule[]): (kind: string) => ActiveRule[] {
  const withCheck = active.filter((entry) => entry.rule.checkStatement);
  const byKind = new Map<string, ActiveRule[]>();
  return (kind) => {
    let rules = byKind.get(kind);
    if (!rules) {
      rules = withCheck.filter(({ rule }) => !rule.kinds || rule.kinds.includes(kind));
      byKind.set(kind, rules);
    }
    return rules;
  };
}

export function lintMigrations(migrations: MigrationFile[], options: LintOptions): Finding[] {
  const ordered = inVersionOrder(migrations.filter((m) => m.parsed));
  const shouldLint = options.shouldLint ?? (() => true);
  const active = activeRules(options.config, options.isSupabase, options.rules);
  if (active.length === 0 || !ordered.some(shouldLint)) return [];
  const statementRules = rulesByStatementKind(active);
  const migrationRules = active.filter((entry) => entry.rule.checkMigration);

  const state = new SchemaState();
  const reports: FileReport[] = [];
  const deferred: { report: FileReport; entry: ActiveRule; check: (finalState: SchemaState) => Violation[] }[] = [];
  for (const migration of ordered) {
    const linted = shouldLint(migration);
    state.beginMigration(migration, { trackChanges: linted });
    if (!linted) {
      for (const statement of migration.statements) state.apply(statement);
      continue;
    }
    const report = new FileReport(migration);
    reports.push(report);
    let sourceMap: SourceMap | undefined;
    // The rule being asked right now: what it schedules with afterAll is reported under its name.
    let current: ActiveRule = active[0];
    const context: RuleContext = {
      migration,
      config: options.config,
      state,
      afterAll: (check) => deferred.push({ report, entry: current, check }),
      isSupabase: options.isSupabase,
      locate: (byteOffset) => (sourceMap ??= new SourceMap(migration.text)).position(byteOffset),
    };
    for (const statement of migration.statements) {
      for (const entry of statementRules(statement.kind)) {
        if (report.isDone(entry.rule)) continue;
        current = entry;
        const violations = entry.rule.checkStatement!(statement, context);
        if (violations.length > 0) report.add(entry, violations);
      }
      state.apply(statement);
    }
    for (const entry of migrationRules) {
      current = entry;
      report.add(entry, entry.rule.checkMigration!(context));
    }
  }
  // Every migration was walked: `state` now knows what the later ones did.
  for (const { report, entry, check } of deferred) report.add(entry, check(state));

  const findings: Finding[] = [];
  for (const report of reports) findings.push(...report.findings.sort((a, b) => a.line - b.line || a.column - b.column));
  return findings;
}
