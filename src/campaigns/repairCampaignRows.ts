import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { pluginOptionsOf } from '../pluginContext.js'
import { arrayParam, rowsOf, tableOf } from '../utilities/db.js'

/**
 * Puts outbox rows back in line with their campaign's status: `held` rows of a sending campaign
 * are queued again (else the campaign never finishes) and `queued` rows of a paused one are held
 * (else they go out past the pause). Pause, resume, cancel and the retry path keep them in line
 * already; this is the tick's safety net. The campaigns are locked FOR SHARE first, so no pause or
 * resume can change a status between our read and our write.
 */
export const repairCampaignRows = async (
  payload: Payload,
): Promise<{ held: number; requeued: number }> => {
  const { slugs } = pluginOptionsOf(payload)
  const campaigns = tableOf(payload, slugs.campaigns)
  const messages = tableOf(payload, slugs.messages)
  return payload.db.drizzle.transaction(async (tx) => {
    const locked = rowsOf<{ id: number; status: 'paused' | 'sending' }>(
      await tx.execute(
        sql`SELECT id, status::text FROM ${campaigns} WHERE status IN ('sending', 'paused') ORDER BY id FOR SHARE`,
      ),
    )
    const ids = (status: string) =>
      arrayParam(locked.filter((row) => row.status === status).map((row) => row.id))
    if (locked.length === 0) return { held: 0, requeued: 0 }
    const moved = rowsOf<{ status: string }>(
      await tx.execute(sql`
        UPDATE ${messages} m SET status = CASE WHEN m.status = 'held' THEN 'queued' ELSE 'held' END::enum_em_message_status, updated_at = now()
        WHERE (m.campaign_id = ANY(${ids('sending')}::int[]) AND m.status = 'held')
           OR (m.campaign_id = ANY(${ids('paused')}::int[]) AND m.status = 'queued')
        RETURNING m.status::text`),
    )
    return {
      held: moved.filter((row) => row.status === 'held').length,
      requeued: moved.filter((row) => row.status === 'queued').length,
    }
  })
}
