import { existsSync } from "node:fs";
import path from "node:path";

/**
 * The root of the git work tree holding `dir`: the nearest directory with a `.git` entry (a
 * directory, or the file of a linked work tree or submodule), as the configuration search
 * defines the repository root. No git process: this works where git is not installed.
 */
export function workTreeRoot(dir: string): string | undefined {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    if (existsSync(path.join(current, ".git"))) return current;
    if (path.dirname(current) === current) return undefined;
  }
}
