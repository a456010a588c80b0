// Two parts of @babel/types loaded on their own (its main entry builds every builder and
// validator: about 0.1 s at each start and in each worker thread).
declare module "@babel/types/lib/definitions/index.js" {
  export const VISITOR_KEYS: Record<string, readonly string[] | undefined>;
}

declare module "@babel/types/lib/validators/isReferenced.js" {
  import type { isReferenced } from "@babel/types";
  // A CommonJS module with `exports.default`: Node's ESM loader puts it under `default.default`,
  // a Babel-compiled loader (jscodeshift's) under `default`.
  const value: typeof isReferenced | { default: typeof isReferenced };
  export default value;
}
