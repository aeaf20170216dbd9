/**
 * One value per server process, made by `init` the first time any code asks for `key`. Next.js may bundle
 * routes with their own copies of our modules, so a module-level variable can be one per bundle, not one
 * per process: the pool registry filled when /api/health opened the database was empty in the /api/v1
 * routes' copy, so the audit export never found its pool. State that must be the process's own (a registry,
 * an in-memory limit, a per-process bound) lives here, on globalThis.
 */
export function processWide<T>(key: string, init: () => T): T {
  const store = globalThis as unknown as Record<symbol, T | undefined>;
  const slot = Symbol.for(`timebox.${key}`);
  return (store[slot] ??= init());
}
