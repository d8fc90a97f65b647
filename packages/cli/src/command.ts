/** What a command's module provides: its usage text and how to run it. */
export interface CommandModule {
  /** Full usage text for `migration-gate <name> --help`. */
  usage: string;
  /** Parses its own arguments and returns the process exit code. */
  run(argv: string[]): Promise<number>;
}

/** A CLI subcommand as `--help` lists it. */
export interface Command {
  name: string;
  /** One line for `migration-gate --help`. */
  summary: string;
  /** Its module: usage text and how to run it. */
  load(): Promise<CommandModule>;
  /** Work worth starting before the module has loaded (the command is about to run, not print help). */
  warmUp?: () => void;
}

/** Exit codes shared by every command, the same in the CLI and the actions. */
export const EXIT = {
  ok: 0,
  /** The check ran and found blocking problems (errors, or warnings with --fail-on warning). */
  findings: 1,
  /** The command could not run: bad arguments, unreadable input, unreachable database. */
  usage: 2,
} as const;

/**
 * A command whose module is loaded only when it runs. In the bundle each command is its own chunk
 * (a dynamic `import()`), so `--help`, `--version` and every other command neither load nor
 * compile its code (seed's fake-data library alone takes ~0.4 s to load).
 */
export function lazyCommand(name: string, summary: string, load: () => Promise<CommandModule>, warmUp?: () => void): Command {
  return { name, summary, load, warmUp };
}
