// @lazymod bands=none factors=none messages=none
// A Drizzle query with its own `.limit()`: lazymod does not rewrite a limit it did not write.
import { eq } from "drizzle-orm";

export async function drizzleLimited(db: any, users: any) {
  return (await db.select().from(users).where(eq(users.role, "admin")).limit(5)).length > 0;
}
