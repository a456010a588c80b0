// The customer directory: a repository of the shop's own, in front of a search index. Its
// `findAll` and `count` look like an ORM's, but they are not: there is no query to make lazier.
import type { Customer } from "../domain/types";

export class CustomerRepository {
  private readonly index = new Map<number, Customer>();

  async findAll(options: { where: { email?: string } }): Promise<Customer[]> {
    const { email } = options.where;
    return [...this.index.values()].filter((c) => email === undefined || c.email === email);
  }

  async count(): Promise<number> {
    return this.index.size;
  }
}
