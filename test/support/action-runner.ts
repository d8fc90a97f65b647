/**
 * Runs an action's committed `dist` bundle the way the GitHub runner does: a separate Node
 * process with INPUT_* variables, an event payload file, and GITHUB_OUTPUT / GITHUB_STEP_SUMMARY
 * files, so the end-to-end tests exercise exactly what users run.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** `::error file=...,line=...::message` lines, parsed. */
  annotations: { level: string; properties: Record<string, string>; message: string }[];
  /** Contents of files named by outputs (report-json, audit-json), read before the temp folder goes. */
  outputFiles: Record<string, string>;
}

export interface RunActionOptions {
  /** Bundle name under dist/, e.g. `validate`. */
  action: string;
  inputs: Record<string, string>;
  workspace: string;
  eventName: string;
  event: unknown;
  apiUrl?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
}

/** @actions/core writes outputs as `name<<DELIM\nvalue\nDELIM`. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i]);
    if (!match) continue;
    const [, name, delimiter] = match;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i]);
    outputs[name] = value.join('\n');
  }
  return outputs;
}

function unescapeCommand(value: string): string {
  return value.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
}

export function parseAnnotations(stdout: string): ActionRun['annotations'] {
  const annotations: ActionRun['annotations'] = [];
  for (const line of stdout.split('\n')) {
    const match = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!match) continue;
    const properties: Record<string, string> = {};
    for (const pair of (match[2] ?? '').split(',').filter(Boolean)) {
      const at = pair.indexOf('=');
      properties[pair.slice(0, at)] = unescapeCommand(pair.slice(at + 1));
    }
    annotations.push({ level: match[1], properties, message: unescapeCommand(match[3]) });
  }
  return annotations;
}

export async function runAction(options: RunActionOptions): Promise<ActionRun> {
  const temp = mkdtempSync(path.join(os.tmpdir(), 'mg-action-'));
  const outputFile = path.join(temp, 'output');
  const summaryFile = path.join(temp, 'summary');
  const eventFile = path.join(temp, 'event.json');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  writeFileSync(eventFile, JSON.stringify(options.event));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TMPDIR: process.env.TMPDIR,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: eventFile,
    GITHUB_REPOSITORY: 'acme/app',
    GITHUB_REPOSITORY_OWNER: 'acme',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_NUMBER: '17',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_WORKFLOW: 'migrations',
    GITHUB_ACTOR: 'octocat',
    GITHUB_SHA: (options.event as { after?: string })?.after ?? '0'.repeat(40),
    GITHUB_REF: 'refs/heads/main',
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: temp,
    RUNNER_TOOL_CACHE: path.join(temp, 'tool-cache'),
    ...(options.apiUrl ? { GITHUB_API_URL: options.apiUrl } : {}),
    ...options.env,
  };
  // The runner turns `with: { migrations-dir: x }` into INPUT_MIGRATIONS-DIR=x.
  for (const [name, value] of Object.entries(options.inputs)) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  try {
    // ACTION_NODE runs the bundle on another Node.js (GitHub runs actions on Node 24; this machine has 20).
    const child = spawn(process.env.ACTION_NODE || process.execPath, [path.join(ROOT, 'dist', options.action, 'index.js')], { cwd: options.workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120000);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearTimeout(timer);
    const outputs = parseOutputFile(readFileSync(outputFile, 'utf8'));
    const outputFiles: Record<string, string> = {};
    for (const [name, value] of Object.entries(outputs)) {
      if (value.startsWith(temp) && existsSync(value)) outputFiles[name] = readFileSync(value, 'utf8');
    }
    return {
      code,
      stdout,
      stderr,
      outputs,
      outputFiles,
      summary: readFileSync(summaryFile, 'utf8'),
      annotations: parseAnnotations(stdout),
    };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}
