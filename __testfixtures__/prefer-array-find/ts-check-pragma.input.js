// @ts-check
// @lazymod max-risk=low bands=high,low statuses=held,apply factors=result-type-widens messages=first,first
// `// @ts-check` has TypeScript check this file without any checkJs: as with checkJs, a use that
// needs the element is held back (JavaScript cannot say `!`).
const users = [{ admin: true, name: "Ada" }];

export const name = users.filter((u) => u.admin)[0].name;
export const maybeName = users.filter((u) => u.admin)[0]?.name;
