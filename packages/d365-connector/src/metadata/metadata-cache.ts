import type { MetadataModel } from './model.js';
import { documentHash, parseDocument } from './parse-metadata.js';

/**
 * Parsed models by content hash, and the latest hash per service: a `$metadata` that did not change is
 * never parsed twice. Models are plain JSON, so `export()`/`import()` let the server keep them in a database.
 */
export class MetadataCache {
  private readonly byHash = new Map<string, MetadataModel>();
  private readonly latest = new Map<string, string>();

  /** The model last stored for a service, if any. */
  get(service: string): MetadataModel | undefined {
    const hash = this.latest.get(service);
    return hash === undefined ? undefined : this.byHash.get(hash);
  }

  /** Stores a model as the current one of a service. */
  set(service: string, model: MetadataModel): void {
    this.byHash.set(model.hash, model);
    this.latest.set(service, model.hash);
  }

  /** Parses the document unless a model with the same content hash is already known. */
  parse(service: string, document: Uint8Array): MetadataModel {
    const hash = documentHash(document);
    const known = this.byHash.get(hash) ?? parseDocument(document, hash);
    this.set(service, known);
    return known;
  }

  /** A JSON string of every service's current model. */
  export(): string {
    return JSON.stringify(
      Object.fromEntries([...this.latest].map(([service, hash]) => [service, this.byHash.get(hash)])),
    );
  }

  /** Loads what `export()` produced. */
  import(json: string): void {
    const parsed = JSON.parse(json) as Record<string, MetadataModel>;
    for (const [service, model] of Object.entries(parsed)) {
      if (typeof model?.hash !== 'string' || typeof model.entityTypes !== 'object') {
        throw new Error(`Metadata cache entry for ${service} is not a serialised MetadataModel`);
      }
      this.set(service, model);
    }
  }
}
