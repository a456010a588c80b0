// @lazymod bands=none factors=none messages=none
// Mongoose `.skip()`/`.limit()`: whether the page has rows is not whether any row matches, and
// `exists` takes neither.
import type { Model } from "mongoose";

export async function firstPageHasAdmins(User: Model<{ role: string }>) {
  return (await User.find({ role: "admin" }).skip(20).limit(20)).length > 0;
}
