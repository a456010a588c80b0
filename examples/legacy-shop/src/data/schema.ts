import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const products = sqliteTable("products", {
  id: integer("id").primaryKey(),
  sku: text("sku").notNull(),
  stock: integer("stock").notNull(),
  price: integer("price").notNull(),
  active: integer("active", { mode: "boolean" }).notNull(),
});
