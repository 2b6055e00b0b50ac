import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { ClaimedMessage } from '../outboxTypes.js'

import { pluginOptionsOf } from '../../pluginContext.js'
import { rowsOf, type SQL, tableOf } from '../../utilities/db.js'
import { executePrepared } from '../../utilities/preparedStatements.js'
import { tableNameOf } from '../../utilities/tables.js'
import { deletedContactAddress } from './outboxRowsOf.js'
import { batchEntries, insertRecipientBatches } from './recipientBatches.js'
import {
  campaignEnvelopesTable,
  campaignRecipientsTable,
  sendLeasesTable,
} from './recipientTables.js'

type Drizzle = Payload['db']['drizzle']

/**
 * Takes up to `limit` recipients of sending campaigns (lowest campaign first, SKIP LOCKED) and
 * leases them: each take deletes one batch row of the fan-out (writing back what is over the
 * limit) and inserts one row of the send leases holding its recipients, in one statement; each
 * email gets its outbox id from the outbox's sequence (Postmark's metadata carries it, so the
 * reconciler can find it), and the lease row holds them until the results are written. Nothing
 * is written per email before Postmark answers. A paused campaign's recipients are not taken.
 * Takes repeat while they come back with fewer than asked for (a campaign's last batch, a batch
 * given back by a stopping sender).
 *
 * `db` is a claim's transaction (`transactionWithPrepared`), after `claimPlanSettings`.
 */
export const claimRecipients = async (
  payload: Payload,
  db: Drizzle,
  { limit, now }: { limit: number; now: Date },
): Promise<ClaimedMessage[]> => {
  const claimed: ClaimedMessage[] = []
  while (claimed.length < limit) {
    const taken = rowsOf<ClaimedMessage>(
      await executePrepared(
        payload,
        recipientClaimStatement(payload, { limit: limit - claimed.length, now }),
        db,
      ),
    )
    if (taken.length === 0) break
    claimed.push(...taken)
  }
  return claimed
}

/** The one statement of a recipients take (see claimRecipients). */
export const recipientClaimStatement = (
  payload: Payload,
  { limit, now }: { limit: number; now: Date },
): SQL => {
  const { postmark, sending, slugs } = pluginOptionsOf(payload)
  const recipients = campaignRecipientsTable(payload)
  const envelopes = campaignEnvelopesTable(payload)
  const at = now.toISOString()
  return sql`
      WITH taken AS (
        DELETE FROM ${recipients} w WHERE w.ctid = ANY(ARRAY(
          SELECT b.ctid FROM (
            SELECT c.id FROM ${tableOf(payload, slugs.campaigns)} c WHERE c.status = 'sending' ORDER BY c.id
          ) s, LATERAL (
            SELECT ctid FROM ${recipients} b WHERE b.campaign_id = s.id
            ORDER BY b.first_contact_id LIMIT 1 FOR UPDATE SKIP LOCKED
          ) b
          LIMIT 1))
        RETURNING w.campaign_id, w.contact_ids, w.variants
      ), entries AS (
        SELECT t.campaign_id, x.contact_id, x.variant, x.position FROM taken t, ${batchEntries('t')}
      ), rest AS (${insertRecipientBatches(
        payload,
        sql`(SELECT campaign_id, contact_id, variant FROM entries WHERE position > ${limit}) e`,
      )}
      ), drawn AS (
        -- The sequence is looked up once (an InitPlan), not per row.
        SELECT nextval((SELECT pg_get_serial_sequence(${tableNameOf(payload.db, slugs.messages)}, 'id'))::regclass)::int AS id,
          e.campaign_id, e.contact_id, e.variant
        FROM entries e WHERE e.position <= ${limit}
      ), lease AS (
        INSERT INTO ${sendLeasesTable(payload)} (stream, claimed_at, lease_until, ids, campaign_ids, contact_ids, variants)
        SELECT ${postmark.broadcastStream}, ${at}::timestamptz, ${at}::timestamptz + make_interval(secs => ${sending.leaseSeconds}),
          -- One aggregate step: the four arrays list the emails in the same order.
          array_agg(id)::text, array_agg(campaign_id)::text, array_agg(contact_id)::text, array_agg(variant)::text
        FROM drawn HAVING count(*) > 0
        RETURNING id
      )
      SELECT d.id, 'campaign' AS kind, e.stream, c.id AS "contactId", coalesce(c.email, ${deletedContactAddress}) AS "toAddress",
        NULL AS cc, NULL AS bcc, e.from_address AS "fromAddress", e.from_name AS "fromName", e.reply_to AS "replyTo", e.subject,
        NULL AS html, NULL AS text, NULL AS "templateAlias", NULL AS "templateModel", e.tag, e.metadata, NULL AS headers,
        NULL AS attachments, 1 AS attempts, d.campaign_id AS "campaignId", d.variant, lease.id AS "leaseId"
      FROM drawn d CROSS JOIN lease
      JOIN ${envelopes} e ON e.campaign_id = d.campaign_id
      LEFT JOIN ${tableOf(payload, slugs.contacts)} c ON c.id = d.contact_id
      ORDER BY d.id`
}
