import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { ClaimedMessage } from '../outboxTypes.js'

import { pluginOptionsOf } from '../../pluginContext.js'
import { rowsOf, type SQL, tableOf } from '../../utilities/db.js'
import { tableNameOf } from '../../utilities/tables.js'
import { deletedContactAddress } from './outboxRowsOf.js'
import {
  campaignEnvelopesTable,
  campaignRecipientsTable,
  sendLeasesTable,
} from './recipientTables.js'

type Drizzle = Payload['db']['drizzle']

/**
 * Takes up to `limit` recipients of sending campaigns (lowest campaign first, SKIP LOCKED) and
 * leases them in one row, in one statement: the recipients are deleted, each email gets its outbox
 * id from the outbox's sequence (Postmark's metadata carries it, so the reconciler can find it),
 * and the lease row holds them until the results are written. Nothing else is written per email
 * before Postmark answers. A paused campaign's recipients are not taken.
 *
 * Claims take recipients in contact order, so the recipients index fills up with the entries of
 * recipients already taken (dead until vacuumed), which every claim from the start of the campaign
 * would walk again: 7.8 ms of a claim late in a 100,000-recipient campaign instead of 0.2 ms. Each
 * campaign's envelope keeps the highest contact claimed (`claim_floor`), and claims start there.
 * Recipients below it (given back by a stopping sender, or skipped while another claim that then
 * failed held them) are taken by a claim from the start, run whenever the one from the floor comes up short.
 *
 * `db` is a claim's transaction, after `claimPlanSettings`: with statistics from before the fan-out
 * the planner would otherwise read and sort every waiting recipient of the campaign for each claim.
 */
export const claimRecipients = async (
  payload: Payload,
  db: Drizzle,
  { limit, now }: { limit: number; now: Date },
): Promise<ClaimedMessage[]> => {
  const claimed = await takeRecipients(payload, db, { fromFloor: true, limit, now })
  if (claimed.length >= limit) return claimed
  return [
    ...claimed,
    ...(await takeRecipients(payload, db, {
      fromFloor: false,
      limit: limit - claimed.length,
      now,
    })),
  ]
}

type Take = { fromFloor: boolean; limit: number; now: Date }

/** The one statement of a recipients claim (see claimRecipients). */
export const recipientClaimStatement = (payload: Payload, { fromFloor, limit, now }: Take): SQL => {
  const { postmark, sending, slugs } = pluginOptionsOf(payload)
  const recipients = campaignRecipientsTable(payload)
  const envelopes = campaignEnvelopesTable(payload)
  const at = now.toISOString()
  return sql`
      WITH taken AS (
        DELETE FROM ${recipients} w WHERE w.ctid = ANY(ARRAY(
          SELECT r.ctid FROM (
            SELECT c.id, ${fromFloor ? sql`e.claim_floor` : sql`0`} AS floor FROM ${tableOf(payload, slugs.campaigns)} c
            JOIN ${envelopes} e ON e.campaign_id = c.id WHERE c.status = 'sending' ORDER BY c.id
          ) s, LATERAL (
            SELECT ctid FROM ${recipients} r WHERE r.campaign_id = s.id AND r.contact_id >= s.floor
            ORDER BY r.contact_id LIMIT ${limit} FOR UPDATE SKIP LOCKED
          ) r
          LIMIT ${limit}))
        RETURNING w.campaign_id, w.contact_id, w.variant
      ), floors AS (
        UPDATE ${envelopes} e SET claim_floor = t.last
        FROM (SELECT campaign_id, max(contact_id) AS last FROM taken GROUP BY 1) t
        WHERE e.campaign_id = t.campaign_id AND e.claim_floor < t.last
      ), drawn AS (
        -- The sequence is looked up once (an InitPlan), not per row.
        SELECT nextval((SELECT pg_get_serial_sequence(${tableNameOf(payload.db, slugs.messages)}, 'id'))::regclass)::int AS id, taken.*
        FROM taken
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

const takeRecipients = async (
  payload: Payload,
  db: Drizzle,
  take: Take,
): Promise<ClaimedMessage[]> =>
  take.limit <= 0
    ? []
    : rowsOf<ClaimedMessage>(await db.execute(recipientClaimStatement(payload, take)))
