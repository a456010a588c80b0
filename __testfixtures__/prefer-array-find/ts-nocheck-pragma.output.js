// @ts-nocheck
// @lazymod check-js=true bands=low,low factors=none messages=first,first
// `// @ts-nocheck` turns checkJs off for this file: nothing is type-checked, so nothing to keep.
const users = [{ admin: true, name: "Ada" }];

export const name = users.find((u) => u.admin).name;
export const maybeName = users.find((u) => u.admin)?.name;
