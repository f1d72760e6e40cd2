import { takstFindings } from '../../rules/findings/takst-findings';
import { deleteStaleFindings, upsertFindings } from '../findings-write';
import type { RunState } from '../run-state';

/** Phase "takster": every takst line of the providers in use, against the contract prices paid (takst-findings.ts). */
export async function writeTakstFindings(s: RunState): Promise<void> {
  const inputs = [...s.world.indsatser.values()]
    .filter((r) => r.indsats && r.m.status !== 'BEVILGET')
    .map((r) => ({
      indsatsId: r.m.indsatsId, leverandoerId: r.m.leverandoerId, indsats: r.indsats!, ydelseskoder: r.ydelseskoder,
      bestillinger: r.match.bestillingspriser, tilbud: s.world.identity.tilbudOf.get(r.m.leverandoerId) ?? null,
    }));
  const fund = takstFindings(inputs, { fraAar: Number(s.horizon.fra.slice(0, 4)), tilDato: s.horizon.til });
  await s.fence.write(async (trx) => {
    await upsertFindings(trx, fund, s.koerselId, s.now);
    await deleteStaleFindings(trx, { omfang: 'TAKST', koerselId: s.koerselId });
  });
}
