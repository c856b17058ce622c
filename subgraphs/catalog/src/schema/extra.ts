import { builder } from './builder.ts';
import { ExtraRef } from './refs.ts';

ExtraRef.implement({
  description: 'A free LHEO extension (<extras info="group"><extra info="key">value</extra>), kept as the source wrote it.',
  fields: (t) => ({
    group: t.exposeString('group', { nullable: true, description: 'The `info` attribute of the enclosing <extras>, e.g. "eligibilite-cpf".' }),
    key: t.exposeString('key', { nullable: true, description: 'The `info` attribute of the <extra>, e.g. "eligible".' }),
    value: t.exposeString('value', { description: 'The text of the <extra>.' }),
  }),
});
