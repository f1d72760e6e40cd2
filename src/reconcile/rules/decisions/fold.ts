import type { Handling } from './types';

/**
 * The current state of a posting's decisions, folded from its history in order: the latest confirmation or
 * assignment wins; a rejection excludes that indsats (and lifts an assignment to it); a later confirmation
 * or assignment to a rejected indsats lifts the rejection.
 */
export interface DecisionFold {
  tildeltIndsatsId: number | null;
  afvisteIndsatser: number[];
}

export function applyDecision(state: DecisionFold, handling: Handling, indsatsId: number): DecisionFold {
  const afviste = new Set(state.afvisteIndsatser);
  switch (handling) {
    case 'BEKRAEFT':
    case 'TILDEL':
      afviste.delete(indsatsId);
      return { tildeltIndsatsId: indsatsId, afvisteIndsatser: [...afviste].sort((a, b) => a - b) };
    case 'AFVIS':
      afviste.add(indsatsId);
      return { tildeltIndsatsId: state.tildeltIndsatsId === indsatsId ? null : state.tildeltIndsatsId, afvisteIndsatser: [...afviste].sort((a, b) => a - b) };
  }
}
