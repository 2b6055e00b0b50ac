import type { CollectionAfterOperationHook } from 'payload'

import { drizzleFor } from '../../utilities/db.js'
import { numericIdOf } from '../../utilities/idOf.js'
import { subscriberCounts } from '../subscriberCounts.js'

type Doc = Record<string, unknown> & { id?: unknown }

/** Whether a find's `select` leaves `subscribers` out (include mode without it, or excluded). */
const leavesOutSubscribers = (select: unknown): boolean => {
  if (!select || typeof select !== 'object') return false
  const fields = select as Record<string, unknown>
  const includeMode = Object.values(fields).some((value) => value === true)
  return includeMode ? fields.subscribers !== true : fields.subscribers === false
}

/**
 * Fills the virtual `subscribers` field of every list a find returns with one grouped query for
 * the whole page (an afterRead field hook would run one query per list). A find whose `select`
 * leaves the field out is not counted: counting reads every subscription of the list, and the send
 * machinery looks lists up on every tick.
 */
export const attachSubscriberCounts: CollectionAfterOperationHook = async ({
  args,
  operation,
  req,
  result,
}) => {
  if (leavesOutSubscribers((args as { select?: unknown }).select)) return result
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
