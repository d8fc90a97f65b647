/**
 * Every extension emulation the dry-run knows. Add new ones here (one file each).
 */
import { http } from './http';
import { pgCron } from './pg-cron';
import { pgNet } from './pg-net';
import { pgmq } from './pgmq';
import type { ExtensionEmulation } from './types';

export const EXTENSION_EMULATIONS: readonly ExtensionEmulation[] = [pgmq, pgCron, pgNet, http];

export function findEmulation(name: string): ExtensionEmulation | undefined {
  return EXTENSION_EMULATIONS.find((e) => e.name === name);
}

export type { ExtensionEmulation, StatementRewrite } from './types';
