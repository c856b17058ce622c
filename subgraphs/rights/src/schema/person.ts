import { requireAccess } from '@formations/schema/subgraph';
import { accountLoader } from './loaders.ts';
import { builder } from './builder.ts';
import { CpfAccountRef } from './cpf-account.ts';

export const PersonRef = builder.externalRef('Person', builder.selection<{ id: string }>('id')).implement({
  externalFields: (t) => ({
    accessGrant: t.string({ nullable: true }),
  }),
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The person (owned by passport).' }),
    cpfAccount: t.field({
      type: CpfAccountRef,
      nullable: true,
      description: "The person's CPF account; FORBIDDEN unless the viewer is the holder or has the holder's consent for rights.",
      requires: builder.selection<{ accessGrant: string | null }>('accessGrant'),
      resolve: async (person, _args, ctx) => {
        // Loading starts in the same tick for every entity so the accounts come in one batch;
        // nothing is returned unless the grant checks out.
        const [, account] = await Promise.all([requireAccess(person.accessGrant, ctx.viewer, person.id, 'rights'), accountLoader(ctx).load(person.id)]);
        return account;
      },
    }),
  }),
});
