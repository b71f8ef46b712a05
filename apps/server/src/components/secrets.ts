import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { FlowlineStartError } from '../errors/start-error.js';

export interface Sealed {
  iv: Uint8Array<ArrayBuffer>;
  ciphertext: Uint8Array<ArrayBuffer>;
  tag: Uint8Array<ArrayBuffer>;
}

/** AES-256-GCM with one key for the installation; each value gets its own random IV. */
export class SecretBox {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('The secret key must be 32 bytes.');
  }

  /** `aad` binds a value to where it belongs (component and field): moved elsewhere, it will not open. */
  seal(plain: string, aad: string): Sealed {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(aad));
    const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return {
      iv: new Uint8Array(iv),
      ciphertext: new Uint8Array(ciphertext),
      tag: new Uint8Array(cipher.getAuthTag()),
    };
  }

  open(sealed: Sealed, aad: string): string {
    const decipher = createDecipheriv('aes-256-gcm', this.key, sealed.iv);
    decipher.setAAD(Buffer.from(aad));
    decipher.setAuthTag(sealed.tag);
    return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString('utf8');
  }
}

/**
 * The key from FLOWLINE_SECRET_KEY (32 bytes, base64 or hex), else from `<dataDir>/secret.key`,
 * generated there with owner-only permissions on first use.
 */
export function loadSecretKey(env: NodeJS.ProcessEnv, keyFile: string): Buffer {
  const fromEnv = env.FLOWLINE_SECRET_KEY?.trim();
  if (fromEnv) {
    const key = /^[0-9a-f]{64}$/i.test(fromEnv)
      ? Buffer.from(fromEnv, 'hex')
      : Buffer.from(fromEnv, 'base64');
    if (key.length !== 32) {
      throw new FlowlineStartError(
        'FLOWLINE_SECRET_KEY must be 32 bytes, written as 64 hex digits or in base64.',
      );
    }
    return key;
  }
  if (existsSync(keyFile)) {
    const key = Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new FlowlineStartError(`${keyFile} does not hold a 32-byte key.`);
    return key;
  }
  mkdirSync(dirname(keyFile), { recursive: true });
  const key = randomBytes(32);
  writeFileSync(keyFile, `${key.toString('base64')}\n`, { mode: 0o600 });
  chmodSync(keyFile, 0o600);
  return key;
}
