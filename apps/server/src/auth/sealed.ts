import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Small values a browser carries for us (the sign-in in progress, an error to show) sealed with
 * AES-256-GCM: unreadable and unforgeable, and each purpose has its own key so one cannot pass for another.
 */
export class Sealer {
  private readonly key: Buffer;

  constructor(secretKey: Buffer, purpose: string) {
    this.key = Buffer.from(hkdfSync('sha256', secretKey, Buffer.alloc(0), `flowline ${purpose}`, 32));
  }

  /** Seals a JSON value that stops opening after `ttlMs`. */
  seal(value: unknown, ttlMs: number): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const plain = Buffer.from(JSON.stringify({ v: value, exp: Date.now() + ttlMs }));
    const sealed = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
  }

  /** The sealed value, or undefined when it was forged, damaged, sealed for another purpose or is too old. */
  open<T>(text: string | undefined): T | undefined {
    if (!text) return undefined;
    try {
      const raw = Buffer.from(text, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      const plain = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
      const { v, exp } = JSON.parse(plain.toString('utf8')) as { v: T; exp: number };
      return exp > Date.now() ? v : undefined;
    } catch {
      return undefined;
    }
  }
}
