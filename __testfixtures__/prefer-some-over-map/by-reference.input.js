// @lazymod bands=high,low messages=includes,includes
import { toId } from "./ids";

function emailOf(user) {
  return user.email;
}

export const hasId = (users, id) => users.map(toId).includes(id);
export const hasEmail = (users) => users.map(emailOf).includes("a@example.com");
