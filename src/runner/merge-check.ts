import canonicalize from "canonicalize";
import { UsageError } from "../core/errors.js";
import type { RunRecord, RunRoot } from "../core/result.js";
import type { Shard } from "../core/result.js";

/** A report as merge reads it: only its record matters here. */
interface Recorded {
  run?: RunRecord;
  /** Set in the report of a run a signal stopped (see RunResult.interrupted). */
  interrupted?: unknown;
}

const same = (a: unknown, b: unknown) => canonicalize(a ?? null) === canonicalize(b ?? null);

function describeRoot(root: RunRoot): string {
  if (root.kind === "directory") return `directory ${root.path}`;
  const where = root.directory === "." ? "the root" : `\`${root.directory}\``;
  return root.commit
    ? `${where} of a git work tree at commit ${root.commit.slice(0, 12)}`
    : `${where} of a git work tree with no commit`;
}

const list = (values: readonly string[] | undefined) =>
  values === undefined ? "all" : values.length > 0 ? values.join(",") : "none";

/** The first way two records of runs differ, other than their shard, in words; or undefined. */
function difference(a: RunRecord, b: RunRecord): string | undefined {
  const differs = <T>(what: string, left: T, right: T, show: (value: T) => string) =>
    same(left, right) ? undefined : `${what} ${show(right)}, not ${show(left)}`;
  const config = (value?: { file: string; digest: string }) =>
    value ? `${value.file} (${value.digest.slice(0, 19)}…)` : "none";
  return (
    differs("tool version", a.tool.version, b.tool.version, (v) => `lazymod ${v}`) ??
    differs("made in", a.root, b.root, describeRoot) ??
    differs("paths", a.paths, b.paths, (v) => v.join(" ")) ??
    differs("--max-risk", a.options.maxRisk, b.options.maxRisk, String) ??
    differs("--target", a.options.target, b.options.target, String) ??
    differs("mode", a.options.write, b.options.write, (v) => (v ? "--write" : "dry run")) ??
    differs("--transforms", a.options.transforms, b.options.transforms, list) ??
    differs("--since", a.options.since, b.options.since, (v) => v ?? "none") ??
    differs("--band", a.options.bands, b.options.bands, list) ??
    differs("--exclude-tests", a.options.excludeTests, b.options.excludeTests, (v) =>
      v ? "test files left out" : "test files scanned",
    ) ??
    differs("--changed-lines", a.options.changedLines, b.options.changedLines, (v) =>
      v ? "on" : "off",
    ) ??
    differs("configuration", a.options.config, b.options.config, config) ??
    differs("transform set", a.transforms, b.transforms, list)
  );
}

const shardText = (shard: Shard) => `${shard.index}/${shard.count}`;

/**
 * Refuses (UsageError, exit 2) reports that do not make one run together: one without a record
 * of its run (made before lazymod kept one), runs that differ in anything but their shard (tool
 * version, root, paths, options, transform set), a whole run mixed with shards, a shard given
 * twice, shards of different counts, or a missing shard. Each message names the report.
 */
export function checkReportsBelongTogether(reports: readonly Recorded[], names: readonly string[]) {
  const records = reports.map((report, i) => {
    if (!report.run)
      throw new UsageError(
        `${names[i]} has no record of its run (made by a lazymod that did not keep one), so merge cannot check that it belongs with the others; make it again with this version`,
      );
    if (report.interrupted)
      throw new UsageError(
        `${names[i]} is the partial report of a run that was stopped (Ctrl-C or SIGTERM); run that shard again to the end`,
      );
    return report.run;
  });
  const [first, ...rest] = records;
  if (!first) return;
  rest.forEach((record, i) => {
    const differs = difference(first, record);
    if (differs)
      throw new UsageError(`${names[i + 1]} is not from the same run as ${names[0]}: ${differs}`);
  });
  const whole = records.flatMap((r, i) => (r.shard ? [] : [names[i]!]));
  if (whole.length > 0 && whole.length < records.length) {
    const sharded = records.findIndex((r) => r.shard);
    throw new UsageError(
      `${whole[0]} is a whole run and ${names[sharded]} shard ${shardText(records[sharded]!.shard!)}: merge the shards of one run`,
    );
  }
  if (whole.length > 1)
    throw new UsageError(
      `${whole[0]} and ${whole[1]} are both whole runs (no --shard): merge combines the shards of one run`,
    );
  if (whole.length === 1) return;
  const count = first.shard!.count;
  const byIndex = new Map<number, string>();
  records.forEach((record, i) => {
    const shard = record.shard!;
    if (shard.count !== count)
      throw new UsageError(
        `${names[i]} is shard ${shardText(shard)} and ${names[0]} shard ${shardText(first.shard!)}: the shards of one run have the same n`,
      );
    const other = byIndex.get(shard.index);
    if (other !== undefined)
      throw new UsageError(`shard ${shardText(shard)} is given twice: ${other} and ${names[i]}`);
    byIndex.set(shard.index, names[i]!);
  });
  const missing: string[] = [];
  for (let index = 1; index <= count; index++)
    if (!byIndex.has(index)) missing.push(`${index}/${count}`);
  if (missing.length > 0)
    throw new UsageError(
      `shard${missing.length === 1 ? "" : "s"} ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} missing: merge needs every shard of the run (${[...byIndex].map(([index, name]) => `${index}/${count} is ${name}`).join(", ")})`,
    );
}
