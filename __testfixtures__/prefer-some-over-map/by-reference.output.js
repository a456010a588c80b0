// @lazymod bands=high,low messages=includes,includes factors=callback-by-reference,nan-semantics,receiver-not-provably-array
import { toId } from "./ids";

function emailOf(user) {
  return user.email;
}

export const hasId = (users, id) => users.some((value, index, array) => toId(value, index, array) === id);
export const hasEmail = (users) => users.some((value) => emailOf(value) === "a@example.com");
