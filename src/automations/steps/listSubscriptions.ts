import type { CollectionSlug, Payload } from 'payload'

import { pluginOptionsOf } from '../../pluginContext.js'

/** Puts a contact's subscription to a list in a status through the Local API; a no-op when it already is. */
export const setSubscriptionStatus = async (
  payload: Payload,
  contactId: number,
  listId: number,
  status: 'subscribed' | 'unsubscribed',
): Promise<boolean> => {
  const collection = pluginOptionsOf(payload).slugs.subscriptions as CollectionSlug
  const { docs } = await payload.find({
    collection,
    depth: 0,
    limit: 1,
    where: { and: [{ contact: { equals: contactId } }, { list: { equals: listId } }] },
  })
  const existing = docs[0] as undefined | { id: number; status: string }
  if (existing?.status === status || (!existing && status === 'unsubscribed')) return false
  if (existing) await payload.update({ collection, data: { status }, id: existing.id })
  else await payload.create({ collection, data: { contact: contactId, list: listId, status } })
  return true
}

export const listIdOf = (list: unknown): number =>
  Number(typeof list === 'object' && list ? (list as { id: number }).id : list)
