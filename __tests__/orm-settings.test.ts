import { describe, expect, it } from "vitest";
import type { TransformSettings } from "../src/core/context.js";
import { transformSource } from "../src/core/engine.js";
import { transforms } from "../transforms/index.js";

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
    expect(result.output).toContain("prisma.user.count({ where: { active: true }, take: 1 })");
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
