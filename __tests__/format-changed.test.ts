import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { diffLines } from "diff";
import { afterEach, describe, expect, it } from "vitest";
import { lazymod, ROOT, tempProject } from "./helpers/cli.js";

/**
 * Projects with a formatter configured and "installed" (node_modules/.bin links to the real
 * Prettier and Biome this repository depends on), whose sources are formatted by that formatter
 * first, exactly as a project that runs its formatter's check in CI would have them.
 */
const PRETTIER_BIN = path.join(ROOT, "node_modules/prettier/bin/prettier.cjs");
const BIOME_BIN = path.join(ROOT, "node_modules/@biomejs/biome/bin/biome");
const OXFMT_BIN = path.join(ROOT, "node_modules/oxfmt/bin/oxfmt");

/** Rewritten by lazymod alone in a way each formatter's check accepts. */
const USERS = `type User = { id: number; age: number; admin: boolean }
type Order = { status: string; total: number }

export function hasId(users: User[], id: number) {
  return users.map(u => u.id).includes(id)
}

export function checkAdmins(users: User[]) {
  users.sort((a, b) => a.age - b.age)

  const admins = users.filter(u => u.admin)

  if (admins.length > 0) {
    return 'has admins'
  }
  return 'none'
}

export function anyAdult(users: User[]) {
  const adults = users.filter(u => u.age >= 18)

  return adults.length > 0
}

export function noneOpen(orders: Order[]) {
  return !(orders.filter(o => o.status === 'open').length > 0)
}

export function hasOpenOrders(orders: Order[]) {
  const hasOpen = orders.filter(o => o.status === 'open' && o.total > 0).length > 0
  return hasOpen
}

export function total(orders: Order[]) {
  return orders.map(o => o.total).reduce((a, b) => a + b, 0)
}
`;

const STUDENTS = `import type { PrismaClient } from '@prisma/client'

export async function flagOlder(prisma: PrismaClient, minAge: number) {
  const flags: string[] = []
  flags.push('checked')
  const students = await prisma.student.findMany({ where: { age: { gt: minAge } } })
  students.length > 0 && flags.push('found')
  return flags
}

export async function anyYounger(prisma: PrismaClient, maxAge: number) {
  const students = await prisma.student.findMany({ where: { age: { lt: maxAge } } })
  return students.length > 0
}
`;

/** A rewrite whose new layout only the formatter itself gets right (it breaks the arguments). */
const REFUNDS = `type Order = { status: string; total: number }

export function hasRefunds(orders: Order[]) {
  const hasRefundedOrdersOfSomeSignificance = orders.filter(
    o => o.status === 'refunded' && o.total > 100 && o.total < 100000,
  ).length > 0
  return hasRefundedOrdersOfSomeSignificance
}

export function untouched(orders: Order[]) {
  return orders.length
}
`;

type Formatter = "prettier" | "biome" | "oxfmt";

const LABELS: Record<Formatter, string> = { prettier: "Prettier", biome: "Biome", oxfmt: "oxfmt" };
const CONFIG_FILES: Record<Formatter, string> = {
  prettier: ".prettierrc",
  biome: "biome.json",
  oxfmt: ".oxfmtrc.json",
};

const PROJECTS: Record<Formatter, { config: Record<string, string>; bin: string }> = {
  prettier: {
    config: { ".prettierrc": '{ "arrowParens": "avoid", "singleQuote": true, "semi": false }\n' },
    bin: PRETTIER_BIN,
  },
  biome: {
    config: {
      "biome.json": JSON.stringify({
        formatter: { indentStyle: "space" },
        javascript: {
          formatter: { quoteStyle: "single", semicolons: "asNeeded", arrowParentheses: "asNeeded" },
        },
      }),
    },
    bin: BIOME_BIN,
  },
  oxfmt: {
    config: { ".oxfmtrc.json": '{ "arrowParens": "avoid", "singleQuote": true, "semi": false }\n' },
    bin: OXFMT_BIN,
  },
};

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups) cleanup();
  cleanups = [];
});

/** A git-rooted project with the formatter's configuration and its binary in node_modules/.bin. */
function formattedProject(formatter: Formatter, sources: Record<string, string>) {
  const { config, bin } = PROJECTS[formatter];
  const project = tempProject({ ...config, ...sources });
  cleanups.push(project.cleanup);
  mkdirSync(path.join(project.dir, ".git"));
  mkdirSync(path.join(project.dir, "node_modules/.bin"), { recursive: true });
  symlinkSync(bin, path.join(project.dir, "node_modules/.bin", formatter));
  const format = formatterRun(project.dir, formatter, ["--write"]);
  expect(format.status, format.stderr).toBe(0);
  return project;
}

/** Runs the project's formatter: `check` exits 0 only when every file is formatted. */
function formatterRun(dir: string, formatter: Formatter, mode: ["--write"] | ["--check"]) {
  const bin = path.join(dir, "node_modules/.bin", formatter);
  const args =
    formatter === "biome"
      ? mode[0] === "--write"
        ? ["format", "--write", "src"]
        : ["format", "src"]
      : [mode[0], "src"];
  return spawnSync(bin, args, { cwd: dir, encoding: "utf8" });
}

function readSources(dir: string, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    names.map((name) => [name, readFileSync(path.join(dir, name), "utf8")]),
  );
}

/** The original lines (1-based) the new text removes or replaces. */
function changedOriginalLines(before: string, after: string): number[] {
  const lines: number[] = [];
  let line = 1;
  for (const part of diffLines(before, after)) {
    if (part.added) continue;
    if (part.removed) for (let i = 0; i < (part.count ?? 0); i++) lines.push(line + i);
    line += part.count ?? 0;
  }
  return lines;
}

interface JsonChange {
  start: number;
  end: number;
  status: string;
}

/** The original lines each applicable change of a dry run spans. */
function linesOfChanges(dir: string): Map<string, Set<number>> {
  const dry = lazymod(["--format", "json"], dir);
  expect(dry.code, dry.stderr).toBe(0);
  const report = JSON.parse(dry.stdout) as {
    files: { path: string; changes: JsonChange[] }[];
  };
  const result = new Map<string, Set<number>>();
  for (const file of report.files) {
    const text = readFileSync(path.join(dir, file.path), "utf8");
    const lineAt = (offset: number) => text.slice(0, offset).split("\n").length;
    const lines = new Set<number>();
    for (const change of file.changes.filter((c) => c.status === "apply"))
      for (let l = lineAt(change.start); l <= lineAt(change.end); l++) lines.add(l);
    result.set(file.path, lines);
  }
  return result;
}

describe.each(["prettier", "biome", "oxfmt"] as const)("--write in a %s project", (formatter) => {
  const files = ["src/users.ts", "src/students.ts"];

  it("leaves every file passing the formatter's check without --format-changed, touching only changed lines, and suggests the option", () => {
    const project = formattedProject(formatter, {
      "src/users.ts": USERS,
      "src/students.ts": STUDENTS,
    });
    expect(formatterRun(project.dir, formatter, ["--check"]).status).toBe(0);
    const before = readSources(project.dir, files);
    const changedLines = linesOfChanges(project.dir);

    const run = lazymod(["--write"], project.dir);
    expect(run.code, run.stderr).toBe(0);
    const label = `${LABELS[formatter]} (${CONFIG_FILES[formatter]})`;
    expect(run.stdout).toContain(
      `this project uses ${label}: run with --format-changed to keep what --write changes formatted`,
    );

    const after = readSources(project.dir, files);
    for (const file of files) {
      expect(after[file], `${file} was rewritten`).not.toBe(before[file]);
      const outside = changedOriginalLines(before[file]!, after[file]!).filter(
        (line) => !changedLines.get(file)!.has(line),
      );
      expect(outside, `${file}: lines changed outside lazymod's changes`).toEqual([]);
    }
    const check = formatterRun(project.dir, formatter, ["--check"]);
    expect(check.status, `${check.stdout}${check.stderr}`).toBe(0);
  });

  it("with --format-changed, runs the project's formatter where lazymod's layout is not the formatter's, and only on what it changed", () => {
    const project = formattedProject(formatter, {
      "src/users.ts": USERS,
      "src/refunds.ts": REFUNDS,
    });
    expect(formatterRun(project.dir, formatter, ["--check"]).status).toBe(0);
    const names = ["src/users.ts", "src/refunds.ts"];
    const before = readSources(project.dir, names);

    // On its own, lazymod leaves `refunds.ts` laid out in a way the formatter rejects…
    const plain = formattedProject(formatter, before);
    expect(lazymod(["--write"], plain.dir).code).toBe(0);
    const plainRefunds = plain.read("src/refunds.ts");
    expect(plainRefunds).toContain(".some(");
    expect(formatterRun(plain.dir, formatter, ["--check"]).status).not.toBe(0);

    const run = lazymod(["--write", "--format-changed", "--format", "json"], project.dir);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as {
      files: { path: string; formatting?: { applied: boolean; formatter?: string } }[];
      summary: { formatted: number; notFormatted: number };
    };
    expect(report.files.map((f) => [f.path, f.formatting])).toEqual([
      ["src/refunds.ts", { formatter, applied: true }],
      ["src/users.ts", { formatter, applied: true }],
    ]);
    expect(report.summary).toMatchObject({ formatted: 2, notFormatted: 0 });

    const after = readSources(project.dir, names);
    // …and the formatter re-lays out the statement lazymod changed, and nothing else.
    expect(after["src/refunds.ts"]).not.toBe(plainRefunds);
    expect(after["src/refunds.ts"]).toContain("export function untouched(orders: Order[]) {\n");
    const changed = changedOriginalLines(before["src/refunds.ts"]!, after["src/refunds.ts"]!);
    expect(Math.min(...changed)).toBeGreaterThanOrEqual(4);
    expect(Math.max(...changed)).toBeLessThanOrEqual(7);
    const check = formatterRun(project.dir, formatter, ["--check"]);
    expect(check.status, `${check.stdout}${check.stderr}`).toBe(0);
  });

  it("with --format-changed, writes lazymod's own text for a file that did not pass the formatter before, and says why", () => {
    const project = formattedProject(formatter, { "src/users.ts": USERS });
    // Not formatted: the formatter would change lines lazymod does not touch.
    const messy = "export const messy = (xs: number[]) =>   xs.filter(x => x > 1).length > 0\n";
    writeFileSync(path.join(project.dir, "src/messy.ts"), messy);

    const run = lazymod(["--write", "--format-changed"], project.dir);
    expect(run.code, run.stderr).toBe(0);
    const label = LABELS[formatter];
    expect(run.stdout).toContain(
      `not formatted src/messy.ts: the file was not formatted with ${label} before lazymod changed it; lazymod's own text was written`,
    );
    expect(run.stdout).toContain(
      "Formatted: 1 written file with the project's formatter; 1 not (reasons above)",
    );
    expect(project.read("src/messy.ts")).toBe(
      "export const messy = (xs: number[]) =>   xs.some(x => x > 1)\n",
    );
  });
});

describe("lazymod apply --format-changed", () => {
  it("formats what the plan changes with the project's formatter, as --write does", () => {
    const project = formattedProject("prettier", { "src/refunds.ts": REFUNDS });
    const plan = lazymod(["--plan", "plan.json"], project.dir);
    expect(plan.code, plan.stderr).toBe(0);
    const applied = lazymod(["apply", "plan.json", "--format-changed"], project.dir);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toContain("applied   src/refunds.ts: 1 change (formatted)");
    expect(project.read("src/refunds.ts")).toContain(".some(");
    const check = formatterRun(project.dir, "prettier", ["--check"]);
    expect(check.status, `${check.stdout}${check.stderr}`).toBe(0);
  });
});

describe("--format-changed", () => {
  const SOURCE = "export const any = (xs: number[]) => xs.filter((x) => x > 1).length > 0;\n";

  it("is refused without --write, and with an unknown formatter name", () => {
    const project = tempProject({ "a.ts": SOURCE });
    cleanups.push(project.cleanup);
    const dry = lazymod(["--format-changed"], project.dir);
    expect(dry.code).toBe(2);
    expect(dry.stderr).toContain("--format-changed formats what --write writes: add --write");
    const unknown = lazymod(["--write", "--format-changed=dprint"], project.dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      '--format-changed must be one of auto, prettier, biome, oxfmt, got "dprint"',
    );
    expect(project.read("a.ts")).toBe(SOURCE);
  });

  it("says so when the formatter is configured but not installed, or not configured at all", () => {
    const project = tempProject({ ".prettierrc": "{}\n", "a.ts": SOURCE, "other/b.ts": SOURCE });
    cleanups.push(project.cleanup);
    mkdirSync(path.join(project.dir, ".git"));
    const run = lazymod(["--write", "--format-changed", "a.ts"], project.dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(
      "not formatted a.ts: Prettier is configured (.prettierrc) but not installed (no node_modules/.bin/prettier)",
    );
    expect(run.stdout).not.toContain("this project uses");
    const biome = lazymod(["--write", "--format-changed=biome", "other/b.ts"], project.dir);
    expect(biome.stdout).toContain(
      "not formatted other/b.ts: no Biome configuration applies to it",
    );
    expect(project.read("a.ts")).toBe(
      "export const any = (xs: number[]) => xs.some((x) => x > 1);\n",
    );
  });

  /**
   * A stand-in for the project's formatter that passes the original text through, and misbehaves
   * on the rewritten one (which contains `.some(`).
   */
  function fakeFormatter(dir: string, onRewritten: string) {
    const bin = path.join(dir, "node_modules/.bin/prettier");
    mkdirSync(path.dirname(bin), { recursive: true });
    writeFileSync(
      bin,
      `#!/bin/sh\ninput=$(cat; printf x)\ninput=\${input%x}\ncase "$input" in\n  *".some("*) ${onRewritten} ;;\n  *) printf '%s' "$input" ;;\nesac\n`,
    );
    chmodSync(bin, 0o755);
  }

  it("writes lazymod's text when the formatted text does not parse, or changes lines lazymod did not touch", () => {
    const broken = tempProject({ ".prettierrc": "{}\n", "a.ts": SOURCE });
    cleanups.push(broken.cleanup);
    mkdirSync(path.join(broken.dir, ".git"));
    fakeFormatter(broken.dir, `printf 'export const = ;\\n'`);
    const run = lazymod(["--write", "--format-changed=prettier"], broken.dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("not formatted a.ts: Prettier's output does not parse");
    expect(broken.read("a.ts")).toBe(
      "export const any = (xs: number[]) => xs.some((x) => x > 1);\n",
    );

    const stray = tempProject({ ".prettierrc": "{}\n", "a.ts": `// header\n\n${SOURCE}` });
    cleanups.push(stray.cleanup);
    mkdirSync(path.join(stray.dir, ".git"));
    fakeFormatter(stray.dir, `printf '%s' "$input" | sed 's/header/HEADER/'`);
    const second = lazymod(["--write", "--format-changed"], stray.dir);
    expect(second.stdout).toContain(
      "not formatted a.ts: Prettier also changed line 1, outside what lazymod changed",
    );
    expect(stray.read("a.ts")).toBe(
      "// header\n\nexport const any = (xs: number[]) => xs.some((x) => x > 1);\n",
    );
  });

  it("reports a formatter that fails, and still writes lazymod's text", () => {
    const project = tempProject({ ".prettierrc": "{}\n", "a.ts": SOURCE });
    cleanups.push(project.cleanup);
    mkdirSync(path.join(project.dir, ".git"));
    fakeFormatter(project.dir, "echo 'boom: no plugin' >&2; exit 2");
    const run = lazymod(["--write", "--format-changed"], project.dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(
      "not formatted a.ts: Prettier failed: exit code 2: boom: no plugin",
    );
    expect(project.read("a.ts")).toBe(
      "export const any = (xs: number[]) => xs.some((x) => x > 1);\n",
    );
  });
});
