/**
 * Finding and reading migrations. `analyzeMigration` and `checkMigrationSet` are pure; only
 * `discoverMigrations` touches the file system.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseDirectives } from './directives';
import type { Finding, MigrationFile, MigrationSet } from './model';
import { parseSql } from './parser';
import { readFilesSafely } from './read-files';
import { SourceMap } from './source-map';

export const DEFAULT_MIGRATIONS_DIR = 'supabase/migrations';
/** `<14-digit UTC timestamp>_<name>.sql`, the Supabase CLI's format. */
export const MIGRATION_FILE_PATTERN = /^(\d{14})_([A-Za-z0-9][A-Za-z0-9_.-]*)\.sql$/;

const utf8 = new TextDecoder('utf-8', { fatal: true });

function fileFinding(file: string, ruleId: string, severity: Finding['severity'], message: string, hint?: string, line = 1, column = 1): Finding {
  return { ruleId, severity, message, hint, file, line, column, source: 'file' };
}

/** A 14-digit version is a real UTC moment: yyyymmddhhmmss with valid month, day and time. */
export function isValidTimestamp(version: string): boolean {
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
 * Turns one file's bytes into a MigrationFile plus the problems it has on its own
 * (name, encoding, emptiness, directives, syntax). Requires `loadParser()` first.
 */
export function analyzeMigration(fileName: string, bytes: Buffer, displayPath: string, absolutePath = displayPath): { migration: MigrationFile; findings: Finding[] } {
  const findings: Finding[] = [];
  const checksum = createHash('sha256').update(bytes).digest('hex');
  const nameMatch = MIGRATION_FILE_PATTERN.exec(fileName);
  let version: string | null = null;
  let name: string | null = null;
  if (!nameMatch) {
    findings.push(
      fileFinding(
        displayPath,
        'file-name',
        'error',
        `"${fileName}" is not a migration file name: expected <14-digit UTC timestamp>_<name>.sql.`,
        `Rename it, e.g. ${timestampVersion()}_${fileName.replace(/\.sql$/i, '').replace(/^[\d_-]+/, '').replace(/[^A-Za-z0-9_.-]+/g, '_') || 'describe_change'}.sql. The Supabase CLI skips files that do not match.`,
      ),
    );
  } else if (!isValidTimestamp(nameMatch[1])) {
    findings.push(fileFinding(displayPath, 'file-name', 'error', `"${nameMatch[1]}" is not a valid UTC timestamp (yyyymmddhhmmss).`, `Use the time you created the migration, e.g. ${timestampVersion()}.`));
  } else {
    version = nameMatch[1];
    name = nameMatch[2];
  }

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
    return { migration, findings };
  }
  const invalidAt = firstInvalidUtf8Byte(bytes);
  if (invalidAt >= 0) {
    const line = bytes.subarray(0, invalidAt).toString('latin1').split('\n').length;
    findings.push(fileFinding(displayPath, 'file-encoding', 'error', 'The file is not valid UTF-8.', 'Re-save it as UTF-8 (e.g. iconv -f latin1 -t utf-8).', line));
    return { migration, findings };
  }
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a BOM is harmless; keep offsets after it
  migration.text = text;

  const directiveParse = parseDirectives(text, displayPath);
  migration.directives = directiveParse.directives;
  findings.push(...directiveParse.findings);

  const parsed = parseSql(text);
  if (parsed.error) {
    findings.push({
      ruleId: 'syntax-error',
      severity: 'error',
      message: `Syntax error: ${parsed.error.message}.`,
      file: displayPath,
      line: parsed.error.line,
      column: parsed.error.column,
      source: 'parser',
    });
    return { migration, findings };
  }
  migration.statements = parsed.statements;
  migration.parsed = true;
  if (parsed.statements.length === 0) {
    findings.push(fileFinding(displayPath, 'empty-migration', 'warning', 'The migration contains no SQL statements.', 'Delete it, or add the change it was meant to make.', new SourceMap(text).position(0).line));
  }
  return { migration, findings };
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
      } else if (m.version && dep.version >= m.version) {
        findings.push({
          ...fileFinding(m.path, 'directive', 'error', `depends-on ${dep.version}: that migration does not sort before this one (${m.version}), so it would run later.`, 'A dependency must have an earlier timestamp.'),
          source: 'directive',
          line: dep.line,
        });
      }
    }
  }
  return findings;
}

function compareMigrations(a: MigrationFile, b: MigrationFile): number {
  const av = a.version ?? '';
  const bv = b.version ?? '';
  if (av !== bv) return av < bv ? -1 : 1;
  return a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0;
}

export interface DiscoverOptions {
  /** Paths in findings are shown relative to this directory (default: cwd). */
  displayRoot?: string;
  /** Symbolic links may point inside this folder only (default: the migrations folder). */
  boundary?: string;
  /** Largest migration file read (default 20 MB). */
  maxFileBytes?: number;
}

/** Reads every `.sql` file of `directory` (not recursive), sorted by version. */
export async function discoverMigrations(directory: string, options: DiscoverOptions = {}): Promise<MigrationSet> {
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
  const migrations: MigrationFile[] = [];
  const findings: Finding[] = [];
  // Every .sql entry, whatever its type: a FIFO or a directory named *.sql is refused by name, not skipped.
  const files = entries.filter((e) => e.name.toLowerCase().endsWith('.sql')).map((e) => e.name);
  const contents = await readFilesSafely(
    files.map((f) => path.join(absoluteDir, f)),
    { boundary: options.boundary ?? absoluteDir, maxFileBytes: options.maxFileBytes, display },
  );
  files.forEach((fileName, i) => {
    const abs = path.join(absoluteDir, fileName);
    const read = contents[i]!;
    if ('problem' in read) return void findings.push(read.problem);
    const analysis = analyzeMigration(fileName, read.bytes, display(abs), abs);
    migrations.push(analysis.migration);
    findings.push(...analysis.findings);
  });
  migrations.sort(compareMigrations);
  findings.push(...checkMigrationSet(migrations));
  return { directory: display(absoluteDir), migrations, findings };
}
