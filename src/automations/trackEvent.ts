import { EmailMarketingError } from '../errors/EmailMarketingError.js'
import type { CollectionSlug, Payload, PayloadRequest } from 'payload'

import { recordContactEvents, recordContactEventsFor } from '../events/recordContactEvents.js'
import { pluginOptionsOf } from '../pluginContext.js'
import { isEmailAddress, normalizeEmail } from '../utilities/isEmailAddress.js'

export class TrackEventError extends EmailMarketingError {
  constructor(message: string) {
    super(message, 400)
  }
}

export type TrackEventResult = { contactId: null | number }

/**
 * Records a custom event for the contact with this email (in `req`'s transaction when given); the
 * engine's next tick starts every active automation with a matching "custom event" trigger. An
 * unknown address changes nothing (`contactId: null`).
 */
export const trackEvent = async (
  payload: Payload,
  { data, email, event }: { data?: Record<string, unknown>; email: string; event: string },
  req?: PayloadRequest,
): Promise<TrackEventResult> => {
  if (typeof email !== 'string' || !isEmailAddress(email))
    throw new TrackEventError('trackEvent needs a valid "email".')
  if (typeof event !== 'string' || event.trim() === '')
    throw new TrackEventError('trackEvent needs a non-empty "event" name.')
  if (data !== undefined && (typeof data !== 'object' || data === null || Array.isArray(data))) {
    throw new TrackEventError('trackEvent "data" must be an object.')
  }
  const { docs } = await payload.find({
    collection: pluginOptionsOf(payload).slugs.contacts as CollectionSlug,
    depth: 0,
    limit: 1,
    req,
    where: { email: { equals: normalizeEmail(email) } },
  })
  const contact = docs[0] as undefined | { id: number }
  if (!contact) return { contactId: null }
  const fact = { contactId: contact.id, data, event: event.trim(), type: 'custom' as const }
  if (req) await recordContactEventsFor(req, [fact])
  else await recordContactEvents(payload, payload.db.drizzle, [fact])
  return { contactId: contact.id }
}
