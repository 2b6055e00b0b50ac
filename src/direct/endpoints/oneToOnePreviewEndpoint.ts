import type { Endpoint } from 'payload'

import { guard } from '../../access/guard.js'
import { toApiError } from '../../errors/toApiError.js'
import { previewOneToOne } from '../sendOneToOne.js'
import { oneToOneArgsOf } from './oneToOneArgs.js'

/**
 * POST /api/email-marketing/one-to-one/preview
 * The same body as `one-to-one`; answers the rendered `{ to, subject, html, text }` and queues nothing.
 */
export const oneToOnePreviewEndpoint: Endpoint = {
  handler: async (req) => {
    const user = await guard(req, 'sendOneToOne')
    const args = await oneToOneArgsOf(req, user)
    try {
      return Response.json(await previewOneToOne(req.payload, args))
    } catch (error) {
      throw toApiError(error)
    }
  },
  method: 'post',
  path: '/email-marketing/one-to-one/preview',
}
