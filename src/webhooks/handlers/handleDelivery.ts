import { sql } from '@payloadcms/db-postgres'

import { countedMessageUpdate } from '../../sending/counters/countDeltas.js'
import {
  findMessage,
  type HandlerResult,
  insertEvent,
  type WebhookContext,
} from '../webhookContext.js'
import { metadataOf, requireString, requireTimestamp, type WebhookBody } from '../webhookFields.js'

/** Delivery: the message is `delivered`, unless a bounce or complaint already said more. */
export const handleDelivery = async (
  ctx: WebhookContext,
  body: WebhookBody,
): Promise<HandlerResult> => {
  const postmarkMessageId = requireString(body, 'MessageID', 200)
  const recipient = requireString(body, 'Recipient', 320)
  const deliveredAt = requireTimestamp(body, 'DeliveredAt')
  const message = await findMessage(ctx, { metadata: metadataOf(body), postmarkMessageId })
  if (!message) return { events: [], outcome: 'ignored' }
  const inserted = await insertEvent(ctx, {
    contactId: message.contactId,
    dedupeKey: `delivery:${postmarkMessageId}:${recipient.toLowerCase()}`,
    details: body,
    messageId: message.id,
    occurredAt: deliveredAt,
    recipient,
    type: 'delivered',
  })
  if (!inserted) return { events: [], outcome: 'duplicate' }
  await ctx.db.execute(
    countedMessageUpdate(ctx.payload, {
      set: sql`status = CASE WHEN status IN ('bounced', 'complained') THEN status ELSE 'delivered'::enum_em_message_status END,
      events_delivered_at = COALESCE(events_delivered_at, ${deliveredAt}::timestamptz), updated_at = now()`,
      where: sql`m.id = ${message.id}`,
    }),
  )
  return { events: [], outcome: 'recorded' }
}
