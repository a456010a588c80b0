import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parsePlan } from "../src/plan/read.js";
import { lazymod } from "./helpers/cli.js";
import { monorepo } from "./helpers/monorepo.js";
import { screenOf } from "./helpers/screen.js";
import { lazymodInTerminal, type TerminalRun } from "./helpers/terminal.js";

// `lazymod review` in a real pseudo-terminal of a real size (see helpers/terminal.ts), driven by
// typed keys, on the multi-package repository of helpers/monorepo.ts. What the terminal shows is
// read back through a headless xterm (helpers/screen.ts).

const SESSION = ".lazymod-review.json";
const CART = "packages/web/src/cart.ts";
const LEGACY = "packages/web/src/legacy.js";
/** The question every change ends with. */
const QUESTION = "Apply this change? [y,n,e,a,d,u,q,?]";

let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups) cleanup();
  cleanups = [];
});

function repository() {
  const repo = monorepo();
  cleanups.push(repo.cleanup);
  return repo;
}

/** Starts a review in a terminal and waits for its first question. */
async function startReview(
  args: string[],
  cwd: string,
  options: { columns?: number; rows?: number; env?: Record<string, string> } = {},
): Promise<TerminalRun> {
  const review = lazymodInTerminal(["review", ...args], { cwd, ...options });
  await review.waitFor((screen) => screen.includes(QUESTION));
  return review;
}

/** Types a key, then waits until what the terminal shows after it passes `test`. */
async function press(review: TerminalRun, key: string, test: RegExp): Promise<void> {
  const from = review.screen().length;
  review.type(key);
  await review.waitFor((screen) => test.test(screen.slice(from)));
}

/** The status line of change `k` of `n` (drawn by the prompt). */
const at = (k: number, n: number) => new RegExp(`\\[${k}/${n}\\] `);

describe("lazymod review in a terminal", () => {
  it("shows each change with its diff, risk, reasons and proofs; quitting halfway writes what was accepted, atomically, and nothing else", async () => {
    const repo = repository();
    const cartBefore = repo.read(CART);
    const legacyBefore = repo.read(LEGACY);
    // With the project's types (the default): the receivers of cart.ts are proven arrays.
    const review = await startReview(["packages/web/src", "--exclude-tests"], repo.dir);
    const first = await screenOf(review.screen(), { columns: 100, rows: 30 });
    const shown = first.lines().join("\n");
    expect(shown).toContain("── change 1 of 5 · packages/web/src/cart.ts ──");
    expect(shown).toContain(`${CART}:4:10  prefer-array-some`);
    expect(shown).toContain("risk 0/100 (low)");
    expect(shown).toContain("-  return items.filter((item) => item.sale).length > 0;");
    expect(shown).toContain("+  return items.some((item) => item.sale);");
    expect(shown).toContain("[1/5] packages/web/src/cart.ts:4 · 0 yes, 0 no, 5 to go");
    await press(review, "y", at(2, 5));
    await press(review, "n", at(3, 5));
    // `cart` in `for (const cart of carts)`, whose `Carts` type another file declares, is an
    // array only the project's types prove: shown.
    const third = (await screenOf(review.screen(), { columns: 100, rows: 30 })).lines().join("\n");
    expect(third).toContain("── change 3 of 5 · packages/web/src/cart.ts ──");
    expect(third).toMatch(/✓ receiver-is-array: receiver `cart` is `Item\[\]` \(types\)/);
    await press(review, "q", /Reviewed: /);
    const exit = await review.exited;
    expect(exit.code).toBe(0);
    expect(review.screen()).toContain(
      "Reviewed: 1 accepted, 1 rejected, 3 undecided (not applied).",
    );
    expect(review.screen()).toContain(`applied   ${CART}: 1 change`);
    expect(repo.read(CART)).toBe(
      cartBefore.replace(
        "return items.filter((item) => item.sale).length > 0;",
        "return items.some((item) => item.sale);",
      ),
    );
    expect(repo.read(LEGACY)).toBe(legacyBefore);
    // The review is over: no session is left, nor any temporary file.
    expect(existsSync(path.join(repo.dir, SESSION))).toBe(false);
    const git = lazymod(
      ["--no-types", "--format", "json", "--exclude-tests", "packages/web/src"],
      repo.dir,
    );
    expect(JSON.parse(git.stdout).summary.changes).toBe(4);
  });

  it("undo takes back the last decision (a whole 'rest of the file' too) and asks it again", async () => {
    const repo = repository();
    const before = repo.read(CART);
    const review = await startReview(
      ["packages/web/src", "--no-types", "--exclude-tests"],
      repo.dir,
    );
    await press(review, "y", at(2, 5));
    await press(review, "y", at(3, 5));
    await press(review, "u", /undone: the decision on packages\/web\/src\/cart\.ts:8 \(change 2\)/);
    expect(JSON.parse(repo.read(SESSION)).decisions).toHaveLength(1);
    await press(review, "n", at(3, 5));
    // Yes to the rest of cart.ts (one change), then undo it, then skip the file instead.
    await press(review, "a", at(4, 5));
    await press(review, "u", /undone: the decision on packages\/web\/src\/cart\.ts:13/);
    await press(review, "d", at(4, 5));
    await press(review, "q", /Reviewed: /);
    expect((await review.exited).code).toBe(0);
    expect(review.screen()).toContain(
      "Reviewed: 1 accepted, 2 rejected, 2 undecided (not applied).",
    );
    expect(repo.read(CART)).toBe(
      before.replace(
        "return items.filter((item) => item.sale).length > 0;",
        "return items.some((item) => item.sale);",
      ),
    );
    const transcript = (await screenOf(review.screen(), { columns: 100, rows: 30 })).lines();
    if (process.env.LAZYMOD_REVIEW_TRANSCRIPT)
      writeFileSync(process.env.LAZYMOD_REVIEW_TRANSCRIPT, `${transcript.join("\n")}\n`);
    // Each answer stays on the screen as a record.
    expect(transcript.filter((line) => line.startsWith(QUESTION))).toEqual([
      `${QUESTION} y (yes)`,
      `${QUESTION} y (yes)`,
      `${QUESTION} u (undo)`,
      `${QUESTION} n (no)`,
      `${QUESTION} a (yes to the rest of this file)`,
      `${QUESTION} u (undo)`,
      `${QUESTION} d (skip the rest of this file)`,
      `${QUESTION} q (quit)`,
    ]);
  });

  it("e opens $EDITOR on the replacement; an edit that does not parse is refused with the reason and the change shown again; one that parses is accepted", async () => {
    const repo = repository();
    const editor = path.join(repo.dir, "fake-editor.sh");
    // A stand-in editor: keeps what it was given, then writes the next prepared edit.
    writeFileSync(
      editor,
      [
        "#!/bin/sh",
        'n=$(cat "$EDITS/count" 2>/dev/null || echo 0); n=$((n + 1)); echo "$n" > "$EDITS/count"',
        'cp "$1" "$EDITS/given$n"',
        'cp "$EDITS/edit$n" "$1"',
        "",
      ].join("\n"),
    );
    chmodSync(editor, 0o755);
    writeFileSync(path.join(repo.dir, "edit1"), "items.some((item) => item.sale) &&\n");
    writeFileSync(path.join(repo.dir, "edit2"), "items.some((item) => item.sale === true)\n");
    const before = repo.read(CART);
    const review = await startReview(["packages/web/src/cart.ts", "--no-types"], repo.dir, {
      env: { EDITOR: editor, EDITS: repo.dir, VISUAL: "" },
    });
    await press(review, "e", /the edited replacement does not parse \(as a TypeScript module/);
    // The reason in full (the prompt wraps it at the terminal's width).
    const refused = (await screenOf(review.screen(), { columns: 100, rows: 30 })).lines().join("");
    expect(refused).toMatch(
      /the edited replacement does not parse \(as a TypeScript module, as the file is read\): Unexpected token \(4:44\); not accepted/,
    );
    expect(repo.read("given1")).toBe("items.some((item) => item.sale)");
    // Shown again, still change 1.
    const again = (await screenOf(review.screen(), { columns: 100, rows: 30 })).lines();
    expect(again.filter((line) => line.startsWith("── change 1 of 3"))).toHaveLength(2);
    await press(review, "e", at(2, 3));
    expect(review.screen()).toContain(`edited and accepted: ${CART}:4`);
    await press(review, "q", /Reviewed: /);
    expect((await review.exited).code).toBe(0);
    expect(review.screen()).toContain("Reviewed: 1 accepted (1 edited), 0 rejected, 2 undecided");
    // The editor's final line break is not taken into the code.
    expect(repo.read(CART)).toBe(
      before.replace(
        "return items.filter((item) => item.sale).length > 0;",
        "return items.some((item) => item.sale === true);",
      ),
    );
  });

  it("resizing the terminal (SIGWINCH) redraws the prompt at the new width, and the next change is drawn at it", async () => {
    const repo = repository();
    const review = await startReview(
      ["packages/web/src", "--no-types", "--exclude-tests"],
      repo.dir,
      {
        columns: 100,
        rows: 30,
      },
    );
    const resizedAt = review.screen().length;
    review.resize(40, 30);
    // The prompt is drawn again: its status line now fits in 40 columns.
    await review.waitFor((screen) => screen.slice(resizedAt).includes("[1/5]"));
    const narrow = await screenOf(
      review.screen(),
      { columns: 100, rows: 30 },
      { at: resizedAt, columns: 40, rows: 30 },
    );
    const status = narrow.visible().filter((line) => line.startsWith("[1/5]"));
    expect(status).toEqual(["[1/5] packages/web/src/cart.ts:4 · 0 y…"]);
    await press(review, "y", at(2, 5));
    const next = (
      await screenOf(
        review.screen(),
        { columns: 100, rows: 30 },
        { at: resizedAt, columns: 40, rows: 30 },
      )
    ).lines();
    const rule = next.find((line) => line.startsWith("── change 2 of 5"));
    expect(rule).toBe("── change 2 of 5 · packages/web/src/car…");
    await press(review, "q", /Reviewed: /);
    expect((await review.exited).code).toBe(0);
    expect(review.screen()).toContain("Reviewed: 1 accepted, 0 rejected, 4 undecided");
  });

  it("Ctrl-C exits 130 writing no source file and keeps the session; --resume continues it, leaving out a file changed since", async () => {
    const repo = repository();
    const cartBefore = repo.read(CART);
    const review = await startReview(
      ["packages/web/src", "--no-types", "--exclude-tests"],
      repo.dir,
    );
    await press(review, "y", at(2, 5));
    review.type("\x03");
    const exit = await review.exited;
    expect(exit).toEqual({ code: 130, signal: 0 });
    expect(review.screen()).toContain(
      "Review stopped: nothing was written. 1 decision so far is kept in .lazymod-review.json; continue with: lazymod review --resume",
    );
    expect(repo.read(CART)).toBe(cartBefore);
    const session = JSON.parse(repo.read(SESSION));
    expect(session.decisions).toEqual([{ key: expect.any(String), decision: { kind: "yes" } }]);
    expect(JSON.parse(session.decisions[0].key)).toEqual([
      CART,
      expect.any(Number),
      expect.any(Number),
      "prefer-array-some",
    ]);

    // Starting another review while one is in progress is refused.
    const second = lazymodInTerminal(
      ["review", "packages/web/src", "--no-types", "--exclude-tests"],
      {
        cwd: repo.dir,
      },
    );
    expect((await second.exited).code).toBe(2);
    expect(second.screen()).toContain(
      'a review session is in progress in .lazymod-review.json (1 of 5 changes decided): continue it with "lazymod review --resume"',
    );

    // legacy.js changes meanwhile: its part of the session no longer holds.
    writeFileSync(path.join(repo.dir, LEGACY), `${repo.read(LEGACY)}// edited\n`);
    const resumed = await startReview(["--resume"], repo.dir);
    expect(resumed.screen()).toContain(
      `lazymod: ${LEGACY} changed since the review started: its changes and decisions are left out of this review`,
    );
    expect(resumed.screen()).toMatch(
      /\[2\/3\] packages\/web\/src\/cart\.ts:8 · 1 yes, 0 no, 2 to go/,
    );
    await press(resumed, "y", at(3, 3));
    // SIGINT from outside (kill -INT) at the prompt stops it the same way.
    resumed.kill("INT");
    expect((await resumed.exited).code).toBe(130);
    expect(repo.read(CART)).toBe(cartBefore);
    const again = await startReview(["--resume"], repo.dir);
    expect(again.screen()).toMatch(/\[3\/3\] /);
    await press(again, "q", /Reviewed: /);
    expect((await again.exited).code).toBe(0);
    expect(again.screen()).toContain("Reviewed: 2 accepted, 0 rejected, 1 undecided");
    expect(repo.read(CART)).toBe(
      cartBefore
        .replace(
          "return items.filter((item) => item.sale).length > 0;",
          "return items.some((item) => item.sale);",
        )
        .replace(
          "return items.filter((item) => item.price > 100)[0];",
          "return items.find((item) => item.price > 100)!;",
        ),
    );
    expect(existsSync(path.join(repo.dir, SESSION))).toBe(false);
  });

  it("reviews a saved plan: the decisions make a plan of the accepted changes, with its digest, that lazymod apply applies exactly (a held-back change accepted included)", async () => {
    const repo = repository();
    const made = lazymod(
      ["packages/web/src", "--no-types", "--exclude-tests", "--plan", "plan.json"],
      repo.dir,
    );
    expect(made.code, made.stderr).toBe(0);
    // cart.ts is edited after the plan: its changes could never be applied, so are not offered.
    writeFileSync(path.join(repo.dir, CART), `${repo.read(CART)}// edited\n`);
    const review = await startReview(
      ["plan.json", "--band", "medium,high", "--plan", "reviewed.json"],
      repo.dir,
    );
    expect(review.screen()).toContain(
      `lazymod: ${CART} changed since the plan was made: its changes are left out of this review (make a new plan for it)`,
    );
    expect(review.screen()).toContain("[held back: risk above --max-risk 24]");
    await press(review, "y", at(2, 2));
    await press(review, "n", /Reviewed: /);
    expect((await review.exited).code).toBe(0);
    const text = repo.read("reviewed.json");
    const reviewed = parsePlan(text, "reviewed.json");
    const original = parsePlan(repo.read("plan.json"), "plan.json");
    expect(reviewed.review).toEqual({
      of: original.digest,
      accepted: 1,
      edited: 0,
      rejected: 1,
      undecided: 0,
    });
    expect(
      reviewed.files.map((f) => [f.path, f.changes.map((c) => [c.line, c.status, c.risk.band])]),
    ).toEqual([[LEGACY, [[1, "apply", "medium"]]]]);
    expect(review.screen()).toContain(
      `Saved 1 accepted change to reviewed.json (digest ${reviewed.digest}); nothing written. Apply them with: lazymod apply --expect-digest ${reviewed.digest} reviewed.json`,
    );
    // Nothing was written by the review itself.
    expect(repo.read(LEGACY).split("\n")[0]).toBe(
      "export const hasValid = (rows) => rows.filter(isValid).length > 0;",
    );
    const applied = lazymod(
      ["apply", "--expect-digest", reviewed.digest, "reviewed.json"],
      repo.dir,
    );
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toContain(`applied   ${LEGACY}: 1 change`);
    expect(repo.read(LEGACY).split("\n")).toEqual([
      "export const hasValid = (rows) => rows.some(isValid);",
      "export const allDone = (tasks) => tasks.filter((t) => { log(t); return t.done; }).length === tasks.length;",
      "",
    ]);
    // A reviewed plan is sealed like any plan: an edit to it is refused.
    writeFileSync(
      path.join(repo.dir, "reviewed.json"),
      text.replace("rows.some(isValid)", "rows.some(isOk)"),
    );
    const tampered = lazymod(["apply", "reviewed.json"], repo.dir);
    expect(tampered.code).toBe(2);
    expect(tampered.stderr).toContain("does not match its digest");
  });

  it("needs a terminal", () => {
    const repo = repository();
    const result = lazymod(["review", "packages/web/src"], repo.dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "lazymod review is interactive: it needs a terminal on stdin and stdout",
    );
    expect(existsSync(path.join(repo.dir, SESSION))).toBe(false);
    expect(readFileSync(path.join(repo.dir, CART), "utf8")).toContain("filter");
  });
});
