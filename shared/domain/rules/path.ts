/**
 * Reads a dot path (`order.total`, `basket.products.0.sku`) from an event payload. Pure and total:
 * anything that is not an object or array along the way yields `undefined`, never a throw, because
 * payloads come from the outside world and filters must not crash the pipeline.
 */
export function getPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (Array.isArray(cur)) {
      if (!/^\d+$/.test(key)) return undefined;
      cur = cur[Number(key)];
      continue;
    }
    // Own properties only: `__proto__` or `constructor` in a filter must not reach the prototype.
    if (!Object.prototype.hasOwnProperty.call(cur, key)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}
