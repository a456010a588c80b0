import { riskFactorIds, type RiskFactorDefinitions } from "../../../src/core/risk.js";

/**
 * Risk factors of the ORM transforms. Each says what can differ between the eager load and the
 * lazy query that replaces it; the weights put a change with only the inevitable factors of its
 * ORM in the low band and anything that can change a result in medium or high.
 */
export const ORM_RISK_FACTORS = {
  "orm-inferred-from-shape": {
    weight: 25,
    reason:
      "`{detail}` was recognised as an ORM query by its method and receiver names, not by an import or by configuration; if it is not that ORM, the new method may not exist or mean something else",
    example: 'import { db } from "@/lib/db"; (await db.user.findMany({ where })).length > 0',
  },
  "orm-hooks-differ": {
    weight: 10,
    reason:
      "the lazy query is a different operation ({detail}); hooks, middleware, listeners or query extensions registered for the eager operation do not run for it, so what they do (a soft-delete or tenant filter, an audit log) no longer happens",
    example:
      "Student.addHook('beforeFind', scopeToTenant); (await Student.findAll({ where })).length",
  },
  "orm-hooks-in-file": {
    weight: 45,
    reason:
      "this file registers hooks, middleware or extensions ({detail}) that may narrow the eager load but not the lazy query",
    example:
      "const db = prisma.$extends({ query: { student: { findMany: softDelete } } }); (await db.student.findMany()).length",
  },
  "orm-client-extended": {
    weight: 35,
    reason:
      "{detail} (types): a model of a client made by `$extends`, wherever that was written; a query extension there may narrow the eager operation but not the lazy query (types do not say which extensions it has)",
    example:
      "export const db = prisma.$extends({ query: { invoice: { findMany: softDelete } } });  // in lib/db.ts\n(await db.invoice.findMany({ where })).length",
  },
  "pagination-dropped": {
    weight: 50,
    reason:
      "the eager load is paginated or grouped ({detail}) but the lazy query ignores it, so it can count or find rows outside the page",
    example:
      "(await repo.find({ where, take: 20 })).length  →  repo.count({ where, take: 20 }) counts all",
  },
  "to-many-join": {
    weight: 25,
    reason:
      "the query joins related rows ({detail}); the count query is written to count each parent row once, as the eager load returned them, but a join with its own conditions is worth checking",
    example:
      "(await Student.findAll({ where, include: [Enrollment] })).length  →  Student.count({ where, include: [Enrollment], distinct: true })",
  },
  "options-not-literal": {
    weight: 40,
    reason:
      "the options `{detail}` are not an object literal, so keys that change the lazy query's meaning (pagination, projection, relations) cannot be checked",
    example: "(await repo.find(options))[0]  →  repo.findOne(options)",
  },
  "options-spread": {
    weight: 40,
    reason:
      "`{detail}` is spread into the options, so its keys, which may change the lazy query's meaning (pagination, projection, relations), cannot be checked",
    example:
      "(await repo.find({ where, ...options })).length  →  repo.count({ where, ...options })",
  },
  "options-computed-key": {
    weight: 40,
    reason:
      "the options have a computed key (`{detail}`), so which option it sets, and whether that changes the lazy query's meaning, cannot be checked",
    example: "(await repo.find({ where, [sortKey]: order }))[0]",
  },
  "options-method": {
    weight: 40,
    reason:
      "the options define `{detail}` as a method or accessor, so what it gives, and whether that changes the lazy query's meaning, cannot be checked",
    example: "(await repo.find({ get where() { return scope(); } })).length",
  },
  "options-duplicate-key": {
    weight: 40,
    reason:
      "the options set `{detail}` more than once (the last one wins), so the key the rewrite reads or edits may not be the one that applies",
    example: "(await repo.find({ where: a, take: 10, where: b })).length",
  },
  "null-instead-of-undefined": {
    weight: 20,
    reason:
      "`{detail}` was `undefined` when no row matched; the lazy query returns `null`, and this use can tell the two apart (returned, passed on, compared with `undefined`, defaulted)",
    example:
      "return (await prisma.user.findMany({ where }))[0];  →  return await prisma.user.findFirst({ where });",
  },
  "count-value-shape": {
    weight: 10,
    reason:
      "{detail} returns the count inside a row, as a string on some drivers (PostgreSQL, MySQL BIGINT); the rewrite reads it with `Number(…)`, which is exact below 2^53",
    example:
      "(await knex('students').where(w)).length  →  Number((await knex('students').where(w).count({ count: '*' }).first())?.count)",
  },
  "first-row-order": {
    weight: 10,
    reason:
      "neither the eager load nor the lazy query orders rows ({detail}); which row comes first was already up to the database, and a one-row query may get a different one than a full scan",
    example: "(await repo.find({ where }))[0]  →  repo.findOne({ where })",
  },
  "first-row-ties": {
    weight: 25,
    reason:
      "the rows are ordered by {detail}, with no unique key such as `id` among its columns, so which of the rows that tie comes first is up to the database's plan: PostgreSQL often reads the one-row query through an index and sorts the full load, and then returns another of the tied rows first (SQLite reads both the same way); add a unique last key to the order to keep the same row",
    example:
      '(await prisma.student.findMany({ orderBy: { age: "desc" } }))[0]  →  prisma.student.findFirst({ orderBy: { age: "desc" } })',
  },
  "lazy-call-may-throw": {
    weight: 40,
    reason: "the lazy call can throw where the eager one did not ({detail})",
    example:
      "(await repo.find(options))[0]  →  repo.findOne(options)  // throws when options has no where",
  },
  "transaction-receiver": {
    weight: 5,
    reason: "the query runs in a transaction ({detail})",
    example:
      "await prisma.$transaction(async (tx) => (await tx.order.findMany({ where })).length > 0)",
  },
  "orm-api-version": {
    weight: 10,
    reason: "the lazy method needs a recent version of the ORM: {detail}",
    example: "(await repo.find({ where })).length > 0  →  repo.exists({ where }) (TypeORM 0.3.18+)",
  },
  "projection-drops-fields": {
    weight: 25,
    reason:
      "{detail} are objects with getters, virtuals or methods that may read columns the projection no longer loads",
    example:
      "(await User.findAll({ where })).map((u) => u.fullName)  (a getter reading firstName, lastName)",
  },
  "column-name-mapping": {
    weight: 15,
    reason:
      "Knex selects by column name and `{detail}` are the rows' property names; they differ when the project maps names (e.g. snake_case columns, camelCase properties via `postProcessResponse` alone)",
    example: "(await knex('users').where(w)).map((u) => u.firstName)  →  ….select('firstName')",
  },
  "cursor-holds-connection": {
    weight: 30,
    reason:
      "the loop body now runs while the {detail} is open: rows are read as the loop goes, so a slow body keeps the cursor and its connection busy, and writes made meanwhile may or may not be seen",
    example:
      "for (const d of await User.find(f)) {…}  →  for await (const d of User.find(f).cursor()) {…}",
  },
  "postgres-stream-package": {
    weight: 10,
    reason:
      "on PostgreSQL, {detail} needs the `pg-query-stream` package beside `pg` and throws without it (the SQLite and MySQL drivers stream by themselves): install it where the project runs on PostgreSQL",
    example:
      'for (const s of await knex("students")) {…}  →  for await (const s of knex("students").stream()) {…}',
  },
  "iteration-loads-all-rows": {
    weight: 30,
    reason:
      "every row is loaded before the loop starts, and {detail}; batch it by hand (keyset pagination on an indexed column) if the table can be large",
    example: "for (const s of await prisma.student.findMany({ where })) {…}",
  },
  "wrapper-method-unknown": {
    weight: 35,
    reason:
      "{detail}: whether the wrapper has that is unknown, so the change is held back (name the wrapper's method under `methods`, `true` if it works the ORM's way, or `null` if it has none)",
    example:
      '"receivers": { "this.feedRepository": { "orm": "mongoose" } }: (await this.feedRepository.find(q)).length  →  this.feedRepository.countDocuments(q)',
  },
  "receiver-is-orm": {
    proof: true,
    weight: 0,
    reason:
      "{detail} (types): the call is the ORM's own query, whatever module, injection or subclass the receiver came through",
    example:
      "constructor(@InjectRepository(User) private users: Repository<User>) {}  …  (await this.users.find({ where })).length",
  },
  "lazy-method-typed": {
    proof: true,
    weight: 0,
    reason:
      "{detail} (types), with a signature that takes the lazy query's arguments, in the version installed",
    example:
      "(await repo.find({ where })).length > 0  →  repo.exists({ where })  (typeorm 0.3.18+ installed)",
  },
  "lazy-method-unavailable": {
    weight: 60,
    reason:
      "{detail} (types): the rewrite would not compile or would run other code, so this is reported without a fix",
    example:
      "(await repo.find({ where })).length > 0  with typeorm 0.3.17, whose Repository has `exist`, not `exists`",
  },
  "array-always-truthy": {
    weight: 70,
    reason:
      "`{detail}` is an array, and every array is truthy, even an empty one: this test never depends on whether any row matched",
    example: "const rows = await prisma.user.findMany({ where }); if (!rows) throw new NotFound();",
  },
} as const satisfies RiskFactorDefinitions;

/**
 * What every ORM rewrite may say of its receiver: recognised by its shape alone, or (with types)
 * proven the ORM's with the lazy method on its type, or the method missing from it.
 */
export const ORM_RECEIVER_FACTORS = [
  "orm-inferred-from-shape",
  "receiver-is-orm",
  "lazy-method-typed",
  "lazy-method-unavailable",
] as const;

export const OrmRisk = riskFactorIds(ORM_RISK_FACTORS);

declare module "../../../src/core/risk.js" {
  // The ORM family's ids join every family's (see RiskFactorRegistry).
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface RiskFactorRegistry extends Record<keyof typeof ORM_RISK_FACTORS, true> {}
}
