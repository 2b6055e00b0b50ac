import { sql } from '@payloadcms/db-postgres'

import { countedMessageUpdate } from '../../sending/counters/countDeltas.js'
import {
  findContactIdByEmail,
  findMessage,
  type HandlerResult,
  insertEvent,
  setContactStatus,
  unsubscribeFromAllLists,
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

/** SpamComplaint: the message and contact are `complained` and the contact leaves every list. */
export const handleSpamComplaint = async (
  ctx: WebhookContext,
  body: WebhookBody,
): Promise<HandlerResult> => {
  const complaintId = requireEventId(body, 'ID')
  const email = requireString(body, 'Email', 320)
  const complainedAt = requireTimestamp(body, 'BouncedAt')
  const message = await findMessage(ctx, {
    metadata: metadataOf(body),
    postmarkMessageId: optionalString(body, 'MessageID', 200),
  })
  const contactId = message?.contactId ?? (await findContactIdByEmail(ctx, email))
  if (!message && !contactId) return { events: [], outcome: 'ignored' }
  const inserted = await insertEvent(ctx, {
    contactId,
    dedupeKey: `spam:${complaintId}`,
    details: body,
    messageId: message?.id ?? null,
    occurredAt: complainedAt,
    recipient: email,
    type: 'complained',
  })
  if (!inserted) return { events: [], outcome: 'duplicate' }
  if (message) {
    await ctx.db.execute(
      countedMessageUpdate(ctx.payload, {
        set: sql`status = 'complained', updated_at = now()`,
        where: sql`m.id = ${message.id}`,
      }),
    )
  }
  if (!contactId) return { events: [], outcome: 'recorded' }
  const statusEvents = await setContactStatus(ctx, {
    contactId,
    reason: 'Marked an email as spam',
    status: 'complained',
    unless: ['complained'],
  })
  const left = await unsubscribeFromAllLists(ctx, contactId)
  return {
    events: [
      ...statusEvents,
      ...left.map((listId) => ({ contactId, listId, type: 'list.unsubscribed' as const })),
    ],
    outcome: 'recorded',
  }
}
