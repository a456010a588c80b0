// The physical floor, single-threaded, with lazymod's own parser options and prefilter:
//   node bench/floor.mjs read <dir>          read every file
//   node bench/floor.mjs parse <dir>         read and parse every file
//   node bench/floor.mjs prefiltered <dir>   read every file, parse only those the prefilter keeps
// Prints one JSON line: { files, lines, parsedFiles, parsedLines, ms }.
import fs from "node:fs";
import path from "node:path";
import { parserForPath, parseSource } from "../dist/src/core/parse.js";
import { transformsTriggeredBy } from "../dist/src/core/prefilter.js";
import { transforms } from "../dist/transforms/index.js";
import { countLines } from "./corpus.mjs";

const [mode, dir] = process.argv.slice(2);
function walk(d, out = []) {
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const full = path.join(d, e.name);
    if (e.isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}
const files = walk(dir).sort();
const started = performance.now();
let lines = 0;
let parsedFiles = 0;
let parsedLines = 0;
let failed = 0;
for (const file of files) {
  const text = fs.readFileSync(file, "utf8");
  const n = countLines(text);
  lines += n;
  if (mode === "read") continue;
  if (mode === "prefiltered" && transformsTriggeredBy(text, transforms).length === 0) continue;
  try {
    parseSource(text.replace(/^\uFEFF/, ""), parserForPath(file));
  } catch {
    failed++;
  }
  parsedFiles++;
  parsedLines += n;
}
const ms = performance.now() - started;
console.log(
  JSON.stringify({ mode, files: files.length, lines, parsedFiles, parsedLines, failed, ms }),
);
