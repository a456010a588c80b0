/**
 * Doc-page notes shared by the ORM transforms: how a call is recognised as an ORM's, what the
 * database tests prove, and the Mongoose caveat. Each transform adds its own per-ORM table.
 */

export type OrmRow = readonly [orm: string, eager: string, lazy: string];

const PROVEN: Record<string, string> = {
  Prisma: "yes (Prisma 7, better-sqlite3 adapter)",
  TypeORM: "yes (0.3, better-sqlite3)",
  "Sequelize 6/7": "yes (6 and 7, sqlite3)",
  Mongoose: "no: fixtures only",
  Knex: "yes (3, better-sqlite3)",
  Drizzle: "yes (better-sqlite3)",
};

const RECOGNITION = `**How a call is recognised.** By what the file says of the receiver itself: its root
imported from an ORM module (\`@prisma/client\` or a generated client, \`typeorm\`/\`@nestjs/typeorm\`,
\`sequelize\`/\`@sequelize/core\`/\`sequelize-typescript\`, \`mongoose\`/\`@nestjs/mongoose\`, \`knex\`,
\`drizzle-orm\`), declared with a type one exports (\`users: Repository<User>\`, a constructor parameter
property, \`{ prisma }: Db\` with \`type Db = { prisma: PrismaClient }\`), made by one (\`new PrismaClient()\`,
\`model("User", schema)\`, \`class Student extends Model\`), or the transaction parameter of such a client;
an import of the ORM elsewhere in the file says nothing of a receiver it did not give. Otherwise methods no
array has (\`findMany\`, \`findAll\`, \`findBy\`, \`db.query.t.findMany\`, TypeORM option keys on a
\`…Repository\`, Mongoose's \`.lean()\`/\`.exec()\`) still identify the ORM, with the
\`orm-inferred-from-shape\` reason. \`.find(callback)\` is \`Array.prototype.find\` and never an ORM call.

**With the project's types** (a tsconfig and \`--types\`, the default), the checker settles what the file
cannot: a receiver whose eager method is the ORM's own (TypeORM \`Repository\`, \`EntityManager\`, a custom
repository; a Prisma delegate of \`@prisma/client\` or a generated client; a Sequelize model class, with
sequelize-typescript or \`ModelStatic\`; a Mongoose \`Model\`; a Knex query builder; a Drizzle database),
whatever module, injection or subclass it came through, is proven (\`receiver-is-orm\`, in place of
\`orm-inferred-from-shape\`); one whose method is the project's own class's, another package's or another
ORM's is no ORM call, and nothing changes. Each method the lazy query calls must be on the receiver's type
with a signature that takes its arguments (\`lazy-method-typed\`, which also settles \`orm-api-version\`);
one that is missing (\`exists\` on typeorm 0.3.17, \`countDocuments\` on a wrapper) or that a subclass of the
ORM's overrides is reported without a fix (\`lazy-method-unavailable\`). A receiver typed \`any\` keeps the
file's judgement.
Project wrappers are named in configuration (\`TransformSettings.orm\`): \`modules\` maps an import path
to an ORM; \`receivers\` maps a receiver pattern (a name or \`this\`, then \`.name\` and \`()\` steps;
\`()\` matches a call with any arguments) to the ORM whose own object it is, or to a wrapper whose
\`methods\` name, per lazy operation (\`exists\`, \`count\`, \`first\`, \`select\`, \`cursor\`), the
wrapper's own method, \`true\` (the ORM's form works on it) or \`null\` (none: no rewrite). On a wrapper
a rewrite calls only what \`methods\` names; an operation left out is held back with
\`wrapper-method-unknown\`.

\`\`\`json
{ "orm": { "modules": { "@/lib/prisma": "prisma", "@acme/database": "drizzle" },
           "receivers": {
             "this.organizationRepository": "mongoose",
             "this.connection.getRepository()": "typeorm",
             "this.feedRepository": { "orm": "mongoose", "methods": { "count": "count", "exists": null } } } } }
\`\`\``;

const PROOF = `**Proof.** The \`prisma\`, \`typeorm\`, \`sequelize\`, \`knex\` and \`drizzle\` fixtures are runnable
modules: \`__tests__/orm-*.test.ts\` seed a real SQLite database and run the original and the
rewritten module through the real ORM packages, and require identical results for every exported
function at three ages (many, few and no matching rows). In \`<orm>-hazards\` fixtures each function
shows the hazard behind one of its risk reasons (the results differ), and its change is held out
of the low band. **Mongoose** needs a MongoDB server, which cannot run where these tests run (no
server package, and in-memory servers download a binary): its rewrites are covered by fixtures only.`;

/** A per-ORM table, the transform's own caveats, then how calls are recognised and proven. */
export function ormNotes(rows: readonly OrmRow[], extra = "", options = { proven: true }): string {
  const head = options.proven
    ? ["| ORM | eager | lazy | proven on SQLite |", "|---|---|---|---|"]
    : ["| ORM | example | finding |", "|---|---|---|"];
  const table = [
    ...head,
    ...rows.map(([orm, eager, lazy]) =>
      options.proven
        ? `| ${orm} | ${eager} | ${lazy} | ${PROVEN[orm] ?? ""} |`
        : `| ${orm} | ${eager} | ${lazy} |`,
    ),
  ].join("\n");
  return [table, extra, RECOGNITION, options.proven ? PROOF : ""].filter(Boolean).join("\n\n");
}
