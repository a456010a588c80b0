import { fillTemplate } from "./quote.js";
import type { Band, Risk, RiskFactor, RiskProof, RiskReason } from "./types.js";

export interface RiskFactorDefinition {
  /**
   * A proof, not a risk: a fact the project's types established that settles what a factor would
   * have said (weight 0; listed under `risk.proofs`).
   */
  proof?: true;
  weight: number;
  /** One sentence; `{detail}` is replaced by the code the reason is about. */
  reason: string;
  /** A short example for the docs: the code shape that raises it. */
  example?: string;
}

/** Risk factors by id: what a family of transforms (or the engine) may raise, as data. */
export type RiskFactorDefinitions = Readonly<Record<string, RiskFactorDefinition>>;

/**
 * Every risk factor id any family defines: each family adds its own ids to this interface (by
 * declaration merging, next to its definitions), so a reason with a misspelt id fails `tsc`,
 * while the core knows no family.
 *
 * @public (declaration merging is its use)
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface RiskFactorRegistry extends Record<
  keyof typeof COMMON_RISK_FACTORS | "adds-type-error",
  true
> {}

export type RiskFactorId = keyof RiskFactorRegistry & string;

/** A family's ids by name: `CommonRisk["nan-semantics"]` is `"nan-semantics"`. */
export function riskFactorIds<const T extends RiskFactorDefinitions>(
  definitions: T,
): { readonly [K in keyof T & string]: K } {
  return Object.fromEntries(Object.keys(definitions).map((id) => [id, id])) as {
    [K in keyof T & string]: K;
  };
}

/** The definitions of some of a family's factors (those a transform may raise). */
export function selectRiskFactors<T extends RiskFactorDefinitions, K extends keyof T & string>(
  definitions: T,
  ids: readonly K[],
): Pick<T, K> {
  return Object.fromEntries(ids.map((id) => [id, definitions[id]])) as Pick<T, K>;
}

/**
 * The definitions of several sets of factors together (families, transforms); an id defined twice
 * must be defined the same way.
 */
export function mergeRiskFactors(sets: readonly RiskFactorDefinitions[]): RiskFactorDefinitions {
  const merged: Record<string, RiskFactorDefinition> = {};
  for (const set of sets) {
    for (const [id, definition] of Object.entries(set)) {
      if (merged[id] && merged[id] !== definition)
        throw new Error(`risk factor "${id}" is defined twice`);
      merged[id] = definition;
    }
  }
  return merged;
}

/** Factors every family can raise (and `comments-in-range`, which the engine raises for any). */
export const COMMON_RISK_FACTORS = {
  "receiver-not-provably-array": {
    weight: 20,
    reason:
      "`{detail}` is not provably an array (no array literal, array type annotation or array-returning call in this file); an object with its own method of that name would behave differently",
    example: "function f(items) { return items.filter(isOpen).length > 0; }",
  },
  "callback-side-effects": {
    weight: 40,
    reason:
      "the callback may have side effects ({detail}); the lazy form stops at the first match, so later elements no longer run them",
    example: "xs.filter((x) => { seen.push(x); return x.ok; }).length > 0",
  },
  "callback-by-reference": {
    weight: 25,
    reason:
      "the callback `{detail}` is passed by reference; its body, and any side effects in it, cannot be checked here",
    example: "xs.filter(isValid).length > 0",
  },
  "callback-may-throw": {
    weight: 30,
    reason:
      "the callback can throw ({detail}); the eager form ran it on every element, so one bad element made the whole expression throw, and the lazy form stops before later elements: their error is no longer raised (or logged)",
    example: "rows.filter((r) => JSON.parse(r.meta).active).length > 0",
  },
  "callback-is-pure": {
    proof: true,
    weight: 0,
    reason:
      "{detail} (types): no side effects, so stopping at the first match skips nothing the callback does",
    example: "xs.filter(isValid).length > 0  // isValid in ./rules.ts only reads its argument",
  },
  "nan-semantics": {
    weight: 15,
    reason:
      "`includes` finds `NaN` (SameValueZero) but `===` never does; `{detail}` is not a literal, so it could be `NaN`",
    example: "xs.map((x) => x.score).includes(target)",
  },
  "value-not-nan": {
    proof: true,
    weight: 0,
    reason: "{detail} (types), never `NaN`: `includes` and `===` find the same elements",
    example: "users.map((u) => u.email).includes(email)  // email: string, from another file",
  },
  "own-enumerable-keys": {
    weight: 30,
    reason:
      '`Object.keys` lists own enumerable string keys only; `Object.hasOwn` (and `hasOwnProperty`) also finds non-enumerable and symbol keys, and a number key `1` matches `"1"`',
    example: "Object.keys(options).includes(name)",
  },
  "optional-chain-value": {
    weight: 30,
    reason:
      "with optional chaining the result becomes `undefined` instead of `false` when `{detail}` is nullish, and here it is used as a value, not as a condition",
    example: "const any = order?.lines.filter(isOpen).length > 0;",
  },
  "destructuring-default": {
    weight: 25,
    reason:
      "the default in `{detail}` applied only when the element was `undefined`; `?? default` also replaces `null`",
    example: "const [first = fallback] = xs.filter(p);",
  },
  "non-null-assertion": {
    weight: 5,
    reason:
      '`{detail}` was typed `T` and this use needs `T`, but the lazy form adds `undefined` (a one-row query: `null`) under strictNullChecks, so `!` is added to keep the type; at run time it does nothing (with no match, both forms give no element and a property read throws). `!` also drops `null`/`undefined` from an element type that has them, and lint rules such as no-non-null-assertion flag it (configuration: "nonNullAssertions": false holds these changes back instead)',
    example: "users.filter(isAdmin)[0].name  →  users.find(isAdmin)!.name",
  },
  "keeps-undefined": {
    weight: 0,
    reason:
      "the one-row query gives `null` when no row matches, where `{detail}` gave `undefined` (typed `T | undefined` under noUncheckedIndexedAccess, or going where `T | undefined` is declared); `?? undefined` keeps both the value and the type",
    example:
      "return (await prisma.user.findMany(q))[0];  →  return (await prisma.user.findFirst(q)) ?? undefined;",
  },
  "result-type-fits": {
    proof: true,
    weight: 0,
    reason:
      "{detail} (types), so the lazy form's `T | undefined` type-checks there as it is, without `!`",
    example: "show(users.filter(isAdmin)[0])  // show(user?: User), from another file",
  },
  "result-type-widens": {
    weight: 60,
    reason:
      'the lazy form adds `undefined` (a one-row query: `null`) to the type `T` that `{detail}` had, and this use needs `T`: under strictNullChecks the rewrite would not compile, and the `!` that would keep the type cannot be used here (a JavaScript file checked with checkJs or // @ts-check, or the configuration\'s "nonNullAssertions": false)',
    example: 'users.filter(isAdmin)[0].name  // with "nonNullAssertions": false',
  },
  "receiver-is-array": {
    proof: true,
    weight: 0,
    reason: "receiver {detail} (types)",
    example: "function f(items: Item[]) { return items.filter(isOpen).length > 0; }",
  },
  "collection-is-set": {
    proof: true,
    weight: 0,
    reason: "collection {detail} (types): its own `has` finds what `includes` found in its copy",
    example: "[...seen].includes(id)  // seen: Set<string>, from another file",
  },
  "collection-is-map": {
    proof: true,
    weight: 0,
    reason: "collection {detail} (types): its own `has` finds what `includes` found among its keys",
    example: "[...cache.keys()].includes(key)  // cache: Map<string, Entry>, from another file",
  },
  "comments-in-range": {
    weight: 60,
    reason:
      "a comment inside the rewritten code ({detail}) would be lost, so this is reported without a fix",
    example: "xs.filter(p) /* why */ .length > 0",
  },
} as const satisfies RiskFactorDefinitions;

export const CommonRisk = riskFactorIds(COMMON_RISK_FACTORS);

/** What the engine itself may raise, for any transform: a lost comment, a new compiler error. */
export const ENGINE_RISK_FACTORS = {
  ...selectRiskFactors(COMMON_RISK_FACTORS, ["comments-in-range"]),
  "adds-type-error": {
    weight: 100,
    reason:
      "the rewritten file no longer type-checks ({detail}), so the change is held back; fix the types or apply it by hand",
    example: "this.infos.filter(isOpen)[0].threads  →  this.infos.find(isOpen).threads  // TS2532",
  },
} as const satisfies RiskFactorDefinitions;

export const BAND_LIMITS: Record<Band, number> = { low: 24, medium: 59, high: 100 };

export function bandOf(score: number): Band {
  if (score <= BAND_LIMITS.low) return "low";
  if (score <= BAND_LIMITS.medium) return "medium";
  return "high";
}

/**
 * Weighs reasons into a score (sum of weights, capped at 100) with the definitions given (those
 * of the transform that raised them); an id raised twice counts once.
 */
export function scoreRisk(
  reasons: readonly RiskReason[],
  definitions: RiskFactorDefinitions,
): Risk {
  const factors: RiskFactor[] = [];
  const proofs: RiskProof[] = [];
  const seen = new Set<string>();
  for (const reason of reasons) {
    if (seen.has(reason.id)) continue;
    seen.add(reason.id);
    const definition = definitions[reason.id];
    if (!definition) throw new Error(`risk factor "${reason.id}" is not among the transform's`);
    const text = fillTemplate(
      definition.reason,
      /\{(detail)\}/,
      () => reason.detail ?? "the value",
    );
    if (definition.proof) proofs.push({ id: reason.id, reason: text });
    else factors.push({ id: reason.id, weight: definition.weight, reason: text });
  }
  return combineFactors(factors, proofs);
}

/** One risk from factors (the heaviest of each id) and proofs (each id once). */
export function combineFactors(
  factors: readonly RiskFactor[],
  proofs: readonly RiskProof[] = [],
): Risk {
  const byId = new Map<string, RiskFactor>();
  for (const factor of factors) {
    const existing = byId.get(factor.id);
    if (!existing || existing.weight < factor.weight) byId.set(factor.id, factor);
  }
  const unique = [...byId.values()];
  const score = Math.min(
    100,
    unique.reduce((sum, f) => sum + f.weight, 0),
  );
  const risk: Risk = { score, band: bandOf(score), factors: unique };
  const uniqueProofs = [...new Map(proofs.map((proof) => [proof.id, proof])).values()];
  if (uniqueProofs.length > 0) risk.proofs = uniqueProofs;
  return risk;
}

/** `--max-risk` accepts 0–100 or a band name (the band's upper limit). */
export function parseMaxRisk(value: string): number | undefined {
  const lower = value.trim().toLowerCase();
  if (lower in BAND_LIMITS) return BAND_LIMITS[lower as Band];
  if (!/^\d{1,3}$/.test(lower)) return undefined;
  const n = Number(lower);
  return n >= 0 && n <= 100 ? n : undefined;
}
