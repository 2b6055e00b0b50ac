import { sql } from '@payloadcms/db-postgres'

import { countedMessageUpdate } from '../../sending/counters/countDeltas.js'
import { refreshContactEngagement } from '../../retention/contactEngagement.js'
import {
  findMessage,
  type HandlerResult,
  insertEvent,
  type WebhookContext,
} from '../webhookContext.js'
import {
  bodyHash,
  metadataOf,
  optionalString,
  requireString,
  requireTimestamp,
  type WebhookBody,
} from '../webhookFields.js'

/** Click: the link is kept on the event row; the message gets its first click time and a count. */
export const handleClick = async (
  ctx: WebhookContext,
  body: WebhookBody,
): Promise<HandlerResult> => {
  const postmarkMessageId = requireString(body, 'MessageID', 200)
  const receivedAt = requireTimestamp(body, 'ReceivedAt')
  const url = requireString(body, 'OriginalLink', 4000)
  const message = await findMessage(ctx, { metadata: metadataOf(body), postmarkMessageId })
  if (!message) return { events: [], outcome: 'ignored' }
  const inserted = await insertEvent(ctx, {
    contactId: message.contactId,
    dedupeKey: `click:${postmarkMessageId}:${bodyHash(body)}`,
    details: body,
    messageId: message.id,
    occurredAt: receivedAt,
    recipient: optionalString(body, 'Recipient', 320),
    type: 'clicked',
    url,
  })
  if (!inserted) return { events: [], outcome: 'duplicate' }
  await ctx.db.execute(
    countedMessageUpdate(ctx.payload, {
      set: sql`events_clicked_at = LEAST(COALESCE(events_clicked_at, ${receivedAt}::timestamptz), ${receivedAt}::timestamptz),
      events_click_count = COALESCE(events_click_count, 0) + 1, updated_at = now()`,
      where: sql`m.id = ${message.id}`,
    }),
  )
  if (message.contactId) await refreshContactEngagement(ctx.payload, ctx.db, [message.contactId])
  const events = message.contactId
    ? [{ contactId: message.contactId, messageId: message.id, type: 'email.clicked' as const, url }]
    : []
  return { events, outcome: 'recorded' }
}
