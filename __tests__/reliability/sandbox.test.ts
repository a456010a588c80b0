import { spawnSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lazymod } from "../helpers/cli.js";
import { LOW_RISK, LOW_RISK_OUTPUT, lazymodWith, tempDir } from "./helpers.js";

/** Code that leaves a file named `marker` behind if anything ever runs it. */
function leavesMarker(markers: string, name: string, esm = false): string {
  const file = JSON.stringify(path.join(markers, name));
  return esm
    ? `import { writeFileSync } from "node:fs";\nwriteFileSync(${file}, "ran");\n`
    : `require("node:fs").writeFileSync(${file}, "ran");\n`;
}

/**
 * A repository that runs code the moment anything loads, imports or configures it: every source
 * file, the configuration files tools commonly load, a dependency, git hooks and git's fsmonitor.
 */
function hostileRepository(root: string, markers: string): void {
  const files: Record<string, string> = {
    "src/app.ts": `import "./side-effect.js";\n${leavesMarker(markers, "app.ts", true)}${LOW_RISK}`,
    "src/side-effect.js": leavesMarker(markers, "side-effect.js", true),
    "src/remote.mjs": `import data from "https://example.invalid/data.js";\nexport const any = [data].filter((x) => x).length > 0;\nfetch("http://127.0.0.1:9/");\n`,
    "src/legacy.cjs": `${leavesMarker(markers, "legacy.cjs")}const xs = [1];\nmodule.exports = xs.filter((x) => x).length > 0;\n`,
    "lazymod.config.js": leavesMarker(markers, "lazymod.config.js"),
    "lazymod.config.mjs": leavesMarker(markers, "lazymod.config.mjs", true),
    ".lazymodrc.js": leavesMarker(markers, ".lazymodrc.js"),
    "babel.config.js": leavesMarker(markers, "babel.config.js"),
    ".babelrc.js": leavesMarker(markers, ".babelrc.js"),
    "prettier.config.js": leavesMarker(markers, "prettier.config.js"),
    "eslint.config.js": leavesMarker(markers, "eslint.config.js", true),
    "node_modules/dep/index.js": leavesMarker(markers, "node_modules-dep"),
    "node_modules/dep/package.json": '{ "name": "dep", "main": "index.js" }',
    // The project's formatters: configured and installed, run only with --format-changed.
    "biome.json": "{}",
    "node_modules/.bin/prettier": `#!/bin/sh\ntouch "${markers}/prettier-bin"\n`,
    "node_modules/.bin/biome": `#!/bin/sh\ntouch "${markers}/biome-bin"\n`,
    "package.json": JSON.stringify({
      name: "hostile",
      type: "module",
      scripts: {
        prepare: `node -e 'require("fs").writeFileSync(${JSON.stringify(path.join(markers, "npm-script"))}, "")'`,
      },
      lazymod: { transforms: ["prefer-array-some"] },
    }),
    "tsconfig.json": JSON.stringify({ compilerOptions: { plugins: [{ name: "dep" }] } }),
  };
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), content);
  }
  for (const bin of ["prettier", "biome"])
    chmodSync(path.join(root, "node_modules/.bin", bin), 0o755);
  const hook = path.join(markers, "hook.sh");
  writeFileSync(hook, `#!/bin/sh\ntouch "${markers}/git-ran-$(basename "$0")"\necho\n`);
  chmodSync(hook, 0o755);
  const git = (...args: string[]) => {
    const result = spawnSync("git", ["-C", root, ...args], {
      encoding: "utf8",
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: "1" },
    });
    expect(result.status, `git ${args.join(" ")}: ${result.stderr}`).toBe(0);
    return result;
  };
  git("init", "-q");
  git("add", "-A");
  git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "hostile");
  // Set after the commit, so that only what lazymod does can trigger them.
  git("config", "core.fsmonitor", hook);
  const hooks = path.join(root, ".git/hooks");
  for (const name of [
    "pre-commit",
    "post-checkout",
    "post-index-change",
    "reference-transaction",
    "pre-auto-gc",
  ])
    writeFileSync(path.join(hooks, name), readFileSync(hook));
  for (const name of readdirSync(hooks)) chmodSync(path.join(hooks, name), 0o755);
  // The trap is armed: git itself runs the fsmonitor for a plain listing.
  git("ls-files");
  expect(existsSync(path.join(markers, "git-ran-hook.sh"))).toBe(true);
  rmSync(path.join(markers, "git-ran-hook.sh"));
}

/** Loaded with --import: every way out to the network records itself and fails. */
const NETWORK_GUARD = `
import dgram from "node:dgram";
import dns from "node:dns";
import { appendFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import tls from "node:tls";
const log = process.env.LAZYMOD_NETWORK_LOG;
const deny = (what) => function denied() {
  appendFileSync(log, what + "\\n");
  throw new Error("network access denied: " + what);
};
net.Socket.prototype.connect = deny("net.Socket.connect");
net.connect = net.createConnection = deny("net.connect");
tls.connect = deny("tls.connect");
http.request = http.get = deny("http.request");
https.request = https.get = deny("https.request");
dgram.createSocket = deny("dgram.createSocket");
for (const name of ["lookup", "resolve", "resolve4", "resolve6", "resolveAny"]) {
  dns[name] = deny("dns." + name);
  dns.promises[name] = deny("dns.promises." + name);
}
globalThis.fetch = deny("fetch");
`;

function markersLeft(markers: string): string[] {
  return readdirSync(markers).filter((name) => name !== "hook.sh");
}

/** Every entry under a directory (not following links) with its type, mode, size and mtime. */
function snapshot(root: string): Map<string, string> {
  const entries = new Map<string, string>();
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    const info = lstatSync(full);
    // A directory's mtime moves when a file in it is replaced: only its mode counts.
    entries.set(
      path.relative(root, full),
      entry.isDirectory()
        ? `${info.mode}`
        : `${info.mode}:${info.size}:${info.mtimeMs}:${entry.isFile() ? readFileSync(full).toString("base64") : ""}`,
    );
  }
  return entries;
}

describe("no code from the scanned repository runs, nothing goes to the network", () => {
  it("dry run and --write load, import and configure nothing from the repository, and open no connection", () => {
    const root = tempDir("lazymod-hostile-repo-");
    const markers = tempDir("lazymod-markers-");
    hostileRepository(root, markers);
    const guard = path.join(markers, "guard.mjs");
    writeFileSync(guard, NETWORK_GUARD);
    const networkLog = path.join(markers, "network.log");
    const env = { LAZYMOD_NETWORK_LOG: networkLog };

    // The guard is live: the same preload does catch a connection attempt.
    const control = spawnSync(
      process.execPath,
      ["--import", guard, "-e", "fetch('http://127.0.0.1:9/')"],
      {
        env: { ...process.env, ...env },
        encoding: "utf8",
      },
    );
    expect(control.status).not.toBe(0);
    expect(readFileSync(networkLog, "utf8")).toBe("fetch\n");
    writeFileSync(networkLog, "");

    const run = (args: string[]) => {
      const result = spawnSync(
        process.execPath,
        ["--import", guard, path.resolve("dist/src/cli.js"), ...args],
        {
          cwd: root,
          encoding: "utf8",
          env: { ...process.env, ...env, CI: "1", NO_COLOR: "1" },
        },
      );
      expect(result.stderr).toBe("");
      return result;
    };
    const dry = run(["."]);
    expect(dry.status, dry.stdout).toBe(0);
    expect(dry.stdout).toContain("src/app.ts:");
    const written = run([".", "--write"]);
    expect(written.status, written.stdout).toBe(0);
    expect(readFileSync(path.join(root, "src/app.ts"), "utf8")).toContain(LOW_RISK_OUTPUT);
    // The installed formatter is noticed from its configuration, not run.
    expect(written.stdout).toContain("this project uses Prettier (prettier.config.js)");

    expect(
      markersLeft(markers).filter((name) => name !== "guard.mjs" && name !== "network.log"),
    ).toEqual([]);
    expect(readFileSync(networkLog, "utf8")).toBe("");

    // Asked for, the project's formatter does run (and its non-output is not written).
    writeFileSync(path.join(root, "src/again.ts"), LOW_RISK);
    const formatted = run(["src/again.ts", "--write", "--format-changed"]);
    expect(formatted.status, formatted.stdout).toBe(0);
    expect(markersLeft(markers)).toContain("prettier-bin");
    expect(readFileSync(path.join(root, "src/again.ts"), "utf8")).toContain(LOW_RISK_OUTPUT);
  });
});

describe("nothing is written outside the given paths", () => {
  it("with writes allowed only inside the given path, --write succeeds; nothing beside it or behind a link changes", () => {
    const root = tempDir("lazymod-project-");
    const outside = tempDir("lazymod-elsewhere-");
    for (const dir of ["src/nested", "other"]) mkdirSync(path.join(root, dir), { recursive: true });
    writeFileSync(path.join(root, "src/a.ts"), LOW_RISK);
    writeFileSync(path.join(root, "src/nested/b.ts"), LOW_RISK);
    writeFileSync(path.join(root, "other/c.ts"), LOW_RISK);
    writeFileSync(path.join(root, "top.ts"), LOW_RISK);
    writeFileSync(path.join(outside, "target.ts"), LOW_RISK);
    mkdirSync(path.join(outside, "dir"));
    writeFileSync(path.join(outside, "dir/d.ts"), LOW_RISK);
    symlinkSync(path.join(outside, "target.ts"), path.join(root, "src/link.ts"));
    symlinkSync(path.join(outside, "dir"), path.join(root, "src/linked-dir"));
    symlinkSync(path.join(root, "other"), path.join(root, "src/to-sibling"));
    const rootBefore = snapshot(root);
    const outsideBefore = snapshot(outside);

    // Node's permission model turns any write outside src/ into an error for that file (exit 2).
    const src = path.join(root, "src");
    const permissions = [
      "--experimental-permission",
      "--allow-fs-read=*",
      `--allow-fs-write=${src}`,
      "--allow-worker",
      "--allow-child-process",
      "--no-warnings",
    ];
    const result = lazymodWith([], permissions, ["src", "--write"], root);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Written: 2 changes/);

    const rootAfter = snapshot(root);
    const changed = [...rootAfter.keys()].filter(
      (key) => rootAfter.get(key) !== rootBefore.get(key),
    );
    expect(changed.sort()).toEqual(["src/a.ts", "src/nested/b.ts"]);
    expect([...rootAfter.keys()].sort()).toEqual([...rootBefore.keys()].sort());
    expect(snapshot(outside)).toEqual(outsideBefore);
    expect(readFileSync(path.join(root, "src/a.ts"), "utf8")).toBe(LOW_RISK_OUTPUT);
  });

  it("a dry run writes nothing at all, anywhere", () => {
    const root = tempDir("lazymod-project-");
    writeFileSync(path.join(root, "a.ts"), LOW_RISK);
    const before = snapshot(root);
    // No --allow-fs-write: any write, even a temporary file, would fail the run.
    const result = lazymodWith(
      [],
      [
        "--experimental-permission",
        "--allow-fs-read=*",
        "--allow-worker",
        "--allow-child-process",
        "--no-warnings",
      ],
      ["."],
      root,
    );
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain("a.ts:2:20  prefer-array-some");
    expect(snapshot(root)).toEqual(before);
    expect(existsSync(path.join(root, ".lazymod"))).toBe(false);
    // And without the permission model, the same run leaves the tree as it was.
    expect(lazymod(["."], root).code).toBe(0);
    expect(snapshot(root)).toEqual(before);
  });
});
