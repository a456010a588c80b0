// What a lint user would run today: eslint-plugin-unicorn's three closest rules, TS through
// @typescript-eslint/parser (no type information), JS through ESLint's own parser.
import tsParser from "@typescript-eslint/parser";
import unicorn from "eslint-plugin-unicorn";

export default [
  {
    files: ["**/*.{js,mjs,cjs,jsx,ts,tsx,mts,cts}"],
    plugins: { unicorn },
    linterOptions: { reportUnusedDisableDirectives: "off" },
    rules: {
      "unicorn/prefer-array-some": "error",
      "unicorn/prefer-array-find": "error",
      "unicorn/prefer-set-has": "error",
    },
  },
  {
    files: ["**/*.{js,mjs,cjs,jsx}"],
    languageOptions: { ecmaVersion: "latest", sourceType: "module" },
  },
  {
    files: ["**/*.{ts,tsx,mts,cts}"],
    languageOptions: { parser: tsParser, ecmaVersion: "latest", sourceType: "module" },
  },
];
