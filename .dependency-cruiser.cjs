/**
 * Layering rules (STYLE.md "Layering"), checked by `npm run lint:deps` and by `npm test`.
 *
 * Libraries sit in layers; each may import only the libraries listed for it below (and itself).
 * A library missing from LIB_IMPORTS may import no other library until it is given a place here.
 */

const PLATFORM = ['core', 'database', 'jobs', 'search', 'notifications', 'storage'];

// Domain libraries, lowest first: each may import the platform libraries and those before it.
const DOMAIN_ORDER = [['accounts', 'villages'], ['vendors'], ['certification'], ['catalog'], ['orders'], ['payments'], ['experiences']];

const DOMAIN = DOMAIN_ORDER.flat();

/** lib -> the other @ocop libraries it may import. */
const LIB_IMPORTS = {
  core: [],
  database: ['core'],
  jobs: ['core', 'database'],
  search: ['core', 'database', 'jobs'],
  notifications: ['core', 'database', 'jobs'],
  storage: ['core'],
  ...Object.fromEntries(DOMAIN_ORDER.flatMap((level, i) => level.map((lib) => [lib, [...PLATFORM, ...DOMAIN_ORDER.slice(0, i).flat()]]))),
  // Upper layers, lowest first: the assembly of every adapter, module and entity; the process
  // runner and HTTP glue the apps share; test helpers.
  infra: [...PLATFORM, ...DOMAIN],
  web: [...PLATFORM, ...DOMAIN, 'infra'],
  testing: [...PLATFORM, ...DOMAIN, 'infra', 'web'],
};

const TEST_FILES = '(\\.(spec|e2e-spec|int-spec|browser-spec)\\.ts$|/test/)';
const KNOWN_LIBS = Object.keys(LIB_IMPORTS);
const alt = (names) => names.join('|');

const layerRules = Object.entries(LIB_IMPORTS).map(([lib, allowed]) => ({
  name: `layer-${lib}`,
  severity: 'error',
  comment: allowed.length
    ? `libs/${lib} may import only these libraries: ${allowed.join(', ')}. Anything pointing upward is a domain event.`
    : `libs/${lib} is the bottom layer and imports no other library.`,
  from: { path: `^libs/${lib}/`, pathNot: TEST_FILES },
  to: { path: '^libs/', pathNot: `^libs/(${alt([lib, ...allowed])})/` },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules must not depend on each other in a cycle; turn the upward edge into a domain event.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'Every import must resolve (a missing package, or a path alias not in tsconfig.json).',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'apps-import-libs-by-alias',
      severity: 'error',
      comment: 'Apps import libraries only as @ocop/<lib>, never by a relative path into libs/.',
      from: { path: '^apps/' },
      to: { path: '^libs/', dependencyTypesNot: ['aliased-tsconfig'] },
    },
    {
      name: 'apps-import-lib-entry-only',
      severity: 'error',
      comment: 'Apps see a library only through its src/index.ts.',
      from: { path: '^apps/' },
      to: { path: '^libs/', pathNot: '^libs/[^/]+/src/index\\.ts$' },
    },
    {
      name: 'apps-no-typeorm',
      severity: 'error',
      comment: 'Apps own HTTP and never touch TypeORM; go through a library service.',
      from: { path: '^apps/', pathNot: TEST_FILES },
      to: { path: 'node_modules/(typeorm|@nestjs/typeorm)/' },
    },
    {
      name: 'services-no-typeorm',
      severity: 'error',
      comment:
        'A service owns transactions, never statements: it holds no query, EntityManager or DataSource. Move the statement into the repository, which joins the transaction through Transactions.manager().',
      from: { path: '^libs/[^/]+/src/.*\\.service\\.ts$' },
      to: { path: 'node_modules/(typeorm|@nestjs/typeorm)/' },
    },
    {
      name: 'apps-independent',
      severity: 'error',
      comment: 'One audience app does not import another; only the worker (embedded mode) assembles them.',
      from: { path: '^apps/(storefront|vendor-portal|admin)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'libs-not-to-apps',
      severity: 'error',
      comment: 'Libraries never import from apps.',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'testing-only-in-tests',
      severity: 'error',
      comment: '@ocop/testing is for tests; production code must not import it.',
      from: { path: '^(apps|libs)/', pathNot: `(${TEST_FILES}|^libs/testing/)` },
      to: { path: '^libs/testing/' },
    },
    {
      name: 'prod-not-to-dev-dependency',
      severity: 'error',
      comment: 'The production image has no devDependencies: move the package to dependencies or keep it in tests.',
      from: { path: '^(apps|libs)/', pathNot: `(${TEST_FILES}|^libs/testing/)` },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'lib-has-a-layer',
      severity: 'error',
      comment: 'A new library must be given its place in LIB_IMPORTS in .dependency-cruiser.cjs.',
      from: { path: '^libs/([^/]+)/', pathNot: `^libs/(${alt(KNOWN_LIBS)})/` },
      to: { path: '^libs/', pathNot: '^libs/$1/' },
    },
    {
      name: 'entities-through-lib-index',
      severity: 'error',
      comment: "A library reaches another library's entities only through that library's public index (@ocop/<lib>).",
      from: { path: '^libs/([^/]+)/' },
      to: { path: '^libs/[^/]+/src/.+\\.entity\\.ts$', pathNot: '^libs/$1/' },
    },
    ...layerRules,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|coverage)/' },
    moduleSystems: ['es6', 'cjs'],
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
