import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseForeignFunction } from "../src/core/foreign-function.js";
import type { RunResult } from "../src/core/result.js";
import type { Change } from "../src/core/types.js";
import { run } from "../src/runner/run.js";
import { transforms } from "../transforms/index.js";
import { lazymod } from "./helpers/cli.js";

/**
 * The array family in a project-aware run, on fixture projects whose receivers, callbacks and
 * collections are typed in other files (an interface, a `.d.ts`, a class with its own `filter`, a
 * callback module): each proof takes the place of the factor the file-local run raises, each
 * refutation leaves the code alone, and where types cannot say the file-local judgement stands.
 */

const PROJECTS = path.resolve(import.meta.dirname, "fixtures/projects");
const RECEIVERS = path.join(PROJECTS, "array-receivers");
const LANGUAGE = path.join(PROJECTS, "array-language");

let typed: RunResult;
let local: RunResult;

beforeAll(async () => {
  const options = { transforms, cwd: RECEIVERS, paths: ["src"], maxRisk: 100 };
  typed = await run({ ...options, types: true });
  local = await run({ ...options, types: false });
}, 120_000);

function changesIn(result: RunResult, file: string): Change[] {
  return result.files.find((f) => f.path === file)?.changes ?? [];
}

/** The change reported on a line of a file (exactly one). */
function changeAt(result: RunResult, file: string, line: number): Change {
  const found = changesIn(result, file).filter((c) => c.line === line);
  expect(found, `${file}:${line}`).toHaveLength(1);
  return found[0]!;
}

const factorIds = (change: Change) => change.risk.factors.map((f) => f.id).sort();
const proofIds = (change: Change) => (change.risk.proofs ?? []).map((p) => p.id).sort();
const proofReason = (change: Change, id: string) =>
  change.risk.proofs?.find((p) => p.id === id)?.reason;

describe("receivers typed in another file", () => {
  const sites: Array<[line: number, transform: string, type: string]> = [
    [5, "prefer-array-some", "receiver `store.items` is `Item[]` (types)"],
    [10, "prefer-array-find", "receiver `catalog.products` is `Item[]` (types)"],
    [15, "prefer-array-every", "receiver `store.pair` is `[Item, Item]` (types)"],
    [19, "prefer-some-over-map", "receiver `store.tags` is `readonly string[]` (types)"],
    [23, "prefer-array-some", "receiver `store.mixed` is `Item[] | readonly Item[]` (types)"],
    [27, "prefer-array-some", "receiver `items` is `T`, an `Item[]` (types)"],
    [
      31,
      "prefer-array-some",
      'receiver `ids` is `readonly number[] & { readonly brand: "ids"; }` (types)',
    ],
  ];

  it.each(sites)(
    "proved-receivers.ts:%i (%s): receiver-is-array takes the place of receiver-not-provably-array",
    (line, transform, reason) => {
      const withTypes = changeAt(typed, "src/proved-receivers.ts", line);
      const fileLocal = changeAt(local, "src/proved-receivers.ts", line);
      expect(withTypes.transform).toBe(transform);
      expect(factorIds(fileLocal)).toContain("receiver-not-provably-array");
      expect(factorIds(withTypes)).not.toContain("receiver-not-provably-array");
      expect(proofIds(withTypes)).toEqual(["receiver-is-array"]);
      expect(proofReason(withTypes, "receiver-is-array")).toBe(reason);
      // The proof changes the judgement, never the rewrite.
      expect(withTypes.replacement).toBe(fileLocal.replacement);
      expect(withTypes.status).toBe("apply");
    },
  );

  it("proves a JSDoc-typed receiver in a JavaScript file the program reads", () => {
    const change = changeAt(typed, "src/proved-jsdoc.js", 3);
    expect(proofIds(change)).toEqual(["receiver-is-array"]);
    expect(factorIds(change)).toEqual([]);
    expect(factorIds(changeAt(local, "src/proved-jsdoc.js", 3))).toEqual([
      "receiver-not-provably-array",
    ]);
  });

  it("leaves alone a class, an interface and an Immutable-like list with their own filter/map, and a NodeList", () => {
    expect(changesIn(local, "src/refuted.ts").map((c) => c.transform)).toEqual([
      "prefer-array-some",
      "prefer-array-some",
      "prefer-some-over-map",
    ]);
    expect(changesIn(local, "src/refuted-dom.js")).toHaveLength(1);
    expect(changesIn(typed, "src/refuted.ts")).toEqual([]);
    expect(changesIn(typed, "src/refuted-dom.js")).toEqual([]);
  });

  it("keeps the file-local judgement where the type is `any` (an unresolved import, JSON.parse)", () => {
    for (const line of [4, 8]) {
      const change = changeAt(typed, "src/unknown.ts", line);
      expect(factorIds(change)).toEqual(["receiver-not-provably-array"]);
      expect(change.risk.proofs).toBeUndefined();
    }
  });
});

describe("callbacks passed by reference, declared in another file", () => {
  const cases: Array<[line: number, factors: string[], proofs: string[]]> = [
    [5, [], ["callback-is-pure", "receiver-is-array"]],
    [6, ["callback-side-effects"], ["receiver-is-array"]],
    [7, ["callback-may-throw"], ["callback-is-pure", "receiver-is-array"]],
    [8, [], ["callback-is-pure", "receiver-is-array"]], // a method of a const object literal
    [9, [], ["callback-is-pure", "receiver-is-array"]], // a static method
    [10, ["callback-by-reference"], ["receiver-is-array"]], // an instance method: may be overridden
    [11, ["callback-by-reference"], ["receiver-is-array"]], // a `let`: may be reassigned
    [12, ["callback-by-reference"], ["receiver-is-array"]], // declared in a .d.ts only
    [13, [], ["callback-is-pure", "receiver-is-array"]], // an inline callback calling one
    [14, [], ["callback-is-pure", "receiver-is-array"]], // prefer-array-every
    [16, [], ["callback-is-pure", "receiver-is-array"]], // prefer-array-find
    [19, ["callback-side-effects"], ["receiver-is-array"]], // an inline callback calling one
  ];

  it.each(cases)("callbacks.ts:%i raises %j and proves %j", (line, factors, proofs) => {
    const change = changeAt(typed, "src/callbacks.ts", line);
    expect(factorIds(change)).toEqual(factors);
    expect(proofIds(change)).toEqual(proofs);
  });

  it("names the effects and the file they were found in", () => {
    const impure = changeAt(typed, "src/callbacks.ts", 6);
    expect(impure.risk.factors[0]!.reason).toContain(
      "`checked++` in `countOpen` of src/lib/rules.ts",
    );
    expect(changeAt(typed, "src/callbacks.ts", 19).risk.factors[0]!.reason).toContain(
      "calls `countOpen(…)` in src/lib/rules.ts (`checked++`)",
    );
    const throws = changeAt(typed, "src/callbacks.ts", 7);
    expect(throws.risk.factors[0]!.reason).toContain(
      "`JSON.parse(…)` in `hasMeta` of src/lib/rules.ts",
    );
    const pure = changeAt(typed, "src/callbacks.ts", 5);
    expect(proofReason(pure, "callback-is-pure")).toMatch(
      /^the callback `isOpen` of src\/lib\/rules\.ts was read \(types\)/,
    );
  });

  it("file by file, each of them is a callback by reference (or a call to an unknown function)", () => {
    for (const line of [5, 6, 7, 8, 9, 14, 16])
      expect(factorIds(changeAt(local, "src/callbacks.ts", line))).toContain(
        "callback-by-reference",
      );
    expect(factorIds(changeAt(local, "src/callbacks.ts", 13))).toContain("callback-side-effects");
  });
});

describe("Sets and Maps from another file (prefer-has)", () => {
  it("rewrites a copy of a Set or a Map's keys only where the checker proves the collection", () => {
    const changes = changesIn(typed, "src/collections.ts");
    expect(changes.map((c) => [c.line, proofIds(c), c.replacement])).toEqual([
      [4, ["collection-is-set"], "seen.has(v)"],
      [5, ["collection-is-map"], "cache.has(k)"],
      [6, ["collection-is-set"], "frozen.has(n)"],
    ]);
    // An array (`names`) and a string (`text`) have no `has`: lines 7 and 8 stay as they are.
    expect(changesIn(local, "src/collections.ts")).toEqual([]);
  });

  it("builds a program for a file whose only candidates need one", () => {
    expect(typed.types?.files).toBe(9);
    expect(typed.files.find((f) => f.path === "src/collections.ts")?.typeChecked).toBe(true);
  });
});

describe("nullability and NaN from the program", () => {
  it("needs no `!` where the use accepts undefined, or the element was `T | undefined` already", () => {
    for (const [line, fits] of [
      [3, "`s.items.filter((i) => i.open)[0]` is used where `undefined` is accepted"],
      [6, "`s.sparse.filter((i) => i?.open)[0]` is already `Item | undefined`"],
    ] as const) {
      const withTypes = changeAt(typed, "src/nullability.ts", line);
      const fileLocal = changeAt(local, "src/nullability.ts", line);
      expect(factorIds(fileLocal)).toContain("non-null-assertion");
      expect(fileLocal.replacement).toMatch(/\)!$/);
      expect(factorIds(withTypes)).toEqual([]);
      expect(proofIds(withTypes)).toEqual(["receiver-is-array", "result-type-fits"]);
      expect(proofReason(withTypes, "result-type-fits")).toMatch(new RegExp(`^${escape(fits)}`));
      expect(withTypes.replacement).not.toContain("!");
    }
  });

  it("raises no nan-semantics for a value the checker types as a string", () => {
    const withTypes = changeAt(typed, "src/nullability.ts", 9);
    expect(factorIds(changeAt(local, "src/nullability.ts", 9))).toContain("nan-semantics");
    expect(factorIds(withTypes)).toEqual([]);
    expect(proofReason(withTypes, "value-not-nan")).toMatch(/^`query` is `string` \(types\)/);
  });

  it("counts the proofs by kind in the summary", () => {
    expect(typed.summary.byProof).toEqual({
      "receiver-is-array": 24,
      "callback-is-pure": 7,
      "collection-is-set": 2,
      "collection-is-map": 1,
      "result-type-fits": 2,
      "value-not-nan": 1,
    });
    expect(local.summary.byProof).toEqual({});
  });
});

describe("the type-check gate after a proof", () => {
  it("holds back `.find(…).name` that would not compile, though the receiver is proved", async () => {
    const options = {
      transforms,
      cwd: RECEIVERS,
      paths: ["src/gate.ts"],
      maxRisk: 100,
      settings: { nonNullAssertions: false },
    };
    const withTypes = await run({ ...options, types: true });
    const [change] = changesIn(withTypes, "src/gate.ts");
    expect(proofIds(change!)).toEqual(["receiver-is-array"]);
    expect(factorIds(change!)).toEqual(["adds-type-error", "result-type-widens"]);
    expect(change!.risk.factors.find((f) => f.id === "adds-type-error")!.reason).toMatch(
      /\(TS2532: Object is possibly 'undefined'\.\)/,
    );
    expect(change!.status).toBe("held");
    expect(withTypes.summary.typeErrors).toBe(1);
    // File by file nothing stops it at --max-risk 100.
    const fileLocal = await run({ ...options, types: false });
    expect(changesIn(fileLocal, "src/gate.ts")[0]!.status).toBe("apply");
  });

  it("writes every proved change, and the project still compiles (checked by the gate)", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "lazymod-array-"));
    try {
      cpSync(RECEIVERS, dir, { recursive: true });
      const result = lazymod(["src", "--write"], dir);
      expect(result.code, result.stderr).toBe(0);
      expect(readFileSync(path.join(dir, "src/collections.ts"), "utf8")).toContain(
        "export const hasSeen = (v: string) => seen.has(v);",
      );
      expect(readFileSync(path.join(dir, "src/callbacks.ts"), "utf8")).toContain(
        "export const pure = (s: Store) => s.items.some(isOpen);",
      );
      // Not proved pure: held back above the default --max-risk.
      expect(readFileSync(path.join(dir, "src/callbacks.ts"), "utf8")).toContain(
        "s.items.filter(countOpen).length > 0",
      );
      expect(result.stdout).toMatch(/✓ receiver-is-array: receiver `store\.items` is `Item\[\]`/);
      expect(result.stdout).toMatch(/0 held back for a type error/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the language level from the program", () => {
  it("writes no findLast the program's library lacks, whatever the target says", async () => {
    const options = { transforms, cwd: LANGUAGE, paths: ["src"], target: "es2023" as const };
    const fileLocal = await run({ ...options, types: false });
    expect(changesIn(fileLocal, "src/last.ts").map((c) => c.replacement)).toEqual([
      'events.findLast((e) => e.kind === "open")',
    ]);
    const withTypes = await run({ ...options, types: true });
    expect(changesIn(withTypes, "src/last.ts")).toEqual([]);
    expect(withTypes.types?.programs).toBe(1);
  });
});

describe("functions of other files are parsed once per text", () => {
  it("reuses a parsed file while its text is the same, and parses it again when it changes", () => {
    const source = "export function isOpen(x: { open: boolean }) {\n  return x.open;\n}\n";
    const range = { start: source.indexOf("export"), end: source.indexOf("}\n", 60) + 1 };
    const first = parseForeignFunction({ path: "src/a.ts", source, ...range });
    const again = parseForeignFunction({ path: "src/a.ts", source, ...range });
    expect(first?.fn.type).toBe("FunctionDeclaration");
    expect(again?.ctx).toBe(first?.ctx);
    const changed = source.replace("x.open", "x.open === true");
    const other = parseForeignFunction({
      path: "src/a.ts",
      source: changed,
      start: 0,
      end: changed.lastIndexOf("}") + 1,
    });
    expect(other?.ctx).not.toBe(first?.ctx);
    expect(other?.ctx.text(other.fn)).toContain("x.open === true");
  });

  it("gives no function for a file that does not parse", () => {
    expect(
      parseForeignFunction({ path: "src/b.ts", source: "function (", start: 0, end: 10 }),
    ).toBe(undefined);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
