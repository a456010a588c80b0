// @lazymod bands=none factors=none messages=none
// A Drizzle query that sets its own `.limit()`: lazymod does not change a limit the code chose.
import { eq } from "drizzle-orm";

export async function drizzleLimited(db: any, users: any) {
  return (await db.select().from(users).where(eq(users.role, "admin")).limit(5)).length > 0;
}
