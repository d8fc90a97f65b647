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

/** By version, then file name. */
function compareVersionOrder(a: MigrationFile, b: MigrationFile): number {
  const versionA = a.version ?? '';
  const versionB = b.version ?? '';
  if (versionA !== versionB) return versionA < versionB ? -1 : 1;
  return a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0;
}

function inVersionOrder(migrations: MigrationFile[]): MigrationFile[] {
  return [...migrations].sort(compareVersionOrder);
}

/** Collects one linted file's findings, keeping `oncePerMigration` rules to their first. */
class FileReport {
  readonly findings: Finding[] = [];
  private readonly reported = new Set<Rule>();

  constructor(private readonly migration: MigrationFile) {}

  isDone(rule: Rule): boolean {
    return rule.oncePerMigration === true && this.reported.has(rule);
  }

  add({ rule, severity }: ActiveRule, violations: readonly Violation[]): void {
    for (let i = 0; i < violations.length; i++) {
      const v = violations[i];
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

/** Lints `migrations` (any order: they are walked in version order). */
export function lintMigrations(migrations: MigrationFile[], options: LintOptions): Finding[] {
  const shouldLint = options.shouldLint ?? (() => true);
  if (!migrations.some((m) => m.parsed && shouldLint(m))) return [];
  const linter = new MigrationLinter(options);
  for (const migration of inVersionOrder(migrations)) linter.walk(migration);
  return linter.findings();
}

/** Whether `migrations` are already in the order `lintMigrations` walks them (true for any CLI-style folder). */
export function inLintOrder(migrations: readonly MigrationFile[]): boolean {
  for (let i = 1; i < migrations.length; i++) if (compareVersionOrder(migrations[i - 1], migrations[i]) > 0) return false;
  return true;
}

/**
 * The lint, one migration at a time: `walk` each migration in version order (a caller may do so
 * while later files are still being parsed), then ask for `findings`. Migrations that did not
 * parse are passed over, as if absent.
 */
export class MigrationLinter {
  private readonly shouldLint: (migration: MigrationFile) => boolean;
  private readonly active: ActiveRule[];
  private readonly statementRules: (kind: string) => ActiveRule[];
  private readonly migrationRules: ActiveRule[];
  private readonly state = new SchemaState();
  private readonly reports: FileReport[] = [];
  private readonly deferred: { report: FileReport; entry: ActiveRule; check: (finalState: SchemaState) => Violation[] }[] = [];

  constructor(private readonly options: LintOptions) {
    this.shouldLint = options.shouldLint ?? (() => true);
    this.active = activeRules(options.config, options.isSupabase, options.rules);
    this.statementRules = rulesByStatementKind(this.active);
    this.migrationRules = this.active.filter((entry) => entry.rule.checkMigration);
  }

  walk(migration: MigrationFile): void {
    if (!migration.parsed || this.active.length === 0) return;
    const linted = this.shouldLint(migration);
    const state = this.state;
    state.beginMigration(migration, { trackChanges: linted });
    const statements = migration.statements;
    // Indexed loops: the CLI lints once per process, mostly before V8 optimises, and an iterator
    // per loop adds up over thousands of statements.
    if (!linted) {
      for (let s = 0; s < statements.length; s++) state.apply(statements[s]);
      return;
    }
    const report = new FileReport(migration);
    this.reports.push(report);
    let sourceMap: SourceMap | undefined;
    // The rule being asked right now: what it schedules with afterAll is reported under its name.
    let current: ActiveRule = this.active[0];
    const context: RuleContext = {
      migration,
      config: this.options.config,
      state,
      afterAll: (check) => this.deferred.push({ report, entry: current, check }),
      isSupabase: this.options.isSupabase,
      locate: (byteOffset) => (sourceMap ??= new SourceMap(migration.text)).position(byteOffset),
    };
    for (let s = 0; s < statements.length; s++) {
      const statement = statements[s];
      const rules = this.statementRules(statement.kind);
      for (let r = 0; r < rules.length; r++) {
        const entry = rules[r];
        if (report.isDone(entry.rule)) continue;
        current = entry;
        const violations = entry.rule.checkStatement!(statement, context);
        if (violations.length > 0) report.add(entry, violations);
      }
      state.apply(statement);
    }
    for (let r = 0; r < this.migrationRules.length; r++) {
      current = this.migrationRules[r];
      report.add(current, current.rule.checkMigration!(context));
    }
  }

  /** The findings of every linted migration, each file's by line; call once, after the last walk. */
  findings(): Finding[] {
    // Every migration was walked: `state` now knows what the later ones did.
    for (const { report, entry, check } of this.deferred) report.add(entry, check(this.state));
    const findings: Finding[] = [];
    for (const report of this.reports) findings.push(...report.findings.sort((a, b) => a.line - b.line || a.column - b.column));
    return findings;
  }
}
