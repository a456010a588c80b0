import type * as t from "@babel/types";
import { splice, type Candidate } from "./edits.js";
import { canParseWithMode, parseWithMode, type ParseMode } from "./parse.js";
import { backticked, quoteCode } from "./quote.js";
import type { InternalError } from "./types.js";

// Verification: a pass's edits must leave text that parses, in the mode the file was read in.

/**
 * Applies the candidates together and re-parses, in the mode the file was read in. If the result
 * does not parse, each candidate is tried alone; one whose output does not parse is an internal
 * error of its transform and is dropped, and the others are kept only as far as they still parse
 * together.
 */
export function verifiedSubset(
  text: string,
  candidates: readonly Candidate[],
  mode: ParseMode,
  internalErrors: InternalError[],
): { accepted: Candidate[]; ast?: t.File } {
  const together = splice(text, candidates);
  try {
    return { accepted: [...candidates], ast: parseWithMode(together, mode) };
  } catch {
    // fall through to isolating the culprit
  }
  const accepted: Candidate[] = [];
  for (const candidate of candidates) {
    if (canParseWithMode(splice(text, [...accepted, candidate]), mode)) {
      accepted.push(candidate);
    } else {
      internalErrors.push({
        transform: candidate.proposal.transform,
        message: `${candidate.proposal.transform} produced code that does not parse; the change was dropped: ${backticked(quoteCode(candidate.text, 80))}`,
      });
    }
  }
  return { accepted };
}
