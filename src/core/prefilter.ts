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
  // A family of transforms shares one trigger list: test each list once per file.
  const tested = new Map<readonly Trigger[], boolean>();
  const anyOccurs = (triggers: readonly Trigger[]) => {
    let found = tested.get(triggers);
    if (found === undefined)
      tested.set(triggers, (found = triggers.some((t) => occursIn(text, t))));
    return found;
  };
  return transforms.filter(
    (transform) =>
      anyOccurs(transform.triggers) || anyOccurs(settingsTriggers(transform, settings)),
  );
}

const NONE: readonly Trigger[] = [];

/** The triggers a transform's family finds in its configured settings (module names, …). */
function settingsTriggers(transform: Transform, settings: TransformSettings | undefined) {
  const spec = transform.settings;
  const value = spec && settings?.[spec.key];
  return value === undefined || !spec?.triggers ? NONE : spec.triggers(value);
}
