import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { CampaignDoc } from './campaignContent.js'

import { pluginOptionsOf } from '../pluginContext.js'
import { rowsOf, type SQL, tableOf } from '../utilities/db.js'
import { audienceCondition, sendingAudienceOf } from './audience.js'
import { campaignSenderOf, variantsOf } from './campaignContent.js'
import { insertCountDeltas } from '../sending/counters/countDeltas.js'

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

/** A row as the fan-out writes it, for the campaign counters: queued, no webhook facts yet. */
const queuedState = {
  bouncedAt: sql`NULL`,
  clickedAt: sql`NULL`,
  deliveredAt: sql`NULL`,
  openedAt: sql`NULL`,
  status: sql`'queued'`,
}

export type FanOutResult = { chunks: number; phase: FanOutPhase; written: number }

/**
 * Materialises a campaign's recipients into the outbox in keyset chunks by contact id: each chunk is
 * one INSERT ... SELECT ... ON CONFLICT (dedupe_key) DO NOTHING (with its counter deltas) plus a
 * checkpoint move, in one transaction holding the campaign row. Pausing (status change) stops it at the next chunk; a crash
 * resumes from the checkpoint, and the dedupe key makes a repeated chunk a no-op.
 */
export const fanOutCampaign = async (
  payload: Payload,
  campaignId: number,
  { budgetMs = 2000, chunkSize = 5000 }: { budgetMs?: number; chunkSize?: number } = {},
): Promise<FanOutResult> => {
  const options = pluginOptionsOf(payload)
  const campaigns = tableOf(payload, options.slugs.campaigns)
  const contacts = tableOf(payload, options.slugs.contacts)
  const messages = tableOf(payload, options.slugs.messages)
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
          ), written AS (
            INSERT INTO ${messages} (kind, status, stream, contact_id, to_address, from_address, from_name, reply_to, subject,
              tag, metadata, dedupe_key, priority, attempts, next_attempt_at, events_open_count, events_click_count,
              created_at, updated_at, campaign_id, variant)
            SELECT 'campaign', 'queued', ${options.postmark.broadcastStream}, id, email, ${from.address}, ${from.name}, ${campaign.replyTo ?? null},
              ${campaign.subject}, ${`campaign-${campaignId}`}, ${metadata}::jsonb, 'campaign:' || ${String(campaignId)} || ':' || id, 1, 0, now(), 0, 0,
              now(), now(), ${campaignId}, variant
            FROM picked
            ON CONFLICT (dedupe_key) DO NOTHING
            RETURNING campaign_id, variant, sent_at
          ), counted AS (${insertCountDeltas(payload, {
            after: queuedState,
            before: null,
            rows: { alias: 'written', from: sql`written` },
          })})
          SELECT (SELECT count(*) FROM chunk)::int AS scanned, (SELECT max(id) FROM chunk)::int AS "lastId",
            (SELECT count(*) FROM written)::int AS written`),
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
