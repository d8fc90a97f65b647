/**
 * What a branch may do to migrations that are already on the base branch: nothing. Those have
 * been (or will be) applied to databases that record them by version and never run them again,
 * so editing, renaming or deleting one splits history between databases and the repository.
 * New migrations must also sort after the base's newest one, or databases that are already past
 * it skip them (`supabase db push` refuses without `--include-all`).
 *
 * Pure: compares already-read lists, so every case can be tested without git.
 */
import { timestampVersion } from '../discovery';
import type { Finding, MigrationFile, Severity } from '../model';

/** A migration file as it is on the base commit. */
export interface BaseMigration {
  /** Display path, relative to the same root as the working tree's migrations (POSIX separators). */
  path: string;
  /** Path inside the repository, as git names it. */
  repoPath: string;
  fileName: string;
  /** The version, or null when the Supabase CLI does not take the file for a migration (it skips those). */
  version: string | null;
  name: string | null;
  /** sha256 (hex) of the blob's bytes, comparable with MigrationFile.checksum. */
  checksum: string;
  sizeBytes: number;
  /** The file as UTF-8 text, or null when it is binary or not valid UTF-8. */
  text: string | null;
}

/** Editing, renaming and deleting an applied migration all break the same promise, so they share a rule. */
export const IMMUTABLE_MIGRATION_RULE_ID = 'immutable-migration';
export const OUT_OF_ORDER_RULE_ID = 'out-of-order-migration';

export interface BaseComparisonInput {
  /** Migrations of the working tree (from discoverMigrations). */
  head: MigrationFile[];
  /** Migrations of the base commit (from listBaseMigrations). */
  base: BaseMigration[];
  /** Severity of an out-of-order new migration (config `outOfOrder`); default error. */
  outOfOrder?: 'error' | 'warning';
  /** How messages name the base, e.g. `main`. */
  baseLabel?: string;
  /** The moment suggested versions start from; defaults to now. */
  now?: Date;
}

export interface BaseComparison {
  findings: Finding[];
  /** Working-tree migrations that are not on the base, sorted by version: what this branch would apply. */
  newMigrations: MigrationFile[];
  /** Newest version on the base, or null when the base has no migrations. */
  baseNewestVersion: string | null;
}

/**
 * Line endings and a byte-order mark are not changes: git's autocrlf (the default on Windows
 * runners) and editors alter them without touching the SQL, and flagging every applied
 * migration as edited on such a checkout would make the check useless.
 */
function comparableText(text: string | null): string | null {
  if (text === null) return null;
  return (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r\n/g, '\n');
}

/** MigrationFile.text is '' for undecodable files, which only a truly empty file may legitimately be. */
function headText(migration: MigrationFile): string | null {
  return migration.text !== '' || migration.sizeBytes === 0 ? comparableText(migration.text) : null;
}

function sameContent(head: MigrationFile, base: BaseMigration): boolean {
  if (head.checksum === base.checksum) return true;
  const a = headText(head);
  const b = comparableText(base.text);
  return a !== null && b !== null && a === b;
}

/** 1-based line of the head file where it first differs from the base text; 1 when unknown. */
function firstChangedLine(head: MigrationFile, base: BaseMigration): number {
  const a = headText(head);
  const b = comparableText(base.text);
  if (a === null || b === null) return 1;
  const headLines = a.split('\n');
  const baseLines = b.split('\n');
  let i = 0;
  while (i < headLines.length && i < baseLines.length && headLines[i] === baseLines[i]) i++;
  // When lines were only removed from the end, the first difference lies past the head's last line.
  return Math.min(i + 1, headLines.length);
}

function versionAfter(version: string): string {
  const [y, mo, d, h, mi, s] = [0, 4, 6, 8, 10, 12].map((start, i) => Number(version.slice(start, i === 0 ? 4 : start + 2)));
  return timestampVersion(new Date(Date.UTC(y, mo - 1, d, h, mi, s) + 1000));
}

export function compareWithBase(input: BaseComparisonInput): BaseComparison {
  const findings: Finding[] = [];
  const where = input.baseLabel ? `the base branch (${input.baseLabel})` : 'the base branch';
  const finding = (file: string, ruleId: string, severity: Severity, message: string, hint: string, line = 1): Finding => ({
    ruleId,
    severity,
    message,
    hint,
    file,
    line,
    column: 1,
    source: 'git',
  });
  const baseRevision = input.baseLabel ? `origin/${input.baseLabel}` : '<base>';
  const restoreHint = (base: BaseMigration) => `Restore it as it is on ${where} (git checkout ${baseRevision} -- "${base.repoPath}") and fix forward with a new migration.`;

  // The Supabase CLI ignores files without a valid version, so such files never joined applied history.
  const base = input.base.filter((b) => b.version !== null).sort((a, b) => (a.version! < b.version! ? -1 : a.version! > b.version! ? 1 : 0));
  const head = input.head.filter((h) => h.version !== null);
  const headByFileName = new Map(head.map((h) => [h.fileName, h]));
  const baseFileNames = new Set(base.map((b) => b.fileName));
  const unmatchedHead = head.filter((h) => !baseFileNames.has(h.fileName));
  const take = (predicate: (h: MigrationFile) => boolean): MigrationFile | undefined => {
    const index = unmatchedHead.findIndex(predicate);
    return index < 0 ? undefined : unmatchedHead.splice(index, 1)[0];
  };

  const missingFromHead: BaseMigration[] = [];
  for (const b of base) {
    const h = headByFileName.get(b.fileName);
    if (!h) {
      missingFromHead.push(b);
    } else if (!sameContent(h, b)) {
      findings.push(
        finding(
          h.path,
          IMMUTABLE_MIGRATION_RULE_ID,
          'error',
          `${h.fileName} was edited, but it is already on ${where}. Applied history is immutable: databases that ran this migration will never run the new content, so they and the repository disagree.`,
          `Revert the edit (git checkout ${baseRevision} -- "${b.repoPath}") and fix forward with a new migration, e.g. ${timestampVersion(input.now)}_fix_${h.name}.sql.`,
          firstChangedLine(h, b),
        ),
      );
    }
  }

  const deleted: BaseMigration[] = [];
  // Databases key applied migrations by version, so a file that keeps its version is the same migration under a new name.
  for (const b of missingFromHead) {
    const h = take((candidate) => candidate.version === b.version);
    if (!h) {
      deleted.push(b);
    } else if (sameContent(h, b)) {
      findings.push(
        finding(h.path, IMMUTABLE_MIGRATION_RULE_ID, 'error', `${h.fileName} is ${b.fileName} from ${where}, renamed. Applied history is immutable: keep applied migrations exactly as they are.`, `Rename it back to ${b.fileName}.`),
      );
    } else {
      findings.push(
        finding(
          h.path,
          IMMUTABLE_MIGRATION_RULE_ID,
          'error',
          `${h.fileName} has the version of ${b.fileName} from ${where} but different content: the applied migration was renamed and edited. Applied history is immutable: databases that ran version ${b.version} will never run this.`,
          `${restoreHint(b)} Give the new SQL its own file with a fresh version, e.g. ${timestampVersion(input.now)}_${h.name}.sql.`,
          firstChangedLine(h, b),
        ),
      );
    }
  }

  for (const b of deleted) {
    const h = take((candidate) => sameContent(candidate, b));
    if (h) {
      findings.push(
        finding(
          h.path,
          IMMUTABLE_MIGRATION_RULE_ID,
          'error',
          `${h.fileName} is ${b.fileName} from ${where}, renamed to version ${h.version}. Databases that applied version ${b.version} would run it a second time, and report ${b.version} as missing locally.`,
          `Rename it back to ${b.fileName}.`,
        ),
      );
    } else {
      // A branch checked out without the base merged in (its head commit rather than the PR merge commit) lacks the base's newer migrations too.
      findings.push(
        finding(
          b.path,
          IMMUTABLE_MIGRATION_RULE_ID,
          'error',
          `${b.fileName} was deleted, but it is on ${where}. Applied history is immutable: databases that ran it keep its changes, and supabase db push fails because version ${b.version} is missing locally.`,
          `${restoreHint(b)} To undo what it did, write a new migration that reverses it. If it was added to ${where} after this branch was created, merge or rebase ${input.baseLabel ?? 'the base branch'} into the branch instead.`,
        ),
      );
    }
  }

  const newMigrations = unmatchedHead.sort((a, b) => (a.version! < b.version! ? -1 : a.version! > b.version! ? 1 : a.fileName < b.fileName ? -1 : 1));
  const baseNewestVersion = base.length ? base[base.length - 1].version : null;
  if (baseNewestVersion !== null) {
    const usedVersions = new Set([...input.base, ...input.head].map((m) => m.version));
    const nowVersion = timestampVersion(input.now);
    let suggestion = nowVersion > baseNewestVersion ? nowVersion : versionAfter(baseNewestVersion);
    const severity = input.outOfOrder ?? 'error';
    for (const m of newMigrations) {
      if (m.version! > baseNewestVersion) continue;
      while (usedVersions.has(suggestion)) suggestion = versionAfter(suggestion);
      usedVersions.add(suggestion);
      findings.push(
        finding(
          m.path,
          OUT_OF_ORDER_RULE_ID,
          severity,
          `New migration ${m.fileName} sorts before ${baseNewestVersion}, the newest migration on ${where}. Databases already past ${baseNewestVersion} skip it, or refuse to deploy (supabase db push needs --include-all).`,
          `Rename it to ${suggestion}_${m.name}.sql so it runs after everything on ${where}.`,
        ),
      );
    }
  }
  return { findings, newMigrations, baseNewestVersion };
}
