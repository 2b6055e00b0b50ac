import type { CollectionSlug, Payload } from 'payload'

/** The documents of `collection` with these ids that exist, in one query (depth 0), by id. */
export const findByIds = async <T extends { id: number | string }>(
  payload: Payload,
  collection: string,
  ids: (number | string)[],
): Promise<Map<T['id'], T>> => {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return new Map()
  const { docs } = await payload.find({
    collection: collection as CollectionSlug,
    depth: 0,
    limit: unique.length,
    pagination: false,
    where: { id: { in: unique } },
  })
  return new Map((docs as unknown as T[]).map((doc) => [doc.id, doc]))
}
