// Shared Jest set-up for every project. The tier is chosen by file name:
//   *.spec.ts       unit (no I/O)
//   *.int-spec.ts   integration (real Postgres and Redis)
//   *.e2e-spec.ts   end to end (the apps and the simulated QuickBooks)
const path = require('node:path');
const { pathsToModuleNameMapper } = require('./tools/jest/paths');

const patterns = {
  unit: '<rootDir>/**/*.spec.ts',
  integration: '<rootDir>/**/*.int-spec.ts',
  e2e: '<rootDir>/**/*.e2e-spec.ts',
};

function projectConfig(projectDir, tier) {
  return {
    displayName: `${path.basename(projectDir)}:${tier}`,
    rootDir: projectDir,
    testEnvironment: 'node',
    testMatch: [patterns[tier]],
    transform: {
      '^.+\\.ts$': [
        '@swc/jest',
        {
          jsc: {
            parser: { syntax: 'typescript', decorators: true },
            transform: { legacyDecorator: true, decoratorMetadata: true },
            target: 'es2022',
          },
          module: { type: 'commonjs' },
        },
      ],
    },
    moduleFileExtensions: ['ts', 'js', 'json'],
    moduleNameMapper: pathsToModuleNameMapper(),
    testTimeout: tier === 'unit' ? 10000 : 120000,
    passWithNoTests: true,
    // Guard for CI: a worker thread left running by a third-party library (xmllint's WASM
    // worker) must not hang the whole run. Test files still close what they open; remove
    // this once `--detectOpenHandles` stays clean across a full `npm test`.
    forceExit: true,
    reporters: ['default', path.join(__dirname, 'tools/test/summary-reporter.js')],
  };
}

module.exports = { projectConfig };
