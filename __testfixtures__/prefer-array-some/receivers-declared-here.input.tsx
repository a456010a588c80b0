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
    return this.providers.filter((p) => p.enabled).length > 0;
  }
  anyFallback() {
    return this.fallbacks.filter((p) => p.enabled).length > 0;
  }
}

export function Picker() {
  const [options] = useState<Provider[]>([]);
  return options.filter((o) => o.enabled).length > 0 ? <p>on</p> : null;
}

export async function loaded(pending: Promise<Provider>[]) {
  const results = await Promise.all(pending);
  return results.filter((p) => p.enabled).length > 0;
}

export function fromRegistry(registry: Registry) {
  return registry.providers.filter((p) => p.enabled).length > 0;
}

export function destructured({ providers }: Registry = { providers: [] }) {
  return providers.filter((p) => p.enabled).length > 0;
}

export function tagged(page: Page) {
  return page.rows.filter((row) => row.tags.filter((t) => t === "x").length > 0).length > 0;
}

export function looped(groups: Provider[][]) {
  for (const group of groups) if (group.filter((p) => p.enabled).length > 0) return true;
  return false;
}

export function elementOf({ rows }: Page) {
  return rows.some(({ tags }) => tags.filter((t) => t === "y").length > 0);
}
