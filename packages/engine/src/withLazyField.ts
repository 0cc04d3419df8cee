/**
 * `target` with `key` computed by `compute` on first read and kept from then on. The
 * field is an enumerable getter, so spreading, `JSON.stringify`, `structuredClone` and
 * deep equality see the value as if it had been set at once. The value lives in the
 * getter rather than replacing it, so an outcome frozen before it is read (as state
 * libraries freeze what they hold) still answers.
 */
export function withLazyField<T extends object, K extends PropertyKey, V>(
  target: T,
  key: K,
  compute: () => V,
): T & { readonly [P in K]: V } {
  let computed: { readonly value: V } | undefined;
  return Object.defineProperty(target, key, {
    enumerable: true,
    get() {
      computed ??= { value: compute() };
      return computed.value;
    },
  }) as T & { readonly [P in K]: V };
}
