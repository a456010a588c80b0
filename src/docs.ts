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
    ...Object.entries(transform.riskFactors)
      .filter(([, definition]) => !definition.proof)
      .map(([id, definition]) => {
        const example = definition.example ? `\`${cell(definition.example)}\`` : "";
        return `| \`${id}\` | ${definition.weight} | ${cell(definition.reason)} | ${example} |`;
      }),
    "",
    ...proofsSection(transform),
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

/** A text for a Markdown table cell: `{detail}` shown as `…`, `|` escaped. */
function cell(text: string): string {
  return text.replaceAll("{detail}", "…").replaceAll("|", "\\|");
}

/** What the project's types can prove for the transform (with `--types`), when anything. */
function proofsSection(transform: Transform): string[] {
  const proofs = Object.entries(transform.riskFactors).filter(([, d]) => d.proof);
  if (proofs.length === 0) return [];
  return [
    "## What the project's types can prove",
    "",
    "With `--types` (the default where a tsconfig.json or jsconfig.json owns the file), a proof takes the place of the factor it settles, and is shown with the change (`✓`) and in the JSON (`risk.proofs`).",
    "",
    "| proof | what it says | example |",
    "|---|---|---|",
    ...proofs.map(([id, definition]) => {
      const example = definition.example ? `\`${cell(definition.example)}\`` : "";
      return `| \`${id}\` | ${cell(definition.reason)} | ${example} |`;
    }),
    "",
  ];
}
