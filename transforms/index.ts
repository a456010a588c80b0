import type { Transform } from "../src/core/define.js";
import { mergeRiskFactors, type RiskFactorDefinitions } from "../src/core/risk.js";
import { transform as preferArrayEvery } from "./prefer-array-every.js";
import { transform as preferArrayFind } from "./prefer-array-find.js";
import { transform as preferArraySome } from "./prefer-array-some.js";
import { transform as preferHas } from "./prefer-has.js";
import { transform as preferOrmCount } from "./prefer-orm-count.js";
import { transform as preferOrmCursor } from "./prefer-orm-cursor.js";
import { transform as preferOrmEmptinessTest } from "./prefer-orm-emptiness-test.js";
import { transform as preferOrmExists } from "./prefer-orm-exists.js";
import { transform as preferOrmFindFirst } from "./prefer-orm-find-first.js";
import { transform as preferOrmSelect } from "./prefer-orm-select.js";
import { transform as preferSomeOverMap } from "./prefer-some-over-map.js";

/** Every transform, in the order `--list` shows them. */
export const transforms: readonly Transform[] = [
  preferArraySome,
  preferArrayFind,
  preferArrayEvery,
  preferSomeOverMap,
  preferHas,
  preferOrmExists,
  preferOrmCount,
  preferOrmFindFirst,
  preferOrmSelect,
  preferOrmCursor,
  preferOrmEmptinessTest,
];

export const transformsById: ReadonlyMap<string, Transform> = new Map(
  transforms.map((t) => [t.id, t]),
);

/** Every risk factor the transforms may raise, by id (one definition per id, checked here). */
export const riskFactors: RiskFactorDefinitions = mergeRiskFactors(
  transforms.map((transform) => transform.riskFactors),
);
