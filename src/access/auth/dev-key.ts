import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK, type CryptoKey } from 'jose';

/**
 * The embedded default's identity provider: one ES256 key pair kept in a local directory (created on first
 * use), so `npm run token` and the gateway agree and the demo and the tests go through the same token
 * verification as production — only the JWKS comes from a file instead of the municipality's IdP.
 */
export const DEV_ISSUER = 'urn:socialdata-gateway:dev-idp';
export const DEV_AUDIENCE = 'socialdata-gateway';

export interface DevKey {
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export async function createDevKey(): Promise<DevKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid: 'dev-1', alg: 'ES256', use: 'sig' };
  return { privateKey, publicJwk };
}

export async function loadOrCreateDevKey(dir: string): Promise<DevKey> {
  const file = join(dir, 'signing-key.json');
  if (existsSync(file)) {
    const { privateJwk, publicJwk } = JSON.parse(readFileSync(file, 'utf8')) as { privateJwk: JWK; publicJwk: JWK };
    return { privateKey: (await importJWK(privateJwk, 'ES256')) as CryptoKey, publicJwk };
  }
  const key = await createDevKey();
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, JSON.stringify({ privateJwk: await exportJWK(key.privateKey), publicJwk: key.publicJwk }), { mode: 0o600 });
  return key;
}

export interface TokenClaims {
  sub: string;
  roles: string[];
  team?: number;
  enhed?: number;
  scope?: string;
  org?: string;
}

export async function signDevToken(key: DevKey, claims: TokenClaims, opts: { expiresIn?: string; issuer?: string; audience?: string } = {}): Promise<string> {
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'ES256', kid: key.publicJwk.kid })
    .setIssuer(opts.issuer ?? DEV_ISSUER)
    .setAudience(opts.audience ?? DEV_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(opts.expiresIn ?? '8h')
    .sign(key.privateKey);
}
