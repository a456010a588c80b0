// Generates examples/legacy-shop's Prisma client, as the project's `prisma generate` would
// (offline: generating needs no schema engine, but the CLI downloads one unless
// PRISMA_SCHEMA_ENGINE_BINARY names a file, any file). Used by `npm run demo` and
// `npm run bench:types`.
import { spawnSync } from "node:child_process";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..");
export const SHOP = path.join(ROOT, "examples/legacy-shop");

/** Generates the client; on failure, says why on stderr and returns false. */
export function generateExampleClient() {
  const schema = path.join(SHOP, "prisma/schema.prisma");
  const generated = spawnSync(
    process.execPath,
    [path.join(ROOT, "node_modules/prisma/build/index.js"), "generate", "--schema", schema],
    {
      cwd: SHOP,
      encoding: "utf8",
      env: {
        ...process.env,
        PRISMA_SCHEMA_ENGINE_BINARY: schema,
        CHECKPOINT_DISABLE: "1",
        PRISMA_HIDE_UPDATE_MESSAGE: "1",
      },
    },
  );
  if (generated.status === 0) return true;
  process.stderr.write(`${generated.stdout}${generated.stderr}`);
  return false;
}
