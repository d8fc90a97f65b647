/**
 * Imported by parser.ts before libpg-query, which starts compiling its WebAssembly as soon as it
 * is loaded: V8 flags must be set before that.
 *
 * V8 compiles WebAssembly with its baseline compiler (Liftoff) and recompiles hot functions with
 * the optimizing one in the background. The parser is dominated by one very large function
 * (bison's state machine), and within a run of a few seconds recompiling it costs more than it
 * saves: measured on 2 cores (Node 20), parsing 1,000 migrations took 130 ms Liftoff-only against
 * 230 ms with tier-up, and 0.6 s against 1 s for 5,000. The flag only concerns WebAssembly.
 */
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--liftoff-only');
