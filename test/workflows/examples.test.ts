/**
 * The example workflows are what users copy: every `uses:` of ours points at an action that
 * exists, every `with:` key is an input of that action, required inputs are given, permissions
 * are declared, and every action.yml runs on node24 from a bundle that exists.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { ROOT } from '../support/action-runner';

interface ActionYaml {
  name: string;
  inputs: Record<string, { required?: boolean; default?: string }>;
  outputs?: Record<string, unknown>;
  runs: { using: string; main: string };
}

const actionFiles = ['action.yml', ...readdirSync(path.join(ROOT, 'actions')).map((a) => `actions/${a}/action.yml`)];
const actions = new Map(actionFiles.map((f) => [f, parse(readFileSync(path.join(ROOT, f), 'utf8')) as ActionYaml]));
const workflows = readdirSync(path.join(ROOT, 'workflows-examples')).filter((f) => f.endsWith('.yml'));

describe('action.yml files', () => {
  it.each(actionFiles)('%s runs on node24 from an existing bundle', (file) => {
    const action = actions.get(file) as ActionYaml;
    expect(action.runs.using).toBe('node24');
    expect(existsSync(path.resolve(ROOT, path.dirname(file), action.runs.main))).toBe(true);
    for (const [name, input] of Object.entries(action.inputs)) expect(`${name}: ${typeof input.required}`).toMatch(/: boolean$/);
  });

  it('the root action.yml is the validate action', () => {
    expect(actions.get('action.yml')?.inputs).toEqual(actions.get('actions/validate/action.yml')?.inputs);
  });
});

describe.each(workflows)('workflows-examples/%s', (file) => {
  const workflow = parse(readFileSync(path.join(ROOT, 'workflows-examples', file), 'utf8'));

  it('declares least-privilege permissions and never write-all', () => {
    expect(typeof workflow.permissions).toBe('object');
    expect(workflow.permissions.contents).toBe('read');
    for (const level of Object.values(workflow.permissions)) expect(['read', 'write', 'none']).toContain(level);
  });

  it('passes only inputs our actions declare, and every required one', () => {
    for (const job of Object.values(workflow.jobs) as { steps: { uses?: string; with?: Record<string, unknown> }[] }[]) {
      for (const step of job.steps) {
        const match = /^migration-gate\/migration-gate(?:\/(actions\/[\w-]+))?@/.exec(step.uses ?? '');
        if (!match) continue;
        const action = actions.get(match[1] ? `${match[1]}/action.yml` : 'action.yml');
        expect(action).toBeDefined();
        const declared = Object.keys(action!.inputs);
        expect(declared).toEqual(expect.arrayContaining(Object.keys(step.with ?? {})));
        for (const [name, input] of Object.entries(action!.inputs)) if (input.required) expect(Object.keys(step.with ?? {})).toContain(name);
      }
    }
  });
});

it('the production workflows run in the protected environment and share the deploy concurrency group', () => {
  for (const file of ['deploy-production.yml', 'emergency-override.yml']) {
    const workflow = parse(readFileSync(path.join(ROOT, 'workflows-examples', file), 'utf8'));
    const job = Object.values(workflow.jobs)[0] as { environment: string };
    expect(job.environment).toBe('production');
    expect(workflow.concurrency.group).toBe('migration-deploy-production');
    expect(workflow.permissions.actions).toBe('read');
  }
  const override = parse(readFileSync(path.join(ROOT, 'workflows-examples', 'emergency-override.yml'), 'utf8'));
  expect(override.on.workflow_dispatch.inputs.reason.required).toBe(true);
});
