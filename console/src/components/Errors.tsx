import { Alert } from '@codegouvfr/react-dsfr/Alert';
import type { CombinedError } from '@urql/core';
import { inFrench } from '../refusals.ts';

export function errorCodes(error: CombinedError | undefined): string[] {
  return error?.graphQLErrors.map((e) => String(e.extensions?.code ?? '')) ?? [];
}

/** Paths (joined with ".") the API refused or could not answer, e.g. "person.cpfAccount". */
export function failedPaths(error: CombinedError | undefined, code?: string): string[] {
  return (error?.graphQLErrors ?? [])
    .filter((e) => !code || e.extensions?.code === code)
    .map((e) => (e.path ?? []).filter((p) => typeof p === 'string').join('.'));
}

export function GraphQLErrorAlert({ error, title = 'La demande n’a pas abouti' }: { error: CombinedError; title?: string }) {
  const messages = error.networkError
    ? ['Le service ne répond pas : vérifiez votre connexion puis réessayez.']
    : [...new Set(error.graphQLErrors.map((e) => e.message))];
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

/**
 * A refused action, shown where it was asked (under its button), in French, with the API's code and
 * words for whoever needs them; role="alert", so a screen reader hears it. What was typed stays in
 * its field; `onRefresh` offers to read the dossier again (another party may have moved it).
 */
export function RefusalAlert({ error, title, id, onRefresh }: { error: CombinedError; title: string; id?: string; onRefresh?: () => void }) {
  const refusals = error.networkError
    ? [
        {
          french: 'Le service ne répond pas : rien n’a été fait. Vérifiez votre connexion puis réessayez ; la même demande ne sera faite qu’une fois.',
          code: 'NETWORK',
          message: error.networkError.message,
        },
      ]
    : error.graphQLErrors.map((e) => ({
        french: inFrench(e.message, String(e.extensions?.code ?? '')),
        code: String(e.extensions?.code ?? ''),
        message: e.message,
      }));
  return (
    <div role="alert" id={id} data-testid="refusal" className="fr-mt-2w">
      <Alert
        severity="error"
        small={false}
        title={title}
        description={
          <>
            <ul>
              {refusals.map((r) => (
                <li key={r.message} data-code={r.code}>
                  {r.french}
                </li>
              ))}
            </ul>
            {onRefresh && !error.networkError && (
              <p>
                <button type="button" className="fr-link fr-icon-refresh-line fr-link--icon-left" onClick={onRefresh}>
                  Afficher le dossier à jour
                </button>
              </p>
            )}
            <details className="fr-text--xs">
              <summary>Réponse de l’API</summary>
              <ul>
                {refusals.map((r) => (
                  <li key={r.message}>
                    <code>{r.code}</code> : <span lang="en">{r.message}</span>
                  </li>
                ))}
              </ul>
            </details>
          </>
        }
      />
    </div>
  );
}
