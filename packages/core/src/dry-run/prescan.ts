/**
 * What the dry-run needs to know about migrations before it starts a server: the extensions they
 * ask for, and how each file controls transactions. Pure functions over parsed statements.
 */
import type { MigrationFile, Statement } from '../model';
import { transactionKind } from '../transaction-control';
import type { RequestedExtension } from './platform/distribution';

function stringOption(node: any, name: string): string | undefined {
  const option = (node?.options ?? []).find((o: any) => o?.DefElem?.defname === name);
  const value = option?.DefElem?.arg?.String?.sval;
  return typeof value === 'string' ? value : undefined;
}

/** Every `create extension` and `alter extension ... update to` in the migrations, with the versions named. */
export function requestedExtensions(migrations: readonly MigrationFile[]): RequestedExtension[] {
  const versions = new Map<string, Set<string>>();
  for (const migration of migrations) {
    for (const statement of migration.statements) {
      if (statement.kind !== 'CreateExtensionStmt' && statement.kind !== 'AlterExtensionStmt') continue;
      const name = statement.node?.extname;
      if (typeof name !== 'string') continue;
      const set = versions.get(name) ?? new Set<string>();
      const version = stringOption(statement.node, 'new_version');
      if (version) set.add(version);
      versions.set(name, set);
    }
  }
  return [...versions].map(([name, set]) => ({ name, versions: [...set] }));
}

/** The file controls its own transactions (BEGIN, COMMIT/END, ROLLBACK/ABORT, savepoints). */
export function hasTransactionControl(migration: MigrationFile): boolean {
  return migration.statements.some((s) => transactionKind(s) !== undefined);
}

/**
 * The BEGIN that is still open when the file ends, if any: `supabase db push` then leaves the
 * transaction open on its connection, and what follows is committed only by a later COMMIT.
 */
export function unclosedBegin(statements: readonly Statement[]): Statement | undefined {
  let open: Statement | undefined;
  for (const statement of statements) {
    const kind = transactionKind(statement);
    if (kind === 'begin') open ??= statement;
    else if (kind === 'commit' || kind === 'rollback') open = undefined;
  }
  return open;
}

/** The last COMMIT/END before statement `index`: what the file itself had committed when it failed there. */
export function lastCommitBefore(statements: readonly Statement[], index: number): Statement | undefined {
  let found: Statement | undefined;
  for (const statement of statements) {
    if (statement.index >= index) break;
    if (transactionKind(statement) === 'commit') found = statement;
  }
  return found;
}

/** Run-time parameters the migrations set (SET, ALTER ROLE/DATABASE ... SET, a function's SET clause). */
export function parametersSet(migrations: readonly MigrationFile[]): string[] {
  const names = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (!value || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value)) {
      if ((key === 'VariableSetStmt' || key === 'setstmt') && typeof (child as { name?: unknown })?.name === 'string') names.add((child as { name: string }).name);
      visit(child);
    }
  };
  for (const migration of migrations) {
    for (const statement of migration.statements) {
      if (statement.kind === 'VariableSetStmt' && typeof statement.node?.name === 'string') names.add(statement.node.name);
      visit(statement.node);
    }
  }
  return [...names];
}
