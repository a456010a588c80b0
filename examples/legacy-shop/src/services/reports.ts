import type { User } from "./users";

interface Sale {
  region: string;
  amount: number;
  items: { sku: string; qty: number }[];
}

export class SalesReport {
  private sales: Sale[] = [];

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
