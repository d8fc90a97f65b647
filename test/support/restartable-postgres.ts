/**
 * A PostgreSQL server of its own for tests that take the server down and bring it back (the
 * suite's shared server cannot be restarted under the other test files). Started like every
 * throwaway server (`startPostgres`); `shutdown()` is a fast shutdown (SIGINT to the postmaster:
 * every session is cut off), `start()` starts the same data folder on the same port again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readlinkSync, statSync } from 'node:fs';
import { processExists, startPostgres, type RunningPostgres } from '../../packages/core/src/db/server';

export interface RestartablePostgres {
  url: string;
  shutdown(): Promise<void>;
  start(): Promise<void>;
  /** Stops whichever postmaster runs and removes the data folder. */
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForExit(pid: number): Promise<void> {
  for (let i = 0; i < 400 && processExists(pid); i++) await sleep(25);
  if (processExists(pid)) throw new Error(`postmaster ${pid} did not stop`);
}

function waitUntilReady(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => reject(new Error(`restarted PostgreSQL not ready:\n${log}`)), 30000);
    child.stderr!.on('data', (d) => {
      log += d;
      if (/ready to accept connections/.test(log)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`restarted PostgreSQL exited (${code}):\n${log}`));
    });
  });
}

export async function startRestartablePostgres(): Promise<RestartablePostgres> {
  const server: RunningPostgres = await startPostgres({ label: 'mg-restart-test' });
  // The binary and the unprivileged owner the first start used (Postgres refuses to run as root).
  const executable = readlinkSync(`/proc/${server.pid}/exe`);
  const { uid, gid } = statSync(server.dataDir);
  let pid = server.pid;
  let restarted: ChildProcess | undefined;
  return {
    url: server.url,
    async shutdown() {
      process.kill(pid, 'SIGINT');
      await waitForExit(pid);
    },
    async start() {
      const args = ['-D', server.dataDir, '-p', String(server.port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off'];
      restarted = spawn(executable, args, { uid, gid, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
      await waitUntilReady(restarted);
      restarted.stderr!.resume();
      pid = restarted.pid!;
    },
    async stop() {
      if (restarted && processExists(pid)) {
        process.kill(pid, 'SIGINT');
        await waitForExit(pid);
      }
      await server.stop();
    },
  };
}
