/**
 * `target` with `key` computed by `compute` on first read and kept from then on. The
 * field is enumerable, so spreading, `JSON.stringify` and deep equality see the value
 * as if it had been set at once.
 */
export function withLazyField<T extends object, K extends PropertyKey, V>(
  target: T,
  key: K,
  compute: () => V,
): T & { readonly [P in K]: V } {
  return Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get() {
      const value = compute();
      Object.defineProperty(target, key, { value, enumerable: true, writable: false });
      return value;
    },
  }) as T & { readonly [P in K]: V };
}
