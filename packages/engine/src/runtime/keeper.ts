import type { ExecutionMode } from '@flowline/contracts';
import type { Document } from '../model/document.js';
import type { KeptDocument, StoragePort } from './ports.js';

const FLUSH_AT = 1000;

/**
 * Decides which documents the execution's record keeps, by mode, and hands them to storage in
 * batches. Test and preview: every document in and out of every shape. Full: the first `sampleSize`
 * documents out of each shape, and every failed document. Holds at most ~FLUSH_AT documents.
 */
export class Keeper {
  private buffer: KeptDocument[] = [];
  private sampled = new Map<string, number>();

  constructor(
    private readonly storage: StoragePort,
    private readonly executionId: string,
    private readonly mode: ExecutionMode,
    private readonly sampleSize: number,
  ) {}

  /** Whether documents out of this shape would be kept now. */
  wantsOut(shapeId: string): boolean {
    return this.mode !== 'full' || (this.sampled.get(shapeId) ?? 0) < this.sampleSize;
  }

  async add(shapeId: string, direction: KeptDocument['direction'], documents: Document[]): Promise<void> {
    if (this.mode !== 'full' || direction === 'failed') {
      for (const document of documents) this.buffer.push({ shapeId, direction, document });
    } else if (direction === 'out') {
      const taken = this.sampled.get(shapeId) ?? 0;
      if (taken >= this.sampleSize) return;
      const take = documents.slice(0, this.sampleSize - taken);
      this.sampled.set(shapeId, taken + take.length);
      for (const document of take) this.buffer.push({ shapeId, direction, document });
    }
    if (this.buffer.length >= FLUSH_AT) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    await this.storage.keepDocuments(this.executionId, batch);
  }
}
