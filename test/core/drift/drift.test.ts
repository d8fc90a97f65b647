import { checkDrift } from '../../../packages/core/src/drift';
import type { TestDatabase } from '../../support/database';
import { deployedTarget, DRIFT_FIXTURES } from './support';

jest.setTimeout(120_000);

describe('checkDrift on a database deployed from the migrations', () => {
  let target: TestDatabase;
  beforeAll(async () => {
    target = await deployedTarget();
  });
  afterAll(async () => {
    await target?.drop();
  });

  it('finds no drift', async () => {
    const report = await checkDrift({ databaseUrl: target.url, migrationsDir: DRIFT_FIXTURES, handleSignals: false });
    expect(report.error).toBeUndefined();
    expect(report.differences).toEqual([]);
    expect(report.status).toBe('no-drift');
  });
});
