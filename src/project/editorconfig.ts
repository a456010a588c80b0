import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import picomatch from "picomatch";
import type { StyleHints } from "../core/style.js";

/** Parsed .editorconfig files, read once per run. */
const editorconfigs = new Map<string, EditorconfigFile>();

export function forgetEditorconfigs(): void {
  editorconfigs.clear();
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function positiveInteger(value: unknown): number | undefined {
  return typeof value === "number" && Number.isInteger(value) && value > 0 ? value : undefined;
}

/**
 * `indent_style`, `indent_size`/`tab_width` and `max_line_length` for a file, from the
 * `.editorconfig` files above it (the nearer wins; `root = true` stops the search).
 */
export function editorconfigHints(file: string): StyleHints {
  const absolute = path.resolve(file);
  const layers: Record<string, string>[] = [];
  for (let dir = path.dirname(absolute); ; dir = path.dirname(dir)) {
    const config = path.join(dir, ".editorconfig");
    if (isFile(config)) {
      const { root, properties } = editorconfigFor(config, absolute);
      layers.unshift(properties);
      if (root) break;
    }
    if (existsSync(path.join(dir, ".git")) || path.dirname(dir) === dir) break;
  }
  const merged = Object.assign({}, ...layers) as Record<string, string>;
  const hints: StyleHints = {};
  const size = Number(merged.indent_size === "tab" ? merged.tab_width : merged.indent_size);
  const tabWidth = Number(merged.tab_width ?? merged.indent_size);
  if (merged.indent_style === "tab") hints.indent = "\t";
  else if (merged.indent_style === "space") hints.indent = " ".repeat(positiveInteger(size) ?? 2);
  if (positiveInteger(tabWidth)) hints.tabWidth = tabWidth;
  const width = Number(merged.max_line_length);
  if (positiveInteger(width)) hints.printWidth = width;
  return hints;
}

interface EditorconfigFile {
  root: boolean;
  sections: { glob: string; properties: Record<string, string> }[];
}

/** The properties one .editorconfig gives a file (later sections win), and whether it is the root. */
function editorconfigFor(
  config: string,
  file: string,
): { root: boolean; properties: Record<string, string> } {
  let parsed = editorconfigs.get(config);
  if (!parsed) {
    parsed = parseEditorconfig(config);
    editorconfigs.set(config, parsed);
  }
  const relative = path.relative(path.dirname(config), file).split(path.sep).join("/");
  const properties: Record<string, string> = {};
  for (const section of parsed.sections)
    if (editorconfigGlobMatches(section.glob, relative))
      Object.assign(properties, section.properties);
  return { root: parsed.root, properties };
}

function parseEditorconfig(config: string): EditorconfigFile {
  const parsed: EditorconfigFile = { root: false, sections: [] };
  let text: string;
  try {
    text = readFileSync(config, "utf8");
  } catch {
    return parsed;
  }
  let current: Record<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
    const header = /^\[(.*)\]$/.exec(line);
    if (header) {
      current = {};
      parsed.sections.push({ glob: header[1]!, properties: current });
      continue;
    }
    const pair = /^([^=:]+)[=:](.*)$/.exec(line);
    if (!pair) continue;
    const key = pair[1]!.trim().toLowerCase();
    const value = pair[2]!.trim().toLowerCase();
    if (current) current[key] = value;
    else if (key === "root") parsed.root = value === "true";
  }
  return parsed;
}

/** EditorConfig globs: a pattern without `/` matches at any depth; one with `/` from the file's directory. */
function editorconfigGlobMatches(pattern: string, relative: string): boolean {
  const anchored = pattern.includes("/");
  const glob = anchored ? pattern.replace(/^\//, "") : `**/${pattern}`;
  try {
    return picomatch(glob, { dot: true })(relative);
  } catch {
    return false;
  }
}
