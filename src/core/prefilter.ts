import type { TransformSettings } from "./context.js";
import type { Transform, Trigger } from "./define.js";

function occursIn(text: string, trigger: Trigger): boolean {
  if (typeof trigger === "string") return text.includes(trigger);
  if (trigger instanceof RegExp) return trigger.test(text);
  return trigger.every((part) => occursIn(text, part));
}

/**
 * The transforms whose text triggers occur in the file: the others cannot match, so the file
 * needs no parse for them.
 */
export function transformsTriggeredBy(
  text: string,
  transforms: readonly Transform[],
  settings?: TransformSettings,
): Transform[] {
  return transforms.filter(
    (transform) =>
      transform.triggers.some((trigger) => occursIn(text, trigger)) ||
      (settings !== undefined &&
        (transform.settingsTriggers?.(settings) ?? []).some((trigger) => occursIn(text, trigger))),
  );
}
