// @lazymod bands=low,low,low factors=orm-hooks-differ messages=inline,binding,inline
// `find(…)` → `countDocuments(…)`: the projection, sort and `lean` are dropped, `exec` is kept.
// Mongoose needs a MongoDB server, which cannot run where lazymod's tests run: fixtures only.
import type { Model } from "mongoose";

export class UserService {
  constructor(private readonly userModel: Model<{ name: string; role: string }>) {}

  async countAdmins() {
    return (await this.userModel.find({ role: "admin" }).lean()).length;
  }

  async adminsLabel() {
    const admins = await this.userModel.find({ role: "admin" }, { name: 1 }).sort({ name: 1 }).exec();
    return admins.length === 0 ? "none" : `${admins.length} admins`;
  }

  countEveryone() {
    return this.userModel.find().then((users) => users.length);
  }
}
