const { existsSync, readdirSync, readFileSync } = require('node:fs');
const path = require('node:path');

/**
 * Packages published as ES modules only ("type": "module"). Jest's CommonJS runtime cannot load
 * them as they are, so they are transformed to CommonJS (ts-jest's transpiler, already used for
 * the tests) instead of being skipped like every other dependency. The list is read from
 * node_modules, so a dependency that becomes ESM-only in an upgrade needs no change here.
 */
function esmOnlyPackages(nodeModules = path.join(__dirname, 'node_modules'), found = new Set()) {
  if (!existsSync(nodeModules)) return found;
  for (const entry of readdirSync(nodeModules)) {
    if (entry.startsWith('.')) continue;
    const folders = entry.startsWith('@') ? readdirSync(path.join(nodeModules, entry)).map((name) => `${entry}/${name}`) : [entry];
    for (const name of folders) {
      const manifest = path.join(nodeModules, name, 'package.json');
      if (!existsSync(manifest)) continue;
      if (JSON.parse(readFileSync(manifest, 'utf8')).type === 'module') found.add(name);
      esmOnlyPackages(path.join(nodeModules, name, 'node_modules'), found);
    }
  }
  return found;
}

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
    '^.+\\.js$': ['ts-jest', { diagnostics: false }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(?:${[...esmOnlyPackages()].map(escapeRegExp).join('|')})/)`],
  resolver: '<rootDir>/test/support/jest-resolver.js',
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60000,
};
