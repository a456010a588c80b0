import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { RunResult } from "../src/core/result.js";
import { jsonReportData } from "../src/reporters/json.js";
import { stampOf, stampStands } from "../src/runner/file-stamp.js";
import { run, type RunOptions } from "../src/runner/run.js";
import { transforms } from "../transforms/index.js";
import { clocklessJson, lazymod, ROOT, tempProject } from "./helpers/cli.js";
import { initRepository } from "./helpers/review.js";

let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups) cleanup();
  cleanups = [];
});

/**
 * A multi-package repository: two TypeScript packages under one base tsconfig (one imports what
 * its finding's receiver is from another file, one imports a module that does not exist yet),
 * plain JavaScript scripts without a tsconfig, and files with nothing to find.
 */
function monorepo() {
  const quiet = Object.fromEntries(
    Array.from({ length: 12 }, (_, i) => [
      `packages/web/src/quiet${i}.ts`,
      `export const q${i} = ${i};\n`,
    ]),
  );
  const p = tempProject({
    "package.json": '{ "name": "acme", "private": true, "workspaces": ["packages/*"] }\n',
    "tsconfig.base.json":
      '{ "compilerOptions": { "strict": true, "target": "es2022", "module": "esnext", "moduleResolution": "bundler" } }\n',
    "packages/api/tsconfig.json": '{ "extends": "../../tsconfig.base.json", "include": ["src"] }\n',
    "packages/api/src/data.ts": 'export const names: string[] = ["ada"];\n',
    "packages/api/src/users.ts":
      'import { names } from "./data";\nexport const hasAdmin = names.filter((n) => n === "admin").length > 0;\n',
    "packages/api/src/extras.ts":
      'import { extra } from "./extra";\nexport const hasExtra = extra.filter((n: string) => n === "x").length > 0;\n',
    "packages/web/tsconfig.json": '{ "extends": "../../tsconfig.base.json", "include": ["src"] }\n',
    "packages/web/src/app.ts":
      "const xs: number[] = [1, 2];\nexport const big = xs.filter((x) => x > 1).length > 0;\n",
    // No arrow function in the file: the rewrite's arrow follows the formatter's configuration.
    "packages/web/src/style.ts":
      "function double(x: number) {\n  return x * 2;\n}\nexport function has(xs: number[], v: number) {\n  return xs.map(double).includes(v);\n}\n",
    ...quiet,
    "scripts/build.js":
      "const list = [1, 2];\nexport const any = list.filter((x) => x > 1).length > 0;\n",
  });
  cleanups.push(p.cleanup);
  return p;
}

const write = (dir: string, file: string, text: string) => {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), text);
};

/** A run of the registry's transforms, with or without the cache. */
function scan(dir: string, options: Partial<RunOptions> = {}, cached = true): Promise<RunResult> {
  return run({
    transforms,
    cwd: dir,
    types: true,
    ...(cached ? { cache: { location: ".lazymodcache" } } : {}),
    ...options,
  });
}

/** The JSON report, without what depends on the clock. */
function report(result: RunResult) {
  const data = structuredClone(jsonReportData(result)) as {
    summary: Record<string, unknown>;
    types?: Record<string, unknown>;
  };
  delete data.summary.elapsedMs;
  delete data.types?.milliseconds;
  return data;
}

/**
 * What a change to an input does: the run with the cache (made before the change) must equal a
 * run without it, and must differ from the result before the change (else the change proves
 * nothing); returns what the cache reused.
 */
async function afterChange(
  dir: string,
  change: () => void,
  options: Partial<RunOptions> = {},
  changedOptions: Partial<RunOptions> = options,
) {
  const before = report(await scan(dir, options));
  expect((await scan(dir, options)).cache).toMatchObject({ state: "used" });
  change();
  const cached = await scan(dir, changedOptions);
  const fresh = report(await scan(dir, changedOptions, false));
  expect(report(cached)).toEqual(fresh);
  expect(fresh).not.toEqual(before);
  return cached.cache!;
}

describe("--cache", () => {
  it("a warm run's result equals a cold run's, types and all, and reuses every file and program", async () => {
    const p = monorepo();
    const cold = await scan(p.dir);
    expect(cold.cache).toMatchObject({ state: "new", filesReused: 0, programsBuilt: 2 });
    expect(cold.types).toMatchObject({ programs: 2 });
    // Proofs from the other file's types: the judgement the cache must keep.
    expect(report(cold).summary).toMatchObject({ byProof: { "receiver-is-array": 1 } });
    const warm = await scan(p.dir);
    expect(report(warm)).toEqual(report(cold));
    expect(warm.cache).toMatchObject({
      state: "used",
      files: 18,
      filesReused: 18,
      programsReused: 2,
      programsBuilt: 0,
    });
    expect(report(warm)).toEqual(report(await scan(p.dir, {}, false)));
  });

  it("a file's content: only that file is processed again", async () => {
    const p = monorepo();
    const cache = await afterChange(p.dir, () =>
      write(p.dir, "scripts/build.js", "const list = [1, 2];\nexport const none = list.length;\n"),
    );
    expect(cache).toMatchObject({ state: "used", files: 18, filesReused: 17 });
  });

  it.each<[string, Partial<RunOptions>]>([
    ["--max-risk", { maxRisk: 100 }],
    ["--target", { target: "es2020" }],
    ["the transforms", { transforms: transforms.filter((t) => t.id !== "prefer-has") }],
    ["their settings", { settings: { nonNullAssertions: false } }],
    ["--no-types", { types: false }],
    ["--report-unused-ignores", { reportUnusedIgnores: true }],
    ["the configuration", { cache: { location: ".lazymodcache", key: { config: "other" } } }],
  ])("%s: a new cache", async (_name, options) => {
    const p = monorepo();
    await scan(p.dir);
    const changed = await scan(p.dir, options);
    expect(changed.cache).toMatchObject({ state: "rebuilt", filesReused: 0 });
    expect(report(changed)).toEqual(report(await scan(p.dir, options, false)));
  });

  it("another --band selection: files without changes are reused, the others judged again", async () => {
    const p = monorepo();
    await scan(p.dir);
    const medium = { bands: ["medium" as const] };
    const cache = await afterChange(p.dir, () => undefined, {}, medium);
    // The five files with changes are processed again, and their two programs built again.
    expect(cache).toMatchObject({ state: "used", files: 18, filesReused: 13, programsBuilt: 2 });
    // Each selection's results are its own: back to none, the same again.
    const back = await scan(p.dir);
    expect(back.cache).toMatchObject({ filesReused: 13, programsBuilt: 2 });
    expect(report(back)).toEqual(report(await scan(p.dir, {}, false)));
    expect((await scan(p.dir, { bands: ["high", "low"] })).cache).toMatchObject({
      filesReused: 13,
    });
    expect((await scan(p.dir, { bands: ["low", "high"] })).cache).toMatchObject({
      filesReused: 18,
      programsReused: 2,
    });
  });

  it("what a run adds to a reused result (test-code notes) stays out of the cache", async () => {
    const p = monorepo();
    const notes = (result: RunResult) =>
      result.files.flatMap((f) => f.changes.flatMap((c) => c.impact?.notes.map((n) => n.id) ?? []));
    const isTestFile = (file: string) => file.endsWith("app.ts");
    await scan(p.dir, { isTestFile });
    // Reused, with the note added; the cache is saved again (the files' stamps are trusted now).
    expect(notes(await scan(p.dir, { isTestFile }))).toEqual(["test-code"]);
    const without = await scan(p.dir);
    expect(without.cache).toMatchObject({ filesReused: 18 });
    expect(notes(without)).toEqual([]);
  });

  it("a file's tsconfig chain: the files under it are processed again, the others reused", async () => {
    const p = monorepo();
    // es2023 allows findLast; without strictNullChecks `find` needs no `!`: the output differs.
    write(
      p.dir,
      "packages/web/src/last.ts",
      "const xs: number[] = [1, 2];\nexport const last = xs.filter((x) => x > 1).pop();\n",
    );
    const cache = await afterChange(p.dir, () =>
      write(
        p.dir,
        "tsconfig.base.json",
        '{ "compilerOptions": { "strict": true, "target": "es2023", "module": "esnext", "moduleResolution": "bundler" } }\n',
      ),
    );
    // The five parsed files under the base tsconfig miss (users, extras, app, style, last); the
    // prefiltered ones and scripts/ are reused.
    expect(cache.filesReused).toBe(19 - 5);
    expect(cache).toMatchObject({ programsReused: 0 });
  });

  it("the formatting configuration a rewrite asked for: that file is processed again", async () => {
    const p = monorepo();
    const cache = await afterChange(
      p.dir,
      () => write(p.dir, ".prettierrc", '{ "arrowParens": "avoid" }\n'),
      { types: false },
    );
    expect(cache).toMatchObject({ state: "used", files: 18, filesReused: 17 });
  });

  it("a file the program read changed: the program is built again", async () => {
    const p = monorepo();
    const cache = await afterChange(p.dir, () =>
      write(p.dir, "packages/api/src/data.ts", 'export const names: any = ["ada"];\n'),
    );
    // data.ts has no finding (not a root): only its program knew of it.
    expect(cache).toMatchObject({ filesReused: 17, programsReused: 1, programsBuilt: 1 });
  });

  it("a file the program looked for and did not find appears: the program is built again", async () => {
    const p = monorepo();
    const cache = await afterChange(p.dir, () =>
      write(p.dir, "packages/api/src/extra.ts", "export const extra: string[] = [];\n"),
    );
    expect(cache).toMatchObject({ programsReused: 1, programsBuilt: 1 });
  });

  it("a tsconfig TypeScript cannot use: its program's files are judged file by file, warm as cold", async () => {
    const p = monorepo();
    // The language settings read it; TypeScript refuses it: no program holds the web files.
    write(
      p.dir,
      "packages/web/tsconfig.json",
      '{ "extends": "../../tsconfig.base.json", "compilerOptions": { "noSuchOption": true }, "include": ["src"] }\n',
    );
    const cold = await scan(p.dir);
    expect(cold.warnings).toContainEqual(
      expect.stringMatching(
        /^packages\/web\/tsconfig\.json: Unknown compiler option 'noSuchOption'/,
      ),
    );
    // app.ts and style.ts, and scripts/build.js (no tsconfig).
    expect(cold.types).toMatchObject({ programs: 1, fileLocal: 3 });
    const warm = await scan(p.dir);
    expect(report(warm)).toEqual(report(cold));
    expect(warm.cache).toMatchObject({ filesReused: 18, programsReused: 2, programsBuilt: 0 });
    expect(report(cold)).toEqual(report(await scan(p.dir, {}, false)));
    // Written all the same, from the cache the dry runs made: every file a dry run would change.
    const written = await scan(p.dir, { write: true });
    expect(report(written).summary.filesWritten).toBe(report(cold).summary.filesChanged);
    expect(p.read("packages/web/src/app.ts")).toContain("xs.some((x) => x > 1)");
  });

  it("a stamp stands only for a file left alone since well before it was read", () => {
    const p = monorepo();
    const file = path.join(p.dir, "scripts/build.js");
    const info = () => statSync(file, { bigint: true });
    // Just written: not trusted, its content is hashed next time.
    expect(stampOf(info(), Date.now()).trusted).toBe(false);
    const old = new Date(Date.now() - 60_000);
    utimesSync(file, old, old);
    // utimes changed its ctime, which no one can set back: still not trusted now…
    expect(stampOf(info(), Date.now()).trusted).toBe(false);
    // … but it is, read a minute later; and a rewrite of the same size, its mtime put back, is seen.
    const stamp = stampOf(info(), Date.now() + 60_000);
    expect(stamp.trusted).toBe(true);
    expect(stampStands(stamp, info())).toBe(true);
    const size = info().size;
    writeFileSync(file, "x".repeat(Number(size)));
    utimesSync(file, old, old);
    expect(info().size).toBe(size);
    expect(stampStands(stamp, info())).toBe(false);
  });
});

/** The repository as a git work tree (the command line discovers files with git there). */
function repository() {
  const p = monorepo();
  writeFileSync(path.join(p.dir, ".gitignore"), ".lazymodcache*\n");
  initRepository(p.dir);
  return p;
}

describe("--cache on the command line", () => {
  it("warm JSON equals cold JSON; the summary says what was reused; --cache-location and strategy", () => {
    const p = repository();
    const cold = lazymod([".", "--cache", "--format", "json"], p.dir);
    expect(cold.code).toBe(0);
    const warm = lazymod([".", "--cache", "--format", "json"], p.dir);
    expect(clocklessJson(warm.stdout)).toEqual(clocklessJson(cold.stdout));
    expect(clocklessJson(cold.stdout)).toEqual(
      clocklessJson(lazymod([".", "--format", "json"], p.dir).stdout),
    );
    const text = lazymod([".", "--cache"], p.dir);
    expect(text.stdout).toMatch(
      /^Cache: 18 of 18 files reused, 2 of 2 programs reused \(\.lazymodcache\)$/m,
    );
    const content = lazymod([".", "--cache", "--cache-strategy", "content"], p.dir);
    expect(content.stdout).toMatch(
      /^Cache: 18 of 18 files reused, 2 of 2 programs reused \(\.lazymodcache\)$/m,
    );
    // A directory: a file in it named after the working directory.
    mkdirSync(path.join(p.dir, "caches"));
    const inDir = lazymod([".", "--cache", "--cache-location", "caches", "--no-types"], p.dir);
    expect(inDir.stdout).toMatch(
      /^Cache: 0 of 18 files reused \(caches\/\.lazymodcache-[0-9a-f]{12}: a new cache\)$/m,
    );
    expect(readdirSync(path.join(p.dir, "caches"))).toEqual([
      expect.stringMatching(/^\.lazymodcache-[0-9a-f]{12}$/),
    ]);
    // A configuration file is part of the key.
    writeFileSync(path.join(p.dir, "lazymod.config.json"), '{ "maxRisk": 24 }\n');
    expect(lazymod([".", "--cache"], p.dir).stdout).toMatch(
      /^Cache: 0 of 18 files reused, 0 of 2 programs reused \(\.lazymodcache: made anew: lazymod, its options or the configuration changed\)$/m,
    );

    const alone = lazymod([".", "--cache-location", "x"], p.dir);
    expect([alone.code, alone.stderr.split("\n")[0]]).toEqual([
      2,
      "lazymod: --cache-location needs --cache",
    ]);
    const strategy = lazymod([".", "--cache", "--cache-strategy", "mtime"], p.dir);
    expect(strategy.stderr).toMatch(
      /^lazymod: --cache-strategy must be one of metadata, content, got "mtime"/,
    );
    const overSource = lazymod([".", "--cache", "--cache-location", "scripts/build.js"], p.dir);
    expect(overSource.code).toBe(2);
    expect(overSource.stderr).toMatch(/scripts\/build\.js is one of the files being scanned/);
  });

  it("a damaged or foreign cache is not trusted; a foreign one is not replaced either", () => {
    const p = repository();
    const cacheFile = path.join(p.dir, ".lazymodcache");
    const expected = clocklessJson(lazymod([".", "--cache", "--format", "json"], p.dir).stdout);
    const good = readFileSync(cacheFile, "utf8");
    const damage = (text: string, why: RegExp) => {
      writeFileSync(cacheFile, text);
      const result = lazymod([".", "--cache", "--format", "json"], p.dir);
      expect(result.code).toBe(0);
      expect(result.stderr).toMatch(why);
      const data = clocklessJson(result.stdout) as Record<string, unknown>;
      delete data.warnings;
      expect(data).toEqual(expected);
      // Made anew, and whole.
      expect(readFileSync(cacheFile, "utf8").startsWith('{"kind":"lazymod-cache"')).toBe(true);
    };
    // One changed byte in a stored report: the checksum no longer matches.
    damage(
      good.replace('"status":"changed"', '"status":"unchanged"'),
      /lazymod: warning: \.lazymodcache: the cache is damaged \(its checksum does not match its content\): not trusted; it is made anew/,
    );
    damage(good.slice(0, good.length / 2), /the cache is damaged \(its checksum does not match/);
    // The checksum of a body of the wrong shape.
    const body = '{"key":"x","files":{"/a":{"sha256":1}},"programs":{}}';
    const sum = createHash("sha256").update(body).digest("hex");
    damage(
      `{"kind":"lazymod-cache","format":2,"checksum":"sha256:${sum}"}\n${body}`,
      /the cache is damaged \(the entry of \/a has the wrong shape\)/,
    );
    // Someone else's file: neither used nor replaced.
    const eslint = '{"/x.js":{"size":1,"mtime":1}}';
    writeFileSync(cacheFile, eslint);
    const foreign = lazymod([".", "--cache"], p.dir);
    expect(foreign.code).toBe(0);
    expect(foreign.stderr).toContain(
      "lazymod: warning: .lazymodcache is not a lazymod cache: not used, and not replaced (choose another --cache-location)",
    );
    expect(readFileSync(cacheFile, "utf8")).toBe(eslint);
  });

  it("is written whole or not at all: no temporary file left, a place it cannot write is a warning", () => {
    const p = repository();
    mkdirSync(path.join(p.dir, "caches"));
    expect(lazymod([".", "--cache", "--cache-location", "caches/cache"], p.dir).code).toBe(0);
    expect(readdirSync(path.join(p.dir, "caches"))).toEqual(["cache"]);
    expect(readFileSync(path.join(p.dir, "caches/cache"), "utf8")).toMatch(
      /^\{"kind":"lazymod-cache","format":2,"checksum":"sha256:[0-9a-f]{64}"\}\n\{"key":/,
    );
    // Under a file, no directory can be made: the run is done all the same, and says so.
    writeFileSync(path.join(p.dir, "not-a-directory"), "");
    const result = lazymod([".", "--cache", "--cache-location", "not-a-directory/cache"], p.dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /^lazymod: warning: not-a-directory\/cache: the cache was not saved \(a parent is not a directory\)$/m,
    );
    expect(result.stdout).toMatch(
      /^Cache: 0 of 18 files reused, 0 of 2 programs reused \(not-a-directory\/cache: a new cache; not saved \(see the warning\)\)$/m,
    );
  });

  it("--write rewrites the files it would rewrite, cache or not, and the next run sees them", () => {
    const p = repository();
    expect(lazymod([".", "--cache"], p.dir).code).toBe(0);
    const written = lazymod([".", "--cache", "--write"], p.dir);
    expect(written.code).toBe(0);
    expect(p.read("packages/web/src/app.ts")).toContain("xs.some((x) => x > 1)");
    const after = lazymod([".", "--cache", "--format", "json"], p.dir);
    expect(clocklessJson(after.stdout)).toEqual(
      clocklessJson(lazymod([".", "--format", "json"], p.dir).stdout),
    );
  });

  it("the compiler is part of a program's key: the project's own TypeScript instead of lazymod's", () => {
    const p = repository();
    expect(lazymod([".", "--cache"], p.dir).code).toBe(0);
    mkdirSync(path.join(p.dir, "node_modules"));
    symlinkSync(
      path.join(ROOT, "node_modules/typescript"),
      path.join(p.dir, "node_modules/typescript"),
    );
    const changed = lazymod([".", "--cache", "--format", "json"], p.dir);
    expect(JSON.parse(changed.stdout).types.compiler).toBe("TypeScript 5.9.3 (the project's)");
    expect(clocklessJson(changed.stdout)).toEqual(
      clocklessJson(lazymod([".", "--format", "json"], p.dir).stdout),
    );
    expect(lazymod([".", "--cache"], p.dir).stdout).toMatch(
      /^Cache: 18 of 18 files reused, 2 of 2 programs reused \(\.lazymodcache\)$/m,
    );
  });

  it("lazymod's version and its code are part of the key", () => {
    const p = repository();
    // An installed copy of lazymod whose package.json and code can be changed.
    const install = path.join(tmpdir(), `lazymod-install-${process.pid}-${Date.now()}`);
    cleanups.push(() => rmSync(install, { recursive: true, force: true }));
    mkdirSync(install);
    cpSync(path.join(ROOT, "dist"), path.join(install, "dist"), { recursive: true });
    cpSync(path.join(ROOT, "package.json"), path.join(install, "package.json"));
    symlinkSync(path.join(ROOT, "node_modules"), path.join(install, "node_modules"));
    const cli = (args: string[]) => lazymod(args, p.dir, {}, path.join(install, "dist/src/cli.js"));
    const line = (args: string[]) => /^Cache: .*$/m.exec(cli(args).stdout)?.[0];
    expect(line([".", "--cache", "--no-types"])).toBe(
      "Cache: 0 of 18 files reused (.lazymodcache: a new cache)",
    );
    expect(line([".", "--cache", "--no-types"])).toBe(
      "Cache: 18 of 18 files reused (.lazymodcache)",
    );
    const manifest = path.join(install, "package.json");
    writeFileSync(
      manifest,
      readFileSync(manifest, "utf8").replace(/"version": "[^"]*"/, '"version": "9.9.9"'),
    );
    expect(line([".", "--cache", "--no-types"])).toMatch(
      /^Cache: 0 of 18 files reused \(\.lazymodcache: made anew/,
    );
    expect(line([".", "--cache", "--no-types"])).toBe(
      "Cache: 18 of 18 files reused (.lazymodcache)",
    );
    const transform = path.join(install, "dist/transforms/prefer-array-some.js");
    writeFileSync(transform, `${readFileSync(transform, "utf8")}\n// another build\n`);
    expect(line([".", "--cache", "--no-types"])).toMatch(
      /^Cache: 0 of 18 files reused \(\.lazymodcache: made anew/,
    );
    expect(existsSync(path.join(p.dir, ".lazymodcache"))).toBe(true);
  });
});
