// Regenerates docs/transforms/<id>.md from the built transforms: `npm run docs`.
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { renderTransformDoc } from "../dist/src/docs.js";
import { transforms } from "../dist/transforms/index.js";

const root = path.resolve(import.meta.dirname, "..");
mkdirSync(path.join(root, "docs/transforms"), { recursive: true });
for (const transform of transforms) {
  const cases = readdirSync(path.join(root, "__testfixtures__", transform.id))
    .filter((file) => file.includes(".input."))
    .map((file) => file.replace(/\.input\..*$/, ""))
    .sort();
  writeFileSync(
    path.join(root, "docs/transforms", `${transform.id}.md`),
    renderTransformDoc(transform, cases),
  );
  console.log(`docs/transforms/${transform.id}.md`);
}
