import type { RunResult } from "../core/result.js";
import { githubReport } from "./github.js";
import { jsonReport } from "./json.js";
import { markdownReport, type PlanReference } from "./markdown.js";
import { patchReport } from "./patch.js";
import { sarifReport } from "./sarif.js";
import { textReport, textSummary, type TextReportOptions } from "./text.js";

interface ReporterOptions extends TextReportOptions {
  /** The plan saved with this run, if any (the Markdown report names it and its digest). */
  plan?: PlanReference;
}

export type Reporter = (result: RunResult, options: ReporterOptions) => string;

/** Output formats by name; each is a pure function from a run's result to text. */
export const reporters: Readonly<Record<string, Reporter>> = {
  text: textReport,
  json: (result) => jsonReport(result),
  markdown: (result, options) => markdownReport(result, { plan: options.plan }),
  sarif: (result) => sarifReport(result),
  github: (result) => githubReport(result),
  patch: (result) => patchReport(result),
};

export {
  githubReport,
  jsonReport,
  markdownReport,
  patchReport,
  sarifReport,
  textReport,
  textSummary,
};
