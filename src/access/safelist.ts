import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, print, Kind } from 'graphql';

/**
 * Registered (persisted) operations. In safelist mode — and always for the `app` role — only these run.
 * Sources, all under operations/:
 *  - the `.graphql` files;
 *  - persisted-document manifests (`*.json`) in the two standard forms front-end tool chains emit:
 *    Apollo's persisted query manifest (`{"format":"apollo-persisted-query-manifest","operations":[{id,body,name}]}`)
 *    and graphql-codegen's client preset (`persisted-documents.json`: `{"<sha256>": "<document>"}`).
 * A client sends the full text, or `extensions.persistedQuery.sha256Hash` as APQ clients and both tool chains
 * do: the SHA-256 (hex) of the document text exactly as registered. The hash of the normalised (printed) text
 * is accepted too, so a document reformatted by a tool still matches. Text is matched on its normalised form.
 */
export const OPERATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'operations');

export interface RegisteredOperation {
  name: string;
  hash: string;
  query: string;
}

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export function normalisedHash(query: string): string {
  return sha256(print(parse(query)));
}

function walk(dir: string, ext: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p, ext) : f.endsWith(ext) ? [p] : [];
  });
}

/** The documents of a manifest file, each with the id the client will send; refuses a manifest whose ids are not the documents' SHA-256. */
export function manifestDocuments(file: string, json: unknown): Array<{ id: string; body: string }> {
  const docs: Array<{ id: string; body: string }> = [];
  if (json && typeof json === 'object' && (json as { format?: unknown }).format === 'apollo-persisted-query-manifest') {
    for (const op of (json as { operations?: Array<{ id?: unknown; body?: unknown }> }).operations ?? []) {
      if (typeof op.id !== 'string' || typeof op.body !== 'string') throw new Error(`${file}: every operation needs a string "id" and "body"`);
      docs.push({ id: op.id, body: op.body });
    }
  } else if (json && typeof json === 'object' && !Array.isArray(json)) {
    for (const [id, body] of Object.entries(json)) {
      if (typeof body !== 'string') throw new Error(`${file}: "${id}" must map to the document text`);
      docs.push({ id, body });
    }
  } else throw new Error(`${file}: not a persisted-document manifest`);
  for (const d of docs) if (d.id !== sha256(d.body)) throw new Error(`${file}: id ${d.id} is not the SHA-256 of its document`);
  return docs;
}

export class Safelist {
  private readonly byHash = new Map<string, RegisteredOperation>();

  constructor(dir = OPERATIONS_DIR) {
    for (const file of walk(dir, '.graphql')) this.register(file, readFileSync(file, 'utf8'));
    for (const file of walk(dir, '.json')) for (const d of manifestDocuments(file, JSON.parse(readFileSync(file, 'utf8')))) this.register(file, d.body);
  }

  private register(file: string, text: string): void {
    const doc = parse(text);
    const op = doc.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
    if (!op || op.kind !== Kind.OPERATION_DEFINITION || !op.name) throw new Error(`${file}: a registered operation needs a name`);
    const printed = print(doc);
    const entry = { name: op.name.value, hash: sha256(printed), query: printed };
    this.byHash.set(entry.hash, entry);
    this.byHash.set(sha256(text), entry); // what an APQ client or a manifest sends: the hash of the text as written
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

  /** A request with both text and hash: the hash must name that text (a mismatch is a confused or forged client). */
  hashMatches(query: string, hash: string): boolean {
    if (sha256(query) === hash) return true;
    const op = this.byHash.get(hash);
    return !!op && this.byQuery(query)?.hash === op.hash;
  }

  get size(): number {
    return new Set(this.byHash.values()).size;
  }
}
