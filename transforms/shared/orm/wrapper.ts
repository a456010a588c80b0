import { mapLazyQueries, type LazyFact, type LazyQuery, type OrmQuery } from "./query.js";
import type { ConfiguredReceiver } from "./receivers.js";
import type { LazyOperation, OrmKind } from "./settings.js";

/** How each ORM is named in messages. */
export const ORM_NAMES: Record<OrmKind, string> = {
  prisma: "Prisma",
  typeorm: "TypeORM",
  sequelize: "Sequelize",
  mongoose: "Mongoose",
  knex: "Knex",
  drizzle: "Drizzle",
};

/**
 * A query on a configured wrapper, whose rewrites call only what the configuration says the
 * wrapper has: its lazy queries call the wrapper's method for each operation
 * (`methods.count: "count"` instead of Mongoose's `countDocuments`); an operation the wrapper
 * has none of (`null`) has no lazy query; one the configuration does not mention is written the
 * ORM's way and held back with `wrapper-method-unknown`.
 */
export function onWrapper(query: OrmQuery, configured: ConfiguredReceiver): OrmQuery {
  const wrapper = configured.wrapper;
  if (!wrapper) return query;
  const through = (operation: LazyOperation, lazy: LazyQuery): LazyQuery | undefined => {
    const named = wrapper.methods[operation];
    if (named === null) return undefined;
    // Known: named (a method the lazy query calls under the wrapper's name), or the ORM's own way.
    if (named === true) return lazy;
    if (typeof named === "string" && lazy.method)
      return { ...lazy, method: { ...lazy.method, name: named } };
    const unknown: LazyFact = {
      kind: "wrapper-method-unknown",
      key: configured.key,
      orm: query.orm,
      operation,
      ...(lazy.method ? { calls: lazy.method.name } : {}),
    };
    return { ...lazy, facts: [...lazy.facts, unknown] };
  };
  return { ...query, ...mapLazyQueries(query, through) };
}
