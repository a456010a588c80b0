import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { transformSource } from "../src/core/engine.js";
import { backticked, fillTemplate, QUOTE_MAX, quoteCode } from "../src/core/quote.js";
import { escapeMessage } from "../src/reporters/markdown.js";
import { transforms, transformsById } from "../transforms/index.js";
import { lazymod, tempProject } from "./helpers/cli.js";

const orm = transforms.filter((t) => t.category === "orm");

function run(source: string, path = "service.ts") {
  return transformSource(source, { path, transforms: orm, maxRisk: 100 });
}

const reasonsOf = (result: ReturnType<typeof run>) =>
  result.changes.flatMap((c) => c.risk.factors.map((f) => [f.id, f.reason] as const));

describe("quoteCode: one line, whole, shortened in the middle at token boundaries", () => {
  it("keeps a short expression as written", () => {
    expect(quoteCode("this.userRepository.find")).toBe("this.userRepository.find");
    expect(quoteCode("a  +   b")).toBe("a + b");
  });

  it("joins a multi-line chain without spaces before `.` or after `(`", () => {
    expect(
      quoteCode("this.connection\n    .getRepository(\n      ctx,\n      User,\n    )\n    .find"),
    ).toBe("this.connection.getRepository(ctx, User).find");
    expect(quoteCode("{\n  where: { teamId },\n  take: 10\n}")).toBe(
      "{ where: { teamId }, take: 10 }",
    );
  });

  it("elides the longest bracketed part first, so the names around it stay", () => {
    expect(
      quoteCode("this.connection.getRepository(requestContext, OrganizationMembershipEntity).find"),
    ).toBe("this.connection.getRepository(…).find");
    expect(
      quoteCode(
        "{ where: { teamId, deletedAt: null, archived: false }, order: { createdAt: 'DESC' }, ...options }",
      ),
    ).toBe("{ where: { … }, order: { createdAt: 'DESC' }, ...options }");
  });

  it("cuts a chain without brackets in its middle, between tokens", () => {
    const quote = quoteCode(
      "this.services.organizations.repositories.memberships.forTenant.withDeleted.find",
    );
    expect(quote.length).toBeLessThanOrEqual(QUOTE_MAX);
    expect(quote).toBe("this.services.organizations….forTenant.withDeleted.find");
  });

  it("never leaves a line break: strings, templates and comments stay whole on one line", () => {
    expect(quoteCode("`line one\nline two ${x}`")).toBe("`line one\\nline two ${x}`");
    expect(quoteCode('"a\\\nb"')).toBe('"ab"');
    expect(quoteCode("f(a, // why\n  b)")).toBe("f(a, /* why */ b)");
    expect(quoteCode("/* first\n   second */")).toBe("/* first second */");
    expect(quoteCode("x\u2028.y")).toBe("x.y");
    for (const code of ["a\r\nb", "`\r`", "'\u2029'", "/* \r */ x"])
      expect(quoteCode(code)).not.toMatch(/[\r\n\u2028\u2029]/);
  });

  it("a single token longer than the room is cut inside, keeping both ends", () => {
    const quote = quoteCode(`"${"x".repeat(100)}"`);
    expect(quote.length).toBe(QUOTE_MAX);
    expect(quote).toMatch(/^"x+…x+"$/);
  });
});

describe("templates: values on one line, a longer fence around code that holds backticks", () => {
  it("fences and reads back a quote with backticks inside", () => {
    const message = fillTemplate(
      "`{detail}` is not provably an array",
      /\{(detail)\}/,
      () => "`${a}`.split(',')",
    );
    expect(message).toBe("`` `${a}`.split(',') `` is not provably an array");
    expect(escapeMessage(message)).toBe("`` `${a}`.split(',') `` is not provably an array");
    expect(backticked("plain")).toBe("`plain`");
    // A value that was not quoted still lands on one line.
    expect(fillTemplate("{{name}} holds rows", /\{\{(\w+)\}\}/, () => "a\n  b")).toBe(
      "a b holds rows",
    );
  });
});

describe("ORM messages quote the whole receiver", () => {
  const typeorm = (body: string) =>
    [
      'import { Repository } from "typeorm";',
      "export class MemberService {",
      "  async count(ctx: unknown, teamId: string) {",
      body,
      "  }",
      "}",
      "",
    ].join("\n");

  it("a long call-chain receiver: elided inside its arguments, not cut mid-call", () => {
    const result = run(
      typeorm(
        "    return (await this.connection.getRepository(requestContext, OrganizationMembershipEntity).find({ where: { teamId } })).length;",
      ),
    );
    expect(result.changes.map((c) => c.message)).toEqual([
      "`this.connection.getRepository(…).find` loads every matching row only to count them",
    ]);
  });

  it("a multi-line receiver: one line", () => {
    const result = run(
      typeorm(
        [
          "    const members = await this.connection",
          "      .getRepository(ctx, Member)",
          "      .find({ where: { teamId } });",
          "    return members.length;",
        ].join("\n"),
      ),
    );
    expect(result.changes.map((c) => c.message)).toEqual([
      "`members` holds every row `this.connection.getRepository(ctx, Member).find` loaded, but only its length is used",
    ]);
  });

  it("a nested receiver that is no plain path: quoted, not `….findAll`", () => {
    const result = run(
      [
        'import { Model } from "sequelize";',
        "export async function count(db: any, name: string) {",
        "  return (await db.models[name].findAll({ where: { active: true } })).length;",
        "}",
        "",
      ].join("\n"),
    );
    expect(result.changes.map((c) => c.message)).toEqual([
      "`db.models[name].findAll` loads every matching row only to count them",
    ]);
  });
});

describe("options whose keys cannot be checked: the reason names the real cause", () => {
  const count = (options: string) =>
    run(
      [
        'import { Repository } from "typeorm";',
        "export async function count(repo: Repository<any>, teamId: string, options: any, key: string) {",
        `  return (await repo.find(${options})).length;`,
        "}",
        "",
      ].join("\n"),
    );

  it.each([
    [
      "a spread",
      "{ where: { teamId, deletedAt: null }, ...options }",
      "options-spread",
      "`...options` is spread into the options, so its keys",
    ],
    [
      "a spread of a call",
      "{\n    where: { teamId },\n    ...this.scopes.tenantScopedDefaults(teamId, { withDeleted: false }),\n  }",
      "options-spread",
      "`...this.scopes.tenantScopedDefaults(teamId, { … })` is spread into the options",
    ],
    [
      "a computed key",
      '{ where: { teamId }, [key]: "ASC" }',
      "options-computed-key",
      'the options have a computed key (`[key]: "ASC"`)',
    ],
    [
      "a method",
      "{ get where() { return { teamId }; } }",
      "options-method",
      "the options define `get where() { return { teamId }; }` as a method or accessor",
    ],
    [
      "a key given twice",
      "{ where: { teamId }, take: 5, where: { teamId: 1 } }",
      "options-duplicate-key",
      "the options set `where` more than once",
    ],
    [
      "not an object literal",
      "options",
      "options-not-literal",
      "the options `options` are not an object literal",
    ],
    [
      "a long call",
      "buildFindOptions(teamId, { includeArchivedMembers: true, includeInvitations: false })",
      "options-not-literal",
      "the options `buildFindOptions(teamId, { … })` are not an object literal",
    ],
  ])("%s", (_name, options, factor, reason) => {
    const result = count(options);
    const optionsReasons = reasonsOf(result).filter(([id]) => id.startsWith("options-"));
    expect(optionsReasons.map(([id]) => id)).toEqual([factor]);
    expect(optionsReasons[0]![1]).toContain(reason);
    expect(result.changes[0]!.risk.band).not.toBe("low");
  });

  it("Sequelize names the spread too", () => {
    const result = run(
      [
        'import { Model } from "sequelize";',
        "export async function count(Student: any, options: object) {",
        "  return (await Student.findAll({ where: { active: true }, ...options })).length;",
        "}",
        "",
      ].join("\n"),
    );
    expect(reasonsOf(result).filter(([id]) => id.startsWith("options-"))).toEqual([
      ["options-spread", expect.stringContaining("`...options` is spread into the options")],
    ]);
  });
});

describe("every message and reason template is one line", () => {
  it("has no line break in any message template", () => {
    for (const id of transformsById.keys())
      for (const template of Object.values(transformsById.get(id)!.messages))
        expect(template).not.toMatch(/[\r\n]/);
  });
});

describe("no message, reason or header that a reporter prints holds a line break", () => {
  const LINE_BREAK = /[\r\n\u2028\u2029]/;
  const files: Record<string, string> = {
    // A TypeORM repository as its parameter's type says (a receiver the file itself names).
    "src/members.ts": [
      'import type { Repository } from "typeorm";',
      "export async function teamSize(members: Repository<Member>, teamId: string, options: object) {",
      "  const found = await members",
      "    .find({",
      "      where: { teamId },",
      "      ...options,",
      "    });",
      "  return found.length;",
      "}",
      "",
    ].join("\n"),
    "src/feeds.ts": [
      'import mongoose from "mongoose";',
      "feedSchema.pre(",
      '  "find", scopeToTenant);',
      "export async function any(Feed: mongoose.Model<unknown>, ownerId: string) {",
      "  return (await Feed.find({ ownerId })).length > 0;",
      "}",
      "",
    ].join("\n"),
    "src/items.ts": [
      "export function anyOpen(store: { items(): { open: boolean }[] }) {",
      "  return store",
      "    .items()",
      "    .filter((item) => item.open)",
      "    .length > 0;",
      "}",
      "export function firstOpen(items: { open: boolean }[]) {",
      "  return items.filter((item) => item.open) /* kept",
      "     for later */ [0];",
      "}",
      "",
    ].join("\n"),
    "src/odd\nname.ts": "export const any = [1, 2].filter((x) => x > 1).length > 0;\n",
    "src/broken.ts": "export const = xs.filter(;\n",
  };
  let project: ReturnType<typeof tempProject>;
  beforeAll(() => {
    project = tempProject(files);
  });
  afterAll(() => project.cleanup());

  interface JsonReport {
    files: Array<{
      path: string;
      changes: Array<{
        line: number;
        column: number;
        transform: string;
        message: string;
        risk: { factors: Array<{ reason: string }> };
      }>;
    }>;
  }

  it("json: every message and reason is one line (and there are some of each kind)", () => {
    const report = JSON.parse(lazymod(["--format", "json"], project.dir).stdout) as JsonReport;
    const changes = report.files.flatMap((f) => f.changes);
    const factorIds = report.files.flatMap((f) =>
      f.changes.flatMap((c) => c.risk.factors.map((x) => (x as { id?: string }).id)),
    );
    expect(factorIds).toEqual(
      expect.arrayContaining([
        "options-spread",
        "orm-hooks-in-file",
        "receiver-not-provably-array",
        "comments-in-range",
      ]),
    );
    expect(changes.length).toBeGreaterThanOrEqual(5);
    for (const change of changes) {
      expect(change.message).not.toMatch(LINE_BREAK);
      for (const factor of change.risk.factors) expect(factor.reason).not.toMatch(LINE_BREAK);
    }
  });

  it("text, markdown and github: each header, message and reason stays on its line", () => {
    const report = JSON.parse(lazymod(["--format", "json"], project.dir).stdout) as JsonReport;
    const text = lazymod(["--format", "text"], project.dir).stdout.split("\n");
    const markdown = lazymod(["--format", "markdown"], project.dir).stdout.split("\n");
    const github = lazymod(["--format", "github"], project.dir).stdout.split("\n");
    for (const file of report.files) {
      const shown = LINE_BREAK.test(file.path) ? JSON.stringify(file.path) : file.path;
      for (const change of file.changes) {
        const header = `${shown}:${change.line}:${change.column}  ${change.transform}  ${change.message}`;
        expect(
          text.some((line) => line.startsWith(header)),
          header,
        ).toBe(true);
        expect(markdown).toContain(escapeMessage(change.message));
        for (const factor of change.risk.factors)
          expect(text.some((line) => line.endsWith(`: ${factor.reason}`))).toBe(true);
      }
    }
    expect(text.some((line) => line.startsWith("error src/broken.ts: "))).toBe(true);
    expect(github.filter(Boolean).every((line) => line.startsWith("::"))).toBe(true);
  });
});
