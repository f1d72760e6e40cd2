import { takstAfvigelser } from '../../rules/afvigelser/takst-afvigelser';
import { deleteStaleAfvigelser, upsertAfvigelser } from '../afvigelser-write';
import type { RunState } from '../run-state';

/** Phase "takster": every takst line of the providers in use, against the contract prices paid (takst-afvigelser.ts). */
export async function writeTakstAfvigelser(s: RunState): Promise<void> {
  // the afvigelser depend only on the world and the months compared: both unchanged, the stored ones stand
  if (s.worldReused && !s.horizonMoved) return;
  const inputs = [...s.world.indsatser.values()]
    .filter((r) => r.indsats && r.m.status !== 'BEVILGET')
    .map((r) => ({
      indsatsId: r.m.indsatsId,
      leverandoerId: r.m.leverandoerId,
      indsats: r.indsats!,
      ydelseskoder: r.ydelseskoder,
      bestillinger: r.match.bestillingspriser,
      tilbud: s.world.identity.tilbudOf.get(r.m.leverandoerId) ?? null,
    }));
  const fund = takstAfvigelser(inputs, { fraAar: Number(s.horizon.fra.slice(0, 4)), tilDato: s.horizon.til });
  await s.fence.write(async (trx) => {
    await upsertAfvigelser(trx, fund, s.koerselId, s.now);
    await deleteStaleAfvigelser(trx, { omfang: 'TAKST', koerselId: s.koerselId });
  });
}
