import fc from "fast-check";

/**
 * Generated programs that mix the eager patterns the transforms rewrite with nesting, comments,
 * parentheses and the contexts such code sits in. A program is a function body over fixed data;
 * it pushes what it computes onto `results` and returns them.
 *
 * Plain programs have only pure callbacks and real arrays (NaN included), so no rewrite, at any
 * risk, may change what they compute. With `hazards`, they also contain what the risk factors are
 * about (callbacks with side effects or passed by reference, nullish receivers in value position,
 * number keys, destructuring defaults over null): rewrites of those must score above the low band.
 *
 * Left out on purpose: sparse arrays (`[, 1]`), whose holes `filter` skips and `find` visits, and
 * an `includes` value that is a variable holding NaN (a documented low-band risk, nan-semantics).
 */

export const DATA_DECLARATIONS = {
  js: [
    "const xs = [3, 1, 4, 1, 5, 9, 2, 6];",
    "const ys = [2, 7, 1, 8];",
    "const ns = [1, NaN, 0];",
    "const empty = [];",
    'const s = new Set([1, 2, 3, "a", NaN]);',
    'const m = new Map([["a", 1], ["b", 2]]);',
    "const o = { a: 1, b: 2 };",
    'const numbered = { 1: "one" };',
    "const withNull = [null, 4];",
    "let missing;",
    "const results = [];",
    "function isOdd(n) { results.push(`isOdd(${n})`); return n % 2 === 1; }",
  ],
  ts: [
    "const xs: number[] = [3, 1, 4, 1, 5, 9, 2, 6];",
    "const ys: Array<number> = [2, 7, 1, 8];",
    "const ns: readonly number[] = [1, NaN, 0];",
    "const empty: number[] = [];",
    "const s: Set<number | string> = new Set([1, 2, 3, 'a', NaN]);",
    "const m = new Map<string, number>([['a', 1], ['b', 2]]);",
    "const o: Record<string, number> = { a: 1, b: 2 };",
    "const numbered: Record<number, string> = { 1: 'one' };",
    "const withNull: (number | null)[] = [null, 4];",
    "let missing: number[] | undefined;",
    "const results: unknown[] = [];",
    "function isOdd(n: number): boolean { results.push(`isOdd(${n})`); return n % 2 === 1; }",
  ],
};

export type Flavour = keyof typeof DATA_DECLARATIONS;

const COMMENTS = ["/* c */", "/** doc */", "// line\n"];

/** Sometimes a comment or a newline next to a piece of code. */
const trivia = fc.oneof(
  { weight: 6, arbitrary: fc.constant("") },
  { weight: 1, arbitrary: fc.constant("\n  ") },
  { weight: 2, arbitrary: fc.constantFrom(...COMMENTS).map((c) => ` ${c} `) },
);

/** Sometimes wrapped in (redundant) parentheses, sometimes with a comment inside them. */
function parens(code: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(code, fc.integer({ min: 0, max: 5 }), trivia)
    .map(([c, n, t]) => (n === 0 ? `(${c})` : n === 1 ? `((${c}))` : n === 2 ? `(${t}${c})` : c));
}

const small = fc.integer({ min: 0, max: 9 }).map(String);

/** The receivers: real arrays, so that every rewrite must be exact. */
const arrayOf = (depth: number): fc.Arbitrary<string> =>
  parens(
    fc.oneof(
      fc.constantFrom("xs", "ys", "ns", "empty", "[5, 3, 8]", "[]"),
      small.map((k) => `xs.map((v) => v * ${k})`),
      small.map((k) => `ys.filter((v) => v !== ${k})`),
      depth > 0 ? fc.constant("[...xs, ...ys]") : fc.constant("xs.slice(1)"),
    ),
  );

interface Options {
  hazards: boolean;
}

/** A predicate over `p<depth>`; below the top it may test an inner array (nesting). */
function predicate(depth: number, options: Options): fc.Arbitrary<string> {
  const param = `p${depth}`;
  const outer = depth > 0 ? [`p${depth - 1}`] : [];
  const operand = fc.oneof(small, ...outer.map((name) => fc.constant(name)));
  const test = fc.oneof(
    fc
      .tuple(fc.constantFrom(">", "<", "===", "!==", ">=", "<="), operand)
      .map(([op, v]) => `${param} ${op} ${v}`),
    small.map((k) => `${param} % ${Number(k) + 2} === 0`),
    fc.constant(`Boolean(${param})`),
    fc.constant(`Number.isNaN(${param})`),
  );
  const body =
    depth >= 2
      ? test
      : fc.oneof(
          { weight: 3, arbitrary: test },
          { weight: 1, arbitrary: booleanPattern(depth + 1, options) },
        );
  const written = fc
    .tuple(body, trivia, fc.integer({ min: 0, max: 5 }))
    .map(([b, t, form]) =>
      form === 0
        ? `function (${param}) { return ${b}; }`
        : form === 1
          ? `(${param}) => { return ${t}${b}; }`
          : form === 2
            ? `${param} => (${b})`
            : form === 3
              ? `(${param}, index) => index >= 0 && ${b}`
              : `(${param}) =>${t} ${b}`,
    );
  if (!options.hazards) return written;
  return fc.oneof(
    { weight: 4, arbitrary: written },
    // Side effects that an early exit would skip, in the order they happen.
    { weight: 1, arbitrary: body.map((b) => `(${param}) => (results.push(${param}), ${b})`) },
    { weight: 1, arbitrary: fc.constantFrom("isOdd", "Boolean") },
  );
}

/** A pure mapping callback over `p<depth>`; `Math.sqrt` of a negative number is NaN. */
function mapper(depth: number): fc.Arbitrary<string> {
  const param = `p${depth}`;
  return fc
    .tuple(small, fc.constantFrom("+", "*", "-", "/", "sqrt"))
    .map(([k, op]) =>
      op === "sqrt"
        ? `(${param}) => Math.sqrt(${param} - ${k})`
        : `(${param}) => ${param} ${op} ${k}`,
    );
}

/** A value to look for in a mapped array: a number, or NaN (which `.includes` finds). */
const sought = fc.oneof(
  { weight: 3, arbitrary: small },
  { weight: 1, arbitrary: fc.constantFrom("NaN", "Number.NaN", "Infinity") },
);

/** An expression whose value is a boolean, written the eager way. */
function booleanPattern(depth: number, options: Options): fc.Arbitrary<string> {
  const filtered = fc
    .tuple(arrayOf(depth), trivia, predicate(depth, options), trivia)
    .map(([a, t1, p, t2]) => `${a}.filter(${t1}${p})${t2}`);
  const length = filtered.map((f) => `${f}.length`);
  const named = fc.constantFrom("xs", "ys", "ns", "empty");
  const patterns = [
    fc
      .tuple(
        length,
        fc.constantFrom("> 0", "!== 0", "!= 0", ">= 1", "=== 0", "== 0", "< 1", "<= 0"),
      )
      .map(([l, cmp]) => `${l} ${cmp}`),
    length.map((l) => `0 < ${l}`),
    length.map((l) => `!${l}`),
    length.map((l) => `!!${l}`),
    length.map((l) => `Boolean(${l})`),
    fc
      .tuple(named, predicate(depth, options), fc.constantFrom("===", "!=="))
      .map(([n, p, op]) => `${n}.filter(${p}).length ${op} ${n}.length`),
    fc
      .tuple(arrayOf(depth), mapper(depth), sought, fc.constantFrom("includes", "indexOf"))
      .map(([a, f, v, method]) =>
        method === "includes"
          ? `${a}.map(${f}).includes(${v})`
          : `${a}.map(${f}).indexOf(${v}) !== -1`,
      ),
    fc
      .tuple(
        arrayOf(depth),
        mapper(depth),
        predicate(depth, options),
        fc.constantFrom("some", "every"),
      )
      .map(([a, f, p, method]) => `${a}.map(${f}).${method}(${p})`),
    fc.constantFrom(
      "[...s].includes(2)",
      "[...s].includes(NaN)",
      '[...s].includes("b")',
      "Array.from(s).includes(3)",
      '[...m.keys()].includes("a")',
      'Array.from(m.keys()).includes("z")',
      'Object.keys(o).includes("b")',
      'Object.keys(o).includes("toString")',
    ),
  ];
  if (options.hazards) {
    patterns.push(
      fc.constantFrom("Object.keys(numbered).includes(1)", 'Object.keys(numbered).includes("1")'),
    );
  }
  return fc.oneof(...patterns);
}

/** An expression whose value is an element (or undefined), written the eager way. */
function elementPattern(options: Options): fc.Arbitrary<string> {
  return fc
    .tuple(arrayOf(0), predicate(0, options), fc.constantFrom("[0]", ".at(0)", ".shift()"))
    .map(([a, p, pick]) => `${a}.filter(${p})${pick}`);
}

/** A boolean pattern in one of the places such code sits. */
function inContext(options: Options): fc.Arbitrary<string> {
  return fc
    .tuple(parens(booleanPattern(0, options)), fc.integer({ min: 0, max: 7 }), trivia)
    .map(([b, where, t]) => {
      switch (where) {
        case 0:
          return `results.push(${b});`;
        case 1:
          return `if (${b}) {${t} results.push("then"); } else { results.push("else"); }`;
        case 2:
          return `results.push(${b} ? "yes" : "no");`;
        case 3:
          return `results.push(${b} && "and");`;
        case 4:
          return `results.push(${t}${b} || "or");`;
        case 5:
          return `for (const v of [1, 2]) { if (!(${b})) results.push(v); }`;
        case 6:
          return `results.push(\`\${${b}}\`);`;
        default:
          return `results.push([${b}]);`;
      }
    });
}

/** The same patterns through a local variable (in a block of its own), used once or twice. */
function throughBinding(options: Options): fc.Arbitrary<string> {
  return fc
    .tuple(
      arrayOf(0),
      predicate(0, options),
      fc.constantFrom("found.length > 0", "found.length === 0", "found[0]", "found.length"),
      fc.constantFrom("", 'results.push("between");', "source.push(100);"),
      fc.boolean(),
    )
    .map(([a, p, use, between, twice]) =>
      [
        "{",
        // A copy of its own, which the statement in between may change.
        `  const source = [...${a}];`,
        `  const found = source.filter(${p});`,
        `  ${between}`,
        `  results.push(${use});`,
        ...(twice ? ["  results.push(found.length > 0);"] : []),
        "}",
      ].join("\n"),
    );
}

/** `const [first] = xs.filter(p)`, with or without a default. */
function destructured(options: Options): fc.Arbitrary<string> {
  const receiver = options.hazards ? fc.oneof(arrayOf(0), fc.constant("withNull")) : arrayOf(0);
  const pattern = options.hazards
    ? fc.constantFrom("[first]", "[first = 7]")
    : fc.constant("[first]");
  return fc
    .tuple(receiver, predicate(0, options), pattern)
    .map(([a, p, d]) => `{\n  const ${d} = ${a}.filter(${p});\n  results.push(first);\n}`);
}

/** Optional chains over a receiver that is undefined here, as a value and as a condition. */
const nullishReceiver: fc.Arbitrary<string> = fc
  .tuple(small, fc.boolean())
  .map(([k, asValue]) =>
    asValue
      ? `results.push(missing?.filter((p0) => p0 > ${k}).length > 0);`
      : `if (missing?.filter((p0) => p0 > ${k}).length > 0) results.push("then");`,
  );

function statement(options: Options): fc.Arbitrary<string> {
  const kinds = [
    { weight: 5, arbitrary: inContext(options) },
    { weight: 2, arbitrary: elementPattern(options).map((e) => `results.push(${e});`) },
    { weight: 2, arbitrary: throughBinding(options) },
    { weight: 1, arbitrary: destructured(options) },
  ];
  if (options.hazards) kinds.push({ weight: 1, arbitrary: nullishReceiver });
  return fc.oneof(...kinds);
}

/** A whole program: the data, then statements; it returns `results`. */
export function program(
  flavour: Flavour,
  options: Options = { hazards: false },
): fc.Arbitrary<string> {
  return fc
    .array(statement(options), { minLength: 1, maxLength: 6 })
    .map((statements) =>
      [...DATA_DECLARATIONS[flavour], ...statements, "return results;", ""].join("\n"),
    );
}

/** What a program computes, in a form where undefined, NaN, -0 and missing elements are distinct. */
export function evaluate(code: string): string {
  const results = new Function(code)() as unknown[];
  return JSON.stringify(results, (_key, value: unknown) =>
    value === undefined
      ? "<undefined>"
      : Number.isNaN(value)
        ? "<NaN>"
        : Object.is(value, -0)
          ? "<-0>"
          : value,
  );
}
