import type { User } from "../domain/types";

const bannedDomains = new Set<string>(["spam.example", "junk.example"]);
const sessionsByUser: Map<number, string[]> = new Map();

export function isBanned(email: string): boolean {
  const domain = email.split("@")[1] ?? "";
  return [...bannedDomains].includes(domain);
}

export function hasSession(userId: number): boolean {
  return Array.from(sessionsByUser.keys()).includes(userId);
}

export function hasAdmins(users: User[]): boolean {
  const admins = users.filter((user) => user.roles.includes("admin"));
  if (admins.length > 0) {
    return true;
  }
  return false;
}

export function firstActive(users: User[]): User | undefined {
  const [active] = users.filter((user) => !user.disabled);
  return active;
}

export function describeTeam(users: User[]): string {
  const disabled = users.filter((user) => user.disabled);
  const total = users.length;
  const status = disabled.length === 0 ? "all active" : "some disabled";
  return `${total} users, ${status}`;
}

export function emailsOf(users: User[]): string[] {
  // The filtered array is returned whole: nothing to rewrite.
  const enabled = users.filter((user) => !user.disabled);
  return enabled.map((user) => user.email);
}

export function hasSetting(settings: Record<string, unknown>, name: string): boolean {
  return Object.keys(settings).includes(name);
}
