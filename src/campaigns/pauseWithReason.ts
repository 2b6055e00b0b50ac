import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { pluginOptionsOf } from '../pluginContext.js'
import { rowsOf, tableOf } from '../utilities/db.js'
import { audienceProblem, sendingAudienceOf } from './audience.js'
import { loadCampaign } from './campaignActions.js'
import { materialiseRecipients } from '../sending/recipients/materialise.js'

/**
 * The campaign pauses itself: status `paused` with the reason the admin shows, and its waiting
 * recipients and queued rows `held`, in one transaction. Only a scheduled or sending campaign pauses; returns whether this call paused it.
 */
export const pauseWithReason = async (
  payload: Payload,
  id: number,
  reason: string,
): Promise<boolean> => {
  const { slugs } = pluginOptionsOf(payload)
  return payload.db.drizzle.transaction(async (tx) => {
    const paused = rowsOf(
      await tx.execute(sql`
      UPDATE ${tableOf(payload, slugs.campaigns)} SET status = 'paused', paused_reason = ${reason}, updated_at = now()
      WHERE id = ${id} AND status IN ('scheduled', 'sending') RETURNING id`),
    )
    if (paused.length === 0) return false
    await materialiseRecipients(payload, tx as unknown as Payload['db']['drizzle'], {
      status: 'held',
      campaignId: id,
    })
    await tx.execute(
      sql`UPDATE ${tableOf(payload, slugs.messages)} SET status = 'held' WHERE campaign_id = ${id} AND status = 'queued'`,
    )
    return true
  })
}

/**
 * Fail closed: a scheduled or sending campaign whose audience became empty or names a deleted list
 * or segment pauses with the reason instead of fanning out. Returns whether it paused.
 */
export const pauseIfAudienceBroken = async (payload: Payload, id: number): Promise<boolean> => {
  const campaign = (await loadCampaign(payload, id)) as Parameters<typeof sendingAudienceOf>[0]
  const problem = await audienceProblem(payload, sendingAudienceOf(campaign))
  return problem !== null && pauseWithReason(payload, id, problem)
}
