// `npm run demo`: lazymod's dry run on examples/legacy-shop, a TypeScript project whose ORM
// packages are lazymod's own devDependencies. Its Prisma client is generated first, as a
// project's `prisma generate` would (offline: generating needs no schema engine, but the CLI
// downloads one unless PRISMA_SCHEMA_ENGINE_BINARY names a file, any file).
// Arguments are passed to lazymod (`npm run demo -- --no-types`, `-- --format json`).
import { spawnSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const shop = path.join(root, "examples/legacy-shop");
const schema = path.join(shop, "prisma/schema.prisma");

const generated = spawnSync(
  process.execPath,
  [path.join(root, "node_modules/prisma/build/index.js"), "generate", "--schema", schema],
  {
    cwd: shop,
    encoding: "utf8",
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: schema,
      CHECKPOINT_DISABLE: "1",
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
    },
  },
);
if (generated.status !== 0) {
  process.stderr.write(`${generated.stdout}${generated.stderr}`);
  process.stderr.write(
    "demo: the example's Prisma client could not be generated; its Prisma module is judged without types\n",
  );
}

const lazymod = spawnSync(
  process.execPath,
  [path.join(root, "dist/src/cli.js"), "examples", ...process.argv.slice(2)],
  { cwd: root, stdio: "inherit" },
);
process.exitCode = lazymod.status ?? 1;
