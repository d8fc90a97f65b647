import type { StagingRecord } from '../../../packages/core/src/github/deployments';
import { checkPromotion } from '../../../packages/core/src/production/promotion';

function record(id: number, createdAt: string, checksums: Record<string, string>, succeeded = true): StagingRecord {
  return {
    deploymentId: id,
    sha: `sha${id}`,
    environment: 'staging',
    createdAt,
    creator: 'github-actions[bot]',
    payload: { versions: Object.keys(checksums), checksums },
    latestStatus: { state: succeeded ? 'success' : 'failure', createdAt, description: '', logUrl: null },
    succeeded,
  };
}

const a = { version: '20240101000000', path: 'm/20240101000000_a.sql', checksum: 'a'.repeat(64) };
const b = { version: '20240102000000', path: 'm/20240102000000_b.sql', checksum: 'b'.repeat(64) };

describe('checkPromotion', () => {
  it('promotes versions that succeeded on staging with the same checksum, citing the newest proof', () => {
    const result = checkPromotion([a, b], [record(1, '2024-01-01T00:00:00Z', { [a.version]: a.checksum }), record(2, '2024-01-02T00:00:00Z', { [a.version]: a.checksum, [b.version]: b.checksum })]);
    expect(result.ok).toBe(true);
    expect(result.evidence).toEqual([
      { version: a.version, deploymentId: 2, sha: 'sha2', createdAt: '2024-01-02T00:00:00Z' },
      { version: b.version, deploymentId: 2, sha: 'sha2', createdAt: '2024-01-02T00:00:00Z' },
    ]);
  });

  it('blocks a version never seen on staging, and one that only failed there', () => {
    const result = checkPromotion([a, b], [record(1, '2024-01-01T00:00:00Z', { [a.version]: a.checksum }), record(2, '2024-01-02T00:00:00Z', { [b.version]: b.checksum }, false)]);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      expect.objectContaining({ version: b.version, reason: 'never-on-staging', message: `${b.path}: version ${b.version} has not succeeded on staging. Merge it to the staging branch and let deploy-staging apply it first.` }),
    ]);
  });

  it('blocks a version staging applied with another checksum', () => {
    const result = checkPromotion([a], [record(1, '2024-01-01T00:00:00Z', { [a.version]: 'c'.repeat(64) })]);
    expect(result.problems).toEqual([
      expect.objectContaining({ reason: 'checksum-differs', stagingChecksum: 'c'.repeat(64), message: expect.stringContaining('with checksum cccccccccccc, but this file\'s checksum is aaaaaaaaaaaa') }),
    ]);
  });
});
