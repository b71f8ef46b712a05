import { isUtf8 } from 'node:buffer';
import { createHash, type Hash } from 'node:crypto';
import { CsdlBuilder } from './csdl-builder.js';
import { MetadataParseError } from './metadata-error.js';
import type { MetadataModel } from './model.js';
import { XmlScanner, XmlSyntaxError } from './xml-scanner.js';

/** What `parseMetadata` accepts: the whole document, or its chunks as they arrive. */
export type MetadataInput =
  | string
  | Uint8Array
  | AsyncIterable<Uint8Array | string>
  | Iterable<Uint8Array | string>;

/** Feeds text to the XML scanner and the CSDL builder; refuses DOCTYPE, wrong roots and malformed XML. */
class MetadataStream {
  private readonly builder = new CsdlBuilder();
  private readonly scanner: XmlScanner;
  private readonly hash: Hash = createHash('sha256');
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private first = true;
  /** The document's hash when the caller computed it already (see `parseDocument`). */
  private knownHash: string | undefined;

  /** `whole`: the document comes in one piece, as valid UTF-8 bytes (see `writeWhole`). */
  constructor(private readonly whole?: Buffer) {
    const bom = whole && whole[0] === 0xef && whole[1] === 0xbb && whole[2] === 0xbf ? 3 : 0;
    this.bom = bom;
    this.scanner = new XmlScanner(this.builder, whole?.subarray(bom));
  }
  private readonly bom: number;

  /** Whether the whole document is valid UTF-8 (see `XmlText.documentIsUtf8`). */
  isUtf8(): boolean {
    return this.scanner.documentIsUtf8();
  }

  /**
   * A whole document of valid UTF-8: hashed, and scanned as Latin-1 text (one character per byte, no
   * decoding pass over the document); the scanner decodes the few names, values and texts with bytes
   * ≥ 0x80 itself.
   */
  writeWhole(knownHash?: string): void {
    const bytes = this.whole!;
    this.knownHash = knownHash;
    if (knownHash === undefined) this.hash.update(bytes);
    if (bytes.length > this.bom) this.first = false;
    this.guard(() => this.scanner.write(bytes.toString('latin1', this.bom), false));
  }

  write(chunk: Uint8Array | string): void {
    let text: string;
    if (typeof chunk === 'string') {
      this.hash.update(chunk, 'utf8');
      text = chunk;
    } else {
      this.hash.update(chunk);
      try {
        text = this.decoder.decode(chunk, { stream: true });
      } catch {
        throw this.error('the document is not valid UTF-8');
      }
    }
    this.push(text);
  }

  private push(input: string): void {
    let text = input;
    if (this.first && text.length > 0) {
      this.first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.guard(() => this.scanner.write(text));
  }

  end(): MetadataModel {
    if (this.first) throw this.error('the document is empty');
    this.guard(() => this.scanner.close());
    return this.builder.finish(this.knownHash ?? this.hash.digest('hex'));
  }

  private guard(step: () => void): void {
    try {
      step();
    } catch (e) {
      if (e instanceof XmlSyntaxError) throw new MetadataParseError(e.reason, e.line, e.column);
      throw e;
    }
  }

  private error(reason: string): MetadataParseError {
    return new MetadataParseError(reason, 1, 1);
  }
}

/** The error for bytes that are not UTF-8, at the first byte that breaks it (only when refusing). */
function notUtf8(bytes: Buffer): MetadataParseError {
  // The longest prefix that is UTF-8 so far, by halving: only a refused document pays for it.
  let good = 0;
  let bad = bytes.length;
  while (bad - good > 1) {
    const mid = (good + bad) >> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      good = mid;
    } catch {
      bad = mid;
    }
  }
  // The byte that broke it may end a sequence begun before it (é in Latin-1, then a quote): start there.
  let at = good;
  if (!isUtf8(bytes.subarray(0, good))) {
    while (at > 0 && good - at < 3 && (bytes[at - 1]! & 0xc0) === 0x80) at--;
    if (at > 0 && bytes[at - 1]! >= 0xc0) at--;
  }
  const before = bytes.subarray(0, at);
  let line = 1;
  for (const b of before) if (b === 0x0a) line++;
  const column = new TextDecoder().decode(before.subarray(before.lastIndexOf(0x0a) + 1)).length + 1;
  const byte = bytes[at]!.toString(16).padStart(2, '0');
  return new MetadataParseError(
    `the document is not valid UTF-8 (byte 0x${byte} at offset ${at}; is it Latin-1 or UTF-16?)`,
    line,
    column,
  );
}

/** The SHA-256 of a document's bytes (hex): a model's `hash`, and the key a cache finds it by. */
export function documentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * A whole document as bytes: checked to be UTF-8 where it is not ASCII (natively, much faster than
 * TextDecoder), then scanned.
 * `knownHash`: its `documentHash`, when the caller (a cache looking it up first) has just computed it.
 * Not exported from the package: the hash must be the bytes'.
 */
export function parseDocument(input: Uint8Array, knownHash?: string): MetadataModel {
  const bytes = Buffer.isBuffer(input)
    ? input
    : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const whole = new MetadataStream(bytes);
  if (!whole.isUtf8()) throw notUtf8(bytes);
  whole.writeWhole(knownHash);
  return whole.end();
}

/** Parses a complete CSDL XML document (string or bytes) synchronously. */
export function parseMetadataSync(input: string | Uint8Array): MetadataModel {
  if (typeof input !== 'string') return parseDocument(input);
  const stream = new MetadataStream();
  stream.write(input);
  return stream.end();
}

/** Parses CSDL XML from a string, bytes, a Node Readable or any (async) iterable of chunks. */
export async function parseMetadata(input: MetadataInput): Promise<MetadataModel> {
  if (typeof input === 'string' || input instanceof Uint8Array) return parseMetadataSync(input);
  const stream = new MetadataStream();
  if (Symbol.asyncIterator in input) {
    for await (const chunk of input) stream.write(chunk);
  } else {
    for (const chunk of input) stream.write(chunk);
  }
  return stream.end();
}
