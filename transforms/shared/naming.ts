/** `admins` → `Admins`. */
export function capitalize(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** A naive English singular for names like `users`, `matches`, `categories`. */
export function singular(name: string): string {
  if (/[^aeiou]ies$/i.test(name)) return `${name.slice(0, -3)}y`;
  if (/(ches|shes|xes|sses|zes)$/i.test(name)) return name.slice(0, -2);
  if (/[^su]s$/i.test(name) && name.length > 3) return name.slice(0, -1);
  return name;
}

/** The name of a boolean that says whether `name` had any element: `admins` → `hasAdmins`. */
export function existenceName(name: string): string {
  return `has${capitalize(name)}`;
}

/** The name of the first element of `name`: `admins` → `firstAdmin`. */
export function firstElementName(name: string): string {
  return `first${capitalize(singular(name))}`;
}

/** The name of the last element of `name`: `admins` → `lastAdmin`. */
export function lastElementName(name: string): string {
  return `last${capitalize(singular(name))}`;
}
