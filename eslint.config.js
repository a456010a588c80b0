// @ts-check
import js from "@eslint/js";
import { createNodeResolver, importX } from "eslint-plugin-import-x";
import globals from "globals";
import tseslint from "typescript-eslint";

/**
 * The layers of ../shared/architecture.json, held by ESLint (`npm run lint`, in `npm test`): for
 * the files of a layer, an import whose path matches one of its rules' patterns fails with the
 * rule's reason. (A later config entry replaces an earlier one's options for the same rule, so
 * each layer lists every rule that applies to it.)
 */
const rule = (group, why) => ({ group, message: `layers: ${why}` });
const NO_REGISTRY = rule(
  ["**/transforms/**"],
  "src/ is a library handed its transforms; only the face (cli, index, commands) picks the registry",
);
const NO_COMMAND_LINE = rule(["**/commands/**", "**/cli.js"], "the library knows no command line");
const layer = (files, rules) => ({
  files,
  rules: { "no-restricted-imports": ["error", { patterns: rules }] },
});
const LAYERS = [
  {
    ...layer(["src/**/*.ts"], [NO_REGISTRY]),
    ignores: ["src/cli.ts", "src/index.ts", "src/commands/**"],
  },
  layer(
    ["src/runner/**/*.ts", "src/plan/**/*.ts", "src/project/**/*.ts", "src/adapters/**/*.ts"],
    [NO_REGISTRY, NO_COMMAND_LINE],
  ),
  layer(["src/config.ts", "src/options.ts"], [NO_REGISTRY, NO_COMMAND_LINE]),
  layer(
    ["src/core/**/*.ts"],
    [
      NO_REGISTRY,
      NO_COMMAND_LINE,
      rule(
        ["**/runner/**", "**/reporters/**", "**/plan/**", "**/project/**", "**/adapters/**"],
        "the core is one file in, changes out: no files, workers, reports or plans",
      ),
      rule(
        ["**/config.js", "**/options.js", "**/output.js", "**/signals.js"],
        "the core knows no configuration file or command line",
      ),
    ],
  ),
  layer(
    ["src/ast/**/*.ts", "src/fix/**/*.ts"],
    [
      NO_REGISTRY,
      NO_COMMAND_LINE,
      rule(
        ["**/runner/**", "**/reporters/**", "**/plan/**", "**/project/**"],
        "helpers are tiny node predicates and edit builders",
      ),
    ],
  ),
  layer(
    ["src/reporters/**/*.ts"],
    [
      NO_REGISTRY,
      NO_COMMAND_LINE,
      rule(["**/runner/**", "**/project/**"], "reporters are pure functions of a run's result"),
    ],
  ),
  layer(
    ["transforms/**/*.ts"],
    [
      rule(
        [
          "**/src/runner/**",
          "**/src/reporters/**",
          "**/src/plan/**",
          "**/src/project/**",
          "**/src/commands/**",
          "**/src/cli.js",
          "**/src/index.js",
          "**/src/config.js",
          "**/src/options.js",
        ],
        "a transform sees one AST and returns data: no files, reports, plans or command line",
      ),
    ],
  ),
];

export default tseslint.config(
  {
    // Fixtures and examples are input data for the transforms, not project source.
    ignores: [
      "dist/",
      "node_modules/",
      "coverage/",
      "__testfixtures__/",
      "__tests__/fixtures/",
      "examples/",
      "bench/corpus/",
      ".cache/",
      "bench/cases/",
    ],
  },
  js.configs.recommended,
  { languageOptions: { globals: globals.node } },
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    rules: {
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
  {
    // src/ and transforms/ are what an installed lazymod runs: a package they import (types too)
    // must be in "dependencies", since an install leaves devDependencies out. The rule does not
    // map `sarif` to `@types/sarif`: __tests__/installed-package.test.ts type-checks the .d.ts.
    files: ["src/**/*.ts", "transforms/**/*.ts"],
    plugins: { "import-x": importX },
    settings: { "import-x/resolver-next": [createNodeResolver()] },
    rules: {
      "import-x/no-extraneous-dependencies": [
        "error",
        {
          devDependencies: false,
          optionalDependencies: false,
          peerDependencies: false,
          includeTypes: true,
        },
      ],
    },
  },
  ...LAYERS,
);
