import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/cli.js";

/**
 * The layer rules of eslint.config.js (the picture in ../shared/architecture.json): each import
 * here runs against a layer and must fail `npm run lint`, and the allowed arrows must pass.
 */
const eslint = new ESLint({ cwd: ROOT });

async function restricted(file: string, specifier: string): Promise<string[]> {
  const code = `import { value } from ${JSON.stringify(specifier)};\nexport const copy = value;\n`;
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}/${file}` });
  return result!.messages
    .filter((m) => m.ruleId === "no-restricted-imports")
    .map((m) => m.message.replace(/^.*layers: /, ""));
}

describe("the layers are enforced by the linter", () => {
  it.each([
    ["src/core/probe.ts", "../runner/run.js", "the core is one file in"],
    ["src/core/probe.ts", "../reporters/json.js", "the core is one file in"],
    ["src/core/probe.ts", "../../transforms/index.js", "src/ is a library handed its transforms"],
    ["src/core/probe.ts", "../cli.js", "the library knows no command line"],
    ["src/core/probe.ts", "../config.js", "the core knows no configuration file"],
    ["src/runner/probe.ts", "../../transforms/index.js", "src/ is a library handed its transforms"],
    ["src/runner/probe.ts", "../commands/merge.js", "the library knows no command line"],
    ["src/reporters/probe.ts", "../runner/run.js", "reporters are pure functions"],
    [
      "src/reporters/probe.ts",
      "../../transforms/index.js",
      "src/ is a library handed its transforms",
    ],
    ["src/config.ts", "../transforms/index.js", "src/ is a library handed its transforms"],
    ["src/fix/probe.ts", "../runner/write.js", "helpers are tiny node predicates"],
    ["transforms/probe.ts", "../src/runner/run.js", "a transform sees one AST"],
    ["transforms/shared/probe.ts", "../../src/reporters/text.js", "a transform sees one AST"],
    ["transforms/probe.ts", "../src/cli.js", "a transform sees one AST"],
  ])("%s may not import %s", async (file, specifier, why) => {
    const messages = await restricted(file, specifier);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(why);
  });

  it.each([
    ["src/cli.ts", "../transforms/index.js"],
    ["src/commands/probe.ts", "../../transforms/index.js"],
    ["src/runner/probe.ts", "../core/engine.js"],
    ["src/reporters/probe.ts", "../core/result.js"],
    ["transforms/probe.ts", "../src/core/define.js"],
    ["transforms/probe.ts", "../src/adapters/jscodeshift.js"],
    ["src/core/probe.ts", "../fix/index.js"],
  ])("%s may import %s", async (file, specifier) => {
    expect(await restricted(file, specifier)).toEqual([]);
  });
});
