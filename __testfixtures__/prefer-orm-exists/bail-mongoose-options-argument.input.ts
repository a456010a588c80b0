// @lazymod bands=none factors=none messages=none
// A third `options` argument to Mongoose `find` (here a `limit`): what it changes is not carried
// over to `exists`, so the query is left alone.
import type { Model } from "mongoose";

export async function anyWithOptions(User: Model<{ role: string }>) {
  return (await User.find({ role: "admin" }, null, { limit: 5 })).length > 0;
}
