#!/usr/bin/env node
// Runs a TypeScript file without a build step: `node bench/run-ts.js <file.ts> [args...]`.
// A require hook compiles each .ts file with the installed `typescript` package's
// transpileModule (types are not checked; `npm run typecheck` does that).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const compilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  sourceMap: false,
  inlineSourceMap: true,
};

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions, fileName: filename });
  module._compile(outputText, filename);
};

const [script, ...args] = process.argv.slice(2);
if (!script) {
  process.stderr.write('usage: node bench/run-ts.js <file.ts> [args...]\n');
  process.exit(2);
}
const resolved = path.resolve(script);
process.argv = [process.argv[0], resolved, ...args];
require(resolved);
