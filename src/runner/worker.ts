import { transformsById } from "../../transforms/index.js";
import { processFile, type FileReport, type ProcessOptions } from "./process-file.js";

/** What crosses the thread boundary: plain data only (transforms by id). */
export interface BatchTask {
  files: string[];
  options: Omit<ProcessOptions, "transforms"> & { transformIds: string[] };
}

/** A worker's job: process a batch of files, one after another, and return their reports. */
export default async function processBatch(task: BatchTask): Promise<FileReport[]> {
  const transforms = task.options.transformIds.map((id) => {
    const transform = transformsById.get(id);
    if (!transform) throw new Error(`unknown transform "${id}" in worker`);
    return transform;
  });
  const reports: FileReport[] = [];
  for (const file of task.files)
    reports.push(await processFile(file, { ...task.options, transforms }));
  return reports;
}
