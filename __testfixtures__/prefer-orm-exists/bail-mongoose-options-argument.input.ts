// @lazymod bands=none factors=none messages=none
// A third `options` argument to Mongoose `find` (here a `limit`): `exists` takes no options.
import type { Model } from "mongoose";

export async function anyWithOptions(User: Model<{ role: string }>) {
  return (await User.find({ role: "admin" }, null, { limit: 5 })).length > 0;
}
