// @lazymod bands=low,low,low,low factors=orm-hooks-differ,transaction-receiver messages=binding,inline,binding,inline
// `find(…)` → `exists(…)`: the projection, sort and `populate` are dropped, `session` and `exec`
// are kept.
// Mongoose needs a MongoDB server, which cannot run where lazymod's tests run: fixtures only.
import type { ClientSession, Model } from "mongoose";
import type { UserFields } from "./models/user";

// The model, declared with Mongoose's type: what says `User` is Mongoose (not just any import of it).
declare const User: Model<UserFields>;

export async function hasActiveUsers(minAge: number) {
  if (await User.exists({ active: true, age: { $gt: minAge } })) return "some";
  return "none";
}

export async function noAdmins() {
  return !(await User.exists({ role: "admin" }).exec());
}

export async function adminSummary(session: ClientSession) {
  const hasAdmins = !!(await User.exists({ role: "admin" }).session(session));
  const label = hasAdmins ? "has admins" : "no admins";
  return { label, any: hasAdmins };
}

export async function anyUser() {
  return !!(await User.exists({}));
}
