/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
    // ESM-only packages, turned into CommonJS for Jest (see the transformer).
    '/node_modules/@marcbachmann/cel-js/.+\\.js$': '<rootDir>/test/esm-transform.js',
  },
  transformIgnorePatterns: ['/node_modules/(?!@marcbachmann/cel-js/)'],
  setupFilesAfterEnv: ['<rootDir>/test/setup-cdktf.ts'],
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
};
