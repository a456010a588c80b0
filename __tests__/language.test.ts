import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { languageFromCompilerOptions } from "../src/core/language.js";
import { LanguageResolver } from "../src/project/language.js";
import { tempProject } from "./helpers/cli.js";

const ts = { javascript: false };
const js = { javascript: true };

describe("a tsconfig's compilerOptions as lazymod reads them", () => {
  const read = (options: unknown, file = ts) => languageFromCompilerOptions(options, file).settings;

  it("takes the level and the library from `target` when there is no `lib`", () => {
    expect(read({ target: "ES2020" })).toMatchObject({ target: "es2020", lib: ["Array#find"] });
    expect(read({ target: "es2021" })).toMatchObject({ target: "es2021", lib: ["Array#find"] });
    expect(read({ target: "es2022" }).lib).toEqual(["Array#find", "Object.hasOwn"]);
    expect(read({ target: "ES2023" })).toMatchObject({ target: "es2023" });
    expect(read({ target: "es2023" }).lib).toContain("Array#findLast");
    expect(read({ target: "es2024" }).target).toBe("es2024");
    expect(read({ target: "ESNext" }).target).toBe("es2025");
  });

  it("lets `lib` decide what the checker accepts: lib es2020 has no Object.hasOwn (TS2550)", () => {
    expect(read({ target: "es2022", lib: ["es2020", "dom"] })).toMatchObject({
      target: "es2020",
      lib: ["Array#find"],
    });
    // A component library adds its methods alone.
    expect(read({ target: "es2022", lib: ["es2022", "es2023.array"] }).lib).toEqual([
      "Array#find",
      "Object.hasOwn",
      "Array#findLast",
    ]);
    expect(read({ lib: ["ES2015.Core", "es5"] }).lib).toEqual(["Array#find"]);
  });

  it("treats a level below es2020 as es2020, keeping the exact library (ES5 has no `find`)", () => {
    expect(read({ target: "es2015" })).toMatchObject({ target: "es2020", lib: ["Array#find"] });
    expect(read({ target: "es6" }).lib).toEqual(["Array#find"]);
    expect(read({ target: "es2019", lib: ["es2019"] }).target).toBe("es2020");
    expect(read({ target: "es5" })).toMatchObject({ target: "es2020", lib: [] });
    // TypeScript 5's default target is ES5, and so its default library.
    expect(read({ strict: true })).toMatchObject({ target: "es2020", lib: [] });
  });

  it("reads strictNullChecks (from `strict` unless set), noUncheckedIndexedAccess and checkJs", () => {
    expect(read({ target: "es2022" })).toMatchObject({
      strictNullChecks: false,
      noUncheckedIndexedAccess: false,
      checkJs: false,
    });
    expect(read({ target: "es2022", strict: true }).strictNullChecks).toBe(true);
    expect(read({ target: "es2022", strict: true, strictNullChecks: false }).strictNullChecks).toBe(
      false,
    );
    expect(read({ target: "es2022", noUncheckedIndexedAccess: true, checkJs: true })).toMatchObject(
      { noUncheckedIndexedAccess: true, checkJs: true },
    );
  });

  it("gives a JavaScript file that nothing type-checks the default level when no level is stated", () => {
    // A jsconfig.json that only maps paths (as Next.js writes one) says nothing of the level.
    const reading = languageFromCompilerOptions({ baseUrl: "." }, js);
    expect(reading.statesLevel).toBe(false);
    expect(reading.settings).toMatchObject({ target: "es2022" });
    expect(read({ target: "es2020" }, js).target).toBe("es2020");
    // With checkJs, TypeScript's own default applies.
    expect(read({ checkJs: true }, js).lib).toEqual([]);
  });

  it("rejects what TypeScript would, with the reason", () => {
    expect(() => read({ target: "es2099x" })).toThrow(/"compilerOptions.target" "es2099x"/);
    expect(() => read({ target: 2020 })).toThrow(/is not an ES target/);
    expect(() => read({ lib: "es2020" })).toThrow(/"compilerOptions.lib" is not an array/);
    expect(() => read({ strict: "yes" })).toThrow(/"compilerOptions.strict" is not a boolean/);
    expect(() => read([])).toThrow(/"compilerOptions" is not an object/);
  });
});

describe("finding each file's tsconfig.json or jsconfig.json", () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  function project(files: Record<string, string>) {
    const made = tempProject(files);
    cleanup = made.cleanup;
    const resolver = new LanguageResolver(made.dir);
    const of = (file: string) => resolver.languageOf(path.join(made.dir, file));
    return { ...made, resolver, of };
  }

  it("uses the nearest config, following `extends` through JSON with comments and trailing commas", async () => {
    const { of } = project({
      "tsconfig.base.json": `{
        // shared by every package
        "compilerOptions": { "strict": true, "lib": ["es2020", "dom"], },
      }`,
      "packages/a/tsconfig.json": `{ "extends": "../../tsconfig.base.json", /* c */ }`,
      "packages/a/src/x.ts": "",
      "packages/b/tsconfig.json": `{ "compilerOptions": { "target": "es2023" } }`,
      "packages/b/x.ts": "",
    });
    expect((await of("packages/a/src/x.ts")).language).toMatchObject({
      target: "es2020",
      lib: ["Array#find"],
      strictNullChecks: true,
      from: "packages/a/tsconfig.json",
      tsconfig: "packages/a/tsconfig.json",
    });
    expect((await of("packages/b/x.ts")).language).toMatchObject({
      target: "es2023",
      strictNullChecks: false,
      from: "packages/b/tsconfig.json",
    });
  });

  it("follows `extends` into a package in node_modules", async () => {
    const { of } = project({
      "node_modules/@acme/tsconfig/package.json": `{ "name": "@acme/tsconfig", "version": "1.0.0" }`,
      "node_modules/@acme/tsconfig/base.json": `{ "compilerOptions": { "target": "es2021", "noUncheckedIndexedAccess": true } }`,
      "tsconfig.json": `{ "extends": "@acme/tsconfig/base.json", "compilerOptions": { "strict": true } }`,
      "src/x.ts": "",
    });
    expect((await of("src/x.ts")).language).toMatchObject({
      target: "es2021",
      noUncheckedIndexedAccess: true,
      strictNullChecks: true,
      from: "tsconfig.json",
    });
  });

  it("prefers tsconfig.json to a jsconfig.json beside it, and the nearer of the two otherwise", async () => {
    const { of } = project({
      "tsconfig.json": `{ "compilerOptions": { "target": "es2021", "allowJs": true } }`,
      "jsconfig.json": `{ "compilerOptions": { "target": "es2023" } }`,
      "a.js": "",
      "web/jsconfig.json": `{ "compilerOptions": { "target": "es2020" } }`,
      "web/b.js": "",
    });
    expect((await of("a.js")).language).toMatchObject({ target: "es2021", from: "tsconfig.json" });
    expect((await of("web/b.js")).language).toMatchObject({
      target: "es2020",
      from: "web/jsconfig.json",
    });
  });

  it("picks the referenced project of a solution-style tsconfig that includes the file", async () => {
    const { of } = project({
      "tsconfig.json": `{ "files": [], "references": [{ "path": "./tsconfig.app.json" }, { "path": "./tsconfig.node.json" }] }`,
      "tsconfig.app.json": `{ "compilerOptions": { "target": "ES2020", "lib": ["ES2020", "DOM"], "strict": true }, "include": ["src"] }`,
      "tsconfig.node.json": `{ "compilerOptions": { "target": "ES2023", "lib": ["ES2023"] }, "include": ["vite.config.ts"] }`,
      "src/main.ts": "",
      "vite.config.ts": "",
      "scripts/other.ts": "",
    });
    expect((await of("src/main.ts")).language).toMatchObject({
      target: "es2020",
      strictNullChecks: true,
      from: "tsconfig.app.json",
    });
    expect((await of("vite.config.ts")).language).toMatchObject({
      target: "es2023",
      from: "tsconfig.node.json",
    });
    // In no project: TypeScript checks it with no project's options.
    const other = await of("scripts/other.ts");
    expect(other.language).toMatchObject({ target: "es2022", from: "default" });
    expect(other.warning).toBeUndefined();
  });

  it("skips a config that excludes the file (or does not include it) and looks further up", async () => {
    const { of } = project({
      "tsconfig.json": `{ "compilerOptions": { "target": "es2021" } }`,
      "app/tsconfig.json": `{ "compilerOptions": { "target": "es2023" }, "include": ["src"], "exclude": ["src/generated"] }`,
      "app/src/a.ts": "",
      "app/src/generated/b.ts": "",
      "app/test/c.ts": "",
      "app/src/d.js": "",
    });
    expect((await of("app/src/a.ts")).language.from).toBe("app/tsconfig.json");
    expect((await of("app/src/generated/b.ts")).language.from).toBe("tsconfig.json");
    expect((await of("app/test/c.ts")).language.from).toBe("tsconfig.json");
    // Without allowJs a tsconfig includes no JavaScript file; the root one does not either.
    expect((await of("app/src/d.js")).language.from).toBe("default");
  });

  it("gives a broken tsconfig one warning naming the file and the reason, then the default", async () => {
    const { of } = project({
      "bad-json/tsconfig.json": `{ "compilerOptions": { "target": "es2020" } "strict": true }`,
      "bad-json/a.ts": "",
      "bad-extends/tsconfig.json": `{ "extends": "./missing.json" }`,
      "bad-extends/a.ts": "",
      "bad-package/tsconfig.json": `{ "extends": "@acme/not-installed" }`,
      "bad-package/a.ts": "",
      "bad-target/tsconfig.json": `{ "compilerOptions": { "target": "es2099x" } }`,
      "bad-target/a.ts": "",
      "bad-reference/tsconfig.json": `{ "files": [], "references": [{ "path": "./lib" }] }`,
      "bad-reference/a.ts": "",
    });
    const badJson = await of("bad-json/a.ts");
    expect(badJson.language).toMatchObject({ target: "es2022", strictNullChecks: true });
    expect(badJson.language.from).toBe("default");
    expect(badJson.warning).toMatch(
      /^bad-json\/tsconfig\.json: not valid JSON \(.+ at line 1, column 45\); its files are rewritten at the default level \(es2022, strictNullChecks assumed on\)$/,
    );
    expect((await of("bad-extends/a.ts")).warning).toMatch(
      /^bad-extends\/tsconfig\.json: "extends": "\.\/missing\.json" does not resolve/,
    );
    expect((await of("bad-package/a.ts")).warning).toMatch(
      /^bad-package\/tsconfig\.json: "extends": "@acme\/not-installed" does not resolve/,
    );
    expect((await of("bad-target/a.ts")).warning).toMatch(
      /^bad-target\/tsconfig\.json: "compilerOptions\.target" "es2099x" is not an ES target/,
    );
    expect((await of("bad-reference/a.ts")).warning).toMatch(
      /^bad-reference\/lib\/tsconfig\.json: no such file/,
    );
  });

  it("keeps the tsconfig's strictness under an explicit target, and uses the defaults with no config", async () => {
    const made = tempProject({
      "tsconfig.json": `{ "compilerOptions": { "lib": ["es2020"], "strict": false } }`,
      "a.ts": "",
      "none/b.ts": "",
    });
    cleanup = made.cleanup;
    const explicit = new LanguageResolver(made.dir, { target: "es2023", from: "--target" });
    expect((await explicit.languageOf(path.join(made.dir, "a.ts"))).language).toMatchObject({
      target: "es2023",
      lib: ["Array#find", "Object.hasOwn", "Array#findLast"],
      strictNullChecks: false,
      from: "--target",
      tsconfig: "tsconfig.json",
    });
    // A temporary directory of its own, with no tsconfig.json above it.
    const outside = tempProject({ "c.ts": "" });
    try {
      const plain = new LanguageResolver(outside.dir);
      expect((await plain.languageOf(path.join(outside.dir, "c.ts"))).language).toEqual({
        target: "es2022",
        lib: ["Array#find", "Object.hasOwn"],
        strictNullChecks: true,
        noUncheckedIndexedAccess: false,
        checkJs: false,
        from: "default",
      });
    } finally {
      outside.cleanup();
    }
  });

  it("reads a tsconfig once per run however many files it covers", async () => {
    const { dir, resolver } = project({
      "tsconfig.json": `{ "compilerOptions": { "target": "es2021" } }`,
    });
    for (let i = 0; i < 50; i++) writeFileSync(path.join(dir, `f${i}.ts`), "");
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => resolver.languageOf(path.join(dir, `f${i}.ts`))),
    );
    expect(new Set(results.map((r) => r.language.target))).toEqual(new Set(["es2021"]));
    // Changing the file now does not change this run's answer: it was read once.
    writeFileSync(path.join(dir, "tsconfig.json"), `{ "compilerOptions": { "target": "es2023" } }`);
    expect((await resolver.languageOf(path.join(dir, "f0.ts"))).language.target).toBe("es2021");
  });
});
