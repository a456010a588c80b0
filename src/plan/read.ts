import { Ajv } from "ajv";
import { UsageError } from "../runner/discover.js";
import { loadSchema } from "../schemas.js";
import { PLAN_KIND, type Plan } from "./plan.js";

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
    value = JSON.parse(text.replace(/^\uFEFF/, ""));
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
  const problem = validatePlanShape(value);
  if (problem) throw new UsageError(`${label} is not a valid lazymod plan: ${problem}`);
  return value as Plan;
}
