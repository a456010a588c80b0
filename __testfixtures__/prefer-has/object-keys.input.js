// @lazymod bands=medium,medium factors=own-enumerable-keys messages=objectKeys,binding
export function hasOption(options, name) {
  return Object.keys(options).includes(name);
}

export function hasKey(record, key) {
  const keys = Object.keys(record);
  if (keys.includes(key)) return true;
  return false;
}
