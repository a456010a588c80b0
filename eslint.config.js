// @ts-check
import js from "@eslint/js";
import { createNodeResolver, importX } from "eslint-plugin-import-x";
import globals from "globals";
import tseslint from "typescript-eslint";

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
);
