// Persisted operations: a manifest { "<id or sha256>": "<query>" } made from the front ends'
// operations. With `only`, the gateway answers nothing else (allow-list for production).
import { createHash } from 'node:crypto';
import fs from 'node:fs';

export interface GraphQLBody {
  query?: string;
  id?: string;
  operationName?: string;
  variables?: Record<string, unknown>;
  extensions?: { persistedQuery?: { sha256Hash?: string } };
}

export class PersistedOperationError extends Error {
  constructor(
    readonly code: 'PERSISTED_QUERY_NOT_FOUND' | 'PERSISTED_QUERY_NOT_ALLOWED',
    message: string,
  ) {
    super(message);
  }
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export class PersistedOperations {
  private readonly byId = new Map<string, string>();
  private readonly hashes = new Set<string>();

  constructor(
    manifest: Record<string, string>,
    readonly only: boolean,
  ) {
    for (const [id, query] of Object.entries(manifest)) {
      this.byId.set(id, query);
      this.byId.set(sha256(query), query);
      this.hashes.add(sha256(query));
    }
  }

  static fromFile(file: string, only: boolean): PersistedOperations {
    return new PersistedOperations(JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>, only);
  }

  /** Resolves the operation of a request body; throws when the allow-list refuses it. */
  resolve(body: GraphQLBody): GraphQLBody {
    const id = body.id ?? body.extensions?.persistedQuery?.sha256Hash;
    if (id !== undefined) {
      const query = this.byId.get(id);
      if (!query) throw new PersistedOperationError('PERSISTED_QUERY_NOT_FOUND', `no persisted operation with id ${id}`);
      const { extensions, id: _id, ...rest } = body;
      return { ...rest, query };
    }
    if (this.only && (typeof body.query !== 'string' || !this.hashes.has(sha256(body.query)))) {
      throw new PersistedOperationError('PERSISTED_QUERY_NOT_ALLOWED', 'this gateway only runs persisted operations: send their id');
    }
    return body;
  }
}
