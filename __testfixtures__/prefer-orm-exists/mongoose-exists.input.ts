// @lazymod bands=low,low,low,low factors=orm-hooks-differ,transaction-receiver messages=binding,inline,binding,inline
// `find(…)` → `exists(…)`: the projection, sort and `populate` are dropped, `session` and `exec`
// are kept.
// Mongoose needs a MongoDB server, which cannot run where lazymod's tests run: fixtures only.
import type { ClientSession, Model } from "mongoose";
import type { UserFields } from "./models/user";

// The model, declared with Mongoose's type: what says `User` is Mongoose (not just any import of it).
declare const User: Model<UserFields>;

export async function hasActiveUsers(minAge: number) {
  const users = await User.find({ active: true, age: { $gt: minAge } }).lean();
  if (users.length > 0) return "some";
  return "none";
}

export async function noAdmins() {
  return (await User.find({ role: "admin" }, "name email").sort({ name: 1 }).exec()).length === 0;
}

export async function adminSummary(session: ClientSession) {
  const admins = await User.find({ role: "admin" }).session(session).populate("team");
  const label = admins.length ? "has admins" : "no admins";
  return { label, any: admins.length > 0 };
}

export async function anyUser() {
  return !!(await User.find()).length;
}
