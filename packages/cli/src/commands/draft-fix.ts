import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { MIGRATION_FILE_PATTERN, analyzeMigration, isValidTimestamp } from '../../../core/src/discovery';
import { draftForwardFix } from '../../../core/src/draft-fix';
import { loadParser } from '../../../core/src/parser';
import { EXIT, type CommandModule } from '../command';

const USAGE = `Usage: migration-gate draft-fix <file> [options]

Drafts a forward-fix migration that undoes an applied migration: compensating statements
derived from its syntax tree (create table -> drop table, add column -> drop column, ...),
in reverse order, with MANUAL notes for what cannot be undone automatically (data changes,
drops). It is a draft to review before committing; no database is touched.

Arguments:
  file                    the migration to undo

Options:
  --out <dir>             write <dir>/<version>_revert_<name>.sql instead of printing the draft
  --after <version>       make the draft's version sort after this one as well
                          (it always sorts after the migrations next to <file>)

Exit status: 0 drafted, 2 could not run.`;

function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return (relative.startsWith('..') || path.isAbsolute(relative) ? file : relative).split(path.sep).join('/');
}

/** The newest valid version among the migrations in `directory`: the draft must sort after all of them. */
function newestSiblingVersion(directory: string): string | undefined {
  let newest: string | undefined;
  for (const name of readdirSync(directory)) {
    const version = MIGRATION_FILE_PATTERN.exec(name)?.[1];
    if (version && isValidTimestamp(version) && (!newest || version > newest)) newest = version;
  }
  return newest;
}

function fail(message: string): number {
  process.stderr.write(`${message}\n`);
  return EXIT.usage;
}

export const draftFixCommand: CommandModule = {
  usage: USAGE,
  async run(argv) {
    let parsed;
    try {
      parsed = parseArgs({ args: argv, allowPositionals: true, options: { out: { type: 'string' }, after: { type: 'string' } } });
    } catch (err) {
      return fail(`${(err as Error).message}\n\n${USAGE}`);
    }
    const { values, positionals } = parsed;
    if (positionals.length !== 1) return fail(`Expected one migration file, got ${positionals.length === 0 ? 'none' : positionals.join(' ')}.\n\n${USAGE}`);
    if (values.after !== undefined && !(/^\d{14}$/.test(values.after) && isValidTimestamp(values.after))) {
      return fail(`--after must be a 14-digit migration version (yyyymmddhhmmss, UTC), got "${values.after}".`);
    }

    const file = path.resolve(positionals[0]);
    const shown = displayPath(file);
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return fail(`Migration file "${shown}" does not exist.`);
      if (code === 'EISDIR') return fail(`"${shown}" is a folder; pass one migration file.`);
      return fail(`Cannot read "${shown}": ${(err as Error).message}`);
    }

    await loadParser();
    const { migration, findings } = analyzeMigration(path.basename(file), bytes, shown, file);
    if (!migration.parsed) {
      const problems = findings.filter((f) => f.severity === 'error').map((f) => `${f.file}:${f.line}:${f.column}: ${f.message}`);
      return fail(`Cannot draft a fix for "${shown}": it must parse as SQL.\n${problems.join('\n')}`);
    }

    const newest = [newestSiblingVersion(path.dirname(file)), values.after].filter((v): v is string => !!v).sort().pop();
    const draft = draftForwardFix(migration, { latestVersion: newest });

    const manual = draft.manual.length === 0 ? 'nothing needs manual work' : `${draft.manual.length} need${draft.manual.length === 1 ? 's' : ''} manual work (marked MANUAL)`;
    const summary = `${draft.compensated} statement(s) undone, ${manual}. Review it before committing.`;
    if (values.out === undefined) {
      process.stdout.write(draft.sql);
      // On stderr, so that stdout stays the migration when redirected to a file.
      process.stderr.write(`Drafted ${draft.fileName}: ${summary}\n`);
      return EXIT.ok;
    }
    const target = path.join(values.out, draft.fileName);
    try {
      mkdirSync(values.out, { recursive: true });
      // The version is fresh, so an existing file means someone else's migration: never overwrite it.
      writeFileSync(target, draft.sql, { flag: 'wx' });
    } catch (err) {
      return fail(`Cannot write "${displayPath(target)}": ${(err as Error).message}`);
    }
    process.stdout.write(`Wrote ${displayPath(target)}: ${summary}\n`);
    return EXIT.ok;
  },
};
