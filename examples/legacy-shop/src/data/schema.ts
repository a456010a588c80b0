import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const products = sqliteTable("products", {
  id: integer("id").primaryKey(),
  sku: text("sku").notNull(),
  stock: integer("stock").notNull(),
  price: integer("price").notNull(),
  active: integer("active", { mode: "boolean" }).notNull(),
});

export const students = sqliteTable("students", {
  id: integer("id").primaryKey(),
  name: text("name").notNull(),
  name2: text("name2").notNull(),
  name3: text("name3").notNull(),
  name4: text("name4").notNull(),
  name5: text("name5").notNull(),
  name6: text("name6").notNull(),
  name7: text("name7").notNull(),
  name8: text("name8").notNull(),
  name9: text("name9").notNull(),
  name10: text("name10").notNull(),
  name11: text("name11").notNull(),
  name12: text("name12").notNull(),
  name13: text("name13").notNull(),
  name14: text("name14").notNull(),
  name15: text("name15").notNull(),
  age: integer("age").notNull(),
});
