import type { Transform } from "../core/define.js";

/** The transforms whose text triggers occur in the file: the others cannot match, so need no parse. */
export function transformsTriggeredBy(text: string, transforms: readonly Transform[]): Transform[] {
  return transforms.filter((transform) =>
    transform.triggers.some((trigger) =>
      typeof trigger === "string" ? text.includes(trigger) : trigger.test(text),
    ),
  );
}
