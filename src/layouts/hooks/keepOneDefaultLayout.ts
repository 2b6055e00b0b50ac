import type { CollectionAfterChangeHook, CollectionSlug } from 'payload'

/** Saving a layout as the default clears the flag on the others of its kind, in the same transaction. */
export const keepOneDefaultLayout: CollectionAfterChangeHook = async ({ collection, doc, req }) => {
  if (doc.isDefault) {
    const sameKind =
      doc.kind === 'transactional'
        ? { kind: { equals: 'transactional' } }
        : { kind: { not_equals: 'transactional' } }
    await req.payload.update({
      collection: collection.slug as CollectionSlug,
      data: { isDefault: false },
      req,
      where: { and: [{ id: { not_equals: doc.id } }, { isDefault: { equals: true } }, sameKind] },
    })
  }
  return doc
}
