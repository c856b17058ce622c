// The GraphQL fields of the LHEO fields declared in db/lheo-fields.ts: each one with a `graphql`
// entry is exposed as it is stored (String, Int or Boolean, null when the source says nothing).
import { type LheoField, propertyOf } from '../db/lheo-fields.ts';
import type { builder } from './builder.ts';

type FieldBuilder<Shape> = PothosSchemaTypes.ObjectFieldBuilder<typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never, Shape>;

/** The fields of `fields` that have a GraphQL name, to spread into a type's `fields`. */
export function lheoFields<Shape>(t: FieldBuilder<Shape>, fields: readonly LheoField[]) {
  return Object.fromEntries(
    fields.flatMap((field) => {
      if (!field.graphql) return [];
      const { name, description } = field.graphql;
      const key = propertyOf(field.column) as never;
      const options = { nullable: true, description } as const;
      const exposed =
        field.read === 'flag'
          ? t.exposeBoolean(key, options)
          : field.read === 'hours' || field.read === 'places'
            ? t.exposeInt(key, options)
            : t.exposeString(key, options);
      return [[name, exposed]];
    }),
  );
}
