// Newsletter sign-ups, checked against the customer directory.
import type { CustomerRepository } from "./customer-directory";

export class NewsletterService {
  constructor(private readonly customerRepository: CustomerRepository) {}

  async isCustomer(email: string): Promise<boolean> {
    const found = await this.customerRepository.findAll({ where: { email } });
    return found.length > 0;
  }
}
