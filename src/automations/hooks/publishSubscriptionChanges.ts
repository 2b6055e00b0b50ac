import type { CollectionAfterChangeHook } from 'payload'

import { publishContactEvent } from '../../events/contactEvents.js'

const idOf = (value: unknown): number =>
  Number(typeof value === 'object' && value ? (value as { id: number }).id : value)

/**
 * Publishes list.subscribed / list.unsubscribed when a subscription's status becomes subscribed or
 * unsubscribed through the Local API (including a double opt-in confirmation that updates the row).
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
    await publishContactEvent(
      req.payload,
      {
        contactId: idOf(doc.contact),
        listId: idOf(doc.list),
        type: doc.status === 'subscribed' ? 'list.subscribed' : 'list.unsubscribed',
      },
      req,
    )
  }
  return doc
}
