import type { Codes } from './xml-names.js';
import { TextPositions } from './xml-position.js';
import { decodeReferences, type FailAt } from './xml-references.js';
import { decodeUtf8, HighBytes, nextHighByte, utf8Length } from './xml-utf8.js';

/**
 * The text an XML scanner works on and what it knows about it: the buffered chunks, where the next
 * special characters are, UTF-8 decoding in bytes mode, and error positions.
 */
export class XmlText {
  protected buf = '';
  protected pos = 0;
  /**
   * The character codes of `buf`, for the loops that read character by character (names, spaces,
   * numbers, hashes): reading a typed array is about twice as fast as `charCodeAt`, which checks the
   * string's representation on every call. In bytes mode, the document's bytes themselves; otherwise
   * `buf` as UTF-16, refreshed by `syncCodes` before each scan.
   */
  protected codes: Codes = new Uint8Array(0);
  /** Whether `buf` changed since `codes` were written. */
  private codesStale = true;
  /** Where `codes` are written when they are not the document's bytes. */
  private utf16 = new Uint16Array(0);
  private readonly highBytes: HighBytes | undefined;
  private readonly positions: TextPositions;
  /**
   * Offsets of the next "<", "&", line feed, tab and carriage return in `buf` (its length when there is
   * none), each found once with indexOf and reused until passed: attribute values are checked for these
   * characters by comparing offsets instead of reading every character of every value.
   */
  protected ltAt = -1;
  protected ampAt = -1;
  protected lfAt = -1;
  protected tabAt = -1;
  protected crAt = -1;
  /** Offset of the next byte ≥ 0x80 (bytes mode only; the buffer's length otherwise). */
  protected highAt = -1;
  private readonly failAt = (reason: string, offset: number): never => this.fail(reason, offset);
  /** Bytes mode: the text is UTF-8 bytes read as Latin-1 (see XmlScanner's constructor). */
  protected readonly bytes: boolean;

  /** `document`: in bytes mode, the whole document's UTF-8 bytes (after any BOM). */
  constructor(private readonly document?: Uint8Array) {
    this.bytes = document !== undefined;
    this.highBytes = document && new HighBytes(document);
    this.positions = new TextPositions(this.bytes);
  }

  /** Bytes mode: whether the document is UTF-8 (checked where it holds bytes ≥ 0x80 only). */
  documentIsUtf8(): boolean {
    return this.highBytes!.isUtf8();
  }

  /** Brings `codes` up to date with `buf` (which changes when a chunk is added). */
  protected syncCodes(): void {
    if (!this.codesStale) return;
    this.codesStale = false;
    if (this.document) {
      this.codes = this.document;
      return;
    }
    // Written into one reused array (not a new one per chunk: their memory is only given back when
    // the collector gets to them, so a streamed document would pile them up).
    const length = this.buf.length;
    if (this.utf16.length < length) this.utf16 = new Uint16Array(Math.max(length, 2 * this.utf16.length));
    Buffer.from(this.utf16.buffer, 0, 2 * length).write(this.buf, 'utf16le');
    this.codes = this.utf16.subarray(0, length);
  }

  /** Replaces the buffered text (`text` starts where scanning resumes). */
  protected replaceText(text: string): void {
    this.buf = text;
    this.pos = 0;
    this.codesStale = true;
    this.forgetOffsets();
  }

  protected forgetOffsets(): void {
    this.ltAt = this.ampAt = this.lfAt = this.tabAt = this.crAt = this.highAt = -1;
  }

  /** Offset of the next `char` at or after `from`, or the buffer's length. */
  protected find(char: string, from: number): number {
    const at = this.buf.indexOf(char, from);
    return at < 0 ? this.buf.length : at;
  }

  /** Offset of the next byte ≥ 0x80 at or after `from` (queried with growing offsets). */
  protected high(from: number): number {
    if (this.highAt < from) {
      const at = this.highBytes ? this.highBytes.next(from) : -1;
      this.highAt = at < 0 ? this.buf.length : at;
    }
    return this.highAt;
  }

  /** buf[start, end) as text: decoded from UTF-8 when it holds bytes ≥ 0x80 (bytes mode). */
  protected textAt(start: number, end: number): string {
    const raw = this.buf.slice(start, end);
    return this.high(start) < end ? decodeUtf8(raw) : raw;
  }

  /** A name kept as scanned (bytes mode keeps UTF-8 bytes), as a message shows it. */
  protected shown(name: string): string {
    return this.bytes && nextHighByte(name, 0) < name.length ? decodeUtf8(name) : name;
  }

  /**
   * Replaces references in `text`, found at buf[start, …); `decoded` says it was decoded from UTF-8,
   * so a character index in it is turned back into a byte offset for the error position.
   */
  protected references(text: string, start: number, decoded: boolean): string {
    if (!decoded) return decodeReferences(text, start, this.failAt);
    const fail: FailAt = (reason, at) => this.fail(reason, start + utf8Length(text, at - 1) + 1);
    return decodeReferences(text, 0, fail);
  }

  /** Whether buf[from, to) holds "<", "&", a tab, a line break or (bytes mode) a byte ≥ 0x80: all rare. */
  protected hasSpecial(from: number, to: number): boolean {
    if (this.ampAt < from) this.ampAt = this.find('&', from);
    if (this.lfAt < from) this.lfAt = this.find('\n', from);
    if (this.tabAt < from) this.tabAt = this.find('\t', from);
    if (this.crAt < from) this.crAt = this.find('\r', from);
    return (
      this.ltAt < to ||
      this.ampAt < to ||
      this.lfAt < to ||
      this.tabAt < to ||
      this.crAt < to ||
      this.high(from) < to
    );
  }

  /** Forgets consumed text, remembering how many lines it had for error positions. */
  protected drop(): void {
    if (this.pos === 0) return;
    this.positions.forget(this.buf.slice(0, this.pos));
    this.codes = this.codes.subarray(this.pos);
    this.buf = this.buf.slice(this.pos);
    this.pos = 0;
    this.forgetOffsets();
  }

  protected fail(reason: string, offset: number): never {
    throw this.positions.error(reason, this.buf, offset);
  }
}
