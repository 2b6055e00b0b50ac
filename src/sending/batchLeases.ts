import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { SendOutcome } from './mailer.js'
import type { ClaimedMessage } from './outboxTypes.js'

import { materialiseLeases } from './recipients/materialise.js'
import { recordLeaseResults } from './recipients/recordLeaseResults.js'
import { arrayParam } from '../utilities/db.js'
import { recordOutcomes } from './recordOutcomes.js'

type Accepted = Extract<SendOutcome, { status: 'accepted' }>

/**
 * A batch's send leases (campaign emails without an outbox row yet). Only a lease whose every
 * email Postmark accepted is written straight to its final rows; anything else (a suppression, a
 * render failure, a rejection, a failed call) first turns the lease into `sending` rows, so the
 * outbox's own paths handle it as they handle any claimed row.
 */
export const batchLeases = (payload: Payload) => {
  const settled = new Set<number>()
  const openLeases = (messages: ClaimedMessage[]): number[] => [
    ...new Set(
      messages.flatMap((message) =>
        message.leaseId && !settled.has(message.leaseId) ? [message.leaseId] : [],
      ),
    ),
  ]

  /** Writes the open leases of `messages` as `sending` outbox rows, once each. */
  const asOutboxRows = async (messages: ClaimedMessage[]): Promise<void> => {
    const leases = openLeases(messages)
    if (leases.length === 0) return
    await materialiseLeases(payload, payload.db.drizzle, {
      where: sql`w.id = ANY(${arrayParam(leases)}::int[])`,
    })
    for (const lease of leases) settled.add(lease)
  }

  /** Records a sent group's outcomes: fully accepted leases as their rows, the rest on outbox rows. */
  const recordSent = async (
    group: ClaimedMessage[],
    outcomes: SendOutcome[],
    options: { captured: boolean; now: Date },
  ): Promise<void> => {
    const leaseOf = new Map(group.map((message) => [message.id, message.leaseId ?? null]))
    const rejected = new Set(
      outcomes.flatMap((outcome) =>
        outcome.status === 'rejected' ? [leaseOf.get(outcome.id) ?? null] : [],
      ),
    )
    await asOutboxRows(group.filter((message) => rejected.has(message.leaseId ?? null)))
    const onRows: SendOutcome[] = outcomes.filter((outcome) => {
      const lease = leaseOf.get(outcome.id)
      return !lease || settled.has(lease)
    })
    for (const lease of openLeases(group)) {
      const accepted = outcomes.filter(
        (outcome): outcome is Accepted =>
          outcome.status === 'accepted' && leaseOf.get(outcome.id) === lease,
      )
      settled.add(lease)
      if (!(await recordLeaseResults(payload, lease, accepted, options))) onRows.push(...accepted)
    }
    await recordOutcomes(payload, onRows, options)
  }

  return { asOutboxRows, recordSent }
}
