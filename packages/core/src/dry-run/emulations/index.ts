/**
 * Every extension emulation the dry-run knows. Add new ones here (one file each).
 */
import { PG_JSONSCHEMA_EMULATION } from './pg-jsonschema';
import type { ExtensionEmulation } from './types';
import { VECTOR_EMULATION } from './vector';

export const EXTENSION_EMULATIONS: readonly ExtensionEmulation[] = [VECTOR_EMULATION, PG_JSONSCHEMA_EMULATION];

export function findEmulation(name: string): ExtensionEmulation | undefined {
  return EXTENSION_EMULATIONS.find((e) => e.name === name);
}

export type { ExtensionEmulation, StatementRewrite } from './types';
