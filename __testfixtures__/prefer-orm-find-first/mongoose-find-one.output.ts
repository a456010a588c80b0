// @lazymod bands=low,medium,low factors=first-row-order,non-null-assertion,null-instead-of-undefined,orm-hooks-differ messages=binding,inline,destructure
// `find(…)[0]` → `findOne(…)`: sort, projection and `populate` are kept.
// Mongoose needs a MongoDB server, which cannot run where lazymod's tests run: fixtures only.
import { model, Schema } from "mongoose";

const User = model("User", new Schema({ name: String, role: String, createdAt: Date }));

export async function newestAdminName() {
  const firstAdmin = await User.findOne({ role: "admin" }).sort({ createdAt: -1 }).lean();
  return firstAdmin ? firstAdmin.name : "nobody";
}

export async function anyAdmin() {
  return (await User.findOne({ role: "admin" }).exec())!;
}

export async function firstEditor() {
  const editor = await User.findOne({ role: "editor" }, "name").sort({ name: 1 }).populate("team");
  return editor?.name;
}
