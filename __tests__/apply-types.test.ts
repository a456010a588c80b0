import { writeFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { applyPlan } from "../src/plan/apply.js";
import { planText } from "../src/plan/plan.js";
import { parsePlan } from "../src/plan/read.js";
import { run } from "../src/runner/run.js";
import { transforms } from "../transforms/index.js";
import { lazymod } from "./helpers/cli.js";
import { projectCopy, type ProjectCopy } from "./helpers/projects.js";

let copies: ProjectCopy[] = [];
afterEach(() => {
  for (const copy of copies) copy.cleanup();
  copies = [];
});

/** small-app's orders.ts with a second change, on a local array, that nothing can break. */
const ORDERS = `import { loadOrders } from "./model.js";

export function hasOpenOrders(): boolean {
  const orders = loadOrders();
  return orders.filter((order) => order.open).length > 0;
}

export function hasBigOnes(sizes: number[]): boolean {
  return sizes.filter((size) => size > 10).length > 0;
}
`;

/**
 * After the plan was made, `loadOrders` starts returning a collection of the project's own that
 * has `filter` but no `some`: `orders.some(…)` no longer compiles (TS2339).
 */
const MODEL_SINCE = `export interface Order {
  id: string;
  open: boolean;
}

export interface OrderList {
  filter(test: (order: Order) => boolean): Order[];
}

export function loadOrders(): OrderList {
  return { filter: () => [] };
}
`;

/** A copy of small-app, its plan (made with types: both changes proven), read back. */
async function planned() {
  const copy = projectCopy("small-app");
  copies.push(copy);
  copy.write("src/orders.ts", ORDERS);
  const result = await run({ transforms, cwd: copy.dir, types: true });
  const text = planText(result, { paths: ["."], maxRisk: 24 });
  writeFileSync(copy.at("plan.json"), text);
  const plan = parsePlan(text, "plan.json");
  expect(plan.files.flatMap((f) => f.changes).map((c) => c.status)).toEqual(["apply", "apply"]);
  return { copy, plan };
}

describe("lazymod apply type-checks what it writes", () => {
  it("applies a plan whose changes still type-check, and says it checked them", async () => {
    const { copy, plan } = await planned();
    const result = await applyPlan(plan, { cwd: copy.dir, types: true });
    expect(result.files).toEqual([
      expect.objectContaining({ path: "src/orders.ts", status: "applied", applied: 2 }),
    ]);
    expect(result.files[0]).not.toHaveProperty("typeErrors");
    expect(result.types).toMatchObject({ checked: 1, held: 0 });
    expect(result.warnings).toEqual([]);
  });

  it("holds back, naming the error, a change that a type changed since the plan now breaks; applies the rest", async () => {
    const { copy, plan } = await planned();
    copy.write("src/model.ts", MODEL_SINCE);
    const result = await applyPlan(plan, { cwd: copy.dir, types: true });
    expect(result.files).toEqual([
      {
        path: "src/orders.ts",
        status: "applied",
        applied: 1,
        alreadyApplied: 0,
        superseded: 0,
        typeErrors: [
          {
            transform: "prefer-array-some",
            line: 5,
            column: 10,
            error: expect.stringMatching(
              /^TS2339: Property 'some' does not exist on type 'OrderList'\./,
            ),
          },
        ],
      },
    ]);
    expect(result.types).toMatchObject({ checked: 1, held: 1 });
    const written = copy.read("src/orders.ts");
    expect(written).toContain("return orders.filter((order) => order.open).length > 0;");
    expect(written).toContain("return sizes.some((size) => size > 10);");
  });

  it("writes nothing when every change it would bring in adds an error", async () => {
    const { copy, plan } = await planned();
    copy.write("src/model.ts", MODEL_SINCE);
    // The second change applied by hand: only the one that now breaks is left to apply.
    const byHand = ORDERS.replace(
      "sizes.filter((size) => size > 10).length > 0",
      "sizes.some((size) => size > 10)",
    );
    copy.write("src/orders.ts", byHand);
    const result = await applyPlan(plan, { cwd: copy.dir, types: true });
    expect(result.files).toEqual([
      {
        path: "src/orders.ts",
        status: "held",
        typeErrors: [
          expect.objectContaining({ line: 5, error: expect.stringMatching(/^TS2339:/) }),
        ],
      },
    ]);
    expect(copy.read("src/orders.ts")).toBe(byHand);
  });

  it("applies everything as planned without types", async () => {
    const { copy, plan } = await planned();
    copy.write("src/model.ts", MODEL_SINCE);
    const result = await applyPlan(plan, { cwd: copy.dir });
    expect(result.files).toEqual([expect.objectContaining({ status: "applied", applied: 2 })]);
    expect(result.types).toBeUndefined();
    expect(copy.read("src/orders.ts")).toContain("orders.some((order) => order.open)");
  });

  it("applies unchecked, with a warning naming the tsconfig, when the tsconfig cannot be used", async () => {
    const { copy, plan } = await planned();
    copy.write("src/model.ts", MODEL_SINCE);
    copy.write("tsconfig.json", "{ not json");
    const result = await applyPlan(plan, { cwd: copy.dir, types: true });
    expect(result.warnings).toEqual([
      expect.stringMatching(
        /^tsconfig\.json: not valid JSON .*; its files are applied without a type check$/,
      ),
    ]);
    expect(result.files).toEqual([expect.objectContaining({ status: "applied", applied: 2 })]);
    expect(result.types).toMatchObject({ checked: 0, held: 0 });
  });

  it("on the command line: on by default, each held change on its own line, exit 2; --no-types skips it", async () => {
    const first = await planned();
    first.copy.write("src/model.ts", MODEL_SINCE);
    const checked = lazymod(["apply", "plan.json"], first.copy.dir);
    expect(checked.stderr).toBe("");
    expect(checked.code).toBe(2);
    expect(checked.stdout.split("\n")).toEqual([
      "applied   src/orders.ts: 1 change",
      expect.stringMatching(
        /^held {6}src\/orders\.ts:5:10 prefer-array-some: not applied, it would add TS2339: Property 'some' does not exist on type 'OrderList'\./,
      ),
      "",
      "Applied 1 change to 1 file; 1 change held back for a compiler error.",
      expect.stringMatching(
        /^Types: 1 file type-checked \(TypeScript [\d.]+ \(lazymod's\)\), 1 change held back for a compiler error\.$/,
      ),
      "",
    ]);

    const second = await planned();
    second.copy.write("src/model.ts", MODEL_SINCE);
    const unchecked = lazymod(["apply", "plan.json", "--no-types"], second.copy.dir);
    expect(unchecked.code).toBe(0);
    expect(unchecked.stdout).toContain("applied   src/orders.ts: 2 changes");
    expect(unchecked.stdout).not.toContain("Types:");
  });
});
