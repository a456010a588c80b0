import type { RunResult } from "../runner/run.js";
import { jsonReport } from "./json.js";
import { textReport, type TextReportOptions } from "./text.js";

export type Reporter = (result: RunResult, options: TextReportOptions) => string;

/** Output formats by name; each is a pure function from a run's result to text. */
export const reporters: Readonly<Record<string, Reporter>> = {
  text: textReport,
  json: (result) => jsonReport(result),
};

export { jsonReport, textReport };
