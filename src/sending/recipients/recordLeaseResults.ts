import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { SendOutcome } from '../mailer.js'

import { insertCountDeltas, queuedState, returnedState } from '../counters/countDeltas.js'
import { postgresErrorCode, rowsOf } from '../../utilities/db.js'
import { executePrepared } from '../../utilities/preparedStatements.js'
import { leaseEntries, leaseEntryColumns } from './materialise.js'
import { insertOutboxRows } from './outboxRowsOf.js'
import { sendLeasesTable } from './recipientTables.js'

type Accepted = Extract<SendOutcome, { status: 'accepted' }>

/** The statement of recordLeaseResults; its text depends only on `skipExisting` (it runs prepared). */
export const leaseResultStatement = (
  payload: Payload,
  leaseId: number,
  accepted: Accepted[],
  { captured, now, skipExisting }: { captured: boolean; now: Date; skipExisting: boolean },
) => {
  const outcomes = JSON.stringify(
    accepted.map((outcome) => ({ id: outcome.id, pmid: outcome.postmarkMessageId })),
  )
  const answered = sql`o.id IS NOT NULL`
  return sql`
      WITH l AS (
        DELETE FROM ${sendLeasesTable(payload)} w WHERE w.id = ${leaseId} RETURNING w.claimed_at, w.lease_until, ${leaseEntryColumns('w')}
      ), o AS (
        SELECT * FROM jsonb_to_recordset(${outcomes}::jsonb) AS o(id int, pmid text)
      ), written AS (${insertOutboxRows(payload, {
        attempts: sql`1`,
        claimedAt: sql`l.claimed_at`,
        from: sql`l, ${leaseEntries('l')} LEFT JOIN o ON o.id = r.id`,
        leaseUntil: sql`CASE WHEN ${answered} THEN NULL ELSE l.lease_until END`,
        postmarkMessageId: sql`o.pmid`,
        sentAt: sql`CASE WHEN ${answered} THEN ${now.toISOString()}::timestamptz END`,
        skipExisting,
        status: sql`CASE WHEN ${answered} THEN ${captured ? 'captured' : 'sent'} ELSE 'sending' END`,
        withIds: true,
      })}), counted AS (${insertCountDeltas(payload, {
        after: returnedState('written'),
        before: queuedState,
        rows: { alias: 'written', from: sql`written` },
      })})
      SELECT (SELECT count(*) FROM l)::int AS leased`
}

/**
 * Postmark accepted a leased batch: one transaction deletes the lease and writes each email's only
 * outbox row, `sent` (`captured` in capture mode) with its Postmark id, and the counter deltas. An
 * email of the lease without an outcome is written `sending` until the lease's end, for the
 * reconciler. Returns false, writing nothing, when the lease is gone: the reconciler took it over
 * (it outlived its lease) and the outbox rows are there, `sending`, for `recordOutcomes`.
 *
 * A leased recipient never has a row yet (the fan-out writes each recipient once), so the INSERT
 * first runs without ON CONFLICT: a speculative insertion costs a unique-index probe and one more
 * WAL record per row (0.5–0.8 s of Postgres CPU per 100,000 emails, measured). Should a row exist after all, the
 * statement fails whole and runs again skipping it.
 */
export const recordLeaseResults = async (
  payload: Payload,
  leaseId: number,
  accepted: Accepted[],
  options: { captured: boolean; now: Date },
): Promise<boolean> => {
  const run = async (skipExisting: boolean) =>
    rowsOf<{ leased: number }>(
      await executePrepared(
        payload,
        leaseResultStatement(payload, leaseId, accepted, { ...options, skipExisting }),
      ),
    )[0].leased > 0
  try {
    return await run(false)
  } catch (error) {
    if (postgresErrorCode(error) !== '23505') throw error
    return run(true)
  }
}
