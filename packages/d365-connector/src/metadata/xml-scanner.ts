/**
 * A small, strict, streaming XML tokenizer for `$metadata`: elements, attributes, text, CDATA, comments
 * and processing instructions. It refuses DOCTYPE outright (so no entity is ever declared or expanded),
 * knows only the five predefined entities and character references, and checks well-formedness
 * (matching tags, one root, no text outside it). Positions are computed only when an error is raised.
 * Written for speed: it scans with indexOf over the buffered text instead of character by character.
 */

/** The attributes of the element being opened; valid only during `open` (the list is reused). */
export interface XmlAttributes {
  get(name: string): string | undefined;
  readonly count: number;
  nameAt(index: number): string;
  valueAt(index: number): string;
  toRecord(): Record<string, string>;
}

/** One reused list instead of an object per element: `$metadata` has hundreds of thousands of them. */
class AttributeList implements XmlAttributes {
  private readonly names: string[] = [];
  private readonly values: string[] = [];
  length = 0;

  get(name: string): string | undefined {
    for (let i = 0; i < this.length; i++) if (this.names[i] === name) return this.values[i];
    return undefined;
  }

  get count(): number {
    return this.length;
  }

  nameAt(index: number): string {
    return this.names[index]!;
  }

  valueAt(index: number): string {
    return this.values[index]!;
  }

  add(name: string, value: string): void {
    this.names[this.length] = name;
    this.values[this.length] = value;
    this.length++;
  }

  toRecord(): Record<string, string> {
    const record: Record<string, string> = {};
    for (let i = 0; i < this.length; i++) record[this.names[i]!] = this.values[i]!;
    return record;
  }
}

/** Receives the document's events; `open` may refuse an element by returning a reason. */
export interface XmlHandler {
  open(name: string, attributes: XmlAttributes, selfClosing: boolean): string | undefined;
  close(): void;
  /** Whether text at the current position matters: whitespace between elements is skipped unread otherwise. */
  wantsText(): boolean;
  text(text: string): void;
}

/** A well-formedness error at an offset of the text buffered so far. */
export class XmlSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(reason);
  }
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const NEED_MORE = -1;

function isNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 58 || c >= 0xc0;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

export class XmlScanner {
  private buf = '';
  private pos = 0;
  /** Lines and the offset of the last line start in text already dropped from `buf`. */
  private droppedLines = 0;
  private droppedColumn = 0;
  private readonly stack: string[] = [];
  private sawRoot = false;
  private readonly attributes = new AttributeList();
  private readonly names = new Map<number, string[]>();
  /** Offset of the next "&" in `buf` (cached: text is mostly free of them). */
  private nextAmp = -1;

  constructor(private readonly handler: XmlHandler) {}

  write(chunk: string): void {
    this.buf = this.pos === 0 ? this.buf + chunk : this.buf.slice(this.pos) + chunk;
    this.pos = 0;
    this.nextAmp = -1;
    this.scan(false);
    this.drop();
  }

  close(): void {
    this.scan(true);
    if (this.stack.length > 0)
      this.fail(`unclosed tag: ${this.stack[this.stack.length - 1]}`, this.buf.length);
    if (!this.sawRoot) this.fail('document must contain a root element', this.buf.length);
  }

  /** Forgets consumed text, remembering how many lines it had for error positions. */
  private drop(): void {
    if (this.pos === 0) return;
    const gone = this.buf.slice(0, this.pos);
    let nl = gone.indexOf('\n');
    if (nl < 0) {
      this.droppedColumn += gone.length;
    } else {
      let last = nl;
      while (nl >= 0) {
        this.droppedLines++;
        last = nl;
        nl = gone.indexOf('\n', nl + 1);
      }
      this.droppedColumn = gone.length - last - 1;
    }
    this.buf = this.buf.slice(this.pos);
    this.pos = 0;
    this.nextAmp = -1;
  }

  private fail(reason: string, offset: number): never {
    const before = this.buf.slice(0, offset);
    const nl = before.lastIndexOf('\n');
    let lines = 0;
    for (let i = before.indexOf('\n'); i >= 0; i = before.indexOf('\n', i + 1)) lines++;
    const column = nl < 0 ? this.droppedColumn + before.length : before.length - nl - 1;
    throw new XmlSyntaxError(reason, this.droppedLines + lines + 1, Math.max(1, column));
  }

  private scan(final: boolean): void {
    const buf = this.buf;
    let i = this.pos;
    while (i < buf.length) {
      const lt = buf.indexOf('<', i);
      if (lt !== i) {
        const end = lt < 0 ? buf.length : lt;
        if (lt < 0 && !final) break; // the text may go on in the next chunk
        this.onText(i, end);
        i = end;
        if (lt < 0) break;
      }
      const next = this.markup(i, final);
      if (next === NEED_MORE) break;
      i = next;
    }
    this.pos = i;
  }

  private onText(start: number, end: number): void {
    if (this.stack.length > 0 && !this.handler.wantsText()) {
      // Unread text is still checked: a stray "&" or an undefined entity is an error anywhere.
      if (this.nextAmp < start) {
        const at = this.buf.indexOf('&', start);
        this.nextAmp = at < 0 ? Number.POSITIVE_INFINITY : at;
      }
      if (this.nextAmp < end) this.decode(this.buf.slice(start, end), start);
      return;
    }
    const raw = this.buf.slice(start, end);
    if (this.stack.length === 0) {
      if (raw.trim() !== '') this.fail('text data outside of root node', start + raw.search(/\S/) + 1);
      return;
    }
    this.handler.text(raw.includes('&') ? this.decode(raw, start) : raw);
  }

  /** Handles the markup at `<`; returns the offset after it, or NEED_MORE. */
  private markup(lt: number, final: boolean): number {
    const buf = this.buf;
    const c = buf.charCodeAt(lt + 1);
    if (Number.isNaN(c)) return final ? this.fail('unexpected end of document in markup', lt) : NEED_MORE;
    if (c === 47 /* / */) {
      const gt = buf.indexOf('>', lt);
      if (gt < 0) return final ? this.fail('unexpected end of document in a close tag', lt) : NEED_MORE;
      const name = buf.slice(lt + 2, gt).trimEnd();
      const open = this.stack.pop();
      if (open !== name)
        this.fail(`unexpected close tag </${name}>${open ? `, expected </${open}>` : ''}`, gt + 1);
      this.handler.close();
      return gt + 1;
    }
    if (c === 63 /* ? */) return this.skipTo(lt, '?>', final, 'processing instruction');
    if (c === 33 /* ! */) {
      if (buf.length - lt < 9 && !final) return NEED_MORE;
      if (buf.startsWith('<!--', lt)) return this.skipTo(lt, '-->', final, 'comment');
      if (buf.startsWith('<![CDATA[', lt)) {
        const end = buf.indexOf(']]>', lt);
        if (end < 0) return final ? this.fail('unexpected end of document in CDATA', lt) : NEED_MORE;
        if (this.stack.length === 0) this.fail('CDATA outside of root node', lt + 1);
        this.handler.text(buf.slice(lt + 9, end));
        return end + 3;
      }
      if (buf.startsWith('<!DOCTYPE', lt)) {
        this.fail('DOCTYPE is not allowed in $metadata (entity declarations are never expanded)', lt + 9);
      }
      this.fail('invalid markup declaration', lt + 2);
    }
    return this.startTag(lt, final);
  }

  private skipTo(lt: number, terminator: string, final: boolean, what: string): number {
    const end = this.buf.indexOf(terminator, lt + 2);
    if (end < 0) return final ? this.fail(`unexpected end of document in a ${what}`, lt) : NEED_MORE;
    return end + terminator.length;
  }

  private startTag(lt: number, final: boolean): number {
    const buf = this.buf;
    const len = buf.length;
    let i = lt + 1;
    if (!isNameStart(buf.charCodeAt(i))) this.fail('invalid start tag name', i + 1);
    while (i < len) {
      const c = buf.charCodeAt(i);
      if (isSpace(c) || c === 62 || c === 47) break;
      i++;
    }
    if (i >= len) return final ? this.fail('unexpected end of document in a start tag', lt) : NEED_MORE;
    const name = this.intern(lt + 1, i);
    const attributes = this.attributes;
    attributes.length = 0;
    for (;;) {
      while (i < len && isSpace(buf.charCodeAt(i))) i++;
      if (i >= len) return final ? this.fail(`unclosed tag: ${name}`, lt) : NEED_MORE;
      const c = buf.charCodeAt(i);
      if (c === 62 /* > */ || c === 47 /* / */) {
        const selfClosing = c === 47;
        const gt = selfClosing ? i + 1 : i;
        if (gt >= len) return final ? this.fail(`unclosed tag: ${name}`, lt) : NEED_MORE;
        if (buf.charCodeAt(gt) !== 62) this.fail(`expected > after / in <${name}>`, gt + 1);
        this.element(name, attributes, selfClosing, gt);
        return gt + 1;
      }
      const eq = buf.indexOf('=', i);
      if (eq < 0) return final ? this.fail(`unclosed tag: ${name}`, lt) : NEED_MORE;
      let nameEnd = eq;
      while (nameEnd > i && isSpace(buf.charCodeAt(nameEnd - 1))) nameEnd--;
      if (nameEnd === i || !isNameStart(buf.charCodeAt(i)))
        this.fail(`invalid attribute name in <${name}>`, i + 1);
      for (let k = i + 1; k < nameEnd; k++) {
        const ch = buf.charCodeAt(k);
        if (isSpace(ch) || ch === 60 || ch === 62 || ch === 34 || ch === 39) {
          this.fail(`invalid attribute name in <${name}>`, k + 1);
        }
      }
      const attr = this.intern(i, nameEnd);
      let q = eq + 1;
      while (q < len && isSpace(buf.charCodeAt(q))) q++;
      if (q >= len) return final ? this.fail(`unclosed tag: ${name}`, lt) : NEED_MORE;
      const quote = buf[q];
      if (quote !== '"' && quote !== "'") this.fail(`attribute ${attr} of <${name}> must be quoted`, q + 1);
      const close = buf.indexOf(quote, q + 1);
      if (close < 0) return final ? this.fail(`unclosed tag: ${name}`, lt) : NEED_MORE;
      let value = buf.slice(q + 1, close);
      let special = false;
      for (let k = q + 1; k < close; k++) {
        const ch = buf.charCodeAt(k);
        // "<", "&", tab, line feed, carriage return
        if (ch < 61 && (ch === 60 || ch === 38 || ch === 9 || ch === 10 || ch === 13)) {
          special = true;
          break;
        }
      }
      if (special) {
        if (value.includes('<'))
          this.fail(`"<" is not allowed in the value of ${attr}`, q + 1 + value.indexOf('<'));
        // XML attribute-value normalisation: literal tabs and line breaks become spaces; references do not.
        value = value.replace(/\r\n|[\t\n\r]/g, ' ');
        if (value.includes('&')) value = this.decode(value, q + 1);
      }
      if (attributes.get(attr) !== undefined) this.fail(`duplicate attribute ${attr} in <${name}>`, i + 1);
      attributes.add(attr, value);
      i = close + 1;
      const after = buf.charCodeAt(i);
      if (i < len && !isSpace(after) && after !== 62 && after !== 47)
        this.fail('no whitespace between attributes', i + 1);
    }
  }

  /**
   * The name at buf[start, end): the same few element and attribute names repeat hundreds of thousands
   * of times, so they are looked up instead of sliced (fewer allocations, less GC).
   */
  private intern(start: number, end: number): string {
    const key = (end - start) * 128 + (this.buf.charCodeAt(start) & 127);
    let list = this.names.get(key);
    if (list) {
      for (const candidate of list) if (this.buf.startsWith(candidate, start)) return candidate;
    } else {
      list = [];
      this.names.set(key, list);
    }
    const name = this.buf.slice(start, end);
    if (list.length < 16) list.push(name);
    return name;
  }

  private element(name: string, attributes: XmlAttributes, selfClosing: boolean, gt: number): void {
    if (this.stack.length === 0) {
      if (this.sawRoot) this.fail('text data outside of root node: a second root element', gt + 1);
      this.sawRoot = true;
    }
    const refusal = this.handler.open(name, attributes, selfClosing);
    if (refusal) this.fail(refusal, gt + 1);
    if (selfClosing) this.handler.close();
    else this.stack.push(name);
  }

  /** Replaces the predefined entities and character references; any other entity is an error. */
  private decode(text: string, offset: number): string {
    return text.replace(/&([^;&<\s]*);?/g, (match, ref: string, at: number) => {
      if (!match.endsWith(';')) this.fail('"&" must start an entity or character reference', offset + at + 1);
      if (ref.startsWith('#')) {
        const code = ref[1] === 'x' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
        if (!Number.isInteger(code) || code < 1 || code > 0x10ffff || /[^0-9a-fA-Fx#]/.test(ref)) {
          this.fail(`invalid character reference ${match}`, offset + at + 1);
        }
        return String.fromCodePoint(code);
      }
      const value = PREDEFINED[ref];
      if (value === undefined) this.fail(`undefined entity: ${match}`, offset + at + 1);
      return value;
    });
  }
}
