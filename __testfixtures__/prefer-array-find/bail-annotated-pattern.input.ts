// @lazymod bands=none factors=none messages=none
// An annotated pattern (`const [c]: T[] = …`): the annotation types an array, and `find`'s result
// is an element, so the declaration would need a new type.
declare const xs: { id: number; run(): void }[];

export const [c]: { id: number }[] = xs.filter((x) => x.id > 1);
