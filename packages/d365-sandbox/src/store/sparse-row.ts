import type { Row } from './store.js';

/** Reads the sparse values behind a view, so that restoring a view does not copy ~400 fields. */
const OWN = Symbol('own values');

/** The values of `values` that differ from `blank` (plus any property the blank row lacks). */
export function sparseRow(values: Row, blank: Readonly<Row>): Row {
  const inner = (values as { [OWN]?: Row })[OWN];
  if (inner) return { ...inner };
  const own: Row = {};
  for (const k in values) {
    const v = values[k];
    if (!Object.hasOwn(blank, k) || !Object.is(v, blank[k])) own[k] = v;
  }
  return own;
}

const handlers = new WeakMap<Readonly<Row>, ProxyHandler<Row>>();

/** One handler per blank row: the traps make `own` over `blank` behave like the plain full row. */
function handlerFor(blank: Readonly<Row>): ProxyHandler<Row> {
  let h = handlers.get(blank);
  if (h) return h;
  const blankKeys = Object.keys(blank);
  h = {
    get: (own, k) => {
      if (k === OWN) return own;
      // JSON.stringify calls toJSON first: one plain copy beats ~800 trap calls per record.
      if (k === 'toJSON') return () => ({ ...blank, ...own });
      return Object.hasOwn(own, k) ? own[k as string] : blank[k as string];
    },
    has: (own, k) => k in own || k in blank,
    ownKeys: (own) => {
      // Plain-object order: the blank row's keys, then keys it lacks in the order they were added.
      const extra = Object.keys(own).filter((k) => !Object.hasOwn(blank, k));
      return extra.length > 0 ? [...blankKeys, ...extra] : blankKeys;
    },
    getOwnPropertyDescriptor: (own, k) => {
      if (Object.hasOwn(own, k)) return Reflect.getOwnPropertyDescriptor(own, k);
      if (!Object.hasOwn(blank, k)) return undefined;
      return { value: blank[k as string], writable: true, enumerable: true, configurable: true };
    },
  };
  handlers.set(blank, h);
  return h;
}

/** A full-row view of sparse values: reads, `in`, keys, spread and JSON see every property in order. */
export function rowView(own: Row, blank: Readonly<Row>): Row {
  return new Proxy(own, handlerFor(blank));
}
