import type { CollectionSlug } from 'payload'

import type { StepDefinition } from '../engine/stepTypes.js'

import { tagIdsOf, updateContact } from './contactUpdates.js'

/** Removes a tag (a no-op when the contact does not have it). */
export const removeTagStep = (tagsSlug: string): StepDefinition => ({
  block: {
    slug: 'removeTag',
    fields: [
      { name: 'tag', type: 'relationship', relationTo: tagsSlug as CollectionSlug, required: true },
    ],
    labels: { plural: 'Remove tags', singular: 'Remove tag' },
  },
  run: async ({ contact, payload, step }) => {
    const tagId = tagIdsOf([step.tag])[0]
    const changed = await updateContact(payload, contact.id, (fresh) => {
      const tags = tagIdsOf(fresh.tags)
      return tags.includes(tagId) ? { tags: tags.filter((id) => id !== tagId) } : null
    })
    return { kind: 'next', outcome: changed ? `removed tag ${tagId}` : `did not have tag ${tagId}` }
  },
})
