// @lazymod bands=low,high,low statuses=apply,report,apply factors=comments-in-range messages=compared,compared,compared
const xs: number[] = [1, 2, 3];

// A comment inside the callback is copied with it.
export const kept = xs.filter((x) => /* big */ x > 2).length > 0;

// A comment in the removed `.length > 0` part: reported, not rewritten.
export const lost = xs.filter((x) => x > 2) /* count */.length > 0;

export const around = /* before */ xs.filter((x) => x > 2).length > 0 /* after */;
