// What a typescript-eslint user runs to have one type-aware rule: `@typescript-eslint/prefer-find`
// (the closest to lazymod's prefer-array-find), every file parsed by @typescript-eslint/parser
// with `parserOptions.projectService`, which opens each file in the project of its nearest
// tsconfig.json and asks that project's TypeScript program for types, as an editor does.
import tsPlugin from "@typescript-eslint/eslint-plugin";
import tsParser from "@typescript-eslint/parser";

export default [
  {
    files: ["**/*.{js,mjs,cjs,jsx,ts,tsx,mts,cts}"],
    plugins: { "@typescript-eslint": tsPlugin },
    linterOptions: { reportUnusedDisableDirectives: "off" },
    languageOptions: {
      parser: tsParser,
      ecmaVersion: "latest",
      sourceType: "module",
      parserOptions: { projectService: true, tsconfigRootDir: process.cwd() },
    },
    rules: { "@typescript-eslint/prefer-find": "error" },
  },
];
