import { readFileSync } from "node:fs";
import path from "node:path";
import semver from "semver";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/cli.js";

interface LockEntry {
  engines?: { node?: string } | string[];
}

const lock = JSON.parse(readFileSync(path.join(ROOT, "package-lock.json"), "utf8")) as {
  packages: Record<string, LockEntry>;
};

describe("npm ci on this Node", () => {
  // npm warns EBADENGINE for each installed package whose `engines.node` excludes the running
  // Node; the lockfile records those ranges, so the warning can be predicted without installing.
  it("installs no package that declares this Node version unsupported", () => {
    const unsupported = Object.entries(lock.packages)
      .filter(([location]) => location !== "")
      .flatMap(([location, entry]) => {
        const range = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
        return range !== undefined && !semver.satisfies(process.version, range)
          ? [`${location.replace(/^.*node_modules\//, "")} wants node ${range}`]
          : [];
      });
    expect(unsupported).toEqual([]);
  });
});
