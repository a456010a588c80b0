import type { Order } from "./types";

/**
 * The order history screen's own collection: it has a `filter` of its own, and no `some`.
 * Nothing here is an array, so nothing here is rewritten to call array methods.
 */
export class OrderHistory {
  constructor(private readonly entries: readonly Order[]) {}

  filter(test: (order: Order) => boolean): OrderHistory {
    return new OrderHistory(this.entries.filter(test));
  }

  get length(): number {
    return this.entries.length;
  }
}
