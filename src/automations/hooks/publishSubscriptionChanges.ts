import type { CollectionAfterChangeHook } from 'payload'

import type { RecordedContactEvent } from '../../events/contactEvents.js'

import { recordContactEventsFor } from '../../events/recordContactEvents.js'

const idOf = (value: unknown): number =>
  Number(typeof value === 'object' && value ? (value as { id: number }).id : value)

/** The fact a subscription's status names, keyed by the time of that status so it counts once. */
export const subscriptionFact = (doc: Record<string, unknown>): RecordedContactEvent => {
  const contactId = idOf(doc.contact)
  const listId = idOf(doc.list)
  const type = doc.status === 'subscribed' ? 'list.subscribed' : 'list.unsubscribed'
  const at = doc.status === 'subscribed' ? doc.subscribedAt : doc.unsubscribedAt
  return {
    dedupeKey: at ? `${type}:${contactId}:${listId}:${String(at)}` : undefined,
    fact: { contactId, listId, type },
  }
}

/**
 * Records list.subscribed / list.unsubscribed when a subscription's status becomes subscribed or
 * unsubscribed through the Local API (including a double opt-in confirmation that updates the row),
 * in the write's transaction. A subscription is named by its `subscribedAt`, so the same fact
 * recorded twice counts once.
 */
export const publishSubscriptionChanges: CollectionAfterChangeHook = async ({
  doc,
  operation,
  previousDoc,
  req,
}) => {
  const previousStatus = operation === 'create' ? undefined : previousDoc?.status
  if (doc.status === previousStatus) return doc
  if (doc.status === 'subscribed' || doc.status === 'unsubscribed') {
    await recordContactEventsFor(req, [subscriptionFact(doc)])
  }
  return doc
}
