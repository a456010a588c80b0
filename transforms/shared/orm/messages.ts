import type { Node } from "../../../src/core/types.js";
import type { EagerLoad } from "./recognize.js";

/** The node a finding is reported at, its message id and the data its message names. */
export function loadMessageData(load: EagerLoad): {
  node: Node;
  messageId: "inline" | "binding";
  data: Record<string, string>;
} {
  const { site, query } = load;
  if (site.form === "binding") {
    return {
      node: site.binding.declarator,
      messageId: "binding",
      data: { name: site.binding.name, query: query.label },
    };
  }
  return { node: query.node, messageId: "inline", data: { query: query.label } };
}
