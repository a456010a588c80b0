// NestJS-style order service on TypeORM.
import { In, type Repository } from "typeorm";

interface Order {
  id: number;
  status: string;
  total: number;
  customerId: number;
}

export class OrderService {
  constructor(private readonly orderRepository: Repository<Order>) {}

  async hasOpenOrders(customerId: number): Promise<boolean> {
    const orders = await this.orderRepository.find({ where: { customerId, status: "open" } });
    return orders.length > 0;
  }

  async assertAllExist(ids: number[]): Promise<void> {
    const found = await this.orderRepository.findBy({ id: In(ids) });
    if (found.length !== ids.length) throw new Error("unknown order id");
  }

  async latestTotal(customerId: number): Promise<number> {
    const orders = await this.orderRepository.find({ where: { customerId }, order: { id: "DESC" } });
    return orders.length === 0 ? 0 : orders[0].total;
  }

  async totals(customerId: number): Promise<number[]> {
    return (await this.orderRepository.find({ where: { customerId } })).map((o) => o.total);
  }

  async ordersPage(customerId: number): Promise<Order[]> {
    // The rows are returned: nothing to rewrite.
    return this.orderRepository.find({ where: { customerId }, take: 20 });
  }
}
