import { APIError, type Endpoint } from 'payload'

import { guard } from '../../access/guard.js'
import { answeringErrors } from '../../errors/toApiError.js'
import { optionalString, readJsonBody } from '../../http/requestBody.js'
import { trackEvent } from '../trackEvent.js'

/** POST /api/email-marketing/events `{ email, event, data? }` for admin users and their API keys (`eventsAccess`). */
export const trackEventEndpoint: Endpoint = {
  handler: async (req) => {
    await guard(req, 'trackEvents')
    const body = await readJsonBody(req)
    const data = body.data
    if (data !== undefined && data !== null && (typeof data !== 'object' || Array.isArray(data)))
      throw new APIError('`data` must be a JSON object.', 400, null, true)
    const result = await answeringErrors(() =>
      trackEvent(req.payload, {
        data: (data ?? undefined) as Record<string, unknown> | undefined,
        email: optionalString(body, 'email') ?? '',
        event: optionalString(body, 'event') ?? '',
      }),
    )
    return Response.json({ contactFound: result.contactId !== null })
  },
  method: 'post',
  path: '/email-marketing/events',
}
