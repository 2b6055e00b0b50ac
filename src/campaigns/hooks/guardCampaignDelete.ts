import type { CollectionAfterDeleteHook, CollectionBeforeDeleteHook } from 'payload'

import { sql } from '@payloadcms/db-postgres'
import { APIError } from 'payload'

import { pluginOptionsOf } from '../../pluginContext.js'
import { countedMessageUpdate } from '../../sending/counters/countDeltas.js'
import { drizzleFor, rowsOf, tableOf } from '../../utilities/db.js'
import {
  campaignEnvelopesTable,
  campaignRecipientsTable,
  sendLeasesTable,
} from '../../sending/recipients/recipientTables.js'

/**
 * Refuses deleting a campaign that is sending, or whose last emails a sender is still handing to
 * Postmark (a batch claimed before it was paused or cancelled): its waiting recipients would never
 * be sent nor shown anywhere, and a batch in flight could not be logged. The editor is told what to
 * do. A paused campaign's held emails become `cancelled`, as cancelling would make them, so they
 * do not wait forever in the message log once the campaign is gone. The campaign row is locked
 * first, so a resume cannot slip in between the check and the delete.
 */
export const refuseDeletingSendingCampaign: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const db = await drizzleFor(req)
  const campaigns = tableOf(req.payload, pluginOptionsOf(req.payload).slugs.campaigns)
  const [state] = rowsOf<{ inFlight: boolean; status: string }>(
    await db.execute(sql`
      SELECT c.status::text AS status,
        EXISTS (SELECT 1 FROM ${sendLeasesTable(req.payload)} l WHERE ${id}::int = ANY(l.campaign_ids::int[])) AS "inFlight"
      FROM ${campaigns} c WHERE c.id = ${id} FOR UPDATE OF c`),
  )
  if (!state) return
  if (state.status === 'sending')
    throw new APIError(
      'This campaign is sending and cannot be deleted. Pause or cancel it first; its sent emails stay in the message log.',
      409,
    )
  if (state.inFlight)
    throw new APIError(
      'This campaign’s last emails are being handed to Postmark right now. Try deleting it again in a minute.',
      409,
    )
  await db.execute(
    countedMessageUpdate(req.payload, {
      set: sql`status = 'cancelled', updated_at = now()`,
      where: sql`m.campaign_id = ${id} AND m.status IN ('queued', 'held')`,
    }),
  )
}

/** Removes what the send machinery kept for a deleted campaign: its envelope and any recipient left waiting. */
export const removeCampaignSendRows: CollectionAfterDeleteHook = async ({ id, req }) => {
  const db = await drizzleFor(req)
  await db.execute(
    sql`DELETE FROM ${campaignRecipientsTable(req.payload)} WHERE campaign_id = ${id}`,
  )
  await db.execute(
    sql`DELETE FROM ${campaignEnvelopesTable(req.payload)} WHERE campaign_id = ${id}`,
  )
}
