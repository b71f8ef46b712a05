import { MetadataParseError } from '../../metadata/metadata-error.js';
import type { MetadataModel } from '../../metadata/model.js';
import { parseMetadata, parseMetadataSync } from '../../metadata/parse-metadata.js';
import { toProfile, UnknownEntityError } from '../../profile/to-profile.js';

/** What one hostile document did to the parser. */
export type Outcome =
  | { kind: 'accepted'; ms: number; model: MetadataModel }
  | { kind: 'refused'; ms: number; error: MetadataParseError }
  | { kind: 'crashed'; ms: number; error: unknown };

/** Tallies per entry point, printed as `reliability:` lines. */
export class Tally {
  cases = 0;
  accepted = 0;
  refused = 0;
  crashes: { label: string; error: string }[] = [];
  slowestMs = 0;

  record(label: string, outcome: Outcome): Outcome {
    this.cases++;
    this.slowestMs = Math.max(this.slowestMs, outcome.ms);
    if (outcome.kind === 'accepted') this.accepted++;
    else if (outcome.kind === 'refused') this.refused++;
    else this.crashes.push({ label, error: String((outcome.error as Error)?.stack ?? outcome.error) });
    return outcome;
  }

  print(name: string): void {
    console.log(`reliability: ${name} cases: ${this.cases}`);
    console.log(`reliability: ${name} accepted: ${this.accepted}`);
    console.log(`reliability: ${name} refused with line/column: ${this.refused}`);
    console.log(`reliability: ${name} crashes: ${this.crashes.length}`);
    console.log(`reliability: ${name} slowest case ms: ${Math.round(this.slowestMs)}`);
  }
}

/**
 * Parses like the server does, then uses the model like the server does (a profile of every entity set,
 * JSON for the cache): only MetadataParseError may come out, and only with a real position.
 */
export async function attempt(input: string | Uint8Array, chunkSize?: number): Promise<Outcome> {
  const start = performance.now();
  try {
    const model =
      chunkSize === undefined ? parseMetadataSync(input) : await parseMetadata(chunks(input, chunkSize));
    for (const set of Object.keys(model.entitySets)) {
      try {
        toProfile(model, set);
      } catch (e) {
        if (!(e instanceof UnknownEntityError)) throw e;
      }
    }
    JSON.parse(JSON.stringify(model));
    return { kind: 'accepted', ms: performance.now() - start, model };
  } catch (error) {
    const ms = performance.now() - start;
    if (error instanceof MetadataParseError && error.line >= 1 && error.column >= 1) {
      return { kind: 'refused', ms, error };
    }
    return { kind: 'crashed', ms, error };
  }
}

function* chunks(input: string | Uint8Array, size: number): Generator<string | Uint8Array> {
  for (let i = 0; i < input.length; i += size) yield input.slice(i, i + size);
}
