import type { CollectionSlug, Payload } from 'payload'

import { pluginOptionsOf } from '../pluginContext.js'
import { setSubscriptionStatus, subscriptionsOf } from './subscriptionRecords.js'

/**
 * Unsubscribes a contact from some lists, or from everything (`listIds` absent), which also sets
 * the contact `unsubscribed` so no marketing email reaches it. Repeating it changes nothing. The
 * subscriptions collection's afterChange hook publishes list.unsubscribed for each row changed.
 */
export const unsubscribeContact = async (
  payload: Payload,
  { contactId, listIds, reason }: { contactId: number; listIds?: number[]; reason: string },
): Promise<{ unsubscribed: number[] }> => {
  const current = await subscriptionsOf(payload, contactId, listIds)
  const changed: number[] = []
  for (const [listId, subscription] of current) {
    if (subscription.status === 'unsubscribed') continue
    await setSubscriptionStatus(payload, {
      contactId,
      existing: subscription,
      listId,
      status: 'unsubscribed',
    })
    changed.push(listId)
  }
  if (!listIds) {
    const collection = pluginOptionsOf(payload).slugs.contacts as CollectionSlug
    const contact = (await payload.findByID({
      id: contactId,
      collection,
      depth: 0,
    })) as unknown as { status: string }
    if (contact.status === 'active') {
      await payload.update({
        id: contactId,
        collection,
        data: { status: 'unsubscribed', statusReason: reason } as never,
        depth: 0,
      })
    }
  }
  return { unsubscribed: changed }
}
