import type { CollectionSlug } from 'payload'

import type { StepDefinition } from '../engine/stepTypes.js'

import { tagIdsOf, updateContact } from './contactUpdates.js'

/** Adds a tag (a no-op when the contact has it, so a re-run changes nothing). */
export const addTagStep = (tagsSlug: string): StepDefinition => ({
  block: {
    slug: 'addTag',
    fields: [
      { name: 'tag', type: 'relationship', relationTo: tagsSlug as CollectionSlug, required: true },
    ],
    labels: { plural: 'Add tags', singular: 'Add tag' },
  },
  run: async ({ contact, payload, step }) => {
    const tagId = tagIdsOf([step.tag])[0]
    const changed = await updateContact(payload, contact.id, (fresh) => {
      const tags = tagIdsOf(fresh.tags)
      return tags.includes(tagId) ? null : { tags: [...tags, tagId] }
    })
    return { kind: 'next', outcome: changed ? `added tag ${tagId}` : `already had tag ${tagId}` }
  },
})
