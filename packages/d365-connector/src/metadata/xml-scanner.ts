/**
 * A small, strict, streaming XML tokenizer for `$metadata`: elements, attributes, text, CDATA, comments
 * and processing instructions. It refuses DOCTYPE outright (so no entity is ever declared or expanded),
 * knows only the five predefined entities and character references, and checks well-formedness
 * (matching tags, one root, no text outside it). Positions are computed only when an error is raised.
 * Written for speed: it scans with indexOf over the buffered text instead of character by character.
 */
import { AttributeList, type XmlAttributes } from './xml-attributes.js';
import { endsName, holdsAt, invalidNameChar, isNameStart, isSpace, StringPool } from './xml-names.js';
import { XmlText } from './xml-text.js';
import { decodeUtf8 } from './xml-utf8.js';

export type { XmlAttributes } from './xml-attributes.js';
export { XmlSyntaxError } from './xml-position.js';

/** Receives the document's events; `open` may refuse an element by returning a reason. */
export interface XmlHandler {
  open(name: string, attributes: XmlAttributes, selfClosing: boolean): string | undefined;
  close(): void;
  /** Whether text at the current position matters: whitespace between elements is skipped unread otherwise. */
  wantsText(): boolean;
  text(text: string): void;
}

const NEED_MORE = -1;
/**
 * CSDL nests about fifteen levels deep at most; a document nesting deeper is hostile, and a model that
 * deep could not even be turned back into JSON (the call stack runs out).
 */
const MAX_DEPTH = 1000;

/** The XML grammar over an `XmlText` buffer: start and end tags, attributes, text, CDATA, comments. */
export class XmlScanner extends XmlText {
  private readonly stack: string[] = [];
  private sawRoot = false;
  private readonly attributes: AttributeList;
  /** Element and attribute names: a few repeat hundreds of thousands of times. */
  private readonly names = new StringPool(8, 1 << 16, true);
  /** Names last seen, by length and first and last character (see `intern`). */
  private readonly recentNames = new Array<string | undefined>(1024).fill(undefined);
  /** The slot of `recentNames` the name last interned took. */
  private slot = 0;
  /**
   * The attribute names of the last element whose tag took each slot of `recentNames`, in order: the
   * next such element nearly always has the same ones, so each is checked in place where it is
   * expected, not scanned for its "=" and looked up. (Names that read as scanned only: UTF-8 ones
   * are decoded.)
   */
  private readonly attributeNames = new Array<string[] | undefined>(1024).fill(undefined);
  /** The tag of the last element opened at each depth (if it reads as scanned), and its slot. */
  private readonly siblingTags: string[] = [];
  private readonly siblingSlots: number[] = [];
  /** The start tag being read: its name as scanned (kept on the stack) and decoded (see `tagName`). */
  private tag = '';
  private tagDecoded = '';
  /** The attribute name last read by `attributeName` (decoded). */
  private attribute = '';
  /** What must arrive before an unfinished construct can end: `>` for markup, `<` for text. */
  private waitFor: '<' | '>' | undefined;

  /**
   * With `document` (a whole document's UTF-8 bytes, after any BOM), the text written is those bytes
   * read as Latin-1 (`buffer.toString('latin1')`: one character per byte, far cheaper than decoding),
   * at once: names, values and text holding bytes ≥ 0x80 are decoded as UTF-8 when read, and columns
   * in errors still count characters.
   */
  constructor(
    private readonly handler: XmlHandler,
    document?: Uint8Array,
  ) {
    super(document);
    this.attributes = new AttributeList(document?.length);
  }

  /** Scans `chunk`; `more: false` says no chunk follows (consumed text is then kept, not counted). */
  write(chunk: string, more = true): void {
    if (this.bytes && (more || this.buf !== '')) throw new Error('bytes mode scans one whole document');
    this.replaceText(this.pos === 0 ? this.buf + chunk : this.buf.slice(this.pos) + chunk);
    // Until the character that can end an unfinished attribute or text arrives, scanning it again
    // would only repeat the last scan: skipped, so a huge value in small chunks stays linear.
    if (this.waitFor !== undefined && more && !chunk.includes(this.waitFor)) return;
    this.pos = this.scan(false);
    if (more) this.drop();
  }

  close(): void {
    this.pos = this.scan(true);
    if (this.stack.length > 0)
      this.fail(`unclosed tag: ${this.shown(this.stack[this.stack.length - 1]!)}`, this.buf.length);
    if (!this.sawRoot) this.fail('document must contain a root element', this.buf.length);
  }

  /**
   * Scans from `pos`; returns where it stopped. (The caller stores it: a store after the loop, in code
   * V8 compiled while the loop ran, had no type feedback yet when the first long scan was compiled,
   * so that code bailed out at the end of every later document.)
   */
  private scan(final: boolean): number {
    const buf = this.buf;
    let i = this.pos;
    this.waitFor = undefined;
    this.syncCodes();
    while (i < buf.length) {
      if (this.ltAt < i) this.ltAt = this.find('<', i);
      const lt = this.ltAt;
      if (lt !== i) {
        if (lt === buf.length && !final) {
          this.waitFor = '<'; // the text may go on in the next chunk
          break;
        }
        this.onText(i, lt);
        i = lt;
        if (lt === buf.length) break;
      }
      const next = this.markup(i, final);
      if (next === NEED_MORE) {
        this.ltAt = -1; // a start tag may have looked past its own, unconsumed "<"
        this.waitFor = '>';
        break;
      }
      i = next;
    }
    return i;
  }

  private onText(start: number, end: number): void {
    if (this.stack.length > 0 && !this.handler.wantsText()) {
      // Unread text is still checked: a stray "&" or an undefined entity is an error anywhere.
      if (this.ampAt < start) this.ampAt = this.find('&', start);
      if (this.ampAt < end) this.references(this.buf.slice(start, end), start, false);
      return;
    }
    if (this.stack.length === 0) {
      // Only XML's four whitespace characters may stand outside the root (not what trim() removes).
      const at = this.buf.slice(start, end).search(/[^ \t\r\n]/);
      if (at >= 0) this.fail('text data outside of root node', start + at + 1);
      return;
    }
    const decoded = this.high(start) < end;
    const text = this.textAt(start, end);
    this.handler.text(text.includes('&') ? this.references(text, start, decoded) : text);
  }

  /** Handles the markup at `<`; returns the offset after it, or NEED_MORE. */
  private markup(lt: number, final: boolean): number {
    const buf = this.buf;
    if (lt + 1 >= buf.length)
      return final ? this.fail('unexpected end of document in markup', lt) : NEED_MORE;
    const codes = this.codes;
    const c = codes[lt + 1]!;
    if (c === 47 /* / */) {
      const gt = buf.indexOf('>', lt);
      if (gt < 0) return final ? this.fail('unexpected end of document in a close tag', lt) : NEED_MORE;
      const open = this.stack.pop();
      // Compared in place: no string for each of the document's close tags.
      let end = gt;
      while (end > lt + 2 && isSpace(codes[end - 1]!)) end--;
      if (open === undefined || end - lt - 2 !== open.length || !holdsAt(codes, lt + 2, open)) {
        const name = this.shown(buf.slice(lt + 2, end));
        const expected = open ? `, expected </${this.shown(open)}>` : '';
        this.fail(`unexpected close tag </${name}>${expected}`, gt + 1);
      }
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
        this.handler.text(this.textAt(lt + 9, end));
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
    const codes = this.codes;
    const len = buf.length;
    // The next markup's "<", found now: a value reaching past it contains a "<", and scan() reuses it.
    this.ltAt = this.find('<', lt + 1);
    let i = this.tagName(lt + 1);
    if (i >= len) return final ? this.fail('unexpected end of document in a start tag', lt) : NEED_MORE;
    const tag = this.tag;
    const name = this.tagDecoded;
    let expected = this.attributeNames[this.slot];
    if (expected === undefined) this.attributeNames[this.slot] = expected = [];
    const attributes = this.attributes;
    attributes.length = 0;
    attributes.source = buf;
    attributes.codes = codes;
    for (;;) {
      while (i < len && isSpace(codes[i]!)) i++;
      if (i >= len) return final ? this.fail(`unclosed tag: ${name}`, lt) : NEED_MORE;
      const c = codes[i]!;
      if (c === 62 /* > */ || c === 47 /* / */) {
        const selfClosing = c === 47;
        const gt = selfClosing ? i + 1 : i;
        if (gt >= len) return final ? this.fail(`unclosed tag: ${name}`, lt) : NEED_MORE;
        if (codes[gt]! !== 62) this.fail(`expected > after / in <${name}>`, gt + 1);
        this.element(name, tag, selfClosing, gt);
        return gt + 1;
      }
      // The name this element's predecessor had in this place, checked in place: nearly always it.
      let attr = expected[attributes.length];
      let eq: number;
      if (attr !== undefined && holdsAt(codes, i, attr) && codes[i + attr.length] === 61 /* = */) {
        eq = i + attr.length;
      } else {
        eq = this.attributeName(i, name);
        if (eq < 0) return final ? this.fail(`unclosed tag: ${name}`, lt) : NEED_MORE;
        attr = this.attribute;
        // Predicted only if it reads as scanned (a name holding UTF-8 bytes was decoded).
        if (this.high(i) >= eq) expected[attributes.length] = attr;
      }
      let q = eq + 1;
      while (q < len && isSpace(codes[q]!)) q++;
      if (q >= len) return final ? this.fail(`unclosed tag: ${name}`, lt) : NEED_MORE;
      const quote = buf[q];
      if (quote !== '"' && quote !== "'") this.fail(`attribute ${attr} of <${name}> must be quoted`, q + 1);
      const close = buf.indexOf(quote, q + 1);
      if (close < 0) return final ? this.fail(`unclosed tag: ${name}`, lt) : NEED_MORE;
      let decoded: string | undefined;
      if (this.hasSpecial(q + 1, close)) {
        let value = buf.slice(q + 1, close);
        if (value.includes('<'))
          this.fail(`"<" is not allowed in the value of ${attr}`, q + 1 + value.indexOf('<'));
        const utf8 = this.high(q + 1) < close;
        if (utf8) value = decodeUtf8(value);
        // XML attribute-value normalisation: literal tabs and line breaks become spaces; references do not.
        value = value.replace(/\r\n|[\t\n\r]/g, ' ');
        if (value.includes('&')) value = this.references(value, q + 1, utf8);
        decoded = value;
      }
      if (attributes.has(attr)) this.fail(`duplicate attribute ${attr} in <${name}>`, i + 1);
      attributes.add(attr, q + 1, close, decoded);
      i = close + 1;
      const after = codes[i]!;
      if (i < len && !endsName(after)) this.fail('no whitespace between attributes', i + 1);
    }
  }

  /**
   * Reads the start tag's name at `start` into `tag` (as scanned) and `tagDecoded`, and its slot; returns
   * where it ends (the buffer's length if it may go on in the next chunk).
   */
  private tagName(start: number): number {
    const codes = this.codes;
    const len = codes.length;
    // Siblings mostly share their tag: the last one's is checked in place before any scanning.
    const depth = this.stack.length;
    const sibling = this.siblingTags[depth];
    if (sibling !== undefined && holdsAt(codes, start, sibling)) {
      const end = start + sibling.length;
      const c = codes[end]!;
      if (endsName(c)) {
        this.tag = this.tagDecoded = sibling;
        this.slot = this.siblingSlots[depth]!;
        return end;
      }
    }
    if (!isNameStart(codes[start]!)) this.fail('invalid start tag name', start + 1);
    let end = start;
    while (end < len) {
      const c = codes[end]!;
      if (endsName(c)) break;
      end++;
    }
    if (end >= len) return len;
    // The stack keeps the name as scanned (close tags are compared in place); the handler reads it decoded.
    const tag = this.intern(start, end, undefined);
    this.tag = tag;
    this.tagDecoded = this.high(start) < end ? decodeUtf8(tag) : tag;
    if (this.tagDecoded === tag) {
      this.siblingTags[depth] = tag;
      this.siblingSlots[depth] = this.slot;
    }
    return end;
  }

  /**
   * Reads the attribute name at `start` (of element `element`) into `attribute` (decoded); returns the
   * offset of its "=", or -1 if it is not in the buffer.
   */
  private attributeName(start: number, element: string): number {
    const codes = this.codes;
    const len = codes.length;
    // Names are short: a loop finds their "=" faster than a call to indexOf, the fallback.
    let eq = start;
    const near = Math.min(len, start + 32);
    while (eq < near && codes[eq]! !== 61 /* = */) eq++;
    if (eq === near) eq = near < len ? this.buf.indexOf('=', near) : -1;
    if (eq < 0) return -1;
    let end = eq;
    while (end > start && isSpace(codes[end - 1]!)) end--;
    if (end === start || !isNameStart(codes[start]!))
      this.fail(`invalid attribute name in <${element}>`, start + 1);
    const raw = this.intern(start, end, element);
    this.attribute = this.high(start) < end ? decodeUtf8(raw) : raw;
    return eq;
  }

  /** The name at buf[start, end), checked the first time it is seen (an attribute's if `element`). */
  private intern(start: number, end: number, element: string | undefined): string {
    const codes = this.codes;
    // A document uses a few dozen names: the last one seen with this length and first and last
    // character is nearly always the one, compared in place (a slice per name was the largest
    // share of the garbage a parse makes).
    const slot = ((end - start) * 31 + codes[start]! * 7 + codes[end - 1]!) & 1023;
    this.slot = slot;
    const recent = this.recentNames[slot];
    if (recent !== undefined && recent.length === end - start && holdsAt(codes, start, recent)) return recent;
    const name = this.pooled(start, end, element);
    this.recentNames[slot] = name;
    return name;
  }

  private pooled(start: number, end: number, element: string | undefined): string {
    const text = this.buf.slice(start, end);
    const known = this.names.find(text);
    if (known !== undefined) return known;
    const bad = invalidNameChar(this.buf, start + 1, end);
    if (bad >= 0) {
      this.fail(
        element === undefined ? 'invalid start tag name' : `invalid attribute name in <${element}>`,
        bad + 1,
      );
    }
    return this.names.share(text);
  }

  private element(name: string, tag: string, selfClosing: boolean, gt: number): void {
    if (this.stack.length === 0) {
      if (this.sawRoot) this.fail('text data outside of root node: a second root element', gt + 1);
      this.sawRoot = true;
    }
    const refusal = this.handler.open(name, this.attributes, selfClosing);
    if (refusal) this.fail(refusal, gt + 1);
    if (selfClosing) this.handler.close();
    else if (this.stack.length >= MAX_DEPTH)
      this.fail(`elements nest deeper than ${MAX_DEPTH} levels`, gt + 1);
    else this.stack.push(tag);
  }
}
