/**
 * `migration-gate`: the same checks and deploys as the GitHub Actions, from a terminal.
 */
import type { Command } from './command';
import { EXIT } from './command';
import { COMMANDS } from './commands';
import { TOOL_VERSION } from '../../core/src/version';

function help(commands: Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: migration-gate <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run "migration-gate <command> --help" for a command\'s options, "migration-gate --version" for the version.',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(help(COMMANDS) + '\n');
    return name ? EXIT.ok : EXIT.usage;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${TOOL_VERSION}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`Unknown command "${name}".\n\n${help(COMMANDS)}\n`);
    return EXIT.usage;
  }
  const wantsHelp = rest.includes('--help') || rest.includes('-h');
  if (!wantsHelp) command.warmUp?.();
  const module = await command.load();
  if (wantsHelp) {
    process.stdout.write(module.usage + '\n');
    return EXIT.ok;
  }
  return module.run(rest);
}
