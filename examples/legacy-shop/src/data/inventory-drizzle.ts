// Stock checks on Drizzle.
import { and, eq, gt, lte } from "drizzle-orm";
import { db } from "./drizzle";
import { products } from "./schema";

export async function anyOutOfStock(): Promise<boolean> {
  const empty = await db.select().from(products).where(lte(products.stock, 0));
  return empty.length > 0;
}

export async function activeProductCount(): Promise<number> {
  return (await db.select().from(products).where(eq(products.active, true))).length;
}

export async function cheapestInStock() {
  const [cheapest] = await db
    .select()
    .from(products)
    .where(and(gt(products.stock, 0)))
    .orderBy(products.price);
  return cheapest;
}

export async function skus(): Promise<string[]> {
  return (await db.select().from(products)).map((p) => p.sku);
}
