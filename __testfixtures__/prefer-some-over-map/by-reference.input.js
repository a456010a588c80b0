// @lazymod bands=high,low messages=includes,includes factors=callback-by-reference,nan-semantics,receiver-not-provably-array
import { toId } from "./ids";

function emailOf(user) {
  return user.email;
}

export const hasId = (users, id) => users.map(toId).includes(id);
export const hasEmail = (users) => users.map(emailOf).includes("a@example.com");
