import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { SQL } from '../../utilities/db.js'

import { pluginOptionsOf } from '../../pluginContext.js'
import { campaignRecipientsTable } from './recipientTables.js'

/** A batch row's recipients as rows `x(contact_id, variant, position)`, in the row's (contact) order. */
export const batchEntries = (batch: string): SQL =>
  sql.raw(
    `unnest(${batch}.contact_ids::int[], ${batch}.variants::int[]) WITH ORDINALITY AS x(contact_id, variant, position)`,
  )

/** Every waiting recipient of the batch rows that meet `where` (over the batches as `b`), as a FROM item `r(campaign_id, contact_id, variant)`. */
export const waitingRecipients = (payload: Payload, where: SQL = sql`true`): SQL =>
  sql`(SELECT b.campaign_id, x.contact_id, x.variant FROM ${campaignRecipientsTable(payload)} b, ${batchEntries('b')} WHERE ${where}) r`

/** The batch rows that may hold `contactId` (by their bounds, then their array), over the batches as `alias`. */
export const batchHolds = (alias: string, contactId: number): SQL => {
  const column = (name: string) => sql.raw(`${alias}.${name}`)
  return sql`${column('first_contact_id')} <= ${contactId} AND ${column('last_contact_id')} >= ${contactId}
    AND ${contactId} = ANY(${column('contact_ids')}::int[])`
}

/**
 * An INSERT of recipients (`from`: a FROM item `e` exposing `campaign_id`, `contact_id`,
 * `variant`) as batch rows of up to `sending.batchSize` contacts each, in contact order per
 * campaign. Returns the rows' `campaign_id` and `variants`, for counter deltas.
 */
export const insertRecipientBatches = (payload: Payload, from: SQL): SQL => {
  const { batchSize } = pluginOptionsOf(payload).sending
  return sql`
    INSERT INTO ${campaignRecipientsTable(payload)} (campaign_id, first_contact_id, last_contact_id, contact_ids, variants)
    SELECT campaign_id, min(contact_id), max(contact_id), array_agg(contact_id ORDER BY contact_id)::text,
      array_agg(variant ORDER BY contact_id)::text
    FROM (
      SELECT e.campaign_id, e.contact_id, e.variant,
        (row_number() OVER (PARTITION BY e.campaign_id ORDER BY e.contact_id) - 1) / ${batchSize} AS n
      FROM ${from}
    ) p
    GROUP BY campaign_id, n
    RETURNING campaign_id, variants`
}

/** The recipients of batch rows written by `insertRecipientBatches` (CTE `cte`) as rows `alias(campaign_id, variant, sent_at)`, for counter deltas. */
export const writtenRecipients = (cte: string, alias: string): SQL =>
  sql.raw(
    `(SELECT w.campaign_id, v.variant, NULL::timestamptz AS sent_at FROM ${cte} w, unnest(w.variants::int[]) AS v(variant)) ${alias}`,
  )
