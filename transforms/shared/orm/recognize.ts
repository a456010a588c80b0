import { isCallLike, isMemberLike, propertyName } from "../../../src/ast/predicates.js";
import { outermostWrapper } from "../../../src/ast/context-predicates.js";
import type { TransformContext } from "../../../src/core/context.js";
import type { Node } from "../../../src/core/types.js";
import { isSynchronous, recognizeDrizzle } from "./drizzle.js";
import { recognizeKnex } from "./knex.js";
import { recognizeMongoose } from "./mongoose.js";
import { recognizePrisma } from "./prisma.js";
import type { OrmQuery } from "./query.js";
import { typedQuery } from "./typed.js";
import { onWrapper } from "./wrapper.js";
import { recognizeSequelize } from "./sequelize.js";
import { recognizeTypeOrm } from "./typeorm.js";
import { loadSiteOf, type LoadSite } from "./uses.js";

/** An eager ORM load and where its rows go. */
export interface EagerLoad {
  query: OrmQuery;
  site: LoadSite;
}

/**
 * The eager load whose outermost call is `node`, if it is one, and its load site; computed once
 * per node and shared by every ORM transform.
 */
export function eagerLoadAt(ctx: TransformContext, node: Node): EagerLoad | undefined {
  const cache = ctx.memoize("orm-eager-loads", () => new Map<Node, EagerLoad | undefined>());
  if (cache.has(node)) return cache.get(node);
  const load = findEagerLoad(ctx, node);
  cache.set(node, load);
  return load;
}

/** The recognisers, the most specific first. */
const RECOGNISERS = [
  recognizePrisma,
  recognizeDrizzle,
  recognizeTypeOrm,
  recognizeSequelize,
  recognizeKnex,
  recognizeMongoose,
];

/**
 * Which ORM, if any, the query belongs to: the most specific recogniser first, though a query
 * that only types can make one (`typesOnly`) gives way to any other recogniser's.
 */
export function ormQueryAt(ctx: TransformContext, node: Node): OrmQuery | undefined {
  if (!isCallLike(node) || !isOutermost(ctx, node)) return undefined;
  let query: OrmQuery | undefined;
  for (const recognise of RECOGNISERS) {
    const found = recognise(ctx, node);
    if (found && !found.evidence.typesOnly) {
      query = found;
      break;
    }
    query ??= found;
  }
  if (!query) return undefined;
  // A shape only types can settle: a file-local pass asks for them (the instance may be typed
  // `Knex` in another file) and, meanwhile, recognises nothing.
  if (query.evidence.typesOnly && !ctx.types) {
    ctx.askTypes();
    return undefined;
  }
  const configured = query.evidence.configured;
  const seen = configured ? onWrapper(query, configured) : query;
  return ctx.types ? typedQuery(ctx, seen) : seen;
}

function findEagerLoad(ctx: TransformContext, node: Node): EagerLoad | undefined {
  const query = ormQueryAt(ctx, node);
  if (!query || query.limitedToOne) return undefined;
  const site = loadSiteOf(ctx, query, isSynchronous(query));
  return site ? { query, site } : undefined;
}

/** Not the inside of a longer chain: `knex("t")` in `knex("t").where(…)` is not a query yet. */
function isOutermost(ctx: TransformContext, node: Node): boolean {
  const self = outermostWrapper(ctx, node);
  const parent = ctx.parentOf(self);
  if (!isMemberLike(parent) || parent.object !== self) return true;
  const call = ctx.parentOf(parent);
  if (!isCallLike(call) || call.callee !== parent) return true;
  return propertyName(parent) === "then";
}
