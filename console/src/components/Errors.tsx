import { Alert } from '@codegouvfr/react-dsfr/Alert';
import type { CombinedError } from '@urql/core';

export function errorCodes(error: CombinedError | undefined): string[] {
  return error?.graphQLErrors.map((e) => String(e.extensions?.code ?? '')) ?? [];
}

/** Paths (joined with ".") the API refused or could not answer, e.g. "person.cpfAccount". */
export function failedPaths(error: CombinedError | undefined, code?: string): string[] {
  return (error?.graphQLErrors ?? []).filter((e) => !code || e.extensions?.code === code).map((e) => (e.path ?? []).filter((p) => typeof p === 'string').join('.'));
}

export function GraphQLErrorAlert({ error, title = 'La demande n’a pas abouti' }: { error: CombinedError; title?: string }) {
  const messages = error.networkError ? ['Le service ne répond pas : vérifiez votre connexion puis réessayez.'] : [...new Set(error.graphQLErrors.map((e) => e.message))];
  return (
    <Alert
      severity="error"
      title={title}
      className="fr-mb-3w"
      description={
        <ul>
          {messages.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      }
    />
  );
}
