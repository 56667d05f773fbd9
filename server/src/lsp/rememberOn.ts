/**
 * A value worked out once per object and kept on it under a symbol, as a non-enumerable property:
 * a spread (`{ ...finding, range }`, as the engine moves findings) does not copy it, so a copy
 * never carries what was worked out for the original.
 */
export function rememberOn<T>(object: object, key: symbol, compute: () => T): T {
  const holder = object as Record<symbol, T | undefined>;
  const known = holder[key];
  if (known !== undefined) return known;
  const value = compute();
  Object.defineProperty(object, key, { value, enumerable: false, configurable: false, writable: false });
  return value;
}
