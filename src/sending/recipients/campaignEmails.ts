import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { SQL } from '../../utilities/db.js'

import { pluginOptionsOf } from '../../pluginContext.js'
import { tableOf } from '../../utilities/db.js'

import { leaseEntries } from './materialise.js'
import { waitingRecipients } from './recipientBatches.js'
import { sendLeasesTable } from './recipientTables.js'

/**
 * Every email of every campaign in one FROM item `m` with the counted columns of an outbox row:
 * the outbox rows, waiting recipients as `queued` and leased ones as `sending` (what their rows
 * will be). For recounts; each side is read in full.
 */
export const campaignEmails = (payload: Payload): SQL => {
  const messages = tableOf(payload, pluginOptionsOf(payload).slugs.messages)
  const noFacts = sql.raw(
    'NULL::timestamptz AS sent_at, NULL::timestamptz AS events_delivered_at, NULL::timestamptz AS events_opened_at, NULL::timestamptz AS events_clicked_at, NULL::timestamptz AS events_bounced_at',
  )
  return sql`(
    SELECT campaign_id, contact_id, variant, status::text AS status, sent_at, events_delivered_at, events_opened_at,
      events_clicked_at, events_bounced_at
    FROM ${messages} WHERE campaign_id IS NOT NULL
    UNION ALL
    SELECT r.campaign_id, r.contact_id, r.variant, 'queued', ${noFacts} FROM ${waitingRecipients(payload)}
    UNION ALL
    SELECT r.campaign_id, r.contact_id, r.variant, 'sending', ${noFacts} FROM ${sendLeasesTable(payload)} l, ${leaseEntries('l')}
  ) m`
}
