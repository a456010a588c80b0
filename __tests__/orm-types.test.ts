import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { TransformSettings } from "../src/core/context.js";
import type { Change } from "../src/core/types.js";
import { run } from "../src/runner/run.js";
import { transforms } from "../transforms/index.js";
import { generatePrismaClient } from "./helpers/orm/prisma.js";

/**
 * The ORM family in a project-aware run: fixture projects under __tests__/fixtures/projects/orm-*
 * whose ORM objects come from other files, with the real packages' types (typeorm,
 * sequelize-typescript, mongoose, knex, drizzle-orm, a generated Prisma client). Each proof and
 * each refutation has a case here, against the same files run without types.
 */
const PROJECTS = path.resolve(import.meta.dirname, "fixtures/projects");
const ORM_TRANSFORMS = transforms.filter((t) => t.category === "orm");

interface Seen {
  file: string;
  line: number;
  transform: string;
  status: Change["status"];
  factors: string[];
  proofs: string[];
  proofText: string;
  replacement: string;
}

async function changesIn(
  project: string,
  options: { types: boolean; settings?: TransformSettings },
): Promise<Seen[]> {
  const result = await run({
    cwd: path.join(PROJECTS, project),
    paths: ["src"],
    transforms: ORM_TRANSFORMS,
    types: options.types,
    maxRisk: 100,
    ...(options.settings ? { settings: options.settings } : {}),
  });
  expect(result.warnings).toEqual([]);
  if (options.types) expect(result.types?.programs).toBe(1);
  return result.files.flatMap((file) =>
    file.changes.map((change) => ({
      file: file.path,
      line: change.line,
      transform: change.transform,
      status: change.status,
      factors: change.risk.factors.map((f) => f.id).sort(),
      proofs: (change.risk.proofs ?? []).map((p) => p.id).sort(),
      proofText: (change.risk.proofs ?? []).map((p) => p.reason).join("\n"),
      replacement: change.replacement,
    })),
  );
}

/** The one change whose replacement contains `text` (a receiver is unique per fixture function). */
function changeOn(changes: readonly Seen[], text: string): Seen {
  const found = changes.filter((c) => c.replacement.includes(text));
  expect(found, `one change on ${text}: ${JSON.stringify(changes, null, 1)}`).toHaveLength(1);
  return found[0]!;
}

/** The change on the line of `project/file` that holds `text` (for findings without a fix). */
function changeAtLine(changes: readonly Seen[], project: string, file: string, text: string): Seen {
  const lines = readFileSync(path.join(PROJECTS, project, file), "utf8").split("\n");
  const line = lines.findIndex((l) => l.includes(text)) + 1;
  expect(line, text).toBeGreaterThan(0);
  const found = changes.filter((c) => c.file === file && c.line === line);
  expect(found, `one change on line ${line}`).toHaveLength(1);
  return found[0]!;
}

function noChangeOn(changes: readonly Seen[], text: string): void {
  expect(changes.filter((c) => c.replacement.includes(text))).toEqual([]);
}

const PROVEN = ["lazy-method-typed", "receiver-is-orm"];

describe("TypeORM: injection, a wrapper module, a custom repository, the manager (typeorm 0.3.31)", () => {
  let typed: Seen[];
  let local: Seen[];
  beforeAll(async () => {
    typed = await changesIn("orm-typeorm", { types: true });
    local = await changesIn("orm-typeorm", { types: false });
  }, 60_000);

  it("an injected Repository<User>: proven, and `exists` settles the TypeORM version", () => {
    const change = changeOn(typed, "this.users.exists(");
    expect(change).toMatchObject({
      transform: "prefer-orm-exists",
      factors: ["orm-hooks-differ"],
      proofs: PROVEN,
    });
    expect(change.proofText).toContain("`this.users` is TypeORM `Repository<User>`");
    expect(change.proofText).toContain("`Repository<User>` has `exists`");
    // Without types the file's declaration of the field says TypeORM, but not which version.
    expect(changeOn(local, "this.users.exists(")).toMatchObject({
      factors: ["orm-api-version", "orm-hooks-differ"],
      proofs: [],
    });
  });

  it("a repository a wrapper module's method returns (`this.connection.getRepository(ctx, User)`)", () => {
    const change = changeOn(typed, "this.connection.getRepository(ctx, User).count(");
    expect(change).toMatchObject({
      transform: "prefer-orm-count",
      factors: ["orm-hooks-differ"],
      proofs: PROVEN,
    });
    expect(changeOn(local, "this.connection.getRepository(ctx, User).count(").factors).toEqual([
      "orm-hooks-differ",
      "orm-inferred-from-shape",
    ]);
  });

  it("a custom repository (`class UserRepository extends Repository<User>`) and the EntityManager", () => {
    const first = changeOn(typed, "this.userRepository.findOne(");
    expect(first.proofs).toEqual(PROVEN);
    expect(first.factors).not.toContain("orm-inferred-from-shape");
    expect(first.proofText).toContain("TypeORM `UserRepository`");
    expect(changeOn(local, "this.userRepository.findOne(").factors).toContain(
      "orm-inferred-from-shape",
    );
    const manager = changeOn(typed, "manager.count(User,");
    expect(manager.proofText).toContain("TypeORM `EntityManager`");
  });

  it("the project's own class with `find` and `count` is no ORM: refuted, nothing changes", () => {
    noChangeOn(typed, "this.auditRepository");
    // By its shape alone (a `…Repository` with TypeORM's option keys) it looked like one.
    expect(changeOn(local, "this.auditRepository.exists(").factors).toContain(
      "orm-inferred-from-shape",
    );
  });
});

describe("TypeORM 0.3.17 (a stand-in of its declarations: `exist`, not `exists`)", () => {
  it("`exists` is not on the receiver's type: reported without a fix; `count` is", async () => {
    const typed = await changesIn("orm-typeorm-legacy", { types: true });
    const exists = typed.find((c) => c.transform === "prefer-orm-exists")!;
    expect(exists).toMatchObject({ status: "report", proofs: ["receiver-is-orm"] });
    expect(exists.factors).toContain("lazy-method-unavailable");
    const count = typed.find((c) => c.transform === "prefer-orm-count")!;
    expect(count).toMatchObject({ status: "apply", factors: ["orm-hooks-differ"], proofs: PROVEN });
    const local = await changesIn("orm-typeorm-legacy", { types: false });
    expect(local.find((c) => c.transform === "prefer-orm-exists")).toMatchObject({
      status: "apply",
      factors: ["orm-api-version", "orm-hooks-differ"],
    });
  }, 60_000);
});

describe("Prisma: a generated client (`prisma-client` generator) through a wrapper module", () => {
  let typed: Seen[];
  let local: Seen[];
  beforeAll(async () => {
    const project = path.join(PROJECTS, "orm-prisma");
    generatePrismaClient(
      path.join(project, "prisma/schema.prisma"),
      path.join(project, "generated/prisma"),
    );
    typed = await changesIn("orm-prisma", { types: true });
    local = await changesIn("orm-prisma", { types: false });
  }, 120_000);

  it("the delegates of the client `lib/db.ts` exports are proven Prisma's", () => {
    for (const text of [
      'prisma.invoice.findFirst({ where: { status: "open" } })',
      "prisma.customer.count(",
    ]) {
      const change = changeOn(typed, text);
      expect(change.proofs).toEqual(PROVEN);
      expect(change.factors).toEqual(["orm-hooks-differ"]);
      expect(changeOn(local, text).factors).toEqual([
        "orm-hooks-differ",
        "orm-inferred-from-shape",
      ]);
    }
    expect(
      changeOn(typed, 'prisma.invoice.findFirst({ where: { status: "open" } })').proofText,
    ).toContain("`prisma.invoice` is Prisma `InvoiceDelegate");
  });

  it("a model of a client `$extends` made in another module: proven, and its extensions are a risk", () => {
    const change = changeOn(typed, "visible.invoice.count(");
    expect(change.proofs).toEqual(PROVEN);
    expect(change.factors).toEqual(["orm-client-extended", "orm-hooks-differ"]);
    expect(change.proofText).toContain("`visible.invoice` is Prisma `DynamicModelExtensionThis");
    // The file cannot see the extension: by its shape alone, with no word of it.
    expect(changeOn(local, "visible.invoice.count(").factors).toEqual([
      "orm-hooks-differ",
      "orm-inferred-from-shape",
    ]);
  });

  it("a project's in-memory table with `findMany` and `count` is refuted", () => {
    noChangeOn(typed, "store.invoices");
    expect(changeOn(local, "store.invoices.findFirst(").factors).toContain(
      "orm-inferred-from-shape",
    );
  });
});

describe("Sequelize: sequelize-typescript models, a project base class, ModelStatic (sequelize 6)", () => {
  it("proves each model class, and refutes a project class with Sequelize's method names", async () => {
    const typed = await changesIn("orm-sequelize", { types: true });
    expect(changeOn(typed, "Student.count(").proofText).toContain("Sequelize `typeof Student`");
    // Document extends ParanoidModel extends Model: the chain reaches Sequelize's Model.
    expect(changeOn(typed, "Document.findOne(").proofs).toEqual(PROVEN);
    expect(changeOn(typed, "CourseModel.findOne(").proofText).toContain(
      "Sequelize `ModelStatic<Course>`",
    );
    noChangeOn(typed, "ReportArchive");
    const local = await changesIn("orm-sequelize", { types: false });
    expect(changeOn(local, "ReportArchive.findOne(").factors).toContain("orm-inferred-from-shape");
    expect(changeOn(local, "Document.findOne(").factors).toContain("orm-inferred-from-shape");
  }, 60_000);
});

describe("Mongoose: Model<T> from another module, and a wrapper without `exists` (mongoose 9)", () => {
  const settings: TransformSettings = {
    orm: { receivers: { "this.userStore": { orm: "mongoose", methods: { count: "count" } } } },
  };

  it("proves models, refutes a project class named like one", async () => {
    const typed = await changesIn("orm-mongoose", { types: true, settings });
    expect(changeOn(typed, "UserModel.countDocuments(").proofText).toContain(
      "`UserModel` is Mongoose `Model<User, …>`",
    );
    expect(changeOn(typed, "this.userModel.countDocuments(").proofs).toEqual(PROVEN);
    noChangeOn(typed, "this.cacheModel");
    const local = await changesIn("orm-mongoose", { types: false, settings });
    expect(changeOn(local, "this.cacheModel.countDocuments(").factors).toContain(
      "orm-inferred-from-shape",
    );
  }, 60_000);

  it("a configured wrapper: its own `count` is on its type; `exists`, which it lacks, is reported", async () => {
    const typed = await changesIn("orm-mongoose", { types: true, settings });
    const count = changeOn(typed, "this.userStore.count(");
    expect(count).toMatchObject({ status: "apply", proofs: ["lazy-method-typed"] });
    expect(count.proofText).toContain("`UserStore` has `count`");
    const exists = changeAtLine(
      typed,
      "orm-mongoose",
      "src/users.ts",
      "this.userStore.find({ email })).length > 0",
    );
    expect(exists.status).toBe("report");
    expect(exists.factors).toContain("lazy-method-unavailable");
    const local = await changesIn("orm-mongoose", { types: false, settings });
    expect(changeOn(local, "this.userStore.exists(").factors).toContain("wrapper-method-unknown");
  }, 60_000);
});

describe("Mongoose: a wrapper configured as Mongoose's own model", () => {
  it("the rewrite's `countDocuments` is not on the wrapper's type: reported without a fix", async () => {
    const settings: TransformSettings = { orm: { receivers: { "this.userStore": "mongoose" } } };
    const typed = await changesIn("orm-mongoose", { types: true, settings });
    const count = changeAtLine(
      typed,
      "orm-mongoose",
      "src/users.ts",
      "this.userStore.find({ email })).length;",
    );
    expect(count).toMatchObject({ transform: "prefer-orm-count", status: "report" });
    expect(count.factors).toContain("lazy-method-unavailable");
    // Without types the configuration is taken at its word: `countDocuments`, in the low band.
    const local = await changesIn("orm-mongoose", { types: false, settings });
    expect(changeOn(local, "this.userStore.countDocuments(")).toMatchObject({
      status: "apply",
      factors: ["orm-hooks-differ"],
    });
  }, 60_000);
});

describe("Knex and Drizzle: instances from a wrapper module", () => {
  it("Knex: proves the instance `Knex`, refutes a project's own query function", async () => {
    const typed = await changesIn("orm-knex", { types: true });
    const count = changeOn(typed, 'db("students")');
    expect(count).toMatchObject({ factors: ["count-value-shape"], proofs: PROVEN });
    expect(count.proofText).toContain("`db` is Knex `Knex<any, any[]>`");
    noChangeOn(typed, "trx(");
    const local = await changesIn("orm-knex", { types: false });
    expect(changeOn(local, 'db("students")').factors).toContain("orm-inferred-from-shape");
    expect(changeOn(local, 'trx("students")').factors).toContain("orm-inferred-from-shape");
  }, 60_000);

  it("Knex: an instance of any name is proven by its type alone, never guessed from its shape", async () => {
    const typed = await changesIn("orm-knex", { types: true });
    // `reports`, a name no Knex convention uses, inferred `Knex` in db.ts: only its type says so.
    const count = changeAtLine(typed, "orm-knex", "src/reports.ts", 'reports("students")');
    expect(count).toMatchObject({
      transform: "prefer-orm-count",
      status: "apply",
      factors: ["count-value-shape"],
      proofs: PROVEN,
    });
    expect(count.proofText).toContain("`reports` is Knex `Knex<any, unknown[]>`");
    expect(count.replacement).toContain('reports("students").where("age", ">", minAge).count(');
    // The project's own `lookup` has the same shape; its type refutes it.
    noChangeOn(typed, "lookup(");
    // What a method returns is typed `Knex` too.
    const tenant = changeOn(typed, 'forTenant(tenant)("students")');
    expect(tenant).toMatchObject({ transform: "prefer-orm-find-first", proofs: PROVEN });
    expect(tenant.proofText).toContain("`this.database.forTenant(tenant)` is Knex");
    // Without types none is recognised: the shape alone does not make `reports` Knex.
    const local = await changesIn("orm-knex", { types: false });
    expect(local.filter((c) => c.file === "src/reports.ts")).toEqual([]);
    noChangeOn(local, "forTenant(");
  }, 60_000);

  it("Drizzle: a database of any name counts by its shape; what a method returns, by its type alone", async () => {
    const typed = await changesIn("orm-drizzle", { types: true });
    const ledger = changeOn(typed, "ledger.$count(students");
    expect(ledger).toMatchObject({ factors: [], proofs: PROVEN });
    expect(ledger.proofText).toContain("`ledger` is Drizzle `BetterSQLite3Database`");
    const tenant = changeOn(typed, "tenants.databaseFor(tenant).$count(students");
    expect(tenant).toMatchObject({ factors: [], proofs: PROVEN });
    expect(tenant.proofText).toContain("`tenants.databaseFor(tenant)` is Drizzle");
    // The project's own builders that a method returns: refuted.
    noChangeOn(typed, "scratchpads.");
    const local = await changesIn("orm-drizzle", { types: false });
    expect(changeOn(local, "ledger.$count(students").factors).toContain("orm-inferred-from-shape");
    noChangeOn(local, "databaseFor(");
  }, 60_000);

  it("Drizzle: proves the database; `$count` on it settles the drizzle-orm version", async () => {
    const typed = await changesIn("orm-drizzle", { types: true });
    const count = changeOn(typed, "db.$count(students");
    expect(count).toMatchObject({ factors: [], proofs: PROVEN });
    expect(count.proofText).toContain("`db` is Drizzle `BetterSQLite3Database`");
    expect(changeOn(typed, "limit: 1").proofs).toEqual(["receiver-is-orm"]);
    noChangeOn(typed, "memory.");
    const local = await changesIn("orm-drizzle", { types: false });
    expect(changeOn(local, "db.$count(students").factors).toEqual([
      "orm-api-version",
      "orm-inferred-from-shape",
    ]);
    expect(changeOn(local, "memory.$count(").factors).toContain("orm-inferred-from-shape");
  }, 60_000);
});
