// @lazymod bands=low,medium,low factors=first-row-order,non-null-assertion,null-instead-of-undefined,orm-hooks-differ messages=binding,inline,destructure
// `find(…)[0]` → `findOne(…)`: sort, projection and `populate` are kept.
// Mongoose needs a MongoDB server, which cannot run where lazymod's tests run: fixtures only.
import { model, Schema } from "mongoose";

const User = model("User", new Schema({ name: String, role: String, createdAt: Date }));

export async function newestAdminName() {
  const admins = await User.find({ role: "admin" }).sort({ createdAt: -1 }).lean();
  return admins.length ? admins[0].name : "nobody";
}

export async function anyAdmin() {
  return (await User.find({ role: "admin" }).exec())[0];
}

export async function firstEditor() {
  const [editor] = await User.find({ role: "editor" }, "name").sort({ name: 1 }).populate("team");
  return editor?.name;
}
