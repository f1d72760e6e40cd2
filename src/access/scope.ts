/**
 * The rows a request may see, decided once per request from the caller's role (src/access policy) and
 * handed to every connector query so row filters are pushed down into SQL — never filtered after fetching.
 *
 * `null` means "no restriction on this axis". An empty list means "nothing".
 */
export interface AccessScope {
  /** Cases (and everything under them: indsatser, opfølgninger, citizens) of these teams only. */
  teamIds: readonly number[] | null;
  /** Cases of teams in these organisation units only. */
  enhedIds: readonly number[] | null;
}

/** Until a role says otherwise (and for the gateway's own jobs): everything. */
export const UNRESTRICTED_SCOPE: AccessScope = Object.freeze({ teamIds: null, enhedIds: null });
