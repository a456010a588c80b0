/* global $ */
// jQuery-era code: `.filter` here is jQuery's, not Array's, and must be left alone.
export function hasActiveTabs() {
  return $(".tab").filter(".active").length > 0;
}

export function visibleRows($table) {
  return $table.find("tr").filter(function () {
    return $(this).is(":visible");
  }).length;
}

export function firstSelected(options) {
  // A plain array after all: this one is rewritten.
  return options.filter(function (option) {
    return option.selected;
  })[0];
}
