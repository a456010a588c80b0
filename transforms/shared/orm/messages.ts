import type { TransformContext, TransformSettings } from "../../../src/core/context.js";
import type { Trigger } from "../../../src/core/define.js";
import type { Node } from "../../../src/core/types.js";
import type { EagerLoad } from "./recognize.js";

/**
 * Texts a file must contain for an ORM transform to possibly match. Each mirrors what the
 * recognisers need: an eager method that no array has, or `.find(` together with what makes it an
 * ORM call (a repository, manager or model, an ORM import), or a Knex/Drizzle chain head.
 * Deliberately not `.find(`, `join(` or `from(` alone: nearly every file has those.
 */
export const ORM_TRIGGERS: readonly Trigger[] = [
  "findMany(", // Prisma, Drizzle's relational API
  "findAll(", // Sequelize
  "findBy(", // TypeORM
  [".find(", /[Rr]epo|[Mm]anager|\bem\./], // TypeORM repositories and entity managers
  [".find(", /mongoose|goose|Model\b|\.(?:lean|exec|populate)\(/], // Mongoose models
  "knex", // a Knex import or `knex("table")`
  /\b(?:db|trx|tx|database|connection|conn|k)(?:\s*\(\s*["'`]|\.(?:from|table|select)\()/, // Knex by shape
  [".select(", ".from("], // Drizzle (and Knex) select chains
];

/** Configured ORM modules and receivers (`ctx.settings.orm`) are triggers too. */
export function ormSettingsTriggers(settings: TransformSettings): readonly Trigger[] {
  const orm = settings.orm;
  if (!orm) return [];
  const receivers = Object.keys(orm.receivers ?? {}).map((path) => path.split(".").pop() ?? path);
  return [...Object.keys(orm.modules ?? {}), ...receivers].filter((name) => name.length > 0);
}

/** The node a finding is reported at, its message id and the data its message names. */
export function loadMessageData(
  ctx: TransformContext,
  load: EagerLoad,
): { node: Node; messageId: "inline" | "binding"; data: Record<string, string> } {
  const { site, query } = load;
  if (site.form === "binding") {
    return {
      node: site.binding.declarator,
      messageId: "binding",
      data: { name: site.binding.name, query: query.label },
    };
  }
  void ctx;
  return { node: query.node, messageId: "inline", data: { query: query.label } };
}
