import { testFileMatcher, type LoadedConfig } from "../config.js";
import { UsageError } from "../core/errors.js";
import type { Band } from "../core/types.js";
import { isSortOrder, SORT_ORDERS, type SortOrder } from "../reporters/order.js";
import type { FileFilter } from "../runner/filter.js";

const BANDS: readonly Band[] = ["low", "medium", "high"];

/** What `--sort`, `--band` and the test-file options select, as the scan and `review` use it. */
export interface Selection {
  sort: SortOrder;
  /** `--band`: only these bands (absent: all). */
  bands?: Band[];
  /** Test files, by the configuration's `tests` globs (or the default ones). */
  isTestFile: (file: string) => boolean;
  /** With `--exclude-tests` (or `"excludeTests": true` without `--include-tests`): leaves them out. */
  testFilter?: FileFilter;
}

interface SelectionValues {
  sort?: string;
  band?: string;
  "exclude-tests"?: boolean;
  "include-tests"?: boolean;
}

export function selection(
  values: SelectionValues,
  loaded: LoadedConfig | undefined,
  cwd: string,
): Selection {
  const sort = values.sort ?? "path";
  if (!isSortOrder(sort))
    throw new UsageError(`--sort must be one of ${SORT_ORDERS.join(", ")}, got "${sort}"`);
  const bands = values.band === undefined ? undefined : parseBands(values.band);
  if (values["exclude-tests"] && values["include-tests"])
    throw new UsageError("--exclude-tests and --include-tests cannot be combined");
  const isTestFile = testFileMatcher(loaded, cwd);
  const exclude =
    values["exclude-tests"] === true ||
    (loaded?.config.excludeTests === true && values["include-tests"] !== true);
  const reason = values["exclude-tests"]
    ? "test file (--exclude-tests)"
    : `test file ("excludeTests" in ${loaded?.label ?? "the configuration"})`;
  return {
    sort,
    ...(bands ? { bands } : {}),
    isTestFile,
    ...(exclude
      ? { testFilter: { accepts: (file) => !isTestFile(file), skipReason: reason } }
      : {}),
  };
}

/** `low,medium` → the bands, in band order; anything else is a usage error. */
function parseBands(text: string): Band[] {
  const named = text
    .split(",")
    .map((band) => band.trim())
    .filter(Boolean);
  const unknown = named.filter((band) => !BANDS.includes(band as Band));
  if (named.length === 0 || unknown.length > 0)
    throw new UsageError(
      `--band must be a comma-separated list of ${BANDS.join(", ")}, got "${text}"`,
    );
  return BANDS.filter((band) => named.includes(band));
}
