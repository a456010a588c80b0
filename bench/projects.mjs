// The projects `npm run bench:types` measures, materialised outside any git work tree:
//
// - the bench corpora (corpus.mjs), each given the tsconfig.json they lack (allowJs, the
//   corpus's packages as one project) and their dependencies (node_modules: bench's own);
// - W, a workspace of ten real packages' TypeScript sources (bench/package.json pins them),
//   laid out as npm lays out a workspace: packages/<name> with the package's own package.json,
//   whose `types` and `exports` name a dist/ that is not there (never built), one tsconfig per
//   package extending a shared base, and node_modules holding a link to each workspace package
//   and to every other installed package (their dependencies: tslib, redux, reselect,
//   orderedmap, w3c-keyname, …).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { materialise } from "./corpus.mjs";

const HERE = import.meta.dirname;
const MODULES = path.join(HERE, "node_modules");
export const TYPES_BASE =
  process.env.LAZYMOD_BENCH_TYPES_DIR ?? path.join(os.tmpdir(), "lazymod-bench-types");

/** The workspace's packages: those of the corpus whose npm package ships its TypeScript sources. */
export const WORKSPACE_PACKAGES = [
  "@tanstack/query-core",
  "@reduxjs/toolkit",
  "immer",
  "mobx",
  "rxjs",
  "zod",
  "prosemirror-model",
  "prosemirror-state",
  "prosemirror-transform",
  "prosemirror-view",
];

const CORPUS_TSCONFIG = {
  compilerOptions: {
    allowJs: true,
    target: "ES2022",
    lib: ["ES2022", "DOM", "DOM.Iterable"],
    module: "ESNext",
    moduleResolution: "Bundler",
    skipLibCheck: true,
    noEmit: true,
    types: [],
    // @jridgewell/remapping 2.3's CommonJS declarations (what `require` resolves to) have a syntax
    // error, and tsc checks nothing past a syntax error: its ES module declarations, which parse.
    paths: {
      "@jridgewell/remapping": ["./node_modules/@jridgewell/remapping/types/remapping.d.mts"],
    },
  },
  include: ["**/*"],
};

const WORKSPACE_BASE = {
  compilerOptions: {
    target: "ES2022",
    lib: ["ES2022", "DOM", "DOM.Iterable"],
    module: "ESNext",
    moduleResolution: "Bundler",
    jsx: "react-jsx",
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  },
};

function writeJson(file, value) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** A bench corpus (S, M, L) with a tsconfig.json and node_modules: { dir, files, lines, tsconfigs }. */
export function corpusProject(set) {
  const corpus = materialise(set, TYPES_BASE);
  writeJson(path.join(corpus.dir, "tsconfig.json"), CORPUS_TSCONFIG);
  const link = path.join(corpus.dir, "node_modules");
  if (!fs.existsSync(link)) fs.symlinkSync(MODULES, link, "dir");
  return {
    name: `corpus ${set}`,
    dir: corpus.dir,
    files: corpus.files,
    lines: corpus.lines,
    tsconfigs: [path.join(corpus.dir, "tsconfig.json")],
    description: `${corpus.files} files (${Object.keys(corpus.packages).length} packages' sources, JavaScript and TypeScript), one tsconfig.json with allowJs`,
  };
}

function walk(dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

function linkOrCopy(source, target) {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  try {
    fs.linkSync(source, target);
  } catch {
    fs.copyFileSync(source, target);
  }
}

/** The workspace W: { dir, files, lines, tsconfigs }. */
export function workspaceProject() {
  const dir = path.join(TYPES_BASE, "W");
  const done = path.join(dir, ".complete");
  const tsconfigs = WORKSPACE_PACKAGES.map((name) =>
    path.join(dir, "packages", name.replace("/", "__"), "tsconfig.json"),
  );
  if (!fs.existsSync(done)) {
    fs.rmSync(dir, { recursive: true, force: true });
    writeJson(path.join(dir, "package.json"), {
      name: "bench-workspace",
      private: true,
      workspaces: ["packages/*"],
    });
    writeJson(path.join(dir, "tsconfig.base.json"), WORKSPACE_BASE);
    writeJson(path.join(dir, "tsconfig.json"), {
      files: [],
      references: tsconfigs.map((file) => ({ path: path.relative(dir, path.dirname(file)) })),
    });
    for (const [i, name] of WORKSPACE_PACKAGES.entries()) {
      const from = path.join(MODULES, name);
      const to = path.dirname(tsconfigs[i]);
      for (const file of walk(path.join(from, "src")))
        if (/\.(ts|tsx|mts|cts)$/.test(file) && !/\.d\.[cm]?ts$/.test(file))
          linkOrCopy(file, path.join(to, path.relative(from, file)));
      fs.copyFileSync(path.join(from, "package.json"), path.join(to, "package.json"));
      writeJson(tsconfigs[i], { extends: "../../tsconfig.base.json", include: ["src"] });
    }
    // node_modules as npm leaves a workspace: the workspace packages linked to their folders,
    // every other installed package linked to its installed copy.
    const modules = path.join(dir, "node_modules");
    for (const entry of fs.readdirSync(MODULES)) {
      if (entry.startsWith(".")) continue;
      const names = entry.startsWith("@")
        ? fs.readdirSync(path.join(MODULES, entry)).map((inner) => `${entry}/${inner}`)
        : [entry];
      for (const name of names) {
        const workspace = WORKSPACE_PACKAGES.indexOf(name);
        const target =
          workspace === -1 ? path.join(MODULES, name) : path.dirname(tsconfigs[workspace]);
        const link = path.join(modules, name);
        fs.mkdirSync(path.dirname(link), { recursive: true });
        fs.symlinkSync(target, link, "dir");
      }
    }
    fs.writeFileSync(done, "");
  }
  let files = 0;
  let lines = 0;
  for (const file of walk(path.join(dir, "packages"))) {
    if (!/\.tsx?$/.test(file)) continue;
    files++;
    lines += fs.readFileSync(file, "utf8").split("\n").length;
  }
  return {
    name: "workspace W",
    dir,
    files,
    lines,
    tsconfigs,
    description: `${files} TypeScript files of ${WORKSPACE_PACKAGES.length} packages, one tsconfig each (strict), workspace links, dist/ never built, dependencies installed`,
  };
}
