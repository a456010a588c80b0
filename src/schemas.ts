import { readFileSync } from "node:fs";

/**
 * A JSON schema shipped in schema/ (two levels up from src/, three from dist/src/), parsed. The
 * schemas are data both for users and for lazymod itself (the plan file is validated with them).
 */
export function loadSchema(name: string): Record<string, unknown> {
  for (const relative of [`../schema/${name}`, `../../schema/${name}`]) {
    try {
      return JSON.parse(readFileSync(new URL(relative, import.meta.url), "utf8")) as Record<
        string,
        unknown
      >;
    } catch (error) {
      if ((error as { code?: string }).code !== "ENOENT") throw error;
    }
  }
  throw new Error(`lazymod is installed without its schema/${name}`);
}
