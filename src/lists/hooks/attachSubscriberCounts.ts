import type { CollectionAfterOperationHook } from 'payload'

import { drizzleFor } from '../../utilities/db.js'
import { numericIdOf } from '../../utilities/idOf.js'
import { subscriberCounts } from '../subscriberCounts.js'

type Doc = Record<string, unknown> & { id?: unknown }

/**
 * Fills the virtual `subscribers` field of every list a find returns with one grouped query for
 * the whole page (an afterRead field hook would run one query per list).
 */
export const attachSubscriberCounts: CollectionAfterOperationHook = async ({
  operation,
  req,
  result,
}) => {
  const docs: Doc[] =
    operation === 'find'
      ? ((result as { docs?: Doc[] }).docs ?? [])
      : operation === 'findByID' && result
        ? [result as Doc]
        : []
  const ids = docs.map((doc) => numericIdOf(doc.id)).filter((id): id is number => id !== null)
  if (ids.length === 0) return result
  const counts = await subscriberCounts(req.payload, await drizzleFor(req), ids)
  for (const doc of docs) {
    const id = numericIdOf(doc.id)
    if (id !== null) doc.subscribers = counts.get(id)
  }
  return result
}
