/**
 * The store's error boundary: SQLite's "busy" and "corrupt" errors become core's StoreUnavailableError
 * (src/core/ports/store-unavailable.ts), so core can answer in words without knowing SQL. Every other
 * error passes through unchanged.
 */
import Database from 'better-sqlite3';
import { StoreUnavailableError } from '../core/ports/store-unavailable.js';

/**
 * Map one thrown value: SQLITE_BUSY* / SQLITE_LOCKED* -> StoreUnavailableError('busy'); SQLITE_CORRUPT*
 * / SQLITE_NOTADB -> StoreUnavailableError('damaged'); anything else is returned as is. The driver's
 * error is kept as `cause`.
 */
export function mapStoreError(err: unknown): unknown {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || err instanceof StoreUnavailableError) return err;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return new StoreUnavailableError('busy', err);
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return new StoreUnavailableError('damaged', err);
  return err;
}

/**
 * `target` seen through a Proxy whose methods (and the methods of its object-valued properties, such
 * as per-aggregate ports) throw, or reject with, `mapStoreError(err)` instead of `err`. The raw
 * connection (`db`) is passed through untouched. Wrapped functions are cached, so a method is the same
 * function on every read.
 */
export function guardStoreErrors<T extends object>(target: T): T {
  const wrapped = new Map<PropertyKey, unknown>();
  return new Proxy(target, {
    get(obj, key, receiver) {
      const value: unknown = Reflect.get(obj, key, receiver);
      if (key === 'db' || value instanceof Database) return value;
      if (typeof value !== 'function' && (typeof value !== 'object' || value === null)) return value;
      const cached = wrapped.get(key);
      if (cached !== undefined && (cached as { original?: unknown }).original === value) return (cached as { proxy: unknown }).proxy;
      const proxy = typeof value === 'function' ? mappedFunction(value as (...args: unknown[]) => unknown, obj) : guardStoreErrors(value as object);
      wrapped.set(key, { original: value, proxy });
      return proxy;
    },
  });
}

/** `fn` bound to `self`, with its throws and rejections mapped. */
function mappedFunction(fn: (...args: unknown[]) => unknown, self: object): (...args: unknown[]) => unknown {
  return (...args: unknown[]) => {
    let result: unknown;
    try {
      result = fn.apply(self, args);
    } catch (err) {
      throw mapStoreError(err);
    }
    if (result instanceof Promise) {
      return result.catch((err: unknown) => {
        throw mapStoreError(err);
      });
    }
    return result;
  };
}
