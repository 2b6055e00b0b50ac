import type { CollectionSlug } from 'payload'

import type { StepDefinition } from '../engine/stepTypes.js'

import { listIdOf, setSubscriptionStatus } from './listSubscriptions.js'

/** Unsubscribes the contact from a list; nothing happens when it was not subscribed. */
export const unsubscribeListStep = (listsSlug: string): StepDefinition => ({
  block: {
    slug: 'unsubscribeList',
    fields: [
      {
        name: 'list',
        type: 'relationship',
        relationTo: listsSlug as CollectionSlug,
        required: true,
      },
    ],
    labels: { plural: 'Unsubscribe from lists', singular: 'Unsubscribe from list' },
  },
  run: async ({ contact, payload, step }) => {
    const listId = listIdOf(step.list)
    const changed = await setSubscriptionStatus(payload, contact.id, listId, 'unsubscribed')
    return {
      kind: 'next',
      outcome: changed
        ? `unsubscribed from list ${listId}`
        : `was not subscribed to list ${listId}`,
    }
  },
})
