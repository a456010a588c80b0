/** lazymod's public API. */
export { transformSource, DEFAULT_MAX_RISK } from "./core/engine.js";
export type {
  TransformSourceOptions,
  TransformSourceResult,
  InternalError,
} from "./core/engine.js";
export { defineTransform } from "./core/define.js";
export type { Transform, TransformDefinition, TransformMeta } from "./core/define.js";
export { toJscodeshift } from "./adapters/jscodeshift.js";
export { scoreRisk, bandOf, parseMaxRisk, BAND_LIMITS } from "./core/risk.js";
export type { RiskFactorDefinition, RiskFactorDefinitions, RiskFactorId } from "./core/risk.js";
export { defaultLanguage, languageFromCompilerOptions } from "./core/language.js";
export type { LanguageSettings } from "./core/language.js";
export { LanguageResolver } from "./project/language.js";
export type * from "./core/types.js";
export { summarize } from "./core/result.js";
export type {
  ErrorKind,
  FileLanguage,
  FileReport,
  FileStatus,
  Interruption,
  RunRecord,
  RunResult,
  Summary,
} from "./core/result.js";
export { run } from "./runner/run.js";
export type { RunOptions } from "./runner/run.js";
export { abandonWrites } from "./runner/write.js";
export {
  reporters,
  jsonReport,
  textReport,
  markdownReport,
  sarifReport,
  githubReport,
  patchReport,
  compactReport,
} from "./reporters/index.js";
export { SORT_ORDERS } from "./reporters/order.js";
export type { SortOrder } from "./reporters/order.js";
export type { SuppressedMatch } from "./core/suppress.js";
export { planData, planDigest, planJson, planText, PLAN_KIND } from "./plan/plan.js";
export type {
  Plan,
  PlanOptions,
  PlanOrigin,
  PlannedChange,
  PlannedFile,
  PlanReview,
} from "./plan/plan.js";
export { parsePlan, PlanRefusedError } from "./plan/read.js";
export { applyPlan } from "./plan/apply.js";
export type { ApplyOptions, ApplyResult, FileOutcome } from "./plan/apply.js";
export { findConfig, loadConfigFile, transformSettingsOf, validateConfig } from "./config.js";
export type { ConfigContext, LazymodConfig, LoadedConfig } from "./config.js";
export type { TransformSettings } from "./core/context.js";
export type { SettingsSpec } from "./core/define.js";
export type {
  LazyOperation,
  OrmKind,
  OrmSettings,
  OrmWrapper,
} from "../transforms/shared/orm/settings.js";
export { changedFilesSince } from "./runner/since.js";
export type { FileFilter } from "./runner/filter.js";
export { riskFactors, transforms, transformsById } from "../transforms/index.js";
