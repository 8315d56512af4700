/** Two projects: fast unit specs beside the code, and integration/e2e suites against real services. */
const tsJest = [
  'ts-jest',
  { diagnostics: false, tsconfig: { isolatedModules: true, jsx: 'react-jsx', jsxImportSource: 'preact' } },
];
// A few dependencies ship ESM only (Node 20 requires them natively; Jest's CJS runtime cannot),
// so Jest transpiles just those.
const esmOnly = [
  'file-type',
  'token-types',
  'strtok3',
  'uint8array-extras',
  '@tokenizer/inflate',
  '@borewit/text-codec',
  // @fastify/cookie loads `cookie` (ESM only) with a dynamic import(), which Jest's CJS runtime cannot run.
  '@fastify/cookie',
  'cookie',
];
const shared = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.tsx?$': tsJest,
    [`node_modules/(${esmOnly.join('|')})/.+\\.js$`]: [
      'ts-jest',
      { diagnostics: false, tsconfig: { allowJs: true, isolatedModules: true } },
    ],
  },
  transformIgnorePatterns: [`node_modules/(?!(${esmOnly.join('|')})/)`],
};
module.exports = {
  testTimeout: 30000,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      roots: ['<rootDir>/src', '<rootDir>/libs', '<rootDir>/config'],
      testMatch: ['**/*.spec.ts', '**/*.spec.tsx'],
    },
    {
      ...shared,
      displayName: 'integration',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.e2e-spec.ts', '**/*.int-spec.ts', '**/*.browser-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
