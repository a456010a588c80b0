import type { Transform, Trigger } from "./define.js";

function occursIn(text: string, trigger: Trigger): boolean {
  if (typeof trigger === "string") return text.includes(trigger);
  if (trigger instanceof RegExp) return trigger.test(text);
  return trigger.every((part) => text.includes(part));
}

/** The transforms whose text triggers occur in the file: the others cannot match, so need no parse. */
export function transformsTriggeredBy(text: string, transforms: readonly Transform[]): Transform[] {
  return transforms.filter((transform) =>
    transform.triggers.some((trigger) => occursIn(text, trigger)),
  );
}
