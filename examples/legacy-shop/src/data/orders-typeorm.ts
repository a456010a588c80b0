// The order service, on TypeORM, its repository injected.
import { In, type Repository } from "typeorm";
import { OrderRecord } from "./entities";
import { InjectRepository } from "./inject";

export class OrderService {
  constructor(
    @InjectRepository(OrderRecord) private readonly orderRepository: Repository<OrderRecord>,
  ) {}

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
    return orders.length === 0 ? 0 : orders[0]!.total;
  }

  async totals(customerId: number): Promise<number[]> {
    return (await this.orderRepository.find({ where: { customerId } })).map((o) => o.total);
  }

  async ordersPage(customerId: number): Promise<OrderRecord[]> {
    // The rows are returned: nothing to rewrite.
    return this.orderRepository.find({ where: { customerId }, take: 20 });
  }
}
