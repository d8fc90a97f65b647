import type { MigrationFile, Statement } from '../model';
import { NO_VIOLATIONS, type Rule, type RuleContext, type Violation } from './rule';
import { strings, violation, walkNodes } from './sql';

/** Functions that read, write or list files on the database server (core and adminpack). */
const SERVER_FILE_FUNCTIONS = new Set([
  'pg_read_file',
  'pg_read_binary_file',
  'pg_ls_dir',
  'pg_stat_file',
  'pg_file_write',
  'pg_file_rename',
  'pg_file_unlink',
  'pg_file_sync',
  'lo_import',
  'lo_export',
]);
/**
 * Cheap test before walking a statement's tree: most statements mention none of these. Kept this
 * short on purpose: an alternation of the full names costs ten times more on statement texts, which
 * are slices of their file's text.
 */
const MAY_CALL_SERVER_FILE_FUNCTION = /(?:pg|lo)_/i;
/**
 * The same test on the whole file, once per file: a statement's text is part of its file's text,
 * so a file that never mentions `pg_` or `lo_` spares the test on each of its statements.
 */
let lastMigration: MigrationFile | undefined;
let lastMigrationMayCall = true;

function mayCallServerFileFunction(statement: Statement, migration: MigrationFile): boolean {
  if (migration !== lastMigration) {
    lastMigrationMayCall = MAY_CALL_SERVER_FILE_FUNCTION.test(migration.text);
    lastMigration = migration;
  }
  return lastMigrationMayCall && MAY_CALL_SERVER_FILE_FUNCTION.test(statement.text);
}

/** Built-in roles that grant the same powers. */
const SERVER_ACCESS_ROLES = new Set(['pg_execute_server_program', 'pg_read_server_files', 'pg_write_server_files']);

function copyViolation(statement: Statement, context: RuleContext): Violation[] {
  const node = statement.node;
  if (node.filename === undefined) return NO_VIOLATIONS; // COPY ... FROM STDIN / TO STDOUT stays on the client connection
  if (node.is_program) {
    return [violation(context, statement, undefined, `COPY ... ${node.is_from ? 'FROM' : 'TO'} PROGRAM runs a shell command on the database server, as the operating-system user that runs PostgreSQL.`)];
  }
  return [violation(context, statement, undefined, `COPY ... ${node.is_from ? 'FROM' : 'TO'} a file ${node.is_from ? 'reads' : 'writes'} a file on the database server's file system, not on the machine running the migration.`)];
}

export const banServerFileAndProgramAccess: Rule = {
  id: 'ban-server-file-and-program-access',
  summary: 'COPY ... FROM/TO PROGRAM or a server file, server file functions (pg_read_file, lo_import, ...), or granting the roles that allow them.',
  rationale:
    'COPY ... PROGRAM runs a shell command on the database server as the postgres operating-system user; COPY to or from a file ' +
    'name and functions such as pg_read_file, pg_ls_dir, lo_import and lo_export read and write the server\'s own files. A ' +
    'migration that does this executes code or moves data outside the database, which no review of SQL can bound, and it depends ' +
    'on files that exist on one server only. Managed platforms refuse it. An error.',
  safeAlternative:
    'Load data with COPY ... FROM STDIN from the client (psql \\copy), or with INSERT statements in a `-- kind: data` migration. ' +
    'Run server administration outside migrations.',
  defaultSeverity: 'error',
  checkStatement(statement, context) {
    if (statement.kind === 'CopyStmt') return copyViolation(statement, context);
    if (statement.kind === 'GrantRoleStmt') return serverAccessRoleGrants(statement, context);
    if (!mayCallServerFileFunction(statement, context.migration)) return NO_VIOLATIONS;
    return serverFileCalls(statement, context);
  },
};

function serverAccessRoleGrants(statement: Statement, context: RuleContext): Violation[] {
  if (!statement.node.is_grant) return NO_VIOLATIONS;
  const roles = (statement.node.granted_roles ?? []).map((r: { AccessPriv?: { priv_name?: string } }) => r.AccessPriv?.priv_name ?? '').filter((role: string) => SERVER_ACCESS_ROLES.has(role));
  return roles.map((role: string) => violation(context, statement, undefined, `Granting ${role} lets its members ${role === 'pg_execute_server_program' ? 'run shell commands' : 'read or write files'} on the database server.`));
}

/** Calls of the server file functions anywhere in the statement (a helper: its closure stays off the common path, see sql.ts). */
function serverFileCalls(statement: Statement, context: RuleContext): Violation[] {
  const found: Violation[] = [];
  walkNodes(statement.node, (type, body) => {
    if (type !== 'FuncCall') return;
    const parts = strings(body.funcname);
    const name = parts[parts.length - 1];
    if (SERVER_FILE_FUNCTIONS.has(name)) found.push(violation(context, statement, body.location, `${name}() reads, writes or lists files on the database server's file system.`));
  });
  return found;
}
