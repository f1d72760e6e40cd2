/**
 * The query limits, with the reasons for each number. Starting points are GraphQL Armor's defaults; where we
 * differ it says why. All are enforced before any source system is touched (src/server/guards).
 */
export const LIMITS = {
  /** bytes of the query text; the largest example operation is ~1.5 kB */
  maxDocumentBytes: 20_000,
  /** lexer tokens (Armor default 1000) */
  maxTokens: 1_000,
  /** field depth (Armor default 6; 7 lets the example operations reach a price's amount; introspection is exempt so GraphiQL works) */
  maxDepth: 7,
  /** aliases per operation (Armor default 15) */
  maxAliases: 15,
  /** directives per operation (Armor default 50; nothing in this schema needs more than a few @include/@skip) */
  maxDirectives: 10,
  /** `borger(cpr:)` lookups per request: a front-end shows one citizen; more is enumeration */
  maxCprLookupsPerRequest: 5,
  /** cost of a list field without `first`: the assumed number of children (a case has a handful of indsatser) */
  listCostEstimate: 10,
  /** ids per `nodes(ids:)` (each is a load; a screen needs a page's worth at most) */
  maxNodeIds: 100,
  /** page cap (KOMBIT org-graphql uses 500) */
  maxPageSize: 500,
} as const;

/**
 * Per-role budgets: the cost estimate counts page sizes (first × children), so analytics roles that page
 * through a municipality get a larger budget than interactive roles; citizens touched are capped per
 * request and per user per minute (shared across replicas through Redis). The per-minute caps are defaults:
 * CITIZEN_LIMIT_PER_MINUTE_<ROLE> sets another per role (src/config.ts), e.g. for economy staff who export
 * a whole ledger of more than 20,000 citizens.
 */
export const ROLE_BUDGETS = {
  sagsbehandler: { maxCost: 5_000, citizensPerRequest: 200, citizensPerMinute: 1_000 },
  leder: { maxCost: 20_000, citizensPerRequest: 500, citizensPerMinute: 2_000 },
  oekonomi: { maxCost: 500_000, citizensPerRequest: 2_000, citizensPerMinute: 20_000 },
  bi: { maxCost: 500_000, citizensPerRequest: 5_000, citizensPerMinute: 50_000 },
  app: { maxCost: 5_000, citizensPerRequest: 50, citizensPerMinute: 500 },
  borgerindsigt: { maxCost: 5_000, citizensPerRequest: 1, citizensPerMinute: 60 },
} as const;
