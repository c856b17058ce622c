// Refs declared before the files that implement them, so person.ts and training-option.ts can
// point at each other.
import { builder } from './builder.ts';

/** catalog's TrainingOption, extended here with its funding plan. */
export const TrainingOptionRef = builder.externalRef('TrainingOption', builder.selection<{ personId: string; sessionId: string }>('personId sessionId'));
