/**
 * Every extension emulation the dry-run knows. Add new ones here (one file each).
 */
import { HTTP_EMULATION } from './http';
import { hypopg } from './hypopg';
import { indexAdvisor } from './index-advisor';
import { PG_CRON_EMULATION } from './pg-cron';
import { pgGraphql } from './pg-graphql';
import { pgHashids } from './pg-hashids';
import { pgjwt } from './pgjwt';
import { PG_JSONSCHEMA_EMULATION } from './pg-jsonschema';
import { PG_NET_EMULATION } from './pg-net';
import { PGMQ_EMULATION } from './pgmq';
import { pgsodium } from './pgsodium';
import { plpgsqlCheck } from './plpgsql-check';
import { plv8 } from './plv8';
import { postgis } from './postgis';
import { supabaseVault } from './supabase-vault';
import type { ExtensionEmulation } from './types';
import { VECTOR_EMULATION } from './vector';
import { wrappers } from './wrappers';

export const EXTENSION_EMULATIONS: readonly ExtensionEmulation[] = [
  VECTOR_EMULATION,
  PG_JSONSCHEMA_EMULATION,
  hypopg,
  indexAdvisor,
  pgGraphql,
  pgHashids,
  pgjwt,
  pgsodium,
  plpgsqlCheck,
  plv8,
  postgis,
  supabaseVault,
  wrappers,
  PGMQ_EMULATION,
  PG_CRON_EMULATION,
  PG_NET_EMULATION,
  HTTP_EMULATION,
];

export function findEmulation(name: string): ExtensionEmulation | undefined {
  return EXTENSION_EMULATIONS.find((e) => e.name === name);
}

export type { ExtensionEmulation, StatementRewrite } from './types';
