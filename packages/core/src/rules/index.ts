/**
 * Every lint rule, in the order findings for the same statement are reported.
 */
import { addingColumnRewritesTable } from './adding-column-rewrites-table';
import { addingRequiredField } from './adding-required-field';
import { banAlterSystem } from './ban-alter-system';
import { banAnonWriteGrant } from './ban-anon-write-grant';
import { banConcurrentlyInTransaction } from './ban-concurrently-in-transaction';
import { banDropColumn } from './ban-drop-column';
import { banDropDatabase } from './ban-drop-database';
import { banDropRealtimePublication } from './ban-drop-realtime-publication';
import { banDropSchema } from './ban-drop-schema';
import { banDropTable } from './ban-drop-table';
import { banLockTable } from './ban-lock-table';
import { banPasswordLiteral } from './ban-password-literal';
import { banServerFileAndProgramAccess } from './ban-server-file-and-program-access';
import { banTransactionControl } from './ban-transaction-control';
import { banTruncate } from './ban-truncate';
import { banVacuumFullAndCluster } from './ban-vacuum-full-and-cluster';
import { changingColumnType } from './changing-column-type';
import { constraintMissingNotValid } from './constraint-missing-not-valid';
import { dataChangeInSchemaMigration } from './data-change-in-schema-migration';
import { enumValueAddedAndUsed } from './enum-value-added-and-used';
import { identifierTooLong } from './identifier-too-long';
import { maxStatementsPerMigration } from './max-statements-per-migration';
import { oneChangePerMigration } from './one-change-per-migration';
import { renamingColumn } from './renaming-column';
import { renamingTable } from './renaming-table';
import { requireConcurrentIndexCreation } from './require-concurrent-index-creation';
import { requireConcurrentIndexDeletion } from './require-concurrent-index-deletion';
import { requireLockTimeout } from './require-lock-timeout';
import { requireRlsOnExposedTable } from './require-rls-on-exposed-table';
import { rlsEnabledWithoutPolicy } from './rls-enabled-without-policy';
import type { Rule, RuleDocs } from './rule';
import { schemaChangeInDataMigration } from './schema-change-in-data-migration';
import { securityDefinerExecutableByAnon } from './security-definer-executable-by-anon';
import { securityDefinerSearchPath } from './security-definer-search-path';
import { settingNotNullWithoutCheck } from './setting-not-null-without-check';
import { uniqueConstraintWithoutIndex } from './unique-constraint-without-index';

export type { Rule, RuleContext, RuleDocs, Violation } from './rule';

export const ALL_RULES: readonly Rule[] = [
  // Data loss
  banDropTable,
  banDropColumn,
  banDropSchema,
  banDropDatabase,
  banTruncate,
  // Migrations that fail as written
  addingRequiredField,
  banConcurrentlyInTransaction,
  banTransactionControl,
  enumValueAddedAndUsed,
  identifierTooLong,
  // Rewrites and long locks
  changingColumnType,
  addingColumnRewritesTable,
  settingNotNullWithoutCheck,
  constraintMissingNotValid,
  uniqueConstraintWithoutIndex,
  requireConcurrentIndexCreation,
  requireConcurrentIndexDeletion,
  banVacuumFullAndCluster,
  banLockTable,
  requireLockTimeout,
  // The server beyond the schema, and secrets
  banAlterSystem,
  banServerFileAndProgramAccess,
  banPasswordLiteral,
  // Compatibility with running code
  renamingTable,
  renamingColumn,
  // Migration shape
  dataChangeInSchemaMigration,
  schemaChangeInDataMigration,
  maxStatementsPerMigration,
  oneChangePerMigration,
  // Supabase exposure
  requireRlsOnExposedTable,
  rlsEnabledWithoutPolicy,
  securityDefinerSearchPath,
  securityDefinerExecutableByAnon,
  banAnonWriteGrant,
  banDropRealtimePublication,
];

/** The documentation of every rule, without the checking code (for docs, SARIF and `--help`). */
export function ruleDocs(): RuleDocs[] {
  return ALL_RULES.map(({ id, summary, rationale, safeAlternative, defaultSeverity, supabaseOnly }) => ({
    id,
    summary,
    rationale,
    safeAlternative,
    defaultSeverity,
    ...(supabaseOnly ? { supabaseOnly } : {}),
  }));
}
