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
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--liftoff-only');

/**
 * Whether the parser runs on the baseline compiler only, with no optimizing recompilation in the
 * background: on Node 20 (the flag above), or when node was started with `--liftoff-only`.
 */
export const WASM_BASELINE_ONLY = process.versions.node.split('.')[0] === '20' || process.execArgv.includes('--liftoff-only');
