/**
 * Parsing a large migrations folder on two cores. libpg-query's WebAssembly parser is most of the
 * time a static check takes (1,000 migrations: ~100 ms in the parser, ~40 ms turning its JSON into
 * objects), and nothing else in the process uses the machine's other cores.
 *
 * A worker thread, with its own instance of the same WebAssembly parser, runs the parser over the
 * files in order and sends back each file's JSON; this thread takes the results in order, turns
 * the JSON into trees (JSON.parse is the cheapest way to move a tree between threads: the
 * structured clone of the same tree costs twice as much) and hands each file on at once, so the
 * caller (the lint) works on file n while the worker parses file n + 1. Until the worker is ready,
 * and whenever the file this thread needs is still being parsed, this thread parses files itself
 * (from the start, then from the end). Each file is claimed in a shared array with an atomic
 * compare-and-swap, so no file is parsed twice and none is missed.
 *
 * The result is exactly the in-thread `parseSql`'s: the same WebAssembly parser produces the same
 * JSON, and the same functions turn it into statements. The worker only ever helps: if it cannot
 * start (no second core, the parser's files not found) it claims nothing and this thread parses
 * everything; if it stops answering, the file it held is parsed here after a wait.
 */
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { parseResultOfFailure, parseResultOfTree, parseSql, type ParseFailure, type ParseResult, type ParseTree } from './parser';
import { WASM_BASELINE_ONLY } from './wasm-tiering';

/** Below this much SQL a worker costs more to start (~35 ms and its own WebAssembly compile) than it saves. */
export const MIN_PARALLEL_BYTES = 256 * 1024;
/** A folder with this many migrations is worth starting a worker for before its files are read. */
export const PRESTART_MIN_FILES = 40;
/** A prestarted worker is already paid for: worth using from this much SQL. */
const MIN_PRESTARTED_BYTES = 32 * 1024;
/** How long one file may stay claimed by a silent worker before this thread parses it itself. */
const WORKER_FILE_TIMEOUT_MS = 10_000;
/** `MIGRATION_GATE_PARSE_THREADS=1` parses in this thread only (to compare, or on a constrained runner). */
const THREADS_ENV = 'MIGRATION_GATE_PARSE_THREADS';

/** States of one file in the shared claims array. */
const FREE = 0;
const WORKER_PARSING = 1;
const MAIN = 2;
const WORKER_DONE = 3;

/** What the worker sends back for one file: the parser's JSON as UTF-8 bytes, or its failure. */
type WorkerResult = [index: number, json: Uint8Array | null, failure: ParseFailure | null];

/**
 * The worker's whole program, run with `eval` (kept as text: a bundler rewrites `require` calls in
 * code it sees). It loads libpg-query's Emscripten module from `gluePath` (with the WebAssembly file
 * beside it: the same parser this thread uses) and parses, in order, every file this thread has
 * not claimed. It mirrors libpg-query's `parseSync`, but sends the JSON text unparsed, copied out
 * of the WebAssembly memory into a buffer that is transferred, not copied again. A message is
 * posted before its file is marked done, so the other thread always finds the message it waits for.
 */
const PARSE_WORKER_PROGRAM = `
const { workerData } = require('node:worker_threads');
const { gluePath, port } = workerData;
const factory = require(gluePath);
const ready = (factory.default || factory)();
ready.then(() => require('node:worker_threads').parentPort.postMessage('ready'), () => undefined);
port.once('message', async ({ texts, claims: shared }) => {
  const claims = new Int32Array(shared);
  const wasm = await ready;
  for (let i = 0; i < texts.length; i++) {
    if (Atomics.compareExchange(claims, i, ${FREE}, ${WORKER_PARSING}) !== ${FREE}) continue;
    const size = wasm.lengthBytesUTF8(texts[i]) + 1;
    const query = wasm._malloc(size);
    let result = 0;
    let message;
    try {
      wasm.stringToUTF8(texts[i], query, size);
      result = wasm._wasm_parse_query_raw(query);
      if (!result) message = [i, null, { message: 'Failed to parse query: memory allocation failed' }];
      else {
        const tree = wasm.getValue(result, 'i32');
        const error = wasm.getValue(result + 8, 'i32');
        if (error) {
          const text = wasm.getValue(error, 'i32');
          const cursor = wasm.getValue(error + 16, 'i32');
          message = [i, null, { message: text ? wasm.UTF8ToString(text) : 'Unknown error', cursorPosition: cursor > 0 ? cursor - 1 : 0 }];
        } else if (!tree) message = [i, null, { message: 'No parse tree generated' }];
        else message = [i, wasm.HEAPU8.slice(tree, wasm.HEAPU8.indexOf(0, tree)), null];
      }
    } finally {
      wasm._free(query);
      if (result) wasm._wasm_free_parse_result(result);
    }
    port.postMessage(message, message[1] ? [message[1].buffer] : []);
    if (Atomics.compareExchange(claims, i, ${WORKER_PARSING}, ${WORKER_DONE}) === ${WORKER_PARSING}) Atomics.notify(claims, i);
  }
  port.close();
});
`;

/** Where libpg-query's Emscripten module is: in node_modules (CLI, tests), or copied next to a bundle (actions). */
function parserGluePath(): string | undefined {
  // In a bundle, `require` is the bundler's; the process's own require resolves node_modules.
  const nodeRequire: NodeJS.Require = typeof __non_webpack_require__ === 'function' ? __non_webpack_require__ : require;
  try {
    return nodeRequire.resolve('libpg-query/wasm/libpg-query.js');
  } catch {
    const besideBundle = path.join(__dirname, 'libpg-query.js');
    try {
      nodeRequire.resolve(besideBundle);
      return besideBundle;
    } catch {
      return undefined;
    }
  }
}
declare const __non_webpack_require__: NodeJS.Require | undefined;

interface ParseWorker {
  worker: Worker;
  port: MessagePort;
  /** Resolves true once the worker's parser is loaded, false if it failed or exited first. */
  ready: Promise<boolean>;
}

/** Settings for tests; production uses the defaults. */
export interface ParseThreadsOptions {
  /** Use a worker from this much SQL (default MIN_PARALLEL_BYTES, less when one was prestarted). */
  minParallelBytes?: number;
  /** How long a file may stay claimed by a silent worker (default 10 s). */
  workerFileTimeoutMs?: number;
  /** libpg-query's Emscripten module to load in the worker (default: found next to the parser). */
  gluePath?: string;
  /** Told how many files the worker parsed. */
  onDone?: (parsedByWorker: number) => void;
  /** Given each file's result in order, as soon as it is known (before later files are parsed). */
  onResult?: (index: number, result: ParseResult) => void;
}

let prestarted: ParseWorker | undefined;

/**
 * A second core helps only while it is free: where V8 recompiles the parser with its optimizing
 * compiler in the background (Node 24 without `--liftoff-only`), two parsers' recompilations take
 * both cores, and a worker made 1,000 files slower (0.64 s against 0.59 s on one thread).
 */
function threadsAllowed(): boolean {
  return process.env[THREADS_ENV] !== '1' && availableParallelism() > 1 && WASM_BASELINE_ONLY;
}

function startWorker(gluePath = parserGluePath()): ParseWorker | undefined {
  if (!gluePath) return undefined;
  const { port1, port2 } = new MessageChannel();
  try {
    const worker = new Worker(PARSE_WORKER_PROGRAM, { eval: true, workerData: { gluePath, port: port2 }, transferList: [port2], stdout: true, stderr: true });
    // A helper never keeps the process alive, and its failures only mean this thread does the work.
    worker.unref();
    worker.on('error', () => undefined);
    port1.unref();
    const ready = new Promise<boolean>((resolve) => {
      worker.once('message', () => resolve(true));
      worker.once('error', () => resolve(false));
      worker.once('exit', () => resolve(false));
    });
    return { worker, port: port1, ready };
  } catch {
    port1.close();
    return undefined;
  }
}

/**
 * Starts the parse worker now, so that its start-up (a thread, the WebAssembly compile) overlaps
 * with loading code and reading files; the next large `parseFiles` uses it. Does nothing where
 * threads are off or there is one core. The promise (which callers need not wait for) says
 * whether a worker is ready.
 */
export function prestartParseWorker(options: Pick<ParseThreadsOptions, 'gluePath'> = {}): Promise<boolean> {
  if (!prestarted && threadsAllowed()) prestarted = startWorker(options.gluePath);
  return prestarted?.ready ?? Promise.resolve(false);
}

function takeWorker(totalBytes: number, options: ParseThreadsOptions): ParseWorker | undefined {
  if (!threadsAllowed()) return undefined;
  if (prestarted) {
    const worker = prestarted;
    prestarted = undefined;
    if (totalBytes >= (options.minParallelBytes ?? MIN_PRESTARTED_BYTES)) return worker;
    void worker.worker.terminate();
    return undefined;
  }
  return totalBytes >= (options.minParallelBytes ?? MIN_PARALLEL_BYTES) ? startWorker(options.gluePath) : undefined;
}

/**
 * Parses every text, as `parseSql` would, in the same order. Requires `loadParser()` to have
 * resolved. Synchronous: the worker's answers are read with `receiveMessageOnPort`.
 */
export function parseFiles(texts: readonly string[], options: ParseThreadsOptions = {}): ParseResult[] {
  const totalBytes = texts.reduce((sum, text) => sum + text.length, 0);
  const helper = texts.length > 1 ? takeWorker(totalBytes, options) : undefined;
  if (!helper) {
    options.onDone?.(0);
    return texts.map((text, i) => {
      const result = parseSql(text);
      options.onResult?.(i, result);
      return result;
    });
  }
  try {
    return parseWithWorker(texts, helper, options);
  } finally {
    void helper.worker.terminate();
  }
}

function parseWithWorker(texts: readonly string[], { port }: ParseWorker, options: ParseThreadsOptions): ParseResult[] {
  const claims = new Int32Array(new SharedArrayBuffer(4 * texts.length));
  port.postMessage({ texts, claims: claims.buffer });
  const timeoutMs = options.workerFileTimeoutMs ?? WORKER_FILE_TIMEOUT_MS;
  const results: ParseResult[] = new Array(texts.length);
  const received = new Map<number, WorkerResult>();
  let parsedByWorker = 0;
  let last = texts.length - 1;
  /** Parses the last file nobody has claimed, if there is one after `i`. */
  const parseOneFromTheEnd = (i: number): boolean => {
    while (last > i && Atomics.load(claims, last) !== FREE) last--;
    if (last <= i || Atomics.compareExchange(claims, last, FREE, MAIN) !== FREE) return false;
    results[last] = parseSql(texts[last]);
    return true;
  };
  for (let i = 0; i < texts.length; i++) {
    if (results[i] === undefined) {
      if (Atomics.compareExchange(claims, i, FREE, MAIN) === FREE) results[i] = parseSql(texts[i]);
      else {
        while (Atomics.load(claims, i) === WORKER_PARSING && parseOneFromTheEnd(i));
        const answer = awaitWorker(claims, i, timeoutMs) ? receive(port, i, received) : undefined;
        if (answer) parsedByWorker++;
        results[i] = answer ? resultOf(texts[i], answer) : parseSql(texts[i]);
      }
    }
    options.onResult?.(i, results[i]);
  }
  options.onDone?.(parsedByWorker);
  return results;
}

/** Waits while the worker parses file `i`; false when it took too long and this thread took the file back. */
function awaitWorker(claims: Int32Array, i: number, timeoutMs: number): boolean {
  const deadline = Date.now() + timeoutMs;
  while (Atomics.load(claims, i) === WORKER_PARSING) {
    const left = deadline - Date.now();
    if (left <= 0) return Atomics.compareExchange(claims, i, WORKER_PARSING, MAIN) !== WORKER_PARSING;
    Atomics.wait(claims, i, WORKER_PARSING, left);
  }
  return Atomics.load(claims, i) === WORKER_DONE;
}

/** The worker's message for file `i` (already queued: it is posted before the file is marked done). */
function receive(port: MessagePort, i: number, received: Map<number, WorkerResult>): WorkerResult | undefined {
  for (;;) {
    const found = received.get(i);
    if (found) {
      received.delete(i);
      return found;
    }
    const message = receiveMessageOnPort(port);
    if (!message) return undefined;
    const result = message.message as WorkerResult;
    received.set(result[0], result);
  }
}

const utf8 = new TextDecoder();

function resultOf(text: string, [, json, failure]: WorkerResult): ParseResult {
  if (failure) return parseResultOfFailure(text, failure);
  return parseResultOfTree(text, JSON.parse(utf8.decode(json!)) as ParseTree);
}
