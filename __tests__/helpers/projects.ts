import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ROOT } from "./cli.js";

/** The fixture projects of the project-aware mode: each a small folder with its tsconfig. */
export const PROJECTS = path.join(ROOT, "__tests__/fixtures/projects");

export interface ProjectCopy {
  dir: string;
  /** An absolute path in the copy. */
  at(file: string): string;
  read(file: string): string;
  write(file: string, text: string): void;
  /** A relative symbolic link at `from` to `to` (both relative to the copy), as npm and pnpm make. */
  link(from: string, to: string): void;
  cleanup(): void;
}

/**
 * A temporary copy of a fixture project, outside any repository (so TypeScript finds none of
 * lazymod's own `node_modules/@types`), with its package manager's layout made by `layout`:
 * git keeps symbolic links and `node_modules` poorly, so the tests make them.
 */
export function projectCopy(name: string, layout?: (copy: ProjectCopy) => void): ProjectCopy {
  const dir = mkdtempSync(path.join(tmpdir(), `lazymod-${name}-`));
  cpSync(path.join(PROJECTS, name), dir, { recursive: true });
  const at = (file: string) => path.join(dir, file);
  const copy: ProjectCopy = {
    dir,
    at,
    read: (file) => readFileSync(at(file), "utf8"),
    write(file, text) {
      mkdirSync(path.dirname(at(file)), { recursive: true });
      writeFileSync(at(file), text);
    },
    link(from, to) {
      mkdirSync(path.dirname(at(from)), { recursive: true });
      symlinkSync(path.relative(path.dirname(at(from)), at(to)), at(from), "dir");
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
  layout?.(copy);
  return copy;
}

/** npm and Yarn classic workspaces: each package linked from the root `node_modules`. */
export function npmWorkspaceLinks(copy: ProjectCopy): void {
  for (const name of ["tsconfig", "model", "pricing", "web", "api"])
    copy.link(`node_modules/@shop/${name}`, `packages/${name}`);
}

/**
 * pnpm: each package's dependencies linked into its own `node_modules`, a workspace one to its
 * folder, a registry one into the store (`node_modules/.pnpm/<name>@<version>/node_modules/<name>`).
 */
export function pnpmLinks(copy: ProjectCopy): void {
  const store = "node_modules/.pnpm/@acme+widgets@2.1.0/node_modules/@acme/widgets";
  cpSync(copy.at("registry/@acme/widgets"), copy.at(store), { recursive: true });
  copy.link("packages/web/node_modules/@acme/widgets", store);
  copy.link("packages/web/node_modules/@shop/model", "packages/model");
  for (const pkg of ["web", "model"])
    copy.link(`packages/${pkg}/node_modules/@shop/tsconfig`, "packages/tsconfig");
}
