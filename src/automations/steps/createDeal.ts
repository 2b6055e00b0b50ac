import type { CollectionSlug } from 'payload'

import type { StepDefinition } from '../engine/stepTypes.js'

import { listIdOf } from './listSubscriptions.js'

/** Creates a deal for the contact in a pipeline stage. Runs after the engine has checkpointed past it, so at most once. */
export const createDealStep = (pipelinesSlug: string): StepDefinition => ({
  block: {
    slug: 'createDeal',
    fields: [
      { name: 'title', type: 'text', required: true },
      {
        type: 'row',
        fields: [
          {
            name: 'pipeline',
            type: 'relationship',
            relationTo: pipelinesSlug as CollectionSlug,
            required: true,
          },
          {
            name: 'stageId',
            type: 'text',
            admin: { description: 'The stage id within the pipeline.' },
            required: true,
          },
          { name: 'value', type: 'number', defaultValue: 0, min: 0 },
        ],
      },
    ],
    labels: { plural: 'Create deals', singular: 'Create deal' },
  },
  checkpointFirst: true,
  run: async ({ contact, options, payload, step }) => {
    const deal = await payload.create({
      collection: options.slugs.deals as CollectionSlug,
      data: {
        contacts: [contact.id],
        pipeline: listIdOf(step.pipeline),
        stage: String(step.stageId),
        title: String(step.title ?? 'Deal'),
        value: Number(step.value ?? 0),
      } as never,
    })
    return { kind: 'next', outcome: `created deal ${deal.id}` }
  },
})
