import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { lazymod, ROOT } from "./helpers/cli.js";
import { transformSource } from "../src/core/engine.js";
import { BAND_LIMITS } from "../src/core/risk.js";
import { transformsById } from "../transforms/index.js";
import {
  discoverFixtures,
  fixtureCompilerOptions,
  fixtureOptions,
  type FixtureCase,
} from "./helpers/fixtures.js";

/**
 * Small projects that compile cleanly, rewritten by `lazymod --write` (which reads their
 * tsconfig.json as it does for any project) and compiled again by the real TypeScript compiler:
 * a rewrite must not add a diagnostic, under each setting that changes what a rewrite may write.
 */

// Compiles under every setting below (each use copes with `undefined`, or is narrowed).
const TOLERANT = `
type Token = { value: string; expired: boolean };
type User = { id: number; name: string; admin: boolean };
declare function audit(message: string): void;

export function current(tokens: Token[]): string {
  const [token] = tokens.filter((t) => !t.expired);
  if (!token) throw new Error("no token");
  return token.value;
}

export function maybe(tokens: Token[]) {
  return tokens.filter((t) => t.expired)[0]?.value ?? "none";
}

export function label(list: Token[]) {
  const valid = list.filter((t) => !t.expired);
  audit("label");
  if (valid[0]) return valid[0].value;
  return "none";
}

export const pick = (list: Token[]): Token | undefined => list.filter((t) => t.expired)[0];

export function newestAdmin(users: User[]) {
  return users.filter((u) => u.admin).pop()?.name;
}

export function anyAdmin(users: User[]) {
  return users.filter((u) => u.admin).length > 0;
}

export function allAdmins(users: User[]) {
  return users.filter((u) => u.admin).length === users.length;
}

export function named(users: User[], name: string) {
  return users.map((u) => u.name).includes(name);
}

export function hasKey(record: Record<string, number>, key: string) {
  return Object.keys(record).includes(key);
}

export function hasKeyLater(record: object, key: string) {
  const keys = Object.keys(record);
  if (keys.includes(key)) return true;
  return false;
}

export function inSet(seen: Set<string>, value: string) {
  return [...seen].includes(value);
}
`;

// Uses that need the element itself: they compile where `xs[0]` is typed `T`.
const NEEDS_ELEMENT = `
type Thread = { id: number };
type Info = { id: number; threads: Thread[] };
type User = { id: number; name: string; admin: boolean };
declare const everyone: User[];

export function expiredName(users: User[]): string {
  return users.filter((u) => !u.admin)[0].name;
}

export class Comments {
  private infos: Info[] = [];
  add(id: number, thread: Thread) {
    this.infos.filter((c) => c.id === id)[0].threads.push(thread);
  }
}

export function firstName(users: User[]) {
  const [first] = users.filter((u) => u.admin);
  return first.name;
}

function takesUser(user: User): string {
  return user.name;
}

export function passOn(users: User[]) {
  return takesUser(users.filter((u) => u.admin)[0]);
}

export function firstId(users: User[]) {
  const admins = users.filter((u) => u.admin);
  return admins[0].id;
}

export const [firstAdmin] = everyone.filter((u) => u.admin);
export const inferred = () => everyone.filter((u) => u.admin)[0];
`;

const ORM_TOLERANT = `
import type { Knex } from "knex";
import type { Repository } from "typeorm";

type User = { id: number; name: string; admin: boolean };
type Db = { userRepository: Repository<User>; knex: Knex };

export async function anyName({ userRepository }: Db) {
  return (await userRepository.find({ where: { admin: true }, order: { id: "ASC" } }))[0]?.name ?? "nobody";
}

export async function firstAdmin({ userRepository }: Db) {
  const admins = await userRepository.find({ where: { admin: true }, order: { id: "ASC" } });
  if (admins.length === 0) throw new Error("no admin");
  return admins[0];
}

// Declared \`T | undefined\`: with noUncheckedIndexedAccess the row stays that, not \`T | null\`.
export async function newest({ userRepository }: Db): Promise<User | undefined> {
  return (await userRepository.find({ where: { admin: false }, order: { id: "DESC" } }))[0];
}

export async function oldest({ knex }: Db) {
  const [row] = await knex<User>("users").where("admin", true).orderBy("id");
  if (!row) return "none";
  return row.name;
}
`;

const ORM_NEEDS_ELEMENT = `
import type { Knex } from "knex";
import type { Repository } from "typeorm";

type User = { id: number; name: string; admin: boolean };
type Db = { userRepository: Repository<User>; knex: Knex };

export async function newestName({ userRepository }: Db) {
  return (await userRepository.find({ where: { admin: true }, order: { id: "DESC" } }))[0].name;
}

export async function first({ userRepository }: Db) {
  const [user] = await userRepository.find({ where: { admin: true }, order: { id: "ASC" } });
  return user;
}

export function firstId({ userRepository }: Db) {
  return userRepository.find({ where: { admin: true }, order: { id: "ASC" } }).then((rows) => rows[0].id);
}

export async function lastName({ userRepository }: Db, log: (found: boolean) => void) {
  const rows = await userRepository.find({ where: { admin: true }, order: { id: "DESC" } });
  log(rows.length > 0);
  return rows[0].name;
}

export async function firstRowName({ knex }: Db) {
  return (await knex<User>("users").where("admin", true).orderBy("id"))[0].name;
}
`;

// ES5's library: no `find`, `includes`, `Set`; what remains is `some`/`every`.
const ES5 = `
type User = { name: string; admin: boolean };
export function firstAdmin(users: User[]) {
  return users.filter(function (u) { return u.admin; })[0].name;
}
export function anyAdmin(users: User[]) {
  return users.filter(function (u) { return u.admin; }).length > 0;
}
`;

// Checked JavaScript cannot say \`!\`.
const CHECKED_JS = `
const users = [{ admin: true, name: "Ada" }];
export const name = users.filter((u) => u.admin)[0].name;
export const maybe = users.filter((u) => u.admin)[0]?.name;
`;

interface Variant {
  name: string;
  compilerOptions: Record<string, unknown>;
  files: Record<string, string>;
  maxRisk?: string;
  /** Text the rewritten files must contain: the forms that keep the types. */
  expected: Record<string, string[]>;
  /** Text they must not contain. */
  absent?: Record<string, string[]>;
}

const ALL = {
  "src/tolerant.ts": TOLERANT,
  "src/needs-element.ts": NEEDS_ELEMENT,
  "src/orm-tolerant.ts": ORM_TOLERANT,
  "src/orm-needs-element.ts": ORM_NEEDS_ELEMENT,
};

const VARIANTS: Variant[] = [
  {
    name: "strict",
    compilerOptions: { target: "es2022", strict: true },
    files: ALL,
    expected: {
      "src/needs-element.ts": [
        "users.find((u) => !u.admin)!.name",
        "this.infos.find((c) => c.id === id)!.threads",
        "const first = users.find((u) => u.admin)!;",
        "takesUser(users.find((u) => u.admin)!)",
        "users.find((u) => u.admin)!.id",
        "export const firstAdmin = everyone.find((u) => u.admin)!;",
        "() => everyone.find((u) => u.admin)!",
      ],
      "src/tolerant.ts": [
        "const token = tokens.find((t) => !t.expired);",
        "Object.hasOwn(record, key)",
        "seen.has(value)",
      ],
      "src/orm-needs-element.ts": [
        '(await userRepository.findOne({ where: { admin: true }, order: { id: "DESC" } }))!.name',
        "(firstRow) => firstRow!.id",
        "log(firstRow !== null);\n  return firstRow!.name;",
        '.orderBy("id").first())!.name',
      ],
    },
    absent: { "src/tolerant.ts": ["!;", ")!"] },
  },
  {
    name: "strict off",
    compilerOptions: { target: "es2022", strict: false },
    files: ALL,
    expected: { "src/needs-element.ts": ["users.find((u) => !u.admin).name"] },
    absent: { "src/needs-element.ts": [")!"], "src/orm-needs-element.ts": [")!"] },
  },
  {
    name: "noUncheckedIndexedAccess",
    compilerOptions: { target: "es2022", strict: true, noUncheckedIndexedAccess: true },
    files: { "src/tolerant.ts": TOLERANT, "src/orm-tolerant.ts": ORM_TOLERANT },
    expected: {
      "src/orm-tolerant.ts": [
        '(await userRepository.findOne({ where: { admin: false }, order: { id: "DESC" } })) ?? undefined',
      ],
      "src/tolerant.ts": ["list.find((t) => t.expired);"],
    },
  },
  {
    name: 'lib: ["es2020"]',
    compilerOptions: { target: "es2022", lib: ["es2020"], strict: true },
    files: ALL,
    expected: {
      "src/tolerant.ts": [
        "Object.prototype.hasOwnProperty.call(record, key)",
        "Object.prototype.hasOwnProperty.call(record, key)) return true",
      ],
    },
    absent: { "src/tolerant.ts": ["Object.hasOwn", "findLast"] },
  },
  {
    // es2015 to es2019 are read as es2020, with their own library (es2017's has no Object.hasOwn).
    name: "target es2017",
    compilerOptions: { target: "es2017", strict: true },
    files: ALL,
    expected: { "src/tolerant.ts": ["Object.prototype.hasOwnProperty.call(record, key)"] },
    absent: { "src/tolerant.ts": ["Object.hasOwn", "findLast"] },
  },
  {
    name: 'lib: ["es5"]',
    compilerOptions: { target: "es5", lib: ["es5"], strict: true },
    files: { "src/es5.ts": ES5 },
    expected: { "src/es5.ts": [".some(function (u)"] },
    absent: { "src/es5.ts": [".find("] },
  },
  {
    name: "checkJs",
    compilerOptions: { target: "es2022", strict: true, allowJs: true, checkJs: true },
    files: { "src/checked.js": CHECKED_JS },
    maxRisk: "low",
    expected: {
      "src/checked.js": [
        "users.filter((u) => u.admin)[0].name",
        "users.find((u) => u.admin)?.name",
      ],
    },
  },
];

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function makeProject(variant: Variant): string {
  const dir = mkdtempSync(path.join(tmpdir(), "lazymod-types-"));
  dirs.push(dir);
  for (const [file, text] of Object.entries(variant.files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  // The ORM packages' own type declarations, as a project with its dependencies installed has.
  symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  const compilerOptions = {
    ...variant.compilerOptions,
    module: "esnext",
    moduleResolution: "bundler",
    skipLibCheck: true,
    types: [],
    noEmit: true,
  };
  writeFileSync(
    path.join(dir, "tsconfig.json"),
    JSON.stringify({ compilerOptions, include: ["src"] }),
  );
  return dir;
}

/** Every diagnostic `tsc -p` reports for the project, one line each. */
function diagnostics(dir: string): string[] {
  const host: ts.ParseConfigFileHost = {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    },
  };
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(dir, "tsconfig.json"), {}, host)!;
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file
      ? `${path.relative(dir, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}`
      : "";
    return `${where} TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`;
  });
}

describe("lazymod --write keeps a TypeScript project compiling", () => {
  it.each(VARIANTS)(
    "$name",
    (variant) => {
      const dir = makeProject(variant);
      expect(diagnostics(dir), "the project compiles before").toEqual([]);
      const run = lazymod(
        ["--write", "--max-risk", variant.maxRisk ?? "100", "--format", "json", "src"],
        dir,
      );
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      const report = JSON.parse(run.stdout) as { summary: { written: number } };
      expect(report.summary.written, "lazymod changed something").toBeGreaterThan(0);
      expect(diagnostics(dir), "no diagnostic after --write").toEqual([]);
      for (const [file, texts] of Object.entries(variant.expected)) {
        const after = readFileSync(path.join(dir, file), "utf8");
        for (const text of texts) expect(after, `${file} contains ${text}`).toContain(text);
      }
      for (const [file, texts] of Object.entries(variant.absent ?? {})) {
        const after = readFileSync(path.join(dir, file), "utf8");
        for (const text of texts) expect(after, `${file} lacks ${text}`).not.toContain(text);
      }
    },
    120_000,
  );
});

describe("what --write --max-risk medium makes of each TypeScript fixture still compiles", () => {
  // Grouped by the compilerOptions the fixtures state, one program per group and side. A change
  // that may not compile is held back into the high band (`result-type-widens`; and an ORM
  // option the lazy call's types reject, such as `limit` on a Sequelize count, comes with
  // `pagination-dropped`); everything up to medium must compile.
  const groups = new Map<string, FixtureCase[]>();
  for (const fixture of discoverFixtures()) {
    if (!/\.tsx?$/.test(fixture.inputPath)) continue;
    const key = JSON.stringify(fixtureCompilerOptions(fixture.directives));
    groups.set(key, [...(groups.get(key) ?? []), fixture]);
  }

  it.each([...groups].map(([key, cases]) => [key, cases] as const))(
    "compilerOptions %s",
    (key, cases) => {
      const options = { ...(JSON.parse(key) as Record<string, unknown>), ...FIXTURE_OPTIONS };
      const inputs = new Map(cases.map((c) => [c.inputPath, c.input]));
      // The rewritten text stands in for the input file, so imports resolve as they did.
      const written = new Map(
        cases.map((c) => {
          const transform = transformsById.get(c.transform)!;
          const { output } = transformSource(c.input, {
            ...fixtureOptions(c),
            maxRisk: BAND_LIMITS.medium,
            transforms: [transform],
          });
          return [c.inputPath, output] as const;
        }),
      );
      const before = diagnosticsByFile(inputs, options);
      const after = diagnosticsByFile(written, options);
      for (const fixture of cases) {
        if ((before.get(fixture.inputPath) ?? []).length > 0) continue;
        if (written.get(fixture.inputPath) === fixture.input) continue;
        checked.push(`${fixture.transform}/${fixture.name}`);
        expect(after.get(fixture.inputPath) ?? [], `${fixture.transform}/${fixture.name}`).toEqual(
          [],
        );
      }
    },
    120_000,
  );

  const checked: string[] = [];
  it("checked the fixtures that matter here: they compile before and change", () => {
    expect(checked.length).toBeGreaterThan(30);
    for (const name of [
      "prefer-array-find/guarded",
      "prefer-array-find/narrowing",
      "prefer-array-find/widening",
      "prefer-array-find/strict-off",
      "prefer-array-find/no-unchecked-index",
      "prefer-has/es2020",
      "prefer-has/lib-es2020",
    ])
      expect(checked).toContain(name);
  });
});

/** Resolved against the repository's node_modules, as the fixtures sit in it. */
const FIXTURE_OPTIONS = {
  module: "esnext",
  moduleResolution: "bundler",
  skipLibCheck: true,
  types: [],
  noEmit: true,
};

/** Diagnostics per file of a program over these files, given by their text. */
function diagnosticsByFile(
  files: ReadonlyMap<string, string>,
  json: Record<string, unknown>,
): Map<string, string[]> {
  const { options, errors } = ts.convertCompilerOptionsFromJson(json, ROOT);
  expect(errors).toEqual([]);
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (name) => files.get(path.resolve(name)) ?? readFile(name);
  host.fileExists = (name) => files.has(path.resolve(name)) || fileExists(name);
  host.getSourceFile = (name, languageVersion) => {
    const text = host.readFile(name);
    return text === undefined ? undefined : ts.createSourceFile(name, text, languageVersion);
  };
  const program = ts.createProgram({ rootNames: [...files.keys()], options, host });
  const byFile = new Map<string, string[]>();
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const file = d.file ? path.resolve(d.file.fileName) : "";
    const line = d.file ? d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1 : 0;
    const text = `${line}: TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`;
    byFile.set(file, [...(byFile.get(file) ?? []), text]);
  }
  return byFile;
}
