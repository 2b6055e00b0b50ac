import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { pluginOptionsOf } from '../pluginContext.js'
import { rowsOf, tableOf } from '../utilities/db.js'
import { relsTableOf } from '../utilities/tables.js'
import { startFanOutPhase } from './campaignActions.js'
import { fanOutCampaign } from './fanOut.js'
import { pauseIfAudienceBroken } from './pauseWithReason.js'
import { pickDueWinners } from './pickWinner.js'
import { leaseEntries } from '../sending/recipients/materialise.js'
import { campaignRecipientsTable, sendLeasesTable } from '../sending/recipients/recipientTables.js'
import { repairCampaignRows } from './repairCampaignRows.js'
import { foldCampaignCountDeltas } from './stats/foldCampaignCountDeltas.js'

/**
 * Counter deltas folded per campaign tick: about 1.5 per message (delivery, first open, first
 * click) arrive while a campaign sends, far below this per second and process.
 */
const foldBatchSize = 10_000

export type CampaignTickOptions = { budgetMs?: number; chunkSize?: number; now?: Date }

/**
 * One scheduler tick for campaigns: start due scheduled ones (a guarded status change, so one
 * process wins), pause scheduled and sending ones whose audience became empty or names a deleted
 * list or segment (before their time, so the editor sees why), pick A/B winners whose wait is over,
 * continue fan-outs from their checkpoints, put rows back in line with their campaign's status, fold
 * one batch of counter deltas, and mark campaigns with nothing left to send as sent. Bounded by `budgetMs` per campaign.
 */
export const campaignTick = async (
  payload: Payload,
  { budgetMs = 2000, chunkSize, now = new Date() }: CampaignTickOptions = {},
) => {
  const { slugs } = pluginOptionsOf(payload)
  const campaigns = tableOf(payload, slugs.campaigns)
  const messages = tableOf(payload, slugs.messages)
  const paused: number[] = []
  // Deleting a list cascades to the link and deleting a segment nulls it, so an emptied audience shows here.
  const emptied = rowsOf<{ id: number }>(
    await payload.db.drizzle.execute(sql`
      SELECT c.id FROM ${campaigns} c
      WHERE c.status = 'scheduled' AND c.audience_segment_id IS NULL
        AND NOT EXISTS (SELECT 1 FROM ${relsTableOf(payload, slugs.campaigns)} r WHERE r.parent_id = c.id AND r.path = 'audience.lists')`),
  )
  for (const { id } of emptied) if (await pauseIfAudienceBroken(payload, id)) paused.push(id)
  const started = rowsOf<{ id: number }>(
    await payload.db.drizzle.execute(sql`
      UPDATE ${campaigns} SET status = 'sending', fan_out_phase = 'idle', updated_at = now()
      WHERE status = 'scheduled' AND scheduled_at <= ${now.toISOString()}::timestamptz RETURNING id`),
  )
  const idle = rowsOf<{ id: number }>(
    await payload.db.drizzle.execute(
      sql`SELECT id FROM ${campaigns} WHERE status = 'sending' AND fan_out_phase = 'idle'`,
    ),
  )
  for (const { id } of idle) {
    if (await pauseIfAudienceBroken(payload, id)) paused.push(id)
    else await startFanOutPhase(payload, id)
  }
  const winners = await pickDueWinners(payload, now)
  const active = rowsOf<{ id: number }>(
    await payload.db.drizzle.execute(sql`
      SELECT id FROM ${campaigns} WHERE status = 'sending' AND fan_out_phase IN ('all', 'test', 'remainder') ORDER BY id`),
  )
  let queued = 0
  for (const { id } of active) {
    if (await pauseIfAudienceBroken(payload, id)) paused.push(id)
    else queued += (await fanOutCampaign(payload, id, { budgetMs, chunkSize })).written
  }
  const repaired = await repairCampaignRows(payload)
  // Every second, so a sending campaign's webhooks never pile up unfolded deltas for its stats to add.
  const folded = await foldCampaignCountDeltas(payload, { batchSize: foldBatchSize })
  const finished = rowsOf<{ id: number }>(
    await payload.db.drizzle.execute(sql`
      UPDATE ${campaigns} c SET status = 'sent', fan_out_finished_at = now()
      WHERE c.status = 'sending' AND c.fan_out_phase = 'done'
        AND NOT EXISTS (SELECT 1 FROM ${messages} m WHERE m.campaign_id = c.id AND m.status IN ('queued', 'sending', 'held'))
        AND NOT EXISTS (SELECT 1 FROM ${campaignRecipientsTable(payload)} r WHERE r.campaign_id = c.id)
        AND NOT EXISTS (SELECT 1 FROM ${sendLeasesTable(payload)} l, ${leaseEntries('l')} WHERE r.campaign_id = c.id)
      RETURNING c.id`),
  )
  return {
    finished: finished.map((row) => row.id),
    folded,
    paused,
    queued,
    repaired,
    started: started.map((row) => row.id),
    winners,
  }
}
