import type { CollectionSlug } from 'payload'

import type { StepDefinition } from '../engine/stepTypes.js'

import { enroll } from '../engine/enroll.js'
import { listIdOf } from './listSubscriptions.js'

/** Enrolls the contact in another automation, one level deeper (with the run's deal); chains stop at `maxChainDepth`. */
export const startAutomationStep = (automationsSlug: string): StepDefinition => ({
  block: {
    slug: 'startAutomation',
    fields: [
      {
        name: 'automation',
        type: 'relationship',
        relationTo: automationsSlug as CollectionSlug,
        required: true,
      },
    ],
    labels: { plural: 'Start automations', singular: 'Start automation' },
  },
  run: async ({ contact, enrollment, options, path, payload, step }) => {
    const depth = (enrollment.state.depth ?? 0) + 1
    if (depth > options.automations.maxChainDepth) {
      return {
        kind: 'next',
        outcome: `not started: chain deeper than ${options.automations.maxChainDepth}`,
      }
    }
    const target = listIdOf(step.automation)
    const result = await enroll(payload, {
      automationId: target,
      contactId: contact.id,
      dealId: enrollment.state.dealId,
      depth,
      key: `start:${enrollment.id}:${path}`,
    })
    return {
      kind: 'next',
      outcome: result.enrolled
        ? `started automation ${target}`
        : `automation ${target} not started: ${result.reason}`,
    }
  },
})
