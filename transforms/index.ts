import type { Transform } from "../src/core/define.js";
import { transform as preferArrayEvery } from "./prefer-array-every.js";
import { transform as preferArrayFind } from "./prefer-array-find.js";
import { transform as preferArraySome } from "./prefer-array-some.js";
import { transform as preferHas } from "./prefer-has.js";
import { transform as preferSomeOverMap } from "./prefer-some-over-map.js";

/** Every transform, in the order `--list` shows them. */
export const transforms: readonly Transform[] = [
  preferArraySome,
  preferArrayFind,
  preferArrayEvery,
  preferSomeOverMap,
  preferHas,
];

export const transformsById: ReadonlyMap<string, Transform> = new Map(
  transforms.map((t) => [t.id, t]),
);
