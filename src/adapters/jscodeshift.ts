import path from "node:path";
import { transformSettingsFromFile } from "../config.js";
import type { Transform } from "../core/define.js";
import { transformSource } from "../core/engine.js";
import { defaultLanguage } from "../core/language.js";
import { parserForPath } from "../core/parse.js";
import { transformsTriggeredBy } from "../core/prefilter.js";
import { parseMaxRisk } from "../core/risk.js";
import { DEFAULT_TARGET, TARGETS, type Target } from "../core/types.js";
import type { LanguageResolver } from "../project/language.js";

interface FileInfo {
  path: string;
  source: string;
}

/** jscodeshift's transform signature; the API object is unused because lazymod splices text. */
export type JscodeshiftTransform = (
  file: FileInfo,
  api: unknown,
  options: Record<string, unknown>,
) => Promise<string>;

/** One tsconfig reader per jscodeshift worker process and set of options (it caches). */
let resolver: { key: string; languages: Promise<LanguageResolver | undefined> } | undefined;

function languagesFor(target: Target | undefined): Promise<LanguageResolver | undefined> {
  const cwd = process.cwd();
  const key = JSON.stringify([cwd, target ?? null]);
  if (resolver?.key !== key) resolver = { key, languages: loadResolver(cwd, target) };
  return resolver.languages;
}

/**
 * The tsconfig reader, through `import()`: jscodeshift's default `@babel/register` turns lazymod's
 * static imports into `require()`, which cannot load tsconfck (an ES module only), but leaves
 * `import()` to Node. Should loading fail all the same, each file gets the default settings and one
 * warning says so (`--no-babel` runs lazymod's files as they are: plain JavaScript).
 */
async function loadResolver(
  cwd: string,
  target: Target | undefined,
): Promise<LanguageResolver | undefined> {
  try {
    const { LanguageResolver } = await import("../project/language.js");
    return new LanguageResolver(cwd, target ? { target, from: "--target" } : undefined);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    process.stderr.write(
      `lazymod: warning: tsconfig.json files are not read in this run (${reason}); every file is rewritten at ${target ?? DEFAULT_TARGET} with strictNullChecks assumed on. Run jscodeshift with --no-babel to have them read, as lazymod does.\n`,
    );
    return undefined;
  }
}

/**
 * Wraps a lazymod transform as a plain jscodeshift transform, so
 * `jscodeshift -t dist/transforms/<id>.js src/` applies the same changes as
 * `lazymod --transforms <id> --write`: each file's tsconfig.json/jsconfig.json gives its language
 * level and strictness, as in lazymod. Options: `--maxRisk=low|medium|high|0-100` (default low),
 * `--target=es2020|…|es2025` (instead of the tsconfig's level), `--nonNullAssertions=false`, and
 * `--config=<file>`, a lazymod configuration whose `orm` settings (wrapper modules and receivers)
 * apply. The parser follows the file extension, as in lazymod.
 */
export function toJscodeshift(transform: Transform): JscodeshiftTransform {
  return async (file, _api, options) => {
    const maxRisk = parseMaxRisk(String(options.maxRisk ?? "low"));
    if (maxRisk === undefined)
      throw new Error(
        `--maxRisk must be low, medium, high or 0-100, got ${String(options.maxRisk)}`,
      );
    const target = options.target === undefined ? undefined : (String(options.target) as Target);
    if (target !== undefined && !TARGETS.includes(target))
      throw new Error(`--target must be one of ${TARGETS.join(", ")}`);
    const nonNull = options.nonNullAssertions;
    if (nonNull !== undefined && nonNull !== true && nonNull !== false)
      throw new Error("--nonNullAssertions must be true or false");
    // Only this transform's family's settings are read: the others are not this file's business.
    const configured =
      options.config === undefined
        ? undefined
        : transformSettingsFromFile(String(options.config), { transforms: [transform] });
    const settings =
      configured || nonNull === false
        ? { ...configured, ...(nonNull === false ? { nonNullAssertions: false } : {}) }
        : undefined;
    // The same text prefilter as lazymod's runner: a file without a trigger cannot match.
    if (transformsTriggeredBy(file.source, [transform], settings).length === 0) return file.source;
    const languages = await languagesFor(target);
    const { language, warning } = languages
      ? await languages.languageOf(path.resolve(file.path))
      : { language: defaultLanguage(target), warning: undefined };
    if (warning) process.stderr.write(`lazymod: warning: ${warning}\n`);
    const result = transformSource(file.source, {
      path: file.path,
      transforms: [transform],
      maxRisk,
      language,
      parser: parserForPath(file.path) ?? "babylon",
      settings,
    });
    const [internal] = result.internalErrors;
    if (internal) throw new Error(internal.message);
    return result.output;
  };
}
