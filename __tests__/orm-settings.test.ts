import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { TransformSettings } from "../src/core/context.js";
import { transformSource } from "../src/core/engine.js";
import { transformsTriggeredBy } from "../src/core/prefilter.js";
import { transforms, transformsById } from "../transforms/index.js";
import { LAZY_FORMS } from "../transforms/shared/orm/receivers.js";
import {
  LAZY_OPERATIONS,
  type LazyOperation,
  type OrmKind,
} from "../transforms/shared/orm/settings.js";
import { ROOT } from "./helpers/cli.js";

const orm = transforms.filter((t) => t.category === "orm");

function run(source: string, settings?: TransformSettings) {
  return transformSource(source, { path: "service.ts", transforms: orm, maxRisk: 100, settings });
}

const factorsOf = (result: ReturnType<typeof run>) =>
  result.changes.flatMap((c) => c.risk.factors.map((f) => f.id));

describe("ORM settings: project wrapper modules and receivers", () => {
  const wrapped = [
    'import { prisma } from "@/lib/prisma";',
    "export async function any() {",
    "  return (await prisma.user.findMany({ where: { active: true } })).length > 0;",
    "}",
    "",
  ].join("\n");

  it("without configuration, a client from a project module is inferred from its shape", () => {
    const result = run(wrapped);
    expect(result.changes).toHaveLength(1);
    expect(factorsOf(result)).toContain("orm-inferred-from-shape");
    expect(result.changes[0]!.risk.band).toBe("medium");
  });

  it("a configured module confirms the ORM: no shape reason, low risk", () => {
    const result = run(wrapped, { orm: { modules: { "@/lib/prisma": "prisma" } } });
    expect(factorsOf(result)).not.toContain("orm-inferred-from-shape");
    expect(result.changes[0]!.risk.band).toBe("low");
    expect(result.output).toContain("prisma.user.findFirst({ where: { active: true } })");
  });

  const delegating = [
    "export class OrganizationService {",
    "  constructor(private readonly organizationRepository: OrganizationRepository) {}",
    "  async hasOrganizations(ownerId: string) {",
    "    const organizations = await this.organizationRepository.find({ ownerId });",
    "    return organizations.length > 0;",
    "  }",
    "}",
    "",
  ].join("\n");

  it("a wrapper receiver nothing identifies is left alone", () => {
    expect(run(delegating).changes).toEqual([]);
  });

  it("a configured receiver is rewritten with its ORM's API", () => {
    const result = run(delegating, {
      orm: { receivers: { "this.organizationRepository": "mongoose" } },
    });
    expect(result.output).toContain(
      "return !!(await this.organizationRepository.exists({ ownerId }));",
    );
    expect(factorsOf(result)).not.toContain("orm-inferred-from-shape");
  });

  it("configuration overrides a shape that suggests another ORM", () => {
    const source = [
      "export async function count(userRepository: any) {",
      "  return (await userRepository.find({ where: { active: true } })).length;",
      "}",
      "",
    ].join("\n");
    expect(run(source).output).toContain("userRepository.count({ where: { active: true } })");
    const configured = run(source, { orm: { receivers: { userRepository: "mongoose" } } });
    expect(configured.output).toContain(
      "userRepository.countDocuments({ where: { active: true } })",
    );
  });

  it("a configured module of one ORM does not make another ORM's receivers confirmed", () => {
    const source = [
      'import { db } from "@acme/database";',
      "export async function any() {",
      '  return (await db("users").where("active", true)).length > 0;',
      "}",
      "",
    ].join("\n");
    const asKnex = run(source, { orm: { modules: { "@acme/database": "knex" } } });
    expect(asKnex.output).toContain(
      '(await db("users").where("active", true).first()) !== undefined',
    );
    expect(factorsOf(asKnex)).not.toContain("orm-inferred-from-shape");
    const asDrizzle = run(source, { orm: { modules: { "@acme/database": "drizzle" } } });
    expect(asDrizzle.changes).toEqual([]);
  });
});

describe("wrappers: a rewrite calls only what configuration says the receiver has", () => {
  const feed = [
    "export class FeedService {",
    "  async size(ownerId: string) {",
    "    return (await this.feedRepository.find({ ownerId })).length;",
    "  }",
    "  async any(ownerId: string) {",
    "    return (await this.feedRepository.find({ ownerId })).length > 0;",
    "  }",
    "}",
    "",
  ].join("\n");
  const wrapper = (methods: Record<string, string | true | null>) => ({
    orm: { receivers: { "this.feedRepository": { orm: "mongoose" as const, methods } } },
  });

  it("a string entry is the ORM's own object: Mongoose's `countDocuments`, at low risk", () => {
    const result = run(feed, { orm: { receivers: { "this.feedRepository": "mongoose" } } });
    expect(result.output).toContain("await this.feedRepository.countDocuments({ ownerId })");
    expect(result.changes.map((c) => c.risk.band)).toEqual(["low", "low"]);
  });

  it("`methods.count` names the wrapper's own method, and the rewrite calls that", () => {
    const result = run(feed, wrapper({ count: "count", exists: null }));
    expect(result.output).toContain("return await this.feedRepository.count({ ownerId });");
    expect(result.output).not.toContain("countDocuments");
    expect(result.changes.map((c) => [c.transform, c.risk.band])).toEqual([
      ["prefer-orm-count", "low"],
    ]);
  });

  it("`null`: that question gets no rewrite (the rows stay loaded)", () => {
    const result = run(feed, wrapper({ count: "count", exists: null }));
    expect(result.output).toContain(
      "return (await this.feedRepository.find({ ownerId })).length > 0;",
    );
  });

  it("an operation left out: the ORM's method, held back with wrapper-method-unknown naming it", () => {
    const result = run(feed, wrapper({ count: "count" }));
    const exists = result.changes.find((c) => c.transform === "prefer-orm-exists")!;
    const factor = exists.risk.factors.find((f) => f.id === "wrapper-method-unknown");
    expect(factor?.reason).toContain(
      "`this.feedRepository` is configured as a Mongoose wrapper without `methods.exists`, and the rewrite calls `exists` on it",
    );
    expect(exists.risk.band).not.toBe("low");
    const byDefault = transformSource(feed, {
      path: "service.ts",
      transforms: orm,
      maxRisk: 24,
      settings: wrapper({ count: "count" }),
    });
    expect(byDefault.changes.map((c) => [c.transform, c.status])).toEqual([
      ["prefer-orm-count", "apply"],
      ["prefer-orm-exists", "held"],
    ]);
    expect(byDefault.output).not.toContain(".exists(");
  });

  it("a wrapper without a cursor: the loop is reported, not rewritten", () => {
    const source = [
      "export async function each(this: any, ownerId: string, seen: string[]) {",
      "  for (const item of await this.feedRepository.find({ ownerId })) seen.push(item.title);",
      "}",
      "",
    ].join("\n");
    const none = run(source, wrapper({ cursor: null }));
    expect(none.changes.map((c) => [c.transform, c.status])).toEqual([
      ["prefer-orm-cursor", "report"],
    ]);
    expect(none.changes[0]!.risk.factors[0]!.reason).toContain(
      "`this.feedRepository` is configured as a wrapper without a cursor (`methods.cursor: null`)",
    );
    expect(run(source, wrapper({ cursor: true })).output).toContain(
      "for await (const item of this.feedRepository.find({ ownerId }).cursor())",
    );
  });

  // One eager load per ORM, and the use that asks each operation's question of it.
  const EAGER: Record<OrmKind, string> = {
    prisma: "this.db.user.findMany({ where: { active: true } })",
    typeorm: "this.db.find({ where: { active: true } })",
    sequelize: "this.db.findAll({ where: { active: true } })",
    mongoose: "this.db.find({ active: true })",
    knex: 'this.db("users").where("active", true)',
    drizzle: "this.db.select().from(users).where(eq(users.active, true))",
  };
  const USE: Record<LazyOperation, [transform: string, use: (q: string) => string]> = {
    exists: ["prefer-orm-exists", (q) => `return (await ${q}).length > 0;`],
    count: ["prefer-orm-count", (q) => `return (await ${q}).length;`],
    first: ["prefer-orm-find-first", (q) => `return (await ${q})[0];`],
    select: ["prefer-orm-select", (q) => `return (await ${q}).map((u) => u.email);`],
    cursor: ["prefer-orm-cursor", (q) => `for (const u of await ${q}) seen.push(u.email);`],
  };
  const cells = (Object.keys(LAZY_FORMS) as OrmKind[]).flatMap((kind) =>
    (Object.keys(LAZY_FORMS[kind]) as LazyOperation[]).map(
      (operation) => [kind, operation, LAZY_FORMS[kind][operation]!] as const,
    ),
  );

  it.each(cells)(
    "%s %s: named, true, null and left out mean what they say",
    (kind, operation, form) => {
      const [id, use] = USE[operation];
      const source = [
        "export async function q(this: any, seen: string[]) {",
        `  ${use(EAGER[kind])}`,
        "}",
        "",
      ].join("\n");
      const transform = transformsById.get(id)!;
      const runWith = (methods: Record<string, string | true | null>) =>
        transformSource(source, {
          path: "service.ts",
          transforms: [transform],
          maxRisk: 100,
          settings: { orm: { receivers: { "this.db": { orm: kind, methods } } } },
        });
      const factors = (r: ReturnType<typeof runWith>) =>
        r.changes.flatMap((c) => c.risk.factors.map((f) => f.id));
      const known = runWith({ [operation]: "method" in form ? "wrapperOwn" : true });
      expect(known.changes.map((c) => c.status)).toEqual(["apply"]);
      expect(factors(known)).not.toContain("wrapper-method-unknown");
      if ("method" in form) {
        expect(known.output).toContain(".wrapperOwn(");
        expect(known.output).not.toMatch(new RegExp(`\\.${form.method}(By)?\\(`));
      }
      const unknown = runWith({});
      expect(unknown.changes.map((c) => c.status)).toEqual(["apply"]);
      expect(factors(unknown)).toContain("wrapper-method-unknown");
      if ("method" in form) expect(unknown.output).toMatch(new RegExp(`\\.${form.method}\\(`));
      const none = runWith({ [operation]: null });
      expect(none.changes.filter((c) => c.status !== "report")).toEqual([]);
      expect(none.output).toBe(source);
    },
  );

  it("the README's table says what each ORM's rewrite needs of a wrapper", () => {
    const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
    const header = readme.split("\n").find((l) => l.startsWith("| operation | Prisma"))!;
    const columns = header.split("|").map((c) => c.trim());
    const kinds: Record<string, OrmKind> = {
      Prisma: "prisma",
      TypeORM: "typeorm",
      Sequelize: "sequelize",
      Mongoose: "mongoose",
      Knex: "knex",
      Drizzle: "drizzle",
    };
    for (const operation of LAZY_OPERATIONS) {
      const row = readme.split("\n").find((l) => l.startsWith(`| \`${operation}\``))!;
      const cellsOfRow = row.split("|").map((c) => c.trim());
      columns.forEach((name, i) => {
        const kind = kinds[name];
        if (!kind) return;
        const form = LAZY_FORMS[kind][operation];
        const cell = cellsOfRow[i]!;
        if (!form) expect(cell, `${kind} ${operation}`).toBe("none");
        else if ("method" in form)
          expect(cell, `${kind} ${operation}`).toMatch(new RegExp(`^\`${form.method}\``));
        else expect(cell, `${kind} ${operation}`).toMatch(/^`true`: /);
      });
    }
  });
});

describe("call-chain receivers: `()` in a key matches a call with any arguments", () => {
  const cases: Array<[OrmKind, string, string, string]> = [
    [
      "typeorm",
      "this.connection.getRepository()",
      "(await this.connection.getRepository(ctx, Member).find({ where: { teamId } })).length > 0",
      "await this.connection.getRepository(ctx, Member).exists({ where: { teamId } })",
    ],
    [
      "mongoose",
      "this.repositories.get()",
      '(await this.repositories.get("feed").find({ teamId })).length',
      'await this.repositories.get("feed").countDocuments({ teamId })',
    ],
    [
      "prisma",
      "this.clientFor()",
      "(await this.clientFor(ctx).member.findMany({ where: { teamId } })).length",
      "await this.clientFor(ctx).member.count({ where: { teamId } })",
    ],
    [
      "sequelize",
      "this.models.get()",
      '(await this.models.get("Member").findAll({ where: { teamId } })).length',
      'await this.models.get("Member").count({ where: { teamId } })',
    ],
    [
      "knex",
      "this.db.forTenant()",
      '(await this.db.forTenant(ctx)("members").where({ teamId })).length > 0',
      '(await this.db.forTenant(ctx)("members").where({ teamId }).first()) !== undefined',
    ],
    [
      "knex",
      "this.db.forTenant()",
      '(await this.db.forTenant(ctx).select("*").from("members").where({ teamId })).length > 0',
      '(await this.db.forTenant(ctx).select("*").from("members").where({ teamId }).first()) !== undefined',
    ],
    [
      "drizzle",
      "this.dbFor()",
      "(await this.dbFor(ctx).select().from(members).where(eq(members.teamId, teamId))).length",
      "await this.dbFor(ctx).$count(members, eq(members.teamId, teamId))",
    ],
  ];
  const source = (expression: string) =>
    [
      "export async function q(this: any, ctx: unknown, teamId: string) {",
      `  return ${expression};`,
      "}",
      "",
    ].join("\n");

  it.each(cases)("%s, %s", (kind, key, eager, lazy) => {
    const configured = run(source(eager), { orm: { receivers: { [key]: kind } } });
    expect(configured.output).toContain(lazy);
    expect(factorsOf(configured)).not.toContain("orm-inferred-from-shape");
    // Without configuration, what a call returns is not taken for a Mongoose model, a Knex or a
    // Drizzle instance; Prisma, TypeORM and Sequelize calls are recognised by their shape only.
    const bare = run(source(eager));
    if (kind === "typeorm" || kind === "prisma" || kind === "sequelize")
      expect(factorsOf(bare)).toContain("orm-inferred-from-shape");
    else expect(bare.output).toBe(source(eager));
  });

  it("a key without the call names the object and its properties, not what its methods return", () => {
    const members = source(
      "(await this.connection.manager.find(Member, { where: { teamId } })).length > 0",
    );
    const viaRepository = source(
      "(await this.connection.getRepository(ctx, Member).find({ where: { teamId } })).length > 0",
    );
    const settings = { orm: { receivers: { "this.connection": "typeorm" as const } } };
    expect(factorsOf(run(members, settings))).not.toContain("orm-inferred-from-shape");
    expect(run(members, settings).warnings).toEqual([]);
    const missed = run(viaRepository, settings);
    expect(factorsOf(missed)).toContain("orm-inferred-from-shape");
    // The key that nearly names the receiver is not silent: a warning says what to write.
    expect(missed.warnings).toHaveLength(1);
    expect(missed.warnings[0]).toMatchObject({ id: "orm-receiver-names-caller" });
    expect(missed.warnings[0]!.message).toContain('configure "this.connection.getRepository()"');
    const fixed = run(viaRepository, {
      orm: { receivers: { "this.connection.getRepository()": "typeorm" } },
    });
    expect(factorsOf(fixed)).not.toContain("orm-inferred-from-shape");
    expect(fixed.warnings).toEqual([]);
  });

  it("the prefilter lets in a file whose only trigger is the configured call's name", () => {
    const text = source('(await this.store.collectionOf("feeds").find({ teamId })).length');
    const settings = {
      orm: {
        receivers: {
          "this.store.collectionOf()": { orm: "mongoose" as const, methods: { count: "count" } },
        },
      },
    };
    expect(transformsTriggeredBy(text, orm)).toEqual([]);
    expect(transformsTriggeredBy(text, orm, settings).map((t) => t.id)).toContain(
      "prefer-orm-count",
    );
    expect(run(text, settings).output).toContain(
      'await this.store.collectionOf("feeds").count({ teamId })',
    );
  });
});
