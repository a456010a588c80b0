// @lazymod bands=medium,medium factors=cursor-holds-connection messages=inline,binding
// A loop over every document → `for await` over `.cursor()`.
// Mongoose needs a MongoDB server, which cannot run where lazymod's tests run: fixtures only.
import mongoose from "mongoose";

const Order = mongoose.model("Order", new mongoose.Schema({ status: String, total: Number }));

export async function revenue() {
  let sum = 0;
  for await (const order of Order.find({ status: "paid" }).lean().cursor()) {
    sum += order.total;
  }
  return sum;
}

export async function notifyAll(send: (id: unknown) => Promise<void>) {
  for await (const order of Order.find({ status: "shipped" }).cursor()) {
    await send(order._id);
  }
}
