import { charCount } from './xml-utf8.js';

/** A well-formedness error at a line and column (1-based; columns count UTF-16 units). */
export class XmlSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(reason);
  }
}

/**
 * Turns offsets of the scanner's buffer into lines and columns, also after consumed text was dropped
 * from the buffer: only the lines it had and the length of its last line are remembered.
 */
export class TextPositions {
  private droppedLines = 0;
  private droppedColumn = 0;

  /** `bytes`: the buffer holds UTF-8 bytes one per character, so a column counts characters, not bytes. */
  constructor(private readonly bytes: boolean) {}

  /** Remembers the lines of text the scanner drops. */
  forget(gone: string): void {
    let nl = gone.indexOf('\n');
    if (nl < 0) {
      this.droppedColumn += gone.length;
      return;
    }
    let last = nl;
    while (nl >= 0) {
      this.droppedLines++;
      last = nl;
      nl = gone.indexOf('\n', nl + 1);
    }
    this.droppedColumn = gone.length - last - 1;
  }

  /** The error `reason` at `offset` of `buf`. */
  error(reason: string, buf: string, offset: number): XmlSyntaxError {
    const before = buf.slice(0, offset);
    const nl = before.lastIndexOf('\n');
    let lines = 0;
    for (let i = before.indexOf('\n'); i >= 0; i = before.indexOf('\n', i + 1)) lines++;
    const line = before.slice(nl + 1);
    const width = this.bytes ? charCount(line) : line.length;
    const column = nl < 0 ? this.droppedColumn + width : width;
    return new XmlSyntaxError(reason, this.droppedLines + lines + 1, Math.max(1, column));
  }
}
