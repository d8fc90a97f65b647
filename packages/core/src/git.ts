/**
 * Checks against the base branch, for `validate` in a checked-out repository: find the base
 * commit (fetching it from a shallow clone), list its migrations, and compare them with the
 * working tree's.
 */
export { findRepositoryRoot, GitError } from './git/command';
export { listBaseMigrations, resolveBaseRef, type BaseRefSpec, type ListBaseMigrationsOptions } from './git/base-branch';
export { compareWithBase, IMMUTABLE_MIGRATION_RULE_ID, OUT_OF_ORDER_RULE_ID, type BaseComparison, type BaseComparisonInput, type BaseMigration } from './git/compare-with-base';
export { commitsAddingFiles } from './git/introducing-commits';
