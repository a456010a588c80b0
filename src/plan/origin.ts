import { realpathSync } from "node:fs";
import path from "node:path";
import { workTreeRoot } from "../runner/repository.js";

/**
 * Where a plan was made (the directory its paths are relative to), recorded relative to something
 * that moves with the code: the root of the git work tree it was made in, or, outside any work
 * tree, the directory the plan file was saved in. Never an absolute path: a plan is committed and
 * shared, and applied in other clones.
 */
export interface PlanOrigin {
  relativeTo: "git-work-tree" | "plan-directory";
  /** With `/` separators; `.` for that directory itself. */
  directory: string;
}

function relativeDirectory(from: string, to: string): string {
  const relative = path.relative(from, to);
  return relative === "" ? "." : relative.split(path.sep).join("/");
}

/** A real path where there is one (so a symbolic link on the way does not change `relative`). */
function real(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return path.resolve(dir);
  }
}

/** The origin of a plan made in `cwd` and saved as `planFile` (default: in `cwd`). */
export function planOrigin(cwd: string, planFile = path.join(cwd, "plan.json")): PlanOrigin {
  const here = real(cwd);
  const root = workTreeRoot(here);
  if (root) return { relativeTo: "git-work-tree", directory: relativeDirectory(root, here) };
  return {
    relativeTo: "plan-directory",
    directory: relativeDirectory(real(path.dirname(path.resolve(cwd, planFile))), here),
  };
}

/** How a plan's origin was found where apply runs. */
export interface LocatedOrigin {
  /** The directory the plan's paths are read from (absolute). */
  directory: string;
  /** Whether that is where the plan was made; false: unknown here, the working directory is used. */
  found: boolean;
  /** The origin as recorded, in words ("`packages/api` of the git work tree"). */
  recorded: string;
}

/**
 * Where the plan's paths are read from when apply runs in `cwd`: the recorded directory of the
 * git work tree `cwd` is in (the same place in another clone, from any subdirectory), or of the
 * plan file's directory. A plan made in a work tree, applied outside any, falls back to `cwd`.
 */
export function locateOrigin(origin: PlanOrigin, planFile: string, cwd: string): LocatedOrigin {
  const recorded =
    origin.relativeTo === "git-work-tree"
      ? origin.directory === "."
        ? "the root of its git work tree"
        : `\`${origin.directory}\` of its git work tree`
      : origin.directory === "."
        ? "the plan file's directory"
        : `\`${origin.directory}\` from the plan file's directory`;
  const base =
    origin.relativeTo === "git-work-tree"
      ? workTreeRoot(real(cwd))
      : real(path.dirname(path.resolve(cwd, planFile)));
  if (!base) return { directory: path.resolve(cwd), found: false, recorded };
  return { directory: path.resolve(base, origin.directory), found: true, recorded };
}
