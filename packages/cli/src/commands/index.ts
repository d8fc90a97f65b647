import type { Command } from '../command';
import { validateCommand } from './validate';

/** Every subcommand, in the order `--help` lists them. */
export const COMMANDS: Command[] = [validateCommand];
