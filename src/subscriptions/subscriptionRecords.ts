import type { CollectionSlug, Payload } from 'payload'

import { numericIdOf } from '../utilities/idOf.js'
import type { SubscriptionStatus } from './subscriptionStatuses.js'

import { pluginOptionsOf } from '../pluginContext.js'

export type PublicList = { doubleOptIn: boolean; id: number; name: string; slug: string }

type SubscriptionRow = { id: number; list: number | { id: number }; status: SubscriptionStatus }

/** Public lists by slug; unknown and private slugs are simply absent. */
export const findPublicLists = async (payload: Payload, slugs: string[]): Promise<PublicList[]> => {
  if (slugs.length === 0) return []
  const { slugs: collections } = pluginOptionsOf(payload)
  const found = await payload.find({
    collection: collections.lists as CollectionSlug,
    depth: 0,
    limit: slugs.length,
    pagination: false,
    where: { and: [{ slug: { in: slugs } }, { public: { equals: true } }] },
  })
  return (found.docs as unknown as PublicList[]).map(({ doubleOptIn, id, name, slug }) => ({
    doubleOptIn: Boolean(doubleOptIn),
    id,
    name,
    slug,
  }))
}

/** The contact's subscriptions, optionally only to some lists, keyed by list id. */
export const subscriptionsOf = async (
  payload: Payload,
  contactId: number,
  listIds?: number[],
): Promise<Map<number, { id: number; status: SubscriptionStatus }>> => {
  const { slugs } = pluginOptionsOf(payload)
  const found = await payload.find({
    collection: slugs.subscriptions as CollectionSlug,
    depth: 0,
    pagination: false,
    where: {
      and: [{ contact: { equals: contactId } }, ...(listIds ? [{ list: { in: listIds } }] : [])],
    },
  })
  return new Map(
    (found.docs as unknown as SubscriptionRow[]).map((row) => [
      numericIdOf(row.list) ?? 0,
      { id: row.id, status: row.status },
    ]),
  )
}

/** Creates or moves the subscription to `status`; the collection hook stamps the time of the change. */
export const setSubscriptionStatus = async (
  payload: Payload,
  {
    contactId,
    existing,
    listId,
    status,
  }: { contactId: number; existing?: { id: number }; listId: number; status: SubscriptionStatus },
): Promise<void> => {
  const collection = pluginOptionsOf(payload).slugs.subscriptions as CollectionSlug
  if (existing) {
    await payload.update({ id: existing.id, collection, data: { status } as never, depth: 0 })
  } else {
    await payload.create({
      collection,
      data: { contact: contactId, list: listId, status } as never,
      depth: 0,
    })
  }
}
