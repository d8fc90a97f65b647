/**
 * Every extension emulation the dry-run knows. Add new ones here (one file each).
 */
import type { ExtensionEmulation } from './types';

export const EXTENSION_EMULATIONS: readonly ExtensionEmulation[] = [];

export function findEmulation(name: string): ExtensionEmulation | undefined {
  return EXTENSION_EMULATIONS.find((e) => e.name === name);
}

export type { ExtensionEmulation, StatementRewrite } from './types';
