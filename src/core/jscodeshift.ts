import type { Transform } from "./define.js";
import { transformSource } from "./engine.js";
import { parserForPath } from "./parse.js";
import { transformsTriggeredBy } from "./prefilter.js";
import { parseMaxRisk } from "./risk.js";
import { TARGETS, type Target } from "./types.js";

interface FileInfo {
  path: string;
  source: string;
}

/** jscodeshift's transform signature; the API object is unused because lazymod splices text. */
export type JscodeshiftTransform = (
  file: FileInfo,
  api: unknown,
  options: Record<string, unknown>,
) => string;

/**
 * Wraps a lazymod transform as a plain jscodeshift transform, so
 * `jscodeshift -t dist/transforms/<id>.js src/` applies the same changes as
 * `lazymod --transforms <id> --write`. Options: `--maxRisk=low|medium|high|0-100` (default low) and
 * `--target=es2020|…|es2025` (default es2022; strictNullChecks is assumed on). The parser follows the file extension, as in lazymod.
 */
export function toJscodeshift(transform: Transform): JscodeshiftTransform {
  return (file, _api, options) => {
    const maxRisk = parseMaxRisk(String(options.maxRisk ?? "low"));
    if (maxRisk === undefined)
      throw new Error(
        `--maxRisk must be low, medium, high or 0-100, got ${String(options.maxRisk)}`,
      );
    const target = String(options.target ?? "es2022") as Target;
    if (!TARGETS.includes(target)) throw new Error(`--target must be one of ${TARGETS.join(", ")}`);
    // The same text prefilter as lazymod's runner: a file without a trigger cannot match.
    if (transformsTriggeredBy(file.source, [transform]).length === 0) return file.source;
    const result = transformSource(file.source, {
      path: file.path,
      transforms: [transform],
      maxRisk,
      target,
      parser: parserForPath(file.path) ?? "babylon",
    });
    const [internal] = result.internalErrors;
    if (internal) throw new Error(internal.message);
    return result.output;
  };
}
