import type { Payload } from 'payload'

import { pluginOptionsOf } from '../pluginContext.js'

/** A field of some collection that points at contacts. */
export type ContactReference = {
  collection: string
  field: string
  hasMany: boolean
  required: boolean
}

/**
 * Every top-level relationship field, in any collection present at runtime (deals, enrollments,
 * timeline events... whichever features are installed), that points at contacts.
 */
export const contactReferences = (payload: Payload): ContactReference[] => {
  const { slugs } = pluginOptionsOf(payload)
  const references: ContactReference[] = []
  for (const [slug, collection] of Object.entries(payload.collections)) {
    if (slug === slugs.contacts) continue
    for (const field of collection.config.flattenedFields) {
      if (field.type !== 'relationship') continue
      const targets = Array.isArray(field.relationTo) ? field.relationTo : [field.relationTo]
      if (!(targets as string[]).includes(slugs.contacts) || Array.isArray(field.relationTo))
        continue
      references.push({
        collection: slug,
        field: field.name,
        hasMany: Boolean(field.hasMany),
        required: Boolean(field.required),
      })
    }
  }
  return references
}
