import { lazyCommand, type Command } from '../command';

/** Every subcommand, in the order `--help` lists them. Modules load only when their command runs (each is a chunk of the bundle). */
export const COMMANDS: Command[] = [
  lazyCommand(
    'validate',
    'Check migrations: names, order, immutability, syntax, lint rules and a dry-run',
    async () => (await import('./validate')).validateCommand,
    // The parse worker's start-up (~60 ms on its own core) overlaps with loading the command's code;
    // a small folder then lets it go unused.
    () => void import('../../../core/src/parse-threads').then(({ prestartParseWorker }) => prestartParseWorker()),
  ),
  lazyCommand('plan', 'Show pending migrations and try them in a rolled-back transaction', async () => (await import('./plan')).planCommand),
  lazyCommand('deploy', 'Apply pending migrations under an advisory lock, one transaction each', async () => (await import('./deploy')).deployCommand),
  lazyCommand('drift', 'Find changes made to a database outside the migrations (no Docker)', async () => (await import('./drift')).driftCommand),
  lazyCommand('status', 'List applied, pending and drifted versions of a database', async () => (await import('./status')).statusCommand),
  lazyCommand('repair', 'Mark versions applied or reverted in the history table without running them', async () => (await import('./repair')).repairCommand),
  lazyCommand('draft-fix', 'Draft a forward-fix migration that compensates an applied one', async () => (await import('./draft-fix')).draftFixCommand),
  lazyCommand('seed', 'Fill a development or staging database with synthetic, privacy-safe rows', async () => (await import('./seed')).seedCommand),
];
