// @lazymod target=es2020 bands=medium,medium factors=own-enumerable-keys messages=objectKeys,binding
// Below es2022 there is no `Object.hasOwn`: the ES5 form means the same and has the same type.
export function hasOption(options: Record<string, unknown>, name: string) {
  return Object.prototype.hasOwnProperty.call(options, name);
}

export function hasKey(record: object, key: string) {
  if (Object.prototype.hasOwnProperty.call(record, key)) return true;
  return false;
}
