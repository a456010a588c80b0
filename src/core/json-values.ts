import { UsageError } from "./errors.js";

// Checking JSON configuration values (lazymod's own keys and each family's): what a value is, and "did you mean" for unknown keys.

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function describe(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  if (value === null) return "null";
  if (typeof value === "object") return "an object";
  return `${typeof value} ${JSON.stringify(value)}`;
}

export function unknownKey(
  label: string,
  where: string,
  key: string,
  known: readonly string[],
  what = "key",
): never {
  const suggestion = closest(key, known);
  throw new UsageError(
    `${label}: unknown ${what} "${where}${key}"${suggestion ? `; did you mean "${where}${suggestion}"?` : ""} (known ${what}s: ${known.map((k) => `${where}${k}`).join(", ")})`,
  );
}

function closest(key: string, known: readonly string[]): string | undefined {
  const normalized = key.toLowerCase().replace(/[-_]/g, "");
  return known.find((k) => editDistance(k.toLowerCase(), normalized) <= 2);
}

/** Levenshtein distance, for "did you mean" on short key names. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    previous = current;
  }
  return previous[b.length]!;
}
