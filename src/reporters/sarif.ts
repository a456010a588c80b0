import type * as Sarif from "sarif";
import type { Change } from "../core/types.js";
import { REPOSITORY_URL, transformDocUrl } from "../links.js";
import type { Interruption, RunResult } from "../core/result.js";

/** The SARIF schema reports name in `$schema` (SARIF 2.1.0, as published by SchemaStore). */
const SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";

/** A path relative to the working directory as a URI reference (each segment percent-encoded). */
function fileUri(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}

type Positioned = Pick<
  Change,
  "line" | "column" | "startLine" | "startColumn" | "endLine" | "endColumn"
>;

/**
 * Where a finding is shown: from the code it is about to the end of what the change replaces (1-based;
 * columns count UTF-16 code units, like the offsets).
 */
export function regionOf(change: Positioned): Sarif.Region {
  const { endLine, endColumn } = change;
  const reportedAfterEnd =
    change.line > endLine || (change.line === endLine && change.column > endColumn);
  if (reportedAfterEnd) return replacedRegionOf(change);
  return { startLine: change.line, startColumn: change.column, endLine, endColumn };
}

/** The text a change replaces, `[start, end)`: a fix's deleted region. */
function replacedRegionOf(change: Positioned): Sarif.Region {
  return {
    startLine: change.startLine,
    startColumn: change.startColumn,
    endLine: change.endLine,
    endColumn: change.endColumn,
  };
}

function rule(id: string, result: RunResult): Sarif.ReportingDescriptor {
  const transform = result.transformInfo.find((info) => info.id === id);
  const title = transform?.title ?? id;
  const rewrites = transform?.rewrites ?? [];
  const refuses = transform?.refuses ?? [];
  const markdown = [
    title,
    "",
    "**What it rewrites**",
    "",
    ...rewrites.map((r) => `- ${r}`),
    ...(refuses.length > 0 ? ["", "**Not handled**", "", ...refuses.map((r) => `- ${r}`)] : []),
    "",
    `Every change carries a risk score (0–100) with named reasons; see ${transformDocUrl(id)}.`,
  ].join("\n");
  return {
    id,
    name: id,
    shortDescription: { text: title },
    fullDescription: { text: rewrites.join(" ") || title },
    helpUri: transformDocUrl(id),
    help: { text: `${title}. ${rewrites.join(" ")} See ${transformDocUrl(id)}`, markdown },
    defaultConfiguration: { level: "warning" },
    properties: {
      tags: ["performance", "lazymod", ...(transform ? [transform.category] : [])],
      ...(transform ? { riskFactors: Object.keys(transform.riskFactors) } : {}),
    },
  };
}

function statusNote(change: Change, result: RunResult): string {
  const { maxRisk } = result;
  if (change.status === "apply")
    return result.write
      ? "written by lazymod --write"
      : `would be applied by lazymod --write (at or below --max-risk ${maxRisk})`;
  if (change.status === "held") return `held back: risk above --max-risk ${maxRisk}`;
  return "reported only: no automatic fix";
}

/**
 * SARIF 2.1.0: one rule per transform of the run (with its doc text and help URI), one result per
 * change with its location, risk as properties and, when it has one, the fix as `artifactChanges`.
 * Files that failed are tool execution notifications. URIs are relative to the working directory
 * (`%SRCROOT%`): run lazymod from the repository root for code scanning.
 */
export function sarifReport(result: RunResult): string {
  const ruleIds = [...result.transforms];
  for (const file of result.files)
    for (const change of file.changes)
      if (!ruleIds.includes(change.transform)) ruleIds.push(change.transform);
  const results: Sarif.Result[] = [];
  for (const file of result.files) {
    const artifactLocation: Sarif.ArtifactLocation = {
      uri: fileUri(file.path),
      uriBaseId: "%SRCROOT%",
    };
    for (const change of file.changes) {
      const region = regionOf(change);
      const factors = change.risk.factors.map((f) => `+${f.weight} ${f.id}: ${f.reason}`);
      const sarifResult: Sarif.Result = {
        ruleId: change.transform,
        ruleIndex: ruleIds.indexOf(change.transform),
        level: change.status === "apply" ? "warning" : "note",
        message: {
          text: `${change.message} (risk ${change.risk.score}/100, ${change.risk.band}; ${statusNote(change, result)})`,
        },
        locations: [{ physicalLocation: { artifactLocation, region } }],
        properties: {
          risk: change.risk.score,
          riskBand: change.risk.band,
          riskFactors: change.risk.factors,
          ...(change.risk.proofs ? { riskProofs: change.risk.proofs } : {}),
          status: change.status,
          messageId: change.messageId,
          ...(change.includes ? { includes: change.includes } : {}),
        },
      };
      if (change.status !== "report") {
        sarifResult.fixes = [
          {
            description: {
              text: `Rewrite lazily (risk ${change.risk.score}/100, ${change.risk.band})${factors.length > 0 ? `: ${factors.join("; ")}` : ""}`,
            },
            artifactChanges: [
              {
                artifactLocation,
                replacements: [
                  {
                    deletedRegion: replacedRegionOf(change),
                    insertedContent: { text: change.replacement },
                  },
                ],
              },
            ],
          },
        ];
      }
      results.push(sarifResult);
    }
  }
  const failed = result.files.filter((f) => f.status === "error");
  const log: Sarif.Log = {
    $schema: SARIF_SCHEMA_URI,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "lazymod",
            semanticVersion: result.tool.version,
            informationUri: REPOSITORY_URL,
            rules: ruleIds.map((id) => rule(id, result)),
          },
        },
        invocations: [
          {
            executionSuccessful:
              failed.every((f) => f.errorKind === "parse") && !result.interrupted,
            toolConfigurationNotifications: result.files.flatMap((file) =>
              (file.warnings ?? []).map((warning): Sarif.Notification => ({
                level: "warning",
                descriptor: { id: warning.id },
                message: {
                  text: `${file.path}:${warning.line}:${warning.column}: ${warning.message}`,
                },
                locations: [
                  {
                    physicalLocation: {
                      artifactLocation: { uri: fileUri(file.path), uriBaseId: "%SRCROOT%" },
                      region: { startLine: warning.line, startColumn: warning.column },
                    },
                  },
                ],
              })),
            ),
            toolExecutionNotifications: [
              ...(result.interrupted ? [interruptedNotification(result.interrupted)] : []),
              ...failed.map((file): Sarif.Notification => ({
                // A file lazymod cannot parse does not fail the run: a warning, not an error.
                level: file.errorKind === "parse" ? "warning" : "error",
                message: { text: `${file.path}: ${file.reason ?? "failed"}` },
                locations: [
                  {
                    physicalLocation: {
                      artifactLocation: { uri: fileUri(file.path), uriBaseId: "%SRCROOT%" },
                    },
                  },
                ],
              })),
            ],
          },
        ],
        columnKind: "utf16CodeUnits",
        results,
        properties: {
          maxRisk: result.maxRisk,
          target: result.target ?? "each file's tsconfig",
          summary: {
            filesScanned: result.summary.filesScanned,
            changes: result.summary.changes,
            suppressed: result.summary.suppressed,
            warnings: result.summary.warnings,
            ...(result.summary.outsideDiff ? { outsideDiff: result.summary.outsideDiff } : {}),
          },
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** A stopped run's results cover only the files it got to. */
function interruptedNotification(interrupted: Interruption): Sarif.Notification {
  return {
    level: "error",
    message: {
      text: `interrupted: the results are partial; ${interrupted.notProcessed.length} files were not processed`,
    },
  };
}
