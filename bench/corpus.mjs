// The benchmark corpus: real, pinned third-party sources (bench/package.json), in three nested
// sets: S (~500k lines), M (~1M) and L (2M+). Each set is materialised as hard links in a
// directory outside any git work tree, so every tool walks the same plain directory.
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const HERE = import.meta.dirname;
const MODULES = path.join(HERE, "node_modules");
const MAX_BYTES = 1024 * 1024;
const SOURCE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;

// [package, directory inside it, optional file filter on the path relative to that directory]
const S = [
  ["rxjs", "src"],
  ["zod", "src"],
  ["@reduxjs/toolkit", "src"],
  ["@tanstack/query-core", "src"],
  ["immer", "src"],
  ["mobx", "src"],
  ["prosemirror-model", "src"],
  ["prosemirror-state", "src"],
  ["prosemirror-transform", "src"],
  ["prosemirror-view", "src"],
  ["three", "src"],
  ["svelte", "src"],
  ["@babel/core", "lib"],
  ["@babel/generator", "lib"],
  ["@babel/parser", "lib"],
  ["@babel/traverse", "lib"],
  ["@babel/types", "lib"],
  ["lodash", ".", (rel) => !rel.includes("/")],
  ["core-js", "modules"],
  ["core-js", "internals"],
];
const M = [...S, ["effect", "src"]];
const vue = [
  "compiler-core",
  "compiler-dom",
  "compiler-sfc",
  "compiler-ssr",
  "reactivity",
  "runtime-core",
  "runtime-dom",
  "server-renderer",
  "shared",
].map((name) => [
  `@vue/${name}`,
  "dist",
  (rel) => rel.endsWith(".cjs.js") && !rel.includes(".prod."),
]);
const L = [
  ...M,
  ["monaco-editor", "esm"],
  ["webpack", "lib"],
  ["three", "examples/jsm"],
  ["eslint", "lib"],
  ["echarts", "lib"],
  ["mathjs", "lib/esm"],
  ...vue,
  ["@angular/core", "fesm2022"],
  ["@angular/compiler", "fesm2022"],
  ["graphql", ".", (rel) => rel.endsWith(".js")],
  ["fp-ts", "es6"],
  ["typescript", "lib"],
];
export const SETS = { S, M, L };

/** lazymod's own skip rules, so every tool sees exactly the files lazymod would. */
function isIncluded(file, size) {
  const base = path.basename(file);
  return (
    SOURCE.test(base) &&
    !/\.d\.[cm]?ts$/.test(base) &&
    !/\.min\.[cm]?js$/.test(base) &&
    size <= MAX_BYTES
  );
}

function walk(dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules") walk(full, out);
    } else if (entry.isFile()) out.push(full);
  }
  return out;
}

export function packageVersion(name) {
  return JSON.parse(fs.readFileSync(path.join(MODULES, name, "package.json"), "utf8")).version;
}

/** The set's files: [absolute source, path inside the materialised tree], sorted. */
export function listSet(set) {
  const files = [];
  for (const [name, dir, filter] of SETS[set]) {
    const root = path.join(MODULES, name, dir);
    for (const file of walk(root)) {
      const rel = path.relative(root, file).split(path.sep).join("/");
      if (filter && !filter(rel)) continue;
      if (!isIncluded(file, fs.statSync(file).size)) continue;
      files.push([file, `${name}/${dir}/${rel}`.replace("/./", "/")]);
    }
  }
  return files.sort((a, b) => (a[1] < b[1] ? -1 : 1));
}

export function countLines(text) {
  let lines = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lines++;
  return text.length > 0 && !text.endsWith("\n") ? lines + 1 : lines;
}

/** Hard-links (or copies) a set into `<base>/<set>` once; returns the directory and its size. */
export function materialise(
  set,
  base = process.env.LAZYMOD_BENCH_DIR ?? path.join(os.tmpdir(), "lazymod-bench"),
) {
  const files = listSet(set);
  const digest = createHash("sha1")
    .update(files.map(([, rel]) => rel).join("\n"))
    .digest("hex");
  const dir = path.join(base, set);
  const manifest = path.join(base, `${set}.json`);
  if (fs.existsSync(manifest)) {
    const saved = JSON.parse(fs.readFileSync(manifest, "utf8"));
    if (saved.digest === digest && fs.existsSync(dir)) return saved;
  }
  fs.rmSync(dir, { recursive: true, force: true });
  let lines = 0;
  let bytes = 0;
  const packages = {};
  for (const [source, rel] of files) {
    const target = path.join(dir, rel);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    try {
      fs.linkSync(source, target);
    } catch {
      fs.copyFileSync(source, target);
    }
    const text = fs.readFileSync(source, "utf8");
    const n = countLines(text);
    lines += n;
    bytes += Buffer.byteLength(text);
    const name = rel.startsWith("@") ? rel.split("/").slice(0, 2).join("/") : rel.split("/")[0];
    packages[name] ??= { version: packageVersion(name), files: 0, lines: 0 };
    packages[name].files++;
    packages[name].lines += n;
  }
  const saved = { set, dir, digest, files: files.length, lines, bytes, packages };
  fs.writeFileSync(manifest, JSON.stringify(saved, null, 2));
  return saved;
}
