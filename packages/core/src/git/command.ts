/**
 * Running the `git` binary. Arguments always travel as an array (never through a shell), and
 * failures that users commonly hit in CI become errors that say what to change.
 */
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';

/** A git problem the user can act on; the message is meant to be shown as is. */
export class GitError extends Error {
  constructor(
    message: string,
    /** git's own stderr, when git ran and failed. */
    readonly gitStderr = '',
  ) {
    super(message);
    this.name = 'GitError';
  }
}

export interface GitRun {
  code: number;
  stdout: Buffer;
  stderr: string;
}

export interface GitRunOptions {
  /** Bytes written to git's standard input. */
  input?: string;
  /** Kills git after this long; network fetches are the only calls that can hang. */
  timeoutMs?: number;
}

const GIT_ENV: NodeJS.ProcessEnv = {
  // A fetch that needs credentials must fail, not wait for a password nobody will type.
  GIT_TERMINAL_PROMPT: '0',
  GCM_INTERACTIVE: 'never',
  // git's messages are matched below; keep them in English whatever the runner's locale.
  LC_ALL: 'C',
  LANGUAGE: 'C',
};

/** Runs git and reports its exit code; only a missing binary or directory rejects. */
export async function runGit(cwd: string, args: string[], options: GitRunOptions = {}): Promise<GitRun> {
  // spawn reports a missing cwd as ENOENT, exactly like a missing git binary; tell them apart first.
  const stat = await fs.stat(cwd).catch(() => null);
  if (!stat?.isDirectory()) throw new GitError(`"${cwd}" is not a directory, so git cannot run there.`);
  return new Promise<GitRun>((resolve, reject) => {
    const child = spawn('git', args, { cwd, env: { ...process.env, ...GIT_ENV }, stdio: ['pipe', 'pipe', 'pipe'], timeout: options.timeoutMs });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (err: NodeJS.ErrnoException) => {
      reject(
        err.code === 'ENOENT'
          ? new GitError('git is not installed or not on PATH. Migration Gate needs git to compare migrations with the base branch; install git on the runner (or use an image that has it).')
          : new GitError(`Could not run git: ${err.message}`),
      );
    });
    child.on('close', (code, signal) => {
      const stderrText = Buffer.concat(stderr).toString('utf8');
      if (signal) {
        reject(new GitError(`git ${args[0]} was stopped (${signal})${options.timeoutMs ? ` after ${Math.round(options.timeoutMs / 1000)} s` : ''}.`, stderrText));
        return;
      }
      resolve({ code: code ?? 1, stdout: Buffer.concat(stdout), stderr: stderrText });
    });
    // git may exit before reading all of its input (e.g. on a bad argument); that is reported by its exit code.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}

/** The last meaningful line of git's stderr, for quoting in an error message. */
export function gitFailureSummary(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.find((l) => l.startsWith('fatal:') || l.startsWith('error:')) ?? lines[lines.length - 1] ?? 'no error output';
}

/** Runs git and returns its stdout; a non-zero exit becomes a GitError quoting git. */
export async function gitOutput(cwd: string, args: string[], options: GitRunOptions = {}): Promise<Buffer> {
  const run = await runGit(cwd, args, options);
  const subcommand = args.find((a) => !a.startsWith('-')) ?? '';
  if (run.code !== 0) throw new GitError(`git ${subcommand} failed: ${gitFailureSummary(run.stderr)}`, run.stderr);
  return run.stdout;
}

/**
 * The top-level folder of the repository that contains `directory`, as git spells it
 * (symbolic links resolved). Throws a GitError saying what to do when there is none.
 */
export async function findRepositoryRoot(directory: string): Promise<string> {
  const run = await runGit(directory, ['rev-parse', '--show-toplevel']);
  if (run.code === 0) return run.stdout.toString('utf8').replace(/\n$/, '');
  if (/dubious ownership/i.test(run.stderr)) {
    throw new GitError(
      `git refuses to work in "${directory}" because the folder belongs to another user ("dubious ownership"). ` +
        `Mark it as safe before this step: git config --global --add safe.directory "${directory}" ` +
        '(in container jobs, actions/checkout does this only for its own git process).',
      run.stderr,
    );
  }
  if (/not a git repository/i.test(run.stderr)) {
    throw new GitError(
      `"${directory}" is not inside a git repository, so migrations cannot be compared with the base branch. ` +
        'In GitHub Actions, run actions/checkout before this step; locally, run from inside your clone.',
      run.stderr,
    );
  }
  throw new GitError(`git cannot open the repository at "${directory}": ${gitFailureSummary(run.stderr)}`, run.stderr);
}
