import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { UsageError } from "../src/core/errors.js";
import {
  ownersOf,
  parseCodeowners,
  patternMatcher,
  readCodeowners,
} from "../src/project/codeowners.js";
import { tempProject } from "./helpers/cli.js";

let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups) cleanup();
  cleanups = [];
});

// The example file of GitHub's "About code owners" page, with what the page says of each line.
const GITHUB_EXAMPLE = `# This is a comment.
# Each line is a file pattern followed by one or more owners.

*       @global-owner1 @global-owner2
*.js    @js-owner #This is an inline comment.
*.go docs@example.com
*.txt @octo-org/octocats
/build/logs/ @doctocat
docs/*  docs@example.com
apps/ @octocat
/docs/ @doctocat
/scripts/ @doctocat @octocat
**/logs @octocat
/apps/ @octocat
/apps/github
/src/
/src/ @monalisa
`;

describe("CODEOWNERS, as GitHub documents it", () => {
  const { rules, problems } = parseCodeowners(GITHUB_EXAMPLE);
  const owners = (file: string) => ownersOf(rules, file);

  it("reads every rule of GitHub's example, with its owners and an inline comment", () => {
    expect(problems).toEqual([]);
    expect(rules.map((r) => [r.line, r.pattern, r.owners.join(" ")])).toEqual([
      [4, "*", "@global-owner1 @global-owner2"],
      [5, "*.js", "@js-owner"],
      [6, "*.go", "docs@example.com"],
      [7, "*.txt", "@octo-org/octocats"],
      [8, "/build/logs/", "@doctocat"],
      [9, "docs/*", "docs@example.com"],
      [10, "apps/", "@octocat"],
      [11, "/docs/", "@doctocat"],
      [12, "/scripts/", "@doctocat @octocat"],
      [13, "**/logs", "@octocat"],
      [14, "/apps/", "@octocat"],
      [15, "/apps/github", ""],
      [16, "/src/", ""],
      [17, "/src/", "@monalisa"],
    ]);
  });

  it("the last matching rule wins, and a rule without owners leaves its paths unowned", () => {
    expect(owners("README.md")).toEqual(["@global-owner1", "@global-owner2"]);
    expect(owners("lib/index.js")).toEqual(["@js-owner"]);
    expect(owners("cmd/main.go")).toEqual(["docs@example.com"]);
    expect(owners("notes.txt")).toEqual(["@octo-org/octocats"]);
    // "/build/logs/" is @doctocat's, but "**/logs" comes later.
    expect(owners("build/logs/today.js")).toEqual(["@octocat"]);
    // "/apps/" gives @octocat the directory, but "/apps/github" (no owner) comes later.
    expect(owners("apps/web/index.ts")).toEqual(["@octocat"]);
    expect(owners("apps/github/index.ts")).toEqual([]);
    // A later rule for the same pattern replaces an earlier one.
    expect(owners("src/a.ts")).toEqual(["@monalisa"]);
    expect(owners("scripts/deploy.sh")).toEqual(["@doctocat", "@octocat"]);
    expect(owners("deep/down/logs/x.log")).toEqual(["@octocat"]);
  });

  it("docs/* owns the files in docs, not those nested deeper; apps/ is any apps directory", () => {
    // Checked without the later "/docs/" rule: `docs/*` alone.
    const docs = patternMatcher("docs/*");
    expect(docs("docs/getting-started.md")).toBe(true);
    expect(docs("docs/build-app/troubleshooting.md")).toBe(false);
    expect(docs("other/docs/a.md")).toBe(false);
    const apps = patternMatcher("apps/");
    expect(apps("apps/a.ts")).toBe(true);
    expect(apps("nested/apps/a.ts")).toBe(true);
    expect(apps("apps")).toBe(false); // a file named apps is no directory
  });
});

describe("CODEOWNERS patterns", () => {
  it.each([
    ["foo", { foo: true, "foo/bar": true, "bar/foo": true, "bar/foo/baz": true, "foo.txt": false }],
    ["/foo", { foo: true, "foo/bar": true, "bar/foo": false, "fool.txt": false }],
    ["foo/", { foo: false, "foo/bar": true, "bar/foo/baz": true }],
    ["/foo/", { "foo/bar": true, "bar/foo/baz": false }],
    ["foo/bar", { "foo/bar": true, "foo/bar/baz": true, "baz/foo/bar": false, "foo/bart": false }],
    ["*", { foo: true, "foo/bar": true, ".hidden/x": true }],
    ["/*", { foo: true, "foo/bar": false }],
    ["f*", { foo: true, "bar/foo/baz": true, xfoo: false }],
    ["*.js", { "a.js": true, "src/a.js": true, "a.jsx": false, "a.js/b.ts": true }],
    ["foo/*.txt", { "foo/a.txt": true, "foo/b/a.txt": false, "x/foo/a.txt": false }],
    ["foo/*/baz", { "foo/bar/baz": true, "foo/bar/baz/qux": true, "foo/baz": false }],
    ["f?o", { foo: true, fo: false, fooo: false }],
    ["f\\*o", { "f*o": true, foo: false }],
    ["**/foo/bar", { "foo/bar": true, "a/b/foo/bar/c": true, "foo/x/bar": false }],
    ["foo/bar/**", { "foo/bar": false, "foo/bar/baz": true, "foo/bar/a/b": true }],
    ["foo/**/bar", { "foo/bar": true, "foo/a/b/bar/c": true, "x/foo/bar": false }],
    ["/", { foo: false }],
  ])("%s", (pattern, paths) => {
    const matches = patternMatcher(pattern);
    for (const [file, expected] of Object.entries(paths))
      expect([file, matches(file)]).toEqual([file, expected]);
  });

  it("is case-sensitive, as GitHub is", () => {
    expect(patternMatcher("/Docs/")("docs/a.md")).toBe(false);
    expect(patternMatcher("/Docs/")("Docs/a.md")).toBe(true);
  });

  it("skips, and says why, the lines GitHub cannot read: negation, ranges, bad owners", () => {
    const { rules, problems } = parseCodeowners(
      [
        "!secret.js @a",
        "*.[jt]s @a",
        "*.md not-an-owner",
        "src/ @org/team @user user@example.com",
        "path\\ with\\ spaces/ @b",
        "\\#file @c",
        "**** @d",
        "",
      ].join("\r\n"),
    );
    expect(problems.map((p) => p.line)).toEqual([1, 2, 3, 6, 7]);
    expect(problems[0]!.reason).toContain('cannot be negated with "!"');
    expect(problems[1]!.reason).toContain('"[ ]" character ranges do not work');
    expect(problems[2]!.reason).toContain('"not-an-owner" is not an owner');
    expect(problems[3]!.reason).toContain('a backslash does not escape "#"');
    expect(rules.map((r) => [r.line, r.pattern])).toEqual([
      [4, "src/"],
      [5, "path\\ with\\ spaces/"],
    ]);
    expect(rules[1]!.matches("path with spaces/a.ts")).toBe(true);
  });
});

describe("finding the CODEOWNERS file", () => {
  it("takes .github/ first, then the root, then docs/, as GitHub does", () => {
    const p = tempProject({
      "docs/CODEOWNERS": "* @docs\n",
      CODEOWNERS: "* @root\n",
      ".github/CODEOWNERS": "* @github\n",
    });
    cleanups.push(p.cleanup);
    const at = (file: string) => path.join(p.dir, file);
    expect(ownersOf(readCodeowners(p.dir).rules, "a.ts")).toEqual(["@github"]);
    writeFileSync(at(".github/CODEOWNERS"), "");
    // An empty file is still the one GitHub reads.
    expect(readCodeowners(p.dir)).toMatchObject({ file: at(".github/CODEOWNERS"), rules: [] });
    const q = tempProject({ "docs/CODEOWNERS": "* @docs\n", CODEOWNERS: "* @root\n" });
    cleanups.push(q.cleanup);
    expect(ownersOf(readCodeowners(q.dir).rules, "a.ts")).toEqual(["@root"]);
    const r = tempProject({ "docs/CODEOWNERS": "* @docs\n" });
    cleanups.push(r.cleanup);
    expect(ownersOf(readCodeowners(r.dir).rules, "a.ts")).toEqual(["@docs"]);
    const none = tempProject({ "a.ts": "" });
    cleanups.push(none.cleanup);
    mkdirSync(path.join(none.dir, ".github/CODEOWNERS"), { recursive: true }); // a directory
    expect(() => readCodeowners(none.dir)).toThrow(UsageError);
    expect(() => readCodeowners(none.dir)).toThrow(/no CODEOWNERS file in .* \(GitHub reads/);
  });
});
