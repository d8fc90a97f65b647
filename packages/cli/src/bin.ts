#!/usr/bin/env node
import { EXIT } from './command';
import { main } from './index';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`migration-gate: ${(err as Error)?.message ?? String(err)}\n`);
    process.exitCode = EXIT.usage;
  },
);
