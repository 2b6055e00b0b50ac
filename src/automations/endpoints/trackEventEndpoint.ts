import { APIError, type Endpoint } from 'payload'

import { guard } from '../../access/guard.js'
import { trackEvent, TrackEventError } from '../trackEvent.js'

/** POST /api/email-marketing/events `{ email, event, data? }` for admin users and their API keys (`eventsAccess`). */
export const trackEventEndpoint: Endpoint = {
  handler: async (req) => {
    await guard(req, 'trackEvents')
    const body = (await req.json?.().catch(() => null)) as null | {
      data?: Record<string, unknown>
      email?: string
      event?: string
    }
    if (!body || typeof body !== 'object')
      throw new APIError('Send a JSON body { email, event, data }.', 400)
    try {
      const result = await trackEvent(req.payload, {
        data: body.data,
        email: String(body.email ?? ''),
        event: String(body.event ?? ''),
      })
      return Response.json({ contactFound: result.contactId !== null })
    } catch (error) {
      if (error instanceof TrackEventError) throw new APIError(error.message, 400)
      throw error
    }
  },
  method: 'post',
  path: '/email-marketing/events',
}
