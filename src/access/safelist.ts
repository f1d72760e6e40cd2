import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, print, Kind } from 'graphql';

/**
 * Registered (persisted) operations: the `.graphql` files under operations/. In safelist mode — and always
 * for the `app` role — only these run. A client sends either the full text (matched on its normalised
 * form) or `extensions.persistedQuery.sha256Hash` of the normalised text.
 */
export const OPERATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'operations');

export interface RegisteredOperation {
  name: string;
  hash: string;
  query: string;
}

export function normalisedHash(query: string): string {
  return createHash('sha256').update(print(parse(query))).digest('hex');
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : f.endsWith('.graphql') ? [p] : [];
  });
}

export class Safelist {
  private readonly byHash = new Map<string, RegisteredOperation>();

  constructor(dir = OPERATIONS_DIR) {
    for (const file of walk(dir)) {
      const query = readFileSync(file, 'utf8');
      const doc = parse(query);
      const op = doc.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
      if (!op || op.kind !== Kind.OPERATION_DEFINITION || !op.name) throw new Error(`${file}: a registered operation needs a name`);
      const hash = normalisedHash(query);
      this.byHash.set(hash, { name: op.name.value, hash, query: print(doc) });
    }
  }

  byQuery(query: string): RegisteredOperation | undefined {
    try {
      return this.byHash.get(normalisedHash(query));
    } catch {
      return undefined;
    }
  }

  byHashValue(hash: string): RegisteredOperation | undefined {
    return this.byHash.get(hash);
  }

  get size(): number {
    return this.byHash.size;
  }
}
