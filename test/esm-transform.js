/*
 * Jest transformer for the ESM-only packages meshfleet's code requires (@marcbachmann/cel-js):
 * Jest 29 loads modules as CommonJS, so their `import`/`export` syntax is turned into CommonJS
 * with esbuild (a devDependency). Node itself and the CLI bundle load them unchanged.
 */
'use strict';

const { transformSync } = require('esbuild');

module.exports = {
  process(source, filename) {
    const { code } = transformSync(source, { format: 'cjs', loader: 'js', target: 'node20', sourcefile: filename });
    return { code };
  },
};
