// Answers about public data (the catalogue's sessions, trainings, organisations, certifications)
// change only when their source changes, so a subgraph may keep them keyed by that source's
// version and serve a repeated request without running GraphQL again. An operation is cached
// only when no field it selects belongs to, or returns, a private type (a person, anything
// derived from one): decided from the document and the schema, never from the answer.
import { getNamedType, Kind, parse, TypeInfo, visit, visitWithTypeInfo, BREAK, type DocumentNode, type GraphQLSchema } from 'graphql';

export interface PublicCacheOptions {
  schema: GraphQLSchema;
  /** Types holding or derived from person data: an operation touching one is never cached. */
  privateTypes: readonly string[];
  /** Fields (`Type.field`) whose answers depend on more than `version` knows: never cached. */
  volatileFields?: readonly string[];
  /** Everything public answers depend on besides the request (data version, today's date). */
  version: () => string;
  /** Most answers kept (least recently used go first); 0 turns the cache off. */
  maxEntries: number;
  /** Most bytes of answers kept. */
  maxBytes?: number;
}

interface Shape {
  /** No field of a private type is selected. */
  public: boolean;
  /** Selects `_entities`: the representations' typenames must be public too. */
  entities: boolean;
}

export interface PublicResponseCache {
  /** The cache key of a request body, or null when its answer must be computed. */
  keyOf(body: unknown): string | null;
  get(key: string): string | undefined;
  /** Keeps an answer computed for `key` when it is a complete, error-free one. */
  offer(key: string, status: number, text: string): void;
  readonly stats: { hits: number; misses: number; entries: number };
}

const MAX_SHAPES = 2_000;

export function publicResponseCache(options: PublicCacheOptions): PublicResponseCache | null {
  if (options.maxEntries <= 0) return null;
  const privateTypes = new Set(options.privateTypes);
  const volatileFields = new Set(options.volatileFields);
  for (const name of privateTypes) {
    if (!options.schema.getType(name)) throw new Error(`public cache: no type ${name} in the schema`);
  }
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const shapes = new Map<string, Shape>();
  const answers = new Map<string, string>();
  let bytes = 0;
  const stats = { hits: 0, misses: 0, entries: 0 };

  const shapeOf = (query: string): Shape => {
    let shape = shapes.get(query);
    if (shape) return shape;
    let document: DocumentNode;
    try {
      document = parse(query);
    } catch {
      // Apollo answers the syntax error; nothing to keep.
      return { public: false, entities: false };
    }
    shape = { public: true, entities: false };
    const typeInfo = new TypeInfo(options.schema);
    const found = shape;
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        OperationDefinition(node) {
          if (node.operation !== 'query') {
            found.public = false;
            return BREAK;
          }
          return undefined;
        },
        Field(node) {
          const parent = typeInfo.getParentType();
          const type = typeInfo.getType();
          // A field the schema doesn't know is a validation error for Apollo to give.
          if (
            !parent ||
            !type ||
            privateTypes.has(parent.name) ||
            privateTypes.has(getNamedType(type).name) ||
            volatileFields.has(`${parent.name}.${node.name.value}`)
          ) {
            found.public = false;
            return BREAK;
          }
          if (node.name.value === '_entities' && parent === options.schema.getQueryType()) found.entities = true;
          return undefined;
        },
        InlineFragment(node) {
          if (node.typeCondition && privateTypes.has(node.typeCondition.name.value)) {
            found.public = false;
            return BREAK;
          }
          return undefined;
        },
        FragmentDefinition(node) {
          if (privateTypes.has(node.typeCondition.name.value)) {
            found.public = false;
            return BREAK;
          }
          return undefined;
        },
      }),
    );
    if (document.definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION) && shapes.size < MAX_SHAPES) shapes.set(query, shape);
    return shape;
  };

  const publicRepresentations = (variables: unknown): boolean => {
    const representations = (variables as { representations?: unknown } | undefined)?.representations;
    if (!Array.isArray(representations)) return false;
    return representations.every((r) => {
      const typename = (r as { __typename?: unknown } | null)?.__typename;
      return typeof typename === 'string' && !privateTypes.has(typename);
    });
  };

  return {
    stats,
    keyOf(body) {
      if (!body || typeof body !== 'object') return null;
      const { query, variables, operationName } = body as { query?: unknown; variables?: unknown; operationName?: unknown };
      if (typeof query !== 'string') return null;
      const shape = shapeOf(query);
      if (!shape.public || (shape.entities && !publicRepresentations(variables))) return null;
      return `${options.version()}\n${typeof operationName === 'string' ? operationName : ''}\n${JSON.stringify(variables ?? null)}\n${query}`;
    },
    get(key) {
      const text = answers.get(key);
      if (text === undefined) {
        stats.misses++;
        return undefined;
      }
      // Most recently used last.
      answers.delete(key);
      answers.set(key, text);
      stats.hits++;
      return text;
    },
    offer(key, status, text) {
      // Errors may be transient (a timeout, a restart): only a whole answer is worth keeping.
      if (status !== 200 || text.includes('"errors":') || text.length > maxBytes / 16) return;
      const previous = answers.get(key);
      if (previous !== undefined) {
        bytes -= previous.length;
        answers.delete(key);
      }
      answers.set(key, text);
      bytes += text.length;
      while (answers.size > options.maxEntries || bytes > maxBytes) {
        const [oldest, value] = answers.entries().next().value as [string, string];
        answers.delete(oldest);
        bytes -= value.length;
      }
      stats.entries = answers.size;
    },
  };
}
