import type { ChangeStatus, Risk, Target } from "../core/types.js";
import { jsonReportData } from "../reporters/json.js";
import type { RunResult } from "../runner/run.js";
import { toolVersion } from "../version.js";

export const PLAN_KIND = "lazymod-plan";

/** The options a plan was made with, recorded in it. */
export interface PlanOptions {
  paths: string[];
  maxRisk: number;
  /** Given on the command line or in the configuration; absent when each file's tsconfig said. */
  target?: Target;
  /** `--since` ref, when given. */
  since?: string;
  /** The configuration file used, relative to the working directory. */
  config?: string;
}

export interface PlannedChange {
  transform: string;
  line: number;
  column: number;
  start: number;
  end: number;
  replacement: string;
  original: string;
  message: string;
  status: ChangeStatus;
  risk: Risk;
  messageId?: string;
  includes?: string[];
}

export interface PlannedFile {
  path: string;
  sha256?: string;
  error?: string;
  changes: PlannedChange[];
}

/** A saved plan: the JSON report (schema/report-v1) plus the tool, options and transform set. */
export interface Plan {
  version: 1;
  kind: typeof PLAN_KIND;
  tool: { name: "lazymod"; version: string };
  options: PlanOptions;
  transforms: string[];
  files: PlannedFile[];
  summary: Record<string, unknown>;
}

/** The plan of a dry run, as JSON text (validates against schema/plan-v1.schema.json). */
export function planText(result: RunResult, options: PlanOptions): string {
  const report = jsonReportData(result);
  const plan = {
    version: report.version,
    kind: PLAN_KIND,
    tool: { name: "lazymod", version: toolVersion() },
    options,
    transforms: result.transforms,
    files: report.files,
    summary: report.summary,
  };
  return `${JSON.stringify(plan, null, 2)}\n`;
}
