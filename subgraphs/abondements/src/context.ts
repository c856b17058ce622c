import type { SubgraphContext } from '@formations/schema/subgraph';
import type { Clock } from '@formations/schema/clock';
import type { Db } from './db/client.ts';

export interface Settings {
  /** Working days France Travail has to answer a request before silence means acceptance. */
  franceTravailAnswerDelayWorkingDays: number;
}

export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): Settings {
  const delay = Number(env.FRANCE_TRAVAIL_ANSWER_DELAY_WORKING_DAYS ?? 10);
  if (!Number.isInteger(delay) || delay < 1) throw new Error('FRANCE_TRAVAIL_ANSWER_DELAY_WORKING_DAYS must be a positive integer');
  return { franceTravailAnswerDelayWorkingDays: delay };
}

export interface AbondementsContext extends SubgraphContext {
  db: Db;
  clock: Clock;
  settings: Settings;
}
