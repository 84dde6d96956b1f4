// The lint gate (`npm run lint`): eslint's and typescript-eslint's recommended rules over src/,
// test/ and scripts/, with eslint-config-prettier last so that no rule argues with the formatter
// (prettier --check runs beside eslint, see package.json). Not type-aware: with
// recommendedTypeChecked the run took about four times as long (2 min 18 s against 36 s on a
// shared 2-core machine) for findings mostly about `any` in tests.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** The Node.js globals the plain JavaScript scripts use (TypeScript files get theirs from @types/node). */
const NODE_GLOBALS = Object.fromEntries(
  ['require', 'module', 'exports', '__dirname', '__filename', 'process', 'console', 'Buffer', 'URL', 'performance', 'setTimeout', 'clearTimeout'].map((name) => [name, 'readonly']),
);

export default defineConfig(
  {
    // Build output, dependencies and generated code (scripts/import-crds.js, scripts/generate-topology-validator.js).
    ignores: ['lib/', 'dist/', 'cdktf.out/', 'coverage/', 'node_modules/', 'imports/', 'src/topology/generated/', '**/*.generated.ts', 'test/golden/'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      // Omitting a key by destructuring it next to a rest element (`const { a: _, ...rest } = o`) is the idiom for a copy without it.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: NODE_GLOBALS },
    rules: {
      // The scripts are plain CommonJS that node runs without a build step: require() is how they import.
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // Tests dig into synthesized JSON (cdk8s toJson, cdktf toTerraform) that has no static type; a wrong path fails the assertion.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { sourceType: 'module', globals: NODE_GLOBALS },
  },
  prettier,
);
