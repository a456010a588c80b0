// @lazymod bands=low,medium factors=projection-drops-fields messages=inline,binding
// Only the fields the callback reads: `.select("email")`; on documents (no `lean`) with
// projection-drops-fields.
// Mongoose needs a MongoDB server, which cannot run where lazymod's tests run: fixtures only.
import type { Model } from "mongoose";
import type { UserFields } from "./models/user";

declare const User: Model<UserFields>;

export async function adminEmails() {
  return (await User.find({ role: "admin" }).lean()).map((u) => u.email);
}

export async function editorNames() {
  const editors = await User.find({ role: "editor" }).sort({ name: 1 });
  return editors.map((e) => `${e.firstName} ${e.lastName}`);
}
