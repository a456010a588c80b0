// @lazymod bands=low,low factors=receiver-not-provably-array messages=compared,compared
// Valid only in sloppy mode (CommonJS, never strict): lazymod reads it as a script.
var package = require("./package.json");
var mode = 0755;

function pick(a, a) {
  return a;
}

function hasCliKeyword() {
  return package.keywords.some(function (k) { return k === "cli"; });
}

function withConfig(config) {
  with (config) {
    if (plugins.some(function (p) { return p.enabled; })) return pick(mode, mode);
  }
  var scratch = 1;
  delete scratch;
}

module.exports = { hasCliKeyword, withConfig };
