// Account checks on MongoDB through Mongoose.
import mongoose from "mongoose";

const User = mongoose.model("User", new mongoose.Schema({ email: String, role: String, active: Boolean }));

export async function emailTaken(email) {
  const users = await User.find({ email }).lean();
  return users.length !== 0;
}

export async function adminCount() {
  return (await User.find({ role: "admin" })).length;
}

export async function firstInactive() {
  const users = await User.find({ active: false }).sort({ _id: 1 });
  return users[0];
}

export async function deactivateAll(notify) {
  for (const user of await User.find({ active: true })) {
    await notify(user.email);
  }
}
