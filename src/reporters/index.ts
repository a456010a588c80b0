import type { RunResult } from "../core/result.js";
import { compactReport } from "./compact.js";
import { githubReport } from "./github.js";
import { jsonReport } from "./json.js";
import { markdownReport, type PlanReference } from "./markdown.js";
import { patchReport } from "./patch.js";
import { sarifReport } from "./sarif.js";
import type { SortOrder } from "./order.js";
import { textReport, textSummary, type TextReportOptions } from "./text.js";

interface ReporterOptions extends TextReportOptions {
  /** `--sort`: the order of the text, compact and Markdown reports' changes. */
  sort?: SortOrder;
  /** The plan saved with this run, if any (the Markdown report names it and its digest). */
  plan?: PlanReference;
}

export type Reporter = (result: RunResult, options: ReporterOptions) => string;

/** Output formats by name; each is a pure function from a run's result to text. */
export const reporters: Readonly<Record<string, Reporter>> = {
  text: textReport,
  compact: (result, options) => compactReport(result, { sort: options.sort }),
  json: (result) => jsonReport(result),
  markdown: (result, options) => markdownReport(result, { plan: options.plan, sort: options.sort }),
  sarif: (result) => sarifReport(result),
  github: (result) => githubReport(result),
  patch: (result) => patchReport(result),
};

export {
  compactReport,
  githubReport,
  jsonReport,
  markdownReport,
  patchReport,
  sarifReport,
  textReport,
  textSummary,
};
