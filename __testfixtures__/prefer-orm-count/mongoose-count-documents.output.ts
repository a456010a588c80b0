// @lazymod bands=low,low,low factors=orm-hooks-differ messages=inline,binding,inline
// `find(…)` → `countDocuments(…)`: the projection, sort and `lean` are dropped, `exec` is kept.
// Mongoose needs a MongoDB server, which cannot run where lazymod's tests run: fixtures only.
import type { Model } from "mongoose";

export class UserService {
  constructor(private readonly userModel: Model<{ name: string; role: string }>) {}

  async countAdmins() {
    return await this.userModel.countDocuments({ role: "admin" });
  }

  async adminsLabel() {
    const adminCount = await this.userModel.countDocuments({ role: "admin" }).exec();
    return adminCount === 0 ? "none" : `${adminCount} admins`;
  }

  countEveryone() {
    return this.userModel.countDocuments();
  }
}
