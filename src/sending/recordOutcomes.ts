import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { SendOutcome } from './mailer.js'

import {
  countedColumns,
  countedFactColumns,
  fromSending,
  insertCountDeltas,
  returnedState,
} from './counters/countDeltas.js'
import { recordContactEvents } from '../events/recordContactEvents.js'
import { pluginOptionsOf } from '../pluginContext.js'
import { requeueStatus } from './requeueStatus.js'
import { arrayParam, rowsOf, tableOf } from '../utilities/db.js'

/** Postmark's "inactive recipient": the address hard-bounced, complained or was suppressed. */
const inactiveRecipient = 406

/**
 * Writes every element's result of a batch in one statement. Accepted → `sent` (`captured` in
 * capture mode); an inactive recipient → `suppressed` and its contact marked bounced, published as a
 * status change; any other rejection (invalid address...) → `failed`, with the reason also on the
 * contact. Only rows still `sending` are touched, so a late answer cannot overwrite a reconciled row.
 * The bounce facts for automations and the campaign counter deltas commit with the statement.
 */
export const recordOutcomes = async (
  payload: Payload,
  outcomes: SendOutcome[],
  { captured, now }: { captured: boolean; now: Date },
): Promise<void> => {
  if (outcomes.length === 0) return
  const options = pluginOptionsOf(payload)
  const messages = tableOf(payload, options.slugs.messages)
  const contacts = tableOf(payload, options.slugs.contacts)
  const results = outcomes.map((outcome) =>
    outcome.status === 'accepted'
      ? {
          error: null,
          id: outcome.id,
          pmid: outcome.postmarkMessageId,
          status: captured ? 'captured' : 'sent',
        }
      : {
          error: `Postmark error ${outcome.errorCode}: ${outcome.message}`,
          id: outcome.id,
          pmid: null,
          status: outcome.errorCode === inactiveRecipient ? 'suppressed' : 'failed',
        },
  )
  await payload.db.drizzle.transaction(async (tx) => {
    const contactsChanged = rowsOf<{ bounced: boolean; id: number }>(
      await tx.execute(sql`
    WITH results AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(results)}::jsonb) AS r(id int, status text, pmid text, error text)
    ), updated AS (
      UPDATE ${messages} m
      SET status = r.status::enum_em_message_status, postmark_message_id = r.pmid, last_error = r.error,
          sent_at = CASE WHEN r.status IN ('sent', 'captured') THEN ${now.toISOString()}::timestamptz END,
          lease_until = NULL, updated_at = now()
      FROM results r
      WHERE m.id = r.id AND m.status = 'sending'
      RETURNING m.contact_id, r.status, r.error, ${countedFactColumns}
    ), counted AS (${insertCountDeltas(payload, {
      after: returnedState('updated'),
      before: returnedState('updated', sql`'sending'`),
      rows: { alias: 'updated', from: sql`updated` },
    })})
    UPDATE ${contacts} c
    SET status = CASE WHEN u.status = 'suppressed' AND c.status = 'active' THEN 'bounced'::enum_em_contact_status ELSE c.status END,
        status_reason = u.error, updated_at = now()
    FROM updated u, ${contacts} previous
    WHERE c.id = u.contact_id AND previous.id = c.id AND u.status IN ('suppressed', 'failed')
    RETURNING c.id, (u.status = 'suppressed' AND previous.status = 'active') AS bounced
  `),
    )
    // Recorded like a webhook bounce, so "field changed" automations see inactive recipients too.
    await recordContactEvents(
      payload,
      tx as unknown as Payload['db']['drizzle'],
      contactsChanged
        .filter((row) => row.bounced)
        .map(({ id }) => ({
          contactId: id,
          field: 'status',
          previousValue: 'active',
          type: 'contact.fieldChanged' as const,
          value: 'bounced',
        })),
    )
  })
}

/**
 * A whole batch call failed. When Postmark surely did not accept it (429, 5xx) the rows go back to
 * the queue with exponential backoff and jitter, or to `failed` after the last attempt. When the
 * outcome is unknown (timeout, dropped connection) they stay `sending` with a short lease, so the
 * reconciler asks Postmark before anything is resent.
 */
export const recordBatchFailure = async (
  payload: Payload,
  ids: number[],
  { error, now, outcome }: { error: string; now: Date; outcome: 'notAccepted' | 'unknown' },
): Promise<void> => {
  const options = pluginOptionsOf(payload)
  const messages = tableOf(payload, options.slugs.messages)
  const at = now.toISOString()
  const backoff = sql`make_interval(secs => least(3600, ${options.sending.retryBaseSeconds} * power(2, m.attempts - 1) * (0.5 + random())))`
  if (outcome === 'unknown') {
    await payload.db.drizzle.execute(sql`
      UPDATE ${messages} m SET lease_until = ${at}::timestamptz + ${backoff}, last_error = ${error}, updated_at = now()
      WHERE m.id = ANY(${arrayParam(ids)}::int[]) AND m.status = 'sending'`)
    return
  }
  await payload.db.drizzle.execute(sql`
    WITH changed AS (
      UPDATE ${messages} m
      SET status = ${requeueStatus(payload)},
          next_attempt_at = ${at}::timestamptz + ${backoff}, lease_until = NULL, last_error = ${error}, updated_at = now()
      WHERE m.id = ANY(${arrayParam(ids)}::int[]) AND m.status = 'sending'
      RETURNING ${countedColumns}
    )
    ${fromSending(payload, 'changed')}`)
}

/** Rows that could not be rendered or linked at claim time (their campaign or contact is gone) fail for good. */
export const recordRenderFailures = async (
  payload: Payload,
  failures: { error: string; id: number }[],
): Promise<void> => {
  if (failures.length === 0) return
  const messages = tableOf(payload, pluginOptionsOf(payload).slugs.messages)
  await payload.db.drizzle.execute(sql`
    WITH r AS (SELECT * FROM jsonb_to_recordset(${JSON.stringify(failures)}::jsonb) AS r(id int, error text)), changed AS (
      UPDATE ${messages} m SET status = 'failed', last_error = r.error, lease_until = NULL, updated_at = now()
      FROM r WHERE m.id = r.id AND m.status = 'sending'
      RETURNING ${countedColumns}
    )
    ${fromSending(payload, 'changed')}`)
  payload.logger.error({
    msg: `email-marketing: ${failures.length} messages could not be prepared for sending: ${failures[0].error}`,
  })
}
