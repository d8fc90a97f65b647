/**
 * Jest's CommonJS runtime resolves packages with the `require` condition, so a package that only
 * exports under `import` (@actions/core 3, @actions/github 9 and their @actions/* dependencies)
 * is "not exported". Node >= 20.19 loads such a package with require(esm) and ncc bundles it,
 * but jest has its own module loader: when a package cannot be resolved for `require`, resolve it
 * again with `import` too (jest.config.js transforms ES modules from node_modules to CommonJS).
 * Packages that export under `require` keep resolving to their CommonJS build, as in Node.
 */
'use strict';

const isBareSpecifier = (request) => !request.startsWith('.') && !request.startsWith('/');

module.exports = function resolve(request, options) {
  try {
    return options.defaultResolver(request, options);
  } catch (error) {
    if (!isBareSpecifier(request) || (options.conditions ?? []).includes('import')) throw error;
    try {
      return options.defaultResolver(request, { ...options, conditions: [...(options.conditions ?? []), 'import'] });
    } catch {
      throw error;
    }
  }
};
