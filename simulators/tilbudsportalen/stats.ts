/**
 * Counts requests to /api. The gateway batches its Tilbudsportalen look-ups (one call per DataLoader batch,
 * via the comma-list filters), and its tests prove that by reading this counter before and after a query.
 * Every /api request counts, including ones answered 400/401/404: each is a round trip the gateway made.
 */
export class RequestCounter {
  private requests = 0;

  increment(): void {
    this.requests += 1;
  }

  snapshot(): { requests: number } {
    return { requests: this.requests };
  }

  reset(): void {
    this.requests = 0;
  }
}
