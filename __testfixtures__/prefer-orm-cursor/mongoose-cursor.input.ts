// @lazymod bands=medium,medium factors=cursor-holds-connection messages=inline,binding
// A loop over every document → `for await` over `.cursor()`.
// Mongoose needs a MongoDB server, which cannot run where lazymod's tests run: fixtures only.
import mongoose from "mongoose";

const Order = mongoose.model("Order", new mongoose.Schema({ status: String, total: Number }));

export async function revenue() {
  let sum = 0;
  for (const order of await Order.find({ status: "paid" }).lean().exec()) {
    sum += order.total;
  }
  return sum;
}

export async function notifyAll(send: (id: unknown) => Promise<void>) {
  const orders = await Order.find({ status: "shipped" });
  for (const order of orders) {
    await send(order._id);
  }
}
