// The shop's domain types, shared by the services and the components.

export interface Order {
  id: number;
  status: "open" | "paid" | "shipped";
  type: "sale" | "refund";
  paid: boolean;
  shippedAt: Date | null;
  total: number;
}

export interface Customer {
  id: number;
  email: string;
  orders: Order[];
}

export interface User {
  id: number;
  email: string;
  roles: string[];
  disabled: boolean;
}

export interface Sale {
  region: string;
  amount: number;
  items: { sku: string; qty: number }[];
}

export interface CartLine {
  sku: string;
  qty: number;
  giftWrap: boolean;
}
