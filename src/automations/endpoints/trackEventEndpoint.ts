import { APIError, type Endpoint } from 'payload'

import { trackEvent, TrackEventError } from '../trackEvent.js'

/** POST /api/email-marketing/events `{ email, event, data? }` for logged-in users (or API keys). */
export const trackEventEndpoint: Endpoint = {
  handler: async (req) => {
    if (!req.user) throw new APIError('Log in (or send an API key) to track events.', 401)
    const body = (await req.json?.().catch(() => null)) as null | { data?: Record<string, unknown>; email?: string; event?: string }
    if (!body || typeof body !== 'object') throw new APIError('Send a JSON body { email, event, data }.', 400)
    try {
      const result = await trackEvent(req.payload, { data: body.data, email: String(body.email ?? ''), event: String(body.event ?? '') })
      return Response.json({ contactFound: result.contactId !== null })
    } catch (error) {
      if (error instanceof TrackEventError) throw new APIError(error.message, 400)
      throw error
    }
  },
  method: 'post',
  path: '/email-marketing/events',
}
