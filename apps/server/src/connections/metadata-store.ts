import { gunzipSync, gzipSync } from 'node:zlib';
import type { EntitySetModel, MetadataModel } from '@flowline/d365-connector';
import type { Db } from '../db/prisma.js';

export interface EntitySetSummary {
  name: string;
  entityType: string;
  label?: string;
  key: string[];
}

interface Known {
  model: MetadataModel;
  entitySets: EntitySetSummary[];
}

/**
 * Parsed `$metadata` per service: in memory for the answers, in PostgreSQL (gzipped JSON) so a
 * restart or another server does not fetch and parse a 30 MB document again.
 */
export class MetadataStore {
  private readonly memory = new Map<string, Known>();

  constructor(private readonly db: Db) {}

  async get(serviceUrl: string): Promise<Known | undefined> {
    const known = this.memory.get(serviceUrl);
    if (known) return known;
    const row = await this.db.metadataCache.findUnique({ where: { serviceUrl } });
    if (!row) return undefined;
    return this.remember(serviceUrl, JSON.parse(gunzipSync(row.model).toString('utf8')) as MetadataModel);
  }

  /** Stores a freshly fetched model; answers whether it differs from the one kept before. */
  async put(serviceUrl: string, model: MetadataModel): Promise<{ changed: boolean }> {
    const before = await this.get(serviceUrl);
    if (before?.model.hash === model.hash) return { changed: false };
    const packed = gzipSync(JSON.stringify(model));
    await this.db.metadataCache.upsert({
      where: { serviceUrl },
      create: { serviceUrl, hash: model.hash, model: new Uint8Array(packed), sizeBytes: packed.length },
      update: {
        hash: model.hash,
        model: new Uint8Array(packed),
        sizeBytes: packed.length,
        fetchedAt: new Date(),
      },
    });
    this.remember(serviceUrl, model);
    return { changed: before !== undefined };
  }

  private remember(serviceUrl: string, model: MetadataModel): Known {
    const entitySets = Object.entries(model.entitySets)
      .filter(([, set]) => !set.singleton)
      .map(([name, set]) => summarise(name, set, model))
      .sort((a, b) => a.name.localeCompare(b.name));
    const known = { model, entitySets };
    this.memory.set(serviceUrl, known);
    return known;
  }
}

const LABEL_TERMS = [
  'Microsoft.Dynamics.OData.Core.V1.LabelId',
  'Org.OData.Core.V1.Description',
  'Core.Description',
];

function summarise(name: string, set: EntitySetModel, model: MetadataModel): EntitySetSummary {
  const type = model.entityTypes[set.entityType];
  const annotations = { ...type?.annotations, ...set.annotations } as Record<string, unknown>;
  const label = LABEL_TERMS.map((t) => annotations[t]).find((v): v is string => typeof v === 'string');
  return { name, entityType: set.entityType, ...(label ? { label } : {}), key: type?.key ?? [] };
}
