// @lazymod check-js=true max-risk=low bands=high,low statuses=held,apply factors=result-type-widens messages=first,first
// A JavaScript file that TypeScript checks (checkJs, strict) cannot say `!`: a use that needs the
// element is held back; one that copes with `undefined` is not.
const users = [{ admin: true, name: "Ada" }];

export const name = users.filter((u) => u.admin)[0].name;
export const maybeName = users.filter((u) => u.admin)[0]?.name;
