import type { CollectionSlug, Payload } from 'payload'

import { pluginOptionsOf } from '../../pluginContext.js'

/** Reads a contact fresh and updates it through the Local API, so the contact hooks (and events) run. */
export const updateContact = async (
  payload: Payload,
  contactId: number,
  change: (contact: Record<string, unknown>) => null | Record<string, unknown>,
): Promise<boolean> => {
  const collection = pluginOptionsOf(payload).slugs.contacts as CollectionSlug
  const contact = (await payload.findByID({
    collection,
    depth: 0,
    id: contactId,
  })) as unknown as Record<string, unknown>
  const data = change(contact)
  if (!data) return false
  await payload.update({ collection, data, depth: 0, id: contactId })
  return true
}

export const tagIdsOf = (tags: unknown): number[] =>
  (Array.isArray(tags) ? tags : []).map((tag) =>
    Number(typeof tag === 'object' && tag ? (tag as { id: number }).id : tag),
  )
