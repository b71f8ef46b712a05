import { readFileSync } from 'node:fs';

/** The read-only third-party test data beside the repository (`<repo>/../shared/data`). */
export const sharedData = new URL('../../../../../shared/data/', import.meta.url);

/** Reads a file of the shared test data. */
export function readShared(path: string): Buffer {
  return readFileSync(new URL(path, sharedData));
}
