import { sql } from '@payloadcms/db-postgres'

import { countedMessageUpdate } from '../../sending/counters/countDeltas.js'
import { pluginOptionsOf } from '../../pluginContext.js'
import { rowsOf } from '../../utilities/db.js'
import {
  findContactIdByEmail,
  findMessage,
  type HandlerResult,
  insertEvent,
  setContactStatus,
  type WebhookContext,
} from '../webhookContext.js'
import {
  metadataOf,
  optionalString,
  requireEventId,
  requireString,
  requireTimestamp,
  type WebhookBody,
} from '../webhookFields.js'

/** Bounce types that say the address will never accept mail. */
const hardBounceTypes = new Set(['BadEmailAddress', 'HardBounce', 'ManuallyDeactivated'])
/** Temporary failures: only a run of them in a row marks the contact. */
const softBounceTypes = new Set(['DnsError', 'SoftBounce'])

/** True when the contact's last `limit` delivery outcomes are all soft bounces. */
const softBouncedInARow = async (
  ctx: WebhookContext,
  contactId: number,
  limit: number,
): Promise<boolean> => {
  const recent = rowsOf<{ type: string }>(
    await ctx.db.execute(sql`
      SELECT type FROM ${ctx.tables.events}
      WHERE contact_id = ${contactId} AND type IN ('delivered', 'bounced', 'softBounced')
      ORDER BY occurred_at DESC, id DESC LIMIT ${limit}
    `),
  )
  return recent.length === limit && recent.every((row) => row.type === 'softBounced')
}

/** Bounce: a hard bounce marks the contact `bounced`; soft bounces do after `softBounceLimit` in a row. */
export const handleBounce = async (
  ctx: WebhookContext,
  body: WebhookBody,
): Promise<HandlerResult> => {
  const bounceId = requireEventId(body, 'ID')
  const bounceType = requireString(body, 'Type', 100)
  const email = requireString(body, 'Email', 320)
  const bouncedAt = requireTimestamp(body, 'BouncedAt')
  const message = await findMessage(ctx, {
    metadata: metadataOf(body),
    postmarkMessageId: optionalString(body, 'MessageID', 200),
  })
  const contactId = message?.contactId ?? (await findContactIdByEmail(ctx, email))
  if (!message && !contactId) return { events: [], outcome: 'ignored' }
  const hard = hardBounceTypes.has(bounceType)
  const soft = softBounceTypes.has(bounceType)
  const inserted = await insertEvent(ctx, {
    contactId,
    dedupeKey: `bounce:${bounceId}`,
    details: body,
    messageId: message?.id ?? null,
    occurredAt: bouncedAt,
    recipient: email,
    type: hard ? 'bounced' : soft ? 'softBounced' : 'otherBounce',
  })
  if (!inserted) return { events: [], outcome: 'duplicate' }
  if (message && (hard || soft)) {
    await ctx.db.execute(
      countedMessageUpdate(ctx.payload, {
        set: sql`status = CASE WHEN status = 'complained' THEN status ELSE 'bounced'::enum_em_message_status END,
        events_bounced_at = COALESCE(events_bounced_at, ${bouncedAt}::timestamptz), updated_at = now()`,
        where: sql`m.id = ${message.id}`,
      }),
    )
  }
  const limit = pluginOptionsOf(ctx.payload).softBounceLimit
  if (contactId && (hard || (soft && (await softBouncedInARow(ctx, contactId, limit))))) {
    const description = optionalString(body, 'Description', 1000) ?? bounceType
    const events = await setContactStatus(ctx, {
      contactId,
      reason: hard
        ? `Hard bounce (${bounceType}): ${description}`
        : `${limit} soft bounces in a row: ${description}`,
      status: 'bounced',
      unless: ['bounced', 'complained'],
    })
    return { events, outcome: 'recorded' }
  }
  return { events: [], outcome: 'recorded' }
}
