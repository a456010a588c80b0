import type { TransformContext, TransformSettings } from "../../../src/core/context.js";
import type { Trigger } from "../../../src/core/define.js";
import type { Node } from "../../../src/core/types.js";
import { receiverTriggers } from "./receivers.js";
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

const settingsTriggers = new WeakMap<TransformSettings, readonly Trigger[]>();

/**
 * Configured ORM modules and receivers (`ctx.settings.orm`) are triggers too: a module's path, and
 * the last name in a receiver pattern (`getRepository` for `this.connection.getRepository()`),
 * which every receiver the pattern names spells out. Computed once per settings object, as every
 * ORM transform asks for every file.
 */
export function ormSettingsTriggers(settings: TransformSettings): readonly Trigger[] {
  let triggers = settingsTriggers.get(settings);
  if (!triggers) {
    const orm = settings.orm;
    triggers = orm
      ? [...Object.keys(orm.modules ?? {}), ...receiverTriggers(settings)].filter(
          (name) => name.length > 0,
        )
      : [];
    settingsTriggers.set(settings, triggers);
  }
  return triggers;
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
