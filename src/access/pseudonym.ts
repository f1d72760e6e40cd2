import { createHmac } from 'node:crypto';

/**
 * Keyed pseudonyms for citizens (databeskyttelsesloven § 11; EDPB guidelines 01/2025 on pseudonymisation):
 * HMAC-SHA-256 of the CPR number with a secret per purpose domain. Same citizen → same pseudonym within a
 * domain, unrelated pseudonyms across domains, and without the secret no table of the ~3.65×10⁸ possible CPR
 * numbers can reverse it (a plain hash could be reversed in minutes).
 */
export type PseudonymDomain = 'sagsbehandling' | 'oekonomi' | 'analyse';

export interface Pseudonymizer {
  pseudonym(domain: PseudonymDomain, cpr: string): string;
  /**
   * A 32-byte key for another server-side purpose (sealing cursors, pseudonymous ids), derived from the
   * pseudonym secrets: every replica derives the same key, and no new secret has to be configured.
   */
  keyFor(label: string): Buffer;
}

export function createPseudonymizer(secrets: Record<PseudonymDomain, string>): Pseudonymizer {
  for (const [d, s] of Object.entries(secrets)) if (!s || s.length < 32) throw new Error(`pseudonym secret for domain "${d}" must be at least 32 characters`);
  const master = createHmac('sha256', 'socialdata-gateway derived keys').update(`${secrets.sagsbehandling}\0${secrets.oekonomi}\0${secrets.analyse}`).digest();
  const derived = new Map<string, Buffer>();
  return {
    keyFor(label) {
      let k = derived.get(label);
      if (!k) derived.set(label, (k = createHmac('sha256', master).update(label).digest()));
      return k;
    },
    pseudonym(domain, cpr) {
      // 132 bits of the MAC, base64url: collision-free at municipal scale, short enough for a BI key column
      return createHmac('sha256', secrets[domain]).update(`${domain}:${cpr}`).digest('base64url').slice(0, 22);
    },
  };
}
