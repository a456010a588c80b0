import { tempProject } from "./cli.js";
import { initRepository } from "./review.js";

/**
 * A small multi-package repository (npm workspaces, a tsconfig per package, one git commit) whose
 * findings cover what review at scale ranks and filters: an unbounded ORM load, loads in a request
 * handler and in a loop, array rewrites in and out of loops, low, medium and high risk, test
 * files (`*.test.ts`, `__tests__/`), and ignore comments, used and unused.
 */
export const MONOREPO_FILES: Record<string, string> = {
  "package.json": JSON.stringify(
    { name: "shop", private: true, workspaces: ["packages/*"] },
    null,
    2,
  ),
  "tsconfig.base.json": JSON.stringify(
    { compilerOptions: { target: "es2022", strict: true, module: "nodenext" } },
    null,
    2,
  ),
  "packages/api/package.json": JSON.stringify({ name: "@shop/api", version: "1.0.0" }, null, 2),
  "packages/api/tsconfig.json": JSON.stringify(
    { extends: "../../tsconfig.base.json", include: ["src"] },
    null,
    2,
  ),
  "packages/api/src/routes/users.ts": [
    'import { PrismaClient } from "@prisma/client";',
    'import express from "express";',
    "",
    "const prisma = new PrismaClient();",
    "export const app = express();",
    "",
    'app.get("/users/any-active", async (req, res) => {',
    "  const active = await prisma.user.findMany({ where: { active: true } });",
    "  res.json(active.length > 0);",
    "});",
    "",
    "export async function userCount() {",
    "  return (await prisma.user.findMany()).length;",
    "}",
    "",
  ].join("\n"),
  "packages/api/src/jobs/sync.ts": [
    'import { PrismaClient } from "@prisma/client";',
    "",
    "const prisma = new PrismaClient();",
    "",
    "export async function ordersToSync(userIds: number[]) {",
    "  let count = 0;",
    "  for (const userId of userIds) {",
    "    if ((await prisma.order.findMany({ where: { userId } })).length > 0) count++;",
    "  }",
    "  return count;",
    "}",
    "",
  ].join("\n"),
  "packages/web/package.json": JSON.stringify({ name: "@shop/web", version: "1.0.0" }, null, 2),
  "packages/web/tsconfig.json": JSON.stringify(
    { extends: "../../tsconfig.base.json", include: ["src"] },
    null,
    2,
  ),
  "packages/web/src/cart.ts": [
    "export interface Item { sku: string; sale: boolean; price: number }",
    "",
    "export function hasSale(items: Item[]) {",
    "  return items.filter((item) => item.sale).length > 0;",
    "}",
    "",
    "export function firstExpensive(items: Item[]) {",
    "  return items.filter((item) => item.price > 100)[0];",
    "}",
    "",
    // The carts' type is another module's: only the project's types prove each `cart` an array.
    'export function anyOnSale(carts: import("./carts").Carts) {',
    "  let found = 0;",
    "  for (const cart of carts) if (cart.filter((item) => item.sale).length > 0) found++;",
    "  return found;",
    "}",
    "",
  ].join("\n"),
  "packages/web/src/carts.ts": [
    'import type { Item } from "./cart";',
    "export type Carts = Item[][];",
    "",
  ].join("\n"),
  "packages/web/src/legacy.js": [
    "export const hasValid = (rows) => rows.filter(isValid).length > 0;",
    "export const allDone = (tasks) => tasks.filter((t) => { log(t); return t.done; }).length === tasks.length;",
    "",
  ].join("\n"),
  "packages/web/src/cart.test.ts": [
    'import { hasSale } from "./cart";',
    'const items = [{ sku: "a", sale: true, price: 1 }];',
    "export const checked = items.filter((item) => item.sale).length > 0 && hasSale(items);",
    "",
  ].join("\n"),
  "packages/shared/package.json": JSON.stringify(
    { name: "@shop/shared", version: "1.0.0" },
    null,
    2,
  ),
  "packages/shared/src/ids.ts": [
    "const ids: string[] = [];",
    "export const known = ids.filter((id) => id.length > 3).length > 0; // lazymod-ignore-line -- checked by hand",
    "// lazymod-ignore-next-line -- the code below was rewritten by hand since",
    "export const none = ids.length === 0;",
    "",
  ].join("\n"),
  "packages/shared/src/__tests__/ids.ts": [
    'const fixtures: string[] = ["a"];',
    'export const any = fixtures.filter((id) => id !== "").length > 0;',
    "",
  ].join("\n"),
};

export function monorepo(): { dir: string; read: (file: string) => string; cleanup: () => void } {
  const project = tempProject(MONOREPO_FILES);
  initRepository(project.dir);
  return project;
}
