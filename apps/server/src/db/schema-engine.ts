import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQueryable,
} from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';
import * as bindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import pg from 'pg';

let loaded: Promise<void> | undefined;
let lastPanic: string | undefined;

/** The message of the engine's last panic, if any. */
export const lastEnginePanic = () => lastPanic;

/** The part of the WebAssembly API used here (its types live in the DOM library, which we do not load). */
interface Wasm {
  instantiate(
    bytes: Uint8Array,
    imports: object,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
}

/**
 * Loads Prisma's schema engine compiled to WASM. The native engine cannot be downloaded here, and
 * importing the package's entry would need `--experimental-wasm-modules`, so the module is
 * instantiated by hand.
 */
function loadWasm(): Promise<void> {
  loaded ??= (async () => {
    // The engine reports a Rust panic's message here before it throws (Prisma's CLI sets the same).
    (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY ??= {
      set_message: (message: string) => {
        lastPanic = message;
      },
    };
    const require = createRequire(import.meta.url);
    const glue = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bytes = await readFile(glue.replace(/\.js$/, '.wasm'));
    const { instance } = await (globalThis as unknown as { WebAssembly: Wasm }).WebAssembly.instantiate(
      bytes,
      {
        './schema_engine_bg.js': bindings,
      },
    );
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return loaded;
}

const CHAR_OID = 18;
const TEXT_OID = 25;
/** Result rows whose columns at these indexes had PostgreSQL's internal `"char"` type. */
const charColumns = new WeakMap<unknown[], number[]>();

/**
 * The schema engine reads PostgreSQL's catalogs, some of whose columns have the internal type
 * `"char"`. The pg driver adapter refuses that type, while the engine expects it as a character:
 * let the adapter read it as text, then tell the engine it is a character (see `withCharColumns`).
 */
class CatalogClient extends pg.Client {
  // biome-ignore lint/suspicious/noExplicitAny: forwards every overload of pg's query
  override query(...args: any[]): any {
    const fix = (r: pg.QueryResult | undefined) => {
      const found: number[] = [];
      r?.fields?.forEach((field, i) => {
        if (field.dataTypeID !== CHAR_OID) return;
        field.dataTypeID = TEXT_OID;
        found.push(i);
      });
      if (r && found.length > 0) charColumns.set(r.rows, found);
      return r;
    };
    const last = args.length - 1;
    if (typeof args[last] === 'function') {
      const callback = args[last] as (err: Error | null, r?: pg.QueryResult) => void;
      args[last] = (err: Error | null, r?: pg.QueryResult) => callback(err, fix(r));
    }
    // biome-ignore lint/suspicious/noExplicitAny: forwards every overload of pg's query
    const result = (super.query as (...a: any[]) => any)(...args);
    return result instanceof Promise ? result.then(fix) : result;
  }
}

function withCharColumns(
  factory: SqlMigrationAwareDriverAdapterFactory,
): SqlMigrationAwareDriverAdapterFactory {
  const fixQueries = <Q extends SqlQueryable>(q: Q): Q => {
    const queryRaw = q.queryRaw.bind(q);
    q.queryRaw = async (query) => {
      const result = await queryRaw(query);
      for (const i of charColumns.get(result.rows) ?? []) result.columnTypes[i] = ColumnTypeEnum.Character;
      return result;
    };
    return q;
  };
  const fixAdapter = (adapter: SqlDriverAdapter): SqlDriverAdapter => {
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (level) => fixQueries(await startTransaction(level));
    return fixQueries(adapter);
  };
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => fixAdapter(await factory.connect()),
    connectToShadowDb: async () => fixAdapter(await factory.connectToShadowDb()),
  };
}

/** Opens a schema engine on the database at `url` (the engine makes its own shadow database when diffing). */
export async function openSchemaEngine(
  url: string,
  options: { datamodel: string; log?: (line: string) => void },
): Promise<SchemaEngine> {
  await loadWasm();
  const adapter = bindMigrationAwareSqlAdapterFactory(
    withCharColumns(new PrismaPg({ connectionString: url, Client: CatalogClient })),
  );
  return bindings.SchemaEngine.new(
    { datamodels: [['schema.prisma', options.datamodel]] },
    (line: string) => options.log?.(line),
    adapter,
  );
}
