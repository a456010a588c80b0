// @lazymod bands=low factors=receiver-not-provably-array messages=compared
// `interface`, `package`, `yield`, `let` and `static` are names outside strict mode.
var interface = { members: [] };
var yield = 0;
var let = [];
function describe(static) {
  return static;
}

exports.hasMembers = function () {
  return interface.members.some(function (m) { return m.required; });
};
