/**
 * Every extension emulation the dry-run knows. Add new ones here (one file each).
 */
import { hypopg } from './hypopg';
import { indexAdvisor } from './index-advisor';
import { pgGraphql } from './pg-graphql';
import { pgHashids } from './pg-hashids';
import { PG_JSONSCHEMA_EMULATION } from './pg-jsonschema';
import { pgsodium } from './pgsodium';
import { plpgsqlCheck } from './plpgsql-check';
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
  pgsodium,
  plpgsqlCheck,
  postgis,
  supabaseVault,
  wrappers,
];

export function findEmulation(name: string): ExtensionEmulation | undefined {
  return EXTENSION_EMULATIONS.find((e) => e.name === name);
}

export type { ExtensionEmulation, StatementRewrite } from './types';
