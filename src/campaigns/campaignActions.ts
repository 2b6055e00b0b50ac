import type { Payload } from 'payload'

import { InvalidInputError } from '../errors/InvalidInputError.js'
import { sql } from '@payloadcms/db-postgres'

import type { CampaignDoc } from './campaignContent.js'

import { pluginOptionsOf } from '../pluginContext.js'
import { signalOutboxWork } from '../sending/outboxSignal.js'
import { rowsOf, tableOf } from '../utilities/db.js'
import { audienceOf } from './audience.js'
import { assertChecklistPasses, type CampaignChecklist } from './campaignChecklist.js'
import { isAbTest } from './campaignContent.js'
import { type CampaignStatus, CampaignTransitionError } from './campaignStatus.js'
import { fanOutCampaign } from './fanOut.js'
import { isTimeZone } from '../utilities/scheduledTimeZone.js'
import { cancelUnsentEmails, materialiseRecipients } from '../sending/recipients/materialise.js'

type Drizzle = Payload['db']['drizzle']

type CampaignRecord = CampaignDoc & { audience?: Record<string, unknown>; status: CampaignStatus }

export const loadCampaign = async (
  payload: Payload,
  id: number,
  depth = 0,
): Promise<CampaignRecord> =>
  (await payload.findByID({
    collection: pluginOptionsOf(payload).slugs.campaigns as 'users',
    depth,
    id,
  })) as unknown as CampaignRecord

const tables = (payload: Payload) => {
  const { slugs } = pluginOptionsOf(payload)
  return {
    campaigns: tableOf(payload, slugs.campaigns),
    messages: tableOf(payload, slugs.messages),
  }
}

/**
 * Sets the fan-out phase of a campaign that just started sending and snapshots its audience, which
 * the fan-out works from from then on; a no-op when another process did.
 */
export const startFanOutPhase = async (payload: Payload, id: number): Promise<void> => {
  const campaign = await loadCampaign(payload, id)
  await payload.db.drizzle.execute(sql`
    UPDATE ${tables(payload).campaigns}
    SET fan_out_phase = ${isAbTest(campaign) ? 'test' : 'all'}::enum_em_campaign_fan_out_phase, fan_out_last_contact_id = 0,
        fan_out_recipients = 0, fan_out_started_at = now(), audience_snapshot = ${JSON.stringify(audienceOf(campaign))}::jsonb
    WHERE id = ${id} AND status = 'sending' AND fan_out_phase = 'idle'`)
}

const transitionError = async (
  payload: Payload,
  id: number,
  to: CampaignStatus,
): Promise<CampaignTransitionError> =>
  new CampaignTransitionError((await loadCampaign(payload, id)).status, to)

/** Checks what must hold before a campaign may go out: a legal status change and a pre-send checklist with nothing blocking. */
const assertSendable = async (
  payload: Payload,
  campaign: CampaignRecord,
  to: CampaignStatus,
): Promise<CampaignChecklist> => {
  if (!['draft', 'scheduled'].includes(campaign.status))
    throw new CampaignTransitionError(campaign.status, to)
  return assertChecklistPasses(payload, campaign)
}

/**
 * "Send now": validates, flips the campaign to `sending` with a guarded update (only one caller
 * wins), and fans out the first chunk, so the editor's request answers at once and senders start on
 * it while the campaign tick continues the fan-out in any process (`budgetMs` fans out more chunks
 * first). Throws CampaignChecklistError (findings) or CampaignTransitionError and changes nothing;
 * returns the checklist's warnings with the result.
 */
export const sendCampaign = async (
  payload: Payload,
  id: number,
  { budgetMs = 0 }: { budgetMs?: number } = {},
) => {
  const campaign = await loadCampaign(payload, id)
  const { findings } = await assertSendable(payload, campaign, 'sending')
  const started = rowsOf(
    await payload.db.drizzle.execute(sql`
      UPDATE ${tables(payload).campaigns} SET status = 'sending', fan_out_phase = 'idle', updated_at = now()
      WHERE id = ${id} AND status IN ('draft', 'scheduled') RETURNING id`),
  )
  if (started.length === 0) throw await transitionError(payload, id, 'sending')
  await startFanOutPhase(payload, id)
  const fanned = await fanOutCampaign(payload, id, { budgetMs })
  signalOutboxWork(payload)
  return { findings, phase: fanned.phase, queued: fanned.written }
}

/**
 * Schedules a draft for `at` (the campaign tick sends it then), kept with the IANA time zone it was
 * chosen in so the admin shows it there ("Thu 24 Dec 2026, 9:00 AM Europe/Berlin"). Throws
 * CampaignChecklistError or CampaignTransitionError and changes nothing; the collection hook runs
 * the same checklist.
 */
export const scheduleCampaign = async (
  payload: Payload,
  id: number,
  at: Date,
  timeZone = 'UTC',
) => {
  if (Number.isNaN(at.getTime()))
    throw new InvalidInputError('The scheduled time is not a valid date.')
  if (!isTimeZone(timeZone))
    throw new InvalidInputError(
      `"${timeZone}" is not a time zone; use an IANA name such as Europe/Berlin.`,
    )
  const campaign = await loadCampaign(payload, id)
  const { findings } = await assertSendable(payload, campaign, 'scheduled')
  const scheduled = await payload.update({
    collection: pluginOptionsOf(payload).slugs.campaigns as 'users',
    data: {
      scheduledAt: at.toISOString(),
      scheduledTimeZone: timeZone,
      status: 'scheduled',
    } as never,
    id,
  })
  return { ...scheduled, findings }
}

/** Back to draft: the campaign will not be sent at its scheduled time. */
export const unscheduleCampaign = async (payload: Payload, id: number) => {
  const rows = rowsOf(
    await payload.db.drizzle.execute(sql`
    UPDATE ${tables(payload).campaigns}
    SET status = 'draft', scheduled_at = NULL, scheduled_time_zone = NULL, updated_at = now()
    WHERE id = ${id} AND status = 'scheduled' RETURNING id`),
  )
  if (rows.length === 0) throw await transitionError(payload, id, 'draft')
}

/**
 * Pausing flips the status and, in one transaction, writes the campaign's waiting recipients as
 * `held` rows and moves its queued rows to `held`, so the claim query never has to skip them;
 * emails already claimed finish their batch.
 */
export const pauseCampaign = async (payload: Payload, id: number) => {
  const { campaigns, messages } = tables(payload)
  const held = await payload.db.drizzle.transaction(async (tx) => {
    const rows = rowsOf(
      await tx.execute(
        sql`UPDATE ${campaigns} SET status = 'paused' WHERE id = ${id} AND status = 'sending' RETURNING id`,
      ),
    )
    if (rows.length === 0) return null
    const waiting = await materialiseRecipients(payload, tx as unknown as Drizzle, {
      status: 'held',
      campaignId: id,
    })
    return (
      waiting +
      rowsOf(
        await tx.execute(
          sql`UPDATE ${messages} SET status = 'held' WHERE campaign_id = ${id} AND status = 'queued' RETURNING id`,
        ),
      ).length
    )
  })
  if (held === null) throw await transitionError(payload, id, 'paused')
  return { held }
}

/** Resuming requeues the held rows; the tick continues the fan-out from its checkpoint. */
export const resumeCampaign = async (payload: Payload, id: number) => {
  const { campaigns, messages } = tables(payload)
  const requeued = await payload.db.drizzle.transaction(async (tx) => {
    const rows = rowsOf(
      await tx.execute(
        sql`UPDATE ${campaigns} SET status = 'sending', paused_reason = NULL WHERE id = ${id} AND status = 'paused' RETURNING id`,
      ),
    )
    if (rows.length === 0) return null
    return rowsOf(
      await tx.execute(
        sql`UPDATE ${messages} SET status = 'queued' WHERE campaign_id = ${id} AND status = 'held' RETURNING id`,
      ),
    ).length
  })
  if (requeued === null) throw await transitionError(payload, id, 'sending')
  signalOutboxWork(payload)
  return { requeued }
}

/** Cancelling is final: every email not yet handed to Postmark becomes a `cancelled` row. */
export const cancelCampaign = async (payload: Payload, id: number) => {
  const { campaigns } = tables(payload)
  const cancelled = await payload.db.drizzle.transaction(async (tx) => {
    const rows = rowsOf(
      await tx.execute(sql`
      UPDATE ${campaigns} SET status = 'cancelled', fan_out_finished_at = now()
      WHERE id = ${id} AND status IN ('draft', 'scheduled', 'sending', 'paused') RETURNING id`),
    )
    if (rows.length === 0) return null
    return cancelUnsentEmails(payload, tx as unknown as Drizzle, id)
  })
  if (cancelled === null) throw await transitionError(payload, id, 'cancelled')
  return { cancelled }
}

/** A new draft with the same content and audience. */
export const duplicateCampaign = async (payload: Payload, id: number) => {
  const source = (await loadCampaign(payload, id)) as unknown as Record<string, unknown>
  const {
    abTest,
    audienceSnapshot: _as,
    createdAt: _c,
    fanOut: _f,
    id: _i,
    name,
    pausedReason: _p,
    scheduledAt: _s,
    scheduledTimeZone: _tz,
    status: _st,
    updatedAt: _u,
    ...rest
  } = source
  const test = (abTest ?? {}) as Record<string, unknown>
  const variants = Array.isArray(test.variants)
    ? test.variants.map(({ id: _vid, ...variant }) => variant)
    : []
  return payload.create({
    collection: pluginOptionsOf(payload).slugs.campaigns as 'users',
    data: {
      ...rest,
      abTest: { ...test, testSentAt: null, variants, winner: null },
      name: `Copy of ${String(name)}`,
      status: 'draft',
    } as never,
  })
}
