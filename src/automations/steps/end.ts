import type { StepDefinition } from '../engine/stepTypes.js'

/** Ends the run here, even inside a branch. */
export const endStep: StepDefinition = {
  block: { slug: 'end', fields: [], labels: { plural: 'Ends', singular: 'End' } },
  run: async () => ({ kind: 'end', outcome: 'ended', status: 'completed' }),
}
