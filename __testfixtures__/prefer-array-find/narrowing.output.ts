// @lazymod bands=low,low,low,low,low,low,low,low,low,low,low factors=non-null-assertion messages=destructure,destructure,destructure,destructure,destructure,destructure,destructure,destructure,destructure,destructure,destructure
// What TypeScript narrows after `const [t] = …filter…` is narrowed after `const t = …find…` too:
// those uses need nothing. The last three are not narrowed, so they keep the type with `!`.
type Token = { value: string; expired: boolean };
declare const tokens: Token[];
declare function log(message: string): void;

export function orExit() {
  const t = tokens.find((x) => x.value !== "");
  if (!t || t.expired) return "";
  return t.value;
}

export function looseNull() {
  const t = tokens.find((x) => x.expired);
  if (t == null) {
    log("none");
    return "";
  }
  return t.value;
}

export function inBranch() {
  const t = tokens.find((x) => x.expired);
  if (t !== undefined) {
    log(t.value);
  }
}

export function ternaries() {
  const t = tokens.find((x) => x.expired);
  return [t ? t.value : "", !t ? "" : t.value];
}

export function elseLeaves() {
  const t = tokens.find((x) => x.expired);
  if (t) {
    log("found");
  } else {
    throw new Error("none");
  }
  return t.value;
}

export function loop() {
  const t = tokens.find((x) => x.expired);
  while (t) {
    log(t.value);
    break;
  }
}

export function inSwitch(kind: number) {
  const t = tokens.find((x) => x.expired);
  switch (kind) {
    case 1:
      if (!t) break;
      return t.value;
  }
  return "";
}

export function typeofTest() {
  const t = tokens.find((x) => x.expired);
  return typeof t === "object" ? "yes" : "no";
}

// Not narrowed: a guard that does not leave, a test against `null` (the value is `undefined`),
// and a read inside a callback.
export function noExit() {
  const t = tokens.find((x) => x.expired)!;
  if (!t) log("none");
  return t.value;
}

export function againstNull() {
  const t = tokens.find((x) => x.expired)!;
  if (t === null) return "";
  return t.value;
}

export function inCallback() {
  const t = tokens.find((x) => x.expired)!;
  if (!t) return [];
  return tokens.map(() => t.value);
}
