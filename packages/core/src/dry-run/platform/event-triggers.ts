/**
 * Event triggers. On Supabase, supautils lets `postgres` create them and skips them for
 * superuser commands. The dry-run cannot: its superuser runs code in the replay session (trusted
 * extension scripts), and an event trigger of the migration's would run there as that superuser,
 * able to run programs on the runner. So statements about event triggers are not replayed: they
 * are replaced by a no-op and reported as a notice; the trigger's function is still created and
 * checked like any other.
 */
import type { Finding, MigrationFile, Statement } from '../../model';
import type { StatementRewrite } from '../emulations/types';

export function isEventTriggerStatement(statement: Statement): boolean {
  const node = statement.node ?? {};
  switch (statement.kind) {
    case 'CreateEventTrigStmt':
    case 'AlterEventTrigStmt':
      return true;
    case 'DropStmt':
      return node.removeType === 'OBJECT_EVENT_TRIGGER';
    case 'CommentStmt':
    case 'AlterOwnerStmt':
    case 'RenameStmt':
      return node.objtype === 'OBJECT_EVENT_TRIGGER' || node.objectType === 'OBJECT_EVENT_TRIGGER' || node.renameType === 'OBJECT_EVENT_TRIGGER';
    default:
      return false;
  }
}

/** The no-op an event-trigger statement is replayed as. */
export function skipEventTrigger(statement: Statement): StatementRewrite | undefined {
  return isEventTriggerStatement(statement) ? { sql: 'select 1 /* migration-gate: event trigger statement not replayed */' } : undefined;
}

/** One notice per event-trigger statement of the new migrations. */
export function eventTriggerFindings(fresh: readonly MigrationFile[]): Finding[] {
  return fresh.flatMap((migration) =>
    migration.statements.filter(isEventTriggerStatement).map((statement) => ({
      ruleId: 'dry-run-extension',
      severity: 'notice' as const,
      message:
        'Event triggers are not replayed in the dry-run: an event trigger would also fire for the commands its superuser runs there (extension scripts), with that superuser\'s rights. This statement was skipped; its function was still created and checked.',
      hint: 'To replay event triggers, give shadowDatabaseUrl pointing at a server with supautils (e.g. a supabase/postgres service container).',
      file: migration.path,
      line: statement.line,
      column: statement.column,
      source: 'dry-run' as const,
    })),
  );
}
