import {
  constants,
  createPublicKey,
  generateKeyPair,
  type KeyObject,
  randomUUID,
  sign,
  verify,
} from 'node:crypto';
import { promisify } from 'node:util';

const generateKeyPairAsync = promisify(generateKeyPair);

const b64url = (b: Buffer | string): string => Buffer.from(b).toString('base64url');

/** Splits a compact JWS; returns undefined when it is not one. */
export function decodeJwt(
  token: string,
):
  | { header: Record<string, unknown>; claims: Record<string, unknown>; signed: string; signature: Buffer }
  | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    return {
      header: JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8')),
      claims: JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')),
      signed: `${parts[0]}.${parts[1]}`,
      signature: Buffer.from(parts[2]!, 'base64url'),
    };
  } catch {
    return undefined;
  }
}

/** Verifies an RS256 or PS256 signature with a public key. */
export function verifySignature(alg: unknown, signed: string, signature: Buffer, key: KeyObject): boolean {
  if (alg === 'RS256') return verify('sha256', Buffer.from(signed), key, signature);
  if (alg === 'PS256') {
    return verify(
      'sha256',
      Buffer.from(signed),
      { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 },
      signature,
    );
  }
  return false;
}

/** The token service's signing key, generated at start, with its JWK for the JWKS endpoint. */
export class SigningKey {
  readonly kid = randomUUID().replace(/-/g, '').slice(0, 20);
  readonly publicKey: KeyObject;

  private constructor(private readonly privateKey: KeyObject) {
    this.publicKey = createPublicKey(privateKey);
  }

  /** Generates a fresh RSA key off the main thread (overlaps with seeding at start). */
  static async create(): Promise<SigningKey> {
    const pair = await generateKeyPairAsync('rsa', { modulusLength: 2048 });
    return new SigningKey(pair.privateKey);
  }

  /** The public key as a JWK set entry. */
  jwk(): Record<string, unknown> {
    return { ...this.publicKey.export({ format: 'jwk' }), kid: this.kid, use: 'sig', alg: 'RS256' };
  }

  /** Signs claims as an RS256 JWT. */
  sign(claims: Record<string, unknown>): string {
    const head = b64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', kid: this.kid }));
    const body = b64url(JSON.stringify(claims));
    return `${head}.${body}.${b64url(sign('sha256', Buffer.from(`${head}.${body}`), this.privateKey))}`;
  }

  /** Verifies one of our tokens; returns its claims or why it is refused. */
  verify(token: string, now = Date.now() / 1000): { claims: Record<string, unknown> } | { error: string } {
    const jwt = decodeJwt(token);
    if (!jwt) return { error: 'The token is malformed.' };
    if (
      jwt.header.kid !== this.kid ||
      !verifySignature(jwt.header.alg, jwt.signed, jwt.signature, this.publicKey)
    ) {
      return { error: 'The token signature is invalid.' };
    }
    const exp = Number(jwt.claims.exp);
    if (!(exp > now)) return { error: `The token expired at ${new Date(exp * 1000).toISOString()}.` };
    return { claims: jwt.claims };
  }
}
