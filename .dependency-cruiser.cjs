/**
 * Module boundaries the build checks (`npm run deps:check`).
 *
 * The cruise covers src, libs, config and test (see package.json); paths below are relative to the
 * repository root. In a `to` path, `$1` is what the `from` path's first group matched: "the same module".
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-foreign-entities',
      comment:
        "A module reads and writes another module's tables through that module's service, never through its TypeORM " +
        'entities: otherwise the owner cannot change its schema, invariants or audit trail without breaking strangers. ' +
        '`import type` is allowed (a type is erased at compile time and carries no repository access); a plain ' +
        '`import { Entity }` is not, even if only used as a type: write `import type` for that.',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/' },
      to: {
        path: '^src/modules/[^/]+/entities/',
        pathNot: '^src/modules/$1/',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'no-foreign-internals',
      comment:
        "A module's use-cases and DTOs are its own: use-cases are driven through its service/controller, DTOs are its " +
        'HTTP contract and change with it. Another module that needs them should get a service method or a shared type.',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/' },
      to: {
        path: '^src/modules/[^/]+/(use-cases|dto)/',
        pathNot: '^src/modules/$1/',
      },
    },
    {
      name: 'no-pages-in-modules',
      comment:
        'The web pages (src/web) are a face of the modules, like the API controllers: they call module services. A ' +
        'module never imports a page, so every rule stays in a module and the pages can change without touching one.',
      severity: 'error',
      from: { path: '^src/(modules|common)/' },
      to: { path: '^src/web/' },
    },
    {
      name: 'no-entities-in-pages',
      comment:
        "Pages read and change records through the modules' services (what the API controllers call), never through " +
        'their TypeORM entities (`import type` of an entity is fine).',
      severity: 'error',
      from: { path: '^src/web/' },
      to: { path: '^src/modules/[^/]+/entities/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-fixtures-in-product',
      comment:
        'Test data and test helpers live in test/ (and *.fixture.ts files, which should not exist any more) and are ' +
        'not built into dist (tsconfig.build.json leaves them out): product code that imports them breaks the build ' +
        'or ships test data. Only *.spec.ts files may use them.',
      severity: 'error',
      from: { path: '^(src|libs|config)/', pathNot: '\\.spec\\.ts$' },
      to: { path: ['\\.fixture\\.ts$', '^test/'] },
    },
    {
      name: 'no-circular',
      comment:
        'A cycle between files makes load order matter: under CommonJS one side of the cycle sees the other half ' +
        'initialised (undefined classes in decorators, forwardRef everywhere). Break it with a third file or a type-only ' +
        'import. Cycles with an `import type` edge in them are left alone: that edge is erased at compile time, so there ' +
        'is no cycle at run time (e.g. competition-templates.ts and the templates/*.template.ts files it lists).',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Keeps imports TypeScript would erase (types only), so `import type` is seen and labelled 'type-only'.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
