import type { TransformContext } from "./context.js";
import { fillTemplate } from "./quote.js";
import type { RiskFactorDefinitions } from "./risk.js";
import type { BaseMatch, Node, Rewrite, RiskReason } from "./types.js";

export type TransformCategory = "array" | "orm";

/** A substring, a pattern, or a list of substrings and patterns that must all occur. */
export type Trigger = string | RegExp | readonly (string | RegExp)[];

export interface TransformMeta {
  /** Named after the lazy construct it leads to; also the file, fixture folder and doc page name. */
  id: string;
  /** One line for `--list` and the README table. */
  title: string;
  category: TransformCategory;
  /** Before → after examples, for the docs. */
  rewrites: readonly string[];
  /** Shapes it deliberately leaves alone, for the docs' "Not handled" section. */
  refuses: readonly string[];
  /**
   * Cheap text tests for the prefilter: the transform can only match a file that contains at least
   * one trigger. A trigger is a substring, a pattern, or a list of substrings that must all occur.
   */
  triggers: readonly Trigger[];
  /** The configuration key its family reads, checked where configuration is read. */
  settings?: SettingsSpec;
  /** The risk factors it may raise, with their definitions (the engine weighs its reasons with them). */
  riskFactors: RiskFactorDefinitions;
  /** Where the idea comes from. */
  origin: string;
  /** messageId → one-line message; `{{name}}` is filled from the match's data. */
  messages: Readonly<Record<string, string>>;
  /** Every finding is reported without a fix: the transform never changes code. */
  reportOnly?: boolean;
  /** Extra Markdown for the doc page (per-library tables, caveats), rendered under "Notes". */
  notes?: string;
}

/**
 * A configuration key a family of transforms reads (`"orm"`): lazymod's configuration passes its
 * value to `validate` when it is read, and the core hands it on to the transforms as opaque data
 * (`ctx.settings[key]`).
 */
export interface SettingsSpec<T = unknown> {
  key: string;
  /** Checks the key's value; a bad one throws a UsageError naming `where` (the file) and the key. */
  validate(value: unknown, where: string): T;
  /** More prefilter triggers from the value (configured module or receiver names). */
  triggers?(value: T): readonly Trigger[];
}

type Matcher<M> = (node: Node, ctx: TransformContext) => M | readonly M[] | null | undefined;

export interface TransformDefinition<M extends BaseMatch> extends TransformMeta {
  /** match: recognise the pattern (per node type), or return nothing and leave the code alone. */
  match: Readonly<Record<string, Matcher<M>>>;
  /** assess: the named risk reasons of one match. */
  assess: (match: M, ctx: TransformContext) => RiskReason[];
  /** fix: edits against the current text, or null to report without a fix. */
  fix: (match: M, ctx: TransformContext) => Rewrite[] | null;
}

/** A match with its risk reasons and edits, ready for the engine. */
export interface Proposal {
  transform: string;
  messageId: string;
  message: string;
  node: Node;
  reasons: RiskReason[];
  rewrites: Rewrite[] | null;
}

export interface Transform extends TransformMeta {
  /** Node types the matchers want; the engine walks each file once for all transforms. */
  readonly nodeTypes: readonly string[];
  propose(ctx: TransformContext, nodesOfType: (type: string) => readonly Node[]): Proposal[];
}

export function defineTransform<M extends BaseMatch>(
  definition: TransformDefinition<M>,
): Transform {
  const nodeTypes = Object.keys(definition.match);
  const { match, assess, fix, ...meta } = definition;
  return {
    ...meta,
    nodeTypes,
    propose(ctx, nodesOfType) {
      const proposals: Proposal[] = [];
      for (const type of nodeTypes) {
        const matcher = match[type]!;
        for (const node of nodesOfType(type)) {
          const found = matcher(node, ctx);
          if (!found) continue;
          for (const m of Array.isArray(found) ? (found as readonly M[]) : [found as M]) {
            proposals.push({
              transform: meta.id,
              messageId: m.messageId,
              message: renderMessage(meta, m),
              node: m.node,
              reasons: assess(m, ctx),
              rewrites: fix(m, ctx),
            });
          }
        }
      }
      return proposals;
    },
  };
}

function renderMessage(meta: TransformMeta, match: BaseMatch): string {
  const template = meta.messages[match.messageId];
  if (template === undefined) throw new Error(`${meta.id}: unknown messageId "${match.messageId}"`);
  return fillTemplate(template, /\{\{(\w+)\}\}/, (key) => match.data?.[key]);
}
