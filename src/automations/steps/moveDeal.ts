import type { CollectionSlug } from 'payload'

import type { StepDefinition } from '../engine/stepTypes.js'

import { listIdOf } from './listSubscriptions.js'

/** Moves the contact's most recent open deal in a pipeline to a stage (idempotent: moving to the same stage again changes nothing). */
export const moveDealStep = (pipelinesSlug: string): StepDefinition => ({
  block: {
    slug: 'moveDeal',
    fields: [
      {
        type: 'row',
        fields: [
          {
            name: 'pipeline',
            type: 'relationship',
            relationTo: pipelinesSlug as CollectionSlug,
            required: true,
          },
          { name: 'stageId', type: 'text', required: true },
        ],
      },
    ],
    labels: { plural: 'Move deals', singular: 'Move deal' },
  },
  run: async ({ contact, options, payload, step }) => {
    const collection = options.slugs.deals as CollectionSlug
    const { docs } = await payload.find({
      collection,
      depth: 0,
      limit: 1,
      sort: '-createdAt',
      where: {
        and: [
          { contacts: { in: [contact.id] } },
          { pipeline: { equals: listIdOf(step.pipeline) } },
          { status: { equals: 'open' } },
        ],
      },
    })
    const deal = docs[0] as undefined | { id: number; stage: string }
    if (!deal) return { kind: 'next', outcome: 'no open deal in the pipeline' }
    if (deal.stage === step.stageId)
      return { kind: 'next', outcome: `deal ${deal.id} already in ${String(step.stageId)}` }
    await payload.update({
      collection,
      data: { stage: String(step.stageId) } as never,
      id: deal.id,
    })
    return { kind: 'next', outcome: `moved deal ${deal.id} to ${String(step.stageId)}` }
  },
})
