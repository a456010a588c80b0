import type * as t from "@babel/types";
import { describe, expect, it } from "vitest";
import { TransformContext, type TransformSettings } from "../src/core/context.js";
import { parseSource } from "../src/core/parse.js";
import type { Piece } from "../src/core/types.js";
import { insertAt, removeRange, replaceNode, rewrittenPieces } from "../src/fix/index.js";
import { lazyQueryReasons } from "../transforms/shared/orm/assess.js";
import { lazyCall } from "../transforms/shared/orm/lazy-call.js";
import { loadMessageData } from "../transforms/shared/orm/messages.js";
import type { LazyQuery, OrmQuery } from "../transforms/shared/orm/query.js";
import { eagerLoadAt, ormQueryAt } from "../transforms/shared/orm/recognize.js";
import { transformSource } from "../src/core/engine.js";
import { transformsById } from "../transforms/index.js";

function contextOf(source: string, settings?: TransformSettings) {
  return new TransformContext({
    source,
    path: "service.ts",
    parser: "ts",
    ast: parseSource(source, "ts"),
    ...(settings ? { settings } : {}),
  });
}

/** The one eager ORM query in the source, as its adapter recognised it. */
function queryIn(source: string, settings?: TransformSettings) {
  const ctx = contextOf(source, settings);
  const queries = ctx
    .nodesOfType("CallExpression")
    .map((node) => ormQueryAt(ctx, node))
    .filter((query): query is OrmQuery => query !== undefined);
  expect(queries).toHaveLength(1);
  return { ctx, query: queries[0]! };
}

function loopIn(ctx: TransformContext): t.ForOfStatement {
  return ctx.nodesOfType("ForOfStatement")[0] as t.ForOfStatement;
}

/** The pieces as the text they stand for. */
function textOf(ctx: TransformContext, pieces: readonly Piece[]): string {
  return pieces
    .map((piece) => (typeof piece === "string" ? piece : ctx.source.slice(piece.from, piece.to)))
    .join("");
}

const kinds = (lazy: LazyQuery | undefined) => ({
  method: lazy?.method?.name,
  changes: lazy?.changes.map((change) => change.kind),
  facts: lazy?.facts.map((fact) => fact.kind),
});

describe("ORM adapters: one method per lazy operation, returning what the lazy query needs", () => {
  it("Prisma: `exists` is a `findFirst` compared with null, without `take`, relations or an order nothing skips by", () => {
    const { query } = queryIn(
      "const r = await prisma.user.findMany({ where, take: 5, select: { id: true }, include: { posts: true }, orderBy: { id: 'asc' } });",
    );
    const exists = query.exists()!;
    expect(exists).toMatchObject({
      operation: "exists",
      result: "row-or-null",
      method: { name: "findFirst" },
      replaces: "`findFirst` instead of `findMany`",
      facts: [],
    });
    const [options] = exists.changes;
    expect(options).toMatchObject({ kind: "options" });
    expect(options?.kind === "options" && options.add).toBeFalsy();
    const dropped = options?.kind === "options" ? [...options.drop!] : [];
    expect(dropped).toEqual(expect.arrayContaining(["take", "include", "orderBy"]));
    // The select narrows the one row read: kept.
    expect(dropped).not.toContain("select");
    // With `skip` (or `cursor`) the order decides which rows are skipped: kept.
    const paged = queryIn(
      "const r = await prisma.user.findMany({ where, skip: 5, orderBy: { id: 'asc' } });",
    );
    const pagedOptions = paged.query.exists()!.changes[0];
    expect(pagedOptions?.kind === "options" && [...pagedOptions.drop!]).not.toContain("orderBy");
    // The match data holds no rewrite of its own: the fix writes it.
    expect(exists).not.toHaveProperty("call");
    expect(exists).not.toHaveProperty("reasons");
    expect(query.noCursor).toBe("Prisma has no cursor or stream API");
  });

  it("TypeORM: the facts name the pagination keys the lazy query ignores, and why options are opaque", () => {
    const paged = queryIn("const r = await userRepository.find({ where, skip: 20, take: 10 });");
    expect(kinds(paged.query.exists())).toEqual({
      method: "exists",
      changes: [],
      facts: ["needs-version", "ignores-pagination"],
    });
    expect(paged.query.count()!.facts).toContainEqual({
      kind: "ignores-pagination",
      keys: ["take", "skip"],
    });
    const opaque = queryIn(
      'import type { Repository } from "typeorm";\ndeclare const userRepository: Repository<User>;\nconst r = await userRepository.find({ where, ...rest });',
    );
    expect(opaque.query.first()!.facts.map((fact) => fact.kind)).toEqual([
      "opaque-options",
      "may-throw",
    ]);
    expect(opaque.query.first()!.facts[0]).toMatchObject({ cause: { kind: "spread" } });
    const findBy = queryIn("const r = await userRepository.findBy({ active: true });");
    expect(kinds(findBy.query.select(["email"]))).toEqual({
      method: undefined,
      changes: ["rename", "wrap-argument"],
      facts: ["partial-objects"],
    });
  });

  it("Sequelize: a count with an include adds `distinct: true` and says the query joins rows", () => {
    const { query } = queryIn("const r = await Student.findAll({ where, include: [Post] });");
    const count = query.count()!;
    expect(kinds(count)).toEqual({ method: "count", changes: ["options"], facts: ["joins-rows"] });
    expect(count.changes[0]).toMatchObject({ add: [["distinct", "true"]] });
    expect(queryIn("const r = await Student.findAll({ group: ['a'] });").query.count()).toBe(
      undefined,
    );
  });

  it("Mongoose: a count drops the projection and the shaping methods; a cursor drops `.exec()`", () => {
    const { ctx, query } = queryIn(
      "for (const u of await User.find(filter, 'name').sort({ a: 1 }).exec()) seen.push(u);",
    );
    expect(kinds(query.count())).toEqual({
      method: "countDocuments",
      changes: ["remove-argument", "remove-link"],
      facts: [],
    });
    expect(kinds(query.cursor(loopIn(ctx)) as LazyQuery)).toEqual({
      method: undefined,
      changes: ["remove-link", "append"],
      facts: ["holds-connection"],
    });
  });

  it("Knex: a count row, and a stream refused for a loop that awaits", () => {
    const source = [
      "async function f() {",
      "  for (const row of await knex('students').where('a', 1).orderBy('id')) await send(row);",
      "}",
    ].join("\n");
    const { ctx, query } = queryIn(source);
    expect(query.count()).toMatchObject({
      result: "count-row",
      facts: [{ kind: "count-row", orm: "Knex" }],
    });
    expect(kinds(query.count()).changes).toEqual(["remove-link", "append"]);
    expect(query.cursor(loopIn(ctx))).toEqual({
      refused: expect.stringContaining("holds a pooled connection"),
    });
  });

  it("Drizzle: a count becomes `db.$count(table, where)` over the query's own nodes", () => {
    const { ctx, query } = queryIn(
      "const r = await db.select().from(students).where(eq(students.a, 1));",
    );
    const [change] = query.count()!.changes;
    expect(change?.kind).toBe("replace-with-call");
    if (change?.kind !== "replace-with-call") return;
    expect(ctx.text(change.receiver)).toBe("db");
    expect(change.args.map((arg) => ctx.text(arg))).toEqual(["students", "eq(students.a, 1)"]);
  });
});

describe("assess: the lazy query's facts become risk reasons", () => {
  it("after the reasons every ORM shares, one per fact, in order", () => {
    // TypeORM's `exists` loads no entity: `afterLoad` listeners and subscribers do not run
    // (orm-hooks-differ, as for every ORM whose lazy query is another operation).
    const { ctx, query } = queryIn(
      "const r = await userRepository.find({ where: { a: 1 }, skip: 20 });",
    );
    const reasons = lazyQueryReasons(ctx, query, query.exists()!);
    expect(reasons.map((reason) => reason.id)).toEqual([
      "orm-inferred-from-shape",
      "orm-hooks-differ",
      "orm-api-version",
      "pagination-dropped",
    ]);
    expect(reasons[3]!.detail).toBe("`skip`");
  });

  it("every ORM whose lazy query is another operation says so, with one weight", () => {
    const weights = (source: string, transform: string) =>
      transformSource(source, {
        path: "service.ts",
        transforms: [transformsById.get(transform)!],
        maxRisk: 100,
      }).changes.map((c) => c.risk.factors.find((f) => f.id === "orm-hooks-differ")?.weight);
    const prisma =
      'import { PrismaClient } from "@prisma/client";\nconst prisma = new PrismaClient();\nexport const n = async () => (await prisma.user.findMany({ where: { a: 1 } })).length;';
    const typeorm =
      'import type { Repository } from "typeorm";\ndeclare const users: Repository<{ a: number }>;\nexport const n = async () => (await users.findBy({ a: 1 })).length;';
    const sequelizeFirst =
      'import { Model } from "sequelize";\nclass User extends Model {}\nexport const f = async () => (await User.findAll({ where: { a: 1 }, order: [["id", "ASC"]] }))[0];';
    expect(weights(prisma, "prefer-orm-count")).toEqual([10]);
    expect(weights(typeorm, "prefer-orm-count")).toEqual([10]);
    expect(weights(typeorm.replace(").length", ").length > 0"), "prefer-orm-exists")).toEqual([10]);
    // The same operation's hooks run for a one-row load: Sequelize's `findOne` is `findAll` with a limit.
    expect(weights(sequelizeFirst, "prefer-orm-find-first")).toEqual([undefined]);
  });

  it("a wrapper whose configuration does not mention the operation adds its own reason", () => {
    const settings = {
      orm: { receivers: { "this.db": { orm: "mongoose", methods: { count: "total" } } } },
    };
    const source = "async function f(this: any) { return (await this.db.find({ a: 1 })).length; }";
    const { ctx, query } = queryIn(source, settings);
    expect(query.count()!.method!.name).toBe("total");
    expect(query.count()!.facts).toEqual([]);
    const exists = query.exists()!;
    expect(exists.method!.name).toBe("exists");
    expect(exists.facts).toContainEqual(
      expect.objectContaining({ kind: "wrapper-method-unknown", calls: "exists" }),
    );
    expect(lazyQueryReasons(ctx, query, exists).map((reason) => reason.id)).toContain(
      "wrapper-method-unknown",
    );
  });
});

describe("fix: the lazy call is written from the match data", () => {
  it("in the file's style, copying the untouched code (and its comments) verbatim", () => {
    const { ctx, query } = queryIn(
      "const r = await knex('students').where('a', 1 /* active */).orderBy('id');",
    );
    const pieces = lazyCall(ctx, query, query.count()!);
    expect(textOf(ctx, pieces)).toBe(
      "knex('students').where('a', 1 /* active */).count({ count: '*' }).first()",
    );
    const copied = pieces.filter((piece) => typeof piece !== "string");
    expect(copied.some((slice) => textOf(ctx, [slice]).includes("/* active */"))).toBe(true);
  });

  it("an options object loses the keys the lazy query drops and gains the ones it adds", () => {
    const { ctx, query } = queryIn(
      "const r = await prisma.user.findMany({ where: { a: 1 }, select: { id: true } });",
    );
    expect(textOf(ctx, lazyCall(ctx, query, query.count()!))).toBe(
      "prisma.user.count({ where: { a: 1 } })",
    );
    const plain = queryIn("const r = await prisma.user.findMany({ where: { a: 1 } });");
    expect(
      textOf(plain.ctx, lazyCall(plain.ctx, plain.query, plain.query.select(["email"])!)),
    ).toBe("prisma.user.findMany({ where: { a: 1 }, select: { email: true } })");
  });
});

describe("the message data of an eager load", () => {
  it("reports a bound load at its declarator, naming the variable and the query", () => {
    const ctx = contextOf(
      "async function f() { const rows = await prisma.user.findMany(); return rows.length; }",
    );
    const call = ctx.nodesOfType("CallExpression").find((node) => eagerLoadAt(ctx, node))!;
    const message = loadMessageData(eagerLoadAt(ctx, call)!);
    expect(message.messageId).toBe("binding");
    expect(message.data).toEqual({ name: "rows", query: "prisma.user.findMany" });
    expect(message.node.type).toBe("VariableDeclarator");
  });
});

describe("rewrittenPieces: several rewrites inside one node, as the node's pieces", () => {
  const source = "a.find({ x, y }).sort()";
  const ctx = contextOf(source);
  const call = ctx.nodesOfType("CallExpression").find((node) => ctx.text(node) === source)!;

  it("writes the rewrites in source order and copies the rest as slices of the original", () => {
    const y = source.indexOf("y");
    const pieces = rewrittenPieces(call, [
      insertAt(y + 1, [", z"]),
      removeRange(source.indexOf("x"), y),
      replaceNode(
        ctx.nodesOfType("Identifier").find((n) => ctx.text(n) === "find")!,
        ["findOne"],
      ),
    ]);
    expect(textOf(ctx, pieces)).toBe("a.findOne({ y, z }).sort()");
    expect(pieces[0]).toEqual({ from: 0, to: 2 });
  });

  it("refuses rewrites that overlap", () => {
    expect(() => rewrittenPieces(call, [removeRange(2, 8), removeRange(5, 10)])).toThrow(/overlap/);
  });
});
