import type { CollectionSlug } from 'payload'

import type { StepDefinition } from '../engine/stepTypes.js'

import { listIdOf, setSubscriptionStatus } from './listSubscriptions.js'

/** Subscribes the contact to a list (no double opt-in: the automation acts for the owner). */
export const subscribeListStep = (listsSlug: string): StepDefinition => ({
  block: {
    slug: 'subscribeList',
    fields: [
      {
        name: 'list',
        type: 'relationship',
        relationTo: listsSlug as CollectionSlug,
        required: true,
      },
    ],
    labels: { plural: 'Subscribe to lists', singular: 'Subscribe to list' },
  },
  run: async ({ contact, payload, step }) => {
    const listId = listIdOf(step.list)
    const changed = await setSubscriptionStatus(payload, contact.id, listId, 'subscribed')
    return {
      kind: 'next',
      outcome: changed ? `subscribed to list ${listId}` : `already subscribed to list ${listId}`,
    }
  },
})
