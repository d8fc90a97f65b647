/**
 * Finding and reading migrations. `analyzeMigration` and `checkMigrationSet` are pure; only
 * `discoverMigrations` touches the file system.
 */
import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseDirectives } from './directives';
import type { Finding, MigrationFile, MigrationSet, SkippedFile } from './model';
import { loadParser, parseSql, type ParseResult } from './parser';
import { parseFiles, PRESTART_MIN_FILES, prestartParseWorker } from './parse-threads';
import { readFilesSafely } from './read-files';
import { SourceMap } from './source-map';

export const DEFAULT_MIGRATIONS_DIR = 'supabase/migrations';
/**
 * The Supabase CLI's own rule (pkg/migration/file.go, `migrateFilePattern`): a file is a
 * migration exactly when its name matches; the digits are its version, the rest its name.
 */
export const MIGRATION_FILE_PATTERN = /^([0-9]+)_(.*)\.sql$/;
/** What `supabase migration new` writes: a 14-digit UTC timestamp. Advice for new files only. */
const TIMESTAMP_VERSION = /^\d{14}$/;
/**
 * Files from CLI versions before 2021-12-09 started with `<timestamp>_init.sql`; the CLI still
 * skips such a file when it is the first entry of the folder (pkg/migration/list.go, shouldSkip).
 */
const LEGACY_INIT_FILE = /([0-9]{14})_init\.sql/;
const LEGACY_INIT_BEFORE = '20211209000000';

const utf8 = new TextDecoder('utf-8', { fatal: true });

function fileFinding(file: string, ruleId: string, severity: Finding['severity'], message: string, hint?: string, line = 1, column = 1): Finding {
  return { ruleId, severity, message, hint, file, line, column, source: 'file' };
}

export type FileNameClass = { kind: 'migration'; version: string; name: string } | { kind: 'skipped'; reason: string };

/**
 * Decides, as `supabase db push` does, whether a folder entry is a migration. `position` is the
 * entry's index in the folder listing sorted by name (the CLI skips a legacy init file only there).
 */
export function classifyFileName(fileName: string, position = 1): FileNameClass {
  const legacyInit = LEGACY_INIT_FILE.exec(fileName);
  if (position === 0 && legacyInit && legacyInit[1] < LEGACY_INIT_BEFORE) {
    return { kind: 'skipped', reason: 'the Supabase CLI skips a first file named <timestamp>_init.sql from before 2021-12-09 (the schema dump of its early versions)' };
  }
  const match = MIGRATION_FILE_PATTERN.exec(fileName);
  if (!match) return { kind: 'skipped', reason: 'its name does not match <version>_<name>.sql (digits, an underscore, a name, .sql), so the Supabase CLI never applies it' };
  return { kind: 'migration', version: match[1], name: match[2] };
}

/** Byte order of the names, as Go's os.ReadDir returns a folder and so the order the CLI applies files in. */
export function compareFileNames(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** A 14-digit version is a real UTC moment: yyyymmddhhmmss with valid month, day and time. */
export function isValidTimestamp(version: string): boolean {
  if (!TIMESTAMP_VERSION.test(version)) return false;
  const [y, mo, d, h, mi, s] = [0, 4, 6, 8, 10, 12].map((start, i) => Number(version.slice(start, i === 0 ? 4 : start + 2)));
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return (
    y >= 1970 &&
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === mo - 1 &&
    date.getUTCDate() === d &&
    date.getUTCHours() === h &&
    date.getUTCMinutes() === mi &&
    date.getUTCSeconds() === s
  );
}

/**
 * Advice for a migration the change adds: the CLI applies any `<digits>_<name>.sql`, but
 * `supabase migration new` names files by UTC timestamp, and other tools sort by it.
 */
export function versionConventionFinding(migration: MigrationFile, now: Date = new Date()): Finding | undefined {
  if (isValidTimestamp(migration.version)) return undefined;
  const suggested = `${timestampVersion(now)}_${migration.name.replace(/[^A-Za-z0-9_.-]+/g, '_') || 'describe_change'}.sql`;
  return fileFinding(
    migration.path,
    'file-name',
    'warning',
    `"${migration.version}" is not a UTC timestamp (yyyymmddhhmmss), the version \`supabase migration new\` gives a new migration.`,
    `The Supabase CLI applies it anyway, in file-name order. While it is not applied anywhere, rename it, e.g. ${suggested}.`,
  );
}

/** A fresh version for "rename your migration to ...": now, in UTC, as yyyymmddhhmmss. */
export function timestampVersion(date: Date = new Date()): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

function firstInvalidUtf8Byte(bytes: Buffer): number {
  // Find the earliest offset whose prefix fails to decode, by decoding growing prefixes line by line.
  let lineStart = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        utf8.decode(bytes.subarray(lineStart, i));
      } catch {
        return lineStart;
      }
      lineStart = i + 1;
    }
  }
  return -1;
}

/**
 * Turns one migration file's bytes into a MigrationFile plus the problems it has on its own
 * (encoding, emptiness, directives, syntax). A name that is not a migration name
 * (`classifyFileName`) gets an empty version. Requires `loadParser()` first.
 */
export function analyzeMigration(fileName: string, bytes: Buffer, displayPath: string, absolutePath = displayPath): { migration: MigrationFile; findings: Finding[] } {
  const { migration, findings, toParse } = readMigration(fileName, bytes, displayPath, absolutePath);
  if (toParse) addParse(migration, findings, parseSql(migration.text));
  return { migration, findings };
}

/**
 * Everything `analyzeMigration` does before parsing: checksum, name, encoding, directives.
 * `toParse` says whether the text still needs the parser (not for a binary or non-UTF-8 file).
 */
function readMigration(fileName: string, bytes: Buffer, displayPath: string, absolutePath: string): FileAnalysis {
  const findings: Finding[] = [];
  const checksum = createHash('sha256').update(bytes).digest('hex');
  // Discovery only passes migration names; a single file given by hand (draft-fix) may have any name.
  const nameClass = classifyFileName(fileName);
  const { version, name } = nameClass.kind === 'migration' ? nameClass : { version: '', name: fileName.replace(/\.sql$/i, '') };

  const migration: MigrationFile = {
    path: displayPath,
    absolutePath,
    fileName,
    version,
    name,
    checksum,
    sizeBytes: bytes.length,
    text: '',
    directives: parseDirectives('', displayPath).directives,
    statements: [],
    parsed: false,
  };

  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const line = bytes.subarray(0, nul).toString('latin1').split('\n').length;
    findings.push(fileFinding(displayPath, 'file-encoding', 'error', 'The file is binary (it contains a NUL byte), not SQL text.', 'Migrations must be UTF-8 SQL text.', line));
    return { migration, findings, toParse: false };
  }
  // Valid files (nearly all) are confirmed in one native pass; only a bad one is searched line by line.
  const invalidAt = isUtf8(bytes) ? -1 : firstInvalidUtf8Byte(bytes);
  if (invalidAt >= 0) {
    const line = bytes.subarray(0, invalidAt).toString('latin1').split('\n').length;
    findings.push(fileFinding(displayPath, 'file-encoding', 'error', 'The file is not valid UTF-8.', 'Re-save it as UTF-8 (e.g. iconv -f latin1 -t utf-8).', line));
    return { migration, findings, toParse: false };
  }
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a BOM is harmless; keep offsets after it
  migration.text = text;

  const directiveParse = parseDirectives(text, displayPath);
  migration.directives = directiveParse.directives;
  findings.push(...directiveParse.findings);
  return { migration, findings, toParse: true };
}

/** Records the parse of `migration.text`: its statements, or a syntax error; no statements is a warning. */
function addParse(migration: MigrationFile, findings: Finding[], parsed: ParseResult): void {
  if (parsed.error) {
    findings.push({
      ruleId: 'syntax-error',
      severity: 'error',
      message: `Syntax error: ${parsed.error.message}.`,
      file: migration.path,
      line: parsed.error.line,
      column: parsed.error.column,
      source: 'parser',
    });
    return;
  }
  migration.statements = parsed.statements;
  migration.parsed = true;
  if (parsed.statements.length === 0) {
    findings.push(fileFinding(migration.path, 'empty-migration', 'warning', 'The migration contains no SQL statements.', 'Delete it, or add the change it was meant to make.', new SourceMap(migration.text).position(0).line));
  }
}

/** Checks that need the whole folder: duplicate versions and `depends-on` targets. */
export function checkMigrationSet(migrations: MigrationFile[]): Finding[] {
  const findings: Finding[] = [];
  const byVersion = new Map<string, MigrationFile[]>();
  for (const m of migrations) {
    if (!m.version) continue;
    byVersion.set(m.version, [...(byVersion.get(m.version) ?? []), m]);
  }
  for (const [version, files] of byVersion) {
    if (files.length < 2) continue;
    for (const m of files) {
      const others = files.filter((o) => o !== m).map((o) => o.fileName).join(', ');
      findings.push(fileFinding(m.path, 'duplicate-version', 'error', `Version ${version} is used by more than one migration (also ${others}).`, 'Every migration needs its own timestamp; rename one of them to a fresh timestamp.'));
    }
  }
  for (const m of migrations) {
    for (const dep of m.directives.dependsOn) {
      if (!byVersion.has(dep.version)) {
        findings.push({ ...fileFinding(m.path, 'directive', 'error', `depends-on ${dep.version}: no migration with that version exists in this folder.`), source: 'directive', line: dep.line });
      } else if (compareFileNames(byVersion.get(dep.version)![0].fileName, m.fileName) >= 0) {
        findings.push({
          ...fileFinding(m.path, 'directive', 'error', `depends-on ${dep.version}: that migration does not sort before this one (${m.version}), so it would run later.`, 'A dependency must sort before the migration that needs it.'),
          source: 'directive',
          line: dep.line,
        });
      }
    }
  }
  return findings;
}

export interface DiscoverOptions {
  /** Paths in findings are shown relative to this directory (default: cwd). */
  displayRoot?: string;
  /** Symbolic links may point inside this folder only (default: the migrations folder). */
  boundary?: string;
  /** Largest migration file read (default 20 MB). */
  maxFileBytes?: number;
}

/** One migration file read and checked on its own; its statements come with `parseMigrations`. */
interface FileAnalysis {
  migration: MigrationFile;
  /** Its own findings, in order: encoding, directives, then (once parsed) syntax. */
  findings: Finding[];
  toParse: boolean;
}

/**
 * A folder's migrations read, checksummed and checked file by file, but not yet parsed (the
 * parser is most of discovery's time): `parseMigrations` completes it into a MigrationSet.
 */
export interface UnparsedMigrationSet {
  directory: string;
  /** In the order the Supabase CLI applies them (file name, byte order); `statements` still empty. */
  migrations: MigrationFile[];
  skipped: SkippedFile[];
  /** Findings about the folder's entries (skipped files), before those of the files. */
  entryFindings: Finding[];
  /** Per migration file, in folder order: why it could not be read, or what reading it found. */
  files: (Finding | FileAnalysis)[];
}

/**
 * Reads the migrations of `directory` (not recursive) in the order the Supabase CLI applies them.
 * Other `.sql` files are listed in `skipped` with a notice, as the CLI skips them.
 */
export async function discoverMigrations(directory: string, options: DiscoverOptions = {}): Promise<MigrationSet> {
  return parseMigrations(await readMigrations(directory, options));
}

/** Discovery up to parsing: lists, reads and checks each file (name, encoding, directives). */
export async function readMigrations(directory: string, options: DiscoverOptions = {}): Promise<UnparsedMigrationSet> {
  const absoluteDir = path.resolve(directory);
  const displayRoot = path.resolve(options.displayRoot ?? process.cwd());
  const display = (abs: string) => {
    const rel = path.relative(displayRoot, abs);
    return (rel.startsWith('..') || path.isAbsolute(rel) ? abs : rel).split(path.sep).join('/');
  };
  let entries: import('node:fs').Dirent[];
  try {
    entries = await fs.readdir(absoluteDir, { withFileTypes: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(
      code === 'ENOENT'
        ? `Migrations folder "${display(absoluteDir)}" does not exist. Pass the folder that holds your <timestamp>_<name>.sql files (default: ${DEFAULT_MIGRATIONS_DIR}).`
        : `Cannot read migrations folder "${display(absoluteDir)}": ${(err as Error).message}`,
    );
  }
  const entryFindings: Finding[] = [];
  const skipped: SkippedFile[] = [];
  const fileNames: string[] = [];
  entries.sort((a, b) => compareFileNames(a.name, b.name));
  entries.forEach((entry, position) => {
    // The CLI skips folders (said so when one is named like SQL); anything else named like a
    // migration (a FIFO, a link) is read safely and refused by name if it must be.
    if (entry.isDirectory()) {
      if (entry.name.toLowerCase().endsWith('.sql')) {
        const file = display(path.join(absoluteDir, entry.name));
        const reason = 'it is a folder, and the Supabase CLI skips folders';
        skipped.push({ file, reason });
        entryFindings.push(fileFinding(file, 'file-skipped', 'notice', `Not a migration: ${reason}.`));
      }
      return;
    }
    const nameClass = classifyFileName(entry.name, position);
    if (nameClass.kind === 'migration') fileNames.push(entry.name);
    else if (entry.name.toLowerCase().endsWith('.sql')) {
      const file = display(path.join(absoluteDir, entry.name));
      skipped.push({ file, reason: nameClass.reason });
      entryFindings.push(fileFinding(file, 'file-skipped', 'notice', `Not a migration: ${nameClass.reason}.`, 'Rename it to <version>_<name>.sql (e.g. with `supabase migration new`) if it should be applied.'));
    }
  });
  // Many files: the parse worker starts now, so that its start-up overlaps with reading them.
  if (fileNames.length >= PRESTART_MIN_FILES) void prestartParseWorker();
  const absolutePaths = fileNames.map((f) => path.join(absoluteDir, f));
  const contents = await readFilesSafely(absolutePaths, { boundary: options.boundary ?? absoluteDir, maxFileBytes: options.maxFileBytes, display });
  const files = fileNames.map((fileName, i): Finding | FileAnalysis => {
    const read = contents[i]!;
    return 'problem' in read ? read.problem : readMigration(fileName, read.bytes, display(absolutePaths[i]), absolutePaths[i]);
  });
  // Files were read in apply order: their migrations are in it too.
  const migrations = files.flatMap((file) => ('migration' in file ? [file.migration] : []));
  return { directory: display(absoluteDir), migrations, skipped, entryFindings, files };
}

/**
 * Parses every migration of `read` (on two cores when the folder is large) and completes the set.
 * `onParsed` sees each migration in apply order as soon as it is parsed (or known unparseable),
 * so that a caller can lint early migrations while later ones are still being parsed.
 */
export async function parseMigrations(read: UnparsedMigrationSet, onParsed?: (migration: MigrationFile) => void): Promise<MigrationSet> {
  await loadParser();
  const analyses = read.files.filter((file): file is FileAnalysis => 'migration' in file);
  const toParse = analyses.filter((analysis) => analysis.toParse);
  let handedOver = 0;
  const handOverUpTo = (end: number) => {
    for (; handedOver < end; handedOver++) onParsed?.(analyses[handedOver].migration);
  };
  parseFiles(
    toParse.map((analysis) => analysis.migration.text),
    {
      onResult: (i, parsed) => {
        addParse(toParse[i].migration, toParse[i].findings, parsed);
        handOverUpTo(analyses.indexOf(toParse[i], handedOver) + 1);
      },
    },
  );
  handOverUpTo(analyses.length);
  const findings = [...read.entryFindings];
  for (const file of read.files) {
    if ('migration' in file) findings.push(...file.findings);
    else findings.push(file);
  }
  findings.push(...checkMigrationSet(read.migrations));
  return { directory: read.directory, migrations: read.migrations, skipped: read.skipped, findings };
}
