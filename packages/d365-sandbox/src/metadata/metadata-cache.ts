import { gzipSync } from 'node:zlib';
import type { Entity, Model } from '../catalogue/model.js';
import { buildCsdl } from './csdl.js';
import { fullSizeExtras } from './full-size.js';

export type MetadataMode = 'standard' | 'full';

interface Cached {
  body: Buffer;
  gzip?: Buffer;
  /** Entity sets that only the full-size document declares (served as empty sets). */
  extraSets: Map<string, Entity>;
}

const cache = new Map<string, Cached>();

/** The $metadata document for a mode, built once per process and served from a Buffer. */
export function metadataDocument(model: Model, mode: MetadataMode): Cached {
  let hit = cache.get(mode);
  if (!hit) {
    const standard = buildCsdl(model);
    const extras = mode === 'full' ? fullSizeExtras(model, Buffer.byteLength(standard)) : undefined;
    const xml = extras ? buildCsdl(model, extras) : standard;
    hit = {
      body: Buffer.from(xml, 'utf8'),
      extraSets: new Map((extras?.entities ?? []).map((e) => [e.set, e])),
    };
    cache.set(mode, hit);
  }
  return hit;
}

/** The gzip form of the document, compressed lazily the first time a client accepts gzip. */
export function metadataGzip(model: Model, mode: MetadataMode): Buffer {
  const doc = metadataDocument(model, mode);
  doc.gzip ??= gzipSync(doc.body, { level: 1 });
  return doc.gzip;
}
