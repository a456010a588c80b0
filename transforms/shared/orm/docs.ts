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

const RECOGNITION = `**How a call is recognised.** By the file's imports (\`@prisma/client\` or a generated client,
\`typeorm\`/\`@nestjs/typeorm\`, \`sequelize\`/\`@sequelize/core\`/\`sequelize-typescript\`,
\`mongoose\`/\`@nestjs/mongoose\`, \`knex\`, \`drizzle-orm\`) together with the receiver's shape
(\`prisma.x.findMany\`, \`tx.x.findMany\` inside \`$transaction\`, \`this.userRepository.find\`,
\`getRepository(E).find\`, \`manager.find(E, …)\`, \`User.findAll\`, \`db.User.findAll\`,
\`this.userModel.find\`, \`knex("t")…\`, \`db.select().from(t)…\`). Without an import, methods no array
has (\`findMany\`, \`findAll\`, \`findBy\`, \`db.query.t.findMany\`, TypeORM option keys on a
\`…Repository\`, Mongoose's \`.lean()\`/\`.exec()\`) still identify the ORM, with the
\`orm-inferred-from-shape\` reason. \`.find(callback)\` is \`Array.prototype.find\` and never an ORM call.
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
