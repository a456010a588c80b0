// @lazymod bands=medium,medium factors=own-enumerable-keys messages=objectKeys,binding
export function hasOption(options, name) {
  return Object.hasOwn(options, name);
}

export function hasKey(record, key) {
  if (Object.hasOwn(record, key)) return true;
  return false;
}
