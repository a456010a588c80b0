import { isCallLike } from "../../../src/ast/predicates.js";
import { end, start, type TransformContext } from "../../../src/core/context.js";
import { backticked, quoteCode } from "../../../src/core/quote.js";
import type { TypeMember, TypeOrigin, TypeView } from "../../../src/core/type-facts.js";
import type { Node } from "../../../src/core/types.js";
import { mapLazyQueries, type LazyFact, type LazyQuery, type OrmQuery } from "./query.js";
import type { LazyOperation, OrmKind } from "./settings.js";
import { ORM_NAMES } from "./wrapper.js";

/**
 * What the project's types say about an ORM query (a project-aware run, `ctx.types`): whether its
 * receiver is the ORM's own object, whatever module, injection or subclass it came through, and
 * whether the receiver has the method each lazy query calls. A file-local run has no types, and
 * a receiver typed `any` leaves the file-local judgement as it was.
 */

/** The packages whose declarations are each ORM's own (a generated Prisma client aside). */
const ORM_MODULES: Record<OrmKind, readonly string[]> = {
  prisma: ["@prisma/client", ".prisma"],
  typeorm: ["typeorm"],
  sequelize: ["sequelize", "@sequelize/core", "sequelize-typescript"],
  mongoose: ["mongoose"],
  knex: ["knex"],
  drizzle: ["drizzle-orm"],
};

function ormOfModule(module: string): OrmKind | undefined {
  for (const [kind, modules] of Object.entries(ORM_MODULES) as [OrmKind, readonly string[]][])
    if (modules.includes(module)) return kind;
  return undefined;
}

/** Who provides what a receiver's type does with the eager query: an ORM, the project, a package. */
type Provider = { orm: OrmKind } | { project: string } | { package: string };

/**
 * Who declares the eager method on one union member, or (without a method: a Knex or Drizzle
 * query, whose type is the builder) who declares the type itself. A generated Prisma client is
 * the project's code (`prisma-client` writes it into the project), but its methods return
 * Prisma's own promise type.
 */
function providerOf(member: TypeMember, method: string | undefined): Provider | undefined {
  // A mapped type's properties (Prisma's `$extends` client) are declared by the type itself.
  const origin = (method && member.declarerOf(method)) || ormOrigin(member.origins);
  if (!origin) return method ? undefined : projectOrPackage(member.origins[0]);
  const orm = ormOfModule(origin.module);
  if (orm) return { orm };
  if (origin.module !== "project") return { package: origin.module };
  if (method && returnsPrismaPromise(member.returnOf(method))) return { orm: "prisma" };
  return { project: origin.name };
}

function ormOrigin(origins: readonly TypeOrigin[]): TypeOrigin | undefined {
  return origins.find((o) => ormOfModule(o.module) !== undefined);
}

function projectOrPackage(origin: TypeOrigin | undefined): Provider | undefined {
  if (!origin || origin.module === "typescript") return undefined;
  return origin.module === "project" ? { project: origin.name } : { package: origin.module };
}

function returnsPrismaPromise(view: TypeView | undefined): boolean {
  return !!view?.members.some((m) => m.origins.some((o) => ormOfModule(o.module) === "prisma"));
}

/** The types' verdict on a query's receiver. */
type ReceiverVerdict =
  /** Every union member is the ORM's own (or a subclass that leaves the eager method alone). */
  | {
      proven: true;
      detail: string;
      members: readonly TypeMember[];
      /** The receiver is a model of an extended Prisma client (`prisma.$extends(…)`): how it reads. */
      extended?: string;
    }
  /** Some member is another thing: the project's own class, another package, another ORM. */
  | { proven: false; detail: string };

/**
 * What types say of `receiver` as the object `method` is called on (or, without a method, of
 * the query builder itself); undefined where they cannot say (no types, `any`, an unresolved
 * import).
 */
function receiverVerdict(ctx: TransformContext, query: OrmQuery): ReceiverVerdict | undefined {
  const { node, method } = query.receiver;
  const view = typeAt(ctx, node);
  if (!view) return undefined;
  const shown = backticked(quoteCode(ctx.text(node)));
  const type = typeText(view);
  const providers = view.members.map((m) => providerOf(m, method));
  if (providers.some((p) => p === undefined)) return undefined;
  for (const provider of providers as Provider[]) {
    if ("orm" in provider && provider.orm === query.orm) continue;
    const by =
      "orm" in provider
        ? `${ORM_NAMES[provider.orm]}'s`
        : "project" in provider
          ? `the project's own \`${provider.project}\``
          : `\`${provider.package}\`'s`;
    const what = method ? `its \`${method}\` is ${by}` : `it is ${by}`;
    return { proven: false, detail: `${shown} is ${type}: ${what}, not ${ORM_NAMES[query.orm]}'s` };
  }
  const extended = view.members.some((m) => m.origins.some((o) => isExtendedPrismaModel(o)));
  return {
    proven: true,
    detail: `${shown} is ${ORM_NAMES[query.orm]} ${type}`,
    members: view.members,
    ...(extended ? { extended: `${shown} is ${type}` } : {}),
  };
}

/** A model of a client that `$extends` made: its query extensions may change `findMany`. */
function isExtendedPrismaModel(origin: TypeOrigin): boolean {
  return ormOfModule(origin.module) === "prisma" && origin.name.startsWith("DynamicModelExtension");
}

/**
 * A type as messages show it: as TypeScript prints it when short, else its name and first type
 * argument (`Model<User, …>` for Mongoose's five).
 */
function typeText(view: TypeView): string {
  const [member, ...others] = view.members;
  if (view.text.length <= 40 || !member || others.length > 0)
    return backticked(quoteCode(view.text));
  const name = member.origins[0]?.name;
  const [first, ...rest] = member.typeArguments;
  if (!name) return backticked(quoteCode(view.text));
  const args =
    first === undefined
      ? ""
      : `<${first.length <= 30 ? first : "…"}${rest.length > 0 ? ", …" : ""}>`;
  return backticked(`${name}${args}`);
}

function typeAt(ctx: TransformContext, node: Node): TypeView | undefined {
  const view = ctx.types?.typeOf({ start: start(node), end: end(node) });
  return view && !view.unknown && view.members.length > 0 ? view : undefined;
}

/** A method a lazy query calls on an object of the eager query: `count` on `prisma.user`. */
interface NeededMethod {
  on: Node;
  name: string;
  /** How many arguments it is called with. */
  arity: number;
}

/**
 * The methods the lazy query calls that the eager query did not: its method on the receiver
 * (`count`, `exists`, `countDocuments`), a method it appends to the chain (`.first()`,
 * `.cursor()`, `.limit(1)`), or calls on the database object (`$count`).
 */
function neededMethods(query: OrmQuery, lazy: LazyQuery): NeededMethod[] {
  const needed: NeededMethod[] = [];
  const call = query.node;
  if (lazy.method) {
    const eagerCall = lazy.method.callee;
    const arguments_ = callArguments(call, eagerCall);
    const adds = lazy.changes.some(
      (c) =>
        (c.kind === "options" && c.options.kind === "none" && c.add?.length) ||
        c.kind === "add-argument",
    );
    needed.push({
      on: eagerCall.object,
      name: lazy.method.name,
      arity: arguments_ + (adds ? 1 : 0),
    });
  }
  for (const change of lazy.changes) {
    if (change.kind === "rename")
      needed.push({ on: change.callee.object, name: change.name, arity: 1 });
    else if (change.kind === "append" && change.calls[0])
      needed.push({
        on: change.after,
        name: change.calls[0].name,
        arity: change.calls[0].args.length,
      });
    else if (change.kind === "replace-with-call")
      needed.push({ on: change.receiver, name: change.method, arity: change.args.length });
  }
  return needed;
}

/** The arguments of the call whose callee is `callee` (the eager method's own call). */
function callArguments(outer: Node, callee: Node): number {
  let current: Node | undefined = outer;
  while (current && isCallLike(current)) {
    if (current.callee === callee) return current.arguments.length;
    const inner: Node = current.callee;
    current = "object" in inner ? (inner.object as Node) : undefined;
  }
  return 0;
}

/**
 * The lazy query as types judge it: each method it calls that the eager query did not is on the
 * receiver's type with a signature that takes its arguments (a proof, which also settles the
 * ORM version the method needs); or one is missing, or the receiver's subclass overrides it
 * (`lazy-method-unavailable`: reported, not written). Unchanged where types cannot say.
 */
function typedLazyQuery(
  ctx: TransformContext,
  query: OrmQuery,
  lazy: LazyQuery,
  operation: LazyOperation,
): LazyQuery {
  const checked: string[] = [];
  for (const needed of neededMethods(query, lazy)) {
    const view = typeAt(ctx, needed.on);
    if (!view) return lazy;
    const type = typeText(view);
    const method = backticked(needed.name);
    for (const member of view.members) {
      if (!member.callable(needed.name, needed.arity)) {
        const why = member.has(needed.name)
          ? `${type} has ${method}, but not callable with ${needed.arity} argument${needed.arity === 1 ? "" : "s"}`
          : `${type} has no ${method}`;
        return unavailable(lazy, `${why}, which the ${operation} rewrite calls`);
      }
      const declarer = member.declarerOf(needed.name);
      const eager = query.receiver.method && member.declarerOf(query.receiver.method);
      const eagerIsOrm = !!eager && ormOfModule(eager.module) !== undefined;
      if (declarer?.module === "project" && eagerIsOrm && !query.evidence.configured)
        return unavailable(
          lazy,
          `${method} on ${type} is the project's own \`${declarer.name}.${needed.name}\`, which may not do what ${ORM_NAMES[query.orm]}'s does`,
        );
    }
    checked.push(`${type} has ${method}`);
  }
  if (checked.length === 0) return lazy;
  const facts = lazy.facts.filter((f) => f.kind !== "needs-version");
  const proof: LazyFact = { kind: "method-typed", detail: checked.join("; ") };
  return { ...lazy, facts: [...facts, proof] };
}

function unavailable(lazy: LazyQuery, detail: string): LazyQuery {
  return { ...lazy, facts: [...lazy.facts, { kind: "method-unavailable", detail }] };
}

/** Whether the lazy query calls something types say the receiver lacks: reported, not written. */
export function isUnwritable(lazy: LazyQuery): boolean {
  return lazy.facts.some((f) => f.kind === "method-unavailable");
}

/**
 * The query as the project's types judge it: undefined when they refute it (the receiver is the
 * project's own class, another package's or another ORM's: no ORM call at all, whatever its
 * shape), or when its evidence is `typesOnly` and they do not prove it; its evidence a proof
 * when they prove the receiver; each lazy query checked for the methods it calls
 * (`typedLazyQuery`). Configuration outranks types: a configured wrapper is a project class by
 * design.
 */
export function typedQuery(ctx: TransformContext, query: OrmQuery): OrmQuery | undefined {
  const verdict = receiverVerdict(ctx, query);
  const configured = query.evidence.source === "config";
  if (verdict && !verdict.proven && !configured) return undefined;
  // Only a proof makes such a query one: never the shape alone, nor an `any` receiver.
  if (query.evidence.typesOnly && !verdict?.proven) return undefined;
  const evidence =
    verdict?.proven && !configured
      ? { source: "types" as const, detail: verdict.detail }
      : query.evidence;
  const extended = verdict?.proven ? verdict.extended : undefined;
  return {
    ...query,
    evidence,
    ...(extended ? { extendedClient: extended } : {}),
    ...mapLazyQueries(query, (operation, lazy) => typedLazyQuery(ctx, query, lazy, operation)),
  };
}
