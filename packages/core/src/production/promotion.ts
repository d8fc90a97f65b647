/**
 * Promotion check: production applies only versions that already succeeded on staging with the
 * same file checksums. Pure: the staging records come from GitHub Deployments (see github/deployments).
 */
import type { StagingRecord } from '../github/deployments';

export interface PromotionCandidate {
  version: string;
  path: string;
  checksum: string;
}

export interface PromotionProblem {
  version: string;
  path: string;
  reason: 'never-on-staging' | 'checksum-differs';
  /** What staging applied under this version, when it differs. */
  stagingChecksum?: string;
  message: string;
}

export interface PromotionEvidence {
  version: string;
  deploymentId: number;
  sha: string;
  createdAt: string;
}

export interface PromotionResult {
  ok: boolean;
  problems: PromotionProblem[];
  /** For each promoted version, the staging deployment that proves it. */
  evidence: PromotionEvidence[];
}

export function checkPromotion(candidates: PromotionCandidate[], records: StagingRecord[], stagingEnvironment = 'staging'): PromotionResult {
  // Newest first, so the evidence cited is the most recent successful staging run.
  const successful = records.filter((r) => r.succeeded && r.payload).sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  const problems: PromotionProblem[] = [];
  const evidence: PromotionEvidence[] = [];
  for (const candidate of candidates) {
    const sameChecksum = successful.find((r) => r.payload?.checksums[candidate.version] === candidate.checksum);
    if (sameChecksum) {
      evidence.push({ version: candidate.version, deploymentId: sameChecksum.deploymentId, sha: sameChecksum.sha, createdAt: sameChecksum.createdAt });
      continue;
    }
    const other = successful.find((r) => r.payload?.checksums[candidate.version] !== undefined);
    if (other) {
      const stagingChecksum = other.payload?.checksums[candidate.version];
      problems.push({
        version: candidate.version,
        path: candidate.path,
        reason: 'checksum-differs',
        stagingChecksum,
        message: `${candidate.path}: ${stagingEnvironment} applied version ${candidate.version} with checksum ${stagingChecksum?.slice(0, 12)}, but this file's checksum is ${candidate.checksum.slice(0, 12)}. The file changed after staging; deploy the same file to ${stagingEnvironment} first.`,
      });
    } else {
      problems.push({
        version: candidate.version,
        path: candidate.path,
        reason: 'never-on-staging',
        message: `${candidate.path}: version ${candidate.version} has not succeeded on ${stagingEnvironment}. Merge it to the staging branch and let deploy-staging apply it first.`,
      });
    }
  }
  return { ok: problems.length === 0, problems, evidence };
}
