/**
 * Every extension emulation the dry-run knows. Add new ones here (one file each).
 */
import { HTTP_EMULATION } from './http';
import { PG_CRON_EMULATION } from './pg-cron';
import { PG_JSONSCHEMA_EMULATION } from './pg-jsonschema';
import { PG_NET_EMULATION } from './pg-net';
import { PGMQ_EMULATION } from './pgmq';
import type { ExtensionEmulation } from './types';
import { VECTOR_EMULATION } from './vector';

export const EXTENSION_EMULATIONS: readonly ExtensionEmulation[] = [
  VECTOR_EMULATION,
  PG_JSONSCHEMA_EMULATION,
  PGMQ_EMULATION,
  PG_CRON_EMULATION,
  PG_NET_EMULATION,
  HTTP_EMULATION,
];

export function findEmulation(name: string): ExtensionEmulation | undefined {
  return EXTENSION_EMULATIONS.find((e) => e.name === name);
}

export type { ExtensionEmulation, StatementRewrite } from './types';
