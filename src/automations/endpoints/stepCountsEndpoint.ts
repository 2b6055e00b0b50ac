import { APIError, type Endpoint } from 'payload'

import { guard } from '../../access/guard.js'
import { stepCounts } from '../engine/stepCounts.js'

/** GET /api/email-marketing/automations/:id/step-counts: the flow view's numbers. */
export const stepCountsEndpoint: Endpoint = {
  handler: async (req) => {
    await guard(req, 'readContacts')
    const id = Number(req.routeParams?.id)
    if (!Number.isInteger(id) || id <= 0)
      throw new APIError('The automation id must be a positive whole number.', 400)
    return Response.json({ counts: await stepCounts(req.payload, id) })
  },
  method: 'get',
  path: '/email-marketing/automations/:id/step-counts',
}
