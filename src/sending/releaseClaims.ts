import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { ClaimedMessage } from './outboxTypes.js'

import { returnLeases } from './recipients/materialise.js'
import { pluginOptionsOf } from '../pluginContext.js'
import { arrayParam, tableOf } from '../utilities/db.js'

/**
 * Hands what this process claimed but never sent back (a clean shutdown), so another process
 * sends it now instead of after its lease: outbox rows go back to `queued`, undoing the claim's
 * attempt count, and leased campaign recipients wait again.
 */
export const releaseClaims = async (payload: Payload, claimed: ClaimedMessage[]): Promise<void> => {
  const leases = [
    ...new Set(claimed.flatMap((message) => (message.leaseId ? [message.leaseId] : []))),
  ]
  await returnLeases(payload, leases)
  const ids = claimed.filter((message) => !message.leaseId).map((message) => message.id)
  if (ids.length === 0) return
  const messages = tableOf(payload, pluginOptionsOf(payload).slugs.messages)
  await payload.db.drizzle.execute(sql`
    UPDATE ${messages}
    SET status = 'queued', attempts = greatest(attempts - 1, 0), claimed_at = NULL, lease_until = NULL, updated_at = now()
    WHERE id = ANY(${arrayParam(ids)}::int[]) AND status = 'sending'`)
}
