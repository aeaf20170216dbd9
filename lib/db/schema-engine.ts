// Prisma's schema engine (migrations, diffs) as WebAssembly, because the native engine that
// `prisma migrate` downloads cannot be fetched on these machines. See the toolchain notes,
// "Prisma without network access".
import fs from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';

type BgModule = typeof import('@prisma/schema-engine-wasm/schema_engine_bg');

// Kept on globalThis, not in a module variable: Vitest re-evaluates our modules per test file but
// shares node_modules, and instantiating again would swap the WASM instance under live engines.
const cacheKey = Symbol.for('timebox.schemaEngineWasm');
type WasmCache = { [cacheKey]?: Promise<BgModule> };

/** Instantiates the engine's WASM once per process and returns its JS bindings. */
export function loadSchemaEngineModule(): Promise<BgModule> {
  const cache = globalThis as WasmCache;
  cache[cacheKey] ??= instantiate().catch((error: unknown) => {
    delete cache[cacheKey]; // let a later call retry instead of caching the failure
    throw error;
  });
  return cache[cacheKey];
}

async function instantiate(): Promise<BgModule> {
  // The package entry does `import * as wasm from './schema_engine_bg.wasm'`, which Node 20 refuses
  // without --experimental-wasm-modules, so we do by hand what that entry does.
  // createRequire resolves from this file, so it works from any cwd and under tsx/Vitest.
  const entry = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm');
  const wasmPath = path.join(path.dirname(entry), 'schema_engine_bg.wasm');
  const [bg, bytes] = await Promise.all([import('@prisma/schema-engine-wasm/schema_engine_bg'), fs.readFile(wasmPath)]);
  // The .wasm imports its JS glue under the module name './schema_engine_bg.js'.
  const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': bg as unknown as WebAssembly.ModuleImports });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return bg;
}

export interface SchemaEngineHandle {
  engine: SchemaEngine;
  /** Frees the engine and closes every connection it opened (else pg pools keep the process alive). */
  dispose(): Promise<void>;
}

/**
 * Creates a schema engine for one job. `schemaText` is the Prisma schema (the engine reads the
 * datasource provider from it); `factory` is the database it works on.
 */
export async function createSchemaEngine(schemaText: string, factory: SqlMigrationAwareDriverAdapterFactory): Promise<SchemaEngineHandle> {
  const bg = await loadSchemaEngineModule();
  const tracked = trackConnections(factory);
  let engine: SchemaEngine;
  try {
    engine = await bg.SchemaEngine.new(
      { datamodels: [['schema.prisma', schemaText]] },
      // The engine streams its tracing logs here: quiet unless DEBUG mentions schema-engine.
      (line: string) => {
        if (process.env.DEBUG?.includes('schema-engine')) console.error(`[schema-engine] ${line}`);
      },
      // The engine expects the error-capturing wrapper; the bare factory fails inside the WASM.
      bindMigrationAwareSqlAdapterFactory(tracked.factory),
    );
  } catch (error) {
    await tracked.disposeAll();
    throw toEngineError(error);
  }
  let disposed = false;
  return {
    engine,
    async dispose() {
      if (disposed) return;
      disposed = true;
      engine.free();
      await tracked.disposeAll();
    },
  };
}

/**
 * Wraps a factory so that every adapter it hands out (main and shadow) can be closed when the
 * engine is done, and so that PGlite scripts really run before the engine moves on.
 */
function trackConnections(factory: SqlMigrationAwareDriverAdapterFactory) {
  const open = new Set<SqlDriverAdapter>();
  const track = (adapter: SqlDriverAdapter): SqlDriverAdapter => {
    awaitPgliteScripts(adapter);
    const dispose = adapter.dispose.bind(adapter);
    let done: Promise<void> | undefined;
    // Idempotent: the engine may dispose some adapters itself (e.g. the shadow database).
    adapter.dispose = () => {
      open.delete(adapter);
      done ??= dispose();
      return done;
    };
    open.add(adapter);
    return adapter;
  };
  // A plain object rather than a subclass: the binder only reads these members (and copies symbols).
  const wrapped: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => track(await factory.connect()),
    connectToShadowDb: async () => track(await factory.connectToShadowDb()),
  };
  for (const symbol of Object.getOwnPropertySymbols(factory)) {
    Object.defineProperty(wrapped, symbol, { value: (factory as unknown as Record<symbol, unknown>)[symbol] });
  }
  return {
    factory: wrapped,
    async disposeAll() {
      await Promise.allSettled([...open].map((adapter) => adapter.dispose()));
    },
  };
}

type PgliteAdapterInternals = {
  client?: { exec?: (sql: string) => Promise<unknown> };
  onError?: (error: unknown) => never;
};

/**
 * pglite-prisma-adapter 0.7.2's `executeScript` calls `client.exec(script)` without awaiting it:
 * the engine then records a migration as finished before it ran, and a failing migration surfaces
 * as an unhandled rejection that kills the process. Replace it with an awaited call that reports
 * errors through the adapter's own mapping (so the engine sees a normal database error).
 */
function awaitPgliteScripts(adapter: SqlDriverAdapter): void {
  if (adapter.adapterName !== 'pglite-prisma-adapter') return;
  const internals = adapter as unknown as PgliteAdapterInternals;
  const client = internals.client;
  if (typeof client?.exec !== 'function') return; // shape changed upstream: leave it alone
  const exec = client.exec.bind(client);
  adapter.executeScript = async (script: string) => {
    try {
      await exec(script);
    } catch (error) {
      if (typeof internals.onError === 'function') internals.onError.call(adapter, error);
      throw error;
    }
  };
}

/** An error reported by the schema engine, with its Prisma error code (e.g. P1012) when it gave one. */
export class SchemaEngineError extends Error {
  constructor(
    message: string,
    public readonly code?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SchemaEngineError';
  }
}

/**
 * The engine rejects with Errors named e.g. "SchemaConnectorError" whose message ends in a Rust
 * span trace ("   0: sql_schema_connector::…"), and whose `code` is a Prisma error code. Older or
 * adapter-level paths may reject with plain objects. Either way, keep only the readable part.
 */
export function toEngineError(raw: unknown): SchemaEngineError {
  if (raw instanceof SchemaEngineError) return raw;
  const message = messageOf(raw);
  const readable = message ? stripSpanTrace(message) : '';
  return new SchemaEngineError(readable || `Schema engine failed: ${safeStringify(raw)}`, codeOf(raw), { cause: raw });
}

function messageOf(raw: unknown): string | undefined {
  if (typeof raw === 'string') return raw;
  if (raw instanceof Error) return raw.message;
  if (raw && typeof raw === 'object') {
    const record = raw as Record<string, unknown>;
    for (const key of ['message', 'error', 'cause']) {
      const inner = messageOf(record[key]);
      if (inner) return inner;
    }
  }
  return undefined;
}

function codeOf(raw: unknown): string | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const record = raw as Record<string, unknown>;
  const code = record.code ?? record.error_code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Drops the Rust span trace and blank lines (keeps multi-line schema validation output), and the
 * generic "external connector error" heading. A failing migration is only named inside the trace,
 * so that name is kept: "No such table: nowhere (in migration 20261128050020_init)".
 */
function stripSpanTrace(message: string): string {
  const lines = message.split('\n');
  const traceStart = lines.findIndex((line) => /^\s*\d+: \w+::/.test(line));
  const trace = traceStart === -1 ? [] : lines.slice(traceStart);
  let kept = (traceStart === -1 ? lines : lines.slice(0, traceStart)).map((line) => line.trimEnd()).filter((line) => line.trim() !== '');
  if (kept.length > 1 && kept[0] === 'external connector error') kept = kept.slice(1);
  let text = kept.join('\n').trim();
  const migration = trace.join('\n').match(/migration_name="([^"]+)"/)?.[1];
  if (migration && !text.includes(migration)) text += ` (in migration ${migration})`;
  return text;
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
