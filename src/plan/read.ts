import { withoutBom } from "../core/text.js";
import { Ajv } from "ajv";
import { fileErrorReason, UsageError } from "../core/errors.js";
import { readFile } from "node:fs/promises";
import { loadSchema } from "../schemas.js";
import path from "node:path";
import { normaliseDigest, PLAN_KIND, planDigest, type Plan, type PlanOrigin } from "./plan.js";

/**
 * A plan refused for what it is, not for how lazymod was called: its digest does not match its
 * content, or it has none. (Not a UsageError, so no usage hint is printed with it.)
 */
export class PlanRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PlanRefusedError";
  }
}

let validator: ReturnType<Ajv["compile"]> | undefined;

function validatePlanShape(value: unknown): string | undefined {
  if (!validator) {
    const ajv = new Ajv({ allErrors: false, strict: false });
    ajv.addSchema(loadSchema("report-v1.schema.json"));
    validator = ajv.compile(loadSchema("plan-v1.schema.json"));
  }
  if (validator(value)) return undefined;
  const [error] = validator.errors ?? [];
  if (!error) return "does not match the plan schema";
  const where = error.instancePath ? `at ${error.instancePath}` : "at the top level";
  const allowed = error.params as { allowedValue?: unknown; allowedValues?: unknown[] };
  const detail =
    allowed.allowedValues !== undefined
      ? ` (${allowed.allowedValues.map((v) => JSON.stringify(v)).join(", ")})`
      : allowed.allowedValue !== undefined
        ? ` (${JSON.stringify(allowed.allowedValue)})`
        : "";
  return `${where}: ${error.message ?? "invalid"}${detail}`;
}

/** Parses and checks a plan file's text; errors name the file and what is wrong. */
export function parsePlan(text: string, label: string): Plan {
  let value: unknown;
  try {
    value = JSON.parse(withoutBom(text));
  } catch (error) {
    throw new UsageError(`${label}: not valid JSON (${(error as Error).message})`);
  }
  const kind = (value as { kind?: unknown } | null)?.kind;
  if (typeof value === "object" && value !== null && kind === undefined && "files" in value)
    throw new UsageError(
      `${label} is a JSON report, not a plan; make a plan with "lazymod <paths> --plan ${label}"`,
    );
  if (kind !== PLAN_KIND)
    throw new UsageError(`${label} is not a lazymod plan (no "kind": "${PLAN_KIND}")`);
  // A plan without a digest cannot be told from one whose digest was removed with an edit, so
  // it is refused, not applied with a warning; re-planning costs one dry run.
  if ((value as { digest?: unknown }).digest === undefined)
    throw new PlanRefusedError(
      `${label} has no digest: it was made by a lazymod that did not seal its plans, and an edit to it could not be detected; make a new plan with "lazymod <paths> --plan ${label}"`,
    );
  const problem = validatePlanShape(value);
  if (problem) throw new UsageError(`${label} is not a valid lazymod plan: ${problem}`);
  const plan = value as Plan;
  let actual: string;
  try {
    actual = planDigest(plan);
  } catch (error) {
    throw new UsageError(`${label} is not a valid lazymod plan: ${(error as Error).message}`);
  }
  if (actual !== plan.digest)
    throw new PlanRefusedError(
      `${label} does not match its digest (${plan.digest}; its content hashes to ${actual}): it was edited or damaged after lazymod made it. Nothing was applied; make a new plan`,
    );
  const origin = originProblem(plan.origin);
  if (origin) throw new UsageError(`${label} is not a valid lazymod plan: ${origin}`);
  return plan;
}

/** A recorded origin must stay inside the work tree, and neither may be absolute. */
function originProblem(origin: PlanOrigin): string | undefined {
  const { directory, relativeTo } = origin;
  if (path.posix.isAbsolute(directory) || path.win32.isAbsolute(directory))
    return `origin.directory "${directory}" is absolute`;
  if (relativeTo === "git-work-tree" && directory.split(/[\\/]/).includes(".."))
    return `origin.directory "${directory}" leaves the git work tree`;
  return undefined;
}

/** Reads a plan file and checks it (parsePlan); a file that cannot be read is a UsageError naming it. */
export async function readPlanFile(file: string): Promise<Plan> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new UsageError(`${file}: ${fileErrorReason(error)}`);
  }
  return parsePlan(text, file);
}

/**
 * `--expect-digest`: refuses the plan unless its digest is the one given. `refusal` says what the
 * plan was expected to be and what was therefore not done.
 */
export function checkExpectedDigest(
  plan: Plan,
  given: string,
  refusal: (digest: string, expected: string) => string,
): void {
  const expected = normaliseDigest(given);
  if (!expected)
    throw new UsageError(
      `--expect-digest must be a plan digest (sha256: and 64 hex digits), got "${given}"`,
    );
  if (expected !== plan.digest) throw new PlanRefusedError(refusal(plan.digest, expected));
}
