import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { configIgnoreFilter, findConfig, loadConfigFile, validateConfig } from "../src/config.js";
import { UsageError } from "../src/core/errors.js";
import { transforms } from "../transforms/index.js";
import { lazymod, ROOT, tempProject } from "./helpers/cli.js";

/** The registry's transforms, which the configuration may name and configure. */
const context = { transforms };

let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups) cleanup();
  cleanups = [];
});

function project(files: Record<string, string>) {
  const p = tempProject(files);
  cleanups.push(p.cleanup);
  return p;
}

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error("expected a UsageError");
}

async function asyncErrorOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error("expected a UsageError");
}

describe("configuration validation", () => {
  it("accepts every key, resolving risk bands to numbers", () => {
    expect(
      validateConfig(
        {
          transforms: ["prefer-array-some", "prefer-has"],
          maxRisk: "medium",
          target: "es2023",
          ignore: ["generated/", "*.spec.ts"],
          orm: {
            modules: { "@/lib/db": "prisma" },
            receivers: { "this.organizationRepository": "mongoose", "this.users": "typeorm" },
          },
          nonNullAssertions: false,
        },
        "lazymod.config.json",
        context,
      ),
    ).toEqual({
      transforms: ["prefer-array-some", "prefer-has"],
      maxRisk: 59,
      target: "es2023",
      ignore: ["generated/", "*.spec.ts"],
      orm: {
        modules: { "@/lib/db": "prisma" },
        receivers: { "this.organizationRepository": "mongoose", "this.users": "typeorm" },
      },
      nonNullAssertions: false,
    });
    expect(validateConfig({ maxRisk: 30 }, "x", context)).toEqual({ maxRisk: 30 });
  });

  it("names the file and the bad key in every error", () => {
    const cases: Array<[unknown, RegExp]> = [
      [[], /^cfg: must be a JSON object, got an array$/],
      [{ maxrisk: 10 }, /^cfg: unknown key "maxrisk"; did you mean "maxRisk"\? \(known keys: /],
      [{ max_risk: 10 }, /did you mean "maxRisk"/],
      [
        { maxRisk: 101 },
        /^cfg: "maxRisk" must be an integer 0-100 or "low", "medium" or "high", got number 101$/,
      ],
      [{ maxRisk: "extreme" }, /"maxRisk" .* got string "extreme"/],
      [{ maxRisk: 2.5 }, /"maxRisk"/],
      [
        { target: "es5" },
        /^cfg: "target" must be one of "es2020", "es2021", "es2022", "es2023", "es2024", "es2025", got string "es5"$/,
      ],
      [
        { nonNullAssertions: "no" },
        /^cfg: "nonNullAssertions" must be true or false, got string "no"$/,
      ],
      [{ transforms: "prefer-has" }, /^cfg: "transforms" must be an array of transform ids/],
      [
        { transforms: ["prefer-nothing"] },
        /^cfg: "transforms" names unknown transform "prefer-nothing"; available: prefer-array-some/,
      ],
      [{ ignore: ["ok", ""] }, /^cfg: "ignore" must be an array of non-empty glob strings/],
      [{ orm: [] }, /^cfg: "orm" must be an object/],
      [
        { orm: { receiver: {} } },
        /^cfg: unknown key "orm.receiver"; did you mean "orm.receivers"\?/,
      ],
      [{ orm: { receivers: ["this.repo"] } }, /^cfg: "orm.receivers" must be an object such as/],
      [
        { orm: { receivers: { "this.repo": "mongo" } } },
        /^cfg: "orm.receivers" entry "this.repo" must be one of prisma, typeorm, sequelize, mongoose, knex, drizzle, got string "mongo"$/,
      ],
      [{ orm: { modules: { "": "prisma" } } }, /^cfg: "orm.modules" has an empty name/],
    ];
    for (const [value, message] of cases)
      expect(
        errorOf(() => validateConfig(value, "cfg", context)),
        JSON.stringify(value),
      ).toMatch(message);
  });

  it("accepts wrappers and call-chain receivers", () => {
    const receivers = {
      "this.connection.getRepository()": "typeorm",
      "getRepository()": "typeorm",
      "this.#models.get().Student": "sequelize",
      "this?.feedRepository": {
        orm: "mongoose",
        methods: { count: "count", exists: null, select: true, cursor: true },
      },
      "this.auditRepository": { orm: "mongoose" },
    };
    expect(validateConfig({ orm: { receivers } }, "cfg", context)).toEqual({
      orm: {
        receivers: {
          ...receivers,
          "this.auditRepository": { orm: "mongoose", methods: {} },
        },
      },
    });
  });

  it("a receiver key that can never match, or a wrapper that says something impossible, is an error naming it", () => {
    const receivers = (entry: Record<string, unknown>) => ({ orm: { receivers: entry } });
    const wrapper = (methods: unknown, orm = "mongoose") =>
      receivers({ "this.feedRepository": { orm, methods } });
    const cases: Array<[unknown, RegExp]> = [
      [
        receivers({ "this.connection.getRepository(ctx, Entity)": "typeorm" }),
        /^cfg: "orm\.receivers" key "this\.connection\.getRepository\(ctx, Entity\)" is not a receiver pattern: a call is written `\(\)` and matches any arguments/,
      ],
      [
        receivers({ "this.repos[0]": "typeorm" }),
        /^cfg: "orm\.receivers" key "this\.repos\[0\]" is not a receiver pattern: after `this\.repos` comes `\[0\]`/,
      ],
      [
        receivers({ "this. repo": "typeorm" }),
        /^cfg: "orm\.receivers" key "this\. repo" is not a receiver pattern/,
      ],
      [receivers({ ".repo": "typeorm" }), /key "\.repo" is not a receiver pattern: it must start/],
      [receivers({ "super.repo": "typeorm" }), /key "super\.repo" starts with `super`/],
      [
        receivers({ "this.userRepository.find": "typeorm" }),
        /^cfg: "orm\.receivers" key "this\.userRepository\.find" ends in `find`, a typeorm query method, so it names a query, not the receiver it is called on; write "this\.userRepository"$/,
      ],
      [
        receivers({ "prisma.user.findMany()": "prisma" }),
        /ends in `findMany`.*write "prisma\.user"/,
      ],
      [
        receivers({ "this.repo": "typeorm", "this?.repo": "typeorm" }),
        /^cfg: "orm\.receivers" keys "this\.repo" and "this\?\.repo" name the same receiver/,
      ],
      [
        receivers({ "this.feedRepository": 3 }),
        /entry "this\.feedRepository" must be one of prisma, .* or a wrapper such as \{ "orm": "mongoose"/,
      ],
      [
        receivers({ "this.feedRepository": { orm: "mongoose", method: {} } }),
        /^cfg: "orm\.receivers" entry "this\.feedRepository": unknown key "method"; did you mean "methods"\?/,
      ],
      [
        receivers({ "this.feedRepository": { methods: {} } }),
        /entry "this\.feedRepository" needs "orm"/,
      ],
      [
        receivers({ "this.feedRepository": { orm: "mongo" } }),
        /entry "this\.feedRepository": "orm" must be one of prisma/,
      ],
      [wrapper([]), /"methods" must be an object from lazy operations/],
      [
        wrapper({ countDocuments: "count" }),
        /unknown operation "methods\.countDocuments" \(known operations: methods\.exists, /,
      ],
      [wrapper({ cout: "count" }), /did you mean "methods\.count"\?/],
      [
        wrapper({ select: "select" }),
        /"methods\.select": a mongoose select rewrite calls no other method \(it relies on `\.select\(…\)` on the query its `find` returns\); write true/,
      ],
      [
        wrapper({ cursor: "stream" }, "typeorm"),
        /"methods\.cursor": lazymod has no cursor rewrite for typeorm/,
      ],
      [
        wrapper({ count: false }),
        /"methods\.count" must be the wrapper's method name \(a string\), true/,
      ],
      [wrapper({ count: "count()" }), /"methods\.count" must be the name of the wrapper's method/],
    ];
    for (const [value, message] of cases)
      expect(
        errorOf(() => validateConfig(value, "cfg", context)),
        JSON.stringify(value),
      ).toMatch(message);
  });
});

describe("finding the configuration", () => {
  it("reads lazymod.config.json from the working directory or a parent, up to the repository root", async () => {
    const p = project({
      "lazymod.config.json": JSON.stringify({ maxRisk: "low", ignore: ["generated/"] }),
      "packages/app/src/a.ts": "",
    });
    const found = await findConfig(path.join(p.dir, "packages/app"), context);
    expect(found?.file).toBe(path.join(p.dir, "lazymod.config.json"));
    expect(found?.label).toBe("../../lazymod.config.json");
    expect(found?.config).toEqual({ maxRisk: 24, ignore: ["generated/"] });

    // A repository root in between stops the search.
    mkdirSync(path.join(p.dir, "packages/app/.git"));
    expect(await findConfig(path.join(p.dir, "packages/app"), context)).toBeUndefined();
  });

  it('reads package.json\'s "lazymod" key, and ignores a package.json without one', async () => {
    const p = project({
      "package.json": JSON.stringify({ name: "x", lazymod: { target: "es2025" } }),
      "sub/package.json": JSON.stringify({ name: "sub" }),
    });
    const found = await findConfig(path.join(p.dir, "sub"), context);
    expect(found).toMatchObject({ config: { target: "es2025" } });
    expect(found?.label).toBe('../package.json "lazymod"');
  });

  it("refuses two configurations in one directory, and reports bad JSON with the file's name", async () => {
    const both = project({
      "lazymod.config.json": "{}",
      "package.json": JSON.stringify({ lazymod: {} }),
    });
    expect(await asyncErrorOf(findConfig(both.dir, context))).toBe(
      'lazymod.config.json and package.json "lazymod" both configure lazymod; keep one of them',
    );
    const bad = project({ "lazymod.config.json": '{ "maxRisk": 10, }' });
    expect(await asyncErrorOf(findConfig(bad.dir, context))).toMatch(
      /^lazymod\.config\.json: not valid JSON \(.+\); the configuration is JSON only, without comments$/,
    );
    const badKey = project({ "package.json": JSON.stringify({ lazymod: { transfroms: [] } }) });
    expect(await asyncErrorOf(findConfig(badKey.dir, context))).toMatch(
      /^package\.json "lazymod": unknown key "transfroms"/,
    );
    // A broken package.json that does not mention lazymod is not lazymod's business.
    const unrelated = project({ "package.json": "{ not json" });
    expect(await findConfig(unrelated.dir, context)).toBeUndefined();
  });

  it("--config reads the named file, and a package.json there must have the key", async () => {
    const p = project({
      "conf/strict.json": JSON.stringify({ maxRisk: 0 }),
      "package.json": JSON.stringify({ name: "x" }),
    });
    expect((await loadConfigFile("conf/strict.json", p.dir, context)).config).toEqual({
      maxRisk: 0,
    });
    expect(await asyncErrorOf(loadConfigFile("package.json", p.dir, context))).toBe(
      'package.json has no "lazymod" key',
    );
    expect(await asyncErrorOf(loadConfigFile("missing.json", p.dir, context))).toBe(
      "missing.json: no such file",
    );
  });

  it("ignore globs are relative to the configuration's directory, gitignore-style", async () => {
    const p = project({});
    writeFileSync(
      path.join(p.dir, "lazymod.config.json"),
      JSON.stringify({ ignore: ["generated/", "*.spec.ts", "src/legacy/**"] }),
    );
    const loaded = (await findConfig(p.dir, context))!;
    const filter = configIgnoreFilter(loaded)!;
    const at = (file: string) => path.join(p.dir, file);
    expect(filter.skipReason).toBe("ignored by lazymod.config.json");
    expect(filter.accepts(at("src/a.ts"))).toBe(true);
    expect(filter.accepts(at("generated/a.ts"))).toBe(false);
    expect(filter.accepts(at("src/generated/deep/a.ts"))).toBe(false);
    expect(filter.accepts(at("src/a.spec.ts"))).toBe(false);
    expect(filter.accepts(at("src/legacy/old.js"))).toBe(false);
    expect(filter.accepts(at("legacy/old.js"))).toBe(true);
  });
});

describe("the command line on a receiver key that can never match", () => {
  it("stops with exit code 2, naming the file and the key, and writes nothing", () => {
    const source = "export const any = [1, 2].filter((x) => x > 1).length > 0;\n";
    const p = project({
      "lazymod.config.json": JSON.stringify({
        orm: { receivers: { "this.connection.getRepository(ctx, Entity)": "typeorm" } },
      }),
      "src/a.ts": source,
    });
    const result = lazymod(["--write"], p.dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^lazymod: lazymod\.config\.json: "orm\.receivers" key "this\.connection\.getRepository\(ctx, Entity\)" is not a receiver pattern/,
    );
    expect(p.read("src/a.ts")).toBe(source);
  });
});

describe("the README's configuration examples", () => {
  it("are valid configurations", () => {
    const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
    const examples = [...readme.matchAll(/```json\n([^]*?)```/g)]
      .map((m) => m[1]!)
      // Configuration examples, not the JSON report's (which records its options too).
      .filter((json) => /"orm"|"maxRisk"/.test(json) && !/"version"/.test(json));
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (const json of examples)
      expect(() => validateConfig(JSON.parse(json), "README.md", context), json).not.toThrow();
  });
});
