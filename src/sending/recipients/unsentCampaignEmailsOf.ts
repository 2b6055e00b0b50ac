import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { pluginOptionsOf } from '../../pluginContext.js'
import { rowsOf, tableOf } from '../../utilities/db.js'
import { leaseEntries } from './materialise.js'
import {
  campaignEnvelopesTable,
  campaignRecipientsTable,
  sendLeasesTable,
} from './recipientTables.js'
import { batchHolds } from './recipientBatches.js'

export type UnsentCampaignEmail = {
  campaign: number
  campaignName: string
  /** `waiting` to be sent, or `sending`: a sender is handing it to Postmark. */
  status: 'sending' | 'waiting'
  /** The campaign's subject (Liquid, as written), as its message row will record it. */
  subject: null | string
}

/**
 * A contact's campaign emails that have no message row yet (see src/sending/recipients): waiting
 * recipients and emails in a sender's lease. Their rows are written once Postmark answers.
 */
export const unsentCampaignEmailsOf = async (
  payload: Payload,
  contactId: number,
): Promise<UnsentCampaignEmail[]> => {
  const campaigns = tableOf(payload, pluginOptionsOf(payload).slugs.campaigns)
  return rowsOf<UnsentCampaignEmail>(
    await payload.db.drizzle.execute(sql`
      SELECT u.campaign_id AS campaign, c.name AS "campaignName", u.status, e.subject
      FROM (
        SELECT b.campaign_id, 'waiting' AS status FROM ${campaignRecipientsTable(payload)} b WHERE ${batchHolds('b', contactId)}
        UNION ALL
        SELECT r.campaign_id, 'sending' FROM ${sendLeasesTable(payload)} l, ${leaseEntries('l')} WHERE r.contact_id = ${contactId}
      ) u
      JOIN ${campaigns} c ON c.id = u.campaign_id
      LEFT JOIN ${campaignEnvelopesTable(payload)} e ON e.campaign_id = u.campaign_id
      ORDER BY u.campaign_id`),
  )
}
