import type { Sale, User } from "../domain/types";
import { loadSales } from "./api";

export class SalesReport {
  private readonly sales = loadSales();

  add(sale: Sale): void {
    this.sales.push(sale);
  }

  hasBigSale(): boolean {
    return this.sales.filter((sale) => sale.amount > 10_000).length !== 0;
  }

  regionsWithBackorders(): string[] {
    return this.sales
      .filter((sale) => sale.items.filter((item) => item.qty < 0).length > 0)
      .map((sale) => sale.region);
  }

  soldTo(users: User[], region: string): boolean {
    const regions = this.sales.map((sale) => sale.region);
    return regions.indexOf(region) !== -1 && users.length > 0;
  }

  everyRegionPaid(): boolean {
    return this.sales.map((sale) => sale.amount).every((amount) => amount > 0);
  }
}
