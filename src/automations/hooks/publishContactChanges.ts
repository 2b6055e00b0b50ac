import type { CollectionAfterChangeHook } from 'payload'

import type { ContactEvent } from '../../events/contactEvents.js'

import { recordContactEventsFor } from '../../events/recordContactEvents.js'

const watchedFields = ['firstName', 'lastName', 'phone', 'company', 'status', 'source'] as const

const idsOf = (tags: unknown): number[] =>
  (Array.isArray(tags) ? tags : []).map((tag) =>
    Number(typeof tag === 'object' && tag ? (tag as { id: number }).id : tag),
  )

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

/** The facts a contact write produced: tags added and removed, fields (and attributes.<key>) changed. */
export const contactChanges = (
  doc: Record<string, unknown>,
  previousDoc: Record<string, unknown> | undefined,
): ContactEvent[] => {
  const contactId = Number(doc.id)
  const before = idsOf(previousDoc?.tags)
  const after = idsOf(doc.tags)
  const events: ContactEvent[] = [
    ...after
      .filter((id) => !before.includes(id))
      .map((tagId): ContactEvent => ({ contactId, tagId, type: 'tag.added' })),
    ...before
      .filter((id) => !after.includes(id))
      .map((tagId): ContactEvent => ({ contactId, tagId, type: 'tag.removed' })),
  ]
  if (!previousDoc) return events
  for (const field of watchedFields) {
    if (!same(doc[field], previousDoc[field])) {
      events.push({
        contactId,
        field,
        previousValue: previousDoc[field] ?? null,
        type: 'contact.fieldChanged',
        value: doc[field] ?? null,
      })
    }
  }
  const attributes = (doc.attributes ?? {}) as Record<string, unknown>
  const previousAttributes = (previousDoc.attributes ?? {}) as Record<string, unknown>
  for (const key of new Set([...Object.keys(attributes), ...Object.keys(previousAttributes)])) {
    if (!same(attributes[key], previousAttributes[key])) {
      events.push({
        contactId,
        field: `attributes.${key}`,
        previousValue: previousAttributes[key] ?? null,
        type: 'contact.fieldChanged',
        value: attributes[key] ?? null,
      })
    }
  }
  return events
}

/** Records tag and field changes of contacts written through the Local API, in the write's transaction. */
export const publishContactChanges: CollectionAfterChangeHook = async ({
  doc,
  operation,
  previousDoc,
  req,
}) => {
  const events = contactChanges(doc, operation === 'create' ? undefined : previousDoc)
  await recordContactEventsFor(req, events)
  return doc
}
