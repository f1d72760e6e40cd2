import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { PUBLISHED, currentSdl, unacknowledgedBreakingChanges } from '../../scripts/schema-contract';
import { MANIFEST, frontendManifest } from '../../scripts/persisted-manifest';

/**
 * The published contract: schema.graphql is what schema/ prints (run `npm run schema:print`), and no change
 * since it was published breaks front-ends unless acknowledged in schema-changes.json.
 */
describe('the published schema', () => {
  it('schema.graphql is up to date with schema/ (npm run schema:print)', () => {
    expect(readFileSync(PUBLISHED, 'utf8') === currentSdl(), 'schema.graphql is stale: run `npm run schema:print`').toBe(true);
  });

  it('has no unacknowledged breaking change against the published SDL', async () => {
    expect(await unacknowledgedBreakingChanges(readFileSync(PUBLISHED, 'utf8'), currentSdl())).toEqual([]);
  });

  const published = 'type Query { sag(id: ID!): Sag old: String @deprecated(reason: "use sag") }\ntype Sag { sagsnummer: String! status: String }';
  it('the check refuses a removed field and a narrowed argument, and accepts an acknowledged one', async () => {
    const current = 'type Query { sag(id: ID!, aar: Int!): Sag old: String @deprecated(reason: "use sag") }\ntype Sag { sagsnummer: String! }';
    const breaking = await unacknowledgedBreakingChanges(published, current, []);
    expect(breaking).toContain("Field 'status' was removed from object type 'Sag'");
    expect(breaking).toContain("Argument 'aar: Int!' added to field 'Query.sag'");
    const acks = breaking.map((change) => ({ change, reason: 'test' }));
    expect(await unacknowledgedBreakingChanges(published, current, acks)).toEqual([]);
  });

  it('removing a field the published schema already deprecated is the agreed way out, not a break', async () => {
    const current = 'type Query { sag(id: ID!): Sag }\ntype Sag { sagsnummer: String! status: String }';
    expect(await unacknowledgedBreakingChanges(published, current, [])).toEqual([]);
  });
});

describe('the front-end persisted-document manifest', () => {
  it('is up to date with operations/frontend (npm run manifest)', () => {
    expect(readFileSync(MANIFEST, 'utf8') === frontendManifest(), 'persisted-query-manifest.json is stale: run `npm run manifest`').toBe(true);
  });
});
