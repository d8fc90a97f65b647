exports.id = 946;
exports.ids = [946];
exports.modules = {

/***/ 9946:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

"use strict";
__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MIN_PARALLEL_BYTES: () => (/* binding */ MIN_PARALLEL_BYTES),
/* harmony export */   PRESTART_MIN_FILES: () => (/* binding */ PRESTART_MIN_FILES),
/* harmony export */   parseFiles: () => (/* binding */ parseFiles),
/* harmony export */   prestartParseWorker: () => (/* binding */ prestartParseWorker)
/* harmony export */ });
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_worker_threads__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5919);
/* harmony import */ var node_worker_threads__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_worker_threads__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _parser__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9646);
/* harmony import */ var _wasm_tiering__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9496);
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





/** Below this much SQL a worker costs more to start (~35 ms and its own WebAssembly compile) than it saves. */
const MIN_PARALLEL_BYTES = 256 * 1024;
/** A folder with this many migrations is worth starting a worker for before its files are read. */
const PRESTART_MIN_FILES = 40;
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
function parserGluePath() {
    // In a bundle, `require` is the bundler's; the process's own require resolves node_modules.
    const nodeRequire = typeof require === 'function' ? require : __webpack_require__(6211);
    try {
        return nodeRequire.resolve('libpg-query/wasm/libpg-query.js');
    }
    catch {
        const besideBundle = node_path__WEBPACK_IMPORTED_MODULE_1__.join(__dirname, 'libpg-query.js');
        try {
            nodeRequire.resolve(besideBundle);
            return besideBundle;
        }
        catch {
            return undefined;
        }
    }
}
let prestarted;
/**
 * A second core helps only while it is free: where V8 recompiles the parser with its optimizing
 * compiler in the background (Node 24 without `--liftoff-only`), two parsers' recompilations take
 * both cores, and a worker made 1,000 files slower (0.64 s against 0.59 s on one thread).
 */
function threadsAllowed() {
    return process.env[THREADS_ENV] !== '1' && (0,node_os__WEBPACK_IMPORTED_MODULE_0__.availableParallelism)() > 1 && _wasm_tiering__WEBPACK_IMPORTED_MODULE_4__/* .WASM_BASELINE_ONLY */ .a;
}
function startWorker(gluePath = parserGluePath()) {
    if (!gluePath)
        return undefined;
    const { port1, port2 } = new node_worker_threads__WEBPACK_IMPORTED_MODULE_2__.MessageChannel();
    try {
        const worker = new node_worker_threads__WEBPACK_IMPORTED_MODULE_2__.Worker(PARSE_WORKER_PROGRAM, { eval: true, workerData: { gluePath, port: port2 }, transferList: [port2], stdout: true, stderr: true });
        // A helper never keeps the process alive, and its failures only mean this thread does the work.
        worker.unref();
        worker.on('error', () => undefined);
        port1.unref();
        const ready = new Promise((resolve) => {
            worker.once('message', () => resolve(true));
            worker.once('error', () => resolve(false));
            worker.once('exit', () => resolve(false));
        });
        return { worker, port: port1, ready };
    }
    catch {
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
function prestartParseWorker(options = {}) {
    if (!prestarted && threadsAllowed())
        prestarted = startWorker(options.gluePath);
    return prestarted?.ready ?? Promise.resolve(false);
}
function takeWorker(totalBytes, options) {
    if (!threadsAllowed())
        return undefined;
    if (prestarted) {
        const worker = prestarted;
        prestarted = undefined;
        if (totalBytes >= (options.minParallelBytes ?? MIN_PRESTARTED_BYTES))
            return worker;
        void worker.worker.terminate();
        return undefined;
    }
    return totalBytes >= (options.minParallelBytes ?? MIN_PARALLEL_BYTES) ? startWorker(options.gluePath) : undefined;
}
/**
 * Parses every text, as `parseSql` would, in the same order. Requires `loadParser()` to have
 * resolved. Synchronous: the worker's answers are read with `receiveMessageOnPort`.
 */
function parseFiles(texts, options = {}) {
    const totalBytes = texts.reduce((sum, text) => sum + text.length, 0);
    const helper = texts.length > 1 ? takeWorker(totalBytes, options) : undefined;
    if (!helper) {
        options.onDone?.(0);
        return texts.map((text, i) => {
            const result = (0,_parser__WEBPACK_IMPORTED_MODULE_3__/* .parseSql */ .eg)(text);
            options.onResult?.(i, result);
            return result;
        });
    }
    try {
        return parseWithWorker(texts, helper, options);
    }
    finally {
        void helper.worker.terminate();
    }
}
function parseWithWorker(texts, { port }, options) {
    const claims = new Int32Array(new SharedArrayBuffer(4 * texts.length));
    port.postMessage({ texts, claims: claims.buffer });
    const timeoutMs = options.workerFileTimeoutMs ?? WORKER_FILE_TIMEOUT_MS;
    const results = new Array(texts.length);
    const received = new Map();
    let parsedByWorker = 0;
    let last = texts.length - 1;
    /** Parses the last file nobody has claimed, if there is one after `i`. */
    const parseOneFromTheEnd = (i) => {
        while (last > i && Atomics.load(claims, last) !== FREE)
            last--;
        if (last <= i || Atomics.compareExchange(claims, last, FREE, MAIN) !== FREE)
            return false;
        results[last] = (0,_parser__WEBPACK_IMPORTED_MODULE_3__/* .parseSql */ .eg)(texts[last]);
        return true;
    };
    for (let i = 0; i < texts.length; i++) {
        if (results[i] === undefined) {
            if (Atomics.compareExchange(claims, i, FREE, MAIN) === FREE)
                results[i] = (0,_parser__WEBPACK_IMPORTED_MODULE_3__/* .parseSql */ .eg)(texts[i]);
            else {
                while (Atomics.load(claims, i) === WORKER_PARSING && parseOneFromTheEnd(i))
                    ;
                const answer = awaitWorker(claims, i, timeoutMs) ? receive(port, i, received) : undefined;
                if (answer)
                    parsedByWorker++;
                results[i] = answer ? resultOf(texts[i], answer) : (0,_parser__WEBPACK_IMPORTED_MODULE_3__/* .parseSql */ .eg)(texts[i]);
            }
        }
        options.onResult?.(i, results[i]);
    }
    options.onDone?.(parsedByWorker);
    return results;
}
/** Waits while the worker parses file `i`; false when it took too long and this thread took the file back. */
function awaitWorker(claims, i, timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    while (Atomics.load(claims, i) === WORKER_PARSING) {
        const left = deadline - Date.now();
        if (left <= 0)
            return Atomics.compareExchange(claims, i, WORKER_PARSING, MAIN) !== WORKER_PARSING;
        Atomics.wait(claims, i, WORKER_PARSING, left);
    }
    return Atomics.load(claims, i) === WORKER_DONE;
}
/** The worker's message for file `i` (already queued: it is posted before the file is marked done). */
function receive(port, i, received) {
    for (;;) {
        const found = received.get(i);
        if (found) {
            received.delete(i);
            return found;
        }
        const message = (0,node_worker_threads__WEBPACK_IMPORTED_MODULE_2__.receiveMessageOnPort)(port);
        if (!message)
            return undefined;
        const result = message.message;
        received.set(result[0], result);
    }
}
const utf8 = new TextDecoder();
function resultOf(text, [, json, failure]) {
    if (failure)
        return (0,_parser__WEBPACK_IMPORTED_MODULE_3__/* .parseResultOfFailure */ ._F)(text, failure);
    return (0,_parser__WEBPACK_IMPORTED_MODULE_3__/* .parseResultOfTree */ .YD)(text, JSON.parse(utf8.decode(json)));
}


/***/ }),

/***/ 9646:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

"use strict";
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D: () => (/* binding */ skipComment),
/* harmony export */   YD: () => (/* binding */ parseResultOfTree),
/* harmony export */   _F: () => (/* binding */ parseResultOfFailure),
/* harmony export */   eg: () => (/* binding */ parseSql),
/* harmony export */   qd: () => (/* binding */ loadParser),
/* harmony export */   sj: () => (/* binding */ scanIdentifiers)
/* harmony export */ });
/* harmony import */ var _wasm_tiering__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9496);
/* harmony import */ var libpg_query__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5966);
/* harmony import */ var libpg_query__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(libpg_query__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _source_map__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2311);
/**
 * SQL parsing with the real PostgreSQL grammar (libpg-query: Postgres's own parser compiled to
 * WebAssembly). Every statement keeps its byte range and its line/column in the file.
 */
// Must stay the first import: it sets V8's WebAssembly flags before libpg-query compiles its module.



let loading;
/** Loads the WebAssembly module once per process; every other function here is synchronous. */
function loadParser() {
    loading ??= libpg_query__WEBPACK_IMPORTED_MODULE_1__.loadModule();
    return loading;
}
/**
 * When a `--` or (nested) `/* *\/` comment starts at `i`, returns the offset just after it;
 * otherwise returns `i`. Shared by everything that walks the text between statements.
 */
function skipComment(bytes, i, end) {
    if (bytes[i] === 0x2d && bytes[i + 1] === 0x2d) {
        while (i < end && bytes[i] !== 0x0a)
            i++;
        return i;
    }
    if (bytes[i] === 0x2f && bytes[i + 1] === 0x2a) {
        let depth = 1;
        i += 2;
        while (i < end && depth > 0) {
            if (bytes[i] === 0x2f && bytes[i + 1] === 0x2a) {
                depth++;
                i += 2;
            }
            else if (bytes[i] === 0x2a && bytes[i + 1] === 0x2f) {
                depth--;
                i += 2;
            }
            else
                i++;
        }
    }
    return i;
}
/**
 * Returns the byte offset of the first token at or after `byteOffset`, skipping whitespace and
 * comments (the parser's statement offsets include what precedes a statement).
 */
function skipToToken(bytes, byteOffset, end) {
    let i = byteOffset;
    while (i < end) {
        const c = bytes[i];
        if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c) {
            i++;
            continue;
        }
        const after = skipComment(bytes, i, end);
        if (after === i)
            break;
        i = after;
    }
    return i;
}
function trimEnd(bytes, start, end) {
    let e = end;
    while (e > start) {
        const c = bytes[e - 1];
        if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x3b)
            e--;
        else
            break;
    }
    return e;
}
/** The parse failure of a `parseSync` throw. */
function failureOf(err) {
    const cursor = err.sqlDetails?.cursorPosition;
    return { message: err.message, cursorPosition: cursor };
}
/** The one key of a node wrapper (`{ "CreateStmt": {...} }`), without building an array of keys. */
function nodeType(wrapper) {
    for (const key in wrapper)
        return key;
    return '';
}
/**
 * Parses a whole file. Requires `loadParser()` to have resolved. A file without statements (empty,
 * or only comments) has none: it is not a syntax error.
 */
function parseSql(text) {
    if (text === '')
        return { statements: [] }; // libpg-query refuses an empty string
    let tree;
    try {
        tree = libpg_query__WEBPACK_IMPORTED_MODULE_1__.parseSync(text);
    }
    catch (err) {
        return parseResultOfFailure(text, failureOf(err));
    }
    return parseResultOfTree(text, tree);
}
/** The result of a failed parse, with the error's line and column in `text`. */
function parseResultOfFailure(text, failure) {
    const map = new _source_map__WEBPACK_IMPORTED_MODULE_2__/* .SourceMap */ .o(text);
    const cursor = failure.cursorPosition;
    // The cursor counts characters (0-based), not bytes.
    const position = typeof cursor === 'number' && cursor >= 0 ? map.position(map.byteOffsetOfCharacter(cursor)) : { line: 1, column: 1 };
    return { statements: [], error: { message: failure.message, ...position } };
}
/** The statements of `text` from its parse tree, each with its exact text, byte range and lines. */
function parseResultOfTree(text, tree) {
    const map = new _source_map__WEBPACK_IMPORTED_MODULE_2__/* .SourceMap */ .o(text);
    const bytes = map.bytes;
    const statements = [];
    for (const raw of tree.stmts ?? []) {
        const location = raw.stmt_location ?? 0;
        const rawEnd = raw.stmt_len ? location + raw.stmt_len : bytes.length;
        const start = skipToToken(bytes, location, rawEnd);
        const end = trimEnd(bytes, start, rawEnd);
        const kind = nodeType(raw.stmt);
        const startPos = map.position(start);
        statements.push({
            index: statements.length,
            text: map.slice(start, end),
            line: startPos.line,
            column: startPos.column,
            endLine: map.position(Math.max(start, end - 1)).line,
            byteStart: start,
            byteEnd: end,
            kind,
            node: raw.stmt[kind],
        });
    }
    return { statements };
}
/**
 * Every identifier token of `text`, untruncated: the parser's tree already holds names cut to 63
 * bytes, as the server's scanner cuts them, so only the scanner's tokens show the original.
 * Requires `loadParser()` to have resolved.
 */
function scanIdentifiers(text) {
    const tokens = libpg_query__WEBPACK_IMPORTED_MODULE_1__.scanSync(text).tokens;
    const identifiers = [];
    for (const token of tokens) {
        if (token.tokenName !== 'IDENT')
            continue;
        const quoted = token.text.startsWith('"');
        // PostgreSQL folds only ASCII letters of unquoted names in UTF-8 databases.
        const name = quoted ? token.text.slice(1, -1).replace(/""/g, '"') : token.text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
        identifiers.push({ name, byteOffset: token.start });
    }
    return identifiers;
}


/***/ }),

/***/ 2311:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

"use strict";
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   o: () => (/* binding */ SourceMap)
/* harmony export */ });
/**
 * Maps the parser's UTF-8 byte offsets back to 1-based lines and columns (columns count
 * characters, not bytes, so a multi-byte name before a statement does not shift it).
 */
class SourceMap {
    text;
    bytes;
    /** Byte offset at which each line starts. */
    lineStarts;
    /** Every character is one byte: byte offsets are string offsets (most migrations). */
    ascii;
    constructor(text) {
        this.text = text;
        this.bytes = Buffer.from(text, 'utf8');
        this.ascii = this.bytes.length === text.length;
        this.lineStarts = [0];
        for (let i = this.bytes.indexOf(0x0a); i !== -1; i = this.bytes.indexOf(0x0a, i + 1))
            this.lineStarts.push(i + 1);
    }
    get byteLength() {
        return this.bytes.length;
    }
    /** Text between two byte offsets. */
    slice(byteStart, byteEnd) {
        return this.ascii ? this.text.slice(byteStart, byteEnd) : this.bytes.subarray(byteStart, byteEnd).toString('utf8');
    }
    /** Byte offset of the n-th code point (0-based); Postgres reports error cursors in characters. */
    byteOffsetOfCharacter(characterOffset) {
        let chars = 0;
        let i = 0;
        while (i < this.bytes.length && chars < characterOffset) {
            const b = this.bytes[i];
            i += b < 0x80 ? 1 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4;
            chars++;
        }
        return i;
    }
    position(byteOffset) {
        const offset = Math.max(0, Math.min(byteOffset, this.bytes.length));
        let lo = 0;
        let hi = this.lineStarts.length - 1;
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (this.lineStarts[mid] <= offset)
                lo = mid;
            else
                hi = mid - 1;
        }
        const lineStart = this.lineStarts[lo];
        const column = (this.ascii ? offset - lineStart : this.bytes.subarray(lineStart, offset).toString('utf8').length) + 1;
        return { line: lo + 1, column };
    }
}


/***/ }),

/***/ 9496:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

"use strict";
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   a: () => (/* binding */ WASM_BASELINE_ONLY)
/* harmony export */ });
/* harmony import */ var node_v8__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8877);
/* harmony import */ var node_v8__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_v8__WEBPACK_IMPORTED_MODULE_0__);
/**
 * Imported by parser.ts before libpg-query, which starts compiling its WebAssembly as soon as it
 * is loaded: V8 flags must be set before that.
 *
 * V8 compiles WebAssembly with its baseline compiler (Liftoff) and recompiles hot functions with
 * the optimizing one in the background. The parser is dominated by one very large function
 * (bison's state machine), and within a run of a few seconds recompiling it costs more than it
 * saves: measured on 2 cores (Node 20), parsing 1,000 migrations took 130 ms Liftoff-only against
 * 230 ms with tier-up, and 0.6 s against 1 s for 5,000. The flag only concerns WebAssembly.
 *
 * Set while the process runs (the only way a library can: NODE_OPTIONS refuses it), the flag
 * takes effect on Node 20. Node 24's V8 ignores it then: only `node --liftoff-only` works there
 * (measured on 2 cores, `validate --no-dry-run` on 1,000 files: 0.30 s with it, 0.64 s without).
 */

(0,node_v8__WEBPACK_IMPORTED_MODULE_0__.setFlagsFromString)('--liftoff-only');
/**
 * Whether the parser runs on the baseline compiler only, with no optimizing recompilation in the
 * background: on Node 20 (the flag above), or when node was started with `--liftoff-only`.
 */
const WASM_BASELINE_ONLY = process.versions.node.split('.')[0] === '20' || process.execArgv.includes('--liftoff-only');


/***/ }),

/***/ 6211:
/***/ ((module) => {

function webpackEmptyContext(req) {
	var e = new Error("Cannot find module '" + req + "'");
	e.code = 'MODULE_NOT_FOUND';
	throw e;
}
webpackEmptyContext.keys = () => ([]);
webpackEmptyContext.resolve = webpackEmptyContext;
webpackEmptyContext.id = 6211;
module.exports = webpackEmptyContext;

/***/ })

};
;