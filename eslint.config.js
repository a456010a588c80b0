// @ts-check
import js from "@eslint/js";
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
);
