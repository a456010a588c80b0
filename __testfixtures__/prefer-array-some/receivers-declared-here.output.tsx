// @lazymod bands=low,low,low,low,low,low,low,low,low factors=none messages=compared,compared,compared,compared,compared,compared,compared,compared,compared
// Each receiver's array type is written in this file, though not as an annotation on the name itself.
import { useState } from "react";

type Provider = { id: string; enabled: boolean };
type Providers = readonly Provider[];
interface Registry {
  providers: Provider[];
}
interface Page {
  rows: Array<{ tags: string[] }>;
}

export class Service {
  private readonly providers: Provider[] = [];
  constructor(private readonly fallbacks: Providers) {}
  anyEnabled() {
    return this.providers.some((p) => p.enabled);
  }
  anyFallback() {
    return this.fallbacks.some((p) => p.enabled);
  }
}

export function Picker() {
  const [options] = useState<Provider[]>([]);
  return options.some((o) => o.enabled) ? <p>on</p> : null;
}

export async function loaded(pending: Promise<Provider>[]) {
  const results = await Promise.all(pending);
  return results.some((p) => p.enabled);
}

export function fromRegistry(registry: Registry) {
  return registry.providers.some((p) => p.enabled);
}

export function destructured({ providers }: Registry = { providers: [] }) {
  return providers.some((p) => p.enabled);
}

export function tagged(page: Page) {
  return page.rows.some((row) => row.tags.some((t) => t === "x"));
}

export function looped(groups: Provider[][]) {
  for (const group of groups) if (group.some((p) => p.enabled)) return true;
  return false;
}

export function elementOf({ rows }: Page) {
  return rows.some(({ tags }) => tags.some((t) => t === "y"));
}
