/**
 * Which source's value the API chooses where sources disagree on an attribute (issue: provenance). The
 * table is the one place this is decided; every value is still shown with its source, and the conflict
 * is flagged, so the choice is never silent. Defaults and why:
 *   leverandoer.navn / .adresse  the CVR register (SF1530) is the legal register of production units; then
 *                                Tilbudsportalen (the provider maintains it); then the fagsystem's copy
 *   borger.adresse / .kommunekode  the CPR register (SF1520) is the authoritative address register; the
 *                                fagsystem's copy lags behind moves
 *   indsats.kontraktpris         the fagsystem's bestilling (VUM 2.0 ID 68) is the order the provider
 *                                accepted; the economy's contract register is transcribed from it
 * Configurable at start-up with a text such as
 *   "leverandoer.navn=TILBUDSPORTALEN>SERVICEPLATFORMEN>FAGSYSTEM; indsats.kontraktpris=OEKONOMI>FAGSYSTEM"
 * (src/config.ts reads it from the environment; src/server/main.ts passes it to the API's reads and to the job —
 * there is no process-wide current policy, so two gateways in one process, or a test, can differ).
 */
export const KILDESYSTEMER = ['FAGSYSTEM', 'OEKONOMI', 'TILBUDSPORTALEN', 'SERVICEPLATFORMEN', 'GATEWAY'] as const;
export type Kildesystem = (typeof KILDESYSTEMER)[number];

export const ATTRIBUTTER = ['leverandoer.navn', 'leverandoer.adresse', 'borger.adresse', 'borger.kommunekode', 'indsats.kontraktpris'] as const;
export type Attribut = (typeof ATTRIBUTTER)[number];

export type PrecedencePolicy = Readonly<Record<Attribut, readonly Kildesystem[]>>;

export const DEFAULT_POLICY: PrecedencePolicy = Object.freeze({
  'leverandoer.navn': ['SERVICEPLATFORMEN', 'TILBUDSPORTALEN', 'FAGSYSTEM'],
  'leverandoer.adresse': ['SERVICEPLATFORMEN', 'TILBUDSPORTALEN', 'FAGSYSTEM'],
  'borger.adresse': ['SERVICEPLATFORMEN', 'FAGSYSTEM'],
  'borger.kommunekode': ['SERVICEPLATFORMEN', 'FAGSYSTEM'],
  'indsats.kontraktpris': ['FAGSYSTEM', 'OEKONOMI'],
});

/** Which systems can hold each attribute (a policy may only order these). */
const SOURCES_OF: Record<Attribut, readonly Kildesystem[]> = {
  'leverandoer.navn': ['SERVICEPLATFORMEN', 'TILBUDSPORTALEN', 'FAGSYSTEM'],
  'leverandoer.adresse': ['SERVICEPLATFORMEN', 'TILBUDSPORTALEN', 'FAGSYSTEM'],
  'borger.adresse': ['SERVICEPLATFORMEN', 'FAGSYSTEM'],
  'borger.kommunekode': ['SERVICEPLATFORMEN', 'FAGSYSTEM'],
  'indsats.kontraktpris': ['FAGSYSTEM', 'OEKONOMI'],
};

export class PolicyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolicyError';
  }
}

/** Parses the configuration text; every attribute not named keeps its default order. Fails on anything unknown. */
export function parsePrecedencePolicy(text: string, base: PrecedencePolicy = DEFAULT_POLICY): PrecedencePolicy {
  const out: Record<Attribut, readonly Kildesystem[]> = { ...base };
  for (const part of text
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [name, order] = part.split('=').map((s) => s.trim());
    if (!name || !order) throw new PolicyError(`"${part}" is not attribute=SOURCE>SOURCE…`);
    if (!(ATTRIBUTTER as readonly string[]).includes(name)) throw new PolicyError(`unknown attribute "${name}" (one of ${ATTRIBUTTER.join(', ')})`);
    const attr = name as Attribut;
    const sources = order.split('>').map((s) => s.trim().toUpperCase());
    for (const s of sources) {
      if (!SOURCES_OF[attr].includes(s as Kildesystem))
        throw new PolicyError(`${attr}: "${s}" does not hold this attribute (one of ${SOURCES_OF[attr].join(', ')})`);
    }
    if (new Set(sources).size !== sources.length) throw new PolicyError(`${attr}: a source is named twice`);
    // sources left out keep their default relative order after the named ones
    out[attr] = [...sources, ...base[attr].filter((s) => !sources.includes(s))] as Kildesystem[];
  }
  return Object.freeze(out);
}
