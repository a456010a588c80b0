import type { Transform } from "../core/define.js";
import { LanguageResolver } from "../project/language.js";
import { processFile, type ProcessOptions } from "./process-file.js";
import { type FileReport } from "../core/result.js";
import { adoptWriteGuard } from "./write.js";

/** What crosses the thread boundary: plain data only (transforms by id). */
export interface BatchTask {
  files: string[];
  options: Omit<ProcessOptions, "transforms" | "languages"> & {
    /** The module the main thread names (its `transforms` export), and which of them to run. */
    transformsModule: string;
    transformIds: string[];
  };
  /** Shared with the main thread: non-zero once the run is stopped. */
  stop: Int32Array;
  /** Shared with the main thread: see `abandonWrites` in write.ts. */
  writeGuard: Int32Array;
}

const loaded = new Map<string, Promise<Map<string, Transform>>>();

/** The transforms a module exports (as `transforms`), by id, loaded once per thread. */
function transformsOf(module: string): Promise<Map<string, Transform>> {
  let found = loaded.get(module);
  if (!found) {
    found = import(module).then((exports: { transforms?: readonly Transform[] }) => {
      if (!Array.isArray(exports.transforms))
        throw new Error(`${module} exports no \`transforms\` list`);
      return new Map(exports.transforms.map((t) => [t.id, t]));
    });
    loaded.set(module, found);
  }
  return found;
}

/** This thread's tsconfig reader, kept across batches of one run (a pool lives for one run). */
let languages: { key: string; resolver: LanguageResolver } | undefined;

function resolverFor(options: BatchTask["options"]): LanguageResolver {
  const key = JSON.stringify([options.cwd, options.target ?? null]);
  if (languages?.key !== key)
    languages = { key, resolver: new LanguageResolver(options.cwd, options.target) };
  return languages.resolver;
}

/**
 * A worker's job: process a batch of files, one after another, and return their reports. When
 * the run stops, the files not yet started are left out (fewer reports than files).
 */
export default async function processBatch(task: BatchTask): Promise<FileReport[]> {
  adoptWriteGuard(task.writeGuard);
  const available = await transformsOf(task.options.transformsModule);
  const transforms = task.options.transformIds.map((id) => {
    const transform = available.get(id);
    if (!transform)
      throw new Error(`no transform "${id}" in ${task.options.transformsModule} (worker)`);
    return transform;
  });
  const resolver = resolverFor(task.options);
  const reports: FileReport[] = [];
  for (const file of task.files) {
    if (Atomics.load(task.stop, 0) !== 0) break;
    reports.push(await processFile(file, { ...task.options, transforms, languages: resolver }));
  }
  return reports;
}
