import type { Payload } from 'payload'

import type { HandlerResult, WebhookContext } from './webhookContext.js'

import { recordContactEvents } from '../events/recordContactEvents.js'
import { handleBounce } from './handlers/handleBounce.js'
import { handleClick } from './handlers/handleClick.js'
import { handleDelivery } from './handlers/handleDelivery.js'
import { handleOpen } from './handlers/handleOpen.js'
import { handleSpamComplaint } from './handlers/handleSpamComplaint.js'
import { handleSubscriptionChange } from './handlers/handleSubscriptionChange.js'
import { contextFor } from './webhookContext.js'
import { MalformedWebhookError, type WebhookBody } from './webhookFields.js'
import { webhookJson } from './webhookJson.js'

const handlers: Record<string, (ctx: WebhookContext, body: WebhookBody) => Promise<HandlerResult>> =
  {
    Bounce: handleBounce,
    Click: handleClick,
    Delivery: handleDelivery,
    Open: handleOpen,
    SpamComplaint: handleSpamComplaint,
    SubscriptionChange: handleSubscriptionChange,
  }

export type WebhookOutcome = { outcome: HandlerResult['outcome']; recordType: string }

/**
 * Applies one Postmark webhook body. The event row, its effects and the automation facts it
 * produced commit together, and the event's unique dedupe key turns a redelivery into a no-op. Unknown record types are ignored; a body that
 * lacks what its type needs throws MalformedWebhookError (400) before anything is written.
 */
export const recordPostmarkWebhook = async (
  payload: Payload,
  body: unknown,
): Promise<WebhookOutcome> => {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new MalformedWebhookError('the body must be a JSON object.')
  const recordType = (body as WebhookBody).RecordType
  if (typeof recordType !== 'string')
    throw new MalformedWebhookError('RecordType must be a string.')
  const handler = Object.hasOwn(handlers, recordType) ? handlers[recordType] : undefined
  if (!handler) return { outcome: 'ignored', recordType: recordType.slice(0, 100) }
  // Postgres text and jsonb cannot hold NUL.
  if (webhookJson(body).includes('\\u0000'))
    throw new MalformedWebhookError('strings must not contain NUL characters.')
  const result = await payload.db.drizzle.transaction(async (tx) => {
    const db = tx as unknown as Payload['db']['drizzle']
    const handled = await handler(contextFor(payload, db), body as WebhookBody)
    await recordContactEvents(payload, db, handled.events)
    return handled
  })
  return { outcome: result.outcome, recordType }
}
