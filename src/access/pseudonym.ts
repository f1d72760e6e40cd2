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
}

export function createPseudonymizer(secrets: Record<PseudonymDomain, string>): Pseudonymizer {
  for (const [d, s] of Object.entries(secrets)) if (!s || s.length < 32) throw new Error(`pseudonym secret for domain "${d}" must be at least 32 characters`);
  return {
    pseudonym(domain, cpr) {
      // 132 bits of the MAC, base64url: collision-free at municipal scale, short enough for a BI key column
      return createHmac('sha256', secrets[domain]).update(`${domain}:${cpr}`).digest('base64url').slice(0, 22);
    },
  };
}
