import type { CollectionAfterChangeHook, CollectionSlug } from 'payload'

/** Saving a layout as the default clears the flag on the others, in the same transaction. */
export const keepOneDefaultLayout: CollectionAfterChangeHook = async ({ collection, doc, req }) => {
  if (doc.isDefault) {
    await req.payload.update({
      collection: collection.slug as CollectionSlug,
      data: { isDefault: false },
      req,
      where: { and: [{ id: { not_equals: doc.id } }, { isDefault: { equals: true } }] },
    })
  }
  return doc
}
