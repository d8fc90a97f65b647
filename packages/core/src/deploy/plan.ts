/**
 * Comparing the migrations folder with the recorded history: what is pending, and what has
 * drifted (applied files that changed or disappeared, new files older than what is applied).
 * Pure: the caller reads the folder and the history.
 */
import type { MigrationFile, Statement } from '../model';
import type { HistoryRecord } from './history';
import { statementsDigest, statementsMatchText } from './history-statements';
import { transactionKind } from '../transaction-control';

export interface DriftAllowances {
  /** Deploy although versions are recorded that have no local file. */
  missingLocal?: boolean;
  /** Deploy although applied files were edited since. */
  changed?: boolean;
  /** Apply new files whose version is older than the newest applied one. */
  outOfOrder?: boolean;
}

export type DriftKind = 'missing-local' | 'changed' | 'out-of-order';

export interface DriftProblem {
  kind: DriftKind;
  version: string;
  /** The local file, when there is one. */
  file?: string;
  message: string;
  /** true when the caller's allowances let the deploy continue despite it. */
  allowed: boolean;
}

/**
 * `verified`: the file matches what was applied (by checksum, or by statements for CLI rows);
 * `unverified`: nothing recorded to compare with (an old CLI row without statements).
 */
export type AppliedState = 'verified' | 'unverified' | 'changed' | 'missing-local';

export interface AppliedMigrationStatus {
  version: string;
  name: string;
  file?: string;
  state: AppliedState;
  verifiedBy: 'checksum' | 'statements' | 'none';
  /** Who applied it: this engine (with timestamp) or another tool such as the Supabase CLI. */
  appliedBy: 'migration-gate' | 'other';
  appliedAt?: string;
}

export interface PendingMigration {
  version: string;
  name: string;
  file: string;
  transactional: boolean;
  outOfOrder: boolean;
}

export interface MigrationPlan {
  applied: AppliedMigrationStatus[];
  /** In the order they would run. */
  pending: PendingMigration[];
  drift: DriftProblem[];
  /** Drift that stops a deploy. */
  blocking: DriftProblem[];
  notes: string[];
}

function changedMessage(migration: MigrationFile, record: HistoryRecord, by: 'checksum' | 'statements'): string {
  const when = record.gate?.appliedAt ? ` on ${record.gate.appliedAt}` : '';
  const evidence =
    by === 'checksum'
      ? `its checksum is now ${migration.checksum.slice(0, 12)}…, recorded ${record.gate!.checksum.slice(0, 12)}…`
      : 'its statements differ from those recorded in supabase_migrations.schema_migrations';
  return (
    `${migration.path} was edited after it was applied${when} (${evidence}). An applied migration must not change: ` +
    `revert the edit and put the change in a new migration (fix forward). If the edit changes nothing in the database ` +
    `(e.g. a comment), accept it with "migration-gate repair --status applied ${record.version}".`
  );
}

/**
 * Applies the rules of the deploy: pending = local versions not in history; recorded versions
 * without a file, edited applied files and out-of-order new files are drift, blocking unless allowed.
 */
export function planMigrations(local: readonly MigrationFile[], records: readonly HistoryRecord[], allow: DriftAllowances = {}): MigrationPlan {
  const byVersion = new Map(local.filter((m) => m.version).map((m) => [m.version!, m]));
  const recorded = new Map(records.map((r) => [r.version, r]));
  const applied: AppliedMigrationStatus[] = [];
  const drift: DriftProblem[] = [];
  const notes: string[] = [];

  for (const record of records) {
    const migration = byVersion.get(record.version);
    const appliedBy = record.gate ? 'migration-gate' : 'other';
    const base = { version: record.version, name: record.name, appliedBy, appliedAt: record.gate?.appliedAt } as const;
    if (!migration) {
      applied.push({ ...base, state: 'missing-local', verifiedBy: 'none' });
      drift.push({
        kind: 'missing-local',
        version: record.version,
        message:
          `Version ${record.version}${record.name ? ` (${record.name})` : ''} is recorded as applied but there is no ${record.version}_*.sql in the migrations folder. ` +
          `Restore the file from git (another branch may have deployed it), or, if it really was never applied here, forget it with "migration-gate repair --status reverted ${record.version}".`,
        allowed: !!allow.missingLocal,
      });
      continue;
    }
    // Our checksum is only evidence if the CLI row is still the one we wrote (not re-pushed by the CLI since).
    const ours = record.gate && record.statements && record.gate.statementsSha256 === statementsDigest(record.statements) ? record.gate : undefined;
    let state: AppliedState;
    let verifiedBy: AppliedMigrationStatus['verifiedBy'];
    if (ours) {
      verifiedBy = 'checksum';
      state = ours.checksum === migration.checksum ? 'verified' : 'changed';
    } else if (record.statements) {
      verifiedBy = 'statements';
      state = statementsMatchText(record.statements, migration.text) ? 'verified' : 'changed';
    } else {
      verifiedBy = 'none';
      state = 'unverified';
      notes.push(`${migration.path}: recorded without statements (by an older Supabase CLI), so whether the file changed since it was applied cannot be checked.`);
    }
    applied.push({ ...base, file: migration.path, state, verifiedBy });
    if (state === 'changed') {
      drift.push({ kind: 'changed', version: record.version, file: migration.path, message: changedMessage(migration, record, verifiedBy as 'checksum' | 'statements'), allowed: !!allow.changed });
    }
  }

  const newestApplied = records.reduce<string | undefined>((max, r) => (max === undefined || r.version > max ? r.version : max), undefined);
  const pending: PendingMigration[] = [];
  for (const migration of local) {
    if (!migration.version || recorded.has(migration.version)) continue;
    const outOfOrder = newestApplied !== undefined && migration.version < newestApplied;
    if (outOfOrder) {
      drift.push({
        kind: 'out-of-order',
        version: migration.version,
        file: migration.path,
        message:
          `${migration.path} is new but older than the newest applied migration (${newestApplied}), so it would run out of order against a schema it was not written for. ` +
          `Rename it to a fresh timestamp (after ${newestApplied}), or allow out-of-order migrations explicitly if it is independent.`,
        allowed: !!allow.outOfOrder,
      });
    }
    pending.push({ version: migration.version, name: migration.name ?? '', file: migration.path, transactional: migration.directives.transactional, outOfOrder });
  }
  return { applied, pending, drift, blocking: drift.filter((d) => !d.allowed), notes };
}

export interface DeployabilityProblem {
  file: string;
  line: number;
  message: string;
}

function isTransactionControl(statement: Statement): boolean {
  const kind = transactionKind(statement);
  return kind !== undefined && kind !== 'savepoint';
}

const isBegin = (statement: Statement) => transactionKind(statement) === 'begin';
const isCommit = (statement: Statement) => transactionKind(statement) === 'commit';

/**
 * The statements the engine runs for a migration. A transactional file wrapped in its own
 * BEGIN … COMMIT loses the wrapper: the engine's transaction replaces it, and the history row must
 * be written inside that same transaction.
 */
export function executableStatements(migration: MigrationFile): Statement[] {
  const statements = migration.statements;
  if (migration.directives.transactional && statements.length >= 2 && isBegin(statements[0]) && isCommit(statements[statements.length - 1])) {
    return statements.slice(1, -1);
  }
  return statements;
}

/** Problems that make a file impossible to deploy safely, found before touching the database. */
export function deployabilityProblems(migration: MigrationFile): DeployabilityProblem[] {
  if (!migration.parsed) return [];
  if (!migration.directives.transactional) return [];
  return executableStatements(migration)
    .filter(isTransactionControl)
    .map((s) => ({
      file: migration.path,
      line: s.line,
      message:
        'Transaction control (BEGIN/COMMIT/ROLLBACK) inside a migration would end the transaction the deploy runs it in, separating the change from its history row. ' +
        'Remove it (each migration already runs in its own transaction), or mark the file "-- transaction: none" if it must manage transactions itself.',
    }));
}
