import type { SanitizedEmailMarketingOptions } from '../../types.js'
import type { StepDefinition } from '../engine/stepTypes.js'

import { conditionsField } from '../conditions.js'

/**
 * A marker in the flow: the engine jumps here from any earlier top-level step as soon as the
 * conditions hold (checked whenever the enrollment runs). Reaching it in order just passes it.
 */
export const goalStep = (options: SanitizedEmailMarketingOptions): StepDefinition => ({
  block: {
    slug: 'goal',
    dbName: ({ tableName }) => `${tableName}_goal`,
    fields: [
      { name: 'name', type: 'text', required: true },
      conditionsField(options, 'conditions', 'Goal met when', 'enum_em_auto_goal'),
    ],
    labels: { plural: 'Goals', singular: 'Goal' },
  },
  run: async () => ({ kind: 'next', outcome: 'passed goal' }),
})
