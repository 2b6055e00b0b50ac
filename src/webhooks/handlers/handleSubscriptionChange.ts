import type { ContactEvent } from '../../events/contactEvents.js'

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
  requireBoolean,
  requireString,
  requireTimestamp,
  type WebhookBody,
} from '../webhookFields.js'

/** Postmark's suppression reason, as the contact status it means. */
const statusForReason = (reason: string | undefined): 'bounced' | 'complained' | 'unsubscribed' =>
  reason === 'HardBounce' ? 'bounced' : reason === 'SpamComplaint' ? 'complained' : 'unsubscribed'

/**
 * SubscriptionChange: Postmark added the address to a stream's suppression list (unsubscribe link in
 * 'postmark' mode, bounce, complaint, manual) or removed it (reactivation). The contact follows.
 */
export const handleSubscriptionChange = async (
  ctx: WebhookContext,
  body: WebhookBody,
): Promise<HandlerResult> => {
  const recipient = requireString(body, 'Recipient', 320)
  const changedAt = requireTimestamp(body, 'ChangedAt')
  const suppress = requireBoolean(body, 'SuppressSending')
  const reason = optionalString(body, 'SuppressionReason', 100)
  const stream = optionalString(body, 'MessageStream', 100) ?? ''
  const message = await findMessage(ctx, {
    metadata: metadataOf(body),
    postmarkMessageId: optionalString(body, 'MessageID', 200),
  })
  const contactId = message?.contactId ?? (await findContactIdByEmail(ctx, recipient))
  if (!contactId) return { events: [], outcome: 'ignored' }
  const inserted = await insertEvent(ctx, {
    contactId,
    dedupeKey: `subscription:${recipient.toLowerCase()}:${stream}:${changedAt}:${suppress}`,
    details: body,
    messageId: message?.id ?? null,
    occurredAt: changedAt,
    recipient,
    type: 'subscriptionChanged',
  })
  if (!inserted) return { events: [], outcome: 'duplicate' }
  if (!suppress) {
    const events = await setContactStatus(ctx, {
      contactId,
      reason: `Reactivated in Postmark (${stream})`,
      status: 'active',
      unless: ['active'],
    })
    return { events, outcome: 'recorded' }
  }
  const status = statusForReason(reason)
  const statusEvents = await setContactStatus(ctx, {
    contactId,
    reason: `Suppressed in Postmark: ${reason ?? 'unknown reason'} (${stream})`,
    status,
    unless:
      status === 'unsubscribed'
        ? ['unsubscribed', 'bounced', 'complained']
        : [status, 'complained'],
  })
  // A bounced address keeps its list memberships: if it is reactivated, it gets the same mail again.
  const left = status === 'bounced' ? [] : await unsubscribeFromAllLists(ctx, contactId)
  const events: ContactEvent[] = [
    ...statusEvents,
    ...left.map((listId) => ({ contactId, listId, type: 'list.unsubscribed' as const })),
  ]
  return { events, outcome: 'recorded' }
}
