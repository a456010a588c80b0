import { DEFAULT_TARGET, TARGETS, type LibFeature, type Target } from "./types.js";

/** What the rewrites of one file may rely on, and how strictly TypeScript checks the file. */
export interface LanguageSettings {
  /** The ECMAScript level (the reported one; rewrites ask `lib` which methods they may call). */
  target: Target;
  /** Library methods the type checker accepts: the tsconfig's `lib`, or its `target`'s default. */
  lib: readonly LibFeature[];
  /** `strictNullChecks` (or `strict`): `xs.find(p)` is `T | undefined` where `xs[0]` is `T`. */
  strictNullChecks: boolean;
  /** `noUncheckedIndexedAccess`: `xs[0]` is already `T | undefined`. */
  noUncheckedIndexedAccess: boolean;
  /** `checkJs`: JavaScript files are type-checked too (and cannot say `!`). */
  checkJs: boolean;
}

const FEATURE_EDITION: Readonly<Record<LibFeature, number>> = {
  "Array#find": 2015,
  "Object.hasOwn": 2022,
  "Array#findLast": 2023,
};

/** The library components (TypeScript's `lib` names) that declare each feature on their own. */
const FEATURE_COMPONENTS: Readonly<Record<LibFeature, readonly string[]>> = {
  "Array#find": ["es2015.core"],
  // TypeScript versions before the edition was final declared these under `esnext.*`.
  "Object.hasOwn": ["es2022.object", "esnext.object"],
  "Array#findLast": ["es2023.array", "esnext.array"],
};

const ALL_FEATURES = Object.keys(FEATURE_EDITION) as LibFeature[];

/** An edition's year: `es5` → 5, `es6` → 2015, `es2021` → 2021, `esnext` → Infinity. */
function editionOf(name: string): number | undefined {
  const lower = name.toLowerCase();
  if (lower === "esnext") return Infinity;
  if (lower === "es6") return 2015;
  if (lower === "es7") return 2016;
  const match = /^es(3|5|20\d\d)$/.exec(lower);
  return match ? Number(match[1]) : undefined;
}

function featuresOfEdition(edition: number): LibFeature[] {
  return ALL_FEATURES.filter((feature) => FEATURE_EDITION[feature] <= edition);
}

/** The features a target promises (what `--target` means for the rewrites). */
export function libOfTarget(target: Target): LibFeature[] {
  return featuresOfEdition(editionOf(target)!);
}

/** The settings of a file nothing says anything about: es2022, checked as `strict` would. */
export function defaultLanguage(target: Target = DEFAULT_TARGET): LanguageSettings {
  return {
    target,
    lib: libOfTarget(target),
    // The safe assumption: a rewrite that keeps its type under strictNullChecks keeps it without.
    strictNullChecks: true,
    noUncheckedIndexedAccess: false,
    checkJs: false,
  };
}

/** The lazymod target nearest an edition: es2020 at the lowest, es2025 at the highest. */
function targetForEdition(edition: number): Target {
  const year = Math.min(Math.max(edition, 2020), 2025);
  return TARGETS.find((t) => editionOf(t) === year) ?? DEFAULT_TARGET;
}

export interface CompilerOptionsReading {
  settings: LanguageSettings;
  /** Whether `target` or `lib` says anything (for a JavaScript file, nothing means the default). */
  statesLevel: boolean;
}

/**
 * Reads a tsconfig's (already extended) `compilerOptions` the way TypeScript 5 does: the `lib`
 * list decides which methods the checker accepts; without one, the `target`'s default library;
 * without a target, ES5's. A target or library below es2020 is reported as es2020, lazymod's lowest
 * level, while `lib` keeps the exact methods (ES5 has no `find`). Throws with the reason for a
 * value TypeScript would reject.
 */
export function languageFromCompilerOptions(
  options: unknown,
  file: { javascript: boolean },
): CompilerOptionsReading {
  const record = options === undefined ? {} : options;
  if (typeof record !== "object" || record === null || Array.isArray(record))
    throw new Error('"compilerOptions" is not an object');
  const { target, lib } = record as Record<string, unknown>;
  const flag = (name: string): boolean | undefined => {
    const value = (record as Record<string, unknown>)[name];
    if (value === undefined) return undefined;
    if (typeof value !== "boolean") throw new Error(`"compilerOptions.${name}" is not a boolean`);
    return value;
  };
  const strict = flag("strict");
  const strictNullChecks = flag("strictNullChecks") ?? strict ?? false;
  const noUncheckedIndexedAccess = flag("noUncheckedIndexedAccess") ?? false;
  const checkJs = flag("checkJs") ?? false;

  let targetEdition: number | undefined;
  if (target !== undefined) {
    targetEdition = typeof target === "string" ? editionOf(target) : undefined;
    if (targetEdition === undefined)
      throw new Error(`"compilerOptions.target" ${JSON.stringify(target)} is not an ES target`);
  }
  let libNames: string[] | undefined;
  if (lib !== undefined) {
    if (!Array.isArray(lib) || !lib.every((name) => typeof name === "string"))
      throw new Error('"compilerOptions.lib" is not an array of library names');
    libNames = (lib as string[]).map((name) => name.toLowerCase());
  }
  const statesLevel = targetEdition !== undefined || libNames !== undefined;
  // A JavaScript file that nobody type-checks: the library list is only a statement of intent,
  // and a jsconfig that only sets `paths` states nothing.
  if (file.javascript && !checkJs && !statesLevel)
    return {
      settings: { ...defaultLanguage(), strictNullChecks, noUncheckedIndexedAccess, checkJs },
      statesLevel,
    };

  const edition = targetEdition ?? 5; // TypeScript 5's default target
  let features: LibFeature[];
  let libEdition: number | undefined;
  if (libNames) {
    const editions = libNames.map(editionOf).filter((e): e is number => e !== undefined);
    libEdition = editions.length > 0 ? Math.max(...editions) : undefined;
    features = ALL_FEATURES.filter(
      (feature) =>
        (libEdition !== undefined && FEATURE_EDITION[feature] <= libEdition) ||
        FEATURE_COMPONENTS[feature].some((component) => libNames!.includes(component)),
    );
  } else {
    features = featuresOfEdition(edition);
  }
  return {
    settings: {
      target: targetForEdition(Math.min(edition, libEdition ?? Infinity)),
      lib: features,
      strictNullChecks,
      noUncheckedIndexedAccess,
      checkJs,
    },
    statesLevel,
  };
}

/**
 * The features a program's library declares, from the library components it loaded (TypeScript's
 * `lib` names: `es2023.array` for `lib.es2023.array.d.ts`).
 */
export function libOfComponents(components: readonly string[]): LibFeature[] {
  const loaded = new Set(components.map((name) => name.toLowerCase()));
  return ALL_FEATURES.filter((feature) =>
    FEATURE_COMPONENTS[feature].some((component) => loaded.has(component)),
  );
}

/** `es2020 (lib without Array#findLast, Object.hasOwn)`: the level with what its library lacks. */
export function describeLanguage(settings: LanguageSettings): string {
  const missing = ALL_FEATURES.filter(
    (feature) => libOfTarget(settings.target).includes(feature) && !settings.lib.includes(feature),
  );
  return missing.length > 0
    ? `${settings.target} (lib without ${missing.join(", ")})`
    : settings.target;
}
