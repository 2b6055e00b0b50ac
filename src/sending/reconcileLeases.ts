import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { Mailer } from './mailer.js'

import { materialiseLeases } from './recipients/materialise.js'
import { countedColumns, fromSending } from './counters/countDeltas.js'
import { pluginOptionsOf } from '../pluginContext.js'
import { requeueStatus } from './requeueStatus.js'
import { arrayParam, rowsOf, tableOf } from '../utilities/db.js'
import { mapWithConcurrency } from '../utilities/mapWithConcurrency.js'

/**
 * Messages whose worker died (or whose call timed out) while `sending`: each is looked up in
 * Postmark's outbound search by its `messageId` metadata. Found → `sent`; never accepted → back to
 * the queue (or `failed` after the last attempt). A failed search leaves the row for a later pass.
 * Campaign send leases that outlived their lease are first written as their `sending` rows.
 */
export const reconcileLeases = async (
  payload: Payload,
  { limit = 200, mailer, now }: { limit?: number; mailer: Mailer; now: Date },
): Promise<{ requeued: number; sent: number }> => {
  const options = pluginOptionsOf(payload)
  const messages = tableOf(payload, options.slugs.messages)
  const at = now.toISOString()
  await materialiseLeases(payload, payload.db.drizzle, {
    where: sql`w.lease_until < ${at}::timestamptz`,
  })
  const stale = rowsOf<{ id: number }>(
    await payload.db.drizzle.execute(sql`
      WITH stale AS (
        SELECT id FROM ${messages}
        WHERE status = 'sending' AND lease_until < ${at}::timestamptz
        ORDER BY lease_until LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      )
      UPDATE ${messages} m SET lease_until = ${at}::timestamptz + make_interval(secs => ${options.sending.leaseSeconds})
      FROM stale WHERE m.id = stale.id
      RETURNING m.id`),
  )
  if (stale.length === 0) return { requeued: 0, sent: 0 }

  const found = await mapWithConcurrency(stale, 8, async ({ id }) => {
    try {
      return { id, postmarkMessageId: await mailer.findAccepted(id), searched: true }
    } catch (error) {
      payload.logger.error({
        err: error,
        msg: `email-marketing: could not look up message ${id} in Postmark; will retry`,
      })
      return { id, postmarkMessageId: null, searched: false }
    }
  })
  const accepted = found.filter((row) => row.postmarkMessageId)
  const neverAccepted = found
    .filter((row) => row.searched && !row.postmarkMessageId)
    .map((row) => row.id)
  if (accepted.length) {
    await payload.db.drizzle.execute(sql`
      WITH changed AS (
        UPDATE ${messages} m SET status = 'sent', postmark_message_id = r.pmid, sent_at = ${at}::timestamptz,
          lease_until = NULL, last_error = NULL, updated_at = now()
        FROM jsonb_to_recordset(${JSON.stringify(accepted.map((row) => ({ id: row.id, pmid: row.postmarkMessageId })))}::jsonb) AS r(id int, pmid text)
        WHERE m.id = r.id AND m.status = 'sending'
        RETURNING ${countedColumns}
      )
      ${fromSending(payload, 'changed')}`)
  }
  if (neverAccepted.length) {
    await payload.db.drizzle.execute(sql`
      WITH changed AS (
        UPDATE ${messages} m
        SET status = ${requeueStatus(payload)},
            next_attempt_at = ${at}::timestamptz, lease_until = NULL,
            last_error = coalesce(m.last_error, 'The sending worker stopped before Postmark answered; Postmark has no record of it.'),
            updated_at = now()
        WHERE m.id = ANY(${arrayParam(neverAccepted)}::int[]) AND m.status = 'sending'
        RETURNING ${countedColumns}
      )
      ${fromSending(payload, 'changed')}`)
  }
  return { requeued: neverAccepted.length, sent: accepted.length }
}
