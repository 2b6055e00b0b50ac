import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { CampaignDoc } from './campaignContent.js'

import { pluginOptionsOf } from '../pluginContext.js'
import { rowsOf, type SQL, tableOf } from '../utilities/db.js'
import { audienceCondition, sendingAudienceOf } from './audience.js'
import { campaignSenderOf, variantsOf } from './campaignContent.js'
import { insertCountDeltas, queuedState } from '../sending/counters/countDeltas.js'
import {
  insertRecipientBatches,
  writtenRecipients,
} from '../sending/recipients/recipientBatches.js'
import { campaignEnvelopesTable } from '../sending/recipients/recipientTables.js'

export type FanOutPhase = 'all' | 'done' | 'idle' | 'remainder' | 'test' | 'waiting'

type Locked = {
  last: number
  pct: null | number
  phase: FanOutPhase
  recipients: number
  status: string
  winner: null | number
}

/** What a chunk inserts for each phase: everyone, the A/B test share (variants round-robin), or the rest (winner only). */
const phaseSql = (
  campaignId: number,
  locked: Locked,
  variantCount: number,
): { filter: SQL; variant: SQL } => {
  const bucket = sql`((hashtext(${String(campaignId)} || ':' || id::text)::bigint % 100 + 100) % 100)`
  if (locked.phase === 'test') {
    return {
      filter: sql`${bucket} < ${locked.pct ?? 20}`,
      variant: sql`((${locked.recipients} + row_number() OVER (ORDER BY id) - 1) % ${variantCount})::int`,
    }
  }
  if (locked.phase === 'remainder')
    return {
      filter: sql`${bucket} >= ${locked.pct ?? 20}`,
      variant: sql`${locked.winner ?? 0}::int`,
    }
  return { filter: sql`true`, variant: sql`0` }
}

const nextPhase: Partial<Record<FanOutPhase, FanOutPhase>> = {
  all: 'done',
  remainder: 'done',
  test: 'waiting',
}

export type FanOutResult = { chunks: number; phase: FanOutPhase; written: number }

/**
 * Writes a campaign's recipients (batch rows of up to `sending.batchSize` contacts; senders turn
 * them into outbox rows as they send) in keyset chunks by contact id: each chunk is one INSERT ...
 * SELECT (with its counter deltas) plus a checkpoint move, in one transaction holding the campaign
 * row; the first also writes the campaign's envelope (sender, subject). Pausing (status change)
 * stops it at the next chunk; a crash rolls the chunk back with its checkpoint, so each contact is
 * written once per phase, and the A/B phases pick disjoint contacts.
 */
export const fanOutCampaign = async (
  payload: Payload,
  campaignId: number,
  { budgetMs = 2000, chunkSize = 5000 }: { budgetMs?: number; chunkSize?: number } = {},
): Promise<FanOutResult> => {
  const options = pluginOptionsOf(payload)
  const campaigns = tableOf(payload, options.slugs.campaigns)
  const contacts = tableOf(payload, options.slugs.contacts)
  const campaign = (await payload.findByID({
    collection: options.slugs.campaigns as 'users',
    depth: 0,
    id: campaignId,
  })) as unknown as CampaignDoc & {
    audience?: Record<string, unknown>
    audienceSnapshot?: unknown
    fromEmail?: string
    fromName?: string
    replyTo?: string
  }
  const audience = sendingAudienceOf(campaign)
  const condition = await audienceCondition(payload, audience)
  const variantCount = variantsOf(campaign).length
  const from = await campaignSenderOf(payload, campaign, audience)
  const metadata = JSON.stringify({ campaignId: String(campaignId) })
  const deadline = Date.now() + budgetMs
  const result: FanOutResult = { chunks: 0, phase: 'idle', written: 0 }

  for (;;) {
    const step = await payload.db.drizzle.transaction(async (tx) => {
      const [locked] = rowsOf<Locked>(
        await tx.execute(sql`
          SELECT status::text, fan_out_phase::text AS phase, coalesce(fan_out_last_contact_id, 0)::int AS last,
            coalesce(fan_out_recipients, 0)::int AS recipients, ab_test_test_percent::int AS pct, ab_test_winner::int AS winner
          FROM ${campaigns} WHERE id = ${campaignId} FOR UPDATE SKIP LOCKED`),
      )
      if (!locked || locked.status !== 'sending' || !nextPhase[locked.phase])
        return { phase: (locked?.phase ?? 'idle') as FanOutPhase, stop: true, written: 0 }
      const { filter, variant } = phaseSql(campaignId, locked, variantCount)
      const [chunk] = rowsOf<{ lastId: null | number; scanned: number; written: number }>(
        await tx.execute(sql`
          WITH chunk AS (
            SELECT c.id, c.email FROM ${contacts} c
            WHERE c.id > ${locked.last} AND ${condition}
            ORDER BY c.id LIMIT ${chunkSize}
          ), picked AS (
            SELECT id, email, ${variant} AS variant FROM chunk WHERE ${filter}
          ), envelope AS (
            INSERT INTO ${campaignEnvelopesTable(payload)} (campaign_id, stream, from_address, from_name, reply_to, subject, tag, metadata)
            VALUES (${campaignId}, ${options.postmark.broadcastStream}, ${from.address}, ${from.name}, ${campaign.replyTo ?? null},
              ${campaign.subject}, ${`campaign-${campaignId}`}, ${metadata}::jsonb)
            ON CONFLICT (campaign_id) DO NOTHING
          ), written AS (${insertRecipientBatches(
            payload,
            sql`(SELECT ${campaignId}::int AS campaign_id, id AS contact_id, variant FROM picked) e`,
          )}
          ), counted AS (${insertCountDeltas(payload, {
            after: queuedState,
            before: null,
            rows: { alias: 'r', from: writtenRecipients('written', 'r') },
          })})
          SELECT (SELECT count(*) FROM chunk)::int AS scanned, (SELECT max(id) FROM chunk)::int AS "lastId",
            (SELECT count(*) FROM picked)::int AS written`),
      )
      const finished = chunk.scanned < chunkSize
      const phase = finished ? (nextPhase[locked.phase] as FanOutPhase) : locked.phase
      await tx.execute(sql`
        UPDATE ${campaigns}
        SET fan_out_last_contact_id = ${finished ? 0 : (chunk.lastId ?? locked.last)},
            fan_out_recipients = coalesce(fan_out_recipients, 0) + ${chunk.written},
            fan_out_phase = ${phase}::enum_em_campaign_fan_out_phase,
            ab_test_test_sent_at = CASE WHEN ${phase} = 'waiting' THEN now() ELSE ab_test_test_sent_at END,
            updated_at = updated_at
        WHERE id = ${campaignId}`)
      return { phase, stop: finished, written: chunk.written }
    })
    result.phase = step.phase
    result.written += step.written
    if (step.written > 0 || !step.stop) result.chunks += 1
    if (step.stop || Date.now() >= deadline) return result
  }
}
