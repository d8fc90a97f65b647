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

function feed(state: SchemaState, migrations: MigrationFile[]): void {
  for (const migration of migrations) {
    state.beginMigration(migration);
    for (const statement of migration.statements) state.apply(statement);
  }
}

export function lintMigrations(migrations: MigrationFile[], options: LintOptions): Finding[] {
  const ordered = inVersionOrder(migrations.filter((m) => m.parsed));
  const shouldLint = options.shouldLint ?? (() => true);
  const active = activeRules(options.config, options.isSupabase, options.rules);
  const findings: Finding[] = [];
  if (active.length === 0 || !ordered.some(shouldLint)) return findings;

  // A separate pass answers "does a later migration fix this?" (RLS enabled, search_path pinned, ...);
  // built on first use, since only a few rules ask.
  let finalState: SchemaState | undefined;
  const getFinalState = () => {
    if (!finalState) {
      finalState = new SchemaState();
      feed(finalState, ordered);
    }
    return finalState;
  };

  const state = new SchemaState();
  for (const migration of ordered) {
    state.beginMigration(migration);
    if (!shouldLint(migration)) {
      for (const statement of migration.statements) state.apply(statement);
      continue;
    }
    let sourceMap: SourceMap | undefined;
    const context: RuleContext = {
      migration,
      config: options.config,
      state,
      get finalState() {
        return getFinalState();
      },
      isSupabase: options.isSupabase,
      locate: (byteOffset) => (sourceMap ??= new SourceMap(migration.text)).position(byteOffset),
    };
    const fileFindings: Finding[] = [];
    const reported = new Set<Rule>();
    const report = ({ rule, severity }: ActiveRule, violations: Violation[]) => {
      for (const v of violations) {
        if (rule.oncePerMigration && reported.has(rule)) return;
        reported.add(rule);
        fileFindings.push({
          ruleId: rule.id,
          severity,
          message: v.message,
          hint: v.hint ?? rule.safeAlternative,
          file: migration.path,
          line: v.line,
          column: v.column,
          source: 'lint',
        });
      }
    };
    for (const statement of migration.statements) {
      for (const entry of active) {
        const { rule } = entry;
        if (!rule.checkStatement || (rule.oncePerMigration && reported.has(rule))) continue;
        report(entry, rule.checkStatement(statement, context));
      }
      state.apply(statement);
    }
    for (const entry of active) {
      if (entry.rule.checkMigration) report(entry, entry.rule.checkMigration(context));
    }
    fileFindings.sort((a, b) => a.line - b.line || a.column - b.column);
    findings.push(...fileFindings);
  }
  return findings;
}
