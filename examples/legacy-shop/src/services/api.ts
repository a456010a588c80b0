import type { Order, Sale } from "../domain/types";

export async function fetchOrders(): Promise<Order[]> {
  const response = await fetch("/api/orders");
  return (await response.json()) as Order[];
}

export function loadSales(): Sale[] {
  return [];
}
