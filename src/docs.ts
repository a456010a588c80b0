import type { Transform } from "./core/define.js";
import { BAND_LIMITS } from "./core/risk.js";

/**
 * The doc page of a transform, rendered from its metadata and the risk catalogue so the page
 * cannot drift from the code (a test compares docs/transforms/<id>.md with this).
 */
export function renderTransformDoc(transform: Transform, fixtureCases: readonly string[]): string {
  const lines: string[] = [
    `# ${transform.id}`,
    "",
    `${transform.title}`,
    "",
    `Category: ${transform.category}. Origin: ${transform.origin}.`,
    "",
    "## What it rewrites",
    "",
    ...(transform.reportOnly
      ? ["Report only: every finding is shown with its risk and never written.", ""]
      : []),
    ...transform.rewrites.map((r) => `- ${r}`),
    "",
    ...(transform.notes ? ["## Notes", "", transform.notes.trim(), ""] : []),
    "## Risk factors it may raise",
    "",
    `The score is the sum of the weights (capped at 100): low 0–${BAND_LIMITS.low}, medium ${BAND_LIMITS.low + 1}–${BAND_LIMITS.medium}, high ${BAND_LIMITS.medium + 1}–100. ` +
      "`--write` applies only changes at or below `--max-risk` (default: low).",
    "",
    "| factor | weight | why | example |",
    "|---|---|---|---|",
    ...Object.entries(transform.riskFactors).map(([id, definition]) => {
      const reason = definition.reason.replaceAll("{detail}", "…").replaceAll("|", "\\|");
      const example = definition.example ? `\`${definition.example.replaceAll("|", "\\|")}\`` : "";
      return `| \`${id}\` | ${definition.weight} | ${reason} | ${example} |`;
    }),
    "",
    "## Not handled",
    "",
    ...transform.refuses.map((r) => `- ${r}`),
    "",
    "## Fixtures",
    "",
    `Every case in [\`__testfixtures__/${transform.id}/\`](../../__testfixtures__/${transform.id}/) is checked for its output, the risk bands, factors and message ids it states, idempotency and re-parsing:`,
    "",
    ...fixtureCases.map((name) => `- \`${name}\``),
    "",
    "## Run it alone",
    "",
    "```sh",
    `npx lazymod --transforms ${transform.id} src/`,
    `npx jscodeshift -t node_modules/lazymod/dist/transforms/${transform.id}.js --extensions=ts,tsx,js src/`,
    "```",
    "",
  ];
  return lines.join("\n");
}
