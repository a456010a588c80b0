import {
  configIgnoreFilter,
  findConfig,
  loadConfigFile,
  transformSettingsOf,
  type ConfigContext,
  type LoadedConfig,
} from "../config.js";
import { UsageError } from "../core/errors.js";
import { parseMaxRisk } from "../core/risk.js";
import { TARGETS, type Target } from "../core/types.js";
import type { PlanOptions } from "../plan/plan.js";
import type { FileFilter } from "../runner/filter.js";
import type { RunOptions } from "../runner/run.js";
import { sinceFilter } from "../runner/since.js";
import { transforms as allTransforms, transformsById } from "../../transforms/index.js";
import { selection, type Selection } from "./selection.js";

/** The registry, as a module worker threads can load (see `RunOptions.transformsModule`). */
const REGISTRY_MODULE = new URL("../../transforms/index.js", import.meta.url);

const configContext: ConfigContext = { transforms: allTransforms };

/** The scan options a command other than the default one takes (`lazymod review`). */
export interface ScanValues {
  transforms?: string;
  "max-risk"?: string;
  target?: string;
  since?: string;
  config?: string;
  "no-config"?: boolean;
  types?: boolean;
  "no-types"?: boolean;
  jobs?: string;
  sort?: string;
  band?: string;
  "exclude-tests"?: boolean;
  "include-tests"?: boolean;
}

export interface ScanSetup {
  /** What to pass to `run` (the caller adds its signal and callbacks). */
  options: RunOptions;
  /** What a plan of the run records. */
  planOptions: PlanOptions;
  selected: Selection;
  loaded?: LoadedConfig;
}

/**
 * The run the options describe, read as `lazymod [paths]` reads them: the configuration (found or
 * named), then the options, which win over it.
 */
export async function scanSetup(
  values: ScanValues,
  paths: readonly string[],
  cwd: string,
): Promise<ScanSetup> {
  if (values.types && values["no-types"])
    throw new UsageError("--types and --no-types cannot be combined");
  if (values.config !== undefined && values["no-config"])
    throw new UsageError("--config and --no-config cannot be combined");
  const loaded = values["no-config"]
    ? undefined
    : values.config !== undefined
      ? await loadConfigFile(values.config, cwd, configContext)
      : await findConfig(cwd, configContext);
  const config = loaded?.config ?? {};
  const maxRisk =
    values["max-risk"] === undefined && config.maxRisk !== undefined
      ? config.maxRisk
      : parseMaxRisk(values["max-risk"] ?? "low");
  if (maxRisk === undefined)
    throw new UsageError(
      `--max-risk must be 0-100, low, medium or high, got "${String(values["max-risk"])}"`,
    );
  const target = (values.target ?? config.target) as Target | undefined;
  if (target !== undefined && !TARGETS.includes(target))
    throw new UsageError(`--target must be one of ${TARGETS.join(", ")}, got "${target}"`);
  const transforms = selectTransforms(
    values.transforms ?? (config.transforms ? config.transforms.join(",") : ""),
  );
  const selected = selection(values, loaded, cwd);
  const filters: FileFilter[] = [];
  const ignored = loaded ? configIgnoreFilter(loaded) : undefined;
  if (ignored) filters.push(ignored);
  if (selected.testFilter) filters.push(selected.testFilter);
  if (values.since !== undefined) filters.push(await sinceFilter(values.since, cwd));
  const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1))
    throw new UsageError(`--jobs must be a positive integer, got "${values.jobs}"`);
  return {
    options: {
      paths,
      cwd,
      transforms,
      target,
      targetFrom: values.target !== undefined ? "--target" : loaded?.label,
      maxRisk,
      jobs,
      filters,
      settings: transformSettingsOf(config, configContext),
      transformsModule: REGISTRY_MODULE,
      types: !values["no-types"],
      knownTransforms: allTransforms.map((t) => t.id),
      ...(selected.bands ? { bands: selected.bands } : {}),
      isTestFile: selected.isTestFile,
    },
    planOptions: {
      paths: paths.length > 0 ? [...paths] : ["."],
      maxRisk,
      ...(target ? { target } : {}),
      ...(values.since !== undefined ? { since: values.since } : {}),
      ...(loaded ? { config: loaded.label } : {}),
    },
    selected,
    ...(loaded ? { loaded } : {}),
  };
}

function selectTransforms(list: string) {
  if (list.trim() === "") return allTransforms;
  const ids = list
    .split(",")
    .map((id) => id.trim())
    .filter(Boolean);
  const unknown = ids.filter((id) => !transformsById.has(id));
  if (unknown.length > 0)
    throw new UsageError(
      `unknown transform ${unknown.map((id) => `"${id}"`).join(", ")}; available: ${[...transformsById.keys()].join(", ")}`,
    );
  return ids.map((id) => transformsById.get(id)!);
}
