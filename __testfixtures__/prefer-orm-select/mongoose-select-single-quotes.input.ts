// @lazymod bands=low factors=none messages=inline
// Mongoose needs a MongoDB server, which cannot run where lazymod's tests run: fixtures only.
// Single quotes in the file: the projection is written with them too.
import type { Model } from 'mongoose'
import type { UserFields } from './models/user'

declare const User: Model<UserFields>

export async function adminEmails() {
  return (await User.find({ role: 'admin' }).lean()).map(u => u.email)
}
